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
/// Get one from [`Graph::embedded`], [`Graph::from_json`] or a
/// [`GraphBuilder`](crate::GraphBuilder); layer more data with [`Graph::layered`], which builds
/// a new graph and leaves this one as it was, or [`Graph::add_layer`], which changes this one.
/// A graph changes only that way, a whole validated layer at a time.
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
    /// The first node of each kind present. Nodes sort by id, and ids by kind first, so the
    /// nodes of a kind are one run, in the order of that kind's record list: record `i` of a
    /// kind is node `first + i`, found without a search.
    first_nodes: Vec<(EntityKind, u32)>,
    scratch: ScratchPool,
}

/// Scratch for one walk: a mark and a back-pointer per entity.
#[derive(Debug, Default)]
pub(crate) struct WalkScratch {
    pub(crate) marks: Marks,
    pub(crate) via: Vec<u32>,
    /// The nodes a walk reached, in breadth-first order; also its queue. Kept, like the
    /// marks, because growing it afresh to a million entries costs as much as a walk.
    pub(crate) order: Vec<u32>,
    /// The arcs a walk is about to follow from one layer, by their other ends and (when it
    /// records how each node was reached) their positions; kept like `order`.
    pub(crate) pending: Vec<u32>,
    pub(crate) pending_at: Vec<u32>,
    /// For each pending arc of a walk that records chains, whether the chain it would give
    /// its other end is stated at every step.
    pub(crate) pending_stated: Vec<bool>,
    /// The nodes whose recorded chain is stated at every step.
    pub(crate) stated_chain: Marks,
    /// Each reached node's position in `order`, for the walks that build coverage entries;
    /// sized on first use, meaningful only for nodes the last walk reached.
    pub(crate) position: Vec<u32>,
    /// The depth-first walk's stack: the arcs each node on the current chain has yet to try.
    pub(crate) cursors: Vec<std::ops::Range<u32>>,
}

/// A set of nodes, one bit each: those the current walk has reached, say. A bit rather than
/// a word so that the marks of a million entities (128 KiB) stay in the processor's cache
/// while a walk reads the graph around them; the words set are remembered, so clearing
/// costs what was marked, not the graph's size.
#[derive(Debug, Default)]
pub(crate) struct Marks {
    bits: Vec<u64>,
    /// The entities there are marks for.
    len: usize,
    /// The words some mark was set in since the last clear.
    touched: Vec<u32>,
}

impl Marks {
    pub(crate) fn new(len: usize) -> Marks {
        Marks {
            bits: vec![0; len.div_ceil(64)],
            len,
            touched: Vec::new(),
        }
    }

    /// Unsets every mark.
    pub(crate) fn clear(&mut self) {
        if self.touched.len() > self.bits.len() / 8 {
            self.bits.fill(0);
        } else {
            for &w in &self.touched {
                if let Some(word) = self.bits.get_mut(w as usize) {
                    *word = 0;
                }
            }
        }
        self.touched.clear();
    }

    /// Marks `n`; whether it was unmarked (and in range) before.
    pub(crate) fn insert(&mut self, n: u32) -> bool {
        if n as usize >= self.len {
            return false;
        }
        let w = n / 64;
        let bit = 1u64 << (n % 64);
        match self.bits.get_mut(w as usize) {
            Some(word) if *word & bit == 0 => {
                if *word == 0 {
                    self.touched.push(w);
                }
                *word |= bit;
                true
            }
            _ => false,
        }
    }

    /// Whether `n` is marked.
    pub(crate) fn contains(&self, n: u32) -> bool {
        self.bits
            .get((n / 64) as usize)
            .is_some_and(|word| word & (1u64 << (n % 64)) != 0)
    }
}

/// Walk scratch kept between queries. A fresh buffer of a million entries costs more to
/// allocate and fault in than a coverage walk costs, so each query borrows one from here
/// and gives it back; each walk clears the marks the last one set.
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
            Some(s) if s.marks.len == n && s.via.len() == n => s,
            _ => WalkScratch {
                marks: Marks::new(n),
                stated_chain: Marks::new(n),
                via: vec![u32::MAX; n],
                ..WalkScratch::default()
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

/// One relation seen from one of its ends: the entity at the other end and what a walk
/// checks. Stored packed ([`StoredArc`]), handed out by value.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Arc {
    pub(crate) other: u32,
    pub(crate) kind: RelationKind,
    /// Whether any of the relation's evidence is stated by a source.
    pub(crate) stated: bool,
    /// Whether it is a hierarchy relation (part, member, subgroup of) into an organisation.
    pub(crate) into_organisation: bool,
}

const _: () = assert!(
    RelationKind::ALL.len() <= 32,
    "a kind must fit in five bits"
);
pub(crate) const STATED: u8 = 1 << 5;
const INTO_ORGANISATION: u8 = 1 << 6;

impl Arc {
    /// What a walk checks, in one byte: the kind in the low five bits, then whether the
    /// relation is stated, then whether it is a hierarchy relation into an organisation.
    pub(crate) fn flags(&self) -> u8 {
        self.kind as u8
            | if self.stated { STATED } else { 0 }
            | if self.into_organisation {
                INTO_ORGANISATION
            } else {
                0
            }
    }

    /// The arc to `other` with these [`Arc::flags`].
    pub(crate) fn unpack(other: u32, flags: u8) -> Arc {
        Arc {
            other,
            kind: RelationKind::ALL
                .get(usize::from(flags & 31))
                .copied()
                .unwrap_or(RelationKind::Supports),
            stated: flags & STATED != 0,
            into_organisation: flags & INTO_ORGANISATION != 0,
        }
    }
}

/// An arc as stored: its other end and its [`Arc::flags`] side by side, in five bytes. A
/// walk reads the flags of an arc to decide whether to follow it and then its other end;
/// once the index outgrows the processor's cache every line it touches is a wait on memory,
/// and two columns cost two lines where this costs one. Unaligned, so that a walk sweeping a
/// long run reads no padding.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct StoredArc([u8; 5]);

impl StoredArc {
    fn new(arc: &Arc) -> StoredArc {
        let [a, b, c, d] = arc.other.to_le_bytes();
        StoredArc([a, b, c, d, arc.flags()])
    }

    /// The entity at the other end.
    pub(crate) fn other(self) -> u32 {
        let [a, b, c, d, _] = self.0;
        u32::from_le_bytes([a, b, c, d])
    }

    /// [`Arc::flags`].
    pub(crate) fn flags(self) -> u8 {
        self.0[4]
    }

    pub(crate) fn unpack(self) -> Arc {
        Arc::unpack(self.other(), self.flags())
    }
}

/// A node's run of arcs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ArcRun<'a>(&'a [StoredArc]);

impl<'a> ArcRun<'a> {
    pub(crate) fn is_empty(self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn len(self) -> usize {
        self.0.len()
    }

    pub(crate) fn iter(self) -> impl Iterator<Item = Arc> + 'a {
        self.0.iter().map(|a| a.unpack())
    }

    /// The other ends, without unpacking the rest.
    pub(crate) fn others(self) -> impl Iterator<Item = u32> + 'a {
        self.0.iter().map(|a| a.other())
    }

    /// The arcs as stored: each one's other end and flags, read without unpacking.
    pub(crate) fn stored(self) -> &'a [StoredArc] {
        self.0
    }
}

/// Arcs by position; see [`StoredArc`].
#[derive(Debug, Clone, Default)]
struct Arcs(Vec<StoredArc>);

impl Arcs {
    fn with_capacity(n: usize) -> Arcs {
        Arcs(Vec::with_capacity(n))
    }

    fn push(&mut self, arc: Arc) {
        self.0.push(StoredArc::new(&arc));
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    fn get(&self, i: usize) -> Option<Arc> {
        self.0.get(i).map(|a| a.unpack())
    }

    fn run(&self, range: std::ops::Range<usize>) -> ArcRun<'_> {
        ArcRun(self.0.get(range).unwrap_or_default())
    }
}

/// Prefix sums of per-node counts: node `n` owns positions `offsets[n]..offsets[n + 1]`.
#[derive(Debug, Clone, Default)]
struct Offsets(Vec<u32>);

impl Offsets {
    fn count(nodes: usize, node_of: impl Iterator<Item = u32>) -> Offsets {
        let mut counts = vec![0u32; nodes + 1];
        for n in node_of {
            if let Some(c) = counts.get_mut(n as usize + 1) {
                *c += 1;
            }
        }
        let mut total = 0;
        for c in &mut counts {
            total += *c;
            *c = total;
        }
        Offsets(counts)
    }

    fn range(&self, node: usize) -> std::ops::Range<usize> {
        let start = self.0.get(node).copied().unwrap_or(0) as usize;
        let end = self.0.get(node + 1).copied().unwrap_or(0) as usize;
        start..end
    }
}

/// Every relation as an arc from its subject, in relation order. Relations are sorted by
/// subject, so the arcs of a node are one run and an arc's position is its relation index:
/// no index array is needed.
#[derive(Debug, Clone, Default)]
pub(crate) struct Outgoing {
    offsets: Offsets,
    arcs: Arcs,
}

impl Outgoing {
    /// The relations of node `node` as subject, as a range of relation indices.
    pub(crate) fn range(&self, node: usize) -> std::ops::Range<usize> {
        self.offsets.range(node)
    }

    /// The arcs from `node`.
    pub(crate) fn arcs(&self, node: usize) -> ArcRun<'_> {
        self.arcs.run(self.range(node))
    }

    /// The arcs from `node` with their relation indices.
    pub(crate) fn of(&self, node: usize) -> impl Iterator<Item = (u32, Arc)> + '_ {
        let range = self.range(node);
        (range.start as u32..).zip(self.arcs(node).iter())
    }

    /// Relation `rel` seen from its subject.
    pub(crate) fn arc(&self, rel: u32) -> Option<Arc> {
        self.arcs.get(rel as usize)
    }

    /// The position of node `node`'s first relation: the number of relations of the nodes
    /// before it (all of them for `node` one past the last node).
    pub(crate) fn first_at(&self, node: usize) -> usize {
        self.offsets.0.get(node).copied().unwrap_or(0) as usize
    }

    /// Every relation as (subject, arc to its object), in relation order.
    pub(crate) fn all(&self) -> impl Iterator<Item = (u32, Arc)> + '_ {
        (0..self.offsets.0.len().saturating_sub(1))
            .flat_map(move |n| self.arcs(n).iter().map(move |a| (n as u32, a)))
    }
}

/// Every relation as an arc from its object back to its subject, grouped by object: stated
/// relations first, then in relation order, each with its relation index at the same
/// position of `rels`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Incoming {
    offsets: Offsets,
    arcs: Arcs,
    rels: Vec<u32>,
}

/// How many edges are added to the petgraph graph after reading the nodes they update.
const TOUCH_AHEAD: usize = 64;

/// How the incoming index is built in regions: how many consecutive objects share one, and
/// the most arcs one may hold to be sorted into groups in a buffer of its own (1 MiB at
/// most, with the part of the index it fills about the size of the processor's L2 cache);
/// a larger one is filled directly.
#[derive(Debug, Clone, Copy)]
struct Regions {
    objects: usize,
    in_cache: usize,
}

impl Regions {
    const DEFAULT: Regions = Regions {
        objects: 8192,
        in_cache: 1 << 16,
    };
}

impl Incoming {
    fn build(nodes: usize, outgoing: &Outgoing) -> Incoming {
        Incoming::build_in(nodes, outgoing, Regions::DEFAULT)
    }

    fn build_in(nodes: usize, outgoing: &Outgoing, regions: Regions) -> Incoming {
        let Regions { objects, in_cache } = regions;
        let objects_per_bucket = objects.max(1);
        let offsets = Offsets::count(nodes, outgoing.arcs.0.iter().map(|a| a.other()));
        let n = outgoing.arcs.len();
        let mut arcs = vec![StoredArc::default(); n];
        let mut rels = vec![0u32; n];
        let mut targets = vec![0u32; n];
        // Each arc goes to the next free place of its object's group, stated relations
        // first, then in relation order. Done arc by arc, that is a write at a random place
        // in an index far larger than the cache at a million entities. So each arc is first
        // put in the region of the index that holds its object's bucket (a run of
        // consecutive objects), one write head per bucket moving forward (about 130 at a
        // million entities), and then each region, small enough for the cache, is sorted
        // into groups. A region that a few objects with many arcs make large (objectives,
        // say) is filled directly: its groups are few enough to stay in the cache.
        let region_of = |bucket: usize| {
            let start = offsets.0.get(bucket * objects_per_bucket).copied();
            let end = offsets
                .0
                .get(((bucket + 1) * objects_per_bucket).min(nodes))
                .copied();
            start.unwrap_or(0) as usize..end.unwrap_or(0) as usize
        };
        let buckets = nodes.div_ceil(objects_per_bucket);
        let direct: Vec<bool> = (0..buckets)
            .map(|b| region_of(b).len() > in_cache)
            .collect();
        let mut fill = offsets.0.clone();
        let mut heads: Vec<u32> = (0..buckets).map(|b| region_of(b).start as u32).collect();
        for stated in [true, false] {
            for (rel, (from, arc)) in outgoing.all().enumerate() {
                if arc.stated != stated {
                    continue;
                }
                let bucket = arc.other as usize / objects_per_bucket;
                let head = if direct.get(bucket).copied().unwrap_or(true) {
                    fill.get_mut(arc.other as usize)
                } else {
                    heads.get_mut(bucket)
                };
                let Some(head) = head else {
                    continue;
                };
                let at = *head as usize;
                *head += 1;
                if let (Some(stored), Some(r), Some(t)) =
                    (arcs.get_mut(at), rels.get_mut(at), targets.get_mut(at))
                {
                    *stored = StoredArc::new(&Arc { other: from, ..arc });
                    *r = rel as u32;
                    *t = arc.other;
                }
            }
        }
        let mut staged: Vec<(StoredArc, u32, u32)> = Vec::with_capacity(in_cache.min(n));
        for (bucket, _) in direct.iter().enumerate().filter(|(_, direct)| !**direct) {
            let region = region_of(bucket);
            staged.clear();
            staged.extend(
                (arcs.get(region.clone()).unwrap_or_default().iter())
                    .zip(rels.get(region.clone()).unwrap_or_default())
                    .zip(targets.get(region).unwrap_or_default())
                    .map(|((&arc, &rel), &target)| (arc, rel, target)),
            );
            for &(arc, rel, target) in &staged {
                let Some(slot) = fill.get_mut(target as usize) else {
                    continue;
                };
                let at = *slot as usize;
                *slot += 1;
                if let (Some(stored), Some(r)) = (arcs.get_mut(at), rels.get_mut(at)) {
                    *stored = arc;
                    *r = rel;
                }
            }
        }
        Incoming {
            offsets,
            arcs: Arcs(arcs),
            rels,
        }
    }

    /// The arcs into `node`.
    pub(crate) fn arcs(&self, node: usize) -> ArcRun<'_> {
        self.arcs.run(self.offsets.range(node))
    }

    /// Where the arcs into `node` sit in [`Incoming::stored`].
    pub(crate) fn positions(&self, node: usize) -> std::ops::Range<usize> {
        self.offsets.range(node)
    }

    /// Every arc (its other end is the relation's subject), by position.
    pub(crate) fn stored(&self) -> &[StoredArc] {
        &self.arcs.0
    }

    /// Every arc's relation index, by position.
    pub(crate) fn all_rels(&self) -> &[u32] {
        &self.rels
    }

    /// The relation indices of the arcs into `node`, position for position.
    pub(crate) fn rels(&self, node: usize) -> &[u32] {
        self.rels.get(self.offsets.range(node)).unwrap_or_default()
    }

    /// The arcs into `node` with their relation indices.
    pub(crate) fn of(&self, node: usize) -> impl Iterator<Item = (u32, Arc)> + '_ {
        self.rels(node).iter().copied().zip(self.arcs(node).iter())
    }
}

/// What the walks need: compact adjacency both ways, and each node's kind.
#[derive(Debug, Clone, Default)]
pub(crate) struct WalkIndex {
    /// Incoming relations of each node: stated ones first, then in relation order.
    pub(crate) incoming: Incoming,
    /// Outgoing relations of each node, in relation order; also every relation by index.
    pub(crate) outgoing: Outgoing,
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
        let mut arcs = Arcs::with_capacity(data.relations.len());
        for (relations, ends) in data
            .relations
            .chunks(TOUCH_AHEAD)
            .zip(ends.chunks(TOUCH_AHEAD))
        {
            // Adding an edge updates its object's node, at a random place in a node list
            // far larger than the cache at a million entities; reading the nodes a batch
            // will update first, in a loop that waits on none of them, overlaps those waits.
            let nodes = graph.raw_nodes();
            let touched = ends
                .iter()
                .filter_map(|&(_, b)| nodes.get(b as usize))
                .fold(0usize, |acc, node| {
                    acc ^ node.next_edge(petgraph::Direction::Incoming).index()
                });
            std::hint::black_box(touched);
            for (r, &(a, b)) in relations.iter().zip(ends) {
                graph.add_edge(NodeIndex::new(a as usize), NodeIndex::new(b as usize), ());
                arcs.push(Arc {
                    other: b,
                    kind: r.kind,
                    stated: r.provenance.iter().any(Provenance::is_stated),
                    into_organisation: matches!(
                        r.kind,
                        RelationKind::PartOf | RelationKind::MemberOf | RelationKind::SubgroupOf
                    ) && r.to.kind() == EntityKind::Organisation,
                });
            }
        }
        debug_assert!(
            ends.windows(2).all(|w| match w {
                [(a, _), (b, _)] => a <= b,
                _ => true,
            }),
            "relations must come sorted by subject"
        );
        let nodes = graph.node_count();
        let outgoing = Outgoing {
            offsets: Offsets::count(nodes, ends.iter().map(|&(a, _)| a)),
            arcs,
        };
        let incoming = Incoming::build(nodes, &outgoing);
        let kinds: Vec<EntityKind> = graph.node_weights().map(EntityId::kind).collect();
        let mut first_nodes: Vec<(EntityKind, u32)> = Vec::new();
        for (n, &kind) in (0u32..).zip(&kinds) {
            if first_nodes.last().is_none_or(|&(k, _)| k != kind) {
                first_nodes.push((kind, n));
            }
        }
        let walk = WalkIndex {
            incoming,
            outgoing,
            kinds,
        };
        Graph {
            data,
            graph,
            walk,
            first_nodes,
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

    /// The first node of `kind`, when the graph has any.
    fn first_node(&self, kind: EntityKind) -> Option<usize> {
        self.first_nodes
            .iter()
            .find(|&&(k, _)| k == kind)
            .map(|&(_, first)| first as usize)
    }

    /// The nodes of `kind`: one run, since nodes sort by id and ids by kind first. Whether a
    /// node is of that kind is then two comparisons, no read from memory.
    pub(crate) fn nodes_of(&self, kind: EntityKind) -> std::ops::Range<u32> {
        let Some(at) = self.first_nodes.iter().position(|&(k, _)| k == kind) else {
            return 0..0;
        };
        let first = self.first_nodes.get(at).map_or(0, |&(_, first)| first);
        let end = self
            .first_nodes
            .get(at + 1)
            .map_or(self.walk.kinds.len() as u32, |&(_, next)| next);
        first..end
    }

    /// The nodes of every target kind (objectives, SDGs, action lines, Pact chapters and
    /// actions, commitments): one run at the start, since those kinds sort first. Whether a
    /// node is of a target kind is then one comparison, not a read of its kind at a random
    /// place.
    pub(crate) fn target_kind_nodes(&self) -> std::ops::Range<u32> {
        const _: () = {
            let mut kinds: &[EntityKind] = &EntityKind::ALL;
            let mut past_targets = false;
            while let [kind, rest @ ..] = kinds {
                assert!(
                    !(kind.is_target() && past_targets),
                    "target kinds must sort first"
                );
                past_targets |= !kind.is_target();
                kinds = rest;
            }
        };
        let end = (self.first_nodes.iter())
            .find(|&&(k, _)| !k.is_target())
            .map_or(self.walk.kinds.len() as u32, |&(_, first)| first);
        0..end
    }

    /// The node of record `i` in the list of `kind` records (`organisations()`, …).
    pub(crate) fn record_node(&self, kind: EntityKind, i: usize) -> Option<usize> {
        Some(self.first_node(kind)? + i)
    }

    /// The entity at node `n`, found by position: what [`Graph::entity`] finds by a search.
    pub(crate) fn entity_at(&self, n: usize) -> Option<EntityRef<'_>> {
        let id = self.id_of(n)?;
        let i = n.checked_sub(self.first_node(id.kind())?)?;
        let d = &self.data;
        let entity = match id {
            EntityId::Objective(o) => EntityRef::Objective(*o),
            EntityId::Sdg(s) => EntityRef::Sdg(*s),
            EntityId::ActionLine(l) => EntityRef::ActionLine(*l),
            EntityId::PactChapter(c) => EntityRef::PactChapter(*c),
            EntityId::PactAction(_) => EntityRef::PactAction(d.pact_actions.get(i)?),
            EntityId::Commitment(_) => EntityRef::Commitment(d.commitments.get(i)?),
            EntityId::Organisation(_) => EntityRef::Organisation(d.organisations.get(i)?),
            EntityId::Initiative(_) => EntityRef::Initiative(d.initiatives.get(i)?),
            EntityId::Body(_) => EntityRef::Body(d.bodies.get(i)?),
            EntityId::Event(_) => EntityRef::Event(d.events.get(i)?),
            EntityId::Document(_) => EntityRef::Document(d.documents.get(i)?),
        };
        debug_assert_eq!(&entity.id(), id, "node {n} and its record disagree");
        Some(entity)
    }

    /// [`Graph::name_of`] the entity at node `n`.
    pub(crate) fn name_at(&self, n: usize) -> String {
        match self.entity_at(n) {
            Some(e) => e.name(),
            None => self.id_of(n).map(ToString::to_string).unwrap_or_default(),
        }
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

    /// The entities whose names contain `text`, ignoring case: first those called `text`
    /// ([`EntityRef::is_called`]: short name, English title or Chinese label), then those
    /// whose names contain it, each group in id order. Empty when `text` is blank.
    ///
    /// # Complexity
    /// O(N · L) for N entities with names of up to L characters: a pass over every name.
    ///
    /// # Example
    /// ```
    /// use gdc_map::Graph;
    ///
    /// let graph = Graph::embedded();
    /// let found: Vec<String> = graph.find_by_name("unesco").iter().map(|e| e.id().to_string()).collect();
    /// assert_eq!(found.first().map(String::as_str), Some("org:unesco"));
    /// let wgdt = graph.find_by_name("Working Group on Digital Technologies");
    /// assert_eq!(wgdt[0].id(), "body:wgdt".parse()?);
    /// # Ok::<(), gdc_map::IdError>(())
    /// ```
    pub fn find_by_name(&self, text: &str) -> Vec<EntityRef<'_>> {
        let wanted = text.trim().to_lowercase();
        if wanted.is_empty() {
            return Vec::new();
        }
        let mut exact = Vec::new();
        let mut partial = Vec::new();
        for entity in self.entities() {
            match entity.name_match(&wanted) {
                (_, true) => exact.push(entity),
                (true, false) => partial.push(entity),
                _ => {}
            }
        }
        exact.extend(partial);
        exact
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
            .filter_map(move |(n, _)| Some((n, self.entity_at(n)?)))
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
                Direction::Outgoing => {
                    let range = self.walk.outgoing.range(n.index());
                    (range.start as u32..range.end as u32).collect()
                }
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

    /// [`Graph::to_json`] written to `writer` as it is produced (see [`Dataset::write_json`]).
    ///
    /// # Errors
    /// [`Error::Io`](crate::Error::Io) when writing fails.
    ///
    /// # Example
    /// ```
    /// use gdc_map::Graph;
    ///
    /// let mut file = Vec::new(); // or std::fs::File::create("gdc.json")?
    /// Graph::embedded().write_json(&mut file)?;
    /// assert_eq!(file, Graph::embedded().to_json().into_bytes());
    /// # Ok::<(), gdc_map::Error>(())
    /// ```
    pub fn write_json(&self, writer: impl std::io::Write) -> crate::Result<()> {
        self.data.write_json(writer)
    }

    /// The validated data, in canonical order.
    pub(crate) fn data(&self) -> &Dataset {
        &self.data
    }

    /// The graph's data, leaving it empty: for [`Graph::add_layer`], which puts a new graph
    /// in its place.
    pub(crate) fn take_data(&mut self) -> Dataset {
        std::mem::take(&mut self.data)
    }

    /// Takes the graph apart for [`Graph::add_layer`], which puts a new graph in its place:
    /// its data and its node ids, in order. Its indexes are dropped here, before the new
    /// graph's are built, so that an edit in place never holds two of them at once.
    pub(crate) fn dismantle(&mut self) -> (Dataset, Vec<EntityId>) {
        let data = std::mem::take(&mut self.data);
        let (nodes, edges) = std::mem::take(&mut self.graph).into_nodes_edges();
        drop(edges);
        self.walk = WalkIndex::default();
        self.first_nodes.clear();
        (data, nodes.into_iter().map(|n| n.weight).collect())
    }

    /// Gives back data [`Graph::take_data`] took, when the graph is to stay as it was.
    pub(crate) fn restore_data(&mut self, data: Dataset) {
        self.data = data;
    }

    /// Every node's id, in node order (which is id order).
    pub(crate) fn node_ids(&self) -> impl Iterator<Item = &EntityId> + '_ {
        self.graph.node_weights()
    }

    pub(crate) fn node(&self, id: &EntityId) -> Option<NodeIndex> {
        search_nodes(self.graph.raw_nodes(), id)
            .ok()
            .map(NodeIndex::new)
    }

    /// A [`NodeFinder`] over this graph's nodes.
    pub(crate) fn node_finder(&self) -> NodeFinder<'_> {
        NodeFinder {
            nodes: self.graph.raw_nodes(),
            at: 0,
        }
    }

    /// [`Graph::name_of`] for ids asked for in order (a coverage's entries), each found a
    /// step or two from the last by `finder` rather than by a search of its kind's records.
    pub(crate) fn name_in_order(&self, finder: &mut NodeFinder<'_>, id: &EntityId) -> String {
        finder
            .find(id)
            .and_then(|n| self.entity_at(n as usize))
            .map_or_else(|| id.to_string(), |e| e.name())
    }
}

/// Where `id` is among `nodes` (sorted by id), or where it would go.
fn search_nodes(nodes: &[petgraph::graph::Node<EntityId>], id: &EntityId) -> Result<usize, usize> {
    nodes.binary_search_by(|n| n.weight.cmp(id))
}

/// Finds the nodes of many ids, one after another, each search starting where the last one
/// ended: ids asked for in order (a graph's targets, its records) are found a step or two
/// along, where a search over every node per id reads some twenty ids scattered over memory.
/// Ids out of order cost one search over every node, as [`Graph::node`] does.
pub(crate) struct NodeFinder<'g> {
    nodes: &'g [petgraph::graph::Node<EntityId>],
    at: usize,
}

impl NodeFinder<'_> {
    /// The node of `id`, if it is in the graph.
    pub(crate) fn find(&mut self, id: &EntityId) -> Option<u32> {
        self.place(id).ok().map(|i| i as u32)
    }

    /// Where `id` is among the nodes (`Ok`), or how many nodes come before it (`Err`).
    pub(crate) fn place(&mut self, id: &EntityId) -> Result<usize, usize> {
        let search = |nodes| search_nodes(nodes, id);
        let found = match self.nodes.get(self.at) {
            Some(here) if here.weight <= *id => {
                // Gallop: widen the step until it passes `id`, then search what it spans.
                let (mut low, mut step) = (self.at, 1);
                while let Some(next) = self.nodes.get(low + step)
                    && next.weight <= *id
                {
                    low += step;
                    step *= 2;
                }
                let high = (low + step + 1).min(self.nodes.len());
                match self.nodes.get(low..high).map(search) {
                    Some(Ok(i)) => Ok(low + i),
                    Some(Err(i)) => Err(low + i),
                    None => search(self.nodes),
                }
            }
            _ => search(self.nodes),
        };
        let (Ok(i) | Err(i)) = found;
        self.at = i;
        found
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

#[cfg(test)]
mod tests {
    use super::{Arc, Arcs, EntityKind, Incoming, Marks, Offsets, Outgoing, Regions, RelationKind};
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    proptest! {
        /// Built in regions of any size, the incoming index is what placing each arc in
        /// turn gives: each object's arcs together, stated relations first, then in
        /// relation order, each beside its relation index.
        #[test]
        fn the_incoming_index_is_the_same_however_it_is_built_in_regions(
            nodes in 1usize..60,
            relations in prop::collection::vec((0u32..60, 0u32..60, 0usize..4, any::<bool>()), 0..300),
            objects in 1usize..20,
            in_cache in 0usize..40,
        ) {
            let mut relations: Vec<(u32, u32, usize, bool)> = relations
                .into_iter()
                .map(|(from, to, kind, stated)| (from % nodes as u32, to % nodes as u32, kind, stated))
                .collect();
            relations.sort_by_key(|&(from, ..)| from);
            let mut arcs = Arcs::with_capacity(relations.len());
            for &(_, to, kind, stated) in &relations {
                arcs.push(Arc { other: to, kind: RelationKind::ALL[kind], stated, into_organisation: kind == 1 });
            }
            let outgoing = Outgoing {
                offsets: Offsets::count(nodes, relations.iter().map(|&(from, ..)| from)),
                arcs,
            };
            let built = Incoming::build_in(nodes, &outgoing, Regions { objects, in_cache });
            for node in 0..nodes {
                let expected: Vec<(u32, u32, u8)> = [true, false]
                    .into_iter()
                    .flat_map(|stated| {
                        (0u32..).zip(&relations).filter(move |&(_, &(_, to, _, s))| {
                            s == stated && to as usize == node
                        })
                    })
                    .map(|(rel, &(from, ..))| (rel, from, outgoing.arc(rel).unwrap().flags()))
                    .collect();
                let got: Vec<(u32, u32, u8)> = built
                    .of(node)
                    .map(|(rel, arc)| (rel, arc.other, arc.flags()))
                    .collect();
                prop_assert_eq!(got, expected);
            }
            prop_assert_eq!(built.all_rels().len(), relations.len());
        }

        /// Marks behave as a set of the entities below their length, emptied by `clear`,
        /// whether a clear unsets the words it touched or the whole map.
        #[test]
        fn marks_are_a_set_emptied_by_clear(
            len in 0usize..700,
            steps in prop::collection::vec(prop::option::weighted(0.97, 0u32..800), 0..600),
        ) {
            let mut marks = Marks::new(len);
            let mut model = BTreeSet::new();
            for step in steps {
                match step {
                    Some(n) => {
                        let fresh = (n as usize) < len && model.insert(n);
                        prop_assert_eq!(marks.insert(n), fresh);
                    }
                    None => {
                        marks.clear();
                        model.clear();
                    }
                }
                for n in 0..800u32 {
                    prop_assert_eq!(marks.contains(n), model.contains(&n));
                }
            }
        }
    }

    #[test]
    fn the_nodes_of_each_kind_are_one_run() {
        let synthetic = crate::GraphBuilder::new()
            .layer(crate::SyntheticSpec::new(500).seed(3).generate())
            .build()
            .unwrap();
        for graph in [crate::Graph::embedded(), &synthetic] {
            let kinds = &graph.walk_index().kinds;
            for (n, &kind) in (0u32..).zip(kinds) {
                assert!(graph.nodes_of(kind).contains(&n));
            }
            let runs: usize = EntityKind::ALL
                .into_iter()
                .map(|kind| graph.nodes_of(kind).len())
                .sum();
            assert_eq!(runs, kinds.len());
        }
    }

    #[test]
    fn arc_flags_keep_every_field() {
        for kind in RelationKind::ALL {
            for stated in [false, true] {
                for into_organisation in [false, true] {
                    let arc = Arc {
                        other: 7,
                        kind,
                        stated,
                        into_organisation,
                    };
                    let back = Arc::unpack(7, arc.flags());
                    assert_eq!(
                        (back.kind, back.stated, back.into_organisation),
                        (kind, stated, into_organisation)
                    );
                    assert!(arc.flags() < 128);
                }
            }
        }
    }
}
