//! Site memory: blocks seen on several pages of one site (menus, promos, footers) are that
//! site's furniture, hidden on its next pages.
//!
//! It never changes the article, by construction: the article is found on the page alone
//! (site memory plays no part in `analyze`'s weights or the choice of the container), and only
//! then may a remembered block be hidden, and only outside the article. A story that is the
//! main article of one page and a "Related" card on others is therefore whole where it is the
//! article, and hidden only where it is a card. Likewise a page teaches its site only the
//! blocks outside its own article ([`fingerprints_of`]).
//!
//! The caller keeps the counts (the extension in `storage.local`, the CLI per batch) and
//! passes the fingerprints seen on enough other pages in `Options::site_boilerplate`; the core
//! hides them ([`candidates`] then [`apply`], which the CLI can also call later, once its whole
//! batch has been read, without keeping the pages).

use super::blocks::{TextBlock, Title};
use super::resolve::report_text;
use crate::dom::{Doc, NodeId};
use crate::measure::words;
use crate::{Block, Copy, DuplicateGroup, DuplicateKind, Extraction};

/// Shortest block that gets a site-memory fingerprint: nav items and labels below this are
/// too generic to mean "this site's furniture".
const MIN_FP_CHARS: u32 = 20;
/// The reason given for a block hidden by site memory (`Extraction::hidden`); callers count
/// these by this prefix.
pub const SITE_REASON: &str = "site_boilerplate: seen on other pages of this site";

/// A block of the page that site memory may learn or hide, with its fingerprint: its words,
/// in order, hashed to 32 bits (safe as a JSON/JS number, fixed across platforms and runs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SiteBlock {
    pub fingerprint: u32,
    pub node: NodeId,
}

/// A [`SiteBlock`] described for the report, so that [`apply`] needs no document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteCandidate {
    pub fingerprint: u32,
    pub node: NodeId,
    /// End of the block's subtree (node ids `node..end`).
    pub end: NodeId,
    pub path: String,
    /// Its opening words.
    pub text: String,
}

/// The blocks that can be remembered: long enough, owning their text, and never the page's
/// headline (it is the article's even where its container starts below it).
pub(super) fn fingerprinted(blocks: &[TextBlock], title: &Title) -> Vec<SiteBlock> {
    blocks
        .iter()
        .filter(|b| b.comparable && b.chars >= MIN_FP_CHARS && !title.is_headline(b))
        .map(|b| SiteBlock {
            fingerprint: words::fold(b.words_hash),
            node: b.node,
        })
        .collect()
}

/// Of the fingerprinted blocks, those outside the article (`main`): neither inside it nor
/// holding it. These are all site memory ever learns or hides on this page.
pub fn outside_article(doc: &Doc, blocks: &[SiteBlock], main: Option<NodeId>) -> Vec<SiteBlock> {
    blocks
        .iter()
        .copied()
        .filter(|b| !main.is_some_and(|m| doc.contains(m, b.node) || doc.contains(b.node, m)))
        .collect()
}

/// The fingerprints of these blocks, sorted and distinct (`Extraction::fingerprints`).
pub fn fingerprints_of(blocks: &[SiteBlock]) -> Vec<u32> {
    let mut f: Vec<u32> = blocks.iter().map(|b| b.fingerprint).collect();
    f.sort_unstable();
    f.dedup();
    f
}

/// The page's site blocks (`Extraction::site_blocks`) that are not hidden already, described
/// for [`apply`]; with `only` (sorted), just those whose fingerprint it holds.
pub fn candidates(doc: &Doc, r: &Extraction, only: Option<&[u32]>) -> Vec<SiteCandidate> {
    // The hidden roots, by node (`Extraction::hidden` holds outermost roots only).
    let mut hidden: Vec<NodeId> = r.hidden.iter().map(|h| h.node).collect();
    hidden.sort_unstable();
    let already_hidden = |n: NodeId| {
        let at = hidden.partition_point(|&h| h <= n);
        at > 0 && doc.contains(hidden[at - 1], n)
    };
    r.site_blocks
        .iter()
        .filter(|b| only.is_none_or(|k| k.binary_search(&b.fingerprint).is_ok()))
        .filter(|b| !already_hidden(b.node))
        .map(|b| SiteCandidate {
            fingerprint: b.fingerprint,
            node: b.node,
            end: doc.node(b.node).end,
            path: doc.css_path(b.node),
            text: report_text(doc, b.node),
        })
        .collect()
}

/// Hides the candidates whose fingerprint is in `known` (sorted): each goes into
/// `r.hidden` (reason [`SITE_REASON`]) and, one group per remembered block, into
/// `r.duplicates` as `site_boilerplate`. The article's text is never touched: candidates lie
/// outside it.
pub fn apply(r: &mut Extraction, candidates: &[SiteCandidate], known: &[u32]) {
    // Outermost hits only (a remembered block may hold another), in document order.
    let mut hits: Vec<&SiteCandidate> = Vec::new();
    let mut end = 0;
    for c in candidates {
        if c.node >= end && known.binary_search(&c.fingerprint).is_ok() {
            end = c.end;
            hits.push(c);
        }
    }
    if hits.is_empty() {
        return;
    }
    // Blocks hidden already inside a hit are now part of it.
    let inside_hit = |n: NodeId| {
        let at = hits.partition_point(|c| c.node < n);
        at > 0 && n < hits[at - 1].end
    };
    r.hidden.retain(|h| !inside_hit(h.node));
    r.hidden.extend(hits.iter().map(|c| Block {
        node: c.node,
        path: c.path.clone(),
        reason: SITE_REASON.to_string(),
    }));
    r.hidden.sort_by_key(|h| h.node);
    // One group per remembered block, its occurrences on this page in document order.
    let mut order: Vec<usize> = (0..hits.len()).collect();
    order.sort_by_key(|&i| (hits[i].fingerprint, hits[i].node));
    let mut groups: Vec<(NodeId, DuplicateGroup)> = Vec::new();
    for run in order.chunk_by(|&a, &b| hits[a].fingerprint == hits[b].fingerprint) {
        let first = hits[run[0]];
        groups.push((
            first.node,
            DuplicateGroup {
                text: first.text.clone(),
                count: run.len(),
                kind: DuplicateKind::SiteBoilerplate,
                copies: run
                    .iter()
                    .map(|&i| Copy {
                        node: hits[i].node,
                        path: hits[i].path.clone(),
                        kept: false,
                    })
                    .collect(),
                similarity: 1.0,
                reason: "seen on other pages of this site".to_string(),
            },
        ));
    }
    groups.sort_by_key(|g| g.0);
    r.duplicates.extend(groups.into_iter().map(|g| g.1));
}
