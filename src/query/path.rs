//! The chain of relations by which an entity covers a target.

use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::relation::Relation;

/// A chain of relations, first step first: in a [`CoverageEntry`](crate::CoverageEntry), the
/// chain from the covering entity to the target.
///
/// A chain shares its tail with the chains of the entities it passes through: an entity ten
/// steps from the target holds one relation and a pointer to the chain of the next entity,
/// not ten relations. A coverage report therefore takes memory in proportion to the entities
/// it lists, however deep the hierarchy they sit in (a hierarchy 10,000 bodies deep would
/// otherwise need 50 million copied relations). Reading a chain, comparing two, or writing one
/// to JSON gives every relation in order, as a list would, so what is written out is as long
/// as the chains are: the JSON of that coverage would still spell out 50 million relations.
///
/// # Example
/// ```
/// use gdc_map::{CoverageOptions, Graph, Objective};
///
/// let graph = Graph::embedded();
/// let coverage = graph.coverage(&Objective::DigitalDivides.into(), &CoverageOptions::default())
///     .expect("objectives are always in the graph");
/// let unicef = coverage.entry(&"org:unicef".parse()?).expect("UNICEF covers objective 1");
/// let path = &unicef.path;
/// assert_eq!(path.len(), 2);
/// assert_eq!(path.first().map(|r| r.to.to_string()), Some("initiative:giga".to_owned()));
/// assert_eq!(path.last().map(|r| r.to.to_string()), Some("objective:1".to_owned()));
/// // As JSON, a list of relations.
/// let json = serde_json::to_value(path).unwrap();
/// assert_eq!(json.as_array().map(Vec::len), Some(2));
/// # Ok::<(), gdc_map::IdError>(())
/// ```
#[derive(Clone, Default)]
pub struct RelationPath(Option<Arc<Link>>);

struct Link {
    relation: Relation,
    rest: RelationPath,
    len: usize,
}

impl RelationPath {
    /// The empty chain.
    pub fn new() -> RelationPath {
        RelationPath(None)
    }

    /// This chain with `relation` put in front of it, sharing this chain.
    #[must_use]
    pub fn prepend(&self, relation: Relation) -> RelationPath {
        RelationPath(Some(Arc::new(Link {
            relation,
            rest: self.clone(),
            len: self.len() + 1,
        })))
    }

    /// How many relations the chain has.
    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |link| link.len)
    }

    /// Whether the chain has no relation.
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    /// The first relation.
    pub fn first(&self) -> Option<&Relation> {
        self.0.as_ref().map(|link| &link.relation)
    }

    /// The last relation. Takes time in proportion to the chain's length.
    pub fn last(&self) -> Option<&Relation> {
        self.iter().last()
    }

    /// The relation at `index` (0 is the first). Takes time in proportion to `index`.
    pub fn get(&self, index: usize) -> Option<&Relation> {
        self.iter().nth(index)
    }

    /// The relations in order, first step first.
    pub fn iter(&self) -> Iter<'_> {
        Iter(self.0.as_deref())
    }

    /// The relations as a vector, in order.
    pub fn to_vec(&self) -> Vec<Relation> {
        self.iter().cloned().collect()
    }
}

/// The relations of a [`RelationPath`], in order.
#[derive(Clone)]
pub struct Iter<'a>(Option<&'a Link>);

impl std::fmt::Debug for Iter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Iter")
            .field("remaining", &self.len())
            .finish()
    }
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a Relation;

    fn next(&mut self) -> Option<&'a Relation> {
        let link = self.0?;
        self.0 = link.rest.0.as_deref();
        Some(&link.relation)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let len = self.0.map_or(0, |link| link.len);
        (len, Some(len))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl std::iter::FusedIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a RelationPath {
    type Item = &'a Relation;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl FromIterator<Relation> for RelationPath {
    fn from_iter<I: IntoIterator<Item = Relation>>(relations: I) -> RelationPath {
        let relations: Vec<Relation> = relations.into_iter().collect();
        relations
            .into_iter()
            .rev()
            .fold(RelationPath::new(), |rest, relation| rest.prepend(relation))
    }
}

impl From<Vec<Relation>> for RelationPath {
    fn from(relations: Vec<Relation>) -> RelationPath {
        relations.into_iter().collect()
    }
}

impl PartialEq for RelationPath {
    fn eq(&self, other: &Self) -> bool {
        let shared = match (&self.0, &other.0) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        shared || (self.len() == other.len() && self.iter().eq(other.iter()))
    }
}

impl Eq for RelationPath {}

impl std::fmt::Debug for RelationPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// How many relations of a chain [`RelationPath`]'s `Display` writes out: enough for any
/// chain a reader follows by eye, few enough that printing every chain of a hierarchy tens of
/// thousands of levels deep takes time and text in proportion to its entities, not to the
/// square of its depth.
pub(crate) const SHOWN_RELATIONS: usize = 12;

/// The chain read as a sentence, each entity named once where one relation ends at the next
/// one's start: `org:unicef partners-in initiative:giga supports objective:1`. Where a
/// relation does not start at the end of the one before (a chain put together by hand), it
/// is written whole after `; `. A chain of more than twelve relations is written up to the
/// twelfth, then `, then N more relations`. An empty chain writes nothing.
///
/// # Example
/// ```
/// use gdc_map::{CoverageOptions, Graph, Objective};
///
/// let coverage = Graph::embedded()
///     .coverage(&Objective::DigitalDivides.into(), &CoverageOptions::default())
///     .expect("objectives are always in the graph");
/// let unicef = coverage.entry(&"org:unicef".parse()?).expect("UNICEF covers objective 1");
/// assert_eq!(
///     unicef.path.to_string(),
///     "org:unicef partners-in initiative:giga supports objective:1"
/// );
/// # Ok::<(), gdc_map::IdError>(())
/// ```
impl std::fmt::Display for RelationPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut end = None;
        for r in self.iter().take(SHOWN_RELATIONS) {
            if end != Some(&r.from) {
                if end.is_some() {
                    f.write_str("; ")?;
                }
                write!(f, "{}", r.from)?;
            }
            write!(f, " {} {}", r.kind, r.to)?;
            end = Some(&r.to);
        }
        match self.len().saturating_sub(SHOWN_RELATIONS) {
            0 => Ok(()),
            1 => f.write_str(", then 1 more relation"),
            n => write!(f, ", then {n} more relations"),
        }
    }
}

impl Drop for RelationPath {
    /// Lets go of the chain a link at a time: dropping a chain 100,000 relations long link
    /// by nested link would overflow the stack.
    fn drop(&mut self) {
        let mut next = self.0.take();
        while let Some(link) = next {
            next = match Arc::into_inner(link) {
                Some(mut only_owner) => only_owner.rest.0.take(),
                // Someone else still holds the rest of the chain.
                None => None,
            };
        }
    }
}

impl Serialize for RelationPath {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for RelationPath {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<Relation>::deserialize(deserializer).map(RelationPath::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::id::EntityId;
    use crate::model::relation::RelationKind;
    use crate::{BodyId, Provenance, SectionRef};

    fn subgroup(i: usize) -> Relation {
        let body = |i: usize| EntityId::Body(BodyId::new(&format!("b{i}")).unwrap());
        Relation::new(
            body(i + 1),
            RelationKind::SubgroupOf,
            body(i),
            Provenance::Stated(SectionRef::new("1").unwrap()),
        )
    }

    #[test]
    fn a_chain_reads_as_the_list_it_came_from() {
        let relations: Vec<Relation> = (0..5).map(subgroup).collect();
        let path = RelationPath::from(relations.clone());
        assert_eq!(path.len(), 5);
        assert_eq!(path.iter().len(), 5);
        assert_eq!(path.to_vec(), relations);
        assert_eq!(path.first(), relations.first());
        assert_eq!(path.last(), relations.last());
        assert_eq!(path.get(3), relations.get(3));
        assert_eq!(path.get(5), None);
        assert_eq!(
            serde_json::to_string(&path).unwrap(),
            serde_json::to_string(&relations).unwrap()
        );
        let back: RelationPath =
            serde_json::from_str(&serde_json::to_string(&path).unwrap()).unwrap();
        assert_eq!(back, path);
        assert_eq!(format!("{path:?}"), format!("{relations:?}"));
        assert_ne!(path, RelationPath::from(relations[1..].to_vec()));
        assert!(RelationPath::new().is_empty());
    }

    #[test]
    fn chains_share_their_tails_and_drop_without_recursion() {
        let mut path = RelationPath::new();
        let mut kept = Vec::new();
        for i in 0..200_000 {
            path = path.prepend(subgroup(i));
            if i % 50_000 == 0 {
                kept.push(path.clone());
            }
        }
        assert_eq!(path.len(), 200_000);
        assert_eq!(kept[1].len(), 50_001);
        assert_eq!(path.get(200_000 - 50_001), kept[1].first());
        drop(path);
        assert_eq!(kept[3].iter().count(), 150_001);
        drop(kept);
    }
}
