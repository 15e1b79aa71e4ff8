//! `Options::markdown`: the extension's "copy as Markdown" gets the CLI's Markdown.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use declutter::internals::dom::html::parse_str;
use declutter::internals::output::markdown::article_markdown;
use declutter::{extract_doc, extract_html_str, Options};

const PAGE: &str = include_str!("../fixtures/extract/table.html");
const URL: &str = "https://example.test/news/story.html";

#[test]
fn markdown_only_when_asked() {
    let plain = extract_html_str(PAGE, &Options::default()).unwrap();
    assert_eq!(plain.markdown, None);
    let json = serde_json::to_string(&plain).unwrap();
    assert!(
        !json.contains("\"markdown\""),
        "the CLI's jsonl schema is unchanged"
    );
}

#[test]
fn markdown_is_the_cli_rendering() {
    let opts = Options {
        markdown: true,
        url: Some(URL.into()),
        ..Options::default()
    };
    let r = extract_html_str(PAGE, &opts).unwrap();
    let md = r.markdown.clone().expect("markdown asked for");
    // The CLI renders `--format markdown` with article_markdown over the same tree.
    let doc = parse_str(PAGE).unwrap();
    let again = extract_doc(&doc, &opts);
    assert_eq!(md, article_markdown(&again, &doc, Some(URL)));
    assert!(
        md.starts_with("# "),
        "the title heads the Markdown: {md:.80}"
    );
    assert!(md.contains('|'), "the table is a GFM table: {md}");
}
