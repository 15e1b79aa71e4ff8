//! What kind of page this is, where that changes what its content is.
//!
//! A discussion (a forum thread, a question with its answers) is made of posts that sites
//! name `comment`, `reply` or `post`: on a news story those blocks are the readers' comments
//! under the article, clutter to leave out; on a thread they are the content itself. A page
//! is read as a discussion when its structured data says so (schema.org
//! `DiscussionForumPosting` or `QAPage`, in JSON-LD or microdata, or posts marked up as
//! `Comment` / `Answer` items), when forum software names the page a thread on its root
//! element (`section-viewtopic`, `forumTopicPage`), or when its discussion-named blocks hold far more prose than
//! the rest of the page and the rest is no article (a link shared for discussion). A question
//! page whose answers are items of their own is read as one (`Reading::Questions`): its
//! comments are remarks under the question and the answers, left out as on an article.

use super::score::{choose_as, Reading, Stats};
use crate::dom::{Doc, NodeId};

/// schema.org types that make the whole page a discussion.
const DISCUSSION_PAGE_TYPES: &[&str] = &["DiscussionForumPosting", "QAPage"];
/// The type of a question page: read as [`Reading::Questions`] when its answers are marked as
/// items of their own, for then what it names comments are remarks under them; a question
/// page whose answers are only named `comment` is read as a thread.
const QUESTION_PAGE_TYPE: &str = "QAPage";
/// schema.org types of one post of a discussion, in microdata; one such item may be a
/// reader's comment under a story, several make a thread.
const POST_ITEM_TYPES: &[&str] = &["Comment", "Answer"];
/// Of those, the type of an answer on a question page.
const ANSWER_ITEM_TYPE: &str = "Answer";
/// Items of [`POST_ITEM_TYPES`] that make a thread.
const MIN_POST_ITEMS: usize = 2;
/// schema.org types of a page's FAQ: its answers are the publisher's own, set under a product
/// or a service, not posts of a discussion.
const FAQ_TYPES: &[&str] = &["FAQPage"];
/// Class/id words by which forum software names the page itself, on its root element, as a
/// thread (phpBB's `section-viewtopic`, vBulletin's `showthread`, `forumTopicPage`).
const THREAD_PAGE_WORDS: &[&str] = &["forum", "thread", "viewtopic", "showthread"];
/// A page whose discussion-named blocks hold this many times the prose of the rest of the
/// page, and whose rest is too short to be an article of its own, is a thread even without
/// structured data (a link shared for discussion): a story with a long comment section still
/// has the story.
pub const UNDECLARED_DISCUSSION_RATIO: f32 = 4.0;

/// Does the page's structured data say it is a discussion, and of which kind?
fn declared(doc: &Doc) -> Option<Reading> {
    // The first page type found (microdata or JSON-LD), post items and answer items.
    let mut page: Option<&str> = None;
    let mut posts = 0;
    let mut faq = false;
    let mut answers = 0;
    for i in 0..doc.len() as NodeId {
        let Some(e) = doc.element(i) else { continue };
        if let Some(t) = e.attr("itemtype") {
            for url in t.split_whitespace() {
                let name = url.rsplit('/').next().unwrap_or("");
                if let Some(&t) = DISCUSSION_PAGE_TYPES.iter().find(|&&t| t == name) {
                    page = page.or(Some(t));
                }
                if POST_ITEM_TYPES.contains(&name) {
                    posts += 1;
                }
                faq |= FAQ_TYPES.contains(&name);
                if name == ANSWER_ITEM_TYPE {
                    answers += 1;
                }
            }
        }
        if page.is_none()
            && &*e.tag == "script"
            && e.attr("type")
                .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"))
        {
            let text = doc.subtree_text(i);
            page = DISCUSSION_PAGE_TYPES
                .iter()
                .find(|t| text.contains(&format!("\"{t}\"")))
                .copied();
        }
    }
    match page {
        Some(QUESTION_PAGE_TYPE) if answers > 0 => Some(Reading::Questions),
        Some(_) => Some(Reading::Discussion),
        None => (posts >= MIN_POST_ITEMS && !faq).then_some(Reading::Discussion),
    }
}

/// Does the page name itself a forum thread on its root (`html` or `body`) element?
fn named_thread(doc: &Doc) -> bool {
    ["html", "body"].iter().any(|&root| {
        doc.find_tag(root).is_some_and(|r| {
            ["class", "id"].iter().any(|&a| {
                let mut hit = false;
                if let Some(v) = doc.attr(r, a) {
                    super::signals::for_each_word(v, |w| hit |= THREAD_PAGE_WORDS.contains(&w));
                }
                hit
            })
        })
    })
}

/// Prose (counted fully) inside the outermost discussion-named blocks of the body, and
/// outside them.
fn discussion_prose(doc: &Doc, s: &Stats) -> (f32, f32) {
    let body = doc.find_tag("body").unwrap_or(0);
    let end = doc.node(body).end;
    let mut inside = 0.0;
    let mut i = body + 1;
    while i < end {
        let iu = i as usize;
        if s.excluded[iu] {
            i = doc.node(i).end;
            continue;
        }
        if s.words[iu].discussion {
            inside += s.raw[iu];
            i = doc.node(i).end;
            continue;
        }
        i += 1;
    }
    (inside, (s.raw[body as usize] - inside).max(0.0))
}

/// Is the page a discussion whose posts are its content, and of which kind? `s` is measured
/// the usual way.
pub fn discussion(doc: &Doc, s: &Stats) -> Option<Reading> {
    if let Some(reading) = declared(doc) {
        return Some(reading);
    }
    if named_thread(doc) {
        return Some(Reading::Discussion);
    }
    let (inside, outside) = discussion_prose(doc, s);
    (inside > 0.0
        && inside >= outside * UNDECLARED_DISCUSSION_RATIO
        && outside < super::MIN_ARTICLE_CHARS as f32)
        .then_some(Reading::Discussion)
}

/// A page whose article reading lands on a block this share of whose text is links is a list
/// of items (a shop's category, search results, a section front): prose there is the items'
/// blurbs between their linked titles.
pub const LISTING_LINK_DENSITY: f32 = 0.3;
/// ... unless that block holds a paragraph with this much prose of its own (the score of its
/// plain text): an article's paragraph, longer than a listed item's blurb.
pub const ARTICLE_PARAGRAPH_PROSE: f32 = 500.0;
/// A page whose listing reading finds this many times the text of its article reading is a
/// list too: the article reading settled on one item (or one blurb) of many alike.
pub const LISTING_MASS_RATIO: f32 = 4.0;

/// Is the page a list of items whose text (linked titles included) is its content? `s` is
/// measured the usual way.
pub fn is_listing(doc: &Doc, s: &Stats) -> bool {
    let Some(article) = choose_as(doc, s, Reading::Article) else {
        return false;
    };
    let a = article.main as usize;
    if s.chars[a] == 0 {
        return false;
    }
    // A paragraph of an article's length says the links are around a story, not items.
    let has_paragraph = (article.main..doc.node(article.main).end)
        .any(|d| s.own[d as usize] >= ARTICLE_PARAGRAPH_PROSE);
    if !has_paragraph && s.link_chars[a] as f32 >= s.chars[a] as f32 * LISTING_LINK_DENSITY {
        return true;
    }
    let Some(listing) = choose_as(doc, s, Reading::Listing) else {
        return false;
    };
    // ... provided the larger block is itself a list of links (items are linked), not an
    // archive of plain text.
    let l = listing.main as usize;
    s.mass[l] >= s.mass[a] * LISTING_MASS_RATIO
        && s.link_chars[l] as f32 >= s.chars[l] as f32 * LISTING_LINK_DENSITY
}

/// Page kinds (schema.org types) by which a publisher says the page is one article: its
/// links and teasers are the story's surroundings, never a list of items.
const ARTICLE_KINDS: &[&str] = &[
    "Article",
    "NewsArticle",
    "BlogPosting",
    "ReportageNewsArticle",
    "OpinionNewsArticle",
    "AnalysisNewsArticle",
];

/// `og:type` `article`: many a CMS sets it on every page, a category or a section front
/// included, so it says the page is no product but not that it is no list of items.
const OG_ARTICLE_KIND: &str = "og:article";

/// schema.org types (JSON-LD local names or microdata `itemtype`s) by which a publisher says
/// the page sells one product.
const PRODUCT_KINDS: &[&str] = &[
    "Product",
    "ProductGroup",
    "ProductModel",
    "IndividualProduct",
];
/// An `og:type` naming a product holds this word (`product`, `product.item`,
/// `shop:product`).
const PRODUCT_OG_WORD: &str = "product";

/// Labels of the control that puts the product in the shopper's cart, in the languages of the
/// shops: a page selling one item has one (or two: a sticky bar repeats it).
const CART_LABELS: &[&str] = &[
    "add to cart",
    "add to bag",
    "add to basket",
    "add-to-cart",
    "in den warenkorb",
    "ajouter au panier",
    "añadir al carrito",
    "aggiungi al carrello",
    "in winkelwagen",
    "dodaj do koszyka",
    "adicionar ao carrinho",
];
/// More add-to-cart controls than this are a list of products (a category, search results).
const MAX_CART_CONTROLS: usize = 3;

/// A page declaring more product items than this is a shop's list of them (a category with
/// each item marked up), not one product's page.
const MAX_DECLARED_PRODUCTS: usize = 1;

/// The schema.org property of a product that is for sale (its price and availability).
const OFFERS_PROPERTY: &str = "offers";

/// What a page's markup says about selling, read in one walk: the product items it declares,
/// whether one is offered, and its add-to-cart controls.
#[derive(Default)]
struct Selling {
    /// Items of [`PRODUCT_KINDS`] declared in microdata (`itemtype`).
    microdata_items: usize,
    /// Objects of [`PRODUCT_KINDS`] declared in JSON-LD.
    jsonld_items: usize,
    /// A declared item is offered for sale (an [`OFFERS_PROPERTY`] in either markup).
    offered: bool,
    /// Buttons or submit inputs labelled as adding to the cart ([`CART_LABELS`]), or named
    /// `add-to-cart`.
    cart_controls: usize,
}

impl Selling {
    fn read(doc: &Doc) -> Self {
        let mut out = Selling::default();
        for i in 0..doc.len() as NodeId {
            let Some(e) = doc.element(i) else { continue };
            out.offered |= e.attr("itemprop").is_some_and(|p| p == OFFERS_PROPERTY);
            if let Some(t) = e.attr("itemtype") {
                out.microdata_items += t
                    .split_whitespace()
                    .filter(|url| PRODUCT_KINDS.contains(&url.rsplit('/').next().unwrap_or("")))
                    .count();
            }
            let label = match &*e.tag {
                "script"
                    if e.attr("type")
                        .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json")) =>
                {
                    let text = doc.subtree_text(i);
                    out.offered |= text.contains(&format!("\"{OFFERS_PROPERTY}\""));
                    out.jsonld_items += PRODUCT_KINDS
                        .iter()
                        .map(|k| text.matches(&format!("\"{k}\"")).count())
                        .sum::<usize>();
                    continue;
                }
                "button" => doc.subtree_text(i),
                "input" => e.attr("value").unwrap_or("").to_string(),
                _ => continue,
            };
            let name = e.attr("name").unwrap_or("");
            let label = label.to_lowercase();
            if name.eq_ignore_ascii_case("add-to-cart")
                || CART_LABELS.iter().any(|l| label.contains(l))
            {
                out.cart_controls += 1;
            }
        }
        out
    }

    /// Does the page declare exactly one product (microdata items and JSON-LD objects counted
    /// together), offered for sale? One product declared is the page's own, whatever grid of
    /// other products surrounds it; one with no offer is a business's rating badge (stars in
    /// search results) on any of its pages.
    fn declares_one_product(&self) -> bool {
        self.offered
            && (1..=MAX_DECLARED_PRODUCTS).contains(&(self.microdata_items + self.jsonld_items))
    }

    /// Does the page sell one item without saying so in its structured data: an add-to-cart
    /// control, but only a few?
    fn sells_one_item(&self) -> bool {
        (1..=MAX_CART_CONTROLS).contains(&self.cart_controls)
    }
}

/// Does the page say it is a product's (JSON-LD, microdata or `og:type`)?
fn is_product(kinds: &[String], selling: &Selling) -> bool {
    let declared = kinds.iter().any(|k| match k.strip_prefix("og:") {
        Some(og) => og.to_ascii_lowercase().contains(PRODUCT_OG_WORD),
        None => PRODUCT_KINDS.contains(&k.as_str()),
    });
    declared || selling.microdata_items > 0
}

/// How to read the page (see [`Reading`]). `s` is measured the usual way; `kinds` are what
/// the page says it is (`meta::Metadata::kinds`).
pub fn reading(doc: &Doc, s: &Stats, kinds: &[String]) -> Reading {
    if let Some(reading) = discussion(doc, s) {
        return reading;
    }
    if kinds.iter().any(|k| ARTICLE_KINDS.contains(&k.as_str())) {
        return Reading::Article;
    }
    let og_article = kinds.iter().any(|k| k == OG_ARTICLE_KIND);
    let selling = Selling::read(doc);
    if selling.declares_one_product() {
        // A grid of other products ("you may also like") can outweigh a short description:
        // the one product declared says whose page it is.
        Reading::Product
    } else if is_listing(doc, s) {
        Reading::Listing
    // A shop's theme sets `og:type` article on every page: it stops a declared product, not
    // an add-to-cart control.
    } else if (!og_article && is_product(kinds, &selling)) || selling.sells_one_item() {
        Reading::Product
    } else {
        Reading::Article
    }
}
