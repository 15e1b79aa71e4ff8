//! Phases E and F: where each repeated text lives, and which of its occurrences is the
//! original.

use super::blocks::{TextBlock, NONE};
use super::matching::Matches;
use super::tree::AncestorTable;
use crate::dom::{Doc, NodeId};

/// A block with at least this share of its shingles found in none of its copies is the longer
/// original a teaser was cut from.
const UNMATCHED_MIN: f32 = 0.3;
/// Two occurrences whose regions are made of copied text within this margin are a tie.
const DOMINANCE_MARGIN: f32 = 0.1;
/// A region (card, section) is a copy as a whole when at least this share of its text is
/// repeated elsewhere: its time stamp or source label may be new, its body is not.
pub(super) const REGION_RATIO: f32 = 0.7;
/// Elements (and ARIA roles) that name the page's main content: a tie-breaker only.
const MAIN_TAGS: &[&str] = &["article", "main"];

/// Phase E's measures.
pub(super) struct Layout {
    /// Per repeated text, the lowest common ancestor of all its occurrences and near copies
    /// (`NONE` for texts that do not repeat, or whose copies share no tree).
    pub span: Vec<NodeId>,
    /// Per node, the share of its subtree's text that is repeated outside it.
    pub copied_share: Vec<f32>,
    /// Per node, is it inside an `article` or `main` element (or role)?
    pub in_main: Vec<bool>,
}

/// Phase E: how much of each subtree is text repeated OUTSIDE it. A block's copies all sit
/// below the lowest common ancestor of the block and its copies (`span`): the block's copied
/// characters count for every ancestor strictly below that, which a +/- pair of deltas and
/// one reverse pass add up in O(n).
pub(super) fn layout(
    doc: &Doc,
    blocks: &[TextBlock],
    m: &Matches,
    ancestors: &AncestorTable,
) -> Layout {
    let n = doc.len();
    let first = |t: usize| blocks[m.texts[t][0]].node;
    let last = |t: usize| blocks[*m.texts[t].last().expect("non-empty")].node;
    let mut span = vec![NONE; m.texts.len()];
    let mut copied = vec![0i64; n];
    let mut total = vec![0i64; n];
    for b in blocks {
        total[b.node as usize] += i64::from(b.chars);
    }
    for &t in &m.repeated {
        let lo = m.near_of[t]
            .iter()
            .map(|&h| first(h))
            .fold(first(t), NodeId::min);
        let hi = m.near_of[t]
            .iter()
            .map(|&h| last(h))
            .fold(last(t), NodeId::max);
        let l = ancestors.lca(doc, lo, hi);
        span[t] = l.unwrap_or(NONE);
        for &i in &m.texts[t] {
            let c = i64::from(blocks[i].chars);
            copied[blocks[i].node as usize] += c;
            if let Some(l) = l {
                copied[l as usize] -= c;
            }
        }
    }
    // Echoes (a card's own line repeating the headline) count too: both the echo and, when
    // its text did not repeat otherwise, the text's own blocks, below their common ancestor.
    let mut counted = vec![false; m.texts.len()];
    for &(b, t) in &m.echoes {
        let node = blocks[b].node;
        let lo = first(t).min(node);
        let hi = last(t).max(node);
        let Some(l) = ancestors.lca(doc, lo, hi) else {
            continue;
        };
        let mut add = |at: NodeId, c: u32| {
            copied[at as usize] += i64::from(c);
            copied[l as usize] -= i64::from(c);
        };
        add(node, blocks[b].chars);
        if span[t] == NONE && !counted[t] {
            counted[t] = true;
            for &i in &m.texts[t] {
                add(blocks[i].node, blocks[i].chars);
            }
        }
    }
    for id in (1..n).rev() {
        if let Some(p) = doc.parent(id as NodeId) {
            copied[p as usize] += copied[id];
            total[p as usize] += total[id];
        }
    }
    let copied_share: Vec<f32> = (0..n)
        .map(|i| {
            if total[i] > 0 {
                copied[i] as f32 / total[i] as f32
            } else {
                0.0
            }
        })
        .collect();
    let mut in_main = vec![false; n];
    for id in 0..n {
        let own = MAIN_TAGS.contains(&doc.tag(id as NodeId))
            || doc
                .attr(id as NodeId, "role")
                .is_some_and(|r| MAIN_TAGS.contains(&r.trim()));
        in_main[id] = own
            || doc
                .parent(id as NodeId)
                .is_some_and(|p| in_main[p as usize]);
    }
    Layout {
        span,
        copied_share,
        in_main,
    }
}

/// Phase F's verdict per block.
pub(super) struct Roles {
    /// Is this occurrence a copy (not the original of its text)?
    pub copy: Vec<bool>,
    /// A copy by rule (not by tie-breaker): the only kind that loses its weight.
    pub copy_by_rule: Vec<bool>,
}

/// The outcome of comparing two occurrences.
struct Verdict {
    first_wins: bool,
    /// Decided by one of the first two rules (not a tie-breaker): a copy found only by the
    /// tie-breakers may as well be legitimate repetition, so it keeps its weight.
    by_rule: bool,
}

/// Phase F: which occurrence is the original. Rules in order, each a tie-breaker for the one
/// before: the longer text a teaser was cut from; the occurrence whose region (below the
/// common ancestor) is most made of this repeated text, i.e. it is what the region is about,
/// where a copy is one card among other stories; inside article/main; first.
pub(super) fn judge(
    doc: &Doc,
    blocks: &[TextBlock],
    m: &Matches,
    layout: &Layout,
    ancestors: &AncestorTable,
) -> Roles {
    // Block `a` of text `ta` against block `b` of text `tb`.
    let compare = |a: usize, ta: usize, b: usize, tb: usize| -> Verdict {
        let (a_longer, b_longer) = (
            m.unmatched[ta] >= UNMATCHED_MIN,
            m.unmatched[tb] >= UNMATCHED_MIN,
        );
        if a_longer != b_longer {
            return Verdict {
                first_wins: a_longer,
                by_rule: true,
            };
        }
        let (node_a, node_b) = (blocks[a].node, blocks[b].node);
        let (side_a, side_b) = match ancestors.lca(doc, node_a.min(node_b), node_a.max(node_b)) {
            Some(l) => (
                ancestors.child_toward(doc, l, node_a),
                ancestors.child_toward(doc, l, node_b),
            ),
            None => (node_a, node_b),
        };
        let (home_a, home_b) = (
            layout.copied_share[side_a as usize],
            layout.copied_share[side_b as usize],
        );
        // Only a side that is mostly this text is its home; two sections that merely share a
        // paragraph are not told apart here.
        if (home_a - home_b).abs() >= DOMINANCE_MARGIN && home_a.max(home_b) >= REGION_RATIO {
            return Verdict {
                first_wins: home_a > home_b,
                by_rule: true,
            };
        }
        let (main_a, main_b) = (
            layout.in_main[node_a as usize],
            layout.in_main[node_b as usize],
        );
        if main_a != main_b {
            return Verdict {
                first_wins: main_a,
                by_rule: false,
            };
        }
        Verdict {
            first_wins: node_a < node_b,
            by_rule: false,
        }
    };
    let mut original = vec![0usize; m.texts.len()];
    let mut copy = vec![false; blocks.len()];
    let mut copy_by_rule = vec![false; blocks.len()];
    for &t in &m.repeated {
        let mut best = m.texts[t][0];
        for &i in &m.texts[t][1..] {
            if compare(i, t, best, t).first_wins {
                best = i;
            }
        }
        original[t] = best;
        for &i in &m.texts[t] {
            copy[i] = i != best;
            copy_by_rule[i] = i != best && compare(best, t, i, t).by_rule;
        }
    }
    for l in &m.near {
        let v = compare(original[l.a], l.a, original[l.b], l.b);
        let loser = if v.first_wins { l.b } else { l.a };
        for &i in &m.texts[loser] {
            copy[i] = true;
            copy_by_rule[i] |= v.by_rule;
        }
    }
    Roles { copy, copy_by_rule }
}
