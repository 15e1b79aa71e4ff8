//! Per-element signals read straight off the markup: tag roles, class/id words, visibility.
//! Every list is a named constant with the reason it exists.

use crate::dom::{Doc, NodeId};
use rustc_hash::FxHashMap as HashMap;

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

/// Of the negative words, the ones that name a discussion (comments, replies): on a forum
/// thread or a question page the discussion is the page's content, not clutter around it
/// (see `page_type`).
pub const DISCUSSION_WORDS: &[&str] = &[
    "comment",
    "comments",
    "discussion",
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
];

/// A class/id word of clutter (strong or weak).
pub fn is_negative_word(t: &str) -> bool {
    word_info(t).negative
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
            if rest.len() >= MIN_COMPOUND_SUFFIX && STRONG_NEGATIVE_WORDS.contains(&rest) {
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

/// What the class/id words say about an element.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Words {
    pub negative: bool,
    pub strong_negative: bool,
    pub positive: bool,
    /// The reason to hide it in place, when a clutter word is present.
    pub clutter: Option<&'static str>,
    /// Named as the article's lead (see [`LEAD_WORDS`]).
    pub lead: bool,
    /// Has a negative word outside [`LAYOUT_WORDS`], or a page-chrome tag: its name is believed
    /// whatever it holds.
    pub furniture: bool,
    /// Named as a discussion (see [`DISCUSSION_WORDS`]).
    pub discussion: bool,
    /// Named as a cookie-consent manager (see [`CONSENT_WORDS`]).
    pub consent: bool,
}

impl Words {
    /// Adds what a later attribute value says (every field: flags join, the first clutter
    /// reason found stays).
    fn add(&mut self, later: Words) {
        let Words {
            negative,
            strong_negative,
            positive,
            clutter,
            lead,
            furniture,
            discussion,
            consent,
        } = later;
        self.negative |= negative;
        self.strong_negative |= strong_negative;
        self.positive |= positive;
        self.lead |= lead;
        self.furniture |= furniture;
        self.discussion |= discussion;
        self.consent |= consent;
        if self.clutter.is_none() {
            self.clutter = clutter;
        }
    }

    /// Negative and not outweighed by a positive word.
    pub fn is_boilerplate(&self) -> bool {
        self.strong_negative || (self.negative && !self.positive)
    }

    /// The same element with its clutter words no longer believed (a layout name on the
    /// article's own container, see `score::LAYOUT_SHARE`): neither boilerplate nor clutter.
    pub fn without_clutter(self) -> Words {
        Words {
            negative: false,
            strong_negative: false,
            clutter: None,
            ..self
        }
    }
}

/// Splits `class`/`id` values into lower-case words: on any non-alphanumeric character and at
/// lower-to-upper case changes (`relatedPosts` is `related` + `posts`).
pub fn for_each_word(s: &str, mut f: impl FnMut(&str)) {
    if !s.is_ascii() {
        return for_each_word_unicode(s, f);
    }
    // ASCII (nearly every class and id): the same rules on bytes, words passed as slices of
    // `s` unless they hold capitals. This runs for every element of the page.
    let mut buf = String::new();
    let mut emit = |w: &str| {
        if w.bytes().any(|c| c.is_ascii_uppercase()) {
            buf.clear();
            buf.push_str(w);
            buf.make_ascii_lowercase();
            f(&buf);
        } else {
            f(w);
        }
    };
    let mut start = 0;
    let mut prev_lower = false;
    for (i, &c) in s.as_bytes().iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if start < i {
                emit(&s[start..i]);
            }
            start = i + 1;
            prev_lower = false;
            continue;
        }
        if c.is_ascii_uppercase() && prev_lower && start < i {
            emit(&s[start..i]);
            start = i;
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    if start < s.len() {
        emit(&s[start..]);
    }
}

/// [`for_each_word`] for values with non-ASCII characters.
fn for_each_word_unicode(s: &str, mut f: impl FnMut(&str)) {
    let mut buf = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if !c.is_alphanumeric() {
            if !buf.is_empty() {
                f(&buf);
                buf.clear();
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !buf.is_empty() {
            f(&buf);
            buf.clear();
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        buf.extend(c.to_lowercase());
    }
    if !buf.is_empty() {
        f(&buf);
    }
}

/// What the word lists above say about one class/id word.
#[derive(Debug, Clone, Copy, Default)]
struct WordInfo {
    modifier: bool,
    negative: bool,
    strong_negative: bool,
    positive: bool,
    lead: bool,
    layout: bool,
    consent: bool,
    clutter: Option<&'static str>,
}

/// The word lists as one table, built once: every class and id word of the page (and each
/// stem tried for it) is looked up, and one hash lookup is cheaper than scanning the lists.
fn word_info(t: &str) -> WordInfo {
    static TABLE: std::sync::OnceLock<HashMap<&'static str, WordInfo>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut m: HashMap<&'static str, WordInfo> = HashMap::default();
        for &w in MODIFIER_WORDS {
            m.entry(w).or_default().modifier = true;
        }
        for &w in STRONG_NEGATIVE_WORDS.iter().chain(WEAK_NEGATIVE_WORDS) {
            let e = m.entry(w).or_default();
            e.negative = true;
            e.strong_negative |= STRONG_NEGATIVE_WORDS.contains(&w);
            e.layout |= LAYOUT_WORDS.contains(&w);
            // The first entry of a word in CLUTTER_WORDS names its reason.
            e.clutter = CLUTTER_WORDS.iter().find(|(k, _)| *k == w).map(|p| p.1);
        }
        for &w in POSITIVE_WORDS {
            m.entry(w).or_default().positive = true;
        }
        for &w in LEAD_WORDS {
            m.entry(w).or_default().lead = true;
        }
        for &w in CONSENT_WORDS {
            m.entry(w).or_default().consent = true;
        }
        m
    });
    table.get(t).copied().unwrap_or_default()
}

/// Reads the class and id words of an element.
pub fn words(doc: &Doc, id: NodeId) -> Words {
    words_with(doc, id, &mut WordsMemo::default())
}

/// What each distinct `class` / `id` value of a page says: pages repeat a few class strings on
/// thousands of elements, so each is read once per page.
#[derive(Default)]
pub struct WordsMemo<'a> {
    seen: HashMap<(&'a str, bool), Words>,
    /// The page is a discussion: [`DISCUSSION_WORDS`] name its content, not clutter.
    pub discussion_is_content: bool,
    /// The page is made of posts (a thread, a question page): [`POST_FURNITURE_WORDS`] name
    /// the furniture around the posts.
    pub posts: bool,
}

/// [`words`], reading each distinct attribute value once (`memo` lives for one page).
pub fn words_with<'a>(doc: &'a Doc, id: NodeId, memo: &mut WordsMemo<'a>) -> Words {
    let mut w = Words::default();
    let Some(e) = doc.element(id) else {
        return w;
    };
    if CHROME_TAGS.contains(&&*e.tag) {
        w.negative = true;
        w.strong_negative = true;
        w.furniture = true;
    }
    let (discussion_is_content, posts) = (memo.discussion_is_content, memo.posts);
    for attr in ["class", "id"] {
        let Some(v) = e.attr(attr) else { continue };
        let is_id = attr == "id";
        let of_value = *memo
            .seen
            .entry((v, is_id))
            .or_insert_with(|| value_words(v, is_id, discussion_is_content, posts));
        w.add(of_value);
    }
    w
}

/// The words of one `class` (or `id`) value, as [`words`] reads them; with
/// `discussion_is_content`, discussion words only set [`Words::discussion`]; with `posts`,
/// [`POST_FURNITURE_WORDS`] are clutter.
fn value_words(v: &str, is_id: bool, discussion_is_content: bool, posts: bool) -> Words {
    let mut w = Words::default();
    for name in v.split_whitespace() {
        if is_id {
            let mut count = 0;
            for_each_word(name, |_| count += 1);
            if count > MAX_NAME_WORDS {
                continue;
            }
        }
        let mut modified = false;
        for_each_word(name, |t| {
            let info = word_info(t);
            let was_modified = std::mem::replace(&mut modified, info.modifier);
            if was_modified {
                return;
            }
            if posts && POST_FURNITURE_WORDS.contains(&t) {
                w.negative = true;
                w.strong_negative = true;
                w.furniture = true;
            }
            if let Some(stem) = negative_stem(t) {
                if DISCUSSION_WORDS.contains(&stem) {
                    w.discussion = true;
                    if discussion_is_content {
                        return;
                    }
                }
                let stem = word_info(stem);
                w.negative = true;
                if stem.strong_negative {
                    w.strong_negative = true;
                }
                w.furniture |= !stem.layout;
                if w.clutter.is_none() {
                    w.clutter = stem.clutter;
                }
            }
            if info.positive {
                w.positive = true;
            }
            if info.lead {
                w.lead = true;
            }
            if info.consent {
                w.consent = true;
            }
        });
    }
    w
}

/// Is the element hidden by its own markup (`hidden`, `aria-hidden`, inline `display:none` or
/// `visibility:hidden`, or `popover`: a popover is not drawn until a control opens it, like a
/// menu or an "install the app" card)? A hidden block is not what the reader sees, so it is
/// not the article.
pub fn is_hidden(doc: &Doc, id: NodeId) -> bool {
    let Some(e) = doc.element(id) else {
        return false;
    };
    if e.attr("hidden").is_some() || e.attr("popover").is_some() {
        return true;
    }
    if e.attr("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if let Some(style) = e.attr("style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// Semantic marks of an article body, strongest first: the schema.org body property,
/// then the `article` element, then the page's main region.
pub fn semantic_rank(doc: &Doc, id: NodeId) -> u8 {
    let Some(e) = doc.element(id) else {
        return 0;
    };
    let prop = e.attr("itemprop").or_else(|| e.attr("property"));
    if prop.is_some_and(|p| {
        p.split_whitespace()
            .any(|t| t.eq_ignore_ascii_case("articleBody") || t.eq_ignore_ascii_case("text"))
    }) {
        return 3;
    }
    if &*e.tag == "article" {
        return 2;
    }
    if &*e.tag == "main"
        || e.attr("role")
            .is_some_and(|r| r.eq_ignore_ascii_case("main"))
    {
        return 1;
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_case_and_punctuation() {
        let mut v = Vec::new();
        for_each_word("relatedPosts share-bar_x HTMLBody", |t| {
            v.push(t.to_string())
        });
        assert_eq!(v, ["related", "posts", "share", "bar", "x", "htmlbody"]);
    }
}
