//! Questions about people: given names, particles, titles, speech, and the roles and small
//! words around a person's name.

use super::Lexicon;
use super::sets::{contains_lower, second_byte_bit};

impl Lexicon {
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

    pub(super) fn might_be_particle(&self, w: &[u8]) -> bool {
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
}
