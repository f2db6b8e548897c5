//! Strata: learning paths for data-intensive systems, in the browser.

mod app;
mod browser;
mod curriculum;
mod panic_page;
mod route;
mod theme;

fn main() {
    panic_page::install();
    leptos::mount::mount_to_body(app::App);
    browser::mark_ready();
}
