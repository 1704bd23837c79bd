//! A tokenizer for news prose: words with their byte spans, capitalisation and sentence starts.

use crate::text::sentence_ranges;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `Rubio`, `McDonald`, `al-Assad`: an upper-case letter followed by lower case.
    Capitalised,
    /// `NATO`, `U.S.`, `IMF`: two or more letters, all upper case.
    Upper,
    /// `W.`: a single capital with its period.
    Initial,
    /// `said`, `von`: starts lower case.
    Lower,
    /// Numbers and anything else.
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub shape: Shape,
    /// Word tokens only: false for punctuation.
    pub word: bool,
    /// First word of a sentence (after any opening quotes).
    pub sentence_start: bool,
    /// The word carried a possessive `'s` (not included in the span).
    pub possessive: bool,
}

impl Token {
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.start..self.end]
    }

    pub fn is_capitalised(&self) -> bool {
        matches!(self.shape, Shape::Capitalised | Shape::Initial)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Characters that may sit inside a word when a letter or digit follows them.
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '&' | '‑')
}

/// The character starting at byte `i`, read without decoding when it is ASCII (most of the
/// text this sees).
fn char_at(src: &str, i: usize) -> Option<char> {
    match src.as_bytes().get(i) {
        None => None,
        Some(&b) if b.is_ascii() => Some(b as char),
        Some(_) => src[i..].chars().next(),
    }
}

pub fn tokenize(src: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(src.len() / 5);
    let starts: Vec<usize> = sentence_ranges(src).into_iter().map(|r| r.start).collect();
    let mut next_sentence = 0;
    let mut at_sentence_start = true;
    let mut i = 0;
    while let Some(c) = char_at(src, i) {
        while next_sentence < starts.len() && starts[next_sentence] <= i {
            at_sentence_start = true;
            next_sentence += 1;
        }
        let len = c.len_utf8();
        if c.is_whitespace() {
            i += len;
            continue;
        }
        if !is_word_char(c) {
            tokens.push(Token {
                start: i,
                end: i + len,
                shape: Shape::Other,
                word: false,
                sentence_start: false,
                possessive: false,
            });
            i += len;
            continue;
        }
        let mut end = i + len;
        while let Some(d) = char_at(src, end) {
            // A joiner stays in the word only when a letter or digit follows it.
            let joins =
                || is_joiner(d) && char_at(src, end + d.len_utf8()).is_some_and(is_word_char);
            if !(is_word_char(d) || joins()) {
                break;
            }
            end += d.len_utf8();
        }
        let mut word = &src[i..end];
        // "U.S." and "W.": keep the closing period of abbreviations made of single letters.
        if src[end..].starts_with('.')
            && (word.len() == 1 || word.contains('.'))
            && word.chars().all(|c| c.is_alphabetic() || c == '.')
        {
            end += 1;
            word = &src[i..end];
        }
        let mut possessive = false;
        let mut span_end = end;
        for suffix in ["'s", "’s", "'S", "’S"] {
            if word.len() > suffix.len() + 1 && word.ends_with(suffix) {
                span_end = end - suffix.len();
                possessive = true;
                break;
            }
        }
        let text = &src[i..span_end];
        tokens.push(Token {
            start: i,
            end: span_end,
            shape: shape_of(text),
            word: true,
            sentence_start: at_sentence_start,
            possessive,
        });
        at_sentence_start = false;
        i = end;
    }
    tokens
}

pub fn shape_of(w: &str) -> Shape {
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return Shape::Other;
    };
    if first.is_uppercase() {
        // Counted without collecting: this runs for every capitalised word of the corpus.
        let (mut letters, mut upper) = (0usize, 0usize);
        for c in w.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            upper += usize::from(c.is_uppercase());
        }
        if letters == 1 {
            return if w.ends_with('.') {
                Shape::Initial
            } else {
                Shape::Upper
            };
        }
        if letters == upper {
            return Shape::Upper;
        }
        return Shape::Capitalised;
    }
    if first.is_lowercase() {
        // "al-Assad", "el-Sisi", "bin-Salman": a lower-case particle glued to a capitalised name.
        if let Some((head, tail)) = w.split_once('-')
            && head.len() <= 3
            && tail.chars().next().is_some_and(char::is_uppercase)
        {
            return Shape::Capitalised;
        }
        return Shape::Lower;
    }
    Shape::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(src: &str) -> Vec<(String, Shape, bool, bool)> {
        tokenize(src)
            .into_iter()
            .filter(|t| t.word)
            .map(|t| {
                (
                    t.text(src).to_string(),
                    t.shape,
                    t.sentence_start,
                    t.possessive,
                )
            })
            .collect()
    }

    #[test]
    fn shapes_possessives_and_sentences() {
        let w = words("Trump’s envoy met U.S. officials. NATO and George W. Bush agreed.");
        assert_eq!(w[0], ("Trump".into(), Shape::Capitalised, true, true));
        assert_eq!(w[3].0, "U.S.");
        assert_eq!(w[3].1, Shape::Upper);
        assert_eq!(w[5], ("NATO".into(), Shape::Upper, true, false));
        assert_eq!(w[8].0, "W.");
        assert_eq!(w[8].1, Shape::Initial);
        assert!(!w[9].2);
    }

    #[test]
    fn joined_words() {
        let w = words("Bashar al-Assad met O'Brien in Russia-Ukraine talks.");
        assert_eq!(w[1].0, "al-Assad");
        assert_eq!(w[1].1, Shape::Capitalised);
        assert_eq!(w[3].0, "O'Brien");
        assert_eq!(w[5].0, "Russia-Ukraine");
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in ["", "'", "’s", "a.", ".a", "É.", "x'’s", "\u{0301}a"] {
            let _ = tokenize(s);
        }
    }
}
