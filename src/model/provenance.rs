//! Where a fact comes from: stated by a source document, or added as context from another
//! public source.

use serde::{Deserialize, Serialize};

use super::id::SectionRef;

/// The evidence for one fact.
///
/// In JSON a provenance is `{"stated": "2.1"}` or
/// `{"context": {"citation": "…", "url": "…"}}`.
///
/// # Example
/// ```
/// use gdc_map::{Provenance, SectionRef};
///
/// let p: Provenance = serde_json::from_str(r#"{"stated": "1/obj1"}"#)?;
/// assert_eq!(p, Provenance::Stated(SectionRef::new("1/obj1")?));
/// assert!(p.is_stated());
/// assert_eq!(p.to_string(), "§1/obj1");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Provenance {
    /// Stated by the section of a source document that the dataset declares.
    Stated(SectionRef),
    /// Not in the source document; added from another public source, cited. Boxed, since
    /// almost every piece of evidence is stated and this keeps each one two words.
    Context(Box<Citation>),
}

impl Provenance {
    /// Whether this is evidence from the source document itself.
    pub fn is_stated(&self) -> bool {
        matches!(self, Provenance::Stated(_))
    }

    /// The section cited, for stated evidence.
    pub fn section(&self) -> Option<&SectionRef> {
        match self {
            Provenance::Stated(s) => Some(s),
            Provenance::Context(_) => None,
        }
    }
}

impl std::fmt::Display for Provenance {
    /// `§2.1` for stated evidence, `context: <citation>` otherwise.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Provenance::Stated(s) => write!(f, "§{s}"),
            Provenance::Context(c) => write!(f, "context: {}", c.citation),
        }
    }
}

/// A citation of a public source other than the dataset's own document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// Who says so, in words a reader can look up: `"ITU WSIS Action Lines page"`.
    pub citation: String,
    /// Where, when there is an address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}
