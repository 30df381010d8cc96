//! Reading every record of a document from a JSON object, never from an array.
//!
//! Serde's derived impls accept a struct written as an array of its fields in order, and
//! serde_json offers them that shape whenever it meets `[`: left alone, `[1]` would read as an
//! empty dataset, `["acme", "non-governmental", ["ACME"], …]` as an organisation, and an error
//! about a record written half that way would speak of "struct Record with 8 elements". None of
//! that is the format (the JSON Schema admits objects only), and a positional record depends on
//! the order of fields in the source code. [`Objects`] wraps a deserializer and everything it
//! hands out, and asks for a map wherever a struct is wanted, so an array there is refused
//! with "invalid type: sequence, expected a label (a JSON object)" at its position, and the record
//! and field are named as for any other error.
//!
//! A value read without a declared shape (the buffered fields of an internally tagged enum,
//! such as a figure's value) is never a list in this format, so a list there is refused too:
//! that is the one way left for a struct to be read from an array. And an enum (a provenance,
//! a kind) of the wrong type is told so, where serde_json alone would call a well-formed
//! document malformed ("expected value").

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::value::BorrowedStrDeserializer;
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess, SeqAccess,
    Unexpected, VariantAccess, Visitor,
};

/// A deserializer, or one of the accesses it hands out, that reads structs from maps only.
pub(crate) struct Objects<T>(pub(crate) T);

/// The newtype name by which [`Unshaped`] asks [`Objects`] to step aside.
const UNSHAPED: &str = "$gdc_map::Unshaped";

/// A value read as the format alone reads it, no shape asked of it, inside a document read
/// through [`Objects`]: for the one place where any JSON value is an answer, the version a
/// document gives, which is named in the error when it is the wrong one (`[1]` included).
pub(crate) struct Unshaped<T>(pub(crate) T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Unshaped<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Inner<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Inner<T> {
            type Value = Unshaped<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(
                self,
                d: D,
            ) -> Result<Unshaped<T>, D::Error> {
                T::deserialize(d).map(Unshaped)
            }
        }
        d.deserialize_newtype_struct(UNSHAPED, Inner(PhantomData))
    }
}

/// What the wrapped visitor was asked for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Asked {
    /// A struct: read from a map.
    Struct,
    /// Any value (`deserialize_any`): anything but a list.
    Any,
    /// An enum: a string for a unit variant, or an object of one key, the variant, for the
    /// others.
    Enum,
    /// Something else, read as the format reads it.
    Other,
}

/// A visitor whose nested values are read through [`Objects`] too.
struct Shaped<V> {
    inner: V,
    asked: Asked,
}

impl<V> Shaped<V> {
    fn new(inner: V, asked: Asked) -> Shaped<V> {
        Shaped { inner, asked }
    }
}

/// Forwards `deserialize_*` methods to the wrapped deserializer, their visitor wrapped.
macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
                self.0.$method($($arg,)* Shaped::new(visitor, Asked::Other))
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Objects<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(Shaped::new(visitor, Asked::Any))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(Shaped::new(visitor, Asked::Struct))
    }

    /// Read as any value, not as serde_json reads an enum: its reader refuses anything but an
    /// object or a string as a *syntax* error, "expected value", which would call a
    /// well-formed document with a number or a list in place of a provenance malformed.
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(Shaped::new(visitor, Asked::Enum))
    }

    /// [`Unshaped`] steps out of the wrapper; every other newtype is read through it.
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        if name == UNSHAPED {
            return self.0.deserialize_newtype_struct(name, visitor);
        }
        self.0
            .deserialize_newtype_struct(name, Shaped::new(visitor, Asked::Other))
    }

    forward! {
        deserialize_bool();
        deserialize_i8();
        deserialize_i16();
        deserialize_i32();
        deserialize_i64();
        deserialize_i128();
        deserialize_u8();
        deserialize_u16();
        deserialize_u32();
        deserialize_u64();
        deserialize_u128();
        deserialize_f32();
        deserialize_f64();
        deserialize_char();
        deserialize_str();
        deserialize_string();
        deserialize_bytes();
        deserialize_byte_buf();
        deserialize_option();
        deserialize_unit();
        deserialize_unit_struct(name: &'static str);
        deserialize_seq();
        deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_map();
        deserialize_identifier();
        deserialize_ignored_any();
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// Forwards `visit_*` methods that carry a plain value to the wrapped visitor.
macro_rules! visit_values {
    ($($method:ident($ty:ty);)*) => {
        $(
            fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
                self.inner.$method(v)
            }
        )*
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Shaped<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.asked == Asked::Struct {
            self.inner.expecting(f)?;
            f.write_str(" (a JSON object)")
        } else {
            self.inner.expecting(f)
        }
    }

    visit_values! {
        visit_bool(bool);
        visit_i8(i8);
        visit_i16(i16);
        visit_i32(i32);
        visit_i64(i64);
        visit_i128(i128);
        visit_u8(u8);
        visit_u16(u16);
        visit_u32(u32);
        visit_u64(u64);
        visit_u128(u128);
        visit_f32(f32);
        visit_f64(f64);
        visit_char(char);
        visit_bytes(&[u8]);
        visit_borrowed_bytes(&'de [u8]);
        visit_byte_buf(Vec<u8>);
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        if self.asked == Asked::Enum {
            return self.inner.visit_enum(v.into_deserializer());
        }
        self.inner.visit_str(v)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        if self.asked == Asked::Enum {
            return self.inner.visit_enum(BorrowedStrDeserializer::new(v));
        }
        self.inner.visit_borrowed_str(v)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        if self.asked == Asked::Enum {
            return self.inner.visit_enum(v.into_deserializer());
        }
        self.inner.visit_string(v)
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.inner.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.inner.visit_some(Objects(d))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.inner.visit_newtype_struct(Objects(d))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        if self.asked == Asked::Any {
            return Err(de::Error::invalid_type(Unexpected::Seq, &self));
        }
        self.inner.visit_seq(Objects(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        if self.asked == Asked::Enum {
            return self.inner.visit_enum(OneEntry(Objects(map)));
        }
        self.inner.visit_map(Objects(map))
    }

    /// Not called by serde_json, whose enums are read here as any value (see
    /// `deserialize_enum`).
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.inner.visit_enum(data)
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Objects<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Objects(d))
    }
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Objects<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.0.next_element_seed(Objects(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Objects<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(Objects(seed))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.0.next_value_seed(Objects(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

/// An enum read from an object of one entry: the variant's name, then its content, and
/// nothing after it (a second key is named in the error, where serde_json would report a
/// "trailing comma" of well-formed text).
struct OneEntry<A>(A);

impl<'de, A: MapAccess<'de>> OneEntry<A> {
    /// Reads the variant's content with `seed`, then checks that the object ends there.
    fn content<T: DeserializeSeed<'de>>(mut self, seed: T) -> Result<T::Value, A::Error> {
        let value = self.0.next_value_seed(seed)?;
        match self.0.next_key::<String>()? {
            None => Ok(value),
            Some(key) => Err(de::Error::custom(format_args!(
                "a second key `{key}` where an object of one key, the variant, was expected"
            ))),
        }
    }
}

impl<'de, A: MapAccess<'de>> EnumAccess<'de> for OneEntry<A> {
    type Error = A::Error;
    type Variant = OneEntry<A>;

    fn variant_seed<T: DeserializeSeed<'de>>(
        mut self,
        seed: T,
    ) -> Result<(T::Value, OneEntry<A>), A::Error> {
        match self.0.next_key_seed(seed)? {
            Some(variant) => Ok((variant, self)),
            None => Err(de::Error::invalid_type(
                Unexpected::Map,
                &"an object of one key",
            )),
        }
    }
}

impl<'de, A: MapAccess<'de>> VariantAccess<'de> for OneEntry<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.content(PhantomData::<()>)
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.content(seed)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.content(Content(visitor, Asked::Other))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.content(Content(visitor, Asked::Struct))
    }
}

/// A tuple or struct variant's content, read with its visitor: a list, or an object.
struct Content<V>(V, Asked);

impl<'de, V: Visitor<'de>> DeserializeSeed<'de> for Content<V> {
    type Value = V::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        match self.1 {
            Asked::Struct => d.deserialize_map(self.0),
            _ => d.deserialize_seq(self.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Objects;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Point {
        x: i32,
        #[serde(default)]
        y: Vec<Option<Inner>>,
        #[serde(default)]
        tagged: Option<Tagged>,
        #[serde(default)]
        external: Option<External>,
        #[serde(default)]
        unit: Option<Unit>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    enum Unit {
        First,
        Second,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Inner {
        z: u8,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(tag = "type")]
    enum Tagged {
        Count { value: u64 },
    }

    #[derive(Debug, PartialEq, Deserialize)]
    enum External {
        Boxed(Box<Inner>),
        Fields { w: u8 },
    }

    fn read(text: &str) -> Result<Point, serde_json::Error> {
        let mut de = serde_json::Deserializer::from_str(text);
        let point = Point::deserialize(Objects(&mut de))?;
        de.end()?;
        Ok(point)
    }

    #[test]
    fn objects_read_as_they_always_did() {
        let text = r#"{"x": 1, "y": [null, {"z": 2}], "tagged": {"type": "Count", "value": 3},
            "external": {"Boxed": {"z": 4}}, "unit": "second"}"#;
        let expected: Point = serde_json::from_str(text).unwrap();
        assert_eq!(read(text).unwrap(), expected);
        assert_eq!(
            read(r#"{"x": 1, "external": {"Fields": {"w": 5}}}"#)
                .unwrap()
                .external,
            Some(External::Fields { w: 5 })
        );
    }

    #[test]
    fn a_struct_written_as_an_array_is_refused_where_it_stands() {
        // Each of these reads without the wrapper; the column is the offending `[`'s.
        for (text, column) in [
            ("[1]", 1),
            (r#"{"x": 1, "y": [[2]]}"#, 16),
            (r#"{"x": 1, "tagged": ["Count", 3]}"#, 20),
            (r#"{"x": 1, "external": {"Boxed": [4]}}"#, 32),
            (r#"{"x": 1, "external": {"Fields": [5]}}"#, 33),
        ] {
            assert!(serde_json::from_str::<Point>(text).is_ok(), "{text}");
            let err = read(text).unwrap_err();
            assert!(
                err.to_string().contains("invalid type: sequence"),
                "{text}: {err}"
            );
            // serde_json points at the `[`, or at the character before it when it only peeked.
            assert!(
                (column - 1..=column).contains(&err.column()),
                "{text}: {err}"
            );
        }
        let err = read("[1]").unwrap_err().to_string();
        assert!(
            err.contains("expected struct Point (a JSON object)"),
            "{err}"
        );
    }

    #[test]
    fn an_enum_of_the_wrong_type_is_a_value_of_the_wrong_type() {
        use serde_json::error::Category;
        for (text, message) in [
            (r#"{"x": 1, "external": 42}"#, "invalid type: integer `42`"),
            (
                r#"{"x": 1, "external": ["Boxed"]}"#,
                "invalid type: sequence",
            ),
            (r#"{"x": 1, "external": {}}"#, "invalid type: map"),
            (r#"{"x": 1, "unit": true}"#, "invalid type: boolean `true`"),
            (r#"{"x": 1, "unit": "third"}"#, "unknown variant `third`"),
            (
                r#"{"x": 1, "external": {"Boxed": {"z": 1}, "Fields": {"w": 2}}}"#,
                "a second key `Fields`",
            ),
        ] {
            // serde_json alone calls the first four malformed ("expected value"), and the
            // last ("trailing comma").
            let err = read(text).unwrap_err();
            assert_eq!(err.classify(), Category::Data, "{text}: {err}");
            assert!(err.to_string().starts_with(message), "{text}: {err}");
        }
    }
}
