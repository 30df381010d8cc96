//! The shortest chain of relations between two entities, with the evidence at each step.

use std::fmt;

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

/// The relation as stated, its evidence, and whether the chain crosses it backwards:
/// `initiative:giga supports objective:1  [§1/obj1]  (backwards)`.
impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}  [{}]", self.relation, self.relation.provenance)?;
        if !self.forward {
            f.write_str("  (backwards)")?;
        }
        Ok(())
    }
}

/// A line naming both ends and the number of steps, then a line for each step.
///
/// # Example
/// ```
/// use gdc_map::Graph;
///
/// let graph = Graph::embedded();
/// let chain = graph.explain(&"org:unicef".parse()?, &"objective:1".parse()?).unwrap();
/// assert_eq!(
///     chain.to_string(),
///     "org:unicef to objective:1, 2 steps:\n\
///      \x20 org:unicef partners-in initiative:giga  [§1/obj1]\n\
///      \x20 initiative:giga supports objective:1  [§1/obj1]\n"
/// );
/// # Ok::<(), gdc_map::IdError>(())
/// ```
impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.steps.len();
        match n {
            0 => return writeln!(f, "{} to {}: the same entity", self.from, self.to),
            1 => writeln!(f, "{} to {}, 1 step:", self.from, self.to)?,
            _ => writeln!(f, "{} to {}, {n} steps:", self.from, self.to)?,
        }
        for step in &self.steps {
            writeln!(f, "  {step}")?;
        }
        Ok(())
    }
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
    /// Breadth-first from both ends at once, growing whichever side is cheaper to grow next
    /// (its relations, and a fixed cost for each entity, since each lies elsewhere in memory),
    /// until the two meet; then the chain is read off from `from`, one step at a time,
    /// keeping to entities on a shortest chain.
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
        // The search borrows the graph's walk scratch: fresh buffers of a million entries
        // cost more to fault in than most searches cost.
        let mut search = Search::new(self.scratch().take(self.entity_count()), start, goal);
        let route = route(index, &mut search, start, goal);
        self.scratch().give_back(search.into_scratch());
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
    let forward = index.outgoing.arcs(node as usize).others();
    let backward = index.incoming.arcs(node as usize).others();
    forward.chain(backward)
}

fn degree(index: &WalkIndex, node: u32) -> usize {
    index.outgoing.arcs(node as usize).len() + index.incoming.arcs(node as usize).len()
}

/// What a pass over the steps out of one entity costs beyond its relations, in relations:
/// its relations lie elsewhere in memory from the last entity's, so reaching them is a wait
/// on memory (four lines: where its runs start, then the runs), while its relations
/// themselves are read one after another, several to a line.
const ENTITY_COST: usize = 128;

/// Whether a pass over the steps out of `a` costs no more than one out of `b`, counting
/// [`ENTITY_COST`] for each entity and one for each of its relations. Reads the degrees only
/// until the answer is known: every entity costs at least [`ENTITY_COST`], so a layer of a
/// hundred thousand entities loses to a handful of hubs without a look at its degrees,
/// which would cost as much as the pass.
fn no_costlier(index: &WalkIndex, a: &[u32], b: &[u32]) -> bool {
    // Lower bounds of the two costs, each exact once every entity of its side is counted.
    let mut bound = [a.len(), b.len()].map(|n| n.saturating_mul(ENTITY_COST));
    let mut rest = [a.iter(), b.iter()];
    loop {
        let [bound_a, bound_b] = bound;
        let [rest_a, rest_b] = &rest;
        if rest_a.len() == 0 && bound_a <= bound_b {
            return true;
        }
        if rest_b.len() == 0 && bound_b < bound_a {
            return false;
        }
        // Count one more entity of the side whose bound is lower (or the one left).
        let side = usize::from(rest_a.len() == 0 || (rest_b.len() != 0 && bound_b < bound_a));
        if let (Some(&node), Some(total)) = (
            rest.get_mut(side).and_then(Iterator::next),
            bound.get_mut(side),
        ) {
            *total = total.saturating_add(degree(index, node));
        }
    }
}

/// In an entity's distance word: it is on a shortest chain.
const ON_ROUTE: u32 = 1 << 31;
/// In an entity's distance word: it was reached from the goal, not the start.
const FROM_GOAL: u32 = 1 << 30;
/// In an entity's distance word: how far from the end that reached it.
const DISTANCE: u32 = FROM_GOAL - 1;

/// One end of the search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Start,
    Goal,
}

impl End {
    fn tag(self) -> u32 {
        match self {
            End::Start => 0,
            End::Goal => FROM_GOAL,
        }
    }

    fn other(self) -> End {
        match self {
            End::Start => End::Goal,
            End::Goal => End::Start,
        }
    }
}

/// The two-sided search. Each entity is reached from one end only (the search stops the
/// first time one end reaches an entity the other has), so one mark and one word per entity
/// serve both: the scratch's marks say the search reached it, `via` which end did, how far
/// from it, and whether it is on a shortest chain.
struct Search {
    scratch: WalkScratch,
    from_start: Layers,
    from_goal: Layers,
}

/// The entities reached from one end, layer after layer.
#[derive(Default)]
struct Layers {
    reached: Vec<u32>,
    /// Where each finished layer starts in `reached`, and where the last one ends.
    bounds: Vec<usize>,
}

impl Layers {
    /// Ends the layer being grown.
    fn finish(&mut self) {
        self.bounds.push(self.reached.len());
    }
}

impl Search {
    fn new(mut scratch: WalkScratch, start: u32, goal: u32) -> Search {
        scratch.marks.clear();
        let mut reached = std::mem::take(&mut scratch.order);
        reached.clear();
        let mut search = Search {
            scratch,
            from_start: Layers {
                reached,
                bounds: vec![0],
            },
            from_goal: Layers {
                reached: Vec::new(),
                bounds: vec![0],
            },
        };
        for (end, node) in [(End::Start, start), (End::Goal, goal)] {
            search.reach(end, node, 0);
            search.layers_mut(end).finish();
        }
        search
    }

    /// The scratch, to give back to the graph.
    fn into_scratch(mut self) -> WalkScratch {
        self.scratch.order = self.from_start.reached;
        self.scratch
    }

    fn layers(&self, end: End) -> &Layers {
        match end {
            End::Start => &self.from_start,
            End::Goal => &self.from_goal,
        }
    }

    fn layers_mut(&mut self, end: End) -> &mut Layers {
        match end {
            End::Start => &mut self.from_start,
            End::Goal => &mut self.from_goal,
        }
    }

    /// The deepest finished layer from `end`.
    fn depth(&self, end: End) -> u32 {
        self.layers(end).bounds.len().saturating_sub(2) as u32
    }

    fn layer(&self, end: End, depth: u32) -> &[u32] {
        let layers = self.layers(end);
        let at = depth as usize;
        match (layers.bounds.get(at), layers.bounds.get(at + 1)) {
            (Some(&from), Some(&to)) => layers.reached.get(from..to).unwrap_or_default(),
            _ => &[],
        }
    }

    fn word(&self, node: u32) -> Option<u32> {
        let n = node as usize;
        self.scratch
            .marks
            .contains(node)
            .then(|| self.scratch.via.get(n).copied())
            .flatten()
    }

    /// How far `node` is from `end`, if `end` reached it.
    fn distance(&self, end: End, node: u32) -> Option<u32> {
        self.word(node)
            .filter(|w| w & FROM_GOAL == end.tag())
            .map(|w| w & DISTANCE)
    }

    fn on_route(&self, node: u32) -> bool {
        self.word(node).is_some_and(|w| w & ON_ROUTE != 0)
    }

    fn mark_on_route(&mut self, node: u32) {
        if let Some(w) = self.scratch.via.get_mut(node as usize) {
            *w |= ON_ROUTE;
        }
    }

    /// Reaches `node` from `end` at `distance`, unless the search has reached it already.
    fn reach(&mut self, end: End, node: u32, distance: u32) {
        let n = node as usize;
        if let Some(word) = self.scratch.via.get_mut(n)
            && self.scratch.marks.insert(node)
        {
            *word = end.tag() | distance.min(DISTANCE);
            self.layers_mut(end).reached.push(node);
        }
    }

    /// The finished layer growing `end` would start from.
    fn frontier(&self, end: End) -> &[u32] {
        self.layer(end, self.depth(end))
    }

    /// Adds the next layer from `end`, or stops as soon as it meets the other end: then
    /// every entity where they meet is as far from the other end as that end has grown (one
    /// nearer would have met this end's last layer already), so the first meeting fixes the
    /// length of the shortest chains. Returns that length; the layer stays unfinished and
    /// uncounted.
    fn grow(&mut self, end: End, index: &WalkIndex) -> Option<u32> {
        let depth = self.depth(end);
        let layers = self.layers(end);
        let from = layers.bounds.get(depth as usize).copied().unwrap_or(0);
        for at in from..layers.reached.len() {
            let Some(&node) = self.layers(end).reached.get(at) else {
                break;
            };
            for next in neighbours(index, node) {
                match self.word(next) {
                    None => self.reach(end, next, depth + 1),
                    Some(w) if w & FROM_GOAL != end.tag() => {
                        return Some(depth + 1 + self.depth(end.other()));
                    }
                    Some(_) => {}
                }
            }
        }
        self.layers_mut(end).finish();
        None
    }
}

/// The steps of the chain [`Graph::explain`] answers, from `start` to `goal`.
fn route(index: &WalkIndex, search: &mut Search, start: u32, goal: u32) -> Option<Vec<StepKey>> {
    if start == goal {
        return Some(Vec::new());
    }
    // Grow the cheaper end until the two meet. An end that stops growing has reached all it
    // can without meeting the other: nothing connects them.
    let length = loop {
        let ends = [End::Start, End::Goal];
        if ends.iter().any(|&end| search.frontier(end).is_empty()) {
            return None;
        }
        let cheaper = if no_costlier(
            index,
            search.frontier(End::Start),
            search.frontier(End::Goal),
        ) {
            End::Start
        } else {
            End::Goal
        };
        if let Some(length) = search.grow(cheaper, index) {
            break length;
        }
    };
    // An entity `position` steps from the start is on a shortest chain when it is
    // `length - position` steps from the goal. From `known` on, the goal's finished layers
    // measure that; before it, mark the entities reached from the start that lead on to one
    // that is.
    let known = length.saturating_sub(search.depth(End::Goal));
    let on_route = |search: &Search, node: u32, position: u32| {
        if position >= known {
            search.distance(End::Goal, node) == Some(length - position)
        } else {
            search.on_route(node) && search.distance(End::Start, node) == Some(position)
        }
    };
    // The marks go back one layer at a time, from whichever side of each pair of layers is
    // cheaper to look at (counted as for growing): the start's layer, each entity asking
    // whether it leads on; or the entities found to be on a chain one step further, each
    // marking what leads to it. The first step back starts from the goal's last finished
    // layer: an entity next to one of those at `known - 1` is on a shortest chain.
    let mut further: Vec<u32> = search.frontier(End::Goal).to_vec();
    for position in (1..known).rev() {
        let layer = search.layer(End::Start, position);
        let mut leading: Vec<u32> = Vec::new();
        if no_costlier(index, layer, &further) {
            leading.extend(layer.iter().copied().filter(|&node| {
                neighbours(index, node).any(|next| on_route(search, next, position + 1))
            }));
            for &node in &leading {
                search.mark_on_route(node);
            }
        } else {
            // The mark doubles as the list's membership test: a hub's neighbours repeat.
            for &next in &further {
                for node in neighbours(index, next) {
                    if search.distance(End::Start, node) == Some(position) && !search.on_route(node)
                    {
                        search.mark_on_route(node);
                        leading.push(node);
                    }
                }
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
            best_step(index, at, |next| on_route(search, next, position))?
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

#[cfg(test)]
mod tests {
    use super::{ENTITY_COST, degree, no_costlier};
    use crate::{GraphBuilder, SyntheticSpec};
    use proptest::prelude::*;

    proptest! {
        /// `no_costlier` answers what summing both sides in full would, however many of
        /// the degrees it reads.
        #[test]
        fn no_costlier_compares_the_full_costs(
            seed: u64,
            a in prop::collection::vec(any::<prop::sample::Index>(), 0..40),
            b in prop::collection::vec(any::<prop::sample::Index>(), 0..40),
        ) {
            let graph = GraphBuilder::new()
                .layer(SyntheticSpec::new(300).seed(seed).generate())
                .build()
                .unwrap();
            let index = graph.walk_index();
            let nodes = |picks: &[prop::sample::Index]| -> Vec<u32> {
                picks.iter().map(|i| i.index(graph.entity_count()) as u32).collect()
            };
            let (a, b) = (nodes(&a), nodes(&b));
            let cost = |nodes: &[u32]| -> usize {
                nodes.iter().map(|&n| degree(index, n) + ENTITY_COST).sum()
            };
            prop_assert_eq!(no_costlier(index, &a, &b), cost(&a) <= cost(&b));
        }
    }
}
