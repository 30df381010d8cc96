//! CSV tables (RFC 4180) for spreadsheets.
//!
//! The text is UTF-8 without a byte order mark, which Python's `csv`, pandas, R and
//! LibreOffice read as it is. Excel guesses a legacy encoding for a CSV file it opens
//! directly, and shows `§` (in every stated citation) as `Â§`: import it with Data → From
//! Text/CSV and choose UTF-8, or write `"\u{FEFF}"` before the text when the file is only
//! for Excel.

use crate::graph::Graph;
use crate::model::relation::Relation;
use crate::query::coverage::Coverage;
use crate::query::gaps::GapReport;
use crate::query::matrix::CoverageMatrix;

use super::graphml::provenance_text;

/// Quotes a field when it holds a comma, a quote or a line break, doubling inner quotes.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// Rows joined with CRLF, as RFC 4180 asks, with a final CRLF.
fn table(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut out = header
        .iter()
        .map(|h| field(h))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    for row in rows {
        out.push_str(&row.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// Relations with their evidence, in one cell: `from kind to [evidence; …]`, joined by ` | `,
/// so that each piece of evidence stays with the relation it is for.
fn evidence_cell<'a>(relations: impl IntoIterator<Item = &'a Relation>) -> String {
    relations
        .into_iter()
        .map(|r| format!("{r} [{}]", provenance_text(&r.provenance)))
        .collect::<Vec<_>>()
        .join(" | ")
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
    let rows = coverages.iter().flat_map(|c| {
        c.entries.iter().map(move |e| {
            vec![
                c.target.to_string(),
                graph.name_of(&c.target),
                e.entity.to_string(),
                e.entity.kind().name().to_owned(),
                graph.name_of(&e.entity),
                e.is_direct().to_string(),
                e.path.len().to_string(),
                e.path
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(" / "),
                evidence_cell(&e.links),
            ]
        })
    });
    table(
        &[
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
        rows,
    )
}

/// A coverage matrix: one row per entity, for each column the number of links and, in a
/// second column, the kinds of involvement (`lead; partner`).
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
    let mut header = vec!["entity".to_owned(), "name".to_owned()];
    for c in &matrix.columns {
        header.push(format!("{c} links"));
        header.push(format!("{c} involvement"));
    }
    let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows = matrix
        .rows
        .iter()
        .zip(&matrix.row_names)
        .zip(&matrix.cells)
        .map(|((id, name), cells)| {
            let mut row = vec![id.to_string(), name.clone()];
            for cell in cells {
                row.push(cell.links.to_string());
                row.push(
                    cell.involvement
                        .iter()
                        .map(|i| i.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                );
            }
            row
        });
    table(&header_refs, rows)
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
    let rows = report.findings.iter().map(|f| {
        vec![
            f.kind.as_str().to_owned(),
            f.subject.to_string(),
            f.related
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" "),
            f.explanation.clone(),
            evidence_cell(&f.evidence),
        ]
    });
    table(
        &["kind", "subject", "related", "explanation", "evidence"],
        rows,
    )
}

#[cfg(test)]
mod tests {
    use super::field;

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
    }
}
