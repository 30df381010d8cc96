//! Gap analysis: where coverage is missing, thin, dependent on one organisation, or leans only
//! on context evidence; and records that play no part.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use petgraph::algo::dominators;
use petgraph::graph::{DiGraph, NodeIndex};
use serde::{Deserialize, Serialize};

use crate::graph::{Direction, Graph};
use crate::model::entity::BodyKind;
use crate::model::id::{EntityId, EntityKind};
use crate::model::relation::{Relation, RelationKind};
use crate::query::coverage::{Coverage, CoverageOptions, Evidence};

/// Which gap checks run, and their thresholds.
///
/// Every field has a documented default ([`GapPolicy::default`]); change the ones you need.
///
/// # Example
/// ```
/// use gdc_map::{EntityKind, GapPolicy};
///
/// let mut policy = GapPolicy::default();
/// policy.min_initiatives = 3;
/// policy.thin_kinds.insert(EntityKind::PactAction);
/// policy.idle = false;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GapPolicy {
    /// Report targets nothing covers. Default: on.
    pub uncovered: bool,
    /// Report covered targets with fewer distinct covering initiatives than this. `0` turns
    /// the check off. Default: 2.
    pub min_initiatives: usize,
    /// The target kinds the thin check applies to. Default: objectives and commitments (Pact
    /// actions and action lines are usually carried by organisations, not initiatives).
    pub thin_kinds: BTreeSet<EntityKind>,
    /// Report organisations that every organisation-backed route to a target runs through,
    /// and covered targets with no organisation behind them at all. Default: on.
    pub single_points: bool,
    /// Report covered targets whose every route leans on context evidence. Default: on.
    pub context_only: bool,
    /// Report initiatives that cover no target. Default: on.
    pub orphans: bool,
    /// Report organisations and bodies with no relation at all. Default: on.
    pub idle: bool,
    /// Report bodies of [`GapPolicy::leaderless_kinds`] with no stated lead or chair.
    /// Default: on.
    pub leaderless: bool,
    /// The body kinds expected to have a lead or chair. Default: working groups, subgroups,
    /// task teams and committees.
    pub leaderless_kinds: BTreeSet<BodyKind>,
    /// How coverage is computed for every check. Default: [`CoverageOptions::default`].
    pub coverage: CoverageOptions,
}

impl Default for GapPolicy {
    fn default() -> Self {
        GapPolicy {
            uncovered: true,
            min_initiatives: 2,
            thin_kinds: [EntityKind::Objective, EntityKind::Commitment].into(),
            single_points: true,
            context_only: true,
            orphans: true,
            idle: true,
            leaderless: true,
            leaderless_kinds: [
                BodyKind::WorkingGroup,
                BodyKind::Subgroup,
                BodyKind::TaskTeam,
                BodyKind::Committee,
            ]
            .into(),
            coverage: CoverageOptions::default(),
        }
    }
}

/// What a [`Finding`] is about. The declaration order is the report's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum FindingKind {
    /// A target nothing covers.
    Uncovered,
    /// A target covered by fewer initiatives than the policy asks.
    Thin,
    /// A covered target with no organisation behind any of its support.
    NoOrganisation,
    /// An organisation that every organisation-backed route to some targets runs through.
    SinglePointOfFailure,
    /// A target covered only through context evidence, never through the source.
    ContextOnly,
    /// An initiative that covers no target.
    OrphanInitiative,
    /// An organisation or body with no relation at all.
    Idle,
    /// A body with no stated lead or chair.
    NoLead,
}

impl FindingKind {
    /// The kebab-case name: `single-point-of-failure`.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Uncovered => "uncovered",
            FindingKind::Thin => "thin",
            FindingKind::NoOrganisation => "no-organisation",
            FindingKind::SinglePointOfFailure => "single-point-of-failure",
            FindingKind::ContextOnly => "context-only",
            FindingKind::OrphanInitiative => "orphan-initiative",
            FindingKind::Idle => "idle",
            FindingKind::NoLead => "no-lead",
        }
    }
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One gap, explained in a sentence, with the evidence behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// What kind of gap.
    pub kind: FindingKind,
    /// The entity the finding is about: the target, organisation, initiative or body.
    pub subject: EntityId,
    /// The other entities involved: the targets a single point of failure holds up, the few
    /// initiatives behind a thin target. Sorted.
    pub related: Vec<EntityId>,
    /// One sentence saying what was found.
    pub explanation: String,
    /// The relations the finding rests on (empty when it is about an absence).
    pub evidence: Vec<Relation>,
}

/// Every finding of a gap analysis, sorted by kind and then subject.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct GapReport {
    /// The findings.
    pub findings: Vec<Finding>,
}

impl GapReport {
    /// The findings of one kind.
    pub fn of_kind(&self, kind: FindingKind) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.kind == kind)
    }

    /// The findings about one entity.
    pub fn about<'a>(&'a self, id: &'a EntityId) -> impl Iterator<Item = &'a Finding> {
        self.findings
            .iter()
            .filter(move |f| &f.subject == id || f.related.contains(id))
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.findings.is_empty()
    }
}

impl fmt::Display for GapReport {
    /// One finding a line: `[kind] explanation`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for finding in &self.findings {
            writeln!(f, "[{}] {}", finding.kind, finding.explanation)?;
        }
        Ok(())
    }
}

fn names(graph: &Graph, ids: &[EntityId]) -> String {
    ids.iter()
        .map(|id| graph.name_of(id))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Graph {
    /// Runs the gap checks the policy turns on over every target ([`Graph::targets`]) and
    /// every record.
    ///
    /// # Checks
    /// - *uncovered*: [`Graph::coverage`] of the target is empty;
    /// - *thin*: fewer distinct initiatives in its coverage than `min_initiatives`;
    /// - *single points of failure*: a virtual root is joined to every organisation and the
    ///   dominator tree of the support graph (carrier relations, subject to object) is computed
    ///   once (Cooper–Harvey–Kennedy); an organisation that dominates a target is on every
    ///   organisation-backed route to it, so removing it leaves the target with no organisation
    ///   behind it. A covered target the root does not reach has no organisation at all;
    /// - *context only*: covered, but not when only stated evidence counts;
    /// - *orphans*: initiatives in no target's coverage;
    /// - *idle*: organisations and bodies with no relation;
    /// - *no lead*: bodies of the listed kinds with no `leads`, `co-leads`, `chairs` or
    ///   `co-chairs` relation pointing at them.
    ///
    /// # Complexity
    /// One coverage walk per target (each linear in what reaches that target), one dominator
    /// computation over the whole graph (near-linear in practice), and one pass over the
    /// records.
    ///
    /// # Example
    /// ```
    /// use gdc_map::{FindingKind, GapPolicy, Graph};
    ///
    /// let report = Graph::embedded().gaps(&GapPolicy::default());
    /// let leaderless: Vec<String> = report
    ///     .of_kind(FindingKind::NoLead)
    ///     .map(|f| f.subject.to_string())
    ///     .filter(|s| s.starts_with("body:wgdt-sub"))
    ///     .collect();
    /// assert_eq!(
    ///     leaderless,
    ///     ["body:wgdt-sub-2", "body:wgdt-sub-3", "body:wgdt-sub-4", "body:wgdt-sub-chapter-3"],
    /// );
    /// ```
    pub fn gaps(&self, policy: &GapPolicy) -> GapReport {
        let mut findings = Vec::new();
        let targets = self.targets();
        let coverages: Vec<Coverage> = targets
            .iter()
            .filter_map(|t| self.coverage(t, &policy.coverage))
            .collect();
        for coverage in &coverages {
            self.target_findings(coverage, policy, &mut findings);
        }
        if policy.single_points {
            self.single_points(&coverages, policy, &mut findings);
        }
        if policy.orphans {
            let covering: BTreeSet<&EntityId> = coverages
                .iter()
                .flat_map(|c| c.entries.iter().map(|e| &e.entity))
                .collect();
            for initiative in self.initiatives() {
                let id = EntityId::Initiative(initiative.id.clone());
                if !covering.contains(&id) {
                    findings.push(Finding {
                        kind: FindingKind::OrphanInitiative,
                        explanation: format!(
                            "{} covers no target (objective, SDG, action line, Pact chapter or action, commitment), directly or through anything it takes part in",
                            self.name_of(&id)
                        ),
                        subject: id,
                        related: vec![],
                        evidence: vec![],
                    });
                }
            }
        }
        if policy.idle {
            let ids = self
                .organisations()
                .iter()
                .map(|o| EntityId::Organisation(o.id.clone()))
                .chain(self.bodies().iter().map(|b| EntityId::Body(b.id.clone())));
            for id in ids {
                let connected = self.relations_of(&id, Direction::Outgoing).next().is_some()
                    || self.relations_of(&id, Direction::Incoming).next().is_some();
                if !connected {
                    findings.push(Finding {
                        kind: FindingKind::Idle,
                        explanation: format!("{} has no relation to anything", self.name_of(&id)),
                        subject: id,
                        related: vec![],
                        evidence: vec![],
                    });
                }
            }
        }
        if policy.leaderless {
            for body in self.bodies() {
                if !policy.leaderless_kinds.contains(&body.kind) {
                    continue;
                }
                let id = EntityId::Body(body.id.clone());
                let led = self.relations_of(&id, Direction::Incoming).any(|r| {
                    matches!(
                        r.kind,
                        RelationKind::Leads
                            | RelationKind::CoLeads
                            | RelationKind::Chairs
                            | RelationKind::CoChairs
                    )
                });
                if !led {
                    let evidence: Vec<Relation> = self
                        .relations_of(&id, Direction::Outgoing)
                        .filter(|r| r.kind.is_hierarchy())
                        .cloned()
                        .collect();
                    findings.push(Finding {
                        kind: FindingKind::NoLead,
                        explanation: format!("{} has no stated lead or chair", body.label.en),
                        subject: id,
                        related: vec![],
                        evidence,
                    });
                }
            }
        }
        findings.sort_by(|a, b| (a.kind, &a.subject).cmp(&(b.kind, &b.subject)));
        GapReport { findings }
    }

    fn target_findings(&self, coverage: &Coverage, policy: &GapPolicy, out: &mut Vec<Finding>) {
        let target = &coverage.target;
        let name = self.name_of(target);
        if coverage.is_empty() {
            if policy.uncovered {
                out.push(Finding {
                    kind: FindingKind::Uncovered,
                    subject: target.clone(),
                    related: vec![],
                    explanation: format!("nothing in the data supports {name}"),
                    evidence: vec![],
                });
            }
            return;
        }
        if policy.min_initiatives > 0 && policy.thin_kinds.contains(&target.kind()) {
            let initiatives: Vec<EntityId> = coverage
                .of_kind(EntityKind::Initiative)
                .map(|e| e.entity.clone())
                .collect();
            if initiatives.len() < policy.min_initiatives {
                let evidence = coverage
                    .of_kind(EntityKind::Initiative)
                    .flat_map(|e| e.path.iter().cloned())
                    .collect();
                let explanation = if initiatives.is_empty() {
                    format!(
                        "{name} is supported by no initiative (the policy asks for {})",
                        policy.min_initiatives
                    )
                } else {
                    format!(
                        "{name} is supported by only {} initiative{} (the policy asks for {}): {}",
                        initiatives.len(),
                        if initiatives.len() == 1 { "" } else { "s" },
                        policy.min_initiatives,
                        names(self, &initiatives)
                    )
                };
                out.push(Finding {
                    kind: FindingKind::Thin,
                    subject: target.clone(),
                    related: initiatives,
                    explanation,
                    evidence,
                });
            }
        }
        if policy.context_only {
            let stated_options = policy.coverage.clone().evidence(Evidence::StatedOnly);
            let stated = self.coverage(target, &stated_options);
            if stated.is_none_or(|c| c.is_empty()) {
                out.push(Finding {
                    kind: FindingKind::ContextOnly,
                    subject: target.clone(),
                    related: vec![],
                    explanation: format!(
                        "{name} is supported only by context sources, never by a source document"
                    ),
                    evidence: coverage
                        .entries
                        .iter()
                        .filter(|e| e.is_direct())
                        .flat_map(|e| e.links.iter().cloned())
                        .collect(),
                });
            }
        }
    }

    fn single_points(&self, coverages: &[Coverage], policy: &GapPolicy, out: &mut Vec<Finding>) {
        let source = self.petgraph();
        // The support graph: the same nodes, the carrier relations the coverage walk follows,
        // and a root joined to every organisation.
        let mut support: DiGraph<(), ()> = DiGraph::with_capacity(source.node_count() + 1, 0);
        for _ in 0..source.node_count() {
            support.add_node(());
        }
        let root = support.add_node(());
        for r in self.relations() {
            if policy.coverage.follows(r)
                && let (Some(a), Some(b)) = (self.node(&r.from), self.node(&r.to))
            {
                support.add_edge(a, b, ());
            }
        }
        for o in self.organisations() {
            if let Some(n) = self.node(&EntityId::Organisation(o.id.clone())) {
                support.add_edge(root, n, ());
            }
        }
        let doms = dominators::simple_fast(&support, root);
        let mut by_organisation: BTreeMap<EntityId, (Vec<EntityId>, Vec<Relation>)> =
            BTreeMap::new();
        for coverage in coverages.iter().filter(|c| !c.is_empty()) {
            let Some(t) = self.node(&coverage.target) else {
                continue;
            };
            if doms.immediate_dominator(t).is_none() {
                out.push(Finding {
                    kind: FindingKind::NoOrganisation,
                    subject: coverage.target.clone(),
                    related: vec![],
                    explanation: format!(
                        "{} is supported, but no organisation stands behind any of its support",
                        self.name_of(&coverage.target)
                    ),
                    evidence: coverage
                        .entries
                        .iter()
                        .filter(|e| e.is_direct())
                        .flat_map(|e| e.links.iter().cloned())
                        .collect(),
                });
                continue;
            }
            let Some(chain) = doms.strict_dominators(t) else {
                continue;
            };
            let chain: Vec<NodeIndex> = chain.filter(|&n| n != root).collect();
            for n in chain {
                let Some(id) = source.node_weight(n) else {
                    continue;
                };
                if id.kind() != EntityKind::Organisation {
                    continue;
                }
                let entry = by_organisation.entry(id.clone()).or_default();
                entry.0.push(coverage.target.clone());
                if let Some(e) = coverage.entry(id) {
                    entry.1.extend(e.path.iter().cloned());
                }
            }
        }
        for (organisation, (targets, evidence)) in by_organisation {
            let explanation = format!(
                "every organisation-backed route to {} runs through {}: without it, no \
                 organisation would stand behind {}",
                names(self, &targets),
                self.name_of(&organisation),
                if targets.len() == 1 { "it" } else { "them" }
            );
            out.push(Finding {
                kind: FindingKind::SinglePointOfFailure,
                subject: organisation,
                related: targets,
                explanation,
                evidence,
            });
        }
    }
}
