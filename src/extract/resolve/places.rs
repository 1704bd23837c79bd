//! One place under several names: "US", "U.S.", "USA", "United States", "America".
//!
//! Places are keyed by their folded name, so each written form would be a place of its own.
//! The other names come from `lang/en/place_aliases.txt` (English usage, not any
//! collection's places).

use super::merges::{KeyCounts, Merges};
use crate::content::ActorKind;
use crate::extract::people::fold;
use crate::lang::Lexicon;

/// Whether a name is an abbreviation: no lower-case letter ("U.S.", "UK", "USA").
pub(super) fn is_abbreviation(name: &str) -> bool {
    name.chars().any(char::is_alphabetic) && !name.chars().any(char::is_lowercase)
}

/// Rule: the names a line of the place-alias list gives are one place, named by its full
/// form: "the United States", "the U.S." and "America" in "America's allies" are one country.
///
/// A place the text writes as an abbreviation the document pass took for an organisation
/// ("U.S" cut short at a sentence end, "U.S. Company") is the place too; spelled-out names
/// are joined only as places ("America Inc" is a company).
pub(super) fn aliases_of_one_place(kind: ActorKind, alias: &str) -> bool {
    match kind {
        ActorKind::Place => true,
        ActorKind::Organization => is_abbreviation(alias),
        _ => false,
    }
}

/// The country qualifiers of organisations' names: the abbreviations of the listed places
/// ("U.S." and "US" fold to "u s" and "us"), folded.
pub(super) fn country_qualifiers() -> Vec<String> {
    Lexicon::get()
        .place_aliases()
        .flat_map(|(_, others)| others)
        .filter(|a| is_abbreviation(a))
        .map(fold)
        .collect()
}

/// Joins the names of each listed place the collection uses.
pub(super) fn find(counts: &KeyCounts<'_>, merges: &mut Merges) {
    for (full, others) in Lexicon::get().place_aliases() {
        let full_key = fold(full);
        let seen = counts[ActorKind::Place as usize].get(full_key.as_str());
        let full_node = (
            ActorKind::Place,
            full_key.as_str(),
            full,
            seen.map_or(0, |s| s.0),
        );
        for alias in others {
            let key = fold(alias);
            for kind in [ActorKind::Place, ActorKind::Organization] {
                if let Some(&(n, name)) = counts[kind as usize].get(key.as_str())
                    && aliases_of_one_place(kind, alias)
                {
                    merges.join_preferring(full_node, 2, (kind, &key, name, n));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_and_short_names_of_a_country_are_one_place() {
        let mut counts = KeyCounts::default();
        let place = &mut counts[ActorKind::Place as usize];
        for (key, n, name) in [
            ("u s", 300, "U.S."),
            ("us", 30, "US"),
            ("usa", 3, "USA"),
            ("united states", 70, "United States"),
            ("america", 8, "America"),
            ("britain", 36, "Britain"),
            ("uk", 2, "UK"),
            ("latin america", 5, "Latin America"),
        ] {
            place.insert(key, (n, name));
        }
        let org = &mut counts[ActorKind::Organization as usize];
        org.insert("u s", (5, "U.S"));
        // "America Inc": the company form is not part of the key.
        org.insert("america", (9, "America Inc"));
        let mut merges = Merges::default();
        find(&counts, &mut merges);
        let merged = merges.finish();
        let us = Some((ActorKind::Place, "united states", "United States"));
        for key in ["u s", "us", "usa", "america"] {
            assert_eq!(merged.redirect(ActorKind::Place, key), us, "{key}");
        }
        assert_eq!(merged.redirect(ActorKind::Organization, "u s"), us);
        assert_eq!(merged.redirect(ActorKind::Organization, "america"), None);
        assert_eq!(merged.redirect(ActorKind::Place, "latin america"), None);
        assert_eq!(merged.redirect(ActorKind::Place, "united states"), None);
        assert_eq!(
            merged.redirect(ActorKind::Place, "uk"),
            Some((ActorKind::Place, "united kingdom", "United Kingdom"))
        );
    }

    #[test]
    fn qualifiers_are_the_abbreviations() {
        let q = country_qualifiers();
        for s in ["u s", "us", "usa", "uk", "u k"] {
            assert!(q.iter().any(|x| x == s), "{s}");
        }
        assert!(!q.iter().any(|x| x == "america" || x == "britain"));
    }
}
