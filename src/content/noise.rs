//! Wire-service and web-scrape boiler plate that arrives inside plain-text articles.
//!
//! A noise pattern matches a whole line, case-insensitively, after trimming white space and
//! trailing `:`/`|`/`.`; `*` matches any run of characters. Lines are only dropped when the
//! whole line matches, so a sentence that merely starts with "Read more" is kept. The built-in
//! patterns are a word list of the language (`src/lang/en/noise_patterns.txt`).

use crate::config::NoiseConfig;

#[derive(Debug, Clone)]
pub struct NoisePatterns {
    /// Lower-cased patterns split at `*`: a line matches when the pieces occur in order,
    /// the first at the start and the last at the end.
    patterns: Vec<Vec<String>>,
    /// The longest first piece: a line whose normalised start is at least this long and
    /// begins with no first piece cannot match.
    longest_first: usize,
}

/// Bytes of a line looked at before normalising all of it.
const HEAD_BYTES: usize = 96;

impl NoisePatterns {
    pub fn new(config: &NoiseConfig) -> Self {
        // The built-in list, `noise_patterns.txt` of the language folder; `noise.use_defaults:
        // false` in `gazette.yaml` switches it off.
        let defaults = if config.use_defaults {
            crate::lang::Lexicon::get().noise_patterns()
        } else {
            &[]
        }
        .iter()
        .map(|s| s.to_string());
        let patterns: Vec<Vec<String>> = defaults
            .chain(config.patterns.iter().cloned())
            .map(|p| normalise(&p).split('*').map(str::to_string).collect())
            .collect();
        let longest_first = patterns
            .iter()
            .map(|p| p.first().map_or(0, String::len))
            .max()
            .unwrap_or(0);
        NoisePatterns {
            patterns,
            longest_first,
        }
    }

    pub fn is_noise(&self, line: &str) -> bool {
        // Most lines are long paragraphs of text: their first words rule them out without
        // normalising the whole line.
        let line = line.trim_start();
        if line.len() > HEAD_BYTES && self.longest_first + 8 <= HEAD_BYTES {
            let mut cut = HEAD_BYTES;
            while !line.is_char_boundary(cut) {
                cut -= 1;
            }
            let head = &line[..cut];
            let mut buf = [0u8; HEAD_BYTES];
            let owned;
            let head: &[u8] = if head.is_ascii() {
                // Only as much as the longest first piece is needed to rule a line out.
                normalise_ascii_into(head.as_bytes(), &mut buf[..self.longest_first])
            } else {
                owned = normalise_general(head);
                owned.as_bytes()
            };
            if head.len() >= self.longest_first
                && !self
                    .patterns
                    .iter()
                    .any(|p| p.first().is_none_or(|f| head.starts_with(f.as_bytes())))
            {
                return false;
            }
        }
        let line = normalise(line);
        if line.is_empty() {
            return false;
        }
        self.patterns.iter().any(|p| glob_match(p, &line))
    }
}

impl Default for NoisePatterns {
    fn default() -> Self {
        NoisePatterns::new(&NoiseConfig::default())
    }
}

/// Lower case, separators such as `:` and `|` read as spaces, white space squashed, trailing
/// punctuation dropped: `READ MORE: Talks stall` and `read more talks stall` match alike.
fn normalise(s: &str) -> String {
    normalise_head(s).trim_end_matches(['.', ' ']).to_string()
}

/// [`normalise`] without dropping trailing punctuation: what the start of a line becomes.
fn normalise_head(s: &str) -> String {
    if s.is_ascii() {
        return normalise_ascii(s.as_bytes());
    }
    normalise_general(s)
}

/// [`normalise_ascii`] into `out`, stopping when it is full; returns the filled part.
fn normalise_ascii_into<'a>(s: &[u8], out: &'a mut [u8]) -> &'a [u8] {
    let mut n = 0;
    let mut gap = false;
    for &b in s {
        if n == out.len() {
            break;
        }
        if matches!(
            b,
            b':' | b'|' | b'>' | b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'
        ) {
            gap = n > 0;
            continue;
        }
        if gap {
            out[n] = b' ';
            n += 1;
            gap = false;
            if n == out.len() {
                break;
            }
        }
        out[n] = b.to_ascii_lowercase();
        n += 1;
    }
    &out[..n]
}

/// [`normalise_head`] for ASCII text (nearly every line) in one pass: separators become
/// spaces, runs of white space one space, letters lower case.
fn normalise_ascii(s: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for &b in s {
        if matches!(
            b,
            b':' | b'|' | b'>' | b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'
        ) {
            gap = !out.is_empty();
            continue;
        }
        if gap {
            out.push(' ');
            gap = false;
        }
        out.push(b.to_ascii_lowercase() as char);
    }
    out
}

fn normalise_general(s: &str) -> String {
    let spaced: String = s
        .chars()
        .map(|c| {
            if matches!(c, ':' | '|' | '»' | '›' | '>') {
                ' '
            } else {
                c
            }
        })
        .collect();
    crate::text::squash_whitespace(&spaced).to_lowercase()
}

fn glob_match(pieces: &[String], line: &str) -> bool {
    match pieces {
        [] => line.is_empty(),
        [only] => line == only,
        [first, middle @ .., last] => {
            if !line.starts_with(first.as_str()) || line.len() < first.len() + last.len() {
                return false;
            }
            if !line[first.len()..].ends_with(last.as_str()) {
                return false;
            }
            let mut rest = &line[first.len()..line.len() - last.len()];
            for piece in middle {
                match rest.find(piece.as_str()) {
                    Some(i) => rest = &rest[i + piece.len()..],
                    None => return false,
                }
            }
            true
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The one-pass ASCII normalisation gives what the general one gives.
        #[test]
        fn ascii_heads_normalise_as_any_text_does(s in "[aB:|> \t\n\x0B\x0C\r.x]{0,24}") {
            proptest::prop_assert_eq!(normalise_ascii(s.as_bytes()), normalise_general(&s));
        }

        /// Normalising into a short buffer gives the start of the whole normalised text.
        #[test]
        fn bounded_heads_are_prefixes(s in "[aB:|> \t\n\x0B.x]{0,24}", k in 0usize..12) {
            let mut buf = [0u8; 12];
            let whole = normalise_ascii(s.as_bytes());
            let head = normalise_ascii_into(s.as_bytes(), &mut buf[..k]);
            proptest::prop_assert_eq!(head, &whole.as_bytes()[..k.min(whole.len())]);
        }
    }

    #[test]
    fn default_noise_lines() {
        let n = NoisePatterns::default();
        for line in [
            "Also Read",
            "  ALSO READ:  ",
            "Advertisement",
            "READ MORE",
            "Read more: Peace talks stall",
            "Story continues below advertisement",
        ] {
            assert!(n.is_noise(line), "{line:?} should be noise");
        }
        for line in [
            "Also, reading the report, Rubio said no.",
            "Advertisement revenue fell 3 pct.",
            "The related talks continue.",
            "",
        ] {
            assert!(!n.is_noise(line), "{line:?} is text");
        }
    }

    #[test]
    fn configured_patterns_and_no_defaults() {
        let n = NoisePatterns::new(&NoiseConfig {
            patterns: vec!["Sponsored by *".into(), "*-- end --*".into()],
            use_defaults: false,
        });
        assert!(n.is_noise("Sponsored by ACME"));
        assert!(n.is_noise("text -- end -- text"));
        assert!(!n.is_noise("Also Read"));
        // Long lines are judged by their start first; a pattern that starts with `*` can
        // match anywhere, so such lines are still read in full.
        let long = "word ".repeat(100);
        assert!(n.is_noise(&format!("{long}-- end --{long}")));
        assert!(n.is_noise(&format!("Sponsored by {long}")));
    }

    #[test]
    fn long_lines_are_judged_whole() {
        let n = NoisePatterns::default();
        let headline = "Peace talks stall as delegates leave the capital ".repeat(5);
        assert!(n.is_noise(&format!("READ MORE:     {headline}")));
        assert!(n.is_noise(&format!("{}Read more: {headline}", " ".repeat(200))));
        assert!(!n.is_noise(&format!("Officials said {headline}")));
    }
}
