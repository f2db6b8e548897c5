//! Curriculum pages. Thin components: the data is static and the logic lives in
//! `curriculum` (derived figures) and `curriculum::search` (ranking, highlighting).

mod catalogue;
mod path_page;
mod search_page;
mod week_page;

pub use catalogue::CataloguePage;
pub use path_page::PathPage;
pub use search_page::SearchPage;
pub use week_page::WeekPage;

use super::{Hours, Path, Tag};
use crate::route::Route;
use leptos::prelude::*;

pub fn path_href(path: &Path) -> String {
    Route::Path { path: path.id.into() }.to_hash()
}

pub fn week_href(path: &Path, week_id: &str) -> String {
    Route::Week { path: path.id.into(), week: week_id.into() }.to_hash()
}

/// "20–25 h" with the unit spelled out for screen readers.
pub fn hours_view(hours: Option<Hours>) -> impl IntoView {
    hours.map(|h| {
        let label = h.label();
        let spoken = label.replace('–', " to ").replace(" h", " hours");
        view! { <span class="hours" aria-label=spoken>{label}</span> }
    })
}

pub fn tags_view(tags: &'static [Tag]) -> impl IntoView {
    (!tags.is_empty()).then(|| {
        view! {
            <ul class="tags" aria-label="Topics">
                {tags.iter().map(|t| view! { <li class="tag" data-tag=tag_slug(*t)>{t.label()}</li> }).collect_view()}
            </ul>
        }
    })
}

/// The content vocabulary word for a tag (`bloom-filter`), used as a stable hook for styling
/// and for the visualizers' links.
pub fn tag_slug(tag: Tag) -> &'static str {
    match tag {
        Tag::Btree => "btree",
        Tag::Indexing => "indexing",
        Tag::Lsm => "lsm",
        Tag::Sstable => "sstable",
        Tag::Compaction => "compaction",
        Tag::BloomFilter => "bloom-filter",
        Tag::ConsistentHashing => "consistent-hashing",
        Tag::Sharding => "sharding",
        Tag::Partitioning => "partitioning",
        Tag::Replication => "replication",
    }
}

pub fn page_title(parts: &[&str]) -> String {
    let mut title = parts.join(" · ");
    title.push_str(" · Strata");
    title
}
