use super::sets::WordSet;
use super::*;

/// The quick test on the first two bytes never rules out a particle.
#[test]
fn particle_prefilter_keeps_every_particle() {
    let lex = Lexicon::get();
    let words = [
        "the", "of", "and", "a", "i", "e", "y", "ibn", "in", "by", "ben", "zu",
    ];
    let listed = lex.particles.iter().map(String::as_str);
    for w in listed
        .chain(words)
        .chain(["", "é", "ü", "de-", "d'", "Van"])
    {
        assert_eq!(
            lex.is_particle(w),
            w.len() <= lex.max_particle_len && lex.particles.contains(w),
            "{w:?}"
        );
    }
    assert!(!lex.might_be_particle(b"the"));
    assert!(!lex.might_be_particle(b"of"));
    assert!(lex.is_particle("ibn") && lex.is_particle("y") && !lex.is_particle("a"));
}

/// The one-lookup test must answer as the three lists do, for every word they hold and
/// for those words with and without a period, in other cases, and for common words.
#[test]
fn institution_words_answer_as_the_three_lists_do() {
    let lex = Lexicon::get();
    let listed = (lex.org_prefixes.iter())
        .chain(&lex.org_heads)
        .chain(&lex.title_words)
        .map(String::as_str);
    let others = [
        "Said",
        "Rubio",
        "Minister.",
        "Inc.",
        "Co.",
        "The",
        "U.S.",
        "Mr.",
        "",
    ];
    for w in listed.chain(others) {
        let bare = w.trim_end_matches('.');
        for v in [
            w.to_string(),
            format!("{bare}."),
            bare.to_string(),
            bare.to_lowercase(),
            bare.to_uppercase(),
        ] {
            let three = lex.is_org_prefix(&v) || lex.is_org_head(&v) || lex.is_title_word(&v);
            assert_eq!(lex.is_institution_word(&v), three, "{v:?}");
        }
    }
}

/// A set answers as a scan of its list would, for every entry, for the entries in other
/// cases and one letter longer or shorter, and for words longer than any entry.
#[test]
fn word_sets_answer_as_their_lists_do() {
    let files = &crate::lang::EN;
    for list in [
        files.speech_verbs,
        files.company_forms,
        files.connectors,
        files.determiners,
        files.place_heads,
        files.royal_titles,
        files.cricket_dismissals,
    ] {
        let entries: Vec<&str> = lines(list).collect();
        let set = WordSet::new(list);
        let variants = entries.iter().flat_map(|w| {
            [
                w.to_string(),
                w.to_uppercase(),
                w.to_lowercase(),
                format!("{w}s"),
                w[..w.len() - 1].to_string(),
            ]
        });
        for v in variants.chain(["".into(), "notwithstanding-anything".into()]) {
            assert_eq!(set.contains(&v), entries.contains(&v.as_str()), "{v:?}");
        }
    }
}

/// Sentence abbreviations: ASCII lower case in the list, matched in any ASCII case as
/// `eq_ignore_ascii_case` over the list and the month abbreviations would match.
#[test]
fn abbreviations_match_in_any_ascii_case() {
    let lex = Lexicon::get();
    let files = &crate::lang::EN;
    let listed: Vec<&str> = lines(files.abbreviations)
        .chain(lines(files.month_abbreviations))
        .collect();
    for a in lines(files.abbreviations) {
        assert!(a.is_ascii() && a == a.to_ascii_lowercase(), "{a:?}");
    }
    let words = listed
        .iter()
        .flat_map(|a| [a.to_string(), a.to_uppercase()]);
    for w in words.chain([
        "Sept".into(),
        "U.S".into(),
        "May".into(),
        "Mr".into(),
        "Ü.S".into(),
        "".into(),
    ]) {
        let scan = listed.iter().any(|a| a.eq_ignore_ascii_case(&w));
        assert_eq!(lex.is_abbreviation(&w), scan, "{w:?}");
    }
    assert!(
        lex.is_abbreviation("Jan") && lex.is_abbreviation("GEN") && !lex.is_abbreviation("May")
    );
}

#[test]
fn calendar_names_are_read_in_order() {
    let lex = Lexicon::get();
    assert_eq!(lex.months()[0], "January");
    assert_eq!(lex.months()[11], "December");
    assert_eq!(lex.weekdays()[0], "Monday");
    assert_eq!(lex.weekdays()[6], "Sunday");
    for w in ["May", "Sunday", "Sept", "Sept.", "Dec."] {
        assert!(lex.is_calendar_word(w), "{w}");
    }
    assert!(!lex.is_calendar_word("may") && !lex.is_calendar_word("Mayday"));
}

/// Every file of the folder is read (named in `language_folder!`), every file opens with a
/// `#` header saying what it is, and `src/lang/README.md` lists every file.
#[test]
fn every_file_of_the_folder_is_read_and_has_a_header() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lang");
    let source = std::fs::read_to_string(dir.join("mod.rs")).unwrap();
    let mut read: Vec<&str> = source
        .split("concat!(")
        .skip(1)
        .filter_map(|rest| rest.split_once(".txt\"")?.0.rsplit_once('/'))
        .map(|(_, name)| name)
        .collect();
    read.sort_unstable();
    let mut present = Vec::new();
    for entry in std::fs::read_dir(dir.join("en")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# "), "{name}.txt has no header");
        present.push(name);
    }
    present.sort_unstable();
    assert_eq!(read, present);
    // And src/lang/README.md lists each of them.
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    for name in &present {
        assert!(
            readme.contains(&format!("`{name}`")),
            "README.md misses {name}"
        );
    }
}

/// The `language` setting selects a folder by its primary subtag; a language without a folder
/// selects none.
#[test]
fn languages_are_selected_by_their_primary_subtag() {
    for code in ["en", "EN", "en-GB", "en_US"] {
        assert!(Files::for_language(code).is_some(), "{code}");
    }
    for code in ["fr", "", "eng", "english"] {
        assert!(Files::for_language(code).is_none(), "{code}");
    }
}
