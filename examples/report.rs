//! The main job: the report over the embedded dataset.
//!
//! For each GDC objective, the initiatives, bodies, events and organisations that support it,
//! directly or through the initiative or body they take part in, each with the sections of the
//! source document that say so; then the UN coordination structure, the Pact actions, the
//! dated events and milestones, and what each section of the source and each other source
//! cited in the data is cited for.
//!
//! Run with `cargo run --example report` (and `| less`, or `| head`, as you like).

use std::io::Write;

use gdc_map::{DATASET_CONTENT_HASH, DATASET_VERSION, Graph, write_text_report};

#[path = "support/cli.rs"]
mod cli;

fn main() -> std::process::ExitCode {
    cli::finish(run())
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    cli::at_most(0, "cargo run --example report")?;
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "dataset {DATASET_VERSION} (content hash {DATASET_CONTENT_HASH})"
    )?;
    write_text_report(Graph::embedded(), &mut stdout)?;
    Ok(())
}
