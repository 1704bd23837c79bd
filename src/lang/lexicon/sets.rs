//! The set types of the lexicon and the lookups on them: short lists as sets of the text
//! compiled in, case-insensitive lookups lowered on the stack, and the quick test on a
//! particle's first two bytes.

use std::borrow::Cow;

use rustc_hash::FxHashSet;

use crate::lang::lines;

/// A short word list as a set of the text compiled in, with the length of its longest entry:
/// a longer word (most words, for most lists) is ruled out without hashing. Answers as the
/// list's `contains` would.
#[derive(Debug, Default)]
pub(super) struct WordSet {
    words: FxHashSet<Cow<'static, str>>,
    max_len: usize,
}

impl WordSet {
    pub(super) fn new(list: &'static str) -> WordSet {
        lines(list).map(Cow::Borrowed).collect()
    }

    pub(super) fn contains(&self, w: &str) -> bool {
        w.len() <= self.max_len && self.words.contains(w)
    }

    /// Whether the set holds `w` with its ASCII letters lowered; text that is not ASCII
    /// never matches (every entry of the lists asked this way is ASCII).
    pub(super) fn contains_ascii_lower(&self, w: &str) -> bool {
        const MAX: usize = 64;
        if w.len() > self.max_len.min(MAX) || !w.is_ascii() {
            return false;
        }
        let mut buf = [0u8; MAX];
        let lower = &mut buf[..w.len()];
        lower.copy_from_slice(w.as_bytes());
        lower.make_ascii_lowercase();
        std::str::from_utf8(lower).is_ok_and(|l| self.words.contains(l))
    }
}

impl FromIterator<Cow<'static, str>> for WordSet {
    fn from_iter<I: IntoIterator<Item = Cow<'static, str>>>(iter: I) -> WordSet {
        let words: FxHashSet<Cow<'static, str>> = iter.into_iter().collect();
        let max_len = words.iter().map(|w| w.len()).max().unwrap_or(0);
        WordSet { words, max_len }
    }
}

/// The entries of a list that must have exactly `N` of them, in order (months, weekdays).
pub(super) fn ordered<const N: usize>(list: &'static str, name: &str) -> [&'static str; N] {
    let entries: Vec<&'static str> = lines(list).collect();
    entries.try_into().unwrap_or_else(|entries: Vec<&str>| {
        panic!("{name}.txt has {} entries, not {N}", entries.len())
    })
}

/// The bit of [`Lexicon::particle_starts`] for a word's second byte (None: a one-letter word).
pub(super) fn second_byte_bit(second: Option<&u8>) -> u32 {
    match second {
        None => 26,
        Some(b) if b.is_ascii_lowercase() => u32::from(b - b'a'),
        Some(_) => 27,
    }
}

pub(super) fn particle_starts<'a>(particles: impl Iterator<Item = &'a String>) -> [u32; 128] {
    let mut starts = [0u32; 128];
    for p in particles {
        if let [first, rest @ ..] = p.as_bytes()
            && first.is_ascii()
        {
            starts[usize::from(*first)] |= 1 << second_byte_bit(rest.first());
        }
    }
    starts
}

/// Whether a set of lower-case strings holds `s` in lower case. Short ASCII text (nearly every
/// lookup: these run for each capitalised word of the corpus) is lowered on the stack.
pub(super) fn contains_lower(set: &FxHashSet<String>, s: &str) -> bool {
    const MAX: usize = 64;
    if s.len() <= MAX && s.is_ascii() {
        let mut buf = [0u8; MAX];
        let lower = &mut buf[..s.len()];
        lower.copy_from_slice(s.as_bytes());
        lower.make_ascii_lowercase();
        std::str::from_utf8(lower).is_ok_and(|l| set.contains(l))
    } else {
        set.contains(&s.to_lowercase())
    }
}
