//! A few of the initiatives and organisations behind every entity at once, for the gap report
//! when walking from each target costs too much.
//!
//! The gap report asks of each target whether some initiatives (the policy's minimum) and two
//! organisations stand behind it. A walk from the target answers as soon as it has met them,
//! which on most data is after a few relations. But when many targets stand behind one large
//! group of entities that never holds enough (initiatives contributing to one another in a
//! ring, say, with no organisation anywhere), every target's walk reads the whole group, and
//! the report grows with the square of the data. Here the same answers come from one pass
//! over the graph: its strongly connected components (every entity in one covers every other),
//! each found after all those it reaches (Tarjan's algorithm, without recursion), and for
//! each, the first few distinct initiatives and organisations of its own and of the
//! components behind it. A set kept to its first few members merges exactly: the union of
//! capped sets holds at least as many as the cap, or all there are.

use crate::graph::{Graph, Incoming};
use crate::model::id::EntityKind;
use crate::query::coverage::WalkRule;
use crate::query::nearby::NodeKinds;
use crate::query::parts;

const NONE: u32 = u32::MAX;

/// The first few distinct initiatives and organisations behind each entity.
pub(crate) struct CappedReach {
    /// Each node's component.
    component: Vec<u32>,
    /// Per component, `initiatives` slots then `organisations` slots, `NONE` where empty.
    slots: Vec<u32>,
    initiatives: usize,
    organisations: usize,
    /// Per component, when organisations have parts: the nearest whole every organisation
    /// behind it stands or falls with ([`PartTree::join`](crate::query::parts::PartTree::join) of them all).
    wholes: Vec<u32>,
}

/// What stands behind one entity, each count capped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Behind {
    /// The initiatives found, in no order: all of them when fewer than the cap.
    pub(crate) found_initiatives: Vec<u32>,
    pub(crate) initiatives: usize,
    /// How many distinct organisations, each counted as [`NodeKinds::organisation_key`]
    /// gives (the top it stands under, when organisations have parts).
    pub(crate) organisations: usize,
    /// One of the organisations behind it, as counted, if any: the only one when there is
    /// one.
    pub(crate) first_organisation: Option<u32>,
}

impl CappedReach {
    /// Counts up to `initiatives` initiatives and `organisations` organisations behind every
    /// node, along the relations `rule` crosses (walked backwards, as coverage is).
    pub(crate) fn new(
        graph: &Graph,
        rule: WalkRule,
        initiatives: usize,
        organisations: usize,
        kinds: &NodeKinds<'_>,
    ) -> CappedReach {
        let incoming = &graph.walk_index().incoming;
        let n = graph.entity_count();
        let (initiative_nodes, organisation_nodes) = (
            graph.nodes_of(EntityKind::Initiative),
            graph.nodes_of(EntityKind::Organisation),
        );
        let width = initiatives + organisations;
        let mut reach = CappedReach {
            component: vec![NONE; n],
            slots: Vec::new(),
            initiatives,
            organisations,
            wholes: Vec::new(),
        };
        let mut components = 0u32;
        let mut tarjan = Tarjan::new(n);
        let mut members = Vec::new();
        let mut set = vec![NONE; width];
        for root in 0..n as u32 {
            if tarjan.number.get(root as usize) != Some(&NONE) {
                continue;
            }
            tarjan.run(incoming, rule, root, &mut members, |members| {
                // A component found: every component behind it was found before it.
                let c = components;
                components += 1;
                for &m in members {
                    if let Some(slot) = reach.component.get_mut(m as usize) {
                        *slot = c;
                    }
                }
                set.fill(NONE);
                let (own_initiatives, own_organisations) = set.split_at_mut(initiatives);
                let mut whole = parts::NOTHING;
                for &m in members {
                    if initiative_nodes.contains(&m) {
                        add(own_initiatives, m);
                    } else if organisation_nodes.contains(&m) {
                        add(own_organisations, kinds.organisation_key(m));
                        if let Some(tree) = kinds.parts {
                            whole = tree.join(whole, m);
                        }
                    }
                }
                for &m in members {
                    // A full set takes nothing more from behind, nor does a whole that no
                    // organisation can share any more.
                    let whole_settled = kinds.parts.is_none() || whole == parts::DISJOINT;
                    if !own_initiatives.contains(&NONE)
                        && !own_organisations.contains(&NONE)
                        && whole_settled
                    {
                        break;
                    }
                    let run = incoming
                        .stored()
                        .get(incoming.positions(m as usize))
                        .unwrap_or_default();
                    for arc in run.iter().filter(|a| rule.crosses(a.flags())) {
                        let behind = reach.component.get(arc.other() as usize).copied();
                        let Some(b) = behind.filter(|&b| b != c && b != NONE) else {
                            continue;
                        };
                        if let Some(tree) = kinds.parts {
                            let theirs = reach.wholes.get(b as usize).copied();
                            whole = tree.join(whole, theirs.unwrap_or(parts::NOTHING));
                        }
                        let theirs = (b as usize * width..(b as usize + 1) * width)
                            .filter_map(|i| reach.slots.get(i).copied());
                        for (i, v) in theirs.enumerate().filter(|&(_, v)| v != NONE) {
                            if i < initiatives {
                                add(own_initiatives, v);
                            } else {
                                add(own_organisations, v);
                            }
                        }
                    }
                }
                reach.slots.extend_from_slice(&set);
                if kinds.parts.is_some() {
                    reach.wholes.push(whole);
                }
            });
        }
        reach
    }

    /// What stands behind `node`, a node that is neither an initiative nor an organisation
    /// (a target): everything in its component and behind it.
    pub(crate) fn behind(&self, node: u32) -> Behind {
        let width = self.initiatives + self.organisations;
        let c = self.component.get(node as usize).copied().unwrap_or(NONE);
        let set = (c as usize)
            .checked_mul(width)
            .and_then(|at| self.slots.get(at..at + width))
            .unwrap_or_default();
        let (initiatives, organisations) = set.split_at(self.initiatives.min(set.len()));
        let count = |part: &[u32]| part.iter().filter(|&&v| v != NONE).count();
        Behind {
            found_initiatives: initiatives.iter().copied().filter(|&v| v != NONE).collect(),
            initiatives: count(initiatives),
            organisations: count(organisations),
            first_organisation: organisations.first().copied().filter(|&v| v != NONE),
        }
    }

    /// The nearest whole every organisation behind `node` stands or falls with, when the
    /// organisations have parts: [`parts::NOTHING`] when none stands behind it,
    /// [`parts::DISJOINT`] when they have no top in common.
    pub(crate) fn common_whole(&self, node: u32) -> u32 {
        let c = self.component.get(node as usize).copied().unwrap_or(NONE);
        self.wholes
            .get(c as usize)
            .copied()
            .unwrap_or(parts::NOTHING)
    }
}

/// Puts `node` in the first empty slot of `set` unless it is there already or `set` is full.
fn add(set: &mut [u32], node: u32) {
    for slot in set.iter_mut() {
        if *slot == node {
            return;
        }
        if *slot == NONE {
            *slot = node;
            return;
        }
    }
}

/// Tarjan's strongly connected components over the relations a rule crosses, walked from
/// each entity to the subjects of its incoming relations, with an explicit stack.
struct Tarjan {
    number: Vec<u32>,
    low: Vec<u32>,
    on_stack: Vec<bool>,
    stack: Vec<u32>,
    /// The depth-first path: each node and the position of its next arc to try.
    path: Vec<(u32, usize)>,
    next_number: u32,
}

impl Tarjan {
    fn new(n: usize) -> Tarjan {
        Tarjan {
            number: vec![NONE; n],
            low: vec![NONE; n],
            on_stack: vec![false; n],
            stack: Vec::new(),
            path: Vec::new(),
            next_number: 0,
        }
    }

    fn visit(&mut self, node: u32, incoming: &Incoming) {
        let i = node as usize;
        if let (Some(number), Some(low), Some(on)) = (
            self.number.get_mut(i),
            self.low.get_mut(i),
            self.on_stack.get_mut(i),
        ) {
            *number = self.next_number;
            *low = self.next_number;
            *on = true;
        }
        self.next_number += 1;
        self.stack.push(node);
        self.path.push((node, incoming.positions(i).start));
    }

    /// Every component reachable from `root` and not found yet, each handed to `found` once
    /// all those it reaches have been.
    fn run(
        &mut self,
        incoming: &Incoming,
        rule: WalkRule,
        root: u32,
        members: &mut Vec<u32>,
        mut found: impl FnMut(&[u32]),
    ) {
        let stored = incoming.stored();
        self.visit(root, incoming);
        while let Some(&mut (node, ref mut at)) = self.path.last_mut() {
            let end = incoming.positions(node as usize).end;
            if *at < end {
                let arc = stored.get(*at);
                *at += 1;
                let Some(other) = arc.filter(|a| rule.crosses(a.flags())).map(|a| a.other()) else {
                    continue;
                };
                let o = other as usize;
                match self.number.get(o).copied() {
                    Some(NONE) => self.visit(other, incoming),
                    Some(number) if self.on_stack.get(o) == Some(&true) => {
                        if let Some(low) = self.low.get_mut(node as usize) {
                            *low = (*low).min(number);
                        }
                    }
                    _ => {}
                }
                continue;
            }
            self.path.pop();
            let low = self.low.get(node as usize).copied().unwrap_or(NONE);
            if let Some(&(parent, _)) = self.path.last()
                && let Some(parent_low) = self.low.get_mut(parent as usize)
            {
                *parent_low = (*parent_low).min(low);
            }
            if self.number.get(node as usize) == Some(&low) {
                members.clear();
                while let Some(m) = self.stack.pop() {
                    if let Some(on) = self.on_stack.get_mut(m as usize) {
                        *on = false;
                    }
                    members.push(m);
                    if m == node {
                        break;
                    }
                }
                found(members);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::id::EntityKind;
    use crate::query::coverage::{CoverageOptions, Evidence, Walker};
    use crate::{GraphBuilder, SyntheticSpec};

    /// For every target, under every cap, what one pass counts is what a walk from the
    /// target to its end counts, cut at the cap; and the organisation it names is one the
    /// walk reaches.
    #[test]
    fn one_pass_counts_what_each_walk_counts() {
        for (size, seed) in [(300, 1), (1_500, 9)] {
            let graph = GraphBuilder::new()
                .layer(SyntheticSpec::new(size).seed(seed).generate())
                .build()
                .unwrap();
            let organisations = graph.nodes_of(EntityKind::Organisation);
            let initiatives = graph.nodes_of(EntityKind::Initiative);
            let stated_only = CoverageOptions::default().evidence(Evidence::StatedOnly);
            for options in [CoverageOptions::default(), stated_only] {
                let rule = options.walk_rule();
                let mut walker = Walker::new(&graph);
                for (cap_i, cap_o) in [(2, 2), (0, 2), (3, 0), (1, 1), (5, 3)] {
                    let kinds = NodeKinds {
                        initiatives: initiatives.clone(),
                        organisations: organisations.clone(),
                        parts: None,
                    };
                    let capped = CappedReach::new(&graph, rule, cap_i, cap_o, &kinds);
                    for t in graph.target_nodes() {
                        walker.walk_until(t, rule, |_| false);
                        let reached = walker.order();
                        let count = |kind: &std::ops::Range<u32>| {
                            reached.iter().filter(|n| kind.contains(n)).count()
                        };
                        let behind = capped.behind(t);
                        assert_eq!(behind.initiatives, count(&initiatives).min(cap_i));
                        if behind.initiatives < cap_i {
                            let mut all: Vec<u32> = reached
                                .iter()
                                .copied()
                                .filter(|n| initiatives.contains(n))
                                .collect();
                            let mut found = behind.found_initiatives.clone();
                            all.sort_unstable();
                            found.sort_unstable();
                            assert_eq!(found, all);
                        }
                        assert_eq!(behind.organisations, count(&organisations).min(cap_o));
                        match behind.first_organisation {
                            Some(o) => assert!(reached.contains(&o)),
                            None => assert!(cap_o == 0 || count(&organisations) == 0),
                        }
                    }
                }
            }
        }
    }
}
