//! Every error type a caller can match on.

pub(crate) mod validation;

use validation::ValidationReport;

/// What went wrong while reading a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum JsonErrorKind {
    /// The text is not JSON.
    Syntax,
    /// The text ended in the middle of a value.
    Eof,
    /// The JSON is well formed but a value has the wrong type, an unknown field or kind, or an
    /// invalid id.
    Data,
}

/// The crate's error for loading and saving.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The document could not be read as a dataset.
    #[error("{}", display_json(.kind, .path.as_deref(), *.line, *.column, .message))]
    Json {
        /// What kind of failure.
        kind: JsonErrorKind,
        /// The record and field at fault, as a path like `relations[3].kind`, when known.
        path: Option<String>,
        /// The line, from 1.
        line: usize,
        /// The column, from 1.
        column: usize,
        /// What was wrong.
        message: String,
    },
    /// The document's `schema_version` is missing or not one this crate reads.
    #[error("{}", display_schema(.found, *.supported))]
    UnsupportedSchema {
        /// What the document says, as written (`missing` when absent).
        found: String,
        /// The version this crate reads.
        supported: u32,
    },
    /// The document is larger than a configured limit allows.
    #[error("the document exceeds the limit on {what}: {found} > {limit}")]
    LimitExceeded {
        /// Which limit.
        what: &'static str,
        /// The limit.
        limit: usize,
        /// What the document has.
        found: usize,
    },
    /// The data breaks rules that span records.
    #[error("invalid dataset:\n{0}")]
    Invalid(#[from] ValidationReport),
    /// Reading or writing failed.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
}

/// `schema_version is missing: …` when absent, `unsupported schema_version 2: …` otherwise.
fn display_schema(found: &str, supported: u32) -> String {
    let what = if found == "missing" {
        "schema_version is missing".to_owned()
    } else {
        format!("unsupported schema_version {found}")
    };
    format!("{what}: this version of gdc-map reads {supported}")
}

fn display_json(
    kind: &JsonErrorKind,
    path: Option<&str>,
    line: usize,
    column: usize,
    message: &str,
) -> String {
    let what = match kind {
        JsonErrorKind::Syntax => "malformed JSON",
        JsonErrorKind::Eof => "unexpected end of JSON",
        JsonErrorKind::Data => "invalid value",
    };
    match path {
        Some(p) if !p.is_empty() && p != "." => {
            format!("{what} at `{p}` (line {line}, column {column}): {message}")
        }
        _ => format!("{what} at line {line}, column {column}: {message}"),
    }
}

impl Error {
    /// The validation report, when the data broke cross-record rules.
    pub fn validation_report(&self) -> Option<&ValidationReport> {
        match self {
            Error::Invalid(r) => Some(r),
            _ => None,
        }
    }
}

/// `Result` with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
