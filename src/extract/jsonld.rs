//! The schema.org `articleBody` a page may publish in JSON-LD, used only as a hint: blocks on the
//! page whose text it contains weigh more when choosing the container. Its own text is never
//! output (it may hold text the page does not show).

use super::signals;
use crate::dom::{Doc, NodeData, NodeId};
use std::collections::HashSet;

/// Words per shingle when matching block text against the body: long enough to be specific.
const SHINGLE_WORDS: usize = 4;
/// A block counts as the body's when this share of its shingles occur in it.
const MATCH_SHARE: f32 = 0.5;
/// Bodies shorter than this (characters) are summaries, too short to vouch for anything.
const MIN_BODY_CHARS: usize = 200;

fn shingles(text: &str) -> Vec<u64> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words
        .windows(SHINGLE_WORDS)
        .map(|w| {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            w.hash(&mut h);
            h.finish()
        })
        .collect()
}

/// Per node: does the body hold this block's own text? Empty when the page has no usable
/// `articleBody`. `body` is the page's JSON-LD `articleBody` text (`meta::Metadata`, which
/// parses the JSON-LD scripts once for every use).
pub fn matches(doc: &Doc, body: Option<&str>) -> Vec<bool> {
    let Some(body) = body.filter(|b| b.chars().count() >= MIN_BODY_CHARS) else {
        return Vec::new();
    };
    let set: HashSet<u64> = shingles(body).into_iter().collect();
    let n = doc.len();
    // Text of each block (nearest non-inline element), gathered in one forward pass.
    let mut owner: Vec<NodeId> = vec![0; n];
    let mut text: Vec<String> = vec![String::new(); n];
    for i in 0..n as NodeId {
        let p_owner = doc.parent(i).map_or(0, |p| owner[p as usize]);
        match &doc.node(i).data {
            NodeData::Element(e) => {
                owner[i as usize] = if signals::INLINE_TAGS.contains(&&*e.tag) {
                    p_owner
                } else {
                    i
                };
            }
            NodeData::Text(t) => {
                if doc.parent(i).is_some_and(|p| doc.tag(p) != "script") {
                    text[p_owner as usize].push_str(t);
                    text[p_owner as usize].push(' ');
                }
            }
        }
    }
    let mut out = vec![false; n];
    for (i, t) in text.iter().enumerate() {
        if t.is_empty() {
            continue;
        }
        let sh = shingles(t);
        if sh.is_empty() {
            continue;
        }
        let hits = sh.iter().filter(|h| set.contains(h)).count();
        if hits as f32 >= sh.len() as f32 * MATCH_SHARE {
            out[i] = true;
        }
    }
    out
}
