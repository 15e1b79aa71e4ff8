//! Phase I (once the article is known): keep the article's own occurrence of each group,
//! report every other copy, and list the copies to leave out.

use super::groups::RepeatGroup;
use super::tree::{self, UnionFind};
use super::{promo, Analysis, Resolved};
use crate::dom::{collapse_whitespace, Doc, NodeId};
use crate::{Block, Copy, DuplicateGroup, DuplicateKind};

/// Copies listed per group (with their CSS paths): a hostile page may repeat a block tens of
/// thousands of times; all copies still leave the text, and `count` stays exact.
pub(super) const MAX_LISTED_COPIES: usize = 200;
/// How much of a group's text shows in the report (the extension's late-clutter watch matches
/// longer blocks by this prefix: it gets the number from the build, src/contracts.rs).
pub(crate) const REPORT_CHARS: usize = 200;
/// How far up an in-article occurrence's record (its row, entry) is looked for.
const MAX_RECORD_DEPTH: usize = 64;

/// Keeps the article's own occurrence of each group and reports the rest.
///
/// Inside the article, repetition is usually legitimate (a pull-quote, table cells, a live
/// blog's time stamps, a recipe's quantities): a group is only cut there when its in-article
/// occurrences are the same block pasted again (the headline twice: one stays; a promo box
/// between paragraphs: none stays).
pub fn resolve(doc: &Doc, analysis: &Analysis, main: Option<NodeId>) -> Resolved {
    let mut out = Resolved::default();
    for group in &analysis.groups {
        let k = group.occurrences.len();
        let inside = |r: NodeId| main.is_some_and(|m| doc.contains(m, r) || doc.contains(r, m));
        let in_main: Vec<bool> = group.occurrences.iter().map(|u| inside(u.root)).collect();
        // No article found: the original occurrence of each group stays visible.
        let mut keep: Vec<bool> = match main {
            Some(_) => in_main.clone(),
            None => group.occurrences.iter().map(|u| u.original).collect(),
        };
        let mut promo = false;
        let mut reason = "copy outside the article";
        // Clusters of in-article occurrences holding the same text.
        let mut same = UnionFind::new(k);
        for &(a, b) in &group.equal {
            if in_main[a] && in_main[b] {
                same.union(a, b);
            }
        }
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); k];
        for i in (0..k).filter(|&i| in_main[i]) {
            members[same.find(i)].push(i);
        }
        for cl in members.iter().filter(|m| m.len() > 1) {
            let promo_like: Vec<bool> = cl
                .iter()
                .map(|&i| promo::looks_like_promo(doc, group.occurrences[i].root, true))
                .collect();
            // Promo-like occurrences go (a newsletter box between paragraphs, a table of
            // contents entry repeating a heading); when all are, none of them is article text.
            let rest: Vec<usize> = cl
                .iter()
                .zip(&promo_like)
                .filter(|(_, &p)| !p)
                .map(|(&i, _)| i)
                .collect();
            for (&i, &p) in cl.iter().zip(&promo_like) {
                if p {
                    keep[i] = false;
                }
            }
            if rest.is_empty() {
                promo = true;
                reason = "promo pasted more than once inside the article";
                continue;
            }
            if rest.len() < 2 {
                reason = "link or promo repeating article text";
                continue;
            }
            if rest.iter().any(|&i| group.occurrences[i].headline) {
                // The headline shown twice: the first heading stays.
                let first = rest
                    .iter()
                    .copied()
                    .find(|&i| group.occurrences[i].headline)
                    .unwrap_or(rest[0]);
                // The rule speaks of headline occurrences only: a card holding the headline
                // and a teaser joins the article's lead paragraph into this cluster, and that
                // original paragraph is the article's, not a second headline.
                for &i in &rest {
                    keep[i] = i == first
                        || (!group.occurrences[i].headline && group.occurrences[i].original);
                }
                reason = "headline repeated";
            } else if is_record_field(doc, group, &rest)
                || rest
                    .iter()
                    .all(|&i| group.occurrences[i].root == group.occurrences[i].block)
            {
                // Same field in sibling records (time stamps, bylines, table cells), a
                // paragraph the author repeats in the article's own flow, or sections alike
                // enough that no rule tells copy from original: the page's own content.
            } else {
                // A box of copies inside the chosen container (a "Top stories" card above
                // the article): the copies judged by rule in `analyze` go.
                for &i in &rest {
                    keep[i] = !group.occurrences[i].boxed_copy;
                }
                reason = "copy of the article next to it";
            }
        }
        // One in-article occurrence of a short promo also found elsewhere is still a promo.
        for i in 0..k {
            if keep[i]
                && members[same.find(i)].len() <= 1
                && !group.occurrences[i].headline
                && promo::looks_like_promo(doc, group.occurrences[i].root, false)
            {
                keep[i] = false;
                promo = true;
                reason = "promo repeated on the page";
            }
        }
        // Never cut the article itself (an occurrence holding the whole article root).
        // Nor the page's own headline when the article's root was chosen just below it:
        // hiding it in place would leave the page without its title.
        // One headline occurrence stays: an h1 first, else the original, else the first. (An
        // h1 counts even when the title's words differ: it is the page's own heading.)
        let is_h1 = |i: usize| doc.tag(group.occurrences[i].block) == "h1";
        let headline_kept = (0..k).any(|i| keep[i] && (group.occurrences[i].headline || is_h1(i)));
        let page_headline = (!headline_kept && !promo)
            .then(|| {
                let hs: Vec<usize> = (0..k)
                    .filter(|&i| group.occurrences[i].headline || is_h1(i))
                    .collect();
                hs.iter()
                    .copied()
                    .find(|&i| is_h1(i))
                    .or_else(|| hs.iter().copied().find(|&i| group.occurrences[i].original))
                    .or_else(|| hs.first().copied())
            })
            .flatten();
        for (i, (k, u)) in keep.iter_mut().zip(&group.occurrences).enumerate() {
            if main.is_some_and(|m| doc.contains(u.root, m)) || page_headline == Some(i) {
                *k = true;
            }
        }
        if keep.iter().all(|&x| x) {
            continue;
        }
        let kept_any = keep.iter().any(|&x| x);
        let kind = if kept_any && !promo {
            DuplicateKind::ArticleCopy
        } else if group
            .occurrences
            .iter()
            .all(|u| promo::looks_like_list(doc, u.root))
        {
            reason = "list shown more than once";
            DuplicateKind::RepeatedList
        } else {
            if !promo {
                reason = "block repeated outside the article";
            }
            DuplicateKind::RepeatedPromo
        };
        // The text shown is a hidden copy's: what the reader no longer sees twice.
        let shown = (0..k)
            .find(|&i| !keep[i])
            .map_or(group.occurrences[0].block, |i| group.occurrences[i].block);
        let text = report_text(doc, shown);
        let mut copies = Vec::with_capacity(k.min(MAX_LISTED_COPIES));
        for (i, u) in group.occurrences.iter().enumerate() {
            // Past the cap, copies are still left out of the text, just not listed.
            let listed = copies.len() < MAX_LISTED_COPIES;
            let path = if listed {
                doc.css_path(u.root)
            } else {
                String::new()
            };
            if !keep[i] {
                out.removed.push(u.root);
                if listed {
                    out.hidden.push(Block {
                        node: u.root,
                        path: path.clone(),
                        reason: format!("duplicate: {reason}"),
                    });
                }
                // The copy of the article sat in a list of stories: its sibling cards go too.
                if kind == DuplicateKind::ArticleCopy {
                    let from = analysis.peers.partition_point(|p| p.0 < u.root);
                    for &(_, peer) in analysis.peers[from..].iter().take_while(|p| p.0 == u.root) {
                        if main.is_some_and(|m| doc.contains(peer, m)) {
                            continue;
                        }
                        out.removed.push(peer);
                        if out.hidden.len() < MAX_LISTED_COPIES * 4 {
                            out.hidden.push(Block {
                                node: peer,
                                path: doc.css_path(peer),
                                reason: "card in the same list as a copy of the article".into(),
                            });
                        }
                    }
                }
            }
            if listed {
                copies.push(Copy {
                    node: u.root,
                    path,
                    kept: keep[i],
                });
            }
        }
        out.groups.push(DuplicateGroup {
            text,
            count: k,
            kind,
            copies,
            similarity: (group.similarity * 100.0).round() / 100.0,
            reason: reason.to_string(),
        });
    }
    for &b in &analysis.boilerplate {
        if main.is_some_and(|m| doc.contains(b, m)) {
            continue;
        }
        out.removed.push(b);
        out.hidden.push(Block {
            node: b,
            path: doc.css_path(b),
            reason: "site_boilerplate: seen on other pages of this site".into(),
        });
    }
    out.removed.sort_unstable();
    out.removed.dedup();
    out
}

/// The first [`REPORT_CHARS`] characters of a block's text, white space collapsed: what
/// `collapse_whitespace(&doc.subtree_text(id))` would start with, read only as far as needed
/// (a copy may hold a whole article).
fn report_text(doc: &Doc, id: NodeId) -> String {
    let mut raw = String::new();
    // Enough raw text for REPORT_CHARS collapsed characters plus the space that may follow.
    let mut words_chars = 0usize;
    for t in std::iter::once(id)
        .chain(doc.descendants(id))
        .filter_map(|d| doc.text(d))
    {
        raw.push_str(t);
        words_chars += t.chars().filter(|c| !c.is_whitespace()).count();
        if words_chars > REPORT_CHARS {
            break;
        }
    }
    collapse_whitespace(&raw)
        .chars()
        .take(REPORT_CHARS)
        .collect()
}

/// Are these in-article occurrences one field of sibling records (a live blog's entries, a
/// table's rows, a recipe's lists)? Each occurrence then sits in its own record, and the
/// records differ: each holds other text besides the repeated field.
fn is_record_field(doc: &Doc, group: &RepeatGroup, cluster: &[usize]) -> bool {
    let nodes: Vec<NodeId> = cluster.iter().map(|&i| group.occurrences[i].root).collect();
    let (lo, hi) = (
        *nodes.iter().min().expect("cluster"),
        *nodes.iter().max().expect("cluster"),
    );
    let Some(l) = tree::lca_walk(doc, lo, hi) else {
        return false;
    };
    let mut record_tag: Option<&str> = None;
    for &u in &nodes {
        // The record: the child of the common ancestor that holds this occurrence.
        let Some(rec) = std::iter::once(u)
            .chain(doc.ancestors(u))
            .take(MAX_RECORD_DEPTH)
            .find(|&a| doc.parent(a) == Some(l))
        else {
            return false;
        };
        if rec == u {
            // The occurrence is a direct child: a block pasted between others, not a field.
            return false;
        }
        let own = subtree_non_space_chars(doc, u);
        let all = subtree_non_space_chars(doc, rec);
        if all <= own {
            return false;
        }
        match record_tag {
            None => record_tag = Some(doc.tag(rec)),
            Some(t) if t != doc.tag(rec) => return false,
            Some(_) => {}
        }
    }
    true
}

/// `non_space_chars` of a node's whole text, without building it.
fn subtree_non_space_chars(doc: &Doc, id: NodeId) -> usize {
    std::iter::once(id)
        .chain(doc.descendants(id))
        .filter_map(|d| doc.text(d))
        .map(promo::non_space_chars)
        .sum()
}
