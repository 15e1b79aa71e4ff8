//! Extraction rules, one fixture page per rule (tests/fixtures/extract/, invented text): what
//! must and must not appear in the text and the clean HTML.

use super::support::{check_html, check_text, run};
use declutter::{extract_html_str, Options};

const LADDER_FIRST: &str = "The river authority of Veldmark opened its new fish ladder";
const LADDER_LAST: &str = "once the ladder had proved itself in autumn";

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn lazy_image_is_promoted_and_tracker_dropped() {
    let r = run(include_str!("../fixtures/extract/lazy-image.html"));
    check_text("lazy-image", &r, &[LADDER_FIRST], &[]);
    check_html(
        "lazy-image",
        &r,
        &[
            "src=\"https://news.example.test/img/ladder-wide.jpg\"",
            "https://news.example.test/img/ladder-1600.jpg 1600w",
        ],
        &["data:image/gif", "pixel.gif", "data-src"],
    );
    assert!(r.is_article);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn figure_keeps_image_and_caption() {
    let r = run(include_str!("../fixtures/extract/figure-caption.html"));
    check_text(
        "figure",
        &r,
        &["Thirty pools climb the bank beside the old mill."],
        &[],
    );
    check_html(
        "figure",
        &r,
        &[
            "<figure><img src=\"https://cdn.example.test/ladder.jpg\"",
            "<figcaption>Thirty pools",
        ],
        &[],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn table_is_kept() {
    let r = run(include_str!("../fixtures/extract/table.html"));
    check_text("table", &r, &["Brown trout 412", "European eel 7"], &[]);
    check_html(
        "table",
        &r,
        &["<table>", "<th>Species</th>", "<td>412</td>", "<caption>"],
        &[],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn code_block_keeps_its_formatting() {
    let r = run(include_str!("../fixtures/extract/code-block.html"));
    check_text(
        "code",
        &r,
        &["def is_fish(length_cm, speed):\n    if length_cm < 5:\n        return False"],
        &[],
    );
    check_html(
        "code",
        &r,
        &["<pre><code class=\"language-python\">def is_fish(length_cm, speed):\n    if length_cm &lt; 5:"],
        &[],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn share_bar_is_dropped_and_hidden() {
    let r = run(include_str!("../fixtures/extract/share-bar.html"));
    check_text(
        "share",
        &r,
        &[LADDER_FIRST, LADDER_LAST],
        &[
            "Share on Friendface",
            "Spread the word",
            "Follow our river desk",
        ],
    );
    assert!(
        r.hidden.iter().any(|b| b.reason == "share bar"),
        "{:?}",
        r.hidden
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn comment_section_is_dropped_and_hidden() {
    let r = run(include_str!("../fixtures/extract/comments.html"));
    check_text(
        "comments",
        &r,
        &[LADDER_FIRST, LADDER_LAST],
        &["Reader comments", "grandfather", "waste of public money"],
    );
    assert!(
        r.hidden.iter().any(|b| b.reason == "comment section"),
        "{:?}",
        r.hidden
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn newsletter_box_is_dropped() {
    let r = run(include_str!("../fixtures/extract/newsletter.html"));
    check_text(
        "newsletter",
        &r,
        &[LADDER_FIRST, LADDER_LAST],
        &["river bulletin", "Sign up for our weekly", "Subscribe"],
    );
    check_html("newsletter", &r, &[], &["<form", "<input", "<button"]);
    assert!(r.hidden.iter().any(|b| b.reason == "newsletter box"));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn hidden_elements_are_dropped() {
    let r = run(include_str!("../fixtures/extract/hidden.html"));
    check_text(
        "hidden",
        &r,
        &[LADDER_FIRST],
        &[
            "hidden teaser",
            "secret paragraph",
            "invisible block",
            "popover card",
        ],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn json_ld_body_locates_the_article_but_is_never_output() {
    let r = run(include_str!("../fixtures/extract/jsonld-hint.html"));
    check_text(
        "jsonld",
        &r,
        &[LADDER_FIRST, "Critics had argued"],
        &["cheese market", "never shown on the page"],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn rtl_page_keeps_direction_and_text() {
    let r = run(include_str!("../fixtures/extract/rtl.html"));
    check_text(
        "rtl",
        &r,
        &["افتتحت سلطة النهر", "أربعمائة سمكة"],
        &["Weather", "Copyright"],
    );
    assert_eq!(r.dir.as_deref(), Some("rtl"));
    assert!(r.is_article);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn cjk_page_is_an_article() {
    let r = run(include_str!("../fixtures/extract/cjk.html"));
    check_text(
        "cjk",
        &r,
        &["费尔德马克河务局", "几条鳗鱼通过"],
        &["Weather"],
    );
    assert!(r.is_article, "CJK prose has no spaces but is an article");
    assert!(r.words > 100, "CJK characters count as words: {}", r.words);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn br_separated_text_is_found() {
    let r = run(include_str!("../fixtures/extract/br-text.html"));
    check_text(
        "br",
        &r,
        &[LADDER_FIRST, "Critics had argued"],
        &["Copyright", "Weather"],
    );
    assert!(r.is_article);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn homepage_is_not_an_article() {
    let r = run(include_str!("../fixtures/extract/homepage.html"));
    assert!(!r.is_article, "a page of teasers is no article: {}", r.text);
}

/// 100,000 nested elements: every pass walks ranges, nothing recurses on depth. Built with the
/// document builder (the HTML input's tree construction is itself quadratic in depth).
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn deep_nesting_is_linear() {
    use declutter::internals::dom::DocBuilder;
    const DEPTH: usize = 100_000;
    let mut b = DocBuilder::new();
    b.open("html", vec![]);
    b.open("body", vec![]);
    for _ in 0..DEPTH {
        b.open("div", vec![]);
    }
    b.open("p", vec![]);
    b.text(LADDER_FIRST);
    b.text(", and a long way down it is, with commas, so it reads as prose.");
    b.close();
    let doc = b.finish();
    let r = declutter::extract_doc(&doc, &Options::default());
    assert!(r.text.starts_with(LADDER_FIRST), "{}", r.text);
    assert!(r.html.contains(LADDER_FIRST));
}

/// 1,000,000 sibling paragraphs under one element.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn a_million_siblings() {
    use declutter::internals::dom::DocBuilder;
    const SIBLINGS: usize = 1_000_000;
    let mut b = DocBuilder::with_capacity(2 * SIBLINGS + 8);
    b.open("html", vec![]);
    b.open("body", vec![]);
    b.open("div", vec![]);
    for i in 0..SIBLINGS {
        b.open("p", vec![]);
        // Distinct texts: this is about size, not about a million copies of one block.
        b.text(&format!("Pool {i}, calm and deep water."));
        b.close();
    }
    let doc = b.finish();
    let r = declutter::extract_doc(
        &doc,
        &Options {
            html: false,
            // The extraction passes are under test here; duplicate detection has its own.
            dedupe: false,
            ..Options::default()
        },
    );
    assert!(r.is_article);
    assert!(r.words > SIBLINGS, "{}", r.words);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn clean_html_is_safe_and_urls_resolved() {
    let r = run(include_str!("../fixtures/extract/unsafe.html"));
    check_text(
        "unsafe",
        &r,
        &[LADDER_FIRST, "Counting gates"],
        &["injected script text", "Search the river"],
    );
    check_html(
        "unsafe",
        &r,
        &[
            // <base href="/valley/"> resolved against the page URL.
            "href=\"https://news.example.test/valley/notes/ladder.html\"",
            "src=\"https://news.example.test/valley/pools.jpg\"",
        ],
        &[
            "<script",
            "onclick",
            "onerror",
            "javascript:",
            "style=",
            "srcdoc",
            "<iframe",
            "<object",
            "<embed",
            "<form",
            "<input",
            "<button",
            "image/svg+xml",
        ],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn video_embed_and_math_are_kept() {
    let r = run(include_str!("../fixtures/extract/video-math.html"));
    check_html(
        "video-math",
        &r,
        &[
            "<iframe src=\"https://www.youtube-nocookie.com/embed/abc123\"",
            "<math display=\"block\"><mi>Q</mi><mo>=</mo>",
        ],
        &[],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn debug_scores_only_when_asked() {
    let html = include_str!("../fixtures/extract/comments.html");
    let plain = run(html);
    assert!(plain.debug.is_empty());
    let r = extract_html_str(
        html,
        &Options {
            debug: true,
            ..Options::default()
        },
    )
    .unwrap();
    assert!(r.debug.iter().any(|b| b.kept && Some(b.node) == r.main));
    assert!(r
        .debug
        .iter()
        .any(|b| !b.kept && b.reason.contains("boilerplate")));
}

/// The hide list is a minimal set of roots: none inside another, none holding the article.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn hidden_roots_are_minimal_and_outside_the_article() {
    for html in [
        include_str!("../fixtures/extract/comments.html"),
        include_str!("../fixtures/extract/share-bar.html"),
        include_str!("../fixtures/extract/newsletter.html"),
        include_str!("../fixtures/extract/homepage.html"),
    ] {
        let doc = declutter::internals::dom::html::parse_str(html).unwrap();
        let r = declutter::extract_doc(&doc, &Options::default());
        for (k, a) in r.hidden.iter().enumerate() {
            if let Some(m) = r.main {
                assert!(!doc.contains(a.node, m), "{} holds the article", a.path);
            }
            assert!(!a.reason.is_empty());
            for b in &r.hidden[k + 1..] {
                assert!(
                    !doc.contains(a.node, b.node) && !doc.contains(b.node, a.node),
                    "{} and {} nest",
                    a.path,
                    b.path
                );
            }
        }
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn lead_in_the_article_header_joins_the_body() {
    let r = run(include_str!("../fixtures/extract/lead.html"));
    check_text(
        "lead",
        &r,
        &[
            "Brambleford decided that the old press by the river stays",
            "The press has stood beside the mill race",
            "shared at the harvest fair",
        ],
        &[
            "By Mara Holt",
            "Mail this story",
            "The Brambleford Gazette",
            "Farming",
        ],
    );
    // The lead comes before the body, as on the page.
    let lead = r.text.find("Brambleford decided").unwrap();
    let body = r.text.find("The press has stood").unwrap();
    assert!(lead < body, "lead after body:\n{}", r.text);
    assert!(r.is_article);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn clutter_words_match_in_plural_numbered_and_compound_names() {
    let r = run(include_str!("../fixtures/extract/class-word-forms.html"));
    check_text(
        "class-word-forms",
        &r,
        &[
            "a ferry crossed the lake after dark",
            "appear out of the mist at half past ten",
        ],
        &[
            "Did you like this story",
            "Filed under harbour news",
            "You might also like",
            "Lighthouse keeper",
            "weekly quiz",
        ],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn teaser_cards_with_linked_headlines_are_dropped_with_their_heading() {
    let r = run(include_str!("../fixtures/extract/teaser-cards.html"));
    check_text(
        "teaser-cards",
        &r,
        &[
            "heavier than in any spring since the club began",
            // Headings that link to themselves are section headings, not teasers.
            "The worries",
            "how to catch a swarm safely",
        ],
        &[
            "Mill pond drained",
            "ducks have already moved",
            "Two hundred signatures",
            "Read on",
            // The label over the cards goes with them.
            "More from the valley",
        ],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn forum_posts_named_comment_are_kept_when_they_are_the_content() {
    let r = run(include_str!("../fixtures/extract/forum-thread.html"));
    check_text(
        "forum-thread",
        &r,
        &[
            "the slugs have eaten every leaf below the knee",
            "Start the beans in pots on the windowsill",
            "Go out with a torch after rain",
        ],
        &["run by volunteers"],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn picture_credits_and_source_lines_are_dropped() {
    let r = run(include_str!("../fixtures/extract/credit-lines.html"));
    check_text(
        "credit-lines",
        &r,
        &[
            // A long paragraph that opens with a label is prose, not a credit.
            "Image: a drawing from the parish archive",
            "keep dogs on leads on the bridge",
        ],
        // A caption that carries a credit goes with it (both corpora leave such captions out).
        &[
            "Tom Reddle",
            "Ashcombe Parish News",
            "county flood records",
            "The rebuilt bridge at dusk",
        ],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn page_scrolling_into_the_next_story_keeps_the_first() {
    let r = run(include_str!("../fixtures/extract/scroll-next-story.html"));
    check_text(
        "scroll-next-story",
        &r,
        &[
            "the lantern walk through the old quarter of Kessby returns",
            "leave cars at the station",
        ],
        &["early ferry", "harbour council"],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn heading_with_nothing_after_it_is_dropped() {
    let r = run(include_str!("../fixtures/extract/trailing-heading.html"));
    check_text(
        "trailing-heading",
        &r,
        &["Longer hours on Saturdays", "on who grows what and when"],
        &["Stories you may have missed"],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn schema_description_is_the_lead_and_a_lead_picture_is_not() {
    let r = run(include_str!("../fixtures/extract/lead-description.html"));
    check_text(
        "lead-description",
        &r,
        &[
            "Early shift workers on the island will no longer sleep",
            "The ferry company had resisted an earlier crossing",
            "the harbour cafe has promised to open early",
        ],
        &["By Ola Brenn", "The Saltmarsh Courier"],
    );
    let lead = r.text.find("Early shift workers").unwrap();
    let body = r.text.find("The ferry company").unwrap();
    assert!(lead < body, "lead after body:\n{}", r.text);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_standfirst_set_as_a_heading_stays_when_what_follows_goes() {
    let r = run(include_str!("../fixtures/extract/heading-standfirst.html"));
    check_text(
        "heading-standfirst",
        &r,
        &[
            "The mill workers' choir of Ostervik, founded a century ago",
            "The choir sang four songs",
            "defends its title",
        ],
        &["Mail", "Print"],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn contact_boxes_disclaimers_and_localized_comment_sections_are_dropped() {
    let r = run(include_str!(
        "../fixtures/extract/contact-disclaimer-kommentare.html"
    ));
    check_text(
        "contact-disclaimer-kommentare",
        &r,
        &["Am Wehr unterhalb der alten Mühle", "zum Wehr führt."],
        &[
            "Partnerlinks",
            "Bei Fragen und Anregungen",
            "Keine Kommentare",
        ],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn captions_carrying_a_credit_are_dropped_and_their_pictures_kept() {
    let r = run(include_str!("../fixtures/extract/caption-credit.html"));
    check_text(
        "caption-credit",
        &r,
        &[
            "The cottage at the foot of the Skerrow lighthouse",
            "The old lamp, polished for the opening",
            "help pay for the next repairs",
        ],
        &[
            "Ines Varga",
            "new slate roof",
            "Skerrow Heritage Trust",
            "storm of 1953",
        ],
    );
    check_html(
        "caption-credit",
        &r,
        &[
            "https://cdn.example.test/cottage.jpg",
            "https://cdn.example.test/logbook.jpg",
            "<figcaption>The old lamp",
        ],
        &[],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn calls_to_action_at_the_end_of_the_article_are_dropped() {
    let r = run(include_str!("../fixtures/extract/call-to-action.html"));
    check_text(
        "call-to-action",
        &r,
        &[
            // In the article's first half, the same words are the story's own.
            "Residents can sign up for a season pass",
            "The newspaper's own subscribers in the villages",
        ],
        &[
            "Subscribe now to our weekly print edition",
            "Follow us on Chirper",
        ],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_call_to_action_after_a_left_out_gallery_is_in_the_tail() {
    // The captions left out before the story still stand before it: the pitch at its end is
    // in the container's second half, though most of the kept text comes before it.
    let r = run(include_str!(
        "../fixtures/extract/call-to-action-after-box.html"
    ));
    check_text(
        "call-to-action-after-box",
        &r,
        &["Freight bookings for lorries and vans"],
        &["Download our app", "Photo: Island Gazette"],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn an_unnamed_lead_that_opens_like_the_description_joins_the_article() {
    // The header's paragraph carries no lead class, but the page's description (cut short)
    // opens with its words: it is the standfirst, and the tools between stay out.
    let r = run(include_str!("../fixtures/extract/lead-summary.html"));
    check_text(
        "lead-summary",
        &r,
        &[
            "opens its doors again on Saturday",
            "Volunteers spent the winter",
        ],
        &["Print", "Village hall reopens after the flood"],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_share_bar_of_icon_links_is_dropped_with_its_label() {
    // Icon buttons to the networks' share endpoints carry no text: the label over them is
    // all the bar says, and it is the site's furniture, not the story's last line.
    let r = run(include_str!("../fixtures/extract/share-icons.html"));
    check_text(
        "share-icons",
        &r,
        &["Fresh water in a shallow dish"],
        &["pass this article on"],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn labels_of_more_stories_contact_and_source_boxes_are_dropped() {
    let r = run(include_str!("../fixtures/extract/box-labels.html"));
    check_text(
        "box-labels",
        &r,
        &[
            "Die Volkssternwarte auf dem Kirchberg",
            // The text after a label in a longer block stays.
            "Der Eintritt ist frei",
        ],
        // A block short enough to be a label goes whole (the contact line with its label).
        &[
            "Weitere Informationen",
            "Kontakt",
            "Am Hang 4",
            "Mehr zum Thema",
        ],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_lead_named_in_german_joins_the_body() {
    let r = run(include_str!("../fixtures/extract/lead-einleitung.html"));
    check_text(
        "lead-einleitung",
        &r,
        &[
            "Im alten Spritzenhaus wird seit Samstag repariert",
            "Der Verein hatte lange nach einem Raum gesucht",
        ],
        &["Von Jonas Keller", "Dorfblatt"],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn an_author_box_marked_as_the_schema_author_is_dropped() {
    // The box's classes name no clutter word; only `itemprop=author` tells it from the story.
    let r = run(include_str!("../fixtures/extract/author-box.html"));
    check_text(
        "author-box",
        &r,
        &[
            "pressed its first apples on Saturday",
            "asks only that visitors bring their own bottles",
        ],
        &["grew up on a fruit farm", "keeps bees"],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn identifier_archive_is_not_prose() {
    // A short match report with number-dense lines (results, a table, receipts), then a far
    // longer archive of row ids and build digests: text with no words is not prose, so the
    // archive does not outweigh the report, and the report keeps its numbers.
    let r = run(include_str!("../fixtures/extract/identifier-archive.html"));
    check_text(
        "identifier archive",
        &r,
        &[
            "Orchard Lane Rovers stayed in the second division",
            "Kettleby 1-0 Marsh End",
            "Orchard Lane Rovers 38 10 11 17 -19 41",
            "Gate receipts, 2019-2024: 41,200.50",
            "switched on again for the first time in six years",
        ],
        &["r40000c0", "r40159c3", "build ", "invented for a test"],
    );
    assert!(r.is_article);
    assert!(r.words < 400, "the report alone: {} words", r.words);
}

/// A long invented report: `n` paragraphs of about forty words, each worded differently.
fn long_report(n: usize) -> String {
    const WHO: &[&str] = &[
        "The ferry crew",
        "A retired pilot",
        "The harbour master",
        "Two fishermen",
        "The lock keeper",
        "A visiting surveyor",
        "The night watchman",
    ];
    const DID: &[&str] = &[
        "counted the gulls nesting on",
        "repainted the railings along",
        "measured the silt below",
        "walked the full length of",
        "photographed the cracks in",
        "logged every boat passing",
    ];
    const WHERE: &[&str] = &[
        "the north breakwater",
        "the old ropewalk",
        "the customs steps",
        "the salt meadow",
        "the lifeboat slipway",
    ];
    let mut html = String::from(
        "<!doctype html><html lang=\"en\"><head><title>A year on the quay</title></head><body><article><h1>A year on the quay</h1>",
    );
    for i in 0..n {
        html.push_str(&format!(
            "<p>Paragraph {i}: {} {} {} before the tide turned, and wrote down what they saw, because nobody had done it properly since the storm, and {} said the notes would help whoever came after them to see how {} had changed.</p>",
            WHO[i % WHO.len()],
            DID[i / WHO.len() % DID.len()],
            WHERE[i / (WHO.len() * DID.len()) % WHERE.len()],
            WHO[(i + 3) % WHO.len()].to_lowercase(),
            WHERE[(i + 1) % WHERE.len()],
        ));
    }
    html.push_str("</article></body></html>");
    html
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn max_words_caps_html_and_markdown_at_a_block() {
    let page = long_report(120);
    let opts = Options {
        max_words: Some(500),
        markdown: true,
        ..Options::default()
    };
    let r = extract_html_str(&page, &opts).expect("page parses");
    let shown = r
        .shown_words
        .expect("a 5,000-word article is capped at 500");
    // The cut comes at the last paragraph start before 500 words: at most one paragraph less.
    assert!((400..=500).contains(&shown), "{shown} words shown");
    assert!(
        r.words > 5_000,
        "words counts the whole article: {}",
        r.words
    );
    assert!(r.text.contains("Paragraph 119:"), "text stays whole");
    assert!(r.html.contains("Paragraph 0:") && !r.html.contains("Paragraph 119:"));
    let md = r.markdown.as_deref().unwrap_or("");
    assert!(md.contains("Paragraph 0:") && !md.contains("Paragraph 119:"));
    assert!(
        md.contains(&format!("only its first {shown} of {} words", r.words)),
        "the Markdown says what it holds: {}",
        &md[md.len().saturating_sub(200)..]
    );
    // Under the cap, or without one, nothing is cut.
    let whole = extract_html_str(&page, &Options::default()).expect("page parses");
    assert_eq!(whole.shown_words, None);
    assert!(whole.html.contains("Paragraph 119:"));
    let short = extract_html_str(&long_report(5), &opts).expect("page parses");
    assert_eq!(short.shown_words, None);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn json_ld_body_in_a_cdata_wrapper_still_locates_the_article() {
    // The JSON-LD is read once, with the metadata's lenient parser, for both uses: a body
    // wrapped as many pages wrap it (`//<![CDATA[ ... //]]>`) is the same hint.
    let page = include_str!("../fixtures/extract/jsonld-hint.html");
    let wrapped = page
        .replacen(
            r#"<script type="application/ld+json">"#,
            "<script type=\"application/ld+json\">//<![CDATA[\n",
            1,
        )
        .replacen("</script>", "\n//]]></script>", 1);
    assert_ne!(wrapped, page);
    let r = run(&wrapped);
    check_text(
        "jsonld-cdata",
        &r,
        &[LADDER_FIRST, "Critics had argued"],
        &["cheese market", "never shown on the page"],
    );
    // Without the hint the page's other column wins: the hint is what decides here.
    let start = page.find("<script").unwrap();
    let end = page.find("</script>").unwrap() + "</script>".len();
    let bare = format!("{}{}", &page[..start], &page[end..]);
    assert!(run(&bare).text.contains("cheese market"));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn footer_landmark_is_dropped_however_long() {
    // The page's footer landmark holds more prose (legal notes) than the product's text: it is
    // still the site's footer, not part of the page's content.
    let r = run(include_str!("../fixtures/extract/footer-landmark.html"));
    check_text(
        "footer-landmark",
        &r,
        &["spun from one sheet of copper", "four generations"],
        &["Boiling times were measured", "a made-up shop for tests"],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn folded_accordion_panels_are_read() {
    // Panels a disclosure button names (aria-controls) are hidden only until clicked: their
    // text is the product's description; a hidden block no control opens stays out.
    let r = run(include_str!("../fixtures/extract/folded-panels.html"));
    check_text(
        "folded-panels",
        &r,
        &[
            "folds flat into a pouch",
            "charge from the sun",
            "Wipe the linen shade",
        ],
        &["Out of stock notice"],
    );
}
