//! The validated graph: records held in canonical (sorted) order, with a private petgraph
//! index over them for traversals.

pub(crate) mod view;

use petgraph::graph::{DiGraph, NodeIndex};

use crate::dataset::Dataset;
use crate::model::entity::{
    Body, Commitment, Document, Event, Initiative, Organisation, PactAction, Record, Section,
    Source,
};
use crate::model::id::{
    BodyId, CommitmentId, DocumentId, EntityId, EntityKind, EventId, InitiativeId, OrganisationId,
    PactActionId, SectionRef,
};
use crate::model::provenance::Provenance;
use crate::model::relation::{Relation, RelationKind};
use view::EntityRef;

/// Which way to follow a relation from an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Relations whose subject (`from`) is the entity.
    Outgoing,
    /// Relations whose object (`to`) is the entity.
    Incoming,
}

/// A validated relationship graph of GDC implementation: every entity and relation, checked
/// against every rule, each relation citing its evidence.
///
/// A `Graph` is immutable. Get one from [`Graph::embedded`], [`Graph::from_json`] or a
/// [`GraphBuilder`](crate::GraphBuilder); layer more data with [`Graph::layered`], which builds
/// a new graph and leaves this one as it was.
///
/// Records are kept sorted by id and relations by (subject, kind, object), so every listing is
/// deterministic. Two graphs are equal when they hold the same records and relations, however
/// they were built.
///
/// # Example
/// ```
/// use gdc_map::{Direction, Graph, RelationKind};
///
/// let graph = Graph::embedded();
/// let co_chairs: Vec<String> = graph
///     .relations_of(&"body:wgdt".parse()?, Direction::Incoming)
///     .filter(|r| r.kind == RelationKind::CoChairs)
///     .map(|r| r.from.to_string())
///     .collect();
/// assert_eq!(co_chairs, ["org:itu", "org:odet"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Graph {
    data: Dataset,
    /// One node per entity, built-ins included, in id order (so a node is found by binary
    /// search), and edge `i` for relation `i`.
    graph: DiGraph<EntityId, ()>,
    walk: WalkIndex,
    scratch: ScratchPool,
}

/// Scratch for one walk: a mark and a back-pointer per entity, and the epoch the marks were
/// last set in.
#[derive(Debug, Default)]
pub(crate) struct WalkScratch {
    pub(crate) epoch: u32,
    pub(crate) mark: Vec<u32>,
    pub(crate) via: Vec<u32>,
}

impl WalkScratch {
    /// Starts a new walk: every mark set before now reads as unset. Clears the marks only
    /// when the epoch counter wraps around.
    pub(crate) fn next_epoch(&mut self) -> u32 {
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.mark.fill(0);
            self.epoch = 1;
        }
        self.epoch
    }
}

/// Walk scratch kept between queries. A fresh buffer of a million entries costs more to
/// allocate and fault in than a coverage walk costs, so each query borrows one from here
/// and gives it back; its marks stay valid because each walk moves to a new epoch.
#[derive(Default)]
pub(crate) struct ScratchPool(std::sync::Mutex<Vec<WalkScratch>>);

impl ScratchPool {
    /// A scratch for `n` entities: a kept one, or a new one.
    pub(crate) fn take(&self, n: usize) -> WalkScratch {
        let kept = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .pop();
        match kept {
            Some(s) if s.mark.len() == n && s.via.len() == n => s,
            _ => WalkScratch {
                epoch: 0,
                mark: vec![0; n],
                via: vec![u32::MAX; n],
            },
        }
    }

    /// Keeps `scratch` for a later query; one per thread that queried at once, at most two.
    pub(crate) fn give_back(&self, scratch: WalkScratch) {
        let mut kept = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if kept.len() < 2 {
            kept.push(scratch);
        }
    }
}

impl Clone for ScratchPool {
    /// A clone starts with no scratch of its own.
    fn clone(&self) -> Self {
        ScratchPool::default()
    }
}

impl std::fmt::Debug for ScratchPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ScratchPool")
    }
}

/// One relation reduced to what traversals look at, so the hot loops touch a few bytes per
/// edge instead of the relation records.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Edge {
    pub(crate) from: u32,
    pub(crate) to: u32,
    pub(crate) kind: RelationKind,
    /// Whether any of its evidence is stated by a source.
    pub(crate) stated: bool,
    /// Whether it is a hierarchy relation (part, member, subgroup of) into an organisation.
    pub(crate) into_organisation: bool,
}

/// One relation seen from one of its ends: the relation, the entity at the other end, and
/// what a walk checks, inline, so scanning a node's relations reads one contiguous run.
///
/// Eight bytes, so a scan reads as little as a bare edge list would; the relation index lives
/// in a parallel array, read only when a walk records how it reached a node.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Arc {
    pub(crate) other: u32,
    pub(crate) kind: RelationKind,
    pub(crate) stated: bool,
    pub(crate) into_organisation: bool,
}

/// Compressed adjacency: for node `n`, its arcs `items[offsets[n]..offsets[n + 1]]` and their
/// relation indices at the same positions of `rels`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Adjacency {
    offsets: Vec<u32>,
    items: Vec<Arc>,
    rels: Vec<u32>,
}

impl Adjacency {
    /// Groups the relations by node, as arcs to `other_of`, each group in the order `key`
    /// sorts relation indices.
    fn build<K: Ord>(
        nodes: usize,
        edges: &[Edge],
        node_of: impl Fn(&Edge) -> u32,
        other_of: impl Fn(&Edge) -> u32,
        key: impl Fn(u32) -> K,
    ) -> Adjacency {
        let mut counts = vec![0u32; nodes + 1];
        for e in edges {
            if let Some(c) = counts.get_mut(node_of(e) as usize + 1) {
                *c += 1;
            }
        }
        for i in 1..counts.len() {
            let before = counts.get(i - 1).copied().unwrap_or(0);
            if let Some(c) = counts.get_mut(i) {
                *c += before;
            }
        }
        let mut fill = counts.clone();
        let blank = Arc {
            other: 0,
            kind: RelationKind::Supports,
            stated: false,
            into_organisation: false,
        };
        let mut items = vec![blank; edges.len()];
        let mut rels = vec![0u32; edges.len()];
        for (i, e) in edges.iter().enumerate() {
            if let Some(slot) = fill.get_mut(node_of(e) as usize) {
                if let Some(rel) = rels.get_mut(*slot as usize) {
                    *rel = i as u32;
                }
                if let Some(item) = items.get_mut(*slot as usize) {
                    *item = Arc {
                        other: other_of(e),
                        kind: e.kind,
                        stated: e.stated,
                        into_organisation: e.into_organisation,
                    };
                }
                *slot += 1;
            }
        }
        let mut adjacency = Adjacency {
            offsets: counts,
            items,
            rels,
        };
        let mut group: Vec<(u32, Arc)> = Vec::new();
        for n in 0..nodes {
            let range = adjacency.range(n);
            group.clear();
            group.extend(adjacency.of(n));
            group.sort_by_key(|&(rel, _)| key(rel));
            if let (Some(arcs), Some(rels)) = (
                adjacency.items.get_mut(range.clone()),
                adjacency.rels.get_mut(range),
            ) {
                for ((arc, rel), (r, a)) in arcs.iter_mut().zip(rels.iter_mut()).zip(&group) {
                    *arc = *a;
                    *rel = *r;
                }
            }
        }
        adjacency
    }

    fn range(&self, node: usize) -> std::ops::Range<usize> {
        let start = self.offsets.get(node).copied().unwrap_or(0) as usize;
        let end = self.offsets.get(node + 1).copied().unwrap_or(0) as usize;
        start..end
    }

    /// The arcs at `node`.
    pub(crate) fn arcs(&self, node: usize) -> &[Arc] {
        self.items.get(self.range(node)).unwrap_or_default()
    }

    /// The relation indices of the arcs at `node`, position for position.
    pub(crate) fn rels(&self, node: usize) -> &[u32] {
        self.rels.get(self.range(node)).unwrap_or_default()
    }

    /// The arcs at `node` with their relation indices.
    pub(crate) fn of(&self, node: usize) -> impl Iterator<Item = (u32, Arc)> + '_ {
        self.rels(node)
            .iter()
            .copied()
            .zip(self.arcs(node).iter().copied())
    }
}

/// What the walks need: compact edges, adjacency both ways, and each node's kind.
#[derive(Debug, Clone, Default)]
pub(crate) struct WalkIndex {
    pub(crate) edges: Vec<Edge>,
    /// Incoming relations of each node: stated ones first, then in relation order.
    pub(crate) incoming: Adjacency,
    /// Outgoing relations of each node, in relation order.
    pub(crate) outgoing: Adjacency,
    pub(crate) kinds: Vec<EntityKind>,
}

impl PartialEq for Graph {
    /// Graphs are equal when their records and relations are; the petgraph index is derived
    /// from them.
    fn eq(&self, other: &Self) -> bool {
        self.data == other.data
    }
}

impl Eq for Graph {}

fn find<'a, Id: Ord, Kind>(
    records: &'a [Record<Id, Kind>],
    id: &Id,
) -> Option<&'a Record<Id, Kind>> {
    records
        .binary_search_by(|r| r.id.cmp(id))
        .ok()
        .and_then(|i| records.get(i))
}

impl Graph {
    /// Wraps a dataset that has passed validation and is in canonical order.
    pub(crate) fn assemble(data: Dataset, ids: Vec<EntityId>, ends: &[(u32, u32)]) -> Graph {
        // `ids` holds the built-ins and every declared record, sorted: node index = rank.
        let mut graph = DiGraph::with_capacity(ids.len(), data.relations.len());
        for id in ids {
            graph.add_node(id);
        }
        let mut edges = Vec::with_capacity(data.relations.len());
        for (r, &(a, b)) in data.relations.iter().zip(ends) {
            let (a, b) = (NodeIndex::new(a as usize), NodeIndex::new(b as usize));
            {
                graph.add_edge(a, b, ());
                edges.push(Edge {
                    from: a.index() as u32,
                    to: b.index() as u32,
                    kind: r.kind,
                    stated: r.provenance.iter().any(Provenance::is_stated),
                    into_organisation: matches!(
                        r.kind,
                        RelationKind::PartOf | RelationKind::MemberOf | RelationKind::SubgroupOf
                    ) && r.to.kind() == EntityKind::Organisation,
                });
            }
        }
        let nodes = graph.node_count();
        let incoming = Adjacency::build(
            nodes,
            &edges,
            |e| e.to,
            |e| e.from,
            |r| {
                let stated = edges.get(r as usize).is_some_and(|e| e.stated);
                (!stated, r)
            },
        );
        let outgoing = Adjacency::build(nodes, &edges, |e| e.from, |e| e.to, |r| r);
        let kinds = graph.node_weights().map(EntityId::kind).collect();
        let walk = WalkIndex {
            edges,
            incoming,
            outgoing,
            kinds,
        };
        Graph {
            data,
            graph,
            walk,
            scratch: ScratchPool::default(),
        }
    }

    /// Whether node `n` is at either end of any relation.
    pub(crate) fn has_relations(&self, n: usize) -> bool {
        !self.walk.incoming.arcs(n).is_empty() || !self.walk.outgoing.arcs(n).is_empty()
    }

    pub(crate) fn scratch(&self) -> &ScratchPool {
        &self.scratch
    }

    pub(crate) fn walk_index(&self) -> &WalkIndex {
        &self.walk
    }

    /// The id of node `n`.
    pub(crate) fn id_of(&self, n: usize) -> Option<&EntityId> {
        self.graph.node_weight(NodeIndex::new(n))
    }

    /// The sources the graph's data encodes.
    pub fn sources(&self) -> &[Source] {
        &self.data.sources
    }

    /// The sections stated provenance may cite, sorted by ref.
    pub fn sections(&self) -> &[Section] {
        &self.data.sections
    }

    /// The section with this ref.
    pub fn section(&self, id: &SectionRef) -> Option<&Section> {
        self.data
            .sections
            .binary_search_by(|s| s.id.cmp(id))
            .ok()
            .and_then(|i| self.data.sections.get(i))
    }

    /// Organisations, sorted by id.
    pub fn organisations(&self) -> &[Organisation] {
        &self.data.organisations
    }

    /// Initiatives, sorted by id.
    pub fn initiatives(&self) -> &[Initiative] {
        &self.data.initiatives
    }

    /// Bodies, sorted by id.
    pub fn bodies(&self) -> &[Body] {
        &self.data.bodies
    }

    /// Events, sorted by id.
    pub fn events(&self) -> &[Event] {
        &self.data.events
    }

    /// Documents, sorted by id.
    pub fn documents(&self) -> &[Document] {
        &self.data.documents
    }

    /// Commitments, sorted by id.
    pub fn commitments(&self) -> &[Commitment] {
        &self.data.commitments
    }

    /// Pact actions, sorted by id.
    pub fn pact_actions(&self) -> &[PactAction] {
        &self.data.pact_actions
    }

    /// Every relation, sorted by (subject, kind, object). Each (subject, kind, object) appears
    /// once, with the evidence of every record that stated it.
    pub fn relations(&self) -> &[Relation] {
        &self.data.relations
    }

    /// The organisation with this id.
    pub fn organisation(&self, id: &OrganisationId) -> Option<&Organisation> {
        find(&self.data.organisations, id)
    }

    /// The initiative with this id.
    pub fn initiative(&self, id: &InitiativeId) -> Option<&Initiative> {
        find(&self.data.initiatives, id)
    }

    /// The body with this id.
    pub fn body(&self, id: &BodyId) -> Option<&Body> {
        find(&self.data.bodies, id)
    }

    /// The event with this id.
    pub fn event(&self, id: &EventId) -> Option<&Event> {
        find(&self.data.events, id)
    }

    /// The document with this id.
    pub fn document(&self, id: &DocumentId) -> Option<&Document> {
        find(&self.data.documents, id)
    }

    /// The commitment with this id.
    pub fn commitment(&self, id: &CommitmentId) -> Option<&Commitment> {
        find(&self.data.commitments, id)
    }

    /// The Pact action with this id.
    pub fn pact_action(&self, id: &PactActionId) -> Option<&PactAction> {
        self.data
            .pact_actions
            .binary_search_by(|a| a.id.cmp(id))
            .ok()
            .and_then(|i| self.data.pact_actions.get(i))
    }

    /// Any entity by id: a built-in vocabulary member or a declared record. `None` when no
    /// such record is declared.
    pub fn entity(&self, id: &EntityId) -> Option<EntityRef<'_>> {
        Some(match id {
            EntityId::Objective(o) => EntityRef::Objective(*o),
            EntityId::Sdg(s) => EntityRef::Sdg(*s),
            EntityId::ActionLine(l) => EntityRef::ActionLine(*l),
            EntityId::PactChapter(c) => EntityRef::PactChapter(*c),
            EntityId::PactAction(a) => EntityRef::PactAction(self.pact_action(a)?),
            EntityId::Commitment(c) => EntityRef::Commitment(self.commitment(c)?),
            EntityId::Organisation(o) => EntityRef::Organisation(self.organisation(o)?),
            EntityId::Initiative(i) => EntityRef::Initiative(self.initiative(i)?),
            EntityId::Body(b) => EntityRef::Body(self.body(b)?),
            EntityId::Event(e) => EntityRef::Event(self.event(e)?),
            EntityId::Document(d) => EntityRef::Document(self.document(d)?),
        })
    }

    /// The short name of an entity for reports ([`EntityRef::name`]): `ITU`, `Objective 1`.
    /// For an id not in the graph, the id itself.
    pub fn name_of(&self, id: &EntityId) -> String {
        self.entity(id).map_or_else(|| id.to_string(), |e| e.name())
    }

    /// Every entity, built-ins included, sorted by id.
    pub fn entities(&self) -> impl Iterator<Item = EntityRef<'_>> + '_ {
        self.nodes().map(|(_, e)| e)
    }

    /// Every entity with its node index, in node (id) order.
    pub(crate) fn nodes(&self) -> impl Iterator<Item = (usize, EntityRef<'_>)> + '_ {
        self.graph
            .node_weights()
            .enumerate()
            .filter_map(move |(n, id)| Some((n, self.entity(id)?)))
    }

    /// How many entities the graph holds, built-ins included.
    pub fn entity_count(&self) -> usize {
        self.graph.node_count()
    }

    /// The relations with `id` at one end, sorted as [`Graph::relations`]. Empty for an
    /// unknown id.
    ///
    /// # Complexity
    /// O(d log d) for an entity with d relations in that direction.
    pub fn relations_of(
        &self,
        id: &EntityId,
        direction: Direction,
    ) -> impl Iterator<Item = &Relation> + '_ {
        let mut found: Vec<u32> = match self.node(id) {
            Some(n) => match direction {
                Direction::Outgoing => self.walk.outgoing.rels(n.index()).to_vec(),
                Direction::Incoming => self.walk.incoming.rels(n.index()).to_vec(),
            },
            None => Vec::new(),
        };
        found.sort_unstable();
        found
            .into_iter()
            .filter_map(|i| self.data.relations.get(i as usize))
    }

    /// The entities at the other end of `id`'s relations of one kind, in relation order.
    ///
    /// # Example
    /// ```
    /// use gdc_map::{Direction, Graph, RelationKind};
    ///
    /// let graph = Graph::embedded();
    /// let subgroups: Vec<String> = graph
    ///     .related(&"body:wgdt".parse()?, RelationKind::SubgroupOf, Direction::Incoming)
    ///     .map(|e| e.id().to_string())
    ///     .collect();
    /// assert_eq!(subgroups.len(), 6);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn related(
        &self,
        id: &EntityId,
        kind: RelationKind,
        direction: Direction,
    ) -> impl Iterator<Item = EntityRef<'_>> + '_ {
        self.relations_of(id, direction)
            .filter(move |r| r.kind == kind)
            .filter_map(move |r| {
                let other = match direction {
                    Direction::Outgoing => &r.to,
                    Direction::Incoming => &r.from,
                };
                self.entity(other)
            })
    }

    /// The graph's data as a dataset, in canonical order: saving it and loading it again gives
    /// an equal graph.
    pub fn to_dataset(&self) -> Dataset {
        self.data.clone()
    }

    /// The graph's data as pretty-printed JSON (see [`Dataset::to_json`]).
    pub fn to_json(&self) -> String {
        self.data.to_json()
    }

    pub(crate) fn node(&self, id: &EntityId) -> Option<NodeIndex> {
        self.graph
            .raw_nodes()
            .binary_search_by(|n| n.weight.cmp(id))
            .ok()
            .map(NodeIndex::new)
    }
}

impl From<Direction> for petgraph::Direction {
    fn from(d: Direction) -> Self {
        match d {
            Direction::Outgoing => petgraph::Direction::Outgoing,
            Direction::Incoming => petgraph::Direction::Incoming,
        }
    }
}
