//! The language: the word lists of `src/lang/en/` and the lexicon that reads them.

mod lexicon;

pub use lexicon::*;
