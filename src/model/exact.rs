//! Reading a JSON array into a vector of exactly its length.
//!
//! serde grows a vector from capacity 0 to 4, then doubles it; a record with one note would
//! keep room for four. Per record that is small, but records come by the million.

use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{Deserializer, SeqAccess, Visitor};

/// Deserializes a sequence into a `Vec` whose capacity is its length.
pub(crate) fn vec<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Exact<T>(PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for Exact<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a sequence")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(1).min(1024));
            while let Some(item) = seq.next_element()? {
                items.push(item);
            }
            items.shrink_to_fit();
            Ok(items)
        }
    }
    deserializer.deserialize_seq(Exact(PhantomData))
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize)]
    struct Holder {
        #[serde(deserialize_with = "super::vec")]
        notes: Vec<String>,
    }

    #[test]
    fn capacity_is_length() {
        for n in 0..7 {
            let notes: Vec<String> = (0..n).map(|i| i.to_string()).collect();
            let json = serde_json::json!({ "notes": notes }).to_string();
            let held: Holder = serde_json::from_str(&json).unwrap();
            assert_eq!(held.notes, notes);
            assert_eq!(held.notes.capacity(), n);
        }
    }
}
