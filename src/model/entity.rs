//! The records a dataset declares: organisations, initiatives, bodies, events, documents,
//! commitments and Pact actions, with their labels, dates and figures.

use serde::{Deserialize, Serialize};

use super::date::PartialDate;
use super::id::{
    BodyId, CommitmentId, DocumentId, EventId, InitiativeId, OrganisationId, PactActionId,
    SectionRef, SourceId,
};
use super::provenance::{Provenance, ProvenanceList};

/// A name in English and, where the source gives one, in Chinese, with an optional short form.
///
/// # Example
/// ```
/// use gdc_map::Label;
///
/// let label = Label::new("International Telecommunication Union").with_short("ITU");
/// assert_eq!(label.display_name(), "ITU");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a label")]
pub struct Label {
    /// The English name.
    pub en: String,
    /// The Chinese name as the source document writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zh: Option<String>,
    /// An acronym or short name: `ITU`, `WGDT`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
}

impl Label {
    /// A label with only an English name.
    pub fn new(en: impl Into<String>) -> Label {
        Label {
            en: en.into(),
            zh: None,
            short: None,
        }
    }

    /// Adds the Chinese name.
    #[must_use]
    pub fn with_zh(mut self, zh: impl Into<String>) -> Label {
        self.zh = Some(zh.into());
        self
    }

    /// Adds the short name.
    #[must_use]
    pub fn with_short(mut self, short: impl Into<String>) -> Label {
        self.short = Some(short.into());
        self
    }

    /// The short name when there is one, else the English name: what reports print.
    pub fn display_name(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.en)
    }
}

/// What happened on a [`DateFact`]'s date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum DateKind {
    /// A body or initiative was set up.
    Established,
    /// An event took place (or began).
    Held,
    /// A document was adopted.
    Adopted,
    /// A document was finalised.
    Finalised,
    /// A series or programme started.
    Began,
    /// An initiative was launched.
    Launched,
}

impl DateKind {
    /// The kebab-case name, as in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            DateKind::Established => "established",
            DateKind::Held => "held",
            DateKind::Adopted => "adopted",
            DateKind::Finalised => "finalised",
            DateKind::Began => "began",
            DateKind::Launched => "launched",
        }
    }
}

/// A dated fact about a record: "the WGDT was established in October 2024".
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a dated fact")]
pub struct DateFact {
    /// What happened.
    pub kind: DateKind,
    /// When, as precisely as the source says.
    pub date: PartialDate,
    /// The evidence.
    pub provenance: ProvenanceList,
    /// Anything a reader should know about this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// How a [`FigureValue::Count`] relates to the true number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Bound {
    /// Exactly this many.
    Exact,
    /// More than this many ("over 165").
    MoreThan,
}

/// The value of a [`Figure`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "kebab-case",
    deny_unknown_fields,
    expecting = "a figure's value"
)]
#[non_exhaustive]
pub enum FigureValue {
    /// A number of things.
    Count {
        /// The number.
        #[serde(deserialize_with = "super::whole::number")]
        value: u64,
        /// Whether the number is exact or a lower bound.
        bound: Bound,
    },
    /// A length of time in months.
    Months {
        /// The number of months.
        #[serde(deserialize_with = "super::whole::number")]
        value: u32,
    },
    /// A span of years, both ends included.
    YearRange {
        /// The first year.
        #[serde(deserialize_with = "super::whole::number")]
        from: u16,
        /// The last year.
        #[serde(deserialize_with = "super::whole::number")]
        to: u16,
    },
}

impl std::fmt::Display for FigureValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FigureValue::Count {
                value,
                bound: Bound::Exact,
            } => write!(f, "{value}"),
            FigureValue::Count {
                value,
                bound: Bound::MoreThan,
            } => write!(f, "more than {value}"),
            FigureValue::Months { value } => write!(f, "{value} months"),
            FigureValue::YearRange { from, to } => write!(f, "{from}–{to}"),
        }
    }
}

/// A figure the source states about a record: "more than 165 AI standards".
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a figure")]
pub struct Figure {
    /// What is measured, in a stable kebab-case key: `ai-standards-published`.
    pub measure: String,
    /// The value.
    pub value: FigureValue,
    /// The evidence.
    pub provenance: ProvenanceList,
    /// Anything a reader should know about this figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A declared record of one kind: the common shape of organisations, initiatives, bodies,
/// events, documents and commitments, with an id type and a kind enum of its own.
///
/// Use the aliases ([`Organisation`], [`Initiative`], [`Body`], [`Event`], [`Document`],
/// [`Commitment`]) rather than this type directly.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a record")]
pub struct Record<Id, Kind> {
    /// The record's id, unique among all records of every kind once prefixed.
    pub id: Id,
    /// The record's kind within its list.
    pub kind: Kind,
    /// Its names.
    pub label: Label,
    /// Where it is or takes place, when the source says: `Geneva`, `Riyadh`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Dated facts about it.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub dates: Vec<DateFact>,
    /// Figures about it.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub figures: Vec<Figure>,
    /// Notes for readers, such as an ambiguity in the source that was kept, not resolved.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub notes: Vec<String>,
    /// The evidence that this record exists as described. Must not be empty.
    pub provenance: ProvenanceList,
}

impl<Id, Kind> Record<Id, Kind> {
    /// A record with an id, kind, label and one piece of evidence, and nothing else.
    pub fn new(id: Id, kind: Kind, label: Label, provenance: Provenance) -> Self {
        Record {
            id,
            kind,
            label,
            place: None,
            dates: Vec::new(),
            figures: Vec::new(),
            notes: Vec::new(),
            provenance: provenance.into(),
        }
    }
}

/// What kind of organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum OrganisationKind {
    /// A UN specialised agency (ITU, UNESCO, ILO, …).
    SpecialisedAgency,
    /// A UN related organisation (IAEA, …).
    RelatedOrganisation,
    /// A UN fund or programme (UNICEF, UNEP, UNDP, …).
    FundOrProgramme,
    /// An office or department of the UN Secretariat (ODET, UNODA, OHCHR, DESA, …).
    SecretariatOffice,
    /// A part of an organisation, such as an ITU bureau.
    Bureau,
    /// A standards body outside the UN (ISO, IEC).
    StandardsBody,
    /// A business association (USCIB, ICC BASIS).
    BusinessAssociation,
    /// A coalition of governments or organisations.
    Coalition,
    /// A non-governmental organisation.
    NonGovernmental,
    /// Anything else.
    Other,
}

/// What kind of initiative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum InitiativeKind {
    /// A programme of work (Giga, Green Digital Action, …).
    Programme,
    /// A partnership or coalition of partners (EQUALS, P2C, …).
    Partnership,
    /// A platform, hub or portal (AI for Good, the Digital Regulation Platform, …).
    Platform,
    /// An index or statistics effort (IDI, GCI, Measuring ICT, …).
    Statistics,
    /// Standards development or exchange.
    StandardsWork,
    /// Capacity building and training (ITU Academy, …).
    CapacityBuilding,
    /// A plan or contribution plan.
    Plan,
    /// A body of regulatory or policy work (reviews, guidelines).
    PolicyWork,
    /// Anything else.
    Other,
}

/// What kind of coordination body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum BodyKind {
    /// A committee (the Pact Implementation Steering Committee, HLCP).
    Committee,
    /// A board (the CEB).
    Board,
    /// A working group.
    WorkingGroup,
    /// A subgroup of a working group.
    Subgroup,
    /// A task team or task force.
    TaskTeam,
    /// A commission (the Broadband Commission).
    Commission,
    /// A network or informal group (Geneva Digital Kitchen, Group of Friends).
    Network,
    /// A working group of the ITU Council.
    CouncilWorkingGroup,
    /// Anything else.
    Other,
}

/// What kind of event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum EventKind {
    /// A treaty or statutory conference (WRC, WTDC) or assembly (WTSA).
    Conference,
    /// A symposium (GSR, WTIS).
    Symposium,
    /// A summit.
    Summit,
    /// A forum (WSIS Forum, IGF).
    Forum,
    /// A meeting of a body.
    Meeting,
    /// A recurring series of sessions or events.
    Series,
    /// A thematic discussion.
    Discussion,
    /// A day observed every year (Girls in ICT Day).
    Observance,
    /// Anything else.
    Other,
}

/// What kind of document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum DocumentKind {
    /// A UN General Assembly resolution or its annex.
    Resolution,
    /// A draft resolution (an `A/…/L.` document).
    DraftResolution,
    /// A General Assembly decision.
    Decision,
    /// An ITU Council document.
    CouncilDocument,
    /// A terms of reference.
    TermsOfReference,
    /// A workplan.
    Workplan,
    /// A report, overview, annex or chart.
    Report,
    /// Anything else.
    Other,
}

/// What kind of user-defined commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum CommitmentKind {
    /// A commitment made in a compact or declaration.
    Commitment,
    /// A measurable target.
    Target,
    /// Anything else.
    Other,
}

/// An organisation: a UN agency or office, a standards body, a business association, …
pub type Organisation = Record<OrganisationId, OrganisationKind>;
/// An initiative: Giga, EQUALS, the ITU Academy, …
pub type Initiative = Record<InitiativeId, InitiativeKind>;
/// A coordination body: the WGDT and its subgroups, IAWG-AI, the CEB, …
pub type Body = Record<BodyId, BodyKind>;
/// An event: the GSR, the WSIS Forum, a WGDT meeting, …
pub type Event = Record<EventId, EventKind>;
/// A reference document: a resolution, a terms of reference, …
pub type Document = Record<DocumentId, DocumentKind>;
/// A user-defined commitment or target to measure coverage against.
pub type Commitment = Record<CommitmentId, CommitmentKind>;

/// A Pact for the Future action or item, such as 27(c).
///
/// Which chapter an action belongs to is a fact with its own evidence, so it is a
/// [`RelationKind::PartOf`](crate::RelationKind::PartOf) relation to the chapter, not a field.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a Pact action")]
pub struct PactAction {
    /// The action number and item.
    pub id: PactActionId,
    /// What the action is about.
    pub label: Label,
    /// Notes for readers.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub notes: Vec<String>,
    /// The evidence. Must not be empty.
    pub provenance: ProvenanceList,
}

/// A part of a source document that stated provenance may cite.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a section")]
pub struct Section {
    /// The reference cited: `2.1`, `1/obj5`.
    #[serde(rename = "ref")]
    pub id: SectionRef,
    /// The source this section belongs to.
    pub source: SourceId,
    /// What the section is, in English.
    pub title: String,
    /// Notes, such as an ambiguity the section contains.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub notes: Vec<String>,
}

/// A source a dataset encodes: one document, with the version of its encoding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a source")]
pub struct Source {
    /// The source's id.
    pub id: SourceId,
    /// Its title.
    pub title: String,
    /// The version of this encoding of it.
    pub version: String,
    /// The language the document is written in (BCP 47: `zh`, `en`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Notes for readers.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::exact::vec"
    )]
    pub notes: Vec<String>,
}
