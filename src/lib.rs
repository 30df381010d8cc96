//! gdc-map models how the UN's **Global Digital Compact** (GDC) is being implemented — its five
//! objectives, the agencies and partners involved, their initiatives, working groups, events and
//! Pact for the Future actions — as a typed, validated relationship graph, and answers
//! **coverage** questions (who and what supports each objective, and through which path) and
//! **gap-analysis** questions (which objectives or commitments are thin, depend on one
//! organisation, or have nothing behind them), with the evidence for every answer.
//!
//! It ships, embedded, the facts of ITU's 2025 Council document on its GDC action plan, each
//! relation citing the section that states it. Load your own data on top of it.
//!
//! ```
//! use gdc_map::{CoverageOptions, EntityKind, Graph, Objective};
//!
//! let graph = Graph::embedded();
//! let coverage = graph
//!     .coverage(&Objective::AiGovernance.into(), &CoverageOptions::default())
//!     .expect("objectives are always in the graph");
//! for entry in coverage.of_kind(EntityKind::Initiative) {
//!     let sections: Vec<String> = entry.sections().iter().map(|s| format!("§{s}")).collect();
//!     println!("{} ({})", graph.name_of(&entry.entity), sections.join(", "));
//! }
//! let wsc = coverage.entry(&"initiative:wsc".parse()?).expect("the WSC supports objective 5");
//! assert!(wsc.is_direct());
//! # Ok::<(), gdc_map::IdError>(())
//! ```
//!
//! # Overview
//!
//! - [`Objective`], [`Sdg`], [`ActionLine`] and [`PactChapter`] are the built-in reference
//!   vocabularies: every graph holds them, and relations name them directly (`objective:1`,
//!   `sdg:9`, `wsis:C5`, `chapter:3`).
//! - [`Organisation`], [`Initiative`], [`Body`], [`Event`], [`Document`], [`Commitment`] and
//!   [`PactAction`] are the records a dataset declares, each with its own validated id type
//!   ([`OrganisationId`], [`InitiativeId`], …). [`EntityId`] names any of them with a kind prefix
//!   (`org:itu`, `initiative:giga`, `body:wgdt`, `action:27(c)`).
//! - A [`Relation`] points from a subject to an object with a [`RelationKind`]
//!   (`org:itu co-chairs body:wgdt`), and carries its evidence, a [`ProvenanceList`] of
//!   [`Provenance`]: the section of the source that states it, or a cited context source.
//! - A [`Dataset`] is the unit of load and save: plain lists, read from and written to JSON.
//!   [`GraphBuilder`] validates one or more datasets together and returns a complete [`Graph`] or
//!   a [`ValidationReport`] listing every [`Issue`] — never half a graph.
//! - [`Graph`] answers lookups by id (and by name, [`Graph::find_by_name`]), relations in
//!   either direction, and the queries:
//!   [`Graph::coverage`] and [`Graph::coverage_summary`] (who and what supports a target, and
//!   through which path), [`Graph::covered_by`] (the same read from the supporter's side: every
//!   target an entity covers), [`Graph::coverage_matrix`], [`Graph::gaps`] (uncovered and thin
//!   targets, single points of failure, context-only support, orphans, bodies with no lead),
//!   [`Graph::explain`] (the shortest evidence chain between two entities),
//!   [`Graph::timeline`], and [`Graph::stated_in`] and [`Graph::sections_about`] (everything a
//!   section of the source states; the sections that speak of an entity).
//! - [`SyntheticSpec`] generates seeded datasets of any size for benchmarks.
//!
//! # How the pieces fit
//!
//! ```text
//! load:  embedded JSON / your JSON ─▶ Dataset ─▶ GraphBuilder (validate) ─▶ Graph
//! ask:   Graph ─▶ coverage / gaps / explain ─▶ reports (owned, sorted, serde) ─▶ export
//! save:  Graph ─▶ to_dataset / to_json / write_json ─▶ JSON   (loads back to an equal Graph)
//! ```
//!
//! Relations read from subject to object (`from` → `to`); each [`RelationKind`] documents its
//! direction and which entity kinds it may join. Queries document which way they walk. Their
//! answers print as plain text with `{}` ([`Coverage`], [`CoverageSummary`], [`GapReport`],
//! [`Explanation`], [`CoverageMatrix`], [`DatedEntry`], …), a line for each fact with its
//! evidence. Free text printed on such a line (a name, a note, a citation) writes any control
//! character as its escape (`\n`), so a line break copied into a label cannot split the line;
//! the data itself keeps the text as it was given.
//!
//! # Examples
//!
//! ### Who co-chairs the WGDT, and where does the source say so?
//!
//! ```
//! use gdc_map::{Direction, Graph, RelationKind};
//!
//! let graph = Graph::embedded();
//! for r in graph.relations_of(&"body:wgdt".parse()?, Direction::Incoming) {
//!     if r.kind == RelationKind::CoChairs {
//!         let cited: Vec<String> = r.provenance.iter().map(ToString::to_string).collect();
//!         println!("{} ({})", graph.name_of(&r.from), cited.join(", "));
//!     }
//! }
//! # Ok::<(), gdc_map::IdError>(())
//! ```
//!
//! ### Load your own data on top of the embedded dataset
//!
//! ```
//! use gdc_map::{Dataset, Error, Graph};
//!
//! let mine = Dataset::from_json(r#"{
//!   "schema_version": 1,
//!   "commitments": [{"id": "connect-all-schools", "kind": "target",
//!     "label": {"en": "Connect every school to the Internet by 2030"},
//!     "provenance": [{"context": {"citation": "GDC objective 1 commitments"}}]}],
//!   "relations": [{"from": "initiative:giga", "kind": "supports",
//!     "to": "commitment:connect-all-schools",
//!     "provenance": [{"context": {"citation": "Giga mission statement"}}]}]
//! }"#)?;
//! let graph = Graph::embedded().layered(mine)?;
//! assert!(graph.commitment(&"connect-all-schools".parse()?).is_some());
//!
//! // A bad layer is refused whole, with every problem named; the embedded graph is untouched.
//! let bad = Dataset::from_json(r#"{"schema_version": 1, "relations": [
//!   {"from": "org:nobody", "kind": "supports", "to": "objective:1",
//!    "provenance": [{"stated": "9.9"}]}]}"#)?;
//! let Err(Error::Invalid(report)) = Graph::embedded().layered(bad) else { unreachable!() };
//! assert_eq!(report.len(), 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! To edit a large graph a layer at a time, [`Graph::add_layer`] lays each one in place: a
//! small layer is checked against the graph for what it could break, and nothing is copied.
//!
//! # The JSON format
//!
//! One format serves the embedded dataset and your files: an object with `schema_version`
//! (always `1`; any other version is refused with [`Error::UnsupportedSchema`]) and optional
//! lists `sources`, `sections`, `organisations`, `initiatives`, `bodies`, `events`,
//! `documents`, `commitments`, `pact_actions` and `relations`. Unknown fields are refused, not
//! dropped. [`JSON_SCHEMA`] is its JSON Schema for other tools. A complete small file:
//!
//! ```
//! let file = r#"{
//!   "schema_version": 1,
//!   "sources": [{"id": "my-review", "title": "Our 2026 review", "version": "1", "language": "en"}],
//!   "sections": [{"ref": "3.2", "source": "my-review", "title": "Connectivity"}],
//!   "organisations": [{
//!     "id": "acme", "kind": "non-governmental",
//!     "label": {"en": "ACME Foundation", "zh": "ACME基金会", "short": "ACME"},
//!     "place": "Geneva",
//!     "dates": [{"kind": "established", "date": "2019-05", "provenance": [{"stated": "3.2"}]}],
//!     "notes": ["Anything a reader should know."],
//!     "provenance": [{"stated": "3.2"}]
//!   }],
//!   "initiatives": [{
//!     "id": "school-links", "kind": "programme", "label": {"en": "School Links"},
//!     "figures": [{"measure": "schools-connected", "value": {"type": "count", "value": 1200, "bound": "more-than"},
//!                  "provenance": [{"stated": "3.2"}]}],
//!     "provenance": [{"stated": "3.2"}]
//!   }],
//!   "relations": [
//!     {"from": "org:acme", "kind": "leads", "to": "initiative:school-links", "provenance": [{"stated": "3.2"}]},
//!     {"from": "initiative:school-links", "kind": "supports", "to": "objective:1", "since": "2025",
//!      "provenance": [{"stated": "3.2"}, {"context": {"citation": "ACME annual report", "url": "https://example.org"}}]}
//!   ]
//! }"#;
//! let graph = gdc_map::Graph::from_json(file)?;
//! assert_eq!(gdc_map::Graph::from_json(&graph.to_json())?, graph);
//! # Ok::<(), gdc_map::Error>(())
//! ```
//!
//! # Exports
//!
//! [`export`] renders a graph for other tools — Graphviz DOT, GraphML, RDF Turtle, CSV and an
//! SVG heatmap — and as the plain-text report ([`text_report`]). The graph formats, the CSV
//! tables, the report and JSON also stream to any [`std::io::Write`]
//! (`export::write_turtle(&graph, file)`, [`write_text_report`], [`Graph::write_json`]), for
//! graphs whose documents run to gigabytes.
//!
//! # The embedded dataset
//!
//! [`Graph::embedded`] holds every statement of the source document — ITU's 2025 Council
//! information document updating its action plan in support of the GDC ([`SOURCE_DOCUMENT`]) —
//! restated in English, each relation citing its section (`header`, `intro`, `1`, `1/obj1` …
//! `1/obj5`, `1/annex`, `2`, `2.1` … `2.4`). Facts from other public sources (WSIS action-line
//! facilitators, the GDC's adoption date, founding dates) are labelled
//! [`Provenance::Context`] with their citation. Where the source is ambiguous — the "WGO" it lists
//! among UN agencies, the opening of section 1 that names only objectives 1 and 3 — the data keeps
//! what it says and records the ambiguity in a note.
//!
//! [`DATASET_VERSION`] and [`DATASET_CONTENT_HASH`] identify the data an answer came from.
//!
//! # Crate features
//!
//! None: everything is always built.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

// Rooms, in dependency order: each imports only from rooms above it.
//   model → error → dataset → interchange → embedded → validate → graph → layering → builder
//   → query → export
// (`permute`, reordering in place, serves the builder and the gap report; `ranks`, finding
// ids in a sorted list, the builder and the text report.)
mod permute;

mod model;

mod ranks;

mod error;

mod dataset;

mod interchange;

mod embedded;

mod validate;

mod synthetic;

mod graph;

mod layering;

mod builder;

mod query;

pub mod export;

pub use builder::GraphBuilder;
pub use dataset::{Dataset, SchemaVersion};
pub use embedded::{DATASET_CONTENT_HASH, DATASET_VERSION, SOURCE_DOCUMENT};
pub use error::validation::{Issue, Location, RecordList, ValidationReport};
pub use error::{Error, JsonErrorKind, Result};
pub use export::{text_report, write_text_report};
pub use graph::view::EntityRef;
pub use graph::{Direction, Graph};
pub use interchange::JSON_SCHEMA;
pub use interchange::json::Limits;
pub use model::date::PartialDate;
pub use model::entity::{
    Body, BodyKind, Bound, Commitment, CommitmentKind, DateFact, DateKind, Document, DocumentKind,
    Event, EventKind, Figure, FigureValue, Initiative, InitiativeKind, Label, Organisation,
    OrganisationKind, PactAction, Record, Section, Source,
};
pub use model::id::{
    BodyId, CommitmentId, DocumentId, EntityId, EntityKind, EventId, IdError, InitiativeId,
    MAX_ID_LEN, OrganisationId, PactActionId, SectionRef, SourceId,
};
pub use model::provenance::{Citation, Provenance, ProvenanceList};
pub use model::relation::{Relation, RelationKind};
pub use model::vocabulary::{ActionLine, Objective, PactChapter, Sdg};
pub use query::coverage::{Coverage, CoverageEntry, CoverageOptions, CoverageSummary, Evidence};
pub use query::covered_by::{CoveredBy, CoveredTarget};
pub use query::path::{Iter as RelationPathIter, RelationPath};

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
pub use query::explain::{Explanation, Step};
pub use query::gaps::{Finding, FindingKind, GapPolicy, GapReport};
pub use query::matrix::{CoverageMatrix, Involvement, MatrixCell};
pub use query::stated::{FigureEntry, SectionStatements};
pub use query::time::DatedEntry;
pub use synthetic::SyntheticSpec;

// Every type a caller may hold or share is `Send + Sync`; this fails to compile otherwise.
const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Graph>();
    assert_send_sync::<Dataset>();
    assert_send_sync::<GraphBuilder>();
    assert_send_sync::<Coverage>();
    assert_send_sync::<RelationPath>();
    assert_send_sync::<CoverageMatrix>();
    assert_send_sync::<GapReport>();
    assert_send_sync::<Explanation>();
    assert_send_sync::<SectionStatements>();
    assert_send_sync::<Error>();
    assert_send_sync::<ValidationReport>();
    assert_send_sync::<IdError>();
    assert_send_sync::<EntityRef<'static>>();
};
