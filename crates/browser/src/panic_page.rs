//! If either wasm module panics, the learner sees what happened and a way out, never a blank page.
//!
//! The hook writes the page with plain DOM calls: after a panic the reactive system may be in
//! any state, and with `panic = "abort"` the module stops right after the hook returns.

use crate as browser;

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.clone().into());
        show(&message);
    }));
}

fn show(message: &str) {
    let Some(doc) = browser::document() else { return };
    let Some(body) = doc.body() else { return };
    body.set_inner_html(
        r##"<main class="panic-page" id="main" role="alert">
  <h1>Something went wrong</h1>
  <p>Strata hit an error it could not recover from. Your saved progress is untouched.</p>
  <pre class="panic-message"></pre>
  <p><button type="button" class="button primary" onclick="location.reload()">Reload Strata</button>
     <a class="button" href="#/" onclick="location.hash='#/';location.reload();return false">Go to the start page</a></p>
</main>"##,
    );
    // The message goes in as text, never as HTML.
    if let Some(pre) = doc.query_selector(".panic-message").ok().flatten() {
        pre.set_text_content(Some(message));
    }
    let _ = doc.document_element().map(|e| e.set_attribute("data-panicked", "true"));
}
