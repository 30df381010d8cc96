//! Queries from several threads at once give the same answers as from one, and output bytes
//! do not depend on the order the input came in.

use std::thread;

use gdc_map::{CoverageOptions, GapPolicy, Graph, GraphBuilder, text_report};

#[test]
fn queries_from_many_threads_agree_with_one() {
    let graph = Graph::embedded();
    let expected = (
        graph.objective_coverage(&CoverageOptions::default()),
        graph.gaps(&GapPolicy::default()),
        text_report(graph),
    );
    let answers: Vec<_> = thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                s.spawn(|| {
                    (
                        graph.objective_coverage(&CoverageOptions::default()),
                        graph.gaps(&GapPolicy::default()),
                        text_report(graph),
                    )
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for answer in answers {
        assert_eq!(answer, expected);
    }
}

#[test]
fn output_bytes_do_not_depend_on_input_order() {
    let mut data = Graph::embedded().to_dataset();
    data.relations.reverse();
    data.organisations.reverse();
    data.initiatives.rotate_left(7);
    data.bodies.reverse();
    data.events.rotate_right(3);
    data.documents.reverse();
    data.sections.reverse();
    let permuted = GraphBuilder::new().layer(data).build().unwrap();
    assert_eq!(permuted.to_json(), Graph::embedded().to_json());
    assert_eq!(text_report(&permuted), text_report(Graph::embedded()));
    assert_eq!(
        permuted.gaps(&GapPolicy::default()).to_string(),
        Graph::embedded().gaps(&GapPolicy::default()).to_string()
    );
}
