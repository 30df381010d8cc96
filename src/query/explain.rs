//! The shortest chain of relations between two entities, with the evidence at each step.

use serde::{Deserialize, Serialize};

use crate::graph::{Arc, Graph, WalkIndex, WalkScratch};
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
    /// # Which chain
    /// Of all the shortest chains, the one whose steps, read from `from`, come first when each
    /// step is ranked by: stated by a source before context-only, forward before backward,
    /// then relation order. So among chains of the same length the answer prefers stated
    /// evidence early, and is always the same. (It is the chain a breadth-first search from
    /// `from` finds when it tries each entity's relations in that order.)
    ///
    /// # Walk
    /// Breadth-first from both ends at once, growing whichever side has fewer relations to
    /// cross next, until the two meet; then the chain is read off from `from`, one step at a
    /// time, keeping to entities on a shortest chain.
    ///
    /// # Complexity
    /// O(N + E) time and O(N) space in the worst case; in practice proportional to the
    /// neighbourhoods of the two ends that the search grows before they meet, not to the
    /// graph.
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
        let start = self.node(from)?.index() as u32;
        let goal = self.node(to)?.index() as u32;
        let index = self.walk_index();
        // Both sides borrow the graph's walk scratch: fresh buffers of a million entries
        // cost more to fault in than most searches cost.
        let mut ahead = Side::new(self.scratch().take(self.entity_count()), start);
        let mut behind = Side::new(self.scratch().take(self.entity_count()), goal);
        let route = route(index, &mut ahead, &mut behind, start, goal);
        self.scratch().give_back(ahead.scratch);
        self.scratch().give_back(behind.scratch);
        let relations = self.relations();
        let steps = route?
            .into_iter()
            .map(|key| {
                Some(Step {
                    relation: relations.get(key.relation() as usize)?.clone(),
                    forward: key.forward(),
                })
            })
            .collect::<Option<Vec<Step>>>()?;
        Some(Explanation {
            from: from.clone(),
            to: to.clone(),
            steps,
        })
    }
}

/// How a step crosses a relation, ranked as [`Graph::explain`] prefers steps: context-only
/// after stated, backward after forward, then by relation index. Unique per step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct StepKey(u64);

impl StepKey {
    fn new(relation: u32, arc: &Arc, forward: bool) -> StepKey {
        StepKey((u64::from(!arc.stated) << 33) | (u64::from(!forward) << 32) | u64::from(relation))
    }

    fn relation(self) -> u32 {
        self.0 as u32
    }

    fn forward(self) -> bool {
        self.0 >> 32 & 1 == 0
    }
}

/// Every step out of `node`, either way, with the entity it reaches.
fn steps_from(index: &WalkIndex, node: u32) -> impl Iterator<Item = (StepKey, u32)> + '_ {
    let forward = index
        .outgoing
        .of(node as usize)
        .map(|(rel, arc)| (StepKey::new(rel, &arc, true), arc.other));
    let backward = index
        .incoming
        .of(node as usize)
        .map(|(rel, arc)| (StepKey::new(rel, &arc, false), arc.other));
    forward.chain(backward)
}

/// The entities next to `node`, either way (without the relation indices, which the
/// search does not need).
fn neighbours(index: &WalkIndex, node: u32) -> impl Iterator<Item = u32> + '_ {
    let forward = index.outgoing.arcs(node as usize).other.iter();
    let backward = index.incoming.arcs(node as usize).other.iter();
    forward.chain(backward).copied()
}

fn degree(index: &WalkIndex, node: u32) -> usize {
    index.outgoing.arcs(node as usize).other.len() + index.incoming.arcs(node as usize).other.len()
}

/// Marks a reached entity as on a shortest chain, in the distance word; distances stay far
/// below it.
const ON_ROUTE: u32 = 1 << 31;

/// One side of the two-sided search: what it has reached, at what distance from its end,
/// layer by layer.
struct Side {
    /// `mark == epoch`: reached; `via`: distance, with [`ON_ROUTE`]; `order`: the reached
    /// entities, layer after layer.
    scratch: WalkScratch,
    epoch: u32,
    /// Where each completed layer starts in `order`, and where the last one ends.
    layers: Vec<usize>,
}

impl Side {
    fn new(mut scratch: WalkScratch, end: u32) -> Side {
        let epoch = scratch.next_epoch();
        scratch.order.clear();
        let mut side = Side {
            scratch,
            epoch,
            layers: vec![0],
        };
        side.reach(end, 0);
        side.layers.push(side.scratch.order.len());
        side
    }

    /// The deepest completed layer.
    fn depth(&self) -> u32 {
        self.layers.len().saturating_sub(2) as u32
    }

    fn layer(&self, depth: u32) -> &[u32] {
        let at = depth as usize;
        match (self.layers.get(at), self.layers.get(at + 1)) {
            (Some(&from), Some(&to)) => self.scratch.order.get(from..to).unwrap_or_default(),
            _ => &[],
        }
    }

    fn distance(&self, node: u32) -> Option<u32> {
        let n = node as usize;
        (self.scratch.mark.get(n) == Some(&self.epoch))
            .then(|| self.scratch.via.get(n).map(|d| d & !ON_ROUTE))
            .flatten()
    }

    fn on_route(&self, node: u32) -> bool {
        let n = node as usize;
        self.scratch.mark.get(n) == Some(&self.epoch)
            && self.scratch.via.get(n).is_some_and(|d| d & ON_ROUTE != 0)
    }

    /// Reaches `node` at `distance` unless already reached; whether it was new.
    fn reach(&mut self, node: u32, distance: u32) -> bool {
        let n = node as usize;
        let (Some(mark), Some(via)) = (self.scratch.mark.get_mut(n), self.scratch.via.get_mut(n))
        else {
            return false;
        };
        if *mark == self.epoch {
            return false;
        }
        *mark = self.epoch;
        *via = distance;
        self.scratch.order.push(node);
        true
    }

    /// The relations the next layer would cross: what growing this side costs.
    fn cost(&self, index: &WalkIndex) -> usize {
        self.layer(self.depth())
            .iter()
            .map(|&n| degree(index, n))
            .sum()
    }

    /// Adds the next layer, or stops as soon as it meets `other`: then every entity where
    /// they meet is as far from `other`'s end as `other` has grown (one nearer would have
    /// met this side's last layer already), so the first meeting fixes the length of the
    /// shortest chains. Returns that length; the layer stays unfinished and uncounted.
    fn grow(&mut self, index: &WalkIndex, other: &Side) -> Option<u32> {
        let depth = self.depth();
        let (from, to) = (
            self.layers.get(depth as usize).copied().unwrap_or(0),
            self.scratch.order.len(),
        );
        for at in from..to {
            let Some(&node) = self.scratch.order.get(at) else {
                break;
            };
            for next in neighbours(index, node) {
                if self.reach(next, depth + 1) && other.distance(next).is_some() {
                    return Some(depth + 1 + other.depth());
                }
            }
        }
        self.layers.push(self.scratch.order.len());
        None
    }
}

/// The steps of the chain [`Graph::explain`] answers, from `start` to `goal`.
fn route(
    index: &WalkIndex,
    ahead: &mut Side,
    behind: &mut Side,
    start: u32,
    goal: u32,
) -> Option<Vec<StepKey>> {
    if start == goal {
        return Some(Vec::new());
    }
    // Grow the cheaper side until the two meet. A side that stops growing has reached all
    // it can without meeting the other: nothing connects the ends.
    let length = loop {
        if ahead.layer(ahead.depth()).is_empty() || behind.layer(behind.depth()).is_empty() {
            return None;
        }
        let met = if ahead.cost(index) <= behind.cost(index) {
            ahead.grow(index, behind)
        } else {
            behind.grow(index, ahead)
        };
        if let Some(length) = met {
            break length;
        }
    };
    // An entity `position` steps from the start is on a shortest chain when it is
    // `length - position` steps from the goal. From `known` on, the goal side's finished
    // layers measure that; before it, mark the start side's entities that lead on to one
    // that is.
    let known = length.saturating_sub(behind.depth());
    let on_route = |side: &Side, node: u32, position: u32| {
        if position >= known {
            behind.distance(node) == Some(length - position)
        } else {
            side.on_route(node) && side.distance(node) == Some(position)
        }
    };
    // The marks go back one layer at a time, from whichever side of each pair of layers has
    // fewer relations to look at: the start side's layer, each entity asking whether it
    // leads on; or the entities found to be on a chain one step further, each marking what
    // leads to it. The first step back starts from the goal side's last finished layer:
    // an entity next to one of those at `known - 1` is on a shortest chain.
    let mut further: Vec<u32> = behind.layer(behind.depth()).to_vec();
    for position in (1..known).rev() {
        let layer = ahead.layer(position);
        let cost = |nodes: &[u32]| nodes.iter().map(|&n| degree(index, n)).sum::<usize>();
        let leading: Vec<u32> = if cost(layer) <= cost(&further) {
            layer
                .iter()
                .copied()
                .filter(|&node| {
                    neighbours(index, node).any(|next| on_route(ahead, next, position + 1))
                })
                .collect()
        } else {
            let mut leading: Vec<u32> = further
                .iter()
                .flat_map(|&next| neighbours(index, next))
                .filter(|&node| ahead.distance(node) == Some(position))
                .collect();
            leading.sort_unstable();
            leading.dedup();
            leading
        };
        for &node in &leading {
            if let Some(d) = ahead.scratch.via.get_mut(node as usize) {
                *d |= ON_ROUTE;
            }
        }
        further = leading;
    }
    // Then walk from the start, taking at each entity the best-ranked step that stays on a
    // shortest chain.
    let mut steps = Vec::with_capacity(length as usize);
    let mut at = start;
    for position in 1..=length {
        let (key, next) = if position == length {
            (best_link(index, at, goal)?, goal)
        } else {
            best_step(index, at, |next| on_route(ahead, next, position))?
        };
        steps.push(key);
        at = next;
    }
    Some(steps)
}

/// The best-ranked step out of `node` to an entity `wanted` accepts. Arcs are scanned in
/// rank order (outgoing ones are in relation order, incoming ones stated first and then in
/// relation order), so the first accepted one is the answer and a hub's arcs are seldom all
/// read.
fn best_step(index: &WalkIndex, node: u32, wanted: impl Fn(u32) -> bool) -> Option<(StepKey, u32)> {
    for stated in [true, false] {
        let forward = index.outgoing.of(node as usize).map(|step| (step, true));
        let backward = index.incoming.of(node as usize).map(|step| (step, false));
        let found = forward
            .chain(backward)
            .find(|((_, arc), _)| arc.stated == stated && wanted(arc.other));
        if let Some(((rel, arc), forward)) = found {
            return Some((StepKey::new(rel, &arc, forward), arc.other));
        }
    }
    None
}

/// The best-ranked step from `from` straight to `to`, found from whichever end has fewer
/// relations (the last step often leaves an entity with hundreds of thousands).
fn best_link(index: &WalkIndex, from: u32, to: u32) -> Option<StepKey> {
    if degree(index, from) <= degree(index, to) {
        best_step(index, from, |next| next == to).map(|(key, _)| key)
    } else {
        // A relation `to` → `from` is crossed backward from `from`, and the other way round.
        steps_from(index, to)
            .filter(|&(_, next)| next == from)
            .map(|(key, _)| StepKey(key.0 ^ 1 << 32))
            .min()
    }
}
