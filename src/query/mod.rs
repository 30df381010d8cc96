//! The questions analysts ask of a graph: coverage, gaps, explanations and time. Each query is
//! a method on [`Graph`] and returns an owned, sorted, serialisable report.

pub(crate) mod capped;
pub(crate) mod coverage;
pub(crate) mod covered_by;
pub(crate) mod explain;
pub(crate) mod gaps;
pub(crate) mod matrix;
pub(crate) mod nearby;
pub(crate) mod parts;
pub(crate) mod path;
pub(crate) mod stated;
pub(crate) mod time;

use crate::graph::Graph;
use crate::model::id::EntityId;

impl Graph {
    /// The targets gap analysis looks at: the five objectives, every declared Pact action and
    /// commitment, and every other target (SDG, action line, Pact chapter) that some relation
    /// names. Sorted by id.
    ///
    /// # Example
    /// ```
    /// use gdc_map::Graph;
    ///
    /// let targets: Vec<String> = Graph::embedded().targets().iter().map(|t| t.to_string()).collect();
    /// assert!(targets.contains(&"objective:4".to_owned()));
    /// assert!(targets.contains(&"action:27(c)".to_owned()));
    /// assert!(!targets.contains(&"sdg:14".to_owned()));
    /// ```
    pub fn targets(&self) -> Vec<EntityId> {
        self.target_nodes()
            .into_iter()
            .filter_map(|n| self.id_of(n as usize).cloned())
            .collect()
    }

    /// The nodes of [`Graph::targets`], in the same order.
    pub(crate) fn target_nodes(&self) -> Vec<u32> {
        let index = self.walk_index();
        // Node order is id order, so walking the nodes in order gives sorted targets; the
        // target kinds sort first, so the actors after them need not be read at all.
        let end = self.target_kind_nodes().end as usize;
        (index.kinds.get(..end).unwrap_or_default())
            .iter()
            .enumerate()
            .filter(|&(n, kind)| {
                kind.is_target()
                    && (!kind.is_builtin()
                        || *kind == crate::EntityKind::Objective
                        || !index.incoming.arcs(n).is_empty()
                        || !index.outgoing.arcs(n).is_empty())
            })
            .map(|(n, _)| n as u32)
            .collect()
    }
}
