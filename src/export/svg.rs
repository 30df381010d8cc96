//! An SVG heatmap of a coverage matrix, written without any drawing library.

use std::fmt::Write as _;

use crate::query::matrix::CoverageMatrix;

use super::graphml::xml_escape;

const CELL_W: usize = 96;
const CELL_H: usize = 24;
const CHAR_W: usize = 8;

/// The fill for a cell with `links` out of a maximum `max`: light grey for none, then from
/// pale to deep blue.
fn fill(links: usize, max: usize) -> String {
    if links == 0 || max == 0 {
        return "#f1f3f5".to_owned();
    }
    // Interpolate between #d0e4f5 and #08306b by the share of the maximum.
    let t = links as f64 / max as f64;
    let mix = |a: u8, b: u8| -> u8 {
        let v = f64::from(a) + (f64::from(b) - f64::from(a)) * t;
        v.round().clamp(0.0, 255.0) as u8
    };
    format!(
        "#{:02x}{:02x}{:02x}",
        mix(0xd0, 0x08),
        mix(0xe4, 0x30),
        mix(0xf5, 0x6b)
    )
}

/// An SVG heatmap of a coverage matrix: one row per entity, sorted by name, one column per
/// target, each cell shaded by its number of links and labelled with it, with a title and a
/// legend.
///
/// # Example
/// ```
/// use gdc_map::{CoverageOptions, EntityId, EntityKind, Graph, Objective, export};
///
/// let objectives: Vec<EntityId> = Objective::ALL.into_iter().map(Into::into).collect();
/// let m = Graph::embedded().coverage_matrix(EntityKind::Organisation, &objectives, &CoverageOptions::default());
/// let svg = export::heatmap_svg(&m, "Organisations × GDC objectives");
/// assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
/// assert!(svg.contains(">UNICEF</text>"));
/// ```
pub fn heatmap_svg(matrix: &CoverageMatrix, title: &str) -> String {
    let max = matrix
        .cells
        .iter()
        .flatten()
        .map(|c| c.links)
        .max()
        .unwrap_or(0);
    let label_w = matrix
        .row_names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(0)
        .min(48)
        * CHAR_W
        + 24;
    let top = 64;
    let legend_h = 56;
    let width = (label_w + CELL_W * matrix.columns.len().max(1) + 16)
        .max(title.chars().count() * CHAR_W + 16)
        .max(520);
    let height = top + CELL_H * matrix.rows.len() + legend_h;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" font-family=\"Helvetica, Arial, sans-serif\" \
         font-size=\"12\">"
    );
    let _ = writeln!(
        out,
        "  <rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>"
    );
    let _ = writeln!(
        out,
        "  <text x=\"8\" y=\"20\" font-size=\"15\" font-weight=\"bold\">{}</text>",
        xml_escape(title)
    );
    for (c, name) in matrix.column_names.iter().enumerate() {
        let x = label_w + c * CELL_W + CELL_W / 2;
        let _ = writeln!(
            out,
            "  <text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" font-weight=\"bold\">{}</text>",
            top - 8,
            xml_escape(name)
        );
    }
    for (r, row) in matrix.rows_by_name().into_iter().enumerate() {
        let (Some(name), Some(cells)) = (matrix.row_names.get(row), matrix.cells.get(row)) else {
            continue;
        };
        let y = top + r * CELL_H;
        let short: String = if name.chars().count() > 48 {
            name.chars().take(47).chain(['…']).collect()
        } else {
            name.clone()
        };
        let _ = writeln!(
            out,
            "  <text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            label_w - 8,
            y + CELL_H / 2 + 4,
            xml_escape(&short)
        );
        for (c, cell) in cells.iter().enumerate() {
            let x = label_w + c * CELL_W;
            let colour = fill(cell.links, max);
            let involvement: Vec<&str> = cell.involvement.iter().map(|i| i.as_str()).collect();
            let _ = write!(
                out,
                "  <rect x=\"{x}\" y=\"{y}\" width=\"{}\" height=\"{}\" fill=\"{colour}\" \
                 stroke=\"#ffffff\"><title>{} · {}: {} link(s) {}</title></rect>",
                CELL_W,
                CELL_H,
                xml_escape(name),
                xml_escape(matrix.column_names.get(c).map_or("", String::as_str)),
                cell.links,
                xml_escape(&involvement.join(", "))
            );
            if cell.links > 0 {
                let text_colour = if cell.links * 2 > max {
                    "#ffffff"
                } else {
                    "#111111"
                };
                let _ = write!(
                    out,
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{text_colour}\">{}</text>",
                    x + CELL_W / 2,
                    y + CELL_H / 2 + 4,
                    cell.links
                );
            }
            out.push('\n');
        }
    }
    let legend_y = top + CELL_H * matrix.rows.len() + 20;
    let _ = writeln!(
        out,
        "  <text x=\"8\" y=\"{}\">links into the target's coverage:</text>",
        legend_y + 13
    );
    let steps: Vec<usize> = if max == 0 {
        vec![0]
    } else {
        let mut s: Vec<usize> = (0..=4).map(|k| k * max / 4).collect();
        s.dedup();
        s
    };
    for (k, value) in steps.iter().enumerate() {
        let x = 220 + k * 56;
        let _ = writeln!(
            out,
            "  <rect x=\"{x}\" y=\"{legend_y}\" width=\"20\" height=\"18\" fill=\"{}\" stroke=\"#adb5bd\"/>\
             <text x=\"{}\" y=\"{}\">{value}</text>",
            fill(*value, max),
            x + 26,
            legend_y + 13
        );
    }
    out.push_str("</svg>\n");
    out
}
