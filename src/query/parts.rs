//! The organisations as the single-point check counts them: a tree in which each organisation
//! that is part of another hangs under the nearest whole it stands or falls with (a bureau
//! under ITU), and the organisations behind a target all fall with their nearest common whole
//! and the wholes above it.

/// What [`PartTree::join`] starts from: no organisation yet.
pub(crate) const NOTHING: u32 = u32::MAX;

/// What [`PartTree::join`] gives for organisations under different tops: no whole is common
/// to them.
pub(crate) const DISJOINT: u32 = u32::MAX - 1;

/// The organisations' tree of wholes and parts, by node.
#[derive(Debug, Clone)]
pub(crate) struct PartTree {
    /// The first organisation node: the organisations are one run of nodes.
    start: u32,
    /// Per organisation: the nearest whole that every chain of `part-of` from a top down to it
    /// passes (its immediate dominator among the organisations), or [`NOTHING`] for a top.
    up: Vec<u32>,
    /// Per organisation: how many steps of `up` lie between it and its top.
    depth: Vec<u32>,
    /// Per organisation: the top above it along `up` (itself for a top).
    top: Vec<u32>,
}

impl PartTree {
    /// The tree of the organisations from node `start` on, given each one's `up` (a node, or
    /// [`NOTHING`] for a top). `up` must be a forest, as a dominator tree is.
    pub(crate) fn new(start: u32, up: Vec<u32>) -> PartTree {
        let count = up.len();
        let mut depth = vec![NOTHING; count];
        let mut top = vec![NOTHING; count];
        let mut climbed = Vec::new();
        for first in 0..count {
            // Climb to an organisation already placed, or to a top, then place each one
            // passed on the way: every organisation is climbed past once. A climb longer than
            // the organisations (a cycle, which a dominator tree has not) stops as at a top.
            climbed.clear();
            let mut at = first;
            let (mut d, t) = loop {
                if let Some(&d) = depth.get(at).filter(|&&d| d != NOTHING) {
                    break (d, top.get(at).copied().unwrap_or(NOTHING));
                }
                let next = up.get(at).and_then(|&u| u.checked_sub(start));
                match next.map(|i| i as usize).filter(|&i| i < count) {
                    Some(i) if climbed.len() < count => {
                        climbed.push(at);
                        at = i;
                    }
                    _ => {
                        let t = start + at as u32;
                        if let (Some(d), Some(top)) = (depth.get_mut(at), top.get_mut(at)) {
                            (*d, *top) = (0, t);
                        }
                        break (0, t);
                    }
                }
            };
            while let Some(placed) = climbed.pop() {
                d += 1;
                if let (Some(slot), Some(top)) = (depth.get_mut(placed), top.get_mut(placed)) {
                    (*slot, *top) = (d, t);
                }
            }
        }
        PartTree {
            start,
            up,
            depth,
            top,
        }
    }

    fn slot<T: Copy>(&self, list: &[T], node: u32) -> Option<T> {
        list.get(node.checked_sub(self.start)? as usize).copied()
    }

    /// The nearest whole `node` stands or falls with, or [`NOTHING`] for a top (or a node
    /// that is no organisation).
    pub(crate) fn parent(&self, node: u32) -> u32 {
        self.slot(&self.up, node).unwrap_or(NOTHING)
    }

    /// The top above `node`, an organisation (itself for a top); `node` itself when it is no
    /// organisation.
    pub(crate) fn top(&self, node: u32) -> u32 {
        self.slot(&self.top, node).unwrap_or(node)
    }

    fn depth(&self, node: u32) -> u32 {
        self.slot(&self.depth, node).unwrap_or(0)
    }

    /// The nearest organisation that `a` and `b` both stand or fall with: their nearest common
    /// whole, or the one when the other is part of it. [`NOTHING`] joins to the other,
    /// [`DISJOINT`] to [`DISJOINT`], as do organisations under different tops. Order and
    /// grouping do not matter, so the organisations behind a target join in any order.
    pub(crate) fn join(&self, a: u32, b: u32) -> u32 {
        match (a, b) {
            (NOTHING, other) | (other, NOTHING) => return other,
            (DISJOINT, _) | (_, DISJOINT) => return DISJOINT,
            _ if a == b => return a,
            _ if self.top(a) != self.top(b) => return DISJOINT,
            _ => {}
        }
        let (mut a, mut b) = (a, b);
        let (mut da, mut db) = (self.depth(a), self.depth(b));
        while da > db {
            a = self.parent(a);
            da -= 1;
        }
        while db > da {
            b = self.parent(b);
            db -= 1;
        }
        while a != b && a != NOTHING && b != NOTHING {
            a = self.parent(a);
            b = self.parent(b);
        }
        if a == NOTHING { DISJOINT } else { a }
    }

    /// `node` and the wholes above it, nearest first: the organisations that stand or fall
    /// with what a [`join`](Self::join) gave. Empty for [`NOTHING`] and [`DISJOINT`].
    pub(crate) fn wholes_from(&self, node: u32) -> Vec<u32> {
        let mut found = Vec::new();
        let mut at = node;
        while at != NOTHING && at != DISJOINT && found.len() <= self.up.len() {
            found.push(at);
            at = self.parent(at);
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Organisations 10..17: 10 <- 11 <- 12, 10 <- 13; 14 <- 15; 16 alone.
    fn tree() -> PartTree {
        PartTree::new(10, vec![NOTHING, 10, 11, 10, NOTHING, 14, NOTHING])
    }

    #[test]
    fn joins_meet_at_the_nearest_common_whole() {
        let t = tree();
        assert_eq!(t.join(12, 13), 10);
        assert_eq!(t.join(12, 11), 11);
        assert_eq!(t.join(12, 12), 12);
        assert_eq!(t.join(NOTHING, 15), 15);
        assert_eq!(t.join(15, 12), DISJOINT);
        assert_eq!(t.join(16, 16), 16);
        assert_eq!(t.join(DISJOINT, 12), DISJOINT);
        assert_eq!(t.top(12), 10);
        assert_eq!(t.top(15), 14);
        assert_eq!(t.wholes_from(12), vec![12, 11, 10]);
        assert_eq!(t.wholes_from(DISJOINT), Vec::<u32>::new());
    }

    /// Join is a semilattice: whatever the order and grouping, the same answer.
    #[test]
    fn join_is_associative_commutative_and_idempotent() {
        let t = tree();
        let all: Vec<u32> = (10..17).chain([NOTHING, DISJOINT]).collect();
        for &a in &all {
            assert_eq!(t.join(a, a), a);
            for &b in &all {
                assert_eq!(t.join(a, b), t.join(b, a));
                for &c in &all {
                    assert_eq!(t.join(t.join(a, b), c), t.join(a, t.join(b, c)));
                }
            }
        }
    }

    /// A forest of up to 40 organisations in any node order: each organisation, taken in
    /// a shuffled order, hangs under one taken before it or is a top.
    fn forests() -> impl Strategy<Value = Vec<u32>> {
        (1usize..40)
            .prop_flat_map(|n| {
                let order = Just((0..n as u32).collect::<Vec<_>>()).prop_shuffle();
                (
                    order,
                    prop::collection::vec(any::<prop::sample::Index>(), n),
                    prop::collection::vec(any::<bool>(), n),
                )
            })
            .prop_map(|(order, picks, tops)| {
                let mut up = vec![NOTHING; order.len()];
                for (k, &node) in order.iter().enumerate() {
                    if k > 0 && !tops[k] {
                        up[node as usize] = START + order[picks[k].index(k)];
                    }
                }
                up
            })
    }

    const START: u32 = 100;

    /// `node` and everything above it, by climbing `up` one step at a time.
    fn above(up: &[u32], node: u32) -> Vec<u32> {
        let mut line = vec![node];
        let mut at = node;
        while up[(at - START) as usize] != NOTHING {
            at = up[(at - START) as usize];
            line.push(at);
        }
        line
    }

    proptest! {
        /// A join is the first organisation above one that is also above the other, and
        /// what lies above it is what [`PartTree::wholes_from`] lists.
        #[test]
        fn a_join_is_the_nearest_organisation_above_both(up in forests()) {
            let tree = PartTree::new(START, up.clone());
            let nodes = START..START + up.len() as u32;
            for a in nodes.clone() {
                let line = above(&up, a);
                prop_assert_eq!(tree.top(a), *line.last().unwrap());
                prop_assert_eq!(tree.wholes_from(a), line.clone());
                for b in nodes.clone() {
                    let theirs = above(&up, b);
                    let expected = line.iter().copied().find(|n| theirs.contains(n));
                    prop_assert_eq!(tree.join(a, b), expected.unwrap_or(DISJOINT));
                }
            }
        }
    }
}
