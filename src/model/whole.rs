//! Reading a whole number that JSON may write with a fraction or an exponent.
//!
//! JSON has one number type (RFC 8259), and JSON Schema's `integer` admits `3.0` and `3e2`;
//! tools that hold every number as a float (a Python script's computed value, a spreadsheet
//! export) write them so. A document our schema accepts should load, so such a number is
//! read as the whole number it is. One with a fraction, or past 2^53, where a float no
//! longer holds every whole number and the text may not be the number read, is refused.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserializer, Error, Unexpected, Visitor};

/// 2^53: below it a float holds every whole number exactly, so a whole float read there is
/// the number its text wrote; at and past it, neighbouring whole numbers read alike.
const EXACT_IN_A_FLOAT: f64 = 9_007_199_254_740_992.0;

/// An unsigned integer type [`number`] reads.
pub(crate) trait Whole: Sized + TryFrom<u64> {
    /// The largest value, for the error message.
    const MAX: u64;
}

impl Whole for u16 {
    const MAX: u64 = u16::MAX as u64;
}

impl Whole for u32 {
    const MAX: u64 = u32::MAX as u64;
}

impl Whole for u64 {
    const MAX: u64 = u64::MAX;
}

/// Deserializes a whole number from 0 to `T::MAX`, written as an integer or as a float with
/// no fraction (see the module docs).
pub(crate) fn number<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Whole,
{
    struct Reader<T>(PhantomData<T>);
    impl<T: Whole> Reader<T> {
        fn fits<E: Error>(v: u64, unexpected: Unexpected<'_>) -> Result<T, E> {
            T::try_from(v).map_err(|_| E::invalid_value(unexpected, &Reader::<T>(PhantomData)))
        }
    }
    impl<T: Whole> Visitor<'_> for Reader<T> {
        type Value = T;
        #[allow(
            clippy::cast_precision_loss,
            reason = "compared with 2^53 only, which every bound here is far from"
        )]
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a whole number from 0 to {}", T::MAX)?;
            if T::MAX as f64 >= EXACT_IN_A_FLOAT {
                f.write_str(" (from 2^53 on, written without a fraction or an exponent)")?;
            }
            Ok(())
        }
        fn visit_u64<E: Error>(self, v: u64) -> Result<T, E> {
            Self::fits(v, Unexpected::Unsigned(v))
        }
        fn visit_i64<E: Error>(self, v: i64) -> Result<T, E> {
            match u64::try_from(v) {
                Ok(v) => Self::fits(v, Unexpected::Unsigned(v)),
                Err(_) => Err(E::invalid_value(Unexpected::Signed(v), &self)),
            }
        }
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "`v` is checked whole and within 0..2^53 first, so the cast is exact"
        )]
        fn visit_f64<E: Error>(self, v: f64) -> Result<T, E> {
            if v.fract() == 0.0 && (0.0..EXACT_IN_A_FLOAT).contains(&v) {
                Self::fits(v as u64, Unexpected::Float(v))
            } else {
                Err(E::invalid_value(Unexpected::Float(v), &self))
            }
        }
    }
    deserializer.deserialize_any(Reader(PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, serde::Deserialize)]
    struct Year(#[serde(deserialize_with = "number")] u16);

    fn read(text: &str) -> Result<u16, String> {
        serde_json::from_str::<Year>(text)
            .map(|y| y.0)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn whole_floats_read_and_the_rest_is_refused_with_what_was_expected() {
        assert_eq!(read("2024"), Ok(2024));
        assert_eq!(read("2024.0"), Ok(2024));
        assert_eq!(read("2.024e3"), Ok(2024));
        assert_eq!(read("-0.0"), Ok(0));
        for (text, found) in [
            ("2024.5", "floating point `2024.5`"),
            ("-1", "integer `-1`"),
            ("70000", "integer `70000`"),
            ("70000.0", "floating point `70000.0`"),
            ("1e300", "floating point `1e+300`"),
            ("9007199254740993.0", "floating point `9007199254740992.0`"),
        ] {
            let err = read(text).unwrap_err();
            assert!(
                err.starts_with(&format!(
                    "invalid value: {found}, expected a whole number from 0 to 65535"
                )),
                "{text}: {err}"
            );
        }
        assert!(
            read("\"2024\"")
                .unwrap_err()
                .starts_with("invalid type: string")
        );
    }

    proptest! {
        /// A number and the same number written as a float read alike, below 2^53.
        #[test]
        fn a_whole_number_reads_the_same_written_either_way(v in 0u64..(1 << 53)) {
            #[derive(Debug, serde::Deserialize)]
            struct Count(#[serde(deserialize_with = "number")] u64);
            let plain: Count = serde_json::from_str(&v.to_string()).unwrap();
            let float: Count = serde_json::from_str(&format!("{v}.0")).unwrap();
            prop_assert_eq!(plain.0, v);
            prop_assert_eq!(float.0, v);
        }
    }

    #[test]
    fn a_float_past_two_to_the_53_is_refused_saying_how_to_write_it() {
        #[derive(Debug, serde::Deserialize)]
        struct Count(#[serde(deserialize_with = "number")] u64);
        let err = serde_json::from_str::<Count>("1e17")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("(from 2^53 on, written without a fraction or an exponent)"),
            "{err}"
        );
        assert_eq!(
            serde_json::from_str::<Count>("100000000000000000")
                .unwrap()
                .0,
            100_000_000_000_000_000
        );
    }
}
