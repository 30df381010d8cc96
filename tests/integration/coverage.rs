//! Coverage over the embedded data, and the laws coverage obeys on any dataset.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use gdc_map::{
    Coverage, CoverageOptions, CoveredTarget, Dataset, Direction, EntityId, EntityKind, Evidence,
    Graph, GraphBuilder, InitiativeKind, Objective, Relation, RelationKind, SyntheticSpec,
};
use proptest::prelude::*;

use crate::common::{
    arb_dataset, before_and_after_one_more_support, context, deep_hierarchy, record, skeleton,
    stated,
};

fn id(s: &str) -> EntityId {
    s.parse().unwrap()
}

fn covering(graph: &Graph, target: &str, options: &CoverageOptions) -> BTreeSet<String> {
    graph
        .coverage(&id(target), options)
        .unwrap()
        .entries
        .iter()
        .map(|e| e.entity.to_string())
        .collect()
}

#[test]
fn objective_5_is_covered_by_iawg_ai_the_wsc_and_the_gsr() {
    let got = covering(
        Graph::embedded(),
        "objective:5",
        &CoverageOptions::default(),
    );
    for want in [
        "body:iawg-ai",
        "org:itu",
        "org:unesco",
        "initiative:wsc",
        "org:iso",
        "org:iec",
        "event:gsr",
    ] {
        assert!(got.contains(want), "{want} missing from {got:?}");
    }
    let coverage = Graph::embedded()
        .coverage(&id("objective:5"), &CoverageOptions::default())
        .unwrap();
    let iso = coverage.entry(&id("org:iso")).unwrap();
    assert_eq!(
        iso.via().map(ToString::to_string).collect::<Vec<_>>(),
        ["initiative:wsc"]
    );
    assert!(iso.sections().iter().any(|s| s.as_str() == "1/obj5"));
}

#[test]
fn objective_1_is_covered_by_giga_with_unicef_and_the_itu_academy_with_the_ilo() {
    let coverage = Graph::embedded()
        .coverage(
            &Objective::DigitalDivides.into(),
            &CoverageOptions::default(),
        )
        .unwrap();
    for want in [
        "initiative:giga",
        "initiative:equals",
        "initiative:green-digital-action",
        "initiative:itu-academy",
    ] {
        assert!(coverage.entry(&id(want)).unwrap().is_direct(), "{want}");
    }
    let unicef = coverage.entry(&id("org:unicef")).unwrap();
    assert!(
        unicef.is_stated(),
        "the stated partnership wins over the context co-lead"
    );
    assert_eq!(
        unicef.path.first().unwrap().to_string(),
        "org:unicef partners-in initiative:giga"
    );
    assert_eq!(
        unicef.links.len(),
        2,
        "partners-in (stated) and co-leads (context)"
    );
    let ilo = coverage.entry(&id("org:ilo")).unwrap();
    assert_eq!(
        ilo.via().map(ToString::to_string).collect::<Vec<_>>(),
        ["initiative:itu-academy"]
    );
}

#[test]
fn a_bureau_does_not_inherit_its_organisation_s_partnerships() {
    let got = covering(
        Graph::embedded(),
        "objective:1",
        &CoverageOptions::default(),
    );
    assert!(!got.contains("org:tsb"), "{got:?}");
}

#[test]
fn options_narrow_the_answer() {
    let graph = Graph::embedded();
    let direct = covering(
        graph,
        "objective:1",
        &CoverageOptions::default().direct_only(),
    );
    assert!(direct.contains("initiative:giga"));
    assert!(!direct.contains("org:unicef"));
    let initiatives = covering(
        graph,
        "objective:1",
        &CoverageOptions::default().report_kinds([EntityKind::Initiative]),
    );
    assert!(initiatives.iter().all(|s| s.starts_with("initiative:")));
    // UNICEF stays covered on stated evidence alone; only its context co-lead link goes.
    let stated = graph
        .coverage(
            &id("objective:1"),
            &CoverageOptions::default().evidence(Evidence::StatedOnly),
        )
        .unwrap();
    let unicef = stated.entry(&id("org:unicef")).unwrap();
    assert!(
        unicef
            .links
            .iter()
            .all(|r| r.kind == RelationKind::PartnersIn)
    );
    // Pact action 27(c) is covered by its co-leads.
    let action = covering(graph, "action:27(c)", &CoverageOptions::default());
    for want in ["org:itu", "org:odet", "org:unoda"] {
        assert!(action.contains(want));
    }
    assert!(
        graph
            .coverage(&id("org:nobody"), &CoverageOptions::default())
            .is_none()
    );
}

/// Every entry's links are what their definition says: every carrier relation from the
/// entity to the target, or to another covering entity whose chain does not pass through it.
fn check_links(graph: &Graph, got: &Coverage, transitive: bool) -> Result<(), TestCaseError> {
    let carriers = CoverageOptions::DEFAULT_CARRIERS;
    for e in &got.entries {
        let want: Vec<&Relation> = graph
            .relations_of(&e.entity, Direction::Outgoing)
            .filter(|r| carriers.contains(&r.kind) && !into_organisation(r))
            .filter(|r| {
                r.to == got.target
                    || (transitive
                        && got.entry(&r.to).is_some_and(|other| {
                            other.path.iter().all(|step| step.from != e.entity)
                        }))
            })
            .collect();
        prop_assert_eq!(
            e.links.iter().collect::<Vec<_>>(),
            want,
            "links of {}",
            e.entity
        );
    }
    Ok(())
}

/// Initiatives that contribute to one another in any pattern, circles included, some of them
/// supporting objective 1: the shape where an entity's links must leave out the entities
/// whose chains run back through it.
fn arb_circles() -> impl Strategy<Value = Dataset> {
    (
        2usize..12,
        prop::collection::vec((0usize..12, 0usize..12), 0..40),
        prop::collection::vec(0usize..12, 1..4),
    )
        .prop_map(|(n, edges, supporters)| {
            let mut d = skeleton();
            let initiative =
                |i: usize| EntityId::Initiative(format!("i{}", i % n).parse().unwrap());
            for i in 0..n {
                let name = format!("i{i}");
                let label = format!("Initiative {i}");
                d.initiatives
                    .push(record(&name, InitiativeKind::Programme, &label));
            }
            for s in supporters {
                d.relations.push(Relation::new(
                    initiative(s),
                    RelationKind::Supports,
                    Objective::DigitalDivides.into(),
                    stated("s1"),
                ));
            }
            for (a, b) in edges.into_iter().filter(|(a, b)| a % n != b % n) {
                d.relations.push(Relation::new(
                    initiative(a),
                    RelationKind::ContributesTo,
                    initiative(b),
                    stated("s2"),
                ));
            }
            d
        })
}

/// Two chains of two relations from `e` to objective 1: through `a`, whose first step only
/// context backs, and through `b`, stated throughout. The walk meets `a` first (its
/// relation sorts first), and must still report the stated chain.
#[test]
fn a_stated_chain_wins_over_one_as_short_that_leans_on_context() {
    let mut d = skeleton();
    let initiative = |name: &str| EntityId::Initiative(name.parse().unwrap());
    for name in ["a", "b", "e"] {
        d.initiatives
            .push(record(name, InitiativeKind::Programme, name));
    }
    for (from, kind, to, evidence) in [
        ("a", RelationKind::Supports, None, stated("s1")),
        ("b", RelationKind::Supports, None, stated("s1")),
        (
            "e",
            RelationKind::ContributesTo,
            Some("a"),
            context("A web page"),
        ),
        ("e", RelationKind::ContributesTo, Some("b"), stated("s2")),
    ] {
        let to = to.map_or(Objective::DigitalDivides.into(), initiative);
        d.relations
            .push(Relation::new(initiative(from), kind, to, evidence));
    }
    let graph = GraphBuilder::new().layer(d).build().unwrap();
    let coverage = graph
        .coverage(
            &Objective::DigitalDivides.into(),
            &CoverageOptions::default(),
        )
        .unwrap();
    let e = coverage.entry(&id("initiative:e")).unwrap();
    assert_eq!(
        e.path.to_string(),
        "initiative:e contributes-to initiative:b supports objective:1"
    );
    assert!(e.is_stated());
    // Both ways are among its links, and covered_by gives the same entry.
    assert_eq!(e.links.len(), 2);
    let covered = graph
        .covered_by(&id("initiative:e"), &CoverageOptions::default())
        .unwrap();
    assert_eq!(covered.get(&Objective::DigitalDivides.into()), Some(e));
}

/// What the organisation behind a hub covers: a body with 200 subgroups supports 200
/// commitments, and one initiative the organisation leads contributes to one subgroup, so
/// every commitment is reached through the hub, whose relations in come mostly from outside
/// what the organisation reaches. Each target's entry is the one its coverage gives.
#[test]
fn what_the_organisation_behind_a_hub_covers_is_each_target_s_entry() {
    use crate::common::relate;
    use gdc_map::{BodyKind, CommitmentKind, OrganisationKind};
    let n = 200;
    let mut d = skeleton();
    d.organisations
        .push(record("o", OrganisationKind::SpecialisedAgency, "O"));
    d.initiatives
        .push(record("i", InitiativeKind::Programme, "I"));
    d.bodies.push(record("hub", BodyKind::WorkingGroup, "Hub"));
    relate(&mut d, "org:o", RelationKind::Leads, "initiative:i");
    relate(
        &mut d,
        "initiative:i",
        RelationKind::ContributesTo,
        "body:b7",
    );
    for k in 0..n {
        relate(
            &mut d,
            &format!("body:b{k}"),
            RelationKind::SubgroupOf,
            "body:hub",
        );
        relate(
            &mut d,
            "body:hub",
            RelationKind::Supports,
            &format!("commitment:c{k}"),
        );
    }
    for k in 0..n {
        let name = format!("b{k}");
        d.bodies.push(record(&name, BodyKind::Subgroup, &name));
        let name = format!("c{k}");
        d.commitments
            .push(record(&name, CommitmentKind::Commitment, &name));
    }
    let graph = GraphBuilder::new().layer(d).build().unwrap();
    for options in [
        CoverageOptions::default(),
        CoverageOptions::default().evidence(Evidence::StatedOnly),
    ] {
        let covered = graph.covered_by(&id("org:o"), &options).unwrap();
        assert_eq!(covered.targets.len(), n);
        for t in &covered.targets {
            let coverage = graph.coverage(&t.target, &options).unwrap();
            assert_eq!(coverage.entry(&id("org:o")), Some(&t.entry), "{}", t.target);
            assert_eq!(
                t.entry.path.to_string(),
                format!(
                    "org:o leads initiative:i contributes-to body:b7 subgroup-of body:hub \
                     supports {}",
                    t.target
                )
            );
        }
    }
}

/// [`arb_circles`] with each relation stated or backed by context alone: many chains of one
/// length, some stated throughout and some not.
fn arb_circles_with_context() -> impl Strategy<Value = Dataset> {
    (arb_circles(), prop::collection::vec(any::<bool>(), 64)).prop_map(|(mut d, context_only)| {
        let flags = context_only.into_iter().cycle();
        for (r, context_only) in d.relations.iter_mut().zip(flags) {
            if context_only {
                r.provenance = context("A web page").into();
            }
        }
        d
    })
}

/// Hierarchy relations into an organisation, which never carry coverage.
fn into_organisation(r: &Relation) -> bool {
    matches!(
        r.kind,
        RelationKind::PartOf | RelationKind::MemberOf | RelationKind::SubgroupOf
    ) && r.to.kind() == EntityKind::Organisation
}

/// A hierarchy 20,000 bodies deep: each body covers the objective through every body above
/// it. Chains share their tails, so this takes memory and time in proportion to the bodies
/// (a list per entry would hold 200 million relations), and every chain still reads in full.
#[test]
fn a_deep_hierarchy_gives_every_chain_in_full() {
    const DEPTH: usize = 20_000;
    let body = |i: usize| EntityId::Body(format!("b{i}").parse().unwrap());
    let d = deep_hierarchy(DEPTH);
    let graph = GraphBuilder::new().layer(d).build().unwrap();
    let coverage = graph
        .coverage(
            &Objective::DigitalDivides.into(),
            &CoverageOptions::default(),
        )
        .unwrap();
    assert_eq!(
        coverage.entries.len(),
        DEPTH + 1,
        "the bodies and the organisation"
    );
    for i in [0, 1, 777, DEPTH - 1] {
        let entry = coverage.entry(&body(i)).unwrap();
        assert_eq!(entry.path.len(), i + 1);
        let froms: Vec<EntityId> = entry.path.iter().map(|r| r.from.clone()).collect();
        assert_eq!(froms, (0..=i).rev().map(body).collect::<Vec<_>>());
        assert_eq!(entry.links.len(), 1);
        assert_eq!(entry.links.first(), entry.path.first());
    }
    let deepest = coverage.entry(&body(DEPTH - 1)).unwrap();
    assert_eq!(deepest.via().count(), DEPTH - 1);
    // Printed, each chain stops after twelve relations: the whole coverage is a few lines
    // of bounded length, not the 200 million relations its chains hold between them.
    let line = deepest.to_string();
    let cut = format!(", then {} more relations  [§s2]", DEPTH - 12);
    assert!(
        line.starts_with("body:b19999 subgroup-of body:b19998 subgroup-of "),
        "{line}"
    );
    assert!(line.ends_with(&cut), "{line}");
    assert_eq!(line.matches(" subgroup-of ").count(), 12, "{line}");
    let text = coverage.to_string();
    assert_eq!(text.lines().count(), DEPTH + 2);
    assert!(text.len() < 400 * (DEPTH + 2), "{} bytes", text.len());
    assert_eq!(
        graph
            .explain(&body(DEPTH - 1), &Objective::DigitalDivides.into())
            .unwrap()
            .steps
            .len(),
        DEPTH
    );
    drop(coverage);
}

/// On graphs large enough that what covers a commitment lies at scattered places in the
/// index (where walks read a layer's arcs ahead), the summaries of every target count, kind
/// by kind, what a plain breadth-first walk over the public relations finds.
#[test]
fn summaries_of_every_target_agree_with_a_plain_walk_on_large_graphs() {
    for spec in [
        SyntheticSpec::new(20_000).seed(1),
        SyntheticSpec::new(20_000).seed(2).lead_skew(1).max_depth(8),
    ] {
        let graph = GraphBuilder::new().layer(spec.generate()).build().unwrap();
        let targets = graph.targets();
        let summaries = graph.coverage_summaries(&targets, &CoverageOptions::default());
        assert_eq!(summaries.len(), targets.len());
        for (target, summary) in targets.iter().zip(&summaries) {
            let mut seen = BTreeSet::from([target.clone()]);
            let mut queue = VecDeque::from([target.clone()]);
            let mut by_kind: BTreeMap<EntityKind, usize> = BTreeMap::new();
            while let Some(node) = queue.pop_front() {
                for r in graph.relations_of(&node, Direction::Incoming) {
                    let carries = CoverageOptions::DEFAULT_CARRIERS.contains(&r.kind)
                        && !into_organisation(r);
                    if carries && seen.insert(r.from.clone()) {
                        *by_kind.entry(r.from.kind()).or_default() += 1;
                        queue.push_back(r.from.clone());
                    }
                }
            }
            assert_eq!(&summary.target, target);
            assert_eq!(summary.by_kind, by_kind, "{target}");
        }
    }
}

/// The reference answer: a fixpoint over every relation, no traversal order at all.
fn naive(graph: &Graph, target: &EntityId, options: &CoverageOptions) -> BTreeSet<EntityId> {
    let mut covered: BTreeSet<EntityId> = BTreeSet::from([target.clone()]);
    loop {
        let before = covered.len();
        for r in graph.relations() {
            let carries =
                CoverageOptions::DEFAULT_CARRIERS.contains(&r.kind) && !into_organisation(r);
            let reaches = if options.is_transitive() {
                covered.contains(&r.to)
            } else {
                &r.to == target
            };
            if carries && reaches {
                covered.insert(r.from.clone());
            }
        }
        if covered.len() == before {
            break;
        }
    }
    covered.remove(target);
    covered
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// A matrix has a row for each entity of its kind that covers some column, in id order,
    /// and each cell counts that entity's links into the column's coverage, whatever columns
    /// it is asked for (repeated ones and ids the graph lacks included).
    #[test]
    fn matrix_rows_and_cells_come_from_the_columns_coverage(
        data in arb_dataset(),
        picks in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
        kind in prop::sample::select(vec![EntityKind::Organisation, EntityKind::Initiative, EntityKind::Body]),
    ) {
        let graph = GraphBuilder::new().layer(data).build().unwrap();
        let options = CoverageOptions::default();
        // Columns from the targets something covers (most targets of a small graph are not
        // covered), and one the graph lacks.
        let mut pool: Vec<EntityId> = graph
            .targets()
            .into_iter()
            .filter(|t| graph.coverage(t, &options).is_some_and(|c| !c.entries.is_empty()))
            .collect();
        pool.push(id("commitment:absent"));
        let columns: Vec<EntityId> = picks.iter().map(|i| i.get(&pool).clone()).collect();
        let matrix = graph.coverage_matrix(kind, &columns, &options);
        let coverages: Vec<Option<Coverage>> =
            columns.iter().map(|c| graph.coverage(c, &options)).collect();
        let rows: BTreeSet<EntityId> = coverages
            .iter()
            .flatten()
            .flat_map(|c| c.entries.iter().map(|e| e.entity.clone()))
            .filter(|e| e.kind() == kind)
            .collect();
        prop_assert_eq!(&matrix.rows, &rows.into_iter().collect::<Vec<_>>());
        prop_assert_eq!(matrix.cells.len(), matrix.rows.len());
        prop_assert_eq!(matrix.row_names.len(), matrix.rows.len());
        for (row, cells) in matrix.rows.iter().zip(&matrix.cells) {
            prop_assert_eq!(cells.len(), columns.len());
            for ((cell, column), coverage) in cells.iter().zip(&columns).zip(&coverages) {
                let links = coverage.as_ref().and_then(|c| c.entry(row)).map_or(0, |e| e.links.len());
                prop_assert_eq!(cell.links, links);
                prop_assert_eq!(cell.involvement.is_empty(), links == 0);
                prop_assert_eq!(matrix.cell(row, column).map(|c| c.links), Some(cell.links));
            }
        }
    }

    /// Coverage read the other way round: the targets an entity covers are exactly those
    /// whose coverage lists it, each with the same entry, whatever the options (carriers
    /// dropped and added), circles included.
    #[test]
    fn covered_by_is_coverage_read_the_other_way_round(
        data in prop_oneof![
            arb_dataset(),
            arb_circles(),
            arb_circles_with_context(),
            // Commitments, nested bodies and hubs, which the others lack.
            (20usize..120, any::<u64>()).prop_map(|(n, seed)| SyntheticSpec::new(n).seed(seed).generate()),
        ],
        transitive: bool,
        stated_only: bool,
        dropped in prop::collection::vec(any::<prop::sample::Index>(), 0..4),
        added in prop::collection::vec(any::<prop::sample::Index>(), 0..3),
        organisations_only: bool,
    ) {
        let graph = GraphBuilder::new().layer(data).build().unwrap();
        let dropped: Vec<RelationKind> =
            dropped.iter().map(|i| *i.get(&CoverageOptions::DEFAULT_CARRIERS)).collect();
        let mut options = CoverageOptions::default()
            .transitive(transitive)
            .carriers(
                CoverageOptions::DEFAULT_CARRIERS
                    .into_iter()
                    .filter(|k| !dropped.contains(k))
                    // Any kind, so also those no default carries (`partners-with`
                    // between organisations, `reports-to`, …).
                    .chain(added.iter().map(|i| *i.get(&RelationKind::ALL))),
            );
        if stated_only {
            options = options.evidence(Evidence::StatedOnly);
        }
        if organisations_only {
            options = options.report_kinds([EntityKind::Organisation]);
        }
        let mut expected: BTreeMap<EntityId, Vec<CoveredTarget>> = BTreeMap::new();
        for target in graph.targets() {
            for entry in graph.coverage(&target, &options).unwrap().entries {
                expected.entry(entry.entity.clone()).or_default().push(CoveredTarget {
                    target: target.clone(),
                    entry,
                });
            }
        }
        for entity in graph.entities().map(|e| e.id()) {
            let got = graph.covered_by(&entity, &options).unwrap();
            prop_assert_eq!(&got.entity, &entity);
            prop_assert_eq!(&got.targets, &expected.remove(&entity).unwrap_or_default());
        }
        prop_assert!(expected.is_empty(), "covering entities the graph does not list: {:?}", expected.keys());
        prop_assert!(graph.covered_by(&id("org:absent"), &options).is_none());
    }

    /// An entity's chain leans on context only when it has no chain as short that a source
    /// states at every step: the stated-only walk finds its shortest stated chain, and when
    /// that is as short as the chain reported, the chain reported is stated throughout.
    #[test]
    fn a_chain_leans_on_context_only_when_no_stated_chain_is_as_short(
        data in prop_oneof![
            arb_dataset(),
            (20usize..120, any::<u64>()).prop_map(|(n, seed)| SyntheticSpec::new(n).seed(seed).generate()),
            arb_circles_with_context(),
        ],
        transitive: bool,
    ) {
        let graph = GraphBuilder::new().layer(data).build().unwrap();
        let options = CoverageOptions::default().transitive(transitive);
        let stated_only = options.clone().evidence(Evidence::StatedOnly);
        for target in graph.targets() {
            let all = graph.coverage(&target, &options).unwrap();
            let stated = graph.coverage(&target, &stated_only).unwrap();
            for e in &all.entries {
                if let Some(s) = stated.entry(&e.entity) {
                    prop_assert!(s.path.len() >= e.path.len());
                    prop_assert!(s.path.len() > e.path.len() || e.is_stated(), "{} vs {}", e, s);
                }
            }
        }
    }

    /// The fast walk finds exactly the entities the naive fixpoint finds, and every path it
    /// reports is a real chain of relations ending at the target.
    #[test]
    fn coverage_agrees_with_the_naive_fixpoint(data in arb_dataset(), n in 1u8..=5, transitive: bool) {
        let graph = GraphBuilder::new().layer(data).build().unwrap();
        let target = EntityId::Objective(Objective::from_number(n).unwrap());
        let options = CoverageOptions::default().transitive(transitive);
        let got = graph.coverage(&target, &options).unwrap();
        let ids: BTreeSet<EntityId> = got.entries.iter().map(|e| e.entity.clone()).collect();
        prop_assert_eq!(&ids, &naive(&graph, &target, &options));
        for e in &got.entries {
            let path = e.path.to_vec();
            prop_assert_eq!(path.len(), e.path.len());
            prop_assert_eq!(&path[0].from, &e.entity);
            prop_assert_eq!(&path.last().unwrap().to, &target);
            for w in path.windows(2) {
                prop_assert_eq!(&w[0].to, &w[1].from);
            }
            prop_assert!(e.links.contains(&path[0]));
        }
        check_links(&graph, &got, transitive)?;
    }

    /// Where support runs in circles, each entry's chain is a shortest one and its links
    /// leave out exactly the entities whose chains pass through it.
    #[test]
    fn links_leave_out_what_leads_back_in_circles(data in arb_circles(), transitive: bool) {
        let graph = GraphBuilder::new().layer(data).build().unwrap();
        let target = EntityId::from(Objective::DigitalDivides);
        let got = graph.coverage(&target, &CoverageOptions::default().transitive(transitive)).unwrap();
        for e in &got.entries {
            let step = e.path.first().unwrap();
            prop_assert_eq!(&step.from, &e.entity);
            let rest = if step.to == target { 0 } else { got.entry(&step.to).unwrap().path.len() };
            prop_assert_eq!(e.path.len(), rest + 1);
            // No chain is longer than a step to any covering neighbour's chain.
            for r in &e.links {
                let via = if r.to == target { 0 } else { got.entry(&r.to).unwrap().path.len() };
                prop_assert!(e.path.len() <= via + 1);
            }
        }
        check_links(&graph, &got, transitive)?;
    }

    /// `relations_of` lists exactly the relations with the entity at that end, in the order
    /// of `relations`, for every entity.
    #[test]
    fn relations_of_lists_the_relations_at_that_end(data in arb_dataset()) {
        let graph = GraphBuilder::new().layer(data).build().unwrap();
        for entity in graph.entities() {
            let id = entity.id();
            let from: Vec<&Relation> = graph.relations().iter().filter(|r| r.from == id).collect();
            let to: Vec<&Relation> = graph.relations().iter().filter(|r| r.to == id).collect();
            prop_assert_eq!(graph.relations_of(&id, Direction::Outgoing).collect::<Vec<_>>(), from);
            prop_assert_eq!(graph.relations_of(&id, Direction::Incoming).collect::<Vec<_>>(), to);
        }
    }

    /// Summaries of many targets at once are the summaries of each, in the order asked, with
    /// ids not in the graph left out, whatever the order and repeats of the list.
    #[test]
    fn summaries_of_many_are_the_summaries_of_each(
        data in arb_dataset(),
        picks in prop::collection::vec((any::<prop::sample::Index>(), 0u8..4), 0..40),
    ) {
        let graph = GraphBuilder::new().layer(data).build().unwrap();
        let entities: Vec<EntityId> = graph.entities().map(|e| e.id()).collect();
        let mut targets: Vec<EntityId> = picks
            .iter()
            .map(|(pick, how)| match how {
                0 => id("org:not-in-the-graph"),
                _ => pick.get(&entities).clone(),
            })
            .collect();
        // Runs in order too, as callers pass them (`graph.targets()`), with a gap or two.
        targets.extend(entities.iter().step_by(3).cloned());
        targets.extend(entities.iter().rev().step_by(7).cloned());
        let options = CoverageOptions::default();
        let one_by_one: Vec<_> = targets
            .iter()
            .filter_map(|t| graph.coverage_summary(t, &options))
            .collect();
        prop_assert_eq!(graph.coverage_summaries(&targets, &options), one_by_one);
    }

    /// Transitive coverage contains direct coverage.
    #[test]
    fn transitive_contains_direct(data in arb_dataset(), n in 1u8..=5) {
        let graph = GraphBuilder::new().layer(data).build().unwrap();
        let target = EntityId::Objective(Objective::from_number(n).unwrap());
        let all = graph.coverage(&target, &CoverageOptions::default()).unwrap();
        let direct = graph.coverage(&target, &CoverageOptions::default().direct_only()).unwrap();
        for e in &direct.entries {
            prop_assert!(all.contains(&e.entity));
            prop_assert!(e.is_direct());
        }
    }

    /// Adding a supports relation never shrinks any objective's coverage.
    #[test]
    fn adding_support_never_shrinks_coverage(data in arb_dataset(), pick in any::<prop::sample::Index>(), n in 1u8..=5) {
        let pair = before_and_after_one_more_support(&data, pick, n);
        prop_assume!(pair.is_some(), "the graph has no actor");
        let (before, after) = pair.unwrap();
        for (b, a) in before
            .objective_coverage(&CoverageOptions::default())
            .iter()
            .zip(after.objective_coverage(&CoverageOptions::default()))
        {
            for e in &b.entries {
                prop_assert!(a.contains(&e.entity));
            }
        }
    }

    /// Printed, a coverage is its target and count, then each entry on a line of its own: the
    /// chain from the entity to the target as a sentence, each entity named once, and every
    /// piece of the chain's evidence. A summary lists every kind it counts, and they add up.
    #[test]
    fn printed_coverage_and_summaries_say_what_they_hold(data in arb_dataset(), n in 1u8..=5, transitive: bool) {
        let graph = GraphBuilder::new().layer(data).build().unwrap();
        let target = EntityId::Objective(Objective::from_number(n).unwrap());
        let options = CoverageOptions::default().transitive(transitive);
        let coverage = graph.coverage(&target, &options).unwrap();
        let text = coverage.to_string();
        let mut lines = text.lines();
        let header = lines.next().unwrap();
        if coverage.is_empty() {
            prop_assert_eq!(header, format!("{target}: nothing covers it"));
        } else {
            prop_assert_eq!(header, format!("{target}, covered by {}:", coverage.entries.len()));
        }
        let lines: Vec<&str> = lines.collect();
        prop_assert_eq!(lines.len(), coverage.entries.len());
        for (line, entry) in lines.iter().zip(&coverage.entries) {
            let (chain, evidence) = line.strip_prefix("  ").unwrap().split_once("  [").unwrap();
            // Chains are written up to their twelfth relation, with the evidence of those.
            let mut expected = entry.entity.to_string();
            for r in entry.path.iter().take(12) {
                expected = format!("{expected} {} {}", r.kind, r.to);
            }
            if entry.path.len() > 12 {
                expected = format!("{expected}, then {} more relations", entry.path.len() - 12);
            }
            prop_assert_eq!(chain, expected);
            let pieces: BTreeSet<&str> = evidence.strip_suffix(']').unwrap().split("; ").collect();
            let cited: BTreeSet<String> = entry.path.iter().take(12)
                .flat_map(|r| &r.provenance).map(ToString::to_string).collect();
            prop_assert_eq!(pieces, cited.iter().map(String::as_str).collect::<BTreeSet<_>>());
        }

        let summary = graph.coverage_summary(&target, &options).unwrap();
        let text = summary.to_string();
        let (head, kinds) = text.split_once(": ").unwrap_or((&text, ""));
        prop_assert_eq!(head, format!("{target}, covered by {}", summary.total));
        let mut listed = BTreeMap::new();
        for part in kinds.split(", ").filter(|p| !p.is_empty()) {
            let (kind, count) = part.rsplit_once(' ').unwrap();
            let kind = EntityKind::ALL.into_iter().find(|k| k.name() == kind).unwrap();
            listed.insert(kind, count.parse::<usize>().unwrap());
        }
        prop_assert_eq!(&listed, &summary.by_kind);
        prop_assert_eq!(listed.values().sum::<usize>(), summary.total);
    }
}
