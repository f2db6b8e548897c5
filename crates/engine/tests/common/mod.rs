//! What several test files share: the layout snapshots' check.

use std::path::PathBuf;

/// Compares `svg` with tests/snapshots/`name`.svg; with UPDATE_SNAPSHOTS set, writes it instead.
pub fn check_snapshot(name: &str, svg: &str) {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots").join(format!("{name}.svg"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&file, svg).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&file).unwrap_or_else(|_| panic!("{} is missing: run with UPDATE_SNAPSHOTS=1 to create it", file.display()));
    assert!(expected == svg, "{name}.svg changed; if that is intended, rerun with UPDATE_SNAPSHOTS=1 and review the diff.\n{svg}");
}
