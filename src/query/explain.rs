//! The shortest chain of relations between two entities, with the evidence at each step.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use crate::graph::Graph;
use crate::model::id::EntityId;
use crate::model::provenance::Provenance;
use crate::model::relation::Relation;

/// One step of an [`Explanation`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// The relation crossed, with its evidence.
    pub relation: Relation,
    /// Whether the step goes from the relation's subject to its object (`true`) or against
    /// the relation's direction (`false`).
    pub forward: bool,
}

impl Step {
    /// The entity this step leaves.
    pub fn start(&self) -> &EntityId {
        if self.forward {
            &self.relation.from
        } else {
            &self.relation.to
        }
    }

    /// The entity this step reaches.
    pub fn end(&self) -> &EntityId {
        if self.forward {
            &self.relation.to
        } else {
            &self.relation.from
        }
    }
}

/// How two entities are connected: the fewest relations between them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// Where the chain starts.
    pub from: EntityId,
    /// Where it ends.
    pub to: EntityId,
    /// The relations crossed, in order; empty when `from` and `to` are the same.
    pub steps: Vec<Step>,
}

impl Explanation {
    /// Whether every step is stated by a source, not only by context.
    pub fn is_stated(&self) -> bool {
        self.steps
            .iter()
            .all(|s| s.relation.provenance.iter().any(Provenance::is_stated))
    }
}

impl Graph {
    /// The shortest chain of relations between `from` and `to`, crossing relations in either
    /// direction; `None` when either is not in the graph or nothing connects them.
    ///
    /// # Walk
    /// Breadth-first from `from` over every relation, both ways. At each entity, relations
    /// stated by a source are tried before context-only ones, then forward before backward,
    /// then in relation order; so among chains of the same length the answer prefers stated
    /// evidence, and is always the same.
    ///
    /// # Complexity
    /// O(N + E) time and O(N) space.
    ///
    /// # Example
    /// ```
    /// use gdc_map::Graph;
    ///
    /// let graph = Graph::embedded();
    /// let why = graph.explain(&"org:unicef".parse()?, &"objective:1".parse()?).unwrap();
    /// let chain: Vec<String> = why.steps.iter().map(|s| s.relation.to_string()).collect();
    /// assert_eq!(chain, ["org:unicef partners-in initiative:giga", "initiative:giga supports objective:1"]);
    /// assert_eq!(why.steps[1].relation.provenance[0].to_string(), "§1/obj1");
    /// # Ok::<(), gdc_map::IdError>(())
    /// ```
    pub fn explain(&self, from: &EntityId, to: &EntityId) -> Option<Explanation> {
        let start = self.node(from)?.index();
        let goal = self.node(to)?.index();
        let relations = self.relations();
        let index = self.walk_index();
        // The graph's walk scratch: an entity is reached when its mark is this walk's epoch,
        // and then `via` says how it was first reached: relation index * 2 + (1 if crossed
        // forward). Borrowing it spares faulting in fresh buffers on every call.
        let mut scratch = self.scratch().take(self.entity_count());
        let epoch = scratch.next_epoch();
        const START: u32 = u32::MAX;
        *scratch.mark.get_mut(start)? = epoch;
        *scratch.via.get_mut(start)? = START;
        let mut queue = VecDeque::from([start]);
        let mut edges: Vec<(bool, bool, u32, u32)> = Vec::new();
        'walk: while let Some(node) = queue.pop_front() {
            if node == goal {
                break;
            }
            edges.clear();
            let forward = index.outgoing.of(node).map(|a| (a, true));
            let backward = index.incoming.of(node).map(|a| (a, false));
            for ((rel, arc), forward) in forward.chain(backward) {
                edges.push((!arc.stated, !forward, rel, arc.other));
            }
            edges.sort_unstable();
            for &(_, backward, rel, other) in &edges {
                let (Some(mark), Some(via)) = (
                    scratch.mark.get_mut(other as usize),
                    scratch.via.get_mut(other as usize),
                ) else {
                    continue;
                };
                if *mark == epoch {
                    continue;
                }
                *mark = epoch;
                *via = rel * 2 + u32::from(!backward);
                // The first way an entity is reached is the one kept, so the walk can stop
                // as soon as the goal is reached.
                if other as usize == goal {
                    break 'walk;
                }
                queue.push_back(other as usize);
            }
        }
        let came_by = |node: usize| {
            (scratch.mark.get(node) == Some(&epoch))
                .then(|| scratch.via.get(node).copied())
                .flatten()
        };
        let reached = came_by(goal).is_some();
        let mut steps = Vec::new();
        let mut at = goal;
        while let Some(how) = came_by(at).filter(|&how| how != START) {
            let forward = how % 2 == 1;
            let Some(relation) = relations.get((how / 2) as usize).cloned() else {
                break;
            };
            let back = if forward {
                &relation.from
            } else {
                &relation.to
            };
            let Some(node) = self.node(back) else {
                break;
            };
            at = node.index();
            steps.push(Step { relation, forward });
        }
        self.scratch().give_back(scratch);
        if !reached {
            return None;
        }
        steps.reverse();
        Some(Explanation {
            from: from.clone(),
            to: to.clone(),
            steps,
        })
    }
}
