//! Integration tests, built as one binary: the public API only.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "a test fails by panicking"
)]

mod common;
mod coverage;
mod embedded;
mod examples;
mod export;
mod gaps;
mod json;
mod layering;
mod regressions;
mod schema;
mod stated;
mod synthetic;
mod threads;
mod validation;
