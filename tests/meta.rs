//! Metadata fixtures: every `tests/fixtures/meta/<name>.html` is read with `meta::read` and
//! compared field by field with `<name>.json` (`"url"` there is the page URL to resolve against).

use declutter::internals::dom::html::parse_bytes;
use declutter::internals::meta::{read, Metadata};
use serde_json::Value;
use std::path::Path;

const FIELDS: &[&str] = &[
    "title",
    "byline",
    "published",
    "site_name",
    "lang",
    "dir",
    "lead_image",
    "excerpt",
];

fn field<'a>(m: &'a Metadata, name: &str) -> Option<&'a str> {
    match name {
        "title" => m.title.as_deref(),
        "byline" => m.byline.as_deref(),
        "published" => m.published.as_deref(),
        "site_name" => m.site_name.as_deref(),
        "lang" => m.lang.as_deref(),
        "dir" => m.dir.as_deref(),
        "lead_image" => m.lead_image.as_deref(),
        "excerpt" => m.excerpt.as_deref(),
        other => panic!("unknown field {other}"),
    }
}

#[test]
fn fixtures_match_expected_metadata() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/meta");
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for html in entries
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
    {
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(html.with_extension("json")).unwrap())
                .unwrap();
        let doc = parse_bytes(&std::fs::read(html).unwrap()).unwrap();
        let m = read(&doc, expected["url"].as_str());
        for f in FIELDS {
            let want = expected
                .get(*f)
                .unwrap_or_else(|| panic!("{} lacks {f}", html.display()));
            if want.as_str() != field(&m, f) {
                failures.push(format!(
                    "{} {f}: expected {want}, got {:?}",
                    html.display(),
                    field(&m, f)
                ));
            }
        }
        checked += 1;
    }
    assert!(checked >= 5, "fixtures missing in {}", dir.display());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn without_page_url_the_image_stays_relative_to_base() {
    let html = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/meta/jsonld-graph.html"),
    )
    .unwrap();
    let doc = parse_bytes(&html).unwrap();
    let m = read(&doc, None);
    // Without a page URL the image is resolved against <base href> only.
    assert_eq!(m.lead_image.as_deref(), Some("/static/img/owl-loft.jpg"));
}

#[test]
fn empty_and_odd_documents_do_not_panic() {
    for html in [
        "<p>x</p>",
        "<html lang=''><title></title><meta property><meta name='author' content='   '>",
        "<script type='application/ld+json'>[[[[[[[[[[{\"@type\":\"Article\",\"author\":{\"@id\":\"#x\"}}]]]]]]]]]]</script>",
        "<script type='application/ld+json'>{\"@type\":\"Article\",\"datePublished\":\"9999-99-99\",\"image\":{}}</script>",
    ] {
        let doc = declutter::internals::dom::html::parse_str(html).unwrap();
        let m = read(&doc, Some("not a url"));
        assert_eq!(m.published, None);
        assert_eq!(m.lang, None);
    }
}
