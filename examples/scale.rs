//! Times the main operations on a synthetic dataset of N initiatives (default 100000):
//! generate, write JSON, parse, build, objective coverage, gap report.
//!
//! Run with `cargo run --release --example scale -- 100000`.

use std::time::Instant;

use gdc_map::{CoverageOptions, Dataset, GapPolicy, GraphBuilder, SyntheticSpec};

#[path = "support/cli.rs"]
mod cli;

fn main() -> std::process::ExitCode {
    cli::finish(run())
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    cli::at_most(1, "cargo run --release --example scale -- [initiatives]")?;
    let n = cli::size_arg(1, 100_000, 0)?;
    let t = Instant::now();
    let data = SyntheticSpec::new(n).generate();
    println!("generate      {:>8.3}s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let json = data.to_json();
    println!(
        "to_json       {:>8.3}s  {} MB",
        t.elapsed().as_secs_f64(),
        json.len() / 1_000_000
    );
    let t = Instant::now();
    let parsed = Dataset::from_json(&json)?;
    println!("parse         {:>8.3}s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let graph = GraphBuilder::new().layer(parsed).build()?;
    println!(
        "build         {:>8.3}s  {} entities, {} relations",
        t.elapsed().as_secs_f64(),
        graph.entity_count(),
        graph.relations().len()
    );
    let t = Instant::now();
    let cov = graph.objective_coverage(&CoverageOptions::default());
    println!(
        "coverage      {:>8.3}s  {:?}",
        t.elapsed().as_secs_f64(),
        cov.iter().map(|c| c.entries.len()).collect::<Vec<_>>()
    );
    let t = Instant::now();
    let gaps = graph.gaps(&GapPolicy::default());
    println!(
        "gaps          {:>8.3}s  {} findings",
        t.elapsed().as_secs_f64(),
        gaps.findings.len()
    );
    Ok(())
}
