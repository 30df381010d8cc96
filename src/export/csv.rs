//! CSV tables (RFC 4180) for spreadsheets.
//!
//! The text is UTF-8 without a byte order mark, which Python's `csv`, pandas, R and
//! LibreOffice read as it is. Excel guesses a legacy encoding for a CSV file it opens
//! directly, and shows `§` (in every stated citation) as `Â§`: import it with Data → From
//! Text/CSV and choose UTF-8, or write `"\u{FEFF}"` before the text when the file is only
//! for Excel.
//!
//! Every value is written as the data holds it. A spreadsheet program that opens the file
//! directly evaluates a cell starting with `=`, `+`, `-` or `@` as a formula, so a name taken
//! from data you did not write (public submissions, say) can run as one: import such files as
//! text, as above. Prefixing those cells, as some tools do, would change the values every other
//! reader of the file sees.

use std::fmt::{Display, Write as _};

use crate::graph::Graph;
use crate::model::relation::Relation;
use crate::query::coverage::Coverage;
use crate::query::gaps::GapReport;
use crate::query::matrix::CoverageMatrix;

use super::Out;

/// Writes `s` as one field: quoted when it holds a comma, a quote or a line break, inner
/// quotes doubled.
fn field(out: &mut String, s: &str) {
    if s.contains([',', '"', '\n', '\r']) {
        out.push('"');
        for (i, part) in s.split('"').enumerate() {
            if i > 0 {
                out.push_str("\"\"");
            }
            out.push_str(part);
        }
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// Writes a table a row at a time, each field as it is made: a table of a million rows is
/// never a million vectors of strings. Rows end with CRLF, as RFC 4180 asks, the last too.
struct Table<'o, 'w> {
    out: &'o mut Out<'w>,
    /// A field's text before it is quoted, reused from field to field.
    scratch: String,
    at_row_start: bool,
}

impl<'o, 'w> Table<'o, 'w> {
    /// A table whose header row holds `header`.
    fn new(
        out: &'o mut Out<'w>,
        header: impl IntoIterator<Item = impl Display>,
    ) -> std::io::Result<Table<'o, 'w>> {
        let mut table = Table {
            out,
            scratch: String::new(),
            at_row_start: true,
        };
        for h in header {
            table.display(h);
        }
        table.end_row()?;
        Ok(table)
    }

    fn separate(&mut self) {
        if !self.at_row_start {
            self.out.push(',');
        }
        self.at_row_start = false;
    }

    /// A field of text.
    fn text(&mut self, s: &str) {
        self.separate();
        field(self.out, s);
    }

    /// A field of whatever `value` displays as.
    fn display(&mut self, value: impl Display) {
        self.field_with(|s| {
            let _ = write!(s, "{value}");
        });
    }

    /// A field of `items`, each displayed, `separator` between them.
    fn joined<T: Display>(&mut self, items: impl IntoIterator<Item = T>, separator: &str) {
        self.field_with(|s| {
            for (i, item) in items.into_iter().enumerate() {
                if i > 0 {
                    s.push_str(separator);
                }
                let _ = write!(s, "{item}");
            }
        });
    }

    /// A field of relations with their evidence: `from kind to [evidence; …]`, joined by
    /// ` | `, so that each piece of evidence stays with the relation it is for; a context
    /// citation's address follows it in angle brackets.
    fn evidence<'r>(&mut self, relations: impl IntoIterator<Item = &'r Relation>) {
        self.field_with(|s| {
            for (i, r) in relations.into_iter().enumerate() {
                if i > 0 {
                    s.push_str(" | ");
                }
                let _ = write!(s, "{r} [{}]", super::WithAddresses(&r.provenance));
            }
        });
    }

    /// A field whose text `make` writes.
    fn field_with(&mut self, make: impl FnOnce(&mut String)) {
        self.scratch.clear();
        make(&mut self.scratch);
        self.separate();
        field(self.out, &self.scratch);
    }

    /// Ends the row, handing a full piece to the writer.
    fn end_row(&mut self) -> std::io::Result<()> {
        self.out.push_str("\r\n");
        self.at_row_start = true;
        self.out.item_done()
    }
}

/// Coverage in long form, one row per (target, covering entity): `target`, `target_name`,
/// `entity`, `entity_kind`, `entity_name`, `direct`, `hops`, `path` (the shortest chain, as
/// `from kind to` steps joined by ` / `), `evidence` (each of the entity's links into the
/// coverage with its own evidence, `from kind to [§section; …]`, joined by ` | `).
///
/// # Example
/// ```
/// use gdc_map::{CoverageOptions, Graph, export};
///
/// let graph = Graph::embedded();
/// let csv = export::coverage_csv(graph, &graph.objective_coverage(&CoverageOptions::default()));
/// assert!(csv.starts_with("target,target_name,entity,entity_kind,entity_name,direct,hops,path,evidence\r\n"));
/// assert!(csv.contains("objective:1,Objective 1,org:unicef,organisation,UNICEF,false,2,"));
/// ```
pub fn coverage_csv(graph: &Graph, coverages: &[Coverage]) -> String {
    super::whole(|out| coverage(graph, coverages, out))
}

/// [`coverage_csv`] written to `writer` a row at a time: the same bytes, without the whole
/// table in memory.
///
/// # Errors
/// [`Error::Io`](crate::Error::Io) when writing fails; what was written before stays written.
///
/// # Example
/// ```
/// use gdc_map::{CoverageOptions, Graph, export};
///
/// let graph = Graph::embedded();
/// let coverages = graph.objective_coverage(&CoverageOptions::default());
/// let mut file = Vec::new(); // or std::fs::File::create("coverage.csv")?
/// export::write_coverage_csv(graph, &coverages, &mut file)?;
/// assert_eq!(file, export::coverage_csv(graph, &coverages).into_bytes());
/// # Ok::<(), gdc_map::Error>(())
/// ```
pub fn write_coverage_csv(
    graph: &Graph,
    coverages: &[Coverage],
    writer: impl std::io::Write,
) -> crate::Result<()> {
    super::streamed(writer, |out| coverage(graph, coverages, out))
}

fn coverage(graph: &Graph, coverages: &[Coverage], out: &mut Out<'_>) -> std::io::Result<()> {
    let mut table = Table::new(
        out,
        [
            "target",
            "target_name",
            "entity",
            "entity_kind",
            "entity_name",
            "direct",
            "hops",
            "path",
            "evidence",
        ],
    )?;
    for c in coverages {
        let target_name = graph.name_of(&c.target);
        // Entries are sorted by id, so each name is a step or two from the last.
        let mut finder = graph.node_finder();
        for e in &c.entries {
            table.display(&c.target);
            table.text(&target_name);
            table.display(&e.entity);
            table.text(e.entity.kind().name());
            table.text(&graph.name_in_order(&mut finder, &e.entity));
            table.display(e.is_direct());
            table.display(e.path.len());
            table.joined(e.path.iter(), " / ");
            table.evidence(&e.links);
            table.end_row()?;
        }
    }
    Ok(())
}

/// A coverage matrix: one row per entity in id order (as [`CoverageMatrix::rows`]), for each
/// column the number of links and, in a second column, the kinds of involvement
/// (`lead; partner`).
///
/// # Example
/// ```
/// use gdc_map::{CoverageOptions, EntityId, EntityKind, Graph, Objective, export};
///
/// let objectives: Vec<EntityId> = Objective::ALL.into_iter().map(Into::into).collect();
/// let m = Graph::embedded().coverage_matrix(EntityKind::Organisation, &objectives, &CoverageOptions::default());
/// let csv = export::matrix_csv(&m);
/// assert!(csv.starts_with("entity,name,objective:1 links,objective:1 involvement,"));
/// ```
pub fn matrix_csv(matrix: &CoverageMatrix) -> String {
    super::whole(|out| matrix_table(matrix, out))
}

/// [`matrix_csv`] written to `writer` a row at a time: the same bytes, without the whole
/// table in memory.
///
/// # Errors
/// [`Error::Io`](crate::Error::Io) when writing fails; what was written before stays written.
pub fn write_matrix_csv(matrix: &CoverageMatrix, writer: impl std::io::Write) -> crate::Result<()> {
    super::streamed(writer, |out| matrix_table(matrix, out))
}

fn matrix_table(matrix: &CoverageMatrix, out: &mut Out<'_>) -> std::io::Result<()> {
    let columns = matrix
        .columns
        .iter()
        .flat_map(|c| [format!("{c} links"), format!("{c} involvement")]);
    let header = ["entity".to_owned(), "name".to_owned()]
        .into_iter()
        .chain(columns);
    let mut table = Table::new(out, header)?;
    let rows = matrix.rows.iter().zip(&matrix.row_names).zip(&matrix.cells);
    for ((id, name), cells) in rows {
        table.display(id);
        table.text(name);
        for cell in cells {
            table.display(cell.links);
            table.joined(cell.involvement.iter().map(|i| i.as_str()), "; ");
        }
        table.end_row()?;
    }
    Ok(())
}

/// Gap findings: `kind`, `subject`, `related` (space-separated ids), `explanation`, `evidence`
/// (each relation with its provenance, ` | `-separated).
///
/// # Example
/// ```
/// use gdc_map::{GapPolicy, Graph, export};
///
/// let csv = export::gaps_csv(&Graph::embedded().gaps(&GapPolicy::default()));
/// assert!(csv.lines().any(|l| l.starts_with("no-lead,body:wgdt-sub-2,")));
/// ```
pub fn gaps_csv(report: &GapReport) -> String {
    super::whole(|out| gaps(report, out))
}

/// [`gaps_csv`] written to `writer` a row at a time: the same bytes, without the whole table
/// in memory.
///
/// # Errors
/// [`Error::Io`](crate::Error::Io) when writing fails; what was written before stays written.
pub fn write_gaps_csv(report: &GapReport, writer: impl std::io::Write) -> crate::Result<()> {
    super::streamed(writer, |out| gaps(report, out))
}

fn gaps(report: &GapReport, out: &mut Out<'_>) -> std::io::Result<()> {
    let header = ["kind", "subject", "related", "explanation", "evidence"];
    let mut table = Table::new(out, header)?;
    for f in &report.findings {
        table.text(f.kind.as_str());
        table.display(&f.subject);
        table.joined(&f.related, " ");
        table.text(&f.explanation);
        table.evidence(&f.evidence);
        table.end_row()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::field;

    fn quoted(s: &str) -> String {
        let mut out = String::new();
        field(&mut out, s);
        out
    }

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(quoted("plain"), "plain");
        assert_eq!(quoted("a,b"), "\"a,b\"");
        assert_eq!(quoted("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quoted("\"\""), "\"\"\"\"\"\"");
        assert_eq!(quoted("two\nlines"), "\"two\nlines\"");
        assert_eq!(quoted("cr\r"), "\"cr\r\"");
    }
}
