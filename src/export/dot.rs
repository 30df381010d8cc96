//! Graphviz DOT.

use std::fmt::Write as _;

use crate::graph::Graph;
use crate::model::id::EntityKind;

use super::{Escaped, Out, exported_entities};

/// Shape and fill colour for each kind of entity.
pub(crate) fn style(kind: EntityKind) -> (&'static str, &'static str) {
    match kind {
        EntityKind::Objective => ("doubleoctagon", "#f4a261"),
        EntityKind::Sdg => ("octagon", "#e9c46a"),
        EntityKind::ActionLine => ("hexagon", "#e9c46a"),
        EntityKind::PactChapter => ("folder", "#e9c46a"),
        EntityKind::PactAction => ("cds", "#f6bd60"),
        EntityKind::Commitment => ("octagon", "#f7ede2"),
        EntityKind::Organisation => ("box", "#8ecae6"),
        EntityKind::Initiative => ("ellipse", "#b7e4c7"),
        EntityKind::Body => ("component", "#cdb4db"),
        EntityKind::Event => ("note", "#ffd6a5"),
        EntityKind::Document => ("tab", "#dee2e6"),
    }
}

/// Escapes one character inside a DOT string literal: `"` and `\` escaped, line breaks as
/// `\n`, carriage returns dropped. Any other control character, and the noncharacters U+FFFE
/// and U+FFFF, are written as their code point for the reader to see (`\u{1}`): Graphviz
/// takes a NUL for the end of the input and refuses the whole file, and copies the others
/// into an SVG, which no XML reader then accepts.
fn dot_char(c: char, out: &mut String) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => {}
        '\t' => out.push(c),
        c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => {
            let _ = write!(out, "\\\\u{{{:x}}}", u32::from(c));
        }
        c => out.push(c),
    }
}

/// The longest quoted string, in bytes, written in one piece. Graphviz's scanner refuses a
/// quoted string longer than 16,384 bytes ("longer than 16384?"), and a note or a name may be
/// far longer; DOT joins strings written `"…" + "…"` into one, so a longer literal is
/// written as pieces of at most this many bytes.
const DOT_PIECE: usize = 16_000;

/// Appends `value` as a DOT string literal, in pieces joined by `+` if it is long.
fn quoted(out: &mut String, value: impl std::fmt::Display) {
    out.push('"');
    let start = out.len();
    let _ = write!(Escaped::new(out, dot_char), "{value}");
    if out.len() - start > DOT_PIECE {
        let escaped = out.split_off(start);
        push_in_pieces(out, &escaped);
    }
    out.push('"');
}

/// Appends `escaped`, the inside of a DOT string literal, cut into pieces of at most
/// [`DOT_PIECE`] bytes joined by `" + "`, never inside a character or an escape.
fn push_in_pieces(out: &mut String, escaped: &str) {
    let mut piece = 0;
    let mut chars = escaped.chars();
    while let Some(c) = chars.next() {
        let escape = if c == '\\' { chars.next() } else { None };
        let len = c.len_utf8() + escape.map_or(0, char::len_utf8);
        if piece + len > DOT_PIECE {
            out.push_str("\" + \"");
            piece = 0;
        }
        out.push(c);
        out.extend(escape);
        piece += len;
    }
}

/// The graph as a Graphviz DOT digraph: entities shaped and coloured by kind, each relation an
/// edge labelled with its kind and cited sections, the objectives on one rank.
///
/// Node ids are the entities' ids (`org:itu`); labels are their short names.
/// Text Graphviz could not read as it is comes out in a form it can: a control character
/// (other than a line break or a tab) as its code point (`\u{1}`), and a string longer than
/// Graphviz reads in one (16,384 bytes) as pieces joined by `+`, which DOT reads as one.
///
/// # Example
/// ```
/// use gdc_map::{Graph, export};
///
/// let dot = export::to_dot(Graph::embedded());
/// assert!(dot.starts_with("digraph gdc {"));
/// assert!(dot.contains(r#""org:itu" -> "body:wgdt" [label="co-chairs §2 §2.1"]"#));
/// assert_eq!(dot, export::to_dot(Graph::embedded()));
/// ```
pub fn to_dot(graph: &Graph) -> String {
    super::whole(|out| dot(graph, out))
}

/// [`to_dot`] written to `writer` a piece at a time: the same bytes, without the whole
/// document in memory. Wrap a file in a [`std::io::BufWriter`] or not: pieces are large.
///
/// # Errors
/// [`Error::Io`](crate::Error::Io) when writing fails; what was written before stays written.
///
/// # Example
/// ```
/// use gdc_map::{Graph, export};
///
/// let mut file = Vec::new(); // or std::fs::File::create("gdc.dot")?
/// export::write_dot(Graph::embedded(), &mut file)?;
/// assert_eq!(file, export::to_dot(Graph::embedded()).into_bytes());
/// # Ok::<(), gdc_map::Error>(())
/// ```
pub fn write_dot(graph: &Graph, writer: impl std::io::Write) -> crate::Result<()> {
    super::streamed(writer, |out| dot(graph, out))
}

/// Writes the DOT document into `out`.
fn dot(graph: &Graph, out: &mut Out<'_>) -> std::io::Result<()> {
    out.push_str("digraph gdc {\n");
    out.push_str("  graph [rankdir=LR, fontname=\"Helvetica\", overlap=false];\n");
    out.push_str("  node [style=filled, fontname=\"Helvetica\", fontsize=10];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=8, color=\"#555555\"];\n");
    let entities = exported_entities(graph);
    for e in &entities {
        let (shape, fill) = style(e.kind());
        out.push_str("  ");
        quoted(out, e.id());
        out.push_str(" [label=");
        quoted(out, e.name());
        out.push_str(", tooltip=");
        quoted(out, e.title());
        let _ = writeln!(out, ", shape={shape}, fillcolor=\"{fill}\"];");
        out.item_done()?;
    }
    out.push_str("  { rank=same; ");
    let objectives = entities
        .iter()
        .filter(|e| e.kind() == EntityKind::Objective);
    for (i, e) in objectives.enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        quoted(out, e.id());
    }
    out.push_str("; }\n");
    for r in graph.relations() {
        out.push_str("  ");
        quoted(out, &r.from);
        out.push_str(" -> ");
        quoted(out, &r.to);
        out.push_str(" [label=");
        quoted(
            out,
            format_args!("{}{}", r.kind, super::report::Evidence(&r.provenance)),
        );
        out.push_str("];\n");
        out.item_done()?;
    }
    out.push_str("}\n");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reads a DOT string literal the way Graphviz's scanner does: pieces joined by `+`, and
    /// in each `\"` for a quote, `\\` for a backslash, `\n` for a line break; anything else
    /// after a backslash is kept as written. `None` when `dot` is not one literal.
    fn read_literal(dot: &str) -> Option<(String, Vec<usize>)> {
        let mut text = String::new();
        let mut pieces = Vec::new();
        let mut rest = dot.strip_prefix('"')?;
        loop {
            let mut chars = rest.char_indices();
            let mut end = None;
            while let Some((at, c)) = chars.next() {
                match c {
                    '"' => {
                        end = Some(at);
                        break;
                    }
                    '\\' => match chars.next()?.1 {
                        'n' => text.push('\n'),
                        other @ ('"' | '\\') => text.push(other),
                        other => {
                            text.push('\\');
                            text.push(other);
                        }
                    },
                    // Graphviz reads no NUL, and what the scanner would copy on to an SVG
                    // must be a character XML carries.
                    c if c.is_control() && c != '\n' && c != '\t' => return None,
                    c => text.push(c),
                }
            }
            let end = end?;
            pieces.push(end);
            match rest[end + 1..].strip_prefix(" + \"") {
                Some(next) => rest = next,
                None if end + 1 == rest.len() => return Some((text, pieces)),
                None => return None,
            }
        }
    }

    /// What a reader sees of `text` in a DOT label: carriage returns gone, other control
    /// characters and the two noncharacters shown as their code point.
    fn shown(text: &str) -> String {
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '\r' => {}
                '\n' | '\t' => out.push(c),
                c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => {
                    out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
                }
                c => out.push(c),
            }
        }
        out
    }

    fn literal(text: &str) -> String {
        let mut out = String::new();
        quoted(&mut out, text);
        out
    }

    proptest! {
        /// Any text, however long and whatever it holds, is one DOT literal Graphviz reads
        /// back as the text shown, in pieces it accepts.
        #[test]
        fn every_text_reads_back_from_its_literal(
            part in "(\\PC|[\"\\\\\r\n\t\u{0}\u{1}\u{7f}\u{85}\u{fffe}\u{ffff}])*",
            repeat in 1usize..4000,
        ) {
            let text = part.repeat(repeat.min(40_000 / part.len().max(1)));
            let (read, pieces) = read_literal(&literal(&text)).expect("one literal");
            prop_assert_eq!(read, shown(&text));
            prop_assert!(pieces.iter().all(|&len| len <= DOT_PIECE), "{:?}", pieces);
            prop_assert_eq!(pieces.len() > 1, literal(&text).len() > DOT_PIECE + 2);
        }
    }

    #[test]
    fn a_literal_is_cut_between_escapes_at_the_limit() {
        // An escape straddling the limit goes whole into the next piece.
        let text = format!("{}\"", "a".repeat(DOT_PIECE - 1));
        let dot = literal(&text);
        assert_eq!(dot, format!("\"{}\" + \"\\\"\"", "a".repeat(DOT_PIECE - 1)));
        assert_eq!(read_literal(&dot).map(|(t, _)| t), Some(text));
        // Up to the limit, one piece.
        let text = "é".repeat(DOT_PIECE / 2);
        assert_eq!(literal(&text), format!("\"{text}\""));
    }
}
