//! Strata: learning paths for data-intensive systems, in the browser.

mod app;
mod browser;
mod curriculum;
mod panic_page;
mod route;
mod theme;

fn main() {
    panic_page::install();
    browser::remove_boot_message();
    leptos::mount::mount_to_body(app::App);
    browser::mark_ready();
}
