//! Seeded, deterministic synthetic datasets of any size, shaped like real implementation maps,
//! for benchmarks and for comparing gdc-map with other tools on the same facts.

use crate::dataset::Dataset;
use crate::model::entity::{
    BodyKind, CommitmentKind, EventKind, InitiativeKind, Label, OrganisationKind, Record, Section,
    Source,
};
use crate::model::id::{
    BodyId, CommitmentId, EntityId, EventId, InitiativeId, OrganisationId, SectionRef, SourceId,
};
use crate::model::provenance::{Citation, Provenance, ProvenanceList};
use crate::model::relation::{Relation, RelationKind};
use crate::model::vocabulary::{ActionLine, Objective, Sdg};

/// What to generate: a number of initiatives and a seed, and optionally the shape. By
/// default everything scales from the number of initiatives N:
///
/// - N/100 organisations (at least 3), with a strong skew: a few lead most initiatives
///   ([`SyntheticSpec::organisations`], [`SyntheticSpec::lead_skew`]);
/// - N/50 coordination bodies (at least 2), nested as subgroups up to 5 levels below a body
///   that is no one's subgroup, most chaired by one or two organisations
///   ([`SyntheticSpec::bodies`], [`SyntheticSpec::max_depth`]);
/// - N/20 commitments (at least 10); every tenth is never targeted, so about 10% of targets
///   are left uncovered ([`SyntheticSpec::commitments`], [`SyntheticSpec::uncovered_percent`]);
/// - N/1000 events (at least 1), each organised by an organisation and supporting an objective;
/// - per initiative: 1–3 `supports` across objectives, SDGs, WSIS action lines and
///   commitments; one lead organisation; 0–2 partner organisations; and, for about 30%, a
///   body it is part of;
/// - every relation cites one of ten sections; about 5% also cite a context source.
///
/// The same spec always gives the same dataset, byte for byte, and every spec gives a dataset
/// that builds into a valid graph. Setting a part of the shape to what it would be anyway
/// gives the same dataset as not setting it.
///
/// # Example
/// ```
/// use gdc_map::{GraphBuilder, SyntheticSpec};
///
/// let data = SyntheticSpec::new(1_000).seed(7).generate();
/// assert_eq!(data.initiatives.len(), 1_000);
/// assert_eq!(data, SyntheticSpec::new(1_000).seed(7).generate());
/// let graph = GraphBuilder::new().layer(data).build()?;
/// assert!(graph.relations().len() > 3_000);
///
/// // Another shape: one organisation per thousand initiatives, all leading about equally,
/// // hierarchies ten levels deep, a third of the commitments left without support.
/// let other = SyntheticSpec::new(10_000)
///     .organisations(10)
///     .lead_skew(1)
///     .max_depth(10)
///     .uncovered_percent(33)
///     .generate();
/// assert_eq!(other.organisations.len(), 10);
/// GraphBuilder::new().layer(other).build()?;
/// # Ok::<(), gdc_map::ValidationReport>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SyntheticSpec {
    initiatives: usize,
    seed: u64,
    organisations: usize,
    bodies: usize,
    commitments: usize,
    max_depth: u8,
    uncovered_percent: u8,
    lead_skew: u8,
}

/// The shape [`SyntheticSpec::new`] starts from, where it does not scale with N.
const DEFAULT_MAX_DEPTH: u8 = 5;
const DEFAULT_UNCOVERED_PERCENT: u8 = 10;
const DEFAULT_LEAD_SKEW: u8 = 3;

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`0` when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next() % n as u64) as usize
    }

    /// True with probability `percent`/100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// A skewed index in `0..n`: a uniform number in `0..1` raised to the power `skew`, so
    /// that with a skew above 1 low indices are far more likely (1 is uniform, 0 always 0).
    fn skewed(&mut self, n: usize, skew: u8) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        // Multiplied out rather than `powi`, which may round differently: the default cube
        // must give the indices it always gave, so that datasets stay the same across versions.
        let x = (0..skew).fold(1.0, |x, _| x * u);
        (x * n as f64) as usize % n.max(1)
    }
}

/// A uniformly chosen element; `None` only for an empty slice.
fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> Option<&'a T> {
    items.get(rng.below(items.len()))
}

/// A record with evidence `p` and nothing else.
fn record<Id, Kind>(
    id: Id,
    kind: Kind,
    label: String,
    provenance: ProvenanceList,
) -> Record<Id, Kind> {
    Record {
        id,
        kind,
        label: Label::new(label),
        place: None,
        dates: Vec::new(),
        figures: Vec::new(),
        notes: Vec::new(),
        provenance,
    }
}

fn id<T: std::str::FromStr>(text: String) -> Option<T> {
    text.parse().ok()
}

impl SyntheticSpec {
    /// A spec for `initiatives` initiatives, seed 0.
    pub fn new(initiatives: usize) -> SyntheticSpec {
        SyntheticSpec {
            initiatives,
            seed: 0,
            organisations: (initiatives / 100).max(3),
            bodies: (initiatives / 50).max(2),
            commitments: (initiatives / 20).max(10),
            max_depth: DEFAULT_MAX_DEPTH,
            uncovered_percent: DEFAULT_UNCOVERED_PERCENT,
            lead_skew: DEFAULT_LEAD_SKEW,
        }
    }

    /// Sets the seed.
    #[must_use]
    pub fn seed(mut self, seed: u64) -> SyntheticSpec {
        self.seed = seed;
        self
    }

    /// Sets how many organisations there are (N/100, at least 3, by default). With none,
    /// nothing has a lead, partner, chair or organiser.
    #[must_use]
    pub fn organisations(mut self, count: usize) -> SyntheticSpec {
        self.organisations = count;
        self
    }

    /// Sets how many coordination bodies there are (N/50, at least 2, by default).
    #[must_use]
    pub fn bodies(mut self, count: usize) -> SyntheticSpec {
        self.bodies = count;
        self
    }

    /// Sets how many commitments there are (N/20, at least 10, by default). With none, the
    /// supports that would have gone to a commitment go to an objective.
    #[must_use]
    pub fn commitments(mut self, count: usize) -> SyntheticSpec {
        self.commitments = count;
        self
    }

    /// Sets how many subgroup levels a body can have below it (5 by default; 0 for no
    /// subgroups at all).
    #[must_use]
    pub fn max_depth(mut self, levels: u8) -> SyntheticSpec {
        self.max_depth = levels;
        self
    }

    /// Sets the share of commitments that nothing supports, in percent (10 by default; 100
    /// at most): commitment `i` is left out when `⌊(i + 1)·p/100⌋ > ⌊i·p/100⌋`, so every
    /// tenth by default. The supports that would have gone to a commitment go to an objective
    /// when every commitment is left out.
    #[must_use]
    pub fn uncovered_percent(mut self, percent: u8) -> SyntheticSpec {
        self.uncovered_percent = percent.min(100);
        self
    }

    /// Sets how strongly a few organisations lead most initiatives and chair most bodies:
    /// an organisation is chosen as a uniform number in `0..1` raised to this power, times
    /// the number of organisations. 3 by default, where the busiest of 100 organisations
    /// leads about a fifth of all initiatives; 1 spreads leads evenly; 0 gives every lead
    /// and chair to the first organisation. Partners are always chosen evenly.
    #[must_use]
    pub fn lead_skew(mut self, power: u8) -> SyntheticSpec {
        self.lead_skew = power;
        self
    }

    /// The counts of organisations, bodies, commitments and events this spec makes.
    fn counts(&self) -> (usize, usize, usize, usize) {
        (
            self.organisations,
            self.bodies,
            self.commitments,
            (self.initiatives / 1000).max(1),
        )
    }

    /// The shape, for the source's title, when it is not the default one.
    fn shape_note(&self) -> String {
        let default = SyntheticSpec::new(self.initiatives).seed(self.seed);
        if *self == default {
            return String::new();
        }
        let (orgs, bodies, commitments, _) = self.counts();
        format!(
            "; {orgs} organisations, lead skew {}, {bodies} bodies, {} levels deep at most, \
             {commitments} commitments, {}% uncovered",
            self.lead_skew, self.max_depth, self.uncovered_percent
        )
    }

    /// Whether commitment `i` is one that nothing targets.
    fn left_uncovered(&self, i: usize) -> bool {
        let p = usize::from(self.uncovered_percent);
        (i + 1) * p / 100 > i * p / 100
    }

    /// Generates the dataset. It always builds into a valid graph.
    pub fn generate(&self) -> Dataset {
        let n = self.initiatives;
        let (orgs, bodies, commitments, events) = self.counts();
        let skew = self.lead_skew;
        let mut rng = Rng(self.seed ^ 0x5eed_0f9d_c3a9);
        let mut d = Dataset::default();
        let Some(source) = id::<SourceId>("synthetic".into()) else {
            return d;
        };
        d.sources.push(Source {
            id: source.clone(),
            title: format!(
                "Synthetic dataset: {n} initiatives, seed {}{}",
                self.seed,
                self.shape_note()
            ),
            version: "1".into(),
            language: Some("en".into()),
            notes: vec![],
        });
        let sections: Vec<SectionRef> = (1..=10).filter_map(|i| id(format!("s{i}"))).collect();
        for s in &sections {
            d.sections.push(Section {
                id: s.clone(),
                source: source.clone(),
                title: format!("Section {s}"),
                notes: vec![],
            });
        }
        let provenance = |rng: &mut Rng| {
            let mut p: ProvenanceList = pick(rng, &sections)
                .cloned()
                .map(Provenance::Stated)
                .into_iter()
                .collect();
            if rng.chance(5) {
                p.push(Provenance::Context(Box::new(Citation {
                    citation: "Synthetic context source".into(),
                    url: None,
                })));
            }
            p
        };
        let org_ids: Vec<EntityId> = (0..orgs)
            .filter_map(|i| id::<OrganisationId>(format!("o{i}")).map(EntityId::Organisation))
            .collect();
        let body_ids: Vec<EntityId> = (0..bodies)
            .filter_map(|i| id::<BodyId>(format!("b{i}")).map(EntityId::Body))
            .collect();
        let org_kinds = [
            OrganisationKind::SpecialisedAgency,
            OrganisationKind::FundOrProgramme,
            OrganisationKind::SecretariatOffice,
            OrganisationKind::NonGovernmental,
            OrganisationKind::BusinessAssociation,
        ];
        for (i, kind) in (0..orgs).zip(org_kinds.iter().cycle()) {
            if let Some(o) = id::<OrganisationId>(format!("o{i}")) {
                let p = provenance(&mut rng);
                d.organisations
                    .push(record(o, *kind, format!("Organisation {i}"), p));
            }
        }
        let mut open_commitments = Vec::new();
        for i in 0..commitments {
            if let Some(c) = id::<CommitmentId>(format!("c{i}")) {
                let p = provenance(&mut rng);
                if !self.left_uncovered(i) {
                    open_commitments.push(EntityId::Commitment(c.clone()));
                }
                d.commitments.push(record(
                    c,
                    CommitmentKind::Commitment,
                    format!("Commitment {i}"),
                    p,
                ));
            }
        }
        let objectives: Vec<EntityId> = Objective::ALL
            .into_iter()
            .map(EntityId::Objective)
            .collect();
        let sdgs: Vec<EntityId> = Sdg::all().map(EntityId::Sdg).collect();
        let lines: Vec<EntityId> = ActionLine::ALL
            .into_iter()
            .map(EntityId::ActionLine)
            .collect();
        let pick_target = |rng: &mut Rng| -> Option<EntityId> {
            let pool = match rng.below(10) {
                0..=2 => &objectives,
                3 | 4 => &sdgs,
                5 => &lines,
                _ if open_commitments.is_empty() => &objectives,
                _ => &open_commitments,
            };
            pick(rng, pool).cloned()
        };
        let relate = |d: &mut Dataset, rng: &mut Rng, from: &EntityId, kind, to: &EntityId| {
            d.relations.push(Relation {
                from: from.clone(),
                kind,
                to: to.clone(),
                provenance: provenance(rng),
                since: None,
                notes: Vec::new(),
            });
        };
        let mut depth = vec![0u8; body_ids.len()];
        for (i, me) in body_ids.iter().enumerate() {
            let EntityId::Body(b) = me else { continue };
            let kind = if i > 0 {
                BodyKind::Subgroup
            } else {
                BodyKind::WorkingGroup
            };
            let p = provenance(&mut rng);
            d.bodies
                .push(record(b.clone(), kind, format!("Body {i}"), p));
            if i > 0 && rng.chance(80) {
                let parent = rng.below(i);
                let parent_depth = depth.get(parent).copied().unwrap_or(u8::MAX);
                if parent_depth < self.max_depth
                    && let Some(parent_id) = body_ids.get(parent)
                {
                    if let Some(d) = depth.get_mut(i) {
                        *d = parent_depth + 1;
                    }
                    relate(&mut d, &mut rng, me, RelationKind::SubgroupOf, parent_id);
                }
            }
            if depth.get(i) == Some(&0)
                && rng.chance(20)
                && let Some(t) = pick_target(&mut rng)
            {
                relate(&mut d, &mut rng, me, RelationKind::Supports, &t);
            }
            if rng.chance(90) {
                let first = rng.skewed(orgs, skew);
                let second = rng
                    .chance(50)
                    .then(|| rng.skewed(orgs, skew))
                    .filter(|&o| o != first);
                for o in std::iter::once(first).chain(second) {
                    if let Some(org) = org_ids.get(o) {
                        relate(&mut d, &mut rng, org, RelationKind::CoChairs, me);
                    }
                }
            }
        }
        let kinds = [
            InitiativeKind::Programme,
            InitiativeKind::Partnership,
            InitiativeKind::Platform,
            InitiativeKind::Statistics,
            InitiativeKind::CapacityBuilding,
        ];
        for (i, kind) in (0..n).zip(kinds.iter().cycle()) {
            let Some(ini) = id::<InitiativeId>(format!("i{i}")) else {
                continue;
            };
            let p = provenance(&mut rng);
            d.initiatives
                .push(record(ini.clone(), *kind, format!("Initiative {i}"), p));
            let me = EntityId::Initiative(ini);
            let mut targets: Vec<EntityId> = Vec::with_capacity(3);
            for _ in 0..=rng.below(3) {
                if let Some(t) = pick_target(&mut rng)
                    && !targets.contains(&t)
                {
                    relate(&mut d, &mut rng, &me, RelationKind::Supports, &t);
                    targets.push(t);
                }
            }
            let lead = rng.skewed(orgs, skew);
            if let Some(org) = org_ids.get(lead) {
                relate(&mut d, &mut rng, org, RelationKind::Leads, &me);
            }
            for _ in 0..rng.below(3) {
                let partner = rng.below(orgs);
                if partner != lead
                    && let Some(org) = org_ids.get(partner)
                {
                    relate(&mut d, &mut rng, org, RelationKind::PartnersIn, &me);
                }
            }
            if rng.chance(30)
                && let Some(body) = pick(&mut rng, &body_ids)
            {
                relate(&mut d, &mut rng, &me, RelationKind::PartOf, body);
            }
        }
        for i in 0..events {
            let Some(e) = id::<EventId>(format!("e{i}")) else {
                continue;
            };
            let p = provenance(&mut rng);
            d.events
                .push(record(e.clone(), EventKind::Forum, format!("Event {i}"), p));
            let me = EntityId::Event(e);
            if let Some(org) = org_ids.get(rng.skewed(orgs, skew)) {
                relate(&mut d, &mut rng, org, RelationKind::Organises, &me);
            }
            if let Some(t) = pick(&mut rng, &objectives) {
                relate(&mut d, &mut rng, &me, RelationKind::Supports, t);
            }
        }
        d
    }
}
