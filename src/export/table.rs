//! Aligned plain-text tables.

use super::Out;

/// Rows of cells printed with each column padded to its widest cell.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    header: Option<Vec<String>>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub(crate) fn with_header<S: Into<String>>(header: impl IntoIterator<Item = S>) -> Table {
        Table {
            header: Some(header.into_iter().map(Into::into).collect()),
            rows: Vec::new(),
        }
    }

    pub(crate) fn row<S: Into<String>>(&mut self, cells: impl IntoIterator<Item = S>) {
        self.rows.push(cells.into_iter().map(Into::into).collect());
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
        let all: Vec<&Vec<String>> = self.header.iter().chain(&self.rows).collect();
        let columns = all.iter().map(|r| r.len()).max().unwrap_or(0);
        let widths: Vec<usize> = (0..columns.saturating_sub(1))
            .map(|c| {
                all.iter()
                    .filter_map(|r| r.get(c))
                    .map(|s| s.chars().count().min(MAX_ALIGNED_WIDTH))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for row in all {
            let line_start = out.len();
            out.push_str(indent);
            for (c, cell) in row.iter().enumerate() {
                out.push_str(cell);
                if let Some(&width) = widths.get(c)
                    && c + 1 < row.len()
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
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::Table;

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
