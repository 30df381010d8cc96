//! Who and what supports a target, directly or along the relations that carry support.

use std::collections::{BTreeSet, VecDeque};

use petgraph::graph::NodeIndex;
use serde::{Deserialize, Serialize};

use crate::graph::Graph;
use crate::model::id::{EntityId, EntityKind, SectionRef};
use crate::model::provenance::Provenance;
use crate::model::relation::{Relation, RelationKind};
use crate::model::vocabulary::Objective;

/// Which evidence a query may rely on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Evidence {
    /// Relations with at least one stated provenance, and relations backed only by context.
    #[default]
    StatedAndContext,
    /// Only relations that a source document states; context-only relations are ignored.
    StatedOnly,
}

impl Evidence {
    pub(crate) fn admits(self, r: &Relation) -> bool {
        match self {
            Evidence::StatedAndContext => true,
            Evidence::StatedOnly => r.provenance.iter().any(Provenance::is_stated),
        }
    }
}

/// Options for [`Graph::coverage`].
///
/// The defaults: transitive, following [`CoverageOptions::DEFAULT_CARRIERS`], reporting every
/// kind of entity, on stated and context evidence.
///
/// # Example
/// ```
/// use gdc_map::{CoverageOptions, EntityKind, Evidence, RelationKind};
///
/// let options = CoverageOptions::default()
///     .direct_only()
///     .report_kinds([EntityKind::Initiative])
///     .evidence(Evidence::StatedOnly);
/// assert!(!options.is_transitive());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageOptions {
    transitive: bool,
    carriers: BTreeSet<RelationKind>,
    report_kinds: Option<BTreeSet<EntityKind>>,
    evidence: Evidence,
}

impl Default for CoverageOptions {
    fn default() -> Self {
        CoverageOptions {
            transitive: true,
            carriers: CoverageOptions::DEFAULT_CARRIERS.into_iter().collect(),
            report_kinds: None,
            evidence: Evidence::default(),
        }
    }
}

impl CoverageOptions {
    /// The relation kinds that carry support by default. An entity covers a target when it
    /// points at the target, or at an entity that covers it, by one of these:
    ///
    /// - `supports`, `follows-up`, `contributes-to`, `facilitates`, `co-facilitates`: the
    ///   entity works for it;
    /// - `leads`, `co-leads`, `chairs`, `co-chairs`, `partners-in`, `member-of`, `organises`:
    ///   the entity runs or takes part in an initiative, body or event that covers it;
    /// - `subgroup-of`, `part-of`: the entity is part of a body or initiative that covers it.
    ///
    /// Hierarchy relations into an organisation (`part-of`, `member-of`) never carry coverage:
    /// a bureau of ITU does not partner in everything ITU partners in.
    pub const DEFAULT_CARRIERS: [RelationKind; 14] = [
        RelationKind::Supports,
        RelationKind::Leads,
        RelationKind::CoLeads,
        RelationKind::Chairs,
        RelationKind::CoChairs,
        RelationKind::PartnersIn,
        RelationKind::ContributesTo,
        RelationKind::MemberOf,
        RelationKind::SubgroupOf,
        RelationKind::PartOf,
        RelationKind::FollowsUp,
        RelationKind::Organises,
        RelationKind::Facilitates,
        RelationKind::CoFacilitates,
    ];

    /// Only entities with a carrier relation straight to the target.
    #[must_use]
    pub fn direct_only(mut self) -> Self {
        self.transitive = false;
        self
    }

    /// Whether to follow chains of carrier relations (the default) or stop at one.
    #[must_use]
    pub fn transitive(mut self, yes: bool) -> Self {
        self.transitive = yes;
        self
    }

    /// Replaces the relation kinds that carry support.
    #[must_use]
    pub fn carriers(mut self, kinds: impl IntoIterator<Item = RelationKind>) -> Self {
        self.carriers = kinds.into_iter().collect();
        self
    }

    /// Reports only entities of these kinds (the walk still passes through every kind).
    #[must_use]
    pub fn report_kinds(mut self, kinds: impl IntoIterator<Item = EntityKind>) -> Self {
        self.report_kinds = Some(kinds.into_iter().collect());
        self
    }

    /// Which evidence relations need to be followed.
    #[must_use]
    pub fn evidence(mut self, evidence: Evidence) -> Self {
        self.evidence = evidence;
        self
    }

    /// Whether chains are followed.
    pub fn is_transitive(&self) -> bool {
        self.transitive
    }

    pub(crate) fn follows(&self, r: &Relation) -> bool {
        // Being part or a member of an organisation does not make one do what the organisation
        // does (a bureau of ITU is not a partner in everything ITU partners in), so hierarchy
        // relations into organisations never carry coverage.
        let into_organisation = matches!(
            r.kind,
            RelationKind::PartOf | RelationKind::MemberOf | RelationKind::SubgroupOf
        ) && r.to.kind() == EntityKind::Organisation;
        self.carriers.contains(&r.kind) && self.evidence.admits(r) && !into_organisation
    }

    fn reports(&self, kind: EntityKind) -> bool {
        self.report_kinds.as_ref().is_none_or(|k| k.contains(&kind))
    }
}

/// One entity that covers a target, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageEntry {
    /// The covering entity.
    pub entity: EntityId,
    /// The chain of relations from the entity to the target, shortest first found: one
    /// relation when the link is direct. Among chains of equal length, one whose every step is
    /// stated by the source wins over one that leans on context.
    pub path: Vec<Relation>,
    /// Every carrier relation from the entity to the target or to another covering entity
    /// whose own chain does not run back through this entity: all the ways it is linked, not
    /// only the shortest. Sorted as relations sort.
    pub links: Vec<Relation>,
}

impl CoverageEntry {
    /// Whether the entity is linked to the target by a single relation.
    pub fn is_direct(&self) -> bool {
        self.path.len() == 1
    }

    /// The entities the path passes through, between the entity and the target.
    pub fn via(&self) -> impl Iterator<Item = &EntityId> {
        self.path.iter().skip(1).map(|r| &r.from)
    }

    /// The sections cited along the path, sorted and without repeats.
    pub fn sections(&self) -> BTreeSet<&SectionRef> {
        self.path
            .iter()
            .flat_map(|r| &r.provenance)
            .filter_map(Provenance::section)
            .collect()
    }

    /// Whether every step of the path is stated by a source, not only by context.
    pub fn is_stated(&self) -> bool {
        self.path
            .iter()
            .all(|r| r.provenance.iter().any(Provenance::is_stated))
    }
}

/// Who and what covers one target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// The target.
    pub target: EntityId,
    /// The covering entities, sorted by id.
    pub entries: Vec<CoverageEntry>,
}

impl Coverage {
    /// The entry for one entity.
    pub fn entry(&self, id: &EntityId) -> Option<&CoverageEntry> {
        self.entries
            .binary_search_by(|e| e.entity.cmp(id))
            .ok()
            .and_then(|i| self.entries.get(i))
    }

    /// Whether `id` covers the target.
    pub fn contains(&self, id: &EntityId) -> bool {
        self.entry(id).is_some()
    }

    /// The covering entities of one kind.
    pub fn of_kind(&self, kind: EntityKind) -> impl Iterator<Item = &CoverageEntry> {
        self.entries.iter().filter(move |e| e.entity.kind() == kind)
    }

    /// Whether nothing covers the target.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl Graph {
    /// Who and what covers `target`: every entity that supports it directly, or through a
    /// chain of the carrier relations set in `options` (see
    /// [`CoverageOptions::DEFAULT_CARRIERS`]).
    ///
    /// Returns `None` when `target` is not in the graph. Any entity may be a target, but the
    /// question is meant for objectives, SDGs, action lines, Pact chapters and actions, and
    /// commitments.
    ///
    /// # Walk
    /// Breadth-first, backwards from the target: from each covered entity it follows the
    /// incoming carrier relations to their subjects. Each entity is reported once, with the
    /// shortest chain found; ties go to the chain through the smaller relation (relations sort
    /// by subject, kind, object), so the result is deterministic.
    ///
    /// # Complexity
    /// O(N + E) time and O(N) space for N entities and E relations reachable backwards from
    /// the target, plus the size of the reported paths.
    ///
    /// # Example
    /// ```
    /// use gdc_map::{CoverageOptions, Graph, Objective};
    ///
    /// let graph = Graph::embedded();
    /// let coverage = graph.coverage(&Objective::DigitalDivides.into(), &CoverageOptions::default())
    ///     .expect("objectives are always in the graph");
    /// let giga = coverage.entry(&"initiative:giga".parse()?).expect("Giga supports objective 1");
    /// assert!(giga.is_direct());
    /// let unicef = coverage.entry(&"org:unicef".parse()?).expect("UNICEF, through Giga");
    /// assert_eq!(unicef.via().map(ToString::to_string).collect::<Vec<_>>(), ["initiative:giga"]);
    /// assert!(unicef.sections().iter().any(|s| s.as_str() == "1/obj1"));
    /// # Ok::<(), gdc_map::IdError>(())
    /// ```
    pub fn coverage(&self, target: &EntityId, options: &CoverageOptions) -> Option<Coverage> {
        let start = self.node(target)?;
        let graph = self.petgraph();
        let relations = self.relations();
        // For each reached node, the relation index that first reached it.
        let mut reached_by: Vec<Option<usize>> = vec![None; graph.node_count()];
        let mut seen = vec![false; graph.node_count()];
        if let Some(s) = seen.get_mut(start.index()) {
            *s = true;
        }
        let mut queue: VecDeque<(NodeIndex, usize)> = VecDeque::from([(start, 0)]);
        let mut order = Vec::new();
        let mut edges: Vec<(usize, NodeIndex)> = Vec::new();
        while let Some((node, depth)) = queue.pop_front() {
            if depth > 0 && !options.transitive {
                continue;
            }
            edges.clear();
            edges.extend(
                graph
                    .edges_directed(node, petgraph::Direction::Incoming)
                    .map(|e| (*e.weight(), petgraph::visit::EdgeRef::source(&e))),
            );
            // Stated relations first, then relation order: deterministic, and the chain found
            // first leans on the source where it can.
            edges.sort_unstable_by_key(|&(rel, _)| {
                let context_only = relations
                    .get(rel)
                    .is_some_and(|r| !r.provenance.iter().any(Provenance::is_stated));
                (context_only, rel)
            });
            for &(rel, from) in &edges {
                let Some(r) = relations.get(rel) else {
                    continue;
                };
                if !options.follows(r) {
                    continue;
                }
                let Some(flag) = seen.get_mut(from.index()) else {
                    continue;
                };
                if *flag {
                    continue;
                }
                *flag = true;
                if let Some(slot) = reached_by.get_mut(from.index()) {
                    *slot = Some(rel);
                }
                order.push(from);
                queue.push_back((from, depth + 1));
            }
        }
        let mut entries: Vec<CoverageEntry> = order
            .into_iter()
            .filter_map(|n| {
                let id = graph.node_weight(n)?;
                if !options.reports(id.kind()) {
                    return None;
                }
                let chain = |from: NodeIndex| {
                    let mut steps = Vec::new();
                    let mut at = from;
                    while let Some(rel) = reached_by.get(at.index()).copied().flatten() {
                        steps.push(rel);
                        match relations.get(rel).and_then(|r| self.node(&r.to)) {
                            Some(next) => at = next,
                            None => break,
                        }
                    }
                    steps
                };
                let path: Vec<Relation> = chain(n)
                    .into_iter()
                    .filter_map(|rel| relations.get(rel).cloned())
                    .collect();
                let mut links: Vec<usize> = graph
                    .edges_directed(n, petgraph::Direction::Outgoing)
                    .filter_map(|e| {
                        let rel = *e.weight();
                        let r = relations.get(rel)?;
                        let to = petgraph::visit::EdgeRef::target(&e);
                        let covered = to == start
                            || (options.transitive
                                && seen.get(to.index()).copied().unwrap_or(false)
                                && !chain(to).iter().any(|&step| {
                                    relations.get(step).is_some_and(|s| &s.from == id)
                                }));
                        (options.follows(r) && covered).then_some(rel)
                    })
                    .collect();
                links.sort_unstable();
                Some(CoverageEntry {
                    entity: id.clone(),
                    path,
                    links: links
                        .into_iter()
                        .filter_map(|rel| relations.get(rel).cloned())
                        .collect(),
                })
            })
            .collect();
        entries.sort_by(|a, b| a.entity.cmp(&b.entity));
        Some(Coverage {
            target: target.clone(),
            entries,
        })
    }

    /// The coverage of each of the five objectives, in order.
    ///
    /// # Complexity
    /// Five walks of [`Graph::coverage`].
    pub fn objective_coverage(&self, options: &CoverageOptions) -> Vec<Coverage> {
        Objective::ALL
            .into_iter()
            .filter_map(|o| self.coverage(&EntityId::Objective(o), options))
            .collect()
    }
}
