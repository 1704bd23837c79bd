//! The section lexicon: the IPTC Media Topics sections, their sub-sections, and the words and
//! phrases that point to them, read from `sections.txt`, `subsections.txt`, `section_cues.txt`
//! and `section_words.txt` (each file's header gives its format and source).

use rustc_hash::FxHashMap;

use super::{Files, lines};

/// One top-level section.
#[derive(Debug, Clone)]
pub struct SectionDef {
    /// Two-digit IPTC code, "04".
    pub code: &'static str,
    /// Stable URL slug, "business".
    pub slug: &'static str,
    /// Short name a newspaper prints, "Business".
    pub name: &'static str,
    /// IPTC's label, "economy, business and finance".
    pub label: &'static str,
}

impl SectionDef {
    /// The IPTC Media Topics identifier, "medtop:04000000".
    pub fn iptc(&self) -> String {
        format!("medtop:{}000000", self.code)
    }
}

/// A heading inside a section ("Oil" in Business).
#[derive(Debug, Clone)]
pub struct SubsectionDef {
    /// Index of the parent in [`SectionLexicon::sections`].
    pub parent: usize,
    pub slug: &'static str,
    pub name: &'static str,
}

/// What one word or phrase points to.
#[derive(Debug, Clone, Default)]
pub struct Cue {
    /// (section index, weight).
    pub sections: Vec<(u8, f32)>,
    /// Sub-section indices.
    pub subsections: Vec<u16>,
}

#[derive(Debug)]
pub struct SectionLexicon {
    pub sections: Vec<SectionDef>,
    pub subsections: Vec<SubsectionDef>,
    /// Lower-case word or phrase (words joined by one space) -> what it points to, and
    /// whether it starts a longer phrase: one lookup for most words.
    cues: FxHashMap<String, Entry>,
    /// The most words in one phrase.
    max_words: usize,
}

/// A word or phrase of the cue table.
#[derive(Debug, Default)]
struct Entry {
    cue: Option<Cue>,
    /// The first word of a phrase of two words or more: only these start a longer lookup.
    starts_phrase: bool,
}

impl SectionLexicon {
    pub fn new(files: &'static Files) -> SectionLexicon {
        let sections: Vec<SectionDef> = lines(files.sections)
            .filter_map(|l| {
                let mut f = l.split('\t');
                Some(SectionDef {
                    code: f.next()?,
                    slug: f.next()?,
                    name: f.next()?,
                    label: f.next()?,
                })
            })
            .collect();
        let index_of = |code: &str| sections.iter().position(|s| s.code == code);
        let mut cues: FxHashMap<String, Cue> = FxHashMap::default();
        // WordNet-derived words first; hand-written cues replace them.
        for l in lines(files.section_words) {
            let mut f = l.split('\t');
            let (Some(word), Some(code), Some(w)) = (f.next(), f.next(), f.next()) else {
                continue;
            };
            if let (Some(i), Ok(w)) = (index_of(code), w.parse::<f32>()) {
                cues.entry(word.to_string())
                    .or_default()
                    .sections
                    .push((i as u8, w));
            }
        }
        let mut replaced: rustc_hash::FxHashSet<String> = Default::default();
        for l in lines(files.section_cues) {
            let Some((head, list)) = l.split_once(':') else {
                continue;
            };
            let mut h = head.split_whitespace();
            let (Some(i), Some(w)) = (
                h.next().and_then(index_of),
                h.next().and_then(|w| w.parse::<f32>().ok()),
            ) else {
                continue;
            };
            for cue in list.split(',').map(normalise).filter(|c| !c.is_empty()) {
                let entry = cues.entry(cue.clone()).or_default();
                if replaced.insert(cue) {
                    entry.sections.clear();
                }
                entry.sections.push((i as u8, w));
            }
        }
        let mut subsections = Vec::new();
        for l in lines(files.subsections) {
            let mut f = l.split('\t');
            let (Some(parent), Some(slug), Some(name), Some(list)) =
                (f.next().and_then(index_of), f.next(), f.next(), f.next())
            else {
                continue;
            };
            let id = subsections.len() as u16;
            subsections.push(SubsectionDef { parent, slug, name });
            for cue in list.split(',').map(normalise).filter(|c| !c.is_empty()) {
                let entry = cues.entry(cue).or_default();
                entry.subsections.push(id);
                // A sub-section's word points weakly to its section when nothing else
                // claims it ("bushels" is grain, so business).
                if entry.sections.is_empty() {
                    entry.sections.push((parent as u8, 0.5));
                }
            }
        }
        let max_words = cues.keys().map(|k| k.split(' ').count()).max().unwrap_or(1);
        let phrase_starts: Vec<String> = cues
            .keys()
            .filter_map(|k| k.split_once(' ').map(|(first, _)| first.to_string()))
            .collect();
        let mut cues: FxHashMap<String, Entry> = cues
            .into_iter()
            .map(|(k, cue)| {
                let entry = Entry {
                    cue: Some(cue),
                    starts_phrase: false,
                };
                (k, entry)
            })
            .collect();
        for first in phrase_starts {
            cues.entry(first).or_default().starts_phrase = true;
        }
        SectionLexicon {
            sections,
            subsections,
            cues,
            max_words,
        }
    }

    pub fn section_by_slug(&self, slug: &str) -> Option<usize> {
        self.sections.iter().position(|s| s.slug == slug)
    }

    /// Calls `found` for each cue in `text`, longest phrase first at each word: "interest
    /// rates" is one cue, not "interest" and "rates". `extra` holds a site's own keywords
    /// (lower case) with their section.
    pub fn scan(&self, text: &str, extra: &FxHashMap<String, Cue>, mut found: impl FnMut(&Cue)) {
        thread_local! {
            /// The lower-case words of the text being scanned, one space apart, and their
            /// spans: a phrase of words is a slice of it, looked up without building a key.
            static SCRATCH: std::cell::Cell<(String, Vec<(usize, usize)>)> = Default::default();
        }
        let (mut buf, mut spans) = SCRATCH.take();
        lower_words(text, &mut buf, &mut spans);
        let extra_max = extra
            .keys()
            .map(|k| k.split(' ').count())
            .max()
            .unwrap_or(1);
        let lookup = |key: &str| {
            extra
                .get(key)
                .or_else(|| self.cues.get(key).and_then(|e| e.cue.as_ref()))
        };
        let mut i = 0;
        while i < spans.len() {
            let mut step = 1;
            let first = self.cues.get(&buf[spans[i].0..spans[i].1]);
            // Most words start no phrase: one lookup.
            let longest = if extra_max > 1 || first.is_some_and(|e| e.starts_phrase) {
                self.max_words.max(extra_max)
            } else {
                1
            };
            for n in (1..=longest.min(spans.len() - i)).rev() {
                let key = &buf[spans[i].0..spans[i + n - 1].1];
                let direct = if n == 1 {
                    extra
                        .get(key)
                        .or_else(|| first.and_then(|e| e.cue.as_ref()))
                } else {
                    lookup(key)
                };
                // "Apple's", "Fed's": the possessive of a cue.
                let hit = direct.or_else(|| lookup(key.strip_suffix("'s")?));
                if let Some(cue) = hit {
                    found(cue);
                    step = n;
                    break;
                }
            }
            i += step;
        }
        SCRATCH.set((buf, spans));
    }
}

/// A cue as the lexicon stores it: lower case, one space between words.
pub fn normalise(cue: &str) -> String {
    words(cue).join(" ")
}

/// Lower-case words: letters and digits with inner `&`, `'`, `-` and `.` ("s&p", "at&t",
/// "alzheimer's", "covid-19"); curly apostrophes are straightened.
fn words(text: &str) -> Vec<String> {
    let (mut buf, mut spans) = (String::new(), Vec::new());
    lower_words(text, &mut buf, &mut spans);
    spans.iter().map(|&(a, b)| buf[a..b].to_string()).collect()
}

/// [`words`] into `buf`, each followed by one space, with their byte spans in `spans`.
fn lower_words(text: &str, buf: &mut String, spans: &mut Vec<(usize, usize)>) {
    buf.clear();
    spans.clear();
    // Where the current word starts in `buf`.
    let mut start = 0;
    let flush = |buf: &mut String, spans: &mut Vec<(usize, usize)>, start: &mut usize| {
        let kept = buf[*start..].trim_end_matches(['&', '\'', '-', '.']).len();
        buf.truncate(*start + kept);
        if kept > 0 {
            spans.push((*start, buf.len()));
            buf.push(' ');
            *start = buf.len();
        }
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Nearly all text is ASCII: read and lowered byte by byte.
        if b.is_ascii_alphanumeric() {
            buf.push(b.to_ascii_lowercase() as char);
            i += 1;
            continue;
        }
        let c = if b.is_ascii() {
            b as char
        } else {
            text[i..].chars().next().unwrap_or(' ')
        };
        i += c.len_utf8();
        let c = if c == '\u{2019}' { '\'' } else { c };
        if c.is_alphanumeric() {
            buf.extend(c.to_lowercase());
        } else if matches!(c, '&' | '\'' | '-' | '.') && buf.len() > start {
            buf.push(c);
        } else {
            flush(buf, spans, &mut start);
        }
    }
    flush(buf, spans, &mut start);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> &'static SectionLexicon {
        crate::lang::Lexicon::get().sections()
    }

    fn sections_of(text: &str) -> Vec<&'static str> {
        let l = lex();
        let mut out = Vec::new();
        l.scan(text, &FxHashMap::default(), |c| {
            if let Some(&(s, _)) = c.sections.iter().max_by(|a, b| a.1.total_cmp(&b.1)) {
                out.push(l.sections[s as usize].slug);
            }
        });
        out
    }

    #[test]
    fn seventeen_sections_with_codes_in_order() {
        let l = lex();
        assert_eq!(l.sections.len(), 17);
        assert_eq!(l.sections[3].iptc(), "medtop:04000000");
        assert_eq!(l.sections[3].slug, "business");
        assert_eq!(l.sections[16].name, "Weather");
        assert!(l.subsections.iter().any(|s| s.name == "Oil"));
    }

    #[test]
    fn longest_phrase_wins_and_possessives_match() {
        // "interest rates" is one business cue; "Fed's" is the Fed.
        assert_eq!(sections_of("Interest rates"), ["business"]);
        assert_eq!(sections_of("the Fed's"), ["business"]);
        assert_eq!(
            words("S&P 500, Alzheimer’s."),
            ["s&p", "500", "alzheimer's"]
        );
    }

    /// The words as first written, character by character: the byte-wise ones must agree.
    fn plain_words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut cur = String::new();
        let flush = |cur: &mut String, out: &mut Vec<String>| {
            let t = cur.trim_end_matches(['&', '\'', '-', '.']);
            if !t.is_empty() {
                out.push(t.to_string());
            }
            cur.clear();
        };
        for c in text.chars() {
            let c = if c == '\u{2019}' { '\'' } else { c };
            if c.is_alphanumeric() {
                cur.extend(c.to_lowercase());
            } else if matches!(c, '&' | '\'' | '-' | '.') && !cur.is_empty() {
                cur.push(c);
            } else {
                flush(&mut cur, &mut out);
            }
        }
        flush(&mut cur, &mut out);
        out
    }

    proptest::proptest! {
        #[test]
        fn byte_wise_words_agree_with_the_plain_definition(
            text in "[aZ9 .,&'’\u{2011}\u{130}\u{df}É\n-]{0,32}"
        ) {
            proptest::prop_assert_eq!(words(&text), plain_words(&text));
        }
    }

    #[test]
    fn hand_written_cues_override_wordnet() {
        // WordNet's counts make "minister" a clergyman; in the news it is a politician.
        assert_eq!(sections_of("minister"), ["politics"]);
    }
}
