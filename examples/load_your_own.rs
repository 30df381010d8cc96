//! Loads your own JSON dataset on top of the embedded one (or alone, with `--alone`) and
//! prints what was built, or every problem found in it.
//!
//! Run with `cargo run --example load_your_own -- mydata.json` (add `--alone` to build your
//! file without the embedded dataset).

use std::process::ExitCode;

use gdc_map::{Dataset, Error, GapPolicy, Graph, GraphBuilder, Limits};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let alone = args.iter().any(|a| a == "--alone");
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        eprintln!("usage: cargo run --example load_your_own -- <file.json> [--alone]");
        return ExitCode::FAILURE;
    };
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = Dataset::from_json_reader(std::io::BufReader::new(file), &Limits::default())
        .and_then(|data| {
            if alone {
                GraphBuilder::new().layer(data).build().map_err(Error::from)
            } else {
                Graph::embedded().layered(data)
            }
        });
    match result {
        Ok(graph) => {
            println!(
                "built: {} entities, {} relations; {} gap findings",
                graph.entity_count(),
                graph.relations().len(),
                graph.gaps(&GapPolicy::default()).findings.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {path}: {e}");
            ExitCode::FAILURE
        }
    }
}
