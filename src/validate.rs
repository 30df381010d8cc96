//! The rules that span records, one function per rule family. Each pushes [`Issue`]s; none
//! stops at the first problem, so the caller sees everything at once.

use std::collections::{HashMap, HashSet};

use petgraph::graph::{DiGraph, NodeIndex};

use crate::dataset::Dataset;
use crate::error::validation::{Issue, Location, RecordList};
use crate::model::entity::{DateFact, Figure, FigureValue, Label, Record};
use crate::model::id::{EntityId, SectionRef, SourceId};
use crate::model::provenance::Provenance;
use crate::model::relation::{Relation, RelationKind};
use crate::model::vocabulary::{ActionLine, Objective, PactChapter, Sdg};
use crate::ranks::RankTable;

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

/// Whether the records and relations of `layer` break none of the rules that look at one
/// record alone (labels, evidence, dates, figures), with `sections` the sections evidence may
/// cite: for a layer over a graph that is already valid, whose own records pass them.
pub(crate) fn layer_records_pass(layer: &Dataset, sections: HashSet<SectionRef>) -> bool {
    let mut v = Validator {
        sections,
        ..Validator::default()
    };
    v.records(std::slice::from_ref(layer));
    for (i, r) in layer.relations.iter().enumerate() {
        v.provenance(
            &r.provenance,
            &Location::new(0, RecordList::Relations, i).field("provenance"),
        );
    }
    v.issues.is_empty()
}

/// Every id a build can resolve — the built-in vocabularies and the declared records of every
/// layer — sorted, each with its rank: the node index it gets in the graph.
pub(crate) struct IdIndex {
    pub(crate) ids: Vec<EntityId>,
    /// Where to find each id's rank.
    ranks: RankTable,
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
        let ranks = RankTable::new(&ids);
        IdIndex {
            ids,
            ranks,
            declared_twice,
        }
    }

    /// Whether `id` has rank `rank`.
    pub(crate) fn is_at(&self, rank: u32, id: &EntityId) -> bool {
        self.ids.get(rank as usize) == Some(id)
    }

    /// The sorted ids, the maps freed.
    pub(crate) fn into_ids(self) -> Vec<EntityId> {
        self.ids
    }

    /// The rank of each of `ids` (if it is built in or declared), into `ranks`; looked up
    /// together so that their waits on memory overlap.
    pub(crate) fn ranks(&self, ids: &[&EntityId], ranks: &mut Vec<Option<u32>>) {
        self.ranks.find_many(ids, &self.ids, ranks);
    }
}

/// How many relations have their ends looked up together.
const LOOKUP_BATCH: usize = 64;

/// A relation's place in canonical order: subject rank, kind, object rank, then where it was
/// given (layer, index) so equal relations keep input order.
pub(crate) type RelationKey = (u32, u8, u32, u32, u32);

/// Where the rank of a relation's subject comes from. Documents list relations by subject
/// (those this crate writes always do), so a subject is most often the previous relation's
/// or the id right after it, found without a lookup in the rank table: at a million ids
/// every lookup waits on memory, and the subjects are half of all relation ends.
#[derive(Clone, Copy)]
enum Subject {
    /// The id at this rank, checked.
    Known(u32),
    /// The previous relation's subject.
    AsBefore,
    /// Looked up, at this position in the batch's lookups.
    LookedUp(usize),
}

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
            match p {
                Provenance::Stated(section) if !self.sections.contains(section) => {
                    self.issues.push(Issue::UnknownSection {
                        section: section.clone(),
                        at: at.clone(),
                    });
                }
                Provenance::Context(c) => {
                    if c.citation.trim().is_empty() {
                        self.issues.push(Issue::EmptyCitation { at: at.clone() });
                    }
                    if let Some(url) = c.url.as_ref().filter(|u| address_problem(u).is_some()) {
                        self.issues.push(Issue::MalformedUrl {
                            url: url.clone(),
                            at: at.clone(),
                        });
                    }
                }
                Provenance::Stated(_) => {}
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
        let mut ends: Vec<&EntityId> = Vec::with_capacity(2 * LOOKUP_BATCH);
        let mut plan: Vec<(Subject, usize)> = Vec::with_capacity(LOOKUP_BATCH);
        let mut ranks: Vec<Option<u32>> = Vec::with_capacity(2 * LOOKUP_BATCH);
        for (layer, data) in layers.iter().enumerate() {
            // The previous relation's subject, and its rank once known.
            let mut previous: Option<(&EntityId, Option<u32>)> = None;
            for (batch, relations) in data.relations.chunks(LOOKUP_BATCH).enumerate() {
                ends.clear();
                plan.clear();
                // As `previous` while the batch is planned, the rank `None` while it waits
                // for the batch's lookups.
                let mut guide = previous.map(|(id, rank)| (id, Some(rank)));
                for r in relations {
                    let subject = match guide {
                        Some((id, _)) if *id == r.from => Subject::AsBefore,
                        Some((_, Some(Some(rank)))) if index.is_at(rank + 1, &r.from) => {
                            Subject::Known(rank + 1)
                        }
                        _ => {
                            ends.push(&r.from);
                            Subject::LookedUp(ends.len() - 1)
                        }
                    };
                    let known = match subject {
                        Subject::Known(rank) => Some(Some(rank)),
                        Subject::AsBefore => guide.and_then(|(_, rank)| rank),
                        Subject::LookedUp(_) => None,
                    };
                    guide = Some((&r.from, known));
                    ends.push(&r.to);
                    plan.push((subject, ends.len() - 1));
                }
                index.ranks(&ends, &mut ranks);
                let rank_at = |at: usize| ranks.get(at).copied().flatten();
                for ((k, r), &(subject, to_at)) in relations.iter().enumerate().zip(&plan) {
                    let from = match subject {
                        Subject::Known(rank) => Some(rank),
                        Subject::AsBefore => previous.and_then(|(_, rank)| rank),
                        Subject::LookedUp(at) => rank_at(at),
                    };
                    previous = Some((&r.from, from));
                    let i = batch * LOOKUP_BATCH + k;
                    self.relation(r, (layer, i), (from, rank_at(to_at)), &mut order);
                }
            }
        }
        order.sort_unstable();
        order
    }

    /// Checks relation `i` of layer `layer`, whose ends have the ranks given, and records
    /// its place in canonical order if both resolve.
    fn relation(
        &mut self,
        r: &Relation,
        (layer, i): (usize, usize),
        (from, to): (Option<u32>, Option<u32>),
        order: &mut Vec<RelationKey>,
    ) {
        let at = Location::new(layer, RecordList::Relations, i);
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
        let is_hierarchy = |kind: u8| {
            RelationKind::ALL
                .get(usize::from(kind))
                .is_some_and(|k| k.is_hierarchy())
        };
        // A relation lies on a cycle only if its subject is the object of a hierarchy
        // relation and its object the subject of one; the others (an initiative part of a
        // body, say: nothing is part of the initiative) cannot, and leaving them out leaves
        // every cycle as it was and the graph searched a fraction of the hierarchy.
        let mut has_parent = vec![false; index.ids.len()];
        let mut has_child = vec![false; index.ids.len()];
        for &(from, kind, to, ..) in order {
            if is_hierarchy(kind)
                && let (Some(p), Some(c)) = (
                    has_parent.get_mut(from as usize),
                    has_child.get_mut(to as usize),
                )
            {
                *p = true;
                *c = true;
            }
        }
        let mut graph: DiGraph<u32, ()> = DiGraph::new();
        let mut nodes: HashMap<u32, NodeIndex> = HashMap::new();
        let mut node = |graph: &mut DiGraph<u32, ()>, rank: u32| {
            *nodes.entry(rank).or_insert_with(|| graph.add_node(rank))
        };
        let flag = |flags: &[bool], rank: u32| flags.get(rank as usize).copied().unwrap_or(false);
        for &(from, kind, to, ..) in order {
            if is_hierarchy(kind) && flag(&has_child, from) && flag(&has_parent, to) {
                let (a, b) = (node(&mut graph, from), node(&mut graph, to));
                graph.add_edge(a, b, ());
            }
        }
        let sets: Vec<Vec<NodeIndex>> = petgraph::algo::kosaraju_scc(&graph)
            .into_iter()
            .filter(|scc| scc.len() > 1)
            .collect();
        if sets.is_empty() {
            return;
        }
        // Every hierarchy relation between two members of one set lies on a cycle (its object
        // reaches its subject again), so those are the relations to look at to break it.
        let mut set_of: HashMap<u32, usize> = HashMap::new();
        for (i, set) in sets.iter().enumerate() {
            for &n in set {
                if let Some(&rank) = graph.node_weight(n) {
                    set_of.insert(rank, i);
                }
            }
        }
        let mut relations: Vec<Vec<Location>> = vec![Vec::new(); sets.len()];
        for &(from, kind, to, layer, i) in order {
            if let (true, Some(a), Some(b)) =
                (is_hierarchy(kind), set_of.get(&from), set_of.get(&to))
                && a == b
                && let Some(list) = relations.get_mut(*a)
            {
                list.push(Location::new(
                    layer as usize,
                    RecordList::Relations,
                    i as usize,
                ));
            }
        }
        let mut cycles: Vec<(Vec<EntityId>, Vec<Location>)> = sets
            .into_iter()
            .zip(relations)
            .map(|(set, mut relations)| {
                let mut members: Vec<EntityId> = set
                    .into_iter()
                    .filter_map(|n| graph.node_weight(n))
                    .filter_map(|&rank| index.ids.get(rank as usize).cloned())
                    .collect();
                members.sort();
                relations.sort();
                (members, relations)
            })
            .collect();
        cycles.sort();
        self.issues.extend(
            cycles
                .into_iter()
                .map(|(members, relations)| Issue::HierarchyCycle { members, relations }),
        );
    }
}

/// What keeps `url` from reading as an absolute address (RFC 3986's `scheme ":" rest`, the
/// rest not empty), or `None` when nothing does: its scheme must be a letter then letters,
/// digits, `+`, `-` or `.`, and it must hold no character that no address holds (white
/// space, control characters, `<>"{}|\^`` ` ``). Letters outside ASCII are allowed, as in an
/// internationalised address. Said in words, for [`Issue::MalformedUrl`]'s message: a reader
/// told only that an address is wrong has to guess which of these it broke.
pub(crate) fn address_problem(url: &str) -> Option<String> {
    let Some((scheme, rest)) = url.split_once(':') else {
        return Some("it has no scheme, such as `https:` or `doi:`".to_owned());
    };
    let mut scheme_chars = scheme.chars();
    let scheme_ok = scheme_chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme_chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok {
        return Some(format!(
            "`{}` before its first `:` is not a scheme, such as `https` or `doi`",
            scheme.escape_debug()
        ));
    }
    if rest.is_empty() {
        return Some(format!("it has nothing after `{scheme}:`"));
    }
    let never_in_an_address =
        |c: char| c.is_whitespace() || c.is_control() || "<>\"{}|\\^`".contains(c);
    let (before, c) = url
        .chars()
        .enumerate()
        .find(|&(_, c)| never_in_an_address(c))?;
    let character = if c.is_whitespace() || c.is_control() {
        format!("`{}` (U+{:04X})", c.escape_debug(), u32::from(c))
    } else {
        format!("`{c}`")
    };
    Some(format!(
        "character {} is {character}, which no address holds (write it percent-encoded)",
        before + 1
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded;
    use crate::model::provenance::Provenance;
    use crate::model::relation::Relation;

    /// The id at the rank `index` finds for `id`.
    fn id_at_rank<'a>(index: &'a IdIndex, id: &EntityId) -> Option<&'a EntityId> {
        rank(index, id).and_then(|r| index.ids.get(r as usize))
    }

    fn rank(index: &IdIndex, id: &EntityId) -> Option<u32> {
        let mut ranks = Vec::new();
        index.ranks(&[id], &mut ranks);
        ranks.first().copied().flatten()
    }

    proptest::proptest! {
        /// Relation ends resolve to the ranks a search of the sorted ids gives, and every
        /// end that does not resolve is reported, whether relations come listed by subject
        /// (when most subjects are found without a lookup) or not, across batches.
        #[test]
        fn relation_ends_resolve_as_a_search_of_the_ids_would(
            ends in proptest::collection::vec((0usize..14, 0usize..20), 0..400),
            by_subject in proptest::bool::ANY,
        ) {
            use crate::model::entity::{InitiativeKind, OrganisationKind, Record};
            let evidence = Provenance::Stated("1".parse().unwrap());
            let mut data = Dataset::default();
            for k in 0..5 {
                data.organisations.push(Record::new(
                    format!("o{k}").parse().unwrap(),
                    OrganisationKind::Coalition,
                    Label::new("An organisation"),
                    evidence.clone(),
                ));
            }
            for k in 0..6 {
                data.initiatives.push(Record::new(
                    format!("i{k}").parse().unwrap(),
                    InitiativeKind::Programme,
                    Label::new("An initiative"),
                    evidence.clone(),
                ));
            }
            // o5, o6 and i6 to i10 are declared nowhere.
            let subject = |s: usize| -> EntityId {
                if s < 7 { format!("org:o{s}") } else { format!("initiative:i{}", s - 7) }
                    .parse()
                    .unwrap()
            };
            let object = |t: usize| -> EntityId {
                match t {
                    0..5 => format!("objective:{}", t + 1),
                    5..16 => format!("initiative:i{}", t - 5),
                    _ => format!("org:o{}", t - 16),
                }
                .parse()
                .unwrap()
            };
            let mut ends = ends;
            if by_subject {
                ends.sort_by_key(|&(s, _)| subject(s));
            }
            for &(s, t) in &ends {
                let from = subject(s);
                let kind = match from {
                    EntityId::Organisation(_) => RelationKind::PartnersIn,
                    _ => RelationKind::Supports,
                };
                data.relations.push(Relation::new(from, kind, object(t), evidence.clone()));
            }
            let layers = [data];
            let index = IdIndex::new(&layers);
            let mut v = Validator::default();
            let order = v.relations(&layers, &index);

            let search = |id: &EntityId| index.ids.binary_search(id).ok().map(|r| r as u32);
            let mut expected_order = Vec::new();
            let mut expected_dangling = Vec::new();
            for (i, r) in layers[0].relations.iter().enumerate() {
                let (from, to) = (search(&r.from), search(&r.to));
                for (id, rank, field) in [(&r.from, from, "from"), (&r.to, to, "to")] {
                    if rank.is_none() {
                        expected_dangling.push((id.clone(), format!("relations[{i}].{field}")));
                    }
                }
                if let (Some(a), Some(b)) = (from, to)
                    && a != b
                    && r.kind.allows(r.from.kind(), r.to.kind())
                {
                    expected_order.push((a, r.kind as u8, b, 0, i as u32));
                }
            }
            expected_order.sort_unstable();
            let dangling: Vec<(EntityId, String)> = v
                .issues
                .iter()
                .filter_map(|issue| match issue {
                    Issue::DanglingReference { id, at } => Some((id.clone(), at.to_string())),
                    _ => None,
                })
                .collect();
            proptest::prop_assert_eq!(order, expected_order);
            proptest::prop_assert_eq!(dangling, expected_dangling);
        }
    }

    /// Ids are found by value, whether read from a document or made apart from it (in code,
    /// or in another layer); ids declared nowhere are not found.
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
        assert_eq!(id_at_rank(&index, &itu), Some(&itu));
        assert_eq!(id_at_rank(&index, &giga), Some(&giga));
        assert_eq!(rank(&index, &"org:nobody".parse().unwrap()), None);
        assert_eq!(rank(&index, &"action:56".parse().unwrap()), None);
        assert_eq!(
            id_at_rank(&index, &"objective:3".parse().unwrap()).map(ToString::to_string),
            Some("objective:3".to_string())
        );
    }

    /// Ids of two kinds with the same text, short (kept in place) or long (one shared text
    /// when read from one document), each find their own rank.
    #[test]
    fn the_same_text_under_two_kinds_is_two_ids() {
        use crate::model::entity::{InitiativeKind, OrganisationKind, Record};
        let mut data = Dataset::from_json(embedded::JSON).unwrap();
        let evidence = Provenance::Stated("1".parse().unwrap());
        let long = "an-id-longer-than-fifteen-bytes";
        data.initiatives.push(Record::new(
            long.parse().unwrap(),
            InitiativeKind::Programme,
            Label::new("An initiative with a long id"),
            evidence.clone(),
        ));
        for text in ["giga", long] {
            data.organisations.push(Record::new(
                text.parse().unwrap(),
                OrganisationKind::Coalition,
                Label::new("An organisation named like an initiative"),
                evidence.clone(),
            ));
            data.relations.push(Relation::new(
                EntityId::Organisation(text.parse().unwrap()),
                RelationKind::Leads,
                EntityId::Initiative(text.parse().unwrap()),
                evidence.clone(),
            ));
        }
        // Read back, so that the ids come from one document.
        let layers = [Dataset::from_json(&data.to_json()).unwrap()];
        let index = IdIndex::new(&layers);
        for text in ["giga", long] {
            let org = EntityId::Organisation(text.parse().unwrap());
            let relation = layers[0].relations.iter().find(|r| r.from == org).unwrap();
            assert_eq!(id_at_rank(&index, &relation.from), Some(&org));
            assert_eq!(
                id_at_rank(&index, &relation.to),
                Some(&EntityId::Initiative(text.parse().unwrap()))
            );
        }
    }
}
