//! Article rules from pages nobody tuned for: one invented fixture page per kind of failure
//! (tests/fixtures/extract/, invented text and markup), each checked natively and under wasm32.

use declutter::{extract_html_str, Extraction, Options};

fn run(html: &str) -> Extraction {
    let opts = Options {
        url: Some("https://notes.example.test/ferry/engines.html".into()),
        markdown: true,
        ..Options::default()
    };
    extract_html_str(html, &opts).expect("fixture parses")
}

/// Checks the text holds every `must` and none of `must_not`.
fn check_text(name: &str, r: &Extraction, must: &[&str], must_not: &[&str]) {
    for m in must {
        assert!(r.text.contains(m), "{name}: text lacks {m:?}:\n{}", r.text);
    }
    for m in must_not {
        assert!(!r.text.contains(m), "{name}: text has {m:?}:\n{}", r.text);
    }
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
        declutter::dom::html::parse_str(include_str!("../fixtures/extract/streamed-parts.html"))
            .unwrap();
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
