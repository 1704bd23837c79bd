//! Questions about organisations and places: institution words, company forms, the
//! gazetteer, place heads and the other names of organisations and places.

use super::Lexicon;
use super::sets::contains_lower;
use crate::lang::lines;

impl Lexicon {
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
