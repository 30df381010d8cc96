//! The embedded dataset: it builds, and it says what the source document says.

use std::collections::BTreeSet;

use gdc_map::{
    Bound, DATASET_CONTENT_HASH, DATASET_VERSION, Dataset, DateKind, Direction, EntityId,
    EntityRef, FigureValue, Graph, GraphBuilder, Objective, Provenance, RelationKind,
};

fn id(s: &str) -> EntityId {
    s.parse().unwrap()
}

/// The subjects of `kind` relations pointing at `to`, each with the sections cited.
fn subjects(graph: &Graph, kind: RelationKind, to: &str) -> Vec<(String, Vec<String>)> {
    graph
        .relations_of(&id(to), Direction::Incoming)
        .filter(|r| r.kind == kind)
        .map(|r| {
            let sections = r
                .provenance
                .iter()
                .filter_map(Provenance::section)
                .map(|s| s.to_string())
                .collect();
            (r.from.to_string(), sections)
        })
        .collect()
}

#[test]
fn builds_through_the_public_path_and_equals_the_shared_graph() {
    let text = Graph::embedded().to_json();
    let again = Graph::from_json(&text).unwrap();
    assert_eq!(&again, Graph::embedded());
    assert_eq!(DATASET_VERSION, Graph::embedded().sources()[0].version);
    assert_eq!(DATASET_CONTENT_HASH.len(), 16);
}

#[test]
fn who_co_chairs_the_wgdt() {
    let got = subjects(Graph::embedded(), RelationKind::CoChairs, "body:wgdt");
    assert_eq!(
        got,
        [
            ("org:itu".into(), vec!["2".into(), "2.1".into()]),
            ("org:odet".into(), vec!["2".into(), "2.1".into()]),
        ]
    );
}

#[test]
fn which_wgdt_subgroups_itu_co_leads() {
    let graph = Graph::embedded();
    let subgroups: BTreeSet<String> = graph
        .related(
            &id("body:wgdt"),
            RelationKind::SubgroupOf,
            Direction::Incoming,
        )
        .map(|e| e.id().to_string())
        .collect();
    assert_eq!(subgroups.len(), 6, "six subgroups (2.1)");
    let co_led: Vec<String> = graph
        .relations_of(&id("org:itu"), Direction::Outgoing)
        .filter(|r| r.kind == RelationKind::CoLeads && subgroups.contains(&r.to.to_string()))
        .map(|r| {
            assert!(
                r.provenance
                    .iter()
                    .any(|p| p.section().is_some_and(|s| s.as_str() == "2.1"))
            );
            r.to.to_string()
        })
        .collect();
    assert_eq!(co_led, ["body:wgdt-sub-1", "body:wgdt-sub-5"]);
    // Subgroup 5 is co-led by ITU, ODET and UNESCO (2.3).
    let sub5: Vec<String> = subjects(graph, RelationKind::CoLeads, "body:wgdt-sub-5")
        .into_iter()
        .map(|(who, _)| who)
        .collect();
    assert_eq!(sub5, ["org:itu", "org:odet", "org:unesco"]);
}

#[test]
fn pact_actions_27c_and_24b() {
    let graph = Graph::embedded();
    let co_leads: Vec<String> = subjects(graph, RelationKind::CoLeads, "action:27(c)")
        .into_iter()
        .map(|(who, sections)| {
            assert_eq!(sections, ["2.2"]);
            who
        })
        .collect();
    assert_eq!(co_leads, ["org:itu", "org:odet", "org:unoda"]);
    let contributors = subjects(graph, RelationKind::ContributesTo, "action:24(b)");
    assert_eq!(contributors, [("org:itu".into(), vec!["2.2".into()])]);
}

#[test]
fn giga_supports_objective_1_with_unicef() {
    let graph = Graph::embedded();
    let supported: Vec<String> = graph
        .related(
            &id("initiative:giga"),
            RelationKind::Supports,
            Direction::Outgoing,
        )
        .map(|e| e.id().to_string())
        .collect();
    assert_eq!(supported, ["objective:1"]);
    let partners = subjects(graph, RelationKind::PartnersIn, "initiative:giga");
    assert!(partners.contains(&("org:unicef".into(), vec!["1/obj1".into()])));
}

/// §1/obj4 credits ITU's statistics, TSB's interoperability work and "the Broadband
/// Commission's collaboration with UNESCO (notably its data-governance working group)" to
/// objective 4: UNESCO is among the organisations behind it, through the Commission.
#[test]
fn organisations_behind_objective_4_include_unesco_through_the_broadband_commission() {
    let graph = Graph::embedded();
    let coverage = graph
        .coverage(
            &Objective::DataGovernance.into(),
            &gdc_map::CoverageOptions::default(),
        )
        .unwrap();
    assert_eq!(
        organisations_behind(graph, Objective::DataGovernance),
        ["org:itu", "org:tsb", "org:unesco"]
    );
    let unesco = coverage.entry(&id("org:unesco")).unwrap();
    assert_eq!(
        unesco.path.to_string(),
        "org:unesco partners-in body:broadband-commission supports objective:4"
    );
    assert!(unesco.path.iter().all(|r| {
        r.provenance
            .iter()
            .all(|p| p.section().is_some_and(|s| s.to_string() == "1/obj4"))
    }));
}

/// The organisations whose paths into `objective` coverage finds, in id order.
fn organisations_behind(graph: &Graph, objective: Objective) -> Vec<String> {
    graph
        .coverage(&objective.into(), &gdc_map::CoverageOptions::default())
        .unwrap()
        .entries
        .iter()
        .filter(|e| e.entity.kind() == gdc_map::EntityKind::Organisation)
        .map(|e| e.entity.to_string())
        .collect()
}

/// §1/obj3 opens with ITU's strengthened cooperation with OHCHR "for a rights-based digital
/// future", and §1/obj5 names the UN sister agencies ITU strengthens cooperation with: those
/// organisations stand behind the objective their bullet is about, each through a
/// cooperation cited to that bullet, as UNICEF stands behind objective 1 through Giga.
#[test]
fn organisations_behind_objectives_3_and_5_include_the_partners_their_bullets_name() {
    let graph = Graph::embedded();
    assert_eq!(
        organisations_behind(graph, Objective::DigitalSpace),
        ["org:itu", "org:ohchr"]
    );
    let behind_ai = organisations_behind(graph, Objective::AiGovernance);
    for agency in [
        "fao", "iaea", "unep", "wgo", "wmo", "iec", "iso", "odet", "unesco",
    ] {
        assert!(
            behind_ai.contains(&format!("org:{agency}")),
            "{agency}: {behind_ai:?}"
        );
    }
    for (objective, partner, section) in [
        (Objective::DigitalSpace, "org:ohchr", "1/obj3"),
        (Objective::AiGovernance, "org:fao", "1/obj5"),
    ] {
        let coverage = graph
            .coverage(&objective.into(), &gdc_map::CoverageOptions::default())
            .unwrap();
        let path = &coverage.entry(&id(partner)).unwrap().path;
        assert_eq!(path.len(), 2, "{path}");
        assert!(path.iter().all(|r| {
            r.provenance
                .iter()
                .all(|p| p.section().is_some_and(|s| s.to_string() == section))
        }));
    }
}

/// The other way round: the objectives UNESCO stands behind are the three whose bullets
/// name it (indicators under 1, the Broadband Commission under 4, the IAWG-AI under 5),
/// and OHCHR stands behind objective 3 alone.
#[test]
fn objectives_unesco_and_ohchr_stand_behind() {
    let graph = Graph::embedded();
    let objectives_of = |org: &str| -> Vec<(String, Vec<String>)> {
        graph
            .covered_by(&id(org), &gdc_map::CoverageOptions::default())
            .unwrap()
            .of_kind(gdc_map::EntityKind::Objective)
            .map(|t| {
                let sections = t.entry.sections().iter().map(|s| s.to_string()).collect();
                (t.target.to_string(), sections)
            })
            .collect()
    };
    assert_eq!(
        objectives_of("org:unesco"),
        [
            ("objective:1".to_owned(), vec!["1/obj1".to_owned()]),
            ("objective:4".to_owned(), vec!["1/obj4".to_owned()]),
            ("objective:5".to_owned(), vec!["1/obj5".to_owned()]),
        ]
    );
    assert_eq!(
        objectives_of("org:ohchr"),
        [("objective:3".to_owned(), vec!["1/obj3".to_owned()])]
    );
}

/// A reader knows entities by name, in either language, in any case: those called the name
/// come first, then those whose names contain it.
#[test]
fn entities_are_found_by_name() {
    let graph = Graph::embedded();
    let ids = |text: &str| -> Vec<String> {
        graph
            .find_by_name(text)
            .iter()
            .map(|e| e.id().to_string())
            .collect()
    };
    let itu = ids("itu");
    assert_eq!(
        itu[0], "org:itu",
        "called ITU, before the names containing it"
    );
    assert!(itu.contains(&"initiative:itu-academy".to_owned()));
    assert!(
        itu[1..].windows(2).all(|w| id(&w[0]) < id(&w[1])),
        "{itu:?}"
    );
    assert_eq!(ids("  Giga "), ["initiative:giga"]);
    assert_eq!(ids("联合国教科文组织"), ["org:unesco"]);
    assert_eq!(ids("Objective 3"), ["objective:3", "body:wgdt-sub-3"]);
    assert!(ids("   ").is_empty());
    assert!(ids("no such name").is_empty());
    let unesco = graph.entity(&id("org:unesco")).unwrap();
    assert!(unesco.is_called("UNESCO"));
    assert!(unesco.is_called("united nations educational, scientific and cultural organization"));
    assert!(!unesco.is_called("UNESCO and ITU"));
}

#[test]
fn milestones_for_2025_and_beyond() {
    let graph = Graph::embedded();
    let milestones: Vec<String> = graph
        .relations()
        .iter()
        .filter(|r| r.kind == RelationKind::MilestoneFor)
        .map(|r| {
            assert_eq!(r.since.map(|d| d.to_string()).as_deref(), Some("2025"));
            assert_eq!(r.to, id("body:wgdt"));
            r.from.to_string()
        })
        .collect();
    assert_eq!(
        milestones,
        [
            "event:ai-for-good-summit",
            "event:gsr",
            "event:international-ai-standards-summit",
            "event:wrc",
            "event:wsis-forum",
            "event:wtdc",
            "event:wtsa"
        ]
    );
}

#[test]
fn when_the_wgdt_was_set_up_and_first_met() {
    let graph = Graph::embedded();
    let wgdt = graph.body(&"wgdt".parse().unwrap()).unwrap();
    let established = wgdt
        .dates
        .iter()
        .find(|d| d.kind == DateKind::Established)
        .unwrap();
    assert_eq!(established.date.to_string(), "2024-10");
    let first = graph.event(&"wgdt-first-meeting".parse().unwrap()).unwrap();
    assert_eq!(first.dates[0].date.to_string(), "2024-10-21");
    assert_eq!(first.dates[0].provenance[0].to_string(), "§2.1");
    let tor = graph
        .document(&"wgdt-terms-of-reference".parse().unwrap())
        .unwrap();
    assert_eq!(tor.dates[0].kind, DateKind::Finalised);
    assert_eq!(tor.dates[0].date.to_string(), "2025-02-27");
}

#[test]
fn iawg_ai_co_chairs_and_reporting_line() {
    let graph = Graph::embedded();
    let co_chairs = subjects(graph, RelationKind::CoChairs, "body:iawg-ai");
    assert_eq!(
        co_chairs,
        [
            ("org:itu".into(), vec!["2.3".into()]),
            ("org:unesco".into(), vec!["2.3".into()])
        ]
    );
    let reports_to: Vec<String> = graph
        .related(
            &id("body:iawg-ai"),
            RelationKind::ReportsTo,
            Direction::Outgoing,
        )
        .map(|e| e.id().to_string())
        .collect();
    assert_eq!(reports_to, ["body:hlcp"]);
    let parent: Vec<String> = graph
        .related(
            &id("body:hlcp"),
            RelationKind::SubgroupOf,
            Direction::Outgoing,
        )
        .map(|e| e.id().to_string())
        .collect();
    assert_eq!(parent, ["body:ceb"]);
}

#[test]
fn figures_are_data() {
    let graph = Graph::embedded();
    let ai = graph.initiative(&"ai-standards".parse().unwrap()).unwrap();
    let published = ai
        .figures
        .iter()
        .find(|f| f.measure == "ai-standards-published")
        .unwrap();
    assert_eq!(
        published.value,
        FigureValue::Count {
            value: 165,
            bound: Bound::MoreThan
        }
    );
    let developing = ai
        .figures
        .iter()
        .find(|f| f.measure == "ai-standards-in-development")
        .unwrap();
    assert_eq!(
        developing.value,
        FigureValue::Count {
            value: 150,
            bound: Bound::Exact
        }
    );
    let wgdt = graph.body(&"wgdt".parse().unwrap()).unwrap();
    assert_eq!(
        wgdt.figures[0].value,
        FigureValue::Count {
            value: 6,
            bound: Bound::Exact
        }
    );
    let plan = graph
        .document(&"iawg-ai-workplan".parse().unwrap())
        .unwrap();
    assert_eq!(plan.figures[0].value, FigureValue::Months { value: 12 });
    let doc = graph
        .document(&"itu-gdc-action-plan-update-2025".parse().unwrap())
        .unwrap();
    assert_eq!(
        doc.figures[0].value,
        FigureValue::YearRange {
            from: 2024,
            to: 2025
        }
    );
}

#[test]
fn every_section_of_the_source_is_cited_by_a_relation() {
    let graph = Graph::embedded();
    let cited: BTreeSet<String> = graph
        .relations()
        .iter()
        .flat_map(|r| &r.provenance)
        .filter_map(Provenance::section)
        .map(|s| s.to_string())
        .collect();
    let expected = [
        "header", "intro", "1", "1/obj1", "1/obj2", "1/obj3", "1/obj4", "1/obj5", "1/annex", "2",
        "2.1", "2.2", "2.3", "2.4",
    ];
    let declared: Vec<String> = graph.sections().iter().map(|s| s.id.to_string()).collect();
    for s in expected {
        assert!(cited.contains(s), "no relation cites §{s}");
        assert!(declared.contains(&s.to_owned()), "§{s} is not declared");
    }
    assert_eq!(declared.len(), expected.len());
}

#[test]
fn context_facts_are_labelled_and_cited() {
    let graph = Graph::embedded();
    let context_only: Vec<_> = graph
        .relations()
        .iter()
        .filter(|r| !r.provenance.iter().any(Provenance::is_stated))
        .collect();
    assert!(!context_only.is_empty());
    for r in &context_only {
        for p in &r.provenance {
            let Provenance::Context(c) = p else {
                unreachable!()
            };
            assert!(
                c.citation.len() > 10,
                "{r}: a context fact needs a real citation"
            );
        }
    }
    // The WSIS facilitators come from context, never from the source document.
    for r in graph
        .relations()
        .iter()
        .filter(|r| r.kind == RelationKind::Facilitates)
    {
        assert!(r.provenance.iter().all(|p| !p.is_stated()), "{r}");
    }
    let gdc = graph.document(&"gdc".parse().unwrap()).unwrap();
    let exact = gdc
        .dates
        .iter()
        .find(|d| d.date.to_string() == "2024-09-22")
        .unwrap();
    assert!(!exact.provenance[0].is_stated());
}

#[test]
fn ambiguities_are_kept_with_a_note() {
    let graph = Graph::embedded();
    let wgo = graph.organisation(&"wgo".parse().unwrap()).unwrap();
    assert_eq!(wgo.label.zh.as_deref(), Some("世界非政府组织运动"));
    assert!(wgo.notes.iter().any(|n| n.contains("WHO")));
    let section_1 = graph.section(&"1".parse().unwrap()).unwrap();
    assert!(
        section_1
            .notes
            .iter()
            .any(|n| n.contains("objectives 1 and 3"))
    );
}

/// Statements that name nothing to link (an aim, a focus, key areas, unnamed companies) are
/// kept as notes on the section that states them, or on the record they describe, so that
/// `stated_in` and the `source` example show them beside the section's relations.
#[test]
fn statements_with_nothing_to_link_are_kept_as_notes() {
    let graph = Graph::embedded();
    let section_notes = |section: &str| -> String {
        let statements = graph.stated_in(&section.parse().unwrap()).unwrap();
        statements.section.notes.join(" ")
    };
    assert!(section_notes("1").contains("align directly with ITU's existing mandate"));
    assert!(section_notes("1").contains("tailored support to align national strategies"));
    assert!(section_notes("1/obj5").contains("key technology companies and community members"));
    assert!(section_notes("2").contains("collective ownership of the GDC"));

    let workplan = id("doc:wgdt-workplan");
    let in_2_1 = graph.stated_in(&"2.1".parse().unwrap()).unwrap();
    assert!(in_2_1.records.contains(&workplan));
    let notes = graph.entity(&workplan).unwrap().notes().join(" ");
    for area in [
        "digital divides",
        "digital economy",
        "digital literacy",
        "inclusion",
        "online safety and security",
        "data and AI",
    ] {
        assert!(notes.contains(area), "{area}: {notes}");
    }
    let itu = graph.entity(&id("org:itu")).unwrap().notes().join(" ");
    assert!(itu.contains("fostering international cooperation, driving innovation"));
}

#[test]
fn objectives_have_their_titles_in_both_languages() {
    let graph = Graph::embedded();
    for o in Objective::ALL {
        let Some(EntityRef::Objective(got)) = graph.entity(&o.into()) else {
            panic!()
        };
        assert_eq!(got, o);
        assert!(!o.title_zh().is_empty());
    }
}

#[test]
fn ids_are_sorted_and_unique_in_every_list() {
    let data: Dataset = Graph::embedded().to_dataset();
    let ids: Vec<EntityId> = Graph::embedded().entities().map(|e| e.id()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(ids, sorted);
    assert!(
        data.relations
            .windows(2)
            .all(|w| (&w[0].from, w[0].kind, &w[0].to) < (&w[1].from, w[1].kind, &w[1].to))
    );
}

#[test]
fn layering_the_embedded_data_onto_itself_is_refused_and_changes_nothing() {
    let before = Graph::embedded().clone();
    let err = Graph::embedded()
        .layered(Graph::embedded().to_dataset())
        .unwrap_err();
    let report = err.validation_report().unwrap();
    assert!(
        report
            .issues()
            .iter()
            .any(|i| matches!(i, gdc_map::Issue::DuplicateId { .. }))
    );
    assert_eq!(&before, Graph::embedded());
    // An empty layer is accepted and changes nothing.
    let same = GraphBuilder::new()
        .layer(Graph::embedded().to_dataset())
        .layer(Dataset::default())
        .build()
        .unwrap();
    assert_eq!(&same, Graph::embedded());
}
