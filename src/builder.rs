//! The only way to a [`Graph`]: validate every layer, then assemble all or nothing.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::dataset::Dataset;
use crate::embedded;
use crate::error::validation::ValidationReport;
use crate::error::{Error, Result};
use crate::graph::Graph;
use crate::interchange::json::Limits;
use crate::model::relation::Relation;
use crate::validate::validate;

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
        let issues = validate(&self.layers);
        if !issues.is_empty() {
            return Err(ValidationReport::new(issues));
        }
        Ok(Graph::assemble(canonical(self.layers)))
    }
}

/// Joins validated layers into one dataset in canonical order: lists sorted by id, duplicate
/// relations merged with their evidence and notes in first-seen order.
fn canonical(layers: Vec<Dataset>) -> Dataset {
    let mut out = Dataset::default();
    let mut relations: Vec<Relation> = Vec::new();
    let mut seen: HashMap<(crate::EntityId, crate::RelationKind, crate::EntityId), usize> =
        HashMap::new();
    for layer in layers {
        out.sources.extend(layer.sources);
        out.sections.extend(layer.sections);
        out.organisations.extend(layer.organisations);
        out.initiatives.extend(layer.initiatives);
        out.bodies.extend(layer.bodies);
        out.events.extend(layer.events);
        out.documents.extend(layer.documents);
        out.commitments.extend(layer.commitments);
        out.pact_actions.extend(layer.pact_actions);
        for r in layer.relations {
            let key = (r.from.clone(), r.kind, r.to.clone());
            match seen.get(&key).and_then(|&i| relations.get_mut(i)) {
                Some(existing) => {
                    for p in r.provenance {
                        if !existing.provenance.contains(&p) {
                            existing.provenance.push(p);
                        }
                    }
                    for n in r.notes {
                        if !existing.notes.contains(&n) {
                            existing.notes.push(n);
                        }
                    }
                }
                None => {
                    seen.insert(key, relations.len());
                    relations.push(r);
                }
            }
        }
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
    relations.sort_by(|a, b| (&a.from, a.kind, &a.to).cmp(&(&b.from, b.kind, &b.to)));
    out.relations = relations;
    out
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
    /// In the validation report, the layer's records are located as `layer 1: …`.
    ///
    /// # Errors
    /// [`Error::Invalid`] with every problem found.
    pub fn layered(&self, dataset: Dataset) -> Result<Graph, Error> {
        Ok(GraphBuilder::new()
            .layer(self.to_dataset())
            .layer(dataset)
            .build()?)
    }
}
