//! Reordering lists: in place, for lists too large to hold twice, and by bucket, so that a
//! pass over a large table can visit it in order.

/// Reorders `items` so that position `k` holds what was at `source[k]`, by following the
/// permutation's cycles: each item moves once and nothing is held twice, which for millions
/// of large items (a build's relations, a gap report's findings) saves a copy of them all.
///
/// `source` must name every position once; a position named twice or out of range is left
/// where the cycle through it stops, rather than panicking.
pub(crate) fn gather_in_place<T>(items: &mut [T], mut source: Vec<u32>) {
    const PLACED: u32 = u32::MAX;
    for start in 0..source.len().min(items.len()) {
        let mut at = start;
        while let Some(slot) = source.get_mut(at) {
            let from = std::mem::replace(slot, PLACED) as usize;
            if from == start || from == PLACED as usize || from >= items.len() {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// `items` grouped by bucket, bucket 0 first, each bucket's items in their order in `items`
/// (a stable counting sort). `bucket_of` must map every item below `buckets`; one that does
/// not is put in the last bucket rather than lost.
///
/// Writing or reading a table larger than the processor's cache at places spread at random
/// waits on memory at nearly every step; the same work done in order of a bucket that names
/// a region of the table visits the table from one end to the other. Two passes over
/// `items` and one list of per-bucket counts, so the cost grows linearly.
pub(crate) fn by_bucket<T: Copy>(
    items: &[T],
    buckets: usize,
    bucket_of: impl Fn(&T) -> usize,
) -> Vec<T> {
    let last = buckets.saturating_sub(1);
    let bucket = |item: &T| bucket_of(item).min(last);
    let mut starts = vec![0usize; buckets + 1];
    for item in items {
        if let Some(count) = starts.get_mut(bucket(item) + 1) {
            *count += 1;
        }
    }
    let mut sum = 0;
    for start in &mut starts {
        sum += *start;
        *start = sum;
    }
    let Some(&first) = items.first() else {
        return Vec::new();
    };
    let mut out = vec![first; items.len()];
    for item in items {
        if let Some(at) = starts.get_mut(bucket(item)) {
            if let Some(slot) = out.get_mut(*at) {
                *slot = *item;
            }
            *at += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{by_bucket, gather_in_place};
    use proptest::prelude::*;

    proptest! {
        /// Whatever the permutation, position k ends up holding what was at source[k].
        #[test]
        fn position_k_gets_what_was_at_source_k(
            source in (0usize..200).prop_flat_map(|n| Just((0..n as u32).collect::<Vec<u32>>()).prop_shuffle())
        ) {
            let items: Vec<String> = (0..source.len()).map(|i| format!("item {i}")).collect();
            let mut moved = items.clone();
            gather_in_place(&mut moved, source.clone());
            let expected: Vec<String> =
                source.iter().map(|&s| items[s as usize].clone()).collect();
            prop_assert_eq!(moved, expected);
        }

        /// A source that is not a permutation (a position twice or out of range, longer or
        /// shorter than the list) neither panics nor loses an item: what comes out is what
        /// went in, reordered.
        #[test]
        fn a_bad_source_loses_nothing(
            source in prop::collection::vec(0u32..60, 0..60),
            len in 0usize..60,
        ) {
            let items: Vec<u32> = (0..len as u32).collect();
            let mut moved = items.clone();
            gather_in_place(&mut moved, source);
            moved.sort_unstable();
            prop_assert_eq!(moved, items);
        }

        /// Grouping by bucket is a stable sort by bucket: the same as sorting by bucket
        /// while keeping ties in input order, out-of-range buckets counted as the last.
        #[test]
        fn by_bucket_is_a_stable_sort_by_bucket(
            items in prop::collection::vec((0usize..40, any::<u16>()), 0..300),
            buckets in 1usize..32,
        ) {
            let grouped = by_bucket(&items, buckets, |&(b, _)| b);
            let mut expected = items.clone();
            expected.sort_by_key(|&(b, _)| b.min(buckets - 1));
            prop_assert_eq!(grouped, expected);
        }
    }
}
