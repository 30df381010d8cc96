//! A look at most two relations behind each of many targets at once, for the gap report: most
//! targets are settled by what stands right behind them (two initiatives, two organisations),
//! and reading that for a batch of targets together, a pass per depth, lets the processor
//! fetch many targets' relations at once. A walk from one target at a time waits on each
//! read before it knows where to read next.

use std::ops::Range;

use crate::graph::Incoming;
use crate::query::coverage::WalkRule;
use crate::query::parts::PartTree;

/// How many targets one look covers: enough reads in flight to keep memory busy, few enough
/// that what it read is still in cache when the targets are checked.
pub(crate) const BATCH: usize = 64;

/// The most initiatives and organisations a look counts for one target; a policy that asks
/// for more leaves every target to its walk.
pub(crate) const MOST_COUNTED: usize = 8;

/// How many of a target's own supporters a look reads the supporters of.
const FIRST_SUPPORTERS: usize = 2;

/// How many relations into a target, or into one of its first supporters, a look reads:
/// an objective has tens of thousands, and the look is meant to be short.
const MOST_ARCS: usize = 8;

/// How many initiatives and organisations must stand behind a target before the checks that
/// count them can tell it has no finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Needs {
    pub(crate) initiatives: usize,
    pub(crate) organisations: usize,
}

/// What a look found behind one target: distinct initiatives and organisations, each counted
/// only up to what the target needs.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Nearby {
    counted: [u32; MOST_COUNTED],
    len: usize,
    pub(crate) initiatives: usize,
    /// Distinct organisations, each counted as [`NodeKinds::organisation_key`] gives.
    pub(crate) organisations: usize,
    /// The first organisation counted, as counted.
    pub(crate) first_organisation: Option<u32>,
    /// Whether anything points at the target by a relation the walk crosses (never the
    /// target itself: a relation from an entity to itself is refused when data is loaded).
    reached: bool,
}

impl Nearby {
    /// Whether what the look found is all the target's checks need: a walk would stop here.
    pub(crate) fn settles(&self, needs: Needs) -> bool {
        self.reached
            && self.initiatives >= needs.initiatives
            && self.organisations >= needs.organisations
    }

    /// Whether anything points at the target by a relation the walk crosses: when not, the
    /// target is uncovered.
    pub(crate) fn is_reached(&self) -> bool {
        self.reached
    }

    fn count(&mut self, node: u32, needs: Needs, kinds: &NodeKinds<'_>) {
        let is_organisation = kinds.organisations.contains(&node);
        let key = if is_organisation {
            kinds.organisation_key(node)
        } else {
            node
        };
        let counted = self.counted.get(..self.len).unwrap_or_default();
        if counted.contains(&key) {
            return;
        }
        let is_initiative = kinds.initiatives.contains(&node);
        let wanted = if is_initiative {
            self.initiatives < needs.initiatives
        } else {
            is_organisation && self.organisations < needs.organisations
        };
        let Some(slot) = self.counted.get_mut(self.len).filter(|_| wanted) else {
            return;
        };
        *slot = key;
        self.len += 1;
        if is_initiative {
            self.initiatives += 1;
        } else {
            self.organisations += 1;
            self.first_organisation.get_or_insert(key);
        }
    }
}

/// The node ranges of the kinds a look counts (nodes are numbered kind by kind), and what
/// an organisation is counted as.
pub(crate) struct NodeKinds<'a> {
    pub(crate) initiatives: Range<u32>,
    pub(crate) organisations: Range<u32>,
    /// The organisations' wholes and parts: each is counted as its top, the whole it stands
    /// or falls with; `None` when each counts as itself.
    pub(crate) parts: Option<&'a PartTree>,
}

impl NodeKinds<'_> {
    /// The organisation `node`, an organisation, is counted as.
    pub(crate) fn organisation_key(&self, node: u32) -> u32 {
        self.parts.map_or(node, |p| p.top(node))
    }
}

/// Scratch for [`Look::run`], kept across batches.
#[derive(Debug, Default)]
pub(crate) struct Look {
    /// Per target of the batch, what was found.
    pub(crate) found: Vec<Nearby>,
    /// The first supporters to read behind: (the target's place in the batch, node).
    supporters: Vec<(usize, u32)>,
    /// Their runs of arcs, read in a pass of their own.
    runs: Vec<Range<usize>>,
}

impl Look {
    /// Looks behind each of `targets` (at most [`BATCH`]): the relations into the target,
    /// then the relations into its first few supporters, each depth a pass over the whole
    /// batch whose reads do not wait on one another. `needs` gives each target's needs.
    pub(crate) fn run(
        &mut self,
        incoming: &Incoming,
        rule: WalkRule,
        targets: &[u32],
        needs: impl Fn(u32) -> Needs,
        kinds: &NodeKinds<'_>,
    ) {
        let stored = incoming.stored();
        self.found.clear();
        self.found.resize(targets.len(), Nearby::default());
        self.supporters.clear();
        for ((place, &target), found) in targets.iter().enumerate().zip(&mut self.found) {
            let need = needs(target);
            let run = stored
                .get(incoming.positions(target as usize))
                .unwrap_or_default();
            let crossed = run.iter().filter(|a| rule.crosses(a.flags()));
            for (i, arc) in crossed.take(MOST_ARCS).enumerate() {
                found.reached = true;
                found.count(arc.other(), need, kinds);
                if i < FIRST_SUPPORTERS && rule.is_transitive() {
                    self.supporters.push((place, arc.other()));
                }
                if found.initiatives >= need.initiatives && i + 1 >= FIRST_SUPPORTERS {
                    break;
                }
            }
        }
        self.runs.clear();
        self.runs
            .extend((self.supporters.iter()).map(|&(_, node)| incoming.positions(node as usize)));
        // Every run's first line, in a loop that branches on nothing it reads, so that the
        // reads are all under way together; the pass below then finds them in cache.
        let touched = (self.runs.iter()).fold(0u8, |acc, run| {
            acc ^ stored.get(run.start).map_or(0, |a| a.flags())
        });
        std::hint::black_box(touched);
        for (&(place, _), run) in self.supporters.iter().zip(&self.runs) {
            let (Some(&target), Some(found)) = (targets.get(place), self.found.get_mut(place))
            else {
                continue;
            };
            let need = needs(target);
            if found.settles(need) {
                continue;
            }
            let run = stored.get(run.clone()).unwrap_or_default();
            let crossed = run.iter().filter(|a| rule.crosses(a.flags()));
            for arc in crossed.take(MOST_ARCS) {
                found.count(arc.other(), need, kinds);
                if found.settles(need) {
                    break;
                }
            }
        }
    }
}
