//! The rules that span records, one function per rule family. Each pushes [`Issue`]s; none
//! stops at the first problem, so the caller sees everything at once.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use petgraph::graph::{DiGraph, NodeIndex};

use crate::dataset::Dataset;
use crate::error::validation::{Issue, Location, RecordList};
use crate::model::entity::{DateFact, Figure, FigureValue, Label, Record};
use crate::model::id::{EntityId, EntityKind, SectionRef, SourceId};
use crate::model::provenance::Provenance;
use crate::model::relation::RelationKind;
use crate::model::vocabulary::{ActionLine, Objective, PactChapter, Sdg};

/// Checks every layer against every rule; an empty list of issues means the layers build a
/// graph. Also returns the relations in canonical order ([`RelationKey`]), found on the way.
pub(crate) fn validate(layers: &[Dataset], index: &IdIndex) -> (Vec<Issue>, Vec<RelationKey>) {
    let mut v = Validator {
        declared_twice: index.declared_twice.clone(),
        ..Validator::default()
    };
    v.declarations(layers);
    v.records(layers);
    let order = v.relations(layers, index);
    v.conflicting_dates(layers, &order);
    v.hierarchy_cycles(&order, index);
    (v.issues, order)
}

/// Every id a build can resolve — the built-in vocabularies and the declared records of every
/// layer — sorted, each with its rank: the node index it gets in the graph.
pub(crate) struct IdIndex {
    pub(crate) ids: Vec<EntityId>,
    /// The rank of each id with text, by kind and where its text is stored
    /// ([`EntityId::text_address`]): a relation names ids read from the same document as the
    /// records, so its ends are found without hashing or comparing their text, which at a
    /// million records lies scattered far outside the processor's cache.
    by_address: HashMap<(EntityKind, usize), u32, BuildHasherDefault<AddressHasher>>,
    /// The rank of each id without text (built-in vocabularies, Pact actions).
    textless: HashMap<EntityId, u32>,
    /// The rank of every id by value, for an id whose text is stored elsewhere (a relation
    /// in one layer naming a record of another, or data built in code); made on first need.
    by_value: OnceCell<HashMap<EntityId, u32>>,
    /// The ids declared more than once (almost always none), found while sorting.
    pub(crate) declared_twice: HashSet<EntityId>,
}

impl IdIndex {
    pub(crate) fn new(layers: &[Dataset]) -> IdIndex {
        let mut ids: Vec<EntityId> = Objective::ALL
            .into_iter()
            .map(EntityId::Objective)
            .chain(Sdg::all().map(EntityId::Sdg))
            .chain(ActionLine::ALL.into_iter().map(EntityId::ActionLine))
            .chain(PactChapter::ALL.into_iter().map(EntityId::PactChapter))
            .collect();
        for d in layers {
            ids.extend(d.pact_actions.iter().map(|r| EntityId::PactAction(r.id)));
            ids.extend(
                d.commitments
                    .iter()
                    .map(|r| EntityId::Commitment(r.id.clone())),
            );
            ids.extend(
                d.organisations
                    .iter()
                    .map(|r| EntityId::Organisation(r.id.clone())),
            );
            ids.extend(
                d.initiatives
                    .iter()
                    .map(|r| EntityId::Initiative(r.id.clone())),
            );
            ids.extend(d.bodies.iter().map(|r| EntityId::Body(r.id.clone())));
            ids.extend(d.events.iter().map(|r| EntityId::Event(r.id.clone())));
            ids.extend(d.documents.iter().map(|r| EntityId::Document(r.id.clone())));
        }
        ids.sort_unstable();
        let declared_twice = ids
            .windows(2)
            .filter_map(|pair| match pair {
                [a, b] if a == b => Some(a.clone()),
                _ => None,
            })
            .collect();
        ids.dedup();
        let mut by_address = HashMap::default();
        let mut textless = HashMap::new();
        for (rank, id) in (0u32..).zip(&ids) {
            match id.text_address() {
                Some(address) => {
                    by_address.insert((id.kind(), address), rank);
                }
                None => {
                    textless.insert(id.clone(), rank);
                }
            }
        }
        IdIndex {
            ids,
            by_address,
            textless,
            by_value: OnceCell::new(),
            declared_twice,
        }
    }

    /// The sorted ids, the maps freed.
    pub(crate) fn into_ids(self) -> Vec<EntityId> {
        self.ids
    }

    /// The rank of `id`, if it is built in or declared.
    pub(crate) fn rank(&self, id: &EntityId) -> Option<u32> {
        let Some(address) = id.text_address() else {
            return self.textless.get(id).copied();
        };
        if let Some(&rank) = self.by_address.get(&(id.kind(), address)) {
            return Some(rank);
        }
        let by_value = self.by_value.get_or_init(|| {
            (0u32..)
                .zip(&self.ids)
                .map(|(r, id)| (id.clone(), r))
                .collect()
        });
        by_value.get(id).copied()
    }
}

/// Hashes a kind and an address. Addresses are the allocator's, not chosen by the input, so
/// a fast mix is safe where the default hasher guards against crafted keys.
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        // The last steps of MurmurHash3's 64-bit finaliser: addresses differ in their middle
        // bits, and the table takes its bucket from the low ones and its tag from the top.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(17) ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

/// A relation's place in canonical order: subject rank, kind, object rank, then where it was
/// given (layer, index) so equal relations keep input order.
pub(crate) type RelationKey = (u32, u8, u32, u32, u32);

#[derive(Default)]
struct Validator {
    issues: Vec<Issue>,
    sections: HashSet<SectionRef>,
    /// Where each id in `declared_twice` was first declared.
    ids: HashMap<EntityId, Location>,
    declared_twice: HashSet<EntityId>,
}

impl Validator {
    fn declarations(&mut self, layers: &[Dataset]) {
        let mut sources: HashMap<&SourceId, Location> = HashMap::new();
        for (layer, data) in layers.iter().enumerate() {
            for (i, source) in data.sources.iter().enumerate() {
                let at = Location::new(layer, RecordList::Sources, i).field("id");
                if let Some(first) = sources.get(&source.id) {
                    self.issues.push(Issue::DuplicateDeclaration {
                        name: source.id.to_string(),
                        first: first.clone(),
                        second: at,
                    });
                } else {
                    sources.insert(&source.id, at);
                }
            }
        }
        let mut sections: HashMap<&SectionRef, Location> = HashMap::new();
        for (layer, data) in layers.iter().enumerate() {
            for (i, section) in data.sections.iter().enumerate() {
                let at = Location::new(layer, RecordList::Sections, i);
                if let Some(first) = sections.get(&section.id) {
                    self.issues.push(Issue::DuplicateDeclaration {
                        name: section.id.to_string(),
                        first: first.clone(),
                        second: at.clone().field("ref"),
                    });
                } else {
                    sections.insert(&section.id, at.clone().field("ref"));
                }
                if !sources.contains_key(&section.source) {
                    self.issues.push(Issue::UnknownSource {
                        section: section.id.clone(),
                        source_id: section.source.clone(),
                        at: at.field("source"),
                    });
                }
            }
        }
        self.sections = sections.into_keys().cloned().collect();
    }

    fn records(&mut self, layers: &[Dataset]) {
        for (layer, data) in layers.iter().enumerate() {
            self.record_list(layer, RecordList::Organisations, &data.organisations);
            self.record_list(layer, RecordList::Initiatives, &data.initiatives);
            self.record_list(layer, RecordList::Bodies, &data.bodies);
            self.record_list(layer, RecordList::Events, &data.events);
            self.record_list(layer, RecordList::Documents, &data.documents);
            self.record_list(layer, RecordList::Commitments, &data.commitments);
            for (i, action) in data.pact_actions.iter().enumerate() {
                let at = Location::new(layer, RecordList::PactActions, i);
                self.declare(EntityId::PactAction(action.id), &at);
                self.label(&action.label, &at);
                self.provenance(&action.provenance, &at.field("provenance"));
            }
        }
    }

    fn record_list<Id, Kind>(
        &mut self,
        layer: usize,
        list: RecordList,
        records: &[Record<Id, Kind>],
    ) where
        Id: Clone + Into<EntityId>,
    {
        for (i, record) in records.iter().enumerate() {
            let at = Location::new(layer, list, i);
            self.declare(record.id.clone().into(), &at);
            self.label(&record.label, &at);
            self.provenance(&record.provenance, &at.clone().field("provenance"));
            self.dates(&record.dates, &at.clone().field("dates"));
            self.figures(&record.figures, &at.field("figures"));
        }
    }

    fn declare(&mut self, id: EntityId, at: &Location) {
        // Duplicates were found by sorting every id; only theirs need places remembered.
        if !self.declared_twice.contains(&id) {
            return;
        }
        let at = at.clone().field("id");
        if let Some(first) = self.ids.get(&id) {
            self.issues.push(Issue::DuplicateId {
                id,
                first: first.clone(),
                second: at,
            });
        } else {
            self.ids.insert(id, at);
        }
    }

    fn label(&mut self, label: &Label, at: &Location) {
        if label.en.trim().is_empty() {
            self.issues.push(Issue::EmptyLabel {
                at: at.clone().field("label"),
            });
        }
    }

    fn provenance(&mut self, provenance: &[Provenance], at: &Location) {
        if provenance.is_empty() {
            self.issues
                .push(Issue::MissingProvenance { at: at.clone() });
        }
        for p in provenance {
            if let Provenance::Stated(section) = p
                && !self.sections.contains(section)
            {
                self.issues.push(Issue::UnknownSection {
                    section: section.clone(),
                    at: at.clone(),
                });
            }
        }
    }

    fn dates(&mut self, dates: &[DateFact], at: &Location) {
        for d in dates {
            self.provenance(&d.provenance, at);
        }
    }

    fn figures(&mut self, figures: &[Figure], at: &Location) {
        for f in figures {
            self.provenance(&f.provenance, at);
            if let FigureValue::YearRange { from, to } = f.value
                && from > to
            {
                self.issues.push(Issue::BackwardsYearRange {
                    from,
                    to,
                    at: at.clone(),
                });
            }
        }
    }

    /// Checks each relation and returns those whose two ends resolve, sorted by
    /// [`RelationKey`]: records of the same relation end up next to each other, in input
    /// order. Each end is looked up once, here, for every later check and for merging.
    fn relations(&mut self, layers: &[Dataset], index: &IdIndex) -> Vec<RelationKey> {
        let mut order: Vec<RelationKey> =
            Vec::with_capacity(layers.iter().map(|d| d.relations.len()).sum());
        for (layer, data) in layers.iter().enumerate() {
            for (i, r) in data.relations.iter().enumerate() {
                let at = Location::new(layer, RecordList::Relations, i);
                let from = index.rank(&r.from);
                let to = index.rank(&r.to);
                for (id, rank, field) in [(&r.from, from, "from"), (&r.to, to, "to")] {
                    if rank.is_none() {
                        self.issues.push(Issue::DanglingReference {
                            id: id.clone(),
                            at: at.clone().field(field),
                        });
                    }
                }
                if r.from == r.to {
                    self.issues.push(Issue::SelfRelation {
                        id: r.from.clone(),
                        at: at.clone(),
                    });
                } else if let (Some(a), Some(b)) = (from, to) {
                    if r.kind.allows(r.from.kind(), r.to.kind()) {
                        order.push((a, r.kind as u8, b, layer as u32, i as u32));
                    } else {
                        self.issues.push(Issue::KindNotAllowed {
                            relation: r.kind,
                            from: r.from.kind(),
                            to: r.to.kind(),
                            at: at.clone().field("kind"),
                        });
                    }
                }
                self.provenance(&r.provenance, &at.field("provenance"));
            }
        }
        order.sort_unstable();
        order
    }

    /// Records of the same relation must agree on its date; they sit next to each other in
    /// `order`, the first-seen one first.
    fn conflicting_dates(&mut self, layers: &[Dataset], order: &[RelationKey]) {
        let relation = |l: u32, i: u32| {
            layers
                .get(l as usize)
                .and_then(|d| d.relations.get(i as usize))
        };
        let mut group_first: Option<&RelationKey> = None;
        for key in order {
            match group_first {
                Some(first) if (first.0, first.1, first.2) == (key.0, key.1, key.2) => {
                    if let (Some(fr), Some(r)) =
                        (relation(first.3, first.4), relation(key.3, key.4))
                        && fr.since != r.since
                    {
                        self.issues.push(Issue::ConflictingRelation {
                            relation: r.to_string(),
                            first: Location::new(
                                first.3 as usize,
                                RecordList::Relations,
                                first.4 as usize,
                            ),
                            second: Location::new(
                                key.3 as usize,
                                RecordList::Relations,
                                key.4 as usize,
                            )
                            .field("since"),
                        });
                    }
                }
                _ => group_first = Some(key),
            }
        }
    }

    /// Finds every strongly connected set of entities along hierarchy relations: each such set
    /// larger than one entity holds a cycle.
    ///
    /// Kosaraju's algorithm, which petgraph runs with its own stack: its Tarjan recurses once
    /// per entity along a chain, and a hierarchy some ten thousand levels deep (easily
    /// written, by mistake or on purpose) overflowed the thread's stack and aborted the
    /// process instead of loading.
    fn hierarchy_cycles(&mut self, order: &[RelationKey], index: &IdIndex) {
        let mut graph: DiGraph<u32, ()> = DiGraph::new();
        let mut nodes: HashMap<u32, NodeIndex> = HashMap::new();
        let mut node = |graph: &mut DiGraph<u32, ()>, rank: u32| {
            *nodes.entry(rank).or_insert_with(|| graph.add_node(rank))
        };
        for &(from, kind, to, ..) in order {
            let hierarchy = RelationKind::ALL
                .get(usize::from(kind))
                .is_some_and(|k| k.is_hierarchy());
            if hierarchy {
                let (a, b) = (node(&mut graph, from), node(&mut graph, to));
                graph.add_edge(a, b, ());
            }
        }
        let mut cycles: Vec<Vec<EntityId>> = petgraph::algo::kosaraju_scc(&graph)
            .into_iter()
            .filter(|scc| scc.len() > 1)
            .map(|scc| {
                let mut members: Vec<EntityId> = scc
                    .into_iter()
                    .filter_map(|n| graph.node_weight(n))
                    .filter_map(|&rank| index.ids.get(rank as usize).cloned())
                    .collect();
                members.sort();
                members
            })
            .collect();
        cycles.sort();
        self.issues.extend(
            cycles
                .into_iter()
                .map(|members| Issue::HierarchyCycle { members }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded;
    use crate::model::provenance::Provenance;
    use crate::model::relation::Relation;

    /// The id at the rank `index` finds for `id`.
    fn id_at_rank<'a>(index: &'a IdIndex, id: &EntityId) -> Option<&'a EntityId> {
        index.rank(id).and_then(|r| index.ids.get(r as usize))
    }

    /// Ids read from a document are found by where their text is stored; ids made apart
    /// from it (in code, or in another document) by value; ids of neither kind nowhere.
    #[test]
    fn ranks_are_found_whichever_way_an_id_was_made() {
        let read = Dataset::from_json(embedded::JSON).unwrap();
        let mut apart = Dataset::default();
        // An id with the same text as a record of the first layer, but its own copy of it.
        let itu: EntityId = "org:itu".parse().unwrap();
        let giga: EntityId = "initiative:giga".parse().unwrap();
        apart.relations.push(Relation::new(
            itu.clone(),
            RelationKind::PartnersIn,
            giga.clone(),
            Provenance::Stated("1".parse().unwrap()),
        ));
        let layers = [read, apart];
        let index = IdIndex::new(&layers);

        for r in &layers[0].relations {
            assert_eq!(id_at_rank(&index, &r.from), Some(&r.from));
            assert_eq!(id_at_rank(&index, &r.to), Some(&r.to));
        }
        assert!(
            index.by_value.get().is_none(),
            "one document's ids need no text"
        );
        assert_eq!(id_at_rank(&index, &itu), Some(&itu));
        assert_eq!(id_at_rank(&index, &giga), Some(&giga));
        assert!(index.by_value.get().is_some());
        assert_eq!(index.rank(&"org:nobody".parse().unwrap()), None);
        assert_eq!(index.rank(&"action:56".parse().unwrap()), None);
        assert_eq!(
            id_at_rank(&index, &"objective:3".parse().unwrap()).map(ToString::to_string),
            Some("objective:3".to_string())
        );
    }

    /// Ids of two kinds with the same text share that text when read from one document; each
    /// still finds its own rank.
    #[test]
    fn the_same_text_under_two_kinds_is_two_ids() {
        let mut data = Dataset::from_json(embedded::JSON).unwrap();
        let evidence = Provenance::Stated("1".parse().unwrap());
        data.organisations.push(crate::model::entity::Record::new(
            "giga".parse().unwrap(),
            crate::model::entity::OrganisationKind::Coalition,
            Label::new("An organisation named like an initiative"),
            evidence.clone(),
        ));
        let org: EntityId = "org:giga".parse().unwrap();
        let initiative: EntityId = "initiative:giga".parse().unwrap();
        data.relations.push(Relation::new(
            org.clone(),
            RelationKind::Leads,
            initiative.clone(),
            evidence,
        ));
        // Read back, so that both ids come from one document.
        let read = Dataset::from_json(&data.to_json()).unwrap();
        let relation = read
            .relations
            .iter()
            .find(|r| r.from == org)
            .unwrap()
            .clone();
        assert_eq!(relation.from.text_address(), relation.to.text_address());

        let layers = [read];
        let index = IdIndex::new(&layers);
        assert_eq!(id_at_rank(&index, &relation.from), Some(&org));
        assert_eq!(id_at_rank(&index, &relation.to), Some(&initiative));
        assert!(index.by_value.get().is_none());
    }
}
