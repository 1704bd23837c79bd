//! Acronyms and the organisations they stand for.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::ItemFacts;
use super::merges::{Merges, Reason};
use super::orgs::american_spelling;
use crate::content::ActorKind;
use crate::extract::people::{DocEntity, is_company_form, org_key};
use crate::lang::Lexicon;

/// Organisation key -> the key and name of the organisation it stands for.
type Expansions = FxHashMap<String, (String, String)>;

/// An expansion that holds at least this share of an acronym's spellings in the text is what
/// the acronym means wherever the text does not spell it out.
const CLEAR_SHARE: f32 = 0.9;

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
    if e.kind != ActorKind::Organization || e.name.contains(' ') {
        return None;
    }
    let letters: String = e.name.chars().filter(|c| *c != '.').collect();
    // Abbreviations of places that datelines and addresses use ("Newark, N.J.").
    (!Lexicon::get().is_place_abbreviation(&e.name)
        && (2..=6).contains(&letters.chars().count())
        && letters.chars().all(|c| c.is_uppercase()))
    .then(|| letters.to_lowercase())
}

/// Acronyms the collection spells out: acronym key -> the full organisation's key and name.
/// An acronym takes the expansion it shares the most items with ("the European Union (EU)"),
/// when one clearly leads; initials alone are too weak ("GM" is not "Geneva Motor").
/// What [`acronym_expansions`] finds: acronym entity key -> the organisation it stands for,
/// and the letters of each acronym -> its entity keys.
pub(super) type Cooccurrence = (Expansions, FxHashMap<String, FxHashSet<String>>);

pub(super) fn acronym_expansions(items: &[ItemFacts<'_>]) -> Cooccurrence {
    // Initials -> full organisation key -> (its name, items naming it, items naming it
    // beside the acronym).
    let mut full: FxHashMap<String, FxHashMap<String, (String, u32, u32)>> = FxHashMap::default();
    let mut acronyms: FxHashMap<String, FxHashSet<String>> = FxHashMap::default();
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
    for (letters, entity_keys) in &acronyms {
        let Some(candidates) = full.get(letters) else {
            continue;
        };
        let mut ranked: Vec<(&String, &(String, u32, u32))> = candidates.iter().collect();
        ranked.sort_by(|a, b| (b.1.2, b.1.1, a.0).cmp(&(a.1.2, a.1.1, b.0)));
        let (key, (name, _, together)) = ranked[0];
        let clear = *together > 0 && ranked.get(1).is_none_or(|second| second.1.2 < *together);
        if clear {
            for k in entity_keys {
                out.insert(k.clone(), (key.clone(), name.clone()));
            }
        }
    }
    (out, acronyms)
}

/// The letters a word gives an acronym: all of an abbreviation's ("U.S." in "U.S. Department
/// of Agriculture (USDA)"), else the initial of each capitalised part ("Inter-American").
fn letters_of(word: &str) -> Vec<char> {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        return letters;
    }
    word.split('-')
        .filter_map(|part| part.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// The words just before an acronym whose initials spell it, or `None`.
fn expansion_before<'t>(before: &'t str, letters: &[char]) -> Option<&'t str> {
    let mut end = before.len();
    let mut need = letters.len();
    for (i, w) in before
        .rsplit(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .enumerate()
        .take(12)
    {
        let ends_clause = w.ends_with([',', ';', ':', ')', '"'])
            || (w.ends_with('.') && w.chars().any(char::is_lowercase));
        if i > 0 && ends_clause {
            return None;
        }
        // "the International Coffee Organisation's (ICO)": the name without the possessive.
        let w = match w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")) {
            Some(stem) if i == 0 => {
                end = stem.as_ptr() as usize - before.as_ptr() as usize + stem.len();
                stem
            }
            _ => w,
        };
        if w.chars().next().is_some_and(char::is_uppercase) {
            for c in letters_of(w).into_iter().rev() {
                if need == 0 || letters[need - 1] != c {
                    return None;
                }
                need -= 1;
            }
            if need == 0 {
                let start = w.as_ptr() as usize - before.as_ptr() as usize;
                return Some(&before[start..end]);
            }
        } else if !Lexicon::get().is_acronym_inner_word(w) {
            // Not a small word a name holds without an initial ("on" in "General Agreement
            // on Tariffs and Trade": GATT).
            return None;
        }
    }
    None
}

/// Rule: an acronym in brackets right after the words it abbreviates is their organisation:
/// "the General Agreement on Tariffs and Trade (GATT)", "the Organisation for Economic
/// Co-operation and Development (OECD)". Returns each acronym's folded letters with the words
/// spelling it out; small words ("on", "and") need no letter, and nothing else may
/// intervene ("London Interbank Offered Rates (LIBOR)" spells nothing).
pub(super) fn spelled_out(paragraph: &str) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    for open in memchr::memchr_iter(b'(', paragraph.as_bytes()) {
        let rest = &paragraph[open + 1..];
        let Some(close) = rest.bytes().take(14).position(|b| b == b')') else {
            continue;
        };
        let inside = &rest[..close];
        let letters: Vec<char> = inside.chars().filter(|c| *c != '.').collect();
        if !(2..=6).contains(&letters.len()) || !letters.iter().all(char::is_ascii_uppercase) {
            continue;
        }
        let before = paragraph[..open].trim_end().trim_end_matches(',');
        if let Some(expansion) = expansion_before(before, &letters)
            && expansion.contains(' ')
        {
            out.push((letters.iter().collect::<String>().to_lowercase(), expansion));
        }
    }
    out
}

/// What acronyms stand for, across the collection and in each item.
#[derive(Default)]
pub(super) struct Acronyms {
    /// Everywhere: an acronym's entity key -> the organisation's key and name. Only for an
    /// entity written as an acronym: "MCA Inc" has the key of "MCA", but is a company.
    pub acronyms: Expansions,
    /// Everywhere: another spelling of an expansion, or one cut short before "and" -> the
    /// organisation's key and name.
    pub names: Expansions,
    /// Per item: what the item spells out itself, and which of an ambiguous acronym's
    /// expansions it names (entity key, organisation key and name, whether an acronym).
    pub local: Vec<Vec<(String, String, String, bool)>>,
}

impl Acronyms {
    /// The organisation an organisation entity of item `item` stands for, when it is an
    /// acronym or a piece or variant of an expansion.
    pub fn get(&self, item: usize, e: &DocEntity) -> Option<(&str, &str)> {
        let acronym = acronym_key(e).is_some();
        let local = self.local.get(item).into_iter().flatten();
        let found = local
            .filter(|(k, .., a)| *k == e.key && *a == acronym)
            .map(|(_, to, name, _)| (to, name))
            .next()
            .or_else(|| {
                let global = if acronym { &self.acronyms } else { &self.names };
                global.get(&e.key).map(|(k, n)| (k, n))
            });
        found.map(|(k, n)| (k.as_str(), n.as_str()))
    }
}

/// Whether two keys of expansions of one acronym are one name misspelled: at most two
/// edits apart ("general agreement on tariff and trade", "general agreeement on tariffs and
/// trade"), where "asian development bank" and "african development bank" are four.
fn misspelled(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().min(b.len()) < 10 || a.len().abs_diff(b.len()) > 2 {
        return false;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut row = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            row[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(row[j] + 1);
        }
        if row.iter().min().is_some_and(|&m| m > 2) {
            return false;
        }
        prev = row;
    }
    prev[b.len()] <= 2
}

/// Spellings of one expansion that differ in word order or in British and American
/// spelling share this: "General Agreement on Tariffs and Trade" and "General Agreement on
/// Trade and Tariffs".
fn spelling_group(key: &str) -> String {
    let key = american_spelling(key).unwrap_or_else(|| key.to_string());
    let mut words: Vec<&str> = key.split(' ').collect();
    words.sort_unstable();
    words.join(" ")
}

/// One acronym's expansions in the text, grouped by [`spelling_group`]: per group, each
/// organisation key with its written form and the number of spellings.
type Groups<'t> = Vec<(String, Vec<(String, &'t str, u32)>)>;

fn canonical<'a, 't>(members: &'a [(String, &'t str, u32)]) -> &'a (String, &'t str, u32) {
    members
        .iter()
        .max_by(|a, b| (a.2, a.0.len(), &b.0).cmp(&(b.2, b.0.len(), &a.0)))
        .expect("a group has members")
}

/// Decides what each acronym stands for: the text's own spellings first ([`spelled_out`],
/// per item in `spelled`), then the co-occurrence of an acronym with a name whose initials
/// it has. An acronym spelled out as two organisations ("ADB": the Asian and the African
/// Development Bank) stands for one of them only in items that spell it out or name just one
/// of them; elsewhere it stays itself, reported as a near miss.
pub(super) fn resolve_acronyms(
    items: &[ItemFacts<'_>],
    (mut global, acronyms): Cooccurrence,
    spelled: &[Vec<(String, &str)>],
    lex: &Lexicon,
    merges: &mut Merges,
) -> Acronyms {
    let mut names = Expansions::default();
    // Letters -> expansion groups.
    let mut by_letters: FxHashMap<&str, Groups<'_>> = FxHashMap::default();
    for (letters, expansion) in spelled.iter().flatten() {
        if lex.is_place(expansion) {
            continue;
        }
        let key = org_key(expansion);
        let group = spelling_group(&key);
        let groups = by_letters.entry(letters.as_str()).or_default();
        let same = |(g, members): &&mut (String, Vec<(String, &str, u32)>)| {
            *g == group || members.iter().any(|(k, ..)| misspelled(k, &key))
        };
        let members = match groups.iter_mut().find(same) {
            Some((_, m)) => m,
            None => {
                groups.push((group, Vec::new()));
                &mut groups.last_mut().expect("pushed").1
            }
        };
        match members.iter_mut().find(|(k, ..)| *k == key) {
            Some(m) => m.2 += 1,
            None => members.push((key, *expansion, 1)),
        }
    }
    let mut by_letters: Vec<(&str, Groups<'_>)> = by_letters.into_iter().collect();
    by_letters.sort_unstable_by(|a, b| a.0.cmp(b.0));
    // Expansion key -> the organisation it is a spelling of; pieces cut before "and" -> the
    // organisations they could be pieces of.
    let mut resolved: FxHashMap<String, (String, String)> = FxHashMap::default();
    let mut pieces: FxHashMap<String, FxHashSet<(String, String)>> = FxHashMap::default();
    // Ambiguous letters -> the organisations they may stand for.
    let mut ambiguous: FxHashMap<&str, Vec<(String, String)>> = FxHashMap::default();
    for (letters, groups) in &mut by_letters {
        groups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let total: u32 = groups.iter().flat_map(|g| &g.1).map(|m| m.2).sum();
        let mut ranked: Vec<((String, String), u32)> = Vec::new();
        for (_, members) in groups.iter() {
            let (key, name, _) = canonical(members);
            let to = (key.clone(), name.to_string());
            for (k, ..) in members {
                resolved.insert(k.clone(), to.clone());
                let words: Vec<&str> = k.split(' ').collect();
                for cut in 2..words.len() {
                    if matches!(words[cut], "and" | "&") {
                        pieces
                            .entry(words[..cut].join(" "))
                            .or_default()
                            .insert(to.clone());
                    }
                }
            }
            ranked.push((to, members.iter().map(|m| m.2).sum()));
        }
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let keys = acronyms.get(*letters).into_iter().flatten();
        if ranked[0].1 as f32 >= CLEAR_SHARE * total as f32 {
            for k in keys {
                global.insert(k.clone(), ranked[0].0.clone());
            }
        } else {
            for k in keys {
                global.remove(k);
                for ((to, name), _) in &ranked {
                    merges.near_miss(
                        (ActorKind::Organization, k, k, 0),
                        (ActorKind::Organization, to, name, 0),
                        Reason::AmbiguousAcronym,
                    );
                }
            }
            ambiguous.insert(letters, ranked.into_iter().map(|r| r.0).collect());
        }
    }
    for (key, to) in &resolved {
        if *key != to.0 {
            names.insert(key.clone(), to.clone());
        }
    }
    for (piece, to) in pieces {
        if to.len() == 1 && !resolved.contains_key(&piece) {
            names.insert(piece, to.into_iter().next().expect("one"));
        }
    }
    let local = items
        .par_iter()
        .zip(spelled)
        .map(|(facts, spelled)| local_expansions(facts, spelled, &resolved, &ambiguous, lex))
        .collect();
    Acronyms {
        acronyms: global,
        names,
        local,
    }
}

/// What one item's acronyms and pieces of names stand for in that item: its own spellings
/// ("African Development Bank (ADB)"), else the one expansion of an ambiguous acronym it
/// names.
fn local_expansions(
    facts: &ItemFacts<'_>,
    spelled: &[(String, &str)],
    resolved: &FxHashMap<String, (String, String)>,
    ambiguous: &FxHashMap<&str, Vec<(String, String)>>,
    lex: &Lexicon,
) -> Vec<(String, String, String, bool)> {
    let mut out = Vec::new();
    for (letters, expansion) in spelled {
        if lex.is_place(expansion) {
            continue;
        }
        let key = org_key(expansion);
        let (to, name) = resolved
            .get(&key)
            .cloned()
            .unwrap_or_else(|| (key.clone(), expansion.to_string()));
        for e in &facts.entities {
            let piece = e.kind == ActorKind::Organization
                && e.key.contains(' ')
                && key.len() > e.key.len()
                && key.starts_with(&e.key)
                && key.as_bytes()[e.key.len()] == b' ';
            let acronym = acronym_key(e).is_some_and(|l| l == *letters);
            if piece || acronym {
                out.push((e.key.clone(), to.clone(), name.clone(), acronym));
            }
        }
    }
    if !ambiguous.is_empty() {
        for e in &facts.entities {
            let Some(candidates) = acronym_key(e).and_then(|l| ambiguous.get(l.as_str())) else {
                continue;
            };
            if out.iter().any(|(k, .., a)| *k == e.key && *a) {
                continue;
            }
            let named: Vec<&(String, String)> = candidates
                .iter()
                .filter(|(to, _)| {
                    facts.entities.iter().any(|o| {
                        o.kind == ActorKind::Organization
                            && resolved.get(&o.key).map_or(&o.key, |r| &r.0) == to
                    })
                })
                .collect();
            if let [(to, name)] = named[..] {
                out.push((e.key.clone(), to.clone(), name.clone(), true));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::people::fold;

    fn org(name: &str) -> DocEntity {
        crate::extract::resolve::test_entity(name, ActorKind::Organization, 2)
    }

    #[test]
    fn an_acronym_in_brackets_is_spelled_out_by_the_words_before_it() {
        let found = |p: &'static str| spelled_out(p);
        assert_eq!(
            found("Talks under the General Agreement on Tariffs and Trade (GATT) resume."),
            [("gatt".to_string(), "General Agreement on Tariffs and Trade")]
        );
        assert_eq!(
            found("The European Community (EC) said on Monday ..."),
            [("ec".to_string(), "European Community")]
        );
        assert_eq!(
            found("the Organisation for Economic Co-operation and Development (OECD)"),
            [(
                "oecd".to_string(),
                "Organisation for Economic Co-operation and Development"
            )]
        );
        assert_eq!(
            found("the Inter-American Development Bank (IADB) lent"),
            [("iadb".to_string(), "Inter-American Development Bank")]
        );
        assert_eq!(
            found("the U.S. Department of Agriculture (USDA) said"),
            [("usda".to_string(), "U.S. Department of Agriculture")]
        );
        assert_eq!(
            found("the International Coffee Organisation's (ICO) council"),
            [("ico".to_string(), "International Coffee Organisation")]
        );
    }

    #[test]
    fn brackets_that_spell_nothing_are_left_alone() {
        // The initials do not spell it.
        assert!(spelled_out("the London Interbank Offered Rate (LIBOR) rose").is_empty());
        // A clause in between.
        assert!(spelled_out("the Federal Reserve, said the bank (FRB) ...").is_empty());
        // Not an acronym.
        assert!(spelled_out("Acme Corp (Acme) rose").is_empty());
        assert!(spelled_out("rose 5 pct (5.2 pct) in May").is_empty());
        // One word is a name, not an expansion.
        assert!(spelled_out("Comecon (C) met").is_empty());
    }

    #[test]
    fn misspelled_expansions_of_one_acronym_are_one_name() {
        let k = |s: &str| fold(s);
        assert!(misspelled(
            &k("General Agreement on Tariff and Trade"),
            &k("General Agreement on Tariffs and Trade")
        ));
        assert!(misspelled(
            &k("General Agreeement on Tariffs and Trade"),
            &k("General Agreement on Tariffs and Trade")
        ));
        assert!(!misspelled(
            &k("Asian Development Bank"),
            &k("African Development Bank")
        ));
        assert!(!misspelled(&k("Ghana News Agency"), &k("Gulf News Agency")));
    }

    fn item<'a>(entities: Vec<DocEntity>, paragraphs: &'a [&'a str]) -> ItemFacts<'a> {
        ItemFacts {
            item: crate::extract::ItemRef::Article(0),
            date: chrono::NaiveDate::from_ymd_opt(1987, 3, 1).unwrap(),
            declared: &[],
            paragraphs,
            entities,
        }
    }

    #[test]
    fn spelled_acronyms_join_their_organisation_across_items() {
        let p0: &[&str] = &["Ministers of the General Agreement on Tariffs and Trade (GATT) met."];
        let p1: &[&str] = &["GATT officials said the General Agreement on Tariffs talks go on."];
        let p2: &[&str] = &["MCA Inc said it would buy the studio."];
        let items = vec![
            // The document pass cuts the expansion at "and".
            item(vec![org("General Agreement on Tariffs"), org("GATT")], p0),
            item(vec![org("GATT"), org("General Agreement on Tariffs")], p1),
            item(vec![org("MCA Inc")], p2),
        ];
        let spelled: Vec<Vec<(String, &str)>> = items
            .iter()
            .map(|f| f.paragraphs.iter().flat_map(|p| spelled_out(p)).collect())
            .collect();
        let mut merges = Merges::default();
        let co = acronym_expansions(&items);
        let acr = resolve_acronyms(&items, co, &spelled, Lexicon::get(), &mut merges);
        let gatt = Some((
            "general agreement on tariffs and trade",
            "General Agreement on Tariffs and Trade",
        ));
        for (i, facts) in items.iter().enumerate().take(2) {
            for e in &facts.entities {
                assert_eq!(acr.get(i, e), gatt, "{i} {}", e.name);
            }
        }
        // A company whose key is an acronym's is not the acronym.
        assert_eq!(acr.get(2, &items[2].entities[0]), None);
    }

    #[test]
    fn an_acronym_spelled_two_ways_is_resolved_only_where_the_item_says_which() {
        let asian: &[&str] = &["the Asian Development Bank (ADB) said"];
        let african: &[&str] = &["the African Development Bank (ADB) said"];
        let neither: &[&str] = &["ADB lending rose"];
        let named: &[&str] = &["ADB lending rose, the African Development Bank said"];
        let items = vec![
            item(vec![org("Asian Development Bank"), org("ADB")], asian),
            item(vec![org("Asian Development Bank"), org("ADB")], asian),
            item(vec![org("African Development Bank"), org("ADB")], african),
            item(vec![org("ADB")], neither),
            item(vec![org("ADB"), org("African Development Bank")], named),
        ];
        let spelled: Vec<Vec<(String, &str)>> = items
            .iter()
            .map(|f| f.paragraphs.iter().flat_map(|p| spelled_out(p)).collect())
            .collect();
        let mut merges = Merges::default();
        let co = acronym_expansions(&items);
        let acr = resolve_acronyms(&items, co, &spelled, Lexicon::get(), &mut merges);
        let adb = |i: usize| {
            acr.get(
                i,
                items[i].entities.iter().find(|e| e.name == "ADB").unwrap(),
            )
        };
        let asian_bank = Some(("asian development bank", "Asian Development Bank"));
        let african_bank = Some(("african development bank", "African Development Bank"));
        assert_eq!(adb(0), asian_bank);
        assert_eq!(adb(2), african_bank);
        assert_eq!(adb(3), None);
        assert_eq!(adb(4), african_bank);
        let near = merges.finish().near_misses;
        assert_eq!(near.len(), 2);
        assert!(
            near.iter()
                .all(|n| n.reason == Reason::AmbiguousAcronym && n.a.1 == "adb")
        );
    }
}
