//! Renders a subtree as plain text and as clean, safe HTML.
//!
//! Both renderers are one forward walk over the arena: a subtree that is left out is jumped
//! over (`i = end`), and open elements sit on an explicit stack, so depth costs nothing.

pub(crate) mod html;
pub mod markdown;
mod text;
pub mod url;

pub use html::{html, is_video_embed};
pub use text::text;

use crate::dom::{Doc, NodeId};
use url::Base;

/// Tags whose subtree is never part of any output (code, controls, embedded documents). A
/// `<form>` is not one of them: forum software wraps a thread's posts in one (a moderation
/// form), so pruning decides on each form by its share of the article (`FORM_KEEP_SHARE` in
/// extract/prune), and the renderings follow that decision; the controls inside stay out.
pub const DROP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "object", "embed", "applet", "button", "input",
    "select", "textarea", "option", "head", "title", "meta", "link", "base", "dialog", "frame",
    "frameset", "svg", "canvas",
];

/// Is this tag left out of every output, with its content (for renderers outside this file)?
pub fn is_dropped_tag(tag: &str) -> bool {
    DROP_TAGS.contains(&tag) || tag == "iframe"
}

/// The base for relative URLs: the page's `<base href>` resolved against the page URL, else
/// the page URL.
pub fn base_url(doc: &Doc, page_url: Option<&str>) -> Option<Base> {
    let page = page_url.and_then(Base::parse);
    let base_tag = (0..doc.len() as NodeId)
        .take_while(|&i| doc.tag(i) != "body")
        .find(|&i| doc.tag(i) == "base" && doc.attr(i, "href").is_some())
        .and_then(|i| doc.attr(i, "href"));
    match (base_tag, &page) {
        (Some(h), Some(p)) => Base::parse(&p.resolve(h)).or(page),
        (Some(h), None) => Base::parse(h),
        (None, _) => page,
    }
}
