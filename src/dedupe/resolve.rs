//! Phase I (once the article is known): keep the article's own occurrence of each group,
//! report every other copy, and list the copies to leave out.

use super::blocks;
use super::groups::{Occurrence, RepeatGroup};
use super::tree::{self, UnionFind};
use super::{promo, Analysis, Resolved};
use crate::dom::{collapse_whitespace, Doc, NodeData, NodeId};
use crate::{Block, Copy, DuplicateGroup, DuplicateKind};

/// Copies listed per group (with their CSS paths): a hostile page may repeat a block tens of
/// thousands of times; all copies still leave the text, and `count` stays exact.
pub(super) const MAX_LISTED_COPIES: usize = 200;
/// How much of a group's text shows in the report (the extension's late-clutter watch matches
/// longer blocks by this prefix: it gets the number from the build, src/contracts.rs).
pub(crate) const REPORT_CHARS: usize = 200;
/// How far up an in-article occurrence's record (its row, entry) is looked for.
const MAX_RECORD_DEPTH: usize = 64;

/// Kept occurrences of one text looked at as a copy's original: an article may keep a text
/// many times (a live blog's time stamps), and the first few tell where it lives.
const MAX_ORIGINAL_CANDIDATES: usize = 8;

/// Why an occurrence is hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Why {
    /// Outside the article (or, with no article found, not the original).
    OutsideArticle,
    /// A promo box pasted more than once inside the article, every time.
    PastedPromo,
    /// A promo-like occurrence (a link, a contents entry) of text the article holds.
    LinkToArticleText,
    /// The headline again, inside the article.
    HeadlineAgain,
    /// A boxed copy inside the article's container (a "Top stories" card above it).
    CopyNextToArticle,
    /// One in-article occurrence of a short promo also found elsewhere on the page.
    SinglePromo,
    /// A section rendered again inside the article (one copy per screen size).
    RenderedAgain,
}

/// What [`decide`] settled for one group's occurrences.
struct Decision {
    keep: Vec<bool>,
    /// Why each hidden occurrence goes (meaningless where `keep`).
    why: Vec<Why>,
    /// Did a promo rule decide for the group (no headline is forced back then)?
    promo: bool,
}

/// One group as reported: a kept original (when one stays) and the copies of it.
struct Report {
    /// Index into `Analysis::groups`.
    group: usize,
    /// The element the copies copy: the kept occurrence, or the smallest element holding
    /// all the kept occurrences a copy repeats (a card pasting the headline and the body
    /// copies the article).
    original: Option<NodeId>,
    /// Occurrences (indexes into the group's) hidden as copies, in document order.
    copies: Vec<usize>,
    kind: DuplicateKind,
    reason: &'static str,
}

/// Keeps the article's own occurrence of each group and reports the rest: one reported
/// group per repeated block, with the kept original and each copy of it.
///
/// Inside the article, repetition is usually legitimate (a pull-quote, table cells, a live
/// blog's time stamps, a recipe's quantities): a group is only cut there when its in-article
/// occurrences are the same block pasted again (the headline twice: one stays; a promo box
/// between paragraphs: none stays).
pub fn resolve(doc: &Doc, analysis: &Analysis, main: Option<NodeId>) -> Resolved {
    let mut reports: Vec<Report> = Vec::new();
    for (g, group) in analysis.groups.iter().enumerate() {
        let d = decide(doc, group, main);
        if d.keep.iter().all(|&x| x) {
            continue;
        }
        split(doc, g, group, &d, main, &mut reports);
    }
    // In document order of what each group shows first.
    let first = |r: &Report| {
        r.original
            .into_iter()
            .chain(
                r.copies
                    .first()
                    .map(|&c| analysis.groups[r.group].occurrences[c].root),
            )
            .min()
            .unwrap_or(0)
    };
    reports.sort_by_key(first);
    let mut out = Resolved::default();
    for r in &reports {
        write_report(doc, analysis, r, main, &mut out);
    }
    out.removed.sort_unstable();
    out.removed.dedup();
    out
}

/// A section shorter than this (characters of its text) repeated in the article may be a
/// label or a figure the author shows twice; a longer one, word for word, is a rendering.
const MIN_RENDERED_CHARS: usize = 150;

/// Are the in-article occurrences `rest` (more than one, in document order) grown regions
/// holding the very same long text: one section rendered several times?
fn is_rendered_again(doc: &Doc, occ: &[Occurrence], rest: &[usize]) -> bool {
    if !rest
        .iter()
        .all(|&i| occ[i].root != occ[i].block && occ[i].similarity >= 1.0)
    {
        return false;
    }
    let text = |i: usize| collapse_whitespace(&doc.subtree_text(occ[i].root));
    let first = text(rest[0]);
    first.chars().count() >= MIN_RENDERED_CHARS && rest[1..].iter().all(|&i| text(i) == first)
}

/// Which occurrences of a group stay, and why the others go.
fn decide(doc: &Doc, group: &RepeatGroup, main: Option<NodeId>) -> Decision {
    let occ = &group.occurrences;
    let k = occ.len();
    let inside = |r: NodeId| main.is_some_and(|m| doc.contains(m, r) || doc.contains(r, m));
    let in_main: Vec<bool> = occ.iter().map(|u| inside(u.root)).collect();
    // (An h1 counts even when the title's words differ: it is the page's own heading.)
    let headline: Vec<bool> = occ
        .iter()
        .map(|u| u.headline || doc.tag(u.block) == "h1")
        .collect();
    // No article found: the original occurrence of each group stays visible.
    let mut keep: Vec<bool> = match main {
        Some(_) => in_main.clone(),
        None => occ.iter().map(|u| u.original).collect(),
    };
    let mut why = vec![Why::OutsideArticle; k];
    let mut promo = false;
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
            .map(|&i| promo::looks_like_promo(doc, occ[i].root, true))
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
                why[i] = if rest.is_empty() {
                    Why::PastedPromo
                } else {
                    Why::LinkToArticleText
                };
            }
        }
        if rest.is_empty() {
            promo = true;
            continue;
        }
        if rest.len() < 2 {
            continue;
        }
        if rest.iter().any(|&i| occ[i].headline) {
            // The headline shown twice: the page's h1 stays (it may have grown into the region
            // of the whole story), else the first heading.
            let first = rest
                .iter()
                .copied()
                .find(|&i| doc.tag(occ[i].block) == "h1")
                .or_else(|| rest.iter().copied().find(|&i| occ[i].headline))
                .unwrap_or(rest[0]);
            // The rule speaks of headline occurrences only: a card holding the headline
            // and a teaser joins the article's lead paragraph into this cluster, and that
            // original paragraph is the article's, not a second headline.
            for &i in &rest {
                keep[i] = i == first || (!occ[i].headline && occ[i].original);
                why[i] = Why::HeadlineAgain;
            }
        } else if is_record_field(doc, group, &rest)
            || rest.iter().all(|&i| occ[i].root == occ[i].block)
        {
            // Same field in sibling records (time stamps, bylines, table cells), a
            // paragraph the author repeats in the article's own flow, or sections alike
            // enough that no rule tells copy from original: the page's own content.
        } else if is_rendered_again(doc, occ, &rest) {
            // The same section rendered once per screen size, the others hidden by style
            // sheets the core does not see: a reader sees it once, the first stays.
            for (n, &i) in rest.iter().enumerate() {
                keep[i] = n == 0;
                why[i] = Why::RenderedAgain;
            }
        } else {
            // A box of copies inside the chosen container (a "Top stories" card above
            // the article): the copies judged by rule in `analyze` go.
            for &i in &rest {
                keep[i] = !occ[i].boxed_copy;
                why[i] = Why::CopyNextToArticle;
            }
        }
    }
    // One in-article occurrence of a short promo also found elsewhere is still a promo.
    for i in 0..k {
        if keep[i]
            && members[same.find(i)].len() <= 1
            && !occ[i].headline
            && promo::looks_like_promo(doc, occ[i].root, false)
        {
            keep[i] = false;
            why[i] = Why::SinglePromo;
            promo = true;
        }
    }
    // Never cut the article itself (an occurrence holding the whole article root).
    // Nor the page's own headline when the article's root was chosen just below it:
    // hiding it in place would leave the page without its title.
    // One headline occurrence stays: an h1 first, else the original, else the first.
    let is_h1 = |i: usize| doc.tag(occ[i].block) == "h1";
    let headline_kept = (0..k).any(|i| keep[i] && headline[i]);
    let page_headline = (!headline_kept && !promo)
        .then(|| {
            let hs: Vec<usize> = (0..k).filter(|&i| headline[i]).collect();
            hs.iter()
                .copied()
                .find(|&i| is_h1(i))
                .or_else(|| hs.iter().copied().find(|&i| occ[i].original))
                .or_else(|| hs.first().copied())
        })
        .flatten();
    for (i, (k, u)) in keep.iter_mut().zip(occ).enumerate() {
        if main.is_some_and(|m| doc.contains(u.root, m)) || page_headline == Some(i) {
            *k = true;
        }
    }
    Decision { keep, why, promo }
}

/// Splits one group into reported groups: each hidden occurrence goes with the kept
/// occurrence it copies (found through the texts they share); copies of nothing kept (a
/// promo pasted twice and gone both times) go together.
fn split(
    doc: &Doc,
    g: usize,
    group: &RepeatGroup,
    d: &Decision,
    main: Option<NodeId>,
    reports: &mut Vec<Report>,
) {
    let occ = &group.occurrences;
    let k = occ.len();
    // Per occurrence, the texts it holds with their characters there.
    let mut held: Vec<Vec<(usize, u32)>> = vec![Vec::new(); k];
    for (t, st) in group.texts.iter().enumerate() {
        for &(o, chars, _) in &st.holders {
            held[o].push((t, chars));
        }
    }
    let kept_holders: Vec<Vec<(u32, NodeId)>> = group
        .texts
        .iter()
        .map(|st| {
            st.holders
                .iter()
                .filter(|h| d.keep[h.0])
                .take(MAX_ORIGINAL_CANDIDATES)
                .map(|h| (h.1, h.2))
                .collect()
        })
        .collect();
    // (original, headline copies only, copies) in the order found; few per group.
    let mut by_original: Vec<(NodeId, bool, Vec<usize>)> = Vec::new();
    let mut orphans: Vec<usize> = Vec::new();
    // (kept block, characters shared with it), and whether every shared text is the headline.
    let mut shared: Vec<(NodeId, u32)> = Vec::new();
    for c in (0..k).filter(|&c| !d.keep[c]) {
        // The kept blocks this copy repeats, by the characters shared.
        shared.clear();
        let mut headline_only = true;
        for &(t, chars) in &held[c] {
            let related = std::iter::once(&t).chain(&group.texts[t].near);
            for &u in related.take(MAX_ORIGINAL_CANDIDATES + 1) {
                for &(kept_chars, block) in &kept_holders[u] {
                    headline_only &= group.texts[u].headline;
                    let w = chars.min(kept_chars);
                    match shared.iter_mut().find(|x| x.0 == block) {
                        Some(x) => x.1 += w,
                        None => shared.push((block, w)),
                    }
                }
            }
        }
        if shared.is_empty() {
            orphans.push(c);
            continue;
        }
        shared.sort_unstable();
        let in_article: Vec<NodeId> = shared
            .iter()
            .map(|x| x.0)
            .filter(|&b| main.is_some_and(|m| doc.contains(m, b)))
            .collect();
        let original = match in_article.as_slice() {
            [] => shared
                .iter()
                .max_by_key(|&&(b, w)| (w, std::cmp::Reverse(b)))
                .map_or(occ[c].root, |x| x.0),
            [one] => *one,
            // A copy of several parts of the article (its headline and body in one card)
            // copies the article: the smallest element holding them.
            [first, rest @ ..] => rest.iter().fold(*first, |a, &b| {
                tree::lca_walk(doc, a.min(b), a.max(b)).unwrap_or(a)
            }),
        };
        // A region grown around the article (its wrapper with a promo box) is shown as the
        // article itself: that is what the copy copies.
        let original = match main {
            Some(m) if doc.contains(original, m) => m,
            _ => original,
        };
        match by_original.iter_mut().find(|x| x.0 == original) {
            Some(x) => {
                x.1 &= headline_only;
                x.2.push(c);
            }
            None => by_original.push((original, headline_only, vec![c])),
        }
    }
    let inside = |n: NodeId| main.is_some_and(|m| doc.contains(m, n) || doc.contains(n, m));
    let all_lists = |copies: &[usize]| {
        copies
            .iter()
            .all(|&c| promo::looks_like_list(doc, occ[c].root))
    };
    for (original, headline_only, copies) in by_original {
        let first_why = d.why[copies[0]];
        let (kind, reason) = if headline_only {
            (DuplicateKind::HeadlineRepeat, "headline repeated")
        } else if inside(original) {
            let reason = match first_why {
                Why::LinkToArticleText => "link or promo repeating article text",
                Why::CopyNextToArticle => "copy of the article next to it",
                Why::HeadlineAgain => "headline repeated",
                Why::RenderedAgain => "section rendered again in the article",
                _ => "copy outside the article",
            };
            (DuplicateKind::ArticleCopy, reason)
        } else if all_lists(&copies) {
            (DuplicateKind::RepeatedList, "list shown more than once")
        } else {
            (
                DuplicateKind::RepeatedPromo,
                "block repeated outside the article",
            )
        };
        reports.push(Report {
            group: g,
            original: Some(original),
            copies,
            kind,
            reason,
        });
    }
    // Copies of nothing that stays: joined by the texts they share.
    if orphans.is_empty() {
        return;
    }
    let mut joined = UnionFind::new(k);
    for st in &group.texts {
        let hidden: Vec<usize> = st
            .holders
            .iter()
            .map(|h| h.0)
            .filter(|&o| !d.keep[o])
            .collect();
        for w in hidden.windows(2) {
            joined.union(w[0], w[1]);
        }
    }
    let mut sets: Vec<(usize, Vec<usize>)> = Vec::new();
    for &c in &orphans {
        let r = joined.find(c);
        match sets.iter_mut().find(|s| s.0 == r) {
            Some(s) => s.1.push(c),
            None => sets.push((r, vec![c])),
        }
    }
    for (_, copies) in sets {
        let (kind, reason) = if all_lists(&copies) {
            (DuplicateKind::RepeatedList, "list shown more than once")
        } else if d.promo && copies.iter().any(|&c| d.why[c] == Why::PastedPromo) {
            (
                DuplicateKind::RepeatedPromo,
                "promo pasted more than once inside the article",
            )
        } else if copies.iter().any(|&c| d.why[c] == Why::SinglePromo) {
            (DuplicateKind::RepeatedPromo, "promo repeated on the page")
        } else {
            (
                DuplicateKind::RepeatedPromo,
                "block repeated outside the article",
            )
        };
        reports.push(Report {
            group: g,
            original: None,
            copies,
            kind,
            reason,
        });
    }
}

/// Writes one reported group: the `DuplicateGroup`, and its copies (and for a copy of this
/// page's story in a list, the list's other cards) to leave out and hide.
fn write_report(
    doc: &Doc,
    analysis: &Analysis,
    r: &Report,
    main: Option<NodeId>,
    out: &mut Resolved,
) {
    let occ = &analysis.groups[r.group].occurrences;
    let reason = r.reason;
    let count = r.copies.len() + usize::from(r.original.is_some());
    let mut copies = Vec::with_capacity(count.min(MAX_LISTED_COPIES));
    if let Some(o) = r.original {
        copies.push(Copy {
            node: o,
            path: doc.css_path(o),
            kept: true,
        });
    }
    let story = matches!(
        r.kind,
        DuplicateKind::ArticleCopy | DuplicateKind::HeadlineRepeat
    );
    let mut similarity = 1.0f32;
    for &c in &r.copies {
        let u = &occ[c];
        similarity = similarity.min(u.similarity);
        out.removed.push(u.root);
        // Past the cap, copies are still left out of the text, just not listed.
        if copies.len() < MAX_LISTED_COPIES {
            let path = doc.css_path(u.root);
            out.hidden.push(Block {
                node: u.root,
                path: path.clone(),
                reason: format!("duplicate: {reason}"),
            });
            copies.push(Copy {
                node: u.root,
                path,
                kept: false,
            });
        }
        // The copy of the story sat in a list of stories: its sibling cards go too.
        if story {
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
    // The text shown is the first copy's opening words: what the reader no longer sees twice.
    let text = report_text(doc, occ[r.copies[0]].root);
    out.groups.push(DuplicateGroup {
        text,
        count,
        kind: r.kind,
        copies,
        similarity: (similarity * 100.0).round() / 100.0,
        reason: reason.to_string(),
    });
}

/// The first [`REPORT_CHARS`] characters of a block's text, white space collapsed: what
/// `collapse_whitespace(&doc.subtree_text(id))` would start with, read only as far as needed
/// (a copy may hold a whole article).
pub(super) fn report_text(doc: &Doc, id: NodeId) -> String {
    let mut raw = String::new();
    // Enough raw text for REPORT_CHARS collapsed characters plus the space that may follow.
    let mut words_chars = 0usize;
    for d in std::iter::once(id).chain(doc.descendants(id)) {
        match &doc.node(d).data {
            // A new block (a card's title, then its source line) starts a new word.
            NodeData::Element(e) if !blocks::is_inline(&e.tag) => raw.push(' '),
            NodeData::Element(_) => {}
            NodeData::Text(t) => {
                // Only as much of a long text (a card pasting a whole article) as is shown.
                for c in t.chars() {
                    raw.push(c);
                    words_chars += usize::from(!c.is_whitespace());
                    if words_chars > REPORT_CHARS {
                        break;
                    }
                }
                if words_chars > REPORT_CHARS {
                    break;
                }
            }
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
