//! The only way to a [`Graph`]: validate every layer, then assemble all or nothing.

use std::sync::LazyLock;

use crate::dataset::Dataset;
use crate::embedded;
use crate::error::validation::ValidationReport;
use crate::error::{Error, Result};
use crate::graph::Graph;
use crate::interchange::json::Limits;
use crate::layering::{self, absorb};
use crate::permute::gather_in_place;
use crate::validate::{IdIndex, RelationKey, validate};

/// Builds a [`Graph`] from one or more dataset layers, checking every rule across all of them.
///
/// Layers are combined: records of every layer together, relations stated in several layers
/// merged into one with all their evidence. An id declared in two layers is an error, so a
/// layer can add records and relations about existing records but never redefine one.
///
/// # Example
/// ```
/// use gdc_map::{Dataset, Graph, GraphBuilder};
///
/// let embedded = Graph::embedded().to_dataset();
/// let graph = GraphBuilder::new().layer(embedded).layer(Dataset::default()).build()?;
/// assert_eq!(&graph, Graph::embedded());
/// # Ok::<(), gdc_map::ValidationReport>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct GraphBuilder {
    layers: Vec<Dataset>,
}

impl GraphBuilder {
    /// A builder with no layers.
    pub fn new() -> GraphBuilder {
        GraphBuilder::default()
    }

    /// Adds a layer on top of those already given.
    #[must_use]
    pub fn layer(mut self, dataset: Dataset) -> GraphBuilder {
        self.layers.push(dataset);
        self
    }

    /// Validates the layers and builds the graph.
    ///
    /// # Errors
    /// A [`ValidationReport`] with every problem found, when there is any; no graph is built.
    pub fn build(self) -> Result<Graph, ValidationReport> {
        build_checked(self.layers).map_err(|(_, report)| report)
    }
}

/// Validates `layers` and builds the graph, or gives the layers back untouched with the
/// report.
fn build_checked(layers: Vec<Dataset>) -> Result<Graph, (Vec<Dataset>, ValidationReport)> {
    let index = IdIndex::new(&layers);
    let (issues, order) = validate(&layers, &index);
    if !issues.is_empty() {
        return Err((layers, ValidationReport::new(issues)));
    }
    // The id maps are done with; freeing them before the graph grows lowers the peak.
    let ids = index.into_ids();
    let (data, ends) = canonical(layers, &order);
    drop(order);
    Ok(Graph::assemble(data, ids, &ends))
}

/// Appends `more` to `list`, growing whichever of the two is longer: the one big layer of a
/// large load (often laid over the small embedded one) is moved, never copied while held.
fn join<T>(list: &mut Vec<T>, mut more: Vec<T>) {
    if list.len() < more.len() {
        std::mem::swap(list, &mut more);
        // `more` now holds what came first; it goes back in front.
        list.splice(0..0, more);
    } else {
        list.extend(more);
    }
}

/// Joins validated layers into one dataset in canonical order: lists sorted by id, relations
/// stated more than once merged into one with their evidence and notes in first-seen order.
///
/// Relations are put in order where they lie, by following the cycles of the permutation
/// `order` describes, and merged in place: a million relations are never held twice.
fn canonical(layers: Vec<Dataset>, order: &[RelationKey]) -> (Dataset, Vec<(u32, u32)>) {
    let mut out = Dataset::default();
    let mut starts: Vec<u32> = Vec::with_capacity(layers.len());
    for layer in layers {
        join(&mut out.sources, layer.sources);
        join(&mut out.sections, layer.sections);
        join(&mut out.organisations, layer.organisations);
        join(&mut out.initiatives, layer.initiatives);
        join(&mut out.bodies, layer.bodies);
        join(&mut out.events, layer.events);
        join(&mut out.documents, layer.documents);
        join(&mut out.commitments, layer.commitments);
        join(&mut out.pact_actions, layer.pact_actions);
        starts.push(out.relations.len() as u32);
        join(&mut out.relations, layer.relations);
    }
    out.sources.sort_by(|a, b| a.id.cmp(&b.id));
    out.sections.sort_by(|a, b| a.id.cmp(&b.id));
    out.organisations.sort_by(|a, b| a.id.cmp(&b.id));
    out.initiatives.sort_by(|a, b| a.id.cmp(&b.id));
    out.bodies.sort_by(|a, b| a.id.cmp(&b.id));
    out.events.sort_by(|a, b| a.id.cmp(&b.id));
    out.documents.sort_by(|a, b| a.id.cmp(&b.id));
    out.commitments.sort_by(|a, b| a.id.cmp(&b.id));
    out.pact_actions.sort_by_key(|a| a.id);

    // A validated build resolves every relation, so `order` names each exactly once; the
    // k-th relation in canonical order is the one at `source[k]`.
    let source: Vec<u32> = order
        .iter()
        .map(|&(.., layer, i)| starts.get(layer as usize).copied().unwrap_or(0) + i)
        .collect();
    gather_in_place(&mut out.relations, source);
    let relations = &mut out.relations;

    // `order` is stable, so records of the same relation are neighbours in input order, and
    // merging each into the first keeps first-seen order.
    let mut ends: Vec<(u32, u32)> = Vec::with_capacity(order.len());
    let mut kept = 0usize;
    let mut last_key = None;
    for (k, &(from, kind, to, ..)) in order.iter().enumerate() {
        let key = Some((from, kind, to));
        if key == last_key && kept > 0 {
            let (head, tail) = relations.split_at_mut(k);
            if let (Some(first), Some(again)) = (head.get_mut(kept - 1), tail.first_mut()) {
                absorb(first, again);
            }
        } else {
            relations.swap(kept, k);
            kept += 1;
            ends.push((from, to));
            last_key = key;
        }
    }
    relations.truncate(kept);
    (out, ends)
}

static EMBEDDED: LazyLock<Graph> = LazyLock::new(|| {
    #[expect(
        clippy::expect_used,
        reason = "the embedded JSON is fixed at compile time, and tests/integration/embedded.rs \
                  builds it with these same calls, so a bad edit fails the tests, not a user"
    )]
    let data = Dataset::from_json(embedded::JSON).expect("the embedded dataset parses");
    #[expect(clippy::expect_used, reason = "as above")]
    GraphBuilder::new()
        .layer(data)
        .build()
        .expect("the embedded dataset is valid")
});

impl Graph {
    /// The embedded dataset: the facts of ITU's 2025 Council document on its GDC action plan,
    /// each relation citing its section, plus context facts labelled as such.
    ///
    /// Built once, on first use, and shared.
    ///
    /// # Example
    /// ```
    /// use gdc_map::Graph;
    ///
    /// let graph = Graph::embedded();
    /// assert!(graph.organisation(&"itu".parse()?).is_some());
    /// # Ok::<(), gdc_map::IdError>(())
    /// ```
    pub fn embedded() -> &'static Graph {
        &EMBEDDED
    }

    /// Reads a dataset from JSON and builds a graph from it alone.
    ///
    /// # Errors
    /// As [`Dataset::from_json`], and [`Error::Invalid`] with every problem found when the data
    /// breaks a cross-record rule.
    pub fn from_json(text: &str) -> Result<Graph> {
        Graph::from_json_with(text, &Limits::default())
    }

    /// As [`Graph::from_json`], within the given limits.
    ///
    /// # Errors
    /// As [`Graph::from_json`].
    pub fn from_json_with(text: &str, limits: &Limits) -> Result<Graph> {
        let data = Dataset::from_json_with(text, limits)?;
        Ok(GraphBuilder::new().layer(data).build()?)
    }

    /// A new graph of this graph's data with `dataset` layered on top. This graph is left as
    /// it was, whatever happens.
    ///
    /// In the validation report, the layer's records are located as `layer 1: …`, and this
    /// graph's own as `… of the graph laid over` ([`crate::Location::in_graph`]), by their
    /// place in [`Graph::to_dataset`] (sorted by id), which need not be their place in the
    /// file they were first loaded from.
    ///
    /// A layer that is small beside the graph (an edit) costs a copy of the graph's data and
    /// a rebuild of its index, not a check of every record again: what the layer could break
    /// is checked against this graph, which is valid already. [`Graph::add_layer`] saves the
    /// copy too.
    ///
    /// # Errors
    /// [`Error::Invalid`] with every problem found.
    pub fn layered(&self, dataset: Dataset) -> Result<Graph, Error> {
        if let Some(plan) = layering::plan(self, &dataset) {
            let ends = layering::merged_ends(self, &plan);
            let ids = layering::merged_ids(self.node_ids().cloned().collect(), &plan);
            let mut data = self.to_dataset();
            layering::merge(&mut data, dataset, &plan);
            return Ok(Graph::assemble(data, ids, &ends));
        }
        GraphBuilder::new()
            .layer(self.to_dataset())
            .layer(dataset)
            .build()
            .map_err(|report| report.laid_over_graph().into())
    }

    /// Lays `dataset` over this graph in place: [`Graph::layered`] without a copy of this
    /// graph's data, for a large graph edited a layer at a time. On an error the graph is
    /// left as it was.
    ///
    /// # Errors
    /// [`Error::Invalid`] with every problem found, as [`Graph::layered`] reports it.
    ///
    /// # Example
    /// ```
    /// use gdc_map::{Dataset, Graph};
    ///
    /// let mut graph = Graph::embedded().clone();
    /// let edit = Dataset::from_json(r#"{"schema_version": 1,
    ///   "relations": [{"from": "org:unicef", "kind": "partners-in", "to": "initiative:equals",
    ///     "provenance": [{"context": {"citation": "UNICEF annual report 2025"}}]}]}"#)?;
    /// let (unicef, equals) = ("org:unicef".parse()?, "initiative:equals".parse()?);
    /// assert!(!graph.relations().iter().any(|r| r.from == unicef && r.to == equals));
    ///
    /// graph.add_layer(edit)?;
    /// assert!(graph.relations().iter().any(|r| r.from == unicef && r.to == equals));
    ///
    /// // A layer that breaks a rule is refused whole, and the graph stays as it was.
    /// let before = graph.clone();
    /// let bad = Dataset::from_json(r#"{"schema_version": 1,
    ///   "relations": [{"from": "org:nobody", "kind": "partners-in", "to": "initiative:giga",
    ///     "provenance": [{"context": {"citation": "?"}}]}]}"#)?;
    /// assert!(graph.add_layer(bad).is_err());
    /// assert_eq!(graph, before);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_layer(&mut self, dataset: Dataset) -> Result<(), Error> {
        if let Some(plan) = layering::plan(self, &dataset) {
            let ends = layering::merged_ends(self, &plan);
            let (mut data, ids) = self.dismantle();
            let ids = layering::merged_ids(ids, &plan);
            layering::merge(&mut data, dataset, &plan);
            *self = Graph::assemble(data, ids, &ends);
            return Ok(());
        }
        match build_checked(vec![self.take_data(), dataset]) {
            Ok(graph) => {
                *self = graph;
                Ok(())
            }
            Err((layers, report)) => {
                if let Some(data) = layers.into_iter().next() {
                    self.restore_data(data);
                }
                Err(report.laid_over_graph().into())
            }
        }
    }
}
