//! `#/progress`: every path's standing, records the curriculum no longer has, and the backup
//! tools: export, import (checked and previewed before anything changes), reset with undo, and
//! downloads of any stored progress that could not be read.

use crate::shell;
use leptos::prelude::*;
use strata_browser as browser;
use strata_curriculum::tally::{all_paths_tallies, locate, orphans};
use strata_progress::merge::{diff, merge, Diff};
use strata_progress::store::BACKUP_PREFIX;
use strata_progress::{envelope, Key, Progress, State};
use wasm_bindgen::JsCast;

/// Larger files are refused before reading: every item of every path set is about 60 KB.
const MAX_IMPORT_BYTES: f64 = 2_000_000.0;

#[component]
pub fn ProgressPage() -> impl IntoView {
    browser::set_title("Your progress · Strata");
    view! {
        <section class="progress-page">
            <h1 tabindex="-1">"Your progress"</h1>
            <p class="lede">"Everything you have marked, kept in this browser only. Export it to move it to another browser or keep a copy."</p>
            {shell::is_memory_only().then(|| view! {
                <p class="notice">"This browser is not letting Strata save here, so this progress lasts until the tab closes. Export it to keep it."</p>
            })}
            <Overview />
            <Orphans />
            <Backup />
            <Unreadable />
        </section>
    }
}

#[component]
fn Overview() -> impl IntoView {
    view! {
        <h2>"Paths"</h2>
        <div class="table-scroll">
            <table class="overview">
                <thead><tr>
                    <th scope="col">"Path"</th><th scope="col">"Finished"</th><th scope="col">"Done"</th>
                    <th scope="col">"In progress"</th><th scope="col">"Skipped"</th>
                    <th scope="col">"Hours done"</th><th scope="col">"Hours left"</th><th scope="col">"Plan"</th>
                </tr></thead>
                <tbody>
                    {move || shell::with_progress(|p| all_paths_tallies(p).map(|(path, t)| view! {
                        // `data-label` names each cell where a narrow screen lays a row out as a card.
                        <tr>
                            <th scope="row"><a href=format!("#/paths/{}", path.id)>{path.title}</a></th>
                            <td data-label="Finished">{format!("{} of {} ({}%)", t.finished(), t.items, t.percent())}</td>
                            <td data-label="Done">{t.done}</td><td data-label="In progress">{t.in_progress}</td><td data-label="Skipped">{t.skipped}</td>
                            <td data-label="Hours done">{crate::hours(t.hours_done)}</td><td data-label="Hours left">{crate::hours(t.hours_left)}</td>
                            <td data-label="Plan" class="row-links"><a href=format!("#/plan/{}", path.id)>"Study plan"</a>" · "<a href=format!("#/print/{}", path.id)>"Print"</a></td>
                        </tr>
                    }).collect_view())}
                </tbody>
            </table>
        </div>
        <p class="hint">"Finished counts done and skipped items. Hours left leave out skipped items. Each week counts for the hours its source gives it, shared among its items (see a week's page for how)."</p>
    }
}

#[component]
fn Orphans() -> impl IntoView {
    move || {
        let rows: Vec<(String, State, u64)> =
            shell::with_progress(|p| orphans(p).into_iter().map(|k| (k.to_text(), p.state(k), p.marks[k].at)).collect());
        (!rows.is_empty()).then(|| view! {
            <section class="orphans" aria-labelledby="orphans">
                <h2 id="orphans">{format!("Records the curriculum no longer has ({})", rows.len())}</h2>
                <p>"These items or checkpoint lines were renamed or removed from the curriculum since you marked them. They are kept, and included in exports, in case they come back."</p>
                <ul>
                    {rows.into_iter().map(|(key, state, at)| view! {
                        <li><code>{key}</code>" — "{state.label()}", marked "{strata_progress::calendar::long(strata_progress::calendar::day_of(at, shell::offset_minutes()))}</li>
                    }).collect_view()}
                </ul>
            </section>
        })
    }
}

/// A checked import file, waiting for the learner to choose merge or replace.
#[derive(Clone)]
struct Pending {
    file_name: String,
    app: String,
    incoming: Progress,
    merged: Progress,
    merge_diff: Diff,
    replace_diff: Diff,
    unknown: usize,
}

#[component]
fn Backup() -> impl IntoView {
    let (pending, set_pending) = signal(None::<Pending>);
    let (error, set_error) = signal(None::<String>);
    let (done, set_done) = signal(None::<String>);
    let (confirm_reset, set_confirm_reset) = signal(false);
    let undo_available = move || {
        shell::progress(); // track changes
        shell::can_undo_reset()
    };

    let on_file = move |e: web_sys::Event| {
        set_error.set(None);
        set_done.set(None);
        set_pending.set(None);
        let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value(""); // choosing the same file again fires change again
        if file.size() > MAX_IMPORT_BYTES {
            set_error.set(Some(format!(
                "“{}” is {} KB; a Strata progress file is far smaller (at most {} KB). Nothing was changed.",
                file.name(),
                (file.size() / 1000.0) as u64,
                (MAX_IMPORT_BYTES / 1000.0) as u64
            )));
            return;
        }
        leptos::task::spawn_local(async move {
            let name = file.name();
            let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string()) {
                Some(text) => text,
                None => {
                    set_error.set(Some(format!("“{name}” could not be read as text. Nothing was changed.")));
                    return;
                }
            };
            match check_import(&name, &text) {
                Ok(p) => set_pending.set(Some(p)),
                Err(message) => set_error.set(Some(message)),
            }
        });
    };

    let apply = move |replace_all: bool| {
        let Some(p) = pending.get_untracked() else { return };
        let result = shell::replace(if replace_all { &p.incoming } else { &p.merged });
        set_pending.set(None);
        match result {
            Ok(()) => {
                let d = if replace_all { &p.replace_diff } else { &p.merge_diff };
                set_done.set(Some(format!("Imported “{}”: {}.", p.file_name, summary(d))));
            }
            Err(message) => set_error.set(Some(message)),
        }
    };

    view! {
        <section class="backup" aria-labelledby="backup">
            <h2 id="backup">"Back up and move"</h2>
            <div class="backup-actions">
                <div>
                    <h3>"Export"</h3>
                    <p>"One JSON file with every mark, plan and self-assessment, to import in another browser."</p>
                    <button type="button" class="button primary" id="export-progress" on:click=|_| shell::export()>"Export progress"</button>
                </div>
                <div>
                    <h3>"Import"</h3>
                    <p id="import-help">"Choose a file exported from Strata. You will see what it changes before anything does."</p>
                    // The native file input stays (keyboard, screen readers, drag and drop) but
                    // out of sight; its label is the styled button, ringed when the input has focus.
                    <input type="file" id="import-file" class="file-input" accept=".json,application/json" aria-describedby="import-help import-error" on:change=on_file />
                    <label for="import-file" class="button file-button" id="import-button">"Choose a file to import…"</label>
                    <p id="import-error" class="field-error" role="alert">{move || error.get()}</p>
                </div>
            </div>
            {move || pending.get().map(|p| view! {
                <div class="import-preview" role="region" aria-label="Import preview">
                    <h3>{format!("“{}”, from Strata {}", p.file_name, p.app)}</h3>
                    {(p.unknown > 0).then(|| view! {
                        <p>{format!("{} of its records are for items this curriculum does not have; they will be kept as orphaned records.", p.unknown)}</p>
                    })}
                    <p><strong>"Merge"</strong>" keeps the newer record of each item: "{summary(&p.merge_diff)}"."</p>
                    <p><strong>"Replace"</strong>" makes this browser's progress exactly the file's: "{summary(&p.replace_diff)}"."</p>
                    <ChangeList diff=p.replace_diff.clone() />
                    <p class="actions">
                        <button type="button" class="button primary" id="import-merge" on:click=move |_| apply(false)>"Merge"</button>
                        <button type="button" class="button" id="import-replace" on:click=move |_| apply(true)>"Replace everything"</button>
                        <button type="button" class="button" on:click=move |_| set_pending.set(None)>"Cancel"</button>
                    </p>
                </div>
            })}
            <p class="status" role="status">{move || done.get()}</p>
            <div>
                <h3>"Reset"</h3>
                {move || if confirm_reset.get() {
                    view! {
                        <div class="confirm" role="alertdialog" aria-labelledby="reset-question">
                            <p id="reset-question">"Clear every mark, plan and self-assessment in this browser? You can undo it afterwards."</p>
                            <button type="button" class="button danger" id="reset-confirm" on:click=move |_| {
                                shell::reset();
                                set_confirm_reset.set(false);
                                set_done.set(Some("All progress was cleared.".into()));
                            }>"Yes, clear everything"</button>
                            " "
                            <button type="button" class="button" on:click=move |_| set_confirm_reset.set(false)>"Cancel"</button>
                        </div>
                    }.into_any()
                } else {
                    view! { <button type="button" class="button" id="reset-progress" on:click=move |_| set_confirm_reset.set(true)>"Reset all progress…"</button> }.into_any()
                }}
                {move || undo_available().then(|| view! {
                    <p><button type="button" class="button" id="undo-reset" on:click=move |_| {
                        if shell::undo_reset() {
                            set_done.set(Some("The reset was undone: your progress is back.".into()));
                        }
                    }>"Undo the last reset"</button></p>
                })}
            </div>
        </section>
    }
}

/// Checks an import file: size was checked before reading; here the format, the schema, and
/// that its ids are this curriculum's.
fn check_import(file_name: &str, text: &str) -> Result<Pending, String> {
    let nothing = "Nothing was changed.";
    let envelope = envelope::decode(text).map_err(|e| format!("“{file_name}” cannot be imported: {e}. {nothing}"))?;
    let incoming = envelope.progress;
    if incoming.is_empty() {
        return Err(format!("“{file_name}” has no progress in it. {nothing}"));
    }
    if !strata_curriculum::tally::knows_any(&incoming) {
        return Err(format!("None of the items in “{file_name}” belong to Strata's learning paths: it may come from another app. {nothing}"));
    }
    let current = shell::progress();
    let merged = merge(&current, &incoming);
    let unknown = orphans(&incoming).len();
    Ok(Pending {
        file_name: file_name.into(),
        app: envelope.app,
        merge_diff: diff(&current, &merged),
        replace_diff: diff(&current, &incoming),
        merged,
        incoming,
        unknown,
    })
}

fn summary(d: &Diff) -> String {
    if d.is_empty() {
        return "no changes".into();
    }
    let mut parts = vec![format!("{} item{} change{}", d.changes.len(), plural(d.changes.len()), if d.changes.len() == 1 { "s" } else { "" })];
    if !d.plans.is_empty() {
        parts.push(format!("{} study plan{}", d.plans.len(), plural(d.plans.len())));
    }
    if !d.assessments.is_empty() {
        parts.push(format!("{} self-assessment{}", d.assessments.len(), plural(d.assessments.len())));
    }
    parts.join(", ")
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// What the file would change, item by item (the first 50).
#[component]
fn ChangeList(diff: Diff) -> impl IntoView {
    let total = diff.changes.len();
    (total > 0).then(|| view! {
        <details>
            <summary>{format!("See the {total} item change{}", plural(total))}</summary>
            <ul class="changes">
                {diff.changes.iter().take(50).map(|c| view! {
                    <li>{describe(&c.key)}": "{c.from.label()}" → "{c.to.label()}</li>
                }).collect_view()}
            </ul>
            {(total > 50).then(|| view! { <p>{format!("…and {} more.", total - 50)}</p> })}
        </details>
    })
}

/// "Data Engineer, Week 3: SQL joins", or the raw id for a record the curriculum lacks.
pub fn describe(key: &Key) -> String {
    match (locate(key), key) {
        (Some((path, week, Some(item))), _) => format!("{}, {}: {}", path.title, week.label(), item.title),
        (Some((path, week, None)), Key::Check { line, .. }) => format!("{}, {} checkpoint, line {line}", path.title, week.label()),
        _ => key.to_text(),
    }
}

/// Stored progress that could not be read, kept under backup keys: offered for download.
#[component]
fn Unreadable() -> impl IntoView {
    let backups = backup_keys();
    (!backups.is_empty()).then(|| view! {
        <section aria-labelledby="unreadable">
            <h2 id="unreadable">"Unreadable saved progress"</h2>
            <p>"Strata found saved progress it could not read and kept the text as it was. Download it to inspect or repair it."</p>
            <ul>
                {backups.into_iter().map(|key| {
                    let when = key.trim_start_matches(BACKUP_PREFIX).parse::<u64>().map(strata_progress::calendar::iso_timestamp).unwrap_or_default();
                    let k = key.clone();
                    view! { <li><button type="button" class="button" on:click=move |_| {
                        let text = browser::storage::get(&k).unwrap_or_default();
                        shell::download("strata-progress-unreadable.txt", "text/plain", &text);
                    }>{format!("Download the text found on {when}")}</button></li> }
                }).collect_view()}
            </ul>
        </section>
    })
}

fn backup_keys() -> Vec<String> {
    browser::storage::keys_starting_with(BACKUP_PREFIX)
}
