//! The "Embed" button and its dialog: builds the snippets that put the scenario on screen, at
//! the current step, into a web page, a reveal.js deck or a Slidev deck, plus a plain link.
//! One click copies each.

use leptos::html::{Dialog, Textarea};
use leptos::prelude::*;
use strata_browser as browser;
use strata_browser::html::Esc;
use strata_engine::scenario::{Common, Controls, ThemeChoice};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const WIDTHS: (u32, u32) = (240, 3840);
const HEIGHTS: (u32, u32) = (160, 2160);

/// `query_for` writes the scenario's query with the given shared parameters; `title` names
/// the frame for screen readers (an iframe needs a title).
#[component]
pub fn EmbedButton(widget: &'static str, query_for: Callback<Common, String>, position: Signal<usize>, title: Signal<String>) -> impl IntoView {
    let dialog = NodeRef::<Dialog>::new();
    let width = RwSignal::new("800".to_string());
    let height = RwSignal::new("450".to_string());
    let theme = RwSignal::new(ThemeChoice::Auto);
    let controls = RwSignal::new(Controls::Step);
    let at_current_step = RwSignal::new(true);
    let status = RwSignal::new(String::new());

    let size = move |text: RwSignal<String>, (min, max): (u32, u32)| {
        text.with(|t| t.trim().parse::<u32>().ok().filter(|n| (min..=max).contains(n)))
    };
    let app_url = app_url();
    let embed_url = Memo::new(move |_| {
        let common = Common {
            step: at_current_step.get().then(|| position.get()),
            legend: false,
            controls: controls.get(),
            theme: theme.get(),
        };
        let query = query_for.run(common);
        let hash = if query.is_empty() { format!("#/embed/{widget}") } else { format!("#/embed/{widget}?{query}") };
        format!("{app_url}{hash}")
    });
    let host_script = format!("{}strata-embed.js", app_base());
    // In the order of SNIPPETS.
    let snippets = Memo::new(move |_| {
        let url = embed_url.get();
        let w = size(width, WIDTHS).unwrap_or(800);
        let h = size(height, HEIGHTS).unwrap_or(450);
        let title = Esc(&title.get()).to_string();
        let script = format!("<script src=\"{host_script}\"></script>");
        [
            format!(
                "<iframe src=\"{url}\" width=\"{w}\" height=\"{h}\" style=\"border:0;max-width:100%\" title=\"{title}\" loading=\"lazy\"></iframe>\n\
                 <!-- Once per page: passes the clicker back to the page and sizes the frame. -->\n{script}"
            ),
            url.clone(),
            format!(
                "<section>\n  <iframe data-src=\"{url}\" width=\"{w}\" height=\"{h}\" style=\"border:0\" title=\"{title}\"></iframe>\n</section>\n\
                 <!-- Once, after reveal.js is loaded: -->\n{script}"
            ),
            format!(
                "---\nlayout: default\n---\n\n# {title}\n\n<iframe src=\"{url}\" width=\"{w}\" height=\"{h}\" style=\"border:0\" title=\"{title}\"></iframe>\n\n\
                 <!-- Once per deck, in index.html at the project root: {script} -->"
            ),
        ]
    });

    // The options and snippets exist only while the dialog is open: built with the page, they
    // were rewritten at every step (a query and four snippets) for a dialog nobody had opened.
    let shown = RwSignal::new(false);
    let open = move |_| {
        status.set(String::new());
        shown.set(true);
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
    };
    let close = move |_| {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };
    let number_field = move |label: &'static str, id: &'static str, value: RwSignal<String>, range: (u32, u32)| {
        let error = move || size(value, range).is_none().then(|| format!("A whole number of pixels from {} to {}.", range.0, range.1));
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type="number" inputmode="numeric" min=range.0 max=range.1 prop:value=move || value.get()
                    aria-invalid=move || error().is_some().to_string() aria-describedby=format!("{id}-error")
                    on:input=move |e| value.set(event_target_value(&e)) />
                <span class="field-error" id=format!("{id}-error")>{error}</span>
            </div>
        }
    };

    view! {
        <button type="button" class="button embed-button" aria-haspopup="dialog" on:click=open>"Embed"</button>
        <dialog class="embed-dialog" node_ref=dialog aria-labelledby="embed-title" on:close=move |_| shown.set(false)>
            <div class="embed-head">
                <h2 id="embed-title">"Embed this scenario"</h2>
                <button type="button" class="button" on:click=close>"Close"</button>
            </div>
            {move || shown.get().then(|| view! {
            {browser::opened_from_file().then(|| view! {
                <p class="notice" role="note">"This copy of Strata was opened from a file, so these addresses work on this computer only. Open Strata from its web address to embed it in a deck others can see."</p>
            })}
            <form class="embed-options" on:submit=|e| e.prevent_default()>
                {number_field("Width", "embed-width", width, WIDTHS)}
                {number_field("Height", "embed-height", height, HEIGHTS)}
                <div class="field">
                    <label for="embed-theme">"Theme"</label>
                    <select id="embed-theme" on:change=move |e| theme.set(ThemeChoice::from_param(&event_target_value(&e)).unwrap_or_default())>
                        {[
                            (ThemeChoice::Auto, "The viewer's"),
                            (ThemeChoice::Light, "Light"),
                            (ThemeChoice::Dark, "Dark"),
                            (ThemeChoice::Transparent, "Transparent (on the slide's background)"),
                        ].map(|(t, label)| view! { <option value=t.param() selected=theme.get_untracked() == t>{label}</option> })}
                    </select>
                </div>
                <div class="field">
                    <label for="embed-controls">"Controls"</label>
                    <select id="embed-controls" on:change=move |e| controls.set(Controls::from_param(&event_target_value(&e)).unwrap_or(Controls::Step))>
                        {[
                            (Controls::Step, "Step buttons (for slides)"),
                            (Controls::None, "None: keys and clicker only"),
                            (Controls::Full, "Everything, as on this page"),
                        ].map(|(c, label)| view! { <option value=c.param() selected=controls.get_untracked() == c>{label}</option> })}
                    </select>
                </div>
                <label class="check">
                    <input type="checkbox" prop:checked=move || at_current_step.get() on:change=move |e| at_current_step.set(event_target_checked(&e)) />
                    {move || format!(" Start at the current step ({})", position.get())}
                </label>
            </form>
            <p class="embed-keys">
                "In the frame, → PageDown and space step forward, ← PageUp and Shift+space back; at either end, and for any other key, the key goes back to the deck."
                {(!browser::opened_from_file()).then(|| view! { " " <a href="deck/" target="_blank" rel="noopener">"See a sample deck"</a> " (opens in a new tab)." })}
            </p>
            {SNIPPETS
                .into_iter()
                .enumerate()
                .map(|(i, (label, id))| view! { <SnippetBox label=label id=id text=Signal::derive(move || snippets.with(|s| s[i].clone())) status=status /> })
                .collect_view()}
            })}
            <p class="embed-status" role="status" aria-live="polite">{move || status.get()}</p>
        </dialog>
    }
}

/// The snippets the dialog offers (label, textarea id), in the order `EmbedButton` writes them.
const SNIPPETS: [(&str, &str); 4] = [("HTML", "embed-html"), ("Link", "embed-link"), ("reveal.js", "embed-reveal"), ("Slidev", "embed-slidev")];

#[component]
fn SnippetBox(label: &'static str, id: &'static str, text: Signal<String>, status: RwSignal<String>) -> impl IntoView {
    let area = NodeRef::<Textarea>::new();
    let rows = move || text.with(|t| t.lines().count().clamp(1, 9));
    let copy = move |_| {
        let Some(area) = area.get() else { return };
        copy_text(&area, label, status);
    };
    view! {
        <div class="snippet">
            <label for=id>{label}</label>
            <textarea id=id readonly rows=rows spellcheck="false" node_ref=area prop:value=move || text.get()></textarea>
            <button type="button" class="button" on:click=copy>{format!("Copy {label}")}</button>
        </div>
    }
}

/// Copies through the Clipboard API where the page may use it (a secure context), else by
/// selecting the text and the older copy command (pages opened from a file, plain http).
fn copy_text(area: &web_sys::HtmlTextAreaElement, label: &'static str, status: RwSignal<String>) {
    // Emptied first and filled a moment later, so copying twice is announced twice.
    status.set(String::new());
    let done = move |ok: bool| {
        let message = if ok { format!("{label} copied to the clipboard.") } else { format!("Could not copy: the {label} text is selected, so press Ctrl+C (⌘C on a Mac).") };
        set_timeout(move || status.set(message), std::time::Duration::from_millis(100));
    };
    let text = area.value();
    area.select();
    let clipboard = browser::window().filter(|w| w.is_secure_context()).map(|w| w.navigator().clipboard());
    if let Some(clipboard) = clipboard {
        let fallback_area = area.clone();
        // Each closure is kept alive until the promise settles (a few bytes per click).
        let ok = Closure::once(move |_: JsValue| done(true));
        let failed = Closure::once(move |_: JsValue| done(copy_command(&fallback_area)));
        let _ = clipboard.write_text(&text).then2(&ok, &failed);
        ok.forget();
        failed.forget();
    } else {
        done(copy_command(area));
    }
}

fn copy_command(area: &web_sys::HtmlTextAreaElement) -> bool {
    area.select();
    browser::document()
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        .is_some_and(|d| d.exec_command("copy").unwrap_or(false))
}

/// This page's address without its hash: where the app is (for the single file, the file).
fn app_url() -> String {
    let href = browser::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// The folder the app is served from, ending in `/` (for the host script's address).
fn app_base() -> String {
    let url = app_url();
    let url = url.split('?').next().unwrap_or_default();
    match url.rfind('/') {
        Some(i) => url[..=i].to_string(),
        None => url.to_string(),
    }
}
