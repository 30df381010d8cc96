//! Graphviz DOT.

use std::fmt::Write as _;

use crate::graph::Graph;
use crate::model::id::EntityKind;

use super::exported_entities;

/// Shape and fill colour for each kind of entity.
pub(crate) fn style(kind: EntityKind) -> (&'static str, &'static str) {
    match kind {
        EntityKind::Objective => ("doubleoctagon", "#f4a261"),
        EntityKind::Sdg => ("octagon", "#e9c46a"),
        EntityKind::ActionLine => ("hexagon", "#e9c46a"),
        EntityKind::PactChapter => ("folder", "#e9c46a"),
        EntityKind::PactAction => ("cds", "#f6bd60"),
        EntityKind::Commitment => ("octagon", "#f7ede2"),
        EntityKind::Organisation => ("box", "#8ecae6"),
        EntityKind::Initiative => ("ellipse", "#b7e4c7"),
        EntityKind::Body => ("component", "#cdb4db"),
        EntityKind::Event => ("note", "#ffd6a5"),
        EntityKind::Document => ("tab", "#dee2e6"),
    }
}

/// A DOT string literal: quoted, with `"` and `\` escaped and line breaks as `\n`.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The graph as a Graphviz DOT digraph: entities shaped and coloured by kind, each relation an
/// edge labelled with its kind and cited sections, the objectives on one rank.
///
/// Node ids are the entities' ids (`org:itu`); labels are their short names.
///
/// # Example
/// ```
/// use gdc_map::{Graph, export};
///
/// let dot = export::to_dot(Graph::embedded());
/// assert!(dot.starts_with("digraph gdc {"));
/// assert!(dot.contains(r#""org:itu" -> "body:wgdt" [label="co-chairs §2 §2.1"]"#));
/// assert_eq!(dot, export::to_dot(Graph::embedded()));
/// ```
pub fn to_dot(graph: &Graph) -> String {
    let mut out = String::from("digraph gdc {\n");
    out.push_str("  graph [rankdir=LR, fontname=\"Helvetica\", overlap=false];\n");
    out.push_str("  node [style=filled, fontname=\"Helvetica\", fontsize=10];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=8, color=\"#555555\"];\n");
    let entities = exported_entities(graph);
    for e in &entities {
        let (shape, fill) = style(e.kind());
        let _ = writeln!(
            out,
            "  {} [label={}, tooltip={}, shape={shape}, fillcolor=\"{fill}\"];",
            quote(&e.id().to_string()),
            quote(&e.name()),
            quote(e.title())
        );
    }
    let objectives: Vec<String> = entities
        .iter()
        .filter(|e| e.kind() == EntityKind::Objective)
        .map(|e| quote(&e.id().to_string()))
        .collect();
    let _ = writeln!(out, "  {{ rank=same; {}; }}", objectives.join("; "));
    for r in graph.relations() {
        let label = format!(
            "{} {}",
            r.kind,
            super::report::evidence_cell([r.provenance.as_slice()])
        );
        let _ = writeln!(
            out,
            "  {} -> {} [label={}];",
            quote(&r.from.to_string()),
            quote(&r.to.to_string()),
            quote(label.trim())
        );
    }
    out.push_str("}\n");
    out
}
