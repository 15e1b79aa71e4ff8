//! Accuracy floors on the two evaluation corpora in `../shared/corpus`, measured by the same
//! code as `declutter eval` (compiled in from the CLI) and scored by the team's `score.py`.
//! The floors sit a little under the figures reached, so a regression fails CI; the
//! one-decision rule must hold on every page.
//!
//! Without `../shared` the test fails with a message; set `DECLUTTER_SKIP_CORPUS=1` to skip,
//! or `DECLUTTER_SHARED=DIR` to read the shared data from elsewhere (a worktree).
#![cfg(all(feature = "cli", not(target_arch = "wasm32")))]

#[allow(dead_code)]
#[path = "../src/bin/declutter/eval/mod.rs"]
mod eval;
// eval/mod.rs prints the metadata report from its sibling module and reads pages through input.rs.
#[allow(dead_code)]
#[path = "../src/bin/declutter/input.rs"]
mod input;
#[allow(dead_code)]
#[path = "../src/bin/declutter/meta_eval.rs"]
mod meta_eval;

use std::path::{Path, PathBuf};

/// trafilatura-dev: substring F, reached at 0.948 (trafilatura 2.3 scores 0.925 here).
const TRAFILATURA_FLOOR: f64 = 0.944;
/// readability: 4-gram shingle F1 against Readability.js's own output (trafilatura: 0.932); the
/// floor is the target, reached at 0.964.
const READABILITY_FLOOR: f64 = 0.95;
/// wcxb-dev: word F1 per page, averaged, all 1,497 pages of 7 page types; reached at 0.863
/// (trafilatura 2.3: 0.818).
const WCXB_FLOOR: f64 = 0.857;
/// wcxb-dev forum threads (113 pages), reached at 0.804 (trafilatura 2.3: 0.703).
const WCXB_FORUM_FLOOR: f64 = 0.797;
/// wcxb-dev listings (99 pages: search results, shop categories, section fronts), reached at
/// 0.694 (trafilatura 2.3: 0.578).
const WCXB_LISTING_FLOOR: f64 = 0.687;
/// wcxb-dev collections (117 pages), reached at 0.667 (trafilatura 2.3: 0.574).
const WCXB_COLLECTION_FLOOR: f64 = 0.66;
/// wcxb-dev product pages (119 pages), reached at 0.637 (trafilatura 2.3: 0.630).
const WCXB_PRODUCT_FLOOR: f64 = 0.631;

fn shared() -> PathBuf {
    std::env::var_os("DECLUTTER_SHARED").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
        PathBuf::from,
    )
}

fn f1_of(line: &str) -> f64 {
    line.split_whitespace()
        .find_map(|w| w.strip_prefix("f1="))
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no f1 in scorer output: {line}"))
}

/// The eval's lines for `corpus` (None when the corpus floors are skipped).
fn eval_lines(corpus: &str) -> Option<String> {
    if std::env::var("DECLUTTER_SKIP_CORPUS").is_ok_and(|v| v == "1") {
        eprintln!("DECLUTTER_SKIP_CORPUS=1: corpus floor for {corpus} skipped");
        return None;
    }
    let dir = shared().join("corpus").join(corpus);
    assert!(
        dir.is_dir(),
        "corpus {} is missing: clone the shared data beside the repo (../shared) or set DECLUTTER_SKIP_CORPUS=1",
        dir.display()
    );
    Some(eval::eval_one(&dir, None, None).unwrap_or_else(|e| panic!("{corpus}: {e}")))
}

/// The one-decision rule holds on every page of the corpus: the eval's `one decision:` line
/// counts no page whose hidden list holds or sits inside the kept text, or whose renderings
/// are not the container without what was left out.
fn assert_one_decision(corpus: &str, lines: &str) {
    let line = lines
        .lines()
        .find(|l| l.trim_start().starts_with("one decision:"))
        .unwrap_or_else(|| panic!("{corpus}: no one-decision line in the eval's report"));
    let pages: usize = line
        .split_whitespace()
        .find_map(|w| w.strip_prefix("pages="))
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("{corpus}: no page count in {line}"));
    assert_eq!(pages, 0, "{corpus}: one decision broken: {lines}");
}

fn check(corpus: &str, floor: f64) {
    let Some(lines) = eval_lines(corpus) else {
        return;
    };
    assert_one_decision(corpus, &lines);
    let line = lines.lines().next().unwrap_or("");
    let f1 = f1_of(line);
    eprintln!("{corpus}: {line}");
    assert!(
        f1 >= floor,
        "{corpus}: F {f1} fell under the floor {floor} ({line})"
    );
}

#[test]
fn trafilatura_dev_floor() {
    check("trafilatura-dev", TRAFILATURA_FLOOR);
}

#[test]
fn readability_floor() {
    check("readability", READABILITY_FLOOR);
}

#[test]
fn wcxb_dev_floor() {
    let Some(lines) = eval_lines("wcxb-dev") else {
        return;
    };
    eprintln!("wcxb-dev: {lines}");
    assert_one_decision("wcxb-dev", &lines);
    let all = f1_of(lines.lines().next().unwrap_or(""));
    assert!(
        all >= WCXB_FLOOR,
        "wcxb-dev: F1 {all} fell under the floor {WCXB_FLOOR}"
    );
    // The per-type lines: `  forum n=113 f1=0.69 A.f1=... B.f1=...`.
    for (kind, floor) in [
        ("forum", WCXB_FORUM_FLOOR),
        ("listing", WCXB_LISTING_FLOOR),
        ("collection", WCXB_COLLECTION_FLOOR),
        ("product", WCXB_PRODUCT_FLOOR),
    ] {
        let f1 = lines
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{kind} ")))
            .map(f1_of)
            .unwrap_or_else(|| panic!("a {kind} line in the wcxb-dev report"));
        assert!(
            f1 >= floor,
            "wcxb-dev {kind}: F1 {f1} fell under the floor {floor}"
        );
    }
}
