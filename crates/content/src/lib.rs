//! Strata's curriculum compiler, run by the app's `build.rs`.
//!
//! `compile_dir("content")` reads the index (`content/paths.toml`) and every path file it names,
//! validates them against `content/SCHEMA.md`, and returns Rust source that defines the
//! curriculum as `static` data. Any error is reported with the file, the line and what is wrong,
//! and stops the build.

mod codegen;
pub mod model;
pub mod validate;

use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// A content problem, located in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
    }
}

/// One content file's text, with what is needed to turn byte offsets into lines.
pub struct Source {
    pub file: String,
    pub stem: String,
    pub text: String,
}

impl Source {
    pub fn new(file: impl Into<String>, text: impl Into<String>) -> Self {
        let file = file.into();
        let stem = Path::new(&file).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        Source { file, stem, text: text.into() }
    }

    pub fn line_of(&self, offset: usize) -> usize {
        self.text[..offset.min(self.text.len())].matches('\n').count() + 1
    }

    pub fn error_at(&self, offset: usize, message: impl Into<String>) -> ContentError {
        let offset = offset.min(self.text.len());
        let line_start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        ContentError {
            file: self.file.clone(),
            line: self.line_of(offset),
            column: self.text[line_start..offset].chars().count() + 1,
            message: message.into(),
        }
    }
}

/// Parses and validates one path file.
pub fn check_path(src: &Source) -> Result<model::PathDoc, Vec<ContentError>> {
    let doc: model::PathDoc = toml::from_str(&src.text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        vec![src.error_at(offset, e.message().trim().to_string())]
    })?;
    let errors = validate::check(src, &doc);
    if errors.is_empty() {
        Ok(doc)
    } else {
        Err(errors)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Index {
    paths: Vec<toml::Spanned<String>>,
}

/// Everything `build.rs` needs: the generated source and the files to watch.
pub struct Compiled {
    /// `curriculum.rs`: the vocabularies, `TEXT`, `SHAPE`, and the prose's length and checksum.
    pub rust: String,
    /// The prose part (see `codegen`), shipped beside the shell as `curriculum-prose.txt`.
    pub prose: String,
    pub inputs: Vec<PathBuf>,
}

/// Compiles `dir/paths.toml` and the path files it lists, in that order.
pub fn compile_dir(dir: &Path) -> Result<Compiled, Vec<ContentError>> {
    let index_path = dir.join("paths.toml");
    let index_name = display_name(&index_path);
    let read = |p: &Path, name: &str| {
        std::fs::read_to_string(p).map_err(|e| {
            vec![ContentError { file: name.to_string(), line: 1, column: 1, message: format!("cannot read: {e}") }]
        })
    };
    let index_src = Source::new(index_name.clone(), read(&index_path, &index_name)?);
    let index: Index = toml::from_str(&index_src.text).map_err(|e| {
        vec![index_src.error_at(e.span().map_or(0, |s| s.start), e.message().trim().to_string())]
    })?;

    let mut errors = Vec::new();
    let mut docs = Vec::new();
    let mut inputs = vec![index_path.clone()];
    for id in &index.paths {
        let file = dir.join(format!("{}.toml", id.get_ref()));
        let name = display_name(&file);
        inputs.push(file.clone());
        if !file.exists() {
            errors.push(index_src.error_at(id.span().start, format!("path `{}` is listed but {name} does not exist", id.get_ref())));
            continue;
        }
        let src = Source::new(name.clone(), read(&file, &name)?);
        match check_path(&src) {
            Ok(doc) => docs.push(doc),
            Err(mut e) => errors.append(&mut e),
        }
    }
    // A path file the index forgot would silently vanish from the app.
    let listed: Vec<&str> = index.paths.iter().map(|p| p.get_ref().as_str()).collect();
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut stray: Vec<String> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml") && p != &index_path)
            .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .filter(|stem| !listed.contains(&stem.as_str()))
            .collect();
        stray.sort();
        for stem in stray {
            errors.push(index_src.error_at(0, format!("content/{stem}.toml is not listed in `paths`")));
        }
    }
    if errors.is_empty() {
        let generated = codegen::generate(&docs);
        Ok(Compiled { rust: generated.rust, prose: generated.prose, inputs })
    } else {
        Err(errors)
    }
}

fn display_name(p: &Path) -> String {
    let mut parts: Vec<_> = p.components().rev().take(2).map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    parts.reverse();
    parts.join("/")
}
