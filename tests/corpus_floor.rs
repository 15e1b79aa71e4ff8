//! Accuracy floors on the two evaluation corpora in `../shared/corpus`, measured by the same
//! code as `declutter eval` (compiled in from the CLI) and scored by the team's `score.py`.
//! The floors sit a little under the figures reached, so a regression fails CI.
//!
//! Without `../shared` the test fails with a message; set `DECLUTTER_SKIP_CORPUS=1` to skip.
#![cfg(all(feature = "cli", not(target_arch = "wasm32")))]

#[allow(dead_code)]
#[path = "../src/bin/declutter/eval.rs"]
mod eval;
// eval.rs prints the metadata report from its sibling module and reads pages through input.rs.
#[allow(dead_code)]
#[path = "../src/bin/declutter/input.rs"]
mod input;
#[allow(dead_code)]
#[path = "../src/bin/declutter/meta_eval.rs"]
mod meta_eval;

use std::path::{Path, PathBuf};

/// trafilatura-dev: substring F, reached at 0.941 (trafilatura 2.3 scores 0.928 here).
const TRAFILATURA_FLOOR: f64 = 0.937;
/// readability: 4-gram shingle F1 against Readability.js's own output (trafilatura: 0.932); the
/// floor is the target, reached at 0.957.
const READABILITY_FLOOR: f64 = 0.95;

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

fn f1_of(line: &str) -> f64 {
    line.split_whitespace()
        .find_map(|w| w.strip_prefix("f1="))
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no f1 in scorer output: {line}"))
}

fn check(corpus: &str, floor: f64) {
    if std::env::var("DECLUTTER_SKIP_CORPUS").is_ok_and(|v| v == "1") {
        eprintln!("DECLUTTER_SKIP_CORPUS=1: corpus floor for {corpus} skipped");
        return;
    }
    let dir = shared().join("corpus").join(corpus);
    assert!(
        dir.is_dir(),
        "corpus {} is missing: clone the shared data beside the repo (../shared) or set DECLUTTER_SKIP_CORPUS=1",
        dir.display()
    );
    let line = eval::eval_one(&dir, None, None).unwrap_or_else(|e| panic!("{corpus}: {e}"));
    let f1 = f1_of(&line);
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
