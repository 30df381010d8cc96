//! Aligned plain-text tables.

use super::Out;
use crate::model::text::push_one_line;

/// Rows of cells printed with each column padded to its widest cell.
///
/// The cells' texts are kept one after another in one string rather than each in a string
/// of its own: a report over a million initiatives has millions of cells, and allocating,
/// then freeing, each of them separately cost more than writing them out.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    /// Every cell's text, in order.
    text: String,
    /// Where each cell ends in `text`; each starts where the one before ends.
    ends: Vec<usize>,
    /// Where each row's cells start in `ends`; the header, when there is one, is the first.
    rows: Vec<usize>,
}

impl Table {
    pub(crate) fn with_header<S: AsRef<str>>(header: impl IntoIterator<Item = S>) -> Table {
        let mut table = Table::default();
        table.row(header);
        table
    }

    /// Adds a row, each cell kept on one line as [`push_one_line`] keeps it.
    pub(crate) fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) {
        self.rows.push(self.ends.len());
        for cell in cells {
            push_one_line(&mut self.text, cell.as_ref());
            self.ends.push(self.text.len());
        }
    }

    /// Empties the table, keeping its memory for the next.
    pub(crate) fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
        self.rows.clear();
    }

    /// The cells of each row, the header first.
    fn lines(&self) -> impl Iterator<Item = impl Iterator<Item = &str> + Clone> + '_ {
        let row_ends = self.rows.iter().skip(1).copied().chain([self.ends.len()]);
        self.rows.iter().zip(row_ends).map(move |(&first, last)| {
            let start = first.checked_sub(1).and_then(|i| self.ends.get(i));
            let start = start.copied().unwrap_or(0);
            let ends = self.ends.get(first..last).unwrap_or_default();
            ends.iter().scan(start, move |from, &to| {
                let cell = self.text.get(*from..to).unwrap_or_default();
                *from = to;
                Some(cell)
            })
        })
    }

    /// Renders every row on its own line, each starting with `indent`, columns two spaces
    /// apart, no trailing spaces.
    ///
    /// Each column but the last is padded to its widest cell, up to [`MAX_ALIGNED_WIDTH`]
    /// characters; a longer cell runs past the column and pushes the rest of its own line
    /// along, and the last column is never padded. Otherwise one long cell (an organisation
    /// linked to tens of thousands of initiatives, in a large graph) would pad every other
    /// line of its table to its width: time and text growing with rows × widest cell.
    pub(crate) fn render(&self, indent: &str) -> String {
        super::whole(|out| self.render_into(indent, out))
    }

    /// [`Table::render`] into `out`, handing each full piece to its writer.
    pub(crate) fn render_into(&self, indent: &str, out: &mut Out<'_>) -> std::io::Result<()> {
        // A column's width counts every row's cell in it, the last of a shorter row too; a
        // row's last cell is never padded.
        let mut widths: Vec<usize> = Vec::new();
        for row in self.lines() {
            for (c, cell) in row.enumerate() {
                if widths.len() <= c {
                    widths.push(0);
                }
                if let Some(width) = widths.get_mut(c) {
                    *width = (*width).max(cell.chars().count().min(MAX_ALIGNED_WIDTH));
                }
            }
        }
        for row in self.lines() {
            let cells = row.clone().count();
            let line_start = out.len();
            out.push_str(indent);
            for (c, cell) in row.enumerate() {
                out.push_str(cell);
                if let Some(&width) = widths.get(c)
                    && c + 1 < cells
                {
                    let pad = width.saturating_sub(cell.chars().count()) + 2;
                    out.extend(std::iter::repeat_n(' ', pad));
                }
            }
            let kept = out
                .get(line_start..)
                .map_or(0, |line| line.trim_end().len());
            out.truncate(line_start + kept);
            out.push('\n');
            out.item_done()?;
        }
        Ok(())
    }
}

/// The widest a column is padded to; see [`Table::render`].
pub(crate) const MAX_ALIGNED_WIDTH: usize = 100;

/// Cuts `s` to at most `max` characters, marking the cut with `…`.
pub(crate) fn shorten(s: &str, max: usize) -> String {
    let mut out = String::new();
    push_shortened(&mut out, s, max);
    out
}

/// [`shorten`], onto the end of `out`.
pub(crate) fn push_shortened(out: &mut String, s: &str, max: usize) {
    if s.chars().count() <= max {
        out.push_str(s);
    } else {
        out.extend(s.chars().take(max.saturating_sub(1)));
        out.push('…');
    }
}

#[cfg(test)]
mod tests {
    use super::Table;

    #[test]
    fn control_characters_in_cells_are_escaped() {
        let mut t = Table::with_header(["name", "x"]);
        t.row(["ACME\nFoundation\t\u{85}", "1"]);
        assert_eq!(
            t.render(""),
            "name                      x\nACME\\nFoundation\\t\\u{85}  1\n"
        );
    }

    #[test]
    fn pads_columns_and_trims_line_ends() {
        let mut t = Table::with_header(["a", "bb"]);
        t.row(["ccc", "d"]);
        assert_eq!(t.render("> "), "> a    bb\n> ccc  d\n");
    }

    /// A long last cell pads no line; a middle cell longer than the widest a column is
    /// padded to pushes its own line along and pads the others to that width only.
    #[test]
    fn long_cells_do_not_pad_every_line() {
        let mut t = Table::with_header(["a", "b", "c"]);
        t.row(["x".to_owned(), "y".to_owned(), "z".repeat(10_000)]);
        t.row(["x", "y", "w"]);
        let text = t.render("");
        assert_eq!(text.lines().nth(2), Some("x  y  w"));

        let mut t = Table::with_header(["a", "b", "c"]);
        t.row(["x".to_owned(), "m".repeat(500), "z".to_owned()]);
        t.row(["x", "y", "w"]);
        let text = t.render("");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[1], format!("x  {}  z", "m".repeat(500)));
        assert_eq!(
            lines[2],
            format!("x  y{}  w", " ".repeat(super::MAX_ALIGNED_WIDTH - 1))
        );
    }
}
