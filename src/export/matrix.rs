//! Renderings of a [`CoverageMatrix`] as text and Markdown.

use std::fmt::{self, Write as _};

use crate::query::matrix::{CoverageMatrix, MatrixCell};

use super::table::{Table, shorten};

impl CoverageMatrix {
    fn grid(&self) -> Vec<Vec<String>> {
        self.cells
            .iter()
            .zip(&self.row_names)
            .map(|(row, name)| {
                std::iter::once(name.clone())
                    .chain(row.iter().map(MatrixCell::label))
                    .collect()
            })
            .collect()
    }

    /// An aligned plain-text table; row names longer than 48 characters are cut with `…`,
    /// and empty cells show `·`.
    pub fn to_text(&self) -> String {
        self.text_table().render("")
    }

    /// The table [`CoverageMatrix::to_text`] renders, for writers that stream it.
    pub(crate) fn text_table(&self) -> Table {
        let mut table = Table::with_header(
            std::iter::once(String::new()).chain(self.column_names.iter().cloned()),
        );
        for (name, cells) in self.row_names.iter().zip(&self.cells) {
            let name = shorten(name, 48);
            table.row(
                std::iter::once(name)
                    .chain(cells.iter().map(MatrixCell::label))
                    .map(|cell| {
                        if cell.is_empty() {
                            "·".to_owned()
                        } else {
                            cell
                        }
                    }),
            );
        }
        table
    }

    /// A Markdown table.
    pub fn to_markdown(&self) -> String {
        let escape = |s: &str| s.replace('|', "\\|");
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
