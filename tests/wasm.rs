//! The core run under wasm32 in headless Chromium (and natively by plain `cargo test`).
//!
//! How to make any integration test "dual" (runs natively AND in the browser under
//! `cargo test --target wasm32-unknown-unknown`, which `npm test` runs):
//! 1. once per test file (each tests/*.rs is its own crate):
//!    `#[cfg(target_arch = "wasm32")] wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);`
//! 2. on each test, next to `#[test]`:
//!    `#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]`
//!
//! Tests without the attribute still compile for wasm32 but are not run there. Tests that read
//! files (the shared corpus) cannot be dual: wasm32 has no file system.

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use declutter::Snapshot;
use declutter::{extract_html_str, extract_snapshot, Error, Options};

/// An invented news page: a header, an article of several paragraphs, a sidebar list.
const PAGE: &str = r#"<!doctype html><html lang="en"><head><title>Tide gauge returns to the old quay</title>
<script>var ignored = "script text is never read";</script></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Tide gauge returns to the old quay</h1>
<p>The tide gauge that stood on the old quay for a century was bolted back into place on Monday, after two years in a workshop where volunteers rebuilt its brass float and clockwork.</p>
<p>Harbour staff say the gauge will again be read by hand every morning, alongside the electronic sensor that replaced it, so that the two records can be compared over a full year.</p>
<p>The restoration was paid for by a raffle, a bake sale and a grant from the maritime trust, which called the gauge one of the oldest working instruments of its kind on the coast.</p>
<!-- a comment between paragraphs --><p>Visitors can watch the float rise and fall through a new glass panel at the foot of the quay steps.</p>
</article>
<aside><h2>Most read</h2><ul><li><a href="/1">Ferry fares</a></li><li><a href="/2">Storm warning</a></li></ul></aside>
</body></html>"#;

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn finds_the_article_text() {
    let r = extract_html_str(PAGE, &Options::default()).expect("extraction succeeds");
    assert!(r.text.contains("bolted back into place"), "{}", r.text);
    assert!(r.text.contains("glass panel"), "{}", r.text);
    assert!(
        !r.text.contains("never read"),
        "script text leaked: {}",
        r.text
    );
    assert!(r.words > 50, "{} words", r.words);
    assert!(r.main.is_some());
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn both_doors_agree() {
    // The snapshot of a parsed page, as the content script would send it, gives the same result.
    let doc = declutter::parse_html(PAGE.as_bytes()).unwrap();
    let json = serde_json::to_string(&Snapshot::from_doc(&doc, None)).unwrap();
    let snap = Snapshot::from_json(&json).unwrap();
    let a = extract_html_str(PAGE, &Options::default()).unwrap();
    let b = extract_snapshot(&snap, &Options::default()).unwrap();
    assert_eq!(a.main, b.main);
    assert_eq!(a.text, b.text);
    assert_eq!(a.title, b.title);
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn bad_snapshots_are_clear_errors() {
    for bad in [
        r#"{"nodes":[]}"#,
        r#"{"nodes":[{"p":-1,"x":"text root"}]}"#,
        r#"{"nodes":[{"p":-1,"t":"html"},{"p":7,"t":"body"}]}"#,
        r#"{"nodes":[{"p":-1,"t":"html","x":"both"}]}"#,
    ] {
        let snap = Snapshot::from_json(bad).unwrap();
        let err: Error = extract_snapshot(&snap, &Options::default()).unwrap_err();
        assert!(!err.to_string().is_empty());
    }
    assert!(Snapshot::from_json("not json").is_err());
}
