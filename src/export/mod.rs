//! Renderings of a graph and its query results for people and for other tools: Graphviz DOT,
//! GraphML, RDF Turtle, CSV and an SVG heatmap, plus the plain-text report.
//!
//! These are one-way: nothing here parses, and a rendering may leave information out. The
//! lossless, round-tripping format is JSON ([`Dataset::to_json`](crate::Dataset::to_json)).
//!
//! Every function returns the whole document as a `String`, and the same graph always gives the
//! same bytes.
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

pub use csv::{coverage_csv, gaps_csv, matrix_csv};
pub use dot::to_dot;
pub use graphml::to_graphml;
pub use report::text_report;
pub use svg::heatmap_svg;
pub use turtle::{NAMESPACE, to_ntriples, to_turtle};

use crate::graph::Graph;
use crate::graph::view::EntityRef;
use crate::model::id::EntityKind;

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
