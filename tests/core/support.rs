//! What the core's test modules share: reading a fixture page as a news story, and checking
//! which phrases its text and clean HTML hold.

use declutter::{extract_html_str, Extraction, Options};

/// The address the fixture pages are read at unless a module needs its own.
pub const STORY_URL: &str = "https://news.example.test/valley/story.html";

/// Extracts a fixture page read at `url`, with or without the Markdown rendering.
pub fn run_at(html: &str, url: &str, markdown: bool) -> Extraction {
    let opts = Options {
        url: Some(url.into()),
        markdown,
        ..Options::default()
    };
    extract_html_str(html, &opts).expect("fixture parses")
}

/// Extracts a fixture page read at [`STORY_URL`].
pub fn run(html: &str) -> Extraction {
    run_at(html, STORY_URL, false)
}

/// Checks the text holds every `must` and none of `must_not`.
pub fn check_text(name: &str, r: &Extraction, must: &[&str], must_not: &[&str]) {
    check_in(name, "text", &r.text, must, must_not);
}

/// Checks the clean HTML holds every `must` and none of `must_not`.
pub fn check_html(name: &str, r: &Extraction, must: &[&str], must_not: &[&str]) {
    check_in(name, "html", &r.html, must, must_not);
}

/// Checks one rendering (`what`) holds every `must` and none of `must_not`.
pub fn check_in(name: &str, what: &str, out: &str, must: &[&str], must_not: &[&str]) {
    for m in must {
        assert!(out.contains(m), "{name}: {what} lacks {m:?}:\n{out}");
    }
    for m in must_not {
        assert!(!out.contains(m), "{name}: {what} has {m:?}:\n{out}");
    }
}
