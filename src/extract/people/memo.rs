//! What the document pass found in each item, kept for the next run: a rebuild after a day's
//! articles reads the names of the new ones only (at 100,000 articles the pass is the largest
//! step of extraction).
//!
//! An item's names depend on its text, on the profiles' names and aliases, and on the
//! collection only through [`CommonWords`]: whether a capitalised word is one the collection
//! writes in lower case. So each entry keeps the answers the pass was given, and is reused
//! only while every one of them still holds. A word that crosses the threshold ("economic"
//! written a second time) sends exactly the items that asked about it back through the pass.
//! Reused or not, the result is what a pass from nothing gives (see the tests).
//!
//! Words are remembered by a 64-bit hash, texts by a hash and a length: a collision would need
//! two of the collection's texts or words to share one, which is not a practical concern.

use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use super::{AliasIndex, CommonWords, DocEntity};

/// The document pass's results, by item text.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Memo {
    /// The profiles' names and aliases the results were found with.
    aliases: u64,
    items: FxHashMap<TextKey, Found>,
}

/// An item's text as the pass reads it: the hash and total length of its paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TextKey(u64, u64);

impl TextKey {
    pub fn of(paragraphs: &[&str]) -> TextKey {
        TextKey(
            FxBuildHasher.hash_one(paragraphs),
            paragraphs.iter().map(|p| p.len() as u64).sum(),
        )
    }
}

/// What the pass found in one item, and what it asked to find it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Found {
    /// Each word asked about (hashed, in lower case) and whether it was common.
    asked: Vec<(u64, bool)>,
    /// The names, before the `ignore` setting is applied, in postcard's bytes: a tenth of
    /// the memory the names themselves take, and no copy of them kept beside the ones
    /// extraction goes on with.
    entities: Vec<u8>,
}

impl Found {
    pub fn new(asked: Vec<(u64, bool)>, entities: &[DocEntity]) -> Found {
        Found {
            asked,
            entities: postcard::to_stdvec(entities).unwrap_or_default(),
        }
    }
}

/// A memo checked against this run's profiles and common words.
pub struct Lookup<'m> {
    memo: Option<&'m Memo>,
    common: FxHashSet<u64>,
}

impl Memo {
    /// Items remembered.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Prepares reuse of `previous` under this run's profiles and common words; a memo made
    /// with other profiles is not used at all.
    pub fn lookup<'m>(
        previous: Option<&'m Memo>,
        aliases: &AliasIndex,
        common: &CommonWords,
    ) -> Lookup<'m> {
        let memo = previous.filter(|m| !m.items.is_empty() && m.aliases == alias_key(aliases));
        Lookup {
            common: if memo.is_some() {
                common.common_hashes()
            } else {
                FxHashSet::default()
            },
            memo,
        }
    }

    /// Moves an item's entry out (for the next run's memo); None if another item of the same
    /// text took it.
    pub fn take(&mut self, key: TextKey) -> Option<Found> {
        self.items.remove(&key)
    }

    /// A memo of this run's results, one per item text.
    pub fn new(aliases: &AliasIndex, items: impl IntoIterator<Item = (TextKey, Found)>) -> Memo {
        Memo {
            aliases: alias_key(aliases),
            items: items.into_iter().collect(),
        }
    }
}

impl Lookup<'_> {
    /// The names remembered for this text, if every answer they were found with still holds.
    pub fn get(&self, key: TextKey) -> Option<Vec<DocEntity>> {
        let found = self.memo?.items.get(&key)?;
        if !found
            .asked
            .iter()
            .all(|&(word, was)| self.common.contains(&word) == was)
        {
            return None;
        }
        postcard::from_bytes(&found.entities).ok()
    }
}

/// The profiles' names and aliases, in an order of their own.
fn alias_key(aliases: &AliasIndex) -> u64 {
    let mut names: Vec<(&String, &usize)> = aliases.names.iter().collect();
    names.sort_unstable();
    let mut people: Vec<&usize> = aliases.person_profiles.iter().collect();
    people.sort_unstable();
    FxBuildHasher.hash_one((names, people))
}
