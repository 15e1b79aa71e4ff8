//! Per-element signals read straight off the markup: tag roles, class/id words, visibility.
//! Every list is a named constant with the reason it exists.

use crate::dom::{Doc, NodeId};
use rustc_hash::FxHashMap as HashMap;

mod lists;
mod visibility;

pub use lists::*;
pub use visibility::Visibility;

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
        let negatives = STRONG_NEGATIVE_WORDS.iter().chain(DISCUSSION_WORDS);
        for &w in negatives.chain(WEAK_NEGATIVE_WORDS) {
            let e = m.entry(w).or_default();
            e.negative = true;
            e.strong_negative |= is_strong_negative_word(w);
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

/// How the kind of page changes what class and id words say (see `score::Reading`).
#[derive(Debug, Clone, Copy, Default)]
pub struct WordRules {
    /// The page is a discussion: [`DISCUSSION_WORDS`] name its content, not clutter.
    pub discussion_is_content: bool,
    /// The page is a product's: [`REVIEW_WORDS`] name its customers' reviews, clutter.
    pub reviews_are_clutter: bool,
    /// The page is made of posts (a thread, a question page): [`POST_FURNITURE_WORDS`] name
    /// the furniture around the posts.
    pub posts: bool,
}

/// What each distinct `class` / `id` value of a page says: pages repeat a few class strings on
/// thousands of elements, so each is read once per page.
#[derive(Default)]
pub struct WordsMemo<'a> {
    seen: HashMap<(&'a str, bool), Words>,
    rules: WordRules,
}

impl WordsMemo<'_> {
    /// A memo for one page read under `rules`.
    pub fn new(rules: WordRules) -> Self {
        WordsMemo {
            seen: HashMap::default(),
            rules,
        }
    }
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
    let rules = memo.rules;
    for attr in ["class", "id"] {
        let Some(v) = e.attr(attr) else { continue };
        let is_id = attr == "id";
        let of_value = *memo
            .seen
            .entry((v, is_id))
            .or_insert_with(|| value_words(v, is_id, rules));
        w.add(of_value);
    }
    w
}

/// The words of one `class` (or `id`) value, as [`words`] reads them under `rules`: with
/// `discussion_is_content`, discussion words only set [`Words::discussion`]; without
/// `reviews_are_clutter`, review words say nothing; with `posts`, [`POST_FURNITURE_WORDS`]
/// are clutter.
fn value_words(v: &str, is_id: bool, rules: WordRules) -> Words {
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
            if rules.posts && POST_FURNITURE_WORDS.contains(&t) {
                w.negative = true;
                w.strong_negative = true;
                w.furniture = true;
            }
            if let Some(stem) = negative_stem(t) {
                if DISCUSSION_WORDS.contains(&stem) {
                    w.discussion = true;
                    if rules.discussion_is_content {
                        return;
                    }
                }
                if !rules.reviews_are_clutter && REVIEW_WORDS.contains(&stem) {
                    return;
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
