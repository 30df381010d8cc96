//! Loads your own JSON dataset on top of the embedded one (or alone, with `--alone`) and
//! prints what was built, or every problem found in it (records of the wrong shape, then the
//! rules across records). Further files are edits, each laid in
//! place over the graph so far (`Graph::add_layer`), with the gap report again after each: an
//! edit that breaks a rule is refused whole, and the graph stays as it was.
//!
//! Run with `cargo run --example load_your_own -- mydata.json [edit.json ...]` (add `--alone`
//! to build your first file without the embedded dataset).

use std::process::ExitCode;

use gdc_map::{Dataset, Error, GapPolicy, Graph, GraphBuilder, JsonErrorKind, Limits};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: cargo run --example load_your_own -- <file.json> [edit.json ...] [--alone]";
    let (options, paths): (Vec<&String>, Vec<&String>) =
        args.iter().partition(|a| a.starts_with("--"));
    if let Some(unknown) = options.iter().find(|o| o.as_str() != "--alone") {
        eprintln!("error: unknown option `{unknown}`\n{usage}");
        return ExitCode::FAILURE;
    }
    let alone = !options.is_empty();
    let Some((first, edits)) = paths.split_first() else {
        eprintln!("{usage}");
        return ExitCode::FAILURE;
    };
    let built = read(first).and_then(|data| {
        if alone {
            GraphBuilder::new().layer(data).build().map_err(Error::from)
        } else {
            Graph::embedded().layered(data)
        }
    });
    let mut graph = match built {
        Ok(graph) => graph,
        Err(e) => {
            eprintln!("error: {first}: {}", every_problem(first, e));
            return ExitCode::FAILURE;
        }
    };
    println!("built from {first}: {}", summary(&graph));
    let mut status = ExitCode::SUCCESS;
    for path in edits {
        match read(path).and_then(|edit| graph.add_layer(edit)) {
            Ok(()) => println!("laid {path}: {}", summary(&graph)),
            Err(e) => {
                let problems = every_problem(path, e);
                eprintln!("error: {path}: {problems}\n(not laid; the graph is as it was)");
                status = ExitCode::FAILURE;
            }
        }
    }
    status
}

/// Reads a dataset as it streams from the file at `path`.
fn read(path: &str) -> Result<Dataset, Error> {
    let file = std::fs::File::open(path)?;
    Dataset::from_json_reader(std::io::BufReader::new(file), &Limits::default())
}

/// The error, or, when it is a record of the wrong shape, every such problem in the file: one
/// run shows all there is to fix, as the builder's report does for the rules across records.
fn every_problem(path: &str, e: Error) -> String {
    if !matches!(
        e,
        Error::Json {
            kind: JsonErrorKind::Data,
            ..
        }
    ) {
        return e.to_string();
    }
    let Ok(bytes) = std::fs::read(path) else {
        return e.to_string();
    };
    let problems = Dataset::json_problems(&bytes, &Limits::default());
    if problems.len() < 2 {
        return e.to_string();
    }
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    format!("{} problems:\n{}", lines.len(), lines.join("\n"))
}

fn summary(graph: &Graph) -> String {
    format!(
        "{} entities, {} relations; {} gap findings",
        graph.entity_count(),
        graph.relations().len(),
        graph.gaps(&GapPolicy::default()).findings.len()
    )
}
