//! Both inputs on real browser DOMs: every fixture page of the project is parsed by the browser
//! (web-sys, under wasm32 in headless Chromium: `npm test`'s wasm step), walked into a snapshot
//! as the content script walks a live page, and extracted; the result must equal the HTML
//! input's on the same bytes (html5ever), and every id it names must be the live element the
//! HTML input's CSS path selects in the browser's tree.
//!
//! The browser builds the tree as it does for a page with scripts on (an iframe written with
//! `document.write`), so `<noscript>` holds raw text as in the core's parse; a CSP put first in
//! the page keeps its scripts from running and its resources from loading (both inputs get the
//! same bytes). The walk is the extension's own (extension/content/walk.js, imported as it is,
//! with the contracts module the build generates from the core: extension/pkg/contracts.js),
//! so there is one walk definition. Natively, this file only checks that its list of fixtures
//! is every fixture page there is.

/// The fixture pages (tests/fixtures), embedded: wasm32 has no file system.
macro_rules! fixtures {
    ($($path:literal),* $(,)?) => {
        const FIXTURES: &[(&str, &str)] = &[$(($path, include_str!(concat!("fixtures/", $path)))),*];
    };
}

fixtures![
    "extract/about-boxes.html",
    "extract/author-article.html",
    "extract/author-box.html",
    "extract/box-labels.html",
    "extract/br-text.html",
    "extract/buying-guide.html",
    "extract/call-to-action-after-box.html",
    "extract/call-to-action.html",
    "extract/caption-credit.html",
    "extract/cjk.html",
    "extract/class-word-forms.html",
    "extract/code-block.html",
    "extract/collapsed-panels.html",
    "extract/comments.html",
    "extract/contact-disclaimer-kommentare.html",
    "extract/credit-lines.html",
    "extract/docs-page.html",
    "extract/figure-caption.html",
    "extract/folded-panels.html",
    "extract/footer-landmark.html",
    "extract/forum-posts.html",
    "extract/forum-thread.html",
    "extract/heading-standfirst.html",
    "extract/hidden.html",
    "extract/homepage.html",
    "extract/identifier-archive.html",
    "extract/jsonld-hint.html",
    "extract/layout-class-words.html",
    "extract/lazy-image.html",
    "extract/lazy-placeholder.html",
    "extract/lead-description.html",
    "extract/lead-summary.html",
    "extract/lead-einleitung.html",
    "extract/lead.html",
    "extract/link-discussion.html",
    "extract/math-open.html",
    "extract/newsletter.html",
    "extract/noscript-thread.html",
    "extract/nul-bytes.html",
    "extract/printed-markup.html",
    "extract/product-cart.html",
    "extract/product-cross-sell.html",
    "extract/product-reviews.html",
    "extract/pros-cons.html",
    "extract/qa-comments.html",
    "extract/qa-page.html",
    "extract/recipe-intro.html",
    "extract/rendered-twice.html",
    "extract/review-pros-cons.html",
    "extract/rtl.html",
    "extract/science-sections.html",
    "extract/scroll-next-story.html",
    "extract/share-bar.html",
    "extract/share-icons.html",
    "extract/shop-category.html",
    "extract/slot-peers.html",
    "extract/soft-hyphens.html",
    "extract/streamed-parts.html",
    "extract/table.html",
    "extract/teaser-cards.html",
    "extract/thread-in-form.html",
    "extract/thread-long-post.html",
    "extract/thread-named.html",
    "extract/thread-replies.html",
    "extract/thread-short-replies.html",
    "extract/title-suffix.html",
    "extract/trailing-heading.html",
    "extract/unsafe.html",
    "extract/video-math.html",
    "dedupe/html/agg_divsoup_after.html",
    "dedupe/html/agg_divsoup_before.html",
    "dedupe/html/agg_hashed_before.html",
    "dedupe/html/agg_semantic.html",
    "dedupe/html/agg_teaser.html",
    "dedupe/html/neg_list.html",
    "dedupe/html/neg_liveblog.html",
    "dedupe/html/neg_pullquote.html",
    "dedupe/html/neg_recipe.html",
    "dedupe/html/neg_table.html",
    "dedupe/html/nook_bees.html",
    "dedupe/html/nook_divers.html",
    "dedupe/html/nook_tide.html",
    "dedupe/html/nook_trains.html",
    "dedupe/html/pressbox_divers.html",
    "dedupe/html/promo_in_article.html",
    "dedupe/html/quill_ferry.html",
    "dedupe/html/quill_glass.html",
    "meta/byline-noise.html",
    "meta/dublin-core.html",
    "meta/jsonld-graph.html",
    "meta/microdata.html",
    "meta/opengraph.html",
    "meta/page-signals.html",
    "meta/site-name-title.html",
];

/// Pages whose content the page's own script moves into place (React's streamed parts): the
/// HTML input does that move itself, as the live page has it once the script has run; the
/// browser here builds the tree with the page's scripts kept off, so the two trees differ by
/// design. Their HTML-input reading is checked in tests/core.
#[cfg(target_arch = "wasm32")]
const SCRIPT_MOVES_CONTENT: &[&str] = &["extract/streamed-parts.html"];

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn every_fixture_page_is_listed() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut found = Vec::new();
    for dir in ["extract", "dedupe/html", "meta"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            let name = e.unwrap().file_name().into_string().unwrap();
            if name.ends_with(".html") {
                found.push(format!("{dir}/{name}"));
            }
        }
    }
    found.sort();
    let mut listed: Vec<String> = FIXTURES.iter().map(|(p, _)| p.to_string()).collect();
    listed.sort();
    assert_eq!(
        listed, found,
        "tests/live_dom.rs must list every fixture page"
    );
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::FIXTURES;
    use declutter::internals::dom::snapshot::parse_ints;
    use declutter::{extract_html_str, extract_packed, Extraction, Options, Packed, Snapshot};
    use js_sys::{Array, Object, Reflect};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
    use web_sys::{Document, HtmlDocument, HtmlIFrameElement, Node};

    wasm_bindgen_test_configure!(run_in_browser);

    // The page walk as the content script runs it (`walk`: one task, no limits).
    #[wasm_bindgen(module = "/extension/content/walk.js")]
    extern "C" {
        #[wasm_bindgen(js_name = walk)]
        fn page_walk(options: &Object) -> Object;
    }

    // The walk imports this module (`../pkg/contracts.js`); wasm-bindgen ships a local module
    // only when a Rust import names it, so the test names it too (and checks it is the core's).
    #[wasm_bindgen(module = "/extension/pkg/contracts.js")]
    extern "C" {
        #[wasm_bindgen(thread_local_v2, js_name = READ_ATTRS)]
        static READ_ATTRS: Array;
    }

    const URL: &str = "https://news.example.test/valley/story.html";
    /// Put first in every page: no script runs, nothing is fetched.
    const CSP: &str = r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'">"#;

    /// `html` with the CSP right after its doctype (or first, without one).
    fn guarded(html: &str) -> String {
        let start = html.trim_start();
        let at = if start.len() >= 9 && start[..9].eq_ignore_ascii_case("<!doctype") {
            html.len() - start.len() + start.find('>').map_or(0, |i| i + 1)
        } else {
            0
        };
        format!("{}{CSP}{}", &html[..at], &html[at..])
    }

    /// The browser's tree of `html`, parsed as a page with scripts on (in a fresh iframe).
    fn browser_dom(html: &str) -> (Document, HtmlIFrameElement) {
        let top = web_sys::window().unwrap().document().unwrap();
        let frame: HtmlIFrameElement = top.create_element("iframe").unwrap().unchecked_into();
        top.body().unwrap().append_child(&frame).unwrap();
        let doc: HtmlDocument = frame.content_document().unwrap().unchecked_into();
        doc.open().unwrap();
        doc.write(&Array::of1(&html.into())).unwrap();
        doc.close().unwrap();
        (doc.into(), frame)
    }

    fn get(o: &JsValue, key: &str) -> JsValue {
        Reflect::get(o, &key.into()).unwrap()
    }

    /// What the page walk read from `doc`: the packed snapshot's text and integers, and the
    /// node behind each entry.
    struct Walked {
        text: String,
        ints: Vec<i32>,
        nodes: Vec<Node>,
    }

    impl Walked {
        fn of(doc: &Document) -> Walked {
            let opts = Object::new();
            Reflect::set(&opts, &"doc".into(), doc).unwrap();
            Reflect::set(&opts, &"url".into(), &URL.into()).unwrap();
            let r = page_walk(&opts);
            assert!(get(&r, "cut").is_null(), "the walk was cut");
            let snap = get(&r, "snap");
            let ints = parse_ints(&get(&snap, "ints").as_string().unwrap()).unwrap();
            let nodes = Array::from(&get(&r, "nodes"))
                .iter()
                .map(|n| n.unchecked_into())
                .collect();
            Walked {
                text: get(&snap, "text").as_string().unwrap(),
                ints,
                nodes,
            }
        }

        fn packed(&self) -> Packed<'_> {
            Packed {
                text: &self.text,
                ints: &self.ints,
            }
        }

        /// The entries in the JSON form, to look at single ones.
        fn snapshot(&self) -> Snapshot {
            let doc = self.packed().to_doc_limited(None).unwrap();
            Snapshot::from_doc(&doc, Some(URL.into()))
        }
    }

    fn options() -> Options {
        Options {
            url: Some(URL.into()),
            html: true,
            markdown: true,
            dedupe: true,
            ..Options::default()
        }
    }

    /// The live element `path` (a result's CSS path) selects must be the walk's node `id`.
    fn same_element(name: &str, doc: &Document, nodes: &[Node], id: u32, path: &str) {
        let live = doc
            .query_selector(path)
            .unwrap()
            .unwrap_or_else(|| panic!("{name}: {path} selects nothing in the browser's tree"));
        assert!(
            live.is_same_node(nodes.get(id as usize)),
            "{name}: id {id} is not the element {path} selects"
        );
    }

    fn check(name: &str, html: &str) {
        let html = guarded(html);
        let (doc, frame) = browser_dom(&html);
        let walked = Walked::of(&doc);
        let mut from_html = extract_html_str(&html, &options()).expect("HTML input");
        let mut from_dom = extract_packed(&walked.packed(), &options()).expect("snapshot input");
        from_html.ms = 0.0;
        from_dom.ms = 0.0;
        assert_eq!(from_dom, from_html, "{name}: the two inputs disagree");
        check_ids(name, &html, &doc, &walked.nodes, &from_dom);
        frame.remove();
    }

    /// Every id the result names maps back to the live element the HTML input means.
    fn check_ids(name: &str, html: &str, doc: &Document, nodes: &[Node], r: &Extraction) {
        let parsed = declutter::parse_html(html.as_bytes()).unwrap();
        assert_eq!(parsed.len(), nodes.len(), "{name}: node counts differ");
        if let Some(main) = r.main {
            same_element(name, doc, nodes, main, &parsed.css_path(main));
        }
        for b in &r.hidden {
            same_element(name, doc, nodes, b.node, &b.path);
        }
        for c in r.duplicates.iter().flat_map(|g| &g.copies) {
            same_element(name, doc, nodes, c.node, &c.path);
        }
    }

    #[wasm_bindgen_test]
    fn the_walk_reads_the_cores_contracts() {
        let attrs: Vec<String> =
            READ_ATTRS.with(|a| a.iter().map(|v| v.as_string().unwrap()).collect());
        let core: Vec<String> = declutter::internals::dom::READ_ATTRS
            .iter()
            .map(|a| a.to_string())
            .collect();
        assert_eq!(attrs, core);
    }

    #[wasm_bindgen_test]
    fn every_fixture_gives_the_same_result_from_the_browsers_dom() {
        for (name, html) in FIXTURES {
            if super::SCRIPT_MOVES_CONTENT.contains(name) {
                continue;
            }
            check(name, html);
        }
    }

    #[wasm_bindgen_test]
    fn the_walk_reads_a_live_page_as_the_core_parses_it() {
        // Rules a fixture may not reach: text runs across a comment, template contents, unread
        // script text (but JSON-LD), SVG names, a noscript's raw text, an attribute the core
        // does not read.
        let html = r##"<!doctype html><html><head><title>Quay</title>
<script>var x = "never read";</script><script type="application/ld+json">{"headline":"Quay"}</script>
<noscript><img src="/pixel.gif"></noscript></head><body><p data-x="1" class="a">one <!-- c --> two</p>
<template><p>inside a template</p></template><svg viewBox="0 0 1 1"><use xlink:href="#c"></use></svg></body></html>"##;
        let (doc, frame) = browser_dom(&guarded(html));
        let snap = Walked::of(&doc).snapshot();
        frame.remove();
        let texts: Vec<&str> = snap.nodes.iter().filter_map(|n| n.x.as_deref()).collect();
        assert!(texts.contains(&"one  two"), "{texts:?}");
        assert!(texts.contains(&r#"{"headline":"Quay"}"#), "{texts:?}");
        assert!(texts.contains(&r#"<img src="/pixel.gif">"#), "{texts:?}");
        assert!(!texts
            .iter()
            .any(|t| t.contains("never read") || t.contains("inside a template")));
        let p = snap
            .nodes
            .iter()
            .find(|n| n.t.as_deref() == Some("p"))
            .unwrap();
        assert_eq!(p.a, vec![("class".to_string(), "a".to_string())]);
        let u = snap
            .nodes
            .iter()
            .find(|n| n.t.as_deref() == Some("use"))
            .unwrap();
        assert_eq!(u.a, vec![("href".to_string(), "#c".to_string())]);
        check("rules page", html);
    }

    #[wasm_bindgen_test]
    fn markup_the_parser_repairs_gives_the_same_result() {
        // Tree building the two parsers must agree on: foster-parented table text, upper-case
        // names, character references, CR LF, unclosed and misnested elements, foreign content
        // (SVG, MathML, CDATA), a select's implied ends, a form inside a table.
        let html = "<!DOCTYPE html>\r\n<HTML LANG=\"en\"><head><title>Tide &amp; quay</title></head><BODY>\r\n\
<h1 CLASS=\"Headline\">Tide gauge&nbsp;returns</h1><TABLE><tr><td>cell one</td></tr>stray text\
<tr><td>cell two</td></tr><form><tr><td>in form</td></tr></form></TABLE>\
<article><P CLASS=\"Lead\" ID=\"x\">Caf&eacute; opens\r\nat dawn<br>and the gauge is read by hand every morning by the harbour staff, \
who compare it with the sensor<p>unclosed paragraph about the brass float and the clockwork that volunteers rebuilt over two years\
<div><p>nested <b>bold <i>misnested</b> italic</i> text about the quay steps and the glass panel</div>\
<select><option>a<option>b</select><svg><![CDATA[cdata text]]><foreignObject><p>in svg</p></foreignObject></svg>\
<math><mi>x</mi><annotation-xml encoding=\"text/html\"><p>in math</p></annotation-xml></math>\
<p>A closing paragraph long enough to be read as part of the article body, with a few more words.</article>\
<ul><li>one<li>two</ul><dl><dt>term<dd>definition</dl></body></html>";
        check("repaired markup", html);
    }
}
