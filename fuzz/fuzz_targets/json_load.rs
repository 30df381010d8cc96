//! Any bytes through the JSON loader and the builder: never a panic; text and a stream of the
//! same bytes load the same dataset or both fail; the problems gathered open with the load
//! error; whatever loads saves and loads back to an equal graph; every coverage chain is
//! unbroken; answers print; a refused dataset's report serializes; what each section states
//! cites it.
#![no_main]

use gdc_map::{Dataset, Graph, GraphBuilder, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let limits = Limits::default().max_bytes(1 << 20);
    let streamed = Dataset::from_json_reader(bytes, &limits);
    let problems = Dataset::json_problems(bytes, &limits);
    let dataset = match Dataset::from_json_slice(bytes, &limits) {
        Ok(dataset) => {
            assert!(problems.is_empty(), "problems in a document that loads");
            dataset
        }
        Err(e) => {
            assert!(streamed.is_err(), "a stream loads what text refuses");
            let first = problems.first().map(ToString::to_string);
            assert_eq!(first, Some(e.to_string()), "the first problem is not the load error");
            return;
        }
    };
    match &streamed {
        Ok(again) => assert_eq!(again, &dataset, "a stream loads another dataset"),
        Err(e) => panic!("text loads but the stream fails: {e}"),
    }
    let graph = match GraphBuilder::new().layer(dataset).build() {
        Ok(graph) => graph,
        Err(report) => {
            // Every issue serializes, with its message.
            let json = serde_json::to_value(&report).expect("a report serializes");
            assert_eq!(json.as_array().map(Vec::len), Some(report.len()));
            return;
        }
    };
    let again = Graph::from_json(&graph.to_json()).expect("a saved graph loads");
    assert_eq!(again, graph, "save then load changed the graph");
    let _ = gdc_map::text_report(&graph);
    // Every coverage chain runs from its entity, step by step, to the target.
    for coverage in graph.objective_coverage(&gdc_map::CoverageOptions::default()) {
        let printed = coverage.to_string();
        assert!(printed.starts_with(&coverage.target.to_string()), "{printed}");
        for entry in &coverage.entries {
            let mut at = &entry.entity;
            for step in &entry.path {
                assert_eq!(&step.from, at, "a chain skips a step");
                at = &step.to;
            }
            assert_eq!(at, &coverage.target, "a chain ends elsewhere");
        }
    }
    let _ = graph.gaps(&gdc_map::GapPolicy::default()).to_string();
    for summary in graph.coverage_summaries(&graph.targets(), &Default::default()) {
        let _ = summary.to_string();
    }
    // What each section states cites it.
    for section in graph.sections() {
        let stated = graph.stated_in(&section.id).expect("a declared section");
        let cites = |p: &gdc_map::Provenance| p.section() == Some(&section.id);
        assert!(stated.relations.iter().all(|r| r.provenance.iter().any(cites)));
        assert!(stated.dates.iter().all(|d| d.fact.provenance.iter().any(cites)));
    }
    let ids: Vec<_> = graph.entities().map(|e| e.id()).collect();
    if let (Some(first), Some(last)) = (ids.first(), ids.last()) {
        let _ = graph.explain(first, last);
    }
});
