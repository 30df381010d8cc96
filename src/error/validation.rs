//! What the builder reports when a dataset breaks a rule that spans records.

use std::fmt;

use serde::Serialize;

use crate::model::id::{EntityId, EntityKind, SectionRef, SourceId};
use crate::model::relation::RelationKind;

/// One of the record lists of a dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
#[allow(missing_docs)] // each variant is the list of the same name in the JSON format
pub enum RecordList {
    Sources,
    Sections,
    Organisations,
    Initiatives,
    Bodies,
    Events,
    Documents,
    Commitments,
    PactActions,
    Relations,
}

impl RecordList {
    /// The list's key in the JSON format: `pact_actions`.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordList::Sources => "sources",
            RecordList::Sections => "sections",
            RecordList::Organisations => "organisations",
            RecordList::Initiatives => "initiatives",
            RecordList::Bodies => "bodies",
            RecordList::Events => "events",
            RecordList::Documents => "documents",
            RecordList::Commitments => "commitments",
            RecordList::PactActions => "pact_actions",
            RecordList::Relations => "relations",
        }
    }
}

/// Where in the builder's input a record sits: which dataset layer, which list, which index,
/// and which field when one field is at fault.
///
/// Displays as `relations[3].to`, prefixed with `layer N: ` for every layer after the first;
/// serializes as `{"layer": 0, "list": "relations", "index": 3, "field": "to"}`, without
/// `field` when there is none.
///
/// When a dataset is laid over a graph ([`Graph::layered`](crate::Graph::layered),
/// [`Graph::add_layer`](crate::Graph::add_layer)), the graph's own records are layer 0 and
/// [`in_graph`](Location::in_graph): their index is their place in
/// [`Graph::to_dataset`](crate::Graph::to_dataset), which is sorted by id and need not be
/// their place in the file they were first loaded from. Such a location displays as
/// `organisations[3].id of the graph laid over`, and serializes with `"in_graph": true`.
///
/// # Example
/// ```
/// use gdc_map::{Dataset, Error, Graph, Issue};
///
/// // ITU is the embedded dataset's first organisation, but not first by id.
/// let again = Dataset::from_json(r#"{"schema_version": 1, "organisations": [{"id": "itu",
///   "kind": "specialised-agency", "label": {"en": "ITU"},
///   "provenance": [{"context": {"citation": "ITU website"}}]}]}"#)?;
/// let Err(Error::Invalid(report)) = Graph::embedded().layered(again) else { unreachable!() };
/// let Issue::DuplicateId { first, second, .. } = &report.issues()[0] else { unreachable!() };
/// assert!(first.in_graph && !second.in_graph);
/// let in_graph = Graph::embedded().to_dataset().organisations;
/// assert_eq!(in_graph[first.index].id.as_str(), "itu");
/// assert_ne!(first.index, 0);
/// assert_eq!(
///     report.to_string(),
///     format!("layer 1: organisations[0].id: `org:itu` is already declared at \
///              organisations[{}].id of the graph laid over", first.index),
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[non_exhaustive]
pub struct Location {
    /// The dataset layer, counted from 0 in the order given to the builder.
    pub layer: usize,
    /// The record list.
    pub list: RecordList,
    /// The index in that list, from 0.
    pub index: usize,
    /// The field at fault, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
    /// Whether the record is one of the graph's own, in a dataset laid over a graph, rather
    /// than one of the datasets given: its index is then its place in the graph's data.
    #[serde(skip_serializing_if = "is_false")]
    pub in_graph: bool,
}

fn is_false(flag: &bool) -> bool {
    !*flag
}

impl Location {
    pub(crate) fn new(layer: usize, list: RecordList, index: usize) -> Location {
        Location {
            layer,
            list,
            index,
            field: None,
            in_graph: false,
        }
    }

    pub(crate) fn field(mut self, field: &'static str) -> Location {
        self.field = Some(field);
        self
    }

    /// This location as a message shows it after `other`: with its layer whenever the layers
    /// differ, so that `layer 1: organisations[0].id` is not set beside a bare
    /// `organisations[7].id` that lies in layer 0. A record of the graph laid over needs no
    /// layer: it says whose it is.
    fn beside(&self, other: &Location) -> String {
        if self.layer == other.layer || self.in_graph {
            self.to_string()
        } else {
            let within = Location { layer: 0, ..*self };
            format!("{within} in layer {}", self.layer)
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.layer > 0 && !self.in_graph {
            write!(f, "layer {}: ", self.layer)?;
        }
        write!(f, "{}[{}]", self.list.as_str(), self.index)?;
        if let Some(field) = self.field {
            write!(f, ".{field}")?;
        }
        if self.in_graph {
            f.write_str(" of the graph laid over")?;
        }
        Ok(())
    }
}

/// One broken rule. Each variant's docs state the rule.
///
/// Serializes as an object naming the rule in kebab-case (`"rule": "dangling-reference"`)
/// beside the variant's fields; [`ValidationReport`] adds each issue's message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "rule", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Issue {
    /// Every record id is declared once, across all lists and layers.
    #[error("{second}: `{id}` is already declared at {}", .first.beside(.second))]
    DuplicateId {
        /// The id declared twice.
        id: EntityId,
        /// The first declaration.
        first: Location,
        /// The repeated one.
        second: Location,
    },
    /// Every source and section ref is declared once.
    #[error("{second}: `{name}` is already declared at {}", .first.beside(.second))]
    DuplicateDeclaration {
        /// The source id or section ref declared twice.
        name: String,
        /// The first declaration.
        first: Location,
        /// The repeated one.
        second: Location,
    },
    /// A section names a declared source.
    #[error("{at}: section `{section}` names unknown source `{source_id}`")]
    UnknownSource {
        /// The section.
        section: SectionRef,
        /// The source it names.
        source_id: SourceId,
        /// Where.
        at: Location,
    },
    /// A relation's ends are built-in vocabulary members or declared records.
    #[error("{at}: `{id}` is not declared")]
    DanglingReference {
        /// The missing entity.
        id: EntityId,
        /// The reference.
        at: Location,
    },
    /// A relation joins entity kinds its kind allows (see [`RelationKind::allows`]).
    #[error("{at}: `{relation}` cannot point from {} to {}", .from.with_article(), .to.with_article())]
    KindNotAllowed {
        /// The relation kind.
        relation: RelationKind,
        /// The subject's kind.
        from: EntityKind,
        /// The object's kind.
        to: EntityKind,
        /// Where.
        at: Location,
    },
    /// No relation points from an entity to itself.
    #[error("{at}: `{id}` is related to itself")]
    SelfRelation {
        /// The entity.
        id: EntityId,
        /// Where.
        at: Location,
    },
    /// The hierarchy relations (member of, subgroup of, part of, reports to) form no cycle.
    ///
    /// The message names at most the first ten members and relations of a large cycle; the
    /// fields hold them all.
    #[error(
        "hierarchy cycle among {}, through {}",
        display_ids(.members),
        display_locations(.relations)
    )]
    HierarchyCycle {
        /// The entities that reach each other through hierarchy relations, sorted by id.
        members: Vec<EntityId>,
        /// The hierarchy relations between them, each on the cycle: removing enough of them
        /// breaks it. Sorted by layer, then position.
        relations: Vec<Location>,
    },
    /// Every record, relation, date and figure carries at least one provenance.
    #[error("{at}: no provenance")]
    MissingProvenance {
        /// Where.
        at: Location,
    },
    /// Stated provenance cites a declared section.
    #[error("{at}: cites unknown section `{section}`")]
    UnknownSection {
        /// The section cited.
        section: SectionRef,
        /// Where.
        at: Location,
    },
    /// Context evidence names its source: a blank citation would be evidence no reader can
    /// look up.
    #[error("{at}: a context citation is empty")]
    EmptyCitation {
        /// Where.
        at: Location,
    },
    /// A context citation's `url`, when given, is an absolute address a reader can follow:
    /// a scheme (`https:`, `doi:`) and the rest, with no spaces, control characters or
    /// `<>"{}|\^`` ` ``, which no address holds.
    #[error(
        "{at}: `{}` is not an address: {}",
        .url.escape_debug(),
        crate::validate::address_problem(.url).unwrap_or_default()
    )]
    MalformedUrl {
        /// The url as given (the message shows it with its control characters escaped).
        url: String,
        /// Where.
        at: Location,
    },
    /// Two records of the same relation (same subject, kind and object) agree on its date.
    #[error("{second}: `{relation}` is dated differently at {}", .first.beside(.second))]
    ConflictingRelation {
        /// The relation, as `from kind to`.
        relation: String,
        /// The first record.
        first: Location,
        /// The one that disagrees.
        second: Location,
    },
    /// Every label has a non-blank English name.
    #[error("{at}: the English label is empty")]
    EmptyLabel {
        /// Where.
        at: Location,
    },
    /// A year range runs forwards.
    #[error("{at}: year range {from}–{to} runs backwards")]
    BackwardsYearRange {
        /// The first year.
        from: u16,
        /// The last year.
        to: u16,
        /// Where.
        at: Location,
    },
}

fn display_ids(ids: &[EntityId]) -> String {
    display_first(ids.iter().map(|id| format!("`{id}`")), ids.len())
}

fn display_locations(at: &[Location]) -> String {
    display_first(at.iter().map(ToString::to_string), at.len())
}

/// The first ten of `n` items, then how many more: a cycle through a whole mistaken file can
/// hold a million entities, and a message is read by a person.
fn display_first(items: impl Iterator<Item = String>, n: usize) -> String {
    const SHOWN: usize = 10;
    let mut text: Vec<String> = items.take(SHOWN).collect();
    if n > SHOWN {
        text.push(format!("and {} more", n - SHOWN));
    }
    text.join(", ")
}

/// Every problem the builder found, in input order. Never empty when returned as an error.
///
/// # Example
/// ```
/// use gdc_map::{Dataset, GraphBuilder, Issue, Provenance, Relation, RelationKind, SectionRef};
///
/// let mut data = Dataset::default();
/// data.relations.push(Relation::new(
///     "org:nobody".parse()?,
///     RelationKind::Supports,
///     "objective:1".parse()?,
///     Provenance::Stated(SectionRef::new("1")?),
/// ));
/// let report = GraphBuilder::new().layer(data).build().unwrap_err();
/// assert_eq!(report.len(), 2);
/// assert!(matches!(report.issues()[0], Issue::DanglingReference { .. }));
/// assert_eq!(
///     report.to_string(),
///     "relations[0].from: `org:nobody` is not declared\n\
///      relations[0].provenance: cites unknown section `1`",
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ValidationReport {
    issues: Vec<Issue>,
}

/// A list of the issues, each an object with its `message` (as [`Issue`] displays it), its
/// `rule` and the rule's fields, for a tool that shows them to people and sorts them by
/// machine. Serialize only: a report is an answer about one input, not data to load.
///
/// # Example
/// ```
/// use gdc_map::{Dataset, Error, Graph};
///
/// let bad = Dataset::from_json(r#"{"schema_version": 1, "relations": [
///   {"from": "org:nobody", "kind": "supports", "to": "objective:1",
///    "provenance": [{"stated": "1/obj1"}]}]}"#)?;
/// let Err(Error::Invalid(report)) = Graph::embedded().layered(bad) else { unreachable!() };
/// assert_eq!(
///     serde_json::to_value(&report)?,
///     serde_json::json!([{
///         "message": "layer 1: relations[0].from: `org:nobody` is not declared",
///         "rule": "dangling-reference",
///         "id": "org:nobody",
///         "at": {"layer": 1, "list": "relations", "index": 0, "field": "from"}
///     }])
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl Serialize for ValidationReport {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Shown<'a> {
            message: String,
            #[serde(flatten)]
            issue: &'a Issue,
        }
        serializer.collect_seq(self.issues.iter().map(|issue| Shown {
            message: issue.to_string(),
            issue,
        }))
    }
}

impl ValidationReport {
    pub(crate) fn new(issues: Vec<Issue>) -> ValidationReport {
        ValidationReport { issues }
    }

    /// The issues, in input order.
    pub fn issues(&self) -> &[Issue] {
        &self.issues
    }

    /// How many issues there are.
    pub fn len(&self) -> usize {
        self.issues.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.issues.is_empty()
    }

    /// This report of a check of a graph's data (layer 0) with a dataset laid over it, each
    /// location in layer 0 marked [`Location::in_graph`].
    pub(crate) fn laid_over_graph(mut self) -> ValidationReport {
        for issue in &mut self.issues {
            for at in issue.locations_mut() {
                at.in_graph = at.layer == 0;
            }
        }
        self
    }
}

impl Issue {
    /// Every location the issue names.
    fn locations_mut(&mut self) -> Vec<&mut Location> {
        match self {
            Issue::DuplicateId { first, second, .. }
            | Issue::DuplicateDeclaration { first, second, .. }
            | Issue::ConflictingRelation { first, second, .. } => vec![first, second],
            Issue::HierarchyCycle { relations, .. } => relations.iter_mut().collect(),
            Issue::UnknownSource { at, .. }
            | Issue::DanglingReference { at, .. }
            | Issue::KindNotAllowed { at, .. }
            | Issue::SelfRelation { at, .. }
            | Issue::MissingProvenance { at }
            | Issue::UnknownSection { at, .. }
            | Issue::EmptyCitation { at }
            | Issue::MalformedUrl { at, .. }
            | Issue::EmptyLabel { at }
            | Issue::BackwardsYearRange { at, .. } => vec![at],
        }
    }
}

impl fmt::Display for ValidationReport {
    /// One issue a line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, issue) in self.issues.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{issue}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationReport {}
