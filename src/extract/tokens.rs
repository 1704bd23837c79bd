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

/// Byte offsets are 32-bit (source files are at most 32 MiB): a token is 12 bytes rather than
/// 24, and a paragraph's tokens are read many times over by the name rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    start: u32,
    end: u32,
    pub shape: Shape,
    /// Word tokens only: false for punctuation.
    pub word: bool,
    /// First word of a sentence (after any opening quotes).
    pub sentence_start: bool,
    /// The word carried a possessive `'s` (not included in the span).
    pub possessive: bool,
}

impl Token {
    /// Byte offset of the token's start in its paragraph.
    pub fn start(&self) -> usize {
        self.start as usize
    }

    /// Byte offset just past the token.
    pub fn end(&self) -> usize {
        self.end as usize
    }

    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.start()..self.end()]
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

/// The character starting at byte `i` (which must be a character boundary), read without
/// decoding when it is ASCII (most of the text this sees).
fn char_at(src: &str, i: usize) -> Option<char> {
    match src.as_bytes().get(i) {
        None => None,
        Some(&b) if b.is_ascii() => Some(b as char),
        Some(_) => src[i..].chars().next(),
    }
}

pub fn tokenize(src: &str) -> Vec<Token> {
    // Source files are at most 32 MiB, so offsets fit in 32 bits.
    debug_assert!(src.len() <= u32::MAX as usize);
    let bytes = src.as_bytes();
    let mut tokens = Vec::with_capacity(src.len() / 5);
    let starts: Vec<usize> = sentence_ranges(src).into_iter().map(|r| r.start).collect();
    let mut next_sentence = 0;
    let mut at_sentence_start = true;
    let mut i = 0;
    while i < bytes.len() {
        while next_sentence < starts.len() && starts[next_sentence] <= i {
            at_sentence_start = true;
            next_sentence += 1;
        }
        // `i` is always at a character boundary, so there is a character here.
        let c = char_at(src, i).unwrap_or(' ');
        let len = c.len_utf8();
        if c.is_whitespace() {
            i += len;
            continue;
        }
        if !is_word_char(c) {
            tokens.push(Token {
                start: i as u32,
                end: (i + len) as u32,
                shape: Shape::Other,
                word: false,
                sentence_start: false,
                possessive: false,
            });
            i += len;
            continue;
        }
        let mut end = i + len;
        // Letters and digits run on byte by byte; a joiner stays in the word only when a
        // letter or digit follows it.
        while end < bytes.len() {
            let d = bytes[end];
            if d.is_ascii_alphanumeric() {
                end += 1;
                continue;
            }
            let Some(d) = char_at(src, end) else { break };
            let next = end + d.len_utf8();
            if is_word_char(d) || (is_joiner(d) && char_at(src, next).is_some_and(is_word_char)) {
                end = next;
            } else {
                break;
            }
        }
        // "U.S." and "W.": keep the closing period of abbreviations made of single letters.
        if bytes.get(end) == Some(&b'.') {
            let word = &src[i..end];
            if (word.len() == 1 || word.contains('.'))
                && word.chars().all(|c| c.is_alphabetic() || c == '.')
            {
                end += 1;
            }
        }
        let word = &src[i..end];
        let mut possessive = false;
        let mut span_end = end;
        if word.ends_with(['s', 'S']) {
            for suffix in ["'s", "’s", "'S", "’S"] {
                if word.len() > suffix.len() + 1 && word.ends_with(suffix) {
                    span_end = end - suffix.len();
                    possessive = true;
                    break;
                }
            }
        }
        tokens.push(Token {
            start: i as u32,
            end: span_end as u32,
            shape: shape_of(&src[i..span_end]),
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
    if w.is_ascii() {
        return ascii_shape(w.as_bytes());
    }
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

/// [`shape_of`] for ASCII words, byte by byte.
fn ascii_shape(w: &[u8]) -> Shape {
    match w.first() {
        Some(b) if b.is_ascii_uppercase() => {
            let (mut letters, mut upper) = (0usize, 0usize);
            for b in w.iter().filter(|b| b.is_ascii_alphabetic()) {
                letters += 1;
                upper += usize::from(b.is_ascii_uppercase());
            }
            if letters == 1 {
                if w.ends_with(b".") {
                    Shape::Initial
                } else {
                    Shape::Upper
                }
            } else if letters == upper {
                Shape::Upper
            } else {
                Shape::Capitalised
            }
        }
        Some(b) if b.is_ascii_lowercase() => {
            // "al-Assad", "el-Sisi", "bin-Salman": see `shape_of`.
            match w.iter().position(|&b| b == b'-') {
                Some(h) if h <= 3 && w.get(h + 1).is_some_and(u8::is_ascii_uppercase) => {
                    Shape::Capitalised
                }
                _ => Shape::Lower,
            }
        }
        _ => Shape::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokenizer written plainly, character by character, with a general shape test:
    /// the byte-wise one must agree with it.
    fn plain_tokenize(src: &str) -> Vec<Token> {
        let starts: Vec<usize> = sentence_ranges(src).into_iter().map(|r| r.start).collect();
        let chars: Vec<(usize, char)> = src.char_indices().collect();
        let mut tokens = Vec::new();
        let (mut next_sentence, mut at_start) = (0, true);
        let mut k = 0;
        while k < chars.len() {
            let (i, c) = chars[k];
            while next_sentence < starts.len() && starts[next_sentence] <= i {
                at_start = true;
                next_sentence += 1;
            }
            k += 1;
            if c.is_whitespace() {
                continue;
            }
            if !c.is_alphanumeric() {
                let (end, shape) = (i + c.len_utf8(), Shape::Other);
                let (word, sentence_start, possessive) = (false, false, false);
                tokens.push(Token {
                    start: i as u32,
                    end: end as u32,
                    shape,
                    word,
                    sentence_start,
                    possessive,
                });
                continue;
            }
            while k < chars.len() {
                let d = chars[k].1;
                let next_is_word = chars.get(k + 1).is_some_and(|n| n.1.is_alphanumeric());
                if !(d.is_alphanumeric() || (is_joiner(d) && next_is_word)) {
                    break;
                }
                k += 1;
            }
            let mut end = chars.get(k).map_or(src.len(), |c| c.0);
            let word = &src[i..end];
            if src[end..].starts_with('.')
                && (word.len() == 1 || word.contains('.'))
                && word.chars().all(|c| c.is_alphabetic() || c == '.')
            {
                end += 1;
                k += 1;
            }
            let word = &src[i..end];
            let suffix = ["'s", "’s", "'S", "’S"]
                .into_iter()
                .find(|s| word.len() > s.len() + 1 && word.ends_with(s));
            let span_end = end - suffix.map_or(0, str::len);
            tokens.push(Token {
                start: i as u32,
                end: span_end as u32,
                shape: general_shape(&src[i..span_end]),
                word: true,
                sentence_start: at_start,
                possessive: suffix.is_some(),
            });
            at_start = false;
        }
        tokens
    }

    /// The word shapes by their definition, on characters.
    fn general_shape(w: &str) -> Shape {
        let first = w.chars().next().unwrap();
        if first.is_uppercase() {
            let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
            return match letters.len() {
                1 if w.ends_with('.') => Shape::Initial,
                1 => Shape::Upper,
                _ if letters.iter().all(|c| c.is_uppercase()) => Shape::Upper,
                _ => Shape::Capitalised,
            };
        }
        if first.is_lowercase() {
            let glued = w.split_once('-').is_some_and(|(head, tail)| {
                head.len() <= 3 && tail.chars().next().is_some_and(char::is_uppercase)
            });
            return if glued {
                Shape::Capitalised
            } else {
                Shape::Lower
            };
        }
        Shape::Other
    }

    proptest::proptest! {
        #[test]
        fn byte_wise_tokens_agree_with_the_plain_definition(
            src in "[aAbZ9 .,'’&sS\n\"é\u{2011}\u{a0}É-]{0,28}"
        ) {
            proptest::prop_assert_eq!(tokenize(&src), plain_tokenize(&src));
        }

        #[test]
        fn byte_wise_tokens_agree_on_name_like_words(
            src in "((al-Assad|bin-Salman|abc-De|abcd-Ef|U\\.S\\.|W\\.|O'Brien|Trump’s|JAMES'S|NATO|É\\.|Éric|said|[aAé9’'.&-]{1,4})[ ,.\n\"]{1,2}){0,8}"
        ) {
            proptest::prop_assert_eq!(tokenize(&src), plain_tokenize(&src));
        }
    }

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
