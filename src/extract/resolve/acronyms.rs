//! Acronyms and the organisations they stand for.

use rustc_hash::FxHashMap;

use super::ItemFacts;
use crate::content::ActorKind;
use crate::extract::people::{DocEntity, is_company_form};

/// The letters an acronym of `name` would have: the initials of its capitalised words
/// ("European Union" -> "eu", "Organisation of Petroleum Exporting Countries" -> "opec").
fn initials(name: &str) -> Option<String> {
    // Company forms are left out of acronyms ("Ford Motor Co" is not "FMC").
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| !is_company_form(w))
        .collect();
    if words.len() < 2 {
        return None;
    }
    let letters: String = words
        .iter()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .flat_map(char::to_lowercase)
        .collect();
    (letters.len() >= 2).then_some(letters)
}

/// A one-word organisation written in capitals ("EU", "U.N."), as its folded letters.
fn acronym_key(e: &DocEntity) -> Option<String> {
    // Abbreviations of places that datelines and addresses use ("Newark, N.J.").
    const PLACES: &[&str] = &[
        "N.J.", "N.Y.", "N.C.", "S.C.", "R.I.", "N.H.", "N.M.", "N.D.", "S.D.", "D.C.", "L.A.",
    ];
    if e.kind != ActorKind::Organization || e.name.contains(' ') {
        return None;
    }
    let letters: String = e.name.chars().filter(|c| *c != '.').collect();
    (!PLACES.contains(&e.name.as_str())
        && (2..=6).contains(&letters.chars().count())
        && letters.chars().all(|c| c.is_uppercase()))
    .then(|| letters.to_lowercase())
}

/// Acronyms the collection spells out: acronym key -> the full organisation's key and name.
/// An acronym takes the expansion it shares the most items with ("the European Union (EU)"),
/// when one clearly leads; initials alone are too weak ("GM" is not "Geneva Motor").
pub(super) fn acronym_expansions(items: &[ItemFacts<'_>]) -> FxHashMap<String, (String, String)> {
    // Initials -> full organisation key -> (its name, items naming it, items naming it
    // beside the acronym).
    let mut full: FxHashMap<String, FxHashMap<String, (String, u32, u32)>> = FxHashMap::default();
    let mut acronyms: FxHashMap<String, rustc_hash::FxHashSet<String>> = FxHashMap::default();
    for facts in items {
        let here: Vec<String> = facts.entities.iter().filter_map(acronym_key).collect();
        for e in &facts.entities {
            if let Some(key) = acronym_key(e) {
                acronyms.entry(key).or_default().insert(e.key.clone());
            } else if e.kind == ActorKind::Organization
                && let Some(letters) = initials(&e.name)
            {
                let slot = full
                    .entry(letters.clone())
                    .or_default()
                    .entry(e.key.clone())
                    .or_insert_with(|| (e.name.clone(), 0, 0));
                slot.1 += 1;
                slot.2 += u32::from(here.contains(&letters));
            }
        }
    }
    let mut out = FxHashMap::default();
    for (letters, entity_keys) in acronyms {
        let Some(candidates) = full.get(&letters) else {
            continue;
        };
        let mut ranked: Vec<(&String, &(String, u32, u32))> = candidates.iter().collect();
        ranked.sort_by(|a, b| (b.1.2, b.1.1, a.0).cmp(&(a.1.2, a.1.1, b.0)));
        let (key, (name, _, together)) = ranked[0];
        let clear = *together > 0 && ranked.get(1).is_none_or(|second| second.1.2 < *together);
        if clear {
            for k in entity_keys {
                out.insert(k, (key.clone(), name.clone()));
            }
        }
    }
    out
}
