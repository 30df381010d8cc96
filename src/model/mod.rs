//! The vocabulary of the crate: plain data types, no graph and no I/O.

pub(crate) mod date;
pub(crate) mod entity;
pub(crate) mod exact;
pub(crate) mod id;
pub(crate) mod provenance;
pub(crate) mod relation;
pub(crate) mod text;
pub(crate) mod vocabulary;
pub(crate) mod whole;
