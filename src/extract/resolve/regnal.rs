//! A birth name and a regnal or religious name, when the text ties them: "Cardinal Jorge
//! Mario Bergoglio, who became Pope Francis", "Robert Prevost ... took the name Leo XIV".
//!
//! Nothing else joins such names: they share no word. Only a sentence that says so does.

use rustc_hash::FxHashMap;

use super::merges::{KeyCounts, Merges};
use crate::content::ActorKind;
use crate::extract::people::{DocEntity, person_key};
use crate::lang::Lexicon;

/// Words between "elected" and "as" in "was elected pope on Thursday as Leo XIV".
const ELECTED_WINDOW: usize = 5;

/// A birth name tied to a regnal name by one item: the birth name's person key, and the
/// regnal name as written ("Pope Francis").
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Tie {
    pub birth: String,
    pub regnal: String,
}

fn bare(token: &str) -> &str {
    let t = token.trim_matches(|c: char| !c.is_alphanumeric());
    t.strip_suffix("'s")
        .or_else(|| t.strip_suffix("’s"))
        .unwrap_or(t)
}

fn is_roman_numeral(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Where a tying phrase ends and the regnal name begins, with whether the phrase alone is
/// enough ("took the name Francis") or the name must show it is regnal ("elected ... as").
fn tie_at(tokens: &[&str], i: usize, lex: &Lexicon) -> Option<(usize, bool)> {
    let word = |j: usize| tokens.get(j).map(|t| bare(t).to_lowercase());
    let w = word(i)?;
    // "took the name", "chose the papal name".
    if lex.is_adopting_verb(&w) && word(i + 1)? == "the" {
        let mut j = i + 2;
        if lex.is_name_adjective(&word(j)?) {
            j += 1;
        }
        return (word(j)? == "name").then_some((j + 1, true));
    }
    if w == "became" {
        return tokens
            .get(i + 1)
            .is_some_and(|t| lex.is_royal_title(bare(t)))
            .then_some((i + 1, false));
    }
    if w == "elected" {
        for (j, t) in tokens.iter().enumerate().skip(i + 1).take(ELECTED_WINDOW) {
            if bare(t) == "as" {
                return Some((j + 1, false));
            }
            if t.ends_with(['.', ';']) {
                break;
            }
        }
    }
    None
}

/// The name that starts at token `i`: capitalised words and regnal numbers, up to the first
/// punctuation ("Leo XIV, the first" -> "Leo XIV").
fn name_at(tokens: &[&str], i: usize) -> Option<String> {
    let mut words = Vec::new();
    for t in tokens.iter().skip(i).take(5) {
        let w = bare(t);
        if !(capitalised(w) || is_roman_numeral(w)) {
            break;
        }
        words.push(w);
        if t.ends_with(|c: char| !c.is_alphanumeric()) {
            break;
        }
    }
    (!words.is_empty()).then(|| words.join(" "))
}

/// The key of a regnal name without its leading titles: "Pope Leo XIV" -> "leo xiv".
pub(super) fn regnal_key(name: &str, lex: &Lexicon) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let start = words
        .iter()
        .position(|w| !lex.is_royal_title(&title_case(w)))
        .unwrap_or(words.len());
    person_key(&words[start..].join(" "))
}

fn title_case(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Rule: a sentence that names a person, then says they "took the name", "became Pope" or
/// were "elected ... as" someone, ties the two names: "Cardinal Robert Prevost, 69, took the
/// name Leo XIV". The person is the full name written last before the phrase in the same
/// sentence; after "became" or "elected as" the new name must start with a royal or
/// religious title or end in a regnal number ("became Prime Minister" ties nothing).
pub(super) fn ties(paragraphs: &[&str], entities: &[DocEntity], lex: &Lexicon) -> Vec<Tie> {
    let mut out = Vec::new();
    for p in paragraphs {
        if !(p.contains(" name ")
            || p.contains("became ")
            || p.contains("elected ")
            || p.contains("born "))
        {
            continue;
        }
        let mut offsets = Vec::new();
        let tokens: Vec<&str> = p
            .split_whitespace()
            .inspect(|t| offsets.push(t.as_ptr() as usize - p.as_ptr() as usize))
            .collect();
        let sentence_before = |i: usize| {
            let before = &p[..offsets[i]];
            let start = before
                .rfind(". ")
                .or_else(|| before.rfind("? "))
                .map_or(0, |s| s + 2);
            &before[start..]
        };
        for i in 0..tokens.len() {
            if bare(tokens[i]) == "born" {
                out.extend(born(&tokens, i, sentence_before(i), entities, lex));
                continue;
            }
            let Some((start, strong)) = tie_at(&tokens, i, lex) else {
                continue;
            };
            let Some(regnal) = name_at(&tokens, start) else {
                continue;
            };
            let first = regnal.split(' ').next().unwrap_or("");
            let last = regnal.rsplit(' ').next().unwrap_or("");
            if !strong && !lex.is_royal_title(first) && !is_roman_numeral(last) {
                continue;
            }
            if let Some(birth) = last_person_before(sentence_before(i), entities)
                && regnal_key(&regnal, lex) != regnal_key(&birth.name, lex)
            {
                out.push(Tie {
                    birth: birth.key.clone(),
                    regnal,
                });
            }
        }
    }
    out
}

/// Rule, the other way round: a regnal name, then "born" and the birth name: "Pope Francis,
/// born Jorge Mario Bergoglio in Buenos Aires". The regnal name is the person written last
/// before "born" in the sentence, and must start with a title or end in a regnal number;
/// the birth name has two words or more ("born in 1936", "born Dec. 17" tie nothing).
fn born(
    tokens: &[&str],
    i: usize,
    before: &str,
    entities: &[DocEntity],
    lex: &Lexicon,
) -> Option<Tie> {
    let birth = name_at(tokens, i + 1).filter(|n| n.contains(' '))?;
    let regnal = last_person_before(before, entities)?;
    let words: Vec<&str> = regnal.name.split_whitespace().collect();
    let regnal_looking = words.first().is_some_and(|w| lex.is_royal_title(w))
        || words.last().is_some_and(|w| is_roman_numeral(w));
    (regnal_looking && regnal_key(&regnal.name, lex) != regnal_key(&birth, lex)).then(|| Tie {
        birth: person_key(&birth),
        regnal: regnal.name.clone(),
    })
}

/// The full-name person whose written form ends last in `text`.
fn last_person_before<'e>(text: &str, entities: &'e [DocEntity]) -> Option<&'e DocEntity> {
    entities
        .iter()
        .filter(|e| e.kind == ActorKind::Person && !e.surname_only && e.key.contains(' '))
        .filter_map(|e| {
            let end = std::iter::once(&e.name)
                .chain(&e.surfaces)
                .filter_map(|s| text.rfind(s.as_str()).map(|at| at + s.len()))
                .max()?;
            Some((end, e))
        })
        .max_by_key(|(end, _)| *end)
        .map(|(_, e)| e)
}

/// Joins each tied birth name with the people the collection names by the regnal name, with
/// or without its title ("Leo XIV", "Pope Leo XIV", and "Pope Leo" for the title and name).
pub(super) fn find(ties: &[Tie], counts: &KeyCounts<'_>, lex: &Lexicon, merges: &mut Merges) {
    if ties.is_empty() {
        return;
    }
    let people = &counts[ActorKind::Person as usize];
    // Person keys by their key without titles, and whether they had one.
    let mut by_bare: FxHashMap<String, Vec<(&str, bool)>> = FxHashMap::default();
    for &key in people.keys() {
        let bare = regnal_key(key, lex);
        let titled = bare != key;
        by_bare.entry(bare).or_default().push((key, titled));
    }
    let mut ties: Vec<&Tie> = ties.iter().collect();
    ties.sort_by(|a, b| (&a.birth, &a.regnal).cmp(&(&b.birth, &b.regnal)));
    for tie in ties {
        let Some(&(nb, birth_name)) = people.get(tie.birth.as_str()) else {
            continue;
        };
        let regnal = regnal_key(&tie.regnal, lex);
        let given = regnal.split(' ').next().unwrap_or("");
        let mut matches: Vec<&str> = by_bare
            .get(&regnal)
            .into_iter()
            .flatten()
            .map(|(k, _)| *k)
            .collect();
        if given != regnal {
            // "Pope Leo": the title and the name, without the number.
            matches.extend(
                by_bare
                    .get(given)
                    .into_iter()
                    .flatten()
                    .filter(|(_, titled)| *titled)
                    .map(|(k, _)| *k),
            );
        }
        matches.sort_unstable();
        for key in matches {
            let (n, name) = people[key];
            merges.join(
                (ActorKind::Person, &tie.birth, birth_name, nb),
                (ActorKind::Person, key, name, n),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str) -> DocEntity {
        crate::extract::resolve::test_entity(name, ActorKind::Person, 3)
    }

    fn tied(text: &str, people: &[&str]) -> Vec<(String, String)> {
        let entities: Vec<DocEntity> = people.iter().map(|n| person(n)).collect();
        ties(&[text], &entities, Lexicon::get())
            .into_iter()
            .map(|t| (t.birth, t.regnal))
            .collect()
    }

    #[test]
    fn the_text_ties_a_birth_name_to_a_regnal_name() {
        assert_eq!(
            tied(
                "Cardinal Robert Prevost, 69, was elected on Thursday and took the name Leo XIV, the first American pope.",
                &["Robert Prevost", "Leo XIV"]
            ),
            [("robert prevost".into(), "Leo XIV".into())]
        );
        assert_eq!(
            tied(
                "Cardinal Jorge Mario Bergoglio, who became Pope Francis in 2013, died on Monday.",
                &["Jorge Mario Bergoglio", "Pope Francis"]
            ),
            [("jorge mario bergoglio".into(), "Pope Francis".into())]
        );
        assert_eq!(
            tied(
                "Joseph Ratzinger was elected in 2005 as Benedict XVI.",
                &["Joseph Ratzinger"]
            ),
            [("joseph ratzinger".into(), "Benedict XVI".into())]
        );
        assert_eq!(
            tied(
                "Pope Francis, born Jorge Mario Bergoglio in Buenos Aires, was 88.",
                &["Pope Francis"]
            ),
            [("jorge mario bergoglio".into(), "Pope Francis".into())]
        );
        assert_eq!(
            tied(
                "Karol Wojtyla chose the papal name John Paul II.",
                &["Karol Wojtyla"]
            ),
            [("karol wojtyla".into(), "John Paul II".into())]
        );
    }

    #[test]
    fn other_sentences_tie_nothing() {
        // Offices are not names.
        assert!(
            tied(
                "Keir Starmer became Prime Minister in July.",
                &["Keir Starmer"]
            )
            .is_empty()
        );
        assert!(
            tied(
                "Kamala Harris was elected in 2020 as vice president.",
                &["Kamala Harris"]
            )
            .is_empty()
        );
        // The person must be in the same sentence.
        assert!(
            tied(
                "Robert Prevost spoke. The cardinals then saw who took the name Leo XIV.",
                &["Robert Prevost"]
            )
            .is_empty()
        );
        // Born on a date, or a person who is no pope.
        assert!(
            tied(
                "Pope Francis, born Dec. 17 1936, was 88.",
                &["Pope Francis"]
            )
            .is_empty()
        );
        assert!(
            tied(
                "Elon Musk, born Elon Reeve Musk in Pretoria, said.",
                &["Elon Musk"]
            )
            .is_empty()
        );
        // A name given to something else.
        assert!(
            tied(
                "Elon Musk said the company took the name from a film.",
                &["Elon Musk"]
            )
            .is_empty()
        );
    }

    #[test]
    fn regnal_keys_drop_titles() {
        let lex = Lexicon::get();
        assert_eq!(regnal_key("Pope Leo XIV", lex), "leo xiv");
        assert_eq!(regnal_key("pope leo xiv", lex), "leo xiv");
        assert_eq!(regnal_key("Leo XIV", lex), "leo xiv");
        assert_eq!(regnal_key("Robert Prevost", lex), "robert prevost");
    }

    #[test]
    fn tied_names_join_with_and_without_title() {
        let lex = Lexicon::get();
        let mut counts = KeyCounts::default();
        let people = &mut counts[ActorKind::Person as usize];
        for (k, n, name) in [
            ("robert prevost", 2, "Robert Prevost"),
            ("pope leo xiv", 6, "Pope Leo XIV"),
            ("leo xiv", 3, "Leo XIV"),
            ("pope leo", 2, "Pope Leo"),
            ("leo varadkar", 4, "Leo Varadkar"),
            ("pope francis", 9, "Pope Francis"),
        ] {
            people.insert(k, (n, name));
        }
        let tie = Tie {
            birth: "robert prevost".into(),
            regnal: "Leo XIV".into(),
        };
        let mut merges = Merges::default();
        find(&[tie], &counts, lex, &mut merges);
        let merged = merges.finish();
        let leo = Some((ActorKind::Person, "pope leo xiv", "Pope Leo XIV"));
        for k in ["robert prevost", "leo xiv", "pope leo"] {
            assert_eq!(merged.redirect(ActorKind::Person, k), leo, "{k}");
        }
        assert_eq!(merged.redirect(ActorKind::Person, "leo varadkar"), None);
        assert_eq!(merged.redirect(ActorKind::Person, "pope francis"), None);
    }
}
