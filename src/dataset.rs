//! The unit of load, save and layering: plain lists of records, not yet validated.

use serde::{Deserialize, Serialize};

use crate::model::entity::{
    Body, Commitment, Document, Event, Initiative, Organisation, PactAction, Section, Source,
};
use crate::model::relation::Relation;

/// The version of the JSON format a [`Dataset`] is written in.
///
/// Only [`SchemaVersion::CURRENT`] can exist: reading a document with any other version fails
/// with [`Error::UnsupportedSchema`](crate::Error::UnsupportedSchema).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SchemaVersion(u32);

impl SchemaVersion {
    /// The version this crate reads and writes.
    pub const CURRENT: SchemaVersion = SchemaVersion(1);

    /// The version number.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl Default for SchemaVersion {
    fn default() -> Self {
        SchemaVersion::CURRENT
    }
}

impl Serialize for SchemaVersion {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u32(self.0)
    }
}

impl<'de> Deserialize<'de> for SchemaVersion {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v: u32 = crate::model::whole::number(d)?;
        if v == SchemaVersion::CURRENT.0 {
            Ok(SchemaVersion::CURRENT)
        } else {
            Err(serde::de::Error::custom(format_args!(
                "unsupported schema_version {v}: this version of gdc-map reads {}",
                SchemaVersion::CURRENT.0
            )))
        }
    }
}

/// A dataset as it is read from or written to JSON: sources, sections, records of each kind
/// and relations. Nothing here is checked across records; [`GraphBuilder`](crate::GraphBuilder)
/// does that.
///
/// Built-in vocabulary members (objectives, SDGs, action lines, Pact chapters) are never
/// declared: relations name them directly (`objective:1`).
///
/// # Example
/// ```
/// use gdc_map::{Dataset, Graph};
///
/// let mine = Dataset::from_json(r#"{
///   "schema_version": 1,
///   "organisations": [{"id": "acme", "kind": "non-governmental",
///     "label": {"en": "ACME Foundation"}, "provenance": [{"stated": "1/obj1"}]}],
///   "relations": [{"from": "org:acme", "kind": "partners-in", "to": "initiative:giga",
///     "provenance": [{"context": {"citation": "ACME annual report 2025"}}]}]
/// }"#)?;
/// let layered = Graph::embedded().layered(mine)?;
/// assert!(layered.entity(&"org:acme".parse()?).is_some());
/// assert!(Graph::embedded().entity(&"org:acme".parse()?).is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a dataset")]
pub struct Dataset {
    /// The version of the JSON format. Always [`SchemaVersion::CURRENT`]: a document with
    /// another version is refused when read.
    pub schema_version: SchemaVersion,
    /// The sources this dataset encodes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// The sections stated provenance may cite.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// Organisations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisations: Vec<Organisation>,
    /// Initiatives.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub initiatives: Vec<Initiative>,
    /// Coordination bodies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bodies: Vec<Body>,
    /// Events.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
    /// Reference documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<Document>,
    /// User-defined commitments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commitments: Vec<Commitment>,
    /// Pact for the Future actions and items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pact_actions: Vec<PactAction>,
    /// Relations between entities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation>,
}

impl Dataset {
    /// How many records of every kind, relations included, the dataset holds.
    pub fn record_count(&self) -> usize {
        self.sources.len()
            + self.sections.len()
            + self.organisations.len()
            + self.initiatives.len()
            + self.bodies.len()
            + self.events.len()
            + self.documents.len()
            + self.commitments.len()
            + self.pact_actions.len()
            + self.relations.len()
    }
}
