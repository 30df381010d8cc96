//! The questions analysts ask of a graph: coverage, gaps, explanations and time. Each query is
//! a method on [`Graph`](crate::Graph) and returns an owned, sorted, serialisable report.

pub(crate) mod coverage;
