//! The lossless, versioned interchange format: JSON, the same for the embedded dataset and for
//! user files.

pub(crate) mod json;
pub(crate) mod objects;
pub(crate) mod problems;

/// The JSON Schema (draft 2020-12) of the dataset format, `schema_version` 1, for tools that
/// validate files before they reach gdc-map. It checks each record on its own (fields, ids,
/// dates, numbers' bounds, labels and citations that are not blank); the rules that span
/// records (ids declared once and known, which kinds a relation joins) are the builder's.
///
/// # Example
/// ```
/// let schema: serde_json::Value = serde_json::from_str(gdc_map::JSON_SCHEMA)?;
/// assert_eq!(schema["properties"]["schema_version"]["const"], 1);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub const JSON_SCHEMA: &str = include_str!("dataset.schema.json");
