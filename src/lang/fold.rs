//! Folding text for comparison: the two folds Gazette uses, side by side.
//!
//! Both transliterate to ASCII (`deunicode`: "Zürich" -> "Zurich", "Erdoğan" -> "Erdogan")
//! and lower the case. They differ in what they do with punctuation, and the difference is
//! the point:
//!
//! - [`for_names`] makes punctuation a single space and drops apostrophes ("U.S." -> "u s",
//!   "O'Donnell" -> "odonnell"): the key two spellings of one name share ("Al-Assad's" and
//!   "al Assad"). Actor keys, organisation keys, company forms and generational suffixes are
//!   compared this way.
//! - [`for_lookup`] keeps punctuation ("U.S." -> "u.s."): the second spelling under which the
//!   gazetteer and the list of organisations store their phrases, and the form of a word in
//!   the search index before it is split. Phrases are looked up as the text writes them, so
//!   storing the [`for_names`] fold instead would add entries such as "u s" and change which
//!   phrases are found.
//!
//! On text without punctuation, apostrophes or hyphens the two agree (the test below).

/// Folds a name for comparison: ASCII, lower case, punctuation as single spaces ("U.S." ->
/// "u s"), apostrophes and outer hyphens dropped.
pub fn for_names(s: &str) -> String {
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
        return for_names_general(ascii);
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

/// [`for_names`] for text that is not ASCII even after transliteration.
fn for_names_general(s: &str) -> String {
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

/// Folds text for a lookup as written: ASCII, lower case, punctuation kept ("U.S." -> "u.s.",
/// "Zürich" -> "zurich").
pub fn for_lookup(s: &str) -> String {
    deunicode::deunicode(s).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn for_names_fast_path_agrees_with_the_general_one() {
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
            assert_eq!(
                for_names(s),
                for_names_general(&deunicode::deunicode(s)),
                "{s:?}"
            );
        }
    }

    /// The two folds differ on punctuation only: on one word of letters and digits they agree.
    #[test]
    fn the_two_folds_differ_only_on_punctuation() {
        assert_eq!(for_names("U.S."), "u s");
        assert_eq!(for_lookup("U.S."), "u.s.");
        for w in ["Zürich", "Erdoğan", "GATT", "Ankara", "B52"] {
            assert_eq!(for_names(w), for_lookup(w), "{w:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn for_names_agrees_on_any_text(s in "[ -~]{0,24}") {
            proptest::prop_assert_eq!(for_names(&s), for_names_general(&s));
        }
    }
}
