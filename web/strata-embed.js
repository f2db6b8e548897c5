/*
 * strata-embed.js: include once on a page (a slide deck, a blog post) that embeds Strata
 * visualizers, then embed each one as an ordinary iframe:
 *
 *   <iframe src="https://your.host/strata/#/embed/btree?guided=first-root-split&controls=step"
 *           title="B-tree: the first root split" style="border:0; width:100%; height:420px"></iframe>
 *   <script src="https://your.host/strata/strata-embed.js"></script>
 *
 * For iframes whose address contains "#/embed/", it
 *  - sets the frame's height to what the widget reports it needs (strata:resize). Give the
 *    iframe the attribute data-strata-fixed to keep your own height; a CSS max-height still
 *    caps the height set here;
 *  - takes back keys the widget hands over (strata:key): at the widget's last step "next",
 *    at its first step "prev", and any key it does not use. Focus returns to this page and
 *    the key is replayed here, so a presenter's clicker moves the deck on.
 * Drive a widget from the page with StrataEmbed.send(iframe, command, step), where command is
 * "next", "prev", "first", "last", "play", "pause" or "goto" (goto takes the step number).
 */
(() => {
  "use strict";
  if (window.StrataEmbed) return; // Included twice: the first copy already listens.

  const MAX_HEIGHT = 10000; // A runaway report must not make a frame kilometres tall.

  // The KeyboardEvent constructor leaves the legacy keyCode/which at 0, but some decks
  // (reveal.js among them) still read them, so replayed keys carry them.
  const KEY_CODES = new Map(Object.entries({
    Backspace: 8, Tab: 9, Enter: 13, Escape: 27, " ": 32, PageUp: 33, PageDown: 34, End: 35,
    Home: 36, ArrowLeft: 37, ArrowUp: 38, ArrowRight: 39, ArrowDown: 40, Delete: 46,
    ";": 186, "=": 187, "+": 187, ",": 188, "-": 189, ".": 190, "/": 191, "?": 191,
  }));
  const keyCodeOf = (key) => {
    if (KEY_CODES.has(key)) return KEY_CODES.get(key);
    if (/^[a-z0-9]$/i.test(key)) return key.toUpperCase().charCodeAt(0); // A–Z 65–90, 0–9 48–57
    const f = /^F([1-9]|1[0-2])$/.exec(key);
    return f ? 111 + Number(f[1]) : 0;
  };

  // Other scripts and extensions post messages too: only well-formed strata:* objects count.
  const parse = (data) => {
    if (typeof data === "string") {
      if (!data.includes("strata:")) return null; // Not ours; spare parsing someone's big string.
      try { data = JSON.parse(data); } catch { return null; }
    }
    const ok = data && typeof data === "object" && typeof data.type === "string" && data.type.startsWith("strata:");
    return ok ? data : null;
  };

  // The sender must be one of this page's Strata frames, so that no other frame (an ad, say)
  // can resize things or type into the page.
  const frameOf = (source) => [...document.querySelectorAll("iframe")]
    .find((f) => f.contentWindow === source && f.src.includes("#/embed/"));

  const resize = (frame, height) => {
    if (typeof height !== "number" || !Number.isFinite(height) || height <= 0) return;
    if (frame.hasAttribute("data-strata-fixed")) return;
    frame.style.height = `${Math.ceil(Math.min(height, MAX_HEIGHT))}px`;
  };

  // A lone modifier is the start of a chord (Shift+→ pans a zoomed tree): taking focus on it
  // would send the rest of the chord to this page instead of the widget.
  const NOT_HANDED_BACK = new Set(["Shift", "Control", "Alt", "AltGraph", "Meta", "CapsLock", "Fn", "Dead", "Unidentified"]);

  const handBack = (frame, msg) => {
    const { key } = msg;
    if (typeof key !== "string" || key.length === 0 || key.length > 24 || NOT_HANDED_BACK.has(key)) return;
    // Take focus back first: otherwise every later press would go to the widget again, and
    // the widget would hand it back again, one round trip per click.
    frame.blur();
    window.focus();
    const init = {
      key, code: typeof msg.code === "string" && msg.code.length <= 24 ? msg.code : "",
      shiftKey: msg.shiftKey === true, altKey: msg.altKey === true,
      ctrlKey: msg.ctrlKey === true, metaKey: msg.metaKey === true,
      bubbles: true, cancelable: true, composed: true,
    };
    const target = document.activeElement || document.body;
    const legacy = keyCodeOf(key);
    for (const type of ["keydown", "keyup"]) {
      const event = new KeyboardEvent(type, init);
      Object.defineProperty(event, "keyCode", { get: () => legacy });
      Object.defineProperty(event, "which", { get: () => legacy });
      target.dispatchEvent(event);
    }
  };

  window.addEventListener("message", (event) => {
    const msg = parse(event.data);
    const frame = msg && frameOf(event.source);
    if (!frame) return;
    if (msg.type === "strata:resize") resize(frame, msg.height);
    else if (msg.type === "strata:key") handBack(frame, msg);
  });

  window.StrataEmbed = Object.freeze({
    /** Posts a command to a Strata iframe; returns false when there is no frame to post to. */
    send(iframe, command, step) {
      const target = iframe && iframe.contentWindow;
      if (!target) return false;
      const msg = { type: "strata:command", command };
      if (step !== undefined) msg.step = step;
      // "*": the widget may live on any origin, and a command carries nothing private.
      target.postMessage(msg, "*");
      return true;
    },
  });
})();
