//! Comparison keys of names: folding, company forms, initials and suffixes.

use crate::lang::Lexicon;

/// Folds a name for comparison ("U.S." -> "u s"): [`crate::lang::fold::for_names`], whose
/// module says how it differs from the lexicon's fold for lookups.
pub use crate::lang::fold::for_names as fold;

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
}
