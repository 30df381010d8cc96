//! Writes every format for the embedded dataset, or for your own data laid over it, into a
//! folder.
//!
//! Run with `cargo run --example export -- out/`, or `cargo run --example export -- out/
//! mine.json more.json` to lay each file over the embedded dataset first, in order (a file
//! that does not load or validate stops it, with every problem named). It writes:
//!
//! - `dataset.json` — the lossless JSON format, and `dataset.schema.json`, its JSON Schema;
//! - `graph.dot` (Graphviz), `graph.graphml` (Gephi, yEd, networkx), `graph.ttl` (RDF Turtle);
//! - `coverage.csv` — every target's coverage in long form;
//! - `matrix-organisations.csv`, `matrix-initiatives.csv` — the coverage matrices;
//! - `gaps.csv` — the gap findings;
//! - `heatmap-organisations.svg` — the organisations × objectives matrix as a picture;
//! - `report.txt` — the text report.

use std::error::Error;
use std::fs::File;
use std::path::PathBuf;

use gdc_map::{
    CoverageOptions, Dataset, EntityId, EntityKind, GapPolicy, Graph, JSON_SCHEMA, Limits,
    Objective, export,
};

#[path = "support/cli.rs"]
mod cli;

fn main() -> std::process::ExitCode {
    cli::finish(run())
}

fn run() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args_os().skip(1).map(PathBuf::from);
    let Some(dir) = args.next() else {
        return Err("usage: cargo run --example export -- <output folder> [dataset.json …]".into());
    };
    let mut layered = Graph::embedded().clone();
    for path in args {
        let file = File::open(&path).map_err(cli::about(&path))?;
        let data = Dataset::from_json_reader(std::io::BufReader::new(file), &Limits::default())
            .map_err(cli::about(&path))?;
        layered.add_layer(data).map_err(cli::about(&path))?;
    }
    std::fs::create_dir_all(&dir).map_err(cli::about(&dir))?;
    let graph = &layered;
    let options = CoverageOptions::default();
    let objectives: Vec<EntityId> = Objective::ALL.into_iter().map(Into::into).collect();
    let coverages: Vec<_> = graph
        .targets()
        .iter()
        .filter_map(|t| graph.coverage(t, &options))
        .collect();
    let organisations = graph.coverage_matrix(EntityKind::Organisation, &objectives, &options);
    let initiatives = graph.coverage_matrix(EntityKind::Initiative, &objectives, &options);
    let gaps = graph.gaps(&GapPolicy::default());
    // The graph formats and the tables stream to their files, as they would for a graph of
    // millions of relations; the rest are small.
    type Streamed<'a> = Box<dyn Fn(File) -> gdc_map::Result<()> + 'a>;
    let streamed: [(&str, Streamed<'_>); 8] = [
        ("dataset.json", Box::new(|f| graph.write_json(f))),
        ("graph.dot", Box::new(|f| export::write_dot(graph, f))),
        (
            "graph.graphml",
            Box::new(|f| export::write_graphml(graph, f)),
        ),
        ("graph.ttl", Box::new(|f| export::write_turtle(graph, f))),
        (
            "coverage.csv",
            Box::new(|f| export::write_coverage_csv(graph, &coverages, f)),
        ),
        (
            "matrix-organisations.csv",
            Box::new(|f| export::write_matrix_csv(&organisations, f)),
        ),
        (
            "matrix-initiatives.csv",
            Box::new(|f| export::write_matrix_csv(&initiatives, f)),
        ),
        ("gaps.csv", Box::new(|f| export::write_gaps_csv(&gaps, f))),
    ];
    for (name, write) in streamed {
        let path = dir.join(name);
        let file = File::create(&path).map_err(cli::about(&path))?;
        write(file).map_err(cli::about(&path))?;
        println!("wrote {}", path.display());
    }
    let files = [
        ("dataset.schema.json", JSON_SCHEMA.to_owned()),
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
        std::fs::write(&path, text).map_err(cli::about(&path))?;
        println!("wrote {}", path.display());
    }
    Ok(())
}
