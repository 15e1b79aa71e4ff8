//! A page whose content exists only in its `<noscript>` fallback.
//!
//! Scripted forums and web apps send their posts twice: once as data for the script that draws
//! the page, once as plain markup inside `<noscript>` for readers without scripts. A browser
//! with scripts on never shows that markup (both inputs read it as one raw-text child, as a
//! browser does), and on the live page the script has drawn the posts elsewhere. But HTML read
//! without running its scripts (the CLI, a saved page, a page whose script failed) shows only
//! the fallback: when it holds far more prose than everything else the page shows, it is the
//! page's content, and the extraction reads it instead.
//!
//! The fallback's markup is parsed on its own; the result's text, HTML and Markdown come from
//! it, `main` is the `<noscript>` element (the one node both inputs share), and nothing is
//! hidden in place (the live page has no elements for the fallback's blocks).

use super::score::Stats;
use crate::budget::Budget;
use crate::dom::{Doc, NodeId};
use crate::{output, Extraction, Options};

/// A `<noscript>` with less raw markup than this (bytes) is a tracking pixel, a style sheet or
/// a "please turn on scripts" line: never worth parsing.
pub const MIN_FALLBACK_BYTES: usize = 500;
/// The fallback is read only when it holds this many times the prose of the rest of the page:
/// on a page whose script has drawn the content (or that shows it anyway), the two are about
/// equal and the page itself is read.
pub const FALLBACK_WIN: f32 = 2.0;

/// The largest `<noscript>` of the page and its raw markup, if it is large enough to hold
/// content.
fn largest(doc: &Doc) -> Option<(NodeId, String)> {
    let mut best: Option<(NodeId, String)> = None;
    for i in 0..doc.len() as NodeId {
        if doc.tag(i) != "noscript" {
            continue;
        }
        let markup = doc.subtree_text(i);
        if markup.len() >= MIN_FALLBACK_BYTES
            && best.as_ref().is_none_or(|(_, b)| markup.len() > b.len())
        {
            best = Some((i, markup));
        }
    }
    best
}

/// Extracts from the `<noscript>` fallback when it, not the page around it, holds the content
/// (see the module notes). `page` is the prose measured on the page itself; `r` holds the
/// page's metadata, which stays.
pub fn read(
    doc: &Doc,
    page: &Stats,
    options: &Options,
    budget: &Budget,
    r: &Extraction,
) -> Option<Extraction> {
    let (node, markup) = largest(doc)?;
    let sub = crate::dom::html::parse_str_limited(&markup, options.max_nodes).ok()?;
    let prose = |d: &Doc, s: &Stats| s.prose[d.find_tag("body").unwrap_or(0) as usize];
    let sub_stats = super::score::measure(&sub, &[], &[], &[]);
    if prose(&sub, &sub_stats) <= prose(doc, page) * FALLBACK_WIN {
        return None;
    }
    let mut out = super::run_page(&sub, options, budget, false);
    out.main?;
    if options.markdown {
        out.markdown = Some(output::markdown::article_markdown(
            &out,
            &sub,
            options.url.as_deref(),
        ));
    }
    // The fallback's own node ids mean nothing on the page: the result names the noscript
    // element and hides nothing in place.
    out.main = Some(node);
    out.cut = None;
    out.hidden.clear();
    out.left_out.clear();
    out.duplicates.clear();
    out.debug.clear();
    // Nor are its blocks the page's for site memory to learn or hide.
    out.site_blocks.clear();
    out.fingerprints.clear();
    // The page's metadata (its head, its structured data) stays; the fallback fills gaps.
    out.title = r.title.clone().or(out.title);
    out.byline = r.byline.clone().or(out.byline);
    out.published = r.published.clone().or(out.published);
    out.site_name = r.site_name.clone().or(out.site_name);
    out.lang = r.lang.clone().or(out.lang);
    out.dir = r.dir.clone().or(out.dir);
    out.lead_image = r.lead_image.clone().or(out.lead_image);
    out.excerpt = r.excerpt.clone().or(out.excerpt);
    Some(out)
}
