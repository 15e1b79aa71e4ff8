//! Builds a [`Doc`] from open/text/close events; both doors feed it the same way.

use super::{Doc, Element, Node, NodeData, NodeId, NO_PARENT};

/// Streaming builder: `open`, `text`, `close`, then `finish`.
///
/// Adjacent text nodes under one parent are merged (the live DOM may hold split text nodes
/// where the parser made one), so both doors number nodes alike.
#[derive(Default)]
pub struct DocBuilder {
    nodes: Vec<Node>,
    open: Vec<NodeId>,
    /// At most this many nodes are kept; past it the rest of the page is left out.
    limit: Option<usize>,
    /// Elements opened after the limit was reached, still to be closed (they were not kept).
    over_depth: usize,
    truncated: bool,
}

impl DocBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_capacity(n: usize) -> Self {
        Self {
            nodes: Vec::with_capacity(n),
            ..Self::default()
        }
    }

    /// A builder that keeps at most `limit` nodes (`None`: no limit). The nodes it keeps are
    /// the page's first ones in document order, with the same ids they would have had.
    pub fn with_limit(capacity: usize, limit: Option<usize>) -> Self {
        let capacity = limit.map_or(capacity, |l| capacity.min(l));
        Self {
            nodes: Vec::with_capacity(capacity),
            limit,
            ..Self::default()
        }
    }

    /// Has the node limit been reached?
    pub fn is_full(&self) -> bool {
        self.limit.is_some_and(|l| self.nodes.len() >= l)
    }

    /// Records that the caller stopped feeding nodes because the builder was full.
    pub fn mark_truncated(&mut self) {
        self.truncated = true;
    }

    /// Reports the limit hit: the next node is left out.
    fn refuse(&mut self) -> bool {
        if self.is_full() {
            self.truncated = true;
            return true;
        }
        false
    }

    fn parent(&self) -> NodeId {
        self.open.last().copied().unwrap_or(NO_PARENT)
    }

    /// Opens an element; `tag` and attribute names are lower-cased here.
    /// Past the node limit the element is not kept and the returned id is the next free one.
    pub fn open(&mut self, tag: &str, attrs: Vec<(Box<str>, Box<str>)>) -> NodeId {
        let id = self.nodes.len() as NodeId;
        if self.over_depth > 0 || self.refuse() {
            self.over_depth += 1;
            return id;
        }
        let attrs = attrs
            .into_iter()
            .map(|(k, v)| {
                if k.bytes().any(|b| b.is_ascii_uppercase()) {
                    (k.to_ascii_lowercase().into_boxed_str(), v)
                } else {
                    (k, v)
                }
            })
            .collect();
        self.nodes.push(Node {
            parent: self.parent(),
            end: id + 1,
            depth: self.open.len() as u32,
            data: NodeData::Element(Element {
                tag: tag.to_ascii_lowercase().into_boxed_str(),
                attrs,
            }),
        });
        self.open.push(id);
        id
    }

    /// Appends text to the open element (merged with a directly preceding text sibling).
    pub fn text(&mut self, t: &str) {
        if t.is_empty() || self.over_depth > 0 {
            return;
        }
        let parent = self.parent();
        if let Some(last) = self.nodes.last_mut() {
            if last.parent == parent {
                if let NodeData::Text(prev) = &mut last.data {
                    let mut s = String::with_capacity(prev.len() + t.len());
                    s.push_str(prev);
                    s.push_str(t);
                    *prev = s.into_boxed_str();
                    return;
                }
            }
        }
        if self.refuse() {
            return;
        }
        let id = self.nodes.len() as NodeId;
        self.nodes.push(Node {
            parent,
            end: id + 1,
            depth: self.open.len() as u32,
            data: NodeData::Text(t.into()),
        });
    }

    /// Appends a text node as given, never merged: the snapshot door uses this so that
    /// ids stay equal to the snapshot's own indexes, whatever the page did.
    pub fn text_node(&mut self, t: &str) {
        if self.over_depth > 0 || self.refuse() {
            return;
        }
        let id = self.nodes.len() as NodeId;
        self.nodes.push(Node {
            parent: self.parent(),
            end: id + 1,
            depth: self.open.len() as u32,
            data: NodeData::Text(t.into()),
        });
    }

    /// Ids of the elements still open, outermost first.
    pub fn open_ids(&self) -> &[NodeId] {
        &self.open
    }

    /// Closes the innermost open element (a stray close is ignored).
    pub fn close(&mut self) {
        if self.over_depth > 0 {
            self.over_depth -= 1;
            return;
        }
        if let Some(id) = self.open.pop() {
            self.nodes[id as usize].end = self.nodes.len() as NodeId;
        }
    }

    /// Number of nodes so far.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Closes whatever is still open and returns the document.
    pub fn finish(mut self) -> Doc {
        self.over_depth = 0;
        while !self.open.is_empty() {
            self.close();
        }
        Doc {
            nodes: self.nodes,
            truncated: self.truncated,
        }
    }
}
