//! The one document model every heuristic reads.
//!
//! A page is stored as a flat arena in document (pre-)order: node `i`'s subtree is the
//! contiguous range `i..end`, its next sibling starts at `end`, and its parent is an index.
//! That makes every traversal a loop over ranges (no recursion on DOM depth, so a page nested
//! 100,000 deep costs nothing special) and gives every node a stable id: its position in that
//! order. Both inputs produce this model with the same walk rules ([`Walk`]), so an id found on
//! bytes parsed by html5ever names the same node as an id found on the live page's snapshot.
//!
//! The HTML input is [`html`] (bytes -> charset -> scraper (html5ever) -> `Doc`; feature `html`); the snapshot input
//! is [`snapshot`] (the flat list the content script reads off the live page -> `Doc`).

#[cfg(feature = "html")]
pub mod html;
pub mod snapshot;

mod builder;
#[cfg(feature = "html")]
mod nesting;
#[cfg(feature = "html")]
mod rawtext;
#[cfg(feature = "html")]
mod stream;
mod text;

pub use builder::DocBuilder;
pub use text::{collapse_whitespace, drop_soft_hyphens, is_blank};

/// Index of a node in document order; the id that results carry back to the page.
pub type NodeId = u32;

/// Marks "no parent" for the root.
pub const NO_PARENT: NodeId = NodeId::MAX;

/// Text and attribute values: html5ever's string type, so the HTML input moves them into the model
/// uncopied (short strings are stored inline).
pub use markup5ever::tendril::StrTendril as Str;
/// An element or attribute name: interned (the names HTML defines cost no allocation), and
/// the type html5ever hands the HTML input, so its names move into the model uncopied.
pub use markup5ever::LocalName as Name;

#[derive(Debug, Clone, PartialEq)]
pub enum NodeData {
    Element(Element),
    Text(Str),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// Lower-case local name (`div`, `svg`, `math`).
    pub tag: Name,
    /// Attributes, sorted by name (either input: [`DocBuilder`] sorts them); names lower-case.
    pub attrs: Vec<(Name, Str)>,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| &**k == name)
            .map(|(_, v)| &**v)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub parent: NodeId,
    /// One past the last node of this subtree.
    pub end: NodeId,
    /// Distance from the root (the root is 0).
    pub depth: u32,
    pub data: NodeData,
}

/// A parsed page: nodes in document order. Node 0 is the root element (normally `<html>`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    nodes: Vec<Node>,
    /// The page had more nodes than the builder's limit; only the first ones are here.
    truncated: bool,
}

impl Doc {
    /// Did the page exceed the node limit (so this holds only its first nodes)?
    pub fn truncated(&self) -> bool {
        self.truncated
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub(crate) fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    pub(crate) fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    pub(crate) fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.nodes[id as usize].data {
            NodeData::Element(e) => Some(e),
            NodeData::Text(_) => None,
        }
    }

    /// The element's lower-case tag, or `""` for a text node.
    pub fn tag(&self, id: NodeId) -> &str {
        self.element(id).map_or("", |e| &*e.tag)
    }

    pub fn attr(&self, id: NodeId, name: &str) -> Option<&str> {
        self.element(id).and_then(|e| e.attr(name))
    }

    pub fn text(&self, id: NodeId) -> Option<&str> {
        match &self.nodes[id as usize].data {
            NodeData::Text(t) => Some(&t[..]),
            NodeData::Element(_) => None,
        }
    }

    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        let p = self.nodes[id as usize].parent;
        (p != NO_PARENT).then_some(p)
    }

    /// Ids of the whole subtree below `id`, excluding `id` itself, in document order.
    pub fn descendants(&self, id: NodeId) -> std::ops::Range<NodeId> {
        id + 1..self.nodes[id as usize].end
    }

    /// Direct children of `id`, in order.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            doc: self,
            next: id + 1,
            end: self.nodes[id as usize].end,
        }
    }

    /// `id`'s parent, grandparent, ... up to the root.
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.parent(id), move |&p| self.parent(p))
    }

    /// Is `inner` inside the subtree of `outer` (or equal to it)?
    pub fn contains(&self, outer: NodeId, inner: NodeId) -> bool {
        outer <= inner && inner < self.nodes[outer as usize].end
    }

    /// Concatenated text of the subtree (raw, whitespace as in the source).
    pub fn subtree_text(&self, id: NodeId) -> String {
        let mut out = String::new();
        if let Some(t) = self.text(id) {
            out.push_str(t);
        }
        for d in self.descendants(id) {
            if let Some(t) = self.text(d) {
                out.push_str(t);
            }
        }
        out
    }

    /// First element with this tag in document order.
    pub fn find_tag(&self, tag: &str) -> Option<NodeId> {
        (0..self.nodes.len() as NodeId).find(|&i| self.tag(i) == tag)
    }

    /// A CSS selector path (`html > body > div:nth-child(2) > p:nth-child(1)`) that names the
    /// node in either input's tree, for people reading CLI output.
    pub fn css_path(&self, id: NodeId) -> String {
        use std::fmt::Write as _;
        // (tag, position among the element children of its parent; 0 for the root), innermost
        // first; then written out in one string.
        let mut steps: Vec<(&str, usize)> = Vec::new();
        let mut cur = if self.element(id).is_some() {
            Some(id)
        } else {
            self.parent(id)
        };
        while let Some(n) = cur {
            let tag = self.tag(n);
            match self.parent(n) {
                Some(p) => {
                    let nth = self
                        .children(p)
                        .filter(|&c| self.element(c).is_some())
                        .position(|c| c == n)
                        .unwrap_or(0)
                        + 1;
                    steps.push((tag, nth));
                }
                None => steps.push((tag, 0)),
            }
            cur = self.parent(n);
        }
        let mut out = String::with_capacity(steps.iter().map(|(t, _)| t.len() + 20).sum());
        for (k, &(tag, nth)) in steps.iter().rev().enumerate() {
            if k > 0 {
                out.push_str(" > ");
            }
            out.push_str(tag);
            if nth > 0 {
                let _ = write!(out, ":nth-child({nth})");
            }
        }
        out
    }
}

pub struct Children<'a> {
    doc: &'a Doc,
    next: NodeId,
    end: NodeId,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next >= self.end {
            return None;
        }
        let id = self.next;
        self.next = self.doc.nodes[id as usize].end;
        Some(id)
    }
}

/// The attributes the core reads, sorted (both inputs keep only these): class and id words;
/// hidden markup (`hidden`, `aria-hidden`, `popover`, `style`) and the disclosure controls that
/// unfold it (`aria-controls`, `aria-expanded`); schema.org and ARIA marks (`itemprop`, `itemtype`,
/// `property`, `role`); metadata (`meta`'s `name`/`property`/`http-equiv`/`content`, `rel`,
/// `datetime`, `pubdate`, `lang`, `xml:lang`, `dir`, JSON-LD's `type`); links and media
/// (`href`, `src`, `srcset`, the lazy-loading `data-*` copies); and what the reader HTML and
/// Markdown keep (tables, lists, media, MathML). Everything else a page carries (SVG path
/// data, `on*` handlers, other `data-*`, tracking attributes) is never read, and leaving it
/// out of the model saves the copies: about 60% of a live-page snapshot's characters.
///
/// The page walk in JavaScript (extension/content/walk.js, the extension's and the
/// playground's) gets this list from the build (extension/build/contracts.mjs);
/// tests/attr_rule.rs fails when an attribute a heuristic or renderer reads in `src/` is
/// missing from it.
pub const READ_ATTRS: &[&str] = &[
    "accent",
    "accentunder",
    "allowfullscreen",
    "alt",
    "aria-controls",
    "aria-expanded",
    "aria-hidden",
    "cite",
    "class",
    "close",
    "colspan",
    "columnalign",
    "columnspan",
    "content",
    "controls",
    "data-hi-res-src",
    "data-lazy",
    "data-lazy-src",
    "data-lazy-srcset",
    "data-original",
    "data-src",
    "data-srcset",
    "data-url",
    "datetime",
    "depth",
    "dir",
    "display",
    "displaystyle",
    "encoding",
    "fence",
    "form",
    "headers",
    "height",
    "hidden",
    "href",
    "http-equiv",
    "id",
    "itemprop",
    "itemtype",
    "kind",
    "label",
    "lang",
    "largeop",
    "linethickness",
    "lspace",
    "mathsize",
    "mathvariant",
    "maxsize",
    "media",
    "minsize",
    "movablelimits",
    "name",
    "notation",
    "open",
    "popover",
    "poster",
    "property",
    "pubdate",
    "rel",
    "reversed",
    "role",
    "rowalign",
    "rowspan",
    "rspace",
    "scope",
    "scriptlevel",
    "separator",
    "separators",
    "sizes",
    "src",
    "srclang",
    "srcset",
    "start",
    "stretchy",
    "style",
    "symmetric",
    "title",
    "type",
    "value",
    "voffset",
    "width",
    "xml:lang",
    "xmlns",
];

/// Elements whose text content is never read (the browser may hold megabytes of script),
/// each with the `type` (a lower-case part of it) that makes an exception: JSON-LD scripts
/// are read because metadata lives there. [`Walk::keeps_text_of`] applies it; the page walks
/// in JavaScript get it from the build (extension/build/contracts.mjs).
pub const UNREAD_TEXT: &[(&str, Option<&str>)] = &[("script", Some("ld+json")), ("style", None)];

/// The walk rules both inputs share, so that ids agree between them.
pub struct Walk;

impl Walk {
    /// Is an attribute with this (lower-case) name kept in the model? See [`READ_ATTRS`].
    pub fn keeps_attr(name: &str) -> bool {
        READ_ATTRS.binary_search(&name).is_ok()
    }

    /// [`keeps_attr`](Self::keeps_attr) for an interned name: one hash lookup on the atom
    /// instead of string comparisons (the HTML input asks this for every attribute of the page).
    pub fn keeps_attr_name(name: &Name) -> bool {
        static KEPT: std::sync::OnceLock<rustc_hash::FxHashSet<Name>> = std::sync::OnceLock::new();
        KEPT.get_or_init(|| READ_ATTRS.iter().map(|&a| Name::from(a)).collect())
            .contains(name)
    }

    /// Is the text inside an element with this tag (and `type` attribute) read? See
    /// [`UNREAD_TEXT`].
    pub fn keeps_text_of(tag: &str, type_attr: Option<&str>) -> bool {
        match UNREAD_TEXT.iter().find(|(t, _)| *t == tag) {
            None => true,
            Some((_, except)) => except.is_some_and(|want| {
                type_attr.is_some_and(|t| t.to_ascii_lowercase().contains(want))
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Doc {
        let mut b = DocBuilder::new();
        b.open("html", vec![]);
        b.open("body", vec![]);
        b.open("p", vec![("class".into(), "a".into())]);
        b.text("one");
        b.close();
        b.open("p", vec![]);
        b.text("two");
        b.close();
        b.close();
        b.close();
        b.finish()
    }

    #[test]
    fn ranges_children_and_paths() {
        let d = sample();
        assert_eq!(d.len(), 6);
        assert_eq!(d.children(1).collect::<Vec<_>>(), vec![2, 4]);
        assert_eq!(d.subtree_text(0), "onetwo");
        assert_eq!(d.attr(2, "class"), Some("a"));
        assert_eq!(d.ancestors(3).collect::<Vec<_>>(), vec![2, 1, 0]);
        assert_eq!(d.css_path(4), "html > body:nth-child(1) > p:nth-child(2)");
        assert!(d.contains(1, 5) && !d.contains(2, 4));
    }

    #[test]
    fn read_attrs_are_sorted_lower_case_and_unique() {
        // keeps_attr binary-searches the list; a name out of order would be silently dropped.
        assert!(READ_ATTRS.windows(2).all(|w| w[0] < w[1]));
        assert!(READ_ATTRS.iter().all(|a| a.to_ascii_lowercase() == *a));
        assert!(READ_ATTRS.iter().all(|a| Walk::keeps_attr(a)));
        // The interned form agrees with the list, names outside it included.
        for a in READ_ATTRS
            .iter()
            .chain(&["onclick", "d", "data-id", "classes", "viewbox"])
        {
            assert_eq!(
                Walk::keeps_attr_name(&Name::from(*a)),
                Walk::keeps_attr(a),
                "{a}"
            );
        }
        assert!(
            !Walk::keeps_attr("onclick") && !Walk::keeps_attr("d") && !Walk::keeps_attr("data-id")
        );
    }

    #[test]
    fn the_builder_keeps_only_read_attributes() {
        let mut b = DocBuilder::new();
        let attrs = [
            ("onclick", "x()"),
            ("CLASS", "a"),
            ("d", "M0 0"),
            ("href", "/h"),
            ("data-x", "1"),
        ];
        b.open(
            "a",
            attrs.iter().map(|&(k, v)| (k.into(), v.into())).collect(),
        );
        b.close();
        let d = b.finish();
        let kept: Vec<(&str, &str)> = d
            .element(0)
            .unwrap()
            .attrs
            .iter()
            .map(|(k, v)| (&**k, &**v))
            .collect();
        assert_eq!(kept, vec![("class", "a"), ("href", "/h")]);
    }
}
