//! A small ordered map kept as a sorted `Vec`. Progress has a few hundred records at most, and
//! each `BTreeMap` instantiation costs the first load kilobytes of node-handling code; a sorted
//! vector with binary search is a few hundred bytes and as fast at this size.

use std::borrow::Borrow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table<K, V>(Vec<(K, V)>);

impl<K, V> Default for Table<K, V> {
    fn default() -> Self {
        Table(Vec::new())
    }
}

impl<K: Ord, V> Table<K, V> {
    fn find<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        self.0.binary_search_by(|(k, _)| k.borrow().cmp(key))
    }

    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.find(key).ok().map(|i| &self.0[i].1)
    }

    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.find(key).is_ok()
    }

    /// Sets `key` to `value`, returning the value it replaces.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    /// The value under `key`, inserting `make()` first if there is none.
    pub fn get_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V {
        let i = match self.find(&key) {
            Ok(i) => i,
            Err(i) => {
                self.0.insert(i, (key, make()));
                i
            }
        };
        &mut self.0[i].1
    }

    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<K: Ord, V, Q: Ord + ?Sized> std::ops::Index<&Q> for Table<K, V>
where
    K: Borrow<Q>,
{
    type Output = V;

    fn index(&self, key: &Q) -> &V {
        self.get(key).expect("no entry for this key")
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for Table<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut table = Table::default();
        for (k, v) in iter {
            table.insert(k, v);
        }
        table
    }
}

impl<K, V> IntoIterator for Table<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// How a table's key is written as a JSON object member name, and read back.
pub trait MemberName: Sized {
    fn to_member(&self) -> std::borrow::Cow<'_, str>;
    /// Why `text` is not a key of this table, if it is not.
    fn from_member(text: &str) -> Result<Self, String>;
}

impl MemberName for String {
    fn to_member(&self) -> std::borrow::Cow<'_, str> {
        self.into()
    }

    fn from_member(text: &str) -> Result<Self, String> {
        Ok(text.to_string())
    }
}

/// A table is a JSON object, in key order.
impl<K: MemberName, V: serde::Serialize> serde::Serialize for Table<K, V> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(&k.to_member(), v)?;
        }
        map.end()
    }
}

/// Read from a JSON object; a member name that appears twice is refused, not silently
/// overwritten (a hand-edited or merged file with two records for one item is ambiguous).
impl<'de, K: MemberName + Ord, V: serde::Deserialize<'de>> serde::Deserialize<'de> for Table<K, V> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Members<K, V>(std::marker::PhantomData<(K, V)>);

        impl<'de, K: MemberName + Ord, V: serde::Deserialize<'de>> serde::de::Visitor<'de> for Members<K, V> {
            type Value = Table<K, V>;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut table = Table::default();
                while let Some(name) = access.next_key::<std::borrow::Cow<'de, str>>()? {
                    let key = K::from_member(&name).map_err(serde::de::Error::custom)?;
                    let value = access.next_value().map_err(|e| crate::wire::within(&format!("\"{name}\""), e))?;
                    if table.insert(key, value).is_some() {
                        return Err(serde::de::Error::custom(format!("\"{name}\" appears twice")));
                    }
                }
                Ok(table)
            }
        }

        deserializer.deserialize_map(Members(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    proptest! {
        #[test]
        fn behaves_like_a_btreemap(ops in prop::collection::vec((0u8..20, 0u32..100), 0..60)) {
            let mut table = Table::default();
            let mut reference = BTreeMap::new();
            for (k, v) in ops {
                prop_assert_eq!(table.insert(k, v), reference.insert(k, v));
                prop_assert_eq!(table.get(&k), reference.get(&k));
            }
            prop_assert_eq!(table.iter().collect::<Vec<_>>(), reference.iter().collect::<Vec<_>>());
            prop_assert_eq!(table.len(), reference.len());
            for k in 0..20u8 {
                prop_assert_eq!(table.contains_key(&k), reference.contains_key(&k));
            }
        }
    }
}
