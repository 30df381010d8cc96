//! The gap report over the embedded dataset: targets with no or thin support, single points of
//! failure, support that rests only on context sources, orphan initiatives, idle records and
//! bodies with no stated lead. Each finding is one sentence with its evidence.
//!
//! Run with `cargo run --example gaps`.

use std::io::Write;

use gdc_map::{DATASET_CONTENT_HASH, DATASET_VERSION, GapPolicy, Graph, Provenance};

#[path = "support/cli.rs"]
mod cli;

fn main() -> std::process::ExitCode {
    cli::finish(run())
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    cli::at_most(0, "cargo run --example gaps")?;
    let mut out = std::io::stdout().lock();
    let graph = Graph::embedded();
    let policy = GapPolicy::default();
    let report = graph.gaps(&policy);
    writeln!(
        out,
        "gap report — dataset {DATASET_VERSION} (content hash {DATASET_CONTENT_HASH})"
    )?;
    let thin: Vec<String> = policy.thin_kinds.iter().map(|k| k.to_string()).collect();
    // Body kinds as the JSON format writes them: `working-group`.
    let leaderless: Vec<String> = (policy.leaderless_kinds.iter())
        .map(|k| serde_json::to_value(k).map(|v| v.as_str().unwrap_or_default().to_owned()))
        .collect::<Result<_, _>>()?;
    writeln!(
        out,
        "policy: thin below {} initiatives for each {}; a lead expected of each {}",
        policy.min_initiatives,
        thin.join(", "),
        leaderless.join(", ")
    )?;
    let mut current = None;
    for finding in &report.findings {
        if current != Some(finding.kind) {
            let count = report.of_kind(finding.kind).count();
            writeln!(out, "\n{} ({count})", finding.kind)?;
            current = Some(finding.kind);
        }
        writeln!(out, "  - {}", finding.explanation)?;
        for r in &finding.evidence {
            let cited: Vec<String> = r.provenance.iter().map(Provenance::to_string).collect();
            writeln!(out, "      {r}  [{}]", cited.join("; "))?;
        }
    }
    if report.is_empty() {
        writeln!(out, "no gaps found")?;
    }
    Ok(())
}
