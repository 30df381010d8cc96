//! Everything the embedded dataset says about one entity: its record, its relations both
//! ways, what covers it and what it covers, each with its evidence, and the sections of the
//! source that speak of it.
//!
//! Run with `cargo run --example about -- org:unesco` (or several ids); with no id it lists
//! every entity's id and name, to pick from.

use std::io::Write;

use gdc_map::{
    CoverageOptions, DATASET_CONTENT_HASH, DATASET_VERSION, Direction, EntityId, EntityRef, Graph,
    Relation,
};

#[path = "support/cli.rs"]
mod cli;

fn main() -> std::process::ExitCode {
    cli::finish(run())
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let graph = Graph::embedded();
    let asked: Vec<EntityId> = std::env::args()
        .skip(1)
        .map(|arg| arg.parse())
        .collect::<Result<_, _>>()?;
    // Look every id up before printing anything, so that a typo in the third id does not
    // leave two answers and an error.
    let entities: Vec<EntityRef<'_>> = (asked.iter())
        .map(|id| {
            graph.entity(id).ok_or_else(|| {
                format!("the dataset holds no `{id}`; run this example without an id to list them")
            })
        })
        .collect::<Result<_, _>>()?;

    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "dataset {DATASET_VERSION} (content hash {DATASET_CONTENT_HASH})"
    )?;
    if entities.is_empty() {
        for entity in graph.entities() {
            writeln!(out, "{:<48} {}", entity.id().to_string(), entity.title())?;
        }
        return Ok(());
    }
    for entity in entities {
        writeln!(out)?;
        write_entity(&mut out, graph, entity)?;
    }
    Ok(())
}

/// The record, its relations, its coverage both ways and the sections about it.
fn write_entity(out: &mut impl Write, graph: &Graph, entity: EntityRef<'_>) -> std::io::Result<()> {
    let id = entity.id();
    writeln!(out, "{id}  {}  ({})", entity.title(), entity.kind())?;
    if let Some(zh) = entity.label().and_then(|l| l.zh.as_deref()) {
        writeln!(out, "  {zh}")?;
    }
    if !entity.provenance().is_empty() {
        let evidence: Vec<String> = entity
            .provenance()
            .iter()
            .map(ToString::to_string)
            .collect();
        writeln!(out, "  evidence: {}", evidence.join("; "))?;
    }
    for note in entity.notes() {
        writeln!(out, "  note: {note}")?;
    }
    for date in entity.dates() {
        writeln!(
            out,
            "  {} {}  [{}]",
            date.kind.as_str(),
            date.date,
            date.provenance
        )?;
    }
    for figure in entity.figures() {
        writeln!(
            out,
            "  {}: {}  [{}]",
            figure.measure, figure.value, figure.provenance
        )?;
    }

    for (heading, direction) in [
        ("relations from it", Direction::Outgoing),
        ("relations to it", Direction::Incoming),
    ] {
        let relations: Vec<&Relation> = graph.relations_of(&id, direction).collect();
        if relations.is_empty() {
            continue;
        }
        writeln!(out, "  {heading} ({})", relations.len())?;
        for r in relations {
            writeln!(out, "    {r}  [{}]", r.provenance)?;
            for note in &r.notes {
                writeln!(out, "      ({note})")?;
            }
        }
    }

    let options = CoverageOptions::default();
    if let Some(coverage) = graph.coverage(&id, &options).filter(|c| !c.is_empty()) {
        writeln!(out, "  covered by ({})", coverage.entries.len())?;
        for entry in &coverage.entries {
            writeln!(out, "    {entry}")?;
        }
    }
    if let Some(covered) = graph.covered_by(&id, &options).filter(|c| !c.is_empty()) {
        writeln!(out, "  covers ({})", covered.targets.len())?;
        for target in &covered.targets {
            writeln!(out, "    {}", target.entry)?;
        }
    }
    if let Some(sections) = graph.sections_about(&id).filter(|s| !s.is_empty()) {
        let sections: Vec<String> = sections.iter().map(|s| format!("§{s}")).collect();
        writeln!(out, "  sections that speak of it: {}", sections.join(" "))?;
    }
    Ok(())
}
