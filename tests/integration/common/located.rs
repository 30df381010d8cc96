//! A validation report as a layer laid over a graph gives it, for comparing with the builder's.
//! Shared with the `layer_over` fuzz target, which includes this file by path.

use gdc_map::ValidationReport;

/// `report` serialized without its messages (which say where, and so change with the marks;
/// their wording has tests of its own), each location in layer 0 marked as the graph's when
/// `graph_below`, as a layer laid over a graph marks them.
pub(crate) fn located(report: &ValidationReport, graph_below: bool) -> serde_json::Value {
    fn mark(value: &mut serde_json::Value, graph_below: bool) {
        match value {
            serde_json::Value::Object(fields) => {
                fields.remove("message");
                if graph_below && fields.get("layer") == Some(&serde_json::json!(0)) {
                    fields.insert("in_graph".into(), true.into());
                }
                fields.values_mut().for_each(|v| mark(v, graph_below));
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| mark(v, graph_below)),
            _ => {}
        }
    }
    let mut json = serde_json::to_value(report).expect("a report serializes");
    mark(&mut json, graph_below);
    json
}
