//! Writes a synthetic dataset in every form the comparison script loads, with the crate's own
//! answers and timings for the same questions.
//!
//! Run with `cargo run --release --example compare_data -- N DIR`; then
//! `python3 benches/compare.py DIR` loads the same facts into pyoxigraph and networkx, asks
//! the same questions, checks that the answers agree, and prints times and ratios.
//!
//! Files: `dataset.json` (our format), `data.nt` (N-Triples), `answers.json` (the crate's
//! answers, and the median of five timed runs of each question, in seconds).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use gdc_map::{CoverageOptions, EntityKind, Graph, GraphBuilder, SyntheticSpec, export};

/// The median time of five runs of `f`, and its last answer.
fn timed<T>(mut f: impl FnMut() -> T) -> (f64, T) {
    let t = Instant::now();
    let answer = f();
    let mut times = vec![t.elapsed().as_secs_f64()];
    for _ in 0..4 {
        let t = Instant::now();
        std::hint::black_box(f());
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    (times.get(2).copied().unwrap_or_default(), answer)
}

/// Per target: covering entities, covering initiatives, covering organisations.
fn counts(graph: &Graph) -> BTreeMap<String, [usize; 3]> {
    let options = CoverageOptions::default();
    graph
        .coverage_summaries(&graph.targets(), &options)
        .into_iter()
        .map(|s| {
            (
                s.target.to_string(),
                [
                    s.total,
                    s.count(EntityKind::Initiative),
                    s.count(EntityKind::Organisation),
                ],
            )
        })
        .collect()
}

#[path = "support/cli.rs"]
mod cli;

fn main() -> std::process::ExitCode {
    cli::finish(run())
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    const USAGE: &str = "usage: cargo run --release --example compare_data -- N DIR";
    if std::env::args().nth(2).is_none() {
        return Err(USAGE.into());
    }
    cli::at_most(2, "cargo run --release --example compare_data -- N DIR")?;
    let n = cli::size_arg(1, 0, 0)?;
    let dir = PathBuf::from(std::env::args_os().nth(2).ok_or(USAGE)?);
    std::fs::create_dir_all(&dir).map_err(cli::about(&dir))?;
    let graph = GraphBuilder::new()
        .layer(SyntheticSpec::new(n).generate())
        .build()?;
    let (json, triples) = (dir.join("dataset.json"), dir.join("data.nt"));
    graph
        .write_json(std::fs::File::create(&json).map_err(cli::about(&json))?)
        .map_err(cli::about(&json))?;
    export::write_ntriples(
        &graph,
        std::fs::File::create(&triples).map_err(cli::about(&triples))?,
    )
    .map_err(cli::about(&triples))?;

    let options = CoverageOptions::default();
    let objectives: Vec<gdc_map::EntityId> = gdc_map::Objective::ALL
        .into_iter()
        .map(Into::into)
        .collect();
    let (t_coverage, coverage) = timed(|| {
        graph
            .coverage_summaries(&objectives, &options)
            .into_iter()
            .map(|s| (s.target.to_string(), s.total))
            .collect::<BTreeMap<_, _>>()
    });
    let (t_targets, per_target) = timed(|| counts(&graph));
    let thin: Vec<&String> = per_target
        .iter()
        .filter(|(_, c)| c[1] < 2)
        .map(|(t, _)| t)
        .collect();
    let single: Vec<&String> = per_target
        .iter()
        .filter(|(_, c)| c[2] == 1)
        .map(|(t, _)| t)
        .collect();
    let mut policy = gdc_map::GapPolicy::default();
    policy.uncovered = false;
    policy.min_initiatives = 0;
    policy.single_points = false;
    policy.context_only = false;
    policy.idle = false;
    policy.leaderless = false;
    let (t_orphans, orphans) = timed(|| {
        graph
            .gaps(&policy)
            .findings
            .into_iter()
            .map(|f| f.subject.to_string())
            .collect::<Vec<_>>()
    });
    let (t_gaps, _) = timed(|| graph.gaps(&gdc_map::GapPolicy::default()));
    let answers = serde_json::json!({
        "initiatives": n,
        "entities": graph.entity_count(),
        "relations": graph.relations().len(),
        "coverage_per_objective": coverage,
        "thin_targets": thin,
        "single_organisation_targets": single,
        "orphan_initiatives": orphans,
        "seconds": {
            "coverage_per_objective": t_coverage,
            "thin_and_single_organisation_targets": t_targets,
            "orphan_initiatives": t_orphans,
            "full_gap_report": t_gaps,
        }
    });
    let answers_file = dir.join("answers.json");
    std::fs::write(&answers_file, serde_json::to_string_pretty(&answers)?)
        .map_err(cli::about(&answers_file))?;
    println!(
        "wrote {} ({} entities, {} relations)",
        dir.display(),
        graph.entity_count(),
        graph.relations().len()
    );
    Ok(())
}
