//! The synthetic generator makes what its documentation promises, for every size, seed and
//! shape: counts, relations per initiative and body, nesting depth, the commitments left
//! uncovered, evidence; and, at a realistic size, the skew and the shares it describes.

use std::collections::{BTreeMap, BTreeSet};

use gdc_map::{
    CoverageOptions, Dataset, EntityId, EntityKind, FindingKind, GapPolicy, GraphBuilder,
    Provenance, RelationKind, SyntheticSpec,
};
use proptest::prelude::*;

/// The counts the documentation gives for N initiatives, where the spec does not set them.
fn default_counts(n: usize) -> (usize, usize, usize, usize) {
    (
        (n / 100).max(3),
        (n / 50).max(2),
        (n / 20).max(10),
        (n / 1000).max(1),
    )
}

/// A spec of any size and seed, with each part of the shape set or left to its default.
fn arb_spec() -> impl Strategy<Value = (SyntheticSpec, Shape)> {
    (
        0usize..2_500,
        any::<u64>(),
        prop::option::of(0usize..60),
        prop::option::of(0usize..80),
        prop::option::of(0usize..150),
        prop::option::of(0u8..12),
        prop::option::of(0u8..=100),
        prop::option::of(0u8..6),
    )
        .prop_map(
            |(n, seed, orgs, bodies, commitments, depth, uncovered, skew)| {
                let mut spec = SyntheticSpec::new(n).seed(seed);
                let (d_orgs, d_bodies, d_commitments, events) = default_counts(n);
                if let Some(o) = orgs {
                    spec = spec.organisations(o);
                }
                if let Some(b) = bodies {
                    spec = spec.bodies(b);
                }
                if let Some(c) = commitments {
                    spec = spec.commitments(c);
                }
                if let Some(d) = depth {
                    spec = spec.max_depth(d);
                }
                if let Some(u) = uncovered {
                    spec = spec.uncovered_percent(u);
                }
                if let Some(s) = skew {
                    spec = spec.lead_skew(s);
                }
                let shape = Shape {
                    initiatives: n,
                    organisations: orgs.unwrap_or(d_orgs),
                    bodies: bodies.unwrap_or(d_bodies),
                    commitments: commitments.unwrap_or(d_commitments),
                    events,
                    max_depth: depth.unwrap_or(5),
                    uncovered_percent: uncovered.unwrap_or(10),
                };
                (spec, shape)
            },
        )
}

/// What a spec asks for, restated from the documentation.
#[derive(Debug, Clone)]
struct Shape {
    initiatives: usize,
    organisations: usize,
    bodies: usize,
    commitments: usize,
    events: usize,
    max_depth: u8,
    uncovered_percent: u8,
}

/// How many relations of each kind each entity is the subject (`true`) or the object of.
fn relations_by_kind(data: &Dataset) -> BTreeMap<(EntityId, RelationKind, bool), usize> {
    let mut counts = BTreeMap::new();
    for r in &data.relations {
        *counts.entry((r.from.clone(), r.kind, true)).or_default() += 1;
        *counts.entry((r.to.clone(), r.kind, false)).or_default() += 1;
    }
    counts
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Every spec gives, twice over, the same dataset, with the counts asked for, and it
    /// builds into a valid graph.
    #[test]
    fn every_spec_gives_the_counts_it_asks_for_and_a_valid_graph((spec, shape) in arb_spec()) {
        let data = spec.generate();
        prop_assert_eq!(&data, &spec.generate());
        prop_assert_eq!(data.initiatives.len(), shape.initiatives);
        prop_assert_eq!(data.organisations.len(), shape.organisations);
        prop_assert_eq!(data.bodies.len(), shape.bodies);
        prop_assert_eq!(data.commitments.len(), shape.commitments);
        prop_assert_eq!(data.events.len(), shape.events);
        let graph = GraphBuilder::new().layer(data.clone()).build();
        prop_assert!(graph.is_ok(), "{:?}", graph.err());
    }

    /// Each initiative supports one to three distinct targets, has one lead when there are
    /// organisations, at most two partners other than its lead, and is part of at most one
    /// body; each body is a subgroup of at most one body, at most `max_depth` levels below
    /// a top body, and has at most two chairs; each event has one organiser when there are
    /// organisations, and supports one objective.
    #[test]
    fn relations_per_entity_are_as_documented((spec, shape) in arb_spec()) {
        let data = spec.generate();
        let counts = relations_by_kind(&data);
        let count = |id: &EntityId, kind, as_subject| {
            counts.get(&(id.clone(), kind, as_subject)).copied().unwrap_or(0)
        };
        let has_orgs = shape.organisations > 0;
        for initiative in &data.initiatives {
            let me = EntityId::Initiative(initiative.id.clone());
            let supports: Vec<&EntityId> = data.relations.iter()
                .filter(|r| r.from == me && r.kind == RelationKind::Supports)
                .map(|r| &r.to)
                .collect();
            prop_assert!((1..=3).contains(&supports.len()), "{me} supports {supports:?}");
            prop_assert_eq!(supports.iter().collect::<BTreeSet<_>>().len(), supports.len());
            prop_assert_eq!(count(&me, RelationKind::Leads, false), usize::from(has_orgs));
            prop_assert!(count(&me, RelationKind::PartnersIn, false) <= 2);
            prop_assert!(count(&me, RelationKind::PartOf, true) <= 1);
        }
        let lead_of: BTreeMap<&EntityId, &EntityId> = data.relations.iter()
            .filter(|r| r.kind == RelationKind::Leads)
            .map(|r| (&r.to, &r.from))
            .collect();
        for r in data.relations.iter().filter(|r| r.kind == RelationKind::PartnersIn) {
            prop_assert_ne!(lead_of.get(&r.to), Some(&&r.from), "{} partners in what it leads", r.from);
        }
        let parent: BTreeMap<&EntityId, &EntityId> = data.relations.iter()
            .filter(|r| r.kind == RelationKind::SubgroupOf)
            .map(|r| (&r.from, &r.to))
            .collect();
        for body in &data.bodies {
            let me = EntityId::Body(body.id.clone());
            prop_assert!(count(&me, RelationKind::SubgroupOf, true) <= 1);
            prop_assert!(count(&me, RelationKind::CoChairs, false) <= 2);
            let depth = levels_below_top(&parent, &me);
            prop_assert!(depth <= usize::from(shape.max_depth), "{me} is {depth} levels deep");
        }
        for event in &data.events {
            let me = EntityId::Event(event.id.clone());
            prop_assert_eq!(count(&me, RelationKind::Organises, false), usize::from(has_orgs));
            let supported: Vec<EntityKind> = data.relations.iter()
                .filter(|r| r.from == me && r.kind == RelationKind::Supports)
                .map(|r| r.to.kind())
                .collect();
            prop_assert_eq!(supported, vec![EntityKind::Objective]);
        }
    }

    /// The commitments left uncovered are those the formula names, ⌊c·p/100⌋ of c, and
    /// nothing relates to them; every relation cites one declared section, and at most one
    /// context source after it.
    #[test]
    fn uncovered_commitments_and_evidence_are_as_documented((spec, shape) in arb_spec()) {
        let data = spec.generate();
        let objects: BTreeSet<&EntityId> = data.relations.iter().map(|r| &r.to).collect();
        let p = usize::from(shape.uncovered_percent);
        let mut left_out = 0;
        for (i, commitment) in data.commitments.iter().enumerate() {
            let me = EntityId::Commitment(commitment.id.clone());
            if (i + 1) * p / 100 > i * p / 100 {
                left_out += 1;
                prop_assert!(!objects.contains(&me), "{me} should be left uncovered");
            }
        }
        prop_assert_eq!(left_out, shape.commitments * p / 100);
        let sections: BTreeSet<_> = data.sections.iter().map(|s| s.id.clone()).collect();
        for r in &data.relations {
            let evidence: Vec<&Provenance> = r.provenance.iter().collect();
            match evidence.as_slice() {
                [Provenance::Stated(s)] | [Provenance::Stated(s), Provenance::Context(_)] => {
                    prop_assert!(sections.contains(s), "{r} cites undeclared {s}");
                }
                other => prop_assert!(false, "{r} has evidence {other:?}"),
            }
        }
    }

    /// Setting a part of the shape to what it would have been gives the same dataset.
    #[test]
    fn setting_the_default_shape_changes_nothing(n in 0usize..3_000, seed: u64) {
        let (orgs, bodies, commitments, _) = default_counts(n);
        let plain = SyntheticSpec::new(n).seed(seed);
        let spelled_out = plain
            .organisations(orgs)
            .bodies(bodies)
            .commitments(commitments)
            .max_depth(5)
            .uncovered_percent(10)
            .lead_skew(3);
        prop_assert_eq!(plain, spelled_out);
        prop_assert_eq!(plain.generate(), spelled_out.generate());
    }
}

/// How many `subgroup-of` steps lead from `body` to a body that is no one's subgroup. The
/// generator makes each body a subgroup of an earlier one, so the chain ends; a cycle would
/// be caught by the graph build.
fn levels_below_top(parent: &BTreeMap<&EntityId, &EntityId>, body: &EntityId) -> usize {
    let (mut at, mut depth) = (body, 0);
    while let Some(&up) = parent.get(at) {
        depth += 1;
        at = up;
        if depth > parent.len() {
            break;
        }
    }
    depth
}

/// How many initiatives each organisation leads, most first.
fn leads_per_organisation(data: &Dataset) -> Vec<usize> {
    let mut leads: BTreeMap<&EntityId, usize> = BTreeMap::new();
    for r in data
        .relations
        .iter()
        .filter(|r| r.kind == RelationKind::Leads)
    {
        *leads.entry(&r.from).or_default() += 1;
    }
    let mut counts: Vec<usize> = data
        .organisations
        .iter()
        .map(|o| {
            leads
                .get(&EntityId::Organisation(o.id.clone()))
                .copied()
                .unwrap_or(0)
        })
        .collect();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    counts
}

/// At a realistic size, whatever the seed: a few organisations lead most initiatives (with
/// the default skew, not with skew 1); hierarchies reach their full depth; initiatives with
/// one, two and three supports are each common; and about a tenth of all targets (the
/// commitments left out, nothing else) are uncovered, by coverage and by the gap report alike.
#[test]
fn realistic_sizes_have_the_documented_skew_depth_and_shares() {
    for seed in 0..4 {
        let spec = SyntheticSpec::new(20_000).seed(seed);
        let data = spec.generate();

        let leads = leads_per_organisation(&data);
        let busiest_tenth: usize = leads[..leads.len() / 10].iter().sum();
        assert!(
            busiest_tenth * 100 > 40 * 20_000,
            "seed {seed}: top tenth leads {busiest_tenth}"
        );
        assert!(
            leads[0] > 10 * leads[leads.len() / 2],
            "seed {seed}: {leads:?}"
        );
        let even = leads_per_organisation(&spec.lead_skew(1).generate());
        assert!(
            even[0] < 2 * 20_000 / even.len(),
            "seed {seed}, skew 1: {even:?}"
        );

        let parent: BTreeMap<&EntityId, &EntityId> = data
            .relations
            .iter()
            .filter(|r| r.kind == RelationKind::SubgroupOf)
            .map(|r| (&r.from, &r.to))
            .collect();
        let deepest = parent.keys().map(|b| levels_below_top(&parent, b)).max();
        assert_eq!(deepest, Some(5), "seed {seed}");

        let mut by_supports = [0usize; 4];
        let mut supports: BTreeMap<&EntityId, usize> = BTreeMap::new();
        for r in data
            .relations
            .iter()
            .filter(|r| r.kind == RelationKind::Supports)
        {
            *supports.entry(&r.from).or_default() += 1;
        }
        for initiative in &data.initiatives {
            let id = EntityId::Initiative(initiative.id.clone());
            by_supports[supports.get(&id).copied().unwrap_or(0).min(3)] += 1;
        }
        assert_eq!(by_supports[0], 0, "seed {seed}");
        for (k, &count) in by_supports.iter().enumerate().skip(1) {
            assert!(
                count * 100 > 20 * 20_000,
                "seed {seed}: {count} with {k} supports"
            );
        }

        let graph = GraphBuilder::new().layer(data.clone()).build().unwrap();
        let targets = graph.targets();
        let uncovered: BTreeSet<EntityId> = graph
            .coverage_summaries(&targets, &CoverageOptions::default())
            .into_iter()
            .filter(|s| s.total == 0)
            .map(|s| s.target)
            .collect();
        let reported: BTreeSet<EntityId> = graph
            .gaps(&GapPolicy::default())
            .of_kind(FindingKind::Uncovered)
            .map(|f| f.subject.clone())
            .collect();
        assert_eq!(uncovered, reported, "seed {seed}");
        assert!(uncovered.iter().all(|t| t.kind() == EntityKind::Commitment));
        assert_eq!(uncovered.len(), 1_000 / 10, "seed {seed}");
        let share = uncovered.len() as f64 / targets.len() as f64;
        assert!((0.08..0.12).contains(&share), "seed {seed}: {share}");
    }
}
