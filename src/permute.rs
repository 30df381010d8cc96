//! Reordering a list in place, for lists too large to hold twice.

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

#[cfg(test)]
mod tests {
    use super::gather_in_place;
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
    }
}
