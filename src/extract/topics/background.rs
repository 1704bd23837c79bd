//! Background statistics of English: how likely a news article is to contain a term, from the
//! word frequencies of a large general corpus (`lang/en/word_frequency.txt`, built from
//! wordfreq by `scripts/build_english_stats.py`).
//!
//! A collection's own document frequencies say little when it is small: in eleven articles
//! "trying" and "basilica" are each in one, and look equally distinctive. Blending in what
//! English in general uses tells them apart (see [`idf`]); in a large collection its own
//! statistics dominate.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::terms::normalise_term;
use crate::lang::Lexicon;

/// Words in a typical news article, to turn a word's frequency into the share of articles
/// containing it.
const WORDS_PER_ARTICLE: f64 = 500.0;
/// The Zipf frequency of a word the list does not know (its rarest words are about 2.4): a
/// name or a rare word.
const UNSEEN_ZIPF: f64 = 2.0;
/// How many documents the background counts for when blended with the collection's own
/// counts: decisive for a few dozen articles, negligible for ten thousand.
const BACKGROUND_DOCS: f32 = 400.0;

/// Share of articles containing a term, by the term's hash (after [`normalise_term`], so the
/// forms "talk" and "talks" add up into one term).
fn shares() -> &'static FxHashMap<u64, f32> {
    static SHARES: LazyLock<FxHashMap<u64, f32>> = LazyLock::new(|| {
        let mut freq: FxHashMap<u64, f64> = FxHashMap::default();
        let mut buf = String::new();
        for (word, zipf) in Lexicon::get().word_frequencies() {
            let (Some(hash), Ok(zipf)) = (normalise_term(word, &mut buf), zipf.parse::<f64>())
            else {
                continue;
            };
            *freq.entry(hash).or_insert(0.0) += 10f64.powf(zipf - 9.0);
        }
        freq.into_iter()
            .map(|(h, f)| (h, article_share(f) as f32))
            .collect()
    });
    &SHARES
}

/// The chance that an article of [`WORDS_PER_ARTICLE`] words contains a word of frequency `f`
/// (occurrences per word), words drawn independently.
fn article_share(f: f64) -> f64 {
    1.0 - (-WORDS_PER_ARTICLE * f).exp()
}

/// Share of English news articles expected to contain the term with this hash.
pub(super) fn share(term: u64) -> f32 {
    shares()
        .get(&term)
        .copied()
        .unwrap_or_else(|| article_share(10f64.powf(UNSEEN_ZIPF - 9.0)) as f32)
}

/// Inverse document frequency of a feature found in `df` of the collection's `n` items, with
/// `background` the share of English articles expected to contain it: the background counts
/// as [`BACKGROUND_DOCS`] more documents.
pub(super) fn idf(df: u32, n: usize, background: f32) -> f32 {
    let docs = n as f32 + BACKGROUND_DOCS;
    (1.0 + docs / (df as f32 + BACKGROUND_DOCS * background)).ln()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::topics::terms::term_hash;

    #[test]
    fn common_words_weigh_less_than_rare_ones_in_a_small_collection() {
        // "trying" and "basilica" each in one of eleven articles.
        let trying = idf(1, 11, share(term_hash("trying")));
        let basilica = idf(1, 11, share(term_hash("basilica")));
        let name = idf(1, 11, share(term_hash("zelenskyy")));
        assert!(trying + 1.0 < basilica, "{trying} {basilica}");
        assert!(basilica <= name, "{basilica} {name}");
    }

    #[test]
    fn plural_and_singular_share_one_figure() {
        assert!(share(term_hash("talk")) > share(term_hash("summit")));
    }

    #[test]
    fn a_large_collection_weighs_its_own_counts() {
        // A word in every other article of 100,000 is not distinctive, however rare in English.
        let own = idf(50_000, 100_000, share(term_hash("basilica")));
        assert!(own < 1.2, "{own}");
    }
}
