//! Everything the embedded dataset says about one entity: its record, its relations both
//! ways, what covers it and what it covers, each with its evidence, and the sections of the
//! source that speak of it.
//!
//! Run with `cargo run --example about -- org:unesco` (or several ids), or name the entity:
//! `cargo run --example about -- UNESCO Giga`. With no argument it lists every entity's id
//! and name, to pick from.

use std::io::Write;

use gdc_map::{
    CoverageOptions, DATASET_CONTENT_HASH, DATASET_VERSION, Direction, EntityId, EntityRef, Graph,
    Provenance, Relation,
};

#[path = "support/cli.rs"]
mod cli;

fn main() -> std::process::ExitCode {
    cli::finish(run())
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let graph = Graph::embedded();
    // Look every argument up before printing anything, so that a typo in the third does
    // not leave two answers and an error.
    let entities: Vec<EntityRef<'_>> = (std::env::args().skip(1))
        .map(|arg| find(graph, &arg))
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

/// The entity `arg` names: by id (`org:unesco`), or else by name (`UNESCO`, `Giga`), when
/// exactly one entity is called that or, failing that, exactly one name contains it.
fn find<'g>(graph: &'g Graph, arg: &str) -> Result<EntityRef<'g>, String> {
    let id = arg.parse::<EntityId>();
    if let Ok(id) = &id {
        return graph.entity(id).ok_or_else(|| {
            format!(
                "the dataset holds no `{id}`; run this example without an argument to list every id"
            )
        });
    }
    let found = graph.find_by_name(arg);
    let exact: Vec<&EntityRef<'_>> = found.iter().filter(|e| e.is_called(arg)).collect();
    let candidates: Vec<&EntityRef<'_>> = if exact.is_empty() {
        found.iter().collect()
    } else {
        exact
    };
    match candidates.as_slice() {
        [one] => Ok(**one),
        [] => {
            // Written like an id, it was most likely meant as one: say what is wrong with it.
            let as_id = match id {
                Err(e) if arg.contains(':') => format!(" (as an id: {e})"),
                _ => String::new(),
            };
            Err(format!(
                "no entity has the id or a name containing `{arg}`{as_id}; run this example without an argument to list them"
            ))
        }
        many => {
            let listed: Vec<String> = many
                .iter()
                .take(12)
                .map(|e| format!("{} ({})", e.id(), e.name()))
                .collect();
            let more = if many.len() > listed.len() {
                format!(" and {} more", many.len() - listed.len())
            } else {
                String::new()
            };
            Err(format!(
                "`{arg}` names {} entities: {}{more}; give one of their ids",
                many.len(),
                listed.join(", ")
            ))
        }
    }
}

/// Where each context citation in `evidence` can be read, a line each, for a reader who
/// wants to check it.
fn write_addresses(
    out: &mut impl Write,
    indent: &str,
    evidence: &[Provenance],
) -> std::io::Result<()> {
    for p in evidence {
        if let Provenance::Context(citation) = p
            && let Some(url) = &citation.url
        {
            writeln!(out, "{indent}at {url}")?;
        }
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
        write_addresses(out, "    ", entity.provenance())?;
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
        write_addresses(out, "    ", &date.provenance)?;
    }
    for figure in entity.figures() {
        writeln!(
            out,
            "  {}: {}  [{}]",
            figure.measure, figure.value, figure.provenance
        )?;
        write_addresses(out, "    ", &figure.provenance)?;
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
            write_addresses(out, "      ", &r.provenance)?;
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
