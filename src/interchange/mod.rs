//! The lossless, versioned interchange format: JSON, the same for the embedded dataset and for
//! user files.

pub(crate) mod json;
