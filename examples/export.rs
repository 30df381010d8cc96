//! Writes every format for the embedded dataset into a folder.
//!
//! Run with `cargo run --example export -- out/`. It writes:
//!
//! - `dataset.json` — the lossless JSON format, and `dataset.schema.json`, its JSON Schema;
//! - `graph.dot` (Graphviz), `graph.graphml` (Gephi, yEd, networkx), `graph.ttl` (RDF Turtle);
//! - `coverage.csv` — every target's coverage in long form;
//! - `matrix-organisations.csv`, `matrix-initiatives.csv` — the coverage matrices;
//! - `gaps.csv` — the gap findings;
//! - `heatmap-organisations.svg` — the organisations × objectives matrix as a picture;
//! - `report.txt` — the text report.

use std::error::Error;
use std::path::PathBuf;

use gdc_map::{
    CoverageOptions, EntityId, EntityKind, GapPolicy, Graph, JSON_SCHEMA, Objective, export,
};

fn main() -> Result<(), Box<dyn Error>> {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        return Err("usage: cargo run --example export -- <output folder>".into());
    };
    std::fs::create_dir_all(&dir)?;
    let graph = Graph::embedded();
    let options = CoverageOptions::default();
    let objectives: Vec<EntityId> = Objective::ALL.into_iter().map(Into::into).collect();
    let coverages: Vec<_> = graph
        .targets()
        .iter()
        .filter_map(|t| graph.coverage(t, &options))
        .collect();
    let organisations = graph.coverage_matrix(EntityKind::Organisation, &objectives, &options);
    let initiatives = graph.coverage_matrix(EntityKind::Initiative, &objectives, &options);
    let files = [
        ("dataset.json", graph.to_json()),
        ("dataset.schema.json", JSON_SCHEMA.to_owned()),
        ("graph.dot", export::to_dot(graph)),
        ("graph.graphml", export::to_graphml(graph)),
        ("graph.ttl", export::to_turtle(graph)),
        ("coverage.csv", export::coverage_csv(graph, &coverages)),
        (
            "matrix-organisations.csv",
            export::matrix_csv(&organisations),
        ),
        ("matrix-initiatives.csv", export::matrix_csv(&initiatives)),
        (
            "gaps.csv",
            export::gaps_csv(&graph.gaps(&GapPolicy::default())),
        ),
        (
            "heatmap-organisations.svg",
            export::heatmap_svg(
                &organisations,
                "Organisations × GDC objectives: links into each objective's coverage",
            ),
        ),
        ("report.txt", export::text_report(graph)),
    ];
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::write(&path, text)?;
        println!("wrote {}", path.display());
    }
    Ok(())
}
