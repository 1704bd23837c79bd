//! Small text helpers shared by the stages: slugs, HTML escaping, sentences, trimming.
//! Calendar names and abbreviations are word lists of the language ([`crate::lang`]).

/// A slug for an item named `name` that keeps its own `slug` when it has one: the first of
/// `base`, `base-2`, `base-3`… that `taken` does not hold, where `base` is the slug, else the
/// slugified name, else `fallback` (a name of no letters or digits).
pub fn unique_slug(
    slug: &str,
    name: &str,
    fallback: impl FnOnce() -> String,
    taken: impl Fn(&str) -> bool,
) -> String {
    let base = if slug.is_empty() {
        slugify(name)
    } else {
        slug.to_string()
    };
    let base = if base.is_empty() { fallback() } else { base };
    let mut candidate = base.clone();
    let mut n = 2;
    while taken(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    candidate
}

/// Turns any name into a URL segment: ASCII letters, digits and single hyphens only.
///
/// Non-ASCII letters are transliterated (`Erdoğan` -> `erdogan`), so a slug can never contain
/// `/`, `.` or `..` and cannot escape the output folder. Returns an empty string when nothing
/// usable is left; callers pick a fallback.
pub fn slugify(input: &str) -> String {
    let ascii = deunicode::deunicode(input);
    let mut out = String::with_capacity(ascii.len());
    let mut pending_dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '’' {
            // "O'Brien" -> "obrien", not "o-brien".
        } else {
            pending_dash = true;
        }
        if out.len() >= 80 {
            break;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    push_escaped(&mut out, input);
    out
}

pub fn push_escaped(out: &mut String, input: &str) {
    // The five characters are ASCII, so bytes can be scanned and the text between them copied
    // in runs (this writes every article body).
    out.reserve(input.len());
    let mut run = 0;
    for (i, b) in input.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&input[run..i]);
        out.push_str(entity);
        run = i + 1;
    }
    out.push_str(&input[run..]);
}

/// Collapses runs of white space into single spaces and trims the ends.
pub fn squash_whitespace(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for word in input.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Splits a paragraph into sentences, returning byte ranges into `text`.
///
/// A sentence ends at `.`, `!` or `?` (optionally followed by closing quotes or brackets) when
/// white space and then an upper-case letter, digit or opening quote follow, unless the word
/// before the period is a known abbreviation or a single initial (`George W. Bush`).
pub fn sentence_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut i = 0;
    // Jump from one candidate end to the next rather than looking at every byte.
    while let Some(off) = memchr::memchr3(b'.', b'!', b'?', &bytes[i..]) {
        i += off;
        let b = bytes[i];
        let mut end = i + 1;
        // Closing quotes and brackets belong to the sentence they close.
        while end < bytes.len() {
            let rest = &text[end..];
            let c = rest.chars().next().unwrap_or(' ');
            if matches!(c, '"' | '\'' | ')' | '”' | '’' | ']') {
                end += c.len_utf8();
            } else {
                break;
            }
        }
        let next_non_space = text[end..].char_indices().find(|(_, c)| !c.is_whitespace());
        let has_space = text[end..].starts_with(char::is_whitespace);
        let boundary = match next_non_space {
            None => true,
            Some((_, c)) => {
                has_space
                    && (c.is_uppercase()
                        || c.is_ascii_digit()
                        || matches!(c, '"' | '“' | '‘' | '\'' | '('))
            }
        };
        if boundary && b == b'.' && is_abbreviation(&text[start..i]) {
            i += 1;
            continue;
        }
        if boundary {
            ranges.push(start..end);
            match next_non_space {
                Some((off, _)) => {
                    start = end + off;
                    i = start;
                }
                None => {
                    start = bytes.len();
                    i = bytes.len();
                }
            }
            continue;
        }
        i += 1;
    }
    if start < bytes.len() && !text[start..].trim().is_empty() {
        ranges.push(start..bytes.len());
    }
    ranges
}

fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    if word.len() <= 6 && crate::lang::Lexicon::get().is_abbreviation(word) {
        return true;
    }
    // A single capital letter is an initial ("W." in "George W. Bush").
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// Cuts `text` to at most `max` characters at a word boundary, adding an ellipsis when cut.
pub fn truncate_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut = 0;
    for (count, (idx, c)) in text.char_indices().enumerate() {
        if count >= max {
            break;
        }
        if c.is_whitespace() {
            cut = idx;
        }
    }
    if cut == 0 {
        cut = text
            .char_indices()
            .nth(max)
            .map(|(i, _)| i)
            .unwrap_or(text.len());
    }
    let head = text[..cut].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '–' | '—')
    });
    format!("{head}…")
}

/// The 1-based line number of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_slugs_keep_their_own_and_number_the_taken() {
        let taken = ["port-strike", "port-strike-2"];
        let is_taken = |s: &str| taken.contains(&s);
        assert_eq!(
            unique_slug("", "Port strike", || "x".into(), is_taken),
            "port-strike-3"
        );
        assert_eq!(
            unique_slug("mine", "Port strike", || "x".into(), is_taken),
            "mine"
        );
        assert_eq!(
            unique_slug("", "…", || "topic-4".into(), is_taken),
            "topic-4"
        );
    }

    #[test]
    fn slugs_are_safe_and_readable() {
        assert_eq!(slugify("Marco Rubio"), "marco-rubio");
        assert_eq!(slugify("Recep Tayyip Erdoğan"), "recep-tayyip-erdogan");
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("O'Brien"), "obrien");
        assert_eq!(slugify("  --  "), "");
        assert_eq!(slugify("Ursula von der Leyen"), "ursula-von-der-leyen");
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape_html("USX <X> & \"Moody's\""),
            "USX &lt;X&gt; &amp; &quot;Moody&#39;s&quot;"
        );
        // Text around and between the escaped characters survives byte for byte, including
        // characters of several bytes.
        assert_eq!(
            escape_html("Erdoğan<’>São&&\u{1F600}"),
            "Erdoğan&lt;’&gt;São&amp;&amp;\u{1F600}"
        );
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("<"), "&lt;");
    }

    #[test]
    fn splits_sentences_but_not_abbreviations_or_initials() {
        let t = "Mr. Smith met George W. Bush in the U.S. capital. They talked. \"Fine,\" he said.";
        let s: Vec<&str> = sentence_ranges(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            s,
            vec![
                "Mr. Smith met George W. Bush in the U.S. capital.",
                "They talked.",
                "\"Fine,\" he said."
            ]
        );
    }

    #[test]
    fn decimals_do_not_split() {
        let t = "Prices rose 1.5 pct in March. Analysts said so.";
        assert_eq!(sentence_ranges(t).len(), 2);
    }

    #[test]
    fn truncates_at_word_boundary() {
        assert_eq!(truncate_words("one two three four", 9), "one two…");
        assert_eq!(truncate_words("short", 10), "short");
    }

    #[test]
    fn line_numbers() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
    }
}
