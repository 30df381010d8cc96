//! Renderings of a [`CoverageMatrix`] as text and Markdown.

use std::fmt::{self, Write as _};

use crate::query::matrix::{CoverageMatrix, MatrixCell};

use super::table::{Table, shorten};
use crate::model::text::one_line;

impl CoverageMatrix {
    /// The rows' positions in the order the renderings list them: by name, as the report's
    /// coverage tables list entities, ties by id. A reader looks a row up by the name it
    /// shows, which for most initiatives sorts nowhere near its id (`dpi`, "Digital public
    /// infrastructure initiatives"); [`CoverageMatrix::rows`] stays in id order, for lookups.
    pub(crate) fn rows_by_name(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.rows.len()).collect();
        let key = |i: usize| (self.row_names.get(i), self.rows.get(i));
        // Unstable: no two rows share an id, so no two keys are equal.
        order.sort_unstable_by(|&a, &b| key(a).cmp(&key(b)));
        order
    }

    /// Each row as rendered, in [`CoverageMatrix::rows_by_name`] order: its name, then a
    /// label per cell.
    fn grid(&self) -> impl Iterator<Item = Vec<String>> + '_ {
        self.rows_by_name().into_iter().map(|r| {
            let name = self.row_names.get(r).map_or(String::new(), |n| one_line(n));
            let cells = self.cells.get(r).map_or(&[][..], Vec::as_slice);
            std::iter::once(name)
                .chain(cells.iter().map(MatrixCell::label))
                .collect()
        })
    }

    /// An aligned plain-text table, a row for each entity sorted by name; row names longer
    /// than 48 characters are cut with `…`, and empty cells show `·`.
    pub fn to_text(&self) -> String {
        self.text_table().render("")
    }

    /// The table [`CoverageMatrix::to_text`] renders, for writers that stream it.
    pub(crate) fn text_table(&self) -> Table {
        let mut table = Table::with_header(
            std::iter::once(String::new()).chain(self.column_names.iter().cloned()),
        );
        for row in self.grid() {
            table.row(row.into_iter().enumerate().map(|(i, cell)| match i {
                0 => shorten(&cell, 48),
                _ if cell.is_empty() => "·".to_owned(),
                _ => cell,
            }));
        }
        table
    }

    /// A Markdown table, a row for each entity sorted by name. A `|` in a name is escaped,
    /// and a control character written as its escape, so that a name cannot end its row.
    pub fn to_markdown(&self) -> String {
        let escape = |s: &str| one_line(s).replace('|', "\\|");
        let mut out = String::from("|  |");
        for c in &self.column_names {
            let _ = write!(out, " {} |", escape(c));
        }
        out.push_str("\n|---|");
        out.push_str(&"---|".repeat(self.columns.len()));
        out.push('\n');
        for row in self.grid() {
            out.push('|');
            for cell in row {
                let _ = write!(out, " {} |", escape(&cell));
            }
            out.push('\n');
        }
        out
    }
}

/// [`CoverageMatrix::to_text`].
impl fmt::Display for CoverageMatrix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text())
    }
}
