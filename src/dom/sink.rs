//! Door 1's tree sink: html5ever's tree builder writes straight into a small linked arena,
//! which is then read once, in document order, into the [`Doc`](super::Doc).
//!
//! This is the tree scraper's `HtmlTreeSink` builds (same parser, same tree-construction
//! calls, same text merging and attribute order), without its general-purpose node store: the
//! `Doc` is built from this arena, so a second full tree per page (ego-tree nodes, scraper's
//! elements with their per-element caches) was pure overhead. The tests in [`super::html`]
//! compare the `Doc` built here with the one built from `scraper::Html` on crafted cases and
//! every fixture.

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::{local_name, ns, Attribute, QualName};
use std::borrow::Cow;
use std::cell::{Ref, RefCell};

/// Index of a node in the arena; also html5ever's handle.
pub type Handle = u32;

/// No node (no parent, no sibling, no child).
pub const NONE: Handle = Handle::MAX;

/// The document node's handle.
pub const DOCUMENT: Handle = 0;

pub enum Data {
    /// The document, or a template's contents (which no walk reaches).
    Container,
    Element {
        name: QualName,
        attrs: Vec<Attribute>,
        /// A `<template>`'s contents, kept apart from its children as the DOM does.
        contents: Handle,
    },
    Text(StrTendril),
    /// Comments, processing instructions: kept as nodes (the tree builder may move them) but
    /// never read.
    Other,
}

pub struct Node {
    pub parent: Handle,
    pub first_child: Handle,
    pub last_child: Handle,
    pub prev: Handle,
    pub next: Handle,
    pub data: Data,
}

impl Node {
    fn new(data: Data) -> Self {
        Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev: NONE,
            next: NONE,
            data,
        }
    }
}

/// The arena the tree builder fills; node 0 is the document.
pub struct Arena {
    pub nodes: Vec<Node>,
}

impl Arena {
    fn push(&mut self, data: Data) -> Handle {
        let id = self.nodes.len() as Handle;
        self.nodes.push(Node::new(data));
        id
    }

    fn detach(&mut self, id: Handle) {
        let (parent, prev, next) = {
            let n = &self.nodes[id as usize];
            (n.parent, n.prev, n.next)
        };
        if parent == NONE {
            return;
        }
        if prev != NONE {
            self.nodes[prev as usize].next = next;
        } else {
            self.nodes[parent as usize].first_child = next;
        }
        if next != NONE {
            self.nodes[next as usize].prev = prev;
        } else {
            self.nodes[parent as usize].last_child = prev;
        }
        let n = &mut self.nodes[id as usize];
        n.parent = NONE;
        n.prev = NONE;
        n.next = NONE;
    }

    /// Links a parentless node as `parent`'s last child.
    fn append_child(&mut self, parent: Handle, id: Handle) {
        let last = self.nodes[parent as usize].last_child;
        {
            let n = &mut self.nodes[id as usize];
            n.parent = parent;
            n.prev = last;
            n.next = NONE;
        }
        if last != NONE {
            self.nodes[last as usize].next = id;
        } else {
            self.nodes[parent as usize].first_child = id;
        }
        self.nodes[parent as usize].last_child = id;
    }

    /// Links a parentless node right before `sibling` (which has a parent).
    fn insert_before(&mut self, sibling: Handle, id: Handle) {
        let (parent, prev) = {
            let s = &self.nodes[sibling as usize];
            (s.parent, s.prev)
        };
        {
            let n = &mut self.nodes[id as usize];
            n.parent = parent;
            n.prev = prev;
            n.next = sibling;
        }
        self.nodes[sibling as usize].prev = id;
        if prev != NONE {
            self.nodes[prev as usize].next = id;
        } else {
            self.nodes[parent as usize].first_child = id;
        }
    }

    /// Appends text to node `id` when it is a text node; false otherwise.
    fn merge_text(&mut self, id: Handle, text: &StrTendril) -> bool {
        if id == NONE {
            return false;
        }
        match &mut self.nodes[id as usize].data {
            Data::Text(t) => {
                t.push_tendril(text);
                true
            }
            _ => false,
        }
    }
}

/// html5ever's tree sink over an [`Arena`].
pub struct Sink(RefCell<Arena>);

impl Sink {
    /// A sink with room for about `capacity` nodes.
    pub fn with_capacity(capacity: usize) -> Self {
        let mut nodes = Vec::with_capacity(capacity.max(1));
        nodes.push(Node::new(Data::Container));
        Sink(RefCell::new(Arena { nodes }))
    }
}

impl TreeSink for Sink {
    type Handle = Handle;
    type Output = Arena;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Arena {
        self.0.into_inner()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> Handle {
        DOCUMENT
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> Ref<'a, QualName> {
        Ref::map(self.0.borrow(), |a| match &a.nodes[*target as usize].data {
            Data::Element { name, .. } => name,
            // The tree builder asks only for elements' names.
            _ => unreachable!("elem_name on a non-element"),
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> Handle {
        let mut a = self.0.borrow_mut();
        let template = name.ns == ns!(html) && name.local == local_name!("template");
        let contents = if template {
            a.push(Data::Container)
        } else {
            NONE
        };
        a.push(Data::Element {
            name,
            attrs,
            contents,
        })
    }

    fn create_comment(&self, _text: StrTendril) -> Handle {
        self.0.borrow_mut().push(Data::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Handle {
        self.0.borrow_mut().push(Data::Other)
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        let mut a = self.0.borrow_mut();
        match child {
            NodeOrText::AppendNode(id) => a.append_child(*parent, id),
            NodeOrText::AppendText(text) => {
                let last = a.nodes[*parent as usize].last_child;
                if !a.merge_text(last, &text) {
                    let id = a.push(Data::Text(text));
                    a.append_child(*parent, id);
                }
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        let has_parent = self.0.borrow().nodes[*element as usize].parent != NONE;
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &Handle) -> Handle {
        match &self.0.borrow().nodes[*target as usize].data {
            Data::Element { contents, .. } if *contents != NONE => *contents,
            // The tree builder asks only for templates' contents.
            _ => unreachable!("template contents of a non-template"),
        }
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Handle, new_node: NodeOrText<Handle>) {
        let mut a = self.0.borrow_mut();
        if let NodeOrText::AppendNode(id) = new_node {
            a.detach(id);
        }
        if a.nodes[*sibling as usize].parent == NONE {
            return;
        }
        match new_node {
            NodeOrText::AppendNode(id) => a.insert_before(*sibling, id),
            NodeOrText::AppendText(text) => {
                let prev = a.nodes[*sibling as usize].prev;
                if !a.merge_text(prev, &text) {
                    let id = a.push(Data::Text(text));
                    a.insert_before(*sibling, id);
                }
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        let mut a = self.0.borrow_mut();
        if let Data::Element { attrs: have, .. } = &mut a.nodes[*target as usize].data {
            for attr in attrs {
                if !have.iter().any(|h| h.name == attr.name) {
                    have.push(attr);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &Handle) {
        self.0.borrow_mut().detach(*target);
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        let mut a = self.0.borrow_mut();
        let mut child = a.nodes[*node as usize].first_child;
        while child != NONE {
            let next = a.nodes[child as usize].next;
            a.detach(child);
            a.append_child(*new_parent, child);
            child = next;
        }
    }
}
