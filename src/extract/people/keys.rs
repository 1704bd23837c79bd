//! Comparison keys of names: folding, company forms, initials and suffixes.

use crate::lang::Lexicon;

/// Folds a name for comparison: ASCII, lower case, punctuation as single spaces ("U.S." ->
/// "u s"), apostrophes and outer hyphens dropped.
///
/// Not the lexicon's own fold (`transliterated_lower` in `crate::lang`), which keeps
/// punctuation: the gazetteer is looked up with phrases as written, and folding its entries
/// this way would make it find other phrases. The two stay apart for that reason.
pub fn fold(s: &str) -> String {
    // Most names are ASCII already: then one pass with one allocation (this runs for every
    // candidate name in the corpus).
    let converted;
    let ascii = if s.is_ascii() {
        s
    } else {
        converted = deunicode::deunicode(s);
        converted.as_str()
    };
    if !ascii.is_ascii() {
        return fold_general(ascii);
    }
    let mut out = String::with_capacity(ascii.len());
    for w in ascii.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '\'')) {
        let w = w.trim_matches(|c| c == '-' || c == '\'');
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(
            w.chars()
                .filter(|&c| c != '\'')
                .map(|c| c.to_ascii_lowercase()),
        );
    }
    out
}

/// [`fold`] for text that is not ASCII even after transliteration.
pub(super) fn fold_general(s: &str) -> String {
    // Apostrophes join ("O'Donnell" -> "odonnell"); other punctuation separates words.
    let ascii: String = s.to_lowercase().chars().filter(|&c| c != '\'').collect();
    let mut out = String::with_capacity(ascii.len());
    for w in ascii.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
        let w = w.trim_matches('-');
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// A company form: a word after a company's name ("Corp", "Ltd", "S.A.", `company_forms.txt`).
pub fn is_company_form(word: &str) -> bool {
    Lexicon::get().is_folded_company_form(&fold(word))
}

/// The key of an organisation's name: folded, without one trailing company form, so
/// `General Motors Corp` and `General Motors` are one organisation.
pub fn org_key(name: &str) -> String {
    let key = fold(name);
    match key.rsplit_once(' ') {
        Some((head, last)) if Lexicon::get().is_folded_company_form(last) => head.to_string(),
        _ => key,
    }
}

/// The key of a person's name: folded, without single-letter initials or generational suffixes,
/// so `George W. Bush` and `George Bush` are one person.
pub fn person_key(name: &str) -> String {
    let folded = fold(name);
    let lex = Lexicon::get();
    let words: Vec<&str> = folded.split(' ').collect();
    let kept: Vec<&str> = words
        .iter()
        .enumerate()
        .filter(|(i, w)| {
            let last = *i + 1 == words.len();
            let middle_initial = w.len() == 1 && !last && *i > 0;
            let suffix = last && *i > 0 && lex.is_folded_name_suffix(w);
            !middle_initial && !suffix
        })
        .map(|(_, w)| *w)
        .collect();
    kept.join(" ")
}

/// The folded surname of a person key: the last word (after suffixes were dropped).
pub fn surname_of(key: &str) -> &str {
    key.rsplit(' ').next().unwrap_or(key)
}

/// A person's name written in capitals ("By MARIA GONZALEZ") as a reader writes it:
/// "Maria Gonzalez". Names with any lower-case letter are kept as written.
pub fn title_case_capitals(name: &str) -> String {
    if name.chars().any(char::is_lowercase) || !name.chars().any(char::is_uppercase) {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    let mut word_start = true;
    for c in name.chars() {
        if word_start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        // A new word after a space, a hyphen or an apostrophe ("O'NEILL" -> "O'Neill").
        word_start = !c.is_alphanumeric();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_capitals_are_written_as_a_reader_writes_them() {
        assert_eq!(title_case_capitals("MARIA GONZALEZ"), "Maria Gonzalez");
        assert_eq!(title_case_capitals("JEAN-LUC O'NEILL"), "Jean-Luc O'Neill");
        assert_eq!(
            title_case_capitals("Ursula von der Leyen"),
            "Ursula von der Leyen"
        );
    }

    #[test]
    fn fold_fast_path_agrees_with_the_general_one() {
        for s in [
            "Marco Rubio",
            "O'Donnell",
            "al-Assad's",
            "-'a-'",
            "a'-b",
            "U.S.",
            "Recep Tayyip Erdoğan",
            "  Jean--Luc  ",
            "'''",
            "Ursula von der Leyen",
        ] {
            assert_eq!(fold(s), fold_general(&deunicode::deunicode(s)), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn fold_agrees_on_any_text(s in "[ -~]{0,24}") {
            proptest::prop_assert_eq!(fold(&s), fold_general(&s));
        }
    }
}
