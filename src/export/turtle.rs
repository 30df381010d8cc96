//! RDF Turtle.

use std::fmt::Write as _;

use crate::graph::Graph;
use crate::graph::view::EntityRef;
use crate::model::id::EntityId;
use crate::model::provenance::Provenance;
use crate::model::relation::RelationKind;

use super::exported_entities;

/// The IRI namespace of the crate's own vocabulary and entities.
///
/// The `.invalid` top-level domain is reserved never to resolve, so these IRIs can never collide
/// with anyone else's. Classes and properties are `<NAMESPACE>ns#…`; entities are
/// `<NAMESPACE>id/<kind>/<id>`; sections are `<NAMESPACE>section/<ref>`.
pub const NAMESPACE: &str = "https://gdc-map.invalid/";

/// The IRI of an entity: the UN's own for SDGs, the crate's for everything else.
pub(crate) fn iri(id: &EntityId) -> String {
    match id {
        EntityId::Sdg(s) => format!("<{}>", s.uri()),
        _ => {
            let text = id.to_string();
            let (kind, local) = text.split_once(':').unwrap_or(("entity", text.as_str()));
            format!("<{NAMESPACE}id/{kind}/{local}>")
        }
    }
}

fn section_iri(section: &str) -> String {
    format!("<{NAMESPACE}section/{section}>")
}

/// A Turtle string literal with the escapes the grammar requires.
fn literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
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
    out.push('"');
    out
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
    let mut out = String::new();
    let _ = writeln!(out, "@prefix gdc: <{NAMESPACE}ns#> .");
    out.push_str("@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n");
    out.push_str("@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n\n");
    for section in graph.sections() {
        let _ = writeln!(
            out,
            "{} a gdc:Section ; gdc:ref {} ; gdc:source {} ; rdfs:label {}@en .",
            section_iri(section.id.as_str()),
            literal(section.id.as_str()),
            literal(section.source.as_str()),
            literal(&section.title)
        );
    }
    out.push('\n');
    for e in exported_entities(graph) {
        let id = e.id();
        let _ = write!(
            out,
            "{} a {} ;\n  gdc:id {} ;\n  rdfs:label {}@en",
            iri(&id),
            class(&e),
            literal(&id.to_string()),
            literal(e.title())
        );
        let zh = match e {
            EntityRef::Objective(o) => Some(o.title_zh()),
            _ => e.label().and_then(|l| l.zh.as_deref()),
        };
        if let Some(zh) = zh {
            let _ = write!(out, ", {}@zh", literal(zh));
        }
        if let Some(short) = e.label().and_then(|l| l.short.as_deref()) {
            let _ = write!(out, " ;\n  gdc:shortName {}", literal(short));
        }
        for note in e.notes() {
            let _ = write!(out, " ;\n  gdc:note {}", literal(note));
        }
        out.push_str(" .\n");
    }
    out.push('\n');
    for (i, r) in graph.relations().iter().enumerate() {
        let (s, p, o) = (iri(&r.from), predicate(r.kind), iri(&r.to));
        let _ = writeln!(out, "{s} {p} {o} .");
        let _ = write!(
            out,
            "_:r{i} a rdf:Statement ; rdf:subject {s} ; rdf:predicate {p} ; rdf:object {o}"
        );
        for prov in &r.provenance {
            match prov {
                Provenance::Stated(section) => {
                    let _ = write!(out, " ;\n  gdc:statedIn {}", section_iri(section.as_str()));
                }
                Provenance::Context(c) => {
                    let _ = write!(out, " ;\n  gdc:context {}", literal(&c.citation));
                    if let Some(url) = &c.url {
                        let _ = write!(out, " ;\n  gdc:contextUrl {}", literal(url));
                    }
                }
            }
        }
        if let Some(since) = r.since {
            let _ = write!(out, " ;\n  gdc:since {}", literal(&since.to_string()));
        }
        out.push_str(" .\n");
    }
    out
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
    const TYPE: &str = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";
    let ns = format!("{NAMESPACE}ns#");
    let mut out = String::with_capacity(graph.relations().len() * 120);
    for e in exported_entities(graph) {
        let id = e.id();
        let s = iri(&id);
        let class = class(&e).trim_start_matches("gdc:");
        let _ = writeln!(out, "{s} {TYPE} <{ns}{class}> .");
        let _ = writeln!(out, "{s} <{ns}id> {} .", literal(&id.to_string()));
    }
    for r in graph.relations() {
        let p = predicate(r.kind);
        let _ = writeln!(
            out,
            "{} <{ns}{}> {} .",
            iri(&r.from),
            p.trim_start_matches("gdc:"),
            iri(&r.to)
        );
    }
    out
}
