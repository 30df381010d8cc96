//! Where a fact comes from: stated by a source document, or added as context from another
//! public source.

use serde::{Deserialize, Serialize};

use super::id::SectionRef;
use super::text::OneLine;

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
#[serde(
    rename_all = "kebab-case",
    deny_unknown_fields,
    expecting = "a piece of provenance, `{\"stated\": …}` or `{\"context\": …}`"
)]
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
            Provenance::Context(c) => write!(f, "context: {}", OneLine(&c.citation)),
        }
    }
}

/// A citation of a public source other than the dataset's own document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a citation")]
pub struct Citation {
    /// Who says so, in words a reader can look up: `"ITU WSIS Action Lines page"`.
    pub citation: String,
    /// Where, when there is an address: an absolute one, with its scheme (`https://…`,
    /// `doi:…`); the builder refuses one without, or with spaces
    /// ([`Issue::MalformedUrl`](crate::Issue::MalformedUrl)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The evidence for one record or relation: a list of [`Provenance`], in the order given.
///
/// Reads as a slice (`list.iter()`, `list.len()`, `&list[0]`) and is written in JSON as an
/// array. It keeps a single piece of evidence, by far the most common case, inline: a
/// million relations each citing one section cost no allocation for their evidence. Two
/// words: a relation or record carries one whatever it cites, and at a million relations
/// every word of a relation is 8 MB to fill and to read.
///
/// # Example
/// ```
/// use gdc_map::{Provenance, ProvenanceList, SectionRef};
///
/// let mut list = ProvenanceList::from(Provenance::Stated(SectionRef::new("2.1")?));
/// list.push(Provenance::Stated(SectionRef::new("3")?));
/// assert_eq!(list.len(), 2);
/// assert!(list.iter().all(Provenance::is_stated));
/// assert_eq!(list.to_string(), "§2.1; §3");
/// assert_eq!(serde_json::to_string(&list)?, r#"[{"stated":"2.1"},{"stated":"3"}]"#);
/// assert_eq!(serde_json::from_str::<ProvenanceList>(r#"[{"stated":"2.1"},{"stated":"3"}]"#)?, list);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Default)]
pub struct ProvenanceList(Pieces);

/// `None` exactly when empty and `One` when there is one piece, so that equal lists have
/// equal representations. `Many` is boxed so that the list is as small as one piece.
#[derive(Clone, Default)]
enum Pieces {
    #[default]
    None,
    One(Provenance),
    #[expect(
        clippy::box_collection,
        reason = "a thin pointer: the list stays two words, where a `Vec` or a boxed slice \
                  would make it three; lists of two or more pieces are rare"
    )]
    Many(Box<Vec<Provenance>>),
}

impl ProvenanceList {
    /// An empty list. Validation refuses a record or relation whose list is empty.
    pub fn new() -> Self {
        ProvenanceList::default()
    }

    /// Adds a piece of evidence at the end.
    pub fn push(&mut self, piece: Provenance) {
        self.0 = match std::mem::take(&mut self.0) {
            Pieces::Many(mut pieces) => {
                pieces.push(piece);
                Pieces::Many(pieces)
            }
            Pieces::None => Pieces::One(piece),
            Pieces::One(first) => Pieces::Many(Box::new(vec![first, piece])),
        };
    }

    /// The evidence as a slice.
    pub fn as_slice(&self) -> &[Provenance] {
        match &self.0 {
            Pieces::None => &[],
            Pieces::One(piece) => std::slice::from_ref(piece),
            Pieces::Many(pieces) => pieces,
        }
    }

    /// The evidence as a mutable slice: its pieces can be changed or reordered, not added.
    pub fn as_mut_slice(&mut self) -> &mut [Provenance] {
        match &mut self.0 {
            Pieces::None => &mut [],
            Pieces::One(piece) => std::slice::from_mut(piece),
            Pieces::Many(pieces) => pieces,
        }
    }

    /// Removes every piece of evidence.
    pub fn clear(&mut self) {
        self.0 = Pieces::default();
    }

    /// The evidence as a vector.
    pub fn into_vec(self) -> Vec<Provenance> {
        match self.0 {
            Pieces::None => Vec::new(),
            Pieces::One(piece) => vec![piece],
            Pieces::Many(pieces) => *pieces,
        }
    }
}

impl std::ops::Deref for ProvenanceList {
    type Target = [Provenance];
    fn deref(&self) -> &[Provenance] {
        self.as_slice()
    }
}

impl std::ops::DerefMut for ProvenanceList {
    fn deref_mut(&mut self) -> &mut [Provenance] {
        self.as_mut_slice()
    }
}

impl AsRef<[Provenance]> for ProvenanceList {
    fn as_ref(&self) -> &[Provenance] {
        self.as_slice()
    }
}

impl std::fmt::Debug for ProvenanceList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for ProvenanceList {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for ProvenanceList {}

impl PartialOrd for ProvenanceList {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ProvenanceList {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_slice().cmp(other.as_slice())
    }
}

impl std::hash::Hash for ProvenanceList {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_slice().hash(state);
    }
}

impl From<Provenance> for ProvenanceList {
    fn from(piece: Provenance) -> Self {
        ProvenanceList(Pieces::One(piece))
    }
}

impl From<Vec<Provenance>> for ProvenanceList {
    fn from(mut pieces: Vec<Provenance>) -> Self {
        match pieces.len() {
            0 => ProvenanceList::new(),
            1 => pieces.pop().map(ProvenanceList::from).unwrap_or_default(),
            _ => ProvenanceList(Pieces::Many(Box::new(pieces))),
        }
    }
}

impl<const N: usize> From<[Provenance; N]> for ProvenanceList {
    fn from(pieces: [Provenance; N]) -> Self {
        pieces.into_iter().collect()
    }
}

impl From<ProvenanceList> for Vec<Provenance> {
    fn from(list: ProvenanceList) -> Self {
        list.into_vec()
    }
}

impl FromIterator<Provenance> for ProvenanceList {
    fn from_iter<I: IntoIterator<Item = Provenance>>(pieces: I) -> Self {
        let mut list = ProvenanceList::new();
        list.extend(pieces);
        list
    }
}

impl Extend<Provenance> for ProvenanceList {
    fn extend<I: IntoIterator<Item = Provenance>>(&mut self, pieces: I) {
        for piece in pieces {
            self.push(piece);
        }
    }
}

impl IntoIterator for ProvenanceList {
    type Item = Provenance;
    type IntoIter = std::vec::IntoIter<Provenance>;
    fn into_iter(self) -> Self::IntoIter {
        self.into_vec().into_iter()
    }
}

impl<'a> IntoIterator for &'a ProvenanceList {
    type Item = &'a Provenance;
    type IntoIter = std::slice::Iter<'a, Provenance>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// The pieces in order, separated by `; `: `§2.1; context: ITU WSIS Action Lines page`.
impl std::fmt::Display for ProvenanceList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, p) in self.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl Serialize for ProvenanceList {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.as_slice().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for ProvenanceList {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = ProvenanceList;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list of provenance")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<ProvenanceList, A::Error> {
                // One piece is read without allocating; only a second one starts a vector.
                let Some(first) = seq.next_element()? else {
                    return Ok(ProvenanceList::new());
                };
                let Some(second) = seq.next_element()? else {
                    return Ok(ProvenanceList::from(first));
                };
                let mut pieces = vec![first, second];
                while let Some(piece) = seq.next_element()? {
                    pieces.push(piece);
                }
                pieces.shrink_to_fit();
                Ok(ProvenanceList(Pieces::Many(Box::new(pieces))))
            }
        }
        deserializer.deserialize_seq(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::{Provenance, ProvenanceList};
    use crate::model::id::SectionRef;

    /// The point of the type: one piece of evidence costs no more than the list itself,
    /// two words, the size of one piece.
    #[test]
    fn a_list_is_two_words_the_size_of_one_piece() {
        assert_eq!(
            std::mem::size_of::<ProvenanceList>(),
            2 * std::mem::size_of::<usize>()
        );
        assert_eq!(
            std::mem::size_of::<ProvenanceList>(),
            std::mem::size_of::<Provenance>()
        );
    }

    #[test]
    fn equal_lists_are_equal_however_built() {
        let p = |s: &str| Provenance::Stated(SectionRef::new(s).unwrap());
        let mut pushed = ProvenanceList::new();
        pushed.push(p("1"));
        assert_eq!(pushed, ProvenanceList::from(vec![p("1")]));
        assert_eq!(pushed, [p("1")].into());
        pushed.push(p("2"));
        assert_eq!(pushed, ProvenanceList::from_iter([p("1"), p("2")]));
        assert_eq!(pushed.clone().into_vec(), vec![p("1"), p("2")]);
        assert_ne!(pushed, ProvenanceList::from(p("1")));
        assert_eq!(ProvenanceList::from(Vec::new()), ProvenanceList::new());
    }

    fn piece() -> impl proptest::strategy::Strategy<Value = Provenance> {
        use proptest::prelude::*;
        prop_oneof![
            "[a-z0-9]{1,4}".prop_map(|s| Provenance::Stated(SectionRef::new(&s).unwrap())),
            "[a-z ]{0,6}".prop_map(|c| Provenance::Context(Box::new(super::Citation {
                citation: c,
                url: None,
            }))),
        ]
    }

    proptest::proptest! {
        /// However a list is built, it holds the same pieces as the vector it was built
        /// from, orders like that vector, and reads back from JSON as itself.
        #[test]
        fn a_list_behaves_as_its_vector(
            a in proptest::collection::vec(piece(), 0..5),
            b in proptest::collection::vec(piece(), 0..5),
        ) {
            let mut pushed = ProvenanceList::new();
            for p in &a {
                pushed.push(p.clone());
            }
            let list = ProvenanceList::from(a.clone());
            proptest::prop_assert_eq!(&pushed, &list);
            proptest::prop_assert_eq!(list.as_slice(), a.as_slice());
            proptest::prop_assert_eq!(list.clone().into_vec(), a.clone());
            let other = ProvenanceList::from(b.clone());
            proptest::prop_assert_eq!(list.cmp(&other), a.cmp(&b));
            proptest::prop_assert_eq!(list == other, a == b);
            let json = serde_json::to_string(&list).unwrap();
            proptest::prop_assert_eq!(&json, &serde_json::to_string(&a).unwrap());
            proptest::prop_assert_eq!(serde_json::from_str::<ProvenanceList>(&json).unwrap(), list);
        }
    }
}
