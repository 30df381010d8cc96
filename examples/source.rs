//! What the embedded dataset holds on the word of each section of its source: every record,
//! date, figure and relation that cites the section, to read beside the source document (or
//! beside `FACTS.md`) and check that the data says what the section says.
//!
//! Run with `cargo run --example source` for every section, or name sections:
//! `cargo run --example source -- 2.1 1/obj5` (or `§2.1`, as the outputs write them).

use std::io::Write;

use gdc_map::{DATASET_CONTENT_HASH, DATASET_VERSION, Graph, SectionRef, SectionStatements};

#[path = "support/cli.rs"]
mod cli;

fn main() -> std::process::ExitCode {
    cli::finish(run())
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let graph = Graph::embedded();
    let asked: Vec<SectionRef> = std::env::args()
        .skip(1)
        // `§2.2`, as every output writes a section, or `2.2`.
        .map(|arg| arg.strip_prefix('§').unwrap_or(&arg).parse())
        .collect::<Result<_, _>>()?;
    let sections: Vec<SectionStatements> = if asked.is_empty() {
        (graph.sections().iter())
            .filter_map(|s| graph.stated_in(&s.id))
            .collect()
    } else {
        let known = || {
            let refs: Vec<&str> = graph.sections().iter().map(|s| s.id.as_str()).collect();
            refs.join(", ")
        };
        (asked.iter())
            .map(|r| {
                graph
                    .stated_in(r)
                    .ok_or_else(|| format!("the source has no section `{r}`; it has {}", known()))
            })
            .collect::<Result<_, _>>()?
    };

    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "what each section states — dataset {DATASET_VERSION} (content hash {DATASET_CONTENT_HASH})"
    )?;
    for stated in &sections {
        writeln!(out)?;
        write_section(&mut out, graph, stated)?;
    }
    let silent: Vec<String> = (sections.iter())
        .filter(|s| s.is_empty())
        .map(|s| format!("§{}", s.section.id))
        .collect();
    if !silent.is_empty() {
        writeln!(out, "\nnothing cites {}", silent.join(", "))?;
    }
    Ok(())
}

/// The section, then its facts: records with their names, the rest as the graph states them,
/// each with its notes (a record's notes are the record's, whichever section it cites).
fn write_section(
    out: &mut impl Write,
    graph: &Graph,
    stated: &SectionStatements,
) -> std::io::Result<()> {
    let section = &stated.section;
    writeln!(out, "§{}  {}", section.id, section.title)?;
    for note in &section.notes {
        writeln!(out, "  note: {note}")?;
    }
    if stated.is_empty() {
        return writeln!(out, "  (nothing in the data cites it)");
    }
    if !stated.records.is_empty() {
        writeln!(out, "  records")?;
        for id in &stated.records {
            writeln!(out, "    {:<48} {}", id.to_string(), graph.name_of(id))?;
            let notes = graph.entity(id).map(|e| e.notes()).unwrap_or_default();
            write_notes(out, notes)?;
        }
    }
    if !stated.dates.is_empty() {
        writeln!(out, "  dates")?;
        for d in &stated.dates {
            let (date, kind) = (d.fact.date.to_string(), d.fact.kind.as_str());
            writeln!(
                out,
                "    {date:<10} {kind:<11} {}",
                graph.name_of(&d.entity)
            )?;
            write_notes(out, d.fact.note.as_slice())?;
        }
    }
    if !stated.figures.is_empty() {
        writeln!(out, "  figures")?;
        for e in &stated.figures {
            let name = graph.name_of(&e.entity);
            writeln!(out, "    {name}: {} {}", e.figure.measure, e.figure.value)?;
            write_notes(out, e.figure.note.as_slice())?;
        }
    }
    if !stated.relations.is_empty() {
        writeln!(out, "  relations")?;
        for r in &stated.relations {
            writeln!(out, "    {r}")?;
            write_notes(out, &r.notes)?;
        }
    }
    Ok(())
}

/// A fact's notes, one a line, under it.
fn write_notes(out: &mut impl Write, notes: &[String]) -> std::io::Result<()> {
    for note in notes {
        writeln!(out, "      ({note})")?;
    }
    Ok(())
}
