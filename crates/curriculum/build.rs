//! Compiles `content/*.toml` into `$OUT_DIR/curriculum.rs` and the prose into
//! `$OUT_DIR/curriculum-prose.rs` (compiled in with the `prose` feature), and writes the prose
//! as text to `target/generated/curriculum-prose.txt`, which the post-build step ships beside
//! the shell (scripts/offline-build.mjs). A content error stops the build with
//! `file:line:column: what is wrong` for each problem.

use std::path::{Path, PathBuf};

fn main() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = manifest.join("../../content");
    println!("cargo:rerun-if-changed={}", dir.display());
    println!("cargo:rerun-if-env-changed=CARGO_TARGET_DIR");
    match strata_content::compile_dir(&dir) {
        Ok(compiled) => {
            for input in &compiled.inputs {
                println!("cargo:rerun-if-changed={}", input.display());
            }
            let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
            std::fs::write(out.join("curriculum.rs"), &compiled.rust).expect("write curriculum.rs");
            std::fs::write(out.join("curriculum-prose.rs"), format!("pub static PROSE: &str = {:?};\n", compiled.prose))
                .expect("write curriculum-prose.rs");
            let shipped = std::env::var_os("CARGO_TARGET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| manifest.join("../../target"))
                .join("generated/curriculum-prose.txt");
            write_atomically(&shipped, &compiled.prose);
            // Written again if someone deletes it.
            println!("cargo:rerun-if-changed={}", shipped.display());
        }
        Err(errors) => {
            for e in &errors {
                // cargo shows `cargo:warning` lines even when the script fails.
                println!("cargo:warning=content error: {e}");
                eprintln!("content error: {e}");
            }
            eprintln!("{} content error(s): fix content/ and build again", errors.len());
            std::process::exit(1);
        }
    }
}

/// The shell's and the study module's builds run this script at the same time: each writes a
/// whole file and renames it into place, so no reader sees half of one.
fn write_atomically(path: &Path, text: &str) {
    let dir = path.parent().expect("a file in a folder");
    std::fs::create_dir_all(dir).expect("create target/generated");
    let temp = dir.join(format!(".curriculum-prose.{}.tmp", std::process::id()));
    std::fs::write(&temp, text).expect("write the prose");
    std::fs::rename(&temp, path).expect("move the prose into place");
}
