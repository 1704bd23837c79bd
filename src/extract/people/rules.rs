//! Small named rule predicates the run finder and the cascade share, each with an example.

use super::*;

/// Nouns a surname can qualify ("the Reagan administration").
pub(super) const ATTRIBUTIVE_NOUNS: &[&str] = &[
    "administration",
    "administration's",
    "government",
    "era",
    "years",
    "aides",
    "aide",
    "camp",
    "cabinet",
    "regime",
    "doctrine",
    "presidency",
    "team",
    "allies",
    "loyalists",
    "supporters",
    "critics",
    "family",
    "estate",
    "proposal",
    "plan",
    "budget",
    "policy",
    "policies",
    "initiative",
    "campaign",
    "visit",
    "trip",
    "tour",
    "speech",
    "announcement",
    "veto",
    "white",
];

/// Publications and broadcasters named after a role noun.
pub(super) const MEDIA_NOUNS: &[&str] = &[
    "agency",
    "newspaper",
    "daily",
    "weekly",
    "magazine",
    "radio",
    "television",
    "broadcaster",
    "paper",
    "journal",
    "tabloid",
    "station",
    "network",
    "channel",
    "website",
    "outlet",
];

pub(super) fn attributive_noun_follows(para: &str, toks: &[Token], e: usize) -> bool {
    toks.get(e).is_some_and(|t| {
        t.word
            && t.shape == Shape::Lower
            && !para[toks[e - 1].end()..t.start()].contains(['\n'])
            && ATTRIBUTIVE_NOUNS.contains(&t.text(para))
    })
}

/// "Chinese-made", "Calgary-based", "Democratic-led": descriptions, not parts of names.
pub(super) fn hyphen_adjective(w: &str) -> bool {
    [
        "-made",
        "-based",
        "-led",
        "-owned",
        "-run",
        "-backed",
        "-controlled",
        "-listed",
    ]
    .iter()
    .any(|suffix| w.ends_with(suffix))
}

/// Before `and` at `j`, the run from `i` is not a whole name already: no person ("James
/// Baker and Federal Reserve Board"), no institution, place or head word ending it
/// ("Monetary Fund and World Bank", "Bundesbank and Finance Ministry").
pub(super) fn and_continues_a_name(
    para: &str,
    toks: &[Token],
    i: usize,
    j: usize,
    lex: &Lexicon,
) -> bool {
    let before = toks[j - 1].text(para);
    // Leading words that are never names ("The") are not part of it.
    let start = (i..j)
        .find(|&k| !lex.is_not_name(toks[k].text(para)))
        .unwrap_or(j - 1);
    let run = &para[toks[start].start()..toks[j - 1].end()];
    let whole_already = (start..j).any(|k| lex.is_given_name(toks[k].text(para)))
        // A head word alone is part of the name ("Securities and Exchange Commission").
        || (j - start > 1 && lex.is_org_head(before))
        || lex.is_place(before)
        || lex.is_organisation(before)
        || lex.is_organisation(run)
        || lex.is_place(run);
    !whole_already
}

/// "Securities and Exchange Commission", "Food and Drug Administration": after `and` at `j`,
/// capitalised words run on to an institution's head word, so the `and` is inside one name
/// (not "Smith and Jones").
pub(super) fn and_joins_an_institution(
    para: &str,
    toks: &[Token],
    j: usize,
    lex: &Lexicon,
) -> bool {
    let mut k = j + 1;
    let mut last = None;
    while k < toks.len()
        && toks[k].word
        && matches!(toks[k].shape, Shape::Capitalised | Shape::Upper)
        && !toks[k].sentence_start
    {
        last = Some(k);
        if toks[k].possessive {
            break;
        }
        k += 1;
    }
    // Two words or more after `and`: "Smith and Company" stays two names.
    last.is_some_and(|l| l > j + 1 && lex.is_org_head(toks[l].text(para)))
}

/// "in Victoria Park", "at Albert Park": a preposition of place right before the name.
pub(super) fn locative_precedes(para: &str, toks: &[Token], s: usize) -> bool {
    s > 0
        && toks[s - 1].word
        && matches!(
            toks[s - 1].text(para).to_ascii_lowercase().as_str(),
            "in" | "at"
                | "near"
                | "outside"
                | "inside"
                | "around"
                | "across"
                | "through"
                | "into"
                | "toward"
                | "towards"
        )
}

/// "MPs", "TDs", "CEOs": two or more capitals and a plural s.
pub(super) fn plural_acronym(w: &str) -> bool {
    w.ends_with('s') && w.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// `…," said Yogendra Nair`: a speech verb right before the name, in an inverted quote (the
/// verb follows a comma, a quote or a dash). Without it the phrase is more often the verb's
/// object: "announced Space Exploration plan", "told Reuters".
pub(super) fn speech_precedes(para: &str, toks: &[Token], s: usize, lex: &Lexicon) -> bool {
    s >= 2
        && toks[s - 1].word
        && lex.is_speech_verb(toks[s - 1].text(para))
        && !toks[s - 2].word
        && matches!(
            toks[s - 2].text(para),
            "," | "\"" | "”" | "'" | "’" | "—" | "–" | "-"
        )
}

/// "Analysts", "Pollsters", "Residents": plural nouns that start sentences before "said".
pub(super) fn plural_noun_like(w: &str) -> bool {
    w.chars().count() > 5
        && [
            "ers", "ors", "ists", "ians", "ants", "ents", "ives", "ies", "ees",
        ]
        .iter()
        .any(|suffix| w.ends_with(suffix))
}

/// Two words as one phrase with a single space, borrowed from the text when it has just that.
pub(super) fn two_words<'a>(para: &'a str, a: &Token, b: &Token) -> std::borrow::Cow<'a, str> {
    if &para[a.end()..b.start()] == " " {
        std::borrow::Cow::Borrowed(&para[a.start()..b.end()])
    } else {
        std::borrow::Cow::Owned(format!("{} {}", a.text(para), b.text(para)))
    }
}

/// After particles such as `von der`, is the next word capitalised (so they start a name)?
pub(super) fn next_capitalised_after_particles(
    para: &str,
    toks: &[Token],
    mut k: usize,
    lex: &Lexicon,
) -> bool {
    while k < toks.len()
        && toks[k].word
        && toks[k].shape == Shape::Lower
        && lex.is_particle(toks[k].text(para))
    {
        k += 1;
    }
    k < toks.len() && toks[k].word && toks[k].shape == Shape::Capitalised
}

/// Is the word after position `e` (skipping a comma) a speech verb? ("Rubio said", "Rubio, who")
pub(super) fn speech_follows(para: &str, toks: &[Token], e: usize, lex: &Lexicon) -> bool {
    toks.get(e)
        .filter(|t| t.word)
        .is_some_and(|t| lex.is_speech_verb(t.text(para)))
        || (e >= 2
            && toks[e - 2].word
            && lex.is_speech_verb(toks[e - 2].text(para))
            && toks.get(e).is_none_or(|t| !t.word))
}
