//! Article rules from pages nobody tuned for: one invented fixture page per kind of failure
//! (tests/fixtures/extract/, invented text and markup), each checked natively and under wasm32.

use super::support::{check_text, run_at};
use declutter::{Extraction, Options};

fn run(html: &str) -> Extraction {
    run_at(html, "https://notes.example.test/ferry/engines.html", true)
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn streamed_parts_are_read_where_the_page_script_puts_them() {
    let r = run(include_str!("../fixtures/extract/streamed-parts.html"));
    check_text(
        "streamed-parts",
        &r,
        &[
            "The Orvel ferry spent the whole of last summer",
            "the engines turned over again on the first frosty morning",
        ],
        &["Winter sale", "Loading the story", "no placeholder names"],
    );
    assert!(r.is_article, "{r:?}");
    // The part sits where its placeholder was: before the footer, after the banner.
    let doc =
        declutter::parse_html(include_bytes!("../fixtures/extract/streamed-parts.html")).unwrap();
    let main = r.main.expect("an article");
    let footer = doc.find_tag("footer").unwrap();
    assert!(main < footer, "the article moved before the footer");
    assert!(
        !doc.subtree_text(0).contains("Loading the story"),
        "the loading fallback is gone"
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_slot_beside_a_repeated_box_is_not_a_card_of_its_list() {
    let r = run(include_str!("../fixtures/extract/slot-peers.html"));
    check_text(
        "slot-peers",
        &r,
        &[
            "The evenings are drawing in",
            "played by the harbour school orchestra",
        ],
        &["Tell us what you think"],
    );
    assert!(r.is_article);
}

const TRAIN_FIRST: &str = "For the first time in eleven years, a sleeper train left";
const TRAIN_LAST: &str = "would have waited eleven more";

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn layout_words_on_the_article_body_do_not_hide_it() {
    // `l-sidebar-fixed l-article-body-segment`: the body's segments are named after the
    // layout; the text, the Markdown and the hide list agree that they are the article.
    let html = include_str!("../fixtures/extract/layout-class-words.html");
    let r = run(html);
    check_text("layout", &r, &[TRAIN_FIRST, TRAIN_LAST], &["Most read"]);
    let md = r.markdown.as_deref().unwrap_or("");
    for m in [TRAIN_FIRST, TRAIN_LAST] {
        assert!(md.contains(m), "markdown lacks {m:?}:\n{md}");
    }
    assert!(!md.contains("Most read"), "{md}");
    // The real sidebar is hidden; no hidden block holds the story.
    let doc = declutter::parse_html(html.as_bytes()).unwrap();
    assert!(r
        .hidden
        .iter()
        .any(|b| b.reason == "sidebar" && doc.tag(b.node) == "aside"));
    for b in &r.hidden {
        let t = doc.subtree_text(b.node);
        assert!(
            !t.contains("sleeper train"),
            "hidden {:?} holds the story",
            b
        );
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn an_article_container_named_author_article_is_the_article() {
    let r = run(include_str!("../fixtures/extract/author-article.html"));
    check_text(
        "author-article",
        &r,
        &[
            "Every morning at seven, Edda Marsh unlocks the long shed",
            "keeps the wheel turning at least once a year",
        ],
        &[],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn the_intro_before_a_recipe_card_stays() {
    let r = run(include_str!("../fixtures/extract/recipe-intro.html"));
    check_text(
        "recipe-intro",
        &r,
        &[
            "This is the soup my neighbour brings round",
            "Two large leeks",
            "keep the rest in the cold larder",
        ],
        &["Recipe index"],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn soft_hyphens_are_not_part_of_the_words() {
    let r = run(include_str!("../fixtures/extract/soft-hyphens.html"));
    check_text(
        "soft-hyphens",
        &r,
        &[
            "Seit vier Generationen bringt die Familie Albrecht",
            "vom Wasserkraftwerk am Nordufer",
        ],
        &["\u{AD}"],
    );
    let md = r.markdown.as_deref().unwrap_or("");
    assert!(
        md.contains("über die Bergstraße") && !md.contains('\u{AD}'),
        "{md}"
    );
    assert_eq!(r.title.as_deref(), Some("Die Fährleute vom Obersee"));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_page_with_a_few_nul_bytes_is_read_as_browsers_read_it() {
    let bytes = include_bytes!("../fixtures/extract/nul-bytes.html");
    assert_eq!(bytes.iter().filter(|&&b| b == 0).count(), 3);
    let r = declutter::extract_html(bytes, &Options::default()).expect("read like a browser");
    check_text(
        "nul-bytes",
        &r,
        &[
            "The cider orchard on the west slope opened its gates again",
            "white ribbons tied around their stakes",
        ],
        &["\u{0}"],
    );
    // Truly binary input is still refused.
    assert_eq!(
        declutter::extract_html(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", &Options::default()),
        Err(declutter::Error::Binary)
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_buying_guides_picks_under_linked_headings_stay() {
    let r = run(include_str!("../fixtures/extract/buying-guide.html"));
    check_text(
        "buying-guide",
        &r,
        &[
            "The Ferrule One gave the most even grind",
            "For travel the Bellwether Mini is the one to pack",
            "The Old Quarry Mill is a tabletop grinder",
            "make it the Ferrule One",
        ],
        &["The best gooseneck kettles", "Six kettles poured"],
    );
    assert!(
        !r.hidden.iter().any(|b| b.reason == "related links"),
        "{:?}",
        r.hidden
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn boxes_about_the_author_or_reviewer_and_disclaimers_are_dropped() {
    let r = run(include_str!("../fixtures/extract/about-boxes.html"));
    check_text(
        "about-boxes",
        &r,
        &[
            "A small study of winter swimmers",
            "stay in for more than a few minutes at first",
        ],
        &[
            "About the Author",
            "has written about health and science",
            "About the reviewer",
            "sports medicine",
            "reviews every health article",
            "Disclaimer",
            "not a substitute for advice",
        ],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn markup_printed_as_text_is_dropped_but_code_samples_stay() {
    let r = run(include_str!("../fixtures/extract/printed-markup.html"));
    check_text(
        "printed-markup",
        &r,
        &[
            "For forty years the parish newsletter",
            "with the <img> tag herself",
            "<img src=\"roof.jpg\" alt=\"The church roof after the repairs\">",
            "at the kitchen table with a cup of tea",
        ],
        &["pixel.gif", "<iframe", "player.example.test"],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn lists_of_icons_leave_no_empty_bullets_and_ranks_stay_text() {
    let r = run(include_str!("../fixtures/extract/pros-cons.html"));
    check_text(
        "pros-cons",
        &r,
        &["The Fellside kept us dry", "the shoulders were wet through"],
        &["Pros", "Cons"],
    );
    // No bullet without anything beside it, in the reader's HTML or in the Markdown.
    assert!(
        !r.html.contains("<li></li>") && !r.html.contains("<ul></ul>"),
        "{}",
        r.html
    );
    assert!(!r.html.contains("<li>"), "icon-only items: {}", r.html);
    let md = r.markdown.as_deref().unwrap_or("");
    for line in md.lines() {
        let t = line.trim();
        assert!(
            !matches!(t, "-" | "*" | "+" | "1." | "2."),
            "an empty list item in the Markdown: {line:?}\n{md}"
        );
    }
    // The ranks and the dash are the page's text, escaped so they stay text.
    assert!(
        md.contains("1\\.") && md.contains("\\- Prices were checked"),
        "{md}"
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn collapsed_tab_and_accordion_panels_are_the_article() {
    let r = run(include_str!("../fixtures/extract/collapsed-panels.html"));
    check_text(
        "collapsed-panels",
        &r,
        &[
            "A mixed native hedge takes a few weekends",
            "Stretch a string between two canes",
            "Dig the strip to a spade's depth",
            "Bare-root whips go in between November and March",
            "trim it by a third each winter",
        ],
        // A closed dialog is hidden furniture, not a folded part of the article.
        &["Sign up for our hedge newsletter"],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_section_rendered_once_per_screen_size_is_read_once() {
    // The same feature row in a wide and a narrow layout (one of them hidden by a media
    // query the core does not evaluate): the reader gets it once, the first copy.
    let r = run(include_str!("../fixtures/extract/rendered-twice.html"));
    check_text(
        "rendered-twice",
        &r,
        &[
            "recycled green polyethylene",
            "Fits any downpipe",
            "brass tap",
        ],
        &[],
    );
    assert_eq!(
        r.text.matches("The diverter clips onto round").count(),
        1,
        "{}",
        r.text
    );
}
