//! One decision behind every output: what is left out of the article.
//!
//! The pipeline decides, node by node, what inside the article's container is not article
//! (`skip`). Everything a caller sees follows that one decision: the text, the clean HTML,
//! the Markdown and the reader render the container without the subtrees left out
//! ([`Extraction::left_out`]), and the list of blocks to hide in place never covers kept text:
//! no hidden block holds the article, and a hidden block inside the article is one of the
//! subtrees left out of it. [`violations`] checks a result against that rule (the eval
//! command runs it on every corpus page, the tests on every fixture).

use crate::dom::{Doc, NodeId};
use crate::{output, Block, Extraction};

/// The outermost subtrees inside `main` marked in `skip`, in document order.
pub fn left_out_roots(doc: &Doc, main: NodeId, skip: &[bool]) -> Vec<NodeId> {
    let end = doc.node(main).end;
    let mut out = Vec::new();
    let mut i = main + 1;
    while i < end {
        if skip.get(i as usize).copied().unwrap_or(false) {
            out.push(i);
            i = doc.node(i).end;
        } else {
            i += 1;
        }
    }
    out
}

/// Is `node` inside one of the `left_out` roots (sorted, disjoint)?
fn is_left_out(doc: &Doc, left_out: &[NodeId], node: NodeId) -> bool {
    // The last root starting at or before `node` is the only one that can hold it.
    let k = left_out.partition_point(|&r| r <= node);
    k > 0 && doc.contains(left_out[k - 1], node)
}

/// Would hiding `node` in place hide kept article text: it holds the article's container, or
/// it lies inside the container without being left out of it?
pub fn covers_kept_text(doc: &Doc, main: NodeId, left_out: &[NodeId], node: NodeId) -> bool {
    doc.contains(node, main) || (doc.contains(main, node) && !is_left_out(doc, left_out, node))
}

/// Keeps only the hidden blocks that hide no kept text (see [`covers_kept_text`]).
pub fn keep_clear_of_article(
    doc: &Doc,
    main: NodeId,
    left_out: &[NodeId],
    hidden: &mut Vec<Block>,
) {
    hidden.retain(|b| !covers_kept_text(doc, main, left_out, b.node));
}

/// The mask of what the renderings leave out: the `left_out` subtrees, and with a word cap
/// everything from the cut to the container's end.
pub fn skip_mask(doc: &Doc, r: &Extraction, with_cut: bool) -> Vec<bool> {
    let mut skip = vec![false; doc.len()];
    for &id in &r.left_out {
        if let Some(s) = skip.get_mut(id as usize) {
            *s = true;
        }
    }
    if let (true, Some(cut), Some(main)) = (with_cut, r.cut, r.main) {
        let end = (doc.node(main).end as usize).min(skip.len());
        skip[(cut as usize).min(end)..end].fill(true);
    }
    skip
}

/// Where a result breaks the one-decision rule, in words (empty when it holds): hidden blocks
/// that hold the article or sit inside its kept text, and a text or clean HTML that is not
/// the container rendered without what was left out. `url` is the one the extraction had
/// (it resolves the clean HTML's links).
pub fn violations(doc: &Doc, r: &Extraction, url: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    let Some(main) = r.main else {
        if !r.text.is_empty() || !r.left_out.is_empty() {
            out.push("text or left-out blocks without an article container".to_string());
        }
        return out;
    };
    if main as usize >= doc.len() {
        out.push(format!(
            "article container {main} is not a node of the page"
        ));
        return out;
    }
    if r.left_out
        .windows(2)
        .any(|w| w[0] >= w[1] || doc.contains(w[0], w[1]))
        || r.left_out
            .iter()
            .any(|&id| !doc.contains(main, id) || id == main)
    {
        out.push("left-out blocks are not disjoint subtrees inside the container".to_string());
    }
    // A page read from its `<noscript>` copy (see `noscript`): the renderings come from that
    // copy parsed on its own, so on the page nothing may be left out or hidden.
    if doc.tag(main) == "noscript" {
        if !r.left_out.is_empty() || !r.hidden.is_empty() {
            out.push("a page read from its noscript copy leaves out or hides blocks".to_string());
        }
        return out;
    }
    for b in &r.hidden {
        if b.node as usize >= doc.len() {
            out.push(format!("hidden block {} is not a node of the page", b.node));
        } else if doc.contains(b.node, main) {
            out.push(format!(
                "hidden block {} ({}) holds the article",
                b.node, b.reason
            ));
        } else if covers_kept_text(doc, main, &r.left_out, b.node) {
            out.push(format!(
                "hidden block {} ({}) sits inside the article's kept text",
                b.node, b.reason
            ));
        }
    }
    if output::text(doc, main, &skip_mask(doc, r, false)) != r.text {
        out.push("the text is not the container without what was left out".to_string());
    }
    if !r.html.is_empty() {
        let base = output::base_url(doc, url);
        if output::html(doc, main, &skip_mask(doc, r, true), base.as_ref()) != r.html {
            out.push("the clean HTML is not the container without what was left out".to_string());
        }
    }
    out
}
