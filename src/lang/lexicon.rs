//! The lexicon: the word lists of one language folder, indexed once (see [`crate::lang`]).
//!
//! The lists are general knowledge about how news names people, organisations and places
//! (given names, titles, organisation suffixes, a gazetteer) and about the language (verbs,
//! stop words, calendar names); they contain no list of the people any particular corpus is
//! about. Lookups are case-sensitive on the usual written form unless a method says otherwise.

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Files, lines};

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

/// A short word list as a set of the text compiled in, with the length of its longest entry:
/// a longer word (most words, for most lists) is ruled out without hashing. Answers as the
/// list's `contains` would.
#[derive(Debug, Default)]
struct WordSet {
    words: FxHashSet<Cow<'static, str>>,
    max_len: usize,
}

impl WordSet {
    fn new(list: &'static str) -> WordSet {
        lines(list).map(Cow::Borrowed).collect()
    }

    fn contains(&self, w: &str) -> bool {
        w.len() <= self.max_len && self.words.contains(w)
    }

    /// Whether the set holds `w` with its ASCII letters lowered; text that is not ASCII
    /// never matches (every entry of the lists asked this way is ASCII).
    fn contains_ascii_lower(&self, w: &str) -> bool {
        const MAX: usize = 64;
        if w.len() > self.max_len.min(MAX) || !w.is_ascii() {
            return false;
        }
        let mut buf = [0u8; MAX];
        let lower = &mut buf[..w.len()];
        lower.copy_from_slice(w.as_bytes());
        lower.make_ascii_lowercase();
        std::str::from_utf8(lower).is_ok_and(|l| self.words.contains(l))
    }
}

impl FromIterator<Cow<'static, str>> for WordSet {
    fn from_iter<I: IntoIterator<Item = Cow<'static, str>>>(iter: I) -> WordSet {
        let words: FxHashSet<Cow<'static, str>> = iter.into_iter().collect();
        let max_len = words.iter().map(|w| w.len()).max().unwrap_or(0);
        WordSet { words, max_len }
    }
}

/// The entries of a list that must have exactly `N` of them, in order (months, weekdays).
fn ordered<const N: usize>(list: &'static str, name: &str) -> [&'static str; N] {
    let entries: Vec<&'static str> = lines(list).collect();
    entries.try_into().unwrap_or_else(|entries: Vec<&str>| {
        panic!("{name}.txt has {} entries, not {N}", entries.len())
    })
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
    /// The lexicon of the site's language, built on first use. Only English exists, so that
    /// is `en/` (see [`crate::lang`]).
    pub fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| Lexicon::build(Files::for_language("en")))
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

    // People.

    pub fn is_given_name(&self, w: &str) -> bool {
        self.given_names.contains(w)
            || (!w.is_ascii() && self.given_names.contains(&deunicode::deunicode(w)))
    }

    /// Words that are given names but far more often ordinary words or places ("Hope",
    /// "May", "Paris"): a given name only when a capitalised surname follows.
    pub fn is_ambiguous_given_name(&self, w: &str) -> bool {
        self.ambiguous_given_names.contains(w)
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

    /// A generational suffix ("jr", "iii"), given folded: not part of a person's key.
    pub fn is_folded_name_suffix(&self, folded: &str) -> bool {
        self.name_suffixes.contains(folded)
    }

    pub fn is_title_word(&self, w: &str) -> bool {
        self.title_words.contains(w.trim_end_matches('.'))
    }

    /// Titles that stay part of a name given with one word: "King Fahd", "Pope Francis".
    pub fn is_royal_title(&self, w: &str) -> bool {
        self.royal_titles.contains(w.trim_end_matches('.'))
    }

    pub fn is_not_name(&self, w: &str) -> bool {
        contains_lower(&self.not_names, w)
    }

    pub fn is_speech_verb(&self, w: &str) -> bool {
        self.speech_verbs.contains(w)
    }

    /// "took the name", "chose the papal name": verbs that adopt a name, in lower case.
    pub fn is_adopting_verb(&self, lower: &str) -> bool {
        self.adopting_verbs.contains(lower)
    }

    /// "papal", "regnal", "religious": what may stand between "took the" and "name".
    pub fn is_name_adjective(&self, lower: &str) -> bool {
        self.name_adjectives.contains(lower)
    }

    // Roles.

    /// "spokesman", "analyst", "economist", given in lower case: roles that comment on the news.
    pub fn is_commentator_noun(&self, lower: &str) -> bool {
        self.commentator_nouns.contains(lower)
    }

    /// "at", "with", "for", "of": prepositions that tie a commentator to a firm.
    pub fn is_affiliation_preposition(&self, lower: &str) -> bool {
        self.affiliation_prepositions.contains(lower)
    }

    /// "wife", "son", "cousin", given in lower case: family ties, not public offices.
    pub fn is_kinship_noun(&self, lower: &str) -> bool {
        self.kinship_nouns.contains(lower)
    }

    /// "administration", "aides", "era": nouns a surname can qualify ("the Reagan
    /// administration").
    pub fn is_attributive_noun(&self, w: &str) -> bool {
        self.attributive_nouns.contains(w)
    }

    /// "agency", "newspaper", "daily": a name after one is a publication.
    pub fn is_media_noun(&self, w: &str) -> bool {
        self.media_nouns.contains(w)
    }

    /// Determiners and other words that end a role or an institution's name read backwards,
    /// given in lower case ("the", "his", "said", "former").
    pub fn is_determiner(&self, lower: &str) -> bool {
        self.determiners.contains(lower)
    }

    /// "its", "the", "our": what may start a lower-case role before a comma and a name.
    pub fn is_role_determiner(&self, w: &str) -> bool {
        self.role_determiners.contains(w)
    }

    /// "an", "the", "his": what may start a role in apposition after a name.
    pub fn is_apposition_determiner(&self, w: &str) -> bool {
        self.apposition_determiners.contains(w)
    }

    /// "who", "said", "and": words after a name and a comma that start a clause, not a role.
    pub fn is_clause_opener(&self, w: &str) -> bool {
        self.clause_openers.contains(w)
    }

    /// "formerly", "currently": "-ly" words that date a role rather than start a predicate.
    pub fn is_dating_adverb(&self, w: &str) -> bool {
        self.dating_adverbs.contains(w)
    }

    /// Auxiliary and modal verbs ("is", "has", "could").
    pub fn is_auxiliary_verb(&self, w: &str) -> bool {
        self.auxiliary_verbs.contains(w)
    }

    /// "about", "on", "over", "regarding": prepositions that make the noun after them the
    /// topic of a fronted clause.
    pub fn is_topic_preposition(&self, w: &str) -> bool {
        self.topic_prepositions.contains(w)
    }

    // Organisations.

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

    /// A company form ("corp", "ltd", "s a"), given folded as
    /// [`super::fold::for_names`] folds it.
    pub fn is_folded_company_form(&self, folded: &str) -> bool {
        self.company_forms.contains(folded)
    }

    /// "carmaker", "lender", "electric-vehicle maker": a noun that describes a company.
    pub fn is_company_noun(&self, w: &str) -> bool {
        let last = w.rsplit('-').next().unwrap_or(w);
        self.company_nouns.contains(w) || last.ends_with("maker") && last != "policymaker"
    }

    /// "of", "for", "on", "the", "de", "and": words that join an institution's name.
    pub fn is_connector(&self, w: &str) -> bool {
        self.connectors.contains(w)
    }

    /// "of", "the", "for": words walked back over from a role noun to the start of the
    /// institution before it ("Bank of England governor").
    pub fn is_role_institution_connector(&self, w: &str) -> bool {
        self.role_institution_connectors.contains(w)
    }

    /// Small words that give an organisation's acronym no letter ("on", "and", "de").
    pub fn is_acronym_inner_word(&self, w: &str) -> bool {
        self.acronym_inner_words.contains(w)
    }

    /// "El", "La", "Die": articles of other languages that start newspapers' and clubs' names.
    pub fn is_foreign_article(&self, w: &str) -> bool {
        self.foreign_articles.contains(w)
    }

    /// Time zones, units and economic indicators: "GMT", "Gross National Product".
    pub fn is_not_actor(&self, phrase: &str) -> bool {
        contains_lower(&self.not_actors, phrase)
    }

    /// News agencies, credited as an item's source ("told Reuters", "PTI reported").
    pub fn is_news_agency(&self, phrase: &str) -> bool {
        contains_lower(&self.news_agencies, phrase)
    }

    /// Short forms and variants of organisations' names ("Federal Reserve" = "Fed").
    pub fn short_forms(&self) -> impl Iterator<Item = (&'static str, Vec<&'static str>)> {
        name_groups(self.files.short_forms)
    }

    // Places.

    pub fn is_place(&self, phrase: &str) -> bool {
        contains_lower(&self.places, phrase)
    }

    pub fn is_demonym(&self, w: &str) -> bool {
        self.demonyms.contains(w)
    }

    /// A place the gazetteer writes in capitals ("UK", "U.S.", "USSR"), as opposed to a
    /// place name in a dateline's capitals ("NEW DELHI").
    pub fn is_place_written_in_capitals(&self, name: &str) -> bool {
        self.places_in_capitals.contains(name)
    }

    /// Last words that make a name a place: "Jinnah International Airport", "Anand Vihar".
    pub fn is_place_head(&self, w: &str) -> bool {
        self.place_heads.contains(w)
    }

    /// Place heads that are also common surnames ("Stefan Park", "Shirley Temple").
    pub fn is_surname_like_place_head(&self, w: &str) -> bool {
        self.surname_like_place_heads.contains(w)
    }

    /// "N.J.", "D.C.": abbreviations of places in datelines, not acronyms of organisations.
    pub fn is_place_abbreviation(&self, w: &str) -> bool {
        self.place_abbreviations.contains(w)
    }

    /// "in", "at", "near", given in lower case: a preposition of place before a name.
    pub fn is_locative_preposition(&self, lower: &str) -> bool {
        self.locative_prepositions.contains(lower)
    }

    /// Other names of places ("United States" = "US", "U.S.", "America").
    pub fn place_aliases(&self) -> impl Iterator<Item = (&'static str, Vec<&'static str>)> {
        name_groups(self.files.place_aliases)
    }

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
    pub fn sections(&self) -> &super::SectionLexicon {
        self.sections
            .get_or_init(|| super::SectionLexicon::new(self.files))
    }
}

/// The entries of a list of other names, `Full name = other, other`: each full name with its
/// other names.
fn name_groups(list: &'static str) -> impl Iterator<Item = (&'static str, Vec<&'static str>)> {
    lines(list).filter_map(|l| {
        let (full, others) = l.split_once('=')?;
        let others = others.split(',').map(str::trim).filter(|s| !s.is_empty());
        Some((full.trim(), others.collect()))
    })
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

    /// A set answers as a scan of its list would, for every entry, for the entries in other
    /// cases and one letter longer or shorter, and for words longer than any entry.
    #[test]
    fn word_sets_answer_as_their_lists_do() {
        let files = Files::for_language("en");
        for list in [
            files.speech_verbs,
            files.company_forms,
            files.connectors,
            files.determiners,
            files.place_heads,
            files.royal_titles,
            files.cricket_dismissals,
        ] {
            let entries: Vec<&str> = lines(list).collect();
            let set = WordSet::new(list);
            let variants = entries.iter().flat_map(|w| {
                [
                    w.to_string(),
                    w.to_uppercase(),
                    w.to_lowercase(),
                    format!("{w}s"),
                    w[..w.len() - 1].to_string(),
                ]
            });
            for v in variants.chain(["".into(), "notwithstanding-anything".into()]) {
                assert_eq!(set.contains(&v), entries.contains(&v.as_str()), "{v:?}");
            }
        }
    }

    /// Sentence abbreviations: ASCII lower case in the list, matched in any ASCII case as
    /// `eq_ignore_ascii_case` over the list and the month abbreviations would match.
    #[test]
    fn abbreviations_match_in_any_ascii_case() {
        let lex = Lexicon::get();
        let files = Files::for_language("en");
        let listed: Vec<&str> = lines(files.abbreviations)
            .chain(lines(files.month_abbreviations))
            .collect();
        for a in lines(files.abbreviations) {
            assert!(a.is_ascii() && a == a.to_ascii_lowercase(), "{a:?}");
        }
        let words = listed
            .iter()
            .flat_map(|a| [a.to_string(), a.to_uppercase()]);
        for w in words.chain([
            "Sept".into(),
            "U.S".into(),
            "May".into(),
            "Mr".into(),
            "Ü.S".into(),
            "".into(),
        ]) {
            let scan = listed.iter().any(|a| a.eq_ignore_ascii_case(&w));
            assert_eq!(lex.is_abbreviation(&w), scan, "{w:?}");
        }
        assert!(
            lex.is_abbreviation("Jan") && lex.is_abbreviation("GEN") && !lex.is_abbreviation("May")
        );
    }

    #[test]
    fn calendar_names_are_read_in_order() {
        let lex = Lexicon::get();
        assert_eq!(lex.months()[0], "January");
        assert_eq!(lex.months()[11], "December");
        assert_eq!(lex.weekdays()[0], "Monday");
        assert_eq!(lex.weekdays()[6], "Sunday");
        for w in ["May", "Sunday", "Sept", "Sept.", "Dec."] {
            assert!(lex.is_calendar_word(w), "{w}");
        }
        assert!(!lex.is_calendar_word("may") && !lex.is_calendar_word("Mayday"));
    }

    /// Every file of the folder is read (named in `language_folder!`), and every file opens
    /// with a `#` header saying what it is.
    #[test]
    fn every_file_of_the_folder_is_read_and_has_a_header() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lang");
        let source = std::fs::read_to_string(dir.join("mod.rs")).unwrap();
        let mut read: Vec<&str> = source
            .split("concat!(")
            .skip(1)
            .filter_map(|rest| rest.split_once(".txt\"")?.0.rsplit_once('/'))
            .map(|(_, name)| name)
            .collect();
        read.sort_unstable();
        let mut present = Vec::new();
        for entry in std::fs::read_dir(dir.join("en")).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_stem().unwrap().to_str().unwrap().to_string();
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(text.starts_with("# "), "{name}.txt has no header");
            present.push(name);
        }
        present.sort_unstable();
        assert_eq!(read, present);
    }
}
