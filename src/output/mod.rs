//! Renders a subtree as plain text and as clean HTML.

use crate::dom::{collapse_whitespace, Doc, NodeData, NodeId};

pub mod markdown;

/// Block-level tags: their text starts a new paragraph.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "pre",
    "blockquote",
    "figure",
    "figcaption",
    "table",
    "tr",
    "header",
    "footer",
    "dl",
    "dt",
    "dd",
    "br",
    "hr",
];
/// Tags dropped with their content from any output.
const DROP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "embed", "form", "button",
    "input", "select", "textarea", "nav", "aside", "footer",
];
/// Attributes kept on elements in clean HTML; everything else (handlers, styles, classes) goes.
const KEEP_ATTRS: &[&str] = &[
    "href", "src", "alt", "title", "colspan", "rowspan", "lang", "dir",
];

/// Is this tag left out of every output, with its content (for renderers outside this file)?
pub fn is_dropped_tag(tag: &str) -> bool {
    DROP_TAGS.contains(&tag)
}

/// Is `id` left out: a dropped tag, or a node the caller marked in `skip` (its subtree goes too).
fn dropped(doc: &Doc, id: NodeId, root: NodeId, skip: &[bool]) -> bool {
    std::iter::once(id)
        .chain(doc.ancestors(id).take_while(|&a| a != root))
        .any(|a| DROP_TAGS.contains(&doc.tag(a)) || skip.get(a as usize).copied().unwrap_or(false))
}

/// Plain text: one paragraph per block, separated by blank lines.
/// `skip` marks subtrees to leave out (indexed by node id; may be empty).
pub fn text(doc: &Doc, root: NodeId, skip: &[bool]) -> String {
    let mut paras: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut stack: Vec<NodeId> = Vec::new();
    for id in std::iter::once(root).chain(doc.descendants(root)) {
        while stack.last().is_some_and(|&s| doc.node(s).end <= id) {
            stack.pop();
            flush(&mut cur, &mut paras);
        }
        if dropped(doc, id, root, skip) {
            continue;
        }
        match &doc.node(id).data {
            NodeData::Text(t) => cur.push_str(t),
            NodeData::Element(e) if BLOCK_TAGS.contains(&&*e.tag) => {
                flush(&mut cur, &mut paras);
                stack.push(id);
            }
            NodeData::Element(_) => {}
        }
    }
    flush(&mut cur, &mut paras);
    paras.join("\n\n")
}

fn flush(cur: &mut String, paras: &mut Vec<String>) {
    let t = collapse_whitespace(cur);
    if !t.is_empty() {
        paras.push(t);
    }
    cur.clear();
}

/// Clean HTML: safe tags and attributes only, scripts and handlers gone.
/// `skip` marks subtrees to leave out (indexed by node id; may be empty).
pub fn html(doc: &Doc, root: NodeId, skip: &[bool]) -> String {
    let mut out = String::new();
    let mut open: Vec<NodeId> = Vec::new();
    for id in std::iter::once(root).chain(doc.descendants(root)) {
        while open.last().is_some_and(|&s| doc.node(s).end <= id) {
            let s = open.pop().unwrap();
            out.push_str("</");
            out.push_str(doc.tag(s));
            out.push('>');
        }
        if dropped(doc, id, root, skip) {
            continue;
        }
        match &doc.node(id).data {
            NodeData::Text(t) => escape(t, &mut out),
            NodeData::Element(e) => {
                out.push('<');
                out.push_str(&e.tag);
                for (k, v) in &e.attrs {
                    let unsafe_url = (&**k == "href" || &**k == "src")
                        && v.trim_start()
                            .to_ascii_lowercase()
                            .starts_with("javascript:");
                    if KEEP_ATTRS.contains(&&**k) && !unsafe_url {
                        out.push(' ');
                        out.push_str(k);
                        out.push_str("=\"");
                        escape(v, &mut out);
                        out.push('"');
                    }
                }
                out.push('>');
                if !is_void(&e.tag) {
                    open.push(id);
                }
            }
        }
    }
    while let Some(s) = open.pop() {
        out.push_str("</");
        out.push_str(doc.tag(s));
        out.push('>');
    }
    out
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
            _ => out.push(c),
        }
    }
}
