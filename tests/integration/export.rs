//! Exports: stable bytes, escaping, and the JSON Schema kept in step with the types.

use gdc_map::{
    BodyKind, Citation, CoverageOptions, DocumentKind, EntityId, EntityKind, EventKind, GapPolicy,
    Graph, GraphBuilder, InitiativeKind, JSON_SCHEMA, Objective, OrganisationKind, Provenance,
    RelationKind, export,
};
use proptest::prelude::*;

use crate::common::arb_dataset;

fn schema_enum(pointer: &str) -> Vec<String> {
    let schema: serde_json::Value = serde_json::from_str(JSON_SCHEMA).unwrap();
    schema
        .pointer(pointer)
        .unwrap_or_else(|| panic!("no {pointer}"))
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_schema_lists_exactly_the_relation_kinds() {
    let listed = schema_enum("/properties/relations/items/properties/kind/enum");
    let ours: Vec<String> = RelationKind::ALL
        .iter()
        .map(|k| k.as_str().to_owned())
        .collect();
    assert_eq!(listed, ours);
}

#[test]
fn every_kind_the_schema_lists_is_one_the_crate_reads() {
    fn all_parse<T: serde::de::DeserializeOwned>(pointer: &str) {
        for s in schema_enum(pointer) {
            serde_json::from_value::<T>(serde_json::Value::String(s.clone()))
                .unwrap_or_else(|e| panic!("{pointer}: {s}: {e}"));
        }
    }
    all_parse::<OrganisationKind>("/properties/organisations/items/properties/kind/enum");
    all_parse::<InitiativeKind>("/properties/initiatives/items/properties/kind/enum");
    all_parse::<BodyKind>("/properties/bodies/items/properties/kind/enum");
    all_parse::<EventKind>("/properties/events/items/properties/kind/enum");
    all_parse::<DocumentKind>("/properties/documents/items/properties/kind/enum");
    all_parse::<gdc_map::DateKind>("/$defs/dateFact/properties/kind/enum");
}

#[test]
fn exports_are_byte_stable_and_complete() {
    let graph = Graph::embedded();
    let relations = graph.relations().len();
    let dot = export::to_dot(graph);
    assert_eq!(dot, export::to_dot(graph));
    assert_eq!(
        dot.lines().filter(|l| l.contains(" -> ")).count(),
        relations
    );
    assert!(dot.contains(r#"{ rank=same; "objective:1"; "objective:2"; "objective:3"; "objective:4"; "objective:5"; }"#));
    let graphml = export::to_graphml(graph);
    assert_eq!(graphml.matches("<edge ").count(), relations);
    let ttl = export::to_turtle(graph);
    assert_eq!(ttl.matches(" a rdf:Statement ;").count(), relations);
    let objectives: Vec<EntityId> = Objective::ALL.into_iter().map(Into::into).collect();
    let m = graph.coverage_matrix(
        EntityKind::Organisation,
        &objectives,
        &CoverageOptions::default(),
    );
    assert_eq!(export::heatmap_svg(&m, "t"), export::heatmap_svg(&m, "t"));
    let gaps = export::gaps_csv(&graph.gaps(&GapPolicy::default()));
    assert!(gaps.ends_with("\r\n"));
}

#[test]
fn hostile_text_is_escaped_in_every_format() {
    let text = r#"{"schema_version": 1,
      "organisations": [{"id": "x", "kind": "other",
        "label": {"en": "A \"quoted\", <tagged> & back\\slashed\nname\u0001", "zh": "中文"},
        "notes": ["line one\nline two"],
        "provenance": [{"context": {"citation": "a \"b\" <c>"}}]}],
      "relations": [{"from": "org:x", "kind": "supports", "to": "objective:1",
        "provenance": [{"context": {"citation": "x,y \"z\""}}]}]}"#;
    let graph = Graph::from_json(text).unwrap();
    let dot = export::to_dot(&graph);
    assert!(
        dot.contains(r#"A \"quoted\", <tagged> & back\\slashed\nname"#),
        "{dot}"
    );
    let graphml = export::to_graphml(&graph);
    assert!(
        graphml.contains("A &quot;quoted&quot;, &lt;tagged&gt; &amp; back\\slashed\nname</data>")
    );
    assert!(!graphml.contains('\u{1}'));
    let ttl = export::to_turtle(&graph);
    assert!(
        ttl.contains(r#""A \"quoted\", <tagged> & back\\slashed\nname\u0001"@en"#),
        "{ttl}"
    );
    let coverage = graph.objective_coverage(&CoverageOptions::default());
    let csv = export::coverage_csv(&graph, &coverage);
    let row = "objective:1,Objective 1,org:x,organisation,\"A \"\"quoted\"\", <tagged> & \
               back\\slashed\nname\u{1}\",true,1,org:x supports objective:1,\
               \"org:x supports objective:1 [context: x,y \"\"z\"\"]\"\r\n";
    assert!(csv.ends_with(&row), "{csv:?}");
}

/// One organisation, `org:x`, with the given English label and short name.
fn labelled(en: &str, short: &str) -> Graph {
    let text = serde_json::json!({"schema_version": 1,
      "organisations": [{"id": "x", "kind": "other", "label": {"en": en, "short": short},
        "provenance": [{"context": {"citation": "test"}}]}]});
    Graph::from_json(&text.to_string()).unwrap()
}

#[test]
fn dot_writes_what_graphviz_cannot_read_in_a_form_it_can() {
    // Graphviz takes a NUL for the end of its input, and copies other control characters
    // and U+FFFE into an SVG no XML reader accepts: each is written as its code point.
    let graph = labelled("x", "N\u{0}U\u{1}L\u{7f}\u{85}\u{fffe}\u{ffff}\tok");
    let dot = export::to_dot(&graph);
    assert!(
        dot.contains(concat!(
            r#"label="N\\u{0}U\\u{1}L\\u{7f}\\u{85}\\u{fffe}\\u{ffff}"#,
            "\tok\""
        )),
        "{dot}"
    );
    assert!(!dot.contains(['\0', '\u{1}', '\u{7f}', '\u{85}', '\u{fffe}', '\u{ffff}']));

    // Graphviz refuses a quoted string over 16,384 bytes; a longer one is written as pieces
    // joined by `+`, each cut between characters and escapes, never inside one.
    let long = format!("start {} end", "\u{fc}\\\"".repeat(4000));
    let dot = export::to_dot(&labelled(&long, "short"));
    let line = dot.lines().find(|l| l.contains("\"org:x\"")).unwrap();
    let tooltip = &line[line.find("tooltip=\"").unwrap() + "tooltip=\"".len()..];
    let tooltip = &tooltip[..tooltip.find("\", shape=").unwrap()];
    let pieces: Vec<&str> = tooltip.split("\" + \"").collect();
    assert!(pieces.len() >= 2, "{tooltip:.200}");
    for piece in &pieces {
        assert!(piece.len() <= 16_000, "{}", piece.len());
        let trailing = piece.len() - piece.trim_end_matches('\\').len();
        assert_eq!(trailing % 2, 0, "a piece ends inside an escape");
    }
    let escaped = long.replace('\\', "\\\\").replace('"', "\\\"");
    assert_eq!(pieces.concat(), escaped);
}

#[test]
fn graphml_and_csv_evidence_carry_each_context_address() {
    let text = r#"{"schema_version": 1,
      "organisations": [{"id": "x", "kind": "other", "label": {"en": "X"},
        "provenance": [{"context": {"citation": "Annual report", "url": "https://x.org/r?a=1&b=2"}},
                       {"context": {"citation": "Press release"}}]}],
      "relations": [{"from": "org:x", "kind": "supports", "to": "objective:1",
        "provenance": [{"context": {"citation": "Plan", "url": "doi:10.1000/182"}}]}]}"#;
    let graph = Graph::from_json(text).unwrap();
    let graphml = export::to_graphml(&graph);
    assert!(graphml.contains(
        "<data key=\"n_provenance\">context: Annual report &lt;https://x.org/r?a=1&amp;b=2&gt;; \
         context: Press release</data>"
    ));
    assert!(
        graphml.contains("<data key=\"e_provenance\">context: Plan &lt;doi:10.1000/182&gt;</data>")
    );
    let coverage = graph.objective_coverage(&CoverageOptions::default());
    let csv = export::coverage_csv(&graph, &coverage);
    assert!(
        csv.contains(",org:x supports objective:1 [context: Plan <doi:10.1000/182>]\r\n"),
        "{csv}"
    );
}

#[test]
fn graphml_keeps_carriage_returns_through_an_xml_reader() {
    // Written as itself, a carriage return reads back from any XML parser as a line feed.
    let graphml = export::to_graphml(&labelled("a\r\nb\rc", "a\r\nb\rc"));
    assert!(
        graphml.contains("<data key=\"n_label\">a&#13;\nb&#13;c</data>"),
        "{graphml}"
    );
    assert!(!graphml.contains('\r'));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Every export of any valid graph has one edge per relation, and never panics.
    #[test]
    fn exports_cover_every_relation(data in arb_dataset()) {
        let graph = GraphBuilder::new().layer(data).build().unwrap();
        let n = graph.relations().len();
        prop_assert_eq!(export::to_dot(&graph).lines().filter(|l| l.contains(" -> ")).count(), n);
        prop_assert_eq!(export::to_graphml(&graph).matches("<edge ").count(), n);
        prop_assert_eq!(export::to_turtle(&graph).matches(" a rdf:Statement ;").count(), n);
        let objectives: Vec<EntityId> = Objective::ALL.into_iter().map(Into::into).collect();
        let m = graph.coverage_matrix(EntityKind::Initiative, &objectives, &CoverageOptions::default());
        let _ = export::heatmap_svg(&m, "x");
        let _ = export::matrix_csv(&m);
        let _ = export::gaps_csv(&graph.gaps(&GapPolicy::default()));
    }

    /// Streaming an export gives the bytes of the whole-document one, whatever the graph's
    /// size (small arbitrary graphs, and generated ones that span many pieces), however the
    /// writer splits its writes; a writer that fails at any byte gives an I/O error, never
    /// a panic or a success.
    #[test]
    fn streamed_exports_are_the_whole_documents_and_report_failed_writes(
        data in prop_oneof![
            arb_dataset(),
            (20usize..2500, any::<u64>()).prop_map(|(n, seed)| gdc_map::SyntheticSpec::new(n).seed(seed).generate()),
        ],
        chunk in 1usize..10_000,
        fail_at in any::<prop::sample::Index>(),
    ) {
        let graph = GraphBuilder::new().layer(data).build().unwrap();
        type Whole = fn(&Graph) -> String;
        type Streamed = fn(&Graph, &mut dyn std::io::Write) -> gdc_map::Result<()>;
        let formats: [(&str, Whole, Streamed); 9] = [
            ("dot", export::to_dot, |g, w| export::write_dot(g, w)),
            ("graphml", export::to_graphml, |g, w| export::write_graphml(g, w)),
            ("turtle", export::to_turtle, |g, w| export::write_turtle(g, w)),
            ("ntriples", export::to_ntriples, |g, w| export::write_ntriples(g, w)),
            ("json", Graph::to_json, |g, w| g.write_json(w)),
            ("text report", export::text_report, |g, w| export::write_text_report(g, w)),
            (
                "coverage csv",
                |g| export::coverage_csv(g, &every_coverage(g)),
                |g, w| export::write_coverage_csv(g, &every_coverage(g), w),
            ),
            (
                "matrix csv",
                |g| export::matrix_csv(&initiative_matrix(g)),
                |g, w| export::write_matrix_csv(&initiative_matrix(g), w),
            ),
            (
                "gaps csv",
                |g| export::gaps_csv(&g.gaps(&GapPolicy::default())),
                |g, w| export::write_gaps_csv(&g.gaps(&GapPolicy::default()), w),
            ),
        ];
        for (name, whole, streamed) in formats {
            let expected = whole(&graph).into_bytes();
            let mut writer = Splitting { written: Vec::new(), chunk, fail_at: usize::MAX };
            streamed(&graph, &mut writer).unwrap();
            prop_assert!(writer.written == expected, "{}: streamed bytes differ", name);
            let fail_at = fail_at.index(expected.len().max(1));
            let mut failing = Splitting { written: Vec::new(), chunk, fail_at };
            let result = streamed(&graph, &mut failing);
            prop_assert!(matches!(result, Err(gdc_map::Error::Io(_))), "{}: {:?}", name, result);
            prop_assert!(expected.starts_with(&failing.written), "{}: wrote a wrong prefix", name);
        }
    }
}

/// The coverage of every target, for the CSV exports.
fn every_coverage(graph: &Graph) -> Vec<gdc_map::Coverage> {
    let options = CoverageOptions::default();
    graph
        .targets()
        .iter()
        .filter_map(|t| graph.coverage(t, &options))
        .collect()
}

/// Initiatives × objectives, for the CSV exports.
fn initiative_matrix(graph: &Graph) -> gdc_map::CoverageMatrix {
    let objectives: Vec<EntityId> = Objective::ALL.into_iter().map(Into::into).collect();
    graph.coverage_matrix(
        EntityKind::Initiative,
        &objectives,
        &CoverageOptions::default(),
    )
}

/// A writer that takes at most `chunk` bytes a call and fails once `fail_at` bytes are in.
struct Splitting {
    written: Vec<u8>,
    chunk: usize,
    fail_at: usize,
}

impl std::io::Write for Splitting {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.written.len() >= self.fail_at {
            return Err(std::io::Error::other("disk full"));
        }
        let n = buf
            .len()
            .min(self.chunk)
            .min(self.fail_at - self.written.len());
        self.written.extend_from_slice(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The report's link cell names every link of an entry, grouped by relation kind, long names
/// cut at 40 characters, and nothing for a link straight to the objective.
#[test]
fn report_link_cells_group_every_link_by_kind() {
    use crate::common::{record, skeleton, stated};
    use gdc_map::Relation;

    let long = "An initiative whose name runs well past forty characters";
    let mut data = skeleton();
    data.organisations
        .push(record("o", OrganisationKind::SpecialisedAgency, "Agency"));
    data.initiatives
        .push(record("a", InitiativeKind::Programme, "Alpha"));
    data.initiatives
        .push(record("b", InitiativeKind::Programme, long));
    let id = |s: &str| s.parse::<EntityId>().unwrap();
    let objective = EntityId::from(Objective::DigitalDivides);
    for (from, kind, to) in [
        ("initiative:a", RelationKind::Supports, "objective:1"),
        ("initiative:b", RelationKind::Supports, "objective:1"),
        ("org:o", RelationKind::Supports, "objective:1"),
        ("org:o", RelationKind::Leads, "initiative:b"),
        ("org:o", RelationKind::Leads, "initiative:a"),
        ("org:o", RelationKind::PartnersIn, "initiative:a"),
    ] {
        data.relations
            .push(Relation::new(id(from), kind, id(to), stated("s1")));
    }
    let graph = GraphBuilder::new().layer(data).build().unwrap();
    let report = export::text_report(&graph);
    let line = report
        .lines()
        .find(|l| l.trim_start().starts_with("organisation") && l.contains("Agency"))
        .unwrap_or_else(|| panic!("no line for the agency in\n{report}"));
    let cut: String = long.chars().take(39).chain(['…']).collect();
    let link = graph
        .coverage(&objective, &CoverageOptions::default())
        .unwrap()
        .entry(&id("org:o"))
        .unwrap()
        .links
        .iter()
        .map(|r| r.kind)
        .fold(Vec::new(), |mut kinds, k| {
            if !kinds.contains(&k) {
                kinds.push(k);
            }
            kinds
        })
        .iter()
        .map(|k| match k {
            RelationKind::Supports => "supports".to_owned(),
            RelationKind::Leads => format!("leads Alpha, {cut}"),
            RelationKind::PartnersIn => "partners-in Alpha".to_owned(),
            other => panic!("unexpected link {other}"),
        })
        .collect::<Vec<_>>()
        .join("; ");
    assert!(line.ends_with(&link), "{line:?} should end with {link:?}");
    assert_eq!(link.matches("; ").count(), 2, "{link}");
}

proptest! {
    /// The report's closing table counts, for each declared section, what `Graph::stated_in`
    /// lists for it: two ways to the same numbers, one pass against one query per section.
    #[test]
    fn the_report_counts_what_each_section_states(data in arb_dataset()) {
        let graph = GraphBuilder::new().layer(data).build().unwrap();
        let report = export::text_report(&graph);
        let (_, table) = report
            .split_once("\nWhat each section of the source is cited for\n")
            .expect("the report ends with the sections");
        let rows: Vec<Vec<&str>> = table
            .lines()
            .skip(1)
            .take_while(|l| !l.is_empty())
            .map(|l| l.split_whitespace().take(6).collect())
            .collect();
        prop_assert_eq!(rows.len(), graph.sections().len());
        for (row, section) in rows.iter().zip(graph.sections()) {
            let stated = graph.stated_in(&section.id).unwrap();
            let expected = [
                format!("§{}", section.id),
                section.source.to_string(),
                stated.records.len().to_string(),
                stated.dates.len().to_string(),
                stated.figures.len().to_string(),
                stated.relations.len().to_string(),
            ];
            prop_assert_eq!(row, &expected);
        }
    }
}

proptest! {
    /// After the sections, the report counts what each context source is cited for, in the
    /// order of the citations: the same numbers as counting the evidence through the public
    /// API, a piece of evidence citing one source twice counted once.
    #[test]
    fn the_report_counts_what_each_context_source_is_cited_for(data in arb_dataset()) {
        use std::collections::BTreeMap;
        let graph = GraphBuilder::new().layer(data).build().unwrap();
        let mut expected: BTreeMap<&Citation, [usize; 4]> = BTreeMap::new();
        let evidence = graph
            .entities()
            .flat_map(|e| {
                let dates = e.dates().iter().map(|d| (d.provenance.as_slice(), 1));
                let figures = e.figures().iter().map(|f| (f.provenance.as_slice(), 2));
                std::iter::once((e.provenance(), 0)).chain(dates).chain(figures)
            })
            .chain(graph.relations().iter().map(|r| (r.provenance.as_slice(), 3)));
        for (evidence, what) in evidence {
            let cited: std::collections::BTreeSet<&Citation> = evidence
                .iter()
                .filter_map(|p| match p {
                    Provenance::Context(c) => Some(&**c),
                    _ => None,
                })
                .collect();
            for c in cited {
                expected.entry(c).or_default()[what] += 1;
            }
        }

        let report = export::text_report(&graph);
        let heading = "\nWhat each context source is cited for (sources other than the dataset's own)\n";
        let Some((_, table)) = report.split_once(heading) else {
            prop_assert!(expected.is_empty(), "no table, though context is cited");
            return Ok(());
        };
        let rows: Vec<[usize; 4]> = table
            .lines()
            .skip(1)
            .map(|l| {
                let mut numbers = l.split_whitespace().map(|n| n.parse().unwrap());
                std::array::from_fn(|_| numbers.next().unwrap())
            })
            .collect();
        prop_assert_eq!(rows, expected.into_values().collect::<Vec<_>>());
    }
}

/// A label or title holding a line break or a tab (copied from a PDF, say) stays on its line
/// of the report, written as its escape, and leaves the tables' columns aligned.
#[test]
fn control_characters_in_names_stay_on_their_line_of_the_report() {
    use crate::common::{record, skeleton, stated};
    use gdc_map::Relation;

    let mut data = skeleton();
    data.sources[0].title = "Annual\nreview".into();
    data.organisations.push(record(
        "o",
        OrganisationKind::SpecialisedAgency,
        "Line\nbreak\tagency",
    ));
    data.relations.push(Relation::new(
        "org:o".parse().unwrap(),
        RelationKind::Supports,
        Objective::DigitalDivides.into(),
        stated("s1"),
    ));
    let graph = GraphBuilder::new().layer(data).build().unwrap();
    let report = export::text_report(&graph);
    assert!(
        report.contains("source: Annual\\nreview (encoding 1)"),
        "{report}"
    );
    // In the objective's table and in the organisations × objectives matrix.
    let lines: Vec<&str> = report
        .lines()
        .filter(|l| l.contains("Line\\nbreak\\tagency"))
        .collect();
    assert_eq!(lines.len(), 2, "{report}");
    assert!(
        !report
            .lines()
            .any(|l| l.starts_with("break") || l.starts_with("review"))
    );
    let matrix = graph.coverage_matrix(
        EntityKind::Organisation,
        &[Objective::DigitalDivides.into()],
        &CoverageOptions::default(),
    );
    assert_eq!(matrix.to_text().lines().count(), 2, "{matrix}");
}

/// Free text that an answer prints (a context citation, a dated fact's note, a figure's
/// measure and note, a section's title and notes, a name inside a finding) stays on the
/// answer's line too, written as its escape: `Display` promises one entry or finding a line.
#[test]
fn control_characters_in_free_text_stay_on_their_line_of_printed_answers() {
    use crate::common::{context, record, skeleton, stated};
    use gdc_map::{
        BodyKind, Bound, DateFact, DateKind, Figure, FigureValue, GapPolicy, PartialDate, Relation,
    };

    let mut data = skeleton();
    data.sections[0].title = "Part\none".into();
    data.sections[0].notes = vec!["see\nannex".into()];
    let mut org = record("o", OrganisationKind::SpecialisedAgency, "Agency");
    org.dates.push(DateFact {
        kind: DateKind::Established,
        date: PartialDate::new(2024, Some(10), None).unwrap(),
        provenance: stated("s1").into(),
        note: Some("first\nmeeting".into()),
    });
    org.figures.push(Figure {
        measure: "members\ncount".into(),
        value: FigureValue::Count {
            value: 3,
            bound: Bound::Exact,
        },
        provenance: stated("s1").into(),
        note: Some("as\u{85}of".into()),
    });
    data.organisations.push(org);
    data.bodies
        .push(record("wg", BodyKind::WorkingGroup, "Working\ngroup"));
    data.relations.push(Relation::new(
        "org:o".parse().unwrap(),
        RelationKind::Supports,
        Objective::DigitalDivides.into(),
        context("Annual\r\nreview"),
    ));
    data.relations.push(Relation::new(
        "body:wg".parse().unwrap(),
        RelationKind::Supports,
        Objective::DigitalDivides.into(),
        stated("s1"),
    ));
    let graph = GraphBuilder::new().layer(data).build().unwrap();

    let coverage = graph
        .coverage(
            &Objective::DigitalDivides.into(),
            &CoverageOptions::default(),
        )
        .unwrap()
        .to_string();
    // A header, then one line for each of the two entries.
    assert_eq!(coverage.lines().count(), 3, "{coverage}");
    assert!(
        coverage.contains("[context: Annual\\r\\nreview]"),
        "{coverage}"
    );

    let timeline: Vec<String> = graph.timeline(..).iter().map(ToString::to_string).collect();
    assert_eq!(
        timeline,
        ["2024-10 established org:o  [§s1] — first\\nmeeting"]
    );

    let section = graph.stated_in(&"s1".parse().unwrap()).unwrap();
    let figures: Vec<String> = section.figures.iter().map(ToString::to_string).collect();
    assert_eq!(figures, ["org:o members\\ncount: 3  [§s1] — as\\u{85}of"]);
    let printed = section.to_string();
    assert!(printed.starts_with("§s1 Part\\none (source src)\n  note: see\\nannex\n"));
    assert!(
        printed.contains("\n  org:o members\\ncount: 3\n"),
        "{printed}"
    );

    let report = graph.gaps(&GapPolicy::default());
    let named: Vec<String> = report
        .findings
        .iter()
        .map(ToString::to_string)
        .filter(|f| f.contains("Working"))
        .collect();
    assert!(!named.is_empty(), "{report}");
    for finding in &named {
        assert!(finding.contains("Working\\ngroup"), "{finding}");
    }
    assert_eq!(
        report.to_string().lines().count(),
        report.findings.len(),
        "{report}"
    );
}

/// The renderings of a matrix list its rows by the names they show, which need not sort as
/// the ids do, while `rows` keeps id order for lookups; and a name's `|` or line break cannot
/// end a Markdown row.
#[test]
fn matrix_renderings_list_rows_by_name_and_keep_each_row_whole() {
    use crate::common::{record, skeleton, stated};
    use gdc_map::Relation;

    let mut data = skeleton();
    // Ids in one order, names in the reverse.
    for (id, name) in [
        ("a", "Zeta agency"),
        ("b", "Mu|agency\nsplit"),
        ("c", "Alpha agency"),
    ] {
        data.organisations
            .push(record(id, OrganisationKind::SpecialisedAgency, name));
        data.relations.push(Relation::new(
            format!("org:{id}").parse().unwrap(),
            RelationKind::Supports,
            Objective::DigitalDivides.into(),
            stated("s1"),
        ));
    }
    let graph = GraphBuilder::new().layer(data).build().unwrap();
    let m = graph.coverage_matrix(
        EntityKind::Organisation,
        &[Objective::DigitalDivides.into()],
        &CoverageOptions::default(),
    );
    let ids: Vec<String> = m.rows.iter().map(ToString::to_string).collect();
    assert_eq!(ids, ["org:a", "org:b", "org:c"]);
    assert!(
        m.cell(&"org:c".parse().unwrap(), &Objective::DigitalDivides.into())
            .is_some()
    );

    let text = m.to_text();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[1].starts_with("Alpha agency "), "{text}");
    assert!(lines[2].starts_with("Mu|agency\\nsplit "), "{text}");
    assert!(lines[3].starts_with("Zeta agency "), "{text}");
    assert_eq!(m.to_string(), text);

    let markdown = m.to_markdown();
    let lines: Vec<&str> = markdown.lines().collect();
    assert_eq!(lines.len(), 5, "{markdown}");
    assert!(lines[2].starts_with("| Alpha agency | 1 "), "{markdown}");
    assert!(
        lines[3].starts_with("| Mu\\|agency\\nsplit | 1 "),
        "{markdown}"
    );
    assert!(lines[4].starts_with("| Zeta agency | 1 "), "{markdown}");

    let svg = export::heatmap_svg(&m, "t");
    let at = |name: &str| {
        svg.find(&format!(">{name}"))
            .unwrap_or_else(|| panic!("{name}: {svg}"))
    };
    assert!(at("Alpha agency") < at("Mu|agency") && at("Mu|agency") < at("Zeta agency"));
}
