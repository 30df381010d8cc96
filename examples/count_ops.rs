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

use std::hint::black_box;

use gdc_map::{CoverageOptions, EntityId, GapPolicy, Graph, Objective, SyntheticSpec};

#[path = "../benches/support/baselines.rs"]
mod baselines;
use baselines::{Csr, GapCore, explain_pairs};

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
fn op_coverage_every_target(graph: &Graph, targets: &[EntityId]) -> usize {
    let summaries = graph.coverage_summaries(targets, &CoverageOptions::default());
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

#[inline(never)]
fn op_baseline_coverage(csr: &Csr, seen: &mut [u32], epoch: &mut u32) -> Vec<usize> {
    csr.coverage_counts(seen, epoch)
}

#[inline(never)]
fn op_baseline_gap_core(csr: &Csr, seen: &mut [u32], epoch: &mut u32) -> GapCore {
    csr.gap_core(seen, epoch)
}

#[path = "support/cli.rs"]
mod cli;

fn main() -> std::process::ExitCode {
    cli::finish(run())
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    cli::at_most(
        1,
        "cargo run --release --example count_ops -- [initiatives]",
    )?;
    let n = cli::size_arg(1, 100_000, 0)?;
    let json = SyntheticSpec::new(n).generate().to_json();
    let graph = op_build(&json)?;
    drop(json);
    let objectives: Vec<EntityId> = Objective::ALL.into_iter().map(Into::into).collect();
    let csr = Csr::new(&graph);
    let (mut seen, mut epoch) = (vec![0u32; graph.entity_count()], 0);

    let baseline = op_baseline_coverage(&csr, &mut seen, &mut epoch);
    let crate_counts = op_coverage_transitive(&graph, &objectives);
    assert_eq!(baseline, crate_counts, "baseline and crate agree");
    black_box(op_baseline_gap_core(&csr, &mut seen, &mut epoch));
    black_box(op_coverage_direct(&graph, &objectives));
    black_box(op_coverage_every_target(&graph, &graph.targets()));
    black_box(op_coverage_with_paths(&graph));
    black_box(op_gap_report(&graph));
    let pairs = explain_pairs(&graph);
    black_box(op_explain_100_pairs(&graph, &pairs));
    println!(
        "{n} initiatives: {} entities, {} relations; objectives covered by {crate_counts:?}",
        graph.entity_count(),
        graph.relations().len()
    );
    Ok(())
}
