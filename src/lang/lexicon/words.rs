//! Questions about words in general: word shapes, results tables, the calendar, sentences and
//! headlines, topics, search and sections.

use super::Lexicon;
use crate::lang::lines;

impl Lexicon {
    // Word shapes.

    /// "St", "Mt", "Ft": abbreviations whose period stays inside a name.
    pub fn is_name_abbreviation(&self, w: &str) -> bool {
        self.name_abbreviations.contains(w)
    }

    /// "Chinese-made", "Calgary-based": a word ending in a descriptive hyphenated suffix.
    pub fn has_hyphen_adjective_suffix(&self, w: &str) -> bool {
        self.hyphen_adjective_suffixes
            .iter()
            .any(|suffix| w.ends_with(suffix))
    }

    /// "Analysts", "Pollsters": a word with an ending of plural nouns for people.
    pub fn has_plural_noun_ending(&self, w: &str) -> bool {
        self.plural_noun_endings
            .iter()
            .any(|ending| w.ends_with(ending))
    }

    // Results tables.

    /// "Scorers", "Goals", "Tries": labels that start a line of scorers.
    pub fn scorer_labels(&self) -> &[&'static str] {
        &self.scorer_labels
    }

    /// "pen", "og": notes beside a scorer's minute.
    pub fn is_goal_note(&self, w: &str) -> bool {
        self.goal_notes.contains(w)
    }

    /// "c", "b", "lbw", "st": dismissal marks of a cricket scorecard.
    pub fn is_cricket_dismissal(&self, w: &str) -> bool {
        self.cricket_dismissals.contains(w)
    }

    // Calendar.

    /// Calendar words, never part of a name even after a role ("spokesman, Monday"): month
    /// and weekday names and month abbreviations, with or without a trailing period.
    pub fn is_calendar_word(&self, w: &str) -> bool {
        self.calendar_words.contains(w.trim_end_matches('.'))
    }

    /// Month names, January first.
    pub fn months(&self) -> &[&'static str; 12] {
        &self.months
    }

    /// Weekday names, Monday first.
    pub fn weekdays(&self) -> &[&'static str; 7] {
        &self.weekdays
    }

    // Sentences, headlines and boiler plate.

    /// An abbreviation that ends with a period without ending the sentence ("Mr", "U.S",
    /// "Jan"), in any ASCII case.
    pub fn is_abbreviation(&self, w: &str) -> bool {
        self.abbreviations.contains_ascii_lower(w)
    }

    /// Common finite verbs of headlines ("said", "wins", "faces"), in lower case.
    pub fn is_headline_verb(&self, w: &str) -> bool {
        self.headline_verbs.contains(w)
    }

    /// "which", "as", "after": words that open a trailing clause after a comma.
    pub fn is_trailing_clause_opener(&self, w: &str) -> bool {
        self.trailing_clause_openers.contains(w)
    }

    /// "after", "because", "while": conjunctions that open a subordinate clause without a
    /// comma.
    pub fn is_subordinating_conjunction(&self, w: &str) -> bool {
        self.subordinating_conjunctions.contains(w)
    }

    /// "showed", "indicated": verbs that end an attribution (", figures showed") besides the
    /// verbs of speech.
    pub fn is_attribution_verb(&self, w: &str) -> bool {
        self.attribution_verbs.contains(w) || self.is_speech_verb(w)
    }

    /// The phrases that date an event ("on {weekday}", "late on {weekday}"), as words with
    /// their placeholders, longest first (`time_phrases.txt`).
    pub fn time_phrases(&self) -> &[Vec<&'static str>] {
        &self.time_phrases
    }

    /// A month name or abbreviation, as written, with or without a period ("April", "Sept.").
    pub fn is_month_word(&self, w: &str) -> bool {
        let w = w.trim_end_matches('.');
        self.months.contains(&w) || lines(self.files.month_abbreviations).any(|m| m == w)
    }

    /// Whole-line boiler plate of scraped articles ("also read", "advertisement"), the
    /// default `noise` patterns.
    pub fn noise_patterns(&self) -> &[&'static str] {
        &self.noise_patterns
    }

    // Topics, stories and search.

    /// A lower-case word that is a function word or chiefly a verb or adverb ("as", "and",
    /// "however", "speaking"): never a keyword, and never the first word of a name.
    pub fn is_not_keyword(&self, lower: &str) -> bool {
        self.not_keywords.contains(lower)
    }

    /// Words too common in news to tell topics apart: the stop words and the stop words of
    /// topics only (`stopwords.txt`, `topic_stopwords.txt`). Terms for themes and stories skip
    /// them.
    pub fn topic_stopwords(&self) -> impl Iterator<Item = &'static str> {
        lines(self.files.stopwords).chain(lines(self.files.topic_stopwords))
    }

    /// Function words too common to put in the search index (`stopwords.txt`), given
    /// lower-cased and without accents. The stop words of topics only are not among them: a
    /// reader may search for "officials" or "Monday".
    pub fn is_stopword(&self, w: &str) -> bool {
        self.stopwords.contains(w)
    }

    /// English word frequencies: each word with its Zipf frequency as written in the list.
    pub fn word_frequencies(&self) -> impl Iterator<Item = (&'static str, &'static str)> {
        lines(self.files.word_frequency).filter_map(|l| l.split_once('\t'))
    }

    /// How common a lower-case word is in English (Zipf frequency, `word_frequency.txt`): 3
    /// and more is a word or name English uses often; `None` for one the list does not have.
    pub fn zipf(&self, word: &str) -> Option<f32> {
        self.zipf
            .get_or_init(|| {
                self.word_frequencies()
                    .filter_map(|(w, z)| Some((w, z.parse().ok()?)))
                    .collect()
            })
            .get(word)
            .copied()
    }

    // Sections.

    /// The sections, sub-sections and the words that point to them.
    pub fn sections(&self) -> &crate::lang::SectionLexicon {
        self.sections
            .get_or_init(|| crate::lang::SectionLexicon::new(self.files))
    }
}
