//! GraphML, for Gephi, yEd, networkx and friends.

use std::fmt::Write as _;

use crate::graph::Graph;
use crate::model::provenance::Provenance;

use super::{Escaped, Out, exported_entities};

/// Escapes text for XML content and attribute values, dropping the control characters XML 1.0
/// cannot carry at all.
pub(crate) fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = Escaped::new(&mut out, xml_char).write_str(s);
    out
}

/// Escapes one character for XML content and attribute values, dropping the control
/// characters XML 1.0 cannot carry at all. A carriage return is written as a reference:
/// written as itself, every XML parser reads it back as a line feed.
fn xml_char(c: char, out: &mut String) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&apos;"),
        '\r' => out.push_str("&#13;"),
        '\t' | '\n' => out.push(c),
        c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
        c => out.push(c),
    }
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

/// Appends a `<data>` element, unless `value` writes nothing.
fn data(out: &mut String, key: &str, value: impl std::fmt::Display) {
    let start = out.len();
    let _ = write!(out, "<data key=\"{key}\">");
    let before_value = out.len();
    let _ = write!(Escaped::new(out, xml_char), "{value}");
    if out.len() == before_value {
        out.truncate(start);
    } else {
        out.push_str("</data>");
    }
}

/// Items displayed one after another with a separator between them.
struct Joined<I>(I, &'static str);

impl<I: Iterator<Item = T> + Clone, T: std::fmt::Display> std::fmt::Display for Joined<I> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, item) in self.0.clone().enumerate() {
            if i > 0 {
                f.write_str(self.1)?;
            }
            write!(f, "{item}")?;
        }
        Ok(())
    }
}

/// The graph as GraphML: one node per entity and one edge per relation, with typed attributes.
///
/// Node attributes: `kind`, `label` (short name), `title`, `label_zh`, `notes` (one a line),
/// `provenance` (`§2.1; context: … <https://…>`, a context citation's address after it),
/// `stated` (whether any evidence is from the source).
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
    super::whole(|out| graphml(graph, out))
}

/// [`to_graphml`] written to `writer` a piece at a time: the same bytes, without the whole
/// document in memory. Wrap a file in a [`std::io::BufWriter`] or not: pieces are large.
///
/// # Errors
/// [`Error::Io`](crate::Error::Io) when writing fails; what was written before stays written.
///
/// # Example
/// ```
/// use gdc_map::{Graph, export};
///
/// let mut file = Vec::new(); // or std::fs::File::create("gdc.graphml")?
/// export::write_graphml(Graph::embedded(), &mut file)?;
/// assert_eq!(file, export::to_graphml(Graph::embedded()).into_bytes());
/// # Ok::<(), gdc_map::Error>(())
/// ```
pub fn write_graphml(graph: &Graph, writer: impl std::io::Write) -> crate::Result<()> {
    super::streamed(writer, |out| graphml(graph, out))
}

/// Writes the GraphML document into `out`.
fn graphml(graph: &Graph, out: &mut Out<'_>) -> std::io::Result<()> {
    out.push_str(
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
        out.push_str("    <node id=\"");
        let _ = write!(Escaped::new(out, xml_char), "{}", e.id());
        out.push_str("\">");
        data(out, "n_kind", e.kind().prefix());
        data(out, "n_label", e.name());
        data(out, "n_title", e.title());
        data(
            out,
            "n_label_zh",
            e.label().and_then(|l| l.zh.as_deref()).unwrap_or_default(),
        );
        data(out, "n_notes", Joined(e.notes().iter(), "\n"));
        data(out, "n_provenance", super::WithAddresses(e.provenance()));
        let stated = e.provenance().iter().any(Provenance::is_stated);
        data(out, "n_stated", stated);
        out.push_str("</node>\n");
        out.item_done()?;
    }
    for (i, r) in graph.relations().iter().enumerate() {
        let _ = write!(out, "    <edge id=\"e{i}\" source=\"");
        let _ = write!(Escaped::new(out, xml_char), "{}", r.from);
        out.push_str("\" target=\"");
        let _ = write!(Escaped::new(out, xml_char), "{}", r.to);
        out.push_str("\">");
        data(out, "e_kind", r.kind.as_str());
        data(out, "e_provenance", super::WithAddresses(&r.provenance));
        let sections = r.provenance.iter().filter_map(Provenance::section);
        data(out, "e_sections", Joined(sections, " "));
        let stated = r.provenance.iter().any(Provenance::is_stated);
        data(out, "e_stated", stated);
        if let Some(since) = r.since {
            data(out, "e_since", since);
        }
        data(out, "e_notes", Joined(r.notes.iter(), "\n"));
        out.push_str("</edge>\n");
        out.item_done()?;
    }
    out.push_str("  </graph>\n</graphml>\n");
    Ok(())
}
