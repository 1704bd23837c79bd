//! The lexicon: the word lists of one language folder, indexed once (see [`crate::lang`]).
//!
//! The lists are general knowledge about how news names people, organisations and places
//! (given names, titles, organisation suffixes, a gazetteer) and about the language (verbs,
//! stop words, calendar names); they contain no list of the people any particular corpus is
//! about. Lookups are case-sensitive on the usual written form unless a method says otherwise.
//!
//! This file holds the type and its building; the questions it answers are grouped by concern
//! in `lexicon/`: `people.rs` (names, titles, roles), `places.rs` (organisations and places),
//! `words.rs` (word shapes, results tables, calendar, sentences, topics, search, sections).
//! `sets.rs` holds the set types and the lookups on them.

mod people;
mod places;
mod sets;
#[cfg(test)]
mod tests;
mod words;

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Files, lines};
use sets::{WordSet, ordered, particle_starts};

/// The word lists of one language folder as sets and maps, built once ([`Lexicon::get`]).
/// A rule asks a question (`is_speech_verb`, `is_calendar_word`) rather than reading a list.
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
    /// Words that head a lower-case role before a name ("presidential envoy Steve Witkoff").
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
    /// Lower-cased names that name no actor: time zones, units, indicators.
    not_actors: FxHashSet<String>,
    /// Places whose usual written form is in capitals ("UK", "USSR", "UAE").
    places_in_capitals: FxHashSet<String>,
    /// Lower-cased names of news agencies: an item's source, not an actor.
    news_agencies: FxHashSet<String>,
    /// Function words, and words chiefly verbs or adverbs, in lower case.
    not_keywords: FxHashSet<&'static str>,
    /// The longest organisation or place name, in tokens, to bound phrase lookups.
    pub max_phrase_tokens: usize,
    /// Organisation prefixes, organisation heads and title words in one set, so a word
    /// without a trailing period needs one lookup to learn whether it is any of them.
    institution_words: FxHashSet<String>,
    /// The short lists, one set each (some are asked about every word of a run); each is
    /// the file of the same name.
    speech_verbs: WordSet,
    ambiguous_given_names: WordSet,
    place_heads: WordSet,
    surname_like_place_heads: WordSet,
    royal_titles: WordSet,
    company_forms: WordSet,
    /// Nouns that describe a company right before its name ("carmaker Voltaris").
    company_nouns: WordSet,
    name_suffixes: WordSet,
    connectors: WordSet,
    role_institution_connectors: WordSet,
    determiners: WordSet,
    role_determiners: WordSet,
    apposition_determiners: WordSet,
    clause_openers: WordSet,
    dating_adverbs: WordSet,
    auxiliary_verbs: WordSet,
    topic_prepositions: WordSet,
    affiliation_prepositions: WordSet,
    commentator_nouns: WordSet,
    attributive_nouns: WordSet,
    media_nouns: WordSet,
    kinship_nouns: WordSet,
    foreign_articles: WordSet,
    name_abbreviations: WordSet,
    locative_prepositions: WordSet,
    goal_notes: WordSet,
    cricket_dismissals: WordSet,
    place_abbreviations: WordSet,
    acronym_inner_words: WordSet,
    adopting_verbs: WordSet,
    name_adjectives: WordSet,
    headline_verbs: WordSet,
    trailing_clause_openers: WordSet,
    subordinating_conjunctions: WordSet,
    attribution_verbs: WordSet,
    /// The phrases of `time_phrases.txt` as words, longest first.
    time_phrases: Vec<Vec<&'static str>>,
    /// Stop words of search and topics (`stopwords.txt`).
    stopwords: WordSet,
    /// Sentence abbreviations in lower case, with the month abbreviations lower-cased.
    abbreviations: WordSet,
    /// Month names, weekday names and month abbreviations, as written.
    calendar_words: WordSet,
    /// Lists read in order, or by their ends rather than as words.
    months: [&'static str; 12],
    weekdays: [&'static str; 7],
    scorer_labels: Vec<&'static str>,
    hyphen_adjective_suffixes: Vec<&'static str>,
    plural_noun_endings: Vec<&'static str>,
    noise_patterns: Vec<&'static str>,
    /// The files themselves, for the lists read whole ([`Lexicon::topic_stopwords`]).
    files: &'static Files,
    /// Zipf frequencies by word, built on first use ([`Lexicon::zipf`]).
    zipf: OnceLock<FxHashMap<&'static str, f32>>,
    /// The section lexicon, built on first use ([`Lexicon::sections`]).
    sections: OnceLock<super::SectionLexicon>,
}

impl Lexicon {
    /// The lexicon of the site's language, built on first use. Only English exists, so that
    /// is `en/` (see [`crate::lang`]); the configuration refuses a `language` without a folder.
    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| Lexicon::build(&super::EN))
    }

    fn build(files: &'static Files) -> Lexicon {
        let mut title_phrases: Vec<Vec<String>> = lines(files.person_titles)
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
                    [l.to_lowercase(), super::fold::for_lookup(l)]
                })
                .collect()
        };
        let organisations = phrase_set(files.organisations);
        let places = phrase_set(files.places);
        let org_heads: FxHashSet<String> = lines(files.org_heads)
            .map(|l| l.trim_end_matches('.').to_string())
            .collect();
        let org_prefixes: FxHashSet<String> =
            lines(files.org_prefixes).map(str::to_string).collect();
        let particles: FxHashSet<String> = lines(files.surname_particles)
            .map(str::to_lowercase)
            .collect();
        let institution_words = (org_heads.iter())
            .chain(&org_prefixes)
            .chain(&title_words)
            .cloned()
            .collect();
        let months = ordered(files.months, "months");
        let weekdays = ordered(files.weekdays, "weekdays");
        let calendar_words = (months.iter().chain(&weekdays).copied())
            .chain(lines(files.month_abbreviations))
            .map(Cow::Borrowed)
            .collect();
        // "Jan." does not end a sentence either: the month abbreviations are abbreviations.
        let abbreviations = lines(files.abbreviations)
            .map(Cow::Borrowed)
            .chain(lines(files.month_abbreviations).map(|m| Cow::Owned(m.to_ascii_lowercase())))
            .collect();
        let mut time_phrases: Vec<Vec<&'static str>> = lines(files.time_phrases)
            .map(|l| l.split_whitespace().collect())
            .collect();
        time_phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
        Lexicon {
            // As written only: folding "Germán" to "German" would make a nationality a name.
            given_names: lines(files.given_names)
                .chain(lines(files.given_names_census))
                .map(str::to_string)
                .collect(),
            max_particle_len: lines(files.surname_particles)
                .map(str::len)
                .max()
                .unwrap_or(0),
            particle_starts: particle_starts(particles.iter()),
            particles,
            title_phrases: by_first,
            title_words,
            role_nouns: lines(files.role_nouns).map(str::to_lowercase).collect(),
            org_heads,
            org_prefixes,
            institution_words,
            organisations,
            places,
            demonyms: lines(files.demonyms).map(str::to_string).collect(),
            not_names: lines(files.not_names).map(str::to_lowercase).collect(),
            not_actors: lines(files.not_actors).map(str::to_lowercase).collect(),
            places_in_capitals: lines(files.places)
                .filter(|l| !l.chars().any(char::is_lowercase))
                .map(str::to_string)
                .collect(),
            news_agencies: lines(files.news_agencies).map(str::to_lowercase).collect(),
            not_keywords: lines(files.not_keywords).collect(),
            max_phrase_tokens: max_phrase_tokens.min(8),
            speech_verbs: WordSet::new(files.speech_verbs),
            ambiguous_given_names: WordSet::new(files.ambiguous_given_names),
            place_heads: WordSet::new(files.place_heads),
            surname_like_place_heads: WordSet::new(files.surname_like_place_heads),
            royal_titles: WordSet::new(files.royal_titles),
            company_forms: WordSet::new(files.company_forms),
            company_nouns: WordSet::new(files.company_nouns),
            name_suffixes: WordSet::new(files.name_suffixes),
            connectors: WordSet::new(files.connectors),
            role_institution_connectors: WordSet::new(files.role_institution_connectors),
            determiners: WordSet::new(files.determiners),
            role_determiners: WordSet::new(files.role_determiners),
            apposition_determiners: WordSet::new(files.apposition_determiners),
            clause_openers: WordSet::new(files.clause_openers),
            dating_adverbs: WordSet::new(files.dating_adverbs),
            auxiliary_verbs: WordSet::new(files.auxiliary_verbs),
            topic_prepositions: WordSet::new(files.topic_prepositions),
            affiliation_prepositions: WordSet::new(files.affiliation_prepositions),
            commentator_nouns: WordSet::new(files.commentator_nouns),
            attributive_nouns: WordSet::new(files.attributive_nouns),
            media_nouns: WordSet::new(files.media_nouns),
            kinship_nouns: WordSet::new(files.kinship_nouns),
            foreign_articles: WordSet::new(files.foreign_articles),
            name_abbreviations: WordSet::new(files.name_abbreviations),
            locative_prepositions: WordSet::new(files.locative_prepositions),
            goal_notes: WordSet::new(files.goal_notes),
            cricket_dismissals: WordSet::new(files.cricket_dismissals),
            place_abbreviations: WordSet::new(files.place_abbreviations),
            acronym_inner_words: WordSet::new(files.acronym_inner_words),
            adopting_verbs: WordSet::new(files.adopting_verbs),
            name_adjectives: WordSet::new(files.name_adjectives),
            headline_verbs: WordSet::new(files.headline_verbs),
            trailing_clause_openers: WordSet::new(files.trailing_clause_openers),
            subordinating_conjunctions: WordSet::new(files.subordinating_conjunctions),
            attribution_verbs: WordSet::new(files.attribution_verbs),
            time_phrases,
            stopwords: WordSet::new(files.stopwords),
            abbreviations,
            calendar_words,
            months,
            weekdays,
            scorer_labels: lines(files.scorer_labels).collect(),
            hyphen_adjective_suffixes: lines(files.hyphen_adjective_suffixes).collect(),
            plural_noun_endings: lines(files.plural_noun_endings).collect(),
            noise_patterns: lines(files.noise_patterns).collect(),
            files,
            zipf: OnceLock::new(),
            sections: OnceLock::new(),
        }
    }
}
