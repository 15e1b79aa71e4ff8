//! Tree queries the dedupe phases ask many times: lowest common ancestors in O(log depth),
//! and sets joined by union-find.

use crate::dom::{Doc, NodeId};

/// How far [`lca_walk`] climbs: it serves the few occurrences of one cluster, and cards are a
/// few levels deep, so this only bounds the work on pathological nesting.
const MAX_WALK: usize = 256;

/// Ancestor jump table: `up[k][v]` is v's 2^k-th ancestor (the root maps to itself), so the
/// lowest common ancestor and "the ancestor just below" cost O(log depth) on any nesting.
pub(super) struct AncestorTable {
    up: Vec<Vec<NodeId>>,
}

impl AncestorTable {
    pub(super) fn new(doc: &Doc) -> AncestorTable {
        let n = doc.len();
        let max_depth = doc.nodes().iter().map(|x| x.depth).max().unwrap_or(0);
        let levels = (32 - max_depth.leading_zeros()).max(1) as usize;
        let mut up = Vec::with_capacity(levels);
        up.push(
            (0..n as NodeId)
                .map(|v| doc.parent(v).unwrap_or(v))
                .collect::<Vec<_>>(),
        );
        for k in 1..levels {
            let prev: &Vec<NodeId> = &up[k - 1];
            let next = prev.iter().map(|&p| prev[p as usize]).collect();
            up.push(next);
        }
        AncestorTable { up }
    }

    /// The deepest node holding both `a` and `b`, if they share a tree.
    pub(super) fn lca(&self, doc: &Doc, a: NodeId, b: NodeId) -> Option<NodeId> {
        if doc.contains(a, b) {
            return Some(a);
        }
        let mut x = a;
        for k in (0..self.up.len()).rev() {
            let y = self.up[k][x as usize];
            if !doc.contains(y, b) {
                x = y;
            }
        }
        let p = self.up[0][x as usize];
        doc.contains(p, b).then_some(p)
    }

    /// The ancestor of `a` (or `a` itself) that is a child of `l`; `l` when `a == l`.
    pub(super) fn child_toward(&self, doc: &Doc, l: NodeId, a: NodeId) -> NodeId {
        if a == l {
            return a;
        }
        let mut x = a;
        for k in (0..self.up.len()).rev() {
            let y = self.up[k][x as usize];
            if y != l && doc.contains(l, y) {
                x = y;
            }
        }
        x
    }
}

/// Lowest common ancestor by walking up (capped): only for the few nodes of one cluster.
pub(super) fn lca_walk(doc: &Doc, a: NodeId, b: NodeId) -> Option<NodeId> {
    std::iter::once(a)
        .chain(doc.ancestors(a))
        .take(MAX_WALK)
        .find(|&x| doc.contains(x, b))
}

/// Disjoint sets over `0..n`; each set is named by its lowest member.
pub(super) struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    pub(super) fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    pub(super) fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    pub(super) fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        // The lower index stays the root, so groups come out in document order.
        if ra < rb {
            self.parent[rb] = ra;
        } else if rb < ra {
            self.parent[ra] = rb;
        }
    }
}
