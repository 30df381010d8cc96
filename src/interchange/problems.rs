//! Every problem of a document at once, for someone fixing a file by hand.
//!
//! Serde stops at the first value it cannot read, so [`Dataset::from_json`] names one problem;
//! a file with thirty bad records would take thirty runs to fix. Here the document is split
//! into its records without reading them (each a slice of the text), and each record is read
//! on its own, so that one record's problem does not hide the next. A record's error comes
//! back with its path and position in the whole document, as the first would from
//! [`Dataset::from_json`].

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::dataset::Dataset;
use crate::error::{Error, JsonErrorKind};
use crate::interchange::json::{Limits, json_error, without_bom};
use crate::interchange::objects::Objects;
use crate::model::entity::{
    Body, Commitment, Document, Event, Initiative, Organisation, PactAction, Section, Source,
};
use crate::model::relation::Relation;

/// The top-level keys of the format, in the order the derived reader names them.
const FIELDS: &[&str] = &[
    "schema_version",
    "sources",
    "sections",
    "organisations",
    "initiatives",
    "bodies",
    "events",
    "documents",
    "commitments",
    "pact_actions",
    "relations",
];

/// The top-level object, each value left as its text.
struct TopLevel<'a>(Vec<(Cow<'a, str>, &'a RawValue)>);

impl<'de> Deserialize<'de> for TopLevel<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> Visitor<'de> for Entries {
            type Value = TopLevel<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a dataset")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TopLevel<'de>, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    entries.push((key, map.next_value::<&'de RawValue>()?));
                }
                Ok(TopLevel(entries))
            }
        }
        d.deserialize_map(Entries)
    }
}

/// Turns byte offsets of the text into the line and column serde_json reports for an error
/// after reading up to that offset: the line from 1, the column as the bytes read on it.
/// Offsets are asked in increasing order, so the text is scanned once.
struct Positions<'a> {
    text: &'a [u8],
    scanned: usize,
    line: usize,
    line_start: usize,
}

impl Positions<'_> {
    fn at(&mut self, offset: usize) -> (usize, usize) {
        let end = offset.min(self.text.len());
        if end < self.scanned {
            // Not in order after all: scan again from the start.
            (self.scanned, self.line, self.line_start) = (0, 1, 0);
        }
        for (i, &b) in self.text.iter().enumerate().take(end).skip(self.scanned) {
            if b == b'\n' {
                self.line += 1;
                self.line_start = i + 1;
            }
        }
        self.scanned = end;
        (self.line, end - self.line_start)
    }
}

/// Where the slice `part` of `whole` starts in it.
fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}

/// The problems of the document `text`, one for each record that cannot be read, each top-level
/// key that is not the format's, and each key given twice.
struct Collector<'a> {
    text: &'a str,
    positions: Positions<'a>,
    problems: Vec<Error>,
}

impl<'a> Collector<'a> {
    /// An error of serde_json's while reading `part` (a slice of the text), placed in the
    /// whole document under `path`.
    fn place(&mut self, err: &serde_json::Error, part: &str, path: String) {
        let (line, column) = self.positions.at(offset_in(self.text, part));
        let mut placed = json_error(err, Some(path));
        if let Error::Json {
            line: l, column: c, ..
        } = &mut placed
        {
            // serde_json counts lines from 1; a position of 0 means it had none.
            let inner = (*l).max(1);
            if inner == 1 {
                *c += column;
            }
            *l = inner + line - 1;
        }
        self.problems.push(placed);
    }

    /// A problem with a top-level key, placed as serde_json places it: after the key and the
    /// white space before its colon.
    fn key_problem(&mut self, value: &str, path: &str, message: String) {
        let colon = self
            .text
            .get(..offset_in(self.text, value))
            .and_then(|before| before.rfind(':'))
            .unwrap_or(0);
        let (line, column) = self.positions.at(colon);
        self.problems.push(Error::Json {
            kind: JsonErrorKind::Data,
            path: Some(path.to_owned()),
            line,
            column,
            message,
        });
    }

    /// Each record of the list `key` read on its own.
    fn list<T: for<'de> Deserialize<'de>>(&mut self, key: &str, raw: &'a RawValue) {
        let records: Vec<&RawValue> = match serde_json::from_str(raw.get()) {
            Ok(records) => records,
            Err(e) => return self.place(&e, raw.get(), key.to_owned()),
        };
        for (i, record) in records.into_iter().enumerate() {
            let mut de = serde_json::Deserializer::from_str(record.get());
            if let Err(e) = serde_path_to_error::deserialize::<_, T>(Objects(&mut de)) {
                let inner = e.path().to_string();
                let path = match inner.as_str() {
                    "." => format!("{key}[{i}]"),
                    _ => format!("{key}[{i}].{inner}"),
                };
                self.place(e.inner(), record.get(), path);
            }
        }
    }
}

impl Dataset {
    /// Every problem that keeps the JSON document `bytes` from loading, where
    /// [`Dataset::from_json_slice`] names the first: each record that cannot be read, each
    /// unknown or repeated top-level key. Empty when the document loads.
    ///
    /// The first problem is the error [`Dataset::from_json_slice`] gives. A record is read on
    /// its own, so each bad record gives one problem, the first in it. Only values of the wrong
    /// shape can be gathered this way: malformed text, a document cut short, the wrong
    /// `schema_version` or a limit passed give that one error alone, since nothing after it
    /// can be told apart. The rules that span records are the builder's, which also reports
    /// every problem at once.
    ///
    /// # Example
    /// ```
    /// use gdc_map::{Dataset, Error, Limits};
    ///
    /// let text = r#"{"schema_version": 1,
    ///   "organisations": [{"id": "acme", "kind": "charity", "label": {"en": "ACME"},
    ///                      "provenance": [{"stated": "1"}]}],
    ///   "relations": [
    ///     {"from": "org:acme", "kind": "supports", "to": "objective:1", "provenance": [{"stated": "1"}]},
    ///     {"from": "org:acme", "kind": "funds", "to": "objective:2", "provenance": [{"stated": "1"}]}
    ///   ]}"#;
    /// let problems = Dataset::json_problems(text.as_bytes(), &Limits::default());
    /// let where_: Vec<String> = problems
    ///     .iter()
    ///     .map(|p| match p {
    ///         Error::Json { path, line, .. } => format!("{} line {line}", path.as_deref().unwrap_or("")),
    ///         other => other.to_string(),
    ///     })
    ///     .collect();
    /// assert_eq!(where_, ["organisations[0].kind line 2", "relations[1].kind line 6"]);
    /// // The first is what loading says.
    /// let first = Dataset::from_json(text).unwrap_err();
    /// assert_eq!(first.to_string(), problems[0].to_string());
    /// ```
    pub fn json_problems(bytes: &[u8], limits: &Limits) -> Vec<Error> {
        let first = match Dataset::from_json_slice(bytes, limits) {
            Ok(_) => return Vec::new(),
            Err(e) => e,
        };
        // Only a well-formed document of the right version can be split into its records.
        let is_shape = matches!(
            first,
            Error::Json {
                kind: JsonErrorKind::Data,
                ..
            }
        );
        let text = std::str::from_utf8(without_bom(bytes));
        let top = text
            .ok()
            .filter(|_| is_shape)
            .and_then(|text| Some((text, serde_json::from_str::<TopLevel<'_>>(text).ok()?)));
        let Some((text, TopLevel(entries))) = top else {
            return vec![first];
        };
        let mut collector = Collector {
            text,
            positions: Positions {
                text: text.as_bytes(),
                scanned: 0,
                line: 1,
                line_start: 0,
            },
            problems: Vec::new(),
        };
        let mut seen: Vec<&str> = Vec::new();
        for (key, raw) in &entries {
            if seen.contains(&key.as_ref()) {
                let message = format!("duplicate field `{key}`");
                collector.key_problem(raw.get(), ".", message);
                continue;
            }
            seen.push(key);
            match key.as_ref() {
                // Read and found right before the records.
                "schema_version" => {}
                "sources" => collector.list::<Source>(key, raw),
                "sections" => collector.list::<Section>(key, raw),
                "organisations" => collector.list::<Organisation>(key, raw),
                "initiatives" => collector.list::<Initiative>(key, raw),
                "bodies" => collector.list::<Body>(key, raw),
                "events" => collector.list::<Event>(key, raw),
                "documents" => collector.list::<Document>(key, raw),
                "commitments" => collector.list::<Commitment>(key, raw),
                "pact_actions" => collector.list::<PactAction>(key, raw),
                "relations" => collector.list::<Relation>(key, raw),
                _ => {
                    let message = <serde_json::Error as de::Error>::unknown_field(key, FIELDS);
                    collector.key_problem(raw.get(), key, message.to_string());
                }
            }
        }
        let mut problems = collector.problems;
        // Should the split ever miss what loading found, the error loading gives still shows.
        if problems.first().map(ToString::to_string) != Some(first.to_string()) {
            problems.insert(0, first);
        }
        problems
    }
}
