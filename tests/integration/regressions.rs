//! Inputs that once broke, or that sit on an edge the fuzzer and property tests probe: each
//! gets its typed error, never a panic. Add a test here for every crash the fuzz targets find.

use gdc_map::{
    CoverageOptions, Dataset, EntityId, EntityKind, Error, GapPolicy, Graph, GraphBuilder,
    Objective, PactActionId, PartialDate, RelationKind, export,
};

#[track_caller]
fn refused(text: &str) -> Error {
    match Dataset::from_json(text) {
        Ok(d) => match Graph::from_json(&d.to_json()) {
            Ok(_) => panic!("expected a refusal for {text:?}"),
            Err(e) => e,
        },
        Err(e) => e,
    }
}

#[test]
fn duplicate_keys_are_refused_not_merged() {
    let e = refused(r#"{"schema_version": 1, "relations": [], "relations": []}"#);
    assert!(e.to_string().contains("duplicate field `relations`"), "{e}");
}

#[test]
fn a_byte_order_mark_past_the_start_is_a_syntax_error_with_a_position() {
    // At the very start it is skipped (tests/integration/json.rs); anywhere else it is a
    // character the format does not allow there.
    assert!(Dataset::from_json("\u{feff}{\"schema_version\": 1}").is_ok());
    let e = refused("{\"schema_version\": 1,\n\u{feff}\"relations\": []}");
    assert!(
        matches!(
            e,
            Error::Json {
                line: 2,
                column: 1,
                ..
            }
        ),
        "{e:?}"
    );
}

#[test]
fn out_of_range_numbers_are_data_errors() {
    let e = refused(
        r#"{"schema_version": 1, "documents": [{"id": "d", "kind": "report", "label": {"en": "D"},
          "provenance": [{"context": {"citation": "c"}}],
          "figures": [{"measure": "m", "value": {"type": "year-range", "from": 70000, "to": 1},
                       "provenance": [{"context": {"citation": "c"}}]}]}]}"#,
    );
    let Error::Json { path, message, .. } = &e else {
        panic!("{e:?}")
    };
    // A tagged value is read whole, so the path stops at the value; the message names the number.
    assert_eq!(path.as_deref(), Some("documents[0].figures[0].value"));
    assert!(message.contains("70000"), "{message}");
    let e = refused(r#"{"schema_version": 1e400}"#);
    assert!(
        matches!(e, Error::Json { .. } | Error::UnsupportedSchema { .. }),
        "{e:?}"
    );
}

#[test]
fn nul_and_control_characters_in_strings_survive_a_round_trip() {
    let text = "{\"schema_version\": 1, \"organisations\": [{\"id\": \"x\", \"kind\": \"other\", \
                \"label\": {\"en\": \"a\\u0000b\\u001f\"}, \"provenance\": [{\"context\": {\"citation\": \"c\"}}]}]}";
    let graph = Graph::from_json(text).unwrap();
    assert_eq!(Graph::from_json(&graph.to_json()).unwrap(), graph);
    assert_eq!(graph.organisations()[0].label.en, "a\u{0}b\u{1f}");
}

#[test]
fn lone_surrogate_escapes_are_refused() {
    let e = refused(
        r#"{"schema_version": 1, "sources": [{"id": "s", "title": "\ud800", "version": "1"}]}"#,
    );
    assert!(matches!(e, Error::Json { .. }), "{e:?}");
}

#[test]
fn ids_at_the_edges_of_their_grammar() {
    assert!("org:".parse::<EntityId>().is_err());
    assert!(":itu".parse::<EntityId>().is_err());
    assert!("org:itu:x".parse::<EntityId>().is_err());
    assert!("action:0".parse::<EntityId>().is_err());
    assert!("action:1(a)(b)".parse::<PactActionId>().is_err());
    assert!(
        "action:٣".parse::<EntityId>().is_err(),
        "non-ASCII digits are not digits here"
    );
    assert!("2024-1-01".parse::<PartialDate>().is_err());
    assert!("+2024".parse::<PartialDate>().is_err());
    assert!("2024-02-29".parse::<PartialDate>().is_ok());
    assert!("1900-02-29".parse::<PartialDate>().is_err());
    assert!("2000-02-29".parse::<PartialDate>().is_ok());
    // Multi-byte characters where an id expects ASCII are refused, not sliced.
    assert!("org:é".parse::<EntityId>().is_err());
    assert!("action:2é".parse::<EntityId>().is_err());
    assert!("action:27(é)".parse::<EntityId>().is_err());
}

#[test]
fn empty_and_whitespace_documents() {
    for text in ["", " ", "\n\t", "null", "[]", "1", "\"x\""] {
        let e = refused(text);
        assert!(
            matches!(e, Error::Json { .. } | Error::UnsupportedSchema { .. }),
            "{text:?}: {e:?}"
        );
    }
}

/// A hierarchy thousands of levels deep loads, answers every query and goes through every
/// export on a test thread's small stack: nothing recurses once per level. (Validation's cycle
/// check did, and aborted the process at about 10,000 levels.)
#[test]
fn a_deep_hierarchy_goes_through_everything_without_recursion() {
    const DEPTH: usize = 30_000;
    let data = crate::common::deep_hierarchy(DEPTH);
    let graph = GraphBuilder::new().layer(data).build().unwrap();
    let deepest: EntityId = format!("body:b{}", DEPTH - 1).parse().unwrap();
    let objective = EntityId::from(Objective::DigitalDivides);

    let report = graph.gaps(&GapPolicy::default());
    assert!(export::gaps_csv(&report).lines().count() > 1);
    let objectives: Vec<EntityId> = Objective::ALL.into_iter().map(Into::into).collect();
    let matrix = graph.coverage_matrix(EntityKind::Body, &objectives, &CoverageOptions::default());
    assert!(matrix.cell(&deepest, &objective).is_some());
    assert!(!export::heatmap_svg(&matrix, "deep").is_empty());
    assert_eq!(
        graph.explain(&deepest, &objective).map(|e| e.steps.len()),
        Some(DEPTH)
    );
    let summary = graph
        .coverage_summary(&objective, &CoverageOptions::default())
        .unwrap();
    assert_eq!(summary.total, DEPTH + 1);
    assert!(export::text_report(&graph).contains("Body 29999"));
    for text in [
        export::to_dot(&graph),
        export::to_turtle(&graph),
        export::to_ntriples(&graph),
        export::to_graphml(&graph),
    ] {
        assert!(text.contains("b29999"));
    }
    // A chain written out is as long as it is: serialise the deepest entry alone (the whole
    // coverage would spell out 450 million relations).
    let coverage = graph.objective_coverage(&CoverageOptions::default());
    let deepest_entry = coverage[0].entry(&deepest).unwrap();
    let json = serde_json::to_string(deepest_entry).unwrap();
    let back: gdc_map::CoverageEntry = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, deepest_entry);
    assert_eq!(back.path.len(), DEPTH);
    assert!(format!("{deepest_entry:?}").contains("b29998"));
    // With organisations as carriers the gap report computes dominators over the whole
    // support graph, from the organisation at the bottom of the hierarchy.
    let mut policy = GapPolicy::default();
    policy.coverage = CoverageOptions::default().carriers(
        CoverageOptions::DEFAULT_CARRIERS
            .into_iter()
            .chain([RelationKind::PartnersWith]),
    );
    graph.gaps(&policy);
    assert!(graph.layered(Dataset::default()).is_ok());
    let again = Graph::from_json(&graph.to_json()).unwrap();
    assert_eq!(again, graph);
}
