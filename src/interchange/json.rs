//! Reading and writing [`Dataset`]s as JSON.
//!
//! Reading checks the limits and `schema_version` before it fills any record, so a document of
//! another version gets that error rather than a confusing one about a field it renamed. Text
//! in memory is then parsed without tracking where each value sits, which is twice as fast;
//! only a document that fails is parsed again, tracking the path, so the error names its record
//! and field. A reader is parsed as it streams, the limits checked on the bytes going past,
//! tracking the path all along since the bytes cannot be read twice.
//!
//! A whole number may be written as a float (`1.0`, `165e0`): JSON has one number type, the
//! schema's `integer` admits them, and `model::whole` reads them exactly.

use std::io::{Read, Write};

use serde::Deserialize;

use crate::dataset::{Dataset, SchemaVersion};
use crate::error::{Error, JsonErrorKind, Result};
use crate::interchange::objects::{Objects, Unshaped};
use crate::model::id::sharing_ids;

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

    /// Checks the limits in one pass over the bytes, before parsing.
    fn check(&self, bytes: &[u8]) -> Result<()> {
        LimitScan::new(self).feed(bytes)
    }
}

/// The limits check, fed the document in pieces, in order, so a reader can be checked as it
/// streams. Strings are followed (escapes included) so brackets inside them do not count; a
/// malformed document may be miscounted here, but the parser refuses it right after.
#[derive(Debug, Clone)]
struct LimitScan {
    limits: Limits,
    bytes: usize,
    depth: usize,
    records: usize,
    string_len: usize,
    in_string: bool,
    escaped: bool,
}

impl LimitScan {
    fn new(limits: &Limits) -> LimitScan {
        LimitScan {
            limits: *limits,
            bytes: 0,
            depth: 0,
            records: 0,
            string_len: 0,
            in_string: false,
            escaped: false,
        }
    }

    /// Checks the next piece of the document. Runs of bytes that change nothing (string
    /// contents, numbers, white space) are skipped by a search for the next byte that does.
    fn feed(&mut self, piece: &[u8]) -> Result<()> {
        let exceeded = |what, limit, found| Err(Error::LimitExceeded { what, limit, found });
        let limits = self.limits;
        self.bytes = self.bytes.saturating_add(piece.len());
        if self.bytes > limits.max_bytes {
            return exceeded("document size in bytes", limits.max_bytes, self.bytes);
        }
        let mut rest = piece;
        while !rest.is_empty() {
            if self.in_string {
                if self.escaped {
                    // The escaped byte is string content.
                    self.escaped = false;
                    self.string_len += 1;
                    rest = rest.get(1..).unwrap_or_default();
                } else {
                    let run = find(rest, b"\"\\").unwrap_or(rest.len());
                    self.string_len += run;
                    match rest.get(run) {
                        Some(b'"') => self.in_string = false,
                        Some(_) => self.escaped = true,
                        None => {}
                    }
                    rest = rest.get(run + 1..).unwrap_or_default();
                }
                if self.string_len > limits.max_string_bytes {
                    return exceeded(
                        "string length in bytes",
                        limits.max_string_bytes,
                        self.string_len,
                    );
                }
                continue;
            }
            let Some(at) = find(rest, b"\"{[}]") else {
                break;
            };
            match rest.get(at) {
                Some(b'"') => {
                    self.in_string = true;
                    self.string_len = 0;
                }
                Some(&b @ (b'{' | b'[')) => {
                    self.depth += 1;
                    if self.depth > limits.max_depth {
                        return exceeded("nesting depth", limits.max_depth, self.depth);
                    }
                    // Records are the objects inside the top-level lists.
                    if b == b'{' && self.depth == 3 {
                        self.records += 1;
                        if self.records > limits.max_records {
                            return exceeded("number of records", limits.max_records, self.records);
                        }
                    }
                }
                _ => self.depth = self.depth.saturating_sub(1),
            }
            rest = rest.get(at + 1..).unwrap_or_default();
        }
        Ok(())
    }
}

/// The position of the first byte of `bytes` that is one of `wanted`. Looks at eight bytes at a
/// time: the scan runs over every byte of every document, and most runs it skips are long.
fn find(bytes: &[u8], wanted: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let mut words = bytes.chunks_exact(8);
    let mut offset = 0;
    for word in &mut words {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        let w = u64::from_le_bytes(w);
        // A byte of `w ^ (b * ONES)` is zero exactly where `w` holds `b`; the classic test
        // below sets the high bit of such bytes (and of none before the first).
        let hit = wanted.iter().fold(0u64, |hit, &b| {
            let x = w ^ (u64::from(b) * ONES);
            hit | (x.wrapping_sub(ONES) & !x & HIGHS)
        });
        if hit != 0 {
            return Some(offset + (hit.trailing_zeros() / 8) as usize);
        }
        offset += 8;
    }
    words
        .remainder()
        .iter()
        .position(|b| wanted.contains(b))
        .map(|at| offset + at)
}

/// A reader whose bytes are checked against the limits as the parser pulls them; the first
/// limit passed ends the read with an I/O error, and the limit is kept in `exceeded`.
struct Checked<R> {
    inner: R,
    scan: LimitScan,
    exceeded: Option<Error>,
}

impl<R: Read> Read for Checked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Err(e) = self.scan.feed(buf.get(..n).unwrap_or_default()) {
            self.exceeded = Some(e);
            return Err(std::io::Error::other("a limit was exceeded"));
        }
        Ok(n)
    }
}

/// Only the version, every other key skipped unread. A document of another shape is told that
/// a dataset was expected.
#[derive(Deserialize)]
#[serde(expecting = "a dataset")]
struct VersionProbe {
    schema_version: Option<Unshaped<serde_json::Value>>,
}

/// `serde_json::from_slice`, but every struct read from an object only (see [`Objects`]).
fn from_objects<'de, T: Deserialize<'de>>(bytes: &'de [u8]) -> serde_json::Result<T> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = T::deserialize(Objects(&mut de))?;
    de.end()?;
    Ok(value)
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

/// The UTF-8 byte order mark. Some editors and spreadsheet exports open a file with it; RFC
/// 8259 lets a parser ignore it, and someone who saved a dataset from one of them should not
/// be told it is malformed at line 1, column 1.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// `bytes` without a leading byte order mark.
pub(crate) fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(BOM).unwrap_or(bytes)
}

/// The error for a document in UTF-16, told by its byte order mark or by the zero byte that
/// every ASCII character has beside it there. Windows tools write UTF-16 when asked for
/// "Unicode" (PowerShell 5's `>` among them), and the parser alone would say only that line
/// 1, column 1 is not a value.
fn utf16_error(bytes: &[u8]) -> Option<Error> {
    let order = match bytes {
        [0xFF, 0xFE, ..] | [b'\t' | b'\n' | b'\r' | b' '..=b'~', 0, ..] => "little-endian",
        [0xFE, 0xFF, ..] | [0, b'\t' | b'\n' | b'\r' | b' '..=b'~', ..] => "big-endian",
        _ => return None,
    };
    Some(Error::Json {
        kind: JsonErrorKind::Syntax,
        path: None,
        line: 1,
        column: 1,
        message: format!(
            "the document is UTF-16 ({order}), not UTF-8 as JSON must be; save it as UTF-8"
        ),
    })
}

/// The known part of a path of serde_path_to_error's, which writes `?` for a step it could
/// not name (the key a trailing comma stood before: `organisations[0].?`) and `.` for the
/// document itself; the path up to such a step is what is known, and a reader would take
/// `?` for part of a key.
fn known_path(path: Option<String>) -> Option<String> {
    let path = path?;
    let known: Vec<&str> = (path.split('.'))
        .take_while(|step| !step.starts_with('?'))
        .collect();
    let known = known.join(".");
    let known = known.trim_matches('.');
    (!known.is_empty()).then(|| known.to_owned())
}

pub(crate) fn json_error(err: &serde_json::Error, path: Option<String>) -> Error {
    let path = known_path(path);
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
        // serde_json gives column 0 for an error found before reading a character of the
        // line (`[]` where an object was due, an empty document); the error's columns count
        // from 1, so that is the line's first character.
        line: err.line().max(1),
        column: err.column().max(1),
        message,
    }
}

/// Refuses a document whose `schema_version` is missing or not the one this crate reads.
fn check_version(version: Option<&serde_json::Value>) -> Result<()> {
    match version {
        // `1.0` is `1`, as JSON Schema's `const` and the schema's validators take it.
        Some(serde_json::Value::Number(n))
            if n.as_f64() == Some(f64::from(SchemaVersion::CURRENT.get())) =>
        {
            Ok(())
        }
        other => Err(Error::UnsupportedSchema {
            found: match other {
                None => "missing".to_owned(),
                Some(v) => v.to_string().chars().take(40).collect(),
            },
            supported: SchemaVersion::CURRENT.get(),
        }),
    }
}

impl Dataset {
    /// Reads a dataset from JSON text, within the default [`Limits`].
    ///
    /// This checks each value (ids, kinds, dates) but nothing across records; build a
    /// [`Graph`](crate::Graph) for that. A UTF-8 byte order mark at the very start, which some
    /// editors and spreadsheet exports write, is skipped (by every `from_json*` function); a
    /// document in UTF-16 is refused with an error that says so.
    ///
    /// # Errors
    /// [`Error::Json`] for malformed text or a value of the wrong shape (a record written as
    /// an array of its values rather than an object, say), naming the record and field with
    /// line and column; [`Error::UnsupportedSchema`] when `schema_version` is missing
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
        Dataset::parse_slice(without_bom(bytes), limits)
    }

    /// [`Dataset::from_json_slice`] once any byte order mark is gone.
    fn parse_slice(bytes: &[u8], limits: &Limits) -> Result<Dataset> {
        limits.check(bytes)?;
        if let Some(e) = utf16_error(bytes) {
            return Err(e);
        }
        // Documents this crate writes open with the version, so it is read there without a
        // pass over the whole text; any other layout gets the full probe.
        let version = match leading_version(bytes) {
            Some(v) => Some(serde_json::Value::from(v)),
            None => {
                let probe: VersionProbe = from_objects(bytes).map_err(|e| json_error(&e, None))?;
                probe.schema_version.map(|v| v.0)
            }
        };
        check_version(version.as_ref())?;
        // Tracking the path of every value halves parsing speed, and the path only matters in
        // an error, so a document that fails is parsed again to find where.
        sharing_ids(|| from_objects(bytes)).map_err(|fast| {
            let mut de = serde_json::Deserializer::from_slice(bytes);
            match serde_path_to_error::deserialize::<_, Dataset>(Objects(&mut de)) {
                Err(e) => json_error(e.inner(), Some(e.path().to_string())),
                // Only what follows the document is wrong, which has no path.
                Ok(_) => json_error(&fast, None),
            }
        })
    }

    /// Reads a dataset from a reader, within the given limits, without holding the whole
    /// document in memory when it opens with `schema_version` (as every document this crate
    /// writes does): the limits are checked as the bytes stream past the parser. A document
    /// laid out otherwise is read whole first, as [`Dataset::from_json_slice`] reads it.
    ///
    /// # Errors
    /// [`Error::Io`] when reading fails; otherwise as [`Dataset::from_json`], with the same
    /// record, field and message, though the position may be a character later (on the next
    /// line when that character is a line break): reading from a stream, the parser has
    /// taken the byte after the bad value before it can tell.
    pub fn from_json_reader(reader: impl Read, limits: &Limits) -> Result<Dataset> {
        /// Enough of the document to find a leading version in.
        const HEAD: u64 = 4096;
        let mut checked = Checked {
            inner: reader,
            scan: LimitScan::new(limits),
            exceeded: None,
        };
        let mut head = Vec::new();
        let read = (&mut checked).take(HEAD).read_to_end(&mut head);
        if let Err(e) = read {
            return Err(checked.exceeded.take().unwrap_or(Error::Io(e)));
        }
        if head.starts_with(BOM) {
            head.drain(..BOM.len());
        }
        let Some(version) = leading_version(&head) else {
            if let Err(e) = checked.read_to_end(&mut head) {
                return Err(checked.exceeded.take().unwrap_or(Error::Io(e)));
            }
            return Dataset::parse_slice(&head, limits);
        };
        check_version(Some(&serde_json::Value::from(version)))?;
        let result = {
            let stream =
                std::io::BufReader::with_capacity(1 << 16, head.as_slice().chain(&mut checked));
            let mut de = serde_json::Deserializer::from_reader(stream);
            sharing_ids(|| serde_path_to_error::deserialize::<_, Dataset>(Objects(&mut de)))
                .map_err(|e| {
                    let path = e.path().to_string();
                    (e.into_inner(), Some(path))
                })
                .and_then(|dataset| de.end().map(|()| dataset).map_err(|e| (e, None)))
        };
        result.map_err(|(e, path)| {
            if let Some(limit) = checked.exceeded.take() {
                limit
            } else if e.classify() == serde_json::error::Category::Io {
                Error::Io(std::io::Error::from(e))
            } else {
                json_error(&e, path)
            }
        })
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

    /// Writes the dataset as pretty-printed JSON to `writer`: the bytes of
    /// [`Dataset::to_json`], without the whole document in memory. Buffered here (the JSON
    /// writer makes a call per token), so a file need not be wrapped in a `BufWriter`.
    ///
    /// # Errors
    /// [`Error::Io`] when writing fails.
    pub fn write_json(&self, writer: impl Write) -> Result<()> {
        let mut writer = std::io::BufWriter::with_capacity(64 * 1024, writer);
        serde_json::to_writer_pretty(&mut writer, self).map_err(std::io::Error::from)?;
        writer.write_all(b"\n")?;
        writer.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{find, leading_version};
    use proptest::prelude::*;

    proptest! {
        /// The word-at-a-time search finds what a byte-by-byte search finds.
        #[test]
        fn find_agrees_with_a_plain_search(
            bytes in prop::collection::vec(any::<u8>(), 0..40),
            wanted in prop::collection::vec(any::<u8>(), 1..6),
        ) {
            prop_assert_eq!(
                find(&bytes, &wanted),
                bytes.iter().position(|b| wanted.contains(b))
            );
        }
    }

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
