//! Door 2: the live page, as the content script reads it.
//!
//! The content script walks `document.documentElement` in document order and sends a flat
//! list: one entry per element or text node, each naming its parent's index. It follows the
//! same rules as door 1 (see [`super::Walk`]): comments, doctype and template contents are
//! skipped; the text of `<script>` (but JSON-LD) and `<style>` is left out; a run of adjacent
//! text siblings is sent as one entry. The index of an entry is the id results use, so the
//! content script maps ids back to the live nodes it kept in the same order.

use super::{Doc, DocBuilder, NodeId};
use crate::Error;
use serde::{Deserialize, Serialize};

/// One entry of the snapshot: an element (`t` set) or a text node (`x` set).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct SnapNode {
    /// Index of the parent entry; -1 for the root.
    pub p: i64,
    /// Element tag name (any case).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub t: Option<String>,
    /// Element attributes as `[name, value]` pairs, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub a: Vec<(String, String)>,
    /// Text of a text node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<String>,
}

/// The live page as data.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Snapshot {
    /// The page's URL, used to resolve relative links and to name the site.
    #[serde(default)]
    pub url: Option<String>,
    pub nodes: Vec<SnapNode>,
}

impl Snapshot {
    /// Reads a snapshot from its JSON form.
    pub fn from_json(json: &str) -> Result<Snapshot, Error> {
        serde_json::from_str(json).map_err(|e| Error::Snapshot(e.to_string()))
    }

    /// Builds the document model. Every entry becomes exactly one node with the same index.
    pub fn to_doc(&self) -> Result<Doc, Error> {
        self.to_doc_limited(None)
    }

    /// [`Snapshot::to_doc`], keeping at most `max_nodes` entries (the page's first ones).
    pub fn to_doc_limited(&self, max_nodes: Option<usize>) -> Result<Doc, Error> {
        if self.nodes.is_empty() {
            return Err(Error::Empty);
        }
        let mut b = DocBuilder::with_limit(self.nodes.len(), max_nodes);
        for (i, n) in self.nodes.iter().enumerate() {
            if b.is_full() {
                // Past the limit: the rest is left out (the builder records the truncation).
                b.mark_truncated();
                break;
            }
            // Close elements until the entry's parent is the innermost open one.
            if i == 0 {
                if n.p != -1 {
                    return Err(Error::Snapshot(
                        "entry 0 must be the root (parent -1)".into(),
                    ));
                }
            } else {
                let parent = NodeId::try_from(n.p).map_err(|_| {
                    Error::Snapshot(format!(
                        "entry {i} has parent {} but only the first entry may be a root",
                        n.p
                    ))
                })?;
                while b.open_ids().last().is_some_and(|&top| top != parent) {
                    b.close();
                }
                if b.open_ids().is_empty() {
                    return Err(Error::Snapshot(format!(
                        "entry {i} names parent {parent}, which is not an open element before it"
                    )));
                }
            }
            match (&n.t, &n.x) {
                (Some(tag), None) => {
                    let attrs = n
                        .a
                        .iter()
                        .map(|(k, v)| (Box::<str>::from(k.as_str()), Box::<str>::from(v.as_str())))
                        .collect();
                    b.open(tag, attrs);
                }
                (None, Some(text)) => {
                    if i == 0 {
                        return Err(Error::Snapshot("the root entry must be an element".into()));
                    }
                    b.text_node(text);
                }
                _ => {
                    return Err(Error::Snapshot(format!(
                        "entry {i} must have exactly one of t (tag) and x (text)"
                    )))
                }
            }
        }
        Ok(b.finish())
    }

    /// The snapshot a content script would send for this document (used by tests and by the
    /// playground to check that both doors agree).
    pub fn from_doc(doc: &Doc, url: Option<String>) -> Snapshot {
        let nodes = doc
            .nodes()
            .iter()
            .map(|n| {
                let p = if n.parent == super::NO_PARENT {
                    -1
                } else {
                    n.parent as i64
                };
                match &n.data {
                    super::NodeData::Element(e) => SnapNode {
                        p,
                        t: Some(e.tag.to_string()),
                        a: e.attrs
                            .iter()
                            .map(|(k, v)| (k.to_string(), v.to_string()))
                            .collect(),
                        x: None,
                    },
                    super::NodeData::Text(t) => SnapNode {
                        p,
                        t: None,
                        a: vec![],
                        x: Some(t.to_string()),
                    },
                }
            })
            .collect();
        Snapshot { url, nodes }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_ids() {
        let doc = crate::dom::html::parse_str("<p>a<b>b</b></p><div><i>c</i>d</div>").unwrap();
        let snap = Snapshot::from_doc(&doc, None);
        let json = serde_json::to_string(&snap).unwrap();
        let back = Snapshot::from_json(&json).unwrap().to_doc().unwrap();
        assert_eq!(doc, back);
    }

    #[test]
    fn bad_parent_is_a_clear_error() {
        let s = Snapshot::from_json(r#"{"nodes":[{"p":-1,"t":"html"},{"p":5,"x":"t"}]}"#).unwrap();
        let err = s.to_doc().unwrap_err().to_string();
        assert!(err.contains("entry 1"), "{err}");
    }
}
