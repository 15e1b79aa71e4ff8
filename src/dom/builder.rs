//! Builds a [`Doc`] from open/text/close events; both inputs feed it the same way.

use super::{Doc, Element, Name, Node, NodeData, NodeId, Str, Walk, NO_PARENT};

/// Streaming builder: `open`, `text`, `close`, then `finish`.
///
/// Adjacent text nodes under one parent are merged (the live DOM may hold split text nodes
/// where the parser made one), so both inputs number nodes alike.
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
        self.open_named(
            name_of(tag),
            attrs
                .into_iter()
                .map(|(k, v)| (name_of(&k), Str::from_slice(&v))),
        )
    }

    /// [`open`](Self::open) with the name and attributes already in the model's types (the HTML input
    /// moves html5ever's names and values in without copying them). This is the one place
    /// either input's attributes are lower-cased and filtered.
    pub fn open_named(
        &mut self,
        tag: Name,
        attrs: impl IntoIterator<Item = (Name, Str)>,
    ) -> NodeId {
        let id = self.nodes.len() as NodeId;
        if self.over_depth > 0 || self.refuse() {
            self.over_depth += 1;
            return id;
        }
        // Only the attributes the core reads are kept (`Walk::keeps_attr`), whichever input.
        let mut attrs: Vec<(Name, Str)> = attrs
            .into_iter()
            .map(|(k, v)| (lower(k), v))
            .filter(|(k, _)| Walk::keeps_attr_name(k))
            .collect();
        // In name order, whichever input: scraper sorts them, a page keeps its source order,
        // and the article's HTML writes them in the model's order.
        if attrs.len() > 1 {
            attrs.sort_unstable_by(|a, b| (&*a.0, &*a.1).cmp(&(&*b.0, &*b.1)));
        }
        self.nodes.push(Node {
            parent: self.parent(),
            end: id + 1,
            depth: self.open.len() as u32,
            data: NodeData::Element(Element {
                tag: lower(tag),
                attrs,
            }),
        });
        self.open.push(id);
        id
    }

    /// Appends text to the open element (merged with a directly preceding text sibling).
    pub fn text(&mut self, t: &str) {
        self.text_owned(t, Str::from_slice);
    }

    /// [`text`](Self::text) with a string in the model's type (moved in, not copied, when it
    /// starts a text node).
    pub fn text_str(&mut self, t: Str) {
        self.text_owned(t, |t| t);
    }

    /// Appends text, making the stored string with `make` only when a new node starts.
    fn text_owned<T: std::ops::Deref<Target = str>>(&mut self, t: T, make: impl FnOnce(T) -> Str) {
        if t.is_empty() || self.over_depth > 0 {
            return;
        }
        let parent = self.parent();
        if let Some(last) = self.nodes.last_mut() {
            if last.parent == parent {
                if let NodeData::Text(prev) = &mut last.data {
                    prev.push_slice(&t);
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
            data: NodeData::Text(make(t)),
        });
    }

    /// Appends a text node as given, never merged: the snapshot input uses this so that
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
            data: NodeData::Text(Str::from_slice(t)),
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

/// The name in lower case (HTML names already are; SVG's `viewBox`, `foreignObject` and
/// snapshot names may not be).
fn lower(name: Name) -> Name {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Name::from(name.to_ascii_lowercase())
    } else {
        name
    }
}

/// The name of `s` in lower case.
pub(super) fn name_of(s: &str) -> Name {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Name::from(s.to_ascii_lowercase())
    } else {
        Name::from(s)
    }
}
