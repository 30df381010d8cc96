//! `Graph::stated_in`: everything the graph holds on the word of one section.

use std::collections::BTreeSet;

use gdc_map::{Dataset, EntityId, Graph, GraphBuilder, ProvenanceList, SectionRef};
use proptest::prelude::*;

use crate::common::{arb_dataset, skeleton};

fn cites(evidence: &ProvenanceList, section: &SectionRef) -> bool {
    evidence.iter().any(|p| p.section() == Some(section))
}

/// What `section` states, read straight off the input dataset: each fact as a line of text, so
/// that two answers compare as sets whatever their order.
fn expected(data: &Dataset, section: &SectionRef) -> BTreeSet<String> {
    let mut facts = BTreeSet::new();
    let mut record = |id: EntityId,
                      evidence: &ProvenanceList,
                      dates: &[gdc_map::DateFact],
                      figures: &[gdc_map::Figure]| {
        if cites(evidence, section) {
            facts.insert(format!("record {id}"));
        }
        for d in dates.iter().filter(|d| cites(&d.provenance, section)) {
            facts.insert(format!("date {id} {} {}", d.date, d.kind.as_str()));
        }
        for f in figures.iter().filter(|f| cites(&f.provenance, section)) {
            facts.insert(format!("figure {id} {} {}", f.measure, f.value));
        }
    };
    for r in &data.organisations {
        record(
            EntityId::Organisation(r.id.clone()),
            &r.provenance,
            &r.dates,
            &r.figures,
        );
    }
    for r in &data.initiatives {
        record(
            EntityId::Initiative(r.id.clone()),
            &r.provenance,
            &r.dates,
            &r.figures,
        );
    }
    for r in &data.bodies {
        record(
            EntityId::Body(r.id.clone()),
            &r.provenance,
            &r.dates,
            &r.figures,
        );
    }
    for r in &data.events {
        record(
            EntityId::Event(r.id.clone()),
            &r.provenance,
            &r.dates,
            &r.figures,
        );
    }
    for r in &data.documents {
        record(
            EntityId::Document(r.id.clone()),
            &r.provenance,
            &r.dates,
            &r.figures,
        );
    }
    for r in &data.commitments {
        record(
            EntityId::Commitment(r.id.clone()),
            &r.provenance,
            &r.dates,
            &r.figures,
        );
    }
    for a in &data.pact_actions {
        record(EntityId::PactAction(a.id), &a.provenance, &[], &[]);
    }
    for r in data
        .relations
        .iter()
        .filter(|r| cites(&r.provenance, section))
    {
        facts.insert(format!("relation {r} {:?}", r.since));
    }
    facts
}

/// The same lines from the answer.
fn found(graph: &Graph, section: &SectionRef) -> BTreeSet<String> {
    let stated = graph.stated_in(section).expect("a declared section");
    let mut facts = BTreeSet::new();
    facts.extend(stated.records.iter().map(|id| format!("record {id}")));
    for d in &stated.dates {
        facts.insert(format!(
            "date {} {} {}",
            d.entity,
            d.fact.date,
            d.fact.kind.as_str()
        ));
    }
    for f in &stated.figures {
        facts.insert(format!(
            "figure {} {} {}",
            f.entity, f.figure.measure, f.figure.value
        ));
    }
    for r in &stated.relations {
        facts.insert(format!("relation {r} {:?}", r.since));
    }
    assert_eq!(facts.len(), stated.len(), "§{section}: a fact listed twice");
    facts
}

proptest! {
    /// Each declared section gives exactly the facts of the input whose own evidence cites it,
    /// each once, in the documented orders; a section the data does not declare gives `None`.
    #[test]
    fn a_section_gives_exactly_the_facts_that_cite_it(data in arb_dataset()) {
        let graph = GraphBuilder::new().layer(data.clone()).build().unwrap();
        for section in graph.sections() {
            let stated = graph.stated_in(&section.id).unwrap();
            prop_assert_eq!(&stated.section, section);
            prop_assert_eq!(found(&graph, &section.id), expected(&data, &section.id));
            prop_assert!(stated.records.windows(2).all(|w| w[0] < w[1]));
            prop_assert!(stated.dates.windows(2).all(|w| w[0].fact.date <= w[1].fact.date));
            let in_graph_order: Vec<_> = graph.relations().iter()
                .filter(|r| cites(&r.provenance, &section.id)).collect();
            prop_assert!(stated.relations.iter().eq(in_graph_order));
        }
        prop_assert!(graph.stated_in(&"undeclared".parse().unwrap()).is_none());
    }
}

proptest! {
    /// `sections_about` is `stated_in` read the other way: a section speaks of an entity
    /// exactly when the entity is among its records, or the subject of one of its dates or
    /// figures, or an end of one of its relations.
    #[test]
    fn sections_about_an_entity_are_those_that_name_it(data in arb_dataset()) {
        let graph = GraphBuilder::new().layer(data).build().unwrap();
        let statements: Vec<_> = (graph.sections().iter())
            .map(|s| graph.stated_in(&s.id).unwrap())
            .collect();
        for entity in graph.entities() {
            let id = entity.id();
            let expected: BTreeSet<SectionRef> = (statements.iter())
                .filter(|st| {
                    st.records.contains(&id)
                        || st.dates.iter().any(|d| d.entity == id)
                        || st.figures.iter().any(|f| f.entity == id)
                        || st.relations.iter().any(|r| r.from == id || r.to == id)
                })
                .map(|st| st.section.id.clone())
                .collect();
            prop_assert_eq!(graph.sections_about(&id), Some(expected), "{}", id);
        }
        prop_assert_eq!(graph.sections_about(&"org:not-there".parse().unwrap()), None);
    }
}

#[test]
fn the_embedded_sections_state_what_the_source_says() {
    let graph = Graph::embedded();
    let section = |s: &str| graph.stated_in(&s.parse().unwrap()).unwrap();
    for s in graph.sections() {
        assert!(
            !section(s.id.as_str()).is_empty(),
            "nothing cites §{}",
            s.id
        );
    }

    // §2.3: the HLCP of the CEB recognises the IAWG-AI, co-chaired by ITU and UNESCO.
    let iawg = section("2.3");
    let records: Vec<String> = iawg.records.iter().map(ToString::to_string).collect();
    for r in ["body:iawg-ai", "body:hlcp", "body:ceb"] {
        assert!(
            records.contains(&r.to_owned()),
            "§2.3 lacks {r}: {records:?}"
        );
    }
    let relations: Vec<String> = iawg.relations.iter().map(ToString::to_string).collect();
    for r in [
        "org:itu co-chairs body:iawg-ai",
        "org:unesco co-chairs body:iawg-ai",
    ] {
        assert!(relations.contains(&r.to_owned()), "§2.3 lacks {r}");
    }

    // §1/obj5: more than 165 AI standards published, 150 in development.
    let figures: Vec<String> = (section("1/obj5").figures.iter())
        .map(|f| format!("{} {}", f.figure.measure, f.figure.value))
        .collect();
    assert_eq!(
        figures,
        [
            "ai-standards-published more than 165",
            "ai-standards-in-development 150"
        ]
    );

    // §2.1: the WGDT's dates, in time order, and nothing from context.
    let dates: Vec<String> = (section("2.1").dates.iter())
        .map(|d| format!("{} {}", d.fact.date, d.entity))
        .collect();
    assert!(dates.contains(&"2024-10 body:wgdt".to_owned()), "{dates:?}");
    assert!(dates.contains(&"2025-02-27 event:wgdt-high-level-meeting".to_owned()));
    assert!(
        !dates.iter().any(|d| d.contains("odet")),
        "ODET's founding date is context"
    );
}

#[test]
fn a_section_nothing_cites_is_empty_and_says_so() {
    let graph = GraphBuilder::new().layer(skeleton()).build().unwrap();
    let stated = graph.stated_in(&"s2".parse().unwrap()).unwrap();
    assert!(stated.is_empty());
    assert_eq!(
        stated.to_string(),
        "§s2 Section s2 (source src)\nnothing in the graph cites it\n"
    );
}

#[test]
fn an_answer_survives_json() {
    let stated = Graph::embedded()
        .stated_in(&"2.1".parse().unwrap())
        .unwrap();
    let text = serde_json::to_string(&stated).unwrap();
    assert_eq!(
        serde_json::from_str::<gdc_map::SectionStatements>(&text).unwrap(),
        stated
    );
}
