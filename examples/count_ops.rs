//! Runs each benchmarked query once on a synthetic dataset of N initiatives, each in a
//! function of its own, so that callgrind can count what each costs: instructions executed
//! and cache misses in a simulated cache. Unlike times, those counts do not move with the
//! load other programs put on the machine, so they tell whether a cost grows with the data
//! or with the memory it no longer finds in the cache.
//!
//! `benches/count.sh` runs it under callgrind at 10^5 and 10^6 and prints the table; by hand:
//!
//! ```text
//! cargo build --release --example count_ops
//! valgrind --tool=callgrind --cache-sim=yes --callgrind-out-file=out target/release/examples/count_ops 100000
//! callgrind_annotate --inclusive=yes out | grep count_ops::op_
//! ```
#![allow(
    clippy::indexing_slicing,
    reason = "the baseline indexes its own lists, as one writes it by hand"
)]

use std::collections::{HashMap, VecDeque};
use std::hint::black_box;

use gdc_map::{
    CoverageOptions, EntityId, EntityKind, GapPolicy, Graph, Objective, RelationKind, SyntheticSpec,
};

#[inline(never)]
fn op_build(json: &str) -> gdc_map::Result<Graph> {
    Graph::from_json(json)
}

#[inline(never)]
fn op_coverage_transitive(graph: &Graph, objectives: &[EntityId]) -> Vec<usize> {
    let options = CoverageOptions::default();
    let summaries = graph.coverage_summaries(objectives, &options);
    summaries.iter().map(|s| s.total).collect()
}

#[inline(never)]
fn op_coverage_direct(graph: &Graph, objectives: &[EntityId]) -> usize {
    let options = CoverageOptions::default().direct_only();
    let summaries = graph.coverage_summaries(objectives, &options);
    summaries.iter().map(|s| s.total).sum()
}

#[inline(never)]
fn op_coverage_with_paths(graph: &Graph) -> usize {
    let coverage = graph.objective_coverage(&CoverageOptions::default());
    coverage.iter().map(|c| c.entries.len()).sum()
}

#[inline(never)]
fn op_gap_report(graph: &Graph) -> usize {
    graph.gaps(&GapPolicy::default()).findings.len()
}

#[inline(never)]
fn op_explain_100_pairs(graph: &Graph, pairs: &[(EntityId, EntityId)]) -> usize {
    pairs
        .iter()
        .filter_map(|(a, b)| graph.explain(a, b))
        .count()
}

/// The benchmark's coverage baseline: the carrier relations as incoming lists over dense
/// node numbers (CSR), and a breadth-first count from each objective.
struct Csr {
    starts: Vec<u32>,
    sources: Vec<u32>,
}

impl Csr {
    fn new(graph: &Graph) -> Csr {
        let number: HashMap<EntityId, u32> = (0u32..)
            .zip(graph.entities())
            .map(|(n, e)| (e.id(), n))
            .collect();
        let mut arcs: Vec<(u32, u32)> = graph
            .relations()
            .iter()
            .filter(|r| CoverageOptions::DEFAULT_CARRIERS.contains(&r.kind))
            .filter(|r| {
                let hierarchy = matches!(
                    r.kind,
                    RelationKind::PartOf | RelationKind::MemberOf | RelationKind::SubgroupOf
                );
                !(hierarchy && r.to.kind() == EntityKind::Organisation)
            })
            .map(|r| (number[&r.to], number[&r.from]))
            .collect();
        arcs.sort_unstable();
        let mut starts = vec![0u32; number.len() + 1];
        for &(to, _) in &arcs {
            starts[to as usize + 1] += 1;
        }
        for n in 1..starts.len() {
            starts[n] += starts[n - 1];
        }
        Csr {
            starts,
            sources: arcs.into_iter().map(|(_, from)| from).collect(),
        }
    }
}

#[inline(never)]
fn op_baseline_coverage(csr: &Csr, objectives: &[u32]) -> Vec<usize> {
    let mut seen = vec![u32::MAX; csr.starts.len()];
    let mut queue = VecDeque::new();
    (0u32..)
        .zip(objectives)
        .map(|(walk, &start)| {
            seen[start as usize] = walk;
            queue.push_back(start);
            let mut count = 0;
            while let Some(node) = queue.pop_front() {
                let arcs =
                    csr.starts[node as usize] as usize..csr.starts[node as usize + 1] as usize;
                for &from in &csr.sources[arcs] {
                    if seen[from as usize] != walk {
                        seen[from as usize] = walk;
                        count += 1;
                        queue.push_back(from);
                    }
                }
            }
            count
        })
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args().nth(1).map_or(Ok(100_000), |s| s.parse())?;
    let json = SyntheticSpec::new(n).generate().to_json();
    let graph = op_build(&json)?;
    drop(json);
    let objectives: Vec<EntityId> = Objective::ALL.into_iter().map(Into::into).collect();
    let csr = Csr::new(&graph);
    let numbers: Vec<u32> = objectives
        .iter()
        .filter_map(|o| graph.entities().position(|e| &e.id() == o))
        .map(|n| n as u32)
        .collect();

    let baseline = op_baseline_coverage(&csr, &numbers);
    let crate_counts = op_coverage_transitive(&graph, &objectives);
    assert_eq!(baseline, crate_counts, "baseline and crate agree");
    black_box(op_coverage_direct(&graph, &objectives));
    black_box(op_coverage_with_paths(&graph));
    black_box(op_gap_report(&graph));
    // The benchmark's pairs: spread over the entities by two multiplicative hashes.
    let ids: Vec<EntityId> = graph.entities().map(|e| e.id()).collect();
    let pick =
        |i: u64, factor: u64| ids[(i.wrapping_mul(factor) >> 7) as usize % ids.len()].clone();
    let pairs: Vec<(EntityId, EntityId)> = (0..100u64)
        .map(|i| {
            (
                pick(i, 0x9e37_79b9_7f4a_7c15),
                pick(i, 0xbf58_476d_1ce4_e5b9),
            )
        })
        .collect();
    black_box(op_explain_100_pairs(&graph, &pairs));
    println!(
        "{n} initiatives: {} entities, {} relations; objectives covered by {crate_counts:?}",
        graph.entity_count(),
        graph.relations().len()
    );
    Ok(())
}
