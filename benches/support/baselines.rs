//! The hand-written baselines the crate is measured against: the carrier relations as a flat
//! incoming-edge list (CSR) over dense node numbers, walked by hand; and the pairs `explain` is
//! measured on. Shared by the benchmark (`benches/scale.rs`), which times them, and
//! `examples/count_ops.rs`, which counts them, so both measure the same work.
#![allow(
    clippy::indexing_slicing,
    reason = "a baseline indexes its own lists, as one writes it by hand"
)]

use std::collections::{HashMap, VecDeque};

use gdc_map::{CoverageOptions, EntityId, EntityKind, Graph, Objective, RelationKind};

/// The baseline: the carrier relations as a flat incoming-edge list (CSR) over dense node
/// numbers, and a breadth-first count per objective. It computes the same counts as
/// `coverage_summary` with the default options and nothing else.
pub(crate) struct Csr {
    offsets: Vec<u32>,
    sources: Vec<u32>,
    objectives: Vec<u32>,
    /// Every target, and each node's kind, for the gap baseline.
    targets: Vec<u32>,
    kinds: Vec<EntityKind>,
    /// The same relations the other way, grouped by subject: each initiative's own, for the
    /// orphan check.
    out_offsets: Vec<u32>,
    out_objects: Vec<u32>,
}

impl Csr {
    pub(crate) fn new(graph: &Graph) -> Csr {
        let number: HashMap<EntityId, u32> = graph
            .entities()
            .enumerate()
            .map(|(i, e)| (e.id(), i as u32))
            .collect();
        let n = number.len();
        let carriers = CoverageOptions::DEFAULT_CARRIERS;
        let edges: Vec<(u32, u32)> = graph
            .relations()
            .iter()
            .filter(|r| carriers.contains(&r.kind))
            .filter(|r| {
                !(matches!(
                    r.kind,
                    RelationKind::PartOf | RelationKind::MemberOf | RelationKind::SubgroupOf
                ) && r.to.kind() == EntityKind::Organisation)
            })
            .map(|r| (number[&r.to], number[&r.from]))
            .collect();
        let (offsets, sources) = grouped(n, edges.iter().copied());
        let objectives = Objective::ALL
            .iter()
            .map(|&o| number[&EntityId::from(o)])
            .collect();
        let targets = graph.targets().iter().map(|t| number[t]).collect();
        let mut kinds = vec![EntityKind::Objective; n];
        for (id, &i) in &number {
            kinds[i as usize] = id.kind();
        }
        let (out_offsets, out_objects) = grouped(n, edges.iter().map(|&(to, from)| (from, to)));
        Csr {
            offsets,
            sources,
            objectives,
            targets,
            kinds,
            out_offsets,
            out_objects,
        }
    }

    /// The core of the gap report, the way the report does it, by hand over this list: for
    /// each batch of 64 targets, a look two relations deep (the targets' own supporters, then
    /// the supporters of their first two), a pass per depth, which settles a target once two
    /// initiatives and two organisations are behind it (enough for the thin and
    /// single-organisation checks); for each target it leaves open, a depth-first walk that
    /// stops there; and for the
    /// orphans, a pass over the initiatives' own relations and, only when some initiative has
    /// none straight into a target, one breadth-first walk from every target at once. (The
    /// report also finds
    /// context-only targets, idle organisations and leaderless bodies, gathers evidence and
    /// writes an explanation for each finding; this does none of that.)
    pub(crate) fn gap_core(&self, seen: &mut [u32], epoch: &mut u32) -> GapCore {
        let mut core = GapCore::default();
        let arcs = |node: u32| self.offsets[node as usize]..self.offsets[node as usize + 1];
        let mut stack: Vec<std::ops::Range<u32>> = Vec::new();
        let initiatives_needed = |target: u32| match self.kinds[target as usize] {
            EntityKind::Objective | EntityKind::Commitment => 2,
            _ => 0,
        };
        let (mut supporters, mut runs) = (Vec::new(), Vec::new());
        let mut found = [Near::default(); 64];
        for batch in self.targets.chunks(64) {
            supporters.clear();
            for (place, &target) in batch.iter().enumerate() {
                let near = &mut found[place];
                *near = Near::default();
                let needed = initiatives_needed(target);
                for (i, &from) in self.sources[arcs(target).start as usize..]
                    [..arcs(target).len().min(8)]
                    .iter()
                    .enumerate()
                {
                    near.reached = true;
                    near.count(from, self.kinds[from as usize], needed);
                    if i < 2 {
                        supporters.push((place, from));
                    }
                    if near.initiatives >= needed && i + 1 >= 2 {
                        break;
                    }
                }
            }
            runs.clear();
            runs.extend(supporters.iter().map(|&(_, from)| arcs(from)));
            let touched = runs.iter().fold(0, |acc, run| {
                acc ^ self.sources.get(run.start as usize).copied().unwrap_or(0)
            });
            std::hint::black_box(touched);
            for (&(place, _), run) in supporters.iter().zip(&runs) {
                let needed = initiatives_needed(batch[place]);
                let near = &mut found[place];
                for &from in &self.sources[run.start as usize..][..run.len().min(8)] {
                    if near.settles(needed) {
                        break;
                    }
                    near.count(from, self.kinds[from as usize], needed);
                }
            }
            for (place, &start) in batch.iter().enumerate() {
                if found[place].settles(initiatives_needed(start)) {
                    continue;
                }
                let initiatives_needed = initiatives_needed(start);
                *epoch += 1;
                seen[start as usize] = *epoch;
                stack.clear();
                stack.push(arcs(start));
                let (mut total, mut initiatives, mut organisations) = (0, 0, 0);
                while let Some(top) = stack.last_mut() {
                    let Some(at) = top.next() else {
                        stack.pop();
                        continue;
                    };
                    let from = self.sources[at as usize];
                    if seen[from as usize] == *epoch {
                        continue;
                    }
                    seen[from as usize] = *epoch;
                    total += 1;
                    match self.kinds[from as usize] {
                        EntityKind::Initiative => initiatives += 1,
                        EntityKind::Organisation => organisations += 1,
                        _ => {}
                    }
                    if initiatives >= initiatives_needed && organisations >= 2 {
                        break;
                    }
                    stack.push(arcs(from));
                }
                if total == 0 {
                    core.uncovered += 1;
                    continue;
                }
                core.thin += usize::from(initiatives < initiatives_needed);
                core.no_organisation += usize::from(organisations == 0);
                core.single_organisation += usize::from(organisations == 1);
            }
        }
        // An initiative with a relation straight into a target covers it; only if one has
        // none does a breadth-first walk from every target at once settle the rest.
        let unsettled: Vec<usize> = (0..self.kinds.len())
            .filter(|&n| self.kinds[n] == EntityKind::Initiative)
            .filter(|&n| {
                let objects = self.out_offsets[n] as usize..self.out_offsets[n + 1] as usize;
                !self.out_objects[objects]
                    .iter()
                    .any(|&to| self.kinds[to as usize].is_target())
            })
            .collect();
        if unsettled.is_empty() {
            return core;
        }
        *epoch += 1;
        let mut queue = VecDeque::new();
        for &start in &self.targets {
            seen[start as usize] = *epoch;
            queue.push_back(start);
        }
        while let Some(node) = queue.pop_front() {
            let range = arcs(node);
            for &from in &self.sources[range.start as usize..range.end as usize] {
                if seen[from as usize] != *epoch {
                    seen[from as usize] = *epoch;
                    queue.push_back(from);
                }
            }
        }
        core.orphans = unsettled.iter().filter(|&&n| seen[n] != *epoch).count();
        core
    }

    pub(crate) fn coverage_counts(&self, seen: &mut [u32], epoch: &mut u32) -> Vec<usize> {
        let mut queue = VecDeque::new();
        self.objectives
            .iter()
            .map(|&start| {
                *epoch += 1;
                seen[start as usize] = *epoch;
                queue.clear();
                queue.push_back(start);
                let mut count = 0;
                while let Some(node) = queue.pop_front() {
                    let (a, b) = (self.offsets[node as usize], self.offsets[node as usize + 1]);
                    for &from in &self.sources[a as usize..b as usize] {
                        if seen[from as usize] != *epoch {
                            seen[from as usize] = *epoch;
                            count += 1;
                            queue.push_back(from);
                        }
                    }
                }
                count
            })
            .collect()
    }
}

/// The second ends of `pairs` grouped by their first ends (nodes `0..n`): each group's start
/// in the list, then the list.
fn grouped(n: usize, pairs: impl Iterator<Item = (u32, u32)> + Clone) -> (Vec<u32>, Vec<u32>) {
    let mut offsets = vec![0u32; n + 1];
    for (key, _) in pairs.clone() {
        offsets[key as usize + 1] += 1;
    }
    for i in 1..=n {
        offsets[i] += offsets[i - 1];
    }
    let mut fill = offsets.clone();
    let mut values = vec![0u32; offsets[n] as usize];
    for (key, value) in pairs {
        values[fill[key as usize] as usize] = value;
        fill[key as usize] += 1;
    }
    (offsets, values)
}

/// What the gap baseline's look found behind one target: distinct initiatives (up to what
/// the target needs) and organisations (up to two).
#[derive(Clone, Copy, Default)]
struct Near {
    counted: [u32; 4],
    len: usize,
    initiatives: usize,
    organisations: usize,
    reached: bool,
}

impl Near {
    fn settles(&self, initiatives_needed: usize) -> bool {
        self.reached && self.initiatives >= initiatives_needed && self.organisations >= 2
    }

    fn count(&mut self, node: u32, kind: EntityKind, initiatives_needed: usize) {
        if self.counted[..self.len].contains(&node) {
            return;
        }
        match kind {
            EntityKind::Initiative if self.initiatives < initiatives_needed => {
                self.initiatives += 1
            }
            EntityKind::Organisation if self.organisations < 2 => self.organisations += 1,
            _ => return,
        }
        self.counted[self.len] = node;
        self.len += 1;
    }
}

/// What the gap baseline counts: targets nothing covers, objectives and commitments covered
/// by fewer than two initiatives, covered targets with no organisation or exactly one
/// behind them, and initiatives that cover no target.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct GapCore {
    pub(crate) uncovered: usize,
    pub(crate) thin: usize,
    pub(crate) no_organisation: usize,
    pub(crate) single_organisation: usize,
    pub(crate) orphans: usize,
}

/// The 100 pairs `explain` is measured on: spread over the entities by two multiplicative
/// hashes, the same pairs for the same graph.
pub(crate) fn explain_pairs(graph: &Graph) -> Vec<(EntityId, EntityId)> {
    let ids: Vec<EntityId> = graph.entities().map(|e| e.id()).collect();
    let pick = |i: u64, factor: u64| {
        let at = (i.wrapping_mul(factor) >> 7) as usize % ids.len().max(1);
        ids.get(at).cloned()
    };
    (0..100u64)
        .filter_map(|i| {
            Some((
                pick(i, 0x9e37_79b9_7f4a_7c15)?,
                pick(i, 0xbf58_476d_1ce4_e5b9)?,
            ))
        })
        .collect()
}
