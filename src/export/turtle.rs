//! RDF Turtle.

use std::fmt::Write as _;

use crate::graph::Graph;
use crate::graph::view::EntityRef;
use crate::model::id::EntityId;
use crate::model::provenance::Provenance;
use crate::model::relation::RelationKind;

use super::{Escaped, Out, exported_entities};

/// The IRI namespace of the crate's own vocabulary and entities.
///
/// The `.invalid` top-level domain is reserved never to resolve, so these IRIs can never collide
/// with anyone else's. Classes and properties are `<NAMESPACE>ns#…`; entities are
/// `<NAMESPACE>id/<kind>/<id>`; sections are `<NAMESPACE>section/<ref>`.
pub const NAMESPACE: &str = "https://gdc-map.invalid/";

/// The IRI of an entity: the UN's own for SDGs, the crate's for everything else.
pub(crate) fn iri(id: &EntityId) -> String {
    let mut out = String::new();
    push_iri(&mut out, id);
    out
}

/// Appends the IRI of an entity (see [`iri`]).
fn push_iri(out: &mut String, id: &EntityId) {
    match id {
        EntityId::Sdg(s) => {
            let _ = write!(out, "<{}>", s.uri());
        }
        _ => {
            // `kind:local` becomes `kind/local`; ids hold no other `:`.
            let _ = write!(out, "<{NAMESPACE}id/");
            let start = out.len();
            let _ = write!(out, "{id}");
            if let Some(colon) = out.get(start..).and_then(|t| t.find(':')) {
                out.replace_range(start + colon..start + colon + 1, "/");
            }
            out.push('>');
        }
    }
}

/// Appends the IRI of a section.
fn push_section_iri(out: &mut String, section: &str) {
    let _ = write!(out, "<{NAMESPACE}section/{section}>");
}

/// Escapes one character inside a Turtle string literal, as the grammar requires.
fn turtle_char(c: char, out: &mut String) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if (c as u32) < 0x20 => {
            let _ = write!(out, "\\u{:04X}", c as u32);
        }
        c => out.push(c),
    }
}

/// Appends `value` as a Turtle string literal, escaping straight into `out`.
fn push_literal(out: &mut String, value: impl std::fmt::Display) {
    out.push('"');
    let _ = write!(Escaped::new(out, turtle_char), "{value}");
    out.push('"');
}

/// The predicate name of a relation kind: `co-chairs` becomes `gdc:coChairs`.
pub(crate) fn predicate(kind: RelationKind) -> String {
    let mut out = String::from("gdc:");
    let mut upper = false;
    for c in kind.as_str().chars() {
        if c == '-' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn class(e: &EntityRef<'_>) -> &'static str {
    match e.kind() {
        crate::EntityKind::Objective => "gdc:Objective",
        crate::EntityKind::Sdg => "gdc:Sdg",
        crate::EntityKind::ActionLine => "gdc:ActionLine",
        crate::EntityKind::PactChapter => "gdc:PactChapter",
        crate::EntityKind::PactAction => "gdc:PactAction",
        crate::EntityKind::Commitment => "gdc:Commitment",
        crate::EntityKind::Organisation => "gdc:Organisation",
        crate::EntityKind::Initiative => "gdc:Initiative",
        crate::EntityKind::Body => "gdc:Body",
        crate::EntityKind::Event => "gdc:Event",
        crate::EntityKind::Document => "gdc:Document",
    }
}

/// The graph as RDF Turtle.
///
/// # Vocabulary
/// - Each entity is typed with a class of the crate's namespace (`gdc:Organisation`,
///   `gdc:Objective`, …) and carries `gdc:id` (its id, `org:itu`), `rdfs:label` in English and,
///   where known, Chinese (`@en`, `@zh`), `gdc:shortName` and `gdc:note`. SDGs use the UN's own
///   IRIs, `http://metadata.un.org/sdg/N`.
/// - Each relation is one triple whose predicate is the relation kind in camel case
///   (`gdc:coChairs`, `gdc:partnersIn`).
/// - **Provenance is kept by reification**: every relation also has an `rdf:Statement` node
///   (`rdf:subject`, `rdf:predicate`, `rdf:object`) with `gdc:statedIn` the section (a
///   `gdc:Section` with `gdc:ref`), or `gdc:context` the citation, and `gdc:since` when dated.
///
/// # Example
/// ```
/// use gdc_map::{Graph, export};
///
/// let ttl = export::to_turtle(Graph::embedded());
/// assert!(ttl.contains("<https://gdc-map.invalid/id/org/itu> gdc:coChairs <https://gdc-map.invalid/id/body/wgdt> ."));
/// assert!(ttl.contains("rdfs:label \"International Telecommunication Union\"@en, \"国际电联\"@zh"));
/// ```
pub fn to_turtle(graph: &Graph) -> String {
    super::whole(|out| turtle(graph, out))
}

/// [`to_turtle`] written to `writer` a piece at a time: the same bytes, without the whole
/// document in memory. Wrap a file in a [`std::io::BufWriter`] or not: pieces are large.
///
/// # Errors
/// [`Error::Io`](crate::Error::Io) when writing fails; what was written before stays written.
///
/// # Example
/// ```
/// use gdc_map::{Graph, export};
///
/// let mut file = Vec::new(); // or std::fs::File::create("gdc.ttl")?
/// export::write_turtle(Graph::embedded(), &mut file)?;
/// assert_eq!(file, export::to_turtle(Graph::embedded()).into_bytes());
/// # Ok::<(), gdc_map::Error>(())
/// ```
pub fn write_turtle(graph: &Graph, writer: impl std::io::Write) -> crate::Result<()> {
    super::streamed(writer, |out| turtle(graph, out))
}

/// Writes the Turtle document into `out`.
fn turtle(graph: &Graph, out: &mut Out<'_>) -> std::io::Result<()> {
    let _ = writeln!(out, "@prefix gdc: <{NAMESPACE}ns#> .");
    out.push_str("@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n");
    out.push_str("@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\n");
    for section in graph.sections() {
        push_section_iri(out, section.id.as_str());
        out.push_str(" a gdc:Section ; gdc:ref ");
        push_literal(out, &section.id);
        out.push_str(" ; gdc:source ");
        push_literal(out, &section.source);
        out.push_str(" ; rdfs:label ");
        push_literal(out, &section.title);
        out.push_str("@en .\n");
        out.item_done()?;
    }
    out.push('\n');
    for e in exported_entities(graph) {
        let id = e.id();
        push_iri(out, &id);
        let _ = write!(out, " a {} ;\n  gdc:id ", class(&e));
        push_literal(out, &id);
        out.push_str(" ;\n  rdfs:label ");
        push_literal(out, e.title());
        out.push_str("@en");
        let zh = match e {
            EntityRef::Objective(o) => Some(o.title_zh()),
            _ => e.label().and_then(|l| l.zh.as_deref()),
        };
        if let Some(zh) = zh {
            out.push_str(", ");
            push_literal(out, zh);
            out.push_str("@zh");
        }
        if let Some(short) = e.label().and_then(|l| l.short.as_deref()) {
            out.push_str(" ;\n  gdc:shortName ");
            push_literal(out, short);
        }
        for note in e.notes() {
            out.push_str(" ;\n  gdc:note ");
            push_literal(out, note);
        }
        out.push_str(" .\n");
        out.item_done()?;
    }
    out.push('\n');
    let predicates = RelationKind::ALL.map(predicate);
    let (mut s, mut o) = (String::new(), String::new());
    for (i, r) in graph.relations().iter().enumerate() {
        s.clear();
        o.clear();
        push_iri(&mut s, &r.from);
        push_iri(&mut o, &r.to);
        let p = predicates.get(r.kind as usize).map_or("", String::as_str);
        let _ = writeln!(out, "{s} {p} {o} .");
        let _ = write!(
            out,
            "_:r{i} a rdf:Statement ; rdf:subject {s} ; rdf:predicate {p} ; rdf:object {o}"
        );
        for prov in &r.provenance {
            match prov {
                Provenance::Stated(section) => {
                    out.push_str(" ;\n  gdc:statedIn ");
                    push_section_iri(out, section.as_str());
                }
                Provenance::Context(c) => {
                    out.push_str(" ;\n  gdc:context ");
                    push_literal(out, &c.citation);
                    if let Some(url) = &c.url {
                        out.push_str(" ;\n  gdc:contextUrl ");
                        push_literal(out, url);
                    }
                }
            }
        }
        if let Some(since) = r.since {
            out.push_str(" ;\n  gdc:since ");
            push_literal(out, since);
        }
        out.push_str(" .\n");
        out.item_done()?;
    }
    Ok(())
}

/// The graph's facts as N-Triples, one triple a line with full IRIs, for loading into any RDF
/// store: each exported entity's `rdf:type` and `gdc:id`, and one triple per relation (the
/// same IRIs and predicates as [`to_turtle`]). Labels, notes and provenance are left out: this
/// is the fact graph that benchmarks load into other tools.
///
/// # Example
/// ```
/// use gdc_map::{Graph, export};
///
/// let nt = export::to_ntriples(Graph::embedded());
/// assert!(nt.contains("<https://gdc-map.invalid/id/org/itu> <https://gdc-map.invalid/ns#coChairs> <https://gdc-map.invalid/id/body/wgdt> .\n"));
/// assert_eq!(nt.lines().count(), 2 * export_count(&nt) + Graph::embedded().relations().len());
/// # fn export_count(nt: &str) -> usize { nt.lines().filter(|l| l.contains("#type>")).count() }
/// ```
pub fn to_ntriples(graph: &Graph) -> String {
    super::whole(|out| ntriples(graph, out))
}

/// [`to_ntriples`] written to `writer` a piece at a time: the same bytes, without the whole
/// document in memory. Wrap a file in a [`std::io::BufWriter`] or not: pieces are large.
///
/// # Errors
/// [`Error::Io`](crate::Error::Io) when writing fails; what was written before stays written.
///
/// # Example
/// ```
/// use gdc_map::{Graph, export};
///
/// let mut file = Vec::new(); // or std::fs::File::create("gdc.nt")?
/// export::write_ntriples(Graph::embedded(), &mut file)?;
/// assert_eq!(file, export::to_ntriples(Graph::embedded()).into_bytes());
/// # Ok::<(), gdc_map::Error>(())
/// ```
pub fn write_ntriples(graph: &Graph, writer: impl std::io::Write) -> crate::Result<()> {
    super::streamed(writer, |out| ntriples(graph, out))
}

/// Writes the N-Triples document into `out`.
fn ntriples(graph: &Graph, out: &mut Out<'_>) -> std::io::Result<()> {
    const TYPE: &str = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";
    let ns = format!("{NAMESPACE}ns#");
    for e in exported_entities(graph) {
        let id = e.id();
        let s = iri(&id);
        let class = class(&e).trim_start_matches("gdc:");
        let _ = writeln!(out, "{s} {TYPE} <{ns}{class}> .");
        let _ = write!(out, "{s} <{ns}id> ");
        push_literal(out, &id);
        out.push_str(" .\n");
        out.item_done()?;
    }
    let predicates = RelationKind::ALL.map(predicate);
    for r in graph.relations() {
        let p = predicates.get(r.kind as usize).map_or("", String::as_str);
        push_iri(out, &r.from);
        let _ = write!(out, " <{ns}{}> ", p.trim_start_matches("gdc:"));
        push_iri(out, &r.to);
        out.push_str(" .\n");
        out.item_done()?;
    }
    Ok(())
}
