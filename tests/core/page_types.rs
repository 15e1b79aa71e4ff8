//! Pages that are not articles (tests/fixtures/extract/, invented text and markup): a forum
//! thread, a scripted page's `<noscript>` copy, ... What the reader gets is the page's own
//! content, in every rendering (text, HTML, Markdown) from the same decision.

use super::support::check_in;
use declutter::{extract_html_str, extract_snapshot, parse_html, Extraction, Options, Snapshot};

fn opts() -> Options {
    Options {
        url: Some("https://forum.example.test/t/cold-frames/311".into()),
        markdown: true,
        ..Options::default()
    }
}

fn run(html: &str) -> Extraction {
    extract_html_str(html, &opts()).expect("fixture parses")
}

/// Every rendering holds every `must` and none of `must_not`.
fn check(name: &str, r: &Extraction, must: &[&str], must_not: &[&str]) {
    let md = r.markdown.as_deref().unwrap_or("");
    for (what, out) in [("text", &*r.text), ("html", &*r.html), ("markdown", md)] {
        check_in(name, what, out, must, must_not);
    }
}

const THREAD: &str = include_str!("../fixtures/extract/noscript-thread.html");
const POSTS: &[&str] = &[
    "sow lettuce and spring onions a month earlier",
    "Brick sides hold the warmth of the day far better than timber",
    "Throw an old blanket over the glass on clear nights",
];

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_thread_shipped_only_in_noscript_is_read_from_it() {
    let r = run(THREAD);
    check(
        "noscript-thread",
        &r,
        POSTS,
        &["Loading the forum", "Privacy"],
    );
    assert!(r.is_article, "{:?}", r.messages);
    let doc = parse_html(THREAD.as_bytes()).unwrap();
    let main = r.main.expect("a main element");
    assert_eq!(
        doc.tag(main),
        "noscript",
        "main names the one node both inputs share"
    );
    assert!(
        r.hidden.is_empty(),
        "the live page has no elements for the copy's blocks"
    );
    // The live page's snapshot (scripting on: the noscript is one raw-text child) agrees.
    let json = serde_json::to_string(&Snapshot::from_doc(&doc, None)).unwrap();
    let live = extract_snapshot(&Snapshot::from_json(&json).unwrap(), &opts()).unwrap();
    assert_eq!((live.main, &live.text), (r.main, &r.text));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_page_whose_script_drew_the_posts_is_read_itself() {
    // The live page after the script ran: the same posts drawn outside the noscript.
    let drawn: String = POSTS
        .iter()
        .map(|p| format!("<article class=\"topic-post\"><p>{p}, as the post says in full on the drawn page of the thread.</p></article>"))
        .collect();
    let page = THREAD.replace(
        "<section id=\"splash\">",
        &format!("<main id=\"app\">{drawn}</main><section id=\"splash\">"),
    );
    let r = run(&page);
    let doc = parse_html(page.as_bytes()).unwrap();
    let main = r.main.expect("a main element");
    assert_ne!(doc.tag(main), "noscript", "{}", r.text);
    assert!(r.text.contains("as the post says in full"), "{}", r.text);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_declared_thread_keeps_every_reply() {
    // schema.org DiscussionForumPosting: the replies, named `reply`, are the thread.
    let r = run(include_str!("../fixtures/extract/thread-replies.html"));
    check(
        "thread-replies",
        &r,
        &[
            "steel racing frame from the seventies",
            "penetrating oil on the bottom bracket cups",
            "Keep the gear levers and the chainset",
            "aluminium foil dipped in water",
        ],
        &["Be kind to each other", "Post reply"],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_short_reply_under_its_linked_header_is_kept() {
    // A one-line post whose linked date, post number and reaction names outweigh its words is
    // still a post of the thread; the linked header and reactions go.
    let r = run(include_str!(
        "../fixtures/extract/thread-short-replies.html"
    ));
    check(
        "thread-short-replies",
        &r,
        &[
            "collect the dates each site is planning",
            "Eastfield - 3/15",
            "Lovely, noted!",
            "last Saturday in March",
        ],
        &["orla_brambling", "hollis_thorne"],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_page_named_a_forum_thread_keeps_its_replies() {
    // No structured data and an opening post as long as an article, but the page names itself
    // a forum topic on its body: the replies, named `reply`, are the thread.
    let r = run(include_str!("../fixtures/extract/thread-named.html"));
    check(
        "thread-named",
        &r,
        &[
            "one whole packer brisket",
            "wrap in butcher paper as soon as the bark has set",
            "slice it cold and reheat the slices",
        ],
        &["Low and slow, always"],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn one_long_post_is_not_the_whole_thread() {
    // A post holding a long log outweighs the rest of the thread many times over; it is still
    // one post of several, and the thread keeps them all.
    let r = run(include_str!("../fixtures/extract/thread-long-post.html"));
    check(
        "thread-long-post",
        &r,
        &[
            "the drip lines in the tomato house stay dry",
            "pressure dropped to",
            "roll back to 4.9 for now",
            "got their water at six this morning",
        ],
        &["powered by volunteers", "12 Likes"],
    );
}

const QA_COMMENTS: &str = include_str!("../fixtures/extract/qa-comments.html");
const QA_POSTS: &[&str] = &[
    "orange spots of rust again along the rim",
    "Towel drying leaves a film of water in the pores of the iron",
    "a folded sheet of kitchen paper inside the pan",
];

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_question_page_leaves_out_the_comments_under_its_posts() {
    // schema.org QAPage with its answers marked as `Answer` items: the question and the
    // answers are the page, the comments under them are remarks.
    let r = run(QA_COMMENTS);
    check(
        "qa-comments",
        &r,
        QA_POSTS,
        &[
            "steam from the kettle reaches it",
            "flaxseed oil rather than sunflower oil",
            "A wooden peg inside the cupboard door",
            "Is enamelled cast iron worth the price",
        ],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_question_page_whose_answers_are_named_comments_keeps_them() {
    // The same page with its answers marked only by the name `comment` (no `Answer` items):
    // the name is the site's word for a post, as on a thread.
    let page = QA_COMMENTS
        .replace(" itemscope itemtype=\"https://schema.org/Answer\"", "")
        .replace("class=\"answer\"", "class=\"comment-thread\"");
    let r = run(&page);
    check("qa-comments (answers named comments)", &r, QA_POSTS, &[]);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_thread_inside_a_moderation_form_keeps_its_posts() {
    // Forum software wraps a thread's posts in one `<form>` (moderators tick posts to act on
    // them): that form is the thread, while the search, sign-in and reply forms stay out, and
    // so do a member's details and signature beside a post, the forum's "last edited" notice
    // and the cookie-consent manager's policy text, longer than the thread.
    let r = run(include_str!("../fixtures/extract/thread-in-form.html"));
    check(
        "thread-in-form",
        &r,
        &[
            "half of them had shrivelled into something like old leather",
            "Concrete floors draw moisture out of everything stored on them",
            "wrapping each clump in newspaper",
        ],
        &[
            "Search the forums",
            "Existing member?",
            "Sign in to reply",
            "Post reply",
            "far too many courgettes",
            "a plot holder for thirteen seasons",
            "Last edited by",
            "Privacy preference centre",
            "Targeting cookies",
        ],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_question_page_keeps_the_question_and_every_answer() {
    // schema.org QAPage: each post's body is marked `text`; none of them alone is the page.
    let r = run(include_str!("../fixtures/extract/qa-page.html"));
    check(
        "qa-page",
        &r,
        &[
            "smelled sharply of nail varnish remover",
            "the starter telling you it is hungry",
            "a tight lid traps the gases",
            "Pour off the grey liquid",
        ],
        &["Rye or wheat for a first starter", "for home bakers"],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_link_shared_for_discussion_keeps_its_comments() {
    // No structured data and no article beside the comments: the comments are the content.
    let r = run(include_str!("../fixtures/extract/link-discussion.html"));
    check(
        "link-discussion",
        &r,
        &[
            "a lunar day is about fifty minutes longer",
            "drifted by an hour a month",
            "saved from the scrapyard",
        ],
        &["a place to share things people made"],
    );
}

const SHOP: &str = include_str!("../fixtures/extract/shop-category.html");

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_listing_gives_its_items_linked_titles_included() {
    // A shop's category: the cards' linked titles are the content, not teasers of other
    // stories or a link list to prune.
    let r = run(SHOP);
    check(
        "shop-category",
        &r,
        &[
            "made in small workshops",
            "Walnut desk lamp with a linen shade",
            "Brass cabinet knobs, set of six",
            "Copper watering can for house plants",
            "€ 58",
        ],
        &["Privacy", "About us"],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_page_its_publisher_calls_an_article_is_not_read_as_a_listing() {
    // The same markup declared an article: its linked cards are other stories' teasers.
    let page = SHOP.replace(
        "<meta charset=\"utf-8\">",
        "<meta charset=\"utf-8\"><script type=\"application/ld+json\">\
         {\"@context\":\"https://schema.org\",\"@type\":\"Article\"}</script>",
    );
    let r = run(&page);
    assert!(r.text.contains("made in small workshops"), "{}", r.text);
    assert!(!r.text.contains("Walnut desk lamp"), "{}", r.text);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn og_type_article_alone_does_not_make_a_listing_an_article() {
    // Many a CMS sets `og:type` `article` on every page, its category pages included: the
    // cards stay the content.
    let page = SHOP.replace(
        "<meta charset=\"utf-8\">",
        "<meta charset=\"utf-8\"><meta property=\"og:type\" content=\"article\">",
    );
    let r = run(&page);
    check(
        "shop-category with og:type article",
        &r,
        &["Walnut desk lamp with a linen shade", "Copper watering can"],
        &["Privacy", "About us"],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_story_among_many_links_is_no_listing() {
    // The same cards under a paragraph of a story's length (and no metadata saying what the
    // page is): the cards are the story's surroundings.
    let story = "The workshop behind the walnut lamps sits at the end of a farm track, in a barn \
        that still smells of the hay it held for a century. Its owner turns each base from a single \
        block, leaving the grain to decide where the curve falls, and she will not hurry a piece \
        that has a knot in the wrong place: those go to the stove, which keeps the barn warm \
        through the winter. She learned the lathe from her grandfather, who made chair legs for \
        the village, and she still uses his gouges, reground so often that they are half their \
        first length. Orders wait for weeks, and nobody who has waited seems to mind at all.";
    let page = SHOP.replace(
        "<p class=\"category-intro\">",
        &format!("<p class=\"story\">{story}</p><p class=\"category-intro\">"),
    );
    let r = run(&page);
    assert!(r.text.contains("reground so often"), "{}", r.text);
    assert!(!r.text.contains("Walnut desk lamp"), "{}", r.text);
}

const PRODUCT: &str = include_str!("../fixtures/extract/product-reviews.html");

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_product_page_leaves_its_customer_reviews_out() {
    // The page declares a product (JSON-LD, og:type): the blocks named as reviews are the
    // customers', under the description and the specifications that are the content.
    let r = run(PRODUCT);
    check(
        "product-reviews",
        &r,
        &[
            "cut from a single board of steamed beech",
            "food-safe oil",
            "Steamed beech",
        ],
        &["went up on the wall in ten minutes", "Sturdy, handsome"],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn review_named_blocks_stay_where_no_product_is_declared() {
    // The same markup without the product's declaration: a block named as a review may be the
    // article itself (a product review), so the name alone leaves nothing out.
    let page = PRODUCT
        .replace("<meta property=\"og:type\" content=\"product\">", "")
        .replace("\"@type\":\"Product\"", "\"@type\":\"Thing\"");
    let r = run(&page);
    assert!(r.text.contains("food-safe oil"), "{}", r.text);
    assert!(
        r.text.contains("went up on the wall in ten minutes"),
        "{}",
        r.text
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_product_faq_in_microdata_is_no_discussion() {
    // The product's questions and answers marked up as an FAQPage: the answers are the shop's
    // own, not posts of a thread, so the page stays a product's and its reviews stay out.
    let faq = "<section itemscope itemtype=\"https://schema.org/FAQPage\"><h2>Questions</h2>\
        <div itemprop=\"mainEntity\" itemscope itemtype=\"https://schema.org/Question\">\
        <h3 itemprop=\"name\">Does it need oiling?</h3><div itemprop=\"acceptedAnswer\" itemscope \
        itemtype=\"https://schema.org/Answer\"><p itemprop=\"text\">Once a year, with any \
        food-safe oil.</p></div></div>\
        <div itemprop=\"mainEntity\" itemscope itemtype=\"https://schema.org/Question\">\
        <h3 itemprop=\"name\">Are the screws included?</h3><div itemprop=\"acceptedAnswer\" \
        itemscope itemtype=\"https://schema.org/Answer\"><p itemprop=\"text\">Yes, four brass \
        screws and plugs.</p></div></div></section>";
    let page = PRODUCT.replace(
        "<section class=\"product-reviews\"",
        &format!("{faq}<section class=\"product-reviews\""),
    );
    let r = run(&page);
    assert!(r.text.contains("food-safe oil"), "{}", r.text);
    assert!(
        !r.text.contains("went up on the wall in ten minutes"),
        "{}",
        r.text
    );
}

const CART: &str = include_str!("../fixtures/extract/product-cart.html");

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn an_undeclared_product_page_is_known_by_its_add_to_cart_control() {
    // No Product in structured data (the shop's theme says og:type article), but one
    // add-to-basket control: the page sells one item, and its reviews are the customers'.
    let r = run(CART);
    check(
        "product-cart",
        &r,
        &["single slab of Welsh slate", "Riven slate"],
        &["Heavier than I expected", "tiny chip on arrival"],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn review_named_blocks_stay_without_a_cart_control() {
    // The same page without its add-to-basket form: nothing says it sells the board, and a
    // block named as a review may be the article itself.
    let start = CART.find("<form class=\"cart\"").expect("form");
    let end = CART.find("</form>").expect("form end") + "</form>".len();
    let page = format!("{}{}", &CART[..start], &CART[end..]);
    let r = run(&page);
    assert!(r.text.contains("Welsh slate"), "{}", r.text);
    assert!(r.text.contains("Heavier than I expected"), "{}", r.text);
}

const CROSS_SELL: &str = include_str!("../fixtures/extract/product-cross-sell.html");

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn one_declared_product_outweighed_by_a_grid_of_others_is_still_the_page() {
    // A one-line description under a grid of the shop's other products: by weight a list
    // of items, but the one Product offered in the structured data says whose page it is.
    let r = run(CROSS_SELL);
    check(
        "product-cross-sell",
        &r,
        &["dark riven slate for cured meats"],
        &["Walnut cheese knife", "Linen napkins"],
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_product_declared_without_an_offer_does_not_make_a_product_page() {
    // The same page declaring its Product with no offer (a rating badge a business puts on
    // any page): nothing says the grid is not the content.
    let page = CROSS_SELL.replace(
        ",\"offers\":{\"@type\":\"Offer\",\"price\":\"31.00\",\"priceCurrency\":\"GBP\",\"availability\":\"https://schema.org/InStock\"}",
        "",
    );
    assert_ne!(page, CROSS_SELL);
    let r = run(&page);
    assert!(r.text.contains("Walnut cheese knife"), "{}", r.text);
}
