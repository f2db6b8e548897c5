//! Compiles `content/*.toml` into `$OUT_DIR/curriculum.rs`. A content error stops the build
//! with `file:line:column: what is wrong` for each problem.

use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    println!("cargo:rerun-if-changed={}", dir.display());
    match strata_content::compile_dir(&dir) {
        Ok(compiled) => {
            for input in &compiled.inputs {
                println!("cargo:rerun-if-changed={}", input.display());
            }
            let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("curriculum.rs");
            std::fs::write(out, compiled.rust).expect("write curriculum.rs");
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
