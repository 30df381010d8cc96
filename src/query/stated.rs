//! What the data says a section of a source states: the question a reader asks with the source
//! open beside the graph, to check the encoding or to cite it.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::graph::{Direction, Graph};
use crate::model::entity::{Figure, Section};
use crate::model::id::{EntityId, SectionRef};
use crate::model::provenance::Provenance;
use crate::model::relation::Relation;
use crate::model::text::OneLine;
use crate::query::time::{DatedEntry, sort_by_date};

/// A figure and the entity it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureEntry {
    /// The entity.
    pub entity: EntityId,
    /// The figure, with its evidence.
    pub figure: Figure,
}

/// `initiative:ai-standards ai-standards-published: more than 165  [§1/obj5]`: the entity,
/// what is measured, the value and the evidence; the note, if any, after ` — `.
///
/// # Example
/// ```
/// use gdc_map::Graph;
///
/// let section = Graph::embedded().stated_in(&"1/obj5".parse()?).unwrap();
/// let figures: Vec<String> = section.figures.iter().map(ToString::to_string).collect();
/// assert_eq!(figures, [
///     "initiative:ai-standards ai-standards-published: more than 165  [§1/obj5]",
///     "initiative:ai-standards ai-standards-in-development: 150  [§1/obj5]",
/// ]);
/// # Ok::<(), gdc_map::IdError>(())
/// ```
impl fmt::Display for FigureEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let figure = &self.figure;
        write!(
            f,
            "{} {}: {}  [{}]",
            self.entity,
            OneLine(&figure.measure),
            figure.value,
            figure.provenance
        )?;
        if let Some(note) = &figure.note {
            write!(f, " — {}", OneLine(note))?;
        }
        Ok(())
    }
}

/// Everything the graph holds on the word of one section: the answer of
/// [`Graph::stated_in`].
///
/// A fact belongs here when its own evidence cites the section; a record's dates, figures and
/// relations each carry their own evidence, so a record declared on the word of one section can
/// have a date stated in another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SectionStatements {
    /// The section, as the data declares it (title, source, notes).
    pub section: Section,
    /// The records whose own evidence cites the section, sorted by id.
    pub records: Vec<EntityId>,
    /// The dated facts that cite it, sorted by date, then entity, then what happened.
    pub dates: Vec<DatedEntry>,
    /// The figures that cite it, sorted by entity, each entity's in the order it lists them.
    pub figures: Vec<FigureEntry>,
    /// The relations that cite it, sorted as [`Graph::relations`] sorts them.
    pub relations: Vec<Relation>,
}

impl SectionStatements {
    /// How many facts cite the section: records, dates, figures and relations together.
    pub fn len(&self) -> usize {
        self.records.len() + self.dates.len() + self.figures.len() + self.relations.len()
    }

    /// Whether nothing in the graph cites the section.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A line naming the section, then one line a fact, grouped by what they are; a section nothing
/// cites says so.
///
/// # Example
/// ```
/// use gdc_map::Graph;
///
/// let graph = Graph::embedded();
/// let text = graph.stated_in(&"2.2".parse()?).unwrap().to_string();
/// assert!(text.starts_with("§2.2 "));
/// assert!(text.contains("\n  org:itu co-leads action:27(c)\n"));
/// # Ok::<(), gdc_map::IdError>(())
/// ```
impl fmt::Display for SectionStatements {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.section;
        writeln!(f, "§{} {} (source {})", s.id, OneLine(&s.title), s.source)?;
        for note in &s.notes {
            writeln!(f, "  note: {}", OneLine(note))?;
        }
        if self.is_empty() {
            return writeln!(f, "nothing in the graph cites it");
        }
        let heading = |f: &mut fmt::Formatter<'_>, what: &str, n: usize| match n {
            0 => Ok(()),
            _ => writeln!(f, "{what} ({n}):"),
        };
        heading(f, "records", self.records.len())?;
        for id in &self.records {
            writeln!(f, "  {id}")?;
        }
        heading(f, "dates", self.dates.len())?;
        for d in &self.dates {
            writeln!(f, "  {} {} {}", d.fact.date, d.fact.kind.as_str(), d.entity)?;
        }
        heading(f, "figures", self.figures.len())?;
        for e in &self.figures {
            writeln!(
                f,
                "  {} {}: {}",
                e.entity,
                OneLine(&e.figure.measure),
                e.figure.value
            )?;
        }
        heading(f, "relations", self.relations.len())?;
        for r in &self.relations {
            writeln!(f, "  {r}")?;
        }
        Ok(())
    }
}

impl Graph {
    /// The sections that speak of `id`: those cited by its record, its dates and figures, and
    /// the relations it is an end of, sorted by ref. `None` when the graph holds no such
    /// entity; empty for one that rests on context alone (a built-in objective nothing
    /// names, say).
    ///
    /// The inverse of [`Graph::stated_in`]: each section listed here names `id` among its
    /// records or in one of its relations, dates or figures.
    ///
    /// # Complexity
    /// O(d log d) for an entity with d relations.
    ///
    /// # Example
    /// ```
    /// use gdc_map::Graph;
    ///
    /// // Where does the source speak of UNESCO?
    /// let sections: Vec<String> = Graph::embedded()
    ///     .sections_about(&"org:unesco".parse()?)
    ///     .expect("UNESCO is in the graph")
    ///     .iter()
    ///     .map(ToString::to_string)
    ///     .collect();
    /// assert_eq!(sections, ["1/obj1", "1/obj4", "1/obj5", "2.3"]);
    /// # Ok::<(), gdc_map::IdError>(())
    /// ```
    pub fn sections_about(&self, id: &EntityId) -> Option<BTreeSet<SectionRef>> {
        let entity = self.entity(id)?;
        let relations = (self.relations_of(id, Direction::Outgoing))
            .chain(self.relations_of(id, Direction::Incoming))
            .flat_map(|r| r.provenance.iter());
        let own = (entity.provenance().iter())
            .chain(entity.dates().iter().flat_map(|d| d.provenance.iter()))
            .chain(entity.figures().iter().flat_map(|f| f.provenance.iter()));
        Some(
            own.chain(relations)
                .filter_map(Provenance::section)
                .cloned()
                .collect(),
        )
    }

    /// Everything the graph holds on the word of the section `section`: the records, dates,
    /// figures and relations whose evidence cites it. `None` when the graph declares no such
    /// section.
    ///
    /// Read beside the source, this is the check that the data says what the section says and
    /// no more; for a citation, it is what the section supports. Facts resting only on
    /// context sources cite no section and never appear.
    ///
    /// # Complexity
    /// One pass over the entities and relations: O(E + R), plus sorting the dates found.
    ///
    /// # Example
    /// ```
    /// use gdc_map::{Graph, RelationKind};
    ///
    /// let graph = Graph::embedded();
    /// // Section 2.3: the Inter-Agency Working Group on AI, co-chaired by ITU and UNESCO.
    /// let stated = graph.stated_in(&"2.3".parse()?).expect("the source has a section 2.3");
    /// let co_chairs: Vec<String> = stated
    ///     .relations
    ///     .iter()
    ///     .filter(|r| r.kind == RelationKind::CoChairs)
    ///     .map(|r| format!("{} {}", r.from, r.to))
    ///     .collect();
    /// assert_eq!(co_chairs, ["org:itu body:iawg-ai", "org:unesco body:iawg-ai"]);
    /// assert!(graph.stated_in(&"9.9".parse()?).is_none());
    /// # Ok::<(), gdc_map::IdError>(())
    /// ```
    pub fn stated_in(&self, section: &SectionRef) -> Option<SectionStatements> {
        let declared = self.section(section)?.clone();
        let cites = |evidence: &[Provenance]| evidence.iter().any(|p| p.section() == Some(section));
        let mut statements = SectionStatements {
            section: declared,
            records: Vec::new(),
            dates: Vec::new(),
            figures: Vec::new(),
            relations: Vec::new(),
        };
        for entity in self.entities() {
            let id = entity.id();
            if cites(entity.provenance()) {
                statements.records.push(id.clone());
            }
            for fact in entity
                .dates()
                .iter()
                .filter(|d| cites(d.provenance.as_slice()))
            {
                statements.dates.push(DatedEntry {
                    entity: id.clone(),
                    fact: fact.clone(),
                });
            }
            for figure in (entity.figures().iter()).filter(|g| cites(g.provenance.as_slice())) {
                statements.figures.push(FigureEntry {
                    entity: id.clone(),
                    figure: figure.clone(),
                });
            }
        }
        sort_by_date(&mut statements.dates);
        statements.relations = (self.relations().iter())
            .filter(|r| cites(r.provenance.as_slice()))
            .cloned()
            .collect();
        Some(statements)
    }
}
