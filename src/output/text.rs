//! Plain text of the article: one paragraph per block, blank lines between paragraphs, `<br>`
//! as a line break, preformatted text kept as written.

use super::DROP_TAGS;
use crate::dom::{collapse_whitespace, drop_soft_hyphens, Doc, NodeData, NodeId};

/// Tags whose text starts a new paragraph (anything else flows inline). Table cells are
/// inline so a row reads as one line; rows are paragraphs.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "section",
    "summary",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "ul",
];

/// Plain text of `root`'s subtree without the subtrees marked in `skip` (indexed by node id;
/// may be shorter than the document, missing entries mean "keep"), soft hyphens dropped.
pub fn text(doc: &Doc, root: NodeId, skip: &[bool]) -> String {
    let mut out = Out::default();
    let mut open: Vec<NodeId> = Vec::new();
    let end = doc.node(root).end;
    let mut i = root;
    while i < end {
        while open.last().is_some_and(|&s| doc.node(s).end <= i) {
            open.pop();
            out.flush();
        }
        let skipped = i != root && skip.get(i as usize).copied().unwrap_or(false);
        match &doc.node(i).data {
            _ if skipped => {
                i = doc.node(i).end;
                continue;
            }
            NodeData::Text(t) => out.cur.push_str(t),
            NodeData::Element(e) => {
                let tag = &*e.tag;
                if DROP_TAGS.contains(&tag) || tag == "iframe" {
                    i = doc.node(i).end;
                    continue;
                }
                match tag {
                    "br" => out.cur.push('\n'),
                    "td" | "th" => out.cur.push(' '),
                    "pre" => {
                        // Preformatted text keeps its spaces and line breaks.
                        out.flush();
                        let mut raw = String::new();
                        for d in doc.descendants(i) {
                            if skip.get(d as usize).copied().unwrap_or(false) {
                                continue;
                            }
                            if let Some(t) = doc.text(d) {
                                raw.push_str(t);
                            }
                        }
                        let raw = raw.trim_matches('\n').trim_end();
                        if !raw.trim().is_empty() {
                            out.paras.push(raw.to_string());
                        }
                        i = doc.node(i).end;
                        continue;
                    }
                    _ if BLOCK_TAGS.contains(&tag) => {
                        out.flush();
                        open.push(i);
                    }
                    _ => {}
                }
            }
        }
        i += 1;
    }
    out.flush();
    let mut text = out.paras.join("\n\n");
    drop_soft_hyphens(&mut text);
    text
}

#[derive(Default)]
struct Out {
    paras: Vec<String>,
    cur: String,
}

impl Out {
    /// Ends the current paragraph: each `<br>` line collapsed, empty lines dropped.
    fn flush(&mut self) {
        if self.cur.is_empty() {
            return;
        }
        let mut p = String::new();
        for line in self.cur.split('\n') {
            let l = collapse_whitespace(line);
            if !l.is_empty() {
                if !p.is_empty() {
                    p.push('\n');
                }
                p.push_str(&l);
            }
        }
        if !p.is_empty() {
            self.paras.push(p);
        }
        self.cur.clear();
    }
}
