//! Who and what supports a target, directly or along the relations that carry support.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::graph::{Arc, Graph, Marks, STATED, WalkScratch};
use crate::model::id::{EntityId, EntityKind, SectionRef};
use crate::model::provenance::{Provenance, ProvenanceList};
use crate::model::relation::{Relation, RelationKind};
use crate::model::vocabulary::Objective;
use crate::query::path::{RelationPath, SHOWN_RELATIONS};

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

    /// Whether context-only relations may be followed.
    pub(crate) fn evidence_admits_context(&self) -> bool {
        self.evidence == Evidence::StatedAndContext
    }

    /// The carrier kinds as a bit set over `RelationKind` discriminants.
    pub(crate) fn mask(&self) -> u32 {
        self.carriers
            .iter()
            .fold(0, |m, &k| m | 1u32.checked_shl(k as u32).unwrap_or(0))
    }

    /// [`CoverageOptions::follows_arc`] for every value of [`Arc::flags`]: bit `f` is set when
    /// a walk crosses an arc whose flags are `f`, so the walk's test is one shift.
    ///
    /// Built from the flags' layout rather than by asking `follows_arc` of all 128 values:
    /// a query that walks from each of fifty thousand targets asks for this once per walk,
    /// and the 128 questions cost more than a short walk does.
    pub(crate) fn follows_flags(&self) -> u128 {
        // A followed arc's flags are a carrier kind `k`, never into an organisation: bit
        // `STATED | k` of the table, and bit `k` too when context is admitted.
        let carriers = u128::from(self.mask());
        let stated = carriers << STATED;
        if self.evidence_admits_context() {
            stated | carriers
        } else {
            stated
        }
    }

    /// What a walk needs of these options, worked out once for a query's walks.
    pub(crate) fn walk_rule(&self) -> WalkRule {
        WalkRule {
            follows: self.follows_flags(),
            transitive: self.transitive,
        }
    }

    /// Whether a walk under these options crosses the relation `a` stands for: a carrier
    /// kind, evidence the options admit, and not a hierarchy relation into an organisation
    /// (being part or a member of an organisation does not make one do what the organisation
    /// does: a bureau of ITU is not a partner in everything ITU partners in).
    pub(crate) fn follows_arc(&self, a: &Arc, mask: u32) -> bool {
        mask & 1u32.checked_shl(a.kind as u32).unwrap_or(0) != 0
            && (self.evidence == Evidence::StatedAndContext || a.stated)
            && !a.into_organisation
    }

    pub(crate) fn reports(&self, kind: EntityKind) -> bool {
        self.report_kinds.as_ref().is_none_or(|k| k.contains(&kind))
    }
}

/// What a walk asks of [`CoverageOptions`]: which arcs to cross, and whether to go on past
/// the first. Worked out once per query ([`CoverageOptions::walk_rule`]): a query that walks
/// from each of fifty thousand targets would otherwise read the set of carriers fifty
/// thousand times, which costs more than a short walk does.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WalkRule {
    /// [`CoverageOptions::follows_flags`].
    follows: u128,
    transitive: bool,
}

impl WalkRule {
    /// Whether a walk crosses an arc with these [`Arc::flags`].
    pub(crate) fn crosses(self, flags: u8) -> bool {
        self.follows >> (flags & 127) & 1 != 0
    }

    /// Whether a walk goes on past the relations straight into its start.
    pub(crate) fn is_transitive(self) -> bool {
        self.transitive
    }
}

/// One entity that covers a target, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageEntry {
    /// The covering entity.
    pub entity: EntityId,
    /// The chain of relations from the entity to the target, shortest first found: one
    /// relation when the link is direct. Among chains of equal length, one whose every step is
    /// stated by the source wins over one that leans on context. It shares its tail with the
    /// entries of the entities it passes through (see [`RelationPath`]).
    pub path: RelationPath,
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

/// The path as a sentence, then its evidence, each piece once, in the order the path
/// meets them: `org:unicef partners-in initiative:giga supports objective:1  [§1/obj1]`.
/// A path of more than twelve relations is cut as [`RelationPath`] cuts it, and so is its
/// evidence: that of the relations written out.
impl fmt::Display for CoverageEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = self.path.iter().take(SHOWN_RELATIONS);
        let mut evidence = ProvenanceList::new();
        for p in shown.flat_map(|r| &r.provenance) {
            if !evidence.as_slice().contains(p) {
                evidence.push(p.clone());
            }
        }
        if self.path.is_empty() {
            write!(f, "{}", self.entity)?;
        }
        write!(f, "{}  [{evidence}]", self.path)
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

/// A line naming the target and how many cover it, then one line an entry, in the order of
/// [`Coverage::entries`].
///
/// # Example
/// ```
/// use gdc_map::{CoverageOptions, Graph, Objective};
///
/// let coverage = Graph::embedded()
///     .coverage(&Objective::DataGovernance.into(), &CoverageOptions::default().direct_only())
///     .expect("objectives are always in the graph");
/// let text = coverage.to_string();
/// assert!(text.starts_with("objective:4, covered by 7:\n"));
/// assert!(text.contains("\n  initiative:gci supports objective:4  [§1/obj4]\n"));
/// # Ok::<(), gdc_map::IdError>(())
/// ```
impl fmt::Display for Coverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.entries.len() {
            0 => return writeln!(f, "{}: nothing covers it", self.target),
            n => writeln!(f, "{}, covered by {n}:", self.target)?,
        }
        for entry in &self.entries {
            writeln!(f, "  {entry}")?;
        }
        Ok(())
    }
}

/// How many entities cover one target, by kind, without the paths: the cheap form of
/// [`Coverage`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverageSummary {
    /// The target.
    pub target: EntityId,
    /// How many entities cover it.
    pub total: usize,
    /// How many of each kind, for the kinds with any.
    pub by_kind: BTreeMap<EntityKind, usize>,
}

impl CoverageSummary {
    /// How many entities of `kind` cover the target.
    pub fn count(&self, kind: EntityKind) -> usize {
        self.by_kind.get(&kind).copied().unwrap_or(0)
    }
}

/// The target, how many cover it, and how many of each kind, the kinds in [`EntityKind`]
/// order; `…, covered by 0` when nothing does.
///
/// # Example
/// ```
/// use gdc_map::{CoverageOptions, Graph, Objective};
///
/// let summary = Graph::embedded()
///     .coverage_summary(&Objective::DataGovernance.into(), &CoverageOptions::default())
///     .expect("objectives are always in the graph");
/// assert_eq!(
///     summary.to_string(),
///     "objective:4, covered by 10: organisation 3, initiative 4, body 3"
/// );
/// # Ok::<(), gdc_map::IdError>(())
/// ```
impl fmt::Display for CoverageSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, covered by {}", self.target, self.total)?;
        for (i, (kind, n)) in self.by_kind.iter().enumerate() {
            f.write_str(if i == 0 { ": " } else { ", " })?;
            write!(f, "{kind} {n}")?;
        }
        Ok(())
    }
}

const NONE: u32 = u32::MAX;

/// Sorts distinct node numbers: by comparisons when they are few and far apart, otherwise by
/// setting a bit for each in `bits` and reading the bits back in order, which costs a pass
/// over the numbers and one over the words, where comparisons cost a logarithm more per node
/// (a walk from every target at once has layers of a million nodes).
fn sort_distinct(nodes: &mut [u32], bits: &mut Vec<u64>) {
    let Some(&max) = nodes.iter().max() else {
        return;
    };
    let words = max as usize / 64 + 1;
    if nodes.len() < words / 4 {
        nodes.sort_unstable();
        return;
    }
    bits.clear();
    bits.resize(words, 0);
    for &n in nodes.iter() {
        if let Some(word) = bits.get_mut((n / 64) as usize) {
            *word |= 1 << (n % 64);
        }
    }
    let mut slots = nodes.iter_mut();
    for (w, &word) in (0u32..).zip(bits.iter()) {
        let mut rest = word;
        while rest != 0 {
            if let Some(slot) = slots.next() {
                *slot = w * 64 + rest.trailing_zeros();
            }
            rest &= rest - 1;
        }
    }
}

/// How many relations into an entity before [`Narrowed`] keeps a run of its own for it: below
/// that, reading them all is as cheap as looking the run up.
pub(crate) const NARROWED_FROM: usize = 32;

/// For walks kept within a set of entities (what one entity reaches forward): the relations
/// into each member with many, cut to those from a member that a rule crosses, as positions
/// in the index, in their order there. A walk within the set would cross only those, so it
/// reads the same relations in the same order, but a hub with thousands of relations in and
/// few from the set costs its few, however many starts are walked from.
pub(crate) struct Narrowed {
    /// The members with a run here.
    has: Marks,
    runs: std::collections::HashMap<u32, std::ops::Range<u32>>,
    positions: Vec<u32>,
}

impl Narrowed {
    /// The runs of the `members` of `within` with at least `from` relations in (the callers'
    /// [`NARROWED_FROM`]; tests ask for every member's), under `rule`: each member's relations
    /// read once.
    pub(crate) fn new(
        graph: &Graph,
        rule: WalkRule,
        members: &[u32],
        within: &Marks,
        from: usize,
    ) -> Narrowed {
        let incoming = &graph.walk_index().incoming;
        let stored = incoming.stored();
        let mut narrowed = Narrowed {
            has: Marks::new(graph.entity_count()),
            runs: std::collections::HashMap::new(),
            positions: Vec::new(),
        };
        for &member in members {
            let arcs = incoming.positions(member as usize);
            if arcs.len() < from {
                continue;
            }
            let from = narrowed.positions.len() as u32;
            let at = arcs.start as u32..;
            narrowed.positions.extend(
                at.zip(stored.get(arcs).unwrap_or_default())
                    .filter(|(_, a)| rule.crosses(a.flags()) && within.contains(a.other()))
                    .map(|(at, _)| at),
            );
            narrowed.has.insert(member);
            (narrowed.runs).insert(member, from..narrowed.positions.len() as u32);
        }
        narrowed
    }

    /// The positions of the relations into `node` a walk within the set can cross, when
    /// `node` has a run here.
    fn run(&self, node: u32) -> Option<&[u32]> {
        if !self.has.contains(node) {
            return None;
        }
        let run = self.runs.get(&node)?;
        self.positions.get(run.start as usize..run.end as usize)
    }
}

/// What a walk records besides the set and order of what it reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Records {
    /// How each node was reached: its chain, its links.
    Chains,
    /// Each layer sorted in node order, for walks that then read the index in order.
    SortedLayers,
    /// Nothing more: for callers that only count.
    Nothing,
}

/// Scratch for backward walks from a target, reused across targets: its marks clear only the
/// words the last walk set, so a walk costs only what it reaches.
pub(crate) struct Walker<'g> {
    graph: &'g Graph,
    /// Borrowed from the graph for the walker's life, given back on drop.
    scratch: WalkScratch,
    start: u32,
    /// The relations into entities with many, cut to those a walk within a set can cross
    /// ([`Walker::walk_within`]).
    narrowed: Option<&'g Narrowed>,
}

impl Drop for Walker<'_> {
    fn drop(&mut self) {
        self.graph
            .scratch()
            .give_back(std::mem::take(&mut self.scratch));
    }
}

impl<'g> Walker<'g> {
    pub(crate) fn new(graph: &'g Graph) -> Walker<'g> {
        let scratch = graph.scratch().take(graph.entity_count());
        Walker {
            graph,
            scratch,
            start: NONE,
            narrowed: None,
        }
    }

    /// Walks backwards from `start` along the relations `rule` crosses.
    pub(crate) fn walk(&mut self, start: u32, rule: WalkRule) {
        self.walk_inner(&[start], rule, Records::Chains, &[], None, |_| true);
    }

    /// As [`Walker::walk`], but stops after the layer in which the last of `goals` is
    /// reached (none stops it early): the chains from the nodes it reached are those a whole
    /// walk records. For callers that need the chains from a few nodes only, which may lie
    /// just behind a start that has a whole graph behind it.
    pub(crate) fn walk_to(&mut self, start: u32, rule: WalkRule, goals: &[u32]) {
        self.walk_inner(&[start], rule, Records::Chains, goals, None, |_| true);
    }

    /// One walk from several starts at once for callers that only ask what it reaches:
    /// afterwards `order` holds every node that covers any start, each once, layer by layer
    /// but each layer in node order. Reading a large layer's arcs in node order runs forward
    /// through the index rather than jumping about it, which matters once the index no
    /// longer fits in cache: a walk from every target reaches nearly the whole graph, in an
    /// order that is otherwise random. Chains are not recorded.
    pub(crate) fn walk_reach(&mut self, starts: &[u32], rule: WalkRule) {
        self.walk_inner(starts, rule, Records::SortedLayers, &[], None, |_| true);
    }

    /// As [`Walker::walk`], but reaching only members of `within`, a set that every relation
    /// `rule` crosses out of a member leads back into (what one entity reaches forward, say).
    /// Each member reached has the depth, chain and links a whole walk gives it: its
    /// shortest chains to the start run through members only, and members come in each
    /// layer in the order they have in the whole walk's layer, so the first relation to reach
    /// each is the same. What it costs is what `within` holds, not what is behind the start.
    /// The relations into an entity of `within` that `narrowed` holds are read from it, in
    /// their order: those from within that `rule` crosses, not the thousands of relations
    /// into a hub from outside, read again for each start.
    pub(crate) fn walk_within(
        &mut self,
        start: u32,
        rule: WalkRule,
        within: &Marks,
        narrowed: &'g Narrowed,
    ) {
        let within = |n| within.contains(n);
        self.walk_inner(&[start], rule, Records::Chains, &[], Some(narrowed), within);
    }

    /// As [`Walker::walk`], but without recording how each node was reached, for callers
    /// that only count: one random write less per node. [`Walker::chain`] and
    /// [`Walker::entry_of`] are meaningless after it.
    pub(crate) fn walk_counting(&mut self, start: u32, rule: WalkRule) {
        self.walk_inner(&[start], rule, Records::Nothing, &[], None, |_| true);
    }

    /// Walks backwards from `start` depth first, telling `enough` of each node as it is
    /// reached, and stops as soon as `enough` answers true.
    /// For callers that ask whether *some* entities cover a target (two initiatives, two
    /// organisations), which a well-covered target answers after a few relations: a
    /// breadth-first walk would first read every direct supporter, tens of thousands for an
    /// objective, before reaching a single organisation behind them. Records no chains, like
    /// [`Walker::walk_counting`]; when it runs to the end, `order` holds what covers `start`,
    /// in depth-first order.
    pub(crate) fn walk_until(
        &mut self,
        start: u32,
        rule: WalkRule,
        mut enough: impl FnMut(u32) -> bool,
    ) {
        let WalkScratch {
            marks,
            order,
            cursors,
            ..
        } = &mut self.scratch;
        marks.clear();
        order.clear();
        cursors.clear();
        self.start = start;
        self.narrowed = None;
        let incoming = &self.graph.walk_index().incoming;
        let stored = incoming.stored();
        let arcs_of = |node: u32| {
            let r = incoming.positions(node as usize);
            r.start as u32..r.end as u32
        };
        marks.insert(start);
        cursors.push(arcs_of(start));
        while let Some(top) = cursors.last_mut() {
            let Some(at) = top.next() else {
                cursors.pop();
                continue;
            };
            let Some(arc) = stored.get(at as usize) else {
                continue;
            };
            if !rule.crosses(arc.flags()) || !marks.insert(arc.other()) {
                continue;
            }
            let other = arc.other();
            order.push(other);
            if enough(other) {
                return;
            }
            if rule.transitive {
                cursors.push(arcs_of(other));
            }
        }
    }

    /// The walks above, reaching only the nodes `within` admits.
    fn walk_inner(
        &mut self,
        starts: &[u32],
        rule: WalkRule,
        records: Records,
        goals: &[u32],
        narrowed: Option<&'g Narrowed>,
        within: impl Fn(u32) -> bool,
    ) {
        self.narrowed = narrowed;
        let record_paths = records == Records::Chains;
        let sort_layers = records == Records::SortedLayers;
        let WalkScratch {
            marks,
            via,
            order,
            pending,
            pending_at,
            pending_stated,
            stated_chain,
            ..
        } = &mut self.scratch;
        marks.clear();
        stated_chain.clear();
        order.clear();
        self.start = starts.first().copied().unwrap_or(NONE);
        let incoming = &self.graph.walk_index().incoming;
        let (stored, rels) = (incoming.stored(), incoming.all_rels());
        for &start in starts {
            marks.insert(start);
        }
        // Breadth first, a layer at a time: the starts, then (for a transitive walk) the
        // nodes the last layer reached, so `order` holds the layers one after another. Each
        // layer is read in two passes of independent loads (the arcs to follow; then the
        // marks of their other ends) rather than node by node, where every load waits on
        // the one before: once the index no longer fits in cache, the processor can then
        // have several misses in flight at once.
        let mut layer = 0..0;
        let mut first = true;
        let mut layer_bits = Vec::new();
        // The goals before this one are reached.
        let mut goals_reached = 0;
        loop {
            let frontier = if first {
                starts
            } else {
                order.get(layer.clone()).unwrap_or_default()
            };
            pending.clear();
            pending_at.clear();
            pending_stated.clear();
            for (i, &node) in frontier.iter().enumerate() {
                if i % TOUCH_AHEAD == 0 {
                    touch_arcs(incoming, frontier.get(i..).unwrap_or_default());
                }
                let node_stated = record_paths && (first || stated_chain.contains(node));
                let mut consider = |at: u32, arc: &crate::graph::StoredArc| {
                    let flags = arc.flags();
                    if rule.crosses(flags) && within(arc.other()) {
                        pending.push(arc.other());
                        if record_paths {
                            pending_at.push(at);
                            pending_stated.push(node_stated && flags & STATED != 0);
                        }
                    }
                };
                if let Some(run) = narrowed.and_then(|n| n.run(node)) {
                    for &at in run {
                        if let Some(arc) = stored.get(at as usize) {
                            consider(at, arc);
                        }
                    }
                    continue;
                }
                let arcs = incoming.positions(node as usize);
                let at = arcs.start as u32..;
                for (at, arc) in at.zip(stored.get(arcs).unwrap_or_default()) {
                    consider(at, arc);
                }
            }
            if record_paths {
                // Among the chains one layer longer, those stated at every step first: each
                // node takes the first of them that reaches it, and only a node none reaches
                // takes the first chain that leans on context.
                for stated_pass in [true, false] {
                    for ((&other, &at), &stated) in pending
                        .iter()
                        .zip(pending_at.iter())
                        .zip(pending_stated.iter())
                    {
                        if stated != stated_pass || !marks.insert(other) {
                            continue;
                        }
                        if stated {
                            stated_chain.insert(other);
                        }
                        if let (Some(v), Some(&rel)) =
                            (via.get_mut(other as usize), rels.get(at as usize))
                        {
                            *v = rel;
                        }
                        order.push(other);
                    }
                }
            } else {
                for &other in pending.iter() {
                    if marks.insert(other) {
                        order.push(other);
                    }
                }
            }
            first = false;
            layer = layer.end..order.len();
            if sort_layers && let Some(nodes) = order.get_mut(layer.clone()) {
                sort_distinct(nodes, &mut layer_bits);
            }
            if !rule.transitive || layer.is_empty() {
                break;
            }
            if !goals.is_empty() {
                while goals.get(goals_reached).is_some_and(|&g| marks.contains(g)) {
                    goals_reached += 1;
                }
                if goals_reached == goals.len() {
                    break;
                }
            }
        }
    }

    /// The nodes the last walk reached, in breadth-first order, the starts excluded.
    pub(crate) fn order(&self) -> &[u32] {
        &self.scratch.order
    }

    /// Whether the last walk reached `node` (the start counts as reached).
    pub(crate) fn reached(&self, node: u32) -> bool {
        self.scratch.marks.contains(node)
    }

    /// The relations of the chain the last walk found from `node` to the start.
    pub(crate) fn chain(&self, node: u32) -> impl Iterator<Item = u32> + '_ {
        let outgoing = &self.graph.walk_index().outgoing;
        let mut at = node;
        std::iter::from_fn(move || {
            if at == self.start || !self.reached(at) {
                return None;
            }
            let rel = *self.scratch.via.get(at as usize)?;
            at = outgoing.arc(rel)?.other;
            Some(rel)
        })
    }

    /// The tree of the last walk (made by [`Walker::walk`]), over positions in its order,
    /// with each reached node's position noted in the scratch for [`Walker::position_of`].
    fn tree(&mut self) -> Tree {
        let index = self.graph.walk_index();
        let start = self.start;
        let WalkScratch {
            via,
            order,
            position,
            ..
        } = &mut self.scratch;
        if position.len() != via.len() {
            *position = vec![NONE; via.len()];
        }
        for (p, &node) in (0u32..).zip(order.iter()) {
            if let Some(slot) = position.get_mut(node as usize) {
                *slot = p;
            }
        }
        let (via, position) = (&*via, &*position);
        Tree::new(order.iter().map(|&node| {
            let via = via.get(node as usize).copied().unwrap_or(NONE);
            match index.outgoing.arc(via).map(|a| a.other) {
                Some(up) if up != start => position.get(up as usize).copied().unwrap_or(NONE),
                _ => NONE,
            }
        }))
    }

    /// Where `node` came in the last walk's order, as [`Walker::tree`] noted it.
    fn position_of(&self, node: u32) -> u32 {
        self.scratch
            .position
            .get(node as usize)
            .copied()
            .unwrap_or(NONE)
    }

    /// The links of `node`, at position `p` of the last walk's `tree`: its carrier relations
    /// to the start or to a reached entity whose own chain does not run through it.
    fn links_of(
        &self,
        node: u32,
        p: usize,
        tree: &Tree,
        options: &CoverageOptions,
        mask: u32,
    ) -> Vec<Relation> {
        let graph = self.graph;
        // Whose chain runs through this entity: for most (a leaf of the walk's tree, such as
        // an organisation, whose hierarchy is not followed) no one else's, and then a hub's
        // thousands of relations are kept without looking up where each other end sits in
        // the tree, which at a million entities is a wait on memory for each.
        let leaf = tree.is_leaf(p);
        let leads_on = |other: u32| {
            if leaf {
                other == node
            } else {
                tree.is_ancestor_or_self(p, self.position_of(other) as usize)
            }
        };
        graph
            .walk_index()
            .outgoing
            .of(node as usize)
            .filter(|(_, a)| {
                options.follows_arc(a, mask)
                    && (a.other == self.start
                        || (options.transitive && self.reached(a.other) && !leads_on(a.other)))
            })
            .filter_map(|(rel, _)| graph.relations().get(rel as usize).cloned())
            .collect()
    }

    /// The entries of the last walk (made by [`Walker::walk`]) for the kinds `options`
    /// reports, sorted by entity.
    ///
    /// Each entry's chain is its first relation put in front of the chain of the entity it
    /// was reached from, so the chains of a walk take one relation each, however deep. Its
    /// links leave out relations toward entities whose own chain runs through it; whether
    /// one does is read off a numbering of the walk's tree, not by climbing the chain, so a
    /// deep hierarchy costs no more per relation than a flat one.
    pub(crate) fn entries(&mut self, options: &CoverageOptions) -> Vec<CoverageEntry> {
        let tree = self.tree();
        let graph = self.graph;
        let relations = graph.relations();
        let WalkScratch { via, order, .. } = &self.scratch;
        let via_of = |node: u32| via.get(node as usize).copied().unwrap_or(NONE);
        let kinds = &graph.walk_index().kinds;
        let reported: Vec<bool> = order
            .iter()
            .map(|&n| kinds.get(n as usize).is_some_and(|&k| options.reports(k)))
            .collect();

        // Chains for the reported entities and every entity they pass through, parents
        // first (a parent comes before its children in breadth-first order).
        let mut needed = reported.clone();
        for p in (0..needed.len()).rev() {
            if needed.get(p) == Some(&true)
                && let Some(parent) = tree.parent(p)
                && let Some(flag) = needed.get_mut(parent)
            {
                *flag = true;
            }
        }
        let mut paths: Vec<RelationPath> = Vec::with_capacity(order.len());
        for (p, &node) in order.iter().enumerate() {
            // Each chain's first relation is at a scattered place of the relation list: read
            // ahead a batch at a time, as the entries' relations below.
            if p % TOUCH_AHEAD == 0 {
                touch_relations(
                    relations,
                    (order.iter().zip(&needed).skip(p).take(TOUCH_AHEAD))
                        .filter(|&(_, &needed)| needed)
                        .map(|(&node, _)| via_of(node) as usize),
                );
            }
            let path = match relations.get(via_of(node) as usize) {
                Some(step) if needed.get(p) == Some(&true) => {
                    let rest = tree
                        .parent(p)
                        .and_then(|q| paths.get(q))
                        .cloned()
                        .unwrap_or_default();
                    rest.prepend(step.clone())
                }
                _ => RelationPath::new(),
            };
            paths.push(path);
        }

        // Node order is id order: sorting positions by node sorts entries by entity.
        let mut listed: Vec<usize> = (0..order.len())
            .filter(|&p| reported.get(p) == Some(&true))
            .collect();
        listed.sort_unstable_by_key(|&p| order.get(p).copied().unwrap_or(NONE));
        let mask = options.mask();
        let outgoing = &graph.walk_index().outgoing;
        let mut entries = Vec::with_capacity(listed.len());
        for batch in listed.chunks(TOUCH_AHEAD) {
            // The entries are a sparse subset of the nodes, so each one's relations start at
            // a place of their own in the relation list: read the first of each batch, and
            // each one's id, in loops that wait on none of them, so that the misses overlap,
            // before building the entries one at a time (each a few allocations, too long a
            // step for the processor to run ahead into the next).
            touch_relations(
                relations,
                (batch.iter()).filter_map(|&p| Some(outgoing.range(*order.get(p)? as usize).start)),
            );
            let ids = (batch.iter())
                .filter_map(|&p| graph.id_of(*order.get(p)? as usize))
                .fold(0usize, |acc, id| acc ^ id.kind() as usize);
            std::hint::black_box(ids);
            entries.extend(batch.iter().filter_map(|&p| {
                let node = *order.get(p)?;
                Some(CoverageEntry {
                    entity: graph.id_of(node as usize)?.clone(),
                    path: paths.get(p).cloned().unwrap_or_default(),
                    links: self.links_of(node, p, &tree, options, mask),
                })
            }));
        }
        entries
    }

    /// The entry of `node` alone, as [`Walker::entries`] gives it after the same walk;
    /// `None` when the walk did not reach it or `options` does not report its kind.
    pub(crate) fn entry_of(
        &mut self,
        node: u32,
        options: &CoverageOptions,
    ) -> Option<CoverageEntry> {
        let graph = self.graph;
        let kind = *graph.walk_index().kinds.get(node as usize)?;
        if node == self.start || !self.reached(node) || !options.reports(kind) {
            return None;
        }
        let tree = self.tree();
        let relations = graph.relations();
        let steps: Vec<u32> = self.chain(node).collect();
        let path = steps
            .iter()
            .rev()
            .try_fold(RelationPath::new(), |rest, &rel| {
                Some(rest.prepend(relations.get(rel as usize)?.clone()))
            })?;
        let p = self.position_of(node) as usize;
        // An entity with more relations out than the walk reached entities (a hub, asked
        // about target after target) has its links found from the other side.
        let links = if graph.walk_index().outgoing.range(node as usize).len() <= self.order().len()
        {
            self.links_of(node, p, &tree, options, options.mask())
        } else {
            self.links_into_reached(node, p, &tree, options)
        };
        Some(CoverageEntry {
            entity: graph.id_of(node as usize)?.clone(),
            path,
            links,
        })
    }

    /// [`Walker::links_of`] read from the relations into the start and every reached entity
    /// rather than from those out of `node`: what the walk already read, where `node` may
    /// have thousands of relations out.
    fn links_into_reached(
        &self,
        node: u32,
        p: usize,
        tree: &Tree,
        options: &CoverageOptions,
    ) -> Vec<Relation> {
        let graph = self.graph;
        let incoming = &graph.walk_index().incoming;
        let (stored, rels) = (incoming.stored(), incoming.all_rels());
        let rule = options.walk_rule();
        let beyond_start = self.order().iter().filter(|&&other| {
            options.transitive && !tree.is_ancestor_or_self(p, self.position_of(other) as usize)
        });
        let mut found: Vec<u32> = std::iter::once(&self.start)
            .chain(beyond_start)
            .flat_map(|&other| {
                // Its relations from within the set, when the walk was kept to one and
                // `other` has many relations in: `node` is in the set.
                let positions: Box<dyn Iterator<Item = usize>> =
                    match self.narrowed.and_then(|n| n.run(other)) {
                        Some(run) => Box::new(run.iter().map(|&at| at as usize)),
                        None => Box::new(incoming.positions(other as usize)),
                    };
                positions
                    .filter(|&at| {
                        stored
                            .get(at)
                            .is_some_and(|arc| arc.other() == node && rule.crosses(arc.flags()))
                    })
                    .filter_map(|at| rels.get(at).copied())
            })
            .collect();
        found.sort_unstable();
        found
            .into_iter()
            .filter_map(|rel| graph.relations().get(rel as usize).cloned())
            .collect()
    }
}

/// The tree of a breadth-first walk, over positions in the walk's order: each position's
/// parent, and a pre-order numbering in which a position's descendants are the
/// `size` numbers from its own.
struct Tree {
    parent: Vec<u32>,
    pre: Vec<u32>,
    size: Vec<u32>,
}

impl Tree {
    /// From each position's parent position (`NONE` under the start), parents before children.
    fn new(parents: impl Iterator<Item = u32>) -> Tree {
        let parent: Vec<u32> = parents.collect();
        let mut size = vec![1u32; parent.len()];
        for p in (0..parent.len()).rev() {
            let own = size.get(p).copied().unwrap_or(1);
            if let Some(s) = parent.get(p).and_then(|&q| size.get_mut(q as usize)) {
                *s += own;
            }
        }
        // Each subtree takes the next `size` numbers after its parent's earlier children.
        let mut pre = vec![0u32; parent.len()];
        let mut next = vec![0u32; parent.len()];
        let mut next_root = 0u32;
        for p in 0..parent.len() {
            let slot = match parent.get(p).and_then(|&q| next.get_mut(q as usize)) {
                Some(slot) => slot,
                None => &mut next_root,
            };
            let number = *slot;
            *slot += size.get(p).copied().unwrap_or(1);
            if let (Some(pr), Some(nx)) = (pre.get_mut(p), next.get_mut(p)) {
                *pr = number;
                *nx = number + 1;
            }
        }
        Tree { parent, pre, size }
    }

    fn parent(&self, p: usize) -> Option<usize> {
        self.parent
            .get(p)
            .filter(|&&q| q != NONE)
            .map(|&q| q as usize)
    }

    /// Whether no other position's chain to the start runs through `p`.
    fn is_leaf(&self, p: usize) -> bool {
        self.size.get(p) == Some(&1)
    }

    /// Whether position `a` is `b` or lies on `b`'s chain to the start.
    fn is_ancestor_or_self(&self, a: usize, b: usize) -> bool {
        match (self.pre.get(a), self.size.get(a), self.pre.get(b)) {
            (Some(&pa), Some(&sa), Some(&pb)) => pa <= pb && pb < pa + sa,
            _ => false,
        }
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
    /// incoming carrier relations to their subjects. Each entity is reported once, with a
    /// shortest chain: among chains of equal length, one whose every relation a source
    /// states wins over one that leans on context. Among those, the first the walk meets:
    /// it reads the entities of each layer out from the target in turn (those with a stated
    /// chain first), and each one's relations stated ones first, then in relation order
    /// (subject, kind, object), so the result is deterministic.
    ///
    /// # Complexity
    /// O(N + E) time and O(N) space for N entities and E relations reachable backwards from
    /// the target, plus the size of the reported paths and links. For counts alone,
    /// [`Graph::coverage_summary`] skips building them.
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
        let mut walker = Walker::new(self);
        self.coverage_with(&mut walker, target, options)
    }

    fn coverage_with(
        &self,
        walker: &mut Walker<'_>,
        target: &EntityId,
        options: &CoverageOptions,
    ) -> Option<Coverage> {
        let start = self.node(target)?.index() as u32;
        walker.walk(start, options.walk_rule());
        Some(Coverage {
            target: target.clone(),
            entries: walker.entries(options),
        })
    }

    /// How many entities of each kind cover `target`, by the same walk as
    /// [`Graph::coverage`] but without building paths. `None` when `target` is not in the graph.
    ///
    /// # Complexity
    /// O(N + E) for what reaches the target.
    ///
    /// # Example
    /// ```
    /// use gdc_map::{CoverageOptions, EntityKind, Graph, Objective};
    ///
    /// let graph = Graph::embedded();
    /// let summary = graph.coverage_summary(&Objective::AiGovernance.into(), &CoverageOptions::default()).unwrap();
    /// assert_eq!(summary.count(EntityKind::Initiative), 3); // AI standards, WSC, sister-agency cooperation
    /// assert_eq!(summary.total, summary.by_kind.values().sum::<usize>());
    /// ```
    pub fn coverage_summary(
        &self,
        target: &EntityId,
        options: &CoverageOptions,
    ) -> Option<CoverageSummary> {
        self.summary_with(&mut Walker::new(self), target, options)
    }

    /// [`Graph::coverage_summary`] for many targets, sharing one scratch buffer, so the cost
    /// is what reaches each target and nothing per target beyond it. Targets not in the graph
    /// are skipped.
    ///
    /// # Example
    /// ```
    /// use gdc_map::{CoverageOptions, Graph};
    ///
    /// let graph = Graph::embedded();
    /// let all = graph.coverage_summaries(&graph.targets(), &CoverageOptions::default());
    /// assert_eq!(all.len(), graph.targets().len());
    /// ```
    pub fn coverage_summaries(
        &self,
        targets: &[EntityId],
        options: &CoverageOptions,
    ) -> Vec<CoverageSummary> {
        let mut walker = Walker::new(self);
        let mut finder = self.node_finder();
        let rule = options.walk_rule();
        targets
            .iter()
            .filter_map(|t| {
                let start = finder.find(t)?;
                Some(self.summary_at(&mut walker, start, t, options, rule))
            })
            .collect()
    }

    fn summary_with(
        &self,
        walker: &mut Walker<'_>,
        target: &EntityId,
        options: &CoverageOptions,
    ) -> Option<CoverageSummary> {
        let start = self.node(target)?.index() as u32;
        Some(self.summary_at(walker, start, target, options, options.walk_rule()))
    }

    /// The summary of `target`, at node `start`.
    fn summary_at(
        &self,
        walker: &mut Walker<'_>,
        start: u32,
        target: &EntityId,
        options: &CoverageOptions,
        rule: WalkRule,
    ) -> CoverageSummary {
        walker.walk_counting(start, rule);
        let kinds = &self.walk_index().kinds;
        // Count into an array indexed by kind; a map per visited node would cost more than
        // the walk itself.
        let mut counts = [0usize; EntityKind::ALL.len()];
        for &n in walker.order() {
            if let Some(slot) = kinds
                .get(n as usize)
                .and_then(|&k| counts.get_mut(k as usize))
            {
                *slot += 1;
            }
        }
        let by_kind: BTreeMap<EntityKind, usize> = EntityKind::ALL
            .into_iter()
            .zip(counts)
            .filter(|&(k, c)| c > 0 && options.reports(k))
            .collect();
        let total = by_kind.values().sum();
        CoverageSummary {
            target: target.clone(),
            total,
            by_kind,
        }
    }

    /// The coverage of each of the five objectives, in order.
    ///
    /// # Complexity
    /// Five walks of [`Graph::coverage`], sharing one scratch buffer.
    pub fn objective_coverage(&self, options: &CoverageOptions) -> Vec<Coverage> {
        let mut walker = Walker::new(self);
        Objective::ALL
            .into_iter()
            .filter_map(|o| self.coverage_with(&mut walker, &EntityId::Objective(o), options))
            .collect()
    }
}

/// How many nodes' arcs [`touch_arcs`] reads at once: enough misses in flight to keep memory
/// busy, few enough lines that they are still in the cache when the walk reads them.
const TOUCH_AHEAD: usize = 32;

/// Reads a little of each relation at `rels` in a loop that waits on none of them, so that
/// their misses overlap before the caller clones them one at a time.
fn touch_relations(relations: &[Relation], rels: impl Iterator<Item = usize>) {
    let touched = rels.fold(0usize, |acc, rel| {
        acc ^ relations
            .get(rel)
            .map_or(0, |r| r.kind as usize ^ r.notes.len())
    });
    std::hint::black_box(touched);
}

/// Reads the first arc into each of `nodes` in a loop that waits on none of them, so that
/// their misses overlap, before the walk reads them one node at a time, branching on every
/// arc, which lets the processor run only a few loads ahead. Only where the nodes lie far
/// apart: the nodes of a large layer mostly come in node order (a target's supporters are
/// stored by id), and the processor fetches the lines after those it reads by itself, so
/// reading them twice would only cost. Far apart means more than a cache line of the
/// index's offsets between neighbours on average.
fn touch_arcs(incoming: &crate::graph::Incoming, nodes: &[u32]) {
    const OFFSETS_PER_LINE: usize = 16;
    let nodes = nodes.get(..TOUCH_AHEAD).unwrap_or(nodes);
    let (Some(&first), Some(&last)) = (nodes.first(), nodes.last()) else {
        return;
    };
    if (first.abs_diff(last) as usize) < nodes.len() * OFFSETS_PER_LINE {
        return;
    }
    let stored = incoming.stored();
    let touched = nodes.iter().fold(0u8, |acc, &n| {
        let at = incoming.positions(n as usize).start;
        acc ^ stored.get(at).map_or(0, |a| a.flags())
    });
    std::hint::black_box(touched);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{GraphBuilder, SyntheticSpec};
    use proptest::prelude::*;
    use std::collections::VecDeque;

    /// The layered walk reaches what a node-at-a-time breadth-first search over the same
    /// arcs reaches, in the same order, by the same relations; and counting and recording
    /// walks agree.
    #[test]
    fn layered_walks_are_breadth_first_searches() {
        for (size, seed) in [(300, 1), (2000, 7)] {
            let graph = GraphBuilder::new()
                .layer(SyntheticSpec::new(size).seed(seed).generate())
                .build()
                .unwrap();
            let index = graph.walk_index();
            let stated_only = CoverageOptions::default().evidence(Evidence::StatedOnly);
            for options in [CoverageOptions::default(), stated_only] {
                let rule = options.walk_rule();
                let mut walker = Walker::new(&graph);
                for start in graph.target_nodes() {
                    let mut seen = vec![false; graph.entity_count()];
                    seen[start as usize] = true;
                    let (mut order, mut via) = (Vec::new(), Vec::new());
                    let mut queue = VecDeque::from([start]);
                    while let Some(n) = queue.pop_front() {
                        for (rel, arc) in index.incoming.of(n as usize) {
                            if rule.crosses(arc.flags()) && !seen[arc.other as usize] {
                                seen[arc.other as usize] = true;
                                order.push(arc.other);
                                via.push(rel);
                                queue.push_back(arc.other);
                            }
                        }
                    }
                    walker.walk_counting(start, rule);
                    assert_eq!(walker.order(), order.as_slice());
                    walker.walk(start, rule);
                    assert_eq!(walker.order(), order.as_slice());
                    for (&n, &rel) in order.iter().zip(&via) {
                        assert_eq!(walker.chain(n).next(), Some(rel));
                    }
                }
            }
        }
    }

    /// A walk from every target at once reaches exactly what the targets' own walks reach,
    /// each node once, each layer in node order; a depth-first walk that never has enough
    /// reaches what the breadth-first one does, and one told to stop stops where it is told.
    #[test]
    fn reach_and_stopping_walks_reach_what_breadth_first_walks_reach() {
        for (size, seed) in [(300, 3), (2000, 11)] {
            let graph = GraphBuilder::new()
                .layer(SyntheticSpec::new(size).seed(seed).generate())
                .build()
                .unwrap();
            for options in [
                CoverageOptions::default(),
                CoverageOptions::default().direct_only(),
            ] {
                let rule = options.walk_rule();
                let mut walker = Walker::new(&graph);
                let targets = graph.target_nodes();
                let mut union = std::collections::BTreeSet::new();
                for &start in &targets {
                    walker.walk(start, rule);
                    let mut breadth_first = walker.order().to_vec();
                    union.extend(breadth_first.iter().copied());
                    walker.walk_until(start, rule, |_| false);
                    let mut depth_first = walker.order().to_vec();
                    breadth_first.sort_unstable();
                    depth_first.sort_unstable();
                    assert_eq!(depth_first, breadth_first);
                    let mut told = 0;
                    walker.walk_until(start, rule, |_| {
                        told += 1;
                        told == 3
                    });
                    assert_eq!(walker.order().len(), breadth_first.len().min(3));
                }
                walker.walk_reach(&targets, rule);
                // Layer by layer, each in node order: what a multi-source breadth-first
                // search finds, one layer's set at a time.
                let index = graph.walk_index();
                let mut seen: std::collections::BTreeSet<u32> = targets.iter().copied().collect();
                let (mut frontier, mut expected) = (seen.clone(), Vec::new());
                loop {
                    let mut next = std::collections::BTreeSet::new();
                    for &n in &frontier {
                        for (_, arc) in index.incoming.of(n as usize) {
                            if rule.crosses(arc.flags()) && !seen.contains(&arc.other) {
                                next.insert(arc.other);
                            }
                        }
                    }
                    seen.extend(next.iter().copied());
                    expected.extend(next.iter().copied());
                    if next.is_empty() || !options.is_transitive() {
                        break;
                    }
                    frontier = next;
                }
                assert_eq!(walker.order(), expected.as_slice());
                assert_eq!(
                    expected
                        .into_iter()
                        .collect::<std::collections::BTreeSet<_>>(),
                    union
                );
            }
        }
    }

    /// A walk told to stop at some goals records, for each goal, the chain a whole walk
    /// records, reads a prefix of what the whole walk reads, and stops after the layer of
    /// its last goal; with a goal it never reaches, it is the whole walk.
    #[test]
    fn walks_to_goals_record_the_whole_walks_chains() {
        let graph = GraphBuilder::new()
            .layer(SyntheticSpec::new(2000).seed(7).generate())
            .build()
            .unwrap();
        let rule = CoverageOptions::default().walk_rule();
        let mut walker = Walker::new(&graph);
        let (mut stopped_early, mut goals_tried) = (0, 0);
        for &start in &graph.target_nodes() {
            walker.walk(start, rule);
            let whole = walker.order().to_vec();
            let at = |i: usize| whole.get(i * whole.len() / 4).copied();
            let goals: Vec<u32> = [at(0), at(1), at(2)].into_iter().flatten().collect();
            let chains = |walker: &Walker<'_>| -> Vec<Vec<u32>> {
                goals.iter().map(|&g| walker.chain(g).collect()).collect()
            };
            let whole_chains = chains(&walker);
            walker.walk_to(start, rule, &goals);
            let order = walker.order().to_vec();
            assert_eq!(whole.get(..order.len()), Some(order.as_slice()));
            assert_eq!(chains(&walker), whole_chains);
            if let Some(&last) = order.last() {
                // The layer of the last node read holds a goal: nothing was read past it.
                let depth = |walker: &Walker<'_>, n: u32| walker.chain(n).count();
                let deepest_goal = goals.iter().map(|&g| depth(&walker, g)).max();
                assert_eq!(Some(depth(&walker, last)), deepest_goal);
            }
            goals_tried += usize::from(!goals.is_empty());
            stopped_early += usize::from(order.len() < whole.len());
            let beyond = (0..graph.entity_count() as u32)
                .find(|n| *n != start && !whole.contains(n))
                .unwrap();
            walker.walk_to(start, rule, &[beyond]);
            assert_eq!(walker.order(), whole.as_slice());
        }
        assert!(stopped_early > 0 && goals_tried > 0);
    }

    proptest! {
        /// The table of followed flags answers, for every flag byte a stored arc can have (a
        /// kind there is, stated or not, into an organisation or not), what `follows_arc`
        /// answers of the arc those flags stand for.
        #[test]
        fn follows_flags_is_follows_arc_tabulated(
            carriers in prop::collection::btree_set(prop::sample::select(RelationKind::ALL.to_vec()), 0..8),
            stated_only in any::<bool>(),
            transitive in any::<bool>(),
        ) {
            let evidence = if stated_only { Evidence::StatedOnly } else { Evidence::StatedAndContext };
            let options = CoverageOptions::default()
                .carriers(carriers)
                .evidence(evidence)
                .transitive(transitive);
            let table = options.follows_flags();
            let kinds = RelationKind::ALL.len() as u8;
            for flags in (0..128u8).filter(|f| f & 31 < kinds) {
                prop_assert_eq!(
                    table >> flags & 1 == 1,
                    options.follows_arc(&Arc::unpack(0, flags), options.mask()),
                    "flags {:#09b}", flags
                );
            }
        }

        /// Sorting distinct node numbers by bits or by comparisons sorts them.
        #[test]
        fn sort_distinct_sorts(
            nodes in prop_oneof![
                prop::collection::btree_set(0u32..3000, 0..500),
                prop::collection::btree_set(0u32..2_000_000, 0..50),
            ]
            .prop_map(|set| set.into_iter().collect::<Vec<_>>())
            .prop_shuffle()
        ) {
            let mut sorted = nodes.clone();
            sorted.sort_unstable();
            let mut bits = Vec::new();
            let mut nodes = nodes;
            sort_distinct(&mut nodes, &mut bits);
            prop_assert_eq!(nodes, sorted);
        }
    }
}
