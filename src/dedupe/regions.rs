//! Phase G: each repeated block grows into the region it lives in (a card made of copies is
//! one copy), and the regions that are copies stop counting as prose.

use super::blocks::{TextBlock, NONE};
use super::matching::Matches;
use super::originals::{Layout, Roles, REGION_RATIO};
use super::tree::AncestorTable;
use crate::dom::{Doc, NodeId};

/// How far a block may grow upwards into its region; cards are a few levels deep, so this
/// only bounds the work on pathological nesting.
const MAX_CLIMB: usize = 64;
/// Child tags compared to tell whether two class-less cards have the same shape.
const SHAPE_CHILDREN: usize = 8;

/// Phase G's result per block.
pub(super) struct Regions {
    /// Per block, the root of the region it grew into (`NONE` for blocks that do not repeat).
    pub root_of: Vec<NodeId>,
    /// Per block, is its region a boxed copy (see [`grow`])?
    pub boxed: Vec<bool>,
}

/// Grows each repeated block into its region: up while the parent's text is mostly repeated
/// elsewhere, staying below the span of its copies, and (for a copy) never taking in an
/// original.
pub(super) fn grow(
    doc: &Doc,
    blocks: &[TextBlock],
    m: &Matches,
    layout: &Layout,
    roles: &Roles,
    ancestors: &AncestorTable,
    originals_below: &[u32],
) -> Regions {
    let mut root_of = vec![NONE; blocks.len()];
    for &t in &m.repeated {
        for &i in &m.texts[t] {
            let mut x = blocks[i].node;
            for _ in 0..MAX_CLIMB {
                let Some(p) = doc.parent(x) else { break };
                if p == layout.span[t]
                    || layout.copied_share[p as usize] < REGION_RATIO
                    || (roles.copy[i] && originals_below[p as usize] > 0)
                {
                    break;
                }
                x = p;
            }
            root_of[i] = x;
        }
    }
    // A boxed copy: a copy by rule whose region is one box among other content on its side
    // of the common ancestor (a card in a list of stories). A copy whose region fills its
    // whole side (two sections of one article that share paragraphs) may be the page's own
    // repetition, and changes no container's standing against the other: it stays neutral.
    let mut boxed = vec![false; blocks.len()];
    for &t in &m.repeated {
        let span = layout.span[t];
        for &i in &m.texts[t] {
            // A box: grown into a container, or one block holding several others' text.
            let box_like = root_of[i] != blocks[i].node || m.near_of[t].len() >= 2;
            boxed[i] = roles.copy_by_rule[i]
                && box_like
                && span != NONE
                && root_of[i] != ancestors.child_toward(doc, span, blocks[i].node);
        }
    }
    Regions { root_of, boxed }
}

/// Per node, how many original occurrences its subtree holds.
pub(super) fn originals_below(
    doc: &Doc,
    blocks: &[TextBlock],
    m: &Matches,
    roles: &Roles,
) -> Vec<u32> {
    let n = doc.len();
    let mut below = vec![0u32; n];
    for &t in &m.repeated {
        for &i in &m.texts[t] {
            if !roles.copy[i] {
                below[blocks[i].node as usize] += 1;
            }
        }
    }
    for id in (1..n).rev() {
        if let Some(p) = doc.parent(id as NodeId) {
            below[p as usize] += below[id];
        }
    }
    below
}

/// Weights: nothing inside a boxed copy's region counts as prose, nor inside the cards beside
/// it that share its shape: a list that holds a copy of another region is a list of stories
/// ("Related", "Top stories"), and its other cards are the other stories. Returns those
/// cards as (boxed copy's root, sibling card), sorted by copy root.
pub(super) fn unweigh_copies(
    doc: &Doc,
    regions: &Regions,
    originals_below: &[u32],
    weight: &mut [f32],
) -> Vec<(NodeId, NodeId)> {
    let n = doc.len();
    let mut zero = vec![false; n];
    let mut copies: Vec<NodeId> = Vec::new();
    for (i, &b) in regions.boxed.iter().enumerate() {
        if b {
            zero[regions.root_of[i] as usize] = true;
            copies.push(regions.root_of[i]);
        }
    }
    copies.sort_unstable();
    copies.dedup();
    // (Peers come out sorted by copy root: `copies` is sorted, children in order.)
    let mut peers = Vec::new();
    for &u in &copies {
        let Some(p) = doc.parent(u) else { continue };
        for s in doc.children(p) {
            if s != u && originals_below[s as usize] == 0 && same_shape(doc, s, u) {
                zero[s as usize] = true;
                peers.push((u, s));
            }
        }
    }
    for id in 0..n {
        if zero[id] || doc.parent(id as NodeId).is_some_and(|p| zero[p as usize]) {
            zero[id] = true;
            weight[id] = 0.0;
        }
    }
    peers
}

/// Do two sibling elements have the same shape: same tag, and the same class, or (for pages
/// without meaningful classes) the same sequence of child tags?
fn same_shape(doc: &Doc, a: NodeId, b: NodeId) -> bool {
    if doc.element(a).is_none() || doc.tag(a) != doc.tag(b) {
        return false;
    }
    let class = |x| doc.attr(x, "class").unwrap_or("").trim();
    if !class(a).is_empty() || !class(b).is_empty() {
        return class(a) == class(b);
    }
    let kids = |x| {
        doc.children(x)
            .filter(|&c| doc.element(c).is_some())
            .take(SHAPE_CHILDREN)
            .map(|c| doc.tag(c))
            .collect::<Vec<_>>()
    };
    let (ka, kb) = (kids(a), kids(b));
    !ka.is_empty() && ka == kb
}
