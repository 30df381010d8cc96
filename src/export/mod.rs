//! Renderings of a graph and its query results for people and for other tools: Graphviz DOT,
//! GraphML, RDF Turtle, CSV and an SVG heatmap, plus the plain-text report.
//!
//! These are one-way: nothing here parses, and a rendering may leave information out. The
//! lossless, round-tripping format is JSON ([`Dataset::to_json`](crate::Dataset::to_json)).
//!
//! Every function returns the whole document as a `String`, and the same graph always gives the
//! same bytes. The graph exports, the CSV tables and the report also stream: [`write_dot`],
//! [`write_graphml`], [`write_turtle`], [`write_ntriples`], [`write_coverage_csv`],
//! [`write_matrix_csv`], [`write_gaps_csv`] and [`write_text_report`] write the same bytes to
//! any [`std::io::Write`] a piece at a time, so exporting millions of relations or rows to a
//! file takes no more memory than a piece (the report holds one table's rows at a time).
//!
//! Which entities a graph export holds: every declared record, the five objectives, and every
//! other built-in vocabulary member (SDG, action line, Pact chapter) that a relation names.

pub(crate) mod csv;
pub(crate) mod dot;
pub(crate) mod graphml;
pub(crate) mod matrix;
pub(crate) mod report;
pub(crate) mod svg;
pub(crate) mod table;
pub(crate) mod turtle;

pub use csv::{
    coverage_csv, gaps_csv, matrix_csv, write_coverage_csv, write_gaps_csv, write_matrix_csv,
};
pub use dot::{to_dot, write_dot};
pub use graphml::{to_graphml, write_graphml};
pub use report::{text_report, write_text_report};
pub use svg::heatmap_svg;
pub use turtle::{NAMESPACE, to_ntriples, to_turtle, write_ntriples, write_turtle};

use crate::graph::Graph;
use crate::graph::view::EntityRef;
use crate::model::id::EntityKind;
use crate::model::provenance::Provenance;

/// How much text an export gathers before handing it to a writer: large enough that each
/// write is cheap beside the text, small enough to stay in cache.
const PIECE: usize = 64 * 1024;

/// Where an export writes: a `String` it builds whole, or a writer it hands the text to a
/// piece at a time. Derefs to the `String` being written, so the exports write the same way
/// to both; each calls [`Out::item_done`] after each entity and relation.
pub(crate) struct Out<'w> {
    text: String,
    sink: Option<&'w mut dyn std::io::Write>,
}

impl<'w> Out<'w> {
    /// Builds the whole document in a `String`.
    pub(crate) fn whole() -> Out<'static> {
        Out {
            text: String::new(),
            sink: None,
        }
    }

    /// Hands the document to `sink` a piece at a time.
    pub(crate) fn streamed(sink: &'w mut dyn std::io::Write) -> Out<'w> {
        Out {
            text: String::with_capacity(PIECE + PIECE / 4),
            sink: Some(sink),
        }
    }

    /// Hands the text written so far to the writer once it fills a piece.
    pub(crate) fn item_done(&mut self) -> std::io::Result<()> {
        match &mut self.sink {
            Some(sink) if self.text.len() >= PIECE => {
                sink.write_all(self.text.as_bytes())?;
                self.text.clear();
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// The whole document ([`Out::whole`]), or nothing once the rest is handed on and the
    /// writer flushed ([`Out::streamed`]).
    pub(crate) fn finish(mut self) -> std::io::Result<String> {
        if let Some(sink) = &mut self.sink {
            sink.write_all(self.text.as_bytes())?;
            sink.flush()?;
            self.text.clear();
        }
        Ok(self.text)
    }
}

impl std::ops::Deref for Out<'_> {
    type Target = String;
    fn deref(&self) -> &String {
        &self.text
    }
}

impl std::ops::DerefMut for Out<'_> {
    fn deref_mut(&mut self) -> &mut String {
        &mut self.text
    }
}

/// Runs an export into a `String`. Writing to a `String` cannot fail, so neither can this.
pub(crate) fn whole(export: impl FnOnce(&mut Out<'_>) -> std::io::Result<()>) -> String {
    let mut out = Out::whole();
    // Without a writer, `item_done` and `finish` never fail.
    let _ = export(&mut out);
    out.finish().unwrap_or_default()
}

/// Runs an export into `writer`, a piece at a time.
pub(crate) fn streamed(
    mut writer: impl std::io::Write,
    export: impl FnOnce(&mut Out<'_>) -> std::io::Result<()>,
) -> crate::Result<()> {
    let mut out = Out::streamed(&mut writer);
    export(&mut out)?;
    out.finish()?;
    Ok(())
}

/// Writes into a `String`, escaping each character as a format's grammar requires, so any
/// `Display` value can be written into a quoted literal without an escaped copy of it.
pub(crate) struct Escaped<'a> {
    out: &'a mut String,
    escape: fn(char, &mut String),
}

impl<'a> Escaped<'a> {
    pub(crate) fn new(out: &'a mut String, escape: fn(char, &mut String)) -> Escaped<'a> {
        Escaped { out, escape }
    }
}

impl std::fmt::Write for Escaped<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        for c in s.chars() {
            (self.escape)(c, self.out);
        }
        Ok(())
    }
}

/// Evidence as the data formats carry it (GraphML, the CSV tables): as it prints (`§2.1;
/// context: …`), with each context citation's address after it in angle brackets (`context:
/// ITU <https://www.itu.int/…>`), so that a reader in Gephi, yEd or a spreadsheet can follow
/// it. No address holds `<` or `>`, so the brackets cannot be confused with it.
pub(crate) struct WithAddresses<'a>(pub(crate) &'a [Provenance]);

impl std::fmt::Display for WithAddresses<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{p}")?;
            if let Provenance::Context(citation) = p
                && let Some(url) = &citation.url
            {
                write!(f, " <{url}>")?;
            }
        }
        Ok(())
    }
}

/// The entities graph exports hold, sorted by id (see the module docs).
pub(crate) fn exported_entities(graph: &Graph) -> Vec<EntityRef<'_>> {
    // Entities come in node order, so each one's relations are found by position, not by a
    // search through every relation end.
    graph
        .nodes()
        .filter(|(node, e)| {
            let kind = e.kind();
            !kind.is_builtin() || kind == EntityKind::Objective || graph.has_relations(*node)
        })
        .map(|(_, e)| e)
        .collect()
}
