//! One organisation under several names: short and long forms, a country qualifier,
//! British and American spelling.

use rustc_hash::FxHashMap;

use super::merges::{KeyCounts, Merges};
use crate::content::ActorKind;
use crate::extract::people::org_key;
use crate::lang::Lexicon;

const ORG: ActorKind = ActorKind::Organization;

/// A line of the short-form list: the full name's key, the full name, and each other name
/// with its key.
type ShortForm = (String, &'static str, Vec<(String, &'static str)>);

/// Rule: a leading country qualifier does not make another organisation: "U.S. Federal
/// Reserve Board" is the "Federal Reserve Board", "US Agriculture Department" the
/// "Agriculture Department". Returns the name without it.
///
/// Only when at least two words remain ("U.S. Steel" and "US Airways" are companies of their
/// own) and those words name an organisation the collection or the short-form list knows.
pub(super) fn without_country_qualifier<'k>(
    key: &'k str,
    qualifiers: &[String],
) -> Option<&'k str> {
    qualifiers.iter().find_map(|q| {
        let rest = key.strip_prefix(q.as_str())?.strip_prefix(' ')?;
        rest.contains(' ').then_some(rest)
    })
}

/// A key with `-isation` written `-ization`, when it has one.
pub(super) fn american_spelling(key: &str) -> Option<String> {
    key.contains("isation")
        .then(|| key.replace("isation", "ization"))
}

/// Rule: British and American spellings of one name, and one name written with or without a
/// hyphen or space, are one organisation: "Organisation of Petroleum Exporting Countries" and
/// "Organization of Petroleum Exporting Countries", "Inter-American Development Bank" and
/// "InterAmerican Development Bank". The key they share: American spelling, no hyphens or
/// spaces.
pub(super) fn spelling_key(key: &str) -> String {
    let key = american_spelling(key).unwrap_or_else(|| key.to_string());
    key.chars().filter(|&c| c != ' ' && c != '-').collect()
}

/// Joins what the three rules and the short-form list (`lang/en/short_forms.txt`: "Fed" is
/// the Federal Reserve) find among the organisations the collection names.
pub(super) fn find(counts: &KeyCounts<'_>, qualifiers: &[String], merges: &mut Merges) {
    let orgs = &counts[ORG as usize];
    let short_forms: Vec<ShortForm> = Lexicon::get()
        .short_forms()
        .map(|(full, others)| {
            let others = others.into_iter().map(|o| (org_key(o), o)).collect();
            (org_key(full), full, others)
        })
        .collect();
    let listed: FxHashMap<&str, &str> = short_forms
        .iter()
        .flat_map(|(k, full, others)| {
            std::iter::once((k.as_str(), *full)).chain(others.iter().map(|(k, o)| (k.as_str(), *o)))
        })
        .collect();
    let mut keys: Vec<(&str, &(u32, &str))> = orgs.iter().map(|(k, v)| (*k, v)).collect();
    keys.sort_unstable();
    let mut spellings: FxHashMap<String, Vec<(&str, u32, &str)>> =
        FxHashMap::with_capacity_and_hasher(keys.len(), Default::default());
    for &(key, &(n, name)) in &keys {
        if let Some(rest) = without_country_qualifier(key, qualifiers) {
            let known = orgs
                .get(rest)
                .map(|&(m, form)| (m, form))
                .or_else(|| listed.get(rest).map(|&form| (0, form)));
            if let Some((m, form)) = known {
                merges.join_preferring((ORG, rest, form, m), 1, (ORG, key, name, n));
            }
        }
        spellings
            .entry(spelling_key(key))
            .or_default()
            .push((key, n, name));
    }
    for forms in spellings.values() {
        if let [(k, n, name), rest @ ..] = &forms[..] {
            for &(k2, n2, name2) in rest {
                merges.join((ORG, k, name, *n), (ORG, k2, name2, n2));
            }
        }
    }
    for (full_key, full, others) in &short_forms {
        let full_node = (
            ORG,
            full_key.as_str(),
            *full,
            orgs.get(full_key.as_str()).map_or(0, |c| c.0),
        );
        for (key, form) in others {
            let seen = orgs.get(key.as_str()).copied();
            if seen.is_some() || merges.has(ORG, key) {
                let (n, name) = seen.unwrap_or((0, form));
                merges.join_preferring(full_node, 2, (ORG, key, name, n));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::resolve::places::country_qualifiers;

    #[test]
    fn a_country_qualifier_is_dropped_when_the_rest_is_an_organisation() {
        let q = country_qualifiers();
        let k = |s: &str| org_key(s);
        assert_eq!(
            without_country_qualifier(&k("U.S. Federal Reserve Board"), &q),
            Some("federal reserve board")
        );
        assert_eq!(
            without_country_qualifier(&k("US Agriculture Department"), &q),
            Some("agriculture department")
        );
        // One word left: a company of its own.
        assert_eq!(without_country_qualifier(&k("U.S. Steel Corp"), &q), None);
        assert_eq!(without_country_qualifier(&k("US Airways"), &q), None);
        // Not a qualifier: a word that starts with one.
        assert_eq!(without_country_qualifier(&k("USAir Group Inc"), &q), None);
        assert_eq!(
            without_country_qualifier(&k("Federal Reserve Board"), &q),
            None
        );
    }

    #[test]
    fn british_and_american_spellings_meet() {
        let same = |a: &str, b: &str| spelling_key(&org_key(a)) == spelling_key(&org_key(b));
        assert!(same(
            "Organisation of Petroleum Exporting Countries",
            "Organization of Petroleum Exporting Countries"
        ));
        assert!(same(
            "Inter-American Development Bank",
            "InterAmerican Development Bank"
        ));
        assert!(same(
            "Inter American Development Bank",
            "Inter-American Development Bank"
        ));
        // Other words are other organisations ("Labour" and "Labor" parties are two).
        assert!(!same("Labour Party", "Labor Party"));
        assert!(!same(
            "Organization of American States",
            "Organisation of African Unity"
        ));
        assert!(!same("American Express", "American Express Bank"));
    }

    #[test]
    fn short_and_long_forms_of_the_fed_are_one_organisation() {
        let mut counts = KeyCounts::default();
        let orgs = &mut counts[ORG as usize];
        for (key, n, name) in [
            ("fed", 200, "Fed"),
            (
                "u s federal reserve board",
                12,
                "U.S. Federal Reserve Board",
            ),
            ("u s federal reserve", 15, "U.S. Federal Reserve"),
            (
                "federal reserve bank of new york",
                3,
                "Federal Reserve Bank of New York",
            ),
            (
                "organisation of petroleum exporting countries",
                143,
                "Organisation of Petroleum Exporting Countries",
            ),
            (
                "organization of petroleum exporting countries",
                11,
                "Organization of Petroleum Exporting Countries",
            ),
            ("u s steel", 4, "U.S. Steel Corp"),
            ("steel", 1, "Steel Inc"),
        ] {
            orgs.insert(key, (n, name));
        }
        let mut merges = Merges::default();
        find(&counts, &country_qualifiers(), &mut merges);
        let merged = merges.finish();
        let fed = Some((ORG, "federal reserve", "Federal Reserve"));
        for key in [
            "fed",
            "u s federal reserve board",
            "u s federal reserve",
            "federal reserve board",
        ] {
            assert_eq!(merged.redirect(ORG, key), fed, "{key}");
        }
        // A regional bank of the system is an organisation of its own.
        assert_eq!(
            merged.redirect(ORG, "federal reserve bank of new york"),
            None
        );
        assert_eq!(merged.redirect(ORG, "u s steel"), None);
        assert_eq!(
            merged.redirect(ORG, "organization of petroleum exporting countries"),
            Some((
                ORG,
                "organisation of petroleum exporting countries",
                "Organisation of Petroleum Exporting Countries"
            ))
        );
    }
}
