//! Blocks the reader view showed wrongly, one fixture page each (tests/fixtures/extract/,
//! invented text): the clean HTML the view renders must carry them right. The browser tests
//! (tests/e2e/lib/reader-blocks.mjs) render the same pages in the reader view.

use super::support::run;

/// How often `needle` occurs in `hay`.
fn count(hay: &str, needle: &str) -> usize {
    hay.matches(needle).count()
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn pros_and_cons_keep_their_items() {
    // Each item's text sits in a block whose class word is "meta": furniture words do not
    // empty a list item.
    let r = run(include_str!("../fixtures/extract/review-pros-cons.html"));
    for item in [
        "Scroll ring is precise and silent",
        "Sturdy braided cable included",
        "Too large for small hands",
        "Receiver has no slot to live in",
    ] {
        assert!(r.html.contains(item), "lacks {item:?}:\n{}", r.html);
    }
    assert_eq!(count(&r.html, "<li>"), 8, "{}", r.html);
    assert!(
        !r.html.contains("<li></li>"),
        "no empty bullet:\n{}",
        r.html
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn an_open_formula_ends_where_the_paragraphs_start() {
    // The page leaves `<mi>` open: the HTML parser puts the next 14 paragraphs inside the
    // formula. The clean HTML ends the formula at the first of them.
    let r = run(include_str!("../fixtures/extract/math-open.html"));
    let math = r.html.find("<math>").expect("the formula is kept");
    let end = r.html[math..].find("</math>").expect("and closed") + math;
    assert!(
        r.html[math..end].contains("<mi>v</mi>") && !r.html[math..end].contains("<p>"),
        "the formula holds only itself:\n{}",
        &r.html[math..end]
    );
    assert!(
        !r.html.contains("<mrow>The"),
        "no paragraph became a formula row"
    );
    for p in [
        "<p>Each pool drops the water by one hand",
        "<p>Salmon appeared only in the last fortnight",
        "<p>Questions about the survey can be put",
    ] {
        assert!(r.html.contains(p), "lacks {p:?}:\n{}", r.html);
    }
    assert!(count(&r.html, "<p>") >= 14, "{}", r.html);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn section_headings_stay_headings() {
    let r = run(include_str!("../fixtures/extract/science-sections.html"));
    for h in [
        "<h2>1. Introduction</h2>",
        "<h3>2.2 Counting gates</h3>",
        "<h4>2.2.1 Calibration</h4>",
        "<h5>Night-time corrections</h5>",
        "<h2>4. Discussion</h2>",
    ] {
        assert!(r.html.contains(h), "lacks {h:?}:\n{}", r.html);
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn docs_keep_code_notes_and_tables() {
    let r = run(include_str!("../fixtures/extract/docs-page.html"));
    assert!(
        r.html
            .contains("<pre><code class=\"language-toml\">[passage]\ntolerance = 0.2"),
        "{}",
        r.html
    );
    // The admonition and the role=note box are notes (`aside`); the table stays a table.
    assert_eq!(count(&r.html, "<aside>"), 2, "{}", r.html);
    let note = r.html.find("<aside>").expect("a note");
    assert!(r.html[note..]
        .trim_start_matches("<aside>")
        .trim_start()
        .starts_with("<p>Warning</p>"));
    assert!(r.html.contains("<th>Setting</th>") && r.html.contains("<td>0.2</td>"));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_box_holding_the_article_is_no_note() {
    let html = include_str!("../fixtures/extract/docs-page.html").replace(
        "<article class=\"docs-content\">",
        "<article class=\"docs-content note\">",
    );
    let r = run(&html);
    assert!(!r.html.starts_with("<aside>"), "{}", r.html);
    assert_eq!(count(&r.html, "<aside>"), 2, "{}", r.html);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn the_site_name_leaves_the_title() {
    // " - La Voce del Porto": no heading repeats the title and no site name is declared, but
    // the page's address (og:url) spells the name.
    let r = run(include_str!("../fixtures/extract/title-suffix.html"));
    assert_eq!(
        r.title.as_deref(),
        Some("Il porto di Vellano riapre dopo sei mesi di lavori")
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn lazy_images_show_their_real_source() {
    let r = run(include_str!("../fixtures/extract/lazy-placeholder.html"));
    assert!(
        r.html
            .contains("src=\"https://news.example.test/valley/img/mill-race.png\""),
        "data-src wins over the placeholder:\n{}",
        r.html
    );
    assert!(
        r.html.contains("src=\"https://news.example.test/valley/img/mill-wheel.png\" srcset=\"https://news.example.test/valley/img/mill-wheel.png 64w"),
        "a lazy srcset's first image wins over the placeholder:\n{}",
        r.html
    );
    assert!(!r.html.contains("placeholder-grey"), "{}", r.html);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn forum_posts_stay_posts_with_author_and_time() {
    // Each post is the page's own <article>: kept as one, one after another, with its author
    // and time, so the reader can set the posts apart.
    let r = run(include_str!("../fixtures/extract/forum-posts.html"));
    assert_eq!(count(&r.html, "<article>"), 4, "{}", r.html);
    let first = r.html.find("<article>").unwrap();
    let post = &r.html[first..first + r.html[first..].find("</article>").unwrap()];
    assert!(
        post.contains("wrenna_hale")
            && post.contains("<time datetime=\"2026-02-03T19:12:00Z\">3 Feb 2026, 19:12</time>"),
        "{post}"
    );
    assert!(
        post.contains("which would you choose for a first attempt?"),
        "{post}"
    );
}
