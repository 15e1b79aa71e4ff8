//! The article's lead: sites often set the summary paragraph (standfirst) in the article header,
//! beside the headline, outside the element holding the body text, so the container the
//! descent chose misses it. A lead-named prose block just before the container, under one of
//! its near ancestors, is joined: the container grows to their common ancestor and everything
//! else in between (headline, byline, share bar, picture) is left out.

use super::score::Stats;
use crate::dom::{Doc, NodeId};
use crate::measure::words::lower_words as words;

/// How many levels above the container the lead may sit: it is in the same article header
/// (`article > header > p.lead` beside `article > div.body`), not anywhere on the page.
pub const LEAD_MAX_LEVELS: usize = 4;
/// A lead is short beside the body: at most this share of the container's characters.
pub const LEAD_MAX_SHARE: f32 = 0.5;
/// Picture blocks: a lead image (`figure.lead`) and its caption are no standfirst.
const PICTURE_TAGS: &[&str] = &["figure", "figcaption", "picture"];
/// A block that opens like the publisher's summary (the page's description) is its lead when
/// they share at least this many opening words: fewer could be a stock phrase.
pub const DESCRIPTION_MIN_WORDS: usize = 8;

/// Does the block read as the publisher's summary: the shorter of the two opens the other,
/// word for word, over at least [`DESCRIPTION_MIN_WORDS`] words? The summary may be cut short
/// ("... in den e..."), so its last word is not compared.
fn is_description(doc: &Doc, i: NodeId, summary: &[String]) -> bool {
    if summary.len() <= DESCRIPTION_MIN_WORDS {
        return false;
    }
    let block = words(&doc.subtree_text(i));
    let n = block.len().min(summary.len().saturating_sub(1));
    n >= DESCRIPTION_MIN_WORDS && block[..n] == summary[..n]
}

/// Named as the lead: by class/id words, or as the article's schema.org `description` (the
/// publisher's own summary, the standfirst's usual markup).
fn is_lead_named(doc: &Doc, s: &Stats, i: NodeId) -> bool {
    s.words[i as usize].lead
        || doc
            .attr(i, "itemprop")
            .is_some_and(|p| p.split_whitespace().any(|t| t == "description"))
}

/// Finds a lead before `main` and joins it. Returns the new container (or `main` unchanged)
/// and marks in `skip` what lies between the new container and the two parts.
pub fn join(
    doc: &Doc,
    s: &Stats,
    main: NodeId,
    summary: Option<&str>,
    skip: &mut [bool],
) -> NodeId {
    let Some(lead) = find(doc, s, main, summary) else {
        return main;
    };
    let top = doc
        .ancestors(main)
        .find(|&a| doc.contains(a, lead))
        .unwrap_or(main);
    // Keep only the paths down to the body and to the lead: every other child along the way
    // is left out (each path node's children are looked at once).
    for target in [main, lead] {
        let mut cur = top;
        while cur != target {
            let mut next = None;
            for c in doc.children(cur) {
                if doc.contains(c, target) {
                    next = Some(c);
                } else if !doc.contains(c, main) && !doc.contains(c, lead) {
                    skip[c as usize] = true;
                }
            }
            match next {
                Some(n) => cur = n,
                None => break,
            }
        }
    }
    top
}

/// The last lead-named prose block before `main` under its `LEAD_MAX_LEVELS`-th ancestor,
/// outside boilerplate and hidden blocks; or one that reads as the page's `summary` (its
/// description: unnamed standfirsts are the summary's usual source, whatever the language).
fn find(doc: &Doc, s: &Stats, main: NodeId, summary: Option<&str>) -> Option<NodeId> {
    let region = doc.ancestors(main).take(LEAD_MAX_LEVELS).last()?;
    let summary = summary.map(words).unwrap_or_default();
    let max_chars = s.chars[main as usize] as f32 * LEAD_MAX_SHARE;
    let mut found = None;
    let mut i = region + 1;
    while i < main {
        let iu = i as usize;
        if doc.element(i).is_none() {
            i += 1;
            continue;
        }
        // Boilerplate and hidden blocks are never the lead, nor is anything inside them; nor
        // is a picture or its caption.
        if s.excluded[iu]
            || (s.words[iu].is_boilerplate() && !doc.contains(i, main))
            || (PICTURE_TAGS.contains(&doc.tag(i)) && !doc.contains(i, main))
        {
            i = doc.node(i).end;
            continue;
        }
        // The headline is no lead, though a summary may repeat it.
        if !doc.contains(i, main)
            && s.raw[iu] > 0.0
            && (s.chars[iu] as f32) <= max_chars
            && (is_lead_named(doc, s, i)
                || (doc.tag(i) != "h1" && is_description(doc, i, &summary)))
        {
            found = Some(i);
            // Its own inner blocks are part of it.
            i = doc.node(i).end;
            continue;
        }
        i += 1;
    }
    found
}
