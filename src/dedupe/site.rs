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
use super::originals::REGION_RATIO;
use super::resolve::report_text;
use crate::dom::{Doc, NodeData, NodeId};
use crate::measure::words;
use crate::{Block, Copy, DuplicateGroup, DuplicateKind, Extraction};

/// Shortest block that gets a site-memory fingerprint: nav items and labels below this are
/// too generic to mean "this site's furniture".
const MIN_FP_CHARS: u32 = 20;
/// How far a remembered block may grow into the box around it (an app banner's text and its
/// "Open" link); boxes are a few levels deep.
const MAX_CLIMB: usize = 8;
/// The reason given for a block hidden by site memory (`Extraction::hidden`); callers count
/// these by this prefix.
pub const SITE_REASON: &str = "site_boilerplate: seen on other pages of this site";

/// A block of the page that site memory may learn or hide, with its fingerprint: its words,
/// in order, hashed to 32 bits (safe as a JSON/JS number, fixed across platforms and runs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SiteBlock {
    pub fingerprint: u32,
    pub node: NodeId,
    /// Non-space characters of its own text.
    pub chars: u32,
}

/// What site memory may hide on a page, described so that [`apply`] needs no document: a
/// fingerprinted block, or a box of them (a banner, a footer) that is hidden whole when most
/// of its text is remembered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteCandidate {
    /// The block's fingerprint; `None` for a box.
    pub fingerprint: Option<u32>,
    pub node: NodeId,
    /// End of its subtree (node ids `node..end`).
    pub end: NodeId,
    /// Non-space characters of its text (a block's own, a box's whole).
    pub chars: u32,
    pub path: String,
    /// Its opening words.
    pub text: String,
}

/// What site memory needs of a page once it is extracted, so that the page need not be kept
/// (a batch counts every page's fingerprints before it can hide anything).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SitePage {
    /// The URL the page names as its own: its canonical link, else its `og:url`.
    pub url: Option<String>,
    /// What memory may hide on it ([`candidates`]).
    pub candidates: Vec<SiteCandidate>,
}

/// The page's own URL and its candidates, read while the page is at hand.
pub fn page(doc: &Doc, r: &Extraction) -> SitePage {
    SitePage {
        url: own_url(doc),
        candidates: candidates(doc, r, None),
    }
}

/// The URL a page names as its own: `<link rel=canonical href>`, else `<meta property=og:url>`.
fn own_url(doc: &Doc) -> Option<String> {
    let mut og = None;
    for i in 0..doc.len() as NodeId {
        match doc.tag(i) {
            "link"
                if doc.attr(i, "rel").is_some_and(|r| {
                    r.split_whitespace()
                        .any(|x| x.eq_ignore_ascii_case("canonical"))
                }) =>
            {
                if let Some(href) = doc.attr(i, "href") {
                    return Some(href.to_string());
                }
            }
            "meta" if og.is_none() && doc.attr(i, "property") == Some("og:url") => {
                og = doc.attr(i, "content").map(str::to_string);
            }
            _ => {}
        }
    }
    og
}

/// The blocks that can be remembered: long enough and owning their text.
pub(super) fn fingerprinted(blocks: &[TextBlock]) -> Vec<SiteBlock> {
    blocks
        .iter()
        .filter(|b| b.comparable && b.chars >= MIN_FP_CHARS)
        .map(|b| SiteBlock {
            fingerprint: words::fold(b.words_hash),
            node: b.node,
            chars: b.chars,
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

/// The page's site blocks (`Extraction::site_blocks`) that are not hidden already, and the
/// boxes around them made mostly of their text, described for [`apply`] in document order;
/// with `only` (sorted), just the blocks whose fingerprint it holds.
pub fn candidates(doc: &Doc, r: &Extraction, only: Option<&[u32]>) -> Vec<SiteCandidate> {
    // The hidden roots, by node (`Extraction::hidden` holds outermost roots only).
    let mut hidden: Vec<NodeId> = r.hidden.iter().map(|h| h.node).collect();
    hidden.sort_unstable();
    let already_hidden = |n: NodeId| {
        let at = hidden.partition_point(|&h| h <= n);
        at > 0 && doc.contains(hidden[at - 1], n)
    };
    // Never the page's headline: it is the article's even where its container starts below it.
    let title = Title::new(r.title.as_deref());
    let blocks: Vec<SiteBlock> = r
        .site_blocks
        .iter()
        .copied()
        .filter(|b| only.is_none_or(|k| k.binary_search(&b.fingerprint).is_ok()))
        .filter(|b| !already_hidden(b.node))
        .filter(|b| !title.reads_as(&doc.subtree_text(b.node)))
        .collect();
    if blocks.is_empty() {
        return Vec::new();
    }
    let describe = |fingerprint: Option<u32>, node: NodeId, chars: u32| SiteCandidate {
        fingerprint,
        node,
        end: doc.node(node).end,
        chars,
        path: doc.css_path(node),
        text: report_text(doc, node),
    };
    let mut out: Vec<SiteCandidate> = blocks
        .iter()
        .map(|b| describe(Some(b.fingerprint), b.node, b.chars))
        .collect();
    // The boxes: ancestors of the blocks, below the body and beside the article, made mostly
    // of fingerprinted text.
    let mut boxes: Vec<NodeId> = Vec::new();
    for b in &blocks {
        for a in doc.ancestors(b.node).take(MAX_CLIMB) {
            let beside = doc.parent(a).is_some()
                && !matches!(doc.tag(a), "body" | "html")
                && !r.main.is_some_and(|m| doc.contains(a, m));
            if !beside {
                break;
            }
            boxes.push(a);
        }
    }
    boxes.sort_unstable();
    boxes.dedup();
    let total = text_chars(doc);
    let mut below = vec![0u64; blocks.len() + 1];
    for (i, b) in blocks.iter().enumerate() {
        below[i + 1] = below[i] + u64::from(b.chars);
    }
    for a in boxes {
        let end = doc.node(a).end;
        let (from, to) = (
            blocks.partition_point(|b| b.node < a),
            blocks.partition_point(|b| b.node < end),
        );
        let chars = total[a as usize];
        if (below[to] - below[from]) as f32 >= REGION_RATIO * chars as f32 && chars > 0 {
            out.push(describe(None, a, chars));
        }
    }
    out.sort_by_key(|c| c.node);
    out
}

/// Non-space characters of each node's subtree text, by one reverse pass.
fn text_chars(doc: &Doc) -> Vec<u32> {
    let mut chars = vec![0u32; doc.len()];
    for id in (0..doc.len() as NodeId).rev() {
        if let NodeData::Text(t) = &doc.node(id).data {
            chars[id as usize] = t.chars().filter(|c| !c.is_whitespace()).count() as u32;
        }
        if let Some(p) = doc.parent(id) {
            chars[p as usize] += chars[id as usize];
        }
    }
    chars
}

/// Hides the candidates site memory knows: every block whose fingerprint is in `known`
/// (sorted), and every box most of whose text they make. Each outermost one goes into
/// `r.hidden` (reason [`SITE_REASON`]) and into `r.duplicates` as a `site_boilerplate` group
/// (the same box twice on the page is one group). The article's text is never touched:
/// candidates lie outside it.
pub fn apply(r: &mut Extraction, candidates: &[SiteCandidate], known: &[u32]) {
    let hit = |c: &SiteCandidate| {
        c.fingerprint
            .is_some_and(|f| known.binary_search(&f).is_ok())
    };
    // Remembered characters, summed over the hit blocks in document order.
    let hits: Vec<&SiteCandidate> = candidates.iter().filter(|c| hit(c)).collect();
    if hits.is_empty() {
        return;
    }
    let mut below = vec![0u64; hits.len() + 1];
    for (i, c) in hits.iter().enumerate() {
        below[i + 1] = below[i] + u64::from(c.chars);
    }
    let remembered = |c: &SiteCandidate| {
        let (from, to) = (
            hits.partition_point(|h| h.node < c.node),
            hits.partition_point(|h| h.node < c.end),
        );
        (below[to] - below[from]) as f32 >= REGION_RATIO * c.chars as f32
    };
    // The outermost hidden ones, in document order.
    let mut roots: Vec<&SiteCandidate> = Vec::new();
    let mut end = 0;
    for c in candidates {
        if c.node >= end && (hit(c) || (c.fingerprint.is_none() && remembered(c))) {
            end = c.end;
            roots.push(c);
        }
    }
    // Blocks hidden already inside a root are now part of it.
    let inside_root = |n: NodeId| {
        let at = roots.partition_point(|c| c.node < n);
        at > 0 && n < roots[at - 1].end
    };
    r.hidden.retain(|h| !inside_root(h.node));
    r.hidden.extend(roots.iter().map(|c| Block {
        node: c.node,
        path: c.path.clone(),
        reason: SITE_REASON.to_string(),
    }));
    r.hidden.sort_by_key(|h| h.node);
    // One group per remembered block, its occurrences on this page in document order.
    let mut order: Vec<usize> = (0..roots.len()).collect();
    order.sort_by(|&a, &b| {
        roots[a]
            .text
            .cmp(&roots[b].text)
            .then(roots[a].node.cmp(&roots[b].node))
    });
    let mut groups: Vec<(NodeId, DuplicateGroup)> = Vec::new();
    for run in order.chunk_by(|&a, &b| roots[a].text == roots[b].text) {
        let first = roots[run[0]];
        groups.push((
            first.node,
            DuplicateGroup {
                text: first.text.clone(),
                count: run.len(),
                kind: DuplicateKind::SiteBoilerplate,
                copies: run
                    .iter()
                    .map(|&i| Copy {
                        node: roots[i].node,
                        path: roots[i].path.clone(),
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
