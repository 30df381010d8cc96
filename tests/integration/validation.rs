//! One fixture per validation rule, each checking the issue reported and its message; and the
//! law that breaking a valid dataset in one way reports exactly that.

use gdc_map::{
    Dataset, EntityId, Graph, GraphBuilder, Issue, RecordList, Relation, RelationKind,
    ValidationReport,
};
use proptest::prelude::*;

use crate::common::{arb_dataset, stated};

const HEAD: &str = r#""schema_version": 1,
  "sources": [{"id": "src", "title": "T", "version": "1"}],
  "sections": [{"ref": "s1", "source": "src", "title": "S1"}]"#;

fn org(id: &str) -> String {
    format!(
        r#"{{"id": "{id}", "kind": "specialised-agency", "label": {{"en": "{id}"}}, "provenance": [{{"stated": "s1"}}]}}"#
    )
}

fn report(json: &str) -> ValidationReport {
    let data = Dataset::from_json(json).unwrap_or_else(|e| panic!("fixture must parse: {e}"));
    GraphBuilder::new().layer(data).build().unwrap_err()
}

#[track_caller]
fn assert_only(json: &str, message: &str, check: impl Fn(&Issue) -> bool) {
    let report = report(json);
    assert_eq!(report.len(), 1, "{report}");
    assert!(check(&report.issues()[0]), "{:?}", report.issues()[0]);
    assert_eq!(report.to_string(), message);
    assert_serializes(&report);
}

/// The report as JSON: one object an issue, in order, each with its message as displayed, its
/// rule named in kebab-case, and every location with its list, index and layer.
fn assert_serializes(report: &ValidationReport) {
    let json = serde_json::to_value(report).unwrap();
    let shown = json.as_array().expect("a list of issues");
    assert_eq!(shown.len(), report.len());
    for (issue, shown) in report.issues().iter().zip(shown) {
        assert_eq!(shown["message"], issue.to_string());
        let rule = shown["rule"].as_str().expect("a rule");
        assert!(
            !rule.is_empty() && rule.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{rule}"
        );
        let debug = format!("{issue:?}");
        let variant = debug.split([' ', '{', '(']).next().unwrap().to_lowercase();
        assert_eq!(rule.replace('-', ""), variant);
        for (key, value) in shown.as_object().unwrap() {
            if value.get("list").is_some() {
                assert!(
                    value["index"].is_u64() && value["layer"].is_u64(),
                    "{key}: {value}"
                );
            }
        }
    }
}

#[test]
fn duplicate_id() {
    let json = format!(
        r#"{{{HEAD}, "organisations": [{}, {}]}}"#,
        org("itu"),
        org("itu")
    );
    assert_only(
        &json,
        "organisations[1].id: `org:itu` is already declared at organisations[0].id",
        |i| matches!(i, Issue::DuplicateId { id, .. } if id.to_string() == "org:itu"),
    );
}

#[test]
fn an_id_declared_in_an_earlier_layer_is_placed_in_its_layer() {
    let mine = Dataset::from_json(&format!(
        r#"{{{HEAD}, "organisations": [{}, {}]}}"#,
        org("acme"),
        org("itu")
    ))
    .unwrap();
    let err = Graph::embedded()
        .layered(mine.clone())
        .unwrap_err()
        .to_string();
    let itu_at = (Graph::embedded().to_dataset().organisations.iter())
        .position(|o| o.id.as_str() == "itu")
        .unwrap();
    assert!(
        err.ends_with(&format!(
            "layer 1: organisations[1].id: `org:itu` is already declared at \
             organisations[{itu_at}].id of the graph laid over"
        )),
        "{err}"
    );

    // Laid in place, the same; given to the builder as two datasets, the first is a layer
    // like the second, and its position is in the dataset as given.
    let mut graph = Graph::embedded().clone();
    let in_place = graph.add_layer(mine.clone()).unwrap_err().to_string();
    assert_eq!(in_place, err);
    let embedded =
        Dataset::from_json(include_str!("../../src/embedded/itu_gdc_2025.json")).unwrap();
    let as_given = (embedded.organisations.iter())
        .position(|o| o.id.as_str() == "itu")
        .unwrap();
    let report = GraphBuilder::new()
        .layer(embedded)
        .layer(mine)
        .build()
        .unwrap_err();
    assert!(
        report.to_string().ends_with(&format!(
            "layer 1: organisations[1].id: `org:itu` is already declared at \
             organisations[{as_given}].id in layer 0"
        )),
        "{report}"
    );
}

/// A tool reading the serialized report can tell the graph's records from the layer's.
#[test]
fn a_location_in_the_graph_laid_over_says_so_when_serialized() {
    let mine =
        Dataset::from_json(&format!(r#"{{{HEAD}, "organisations": [{}]}}"#, org("itu"))).unwrap();
    let Err(gdc_map::Error::Invalid(report)) = Graph::embedded().layered(mine) else {
        panic!("a repeated id must be refused");
    };
    let itu_at = (Graph::embedded().to_dataset().organisations.iter())
        .position(|o| o.id.as_str() == "itu")
        .unwrap();
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(
        json[0]["first"],
        serde_json::json!({"layer": 0, "list": "organisations", "index": itu_at,
                           "field": "id", "in_graph": true})
    );
    assert_eq!(
        json[0]["second"],
        serde_json::json!({"layer": 1, "list": "organisations", "index": 0, "field": "id"})
    );
}

#[test]
fn duplicate_section() {
    let json = r#"{"schema_version": 1,
      "sources": [{"id": "src", "title": "T", "version": "1"}],
      "sections": [{"ref": "s1", "source": "src", "title": "a"}, {"ref": "s1", "source": "src", "title": "b"}]}"#;
    assert_only(
        json,
        "sections[1].ref: `s1` is already declared at sections[0].ref",
        |i| matches!(i, Issue::DuplicateDeclaration { .. }),
    );
}

#[test]
fn unknown_source() {
    let json =
        r#"{"schema_version": 1, "sections": [{"ref": "s1", "source": "nope", "title": "a"}]}"#;
    assert_only(
        json,
        "sections[0].source: section `s1` names unknown source `nope`",
        |i| matches!(i, Issue::UnknownSource { .. }),
    );
}

#[test]
fn dangling_reference() {
    let json = format!(
        r#"{{{HEAD}, "organisations": [{}], "relations": [
          {{"from": "org:itu", "kind": "partners-in", "to": "initiative:giga", "provenance": [{{"stated": "s1"}}]}}]}}"#,
        org("itu")
    );
    assert_only(
        &json,
        "relations[0].to: `initiative:giga` is not declared",
        |i| matches!(i, Issue::DanglingReference { id, .. } if id.to_string() == "initiative:giga"),
    );
}

#[test]
fn kind_not_allowed() {
    let json = format!(
        r#"{{{HEAD}, "organisations": [{}], "relations": [
          {{"from": "objective:1", "kind": "co-chairs", "to": "org:itu", "provenance": [{{"stated": "s1"}}]}}]}}"#,
        org("itu")
    );
    assert_only(
        &json,
        "relations[0].kind: `co-chairs` cannot point from an objective to an organisation",
        |i| matches!(i, Issue::KindNotAllowed { .. }),
    );
}

#[test]
fn self_relation() {
    let json = format!(
        r#"{{{HEAD}, "organisations": [{}], "relations": [
          {{"from": "org:itu", "kind": "partners-with", "to": "org:itu", "provenance": [{{"stated": "s1"}}]}}]}}"#,
        org("itu")
    );
    assert_only(&json, "relations[0]: `org:itu` is related to itself", |i| {
        matches!(i, Issue::SelfRelation { .. })
    });
}

/// The same check for ends that are not the text read with the records (here, ids made in
/// code naming a record of another layer), and for an end that names nothing.
#[test]
fn self_relation_between_ids_made_apart() {
    for (id, issues) in [("org:itu", 1), ("org:nobody", 3)] {
        let end: EntityId = id.parse().unwrap();
        let mut extra = Dataset::default();
        extra.relations.push(Relation::new(
            end.clone(),
            RelationKind::PartnersWith,
            end.clone(),
            stated("1"),
        ));
        let report = GraphBuilder::new()
            .layer(Graph::embedded().to_dataset())
            .layer(extra)
            .build()
            .unwrap_err();
        assert_eq!(report.len(), issues, "{report}");
        assert!(
            report
                .issues()
                .iter()
                .any(|i| matches!(i, Issue::SelfRelation { id, .. } if *id == end)),
            "{report}"
        );
    }
}

#[test]
fn hierarchy_cycle() {
    let body = |id: &str| {
        format!(
            r#"{{"id": "{id}", "kind": "working-group", "label": {{"en": "{id}"}}, "provenance": [{{"stated": "s1"}}]}}"#
        )
    };
    let json = format!(
        r#"{{{HEAD}, "bodies": [{}, {}, {}], "relations": [
          {{"from": "body:a", "kind": "subgroup-of", "to": "body:b", "provenance": [{{"stated": "s1"}}]}},
          {{"from": "body:b", "kind": "reports-to", "to": "body:c", "provenance": [{{"stated": "s1"}}]}},
          {{"from": "body:c", "kind": "subgroup-of", "to": "body:a", "provenance": [{{"stated": "s1"}}]}}]}}"#,
        body("a"),
        body("b"),
        body("c")
    );
    assert_only(
        &json,
        "hierarchy cycle among `body:a`, `body:b`, `body:c`, through relations[0], relations[1], relations[2]",
        |i| matches!(i, Issue::HierarchyCycle { members, .. } if members.len() == 3),
    );
}

/// A layer that closes a cycle through the embedded data is told where, in both layers.
#[test]
fn a_cycle_across_layers_names_its_relations_in_each() {
    let layer = Dataset::from_json(
        r#"{"schema_version": 1, "relations": [{"from": "body:wgdt", "kind": "subgroup-of",
          "to": "body:wgdt-sub-1", "provenance": [{"stated": "2.1"}]}]}"#,
    )
    .unwrap();
    let Err(gdc_map::Error::Invalid(report)) = Graph::embedded().layered(layer) else {
        panic!("a cycle must be refused");
    };
    let Some(Issue::HierarchyCycle { members, relations }) = report.issues().first() else {
        panic!("{report}");
    };
    assert_eq!(members.len(), 2);
    let embedded = Graph::embedded().to_dataset();
    let back = (embedded.relations.iter())
        .position(|r| r.to_string() == "body:wgdt-sub-1 subgroup-of body:wgdt");
    let at: Vec<(usize, RecordList, usize, bool)> = (relations.iter())
        .map(|l| (l.layer, l.list, l.index, l.in_graph))
        .collect();
    assert_eq!(
        at,
        [
            (0, RecordList::Relations, back.unwrap(), true),
            (1, RecordList::Relations, 0, false)
        ]
    );
    assert!(
        report.to_string().contains(&format!(
            "through relations[{}] of the graph laid over, layer 1: relations[0]",
            back.unwrap()
        )),
        "{report}"
    );
}

/// A hierarchy tens of thousands of levels deep is checked for cycles without recursing once
/// per level (which overflowed a test thread's stack at about 10,000 levels): as a chain it
/// builds, and closed into a ring it is refused with every member named.
#[test]
fn a_deep_hierarchy_is_checked_for_cycles_without_recursion() {
    const DEPTH: usize = 30_000;
    let chain = crate::common::deep_hierarchy(DEPTH);
    assert!(GraphBuilder::new().layer(chain.clone()).build().is_ok());
    let mut ring = chain;
    ring.relations.push(Relation::new(
        "body:b0".parse().unwrap(),
        RelationKind::SubgroupOf,
        format!("body:b{}", DEPTH - 1).parse().unwrap(),
        stated("s1"),
    ));
    let issues = GraphBuilder::new().layer(ring).build().unwrap_err();
    // The message stays readable: ten of each, then how many more.
    let message = issues.issues()[0].to_string();
    assert!(message.len() < 600, "{} bytes", message.len());
    assert!(
        message.contains(&format!("and {} more", DEPTH - 10)),
        "{message}"
    );
    let cycles: Vec<usize> = issues
        .issues()
        .iter()
        .filter_map(|i| match i {
            Issue::HierarchyCycle { members, .. } => Some(members.len()),
            _ => None,
        })
        .collect();
    assert_eq!(cycles, [DEPTH]);
}

#[test]
fn missing_provenance() {
    let json = format!(
        r#"{{{HEAD}, "organisations": [{}], "relations": [
          {{"from": "org:itu", "kind": "supports", "to": "objective:1", "provenance": []}}]}}"#,
        org("itu")
    );
    assert_only(&json, "relations[0].provenance: no provenance", |i| {
        matches!(i, Issue::MissingProvenance { .. })
    });
}

#[test]
fn unknown_section() {
    let json = format!(
        r#"{{{HEAD}, "organisations": [{}], "relations": [
          {{"from": "org:itu", "kind": "supports", "to": "objective:1", "provenance": [{{"stated": "9.9"}}]}}]}}"#,
        org("itu")
    );
    assert_only(
        &json,
        "relations[0].provenance: cites unknown section `9.9`",
        |i| matches!(i, Issue::UnknownSection { .. }),
    );
}

#[test]
fn conflicting_relation() {
    let json = format!(
        r#"{{{HEAD}, "organisations": [{}], "relations": [
          {{"from": "org:itu", "kind": "supports", "to": "objective:1", "provenance": [{{"stated": "s1"}}], "since": "2024"}},
          {{"from": "org:itu", "kind": "supports", "to": "objective:1", "provenance": [{{"stated": "s1"}}], "since": "2025"}}]}}"#,
        org("itu")
    );
    assert_only(
        &json,
        "relations[1].since: `org:itu supports objective:1` is dated differently at relations[0]",
        |i| matches!(i, Issue::ConflictingRelation { .. }),
    );
}

#[test]
fn empty_label() {
    let json = format!(
        r#"{{{HEAD}, "organisations": [{{"id": "x", "kind": "other", "label": {{"en": "  "}}, "provenance": [{{"stated": "s1"}}]}}]}}"#
    );
    assert_only(
        &json,
        "organisations[0].label: the English label is empty",
        |i| matches!(i, Issue::EmptyLabel { .. }),
    );
}

#[test]
fn empty_citation() {
    let json = format!(
        r#"{{{HEAD}, "organisations": [{}], "relations": [
          {{"from": "org:itu", "kind": "supports", "to": "objective:1",
            "provenance": [{{"stated": "s1"}}, {{"context": {{"citation": " ", "url": "https://example.org"}}}}]}}]}}"#,
        org("itu")
    );
    assert_only(
        &json,
        "relations[0].provenance: a context citation is empty",
        |i| matches!(i, Issue::EmptyCitation { .. }),
    );
    // Laid over a graph, in either way, the same.
    let layer = gdc_map::Dataset::from_json(
        r#"{"schema_version": 1, "relations": [{"from": "org:itu", "kind": "supports",
            "to": "sdg:4", "provenance": [{"context": {"citation": ""}}]}]}"#,
    )
    .unwrap();
    let Err(gdc_map::Error::Invalid(refused)) = Graph::embedded().layered(layer.clone()) else {
        panic!("an empty citation was laid over the graph");
    };
    assert!(
        matches!(refused.issues(), [Issue::EmptyCitation { .. }]),
        "{refused}"
    );
    let mut graph = Graph::embedded().clone();
    assert!(graph.add_layer(layer).is_err());
    assert_eq!(&graph, Graph::embedded());
}

#[test]
fn malformed_url() {
    let cited = |url: &str| {
        format!(
            r#"{{{HEAD}, "organisations": [{}], "relations": [
              {{"from": "org:itu", "kind": "supports", "to": "objective:1",
                "provenance": [{{"context": {{"citation": "ITU", "url": {}}}}}]}}]}}"#,
            org("itu"),
            serde_json::to_string(url).unwrap()
        )
    };
    // Each refusal says which rule the address broke, and where.
    for (url, why) in [
        (
            "www.itu.int",
            "it has no scheme, such as `https:` or `doi:`",
        ),
        ("", "it has no scheme, such as `https:` or `doi:`"),
        ("https:", "it has nothing after `https:`"),
        (
            "https://www.itu.int/en/some page",
            "character 28 is ` ` (U+0020), which no address holds (write it percent-encoded)",
        ),
        (
            " https://www.itu.int",
            "` https` before its first `:` is not a scheme, such as `https` or `doi`",
        ),
        (
            "https://www.itu.int\n",
            "character 20 is `\\n` (U+000A), which no address holds (write it percent-encoded)",
        ),
        (
            "https://例え.jp/<a>",
            "character 15 is `<`, which no address holds (write it percent-encoded)",
        ),
        (
            "https://x.org/a{b}",
            "character 16 is `{`, which no address holds (write it percent-encoded)",
        ),
        (
            "1http://x",
            "`1http` before its first `:` is not a scheme, such as `https` or `doi`",
        ),
        (
            "://itu.int",
            "`` before its first `:` is not a scheme, such as `https` or `doi`",
        ),
        (
            "ht tp://itu.int",
            "`ht tp` before its first `:` is not a scheme, such as `https` or `doi`",
        ),
    ] {
        assert_only(
            &cited(url),
            &format!(
                "relations[0].provenance: `{}` is not an address: {why}",
                url.escape_debug()
            ),
            |i| matches!(i, Issue::MalformedUrl { url: u, .. } if u == url),
        );
    }
    for url in [
        "https://www.itu.int/en/ITU-D/Pages/default.aspx?x=1#top",
        "doi:10.1000/182",
        "urn:isbn:0451450523",
        "https://例え.jp/パス",
        "mailto:someone@example.org",
    ] {
        let data = Dataset::from_json(&cited(url)).unwrap();
        let graph = GraphBuilder::new().layer(data).build();
        assert!(graph.is_ok(), "{url}: {:?}", graph.err());
    }
}

#[test]
fn backwards_year_range() {
    let json = format!(
        r#"{{{HEAD}, "documents": [{{"id": "d", "kind": "report", "label": {{"en": "D"}}, "provenance": [{{"stated": "s1"}}],
          "figures": [{{"measure": "budget", "value": {{"type": "year-range", "from": 2025, "to": 2024}}, "provenance": [{{"stated": "s1"}}]}}]}}]}}"#
    );
    assert_only(
        &json,
        "documents[0].figures: year range 2025–2024 runs backwards",
        |i| matches!(i, Issue::BackwardsYearRange { .. }),
    );
}

#[test]
fn every_problem_is_reported_at_once_with_layers_named() {
    let bad = Dataset::from_json(
        r#"{"schema_version": 1, "relations": [
          {"from": "org:ghost", "kind": "supports", "to": "objective:1", "provenance": []},
          {"from": "initiative:giga", "kind": "chairs", "to": "objective:2", "provenance": [{"stated": "2.1"}]}]}"#,
    )
    .unwrap();
    let err = Graph::embedded().layered(bad).unwrap_err();
    let report = err.validation_report().unwrap();
    assert_eq!(
        report.to_string(),
        "layer 1: relations[0].from: `org:ghost` is not declared\n\
         layer 1: relations[0].provenance: no provenance\n\
         layer 1: relations[1].kind: `chairs` cannot point from an initiative to an objective"
    );
}

/// The ways a valid dataset can be broken, one at a time.
#[derive(Debug, Clone, Copy)]
enum Break {
    DropDeclaredEntity,
    DuplicateRecord,
    EmptyProvenance,
    Cycle,
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// A valid dataset broken in exactly one way reports exactly that problem.
    #[test]
    fn one_break_one_issue(mut data in arb_dataset(), which in 0usize..4) {
        let broken = [Break::DropDeclaredEntity, Break::DuplicateRecord, Break::EmptyProvenance, Break::Cycle][which];
        prop_assume!(!data.organisations.is_empty());
        match broken {
            Break::DropDeclaredEntity => {
                // Declare a fresh organisation, refer to it, then drop the declaration.
                data.relations.push(gdc_map::Relation::new(
                    "org:zz-ghost".parse().unwrap(),
                    gdc_map::RelationKind::Supports,
                    "objective:2".parse().unwrap(),
                    stated("s1"),
                ));
            }
            Break::DuplicateRecord => {
                let first = data.organisations[0].clone();
                data.organisations.push(first);
            }
            Break::EmptyProvenance => {
                data.organisations[0].provenance.clear();
            }
            Break::Cycle => {
                let o = format!("org:{}", data.organisations[0].id);
                let mut a = gdc_map::Record::new(
                    "zz-a".parse().unwrap(), gdc_map::BodyKind::Subgroup,
                    gdc_map::Label::new("A"), stated("s1"));
                let b = gdc_map::Record::new(
                    "zz-b".parse().unwrap(), gdc_map::BodyKind::Subgroup,
                    gdc_map::Label::new("B"), stated("s1"));
                a.notes.push(o);
                data.bodies.push(a);
                data.bodies.push(b);
                for (f, t) in [("body:zz-a", "body:zz-b"), ("body:zz-b", "body:zz-a")] {
                    data.relations.push(gdc_map::Relation::new(
                        f.parse().unwrap(), gdc_map::RelationKind::SubgroupOf,
                        t.parse().unwrap(), stated("s2")));
                }
            }
        }
        let report = GraphBuilder::new().layer(data).build().unwrap_err();
        prop_assert_eq!(report.len(), 1, "{}", report);
        assert_serializes(&report);
        let issue = &report.issues()[0];
        let ok = match broken {
            Break::DropDeclaredEntity => matches!(issue, Issue::DanglingReference { id, .. } if id == &"org:zz-ghost".parse::<EntityId>().unwrap()),
            Break::DuplicateRecord => matches!(issue, Issue::DuplicateId { .. }),
            Break::EmptyProvenance => matches!(issue, Issue::MissingProvenance { .. }),
            Break::Cycle => matches!(issue, Issue::HierarchyCycle { members, .. } if members.len() == 2),
        };
        prop_assert!(ok, "{:?}", issue);
    }
}

proptest! {
    /// The cycles reported are exactly the sets of two or more bodies each reachable from the
    /// others along hierarchy relations, whatever else hangs off them: initiatives part of
    /// bodies, which the check leaves out as unable to close a cycle. Each names, by position,
    /// every hierarchy relation between its members.
    #[test]
    fn hierarchy_cycles_are_the_mutually_reachable_sets(
        bodies in 1usize..9,
        links in proptest::collection::vec((0usize..9, 0usize..9, any::<bool>()), 0..24),
        parts in proptest::collection::vec((0usize..4, 0usize..9), 0..8),
    ) {
        let body = |i: usize| EntityId::Body(format!("b{i}").parse().unwrap());
        let mut data = crate::common::deep_hierarchy(1);
        data.relations.retain(|r| r.kind != RelationKind::SubgroupOf);
        for i in 1..bodies {
            let mut b = data.bodies[0].clone();
            b.id = format!("b{i}").parse().unwrap();
            data.bodies.push(b);
        }
        let mut reach = vec![vec![false; bodies]; bodies];
        for &(from, to, subgroup) in &links {
            let (from, to) = (from % bodies, to % bodies);
            if from == to {
                continue;
            }
            let kind = if subgroup { RelationKind::SubgroupOf } else { RelationKind::ReportsTo };
            data.relations.push(Relation::new(body(from), kind, body(to), stated("s1")));
            reach[from][to] = true;
        }
        for &(initiative, to) in &parts {
            let id = format!("initiative:n{initiative}");
            if !data.initiatives.iter().any(|i| format!("initiative:{}", i.id) == id) {
                data.initiatives.push(gdc_map::Record::new(
                    id["initiative:".len()..].parse().unwrap(),
                    gdc_map::InitiativeKind::Programme,
                    gdc_map::Label::new("N"),
                    stated("s1"),
                ));
            }
            data.relations.push(Relation::new(
                id.parse().unwrap(),
                RelationKind::PartOf,
                body(to % bodies),
                stated("s1"),
            ));
        }
        for k in 0..bodies {
            for i in 0..bodies {
                for j in 0..bodies {
                    if reach[i][k] && reach[k][j] {
                        reach[i][j] = true;
                    }
                }
            }
        }
        let mut expected: Vec<Vec<EntityId>> = Vec::new();
        for (i, row) in reach.iter().enumerate() {
            let mut members: Vec<EntityId> = (0..bodies)
                .filter(|&j| j == i || (row[j] && reach[j][i]))
                .map(body)
                .collect();
            members.sort();
            if members.len() > 1 && !expected.contains(&members) {
                expected.push(members);
            }
        }
        expected.sort();
        // Each set's relations: every hierarchy relation with both ends in it, by position.
        let expected: Vec<(Vec<EntityId>, Vec<usize>)> = expected
            .into_iter()
            .map(|members| {
                let within = (data.relations.iter().enumerate())
                    .filter(|(_, r)| r.kind.is_hierarchy())
                    .filter(|(_, r)| members.contains(&r.from) && members.contains(&r.to))
                    .map(|(i, _)| i)
                    .collect();
                (members, within)
            })
            .collect();

        let found: Vec<(Vec<EntityId>, Vec<usize>)> = match GraphBuilder::new().layer(data).build() {
            Ok(_) => Vec::new(),
            Err(report) => report
                .issues()
                .iter()
                .map(|issue| match issue {
                    Issue::HierarchyCycle { members, relations } => Ok((
                        members.clone(),
                        relations.iter().map(|at| at.index).collect(),
                    )),
                    other => Err(format!("unexpected issue: {other:?}")),
                })
                .collect::<Result<_, _>>()
                .map_err(TestCaseError::fail)?,
        };
        prop_assert_eq!(found, expected);
    }
}
