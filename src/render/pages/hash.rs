//! Hashing a page context without formatting it: a serde serializer that feeds every value
//! straight into a hasher. Fingerprints are taken for every page of every build (the build
//! cache keeps them), so they must cost far less than rendering; writing the context out as
//! JSON into the hasher spent most of its time escaping strings and printing numbers.
//!
//! Each value is preceded by a tag byte and each string, sequence and map by its length, so
//! two different contexts do not feed the hasher the same bytes.

use std::hash::Hasher;

use serde::Serialize;
use serde::ser;

/// Feeds `value` into `h`.
pub fn hash_into<T: Serialize + ?Sized>(value: &T, h: &mut rustc_hash::FxHasher) {
    // Hashing cannot fail: every method below returns Ok.
    let _ = value.serialize(HashSer(h));
}

struct HashSer<'h>(&'h mut rustc_hash::FxHasher);

#[derive(Debug)]
struct Never;

impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("hashing does not fail")
    }
}

impl std::error::Error for Never {}

impl ser::Error for Never {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Never
    }
}

impl HashSer<'_> {
    fn tag(&mut self, t: u8) {
        self.0.write_u8(t);
    }

    fn bytes(&mut self, t: u8, b: &[u8]) {
        self.0.write_u8(t);
        self.0.write_usize(b.len());
        self.0.write(b);
    }
}

impl<'h> ser::Serializer for HashSer<'h> {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Seq<'h>;
    type SerializeTuple = Seq<'h>;
    type SerializeTupleStruct = Seq<'h>;
    type SerializeTupleVariant = Seq<'h>;
    type SerializeMap = Seq<'h>;
    type SerializeStruct = Seq<'h>;
    type SerializeStructVariant = Seq<'h>;

    fn serialize_bool(mut self, v: bool) -> Result<(), Never> {
        self.tag(1 + u8::from(v));
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Never> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Never> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Never> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(mut self, v: i64) -> Result<(), Never> {
        self.tag(3);
        self.0.write_i64(v);
        Ok(())
    }
    fn serialize_i128(mut self, v: i128) -> Result<(), Never> {
        self.tag(4);
        self.0.write_i128(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Never> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Never> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Never> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(mut self, v: u64) -> Result<(), Never> {
        self.tag(5);
        self.0.write_u64(v);
        Ok(())
    }
    fn serialize_u128(mut self, v: u128) -> Result<(), Never> {
        self.tag(6);
        self.0.write_u128(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Never> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(mut self, v: f64) -> Result<(), Never> {
        self.tag(7);
        self.0.write_u64(v.to_bits());
        Ok(())
    }
    fn serialize_char(mut self, v: char) -> Result<(), Never> {
        self.tag(8);
        self.0.write_u32(v.into());
        Ok(())
    }
    fn serialize_str(mut self, v: &str) -> Result<(), Never> {
        self.bytes(9, v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(mut self, v: &[u8]) -> Result<(), Never> {
        self.bytes(10, v);
        Ok(())
    }
    fn serialize_none(mut self) -> Result<(), Never> {
        self.tag(11);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(mut self, value: &T) -> Result<(), Never> {
        self.tag(12);
        value.serialize(self)
    }
    fn serialize_unit(mut self) -> Result<(), Never> {
        self.tag(13);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Never> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        mut self,
        _: &'static str,
        index: u32,
        _: &'static str,
    ) -> Result<(), Never> {
        self.tag(14);
        self.0.write_u32(index);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        mut self,
        _: &'static str,
        index: u32,
        _: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        self.tag(15);
        self.0.write_u32(index);
        value.serialize(self)
    }
    fn serialize_seq(mut self, _: Option<usize>) -> Result<Seq<'h>, Never> {
        self.tag(16);
        Ok(Seq(self))
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'h>, Never> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq<'h>, Never> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        mut self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Seq<'h>, Never> {
        self.tag(17);
        self.0.write_u32(index);
        Ok(Seq(self))
    }
    fn serialize_map(mut self, _: Option<usize>) -> Result<Seq<'h>, Never> {
        self.tag(18);
        Ok(Seq(self))
    }
    fn serialize_struct(mut self, _: &'static str, _: usize) -> Result<Seq<'h>, Never> {
        self.tag(19);
        Ok(Seq(self))
    }
    fn serialize_struct_variant(
        mut self,
        _: &'static str,
        index: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Seq<'h>, Never> {
        self.tag(20);
        self.0.write_u32(index);
        Ok(Seq(self))
    }
}

/// The open sequence, tuple, map or struct: its elements go into the same hasher, then an end
/// tag (lengths are not always known up front).
struct Seq<'h>(HashSer<'h>);

impl Seq<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
        value.serialize(HashSer(self.0.0))
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.0.bytes(21, key.as_bytes());
        let _ = self.element(value);
    }

    fn end(mut self) -> Result<(), Never> {
        self.0.tag(22);
        Ok(())
    }
}

macro_rules! seq_like {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Seq<'_> {
            type Ok = ();
            type Error = Never;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
                self.element(value)
            }
            fn end(self) -> Result<(), Never> {
                Seq::end(self)
            }
        }
    )*};
}

seq_like!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Seq<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Never> {
        self.element(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Never> {
        self.element(value)
    }
    fn end(self) -> Result<(), Never> {
        Seq::end(self)
    }
}

impl ser::SerializeStruct for Seq<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        self.field(key, value);
        Ok(())
    }
    fn skip_field(&mut self, key: &'static str) -> Result<(), Never> {
        self.0.bytes(23, key.as_bytes());
        Ok(())
    }
    fn end(self) -> Result<(), Never> {
        Seq::end(self)
    }
}

impl ser::SerializeStructVariant for Seq<'_> {
    type Ok = ();
    type Error = Never;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Never> {
        self.field(key, value);
        Ok(())
    }
    fn end(self) -> Result<(), Never> {
        Seq::end(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h<T: Serialize>(v: &T) -> u64 {
        let mut hasher = rustc_hash::FxHasher::default();
        hash_into(v, &mut hasher);
        hasher.finish()
    }

    #[derive(Serialize)]
    struct Card<'a> {
        title: &'a str,
        actors: Vec<&'a str>,
        count: Option<u32>,
    }

    #[test]
    fn equal_values_hash_alike_and_near_misses_apart() {
        let a = Card {
            title: "Talks resume",
            actors: vec!["Marta Kovač", "Pieter van der Berg"],
            count: None,
        };
        let same = Card {
            title: "Talks resume",
            actors: vec!["Marta Kovač", "Pieter van der Berg"],
            count: None,
        };
        assert_eq!(h(&a), h(&same));
        // Moving a boundary between two strings, or between a list and its neighbour, changes
        // the hash: lengths and end tags are hashed too.
        let shifted = Card {
            title: "Talks resume",
            actors: vec!["Marta Kovač Pieter", "van der Berg"],
            count: None,
        };
        assert_ne!(h(&a), h(&shifted));
        let counted = Card {
            count: Some(0),
            ..same
        };
        assert_ne!(h(&a), h(&counted));
        assert_ne!(h(&vec![vec![1u32], vec![]]), h(&vec![vec![], vec![1u32]]));
    }
}
