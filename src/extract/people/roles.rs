//! Roles: appositions after a name, and which roles comment on the news rather than make it.

use super::*;

/// "…, an analyst at Northgate Maritime Research, …": the role in an apposition after a name.
pub(super) fn appositive_role(
    para: &str,
    toks: &[Token],
    e: usize,
    lex: &Lexicon,
) -> Option<String> {
    let comma = toks.get(e)?;
    if comma.word || comma.text(para) != "," {
        return None;
    }
    let mut k = e + 1;
    let first = toks.get(k)?;
    if !first.word {
        return None;
    }
    if lex.is_apposition_determiner(first.text(para)) {
        k += 1;
    }
    let start = toks.get(k)?.start();
    // Roles in apposition are written in lower case ("the secretary of state"); a capital
    // here starts another name ("Ogbaru, King Ezeudo, ...").
    if toks[k].shape != Shape::Lower {
        return None;
    }
    if lex.is_clause_opener(toks[k].text(para)) {
        return None;
    }
    // "The party whip, Varga, apparently cut the pilot, ...": an adverb starts the predicate,
    // unless it dates the role ("formerly president of American Hoechst").
    let first_word = toks[k].text(para);
    if k == e + 1 && first_word.ends_with("ly") && !lex.is_dating_adverb(first_word) {
        return None;
    }
    let mut end = None;
    let mut has_role = false;
    for (n, t) in toks[k..].iter().enumerate() {
        if n >= 16 {
            return None;
        }
        if !t.word {
            let p = t.text(para);
            if matches!(p, "," | "." | ";" | ")" | ":") {
                end = Some(toks[k + n - 1].end()).filter(|_| n > 0);
                break;
            }
            continue;
        }
        let w = t.text(para);
        // A verb makes it a clause, not an apposition: "According to Garcia, the pilot could
        // cost 7 million."
        if lex.is_speech_verb(w) || lex.is_auxiliary_verb(w) {
            return None;
        }
        has_role |= (t.shape == Shape::Lower && lex.role_nouns.contains(w)) || lex.is_title_word(w);
    }
    let end = end?;
    has_role.then(|| para[start..end].to_string())
}

/// Does a role describe someone commenting on the news: a spokesperson, or an analyst or
/// economist *at* some firm ("White House spokesman", "an economist at Nomura")? A bare
/// "economist Alan Greenspan" may well be the news.
pub fn is_commentator_role(role: &str) -> bool {
    let lex = Lexicon::get();
    let lower = role.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphabetic()).collect();
    let spokes = words.iter().any(|w| w.starts_with("spokes"));
    let affiliated = words.iter().any(|w| lex.is_affiliation_preposition(w));
    spokes || (affiliated && words.iter().any(|w| lex.is_commentator_noun(w)))
}

/// One key for the spellings of one job: "Treasury Secretary", "U.S. Treasury Secretary",
/// "treasury secretary" and "Secretary of the Treasury" are one role. Folded; a leading
/// country, nationality or "the" dropped; "X of (the) Y" with a title X read as "Y X".
pub fn role_key(role: &str) -> String {
    let lex = Lexicon::get();
    let mut written: Vec<&str> = role.split_whitespace().collect();
    while written.len() > 1 {
        let w = written[0];
        let qualifier = w.eq_ignore_ascii_case("the") || lex.is_place(w) || lex.is_demonym(w);
        if !qualifier {
            break;
        }
        written.remove(0);
    }
    let folded = fold(&written.join(" "));
    let mut words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    // "secretary of the treasury" -> "treasury secretary".
    if let Some(of) = words.iter().position(|&w| w == "of")
        && of > 0
        && of + 1 < words.len()
        && lex.is_title_word(&capitalise(words[of - 1]))
    {
        let mut rest: Vec<&str> = words[of + 1..]
            .iter()
            .copied()
            .filter(|&w| w != "the")
            .collect();
        rest.extend_from_slice(&words[..of]);
        words = rest;
    }
    words.join(" ")
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_job_share_a_key() {
        let key = role_key("Treasury Secretary");
        for spelling in [
            "U.S. Treasury Secretary",
            "treasury secretary",
            "Secretary of the Treasury",
            "US Treasury Secretary",
            "the Treasury Secretary",
        ] {
            assert_eq!(role_key(spelling), key, "{spelling}");
        }
        assert_eq!(
            role_key("Minister of Finance"),
            role_key("Finance Minister")
        );
        // Different jobs stay apart.
        assert_ne!(
            role_key("Treasury Secretary"),
            role_key("Secretary of State")
        );
        assert_ne!(
            role_key("Bank of England governor"),
            role_key("England governor")
        );
    }
}
