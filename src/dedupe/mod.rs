//! Blocks the page repeats: find them, weigh them, and decide which copy stays.
//!
//! Two calls frame the pipeline:
//! - [`analyze`] runs before the article is chosen. It groups blocks whose text repeats and
//!   gives every node a prose weight, so that a container made mostly of copies (a "Related"
//!   list that repeats the article) does not outscore the article itself.
//! - [`resolve`] runs once the article's root is known. It keeps the article's own occurrence
//!   of each group, reports every other copy, and returns the copies to leave out.

use crate::dom::{collapse_whitespace, Doc, NodeId};
use crate::{Copy, DuplicateGroup, DuplicateKind};
use std::collections::HashMap;

/// Tags that hold one block of text: the unit that is compared.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "figcaption",
    "dd",
    "dt",
    "pre",
    "td",
];
/// Blocks shorter than this repeat by chance ("Share", "Read more"): not worth reporting.
const MIN_BLOCK_CHARS: usize = 30;
/// How much of a group's text shows in the report.
const REPORT_CHARS: usize = 200;

/// What [`analyze`] found: the groups and a prose weight per node.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// For each node, how much of its own text counts as prose when choosing the article
    /// (1.0 for unique text; a group's copies share 1.0 between them).
    pub weight: Vec<f32>,
    /// Each group's blocks, in document order (two or more each).
    pub groups: Vec<Vec<NodeId>>,
}

/// What [`resolve`] decided once the article is known.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    pub groups: Vec<DuplicateGroup>,
    /// Roots of the copies to leave out of the article and hide in place.
    pub removed: Vec<NodeId>,
}

/// Groups blocks with the same normalized text and spreads each group's weight over its copies.
pub fn analyze(doc: &Doc) -> Analysis {
    let mut weight = vec![1.0f32; doc.len()];
    let mut by_text: HashMap<String, Vec<NodeId>> = HashMap::new();
    // One backward pass marks elements that hold a block below them.
    let mut holds_block = vec![false; doc.len()];
    for id in (0..doc.len() as NodeId).rev() {
        if let Some(p) = doc.parent(id) {
            holds_block[p as usize] |=
                holds_block[id as usize] || BLOCK_TAGS.contains(&doc.tag(id));
        }
    }
    for id in 0..doc.len() as NodeId {
        // Only the innermost block counts, so a paragraph is not compared again inside its list item.
        if !BLOCK_TAGS.contains(&doc.tag(id)) || holds_block[id as usize] {
            continue;
        }
        let text = collapse_whitespace(&doc.subtree_text(id)).to_lowercase();
        if text.chars().count() >= MIN_BLOCK_CHARS {
            by_text.entry(text).or_default().push(id);
        }
    }
    let mut groups: Vec<Vec<NodeId>> = by_text.into_values().filter(|g| g.len() > 1).collect();
    groups.sort_unstable();
    for g in &groups {
        // A group's copies share one copy's worth of prose between them.
        let w = 1.0 / g.len() as f32;
        for &id in g {
            weight[id as usize] = w;
        }
    }
    Analysis { weight, groups }
}

/// Keeps the copy inside the article (if any) and reports the rest.
pub fn resolve(doc: &Doc, analysis: &Analysis, main: Option<NodeId>) -> Resolved {
    let mut out = Resolved::default();
    for g in &analysis.groups {
        let kept = main.and_then(|m| g.iter().copied().find(|&id| doc.contains(m, id)));
        // A copy of article text is the article's; anything repeated outside it is clutter.
        let kind = if kept.is_some() {
            DuplicateKind::ArticleCopy
        } else if g.iter().all(|&id| doc.tag(id) == "li") {
            DuplicateKind::RepeatedList
        } else {
            DuplicateKind::RepeatedPromo
        };
        let text: String = collapse_whitespace(&doc.subtree_text(g[0]))
            .chars()
            .take(REPORT_CHARS)
            .collect();
        let copies = g
            .iter()
            .map(|&id| Copy {
                node: id,
                path: doc.css_path(id),
                kept: Some(id) == kept,
            })
            .collect();
        out.removed
            .extend(g.iter().copied().filter(|&id| Some(id) != kept));
        out.groups.push(DuplicateGroup {
            text,
            count: g.len(),
            kind,
            copies,
        });
    }
    out.removed.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use crate::{extract_html_str, DuplicateKind, Options};

    #[test]
    fn related_copy_is_reported_and_left_out() {
        let para = "The harbour council voted on Tuesday to rebuild the old lighthouse stairs.";
        let html = format!(
            "<body><article><h1>Stairs</h1><p>{para}</p><p>Work starts in spring and should take about four months in all.</p>\
             <p>Residents asked for a ramp as well, which the council promised to study next year.</p></article>\
             <aside><h2>Related</h2><ul><li><p>{para}</p></li></ul></aside></body>"
        );
        let r = extract_html_str(&html, &Options::default()).unwrap();
        assert_eq!(r.duplicates.len(), 1);
        let g = &r.duplicates[0];
        assert_eq!((g.count, g.kind), (2, DuplicateKind::ArticleCopy));
        assert_eq!(g.copies.iter().filter(|c| c.kept).count(), 1);
        assert_eq!(r.text.matches("lighthouse stairs").count(), 1, "{}", r.text);
    }
}
