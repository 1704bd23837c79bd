//! Words and terms: splitting text into words, folding them into terms, and counting the terms
//! of one item.

use rustc_hash::FxHashMap;

use super::TopicInput;
use crate::lang::Lexicon;

/// The stop words by their term hash: a word is hashed once, and that hash both rules out
/// stop words and keys the term.
pub(super) fn stopwords() -> &'static rustc_hash::FxHashSet<u64> {
    static SET: std::sync::LazyLock<rustc_hash::FxHashSet<u64>> =
        std::sync::LazyLock::new(|| Lexicon::get().topic_stopwords().map(term_hash).collect());
    &SET
}

/// Folds a word into its term in `buf`: lower case, crude plural folding ("talks" -> "talk",
/// "policies" -> "policy"). Returns the term's hash, or None for words that are not terms
/// (short, numeric, stop words).
pub(super) fn normalise_term(w: &str, buf: &mut String) -> Option<u64> {
    if w.len() < 3 {
        return None;
    }
    buf.clear();
    // Nearly every word is ASCII: checked and lowered in one pass over its bytes.
    let mut ascii = w.as_bytes()[0].is_ascii_alphabetic();
    if ascii {
        for &c in w.as_bytes() {
            if c.is_ascii_digit() {
                return None;
            }
            if !c.is_ascii() {
                ascii = false;
                break;
            }
            buf.push(c.to_ascii_lowercase() as char);
        }
    }
    if !ascii {
        buf.clear();
        if !w.starts_with(char::is_alphabetic) || w.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
        for c in w.chars() {
            buf.extend(c.to_lowercase());
        }
    }
    let hash = term_hash(buf);
    if stopwords().contains(&hash) {
        return None;
    }
    if buf.len() >= 6 && buf.ends_with("ies") {
        buf.truncate(buf.len() - 3);
        buf.push('y');
    } else if buf.len() >= 5
        && buf.ends_with('s')
        && !buf.ends_with("ss")
        && !buf.ends_with("us")
        && !buf.ends_with("is")
    {
        buf.pop();
    } else {
        return Some(hash);
    }
    Some(term_hash(buf))
}

/// Characters a word is made of: letters and digits, with apostrophes, hyphens and periods
/// inside ("U.S.", "al-Assad", "O'Brien").
pub(super) fn is_term_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '.')
}

/// [`is_term_char`] for each ASCII byte, so most text is split without decoding.
pub(super) static ASCII_TERM_CHAR: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric() || matches!(b as u8, b'\'' | b'-' | b'.');
        b += 1;
    }
    t
};

/// The words of a text: runs of [`is_term_char`], without leading or trailing joiners or a
/// possessive `'s`.
pub(super) fn words(text: &str) -> Words<'_> {
    Words { text, pos: 0 }
}

pub(super) struct Words<'a> {
    pub(super) text: &'a str,
    pub(super) pos: usize,
}

impl<'a> Words<'a> {
    /// Whether the character at `self.pos` belongs to a word, and its length in bytes.
    pub(super) fn at(&self) -> (bool, usize) {
        let b = self.text.as_bytes()[self.pos];
        if b.is_ascii() {
            return (ASCII_TERM_CHAR[b as usize], 1);
        }
        let c = self.text[self.pos..].chars().next().unwrap_or(' ');
        (is_term_char(c), c.len_utf8())
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let len = self.text.len();
        loop {
            while self.pos < len {
                let (word, n) = self.at();
                if word {
                    break;
                }
                self.pos += n;
            }
            if self.pos >= len {
                return None;
            }
            let start = self.pos;
            while self.pos < len {
                let (word, n) = self.at();
                if !word {
                    break;
                }
                self.pos += n;
            }
            let w =
                self.text[start..self.pos].trim_matches(|c| matches!(c, '\'' | '’' | '-' | '.'));
            let w = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .unwrap_or(w);
            if !w.is_empty() {
                return Some(w);
            }
        }
    }
}

pub(super) fn term_hash(term: &str) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = rustc_hash::FxBuildHasher.build_hasher();
    h.write(term.as_bytes());
    h.finish()
}

/// One term of one item: its hash, a written form for display, its weighted count, and whether
/// the item writes it in lower case.
pub(super) type TermCount<'a> = (u64, &'a str, f32, bool);

/// Term counts of one item: title words count three times, the lede twice.
pub(super) fn term_counts<'a>(input: &TopicInput<'a>) -> Vec<TermCount<'a>> {
    thread_local! {
        /// Term hash -> its place in the item's list: one table per thread, cleared for each
        /// item rather than built and grown again.
        static SLOTS: std::cell::RefCell<FxHashMap<u64, u32>> = Default::default();
    }
    SLOTS.with_borrow_mut(|slots| {
        slots.clear();
        let mut v: Vec<TermCount<'a>> = Vec::new();
        let mut buf = String::new();
        let mut add = |text: &'a str, weight: f32| {
            for w in words(text) {
                if let Some(hash) = normalise_term(w, &mut buf) {
                    let lower = w.starts_with(char::is_lowercase);
                    let slot = *slots.entry(hash).or_insert_with(|| {
                        v.push((hash, w, 0.0, false));
                        (v.len() - 1) as u32
                    });
                    let e = &mut v[slot as usize];
                    e.2 += weight;
                    e.3 |= lower;
                }
            }
        };
        add(input.title, 3.0);
        for (i, p) in input.paragraphs.iter().enumerate().take(12) {
            add(p, if i == 0 { 2.0 } else { 1.0 });
        }
        v.sort_unstable_by_key(|e| e.0);
        v
    })
}
