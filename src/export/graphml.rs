//! GraphML, for Gephi, yEd, networkx and friends.

use std::fmt::Write as _;

use crate::graph::Graph;
use crate::model::provenance::Provenance;

use super::exported_entities;

/// Escapes text for XML content and attribute values, dropping the control characters XML 1.0
/// cannot carry at all.
pub(crate) fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Evidence as one string: `§2.1; context: <citation>`.
pub(crate) fn provenance_text(provenance: &[Provenance]) -> String {
    provenance
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

const NODE_KEYS: [(&str, &str); 7] = [
    ("kind", "string"),
    ("label", "string"),
    ("title", "string"),
    ("label_zh", "string"),
    ("notes", "string"),
    ("provenance", "string"),
    ("stated", "boolean"),
];

const EDGE_KEYS: [(&str, &str); 6] = [
    ("kind", "string"),
    ("provenance", "string"),
    ("sections", "string"),
    ("stated", "boolean"),
    ("since", "string"),
    ("notes", "string"),
];

fn data(out: &mut String, key: &str, value: &str) {
    if !value.is_empty() {
        let _ = write!(out, "<data key=\"{key}\">{}</data>", xml_escape(value));
    }
}

/// The graph as GraphML: one node per entity and one edge per relation, with typed attributes.
///
/// Node attributes: `kind`, `label` (short name), `title`, `label_zh`, `notes` (one a line),
/// `provenance` (`§2.1; context: …`), `stated` (whether any evidence is from the source).
/// Edge attributes: `kind`, `provenance`, `sections` (space-separated refs), `stated`, `since`,
/// `notes`. Node ids are entity ids; edge ids are `e0`, `e1`, … in relation order. Relations of
/// different kinds between the same two entities are parallel edges.
///
/// # Example
/// ```
/// use gdc_map::{Graph, export};
///
/// let xml = export::to_graphml(Graph::embedded());
/// assert!(xml.contains(r#"<node id="org:itu">"#));
/// assert!(xml.contains(r#"<key id="n_kind" for="node" attr.name="kind" attr.type="string"/>"#));
/// ```
pub fn to_graphml(graph: &Graph) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
         http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for (name, ty) in NODE_KEYS {
        let _ = writeln!(
            out,
            "  <key id=\"n_{name}\" for=\"node\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    for (name, ty) in EDGE_KEYS {
        let _ = writeln!(
            out,
            "  <key id=\"e_{name}\" for=\"edge\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    out.push_str("  <graph id=\"gdc\" edgedefault=\"directed\">\n");
    for e in exported_entities(graph) {
        let _ = write!(out, "    <node id=\"{}\">", xml_escape(&e.id().to_string()));
        data(&mut out, "n_kind", e.kind().prefix());
        data(&mut out, "n_label", &e.name());
        data(&mut out, "n_title", e.title());
        data(
            &mut out,
            "n_label_zh",
            e.label().and_then(|l| l.zh.as_deref()).unwrap_or_default(),
        );
        data(&mut out, "n_notes", &e.notes().join("\n"));
        data(&mut out, "n_provenance", &provenance_text(e.provenance()));
        let stated = e.provenance().iter().any(Provenance::is_stated);
        data(&mut out, "n_stated", if stated { "true" } else { "false" });
        out.push_str("</node>\n");
    }
    for (i, r) in graph.relations().iter().enumerate() {
        let _ = write!(
            out,
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">",
            xml_escape(&r.from.to_string()),
            xml_escape(&r.to.to_string())
        );
        data(&mut out, "e_kind", r.kind.as_str());
        data(&mut out, "e_provenance", &provenance_text(&r.provenance));
        let sections: Vec<&str> = r
            .provenance
            .iter()
            .filter_map(Provenance::section)
            .map(|s| s.as_str())
            .collect();
        data(&mut out, "e_sections", &sections.join(" "));
        let stated = r.provenance.iter().any(Provenance::is_stated);
        data(&mut out, "e_stated", if stated { "true" } else { "false" });
        data(
            &mut out,
            "e_since",
            &r.since.map(|d| d.to_string()).unwrap_or_default(),
        );
        data(&mut out, "e_notes", &r.notes.join("\n"));
        out.push_str("</edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}
