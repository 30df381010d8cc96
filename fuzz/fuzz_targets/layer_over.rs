//! Any bytes as a layer over the embedded graph: `Graph::layered` and `Graph::add_layer` give
//! what building the embedded data and the layer together gives (the same graph and answers,
//! or the same report, with the graph's own records marked as its), and a refused layer
//! leaves the graph as it was. What the layer's subjects cover is what coverage gives them.
#![no_main]

use gdc_map::{Dataset, GapPolicy, Graph, GraphBuilder, Limits};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/integration/common/located.rs"]
mod located;
use located::located;

fuzz_target!(|bytes: &[u8]| {
    let limits = Limits::default().max_bytes(1 << 20);
    let Ok(layer) = Dataset::from_json_slice(bytes, &limits) else {
        return;
    };
    let base = Graph::embedded();
    let full = GraphBuilder::new()
        .layer(base.to_dataset())
        .layer(layer.clone())
        .build();
    // The entities the layer's relations start from: what they cover is read off the index
    // of relations out, which the other checks read little of.
    let mut subjects: Vec<gdc_map::EntityId> =
        layer.relations.iter().map(|r| r.from.clone()).collect();
    subjects.sort();
    subjects.dedup();
    subjects.truncate(8);
    let layered = base.layered(layer.clone());
    let mut in_place = base.clone();
    let added = in_place.add_layer(layer);
    match (full, layered, added) {
        (Ok(full), Ok(layered), Ok(())) => {
            assert_eq!(layered, full, "layered differs from the full build");
            assert_eq!(in_place, full, "add_layer differs from the full build");
            // The index behind the queries, not only the data, must match.
            let gaps = full.gaps(&GapPolicy::default());
            assert_eq!(layered.gaps(&GapPolicy::default()), gaps);
            assert_eq!(in_place.gaps(&GapPolicy::default()), gaps);
            let options = gdc_map::CoverageOptions::default();
            let targets = full.targets();
            let summaries = full.coverage_summaries(&targets, &options);
            assert_eq!(layered.coverage_summaries(&targets, &options), summaries);
            assert_eq!(in_place.coverage_summaries(&targets, &options), summaries);
            for subject in &subjects {
                let covered = full.covered_by(subject, &options);
                assert_eq!(layered.covered_by(subject, &options), covered);
                assert_eq!(in_place.covered_by(subject, &options), covered);
                for t in covered.iter().flat_map(|c| &c.targets) {
                    let coverage = full.coverage(&t.target, &options).unwrap();
                    assert_eq!(
                        coverage.entry(subject),
                        Some(&t.entry),
                        "{subject} -> {}",
                        t.target
                    );
                }
            }
        }
        (Err(report), Err(layered), Err(added)) => {
            let layered = layered.validation_report().expect("a validation error");
            assert_eq!(added.validation_report(), Some(layered));
            assert_eq!(located(layered, false), located(&report, true));
            assert_eq!(&in_place, base, "a refused layer changed the graph");
        }
        (full, layered, added) => panic!(
            "full build {:?}, layered {:?}, in place {:?}",
            full.map(|_| ()),
            layered.map(|_| ()),
            added
        ),
    }
});
