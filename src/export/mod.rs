//! One-way renderings of a graph and its query results for people and tools. Nothing here
//! parses; what is written may leave information out, unlike the JSON format.

pub(crate) mod matrix;
pub(crate) mod report;
pub(crate) mod table;
