//! Replays every input the fuzzers ever crashed on (tests/fuzz/regressions/<target>/*), plus a
//! few hand-made hostile ones, through the same checks the fuzz targets run. Native only: it
//! reads the cases from disk.
#![cfg(not(target_arch = "wasm32"))]

#[path = "fuzz/cases.rs"]
mod cases;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz/regressions")
        .join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_file() {
            let data = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(
                outcome.is_ok(),
                "regression case {} fails again",
                path.display()
            );
            n += 1;
        }
    }
    n
}

#[test]
fn html_regressions_replay() {
    assert!(
        replay("html", cases::html_case) > 0,
        "no html regression cases found"
    );
}

#[test]
fn snapshot_regressions_replay() {
    assert!(
        replay("snapshot", cases::snapshot_case) > 0,
        "no snapshot regression cases found"
    );
}

#[test]
fn doors_agree_on_a_hand_written_page() {
    cases::html_case(
        b"<html lang=en><head><title>T</title></head><body><nav>Home</nav><article><h1>T</h1>\
          <p>The harbour council voted on Tuesday to rebuild the old lighthouse stairs.</p>\
          <p>Work starts in spring and should take about four months in all.</p></article>\
          <aside><p>The harbour council voted on Tuesday to rebuild the old lighthouse stairs.</p></aside></body></html>",
    );
}

#[test]
fn snapshot_decoder_reaches_valid_and_invalid_trees() {
    // Some byte strings decode to valid trees, others name a parent that is not open.
    let valid = cases::decode_snapshot(&[0, 2, 1, 2, 5, 9, 3, 0, 0, 1, 3, 4]);
    assert!(valid.to_doc().is_ok());
    let invalid = cases::decode_snapshot(&[0x80, 200, 0]);
    assert!(invalid.to_doc().is_err());
    cases::snapshot_case(&[0x80, 200, 0]);
}
