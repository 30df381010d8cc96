//! Graphviz DOT.

use std::fmt::Write as _;

use crate::graph::Graph;
use crate::model::id::EntityKind;

use super::{Escaped, Out, exported_entities};

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

/// Escapes one character inside a DOT string literal: `"` and `\` escaped, line breaks as
/// `\n`, carriage returns dropped.
fn dot_char(c: char, out: &mut String) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => {}
        c => out.push(c),
    }
}

/// Appends `value` as a DOT string literal.
fn quoted(out: &mut String, value: impl std::fmt::Display) {
    out.push('"');
    let _ = write!(Escaped::new(out, dot_char), "{value}");
    out.push('"');
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
    super::whole(|out| dot(graph, out))
}

/// [`to_dot`] written to `writer` a piece at a time: the same bytes, without the whole
/// document in memory. Wrap a file in a [`std::io::BufWriter`] or not: pieces are large.
///
/// # Errors
/// [`Error::Io`](crate::Error::Io) when writing fails; what was written before stays written.
///
/// # Example
/// ```
/// use gdc_map::{Graph, export};
///
/// let mut file = Vec::new(); // or std::fs::File::create("gdc.dot")?
/// export::write_dot(Graph::embedded(), &mut file)?;
/// assert_eq!(file, export::to_dot(Graph::embedded()).into_bytes());
/// # Ok::<(), gdc_map::Error>(())
/// ```
pub fn write_dot(graph: &Graph, writer: impl std::io::Write) -> crate::Result<()> {
    super::streamed(writer, |out| dot(graph, out))
}

/// Writes the DOT document into `out`.
fn dot(graph: &Graph, out: &mut Out<'_>) -> std::io::Result<()> {
    out.push_str("digraph gdc {\n");
    out.push_str("  graph [rankdir=LR, fontname=\"Helvetica\", overlap=false];\n");
    out.push_str("  node [style=filled, fontname=\"Helvetica\", fontsize=10];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=8, color=\"#555555\"];\n");
    let entities = exported_entities(graph);
    for e in &entities {
        let (shape, fill) = style(e.kind());
        out.push_str("  ");
        quoted(out, e.id());
        out.push_str(" [label=");
        quoted(out, e.name());
        out.push_str(", tooltip=");
        quoted(out, e.title());
        let _ = writeln!(out, ", shape={shape}, fillcolor=\"{fill}\"];");
        out.item_done()?;
    }
    out.push_str("  { rank=same; ");
    let objectives = entities
        .iter()
        .filter(|e| e.kind() == EntityKind::Objective);
    for (i, e) in objectives.enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        quoted(out, e.id());
    }
    out.push_str("; }\n");
    for r in graph.relations() {
        out.push_str("  ");
        quoted(out, &r.from);
        out.push_str(" -> ");
        quoted(out, &r.to);
        out.push_str(" [label=");
        quoted(
            out,
            format_args!("{}{}", r.kind, super::report::Evidence(&r.provenance)),
        );
        out.push_str("];\n");
        out.item_done()?;
    }
    out.push_str("}\n");
    Ok(())
}
