//! Words the collection writes in lower case, counted once over the corpus.

use super::*;

/// Words the corpus writes in lower case: a capitalised one of these at the start of a
/// sentence is an ordinary word, not a name. Counted once over the whole corpus.
#[derive(Debug, Default)]
pub struct CommonWords {
    counts: FxHashMap<String, u32>,
}

impl CommonWords {
    /// Lower-case words need this many uses to count as common.
    const MIN_USES: u32 = 2;

    pub fn from_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> CommonWords {
        CommonWords::default().count(texts)
    }

    /// Counts the lower-case words of more texts (one map per thread, not one per item).
    pub fn count<'a>(mut self, texts: impl IntoIterator<Item = &'a str>) -> CommonWords {
        for text in texts {
            if text.is_ascii() {
                // Nearly all text: letter runs found byte by byte, no characters decoded.
                let b = text.as_bytes();
                let mut i = 0;
                while i < b.len() {
                    if !b[i].is_ascii_alphabetic() {
                        i += 1;
                        continue;
                    }
                    let start = i;
                    while i < b.len() && b[i].is_ascii_alphabetic() {
                        i += 1;
                    }
                    if i - start > 2 && b[start].is_ascii_lowercase() {
                        self.add(&text[start..i]);
                    }
                }
            } else {
                for w in text.split(|c: char| !c.is_alphabetic()) {
                    if w.len() > 2 && w.starts_with(|c: char| c.is_lowercase()) {
                        self.add(w);
                    }
                }
            }
        }
        self
    }

    fn add(&mut self, w: &str) {
        match self.counts.get_mut(w) {
            Some(n) => *n += 1,
            None => {
                self.counts.insert(w.to_string(), 1);
            }
        }
    }

    pub fn merge(self, other: CommonWords) -> CommonWords {
        // Fold the smaller map into the larger.
        let (mut big, small) = if self.counts.len() >= other.counts.len() {
            (self, other)
        } else {
            (other, self)
        };
        for (w, n) in small.counts {
            *big.counts.entry(w).or_insert(0) += n;
        }
        big
    }

    pub fn is_common(&self, capitalised: &str) -> bool {
        self.answer(capitalised).1
    }

    /// [`is_common`](Self::is_common), with the hash of the word asked about (in lower
    /// case), which is how the memo of the document pass remembers the question.
    pub(super) fn answer(&self, capitalised: &str) -> (u64, bool) {
        let lower = capitalised.to_lowercase();
        let common = self
            .counts
            .get(&lower)
            .is_some_and(|&n| n >= Self::MIN_USES);
        (word_hash(&lower), common)
    }

    /// The hashes of the common words, to check a memo's answers against.
    pub(super) fn common_hashes(&self) -> rustc_hash::FxHashSet<u64> {
        self.counts
            .iter()
            .filter(|&(_, &n)| n >= Self::MIN_USES)
            .map(|(w, _)| word_hash(w))
            .collect()
    }
}

fn word_hash(lower: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// ASCII text counted byte by byte gives the counts the character split gives: a
        /// trailing non-ASCII word sends the same text down the other path.
        #[test]
        fn common_words_count_alike_on_both_paths(s in "[a-zA-Z ,.'0-9-]{0,40}") {
            let ascii = CommonWords::from_texts([s.as_str()]);
            let wide = format!("{s} é");
            let general = CommonWords::from_texts([wide.as_str()]);
            proptest::prop_assert_eq!(ascii.counts, general.counts);
        }
    }
}
