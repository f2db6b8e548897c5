//! Loading the largest progress file a learner can make (every item of all five paths marked,
//! every checkpoint line ticked): read it from storage, parse and check it, and compute every
//! path's standing, as opening the home page does. Best of 20.
//!
//!     cargo run --release -p strata-curriculum --example bench_progress

use std::time::Instant;
use strata_curriculum::tally::{all_paths_tallies, everything_marked};
use strata_progress::envelope;
use strata_progress::store::{MemoryStorage, Store, PROGRESS_KEY};

fn main() {
    let text = envelope::encode(&everything_marked(1_763_719_500_000), "bench", 1_763_719_500_000);
    let mut storage = MemoryStorage::default();
    storage.entries.insert(PROGRESS_KEY.into(), text.clone());
    let best = (0..20)
        .map(|_| {
            let start = Instant::now();
            let store = Store::open(Some(storage.clone()), "bench", 0);
            let finished: u32 = all_paths_tallies(store.progress()).map(|(_, t)| t.finished()).sum();
            let elapsed = start.elapsed();
            assert!(store.notice().is_none() && finished > 0);
            elapsed
        })
        .min()
        .unwrap_or_default();
    println!("progress bytes={} records={} ms={:.2}", text.len(), everything_marked(0).marks.len(), best.as_secs_f64() * 1000.0);
}
