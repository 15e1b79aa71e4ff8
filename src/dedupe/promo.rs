//! What a repeated region is, read off its content: a promo (a call to action, a form or a
//! button) or a list.

use crate::dom::{collapse_whitespace, Doc, NodeData, NodeId};

/// Promos are short: a repeated block longer than this is prose, not a pasted box.
const PROMO_MAX_CHARS: usize = 400;
/// Share of a short block's text inside links above which it is navigation or a promo.
const PROMO_LINK_DENSITY: f32 = 0.6;
/// Calls to action that mark a short repeated block as a promo rather than article text.
const CTA_PHRASES: &[&str] = &[
    "subscribe",
    "newsletter",
    "sign up",
    "follow us",
    "try our",
    "register now",
    "advertisement",
    "sponsored",
];
/// Weaker calls to action: a promo's only when the block is also pasted twice in the article
/// (articles about apps and films say "available on Google Play" in their own sentences).
const WEAK_CTA_PHRASES: &[&str] = &["download", "app store", "google play", "get the app"];
/// Tags that make a region a form or button box (promos, sign-ups), never article text.
const CONTROL_TAGS: &[&str] = &["form", "button", "input"];
/// Tags that mark a list: a region made of them that repeats is a repeated list.
const LIST_TAGS: &[&str] = &["ul", "ol", "li", "dl", "dt", "dd"];
/// A region with this many link-only blocks is a list of links even without list tags.
const LIST_MIN_LINKS: usize = 3;

/// A short region that calls to action, holds a form or a button, or (when `pasted` is set:
/// the block is pasted more than once inside the article) is mostly links or uses a weaker
/// call to action. A single occurrence needs the strong signs: articles link to other stories
/// and mention app stores in their own sentences.
pub(super) fn looks_like_promo(doc: &Doc, root: NodeId, pasted: bool) -> bool {
    let mut chars = 0usize;
    let mut link_chars = 0usize;
    let mut controls = false;
    let mut in_link_until = 0;
    let mut text = String::new();
    for id in std::iter::once(root).chain(doc.descendants(root)) {
        match &doc.node(id).data {
            NodeData::Element(e) => {
                if &*e.tag == "a" && id >= in_link_until {
                    in_link_until = doc.node(id).end;
                }
                controls |= CONTROL_TAGS.contains(&&*e.tag);
            }
            NodeData::Text(t) => {
                // Counted only as far as the limit: a long text node decides at once.
                let c = non_space_chars_upto(t, PROMO_MAX_CHARS + 1 - chars);
                chars += c;
                if id < in_link_until {
                    link_chars += c;
                }
                if chars <= PROMO_MAX_CHARS {
                    text.push_str(t);
                    text.push(' ');
                }
            }
        }
        if chars > PROMO_MAX_CHARS {
            return false;
        }
    }
    if chars == 0 {
        return false;
    }
    if controls || (pasted && link_chars as f32 / chars as f32 >= PROMO_LINK_DENSITY) {
        return true;
    }
    let lower = if text.is_ascii() {
        // The same string, without decoding: ASCII white space collapsed, letters lowered.
        ascii_collapse_lower(&text)
    } else {
        collapse_whitespace(&text).to_lowercase()
    };
    CTA_PHRASES.iter().any(|p| lower.contains(p))
        || (pasted && WEAK_CTA_PHRASES.iter().any(|p| lower.contains(p)))
}

/// A list: list tags at or above the region's root, or several blocks that are only links.
pub(super) fn looks_like_list(doc: &Doc, root: NodeId) -> bool {
    if LIST_TAGS.contains(&doc.tag(root))
        || doc
            .parent(root)
            .is_some_and(|p| LIST_TAGS.contains(&doc.tag(p)))
    {
        return true;
    }
    let mut li = 0;
    let mut links = 0;
    for d in doc.descendants(root) {
        match doc.tag(d) {
            "li" => li += 1,
            // A link that is its parent's whole content (O(1): first child, same end).
            "a" if doc
                .parent(d)
                .is_some_and(|p| p + 1 == d && doc.node(d).end == doc.node(p).end) =>
            {
                links += 1
            }
            _ => {}
        }
    }
    li >= 2 || links >= LIST_MIN_LINKS
}

pub(super) fn non_space_chars(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// [`non_space_chars`], counting no further than `limit` (ASCII text read byte by byte).
fn non_space_chars_upto(s: &str, limit: usize) -> usize {
    if s.is_ascii() {
        s.bytes()
            .filter(|b| !matches!(b, b'\t'..=b'\r' | b' '))
            .take(limit)
            .count()
    } else {
        s.chars().filter(|c| !c.is_whitespace()).take(limit).count()
    }
}

/// `collapse_whitespace(s).to_lowercase()` for ASCII `s`.
fn ascii_collapse_lower(s: &str) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    for w in s
        .as_bytes()
        .split(|b| matches!(b, b'\t'..=b'\r' | b' '))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(b' ');
        }
        out.extend(w.iter().map(u8::to_ascii_lowercase));
    }
    // ASCII in, ASCII out: always valid.
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn ascii_helpers_match_the_general_ones() {
        for t in [
            "",
            "  Sign\tUP  for\x0bour\x0cNEWS\rletter \n",
            "a,b;  C.",
            "x\u{1c}y",
        ] {
            assert_eq!(
                super::ascii_collapse_lower(t),
                crate::dom::collapse_whitespace(t).to_lowercase(),
                "{t:?}"
            );
            for limit in [0, 3, 100] {
                assert_eq!(
                    super::non_space_chars_upto(t, limit),
                    t.chars().filter(|c| !c.is_whitespace()).take(limit).count()
                );
            }
        }
    }
}
