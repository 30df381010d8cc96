//! Coverage the other way round: the targets one entity covers, and how.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::graph::{Graph, Marks};
use crate::model::id::{EntityId, EntityKind};
use crate::query::coverage::{CoverageEntry, CoverageOptions, NARROWED_FROM, Narrowed, Walker};

/// One target an entity covers, with the entity's entry in that target's
/// [`Coverage`](crate::Coverage): its chain to the target and all its links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoveredTarget {
    /// The target covered.
    pub target: EntityId,
    /// The entity's entry in the target's coverage, exactly as [`Graph::coverage`] gives it.
    pub entry: CoverageEntry,
}

/// Every target one entity covers: the answer of [`Graph::covered_by`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoveredBy {
    /// The entity asked about.
    pub entity: EntityId,
    /// The targets it covers, sorted by id.
    pub targets: Vec<CoveredTarget>,
}

impl CoveredBy {
    /// The entity's entry in the coverage of `target`, when it covers it.
    pub fn get(&self, target: &EntityId) -> Option<&CoverageEntry> {
        self.targets
            .binary_search_by(|t| t.target.cmp(target))
            .ok()
            .and_then(|i| self.targets.get(i))
            .map(|t| &t.entry)
    }

    /// Whether the entity covers `target`.
    pub fn contains(&self, target: &EntityId) -> bool {
        self.get(target).is_some()
    }

    /// The targets of one kind it covers (objectives, SDGs, action lines, …).
    pub fn of_kind(&self, kind: EntityKind) -> impl Iterator<Item = &CoveredTarget> {
        self.targets.iter().filter(move |t| t.target.kind() == kind)
    }

    /// Whether it covers no target.
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }
}

/// A line naming the entity and how many targets it covers, then each target's chain and
/// evidence, a line each, as [`Coverage`](crate::Coverage) prints its entries.
///
/// # Example
/// ```
/// use gdc_map::{CoverageOptions, Graph};
///
/// let graph = Graph::embedded();
/// let unicef = graph.covered_by(&"org:unicef".parse()?, &CoverageOptions::default()).unwrap();
/// assert!(unicef.to_string().starts_with("org:unicef covers "));
/// assert!(unicef.to_string().contains(
///     "\n  org:unicef partners-in initiative:giga supports objective:1  [§1/obj1]\n"
/// ));
/// # Ok::<(), gdc_map::IdError>(())
/// ```
impl fmt::Display for CoveredBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.targets.len() {
            0 => return writeln!(f, "{} covers no target", self.entity),
            1 => writeln!(f, "{} covers 1 target:", self.entity)?,
            n => writeln!(f, "{} covers {n} targets:", self.entity)?,
        }
        for covered in &self.targets {
            writeln!(f, "  {}", covered.entry)?;
        }
        Ok(())
    }
}

impl Graph {
    /// What `entity` covers: every target (objective, SDG, action line, Pact chapter or
    /// action, commitment) whose [`Graph::coverage`] under `options` lists it, each with the
    /// entity's entry there, so that `graph.covered_by(e, o)?.get(t)` is
    /// `graph.coverage(t, o)?.entry(e)` for every target `t`.
    ///
    /// Returns `None` when `entity` is not in the graph; an empty answer when `options` does
    /// not report entities of its kind, as coverage would not list it.
    ///
    /// # Complexity
    /// One walk forward from the entity, to the R entities it reaches; then, for each of the
    /// T targets among them, a walk back from the target through those R alone, reading the
    /// relations into the target and into the entities of R it meets. Nothing else behind a
    /// target is read: its chain to the entity, and the entities its links lead to, all lie
    /// within R, and the walk back meets them in the order a whole coverage walk does, so
    /// the entries are those coverage gives. An entity of R with many relations in (an
    /// objective, a body with thousands of subgroups) has those from R picked out once, and
    /// each walk reads only them. An entity with more relations out than a walk reaches has
    /// its links read from the relations that walk read, so a hub behind thousands of
    /// targets does not read its own thousands of relations for each. What stays is each
    /// target's walk through the part of R behind it: along a chain or around a ring of N
    /// initiatives, each backing a target of its own, that is N² by nature, as the chains
    /// answered are.
    ///
    /// # Example
    /// ```
    /// use gdc_map::{CoverageOptions, EntityKind, Graph, Objective};
    ///
    /// let graph = Graph::embedded();
    /// let ohchr = graph.covered_by(&"org:ohchr".parse()?, &CoverageOptions::default()).unwrap();
    /// let objectives: Vec<_> = ohchr.of_kind(EntityKind::Objective).map(|t| t.target.clone()).collect();
    /// assert_eq!(objectives, [Objective::DigitalSpace.into()]);
    /// let entry = ohchr.get(&Objective::DigitalSpace.into()).unwrap();
    /// assert_eq!(entry.via().map(ToString::to_string).collect::<Vec<_>>(), ["initiative:ohchr-cooperation"]);
    /// # Ok::<(), gdc_map::IdError>(())
    /// ```
    pub fn covered_by(&self, entity: &EntityId, options: &CoverageOptions) -> Option<CoveredBy> {
        self.covered_by_narrowing(entity, options, NARROWED_FROM)
    }

    /// [`Graph::covered_by`], the relations into each entity it reaches with at least
    /// `narrowed_from` relations in read once, cut to those from what it reaches.
    fn covered_by_narrowing(
        &self,
        entity: &EntityId,
        options: &CoverageOptions,
        narrowed_from: usize,
    ) -> Option<CoveredBy> {
        let start = self.node(entity)?.index() as u32;
        let mut targets = Vec::new();
        if options.reports(entity.kind()) {
            let (reached, members, found) = self.reached_forward(start, options);
            let rule = options.walk_rule();
            let narrowed = Narrowed::new(self, rule, &members, &reached, narrowed_from);
            let mut walker = Walker::new(self);
            for target in found {
                walker.walk_within(target, rule, &reached, &narrowed);
                if let (Some(entry), Some(id)) =
                    (walker.entry_of(start, options), self.id_of(target as usize))
                {
                    targets.push(CoveredTarget {
                        target: id.clone(),
                        entry,
                    });
                }
            }
        }
        Some(CoveredBy {
            entity: entity.clone(),
            targets,
        })
    }

    /// What a walk from `start` along its outgoing relations reaches, crossing the relations
    /// a coverage walk under `options` crosses the other way, `start` included: as a set, as
    /// a list, and the targets among them, in node (so id) order.
    fn reached_forward(
        &self,
        start: u32,
        options: &CoverageOptions,
    ) -> (Marks, Vec<u32>, Vec<u32>) {
        let index = self.walk_index();
        let mask = options.mask();
        let mut reached = Marks::new(index.kinds.len());
        reached.insert(start);
        let mut frontier = vec![start];
        let mut members = vec![start];
        let mut found = Vec::new();
        let mut depth = 0;
        while !frontier.is_empty() && (depth == 0 || options.is_transitive()) {
            let mut next = Vec::new();
            for node in frontier {
                for (_, arc) in index.outgoing.of(node as usize) {
                    if options.follows_arc(&arc, mask) && reached.insert(arc.other) {
                        next.push(arc.other);
                        members.push(arc.other);
                        if index
                            .kinds
                            .get(arc.other as usize)
                            .is_some_and(|k| k.is_target())
                        {
                            found.push(arc.other);
                        }
                    }
                }
            }
            frontier = next;
            depth += 1;
        }
        found.sort_unstable();
        (reached, members, found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Evidence, GraphBuilder, SyntheticSpec};

    /// Narrowing any entity's relations in, or none, gives the same answer: the walks within
    /// what an entity reaches read the same relations in the same order either way.
    #[test]
    fn narrowed_runs_change_no_answer() {
        for (size, seed) in [(60, 1), (300, 5), (1_200, 9)] {
            let graph = GraphBuilder::new()
                .layer(SyntheticSpec::new(size).seed(seed).generate())
                .build()
                .unwrap();
            let stated_only = CoverageOptions::default().evidence(Evidence::StatedOnly);
            let direct = CoverageOptions::default().direct_only();
            for options in [CoverageOptions::default(), stated_only, direct] {
                for entity in graph.entities().map(|e| e.id()) {
                    let every = graph.covered_by_narrowing(&entity, &options, 0);
                    let none = graph.covered_by_narrowing(&entity, &options, usize::MAX);
                    assert_eq!(every, none, "{entity}");
                }
            }
        }
    }
}
