//! Streamed server rendering, put in place as the page's own script does before anyone sees it.
//!
//! React's streaming renderer (Next.js and others) sends the page's frame first, with an
//! empty placeholder `<template id="B:0">` (or `P:0`) where a part is still loading, and the
//! part itself later, at the end of the body, in a hidden holder `<div hidden id="S:0">`. A
//! tiny inline script then moves the holder's content into the placeholder and drops the
//! loading fallback, so a reader never sees the hidden holder: it sees the article where the
//! placeholder was. Saved pages (and a page read as bytes, the HTML input) still have the holders
//! hidden, often with the whole article in them, and what is visible is a skeleton or a
//! banner. The snapshot input reads the live page after the script ran; this pass makes the HTML input read
//! the same page.
//!
//! Only pairs the renderer itself makes are moved: a `template` placeholder and a hidden
//! holder whose ids share the suffix after the renderer's prefixes.

use scraper::node::Node as SNode;

/// Id prefixes of the placeholders: a Suspense boundary (`B:`) and a postponed segment (`P:`).
const PLACEHOLDER_PREFIXES: &[&str] = &["B:", "P:"];
/// Id prefix of the hidden holder of a streamed part (`S:`), same suffix as its placeholder.
const HOLDER_PREFIX: &str = "S:";
/// Comment data that opens a boundary still loading (`<!--$?-->`) and the one that closes any
/// boundary (`<!--/$-->`); boundaries nest (`$`, `$?`, `$!` open one).
const PENDING_OPEN: &str = "$?";
const BOUNDARY_OPENS: &[&str] = &["$", "$?", "$!"];
const BOUNDARY_CLOSE: &str = "/$";

type Tree = ego_tree::Tree<SNode>;
type Id = ego_tree::NodeId;

/// Moves every streamed part into its placeholder. `html` is the page's text: a page without
/// a `template` element is left alone without walking its tree.
pub fn reveal(tree: &mut Tree, html: &str) {
    if memchr::memmem::find(html.as_bytes(), b"<template").is_none() {
        return;
    }
    // (suffix, is the placeholder, node), in document order.
    let mut found: Vec<(String, bool, Id)> = Vec::new();
    for node in tree.root().descendants() {
        let SNode::Element(e) = node.value() else {
            continue;
        };
        let Some(id) = e.attr("id") else { continue };
        if &*e.name.local == "template" {
            if let Some(s) = PLACEHOLDER_PREFIXES.iter().find_map(|p| id.strip_prefix(p)) {
                found.push((s.to_string(), true, node.id()));
            }
        } else if e.attr("hidden").is_some() {
            if let Some(s) = id.strip_prefix(HOLDER_PREFIX) {
                found.push((s.to_string(), false, node.id()));
            }
        }
    }
    // The first placeholder of each suffix is the renderer's (a page reusing an id is not
    // touched twice).
    let mut placeholders: rustc_hash::FxHashMap<&str, Id> = Default::default();
    for (suffix, is_placeholder, id) in &found {
        if *is_placeholder {
            placeholders.entry(suffix.as_str()).or_insert(*id);
        }
    }
    // Holders in document order, so a part streamed inside another part moves after its
    // parent did (node ids stay valid while nodes move).
    let mut done: rustc_hash::FxHashSet<&str> = Default::default();
    for (suffix, is_placeholder, holder) in &found {
        if *is_placeholder || !done.insert(suffix.as_str()) {
            continue;
        }
        if let Some(&placeholder) = placeholders.get(suffix.as_str()) {
            move_part(tree, placeholder, *holder);
        }
    }
}

/// Moves `holder`'s children before `placeholder`, drops the loading fallback after a
/// pending boundary's placeholder (up to the boundary's closing comment), then the
/// placeholder and the empty holder.
fn move_part(tree: &mut Tree, placeholder: Id, holder: Id) {
    let Some(ph) = tree.get(placeholder) else {
        return;
    };
    // A placeholder inside the holder it names would move into itself.
    if ph.ancestors().any(|a| a.id() == holder) || ph.parent().is_none() {
        return;
    }
    let pending = ph
        .prev_sibling()
        .is_some_and(|s| matches!(s.value(), SNode::Comment(c) if &*c.comment == PENDING_OPEN));
    // The fallback: siblings after the placeholder up to the matching `/$`.
    let mut fallback = Vec::new();
    let mut end = None;
    if pending {
        let mut depth = 0usize;
        let mut at = ph.next_sibling();
        while let Some(n) = at {
            if let SNode::Comment(c) = n.value() {
                if &*c.comment == BOUNDARY_CLOSE {
                    if depth == 0 {
                        end = Some(n.id());
                        break;
                    }
                    depth -= 1;
                } else if BOUNDARY_OPENS.contains(&&*c.comment) {
                    depth += 1;
                }
            }
            fallback.push(n.id());
            at = n.next_sibling();
        }
        // Without its closing comment the extent of the fallback is unknown: keep it.
        if end.is_none() {
            fallback.clear();
        }
    }
    let children: Vec<Id> = tree
        .get(holder)
        .map(|h| h.children().map(|c| c.id()).collect())
        .unwrap_or_default();
    for c in children {
        if let Some(mut p) = tree.get_mut(placeholder) {
            p.insert_id_before(c);
        }
    }
    for f in fallback {
        if let Some(mut n) = tree.get_mut(f) {
            n.detach();
        }
    }
    for gone in [placeholder, holder] {
        if let Some(mut n) = tree.get_mut(gone) {
            n.detach();
        }
    }
}
