//! Small named rule predicates the run finder and the cascade share, each with an example.

use super::*;

/// "the Reagan administration", "Trump aides": a noun a surname can qualify follows the name.
pub(super) fn attributive_noun_follows(
    para: &str,
    toks: &[Token],
    e: usize,
    lex: &Lexicon,
) -> bool {
    toks.get(e).is_some_and(|t| {
        t.word
            && t.shape == Shape::Lower
            && !para[toks[e - 1].end()..t.start()].contains(['\n'])
            && lex.is_attributive_noun(t.text(para))
    })
}

/// "Chinese-made", "Calgary-based", "Democratic-led": descriptions, not parts of names.
pub(super) fn hyphen_adjective(w: &str, lex: &Lexicon) -> bool {
    lex.has_hyphen_adjective_suffix(w) || lower_case_compound(w)
}

/// "In-form Napoli", "All-conquering Juventus", "Cash-strapped Alitalia": a capitalised word
/// whose part after the hyphen is written in lower case is a description, not a name (names
/// capitalise each part: "Jean-Luc", "Saint-Germain", "al-Assad" start the part in capitals
/// or the word in lower case).
pub(super) fn lower_case_compound(w: &str) -> bool {
    w.starts_with(char::is_uppercase)
        && w.split_once('-')
            .is_some_and(|(_, rest)| rest.starts_with(char::is_lowercase))
}

/// "the U.S. And West Germany", "A Finance Ministry official", "As Reagan boarded": a
/// capitalised function word, verb or adverb at the start of a run is not part of the name
/// that follows. Given names ("Will Smith", "Mark Carney") and the initial in "A C Goode"
/// stay.
pub(super) fn leading_function_word(para: &str, toks: &[Token], s: usize, lex: &Lexicon) -> bool {
    let w = toks[s].text(para);
    if toks[s].shape == Shape::Lower || lex.is_given_name(w) || !lex.is_not_name(w) {
        return false;
    }
    // A one-letter word before another letter or an initial is an initial itself.
    let initial_follows = toks
        .get(s + 1)
        .is_some_and(|n| n.shape == Shape::Initial || n.text(para).chars().count() == 1);
    if w.len() == 1 && initial_follows {
        return false;
    }
    lex.is_not_keyword(&w.to_lowercase())
}

/// "Leo XIV", "Elizabeth II", "Louis XVI": a Roman numeral after a name is a regnal number,
/// part of the name (not an acronym of its own).
pub(super) fn regnal_number(w: &str) -> bool {
    !w.is_empty()
        && w.len() <= 6
        && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
        && !matches!(w, "I" | "V" | "X")
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

/// "Dick Spring", "Bill Gross", "Chris Winter": a word that is ordinary on its own is a
/// surname right after a given name, unless it dates ("John Smith Monday") or is a
/// function word, verb or adverb ("Boris Johnson Also").
pub(super) fn surname_after_given_name(
    para: &str,
    toks: &[Token],
    s: usize,
    e: usize,
    lex: &Lexicon,
) -> bool {
    let last = toks[e - 1].text(para);
    e - s == 2
        && toks[e - 1].shape == Shape::Capitalised
        && lex.is_given_name(toks[s].text(para))
        && !lex.is_ambiguous_given_name(toks[s].text(para))
        && !lex.is_calendar_word(last)
        && !lex.is_not_keyword(&last.to_lowercase())
}

/// "Candice Gilg (France) 24.31", "Ahmed Musa (NGR)": a country, a nationality or a
/// three-letter country code in brackets right after a name marks a competitor.
pub(super) fn country_in_brackets_follows(
    para: &str,
    toks: &[Token],
    e: usize,
    lex: &Lexicon,
) -> bool {
    let open = toks.get(e).is_some_and(|t| !t.word && t.text(para) == "(");
    let Some(inner) = toks.get(e + 1).filter(|t| t.word) else {
        return false;
    };
    let close = toks
        .get(e + 2)
        .is_some_and(|t| !t.word && t.text(para) == ")");
    let w = inner.text(para);
    let code = inner.shape == Shape::Upper && w.len() == 3;
    open && close && (lex.is_place(w) || lex.is_demonym(w) || code)
}

/// "El Mundo", "La Stampa", "Die Welt", "Le Figaro": a foreign article and one word name
/// a newspaper or a club far more often than a person.
pub(super) fn foreign_article_title(words: &[&str], lex: &Lexicon) -> bool {
    words.len() == 2 && lex.is_foreign_article(words[0])
}

/// "St Peter's Basilica", "Children's Hospital": the capitalised word at `k` is the head
/// of a place or an institution.
pub(super) fn head_follows(para: &str, toks: &[Token], k: usize, lex: &Lexicon) -> bool {
    toks.get(k).is_some_and(|t| {
        t.word
            && t.shape == Shape::Capitalised
            && !t.sentence_start
            && (lex.is_place_head(t.text(para)) || lex.is_org_head(t.text(para)))
    })
}

/// "Russ Berrie and Co Inc", "Hiram Walker-Gooderham and Worts Ltd": after `and` at `j`,
/// capitalised words up to a company form: one company.
pub(super) fn company_forms_follow(para: &str, toks: &[Token], j: usize) -> bool {
    let mut last = None;
    for t in toks.iter().skip(j + 1).take(4) {
        if !t.word || t.shape == Shape::Lower || t.sentence_start {
            break;
        }
        last = Some(t);
    }
    last.is_some_and(|t| is_company_form(t.text(para)))
}

/// "Securities and Exchange Commission", "Food and Drug Administration": after `and` at `j`,
/// capitalised words run on to an institution's head word, so the `and` is inside one name
/// (not "Smith and Jones").
pub(super) fn and_joins_an_institution(
    para: &str,
    toks: &[Token],
    i: usize,
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
    let Some(l) = last else { return false };
    // "Energy and Mines Minister Arturo Hernandez": a portfolio of two parts before a title,
    // not a title and a name before `and` ("President Reagan and Treasury Secretary Baker").
    let portfolio = (j + 2..=l).any(|k| lex.is_title_word(toks[k].text(para)))
        && (i..j).all(|k| {
            let w = toks[k].text(para);
            !lex.is_title_word(w) && !lex.is_given_name(w)
        })
        && j - i <= 2;
    // "Russ Berrie and Co Inc", "... and Worts Ltd": a company form ends the words after `and`.
    let company = is_company_form(toks[l].text(para));
    // Two words or more after `and`: "Smith and Company" stays two names.
    portfolio || company || (l > j + 1 && lex.is_org_head(toks[l].text(para)))
}

/// "in Victoria Park", "at Albert Park": a preposition of place right before the name.
pub(super) fn locative_precedes(para: &str, toks: &[Token], s: usize, lex: &Lexicon) -> bool {
    s > 0
        && toks[s - 1].word
        && lex.is_locative_preposition(&toks[s - 1].text(para).to_ascii_lowercase())
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
pub(super) fn plural_noun_like(w: &str, lex: &Lexicon) -> bool {
    w.chars().count() > 5 && lex.has_plural_noun_ending(w)
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

/// "Federal Reserve Board", "Economic Club of Chicago", "Energy and Mines Minister": a word
/// that usually opens a sentence as an ordinary word is part of an institution's name, or of
/// an office, when a head word ("Board", "Club", "Bank") or a title follows in the run. Function words, verbs, adverbs and
/// calendar words still go ("However Federal Reserve ...", "Monday Finance Ministry ...").
pub(super) fn adjective_heads_institution(
    para: &str,
    toks: &[Token],
    a: usize,
    b: usize,
    lex: &Lexicon,
) -> bool {
    let w = toks[a].text(para);
    !lex.is_not_keyword(&w.to_lowercase())
        && !lex.is_calendar_word(w)
        && (a + 1..b).any(|k| {
            toks[k].shape != Shape::Lower
                && (lex.is_org_head(toks[k].text(para)) || lex.is_title_word(toks[k].text(para)))
        })
}

/// "his wife Nancy", "her son Hunter": a role that names a family tie, not a public office.
pub(super) fn kinship_role(role: &str, lex: &Lexicon) -> bool {
    role.split_whitespace()
        .last()
        .is_some_and(|w| lex.is_kinship_noun(&w.to_lowercase()))
}

/// A line break at `pos` wraps prose (wire copy broken at about 70 characters: "committee
/// chairman Fernand St.\nGermain") rather than ending a line of a list or a table, whose
/// lines are short. Only a break in wrapped prose lets a name run on.
pub(super) fn wrapped_prose(para: &str, pos: usize) -> bool {
    const WRAPPED_LINE: usize = 50;
    let line_start = para[..pos].rfind('\n').map_or(0, |n| n + 1);
    pos - line_start >= WRAPPED_LINE
}

fn is_small_number(para: &str, t: &Token) -> bool {
    let w = t.text(para);
    !w.is_empty() && w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit())
}

/// "Rangers 4 (Ferguson 34, McCoist 71)", "Scorers: Ravanelli 23, Del Piero 55",
/// "Shearer (pen 34)": a name followed by a minute, inside brackets or after a scorers'
/// label, is a scorer in a results line.
pub(super) fn scorer_in_brackets(
    para: &str,
    toks: &[Token],
    s: usize,
    e: usize,
    lex: &Lexicon,
) -> bool {
    let closes = |k: usize| {
        toks.get(k)
            .is_none_or(|t| !t.word && matches!(t.text(para), "," | ")" | ";" | "."))
    };
    // "Shearer (34)", "Shearer (pen 34)", "Shearer (34 pen)".
    let end = (e + 4).min(toks.len());
    let bracketed_minute = toks.get(e).is_some_and(|t| t.text(para) == "(")
        && (e + 1..end).any(|k| is_small_number(para, &toks[k]))
        && (e + 2..(e + 5).min(toks.len())).any(|k| toks[k].text(para) == ")")
        && (e + 1..end).all(|k| {
            let w = toks[k].text(para);
            w == ")" || is_small_number(para, &toks[k]) || lex.is_goal_note(w)
        });
    if bracketed_minute {
        return true;
    }
    let minute = toks.get(e).is_some_and(|t| is_small_number(para, t)) && closes(e + 1);
    if !minute {
        return false;
    }
    // Looked at only after a minute: the line's start is found by a scan back.
    let opened = toks[..s]
        .iter()
        .rev()
        .take(16)
        .map(|t| t.text(para))
        .take_while(|&w| w != ")")
        .any(|w| w == "(");
    let from = toks[s].start().saturating_sub(120);
    let from = (from..toks[s].start())
        .find(|&i| para.is_char_boundary(i))
        .unwrap_or(toks[s].start());
    let before = &para[from..toks[s].start()];
    let label = before.rsplit('\n').next().unwrap_or(before).trim_start();
    let labelled = (lex.scorer_labels().iter())
        .any(|l| label.starts_with(l) && label[l.len()..].trim_start().starts_with(':'));
    opened || labelled
}

/// "Juventus 2 (Ravanelli 23)", "Rangers 4 Celtic 1": a name followed by a score and then
/// a bracket or another name is a team in a results line, not a person.
pub(super) fn score_follows(para: &str, toks: &[Token], e: usize) -> bool {
    toks.get(e)
        .is_some_and(|t| is_small_number(para, t) && t.text(para).len() <= 2)
        && toks
            .get(e + 1)
            .is_some_and(|n| n.text(para) == "(" || (n.word && n.shape == Shape::Capitalised))
        && !para[toks[e - 1].end()..toks[e].start()].contains('\n')
}

/// "Lara c Atherton b Cork 45": the fielder and the bowler in a cricket scorecard come after
/// a lone "c" or "b" (caught, bowled), the batsman before it.
pub(super) fn scorecard_dismissal(
    para: &str,
    toks: &[Token],
    s: usize,
    e: usize,
    lex: &Lexicon,
) -> bool {
    let letter = |t: Option<&Token>| t.is_some_and(|t| lex.is_cricket_dismissal(t.text(para)));
    (s > 0 && letter(toks.get(s - 1))) || letter(toks.get(e))
}

/// "By Maria Gonzalez", "By MARIA GONZALEZ, Reuters": a byline on a line of its own names
/// the writer, in capitals or not.
pub(super) fn byline(para: &str, toks: &[Token], s: usize, e: usize) -> bool {
    let by = s == 1 && toks[0].word && toks[0].text(para).eq_ignore_ascii_case("by");
    let line_ends = toks
        .get(e)
        .is_none_or(|t| t.text(para) == "," || para[toks[e - 1].end()..t.start()].contains('\n'));
    by && (2..=4).contains(&(e - s)) && line_ends
}
