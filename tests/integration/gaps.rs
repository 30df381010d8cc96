//! Gap analysis, explanations and time over the embedded data, and the laws they obey.

use std::collections::BTreeSet;

use gdc_map::{
    BodyKind, CoverageOptions, Dataset, EntityId, EntityKind, Finding, FindingKind, GapPolicy,
    GapReport, Graph, GraphBuilder, Objective, Relation, RelationKind, SyntheticSpec,
};
use proptest::prelude::*;

use crate::common::{arb_dataset, before_and_after_one_more_support, stated};

const ALL_BODY_KINDS: [BodyKind; 9] = [
    BodyKind::Committee,
    BodyKind::Board,
    BodyKind::WorkingGroup,
    BodyKind::Subgroup,
    BodyKind::TaskTeam,
    BodyKind::Commission,
    BodyKind::Network,
    BodyKind::CouncilWorkingGroup,
    BodyKind::Other,
];

fn id(s: &str) -> EntityId {
    s.parse().unwrap()
}

/// The report's single point of failure at `org`, which the test expects to be one.
fn single_point<'r>(report: &'r GapReport, org: &str) -> &'r Finding {
    report
        .of_kind(FindingKind::SinglePointOfFailure)
        .find(|f| f.subject == id(org))
        .unwrap_or_else(|| panic!("{org} should be a single point of failure"))
}

fn subjects(graph: &Graph, kind: FindingKind) -> Vec<String> {
    graph
        .gaps(&GapPolicy::default())
        .of_kind(kind)
        .map(|f| f.subject.to_string())
        .collect()
}

#[test]
fn the_wgdt_subgroups_with_no_stated_lead_are_listed() {
    let no_lead = subjects(Graph::embedded(), FindingKind::NoLead);
    for s in [
        "body:wgdt-sub-2",
        "body:wgdt-sub-3",
        "body:wgdt-sub-4",
        "body:wgdt-sub-chapter-3",
    ] {
        assert!(no_lead.contains(&s.to_owned()), "{s}");
    }
    for s in [
        "body:wgdt-sub-1",
        "body:wgdt-sub-5",
        "body:wgdt",
        "body:iawg-ai",
    ] {
        assert!(
            !no_lead.contains(&s.to_owned()),
            "{s} has a stated lead or chair"
        );
    }
}

/// Found by the property test below: with `partners-with` as a carrier and direct coverage
/// only, the single points of failure came from the dominators of the whole support graph,
/// which reach past the target's own supporters. A body with a lead, alone behind objective 1:
/// directly, no organisation stands behind the objective; transitively its lead does.
#[test]
fn direct_coverage_through_partners_reads_single_points_off_the_direct_supporters() {
    let mut data = crate::common::skeleton();
    data.organisations.push(crate::common::record(
        "o0",
        gdc_map::OrganisationKind::SpecialisedAgency,
        "O0",
    ));
    data.organisations.push(crate::common::record(
        "o4",
        gdc_map::OrganisationKind::SpecialisedAgency,
        "O4",
    ));
    data.bodies.push(crate::common::record(
        "b1",
        gdc_map::BodyKind::WorkingGroup,
        "B1",
    ));
    for (from, kind, to) in [
        ("body:b1", RelationKind::FollowsUp, "objective:1"),
        ("org:o0", RelationKind::Leads, "body:b1"),
        ("org:o4", RelationKind::PartnersWith, "org:o0"),
    ] {
        data.relations
            .push(Relation::new(id(from), kind, id(to), stated("s1")));
    }
    let graph = GraphBuilder::new().layer(data).build().unwrap();
    let through_partners = CoverageOptions::default().carriers(
        CoverageOptions::DEFAULT_CARRIERS
            .into_iter()
            .chain([RelationKind::PartnersWith]),
    );
    let objective = id("objective:1");
    for transitive in [false, true] {
        let mut policy = GapPolicy::default();
        policy.coverage = through_partners.clone().transitive(transitive);
        let report = graph.gaps(&policy);
        let about = |kind| {
            report
                .of_kind(kind)
                .any(|f| f.subject == objective || f.related.contains(&objective))
        };
        assert_eq!(
            about(FindingKind::NoOrganisation),
            !transitive,
            "transitive: {transitive}"
        );
        assert_eq!(
            about(FindingKind::SinglePointOfFailure),
            transitive,
            "transitive: {transitive}"
        );
    }
}

#[test]
fn itu_is_the_single_point_of_failure_for_action_24b_but_not_for_objectives() {
    let report = Graph::embedded().gaps(&GapPolicy::default());
    let itu = single_point(&report, "org:itu");
    assert!(itu.related.contains(&id("action:24(b)")));
    assert!(itu.explanation.contains("runs through ITU"));
    assert!(itu.evidence.iter().any(|r| r.to == id("action:24(b)")));
    assert!(
        !itu.related.contains(&id("objective:1")),
        "UNICEF, UNESCO and the ILO back objective 1 too"
    );
    assert!(
        !itu.related.contains(&id("objective:3")),
        "OHCHR backs objective 3 through its cooperation with ITU"
    );
}

#[test]
fn action_lines_rest_on_context_alone() {
    let context_only = subjects(Graph::embedded(), FindingKind::ContextOnly);
    assert!(context_only.contains(&"wsis:C5".to_owned()));
    for o in Objective::ALL {
        assert!(!context_only.contains(&EntityId::from(o).to_string()));
    }
}

#[test]
fn checks_can_be_turned_off_and_thresholds_raised() {
    let graph = Graph::embedded();
    let mut policy = GapPolicy::default();
    policy.context_only = false;
    policy.single_points = false;
    policy.orphans = false;
    policy.idle = false;
    policy.leaderless = false;
    assert!(graph.gaps(&policy).is_empty(), "{}", graph.gaps(&policy));
    policy.min_initiatives = 4;
    let thin: Vec<String> = graph
        .gaps(&policy)
        .of_kind(FindingKind::Thin)
        .map(|f| f.subject.to_string())
        .collect();
    assert_eq!(
        thin,
        ["objective:3", "objective:5"],
        "three initiatives each; the others have more"
    );
}

#[test]
fn an_uncovered_commitment_is_found_and_covering_it_clears_the_finding() {
    let mine = Dataset::from_json(
        r#"{"schema_version": 1, "commitments": [{"id": "c", "kind": "target",
            "label": {"en": "A new commitment"}, "provenance": [{"context": {"citation": "mine"}}]}]}"#,
    )
    .unwrap();
    let graph = Graph::embedded().layered(mine.clone()).unwrap();
    assert!(subjects(&graph, FindingKind::Uncovered).contains(&"commitment:c".to_owned()));
    let mut covered = mine;
    covered.relations.push(Relation::new(
        id("initiative:giga"),
        RelationKind::Supports,
        id("commitment:c"),
        stated("1/obj1"),
    ));
    let graph = Graph::embedded().layered(covered).unwrap();
    assert!(!subjects(&graph, FindingKind::Uncovered).contains(&"commitment:c".to_owned()));
    assert!(subjects(&graph, FindingKind::Thin).contains(&"commitment:c".to_owned()));
}

/// `n` initiatives contributing to one another in a ring, each supporting a commitment of
/// its own, and the organisations `leads` leading the first: every commitment stands behind
/// the whole ring, so a walk from each would read it all (the report grew with the square of
/// `n` until the targets left after a few walks were answered by one pass over the graph).
fn ring_of_commitments(n: usize, leads: &[&str]) -> Graph {
    use crate::common::{record, skeleton};
    use gdc_map::{CommitmentKind, InitiativeKind, OrganisationKind};
    let mut d = skeleton();
    for i in 0..n {
        d.initiatives.push(record(
            &format!("i{i}"),
            InitiativeKind::Programme,
            &format!("I{i}"),
        ));
        d.commitments.push(record(
            &format!("c{i}"),
            CommitmentKind::Commitment,
            &format!("C{i}"),
        ));
        d.relations.push(Relation::new(
            id(&format!("initiative:i{i}")),
            RelationKind::Supports,
            id(&format!("commitment:c{i}")),
            stated("s1"),
        ));
        d.relations.push(Relation::new(
            id(&format!("initiative:i{i}")),
            RelationKind::ContributesTo,
            id(&format!("initiative:i{}", (i + 1) % n)),
            stated("s2"),
        ));
    }
    for org in leads {
        d.organisations
            .push(record(org, OrganisationKind::SpecialisedAgency, org));
        d.relations.push(Relation::new(
            id(&format!("org:{org}")),
            RelationKind::Leads,
            id("initiative:i0"),
            stated("s3"),
        ));
    }
    GraphBuilder::new().layer(d).build().unwrap()
}

#[test]
fn many_targets_behind_one_ring_are_answered_whatever_stands_behind_it() {
    const N: usize = 3_000;
    let commitments = |report: &gdc_map::GapReport, kind| {
        report
            .of_kind(kind)
            .filter(|f| f.subject.kind() == EntityKind::Commitment)
            .count()
    };
    // No organisation anywhere: every commitment has none behind it, and none is thin.
    let report = ring_of_commitments(N, &[]).gaps(&GapPolicy::default());
    assert_eq!(commitments(&report, FindingKind::NoOrganisation), N);
    assert_eq!(commitments(&report, FindingKind::Thin), 0);
    assert_eq!(report.of_kind(FindingKind::SinglePointOfFailure).count(), 0);
    // Two organisations at the far end of the ring: nothing to report about any commitment.
    let report = ring_of_commitments(N, &["o1", "o2"]).gaps(&GapPolicy::default());
    for kind in [
        FindingKind::NoOrganisation,
        FindingKind::Thin,
        FindingKind::Uncovered,
    ] {
        assert_eq!(commitments(&report, kind), 0, "{kind}");
    }
    assert_eq!(report.of_kind(FindingKind::SinglePointOfFailure).count(), 0);
    // One: it holds up every commitment, and its evidence is the ring, each relation once,
    // whether single points are read off each walk or off the dominator tree (a carrier
    // into organisations).
    let through_partners = CoverageOptions::default().carriers(
        CoverageOptions::DEFAULT_CARRIERS
            .into_iter()
            .chain([RelationKind::PartnersWith]),
    );
    let graph = ring_of_commitments(N, &["o1"]);
    for coverage in [CoverageOptions::default(), through_partners] {
        let mut policy = GapPolicy::default();
        policy.coverage = coverage;
        let report = graph.gaps(&policy);
        let single = single_point(&report, "org:o1");
        assert_eq!(single.related.len(), N);
        let cited: BTreeSet<(&EntityId, RelationKind, &EntityId)> = single
            .evidence
            .iter()
            .map(|r| (&r.from, r.kind, &r.to))
            .collect();
        assert_eq!(
            cited.len(),
            single.evidence.len(),
            "evidence repeats a relation"
        );
        assert_eq!(
            single.evidence.len(),
            1 + N + (N - 1),
            "the lead, the supports, the ring but its last link"
        );
    }
}

/// `n` commitments `c0`.. and `n` working groups `b0`.., and nothing between them.
fn commitments_and_bodies(n: usize) -> Dataset {
    use crate::common::{record, skeleton};
    use gdc_map::CommitmentKind;
    let mut d = skeleton();
    for i in 0..n {
        d.bodies.push(record(
            &format!("b{i}"),
            BodyKind::WorkingGroup,
            &format!("B{i}"),
        ));
        d.commitments.push(record(
            &format!("c{i}"),
            CommitmentKind::Commitment,
            &format!("C{i}"),
        ));
    }
    d
}

/// [`commitments_and_bodies`], each body a subgroup of the one before: the data of the two
/// tests below, which add what stands between the commitments and the hierarchy.
fn commitments_and_a_deep_hierarchy(n: usize) -> Dataset {
    let mut d = commitments_and_bodies(n);
    for i in 1..n {
        d.relations.push(Relation::new(
            id(&format!("body:b{i}")),
            RelationKind::SubgroupOf,
            id(&format!("body:b{}", i - 1)),
            stated("s2"),
        ));
    }
    d
}

/// `n` commitments, each supported by the top of a hierarchy `n` bodies deep, with no
/// initiative or organisation anywhere: every commitment is thin and has no organisation
/// behind it, which each walk found only at the bottom of the hierarchy.
#[test]
fn many_targets_behind_one_deep_hierarchy_are_thin_with_nothing_to_cite() {
    const N: usize = 3_000;
    let mut d = commitments_and_a_deep_hierarchy(N);
    for i in 0..N {
        d.relations.push(Relation::new(
            id("body:b0"),
            RelationKind::Supports,
            id(&format!("commitment:c{i}")),
            stated("s1"),
        ));
    }
    let report = GraphBuilder::new()
        .layer(d)
        .build()
        .unwrap()
        .gaps(&GapPolicy::default());
    let about_commitments = |kind| {
        report
            .of_kind(kind)
            .filter(|f| f.subject.kind() == EntityKind::Commitment)
            .collect::<Vec<_>>()
    };
    let thin = about_commitments(FindingKind::Thin);
    assert_eq!(thin.len(), N);
    assert!(
        thin.iter()
            .all(|f| f.related.is_empty() && f.evidence.is_empty())
    );
    assert!(thin[0].explanation.contains("supported by no initiative"));
    let no_organisation = about_commitments(FindingKind::NoOrganisation);
    assert_eq!(no_organisation.len(), N);
    // The evidence of "no organisation" is the relations straight into the commitment.
    assert!(
        no_organisation
            .iter()
            .all(|f| f.evidence.len() == 1 && f.evidence[0].from == id("body:b0"))
    );
}

/// `n` commitments, each supported by an initiative of its own that the top of a hierarchy
/// `n` bodies deep leads: each commitment is thin, and its one chain is its one support,
/// though the whole hierarchy stands behind it (the walk that found each chain used to read
/// the whole hierarchy).
#[test]
fn thin_targets_behind_one_deep_hierarchy_cite_their_own_support() {
    use crate::common::record;
    use gdc_map::InitiativeKind;
    const N: usize = 3_000;
    let mut d = commitments_and_a_deep_hierarchy(N);
    for i in 0..N {
        d.initiatives.push(record(
            &format!("i{i}"),
            InitiativeKind::Programme,
            &format!("I{i}"),
        ));
        for (from, kind, to) in [
            (
                format!("initiative:i{i}"),
                RelationKind::Supports,
                format!("commitment:c{i}"),
            ),
            (
                "body:b0".into(),
                RelationKind::Leads,
                format!("initiative:i{i}"),
            ),
        ] {
            d.relations
                .push(Relation::new(id(&from), kind, id(&to), stated("s1")));
        }
    }
    let report = GraphBuilder::new()
        .layer(d)
        .build()
        .unwrap()
        .gaps(&GapPolicy::default());
    let thin: Vec<_> = report.of_kind(FindingKind::Thin).collect();
    assert_eq!(thin.len(), N);
    for finding in thin {
        let EntityId::Commitment(c) = &finding.subject else {
            panic!("{finding:?}");
        };
        let initiative = id(&format!("initiative:i{}", &c.as_str()[1..]));
        assert_eq!(finding.related, std::slice::from_ref(&initiative));
        let cited: Vec<_> = (finding.evidence.iter())
            .map(|r| (&r.from, r.kind, &r.to))
            .collect();
        assert_eq!(
            cited,
            [(&initiative, RelationKind::Supports, &finding.subject)]
        );
    }
}

/// `n` commitments supported by one body with `n` subgroups, one initiative contributing to
/// one of those and one organisation leading it: every commitment is thin, and the walk from
/// each that found its chain read all `n` subgroups on the way.
#[test]
fn thin_targets_behind_one_wide_hub_cite_their_chains() {
    use crate::common::record;
    use gdc_map::{InitiativeKind, OrganisationKind};
    const N: usize = 3_000;
    let mut d = commitments_and_bodies(N);
    d.initiatives
        .push(record("i0", InitiativeKind::Programme, "I0"));
    d.organisations
        .push(record("o0", OrganisationKind::SpecialisedAgency, "O0"));
    d.bodies.push(record("hub", BodyKind::WorkingGroup, "Hub"));
    let mut relations = vec![
        (
            "org:o0".to_owned(),
            RelationKind::Leads,
            "initiative:i0".to_owned(),
        ),
        (
            "initiative:i0".into(),
            RelationKind::ContributesTo,
            "body:b0".into(),
        ),
    ];
    for i in 0..N {
        relations.push((
            "body:hub".into(),
            RelationKind::Supports,
            format!("commitment:c{i}"),
        ));
        relations.push((
            format!("body:b{i}"),
            RelationKind::SubgroupOf,
            "body:hub".into(),
        ));
    }
    for (from, kind, to) in relations {
        d.relations
            .push(Relation::new(id(&from), kind, id(&to), stated("s1")));
    }
    let graph = GraphBuilder::new().layer(d).build().unwrap();
    let report = graph.gaps(&GapPolicy::default());
    let chain = |c: &EntityId| {
        vec![
            (
                id("initiative:i0"),
                RelationKind::ContributesTo,
                id("body:b0"),
            ),
            (id("body:b0"), RelationKind::SubgroupOf, id("body:hub")),
            (id("body:hub"), RelationKind::Supports, c.clone()),
        ]
    };
    let cited = |f: &gdc_map::Finding| -> Vec<(EntityId, RelationKind, EntityId)> {
        (f.evidence.iter())
            .map(|r| (r.from.clone(), r.kind, r.to.clone()))
            .collect()
    };
    let thin: Vec<_> = report.of_kind(FindingKind::Thin).collect();
    assert_eq!(thin.len(), N);
    for finding in thin {
        assert_eq!(finding.related, [id("initiative:i0")]);
        assert_eq!(cited(finding), chain(&finding.subject));
    }
    // The organisation holds up every commitment: its lead, the two steps to the hub, and
    // every support, each once.
    let single: Vec<_> = report.of_kind(FindingKind::SinglePointOfFailure).collect();
    assert_eq!(single.len(), 1);
    assert_eq!(single[0].related.len(), N);
    let evidence: BTreeSet<_> = cited(single[0]).into_iter().collect();
    assert_eq!(evidence.len(), single[0].evidence.len());
    assert_eq!(evidence.len(), 3 + N);
}

/// Chains to a single point's targets, or to a thin target's initiatives, share relations
/// (an organisation's lead of an initiative backing two targets, a body two initiatives take
/// part in): a finding cites each once.
#[test]
fn no_finding_cites_a_relation_twice() {
    let graph = GraphBuilder::new()
        .layer(
            SyntheticSpec::new(3_000)
                .seed(4)
                .commitments(3_000)
                .generate(),
        )
        .build()
        .unwrap();
    let mut policy = GapPolicy::default();
    policy.min_initiatives = 6;
    policy.thin_kinds = [
        EntityKind::Objective,
        EntityKind::Commitment,
        EntityKind::Sdg,
    ]
    .into_iter()
    .collect();
    let report = graph.gaps(&policy);
    let mut cited = 0;
    for finding in &report.findings {
        for (i, r) in finding.evidence.iter().enumerate() {
            assert!(
                !finding.evidence[..i].contains(r),
                "{}: {r:?}",
                finding.subject
            );
        }
        cited += finding.evidence.len();
    }
    assert!(
        report
            .of_kind(FindingKind::SinglePointOfFailure)
            .any(|f| f.related.len() > 1),
        "the data must hold a single point of several targets"
    );
    assert!(cited > 0);
    // Two initiatives contributing to a third, which alone supports a commitment: all three
    // chains end in the same support, cited once.
    use crate::common::{record, skeleton};
    use gdc_map::{CommitmentKind, InitiativeKind};
    let mut d = skeleton();
    for i in 1..=3 {
        let name = format!("i{i}");
        d.initiatives
            .push(record(&name, InitiativeKind::Programme, &name));
    }
    d.commitments
        .push(record("c0", CommitmentKind::Commitment, "C0"));
    let support = Relation::new(
        id("initiative:i3"),
        RelationKind::Supports,
        id("commitment:c0"),
        stated("s1"),
    );
    d.relations.push(support.clone());
    for i in 1..=2 {
        d.relations.push(Relation::new(
            id(&format!("initiative:i{i}")),
            RelationKind::ContributesTo,
            id("initiative:i3"),
            stated("s1"),
        ));
    }
    let mut policy = GapPolicy::default();
    policy.min_initiatives = 4;
    let report = GraphBuilder::new().layer(d).build().unwrap().gaps(&policy);
    let thin = report
        .of_kind(FindingKind::Thin)
        .find(|f| f.subject == id("commitment:c0"))
        .unwrap();
    assert_eq!(thin.related.len(), 3);
    assert_eq!(thin.evidence.len(), 3, "{:?}", thin.evidence);
    assert_eq!(thin.evidence.iter().filter(|r| **r == support).count(), 1);
}

#[test]
fn explain_unicef_to_objective_1_goes_through_giga() {
    let why = Graph::embedded()
        .explain(&id("org:unicef"), &id("objective:1"))
        .unwrap();
    assert_eq!(why.steps.len(), 2);
    assert_eq!(why.steps[0].end(), &id("initiative:giga"));
    assert!(
        why.steps[1]
            .relation
            .provenance
            .iter()
            .any(|p| p.to_string() == "§1/obj1")
    );
    assert!(why.is_stated());
    let none = Graph::embedded().explain(&id("org:unicef"), &id("sdg:14"));
    assert!(none.is_none(), "SDG 14 is in no relation");
    let same = Graph::embedded()
        .explain(&id("org:itu"), &id("org:itu"))
        .unwrap();
    assert!(same.steps.is_empty());
    assert_eq!(same.to_string(), "org:itu to org:itu: the same entity\n");
    // Read the other way, the same relations are crossed against their direction, and the
    // text says so of each.
    let back = Graph::embedded()
        .explain(&id("objective:1"), &id("org:unicef"))
        .unwrap();
    let lines: Vec<String> = back.to_string().lines().map(str::to_owned).collect();
    assert_eq!(lines[0], "objective:1 to org:unicef, 2 steps:");
    for (line, step) in lines[1..].iter().zip(&back.steps) {
        assert!(!step.forward);
        assert!(
            line.starts_with(&format!("  {}  [", step.relation)),
            "{line}"
        );
        assert!(line.ends_with("]  (backwards)"), "{line}");
    }
    assert_eq!(lines.len(), 3);
}

#[test]
fn timeline_orders_what_happened_when() {
    let all = Graph::embedded().timeline(..);
    assert!(all.windows(2).all(|w| w[0].fact.date <= w[1].fact.date));
    let after: Vec<String> = Graph::embedded()
        .timeline("2025-02-27".parse::<gdc_map::PartialDate>().unwrap()..)
        .iter()
        .map(|e| e.entity.to_string())
        .collect();
    assert_eq!(after[0], "event:wgdt-high-level-meeting");
    assert!(after.contains(&"event:gdc-discussion-future-of-work".to_owned()));
}

#[test]
fn matrix_renders_as_text_and_markdown() {
    let objectives: Vec<EntityId> = Objective::ALL.into_iter().map(Into::into).collect();
    let m = Graph::embedded().coverage_matrix(
        EntityKind::Organisation,
        &objectives,
        &CoverageOptions::default(),
    );
    assert!(m.rows.contains(&id("org:itu")));
    assert_eq!(m.cells.len(), m.rows.len());
    assert!(m.cells.iter().all(|r| r.len() == 5));
    let md = m.to_markdown();
    assert!(md.starts_with("|  | Objective 1 | Objective 2 |"));
    assert_eq!(md.lines().count(), m.rows.len() + 2);
    let text = m.to_text();
    assert!(
        text.lines()
            .any(|l| l.starts_with("UNICEF") && l.contains("partner"))
    );
}

/// A bureau does not stand without its organisation: targets backed only by ITU's bureaux,
/// or by ITU and a bureau, hang on ITU; one backed by a bureau alone hangs on both.
#[test]
fn an_organisation_and_its_parts_are_one_single_point() {
    use crate::common::{record, relate, skeleton};
    use gdc_map::{InitiativeKind, OrganisationKind};
    let mut d = skeleton();
    for name in ["itu", "tsb", "bdt", "unesco"] {
        d.organisations
            .push(record(name, OrganisationKind::SpecialisedAgency, name));
    }
    relate(&mut d, "org:tsb", RelationKind::PartOf, "org:itu");
    // Known from elsewhere only.
    d.relations.push(Relation::new(
        id("org:bdt"),
        RelationKind::PartOf,
        id("org:itu"),
        crate::common::context("ITU's website"),
    ));
    // (initiative, who leads it, the objective it supports)
    let backing = [
        ("i1", "tsb", 1),
        ("i2", "bdt", 1),
        ("i3", "tsb", 2),
        ("i4", "unesco", 2),
        ("i5", "itu", 3),
        ("i6", "tsb", 3),
        ("i7", "tsb", 4),
    ];
    for (initiative, lead, objective) in backing {
        relate(
            &mut d,
            &format!("org:{lead}"),
            RelationKind::Leads,
            &format!("initiative:{initiative}"),
        );
        relate(
            &mut d,
            &format!("initiative:{initiative}"),
            RelationKind::Supports,
            &format!("objective:{objective}"),
        );
    }
    // Straight to objective 5, for direct coverage.
    relate(&mut d, "org:tsb", RelationKind::Supports, "objective:5");
    relate(&mut d, "org:bdt", RelationKind::Supports, "objective:5");
    // A partner of a bureau, for coverage that follows partnerships.
    relate(&mut d, "org:unesco", RelationKind::PartnersWith, "org:tsb");
    for (initiative, ..) in backing {
        d.initiatives
            .push(record(initiative, InitiativeKind::Programme, initiative));
    }
    let graph = GraphBuilder::new().layer(d).build().unwrap();
    let held_up = |policy: &GapPolicy| -> Vec<(String, Vec<String>)> {
        (graph
            .gaps(policy)
            .of_kind(FindingKind::SinglePointOfFailure))
        .map(|f| {
            let targets = f.related.iter().map(ToString::to_string).collect();
            (f.subject.to_string(), targets)
        })
        .collect()
    };
    let strings = |ids: &[&str]| ids.iter().map(ToString::to_string).collect::<Vec<_>>();
    assert_eq!(
        held_up(&GapPolicy::default()),
        [
            (
                "org:itu".to_owned(),
                strings(&["objective:1", "objective:3", "objective:4", "objective:5"])
            ),
            ("org:tsb".to_owned(), strings(&["objective:4"])),
        ]
    );
    let report = graph.gaps(&GapPolicy::default());
    let itu = single_point(&report, "org:itu");
    // The sentence names the part the cited chains come in through, so that a reader who
    // sees TSB in them sees why ITU is the single point.
    assert_eq!(
        itu.explanation,
        "every organisation-backed route to Objective 1, Objective 3, Objective 4, Objective 5 \
         runs through itu (tsb is part of it): without it, no organisation would stand behind \
         them"
    );
    let tsb = single_point(&report, "org:tsb");
    assert_eq!(
        tsb.explanation,
        "every organisation-backed route to Objective 4 runs through tsb: without it, no \
         organisation would stand behind it"
    );
    // A shortest chain to each target: through TSB to objectives 1, 4 and 5, ITU's own
    // to objective 3.
    let cited: BTreeSet<String> = itu.evidence.iter().map(ToString::to_string).collect();
    let chains = [
        "org:tsb part-of org:itu",
        "org:tsb leads initiative:i1",
        "initiative:i1 supports objective:1",
        "org:itu leads initiative:i5",
        "initiative:i5 supports objective:3",
        "org:tsb leads initiative:i7",
        "initiative:i7 supports objective:4",
        "org:tsb supports objective:5",
    ];
    assert_eq!(cited, chains.into_iter().map(String::from).collect());
    // Direct coverage counts only the relations into a target: ITU's bureaux back
    // objective 5 outright, and nothing else is direct.
    let mut direct = GapPolicy::default();
    direct.coverage = CoverageOptions::default().direct_only();
    assert_eq!(
        held_up(&direct),
        [("org:itu".to_owned(), strings(&["objective:5"]))]
    );
    // Through UNESCO's partnership with TSB, every route to objective 4 still runs through
    // TSB, and TSB does not stand without ITU.
    let mut partners = GapPolicy::default();
    partners.coverage = CoverageOptions::default().carriers(
        CoverageOptions::DEFAULT_CARRIERS
            .into_iter()
            .chain([RelationKind::PartnersWith]),
    );
    assert_eq!(held_up(&partners), held_up(&GapPolicy::default()));
    // Evidence the options do not admit does not make a bureau part of ITU: counting stated
    // evidence only, the second bureau stands on its own.
    let mut stated_only = GapPolicy::default();
    stated_only.coverage = CoverageOptions::default().evidence(gdc_map::Evidence::StatedOnly);
    assert_eq!(
        held_up(&stated_only),
        [
            (
                "org:itu".to_owned(),
                strings(&["objective:3", "objective:4"])
            ),
            ("org:tsb".to_owned(), strings(&["objective:4"])),
        ]
    );
}

/// A study group of a bureau of an organisation leads the one initiative behind a commitment:
/// each of the three is a single point, and each sentence names the parts below it that the
/// cited chain comes in through, nearest first.
#[test]
fn a_single_point_names_the_parts_its_chain_comes_in_through() {
    use crate::common::{record, relate, skeleton};
    use gdc_map::{CommitmentKind, InitiativeKind, OrganisationKind};
    let mut d = skeleton();
    for name in ["itu", "tsb", "sg17"] {
        d.organisations
            .push(record(name, OrganisationKind::SpecialisedAgency, name));
    }
    // Stated bottom-up, so that the order of the sentence is not the order of the data.
    relate(&mut d, "org:sg17", RelationKind::PartOf, "org:tsb");
    relate(&mut d, "org:tsb", RelationKind::PartOf, "org:itu");
    relate(&mut d, "org:sg17", RelationKind::Leads, "initiative:x");
    relate(
        &mut d,
        "initiative:x",
        RelationKind::Supports,
        "commitment:c",
    );
    d.initiatives
        .push(record("x", InitiativeKind::Programme, "x"));
    d.commitments
        .push(record("c", CommitmentKind::Commitment, "c"));
    let graph = GraphBuilder::new().layer(d).build().unwrap();
    let report = graph.gaps(&GapPolicy::default());
    let sentences: Vec<(String, String)> = report
        .of_kind(FindingKind::SinglePointOfFailure)
        .map(|f| (f.subject.to_string(), f.explanation.clone()))
        .collect();
    let sentence = |point: &str, parts: &str| {
        (
            format!("org:{point}"),
            format!(
                "every organisation-backed route to c runs through {point}{parts}: without it, \
                 no organisation would stand behind it"
            ),
        )
    };
    assert_eq!(
        sentences,
        [
            sentence("itu", " (tsb and sg17 are part of it)"),
            sentence("sg17", ""),
            sentence("tsb", " (sg17 is part of it)"),
        ]
    );
}

/// Behind a long ring, every commitment hangs on the bureau at the far end and on the
/// organisation it is part of: long enough that walking the whole ring from each commitment
/// is past what the report allows itself, so the one pass over the graph answers.
#[test]
fn a_bureau_at_the_far_end_of_a_ring_holds_up_every_commitment_behind_it() {
    use crate::common::{record, relate, skeleton};
    use gdc_map::{CommitmentKind, InitiativeKind, OrganisationKind};
    let n = 3_000;
    let mut d = skeleton();
    for name in ["itu", "tsb"] {
        d.organisations
            .push(record(name, OrganisationKind::SpecialisedAgency, name));
    }
    relate(&mut d, "org:tsb", RelationKind::PartOf, "org:itu");
    relate(&mut d, "org:tsb", RelationKind::Leads, "initiative:i0");
    for i in 0..n {
        let next = (i + 1) % n;
        relate(
            &mut d,
            &format!("initiative:i{i}"),
            RelationKind::ContributesTo,
            &format!("initiative:i{next}"),
        );
        relate(
            &mut d,
            &format!("initiative:i{i}"),
            RelationKind::Supports,
            &format!("commitment:c{i}"),
        );
    }
    for i in 0..n {
        let name = format!("i{i}");
        d.initiatives
            .push(record(&name, InitiativeKind::Programme, &name));
        let name = format!("c{i}");
        d.commitments
            .push(record(&name, CommitmentKind::Commitment, &name));
    }
    let graph = GraphBuilder::new().layer(d).build().unwrap();
    let report = graph.gaps(&GapPolicy::default());
    let commitments: BTreeSet<EntityId> = (0..n).map(|i| id(&format!("commitment:c{i}"))).collect();
    let points: Vec<(String, BTreeSet<EntityId>)> = report
        .of_kind(FindingKind::SinglePointOfFailure)
        .map(|f| (f.subject.to_string(), f.related.iter().cloned().collect()))
        .collect();
    assert_eq!(
        points,
        [
            ("org:itu".to_owned(), commitments.clone()),
            ("org:tsb".to_owned(), commitments)
        ]
    );
    // Nothing else: the ring holds every initiative behind every commitment.
    assert_eq!(
        report.findings.len(),
        2 + subjects(&graph, FindingKind::Uncovered).len()
    );
    // ITU's evidence reaches every commitment through TSB and around the ring, each
    // relation once: the whole ring, its supports, the lead and the part-of.
    let itu = report
        .of_kind(FindingKind::SinglePointOfFailure)
        .next()
        .unwrap();
    assert_eq!(itu.evidence.len(), (n - 1) + n + 2);
    assert!(itu.evidence.iter().any(|r| r.kind == RelationKind::PartOf));
    assert!(
        itu.explanation
            .contains(" runs through itu (tsb is part of it): "),
        "{}",
        itu.explanation
    );
}

/// `org` and the organisations that go with it: each that is part of organisations
/// (`part-of`, with evidence the options admit) all of which have gone.
fn gone_with(graph: &Graph, org: &EntityId, stated_only: bool) -> BTreeSet<EntityId> {
    let wholes = |part: &EntityId| -> Vec<&EntityId> {
        (graph.relations().iter())
            .filter(|r| {
                &r.from == part
                    && r.kind == RelationKind::PartOf
                    && r.to.kind() == EntityKind::Organisation
                    && (!stated_only || r.provenance.iter().any(|p| p.is_stated()))
            })
            .map(|r| &r.to)
            .collect()
    };
    let mut gone = BTreeSet::from([org.clone()]);
    loop {
        let more: Vec<EntityId> = (graph.organisations().iter())
            .map(|o| EntityId::Organisation(o.id.clone()))
            .filter(|o| !gone.contains(o))
            .filter(|o| {
                let of = wholes(o);
                !of.is_empty() && of.iter().all(|w| gone.contains(*w))
            })
            .collect();
        if more.is_empty() {
            return gone;
        }
        gone.extend(more);
    }
}

/// `data` without the organisations in `gone` and their relations.
fn without(data: &Dataset, gone: &BTreeSet<EntityId>) -> Dataset {
    let mut d = data.clone();
    d.organisations
        .retain(|o| !gone.contains(&EntityId::Organisation(o.id.clone())));
    d.relations
        .retain(|r| !gone.contains(&r.from) && !gone.contains(&r.to));
    d
}

fn backed(graph: &Graph, target: &EntityId, options: &CoverageOptions) -> bool {
    graph
        .coverage(target, options)
        .is_some_and(|c| c.of_kind(EntityKind::Organisation).next().is_some())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    /// An explanation is a real chain of the graph's relations from one entity to the other,
    /// as short as any, and of those the one the documented ranking picks; there is none
    /// exactly when no chain exists.
    #[test]
    fn explanations_are_the_best_ranked_shortest_chains(data in arb_dataset(), picks in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>()), 1..6)) {
        let graph = GraphBuilder::new().layer(data).build().unwrap();
        // Entities with relations, and one without, so some pairs are connected and some not.
        let mut ids: Vec<EntityId> = graph
            .relations()
            .iter()
            .flat_map(|r| [r.from.clone(), r.to.clone()])
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        ids.push("sdg:17".parse().unwrap());
        for (a, b) in picks {
            let (from, to) = (&ids[a.index(ids.len())], &ids[b.index(ids.len())]);
            check_explanation(&graph, from, to)?;
        }
    }

    /// The same on long chains of working groups with shortcuts between them, some stated
    /// and some context only: chains of dozens of steps, with many of the same length.
    #[test]
    fn explanations_along_long_chains_are_the_best_ranked_shortest_chains(
        len in 2usize..120,
        shortcuts in prop::collection::vec((any::<prop::sample::Index>(), 2usize..9, any::<bool>()), 0..12),
        picks in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>()), 1..6),
    ) {
        let mut data = crate::common::skeleton();
        let body = |i: usize| EntityId::Body(format!("b{i}").parse().unwrap());
        for i in 0..len {
            data.bodies.push(crate::common::record(&format!("b{i}"), gdc_map::BodyKind::WorkingGroup, "B"));
        }
        let mut link = |from: usize, to: usize, evidence| {
            data.relations.push(Relation::new(body(from), RelationKind::SubgroupOf, body(to), evidence));
        };
        for i in 1..len {
            link(i, i - 1, stated("s1"));
        }
        // Each shortcut skips a few groups, always toward the first, so the hierarchy stays
        // acyclic; two alike are merged by the build.
        for (at, skip, is_stated) in shortcuts {
            let from = at.index(len);
            if from >= skip {
                link(from, from - skip, if is_stated { stated("s2") } else { crate::common::context("A") });
            }
        }
        let graph = GraphBuilder::new().layer(data).build().unwrap();
        for (a, b) in picks {
            check_explanation(&graph, &body(a.index(len)), &body(b.index(len)))?;
        }
    }

    /// The same on generated graphs of a few thousand entities, whose hubs (organisations
    /// leading hundreds of initiatives, objectives supported by a third of them) make the
    /// two sides of the search grow unevenly.
    #[test]
    fn explanations_in_generated_graphs_are_the_best_ranked_shortest_chains(size in 50usize..1500, seed: u64, picks in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>()), 1..8)) {
        let graph = GraphBuilder::new().layer(SyntheticSpec::new(size).seed(seed).generate()).build().unwrap();
        let ids: Vec<EntityId> = graph.entities().map(|e| e.id()).collect();
        for (a, b) in picks {
            check_explanation(&graph, &ids[a.index(ids.len())], &ids[b.index(ids.len())])?;
        }
    }

    /// An organisation reported as a single point of failure for a target really leaves it
    /// with no organisation behind it when the graph is rebuilt without it (and without the
    /// organisations that are part of it and of no other); no other organisation does. Its
    /// evidence joins it to each of those targets, through the relations coverage follows
    /// and, from a whole to its part, `part-of`.
    #[test]
    fn single_points_of_failure_are_exactly_the_removals_that_uncover(data in arb_dataset(), through_partners: bool) {
        // With `partners-with` as a carrier, routes run through organisations and the general
        // dominator computation answers; without, the per-walk shortcut does.
        let options = if through_partners {
            CoverageOptions::default().carriers(
                CoverageOptions::DEFAULT_CARRIERS.into_iter().chain([RelationKind::PartnersWith]),
            )
        } else {
            CoverageOptions::default()
        };
        let mut policy = GapPolicy::default();
        policy.coverage = options.clone();
        let graph = GraphBuilder::new().layer(data.clone()).build().unwrap();
        let report = graph.gaps(&policy);
        // The report is sorted by kind, then subject, each subject once per kind, each
        // finding's related entities sorted, and no relation cited twice by one finding.
        for pair in report.findings.windows(2) {
            prop_assert!((pair[0].kind, &pair[0].subject) < (pair[1].kind, &pair[1].subject));
        }
        for finding in &report.findings {
            prop_assert!(finding.related.windows(2).all(|w| w[0] < w[1]));
            for (i, r) in finding.evidence.iter().enumerate() {
                prop_assert!(!finding.evidence[..i].contains(r), "{} cites {:?} twice", finding.subject, r);
            }
        }
        let spof: BTreeSet<(EntityId, EntityId)> = report
            .of_kind(FindingKind::SinglePointOfFailure)
            .flat_map(|f| f.related.iter().map(|t| (f.subject.clone(), t.clone())))
            .collect();
        for target in graph.targets() {
            if !backed(&graph, &target, &options) {
                continue;
            }
            for org in graph.organisations() {
                let org = EntityId::Organisation(org.id.clone());
                let gone = gone_with(&graph, &org, false);
                let rebuilt = GraphBuilder::new().layer(without(&data, &gone)).build().unwrap();
                let uncovers = !backed(&rebuilt, &target, &options);
                prop_assert_eq!(uncovers, spof.contains(&(org.clone(), target.clone())), "{} {}", org, target);
            }
        }
        for finding in report.of_kind(FindingKind::SinglePointOfFailure) {
            // The evidence as steps of a route: subject to object, or whole to part.
            let steps: Vec<(&EntityId, &EntityId)> = (finding.evidence.iter())
                .map(|r| {
                    let org_part = r.kind == RelationKind::PartOf
                        && r.to.kind() == EntityKind::Organisation;
                    if org_part { (&r.to, &r.from) } else { (&r.from, &r.to) }
                })
                .collect();
            let mut reached = BTreeSet::from([&finding.subject]);
            loop {
                let before = reached.len();
                for (a, b) in &steps {
                    if reached.contains(a) {
                        reached.insert(b);
                    }
                }
                if reached.len() == before {
                    break;
                }
            }
            for target in &finding.related {
                prop_assert!(reached.contains(target), "{}: no chain to {}", finding.subject, target);
            }
        }
    }

    /// The findings about how each target is covered say what its full coverage says, for
    /// any threshold, any kinds the thin check applies to, routes through organisations or
    /// not, transitive or direct, context evidence counted or not: uncovered exactly when the
    /// coverage is empty; thin exactly when it holds fewer initiatives than asked (and then
    /// naming all of them); no organisation exactly when none is in it, and (when no route
    /// runs through an organisation) a single point of failure exactly when one is; context
    /// only exactly when the stated-only coverage is empty; an orphan exactly when an
    /// initiative is in no target's coverage. The report stops reading a target's coverage
    /// once it has seen enough; this reads all of it.
    #[test]
    fn per_target_findings_say_what_full_coverage_says(
        data in prop_oneof![
            arb_dataset(),
            (20usize..400, any::<u64>()).prop_map(|(n, seed)| SyntheticSpec::new(n).seed(seed).generate()),
        ],
        // Up to the largest number a caller can write, which no count reaches.
        min_initiatives in prop_oneof![4 => 0usize..5, 4 => 5usize..12, 1 => (usize::MAX - 2)..=usize::MAX],
        thin_kinds in prop::sample::subsequence(EntityKind::ALL.to_vec(), 0..=EntityKind::ALL.len()),
        through_partners: bool,
        transitive: bool,
        stated_evidence_only: bool,
    ) {
        let mut policy = GapPolicy::default();
        policy.min_initiatives = min_initiatives;
        policy.thin_kinds = thin_kinds.into_iter().collect();
        if through_partners {
            policy.coverage = CoverageOptions::default().carriers(
                CoverageOptions::DEFAULT_CARRIERS.into_iter().chain([RelationKind::PartnersWith]),
            );
        }
        policy.coverage = policy.coverage.transitive(transitive);
        if stated_evidence_only {
            policy.coverage = policy.coverage.evidence(gdc_map::Evidence::StatedOnly);
        }
        let options = policy.coverage.clone();
        let stated_only = options.clone().evidence(gdc_map::Evidence::StatedOnly);
        let graph = GraphBuilder::new().layer(data).build().unwrap();
        let report = graph.gaps(&policy);
        let found = |kind: FindingKind| -> BTreeSet<EntityId> {
            report.of_kind(kind).map(|f| f.subject.clone()).collect()
        };
        let (uncovered, no_organisation, context_only) = (
            found(FindingKind::Uncovered),
            found(FindingKind::NoOrganisation),
            found(FindingKind::ContextOnly),
        );
        let mut covering = BTreeSet::new();
        let mut covering_any = BTreeSet::new();
        let targets: BTreeSet<EntityId> = graph.targets().into_iter().collect();
        for target in graph.targets() {
            let coverage = graph.coverage(&target, &options).unwrap();
            covering_any.extend(coverage.entries.iter().map(|e| e.entity.clone()));
            let initiatives: Vec<EntityId> = coverage
                .of_kind(EntityKind::Initiative)
                .map(|e| e.entity.clone())
                .collect();
            covering.extend(initiatives.iter().cloned());
            prop_assert_eq!(uncovered.contains(&target), coverage.is_empty(), "{}", target);
            let thin = report.of_kind(FindingKind::Thin).find(|f| f.subject == target);
            let expect_thin = !coverage.is_empty()
                && policy.thin_kinds.contains(&target.kind())
                && initiatives.len() < min_initiatives;
            prop_assert_eq!(thin.map(|f| &f.related), expect_thin.then_some(&initiatives), "{}", target);
            prop_assert_eq!(
                no_organisation.contains(&target),
                !coverage.is_empty() && coverage.of_kind(EntityKind::Organisation).next().is_none(),
                "{}", target
            );
            if !through_partners {
                // No route runs through an organisation: the single points of a target are
                // the organisations without which none in its coverage would be left (the
                // one organisation in it, and what it is part of alone).
                let organisations: BTreeSet<EntityId> =
                    coverage.of_kind(EntityKind::Organisation).map(|e| e.entity.clone()).collect();
                let single: BTreeSet<EntityId> = report
                    .of_kind(FindingKind::SinglePointOfFailure)
                    .filter(|f| f.related.contains(&target))
                    .map(|f| f.subject.clone())
                    .collect();
                let expected: BTreeSet<EntityId> = (graph.organisations().iter())
                    .map(|o| EntityId::Organisation(o.id.clone()))
                    .filter(|o| {
                        !organisations.is_empty()
                            && organisations.is_subset(&gone_with(&graph, o, stated_evidence_only))
                    })
                    .collect();
                prop_assert_eq!(single, expected, "{}", target);
            }
            prop_assert_eq!(
                context_only.contains(&target),
                !coverage.is_empty() && graph.coverage(&target, &stated_only).unwrap().is_empty(),
                "{}", target
            );
        }
        let orphans = found(FindingKind::OrphanInitiative);
        for initiative in graph.initiatives() {
            let id = EntityId::Initiative(initiative.id.clone());
            prop_assert_eq!(orphans.contains(&id), !covering.contains(&id), "{}", id);
        }
        // An orphan's evidence is every relation of its own, none of which reaches a target
        // by a relation coverage follows.
        for orphan in report.of_kind(FindingKind::OrphanInitiative) {
            let own: Vec<&Relation> =
                graph.relations().iter().filter(|r| r.from == orphan.subject).collect();
            prop_assert_eq!(orphan.evidence.iter().collect::<Vec<_>>(), own, "{}", orphan.subject);
            for r in &orphan.evidence {
                let carried = CoverageOptions::DEFAULT_CARRIERS.contains(&r.kind)
                    || (through_partners && r.kind == RelationKind::PartnersWith);
                let admitted = !stated_evidence_only || r.provenance.iter().any(|p| p.is_stated());
                let leads_on = targets.contains(&r.to) || (transitive && covering_any.contains(&r.to));
                prop_assert!(!(carried && admitted && leads_on), "{} leads to a target", r);
            }
        }
    }

    /// Adding a supports relation never creates an uncovered finding.
    #[test]
    fn adding_support_never_uncovers(data in arb_dataset(), pick in any::<prop::sample::Index>(), n in 1u8..=5) {
        let pair = before_and_after_one_more_support(&data, pick, n);
        prop_assume!(pair.is_some(), "the graph has no actor");
        let (before, after) = pair.unwrap();
        let uncovered_before: BTreeSet<EntityId> = before.gaps(&GapPolicy::default()).of_kind(FindingKind::Uncovered).map(|f| f.subject.clone()).collect();
        for f in after.gaps(&GapPolicy::default()).of_kind(FindingKind::Uncovered) {
            prop_assert!(uncovered_before.contains(&f.subject), "{} became uncovered", f.subject);
        }
    }

    /// The orphans of an orphans-only policy are the orphans of the full report: the other
    /// checks' walks, which stop early, leave the orphan check's own walk alone.
    #[test]
    fn orphans_alone_equal_orphans_in_the_full_report(data in arb_dataset()) {
        let graph = GraphBuilder::new().layer(data).build().unwrap();
        let mut only = GapPolicy::default();
        only.uncovered = false;
        only.min_initiatives = 0;
        only.single_points = false;
        only.context_only = false;
        only.idle = false;
        only.leaderless = false;
        let alone: Vec<_> = graph.gaps(&only).findings;
        let full: Vec<_> = graph.gaps(&GapPolicy::default()).of_kind(FindingKind::OrphanInitiative).cloned().collect();
        prop_assert_eq!(alone, full);
    }

    /// The checks count what reaches a target, whatever kinds the coverage options list:
    /// `report_kinds` leaves the report as it is.
    #[test]
    fn report_kinds_do_not_change_the_gap_report(
        data in arb_dataset(),
        kinds in prop::sample::subsequence(EntityKind::ALL.to_vec(), 0..=EntityKind::ALL.len()),
    ) {
        let graph = GraphBuilder::new().layer(data).build().unwrap();
        let mut listing = GapPolicy::default();
        listing.coverage = CoverageOptions::default().report_kinds(kinds);
        prop_assert_eq!(graph.gaps(&listing), graph.gaps(&GapPolicy::default()));
    }

    /// A body is reported without a lead exactly when its kind is one the policy lists and
    /// no `leads`, `co-leads`, `chairs` or `co-chairs` relation points at it, whatever kinds
    /// are listed: checked against the public relations, over the embedded data, whose
    /// bodies are of many kinds.
    #[test]
    fn leaderless_bodies_are_the_unled_bodies_of_the_listed_kinds(
        kinds in prop::sample::subsequence(ALL_BODY_KINDS.to_vec(), 0..=ALL_BODY_KINDS.len()),
    ) {
        let graph = Graph::embedded();
        let leading = [RelationKind::Leads, RelationKind::CoLeads, RelationKind::Chairs, RelationKind::CoChairs];
        let led: BTreeSet<&EntityId> = (graph.relations().iter())
            .filter(|r| leading.contains(&r.kind))
            .map(|r| &r.to)
            .collect();
        let expected: Vec<EntityId> = (graph.bodies().iter())
            .filter(|b| kinds.contains(&b.kind))
            .map(|b| EntityId::Body(b.id.clone()))
            .filter(|id| !led.contains(id))
            .collect();
        let mut policy = GapPolicy::default();
        policy.leaderless_kinds = kinds.iter().copied().collect();
        let found: Vec<EntityId> = (graph.gaps(&policy).of_kind(FindingKind::NoLead))
            .map(|f| f.subject.clone())
            .collect();
        prop_assert_eq!(found, expected);
    }

    /// The gap report does not depend on the order of the input.
    #[test]
    fn gaps_do_not_depend_on_input_order(data in arb_dataset()) {
        let mut reversed = data.clone();
        reversed.relations.reverse();
        reversed.organisations.reverse();
        reversed.bodies.reverse();
        let a = GraphBuilder::new().layer(data).build().unwrap().gaps(&GapPolicy::default());
        let b = GraphBuilder::new().layer(reversed).build().unwrap().gaps(&GapPolicy::default());
        prop_assert_eq!(a.findings.len(), b.findings.len());
        for (x, y) in a.findings.iter().zip(&b.findings) {
            prop_assert_eq!((x.kind, &x.subject, &x.related, &x.explanation), (y.kind, &y.subject, &y.related, &y.explanation));
        }
    }
}

/// Checks `graph.explain(from, to)` against a plain breadth-first search from `from` over the
/// public relations, trying each entity's relations in the documented order (stated first,
/// forward first, relation order): the first way it reaches an entity is the best-ranked
/// shortest one.
fn check_explanation(graph: &Graph, from: &EntityId, to: &EntityId) -> Result<(), TestCaseError> {
    // Each entity's steps: (context only?, backward?, relation index, entity reached).
    let mut steps: std::collections::HashMap<&EntityId, Vec<(bool, bool, usize, &EntityId)>> =
        Default::default();
    for (i, r) in graph.relations().iter().enumerate() {
        let context_only = !r.provenance.iter().any(gdc_map::Provenance::is_stated);
        steps
            .entry(&r.from)
            .or_default()
            .push((context_only, false, i, &r.to));
        steps
            .entry(&r.to)
            .or_default()
            .push((context_only, true, i, &r.from));
    }
    for list in steps.values_mut() {
        list.sort();
    }
    let mut came_by = std::collections::HashMap::from([(from, None)]);
    let mut queue = std::collections::VecDeque::from([from]);
    while let Some(n) = queue.pop_front() {
        for &(_, backward, rel, m) in steps.get(n).into_iter().flatten() {
            came_by.entry(m).or_insert_with(|| {
                queue.push_back(m);
                Some((rel, !backward))
            });
        }
    }
    let mut expected = Vec::new();
    let mut at = to;
    while let Some(&Some((rel, forward))) = came_by.get(at) {
        let r = &graph.relations()[rel];
        expected.push((r.clone(), forward));
        at = if forward { &r.from } else { &r.to };
    }
    expected.reverse();
    match graph.explain(from, to) {
        None => prop_assert!(
            !came_by.contains_key(to),
            "{from} reaches {to}, explain says no"
        ),
        Some(why) => {
            prop_assert!(came_by.contains_key(to), "{from} does not reach {to}");
            let got: Vec<(Relation, bool)> = why
                .steps
                .iter()
                .map(|s| (s.relation.clone(), s.forward))
                .collect();
            prop_assert_eq!(got, expected, "{} to {}", from, to);
            let mut at = from;
            for step in &why.steps {
                prop_assert_eq!(step.start(), at);
                at = step.end();
            }
            prop_assert_eq!(at, to);
        }
    }
    Ok(())
}
