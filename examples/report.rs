//! The main job: the report over the embedded dataset.
//!
//! For each GDC objective, the initiatives, bodies, events and organisations that support it,
//! directly or through the initiative or body they take part in, each with the sections of the
//! source document that say so; then the UN coordination structure, the Pact actions, and the
//! dated events and milestones.
//!
//! Run with `cargo run --example report`.

use gdc_map::{DATASET_CONTENT_HASH, DATASET_VERSION, Graph, text_report};

fn main() {
    println!("dataset {DATASET_VERSION} (content hash {DATASET_CONTENT_HASH})");
    print!("{}", text_report(Graph::embedded()));
}
