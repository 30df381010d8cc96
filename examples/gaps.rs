//! The gap report over the embedded dataset: targets with no or thin support, single points of
//! failure, support that rests only on context sources, orphan initiatives, idle records and
//! bodies with no stated lead. Each finding is one sentence with its evidence.
//!
//! Run with `cargo run --example gaps`.

use gdc_map::{DATASET_CONTENT_HASH, DATASET_VERSION, GapPolicy, Graph, Provenance};

fn main() {
    let graph = Graph::embedded();
    let policy = GapPolicy::default();
    let report = graph.gaps(&policy);
    println!("gap report — dataset {DATASET_VERSION} (content hash {DATASET_CONTENT_HASH})");
    println!(
        "policy: thin below {} initiatives for {:?}; leads expected of {:?}",
        policy.min_initiatives, policy.thin_kinds, policy.leaderless_kinds
    );
    let mut current = None;
    for finding in &report.findings {
        if current != Some(finding.kind) {
            let count = report.of_kind(finding.kind).count();
            println!("\n{} ({count})", finding.kind);
            current = Some(finding.kind);
        }
        println!("  - {}", finding.explanation);
        for r in &finding.evidence {
            let cited: Vec<String> = r.provenance.iter().map(Provenance::to_string).collect();
            println!("      {r}  [{}]", cited.join("; "));
        }
    }
    if report.is_empty() {
        println!("no gaps found");
    }
}
