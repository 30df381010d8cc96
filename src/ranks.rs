//! A hash table of ranks into a sorted id list: where each id sits, for lookups by the
//! thousand. The build resolves every relation's ends with one; the text report names each
//! link's far end with another.

use crate::model::id::EntityId;
use crate::permute::by_bucket;

/// How many slots of a rank table (8 bytes each) fill one bucket when it is built in order:
/// a 4 KiB page.
const SLOTS_PER_BUCKET: usize = 512;

/// A hash table of ranks into the sorted id list, which holds the ids themselves.
///
/// A map from id to rank would hold every id a second time, in 32-byte slots: 64 MiB for a
/// million ids, read at random once for each of a build's millions of relation ends, and at
/// that size nearly every read is a wait on memory. This table is a quarter of that and
/// keeps only ranks and a part of each id's hash, so a slot is compared with an id only
/// when their hashes agree; ids are then compared in the sorted list, where a document's
/// subjects, listed in order, are read in order.
pub(crate) struct RankTable {
    /// Per slot: the rank plus one (0 for an empty slot) and the high half of the id's hash.
    slots: Vec<(u32, u32)>,
    hasher: KeyedHasher,
}

impl RankTable {
    /// A table of the ranks of `ids`, which are distinct.
    pub(crate) fn new(ids: &[EntityId]) -> RankTable {
        // At most half full, so a search ends after two slots on average.
        let len = (ids.len() * 2).next_power_of_two().max(16);
        let mut table = RankTable {
            slots: vec![(0, 0); len],
            hasher: KeyedHasher::random(),
        };
        // In rank order each insertion would land at a random place in a table far larger
        // than the cache at a million ids; in order of first slot, a page of slots to a
        // bucket, they walk the table from one end to the other.
        let firsts: Vec<(usize, u32, u32)> = (1u32..)
            .zip(ids)
            .map(|(rank, id)| {
                let (at, tag) = table.start(id);
                (at, rank, tag)
            })
            .collect();
        let firsts = by_bucket(&firsts, len.div_ceil(SLOTS_PER_BUCKET), |&(at, ..)| {
            at / SLOTS_PER_BUCKET
        });
        for (mut at, rank, tag) in firsts {
            while let Some(slot) = table.slots.get_mut(at) {
                if slot.0 == 0 {
                    *slot = (rank, tag);
                    break;
                }
                at = (at + 1) & (len - 1);
            }
        }
        table
    }

    /// The first slot to look in for `id`, and its tag.
    fn start(&self, id: &EntityId) -> (usize, u32) {
        let hash = self.hasher.hash_one(id);
        (hash as usize & (self.slots.len() - 1), (hash >> 32) as u32)
    }

    /// The rank of each of `wanted` in `ids`, into `ranks`.
    ///
    /// At a million ids the table and the id list are far larger than the processor's
    /// cache, and a lookup is two waits on memory, one for its slot and one for the id to
    /// compare. One at a time, each wait ends before the next begins; here every first
    /// slot is read before any is examined, and every candidate id before any is
    /// compared with the one wanted, so the processor has many reads in flight at once.
    pub(crate) fn find_many(
        &self,
        wanted: &[&EntityId],
        ids: &[EntityId],
        ranks: &mut Vec<Option<u32>>,
    ) {
        let mask = self.slots.len() - 1;
        let starts: Vec<(usize, u32)> = wanted.iter().map(|id| self.start(id)).collect();
        let first: Vec<(u32, u32)> = starts
            .iter()
            .map(|&(at, _)| self.slots.get(at).copied().unwrap_or((0, 0)))
            .collect();
        let found: Vec<bool> = wanted
            .iter()
            .zip(&starts)
            .zip(&first)
            .map(|((id, &(_, tag)), &(rank, slot_tag))| {
                slot_tag == tag
                    && rank
                        .checked_sub(1)
                        .and_then(|r| ids.get(r as usize))
                        .is_some_and(|candidate| candidate == *id)
            })
            .collect();
        ranks.clear();
        for (((id, &(at, tag)), &(rank, _)), &found) in
            wanted.iter().zip(&starts).zip(&first).zip(&found)
        {
            ranks.push(match rank.checked_sub(1) {
                None => None,
                Some(rank) if found => Some(rank),
                Some(_) => self.find_from((at + 1) & mask, tag, id, ids),
            });
        }
    }

    /// The rank of `id`, whose hash has tag `tag`, in `ids`, looking from slot `at` on.
    fn find_from(&self, mut at: usize, tag: u32, id: &EntityId, ids: &[EntityId]) -> Option<u32> {
        loop {
            let &(rank, slot_tag) = self.slots.get(at)?;
            let rank = rank.checked_sub(1)?;
            if slot_tag == tag && ids.get(rank as usize) == Some(id) {
                return Some(rank);
            }
            at = (at + 1) & (self.slots.len() - 1);
        }
    }
}

/// A hasher with a random key per table: fast on the 16-byte ids that make up nearly every
/// document, where the default hasher (SipHash) cost a fifth of finding a relation's ends,
/// and keyed, so a document cannot be written to make its ids collide. Each word is folded
/// into the state by a full 64-by-64-bit multiplication with the key, the scheme of
/// `foldhash`, hashbrown's default hasher.
#[derive(Clone, Copy)]
struct KeyedHasher {
    seed: u64,
    key: u64,
}

impl KeyedHasher {
    fn random() -> KeyedHasher {
        // `RandomState` is std's source of per-process random keys.
        use std::hash::BuildHasher;
        let random = std::hash::RandomState::new();
        KeyedHasher {
            seed: random.hash_one(0u64),
            key: random.hash_one(1u64) | 1,
        }
    }

    fn hash_one(self, id: &EntityId) -> u64 {
        let mut state = KeyedState {
            state: self.seed,
            key: self.key,
        };
        std::hash::Hash::hash(id, &mut state);
        std::hash::Hasher::finish(&state)
    }
}

/// The running state of a [`KeyedHasher`].
struct KeyedState {
    state: u64,
    key: u64,
}

/// The high and low halves of the full product, combined: every bit of both factors
/// reaches the middle of the result.
fn folded_multiply(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    (product as u64) ^ ((product >> 64) as u64)
}

impl std::hash::Hasher for KeyedState {
    fn finish(&self) -> u64 {
        folded_multiply(self.state, self.key.rotate_left(32))
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0; 8];
            if let Some(head) = word.get_mut(..chunk.len()) {
                head.copy_from_slice(chunk);
            }
            self.write_u64(u64::from_le_bytes(word));
        }
        self.write_usize(bytes.len());
    }

    fn write_u64(&mut self, n: u64) {
        self.state = folded_multiply(self.state ^ n, self.key);
    }

    fn write_u128(&mut self, n: u128) {
        self.write_u64(n as u64);
        self.write_u64((n >> 64) as u64);
    }

    fn write_u8(&mut self, n: u8) {
        self.write_u64(n.into());
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(n.into());
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn write_isize(&mut self, n: isize) {
        self.write_u64(n as u64);
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
    /// Every id of a sorted list is found at its rank, and an id not in it nowhere,
    /// however many share a kind or a text, short or long, in tables of one bucket or
    /// several (up to 600 ids, 2048 slots).
    #[test]
    fn the_rank_table_finds_each_id_at_its_rank(
        names in proptest::collection::vec(("[a-c]{1,3}(-[a-z]{13,20})?", 0..3usize), 0..600),
        absent in proptest::collection::vec(("[a-d]{1,3}(-[a-z]{13,20})?", 0..4usize), 0..50),
    ) {
        let id = |(text, kind): &(String, usize)| -> EntityId {
            let prefix = ["org", "initiative", "body", "event"][*kind];
            format!("{prefix}:{text}").parse().unwrap()
        };
        let mut ids: Vec<EntityId> = names.iter().map(id).collect();
        ids.sort();
        ids.dedup();
        let table = RankTable::new(&ids);
        // Every id and then the others, looked up in one batch.
        let others: Vec<EntityId> = absent.iter().map(id).collect();
        let wanted: Vec<&EntityId> = ids.iter().chain(&others).collect();
        let expected: Vec<Option<u32>> = (0u32..)
            .take(ids.len())
            .map(Some)
            .chain(others.iter().map(|o| ids.binary_search(o).ok().map(|r| r as u32)))
            .collect();
        let mut ranks = Vec::new();
        table.find_many(&wanted, &ids, &mut ranks);
        proptest::prop_assert_eq!(ranks, expected);
    }    }
}
