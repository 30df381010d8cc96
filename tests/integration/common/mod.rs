//! Fixture builders and proptest strategies shared by the integration tests.

use gdc_map::{
    BodyKind, Bound, Citation, Dataset, DateFact, DateKind, EntityId, Figure, FigureValue, Label,
    Objective, OrganisationKind, PartialDate, Provenance, ProvenanceList, Record, Relation,
    RelationKind, Section, SectionRef, Source, SourceId,
};
use proptest::prelude::*;

pub(crate) mod located;

pub(crate) fn stated(section: &str) -> Provenance {
    Provenance::Stated(SectionRef::new(section).unwrap())
}

pub(crate) fn context(citation: &str) -> Provenance {
    Provenance::Context(Box::new(Citation {
        citation: citation.to_owned(),
        url: None,
    }))
}

/// Adds to `d` the relation `from kind to`, stated in section `s1`.
pub(crate) fn relate(d: &mut Dataset, from: &str, kind: RelationKind, to: &str) {
    d.relations.push(Relation::new(
        from.parse().unwrap(),
        kind,
        to.parse().unwrap(),
        stated("s1"),
    ));
}

/// A dataset with one source and the sections `s1`, `s2`, `s3`, and nothing else.
pub(crate) fn skeleton() -> Dataset {
    let source = SourceId::new("src").unwrap();
    let mut d = Dataset::default();
    d.sources.push(Source {
        id: source.clone(),
        title: "Test source".into(),
        version: "1".into(),
        language: Some("en".into()),
        notes: vec![],
    });
    for s in ["s1", "s2", "s3"] {
        d.sections.push(Section {
            id: SectionRef::new(s).unwrap(),
            source: source.clone(),
            title: format!("Section {s}"),
            notes: vec![],
        });
    }
    d
}

/// A record `id` of `kind` labelled `label`, stated in section `s1`.
pub(crate) fn record<Id: std::str::FromStr, Kind>(
    id: &str,
    kind: Kind,
    label: &str,
) -> Record<Id, Kind>
where
    Id::Err: std::fmt::Debug,
{
    Record::new(id.parse().unwrap(), kind, Label::new(label), stated("s1"))
}

/// `depth` working groups `b0`..: `b0` supports objective 1 and each other is a subgroup of
/// the one before, so `b{i}` covers the objective through a chain of `i + 1` relations; the
/// organisation `o0` leads the deepest.
pub(crate) fn deep_hierarchy(depth: usize) -> Dataset {
    let body = |i: usize| EntityId::Body(format!("b{i}").parse().unwrap());
    let mut d = skeleton();
    for i in 0..depth {
        let name = format!("b{i}");
        d.bodies
            .push(record(&name, BodyKind::WorkingGroup, &format!("Body {i}")));
    }
    d.relations.push(Relation::new(
        body(0),
        RelationKind::Supports,
        Objective::DigitalDivides.into(),
        stated("s1"),
    ));
    for i in 1..depth {
        d.relations.push(Relation::new(
            body(i),
            RelationKind::SubgroupOf,
            body(i - 1),
            stated("s2"),
        ));
    }
    d.organisations.push(record(
        "o0",
        OrganisationKind::SpecialisedAgency,
        "Organisation 0",
    ));
    d.relations.push(Relation::new(
        "org:o0".parse().unwrap(),
        RelationKind::Leads,
        body(depth - 1),
        stated("s1"),
    ));
    d
}

/// Entities of the generated datasets, in a global rank order: hierarchy relations only ever
/// point from a higher rank to a lower one, so every generated dataset is acyclic.
#[derive(Debug, Clone)]
pub(crate) struct Shape {
    pub(crate) organisations: usize,
    pub(crate) initiatives: usize,
    pub(crate) bodies: usize,
    pub(crate) events: usize,
    pub(crate) relations: Vec<(usize, usize, usize, usize)>,
    pub(crate) labels: Vec<(String, Option<String>)>,
    pub(crate) with_dates: bool,
}

fn arb_label_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z][A-Za-z0-9 ,'()-]{0,30}",
        "[a-z]{1,5} \\PC{0,10}[a-z]",
        Just("Organisation des Nations Unies — ONU".to_owned()),
    ]
}

pub(crate) fn arb_shape() -> impl Strategy<Value = Shape> {
    (
        0usize..6,
        0usize..6,
        0usize..5,
        0usize..4,
        prop::collection::vec((0usize..64, 0usize..64, 0usize..64, 0usize..8), 0..40),
        prop::collection::vec(
            (
                arb_label_text(),
                prop::option::of("[\\u{4e00}-\\u{9fa5}]{1,6}"),
            ),
            24,
        ),
        any::<bool>(),
    )
        .prop_map(
            |(organisations, initiatives, bodies, events, relations, labels, with_dates)| Shape {
                organisations,
                initiatives,
                bodies,
                events,
                relations,
                labels,
                with_dates,
            },
        )
}

/// The entity ids of a shape, in rank order.
pub(crate) fn entity_ids(shape: &Shape) -> Vec<String> {
    let mut ids = Vec::new();
    ids.extend((0..shape.organisations).map(|i| format!("org:o{i}")));
    ids.extend((0..shape.bodies).map(|i| format!("body:b{i}")));
    ids.extend((0..shape.initiatives).map(|i| format!("initiative:i{i}")));
    ids.extend((0..shape.events).map(|i| format!("event:e{i}")));
    ids.extend((1..=5).map(|i| format!("objective:{i}")));
    ids.extend(["sdg:4", "sdg:9", "wsis:C5", "chapter:3"].map(String::from));
    ids
}

fn provenance_for(choice: usize) -> ProvenanceList {
    let pieces = match choice {
        0 => vec![stated("s1")],
        1 => vec![stated("s2")],
        2 => vec![stated("s1"), stated("s3")],
        3 => vec![context("Annual report")],
        4 => vec![stated("s3"), context("Web page")],
        _ => vec![stated("s2")],
    };
    pieces.into()
}

/// A valid dataset from a shape: every relation whose kind the two ends do not allow, that
/// would point at itself, or that would go up the rank order along a hierarchy, is skipped.
pub(crate) fn build_dataset(shape: &Shape) -> Dataset {
    let mut d = skeleton();
    let label = |i: usize| {
        let (en, zh) = shape.labels[i % shape.labels.len()].clone();
        Label {
            en: if en.trim().is_empty() { "x".into() } else { en },
            zh,
            short: None,
        }
    };
    let dates = |i: usize| {
        if shape.with_dates {
            vec![DateFact {
                kind: DateKind::Established,
                date: PartialDate::new(2000 + i as u16, Some(1 + (i % 12) as u8), None).unwrap(),
                provenance: provenance_for(i),
                note: i.is_multiple_of(2).then(|| "a note".into()),
            }]
        } else {
            vec![]
        }
    };
    let figures = |i: usize| {
        if shape.with_dates && i % 2 == 1 {
            vec![Figure {
                measure: "things".into(),
                value: FigureValue::Count {
                    value: i as u64 * 10,
                    bound: Bound::MoreThan,
                },
                provenance: provenance_for(i + 1),
                note: None,
            }]
        } else {
            vec![]
        }
    };
    macro_rules! records {
        ($list:ident, $n:expr, $prefix:literal, $kind:expr, $offset:expr) => {
            for i in 0..$n {
                let mut r = Record::new(
                    format!(concat!($prefix, "{}"), i).parse().unwrap(),
                    $kind,
                    label(i + $offset),
                    provenance_for(i)[0].clone(),
                );
                r.dates = dates(i);
                r.figures = figures(i);
                if i % 3 == 2 {
                    r.notes.push(format!("note {i}"));
                    r.place = Some("Geneva".into());
                }
                d.$list.push(r);
            }
        };
    }
    records!(
        organisations,
        shape.organisations,
        "o",
        gdc_map::OrganisationKind::SpecialisedAgency,
        0
    );
    records!(
        bodies,
        shape.bodies,
        "b",
        gdc_map::BodyKind::WorkingGroup,
        6
    );
    records!(
        initiatives,
        shape.initiatives,
        "i",
        gdc_map::InitiativeKind::Programme,
        12
    );
    records!(events, shape.events, "e", gdc_map::EventKind::Forum, 18);

    let ids: Vec<gdc_map::EntityId> = entity_ids(shape)
        .iter()
        .map(|id| id.parse().unwrap())
        .collect();
    for &(kind, from, to, prov) in &shape.relations {
        // A third of the relations support a target, so that coverage has something to find;
        // the rest are of any kind. Each end is picked among the entities the kind allows
        // there, so that nearly every relation drawn is kept.
        let kind = match kind {
            0..20 => RelationKind::Supports,
            k => RelationKind::ALL[k % RelationKind::ALL.len()],
        };
        let subjects: Vec<usize> = (0..ids.len())
            .filter(|&i| ids.iter().any(|t| kind.allows(ids[i].kind(), t.kind())))
            .collect();
        let Some(&from_rank) = subjects.get(from % subjects.len().max(1)) else {
            continue;
        };
        let f = ids[from_rank].clone();
        let objects: Vec<usize> = (0..ids.len())
            .filter(|&j| kind.allows(f.kind(), ids[j].kind()))
            .collect();
        let to_rank = objects[to % objects.len()];
        let t = ids[to_rank].clone();
        if f == t || (kind.is_hierarchy() && from_rank <= to_rank) {
            continue;
        }
        let mut r = Relation::new(f, kind, t, stated("s1"));
        r.provenance = provenance_for(prov);
        if prov % 3 == 0 {
            r.notes.push("because".into());
        }
        if prov == 7 {
            r.since = Some("2025".parse().unwrap());
        }
        // The same relation stated twice must agree on its date.
        if d.relations
            .iter()
            .any(|o| o.from == r.from && o.kind == r.kind && o.to == r.to && o.since != r.since)
        {
            continue;
        }
        d.relations.push(r);
    }
    d
}

pub(crate) fn arb_dataset() -> impl Strategy<Value = Dataset> {
    arb_shape().prop_map(|s| build_dataset(&s))
}

/// Adds `from supports to`, dated like any record of the same relation already there, so the
/// dataset stays valid.
pub(crate) fn add_support(data: &mut Dataset, from: gdc_map::EntityId, to: gdc_map::EntityId) {
    let since = data
        .relations
        .iter()
        .find(|r| r.from == from && r.kind == RelationKind::Supports && r.to == to)
        .and_then(|r| r.since);
    let mut r = Relation::new(from, RelationKind::Supports, to, stated("s1"));
    r.since = since;
    data.relations.push(r);
}

/// Every organisation, initiative, body and event of a graph: the entities that can support.
pub(crate) fn actors(graph: &gdc_map::Graph) -> Vec<gdc_map::EntityId> {
    use gdc_map::EntityKind;
    graph
        .entities()
        .map(|e| e.id())
        .filter(|id| {
            matches!(
                id.kind(),
                EntityKind::Organisation
                    | EntityKind::Initiative
                    | EntityKind::Body
                    | EntityKind::Event
            )
        })
        .collect()
}

/// The graph of `data`, and the graph of `data` with one more `supports` relation, from the
/// actor `pick` chooses to objective `n`; `None` when the graph has no actor. Panics if either
/// fails to build: adding support to a valid dataset must keep it valid.
pub(crate) fn before_and_after_one_more_support(
    data: &Dataset,
    pick: proptest::sample::Index,
    n: u8,
) -> Option<(gdc_map::Graph, gdc_map::Graph)> {
    let before = gdc_map::GraphBuilder::new()
        .layer(data.clone())
        .build()
        .ok()?;
    let actors = actors(&before);
    if actors.is_empty() {
        return None;
    }
    let mut more = data.clone();
    let objective = gdc_map::Objective::from_number(n)?;
    add_support(
        &mut more,
        actors[pick.index(actors.len())].clone(),
        objective.into(),
    );
    let after = gdc_map::GraphBuilder::new().layer(more).build().ok()?;
    Some((before, after))
}
