//! Phase H: the occurrences of each repeated text, as regions, joined into groups by the
//! copies they share.

use super::blocks::{TextBlock, Title, NONE};
use super::matching::Matches;
use super::originals::Roles;
use super::regions::Regions;
use super::tree::UnionFind;
use crate::dom::NodeId;

/// One group: occurrences of the same text (or of fragments of it), as regions.
#[derive(Debug, Clone, Default)]
pub(super) struct RepeatGroup {
    pub occurrences: Vec<Occurrence>,
    /// Pairs of occurrences (indexes into `occurrences`) holding the same text, not a
    /// fragment of it.
    pub equal: Vec<(usize, usize)>,
    /// The texts the occurrences share: which occurrences hold each, and which texts are
    /// near copies of it. Resolve reads them to tell which kept occurrence a copy copies.
    pub texts: Vec<SharedText>,
}

/// One repeated text of a group.
#[derive(Debug, Clone, Default)]
pub(super) struct SharedText {
    /// (occurrence, characters of the text in it, its first block holding it), one entry
    /// per occurrence.
    pub holders: Vec<(usize, u32, NodeId)>,
    /// Does the text read as the page title?
    pub headline: bool,
    /// Texts of the same group (indexes into `RepeatGroup::texts`) that are near copies of
    /// this one (a teaser and the paragraph it was cut from).
    pub near: Vec<usize>,
}

/// One occurrence: the root of the region a repeated block grew into.
#[derive(Debug, Clone)]
pub(super) struct Occurrence {
    pub root: NodeId,
    /// The block that stands for the occurrence (its first repeated block, original
    /// preferred).
    pub block: NodeId,
    /// Is this occurrence the original of its group (as judged before the article is known)?
    pub original: bool,
    /// Is it a boxed copy (a copy by rule, in a card among other content on its side)?
    pub boxed_copy: bool,
    /// Is it the page's headline (the page title's words, as a region of its own)?
    pub headline: bool,
    /// The lowest similarity of the near copies it takes part in (1 for exact repeats).
    pub similarity: f32,
}

/// Regions joined by the copies they share, in document order; only groups of two or more.
pub(super) fn assemble(
    blocks: &[TextBlock],
    m: &Matches,
    roles: &Roles,
    regions: &Regions,
    title: &Title,
) -> Vec<RepeatGroup> {
    let mut roots: Vec<NodeId> = m
        .repeated
        .iter()
        .flat_map(|&t| m.texts[t].iter().map(|&i| regions.root_of[i]))
        .collect();
    roots.sort_unstable();
    roots.dedup();
    let index_of = |r: NodeId| roots.binary_search(&r).expect("region root listed");
    let region = |i: usize| index_of(regions.root_of[i]);
    let mut joined = UnionFind::new(roots.len());
    let mut similarity = vec![1.0f32; roots.len()];
    for &t in &m.repeated {
        let first = region(m.texts[t][0]);
        for &i in &m.texts[t][1..] {
            joined.union(first, region(i));
        }
    }
    for l in &m.near {
        let (ra, rb) = (region(m.texts[l.a][0]), region(m.texts[l.b][0]));
        joined.union(ra, rb);
        similarity[ra] = similarity[ra].min(l.similarity);
        similarity[rb] = similarity[rb].min(l.similarity);
    }
    // Each region's representative block: its first repeated block, original preferred.
    let mut representative = vec![(true, NONE); roots.len()];
    let mut original = vec![false; roots.len()];
    let mut boxed = vec![false; roots.len()];
    let mut headline = vec![false; roots.len()];
    for &t in &m.repeated {
        for &i in &m.texts[t] {
            let r = region(i);
            let key = (roles.copy[i], blocks[i].node);
            if key < representative[r] {
                representative[r] = key;
            }
            original[r] |= !roles.copy[i];
            boxed[r] |= regions.boxed[i];
            headline[r] |= title.is_headline(&blocks[i]) && regions.root_of[i] == blocks[i].node;
        }
    }
    let mut groups: Vec<RepeatGroup> = Vec::new();
    let mut group_of = vec![NONE; roots.len()];
    let mut position = vec![0usize; roots.len()];
    for r in 0..roots.len() {
        let first = joined.find(r);
        if group_of[first] == NONE {
            group_of[first] = groups.len() as u32;
            groups.push(RepeatGroup::default());
        }
        let g = group_of[first] as usize;
        group_of[r] = g as u32;
        let group = &mut groups[g];
        position[r] = group.occurrences.len();
        group.occurrences.push(Occurrence {
            root: roots[r],
            block: representative[r].1,
            original: original[r],
            boxed_copy: boxed[r] && !original[r],
            headline: headline[r],
            similarity: similarity[r],
        });
    }
    // Each repeated text in its group, with the occurrences holding it.
    let mut local = vec![NONE; m.texts.len()];
    for &t in &m.repeated {
        let g = group_of[region(m.texts[t][0])] as usize;
        let texts = &mut groups[g].texts;
        local[t] = texts.len() as u32;
        let mut holders: Vec<(usize, u32, NodeId)> = Vec::with_capacity(m.texts[t].len());
        for &i in &m.texts[t] {
            let at = position[region(i)];
            match holders.last_mut() {
                // Blocks come in document order: one region's blocks are consecutive.
                Some(h) if h.0 == at => h.1 += blocks[i].chars,
                _ => holders.push((at, blocks[i].chars, blocks[i].node)),
            }
        }
        texts.push(SharedText {
            holders,
            headline: title.is_headline(&blocks[m.texts[t][0]]),
            near: Vec::new(),
        });
    }
    for l in &m.near {
        let g = group_of[region(m.texts[l.a][0])] as usize;
        let (a, b) = (local[l.a] as usize, local[l.b] as usize);
        groups[g].texts[a].near.push(b);
        groups[g].texts[b].near.push(a);
    }
    let mut equal: Vec<(usize, usize, usize)> = Vec::new();
    for &t in &m.repeated {
        for w in m.texts[t].windows(2) {
            let (ra, rb) = (region(w[0]), region(w[1]));
            if ra != rb {
                equal.push((group_of[ra] as usize, ra, rb));
            }
        }
    }
    for l in m.near.iter().filter(|l| l.near_equal) {
        let (ra, rb) = (region(m.texts[l.a][0]), region(m.texts[l.b][0]));
        if ra != rb {
            equal.push((group_of[ra] as usize, ra, rb));
        }
    }
    for (g, ra, rb) in equal {
        let (pa, pb) = (position[ra], position[rb]);
        groups[g].equal.push((pa.min(pb), pa.max(pb)));
    }
    for g in &mut groups {
        g.equal.sort_unstable();
        g.equal.dedup();
    }
    groups.retain(|g| g.occurrences.len() > 1);
    groups
}
