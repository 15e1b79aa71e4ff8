//! Clean article HTML for the reader view, which inserts it into a page: only an allowlist of
//! tags and attributes, URLs resolved and vetted, lazy images made real, trackers dropped.

use super::allowlist::{
    is_video_embed, CODE_CLASS_PREFIXES, CONTAINER_TAGS, KEEP_ATTRS, KEEP_TAGS, LAZY_SRCSET_ATTRS,
    LAZY_SRC_ATTRS, LINK_ATTRS, MATH_ATTRS, MATH_BREAKOUT_TAGS, MATH_TAGS, NOTE_WORDS,
    TRACKER_MAX_PX, URL_ATTRS,
};
use super::url::{safe_link, safe_media, safe_srcset, Base};
use super::DROP_TAGS;
use crate::dom::{Doc, Element, NodeData, NodeId};

/// Clean HTML of `root`'s subtree without the subtrees marked in `skip`; URLs resolved against
/// `base` when given.
pub fn html(doc: &Doc, root: NodeId, skip: &[bool], base: Option<&Base>) -> String {
    let mut out = String::new();
    // Open elements: (node, tag written, or None when the element was unwrapped).
    let mut open: Vec<(NodeId, Option<&str>)> = Vec::new();
    // The open `<math>` element's end and its place in `open` (inside, MathML tags are kept).
    let mut math_end: Option<NodeId> = None;
    let mut math_at = 0usize;
    // The article's characters, counted when a note needs them.
    let mut root_chars: Option<usize> = None;
    let end = doc.node(root).end;
    let mut i = root;
    while i < end {
        while open.last().is_some_and(|&(s, _)| doc.node(s).end <= i) {
            if let Some((_, Some(t))) = open.pop() {
                out.push_str("</");
                out.push_str(t);
                out.push('>');
            }
        }
        if math_end.is_some_and(|m| m <= i) {
            math_end = None;
        }
        let skipped = i != root && skip.get(i as usize).copied().unwrap_or(false);
        if skipped {
            i = doc.node(i).end;
            continue;
        }
        match &doc.node(i).data {
            NodeData::Text(t) => escape(t, &mut out),
            NodeData::Element(e) => {
                let tag = &*e.tag;
                if math_end.is_some() {
                    if !MATH_BREAKOUT_TAGS.contains(&tag) {
                        write_math(e, &mut out);
                        open.push((i, (!is_void(tag)).then_some(math_tag(tag))));
                        i += 1;
                        continue;
                    }
                    // HTML content inside the formula: the formula ends here (its elements are
                    // closed now, not again when their subtrees end) and the rest is HTML.
                    for (_, t) in open[math_at..].iter_mut().rev() {
                        if let Some(t) = t.take() {
                            out.push_str("</");
                            out.push_str(t);
                            out.push('>');
                        }
                    }
                    math_end = None;
                }
                if DROP_TAGS.contains(&tag)
                    || (matches!(tag, "li" | "p") && !has_content(doc, i, skip))
                {
                    // (A list item or paragraph with nothing left in it would show an empty
                    // bullet or a gap.)
                    i = doc.node(i).end;
                    continue;
                }
                let written = if CONTAINER_TAGS.contains(&tag) {
                    let box_tag = box_tag(doc, e, i, root, &mut root_chars);
                    out.push('<');
                    out.push_str(box_tag);
                    out.push('>');
                    Some(box_tag)
                } else if tag == "math" {
                    math_end = Some(doc.node(i).end);
                    math_at = open.len();
                    write_math(e, &mut out);
                    Some("math")
                } else if KEEP_TAGS.contains(&tag) {
                    if !write_element(e, base, &mut out) {
                        // A frame or image with nothing safe to show: drop it whole.
                        i = doc.node(i).end;
                        continue;
                    }
                    (!is_void(tag)).then_some(static_tag(tag))
                } else {
                    // Unknown or custom element: keep its content, drop the wrapper.
                    None
                };
                open.push((i, written));
            }
        }
        i += 1;
    }
    while let Some((_, t)) = open.pop() {
        if let Some(t) = t {
            out.push_str("</");
            out.push_str(t);
            out.push('>');
        }
    }
    out
}

/// How a container is written: `aside` for a note, `article` for one post of several (a forum
/// thread's, a comment), `div` for the rest. Either is set off from the text around it, so a
/// box holding most of the article is the article itself: a `div`.
fn box_tag(
    doc: &Doc,
    e: &Element,
    id: NodeId,
    root: NodeId,
    root_chars: &mut Option<usize>,
) -> &'static str {
    let tag = if &*e.tag == "article" {
        "article"
    } else if is_note(e) {
        "aside"
    } else {
        return "div";
    };
    let all = *root_chars.get_or_insert_with(|| text_chars(doc, root));
    if id != root && text_chars(doc, id) * 2 < all {
        tag
    } else {
        "div"
    }
}

/// Is this container a note ([`NOTE_WORDS`]): the page's `<aside>`, `role="note"`, or a class
/// or id word naming one?
fn is_note(e: &Element) -> bool {
    if &*e.tag == "aside"
        || e.attr("role")
            .is_some_and(|r| r.eq_ignore_ascii_case("note"))
    {
        return true;
    }
    let mut note = false;
    for v in [e.attr("class"), e.attr("id")].into_iter().flatten() {
        crate::extract::signals::for_each_word(v, |w| note |= NOTE_WORDS.contains(&w));
    }
    note
}

/// Does `id`'s subtree keep any text or media (outside the `skip`ped subtrees)?
fn has_content(doc: &Doc, id: NodeId, skip: &[bool]) -> bool {
    let end = doc.node(id).end;
    let mut n = id + 1;
    while n < end {
        if skip.get(n as usize).copied().unwrap_or(false) {
            n = doc.node(n).end;
            continue;
        }
        match &doc.node(n).data {
            NodeData::Text(t) if !t.trim().is_empty() => return true,
            NodeData::Element(e)
                if matches!(
                    &*e.tag,
                    "img" | "picture" | "video" | "audio" | "iframe" | "math"
                ) =>
            {
                return true
            }
            _ => {}
        }
        n += 1;
    }
    false
}

/// Characters of text in `id`'s subtree.
fn text_chars(doc: &Doc, id: NodeId) -> usize {
    (id..doc.node(id).end)
        .filter_map(|n| doc.text(n))
        .map(str::len)
        .sum()
}

/// The `'static` copy of a kept tag name.
fn static_tag(tag: &str) -> &'static str {
    KEEP_TAGS
        .iter()
        .find(|t| **t == tag)
        .copied()
        .unwrap_or("span")
}

/// MathML tag names are kept if they are plain names; anything odd becomes `mrow`.
fn math_tag(tag: &str) -> &'static str {
    MATH_TAGS
        .iter()
        .find(|t| **t == tag)
        .copied()
        .unwrap_or("mrow")
}

fn write_math(e: &Element, out: &mut String) {
    out.push('<');
    let tag = math_tag(&e.tag);
    out.push_str(tag);
    for (k, v) in &e.attrs {
        if MATH_ATTRS.contains(&&**k) {
            push_attr(out, k, v);
        }
    }
    out.push('>');
}

/// Writes a kept element's start tag; false when it must go (unsafe frame, tracker, no image).
fn write_element(e: &Element, base: Option<&Base>, out: &mut String) -> bool {
    let tag = &*e.tag;
    let mut attrs: Vec<(&str, String)> = Vec::new();
    match tag {
        "iframe" => {
            let src = e.attr("src").unwrap_or("");
            if !is_video_embed(src) {
                return false;
            }
            attrs.push(("src", safe_media(base, src).unwrap_or_default()));
            for k in ["width", "height", "title", "allowfullscreen"] {
                if let Some(v) = e.attr(k) {
                    attrs.push((k, v.to_string()));
                }
            }
        }
        "img" => {
            let dim = |k: &str| e.attr(k).and_then(|v| v.trim().parse::<u32>().ok());
            if dim("width").is_some_and(|w| w <= TRACKER_MAX_PX)
                && dim("height").is_some_and(|h| h <= TRACKER_MAX_PX)
            {
                return false;
            }
            let src = e.attr("src").unwrap_or("").trim();
            let lazy = LAZY_SRC_ATTRS
                .iter()
                .filter_map(|a| e.attr(a))
                .map(str::trim)
                .find(|v| looks_like_url(v));
            let lazy_set = LAZY_SRCSET_ATTRS
                .iter()
                .filter_map(|a| e.attr(a))
                .find(|v| !v.trim().is_empty());
            let srcset = lazy_set.or_else(|| e.attr("srcset").filter(|v| !v.trim().is_empty()));
            let first_candidate = srcset
                .and_then(|s| s.split(',').next())
                .and_then(|c| c.split_whitespace().next());
            // A lazy-loading script keeps the real image in `data-*` and shows a placeholder in
            // `src` (a data: pixel, a spinner, a grey box) until it runs: the `data-*` source
            // wins whenever there is one, and so does a lazy srcset's first image; `src` is
            // the image only when nothing else names one (or what does is unsafe).
            let placeholder = src.is_empty()
                || src.to_ascii_lowercase().starts_with("data:")
                || lazy_set.is_some();
            let candidates = [
                lazy,
                placeholder.then_some(first_candidate).flatten(),
                (!src.is_empty()).then_some(src),
            ];
            let Some(src) = candidates
                .into_iter()
                .flatten()
                .find_map(|c| safe_media(base, c))
            else {
                return false;
            };
            attrs.push(("src", src));
            if let Some(set) = srcset.and_then(|s| safe_srcset(base, s)) {
                attrs.push(("srcset", set));
            }
            for (k, v) in &e.attrs {
                if KEEP_ATTRS.contains(&&**k) {
                    attrs.push((k, v.to_string()));
                }
            }
        }
        _ => {
            for (k, v) in &e.attrs {
                let k = &**k;
                if URL_ATTRS.contains(&k) {
                    let vetted = if LINK_ATTRS.contains(&k) {
                        safe_link(base, v)
                    } else if k == "srcset" {
                        safe_srcset(base, v)
                    } else {
                        safe_media(base, v)
                    };
                    if let Some(u) = vetted {
                        attrs.push((k, u));
                    }
                } else if KEEP_ATTRS.contains(&k) {
                    attrs.push((k, v.to_string()));
                } else if k == "class" && matches!(tag, "code" | "pre") {
                    // Keep the language hint of code blocks (`language-rust`) for highlighting.
                    let langs: Vec<&str> = v
                        .split_whitespace()
                        .filter(|c| CODE_CLASS_PREFIXES.iter().any(|p| c.starts_with(p)))
                        .collect();
                    if !langs.is_empty() {
                        attrs.push(("class", langs.join(" ")));
                    }
                }
            }
            if tag == "source" {
                if let Some(set) = LAZY_SRCSET_ATTRS.iter().find_map(|a| e.attr(a)) {
                    if !attrs.iter().any(|(k, _)| *k == "srcset") {
                        if let Some(u) = safe_srcset(base, set) {
                            attrs.push(("srcset", u));
                        }
                    }
                }
            }
        }
    }
    out.push('<');
    out.push_str(tag);
    for (k, v) in &attrs {
        push_attr(out, k, v);
    }
    out.push('>');
    true
}

/// Could this `data-*` value be an image address (`data-lazy="true"` is a flag, not one)?
fn looks_like_url(v: &str) -> bool {
    !v.is_empty() && !v.contains(char::is_whitespace) && (v.contains('/') || v.contains('.'))
}

fn push_attr(out: &mut String, k: &str, v: &str) {
    out.push(' ');
    out.push_str(k);
    out.push_str("=\"");
    escape(v, out);
    out.push('"');
}

fn is_void(tag: &str) -> bool {
    matches!(
        tag,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}
