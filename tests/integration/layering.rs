//! A layer laid over a graph, by `Graph::layered` and in place by `Graph::add_layer`, gives
//! what building the graph's data and the layer together gives: the same graph, answering
//! every question the same, or the same report, the graph's own records marked as its; and a
//! refused layer leaves the graph as it was.

use gdc_map::{
    BodyKind, Dataset, Direction, EntityId, GapPolicy, Graph, GraphBuilder, InitiativeKind, Label,
    OrganisationKind, Record, Relation, RelationKind, Section, SectionRef, SourceId, SyntheticSpec,
};
use proptest::prelude::*;

use crate::common::located::located;
use crate::common::{context, stated};

/// One change a layer makes; the numbers pick among the graph's entities and relations, a few
/// new names, and a few that collide or do not exist, so that some layers break rules.
#[derive(Debug, Clone)]
enum Edit {
    /// A new organisation, initiative or body, named from a pool (so two edits may declare
    /// the same id) or, for 19, after one of the graph's own.
    Declare { kind: u8, name: u8, of_graph: usize },
    /// A relation between two entities picked among the graph's, the layer's and one that
    /// exists nowhere.
    Relate {
        from: usize,
        kind: usize,
        to: usize,
        evidence: u8,
        dated: bool,
        /// Keep the kind even where it does not fit the two ends.
        any_kind: bool,
    },
    /// The layer's last relation stated again, with other evidence, perhaps another date.
    Repeat { other_date: bool },
    /// One of the graph's relations stated again, with other evidence and perhaps a date.
    Restate {
        which: usize,
        evidence: u8,
        note: bool,
        other_date: bool,
    },
    /// A new section, or one the graph has, of a known source or an unknown one.
    Section { name: u8, known_source: bool },
    /// A record with an empty label or no evidence.
    Flawed { empty_label: bool },
}

fn arb_edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        6 => (0u8..3, 0u8..20, any::<usize>())
            .prop_map(|(kind, name, of_graph)| Edit::Declare { kind, name, of_graph }),
        12 => (
            (any::<usize>(), any::<usize>(), any::<usize>()),
            0u8..12,
            prop::bool::weighted(0.2),
            prop::bool::weighted(0.03),
        )
            .prop_map(|((from, kind, to), evidence, dated, any_kind)| Edit::Relate {
                from, kind, to, evidence, dated, any_kind,
            }),
        2 => prop::bool::weighted(0.2).prop_map(|other_date| Edit::Repeat { other_date }),
        6 => (any::<usize>(), 0u8..12, any::<bool>(), prop::bool::weighted(0.05))
            .prop_map(|(which, evidence, note, other_date)| Edit::Restate {
                which, evidence, note, other_date,
            }),
        2 => (0u8..12, prop::bool::weighted(0.6))
            .prop_map(|(name, known_source)| Edit::Section { name, known_source }),
        1 => any::<bool>().prop_map(|empty_label| Edit::Flawed { empty_label }),
    ]
}

/// The layer `edits` describe, over `graph`.
fn layer_of(graph: &Graph, edits: &[Edit]) -> Dataset {
    let mut layer = Dataset::default();
    let entities: Vec<EntityId> = graph.entities().map(|e| e.id()).collect();
    let mut declared: Vec<EntityId> = Vec::new();
    let evidence = |choice: u8| match choice {
        0..=3 => stated("s1"),
        4..=6 => stated("s2"),
        7 => stated("new-section-0"),
        8 => stated("nowhere"),
        _ => context("Layer source"),
    };
    for edit in edits {
        match *edit {
            Edit::Declare {
                kind,
                name,
                of_graph,
            } => {
                let name = match name {
                    19 => match entities.get(of_graph % entities.len().max(1)) {
                        Some(EntityId::Organisation(id)) => id.to_string(),
                        Some(EntityId::Initiative(id)) => id.to_string(),
                        Some(EntityId::Body(id)) => id.to_string(),
                        _ => "o1".to_owned(),
                    },
                    n => format!("layer-{}", n % 6),
                };
                let label = Label::new(format!("Layer record {name}"));
                match kind {
                    0 => {
                        let id = name.parse().unwrap();
                        declared.push(EntityId::Organisation(name.parse().unwrap()));
                        layer.organisations.push(Record::new(
                            id,
                            OrganisationKind::NonGovernmental,
                            label,
                            context("Layer source"),
                        ));
                    }
                    1 => {
                        declared.push(EntityId::Initiative(name.parse().unwrap()));
                        layer.initiatives.push(Record::new(
                            name.parse().unwrap(),
                            InitiativeKind::Programme,
                            label,
                            stated("s1"),
                        ));
                    }
                    _ => {
                        declared.push(EntityId::Body(name.parse().unwrap()));
                        layer.bodies.push(Record::new(
                            name.parse().unwrap(),
                            BodyKind::WorkingGroup,
                            label,
                            stated("s2"),
                        ));
                    }
                }
            }
            Edit::Relate {
                from,
                kind,
                to,
                evidence: e,
                dated,
                any_kind,
            } => {
                let pick = |n: usize| -> EntityId {
                    // Mostly the graph's and the layer's own, now and then one that is not.
                    let choices = entities.len() + declared.len() + 1;
                    let n = n % choices;
                    entities
                        .get(n)
                        .or_else(|| declared.get(n - entities.len()))
                        .cloned()
                        .unwrap_or_else(|| "org:nobody".parse().unwrap())
                };
                let (from, to) = (pick(from), pick(to));
                let kind = RelationKind::ALL[kind % RelationKind::ALL.len()];
                // Most kinds fit few pairs: try the ones that fit, so most relations are valid.
                // A pair no kind fits (an objective and an SDG, say) is skipped, unless one
                // end does not exist, which no kind fits either.
                let fits = |k: &RelationKind| k.allows(from.kind(), to.kind());
                let kind = match RelationKind::ALL.into_iter().find(fits) {
                    _ if fits(&kind) || any_kind => kind,
                    Some(other) => other,
                    None if graph.entity(&from).is_some() && graph.entity(&to).is_some() => {
                        continue;
                    }
                    None => kind,
                };
                let mut r = Relation::new(from, kind, to, evidence(e));
                if dated {
                    r.since = Some("2026".parse().unwrap());
                }
                layer.relations.push(r);
            }
            Edit::Restate {
                which,
                evidence: e,
                note,
                other_date,
            } => {
                let relations = graph.relations();
                if relations.is_empty() {
                    continue;
                }
                let mut r = relations[which % relations.len()].clone();
                r.provenance.push(evidence(e));
                if note {
                    r.notes.push("Said again".into());
                }
                if other_date {
                    r.since = Some("1999".parse().unwrap());
                }
                layer.relations.push(r);
            }
            Edit::Repeat { other_date } => {
                let Some(mut r) = layer.relations.last().cloned() else {
                    continue;
                };
                r.provenance = context("Said again").into();
                if other_date {
                    r.since = Some("1999".parse().unwrap());
                }
                layer.relations.push(r);
            }
            Edit::Section { name, known_source } => {
                let id = if name < 10 {
                    format!("new-section-{}", name % 2)
                } else {
                    format!("s{}", name - 9)
                };
                layer.sections.push(Section {
                    id: SectionRef::new(&id).unwrap(),
                    source: SourceId::new(if known_source { "synthetic" } else { "unknown" })
                        .unwrap(),
                    title: format!("Section {id}"),
                    notes: vec![],
                });
            }
            Edit::Flawed { empty_label } => {
                let mut r = Record::new(
                    "flawed".parse().unwrap(),
                    OrganisationKind::NonGovernmental,
                    Label::new(if empty_label { " " } else { "Flawed" }),
                    stated("s1"),
                );
                if !empty_label {
                    r.provenance = Vec::new().into();
                }
                layer.organisations.push(r);
            }
        }
    }
    layer
}

/// Asserts that `a` and `b` hold the same data and answer the same questions: every entity's
/// relations both ways, the gap report, and the coverage summaries of every target.
fn assert_same_graph(a: &Graph, b: &Graph) {
    assert_eq!(a, b);
    for entity in a.entities() {
        let id = entity.id();
        for direction in [Direction::Incoming, Direction::Outgoing] {
            let ours: Vec<&Relation> = a.relations_of(&id, direction).collect();
            let theirs: Vec<&Relation> = b.relations_of(&id, direction).collect();
            assert_eq!(ours, theirs, "{id} {direction:?}");
        }
    }
    assert_eq!(a.gaps(&GapPolicy::default()), b.gaps(&GapPolicy::default()));
    let options = gdc_map::CoverageOptions::default();
    assert_eq!(
        a.coverage_summaries(&a.targets(), &options),
        b.coverage_summaries(&b.targets(), &options)
    );
}

fn check_layering(graph: &Graph, layer: Dataset) -> Result<(), TestCaseError> {
    let full = GraphBuilder::new()
        .layer(graph.to_dataset())
        .layer(layer.clone())
        .build();
    let layered = graph.layered(layer.clone());
    let mut in_place = graph.clone();
    let added = in_place.add_layer(layer);
    match (full, layered, added) {
        (Ok(full), Ok(layered), Ok(())) => {
            assert_same_graph(&layered, &full);
            assert_same_graph(&in_place, &full);
        }
        (Err(report), Err(layered), Err(added)) => {
            prop_assert_eq!(layered.validation_report(), added.validation_report());
            let Some(layered) = layered.validation_report() else {
                return Err(TestCaseError::fail(format!(
                    "not a validation error: {layered}"
                )));
            };
            prop_assert_eq!(located(layered, false), located(&report, true));
            prop_assert_eq!(&in_place, graph);
            assert_same_graph(&in_place, graph);
        }
        (full, layered, added) => {
            return Err(TestCaseError::fail(format!(
                "full build {:?}, layered {:?}, in place {:?}",
                full.map(|_| ()),
                layered.map(|_| ()),
                added
            )));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Layers of every kind of edit, valid or not, over small synthetic graphs with nested
    /// bodies.
    #[test]
    fn a_layer_gives_what_building_both_gives(
        initiatives in 20usize..160,
        seed in 0u64..1000,
        edits in prop::collection::vec(arb_edit(), 0..12),
    ) {
        let graph = GraphBuilder::new()
            .layer(SyntheticSpec::new(initiatives).seed(seed).max_depth(6).generate())
            .build()
            .unwrap();
        let layer = layer_of(&graph, &edits);
        check_layering(&graph, layer)?;
    }

    /// Hierarchy relations among the graph's bodies and the layer's, which may close a cycle
    /// through the graph's own hierarchy.
    #[test]
    fn hierarchy_layers_are_refused_exactly_when_they_close_a_cycle(
        seed in 0u64..1000,
        links in prop::collection::vec((any::<usize>(), any::<usize>()), 1..4),
    ) {
        let graph = GraphBuilder::new()
            .layer(SyntheticSpec::new(200).seed(seed).max_depth(8).generate())
            .build()
            .unwrap();
        let bodies: Vec<EntityId> = graph
            .bodies()
            .iter()
            .map(|b| EntityId::Body(b.id.clone()))
            .collect();
        let mut layer = Dataset::default();
        for (a, b) in links {
            let (a, b) = (&bodies[a % bodies.len()], &bodies[b % bodies.len()]);
            layer.relations.push(Relation::new(
                a.clone(),
                RelationKind::SubgroupOf,
                b.clone(),
                stated("s1"),
            ));
        }
        check_layering(&graph, layer)?;
    }
}

/// Edits one after another, in place, give the graph built from all of them at once.
#[test]
fn edits_in_place_one_after_another_add_up() {
    let base = SyntheticSpec::new(300).seed(7).generate();
    let mut graph = GraphBuilder::new().layer(base.clone()).build().unwrap();
    let mut builder = GraphBuilder::new().layer(base);
    for n in 0..5 {
        let mut edit = Dataset::default();
        let org = format!("editor-{n}");
        edit.organisations.push(Record::new(
            org.parse().unwrap(),
            OrganisationKind::NonGovernmental,
            Label::new(format!("Editor {n}")),
            context("Edit log"),
        ));
        let target = graph.initiatives()[n * 7].id.clone();
        edit.relations.push(Relation::new(
            EntityId::Organisation(org.parse().unwrap()),
            RelationKind::PartnersIn,
            EntityId::Initiative(target),
            context("Edit log"),
        ));
        graph.add_layer(edit.clone()).unwrap();
        builder = builder.layer(edit);
    }
    assert_same_graph(&graph, &builder.build().unwrap());
}

/// A relation stated again gains the evidence and notes it lacked, each once, in the order
/// first seen; what it had stays first. Whichever way it is laid, and for a relation new to
/// the graph that a layer states twice.
#[test]
fn a_relation_stated_again_gains_what_it_lacked_once_in_first_seen_order() {
    let graph = Graph::embedded();
    let known = graph.relations()[0].clone();
    let mut again = known.clone();
    let first_piece = known.provenance.iter().next().unwrap().clone();
    again.provenance = vec![
        context("Second source"),
        first_piece,
        context("Second source"),
    ]
    .into();
    again.notes = vec!["A new note".into(), "A new note".into()];
    again.notes.extend(known.notes.iter().cloned());
    let mut expected = known.clone();
    expected.provenance.push(context("Second source"));
    expected.notes.push("A new note".into());

    let mut layer = Dataset::default();
    layer.relations.push(again.clone());
    let full = GraphBuilder::new()
        .layer(graph.to_dataset())
        .layer(layer.clone())
        .build()
        .unwrap();
    let layered = graph.layered(layer.clone()).unwrap();
    let mut in_place = graph.clone();
    in_place.add_layer(layer).unwrap();
    for g in [&full, &layered, &in_place] {
        assert_eq!(g.relations().len(), graph.relations().len());
        let merged = g
            .relations()
            .iter()
            .find(|r| (&r.from, r.kind, &r.to) == (&known.from, known.kind, &known.to));
        assert_eq!(merged, Some(&expected));
    }

    // A relation new to the graph, stated twice in one layer: the first record leads.
    let unicef: EntityId = "org:unicef".parse().unwrap();
    let to = graph
        .initiatives()
        .iter()
        .map(|i| EntityId::Initiative(i.id.clone()))
        .find(|to| {
            !graph
                .relations()
                .iter()
                .any(|r| r.from == unicef && &r.to == to)
        })
        .unwrap();
    let fresh = Relation::new(unicef, RelationKind::PartnersIn, to, context("First"));
    let mut second = fresh.clone();
    second.provenance = vec![context("Second"), context("First")].into();
    second.notes = vec!["Noted".into()];
    let mut layer = Dataset::default();
    layer.relations.extend([fresh.clone(), second]);
    let mut expected = fresh.clone();
    expected.provenance.push(context("Second"));
    expected.notes.push("Noted".into());
    let mut in_place = graph.clone();
    in_place.add_layer(layer.clone()).unwrap();
    for g in [&graph.layered(layer).unwrap(), &in_place] {
        let merged = g
            .relations()
            .iter()
            .find(|r| (&r.from, r.kind, &r.to) == (&fresh.from, fresh.kind, &fresh.to));
        assert_eq!(merged, Some(&expected));
    }
}
