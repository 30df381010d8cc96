//! Borrowed, typed views of the entities in a graph.

use crate::model::entity::{
    Body, Commitment, DateFact, Document, Event, Figure, Initiative, Label, Organisation,
    PactAction, Record,
};
use crate::model::id::{EntityId, EntityKind};
use crate::model::provenance::Provenance;
use crate::model::vocabulary::{ActionLine, Objective, PactChapter, Sdg};

/// One entity of a [`Graph`](crate::Graph): a built-in vocabulary member or a declared record.
///
/// # Example
/// ```
/// use gdc_map::{EntityRef, Graph};
///
/// let graph = Graph::embedded();
/// let Some(EntityRef::Organisation(odet)) = graph.entity(&"org:odet".parse()?) else {
///     panic!("ODET is in the embedded dataset");
/// };
/// assert_eq!(odet.label.en, "Office for Digital and Emerging Technologies");
/// # Ok::<(), gdc_map::IdError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum EntityRef<'g> {
    /// A GDC objective.
    Objective(Objective),
    /// An SDG.
    Sdg(Sdg),
    /// A WSIS action line.
    ActionLine(ActionLine),
    /// A Pact chapter.
    PactChapter(PactChapter),
    /// A Pact action.
    PactAction(&'g PactAction),
    /// A commitment.
    Commitment(&'g Commitment),
    /// An organisation.
    Organisation(&'g Organisation),
    /// An initiative.
    Initiative(&'g Initiative),
    /// A body.
    Body(&'g Body),
    /// An event.
    Event(&'g Event),
    /// A document.
    Document(&'g Document),
}

/// The parts of a record every kind shares.
struct Common<'g> {
    label: &'g Label,
    provenance: &'g [Provenance],
    notes: &'g [String],
    dates: &'g [DateFact],
    figures: &'g [Figure],
}

fn common<Id, Kind>(r: &Record<Id, Kind>) -> Common<'_> {
    Common {
        label: &r.label,
        provenance: &r.provenance,
        notes: &r.notes,
        dates: &r.dates,
        figures: &r.figures,
    }
}

impl<'g> EntityRef<'g> {
    /// The entity's id.
    pub fn id(&self) -> EntityId {
        match *self {
            EntityRef::Objective(o) => EntityId::Objective(o),
            EntityRef::Sdg(s) => EntityId::Sdg(s),
            EntityRef::ActionLine(l) => EntityId::ActionLine(l),
            EntityRef::PactChapter(c) => EntityId::PactChapter(c),
            EntityRef::PactAction(a) => EntityId::PactAction(a.id),
            EntityRef::Commitment(r) => EntityId::Commitment(r.id.clone()),
            EntityRef::Organisation(r) => EntityId::Organisation(r.id.clone()),
            EntityRef::Initiative(r) => EntityId::Initiative(r.id.clone()),
            EntityRef::Body(r) => EntityId::Body(r.id.clone()),
            EntityRef::Event(r) => EntityId::Event(r.id.clone()),
            EntityRef::Document(r) => EntityId::Document(r.id.clone()),
        }
    }

    /// The entity's kind.
    pub fn kind(&self) -> EntityKind {
        self.id().kind()
    }

    fn common(&self) -> Option<Common<'g>> {
        match *self {
            EntityRef::Objective(_)
            | EntityRef::Sdg(_)
            | EntityRef::ActionLine(_)
            | EntityRef::PactChapter(_) => None,
            EntityRef::PactAction(a) => Some(Common {
                label: &a.label,
                provenance: &a.provenance,
                notes: &a.notes,
                dates: &[],
                figures: &[],
            }),
            EntityRef::Commitment(r) => Some(common(r)),
            EntityRef::Organisation(r) => Some(common(r)),
            EntityRef::Initiative(r) => Some(common(r)),
            EntityRef::Body(r) => Some(common(r)),
            EntityRef::Event(r) => Some(common(r)),
            EntityRef::Document(r) => Some(common(r)),
        }
    }

    /// A short name for reports: the record's short label (`ITU`), or for built-ins
    /// `Objective 1`, `SDG 9`, `WSIS C5`, `Pact chapter 3`; Pact actions read `Action 27(c)`.
    pub fn name(&self) -> String {
        match *self {
            EntityRef::Objective(o) => o.to_string(),
            EntityRef::Sdg(s) => format!("SDG {s}"),
            EntityRef::ActionLine(l) => format!("WSIS {l}"),
            EntityRef::PactChapter(c) => format!("Pact chapter {}", c.number()),
            EntityRef::PactAction(a) => format!("Action {}", a.id),
            _ => self
                .common()
                .map(|c| c.label.display_name().to_owned())
                .unwrap_or_default(),
        }
    }

    /// The full English title or name.
    pub fn title(&self) -> &'g str {
        match *self {
            EntityRef::Objective(o) => o.title(),
            EntityRef::Sdg(s) => s.title(),
            EntityRef::ActionLine(l) => l.title(),
            EntityRef::PactChapter(c) => c.title(),
            _ => self
                .common()
                .map(|c| c.label.en.as_str())
                .unwrap_or_default(),
        }
    }

    /// The names a reader may know it by, lowercased: its short name ([`EntityRef::name`]),
    /// its English title and its Chinese label.
    fn lowercase_names(&self) -> impl Iterator<Item = String> + '_ {
        let zh = self.label().and_then(|l| l.zh.as_deref());
        [
            Some(self.name()),
            Some(self.title().to_owned()),
            zh.map(str::to_owned),
        ]
        .into_iter()
        .flatten()
        .map(|n| n.to_lowercase())
    }

    /// Whether the entity is called `text`: its short name, English title or Chinese label
    /// is `text`, ignoring case and the whitespace around it.
    ///
    /// # Example
    /// ```
    /// use gdc_map::Graph;
    ///
    /// let unesco = Graph::embedded().entity(&"org:unesco".parse()?).unwrap();
    /// assert!(unesco.is_called("unesco") && unesco.is_called("联合国教科文组织"));
    /// assert!(!unesco.is_called("UNES"));
    /// # Ok::<(), gdc_map::IdError>(())
    /// ```
    pub fn is_called(&self, text: &str) -> bool {
        let wanted = text.trim().to_lowercase();
        self.lowercase_names().any(|name| name == wanted)
    }

    /// Whether one of the names [`EntityRef::is_called`] reads contains `lowercase`, text
    /// already lowercased; and whether one is it.
    pub(crate) fn name_match(&self, lowercase: &str) -> (bool, bool) {
        self.lowercase_names()
            .fold((false, false), |(contains, equal), name| {
                (
                    contains || name.contains(lowercase),
                    equal || name == lowercase,
                )
            })
    }

    /// The record's label; `None` for built-in vocabulary members.
    pub fn label(&self) -> Option<&'g Label> {
        self.common().map(|c| c.label)
    }

    /// The evidence that the record exists; empty for built-ins, which need none.
    pub fn provenance(&self) -> &'g [Provenance] {
        self.common().map(|c| c.provenance).unwrap_or_default()
    }

    /// Notes for readers.
    pub fn notes(&self) -> &'g [String] {
        self.common().map(|c| c.notes).unwrap_or_default()
    }

    /// Dated facts.
    pub fn dates(&self) -> &'g [DateFact] {
        self.common().map(|c| c.dates).unwrap_or_default()
    }

    /// Figures.
    pub fn figures(&self) -> &'g [Figure] {
        self.common().map(|c| c.figures).unwrap_or_default()
    }
}
