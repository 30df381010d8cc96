//! Dated facts and milestones, in time order.

use std::fmt;
use std::ops::RangeBounds;

use serde::{Deserialize, Serialize};

use crate::graph::Graph;
use crate::model::date::PartialDate;
use crate::model::entity::DateFact;
use crate::model::id::EntityId;
use crate::model::relation::{Relation, RelationKind};
use crate::model::text::OneLine;

/// A dated fact and the entity it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatedEntry {
    /// The entity.
    pub entity: EntityId,
    /// The fact, with its evidence.
    pub fact: DateFact,
}

/// `2024-10 established body:wgdt  [§2.1]`: the date, what happened, the entity, and the
/// evidence; the note, if any, after ` — `.
///
/// # Example
/// ```
/// use gdc_map::Graph;
///
/// let first = Graph::embedded().timeline(..).into_iter().find(|e| e.entity.to_string() == "body:wgdt");
/// assert_eq!(first.unwrap().to_string(), "2024-10 established body:wgdt  [§2.1]");
/// ```
impl fmt::Display for DatedEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fact = &self.fact;
        write!(
            f,
            "{} {} {}  [{}]",
            fact.date,
            fact.kind.as_str(),
            self.entity,
            fact.provenance
        )?;
        if let Some(note) = &fact.note {
            write!(f, " — {}", OneLine(note))?;
        }
        Ok(())
    }
}

/// Sorts dated facts by date, then entity, then what happened: the order of every list of
/// them the queries return.
pub(crate) fn sort_by_date(entries: &mut [DatedEntry]) {
    entries.sort_by(|a, b| {
        (a.fact.date, &a.entity, a.fact.kind).cmp(&(b.fact.date, &b.entity, b.fact.kind))
    });
}

impl Graph {
    /// Every dated fact whose date falls in `range`, sorted by date, then entity, then what
    /// happened.
    ///
    /// Dates compare as [`PartialDate`] does: a date known only to the month sorts before
    /// every day of that month, so `2024-10` falls before `2024-10-01`.
    ///
    /// # Complexity
    /// O(F log F) for F dated facts in the graph.
    ///
    /// # Example
    /// ```
    /// use gdc_map::{Graph, PartialDate};
    ///
    /// let from: PartialDate = "2024-10".parse()?;
    /// let until: PartialDate = "2025-02-27".parse()?;
    /// let wgdt: Vec<String> = Graph::embedded()
    ///     .timeline(from..=until)
    ///     .into_iter()
    ///     .filter(|e| e.entity.to_string().contains("wgdt"))
    ///     .map(|e| format!("{} {} {}", e.fact.date, e.fact.kind.as_str(), e.entity))
    ///     .collect();
    /// assert_eq!(wgdt, [
    ///     "2024-10 established body:wgdt",
    ///     "2024-10-21 held event:wgdt-first-meeting",
    ///     "2025-02-27 held event:wgdt-high-level-meeting",
    ///     "2025-02-27 finalised doc:wgdt-terms-of-reference",
    ///     "2025-02-27 finalised doc:wgdt-workplan",
    /// ]);
    /// # Ok::<(), gdc_map::IdError>(())
    /// ```
    pub fn timeline(&self, range: impl RangeBounds<PartialDate>) -> Vec<DatedEntry> {
        let mut out: Vec<DatedEntry> = self
            .entities()
            .flat_map(|e| {
                let id = e.id();
                e.dates()
                    .iter()
                    .filter(|d| range.contains(&d.date))
                    .map(move |d| DatedEntry {
                        entity: id.clone(),
                        fact: d.clone(),
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        sort_by_date(&mut out);
        out
    }

    /// The `milestone-for` relations in force at `date`: those with no start date, or one on
    /// or before it. Sorted as relations sort.
    ///
    /// # Example
    /// ```
    /// use gdc_map::Graph;
    ///
    /// let graph = Graph::embedded();
    /// assert_eq!(graph.milestones_at("2025-06".parse()?).len(), 7);
    /// assert!(graph.milestones_at("2024-12".parse()?).is_empty());
    /// # Ok::<(), gdc_map::IdError>(())
    /// ```
    pub fn milestones_at(&self, date: PartialDate) -> Vec<&Relation> {
        self.relations()
            .iter()
            .filter(|r| r.kind == RelationKind::MilestoneFor)
            .filter(|r| r.since.is_none_or(|since| since <= date))
            .collect()
    }
}
