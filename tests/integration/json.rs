//! The JSON format: round trips, and a specific typed error for each kind of bad input.

use gdc_map::{Dataset, Error, Graph, GraphBuilder, JsonErrorKind, Limits};
use proptest::prelude::*;

use crate::common::arb_dataset;

#[track_caller]
fn json_error(text: &str) -> (JsonErrorKind, Option<String>, usize, usize, String) {
    match Dataset::from_json(text) {
        Err(Error::Json {
            kind,
            path,
            line,
            column,
            message,
        }) => (kind, path, line, column, message),
        other => panic!("expected a JSON error, got {other:?}"),
    }
}

#[test]
fn malformed_syntax_names_line_and_column() {
    let (kind, path, line, column, _) =
        json_error("{\n  \"schema_version\": 1,\n  \"sources\": [,]\n}");
    assert_eq!(kind, JsonErrorKind::Syntax);
    assert_eq!(path.as_deref(), Some("sources[0]"), "where the parser was");
    assert_eq!((line, column), (3, 15));
    // Where the version is not first, the first pass finds the error, with no path.
    let (kind, path, line, column, _) =
        json_error("{\n  \"sources\": [,],\n  \"schema_version\": 1\n}");
    assert_eq!(
        (kind, path, line, column),
        (JsonErrorKind::Syntax, None, 2, 15)
    );
}

/// Positions count from 1, including where the parser stopped before a line's first
/// character (serde_json's column 0).
#[test]
fn positions_count_from_one() {
    for (text, line, column) in [("", 1, 1), ("[]", 1, 1), ("\n\n", 3, 1), ("  7", 1, 3)] {
        let (_, _, at_line, at_column, _) = json_error(text);
        assert_eq!((at_line, at_column), (line, column), "{text:?}");
    }
    let error = Dataset::from_json_reader("[]".as_bytes(), &Limits::default()).unwrap_err();
    assert!(error.to_string().contains("line 1, column 1"), "{error}");
}

/// A stray comma stands before a key the parser never reads: the path names the record it
/// is in, or none at the top level, rather than a step written `?` that reads as a key; the
/// same from memory, from a reader and from `json_problems`.
#[test]
fn a_stray_comma_is_placed_in_its_record() {
    // A record's fields, without its braces.
    let fields = |id: &str| {
        format!(
            r#""id": "{id}", "kind": "other", "label": {{"en": "A"}},
            "provenance": [{{"context": {{"citation": "x"}}}}]"#
        )
    };
    let (a, b) = (fields("a"), fields("b"));
    for (text, expected) in [
        (
            format!(r#"{{"schema_version": 1, "organisations": [{{{a},}}]}}"#),
            Some("organisations[0]"),
        ),
        (
            format!(r#"{{"schema_version": 1, "organisations": [{{{a}}}, {{{b},,}}]}}"#),
            Some("organisations[1]"),
        ),
        (r#"{"schema_version": 1,}"#.to_owned(), None),
    ] {
        let (kind, path, ..) = json_error(&text);
        assert_eq!(kind, JsonErrorKind::Syntax, "{text}");
        assert_eq!(path.as_deref(), expected, "{text}");
        let [slice, reader] = both_ways(text.as_bytes(), vec![7], &Limits::default());
        let message = slice.unwrap_err();
        assert!(!message.contains('?'), "{message}");
        assert_eq!(reader.unwrap_err(), message);
        for problem in Dataset::json_problems(text.as_bytes(), &Limits::default()) {
            assert!(!problem.to_string().contains('?'), "{problem}");
        }
    }
}

#[test]
fn truncated_input_is_an_eof_error() {
    let (kind, ..) = json_error("{\"schema_version\": 1, \"sources\": [");
    assert_eq!(kind, JsonErrorKind::Eof);
}

#[test]
fn unknown_relation_kind_names_the_record_and_field() {
    let text = r#"{"schema_version": 1,
"relations": [
  {"from": "org:itu", "kind": "co-lead", "to": "body:wgdt", "provenance": [{"stated": "2.1"}]}
]}"#;
    let (kind, path, line, _, message) = json_error(text);
    assert_eq!(kind, JsonErrorKind::Data);
    assert_eq!(path.as_deref(), Some("relations[0].kind"));
    assert_eq!(line, 3);
    assert!(message.contains("unknown variant `co-lead`"), "{message}");
    let err = Dataset::from_json(text).unwrap_err().to_string();
    assert!(
        err.starts_with("invalid value at `relations[0].kind` (line 3, column"),
        "{err}"
    );
}

#[test]
fn wrong_field_type() {
    let text = r#"{"schema_version": 1, "organisations": [{"id": "itu", "kind": "other", "label": {"en": 5}, "provenance": []}]}"#;
    let (_, path, _, _, message) = json_error(text);
    assert_eq!(path.as_deref(), Some("organisations[0].label.en"));
    assert!(
        message.starts_with("invalid type: integer `5`"),
        "{message}"
    );
}

#[test]
fn unknown_field_is_refused_not_dropped() {
    let text = r#"{"schema_version": 1, "relation": []}"#;
    let (_, _, _, _, message) = json_error(text);
    assert!(message.contains("unknown field `relation`"), "{message}");
}

#[test]
fn invalid_id_names_the_field() {
    let text = r#"{"schema_version": 1, "organisations": [{"id": "ITU", "kind": "other", "label": {"en": "x"}, "provenance": []}]}"#;
    let (_, path, _, _, message) = json_error(text);
    assert_eq!(path.as_deref(), Some("organisations[0].id"));
    assert!(
        message.contains("invalid organisation id `ITU`"),
        "{message}"
    );
}

#[test]
fn schema_version_missing_or_unsupported() {
    for (text, found) in [
        ("{}", "missing"),
        (r#"{"schema_version": 2}"#, "2"),
        (r#"{"schema_version": "1"}"#, "\"1\""),
        (r#"{"relations": [], "schema_version": 99}"#, "99"),
        // Any value is named as given, lists and objects too.
        (r#"{"schema_version": [1]}"#, "[1]"),
        (
            r#"{"relations": [], "schema_version": {"major": 1}}"#,
            r#"{"major":1}"#,
        ),
    ] {
        match Dataset::from_json(text) {
            Err(Error::UnsupportedSchema {
                found: f,
                supported: 1,
            }) => assert_eq!(f, found),
            other => panic!("{text}: {other:?}"),
        }
    }
    // The message says what is wrong in words: a missing version is not a version.
    let message = |text: &str| Dataset::from_json(text).unwrap_err().to_string();
    assert_eq!(
        message("{}"),
        "schema_version is missing: this version of gdc-map reads 1"
    );
    assert_eq!(
        message(r#"{"schema_version": 2}"#),
        "unsupported schema_version 2: this version of gdc-map reads 1"
    );
    // JSON has one number type: `1.0` and `1e0` are the version 1, `1.5` is no version.
    for text in [
        r#"{"schema_version": 1.0}"#,
        r#"{"relations": [], "schema_version": 1e0}"#,
    ] {
        assert_eq!(
            Dataset::from_json(text).unwrap(),
            Dataset::default(),
            "{text}"
        );
    }
    assert!(matches!(
        Dataset::from_json(r#"{"schema_version": 1.5}"#),
        Err(Error::UnsupportedSchema { found, .. }) if found == "1.5"
    ));
    // A future version is refused before its unknown fields are read.
    let text = r#"{"schema_version": 2, "new_things": []}"#;
    assert!(matches!(
        Dataset::from_json(text),
        Err(Error::UnsupportedSchema { .. })
    ));
}

#[test]
fn deep_nesting_is_refused() {
    let text = format!(
        r#"{{"schema_version": 1, "relations": {}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    match Dataset::from_json(&text) {
        Err(Error::LimitExceeded {
            what: "nesting depth",
            limit: 32,
            found: 33,
        }) => {}
        other => panic!("{other:?}"),
    }
    // Past a raised limit, the reader still stops where the format is broken, without
    // descending: a relation is an object, not a list.
    let raised = Limits::default().max_depth(1_000_000);
    match Dataset::from_json_with(&text, &raised) {
        Err(Error::Json { path, message, .. }) => {
            assert_eq!(path.as_deref(), Some("relations[0]"));
            assert!(message.contains("expected a relation"), "{message}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn each_limit_takes_exactly_its_value() {
    // Depth: the embedded document nests 8 deep (a context citation inside a dated fact inside a record).
    let text = Graph::embedded().to_json();
    assert!(Dataset::from_json_with(&text, &Limits::default().max_depth(8)).is_ok());
    match Dataset::from_json_with(&text, &Limits::default().max_depth(7)) {
        Err(Error::LimitExceeded {
            what: "nesting depth",
            limit: 7,
            found: 8,
        }) => {}
        other => panic!("{other:?}"),
    }
    // String length, escapes counted once: the title below is 38 + 1 + 1 = 40 bytes, longer
    // than any key of the format.
    let doc = format!(
        r#"{{"schema_version": 1, "sources": [{{"id": "s", "title": "{}\"b", "version": "1"}}]}}"#,
        "a".repeat(38)
    );
    assert!(Dataset::from_json_with(&doc, &Limits::default().max_string_bytes(40)).is_ok());
    match Dataset::from_json_with(&doc, &Limits::default().max_string_bytes(39)) {
        Err(Error::LimitExceeded {
            what: "string length in bytes",
            limit: 39,
            found: 40,
        }) => {}
        other => panic!("{other:?}"),
    }
    // Brackets inside strings are not nesting.
    let doc =
        r#"{"schema_version": 1, "sources": [{"id": "s", "title": "[[[[{{{{", "version": "1"}]}"#;
    assert!(Dataset::from_json_with(doc, &Limits::default().max_depth(3)).is_ok());
}

#[test]
fn limits_are_enforced() {
    let text = Graph::embedded().to_json();
    let records = Graph::embedded().to_dataset().record_count();
    let just_under = Limits::default().max_bytes(text.len()).max_records(records);
    assert!(Dataset::from_json_with(&text, &just_under).is_ok());
    match Dataset::from_json_with(&text, &Limits::default().max_bytes(text.len() - 1)) {
        Err(Error::LimitExceeded { found, .. }) => assert_eq!(found, text.len()),
        other => panic!("{other:?}"),
    }
    match Dataset::from_json_with(&text, &Limits::default().max_records(records - 1)) {
        Err(Error::LimitExceeded { what, found, .. }) => {
            assert_eq!(what, "number of records");
            assert_eq!(found, records);
        }
        other => panic!("{other:?}"),
    }
    let reader = Dataset::from_json_reader(text.as_bytes(), &Limits::default().max_bytes(100));
    assert!(matches!(reader, Err(Error::LimitExceeded { .. })));
}

/// Hands out its bytes in pieces of the given sizes, in turn, then fails if `fail` is set, so
/// the streaming reader sees every split of the document a real reader might make.
struct Pieces<'a> {
    bytes: &'a [u8],
    sizes: Vec<usize>,
    turn: usize,
    fail: bool,
}

impl std::io::Read for Pieces<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.bytes.is_empty() && self.fail {
            return Err(std::io::Error::other("the disk went away"));
        }
        let size = self.sizes[self.turn % self.sizes.len()].max(1);
        self.turn += 1;
        let n = size.min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

/// Loads `bytes` from memory and from a reader handing them out in `sizes` pieces; both
/// results, errors as their messages.
fn both_ways(bytes: &[u8], sizes: Vec<usize>, limits: &Limits) -> [Result<Dataset, String>; 2] {
    let reader = Pieces {
        bytes,
        sizes,
        turn: 0,
        fail: false,
    };
    [
        Dataset::from_json_slice(bytes, limits).map_err(|e| e.to_string()),
        Dataset::from_json_reader(reader, limits).map_err(|e| e.to_string()),
    ]
}

/// `text`, pretty-printed JSON, with one of its objects (the `pick`th) written as the array of
/// its values in order, and the line (from 1) where that array opens. In the pretty layout an
/// object's own keys are the lines indented two more than the line that opens it.
fn as_array(text: &str, pick: prop::sample::Index) -> (String, usize) {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let opens: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].ends_with('{'))
        .collect();
    let open = opens[pick.index(opens.len())];
    let indent = |line: &str| line.len() - line.trim_start().len();
    let depth = indent(&lines[open]);
    let close = (open + 1..lines.len())
        .find(|&i| indent(&lines[i]) == depth && lines[i].trim_start().starts_with('}'))
        .expect("every object closes");
    lines[open].pop();
    lines[open].push('[');
    lines[close] = lines[close].replacen('}', "]", 1);
    for line in &mut lines[open + 1..close] {
        if indent(line) == depth + 2 && line.trim_start().starts_with('"') {
            let (_, value) = line.split_once("\": ").expect("a key and its value");
            *line = format!("{}{value}", " ".repeat(depth + 2));
        }
    }
    (lines.join("\n"), open + 1)
}

#[test]
fn what_follows_the_document_is_refused_both_ways() {
    let [slice, reader] = both_ways(b"{\"schema_version\": 1} x", vec![3], &Limits::default());
    let message = slice.unwrap_err();
    assert!(message.contains("trailing characters"), "{message}");
    assert_eq!(reader.unwrap_err(), message);
}

#[test]
fn a_reader_that_fails_is_an_io_error() {
    let text = Graph::embedded().to_json();
    let reader = Pieces {
        bytes: &text.as_bytes()[..text.len() / 2],
        sizes: vec![4096],
        turn: 0,
        fail: true,
    };
    match Dataset::from_json_reader(reader, &Limits::default()) {
        Err(Error::Io(e)) => assert_eq!(e.to_string(), "the disk went away"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_document_not_opening_with_its_version_is_read_whole() {
    let text = r#"{"sources": [], "schema_version": 1}"#;
    let [slice, reader] = both_ways(text.as_bytes(), vec![1], &Limits::default());
    assert_eq!(slice.unwrap(), Dataset::default());
    assert_eq!(reader.unwrap(), Dataset::default());
    let [_, reader] = both_ways(text.as_bytes(), vec![7], &Limits::default().max_bytes(20));
    assert!(reader.unwrap_err().contains("document size"));
}

#[test]
fn a_leading_byte_order_mark_is_skipped_every_way() {
    const BOM: &str = "\u{feff}";
    let embedded = Graph::embedded().to_json();
    // The crate's own layout, read from the head of the stream, and one the reader has to
    // read whole; split so that the mark itself is cut.
    for text in [embedded.as_str(), r#"{"sources": [], "schema_version": 1}"#] {
        let expected = Dataset::from_json(text).unwrap();
        let marked = format!("{BOM}{text}");
        assert_eq!(Dataset::from_json(&marked).unwrap(), expected);
        let [slice, reader] = both_ways(marked.as_bytes(), vec![1, 2], &Limits::default());
        assert_eq!(slice.unwrap(), expected);
        assert_eq!(reader.unwrap(), expected);
    }
    assert_eq!(
        &Graph::from_json(&format!("{BOM}{embedded}")).unwrap(),
        Graph::embedded()
    );
    // Only one mark, and only at the start: anywhere else it is text the format refuses.
    for text in [
        format!("{BOM}{BOM}{embedded}"),
        format!(" {BOM}{embedded}"),
        format!("{{{BOM}\"schema_version\": 1}}"),
    ] {
        let [slice, reader] = both_ways(text.as_bytes(), vec![5], &Limits::default());
        let message = slice.unwrap_err();
        assert!(message.contains("line 1, column"), "{message}");
        assert_eq!(reader.unwrap_err(), message);
    }
}

#[test]
fn a_utf16_document_is_refused_as_utf16() {
    let text = "\n{\"schema_version\": 1}";
    let utf16 = |big: bool, mark: bool| -> Vec<u8> {
        let units = mark
            .then_some(0xFEFF)
            .into_iter()
            .chain(text.encode_utf16());
        units
            .flat_map(|u| {
                if big {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect()
    };
    for (bytes, order) in [
        (utf16(false, true), "little-endian"),
        (utf16(false, false), "little-endian"),
        (utf16(true, true), "big-endian"),
        (utf16(true, false), "big-endian"),
    ] {
        let [slice, reader] = both_ways(&bytes, vec![1, 3], &Limits::default());
        let message = slice.unwrap_err();
        assert_eq!(
            message,
            format!(
                "malformed JSON at line 1, column 1: the document is UTF-16 ({order}), not \
                 UTF-8 as JSON must be; save it as UTF-8"
            )
        );
        assert_eq!(reader.unwrap_err(), message);
    }
    // Text that merely starts with a character the format refuses is not taken for UTF-16.
    let message = Dataset::from_json("x").unwrap_err().to_string();
    assert!(!message.contains("UTF-16"), "{message}");
}

#[test]
fn a_failed_load_leaves_the_graph_as_it_was() {
    let before = Graph::embedded().clone();
    assert!(Graph::from_json("{").is_err());
    let bad = Dataset::from_json(r#"{"schema_version": 1, "relations": [
        {"from": "org:itu", "kind": "supports", "to": "objective:1", "provenance": [{"stated": "nope"}]}]}"#)
        .unwrap();
    assert!(Graph::embedded().layered(bad).is_err());
    assert_eq!(&before, Graph::embedded());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Save then load gives back an equal graph, every field.
    #[test]
    fn graph_round_trips_through_json(data in arb_dataset()) {
        let graph = GraphBuilder::new().layer(data).build().unwrap();
        let text = graph.to_json();
        let again = Graph::from_json(&text).unwrap();
        prop_assert_eq!(&again, &graph);
        prop_assert_eq!(again.to_dataset(), graph.to_dataset());
        prop_assert_eq!(again.to_json(), text);
    }

    /// A dataset written and read back is the same dataset, before any validation.
    #[test]
    fn dataset_round_trips_through_json(data in arb_dataset()) {
        let again = Dataset::from_json(&data.to_json()).unwrap();
        prop_assert_eq!(again, data);
    }

    /// Building does not depend on the order records and relations are given in.
    #[test]
    fn input_order_does_not_matter(data in arb_dataset(), seed in any::<u64>()) {
        let mut shuffled = data.clone();
        let mut state = seed | 1;
        let mut next = move |n: usize| {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            (state % n.max(1) as u64) as usize
        };
        for i in (1..shuffled.relations.len()).rev() { let j = next(i + 1); shuffled.relations.swap(i, j); }
        for i in (1..shuffled.organisations.len()).rev() { let j = next(i + 1); shuffled.organisations.swap(i, j); }
        for i in (1..shuffled.sections.len()).rev() { let j = next(i + 1); shuffled.sections.swap(i, j); }
        let a = GraphBuilder::new().layer(data).build().unwrap();
        let b = GraphBuilder::new().layer(shuffled).build().unwrap();
        // Evidence of a relation stated twice is kept in first-seen order, so compare the
        // relation keys and the sets of evidence, and everything else exactly.
        let (mut da, mut db) = (a.to_dataset(), b.to_dataset());
        for r in da.relations.iter_mut().chain(db.relations.iter_mut()) {
            r.provenance.sort();
            r.notes.sort();
        }
        prop_assert_eq!(da, db);
    }

    /// Reading from memory and streaming from a reader are one format: for any document,
    /// split anyhow, they give the same dataset or the same error.
    #[test]
    fn streaming_reads_what_text_reads(
        data in arb_dataset(),
        mutation in prop::option::of((any::<prop::sample::Index>(), any::<u8>())),
        sizes in prop::collection::vec(1usize..300, 1..4),
    ) {
        let mut bytes = data.to_json().into_bytes();
        if let Some((at, byte)) = mutation {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        let [slice, reader] = both_ways(&bytes, sizes, &Limits::default());
        // serde_json places an error one character later when reading from a stream (it has
        // read the byte after the bad value, maybe a line break); the record, field and
        // message agree, and the line is the same or the next. The position is written
        // `at `path` (line L, column C): ` inside a record and `at line L, column C: ` outside.
        let split = |r: Result<Dataset, String>| {
            r.map_err(|e| {
                let (head, tail, close) = match (e.split_once(" (line "), e.split_once(" at line ")) {
                    (Some((head, tail)), _) => (head, tail, ')'),
                    (None, Some((head, tail))) => (head, tail, ':'),
                    (None, None) => return (e, None),
                };
                let digits: String = tail.chars().take_while(char::is_ascii_digit).collect();
                let rest = tail.split_once(close).map_or("", |(_, rest)| rest);
                (format!("{head}{rest}"), digits.parse::<usize>().ok())
            })
        };
        match (split(slice), split(reader)) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            (Err((a, line_a)), Err((b, line_b))) => {
                prop_assert_eq!(a, b);
                prop_assert!(match (line_a, line_b) {
                    (Some(x), Some(y)) => y == x || y == x + 1,
                    (x, y) => x == y,
                }, "line {:?} streamed as {:?}", line_a, line_b);
            }
            (a, b) => prop_assert!(false, "{:?} but streamed {:?}", a, b),
        }
    }

    /// Every record, label, citation, figure or provenance is a JSON object: written as the
    /// array of its values in order (which serde would read as the struct), it is refused,
    /// in memory and streamed alike, with an error at the line of the array.
    #[test]
    fn an_object_written_as_an_array_is_refused(
        data in arb_dataset(),
        pick in any::<prop::sample::Index>(),
        sizes in prop::collection::vec(1usize..300, 1..4),
    ) {
        let text = data.to_json();
        let (positional, line) = as_array(&text, pick);
        let [slice, reader] = both_ways(positional.as_bytes(), sizes, &Limits::default());
        match Dataset::from_json(&positional) {
            Err(Error::Json { kind, line: at, message, .. }) => {
                prop_assert_eq!(kind, JsonErrorKind::Data, "{} in\n{}", message, positional);
                prop_assert!(message.starts_with("invalid type: sequence"), "{}", message);
                // A figure's value and a provenance are read as any value, and serde_json,
                // having opened the list, steps to the next value before it reports the error.
                prop_assert!(at == line || at == line + 1, "line {} for {}: {}", at, line, message);
            }
            other => prop_assert!(false, "{:?} from\n{}", other, positional),
        }
        let (slice, reader) = (slice.unwrap_err(), reader.unwrap_err());
        let message = |e: &str| e.split_once("): ").or(e.split_once(": ")).map(|(_, m)| m.to_owned());
        prop_assert_eq!(message(&slice), message(&reader));
    }

    /// The limits hold the same whether a document is read from memory or streamed.
    #[test]
    fn streaming_keeps_the_limits(
        data in arb_dataset(),
        sizes in prop::collection::vec(1usize..300, 1..4),
        bytes_cut in 0usize..2000,
        depth in 4usize..9,
        string in 2usize..60,
        records in 0usize..40,
    ) {
        let text = data.to_json();
        let limits = Limits::default()
            .max_bytes(text.len().saturating_sub(bytes_cut))
            .max_depth(depth)
            .max_string_bytes(string)
            .max_records(records);
        let [slice, reader] = both_ways(text.as_bytes(), sizes, &limits);
        // Text is checked whole before parsing and a stream as it goes, so when a document
        // breaks several limits each may name a different one first.
        match (slice, reader) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            (Err(a), Err(b)) => {
                prop_assert!(a.contains("exceeds the limit"), "{}", a);
                prop_assert!(b.contains("exceeds the limit"), "{}", b);
            }
            (a, b) => prop_assert!(false, "{:?} but streamed {:?}", a, b),
        }
    }

    /// Arbitrary text never panics the loader.
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = Dataset::from_json(&text);
        let _ = Graph::from_json(&text);
    }

    /// Valid JSON with one byte changed never panics the loader or the builder.
    #[test]
    fn mutated_documents_never_panic(data in arb_dataset(), at in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let mut bytes = data.to_json().into_bytes();
        let i = at.index(bytes.len());
        bytes[i] = byte;
        if let Ok(d) = Dataset::from_json_slice(&bytes, &Limits::default()) {
            let _ = GraphBuilder::new().layer(d).build();
        }
    }
}

/// The records of `value` that have a `kind`, as (list, index), in the order the text lists
/// them.
fn records_with_a_kind(value: &serde_json::Value) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    for (list, records) in value.as_object().unwrap() {
        for (i, record) in records.as_array().into_iter().flatten().enumerate() {
            if record.get("kind").is_some_and(serde_json::Value::is_string) {
                found.push((list.clone(), i));
            }
        }
    }
    found
}

/// `value` as text, with the kind of each record in `broken` replaced by as many `Z`s: no
/// record kind, and the same length, so every other value keeps its line and column.
fn with_kinds_broken(value: &serde_json::Value, broken: &[&(String, usize)]) -> String {
    let mut value = value.clone();
    for (list, i) in broken {
        let kind = &mut value[list.as_str()][*i]["kind"];
        let zs = "Z".repeat(kind.as_str().unwrap().len());
        *kind = serde_json::Value::String(zs);
    }
    serde_json::to_string_pretty(&value).unwrap()
}

proptest! {
    /// A document with several bad records gets one problem for each, in document order, and
    /// each is the error loading gives when that record is the only bad one: the same record,
    /// field, line, column and message. A document that loads has none.
    #[test]
    fn json_problems_names_each_bad_record_as_loading_would_alone(
        data in arb_dataset(),
        picks in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
    ) {
        let limits = Limits::default();
        let value: serde_json::Value = serde_json::from_str(&data.to_json()).unwrap();
        let clean = serde_json::to_string_pretty(&value).unwrap();
        prop_assert!(Dataset::json_problems(clean.as_bytes(), &limits).is_empty());
        let candidates = records_with_a_kind(&value);
        prop_assume!(!candidates.is_empty());
        let mut broken: Vec<&(String, usize)> =
            picks.iter().map(|p| &candidates[p.index(candidates.len())]).collect();
        broken.sort();
        broken.dedup();

        let text = with_kinds_broken(&value, &broken);
        let problems: Vec<String> = Dataset::json_problems(text.as_bytes(), &limits)
            .iter()
            .map(ToString::to_string)
            .collect();
        let mut alone: Vec<(usize, usize, String)> = broken
            .iter()
            .map(|record| {
                let one = with_kinds_broken(&value, &[record]);
                match Dataset::from_json(&one).unwrap_err() {
                    e @ Error::Json { line, column, .. } => (line, column, e.to_string()),
                    other => panic!("{other}"),
                }
            })
            .collect();
        alone.sort();
        let alone: Vec<String> = alone.into_iter().map(|(.., message)| message).collect();
        prop_assert_eq!(&problems, &alone);
        if let Some(first) = problems.first() {
            prop_assert_eq!(first, &Dataset::from_json(&text).unwrap_err().to_string());
        }
    }

    /// Whatever the document, the first problem is the error loading gives, and there are
    /// problems exactly when loading fails.
    #[test]
    fn json_problems_opens_with_the_load_error(
        data in arb_dataset(),
        at in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let mut bytes = data.to_json().into_bytes();
        let i = at.index(bytes.len());
        bytes[i] = byte;
        let problems = Dataset::json_problems(&bytes, &Limits::default());
        match Dataset::from_json_slice(&bytes, &Limits::default()) {
            Ok(_) => prop_assert!(problems.is_empty()),
            Err(e) => prop_assert_eq!(problems.first().map(ToString::to_string), Some(e.to_string())),
        }
    }
}

#[test]
fn json_problems_gathers_only_what_can_be_told_apart() {
    let limits = Limits::default();
    // Malformed text: the one error, since nothing after it can be read.
    let problems = Dataset::json_problems(b"{\"schema_version\": 1, \"relations\": [7,", &limits);
    assert_eq!(problems.len(), 1);
    // Keys: unknown and repeated ones each count, beside the records.
    let text = "{\"schema_version\": 1, \"relations\": [7], \"extra\": 1, \"relations\": []}";
    let problems: Vec<String> = Dataset::json_problems(text.as_bytes(), &limits)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(problems[0].contains("`relations[0]`"));
    assert!(problems[1].contains("unknown field `extra`"));
    assert!(problems[2].contains("duplicate field `relations`"));
    // Each key problem reads as loading words it when it comes first: same list of fields,
    // same place.
    for text in [
        "{\"schema_version\": 1,\n  \"extra\"  : 1}",
        "{\"schema_version\": 1, \"relations\": [],\n \"relations\": []}",
    ] {
        let problems = Dataset::json_problems(text.as_bytes(), &limits);
        let first = Dataset::from_json(text).unwrap_err().to_string();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].to_string(), first);
    }
}

/// `value` with every whole number written as a float (`165` as `165.0`), as a script that
/// holds its numbers as floats would write it.
fn whole_numbers_as_floats(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Number(n) => match n.as_u64() {
            Some(v) => Value::from(v as f64),
            None => Value::Number(n),
        },
        Value::Array(items) => {
            Value::Array(items.into_iter().map(whole_numbers_as_floats).collect())
        }
        Value::Object(fields) => Value::Object(
            fields
                .into_iter()
                .map(|(k, v)| (k, whole_numbers_as_floats(v)))
                .collect(),
        ),
        other => other,
    }
}

/// The embedded data with its version and figures written as floats reads as written with
/// integers; a fraction is still refused, naming the field.
#[test]
fn whole_numbers_written_as_floats_read_as_those_numbers() {
    let embedded = Graph::embedded().to_json();
    let value: serde_json::Value = serde_json::from_str(&embedded).unwrap();
    let text = serde_json::to_string(&whole_numbers_as_floats(value)).unwrap();
    assert!(text.contains(r#""schema_version":1.0"#));
    assert!(
        text.contains(r#""value":165.0"#),
        "the embedded figures are read"
    );
    assert_eq!(Graph::from_json(&text).unwrap(), *Graph::embedded());
    assert!(Dataset::json_problems(text.as_bytes(), &Limits::default()).is_empty());
    let streamed = Dataset::from_json_reader(text.as_bytes(), &Limits::default()).unwrap();
    assert_eq!(streamed, Graph::embedded().to_dataset());

    let fraction = text.replacen(r#""value":165.0"#, r#""value":165.5"#, 1);
    let (kind, path, _, _, message) = json_error(&fraction);
    assert_eq!(kind, JsonErrorKind::Data);
    assert!(path.is_some_and(|p| p.ends_with(".value")), "{message}");
    assert!(
        message.starts_with("invalid value: floating point `165.5`, expected a whole number"),
        "{message}"
    );
}

proptest! {
    /// Writing a dataset's whole numbers as floats changes nothing that is read.
    #[test]
    fn whole_numbers_as_floats_load_the_same_dataset(data in arb_dataset()) {
        let value: serde_json::Value = serde_json::from_str(&data.to_json()).unwrap();
        let text = serde_json::to_string(&whole_numbers_as_floats(value)).unwrap();
        prop_assert_eq!(Dataset::from_json(&text).unwrap(), data);
    }
}
