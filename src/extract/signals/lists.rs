//! The named word and tag lists the signals are read with, each with the reason it exists,
//! and the two word tests built on them (`is_negative_word`, `negative_stem`).

use super::word_info;

/// Tags whose subtree never holds article text (code, controls, embedded documents, chrome).
pub const JUNK_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "head", "button", "select", "option", "input",
    "textarea", "svg", "canvas", "iframe", "object", "embed", "link", "meta", "title",
];

/// Page-chrome tags: usually navigation, sidebars and footers, but some sites wrap the whole
/// article in one, so they count as boilerplate (discounted, pruned) rather than excluded.
pub const CHROME_TAGS: &[&str] = &["nav", "aside", "footer", "menu", "dialog"];

/// Inline (phrasing) tags: their text belongs to the nearest block around them.
pub const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "big", "br", "cite", "code", "data", "del", "dfn", "em",
    "font", "i", "img", "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strike",
    "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "picture", "source",
];

/// Class/id words of clutter that, unlike the strong ones below, do not beat a positive word
/// on the same element (cross-links, navigation, marketing). A word of either list makes an
/// element negative (see [`is_negative_word`]).
pub const WEAK_NEGATIVE_WORDS: &[&str] = &[
    "recommendations",
    "promoted",
    "subscription",
    "signup",
    "adverts",
    "advertising",
    "sponsor",
    "banner",
    "cookies",
    "pagination",
    "pager",
    "navbar",
    "nav",
    "masthead",
    "trending",
    "popular",
    "tags",
    "toolbar",
    "upsell",
    "cta",
    // A contact box under the story ("questions about this article?") and an affiliate or
    // legal disclaimer speak for the site, not the story.
    "contact",
    "disclaimer",
];

/// Of the negative words, the ones that name a whole block to hide in place (clutter a reader
/// wants gone), as opposed to page chrome (menus, footers) the page keeps for its own look.
pub const CLUTTER_WORDS: &[(&str, &str)] = &[
    ("comment", "comment section"),
    ("comments", "comment section"),
    ("discussion", "comment section"),
    ("kommentar", "comment section"),
    ("kommentare", "comment section"),
    ("commentaire", "comment section"),
    ("comentarios", "comment section"),
    ("commenti", "comment section"),
    ("komentarze", "comment section"),
    ("share", "share bar"),
    ("sharing", "share bar"),
    ("social", "share bar"),
    ("related", "related links"),
    ("recommended", "related links"),
    ("recommendations", "related links"),
    ("trending", "related links"),
    ("popular", "related links"),
    ("promo", "promo"),
    ("promoted", "promo"),
    ("newsletter", "newsletter box"),
    ("subscribe", "newsletter box"),
    ("signup", "newsletter box"),
    ("sidebar", "sidebar"),
    ("ad", "ad"),
    ("ads", "ad"),
    ("advert", "ad"),
    ("adverts", "ad"),
    ("advertisement", "ad"),
    ("advertising", "ad"),
    ("sponsor", "ad"),
    ("sponsored", "ad"),
    ("popup", "popup"),
    ("modal", "popup"),
    ("review", "customer reviews"),
    ("reviews", "customer reviews"),
];

/// Of the negative words, the ones that also name where a block sits in the page's layout
/// (`l-sidebar-fixed`, `grid-toc-content-sidebar`) or what kind of text it holds (a CMS's
/// `meta_field`, an `author-article`, a `newsletter` issue, a `paywall`ed body): on a block
/// that holds most of the page's prose they describe the article's container, not clutter
/// (see `score::LAYOUT_SHARE`). Every other negative word names furniture (a footer, a promo,
/// a comment thread), whatever it holds.
pub const LAYOUT_WORDS: &[&str] = &[
    "sidebar",
    "meta",
    "metadata",
    "author",
    "newsletter",
    "paywall",
];

/// Strong negative words (see [`is_strong_negative_word`]) that name a discussion (comments,
/// replies): on a forum thread or a question page the discussion is the page's content, not
/// clutter around it (see `page_type`).
pub const DISCUSSION_WORDS: &[&str] = &[
    "comment",
    "comments",
    "discussion",
    // The comment section in the languages of the news (German, French, Spanish, Italian,
    // Polish): sites name their blocks in their own language.
    "kommentar",
    "kommentare",
    "commentaire",
    "comentarios",
    "commenti",
    "komentarze",
    "reply",
    "replies",
];

/// Class/id words of cookie-consent managers (`onetrust-consent-sdk`, `CybotCookiebotDialog`):
/// pages of policy text the reader did not come for, often longer than a short thread or a
/// list of items, and shown over the page rather than in it. Never content, whatever they hold.
pub const CONSENT_WORDS: &[&str] = &["consent", "onetrust", "cookiebot"];

/// Class/id words of the furniture around the posts of a thread or a question page: the
/// forum's notices ("Last edited by", "Start asking to get answers"), the member's details
/// beside each post (XenForo's `message-userExtras`, phpBB's `postprofile`). Only on a page
/// of posts: on an article a notice can be the story's own note.
pub const POST_FURNITURE_WORDS: &[&str] = &["notice", "extras", "postprofile"];

/// Class/id words that name the article's own container.
pub const POSITIVE_WORDS: &[&str] = &[
    "article", "content", "body", "story", "post", "entry", "text", "main", "blog", "prose",
    "hentry",
];

/// Negative words that beat a positive word on the same element (`comment-body` is a comment,
/// `article-footer` is a footer): discussion, sharing, cross-links, marketing, advertising,
/// article furniture and page chrome.
pub const STRONG_NEGATIVE_WORDS: &[&str] = &[
    // Article furniture that is not article text: credits, bylines and author boxes, date and
    // meta lines, log-in and paywall prompts, rating widgets, print buttons.
    "credit",
    "credits",
    "copyright",
    "byline",
    "bio",
    "author",
    "meta",
    "metadata",
    "date",
    "timestamp",
    "dateline",
    "login",
    "register",
    "paywall",
    "rating",
    "vote",
    // Like buttons and counters ("12 Likes" under a post, a blog's like widget).
    "like",
    "print",
    // The discussion under the article: see DISCUSSION_WORDS, strong negatives too.
    "share",
    "sharing",
    "social",
    "related",
    "recommended",
    "newsletter",
    "subscribe",
    "promo",
    "sidebar",
    "footer",
    "ad",
    "ads",
    "advert",
    "advertisement",
    "sponsored",
    "popup",
    "modal",
    "cookie",
    // A forum member's signature under each post (`message-signature`, `postsignature`).
    "signature",
    "breadcrumb",
    "breadcrumbs",
    // Customers' reviews under a product (`product-reviews`, `review-card`): believed only
    // on a product page (see [`REVIEW_WORDS`]), and there over `review-text-content`.
    "review",
    "reviews",
];

/// Of the negative words, the ones that name reviews: on a product page they are the
/// customers' reviews under the product's description, clutter; on an article they may name
/// the article itself (a product review, a film review), so elsewhere they say nothing
/// (see `page_type`).
pub const REVIEW_WORDS: &[&str] = &["review", "reviews"];

/// A class/id word of clutter (strong or weak).
pub fn is_negative_word(t: &str) -> bool {
    word_info(t).negative
}

/// A class/id word of clutter that beats a positive word: [`STRONG_NEGATIVE_WORDS`] and the
/// [`DISCUSSION_WORDS`].
pub fn is_strong_negative_word(t: &str) -> bool {
    STRONG_NEGATIVE_WORDS.contains(&t) || DISCUSSION_WORDS.contains(&t)
}

/// Component nouns that follow a clutter word in one-word compounds (`relatedposts`,
/// `commentlist`, `sharebar`): the compound names the same block as the clutter word.
pub const COMPONENT_NOUNS: &[&str] = &[
    "post",
    "posts",
    "list",
    "links",
    "link",
    "box",
    "bar",
    "items",
    "item",
    "articles",
    "stories",
    "widget",
    "block",
    "area",
    "wrap",
    "wrapper",
    "container",
    "section",
    "buttons",
    "icons",
    "headline",
    "title",
];

/// A clutter prefix of a compound is at least this long: short words (`ad`, `bio`) begin too
/// many unrelated words (`address`, `biology`).
pub const MIN_COMPOUND_PREFIX: usize = 5;

/// A clutter word glued after an article word is at least this long (`postad` is rarer than
/// a slug that happens to end in `ad`).
pub const MIN_COMPOUND_SUFFIX: usize = 4;

/// The clutter word a class/id word stands for, if any: the word itself, without a trailing
/// number (`sidebar2`, `ad1` are numbered copies), without a plural `s` (`ratings`), or the
/// clutter word opening a compound with a component noun (`relatedposts`).
pub fn negative_stem(t: &str) -> Option<&str> {
    let t = t.trim_end_matches(|c: char| c.is_ascii_digit());
    if t.is_empty() {
        return None;
    }
    if is_negative_word(t) {
        return Some(t);
    }
    if let Some(stem) = t.strip_suffix('s') {
        if is_negative_word(stem) {
            return Some(stem);
        }
    }
    // An article word glued to a clutter word (`postmeta`, `entryfooter`, `articleshare`) is
    // that clutter of the article, as `post-meta` would be.
    // The compound tests below run for every class/id word of the page: a first (or last)
    // letter that cannot match skips the string comparison.
    let (first, last) = (t.as_bytes()[0], t.as_bytes()[t.len() - 1]);
    for pos in POSITIVE_WORDS {
        if pos.as_bytes().first() != Some(&first) {
            continue;
        }
        if let Some(rest) = t.strip_prefix(pos) {
            let rest = rest
                .strip_suffix('s')
                .filter(|r| is_negative_word(r))
                .unwrap_or(rest);
            if rest.len() >= MIN_COMPOUND_SUFFIX && is_strong_negative_word(rest) {
                return Some(rest);
            }
        }
    }
    for noun in COMPONENT_NOUNS {
        if noun.as_bytes().last() != Some(&last) {
            continue;
        }
        if let Some(stem) = t.strip_suffix(noun) {
            if stem.len() >= MIN_COMPOUND_PREFIX && is_negative_word(stem) {
                return Some(stem);
            }
        }
    }
    None
}

/// Class/id words of an article's lead (standfirst): the summary paragraph sites put in the
/// article header, apart from the body text, in many languages' newsroom vocabulary.
pub const LEAD_WORDS: &[&str] = &[
    "lead",
    "intro",
    "teaser",
    "excerpt",
    "abstract",
    "standfirst",
    "subtitle",
    "summary",
    "chapeau",
    "chapo",
    "dek",
    "deck",
    "lede",
    "sapo",
    "entradilla",
    "bajada",
    // German for the introduction.
    "einleitung",
];

/// Words that turn the next word into a state of the element rather than its kind:
/// `has-ads`, `with-sidebar`, `no-comments` describe a page layout, not an ad or a sidebar.
pub const MODIFIER_WORDS: &[&str] = &[
    "has", "with", "no", "without", "show", "hide", "enable", "enabled", "disable", "disabled",
    "allow", "is", "can",
];

/// An id of more words than this is a slug of a heading (`sharing-with-a-single-developer`,
/// an anchor target), not the name of a component: its words say nothing about the block.
pub const MAX_NAME_WORDS: usize = 4;
