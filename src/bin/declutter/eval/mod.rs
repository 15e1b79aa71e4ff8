//! `declutter eval CORPUS_DIR...`: runs extraction over evaluation corpora and scores them with
//! the team's scorer (`score.py`), so accuracy figures come from one command.
//!
//! Corpus kinds are recognised by their layout:
//! - readability: folders holding `source.html` and `expected.html`;
//! - trafilatura: `evaldata.json` beside `html/`;
//! - wcxb: `ground-truth.json` beside `html/` (pages may be gzipped);
//! - seedlike: `truth.json` beside `html/`.
//!
//! Every corpus is also scored in two halves split by site (a hash of the domain), so a rule
//! developed on one half can be confirmed on the other: [`Half::A`] is where rules are
//! developed, [`Half::B`] where they are confirmed.

mod report;

use crate::input::read_page;
use declutter::{extract_doc, Options};
use rayon::prelude::*;
use report::{decision_line, meta_lines, page_table, per_type_lines};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The corpus layouts score.py knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Readability,
    Trafilatura,
    Seedlike,
    Wcxb,
}

impl Kind {
    /// The name score.py takes as its first argument.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Readability => "readability",
            Kind::Trafilatura => "trafilatura",
            Kind::Seedlike => "seedlike",
            Kind::Wcxb => "wcxb",
        }
    }
}

/// The two halves of a corpus, split by site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Half {
    /// Where rules are developed.
    A,
    /// Where they are confirmed.
    B,
}

/// The half a site belongs to: FNV-1a of its lower-cased host without `www.`, low bit. A
/// fixed hash (not the standard library's, which may change) so the halves never move.
pub fn half_of(site: &str) -> Half {
    let site = site.trim().to_ascii_lowercase();
    let site = site.strip_prefix("www.").unwrap_or(&site);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in site.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    if h & 1 == 0 {
        Half::A
    } else {
        Half::B
    }
}

/// The host of a URL (`https://www.x.org/a` -> `www.x.org`).
fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let end = rest.find(['/', '?', '#', ':']).unwrap_or(rest.len());
    &rest[..end]
}

/// Recognises a corpus by its files; `None` when the directory is none of the known layouts.
pub fn detect(dir: &Path) -> Option<Kind> {
    if dir.join("evaldata.json").is_file() && dir.join("html").is_dir() {
        return Some(Kind::Trafilatura);
    }
    if dir.join("ground-truth.json").is_file() && dir.join("html").is_dir() {
        return Some(Kind::Wcxb);
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
        Kind::Trafilatura | Kind::Seedlike | Kind::Wcxb => {
            for e in std::fs::read_dir(dir.join("html"))?.flatten() {
                let p = e.path();
                if crate::input::is_html(&p) {
                    out.push(p);
                }
            }
        }
    }
    out.sort();
    Ok(out)
}

/// A page's id in a wcxb corpus: its file name up to the first dot (`0001.html.gz` -> `0001`).
fn wcxb_id(file: &Path) -> String {
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.split('.').next().unwrap_or("").to_string()
}

/// What a corpus says about its pages beyond the HTML: the site of each page (for the halves)
/// and, for wcxb, the ground truth (for per-page scores and metadata agreement).
struct Truth {
    /// Site per page file.
    site: HashMap<PathBuf, String>,
    /// wcxb's record per page id.
    wcxb: HashMap<String, Value>,
}

fn read_json(path: &Path) -> Result<Value, String> {
    let s = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&s).map_err(|e| format!("{}: {e}", path.display()))
}

fn truth(dir: &Path, kind: Kind, files: &[PathBuf]) -> Result<Truth, String> {
    let mut site = HashMap::new();
    let mut wcxb = HashMap::new();
    match kind {
        Kind::Wcxb => {
            let gt = read_json(&dir.join("ground-truth.json"))?;
            if let Value::Object(m) = gt {
                wcxb = m.into_iter().collect();
            }
            for f in files {
                let rec = wcxb.get(&wcxb_id(f));
                let domain = rec
                    .and_then(|r| r.get("domain").and_then(Value::as_str))
                    .map(str::to_string)
                    .or_else(|| {
                        rec.and_then(|r| r.get("url").and_then(Value::as_str))
                            .map(|u| host(u).to_string())
                    })
                    .unwrap_or_default();
                site.insert(f.clone(), domain);
            }
        }
        Kind::Trafilatura => {
            let ev = read_json(&dir.join("evaldata.json"))?;
            let by_file: HashMap<&str, &str> = ev
                .as_object()
                .into_iter()
                .flatten()
                .filter_map(|(url, r)| Some((r.get("file")?.as_str()?, host(url))))
                .collect();
            for f in files {
                let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
                site.insert(f.clone(), by_file.get(name).unwrap_or(&name).to_string());
            }
        }
        Kind::Readability | Kind::Seedlike => {
            // Case folders and fixture files are named after their site, numbered when a site
            // has several (`nytimes-1`, `nytimes-2`): the name without that number is the site.
            for f in files {
                let name = match kind {
                    Kind::Readability => f.parent().and_then(Path::file_name),
                    _ => f.file_stem(),
                }
                .and_then(|n| n.to_str())
                .unwrap_or("");
                let base = name.trim_end_matches(|c: char| c.is_ascii_digit());
                let base = base.strip_suffix('-').unwrap_or(base);
                site.insert(
                    f.clone(),
                    if base.is_empty() { name } else { base }.to_string(),
                );
            }
        }
    }
    Ok(Truth { site, wcxb })
}

/// One page's prediction: the line score.py reads, and the metadata found.
pub struct Prediction {
    pub file: PathBuf,
    pub line: String,
    pub text: String,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    /// Where the result breaks the one-decision rule (see `declutter::extract::decision`).
    pub violations: Vec<String>,
}

/// Extracts every page (in parallel) into `{file, text, duplicates, title, byline, published}`
/// JSON lines.
pub fn run_pages(files: &[PathBuf], options: &Options) -> Vec<Prediction> {
    files
        .par_iter()
        .map(|f| {
            // The page is parsed here (not inside `extract_html`) so the result can be checked
            // against the tree it came from.
            let (r, violations) = read_page(f)
                .ok()
                .and_then(|b| declutter::parse_html(&b).ok())
                .map(|doc| {
                    let r = extract_doc(&doc, options);
                    let v = declutter::decision_violations(&doc, &r, options.url.as_deref());
                    (r, v)
                })
                .unwrap_or_default();
            let dups = serde_json::to_value(&r.duplicates).unwrap_or_default();
            // The metadata rides along for analysis (the scorer reads only the text).
            let line = json!({
                "file": f.display().to_string(),
                "text": &r.text,
                "duplicates": dups,
                "messages": &r.messages,
                "title": &r.title,
                "byline": &r.byline,
                "published": &r.published,
            })
            .to_string();
            Prediction {
                file: f.clone(),
                line,
                text: r.text,
                title: r.title,
                byline: r.byline,
                published: r.published,
                violations,
            }
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

/// Runs score.py on a prediction file; returns its JSON result.
fn score(
    scorer: &Path,
    kind: Kind,
    dir: &Path,
    pred: &Path,
    extra: &[&str],
) -> Result<Value, String> {
    let res = Command::new("python3")
        .arg(scorer)
        .arg(kind.name())
        .arg(dir)
        .arg(pred)
        .arg("--json")
        .args(extra)
        .output()
        .map_err(|e| format!("could not run python3 {}: {e}", scorer.display()))?;
    if !res.status.success() {
        return Err(format!(
            "scorer failed: {}",
            String::from_utf8_lossy(&res.stderr).trim()
        ));
    }
    serde_json::from_slice(&res.stdout).map_err(|e| format!("scorer output: {e}"))
}

fn write_lines<'a>(path: &Path, lines: impl Iterator<Item = &'a str>) -> Result<(), String> {
    let mut f = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
    for l in lines {
        writeln!(f, "{l}").map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// `key=value` pairs of a score.py result, in its order, without the corpus name.
fn pairs(v: &Value, prefix: &str) -> String {
    let Some(m) = v.as_object() else {
        return String::new();
    };
    m.iter()
        .filter(|(k, _)| !matches!(k.as_str(), "corpus" | "per_type"))
        .map(|(k, v)| format!("{prefix}{k}={}", v.to_string().trim_matches('"')))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A name for the prediction files: the corpus folder's name.
fn corpus_name(dir: &Path) -> String {
    dir.canonicalize()
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "corpus".to_string())
}

/// Scores one corpus; returns the lines to print. The first line holds the whole corpus's
/// figures first (`f1=...`), then each half's (`A.f1=...`, `B.f1=...`).
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
            "{}: not a known corpus (expected evaldata.json + html/, ground-truth.json + html/, truth.json + html/, or folders with source.html + expected.html)",
            dir.display()
        )
    })?;
    let scorer = find_scorer(scorer_flag, dir).ok_or_else(|| match scorer_flag {
        Some(f) => format!("scorer not found: {}", f.display()),
        None => "scorer not found: pass --scorer PATH/score.py (looked in ../shared/tools and beside the corpus)".to_string(),
    })?;
    let files = pages(dir, kind).map_err(|e| format!("{}: {e}", dir.display()))?;
    let truth = truth(dir, kind, &files)?;
    let preds = run_pages(&files, &Options::default());
    let half = |p: &Prediction| half_of(truth.site.get(&p.file).map_or("", String::as_str));

    // Predictions are kept (the whole corpus and each half) for per-page analysis.
    let name = corpus_name(dir);
    let (out_dir, temporary) = match keep {
        Some(k) => (k.to_path_buf(), false),
        // One folder per corpus and process: corpora may be scored in parallel (the tests).
        None => (
            std::env::temp_dir().join(format!("declutter-eval-{}-{name}", std::process::id())),
            true,
        ),
    };
    std::fs::create_dir_all(&out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    let all_path = out_dir.join(format!("{name}.jsonl"));
    write_lines(&all_path, preds.iter().map(|p| p.line.as_str()))?;
    let mut half_paths = Vec::new();
    for h in [Half::A, Half::B] {
        let path = out_dir.join(format!("{name}.{h:?}.jsonl"));
        write_lines(
            &path,
            preds
                .iter()
                .filter(|p| half(p) == h)
                .map(|p| p.line.as_str()),
        )?;
        half_paths.push((h, path));
    }
    let extra: &[&str] = if kind == Kind::Wcxb {
        &["--per-type"]
    } else {
        &[]
    };
    let all = score(&scorer, kind, dir, &all_path, extra)?;
    let mut line = pairs(&all, "");
    let mut halves = Vec::new();
    for (h, path) in &half_paths {
        let mut args = vec!["--only-present"];
        args.extend_from_slice(extra);
        let v = score(&scorer, kind, dir, path, &args)?;
        let short: serde_json::Map<String, Value> = v
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(k, _)| matches!(k.as_str(), "f1" | "pages" | "clutter_leaks"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        line.push_str(&format!(
            " | {}",
            pairs(&Value::Object(short), &format!("{h:?}."))
        ));
        halves.push(v);
    }
    let mut out = vec![line];
    out.push(decision_line(&preds));
    if kind == Kind::Wcxb {
        out.extend(per_type_lines(&all, &halves));
        let table = page_table(&preds, &truth, half);
        let tsv = out_dir.join(format!("{name}.pages.tsv"));
        write_lines(&tsv, table.iter().map(String::as_str))?;
        out.extend(meta_lines(&preds, &truth, half));
        if !temporary {
            out.push(format!("  per-page scores: {}", tsv.display()));
        }
    }
    if temporary {
        let _ = std::fs::remove_dir_all(&out_dir);
    } else {
        out.push(format!("  predictions: {}", all_path.display()));
    }
    Ok(out.join("\n"))
}

/// The subcommand: the figures of each corpus; fails if any corpus could not be scored.
pub fn main(dirs: &[PathBuf], scorer: Option<&Path>, keep: Option<&Path>) -> ExitCode {
    if dirs.is_empty() {
        eprintln!("declutter eval: give one or more corpus directories");
        return ExitCode::FAILURE;
    }
    let mut failed = false;
    for d in dirs {
        match eval_one(d, scorer, keep) {
            Ok(lines) => {
                println!("{}: {lines}", d.display());
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

#[cfg(test)]
mod tests {
    use super::report::word_prf;
    use super::*;

    #[test]
    fn halves_are_by_site_and_stable() {
        assert_eq!(half_of("www.example.org"), half_of("Example.org"));
        let sites = [
            "a.com", "b.com", "c.net", "d.org", "e.de", "f.fr", "g.it", "h.jp",
        ];
        let a = sites.iter().filter(|s| half_of(s) == Half::A).count();
        assert!(a > 0 && a < sites.len(), "both halves get sites");
        assert_eq!(host("https://www.x.org:8080/a?b"), "www.x.org");
    }

    #[test]
    fn word_f1_counts_words_as_the_scorer_does() {
        assert_eq!(word_prf("a b c d", "a b c d").2, 1.0);
        let (p, r, _) = word_prf("One two, three four", "one two five");
        assert!((p - 2.0 / 3.0).abs() < 1e-9 && (r - 0.5).abs() < 1e-9);
        assert_eq!(word_prf("", "").2, 1.0);
        assert_eq!(word_prf("x", "").2, 0.0);
    }
}
