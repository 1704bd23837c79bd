//! Word lists behind the extraction rules, compiled into the binary and indexed once.
//!
//! The lists are general knowledge about how news names people, organisations and places
//! (given names, titles, organisation suffixes, a gazetteer); they contain no list of the
//! people any particular corpus is about. Lookups are case-sensitive on the usual written form
//! unless a method says otherwise.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

const GIVEN_NAMES: &str = include_str!("lexicon/given_names.txt");
const PARTICLES: &str = include_str!("lexicon/surname_particles.txt");
const PERSON_TITLES: &str = include_str!("lexicon/person_titles.txt");
const ROLE_NOUNS: &str = include_str!("lexicon/role_nouns.txt");
const ORG_HEADS: &str = include_str!("lexicon/org_heads.txt");
const ORG_PREFIXES: &str = include_str!("lexicon/org_prefixes.txt");
const ORGANISATIONS: &str = include_str!("lexicon/organisations.txt");
const PLACES: &str = include_str!("lexicon/places.txt");
const DEMONYMS: &str = include_str!("lexicon/demonyms.txt");
const NOT_NAMES: &str = include_str!("lexicon/not_names.txt");

/// Verbs that attribute speech; a capitalised name next to one is very likely a person.
pub const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "added",
    "adds",
    "asked",
    "warned",
    "warns",
    "stated",
    "noted",
    "argued",
    "insisted",
    "explained",
    "declared",
    "announced",
    "acknowledged",
    "admitted",
    "claimed",
    "commented",
    "replied",
    "wrote",
    "writes",
    "urged",
    "stressed",
    "confirmed",
    "denied",
    "predicted",
    "recalled",
    "suggested",
    "concluded",
    "emphasised",
    "emphasized",
    "believes",
    "thinks",
    "testified",
    "tweeted",
    "posted",
];

const AMBIGUOUS_GIVEN_NAMES: &[&str] = &[
    "Hope",
    "May",
    "Will",
    "Rose",
    "Faith",
    "Joy",
    "Grace",
    "Summer",
    "June",
    "April",
    "August",
    "Paris",
    "Sydney",
    "Chase",
    "Hunter",
    "Rich",
    "Guy",
    "Art",
    "Young",
    "Long",
    "Price",
    "Major",
    "Dawn",
    "Amber",
    "Jordan",
    "Georgia",
    "Virginia",
    "Christian",
    "Florence",
    "Victoria",
    "Charlotte",
    "Sofia",
    "Milan",
    "Regina",
    "Lorraine",
    "Chad",
    "Israel",
];

/// Month abbreviations; the full month and weekday names are in [`crate::text`].
const MONTH_ABBREVIATIONS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];

const PLACE_HEADS: &[&str] = &[
    "Airport",
    "Station",
    "Stadium",
    "Street",
    "Road",
    "Avenue",
    "Square",
    "Bridge",
    "Park",
    "Basilica",
    "Cathedral",
    "Palace",
    "Temple",
    "Mosque",
    "Market",
    "Harbour",
    "Harbor",
    "Valley",
    "River",
    "Lake",
    "Mountain",
    "Mountains",
    "Island",
    "Islands",
    "Province",
    "District",
    "County",
    "Region",
    "City",
    "Town",
    "Village",
    "Vihar",
    "Nagar",
    "Chowk",
    "Marg",
    "Ground",
    "Arena",
    "Hall",
    "Tower",
    "Gate",
    "Canal",
    "Strait",
    "Gulf",
    "Bay",
    "Coast",
    "Peninsula",
    "Desert",
    "Forest",
    "Beach",
    "Highway",
    "Boulevard",
    "Lane",
];

const ROYAL_TITLES: &[&str] = &[
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Emir",
    "Sultan",
    "Sheikh",
    "Sheik",
    "Pope",
    "Emperor",
    "Empress",
    "Shah",
    "Ayatollah",
    "Patriarch",
    "Duke",
    "Duchess",
    "Archduke",
    "Grand Duke",
    "Crown Prince",
    "Crown Princess",
    "Infanta",
    "Maharaja",
    "Rajah",
    "Tsar",
];

/// Words that head a lower-case role before a name ("presidential envoy Steve Witkoff").
pub struct Lexicon {
    pub given_names: FxHashSet<String>,
    pub particles: FxHashSet<String>,
    /// The longest particle in bytes: most words are longer, and need no lookup.
    max_particle_len: usize,
    /// Per ASCII first byte, the second bytes that particles starting with it have (bit
    /// `b - b'a'` for a lower-case letter, bit 26 for a one-letter particle, bit 27 for
    /// anything else): "the", "of", "and" are ruled out without hashing.
    particle_starts: [u32; 128],
    /// Title phrases as token sequences, longest first, indexed by their first word.
    pub title_phrases: FxHashMap<String, Vec<Vec<String>>>,
    /// Single title words (`Secretary`, `President`, `Mr`), without trailing periods.
    pub title_words: FxHashSet<String>,
    pub role_nouns: FxHashSet<String>,
    pub org_heads: FxHashSet<String>,
    pub org_prefixes: FxHashSet<String>,
    /// Lower-cased full names of known organisations.
    pub organisations: FxHashSet<String>,
    /// Lower-cased place names (and their ASCII folds).
    pub places: FxHashSet<String>,
    pub demonyms: FxHashSet<String>,
    /// Lower-cased words that are never part of a person's name.
    pub not_names: FxHashSet<String>,
    /// The longest organisation or place name, in tokens, to bound phrase lookups.
    pub max_phrase_tokens: usize,
    /// Organisation prefixes, organisation heads and title words in one set, so a word
    /// without a trailing period needs one lookup to learn whether it is any of them.
    institution_words: FxHashSet<String>,
    /// The short fixed lists above as sets: some are asked about every word of a run.
    speech_verbs: FxHashSet<&'static str>,
    ambiguous_given_names: FxHashSet<&'static str>,
    place_heads: FxHashSet<&'static str>,
}

/// The bit of [`Lexicon::particle_starts`] for a word's second byte (None: a one-letter word).
fn second_byte_bit(second: Option<&u8>) -> u32 {
    match second {
        None => 26,
        Some(b) if b.is_ascii_lowercase() => u32::from(b - b'a'),
        Some(_) => 27,
    }
}

fn particle_starts<'a>(particles: impl Iterator<Item = &'a String>) -> [u32; 128] {
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

fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines().map(str::trim).filter(|l| !l.is_empty())
}

fn fold(s: &str) -> String {
    deunicode::deunicode(s).to_lowercase()
}

/// Whether a set of lower-case strings holds `s` in lower case. Short ASCII text (nearly every
/// lookup: these run for each capitalised word of the corpus) is lowered on the stack.
fn contains_lower(set: &FxHashSet<String>, s: &str) -> bool {
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

impl Lexicon {
    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::build)
    }

    fn build() -> Lexicon {
        let mut title_phrases: Vec<Vec<String>> = lines(PERSON_TITLES)
            .map(|t| {
                t.split_whitespace()
                    .map(|w| w.trim_end_matches('.').to_string())
                    .collect()
            })
            .collect();
        title_phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
        title_phrases.dedup();
        let title_words: FxHashSet<String> = title_phrases
            .iter()
            .filter(|p| p.len() == 1)
            .map(|p| p[0].clone())
            .collect();
        let mut by_first: FxHashMap<String, Vec<Vec<String>>> = FxHashMap::default();
        for p in title_phrases {
            by_first.entry(p[0].clone()).or_default().push(p);
        }
        let mut max_phrase_tokens = 1;
        let mut phrase_set = |list: &str| -> FxHashSet<String> {
            lines(list)
                .flat_map(|l| {
                    max_phrase_tokens = max_phrase_tokens.max(l.split_whitespace().count());
                    [l.to_lowercase(), fold(l)]
                })
                .collect()
        };
        let organisations = phrase_set(ORGANISATIONS);
        let places = phrase_set(PLACES);
        let org_heads: FxHashSet<String> = lines(ORG_HEADS)
            .map(|l| l.trim_end_matches('.').to_string())
            .collect();
        let org_prefixes: FxHashSet<String> = lines(ORG_PREFIXES).map(str::to_string).collect();
        let particles: FxHashSet<String> = lines(PARTICLES).map(str::to_lowercase).collect();
        let institution_words = (org_heads.iter())
            .chain(&org_prefixes)
            .chain(&title_words)
            .cloned()
            .collect();
        Lexicon {
            // As written only: folding "Germán" to "German" would make a nationality a name.
            given_names: lines(GIVEN_NAMES).map(str::to_string).collect(),
            max_particle_len: lines(PARTICLES).map(str::len).max().unwrap_or(0),
            particle_starts: particle_starts(particles.iter()),
            particles,
            title_phrases: by_first,
            title_words,
            role_nouns: lines(ROLE_NOUNS).map(str::to_lowercase).collect(),
            org_heads,
            org_prefixes,
            institution_words,
            organisations,
            places,
            demonyms: lines(DEMONYMS).map(str::to_string).collect(),
            not_names: lines(NOT_NAMES).map(str::to_lowercase).collect(),
            max_phrase_tokens: max_phrase_tokens.min(8),
            speech_verbs: SPEECH_VERBS.iter().copied().collect(),
            ambiguous_given_names: AMBIGUOUS_GIVEN_NAMES.iter().copied().collect(),
            place_heads: PLACE_HEADS.iter().copied().collect(),
        }
    }

    pub fn is_given_name(&self, w: &str) -> bool {
        self.given_names.contains(w)
            || (!w.is_ascii() && self.given_names.contains(&deunicode::deunicode(w)))
    }

    /// Words that are given names but far more often ordinary words or places ("Hope",
    /// "May", "Paris"): a given name only when a capitalised surname follows.
    pub fn is_ambiguous_given_name(&self, w: &str) -> bool {
        self.ambiguous_given_names.contains(w)
    }

    /// Calendar words, never part of a name even after a role ("spokesman, Monday").
    pub fn is_calendar_word(&self, w: &str) -> bool {
        let w = w.trim_end_matches('.');
        crate::text::WEEKDAYS.contains(&w)
            || crate::text::MONTHS.contains(&w)
            || MONTH_ABBREVIATIONS.contains(&w)
    }

    /// Last words that make a name a place: "Jinnah International Airport", "Anand Vihar".
    pub fn is_place_head(&self, w: &str) -> bool {
        self.place_heads.contains(w)
    }

    /// Place heads that are also common surnames ("Stefan Park", "Shirley Temple").
    pub fn is_surname_like_place_head(&self, w: &str) -> bool {
        matches!(w, "Park" | "Temple" | "Lake" | "Bridge" | "Hill")
    }

    /// Asked of nearly every lower-case word of the corpus, so the length and the first two
    /// bytes are checked first.
    pub fn is_particle(&self, w: &str) -> bool {
        w.len() <= self.max_particle_len
            && self.might_be_particle(w.as_bytes())
            && self.particles.contains(w)
    }

    fn might_be_particle(&self, w: &[u8]) -> bool {
        match w {
            [] => false,
            [first, ..] if !first.is_ascii() => true,
            [first, rest @ ..] => {
                self.particle_starts[usize::from(*first)] & (1 << second_byte_bit(rest.first()))
                    != 0
            }
        }
    }

    pub fn is_title_word(&self, w: &str) -> bool {
        self.title_words.contains(w.trim_end_matches('.'))
    }

    pub fn is_org_head(&self, w: &str) -> bool {
        self.org_heads.contains(w.trim_end_matches('.'))
    }

    pub fn is_org_prefix(&self, w: &str) -> bool {
        self.org_prefixes.contains(w)
    }

    /// `is_org_prefix(w) || is_org_head(w) || is_title_word(w)`, asked of each capitalised
    /// word of a run: one lookup unless the word ends in a period.
    pub fn is_institution_word(&self, w: &str) -> bool {
        if w.ends_with('.') {
            self.is_org_prefix(w) || self.is_org_head(w) || self.is_title_word(w)
        } else {
            self.institution_words.contains(w)
        }
    }

    pub fn is_organisation(&self, phrase: &str) -> bool {
        contains_lower(&self.organisations, phrase)
    }

    pub fn is_place(&self, phrase: &str) -> bool {
        contains_lower(&self.places, phrase)
    }

    pub fn is_demonym(&self, w: &str) -> bool {
        self.demonyms.contains(w)
    }

    pub fn is_not_name(&self, w: &str) -> bool {
        contains_lower(&self.not_names, w)
    }

    /// Titles that stay part of a name given with one word: "King Fahd", "Pope Francis".
    pub fn is_royal_title(&self, w: &str) -> bool {
        ROYAL_TITLES.contains(&w.trim_end_matches('.'))
    }

    pub fn is_speech_verb(&self, w: &str) -> bool {
        self.speech_verbs.contains(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quick test on the first two bytes never rules out a particle.
    #[test]
    fn particle_prefilter_keeps_every_particle() {
        let lex = Lexicon::get();
        let words = [
            "the", "of", "and", "a", "i", "e", "y", "ibn", "in", "by", "ben", "zu",
        ];
        let listed = lex.particles.iter().map(String::as_str);
        for w in listed
            .chain(words)
            .chain(["", "é", "ü", "de-", "d'", "Van"])
        {
            assert_eq!(
                lex.is_particle(w),
                w.len() <= lex.max_particle_len && lex.particles.contains(w),
                "{w:?}"
            );
        }
        assert!(!lex.might_be_particle(b"the"));
        assert!(!lex.might_be_particle(b"of"));
        assert!(lex.is_particle("ibn") && lex.is_particle("y") && !lex.is_particle("a"));
    }

    /// The one-lookup test must answer as the three lists do, for every word they hold and
    /// for those words with and without a period, in other cases, and for common words.
    #[test]
    fn institution_words_answer_as_the_three_lists_do() {
        let lex = Lexicon::get();
        let listed = (lex.org_prefixes.iter())
            .chain(&lex.org_heads)
            .chain(&lex.title_words)
            .map(String::as_str);
        let others = [
            "Said",
            "Rubio",
            "Minister.",
            "Inc.",
            "Co.",
            "The",
            "U.S.",
            "Mr.",
            "",
        ];
        for w in listed.chain(others) {
            let bare = w.trim_end_matches('.');
            for v in [
                w.to_string(),
                format!("{bare}."),
                bare.to_string(),
                bare.to_lowercase(),
                bare.to_uppercase(),
            ] {
                let three = lex.is_org_prefix(&v) || lex.is_org_head(&v) || lex.is_title_word(&v);
                assert_eq!(lex.is_institution_word(&v), three, "{v:?}");
            }
        }
    }
}
