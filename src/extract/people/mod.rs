//! The document pass: finds the people, organisations and places one item names, with roles
//! and quotes, using only the item's own text and the lexicon.
//!
//! A *name run* is a stretch of capitalised words (with particles such as `von der` and, inside
//! institution names, `of`). A run is split into a role (`US Secretary of State`) and a name
//! (`Marco Rubio`) at its last title word, then classified by evidence: known given name, title,
//! role noun, speech verb, organisation suffix, gazetteer. Surname-only mentions (`Rubio`,
//! `Trump's`) are tied to the full name used elsewhere in the same item.
//!
//! One file per step: `runs` finds name runs and splits role from name, `classify` holds the
//! rule cascade, `rules` the small predicates it uses, `roles` appositions and commentator
//! roles, `coref` ties short forms to full names, `quotes` attributes quotations, `keys` makes
//! comparison keys and `common` counts the words the collection writes in lower case.

use rustc_hash::FxHashMap;

use super::tokens::{Shape, Token, tokenize};
use crate::content::ActorKind;
use crate::lang::Lexicon;

/// One actor as seen inside one item.
mod classify;
mod common;
mod coref;
mod keys;
pub mod memo;
mod quotes;
mod roles;
mod rules;
mod runs;
#[cfg(test)]
mod tests;

pub use common::CommonWords;
pub use keys::{fold, is_company_form, org_key, person_key, surname_of, title_case_capitals};
use quotes::*;
use roles::*;
pub use roles::{is_commentator_role, role_key};
use rules::*;

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DocEntity {
    /// The fullest form the item used (`Marco Rubio`).
    pub name: String,
    /// Folded comparison key (`marco rubio`), middle initials and suffixes removed.
    pub key: String,
    pub kind: ActorKind,
    /// A person the item names only by one word (`Rubio`): resolved across the corpus.
    pub surname_only: bool,
    /// How sure the rules are: 0 (a bare capitalised word) to 3+ (title or given name and more).
    pub evidence: u8,
    /// A role written before the name (`US Secretary of State`).
    pub role: Option<String>,
    /// Every written form, for linking the first mention in the body.
    pub surfaces: Vec<String>,
    pub mentions: u32,
    /// Index of the paragraph of the first mention (0 = lede).
    pub first_paragraph: u32,
    /// Quotations attributed to this actor in the item.
    pub quotes: Vec<String>,
    /// Index of a profile that matched this mention by name or alias.
    pub profile: Option<usize>,
}

/// Profile names and aliases, folded, mapped to the profile's index.
#[derive(Debug, Default)]
pub struct AliasIndex {
    pub names: FxHashMap<String, usize>,
    /// Profiles of people, whose surnames tie later mentions to them.
    pub person_profiles: rustc_hash::FxHashSet<usize>,
}

impl AliasIndex {
    /// The profile a name (not yet folded) matches. Most sites have no profiles: then there
    /// is nothing to fold.
    pub fn find(&self, name: &str) -> Option<usize> {
        if self.names.is_empty() {
            return None;
        }
        self.names.get(&fold(name)).copied()
    }
}

#[derive(Debug, Clone)]
enum Candidate {
    Person,
    Org,
    Place,
    /// A lone capitalised word with no evidence of its own.
    Single,
    /// A capitalised ordinary word: kept only if it repeats a surname given in full.
    OrdinaryWord,
    Profile(usize),
}

#[derive(Debug, Clone)]
struct Mention {
    para: usize,
    start: usize,
    end: usize,
    cand: Candidate,
    evidence: u8,
    role: Option<String>,
    /// Word count of the name (not the role).
    words: usize,
}

/// The pass over one item. It notes each question it asks of the collection's common words:
/// the item's result holds as long as the text, the profiles and those answers do
/// ([`memo`]).
pub struct DocPass<'l> {
    lex: &'l Lexicon,
    aliases: &'l AliasIndex,
    common: &'l CommonWords,
    asked: std::cell::RefCell<Vec<(u64, bool)>>,
}

impl<'l> DocPass<'l> {
    pub fn new(lex: &'l Lexicon, aliases: &'l AliasIndex, common: &'l CommonWords) -> Self {
        DocPass {
            lex,
            aliases,
            common,
            asked: Default::default(),
        }
    }

    /// Whether the collection writes this capitalised word in lower case (noted).
    fn is_common(&self, capitalised: &str) -> bool {
        let (hash, common) = self.common.answer(capitalised);
        self.asked.borrow_mut().push((hash, common));
        common
    }

    /// The questions asked of the common words so far, each once, and forgets them.
    pub fn take_asked(&self) -> Vec<(u64, bool)> {
        let mut asked = std::mem::take(&mut *self.asked.borrow_mut());
        asked.sort_unstable();
        asked.dedup();
        asked
    }

    /// Analyses one item: its paragraphs, lede first.
    pub fn analyse<'a>(&self, paragraphs: impl IntoIterator<Item = &'a str>) -> Vec<DocEntity> {
        let paragraphs: Vec<&str> = paragraphs.into_iter().collect();
        let mut mentions = Vec::new();
        let mut tokenized = Vec::with_capacity(paragraphs.len());
        for (pi, para) in paragraphs.iter().enumerate() {
            let toks = tokenize(para);
            // A paragraph in capitals (a wire headline, a table) says nothing about case.
            if para.chars().any(char::is_lowercase) {
                self.find_runs(pi, para, &toks, &mut mentions);
            }
            tokenized.push(toks);
        }
        let (mut entities, owner) = self.corefer(&paragraphs, &mentions);
        let is_person: Vec<bool> = entities
            .iter()
            .map(|e| {
                e.kind == ActorKind::Person
                    || e.profile
                        .is_some_and(|p| self.aliases.person_profiles.contains(&p))
            })
            .collect();
        attach_quotes(
            &paragraphs,
            &tokenized,
            &mentions,
            &owner,
            &is_person,
            &mut entities,
            self.lex,
        );
        // Short forms merged into a full name leave empty entities behind.
        entities.retain(|e| e.mentions > 0);
        // Every item's entities stay in memory until the corpus pass: grown lists are cut to
        // size (100 MiB less at 100,000 articles, and fewer fresh pages to touch).
        entities.shrink_to_fit();
        for e in &mut entities {
            e.surfaces.shrink_to_fit();
        }
        entities
    }
}
