//! `declutter eval CORPUS_DIR...`: runs extraction over an evaluation corpus and scores it with
//! the team's scorer (`score.py`), so accuracy figures come from one command.
//!
//! Corpus kinds are recognised by their layout:
//! - readability: folders holding `source.html` and `expected.html`;
//! - trafilatura: `evaldata.json` beside `html/`;
//! - seedlike: `truth.json` beside `html/`.

use declutter::{extract_html, Options};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The corpus layouts score.py knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Readability,
    Trafilatura,
    Seedlike,
}

impl Kind {
    /// The name score.py takes as its first argument.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Readability => "readability",
            Kind::Trafilatura => "trafilatura",
            Kind::Seedlike => "seedlike",
        }
    }
}

/// Recognises a corpus by its files; `None` when the directory is none of the known layouts.
pub fn detect(dir: &Path) -> Option<Kind> {
    if dir.join("evaldata.json").is_file() && dir.join("html").is_dir() {
        return Some(Kind::Trafilatura);
    }
    if dir.join("truth.json").is_file() && dir.join("html").is_dir() {
        return Some(Kind::Seedlike);
    }
    let has_case = std::fs::read_dir(dir).ok()?.flatten().any(|e| {
        let p = e.path();
        p.join("source.html").is_file() && p.join("expected.html").is_file()
    });
    has_case.then_some(Kind::Readability)
}

/// The page files of a corpus, sorted.
pub fn pages(dir: &Path, kind: Kind) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    match kind {
        Kind::Readability => {
            for e in std::fs::read_dir(dir)?.flatten() {
                let p = e.path().join("source.html");
                if p.is_file() && e.path().join("expected.html").is_file() {
                    out.push(p);
                }
            }
        }
        Kind::Trafilatura | Kind::Seedlike => {
            for e in std::fs::read_dir(dir.join("html"))?.flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "html" || x == "htm") {
                    out.push(p);
                }
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Extracts every page (in parallel) into `{file, text, duplicates}` JSON lines.
pub fn run_pages(files: &[PathBuf], options: &Options) -> Vec<String> {
    files
        .par_iter()
        .map(|f| {
            let r = std::fs::read(f)
                .ok()
                .and_then(|b| extract_html(&b, options).ok());
            let (text, dups) = match r {
                Some(r) => (
                    r.text,
                    serde_json::to_value(&r.duplicates).unwrap_or_default(),
                ),
                None => (String::new(), serde_json::Value::Array(vec![])),
            };
            serde_json::json!({"file": f.display().to_string(), "text": text, "duplicates": dups})
                .to_string()
        })
        .collect()
}

/// Where score.py is: the flag, else `<repo>/../shared/tools/score.py`, else the corpus's
/// sibling `../tools/score.py` (corpora live in `shared/corpus/`).
pub fn find_scorer(flag: Option<&Path>, corpus: &Path) -> Option<PathBuf> {
    if let Some(f) = flag {
        return f.is_file().then(|| f.to_path_buf());
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let candidates = [
        repo.join("../shared/tools/score.py"),
        corpus.join("../../tools/score.py"),
        corpus.join("../tools/score.py"),
    ];
    candidates.into_iter().find(|p| p.is_file())
}

/// Scores one corpus; returns score.py's line.
pub fn eval_one(
    dir: &Path,
    scorer_flag: Option<&Path>,
    keep: Option<&Path>,
) -> Result<String, String> {
    if !dir.is_dir() {
        return Err(format!("corpus not found: {}", dir.display()));
    }
    let kind = detect(dir).ok_or_else(|| {
        format!(
            "{}: not a known corpus (expected evaldata.json + html/, truth.json + html/, or folders with source.html + expected.html)",
            dir.display()
        )
    })?;
    let scorer = find_scorer(scorer_flag, dir).ok_or_else(|| match scorer_flag {
        Some(f) => format!("scorer not found: {}", f.display()),
        None => "scorer not found: pass --scorer PATH/score.py (looked in ../shared/tools and beside the corpus)".to_string(),
    })?;
    let files = pages(dir, kind).map_err(|e| format!("{}: {e}", dir.display()))?;
    let lines = run_pages(&files, &Options::default());
    let out = match keep {
        Some(k) => k.join(format!("{}.jsonl", kind.name())),
        None => std::env::temp_dir().join(format!(
            "declutter-eval-{}-{}.jsonl",
            kind.name(),
            std::process::id()
        )),
    };
    let mut f = std::fs::File::create(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    for l in &lines {
        writeln!(f, "{l}").map_err(|e| format!("{}: {e}", out.display()))?;
    }
    drop(f);
    let res = Command::new("python3")
        .arg(&scorer)
        .arg(kind.name())
        .arg(dir)
        .arg(&out)
        .output()
        .map_err(|e| format!("could not run python3 {}: {e}", scorer.display()))?;
    if keep.is_none() {
        let _ = std::fs::remove_file(&out);
    }
    if !res.status.success() {
        return Err(format!(
            "scorer failed: {}",
            String::from_utf8_lossy(&res.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&res.stdout).trim().to_string())
}

/// The subcommand: one line per corpus; fails if any corpus could not be scored.
pub fn main(dirs: &[PathBuf], scorer: Option<&Path>, keep: Option<&Path>) -> ExitCode {
    if dirs.is_empty() {
        eprintln!("declutter eval: give one or more corpus directories");
        return ExitCode::FAILURE;
    }
    let mut failed = false;
    for d in dirs {
        match eval_one(d, scorer, keep) {
            Ok(line) => {
                println!("{}: {line}", d.display());
                // Metadata agreement too, where the corpus has expected-metadata.json (meta-cli).
                if crate::meta_eval::is_readability_corpus(d) {
                    if let Err(e) = crate::meta_eval::report(d) {
                        eprintln!("declutter eval: metadata: {e}");
                    }
                }
            }
            Err(e) => {
                eprintln!("declutter eval: {e}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
