//! The one-decision rule (`declutter::extract::decision`) on every fixture page: the text, the
//! clean HTML and the Markdown render the article without exactly what was left out, and no
//! block hidden in place holds the article or sits inside its kept text.

use declutter::{
    decision_violations as violations, extract_doc, parse_html, Doc, Extraction, Options,
};

const URL: &str = "https://news.example.test/valley/story.html";

/// The fixture pages, embedded so the check also runs under wasm32 (natively, every page
/// under tests/fixtures is checked, listed here or not).
const FIXTURES: &[(&str, &str)] = &[
    (
        "extract/about-boxes.html",
        include_str!("../fixtures/extract/about-boxes.html"),
    ),
    (
        "extract/author-article.html",
        include_str!("../fixtures/extract/author-article.html"),
    ),
    (
        "extract/author-box.html",
        include_str!("../fixtures/extract/author-box.html"),
    ),
    (
        "extract/box-labels.html",
        include_str!("../fixtures/extract/box-labels.html"),
    ),
    (
        "extract/br-text.html",
        include_str!("../fixtures/extract/br-text.html"),
    ),
    (
        "extract/buying-guide.html",
        include_str!("../fixtures/extract/buying-guide.html"),
    ),
    (
        "extract/call-to-action-after-box.html",
        include_str!("../fixtures/extract/call-to-action-after-box.html"),
    ),
    (
        "extract/call-to-action.html",
        include_str!("../fixtures/extract/call-to-action.html"),
    ),
    (
        "extract/caption-credit.html",
        include_str!("../fixtures/extract/caption-credit.html"),
    ),
    (
        "extract/cjk.html",
        include_str!("../fixtures/extract/cjk.html"),
    ),
    (
        "extract/class-word-forms.html",
        include_str!("../fixtures/extract/class-word-forms.html"),
    ),
    (
        "extract/code-block.html",
        include_str!("../fixtures/extract/code-block.html"),
    ),
    (
        "extract/collapsed-panels.html",
        include_str!("../fixtures/extract/collapsed-panels.html"),
    ),
    (
        "extract/comments.html",
        include_str!("../fixtures/extract/comments.html"),
    ),
    (
        "extract/contact-disclaimer-kommentare.html",
        include_str!("../fixtures/extract/contact-disclaimer-kommentare.html"),
    ),
    (
        "extract/credit-lines.html",
        include_str!("../fixtures/extract/credit-lines.html"),
    ),
    (
        "extract/figure-caption.html",
        include_str!("../fixtures/extract/figure-caption.html"),
    ),
    (
        "extract/forum-thread.html",
        include_str!("../fixtures/extract/forum-thread.html"),
    ),
    (
        "extract/heading-standfirst.html",
        include_str!("../fixtures/extract/heading-standfirst.html"),
    ),
    (
        "extract/hidden.html",
        include_str!("../fixtures/extract/hidden.html"),
    ),
    (
        "extract/homepage.html",
        include_str!("../fixtures/extract/homepage.html"),
    ),
    (
        "extract/identifier-archive.html",
        include_str!("../fixtures/extract/identifier-archive.html"),
    ),
    (
        "extract/jsonld-hint.html",
        include_str!("../fixtures/extract/jsonld-hint.html"),
    ),
    (
        "extract/layout-class-words.html",
        include_str!("../fixtures/extract/layout-class-words.html"),
    ),
    (
        "extract/lazy-image.html",
        include_str!("../fixtures/extract/lazy-image.html"),
    ),
    (
        "extract/lead-description.html",
        include_str!("../fixtures/extract/lead-description.html"),
    ),
    (
        "extract/lead-summary.html",
        include_str!("../fixtures/extract/lead-summary.html"),
    ),
    (
        "extract/lead-einleitung.html",
        include_str!("../fixtures/extract/lead-einleitung.html"),
    ),
    (
        "extract/lead.html",
        include_str!("../fixtures/extract/lead.html"),
    ),
    (
        "extract/newsletter.html",
        include_str!("../fixtures/extract/newsletter.html"),
    ),
    (
        "extract/nul-bytes.html",
        include_str!("../fixtures/extract/nul-bytes.html"),
    ),
    (
        "extract/printed-markup.html",
        include_str!("../fixtures/extract/printed-markup.html"),
    ),
    (
        "extract/pros-cons.html",
        include_str!("../fixtures/extract/pros-cons.html"),
    ),
    (
        "extract/recipe-intro.html",
        include_str!("../fixtures/extract/recipe-intro.html"),
    ),
    (
        "extract/rtl.html",
        include_str!("../fixtures/extract/rtl.html"),
    ),
    (
        "extract/scroll-next-story.html",
        include_str!("../fixtures/extract/scroll-next-story.html"),
    ),
    (
        "extract/share-bar.html",
        include_str!("../fixtures/extract/share-bar.html"),
    ),
    (
        "extract/share-icons.html",
        include_str!("../fixtures/extract/share-icons.html"),
    ),
    (
        "extract/slot-peers.html",
        include_str!("../fixtures/extract/slot-peers.html"),
    ),
    (
        "extract/soft-hyphens.html",
        include_str!("../fixtures/extract/soft-hyphens.html"),
    ),
    (
        "extract/streamed-parts.html",
        include_str!("../fixtures/extract/streamed-parts.html"),
    ),
    (
        "extract/table.html",
        include_str!("../fixtures/extract/table.html"),
    ),
    (
        "extract/teaser-cards.html",
        include_str!("../fixtures/extract/teaser-cards.html"),
    ),
    (
        "extract/trailing-heading.html",
        include_str!("../fixtures/extract/trailing-heading.html"),
    ),
    (
        "extract/unsafe.html",
        include_str!("../fixtures/extract/unsafe.html"),
    ),
    (
        "extract/video-math.html",
        include_str!("../fixtures/extract/video-math.html"),
    ),
    (
        "dedupe/html/agg_divsoup_after.html",
        include_str!("../fixtures/dedupe/html/agg_divsoup_after.html"),
    ),
    (
        "dedupe/html/agg_divsoup_before.html",
        include_str!("../fixtures/dedupe/html/agg_divsoup_before.html"),
    ),
    (
        "dedupe/html/agg_hashed_before.html",
        include_str!("../fixtures/dedupe/html/agg_hashed_before.html"),
    ),
    (
        "dedupe/html/agg_semantic.html",
        include_str!("../fixtures/dedupe/html/agg_semantic.html"),
    ),
    (
        "dedupe/html/agg_teaser.html",
        include_str!("../fixtures/dedupe/html/agg_teaser.html"),
    ),
    (
        "dedupe/html/neg_list.html",
        include_str!("../fixtures/dedupe/html/neg_list.html"),
    ),
    (
        "dedupe/html/neg_liveblog.html",
        include_str!("../fixtures/dedupe/html/neg_liveblog.html"),
    ),
    (
        "dedupe/html/neg_pullquote.html",
        include_str!("../fixtures/dedupe/html/neg_pullquote.html"),
    ),
    (
        "dedupe/html/neg_recipe.html",
        include_str!("../fixtures/dedupe/html/neg_recipe.html"),
    ),
    (
        "dedupe/html/neg_table.html",
        include_str!("../fixtures/dedupe/html/neg_table.html"),
    ),
    (
        "dedupe/html/promo_in_article.html",
        include_str!("../fixtures/dedupe/html/promo_in_article.html"),
    ),
    (
        "meta/dublin-core.html",
        include_str!("../fixtures/meta/dublin-core.html"),
    ),
    (
        "meta/jsonld-graph.html",
        include_str!("../fixtures/meta/jsonld-graph.html"),
    ),
    (
        "meta/microdata.html",
        include_str!("../fixtures/meta/microdata.html"),
    ),
    (
        "meta/opengraph.html",
        include_str!("../fixtures/meta/opengraph.html"),
    ),
    (
        "meta/page-signals.html",
        include_str!("../fixtures/meta/page-signals.html"),
    ),
];

fn extract(html: &str) -> (Doc, Extraction) {
    let doc = parse_html(html.as_bytes()).expect("fixture parses");
    let opts = Options {
        url: Some(URL.into()),
        ..Options::default()
    };
    let r = extract_doc(&doc, &opts);
    (doc, r)
}

fn check(name: &str, html: &str) {
    let (doc, r) = extract(html);
    let v = violations(&doc, &r, Some(URL));
    assert!(v.is_empty(), "{name}: {v:?}");
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn one_decision_on_every_embedded_fixture() {
    for (name, html) in FIXTURES {
        check(name, html);
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn one_decision_on_every_fixture_file() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut stack = vec![root];
    let mut pages = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "html") {
                let bytes = std::fs::read(&path).unwrap();
                let html = String::from_utf8_lossy(&bytes);
                check(&path.display().to_string(), &html);
                pages += 1;
            }
        }
    }
    assert!(pages >= FIXTURES.len(), "{pages} fixture pages");
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn the_check_finds_a_hidden_block_over_the_article() {
    // A result whose hide list holds the article's container breaks the rule, and says so.
    let (doc, mut r) = extract(include_str!("../fixtures/extract/share-bar.html"));
    let main = r.main.expect("an article");
    let parent = doc.parent(main).expect("the container has a parent");
    r.hidden.push(declutter::Block {
        node: parent,
        path: doc.css_path(parent),
        reason: "sidebar".into(),
    });
    let v = violations(&doc, &r, Some(URL));
    assert!(v.iter().any(|m| m.contains("holds the article")), "{v:?}");
    // A hidden block inside the kept text, too.
    let kept = doc
        .descendants(main)
        .find(|&i| doc.tag(i) == "p" && !r.left_out.iter().any(|&o| doc.contains(o, i)))
        .expect("a kept paragraph");
    r.hidden.push(declutter::Block {
        node: kept,
        path: doc.css_path(kept),
        reason: "ad".into(),
    });
    let v = violations(&doc, &r, Some(URL));
    assert!(
        v.iter()
            .any(|m| m.contains("inside the article's kept text")),
        "{v:?}"
    );
}
