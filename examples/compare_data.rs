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

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().ok_or("usage: compare_data N DIR")?.parse()?;
    let dir = PathBuf::from(args.next().ok_or("usage: compare_data N DIR")?);
    std::fs::create_dir_all(&dir)?;
    let graph = GraphBuilder::new()
        .layer(SyntheticSpec::new(n).generate())
        .build()?;
    graph.write_json(std::fs::File::create(dir.join("dataset.json"))?)?;
    export::write_ntriples(&graph, std::fs::File::create(dir.join("data.nt"))?)?;

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
    std::fs::write(
        dir.join("answers.json"),
        serde_json::to_string_pretty(&answers)?,
    )?;
    println!(
        "wrote {} ({} entities, {} relations)",
        dir.display(),
        graph.entity_count(),
        graph.relations().len()
    );
    Ok(())
}
