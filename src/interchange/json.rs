//! Reading and writing [`Dataset`]s as JSON.
//!
//! Reading takes two passes over the text. The first checks that it is JSON at all, within the
//! limits, and that `schema_version` is one this crate reads, so a document of another version
//! gets that error rather than a confusing one about a field it renamed. The second fills the
//! typed records, tracking the path of the value being read so an error names its record and
//! field.

use std::io::{Read, Write};

use serde::Deserialize;

use crate::dataset::{Dataset, SchemaVersion};
use crate::error::{Error, JsonErrorKind, Result};

/// Bounds on what a JSON document may hold, so a hostile input cannot take unbounded time or
/// memory. They are checked in one pass over the bytes before anything is allocated for the
/// records.
///
/// | limit | default |
/// | --- | --- |
/// | document size | 1 GiB |
/// | nesting depth of arrays and objects | 32 (the format itself needs 8) |
/// | one string's length | 1 MiB |
/// | records (entries of the top-level lists, relations included) | 50 million |
///
/// # Example
/// ```
/// use gdc_map::{Dataset, Error, Limits};
///
/// let limits = Limits::default().max_bytes(10);
/// let err = Dataset::from_json_with(r#"{"schema_version": 1}"#, &limits).unwrap_err();
/// assert!(matches!(err, Error::LimitExceeded { what: "document size in bytes", .. }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Limits {
    max_bytes: usize,
    max_depth: usize,
    max_string_bytes: usize,
    max_records: usize,
}

impl Default for Limits {
    /// See the table on [`Limits`].
    fn default() -> Self {
        Limits {
            max_bytes: 1 << 30,
            max_depth: 32,
            max_string_bytes: 1 << 20,
            max_records: 50_000_000,
        }
    }
}

impl Limits {
    /// The largest document accepted, in bytes.
    #[must_use]
    pub fn max_bytes(mut self, n: usize) -> Limits {
        self.max_bytes = n;
        self
    }

    /// The deepest nesting of arrays and objects accepted.
    #[must_use]
    pub fn max_depth(mut self, n: usize) -> Limits {
        self.max_depth = n;
        self
    }

    /// The longest string accepted, in bytes as written (escapes count once).
    #[must_use]
    pub fn max_string_bytes(mut self, n: usize) -> Limits {
        self.max_string_bytes = n;
        self
    }

    /// The most records (entries of the top-level lists, relations included) accepted.
    #[must_use]
    pub fn max_records(mut self, n: usize) -> Limits {
        self.max_records = n;
        self
    }

    /// Checks the limits in one pass over the bytes, before parsing. Strings are followed
    /// (escapes included) so brackets inside them do not count; a malformed document may be
    /// miscounted here, but the parser refuses it right after.
    fn check(&self, bytes: &[u8]) -> Result<()> {
        let exceeded = |what, limit, found| Err(Error::LimitExceeded { what, limit, found });
        if bytes.len() > self.max_bytes {
            return exceeded("document size in bytes", self.max_bytes, bytes.len());
        }
        let (mut depth, mut records, mut string_len) = (0usize, 0usize, 0usize);
        let (mut in_string, mut escaped) = (false, false);
        for &b in bytes {
            if in_string {
                if escaped {
                    escaped = false;
                } else if b == b'\\' {
                    escaped = true;
                    continue;
                } else if b == b'"' {
                    in_string = false;
                    continue;
                }
                string_len += 1;
                if string_len > self.max_string_bytes {
                    return exceeded("string length in bytes", self.max_string_bytes, string_len);
                }
                continue;
            }
            match b {
                b'"' => {
                    in_string = true;
                    string_len = 0;
                }
                b'{' | b'[' => {
                    depth += 1;
                    if depth > self.max_depth {
                        return exceeded("nesting depth", self.max_depth, depth);
                    }
                    // Records are the objects inside the top-level lists.
                    if b == b'{' && depth == 3 {
                        records += 1;
                        if records > self.max_records {
                            return exceeded("number of records", self.max_records, records);
                        }
                    }
                }
                b'}' | b']' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        Ok(())
    }
}

/// Only the version, every other key skipped unread.
#[derive(Deserialize)]
struct VersionProbe {
    schema_version: Option<serde_json::Value>,
}

/// The version when the document opens with `{"schema_version": <integer>,` (white space
/// allowed); `None` for any other opening.
fn leading_version(bytes: &[u8]) -> Option<u64> {
    let mut rest = bytes;
    let mut expect = |token: &[u8]| -> Option<()> {
        let start = rest.iter().position(|b| !b.is_ascii_whitespace())?;
        rest = rest.get(start..)?.strip_prefix(token)?;
        Some(())
    };
    expect(b"{")?;
    expect(b"\"schema_version\"")?;
    expect(b":")?;
    let start = rest.iter().position(|b| !b.is_ascii_whitespace())?;
    rest = rest.get(start..)?;
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 9 {
        return None;
    }
    let number = std::str::from_utf8(rest.get(..digits)?)
        .ok()?
        .parse()
        .ok()?;
    rest = rest.get(digits..)?;
    let next = rest.iter().find(|b| !b.is_ascii_whitespace())?;
    matches!(next, b',' | b'}').then_some(number)
}

fn json_error(err: &serde_json::Error, path: Option<String>) -> Error {
    let kind = match err.classify() {
        serde_json::error::Category::Eof => JsonErrorKind::Eof,
        serde_json::error::Category::Data => JsonErrorKind::Data,
        serde_json::error::Category::Syntax | serde_json::error::Category::Io => {
            JsonErrorKind::Syntax
        }
    };
    let text = err.to_string();
    // serde_json appends the position to every message; it is kept in fields of its own.
    let message = match text.rsplit_once(" at line ") {
        Some((message, _)) => message.to_owned(),
        None => text,
    };
    Error::Json {
        kind,
        path,
        line: err.line(),
        column: err.column(),
        message,
    }
}

impl Dataset {
    /// Reads a dataset from JSON text, within the default [`Limits`].
    ///
    /// This checks each value (ids, kinds, dates) but nothing across records; build a
    /// [`Graph`](crate::Graph) for that.
    ///
    /// # Errors
    /// [`Error::Json`] for malformed text or a value of the wrong shape, naming the record and
    /// field with line and column; [`Error::UnsupportedSchema`] when `schema_version` is missing
    /// or not [`SchemaVersion::CURRENT`]; [`Error::LimitExceeded`] past a limit.
    ///
    /// # Example
    /// ```
    /// use gdc_map::{Dataset, Error};
    ///
    /// let err = Dataset::from_json(r#"{"schema_version": 1, "relations": [
    ///   {"from": "org:itu", "kind": "co-chair", "to": "body:wgdt", "provenance": []}
    /// ]}"#).unwrap_err();
    /// let Error::Json { path, line, .. } = &err else { panic!("{err}") };
    /// assert_eq!(path.as_deref(), Some("relations[0].kind"));
    /// assert_eq!(*line, 2);
    /// ```
    pub fn from_json(text: &str) -> Result<Dataset> {
        Dataset::from_json_with(text, &Limits::default())
    }

    /// Reads a dataset from JSON text within the given limits.
    ///
    /// # Errors
    /// As [`Dataset::from_json`].
    pub fn from_json_with(text: &str, limits: &Limits) -> Result<Dataset> {
        Dataset::from_json_slice(text.as_bytes(), limits)
    }

    /// Reads a dataset from JSON bytes, which must be UTF-8, within the given limits.
    ///
    /// # Errors
    /// As [`Dataset::from_json`].
    pub fn from_json_slice(bytes: &[u8], limits: &Limits) -> Result<Dataset> {
        limits.check(bytes)?;
        // Documents this crate writes open with the version, so it is read there without a
        // pass over the whole text; any other layout gets the full probe.
        let version = match leading_version(bytes) {
            Some(v) => Some(serde_json::Value::from(v)),
            None => {
                let probe: VersionProbe =
                    serde_json::from_slice(bytes).map_err(|e| json_error(&e, None))?;
                probe.schema_version
            }
        };
        match &version {
            Some(serde_json::Value::Number(n))
                if n.as_u64() == Some(u64::from(SchemaVersion::CURRENT.get())) => {}
            other => {
                let found = match other {
                    None => "missing".to_owned(),
                    Some(v) => v.to_string().chars().take(40).collect(),
                };
                return Err(Error::UnsupportedSchema {
                    found,
                    supported: SchemaVersion::CURRENT.get(),
                });
            }
        }
        let mut de = serde_json::Deserializer::from_slice(bytes);
        let dataset: Dataset = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            json_error(e.inner(), Some(path))
        })?;
        Ok(dataset)
    }

    /// Reads a dataset from a reader, within the given limits.
    ///
    /// # Errors
    /// [`Error::Io`] when reading fails; otherwise as [`Dataset::from_json`].
    pub fn from_json_reader(reader: impl Read, limits: &Limits) -> Result<Dataset> {
        let mut bytes = Vec::new();
        // Read one byte past the limit, so an oversized input is refused without reading it all.
        let cap = u64::try_from(limits.max_bytes)
            .unwrap_or(u64::MAX)
            .saturating_add(1);
        reader.take(cap).read_to_end(&mut bytes)?;
        Dataset::from_json_slice(&bytes, limits)
    }

    /// Writes the dataset as pretty-printed JSON, every field included, in the dataset's own
    /// order. [`Dataset::from_json`] reads it back equal.
    #[expect(
        clippy::expect_used,
        reason = "every type in a Dataset serialises (string keys only), and writing to a Vec \
                  cannot fail; tests/integration/json.rs round-trips arbitrary datasets"
    )]
    pub fn to_json(&self) -> String {
        let mut out = serde_json::to_string_pretty(self).expect("a Dataset always serialises");
        out.push('\n');
        out
    }

    /// Writes the dataset as pretty-printed JSON to `writer`.
    ///
    /// # Errors
    /// [`Error::Io`] when writing fails.
    pub fn write_json(&self, mut writer: impl Write) -> Result<()> {
        serde_json::to_writer_pretty(&mut writer, self).map_err(std::io::Error::from)?;
        writer.write_all(b"\n")?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::leading_version;

    #[test]
    fn reads_a_leading_version_only() {
        assert_eq!(
            leading_version(b"{\"schema_version\": 1, \"x\": 2}"),
            Some(1)
        );
        assert_eq!(
            leading_version(b" \n{ \"schema_version\" :\t12 }"),
            Some(12)
        );
        assert_eq!(leading_version(b"{\"schema_version\": 1.5}"), None);
        assert_eq!(leading_version(b"{\"schema_version\": \"1\"}"), None);
        assert_eq!(leading_version(b"{\"x\": 1, \"schema_version\": 1}"), None);
        assert_eq!(leading_version(b"{\"schema_version\": 1"), None);
        assert_eq!(leading_version(b""), None);
    }
}
