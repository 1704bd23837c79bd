//! One person under two spellings: transliteration variants and one-letter typos.
//!
//! Both rules compare full-name person keys (`volodymyr zelensky`) that share every word but
//! the surname; what they refuse but find close is handed on as a near miss, for
//! `possible_duplicates`.

use rustc_hash::FxHashMap;

use super::merges::{Merges, Reason};
use crate::content::ActorKind;
use crate::extract::people::surname_of;
use crate::lang::Lexicon;

/// A typo joins a name used at least this many times as often ("Alan Greespan" once, "Alan
/// Greenspan" in 40 items)...
const TYPO_RATIO: u32 = 5;
/// ...and in at least this many items.
const TYPO_MIN_ITEMS: u32 = 5;
/// Surnames shorter than this are too short to call a one-letter difference a typo
/// ("Kim Jong Un" / "Kim Jong Il", "Ahmed Nasr" / "Ahmed Nasir" are names of their own).
const MIN_SURNAME: usize = 5;
/// A surname English uses at least this often (Zipf frequency: "barker" 3.6, "johnston" 3.8)
/// is a name of its own, not a typo of its neighbour ("James R. Barker" is not James Baker).
const COMMON_NAME_ZIPF: f32 = 3.0;

/// The given names of a person key and its surname: `("volodymyr", "zelensky")`. `None` for a
/// one-word key.
fn split(key: &str) -> Option<(&str, &str)> {
    key.rsplit_once(' ')
}

/// A surname without doubled letters, and its ending of `i`, `y` and `j`:
/// "zelenskyy" -> ("zelensk", "yy").
fn stem_and_ending(surname: &str) -> (String, &str) {
    let stem_len = surname.trim_end_matches(['i', 'y', 'j']).len();
    let mut stem = String::with_capacity(stem_len);
    for c in surname[..stem_len].chars() {
        if !stem.ends_with(c) {
            stem.push(c);
        }
    }
    (stem, &surname[stem_len..])
}

/// Rule: two spellings of one surname by different transliterations, with the same given
/// names: "Volodymyr Zelensky", "Volodymyr Zelenskyy" and "Volodymyr Zelenskiy" are one man.
///
/// The surnames are equal once doubled letters are single and the `-y`/`-i`/`-iy`/`-yy`/`-ii`
/// ending is one sound, and one of them has a two-letter ending (the mark of a
/// transliteration). "Zelensky" / "Zelenski" (one-letter endings both) and "Rossi" / "Ross"
/// are refused: those are different names as often as not.
pub(super) fn transliteration_variants(a: &str, b: &str) -> bool {
    let (Some((given_a, sur_a)), Some((given_b, sur_b))) = (split(a), split(b)) else {
        return false;
    };
    if given_a != given_b || sur_a == sur_b || sur_a.len().min(sur_b.len()) < MIN_SURNAME {
        return false;
    }
    let ((stem_a, end_a), (stem_b, end_b)) = (stem_and_ending(sur_a), stem_and_ending(sur_b));
    stem_a == stem_b
        && stem_a.len() >= 4
        && !end_a.is_empty()
        && !end_b.is_empty()
        && end_a.len().max(end_b.len()) >= 2
}

/// Near miss of [`transliteration_variants`]: the same surname but for the ending or doubled
/// letters ("Zelensky" / "Zelenski", "Hoffman" / "Hoffmann").
fn spelled_alike(a: &str, b: &str) -> bool {
    let (Some((given_a, sur_a)), Some((given_b, sur_b))) = (split(a), split(b)) else {
        return false;
    };
    given_a == given_b
        && sur_a != sur_b
        && sur_a.len().min(sur_b.len()) >= MIN_SURNAME
        && stem_and_ending(sur_a).0 == stem_and_ending(sur_b).0
}

/// Whether two words are one edit apart: a letter added, dropped, changed, or two
/// neighbours swapped ("greenspan" / "greespan", "boesky" / "boeksy").
pub(super) fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    match long.len() - short.len() {
        0 => {
            let diff: Vec<usize> = (0..short.len()).filter(|&i| short[i] != long[i]).collect();
            match diff[..] {
                [_] => true,
                [i, j] => j == i + 1 && short[i] == long[j] && short[j] == long[i],
                _ => false,
            }
        }
        1 => {
            let i = (0..short.len())
                .find(|&i| short[i] != long[i])
                .unwrap_or(short.len());
            short[i..] == long[i + 1..]
        }
        _ => false,
    }
}

/// Rule: a one-letter typo of a name the collection uses far more often is that name: "Alan
/// Greespan" (one item) is "Alan Greenspan" (40 items), "Paul Vocker" is "Paul Volcker".
///
/// The given names are equal, the surnames one edit apart with the same first letter and at
/// least [`MIN_SURNAME`] letters, the common form is used [`TYPO_RATIO`] times as often in at
/// least [`TYPO_MIN_ITEMS`] items, and the rare surname is not a name English uses often
/// itself: "James R. Barker" (once) stays apart from "James Baker" (235 items).
pub(super) fn typo_of(rare: &str, rare_items: u32, common: &str, common_items: u32) -> bool {
    one_letter_apart(rare, common)
        && common_items >= TYPO_MIN_ITEMS
        && common_items >= TYPO_RATIO * rare_items
        && split(rare).is_some_and(|(_, surname)| {
            Lexicon::get()
                .zipf(surname)
                .is_none_or(|z| z < COMMON_NAME_ZIPF)
        })
}

/// Same given names, surnames one edit apart with the same first letter: a typo if the
/// counts say so ([`typo_of`]), otherwise a near miss ("Richard Fischer" / "Richard Fisher").
fn one_letter_apart(a: &str, b: &str) -> bool {
    let (Some((given_a, sur_a)), Some((given_b, sur_b))) = (split(a), split(b)) else {
        return false;
    };
    given_a == given_b
        && sur_a.len().min(sur_b.len()) >= MIN_SURNAME
        && sur_a.chars().next() == sur_b.chars().next()
        && one_edit_apart(sur_a, sur_b)
}

/// Applies both rules to every pair of full-name person keys that share given names and the
/// first letter of the surname. `items` holds each key's item count and written form.
pub(super) fn find(people: &FxHashMap<&str, (u32, &str)>, merges: &mut Merges) {
    let mut buckets: FxHashMap<(&str, Option<char>), Vec<&str>> = FxHashMap::default();
    for &key in people.keys() {
        if let Some((given, surname)) = split(key) {
            buckets
                .entry((given, surname.chars().next()))
                .or_default()
                .push(key);
        }
    }
    let mut buckets: Vec<Vec<&str>> = buckets.into_values().filter(|b| b.len() > 1).collect();
    for b in &mut buckets {
        b.sort_unstable();
    }
    buckets.sort_unstable();
    for bucket in buckets {
        for (i, &a) in bucket.iter().enumerate() {
            for &b in &bucket[i + 1..] {
                debug_assert_ne!(surname_of(a), surname_of(b));
                let ((na, form_a), (nb, form_b)) = (people[a], people[b]);
                let node_a = (ActorKind::Person, a, form_a, na);
                let node_b = (ActorKind::Person, b, form_b, nb);
                if transliteration_variants(a, b) || typo_of(a, na, b, nb) || typo_of(b, nb, a, na)
                {
                    merges.join(node_a, node_b);
                } else if spelled_alike(a, b) {
                    merges.near_miss(node_a, node_b, Reason::SpelledAlike);
                } else if one_letter_apart(a, b) {
                    merges.near_miss(node_a, node_b, Reason::OneLetterApart);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::people::person_key;

    fn translit(a: &str, b: &str) -> bool {
        transliteration_variants(&person_key(a), &person_key(b))
    }

    #[test]
    fn transliterations_of_one_surname_are_one_person() {
        // "Ukraine's President Volodymyr Zelenskyy met ..." / "... Volodymyr Zelensky said".
        assert!(translit("Volodymyr Zelensky", "Volodymyr Zelenskyy"));
        assert!(translit("Volodymyr Zelensky", "Volodymyr Zelenskiy"));
        assert!(translit("Volodymyr Zelenskyy", "Volodymyr Zelenskiy"));
        assert!(translit("Andriy Yermakiy", "Andriy Yermaky"));
    }

    #[test]
    fn different_names_are_not_transliterations() {
        // Different people, whatever the spelling rules say.
        assert!(!translit("Kim Jong Un", "Kim Jong Il"));
        assert!(!translit("John Smith", "John Smyth"));
        assert!(!translit("Maria Rossi", "Maria Ross"));
        // One-letter endings both: -ski and -sky are Polish and Russian names alike.
        assert!(!translit("Jan Kowalski", "Jan Kowalsky"));
        // A different given name is a different person.
        assert!(!translit("Olena Zelenska", "Volodymyr Zelenskyy"));
        assert!(!translit("Oleksandr Zelenskyy", "Volodymyr Zelensky"));
        // Doubled letters alone are a typo's business, with its counts.
        assert!(!translit("Fred Hoffman", "Fred Hoffmann"));
    }

    #[test]
    fn one_edit_covers_insertions_deletions_changes_and_swaps() {
        assert!(one_edit_apart("greenspan", "greespan"));
        assert!(one_edit_apart("greespan", "greenspan"));
        assert!(one_edit_apart("boesky", "boeksy"));
        assert!(one_edit_apart("volcker", "vocker"));
        assert!(one_edit_apart("fitzwater", "fitwater"));
        assert!(one_edit_apart("denman", "denmam"));
        assert!(!one_edit_apart("greenspan", "greenspan"));
        assert!(!one_edit_apart("greenspan", "grenspun"));
        assert!(!one_edit_apart("baker", "barkers"));
    }

    #[test]
    fn a_rare_typo_joins_the_common_spelling() {
        let (rare, common) = (person_key("Alan Greespan"), person_key("Alan Greenspan"));
        assert!(typo_of(&rare, 1, &common, 100));
        assert!(typo_of(&rare, 1, &common, 5));
        let vocker = person_key("Paul Vocker");
        assert!(typo_of(&vocker, 1, &person_key("Paul Volcker"), 108));
    }

    #[test]
    fn a_typo_needs_the_counts_and_a_long_unusual_surname() {
        let (rare, common) = (person_key("Alan Greespan"), person_key("Alan Greenspan"));
        // Seen about as often: either could be right.
        assert!(!typo_of(&rare, 1, &common, 2));
        assert!(!typo_of(&rare, 3, &common, 10));
        // Not the other way round.
        assert!(!typo_of(&common, 100, &rare, 1));
        // "James R. Barker, chairman of Moore McCormack" is not James Baker: Barker is a
        // common English surname.
        assert!(!typo_of(
            &person_key("James R. Barker"),
            1,
            &person_key("James Baker"),
            235
        ));
        // Short surnames and other given names.
        assert!(!typo_of(
            &person_key("Ahmed Nasr"),
            1,
            &person_key("Ahmed Nasir"),
            11
        ));
        assert!(!typo_of(
            &person_key("Alan Greespan"),
            1,
            &person_key("Allan Greenspan"),
            40
        ));
        // A different first letter is another name ("William Hodes" / "William Rhodes").
        assert!(!typo_of(
            &person_key("David Barnes"),
            1,
            &person_key("David Karnes"),
            40
        ));
    }

    #[test]
    fn refused_pairs_are_near_misses() {
        let mut people: FxHashMap<&str, (u32, &str)> = FxHashMap::default();
        people.insert("alan greenspan", (40, "Alan Greenspan"));
        people.insert("alan greespan", (1, "Alan Greespan"));
        people.insert("fred hoffman", (1, "Fred Hoffman"));
        people.insert("fred hoffmann", (1, "Fred Hoffmann"));
        people.insert("harald brunqvell", (1, "Harald Brunqvell"));
        people.insert("harald brunquell", (2, "Harald Brunquell"));
        people.insert("james baker", (235, "James Baker"));
        people.insert("james barker", (1, "James R. Barker"));
        let mut merges = Merges::default();
        find(&people, &mut merges);
        let merged = merges.finish();
        assert_eq!(
            merged.redirect(ActorKind::Person, "alan greespan"),
            Some((ActorKind::Person, "alan greenspan", "Alan Greenspan"))
        );
        assert_eq!(merged.redirect(ActorKind::Person, "james barker"), None);
        let near: Vec<(&str, &str, Reason)> = merged
            .near_misses
            .iter()
            .map(|n| (n.a.1.as_str(), n.b.1.as_str(), n.reason))
            .collect();
        assert_eq!(
            near,
            [
                ("fred hoffman", "fred hoffmann", Reason::SpelledAlike),
                (
                    "harald brunquell",
                    "harald brunqvell",
                    Reason::OneLetterApart
                ),
                ("james baker", "james barker", Reason::OneLetterApart),
            ]
        );
    }
}
