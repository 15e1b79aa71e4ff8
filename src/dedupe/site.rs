//! Site memory: the page's block fingerprints, and the blocks the caller says it saw on other
//! pages of the site.

use super::blocks::{self, TextBlock, Title};
use crate::dom::{Doc, NodeId};
use crate::measure::words;

/// Shortest block that gets a site-memory fingerprint: nav items and labels below this are
/// too generic to mean "this site's boilerplate".
const MIN_FP_CHARS: u32 = 20;
/// Longest block that site memory may hide: navigation, promos and footers are short, while
/// a long paragraph seen on other pages is more likely the article quoted elsewhere.
const BOILERPLATE_MAX_CHARS: u32 = 300;

/// A block's fingerprint: its words, in order, hashed to 32 bits (safe as a JSON/JS number).
fn fingerprint(b: &TextBlock) -> u32 {
    words::fold(b.words_hash)
}

/// Can this block be remembered at all?
fn fingerprinted(b: &TextBlock) -> bool {
    b.comparable && b.chars >= MIN_FP_CHARS
}

/// The fingerprints of these blocks, sorted and distinct.
pub(super) fn fingerprints_of(blocks: &[TextBlock]) -> Vec<u32> {
    let mut f: Vec<u32> = blocks
        .iter()
        .filter(|b| fingerprinted(b))
        .map(fingerprint)
        .collect();
    f.sort_unstable();
    f.dedup();
    f
}

/// The page's block fingerprints alone (what `analyze` returns in `fingerprints`), for a
/// caller building site memory in a first pass without extracting.
pub fn fingerprints(doc: &Doc) -> Vec<u32> {
    fingerprints_of(&blocks::collect(doc, None))
}

/// The blocks whose fingerprint is in `known` (the site's boilerplate): short ones only, and
/// never the headline (see `BOILERPLATE_MAX_CHARS`).
pub(super) fn known_boilerplate(blocks: &[TextBlock], known: &[u32], title: &Title) -> Vec<NodeId> {
    if known.is_empty() {
        return Vec::new();
    }
    let mut known = known.to_vec();
    known.sort_unstable();
    blocks
        .iter()
        .filter(|b| {
            fingerprinted(b)
                && b.chars <= BOILERPLATE_MAX_CHARS
                && known.binary_search(&fingerprint(b)).is_ok()
                && !title.is_headline(b)
        })
        .map(|b| b.node)
        .collect()
}

/// Site boilerplate never counts as prose.
pub(super) fn unweigh(doc: &Doc, boilerplate: &[NodeId], weight: &mut [f32]) {
    for &b in boilerplate {
        weight[b as usize] = 0.0;
        for d in doc.descendants(b) {
            weight[d as usize] = 0.0;
        }
    }
}
