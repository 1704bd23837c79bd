//! The rule cascade that decides what a name run is: person, organisation, place or junk.

use super::*;

impl DocPass<'_> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn classify(
        &self,
        pi: usize,
        para: &str,
        toks: &[Token],
        s: usize,
        e: usize,
        role: Option<String>,
        mut evidence: u8,
        out: &mut Vec<Mention>,
    ) {
        let lex = self.lex;
        let phrase = &para[toks[s].start()..toks[e - 1].end()];
        let words: Vec<&str> = (s..e)
            .filter(|&k| toks[k].shape != Shape::Lower)
            .map(|k| toks[k].text(para))
            .collect();
        // Only connectors left ("of the" between two acronyms): nothing to name.
        if words.is_empty() {
            return;
        }
        let push = |cand: Candidate,
                    mut evidence: u8,
                    mut role: Option<String>,
                    out: &mut Vec<Mention>| {
            // "Mark Baker, an analyst at Northgate Maritime Research, said ...": a role after
            // the name is evidence of a person too.
            if role.is_none()
                && matches!(
                    cand,
                    Candidate::Person | Candidate::Single | Candidate::Profile(_)
                )
                && let Some(r) = appositive_role(para, toks, e, lex)
            {
                role = Some(r);
                evidence = evidence.max(2);
            }
            let cand = match cand {
                Candidate::Single if evidence >= 2 => Candidate::Person,
                c => c,
            };
            // A role broken over two lines is one phrase ("Treasury\nSecretary").
            let role = role.map(|r| {
                if r.contains(['\n', '\t', '\r']) || r.contains("  ") {
                    r.split_whitespace().collect::<Vec<_>>().join(" ")
                } else {
                    r
                }
            });
            out.push(Mention {
                para: pi,
                start: toks[s].start(),
                end: toks[e - 1].end(),
                cand,
                evidence,
                role,
                words: e - s,
            })
        };
        if let Some(p) = self.aliases.find(phrase) {
            return push(Candidate::Profile(p), 3, role, out);
        }
        // "told Reuters", "0900 GMT", "Gross National Product": a source credit, a time zone,
        // a unit or a statistic names no actor.
        if lex.is_news_agency(phrase) || lex.is_not_actor(phrase) {
            return;
        }
        // After a role the run is the name, whatever its first word ("Its spokesperson, He
        // Wenjun").
        if byline(para, toks, s, e)
            && (s..e).all(|k| toks[k].shape != Shape::Lower && !lex.is_org_head(toks[k].text(para)))
        {
            return push(Candidate::Person, 3, role, out);
        }
        if e - s > 1 && role.is_none() && leading_function_word(para, toks, s, lex) {
            return self.classify(pi, para, toks, s + 1, e, role, evidence, out);
        }
        if lex.is_organisation(phrase) {
            return push(Candidate::Org, 3, None, out);
        }
        // "Co Inc", "Ltd" left over from "Smith and Co Inc": a company form names nobody.
        if words.iter().all(|w| is_company_form(w)) {
            return;
        }
        // "U.S" missing its last period at a line's end is still "U.S.".
        let unfinished = phrase.contains('.') && !phrase.ends_with('.');
        if lex.is_place(phrase) || (unfinished && lex.is_place(&format!("{phrase}."))) {
            return push(Candidate::Place, 3, None, out);
        }
        let last = words.last().copied().unwrap_or("");
        // Names do not end in a nationality ("West German"), and "Calgary-based Dome" starts
        // with a description, not a name.
        if words.len() > 1 && (lex.is_demonym(last) || hyphen_adjective(last, lex)) {
            return;
        }
        if words.len() > 1 && hyphen_adjective(words[0], lex) {
            return self.classify(pi, para, toks, s + 1, e, role, evidence, out);
        }

        // "Victoria Park" and "Park Avenue" are places; "Stefan Park" (a given name and a head
        // that is also a common surname, not after "in" or "at") is a person.
        let surname_head = words.len() == 2
            && lex.is_surname_like_place_head(last)
            && lex.is_given_name(words[0])
            && !lex.is_ambiguous_given_name(words[0])
            && !locative_precedes(para, toks, s, lex);
        if lex.is_place_head(last) && words.len() > 1 && !surname_head {
            return push(Candidate::Place, 2, None, out);
        }
        if lex.is_org_head(last) && words.len() > 1 && !lex.is_given_name(last) {
            return push(Candidate::Org, 2, None, out);
        }
        if lex.is_org_prefix(words[0])
            && words.len() > 1
            && (phrase.contains(" of ") || (role.is_none() && !lex.is_given_name(words[1])))
        {
            return push(Candidate::Org, 2, None, out);
        }
        // Mixed acronyms and words that did not form an organisation: take them apart.
        // "Leo XIV": a regnal number after a name is not an acronym of its own.
        let royal =
            lex.is_royal_title(words[0]) || role.as_deref().is_some_and(|r| lex.is_royal_title(r));
        // "Vice President JD Vance": after a title, two capitals before a surname are
        // initials, not an acronym.
        let initials = |k: usize| {
            k == s
                && role.is_some()
                && toks[k].text(para).len() == 2
                && toks
                    .get(k + 1)
                    .is_some_and(|n| k + 1 < e && n.shape == Shape::Capitalised)
        };
        let acronym = |k: usize| {
            toks[k].shape == Shape::Upper
                && !(royal && k > s && regnal_number(toks[k].text(para)))
                && !initials(k)
        };
        let has_upper = (s..e).any(acronym);
        if has_upper && e - s > 1 {
            let mut k = s;
            while k < e {
                if acronym(k) {
                    self.classify(pi, para, toks, k, k + 1, None, 0, out);
                    k += 1;
                } else {
                    let mut m = k;
                    while m < e && !acronym(m) {
                        m += 1;
                    }
                    let (r, ev) = if k == s {
                        (role.clone(), evidence)
                    } else {
                        (None, 0)
                    };
                    self.classify(pi, para, toks, k, m, r, ev, out);
                    k = m;
                }
            }
            return;
        }
        if words.iter().all(|w| lex.is_demonym(w) || lex.is_place(w)) {
            return;
        }
        // Personal names have particles ("de", "von"), not connectors. After a title or a
        // given name, a connector starts an affiliation ("Helmut Kohl of West Germany");
        // otherwise the whole phrase names an institution ("Chamber of Commerce").
        let connector = (s..e).find(|&k| {
            toks[k].shape == Shape::Lower
                && lex.is_connector(toks[k].text(para))
                && !lex.is_particle(toks[k].text(para))
        });
        if let Some(c) = connector {
            let person_evidence = role.is_some()
                || evidence > 0
                || lex.is_given_name(words[0])
                || speech_precedes(para, toks, s, lex);
            if person_evidence && c > s {
                self.classify(pi, para, toks, s, c, role, evidence, out);
                let rest = (c..e).find(|&k| toks[k].shape != Shape::Lower);
                if let Some(r) = rest {
                    self.classify(pi, para, toks, r, e, None, 0, out);
                }
                return;
            }
            return push(Candidate::Org, 1, None, out);
        }
        // A place of two or more words inside the name ("Air New Zealand"): an institution.
        if words.len() > 2 && words.windows(2).any(|w| lex.is_place(&w.join(" "))) {
            return push(Candidate::Org, 1, None, out);
        }
        // An unknown title before a given name ("Treasury Secertary James Baker",
        // "Exxon's chief Lee Raymond"): the name starts at the given name.
        if words.len() > 2
            && role.is_none()
            && !lex.is_given_name(words[0])
            && let Some(j) = (s + 1..e - 1).find(|&k| {
                toks[k].shape == Shape::Capitalised && lex.is_given_name(toks[k].text(para))
            })
        {
            let extra = para[toks[s].start()..toks[j - 1].end()].to_string();
            let role = Some(match role {
                Some(r) => format!("{r} {extra}"),
                None => extra,
            });
            return self.classify(pi, para, toks, j, e, role, evidence.max(2), out);
        }
        if e - s == 1 {
            let w = words[0];
            if toks[s].shape == Shape::Upper {
                // "XIV" left from "Leo XIV": a regnal number alone names nobody.
                if regnal_number(w) {
                    return;
                }
                let letters = w.chars().filter(|c| c.is_alphabetic()).count();
                if (2..=6).contains(&letters) && !lex.is_not_name(w) && !lex.is_title_word(w) {
                    push(Candidate::Org, 1, None, out);
                }
                return;
            }
            // "MPs", "TDs", "CEOs": plural acronyms are not names.
            if toks[s].shape == Shape::Initial || plural_acronym(w) {
                return;
            }
            // "the Reagan administration", "Trump aides": the name qualifies a noun; the item
            // is about the administration, not the person.
            if role.is_none() && attributive_noun_follows(para, toks, e, lex) {
                return;
            }
            if speech_follows(para, toks, e, lex) || speech_precedes(para, toks, s, lex) {
                evidence += 1;
            }
            if scorer_in_brackets(para, toks, s, e, lex)
                || scorecard_dismissal(para, toks, s, e, lex)
            {
                evidence += 2;
            } else if role.is_none() && score_follows(para, toks, e) {
                return push(Candidate::Org, 1, None, out);
            }
            // Words that only count when they repeat a full name the item already gave
            // ("May" for Theresa May); alone they are ordinary words ("However", "Pollsters").
            let sentence_initial_common = toks[s].sentence_start
                && !lex.is_given_name(w)
                && (self.is_common(w)
                    || (evidence <= 1 && role.is_none() && plural_noun_like(w, lex)));
            // "his wife Nancy": a relative known by a given name only is not a public actor.
            let relative =
                lex.is_given_name(w) && role.as_deref().is_some_and(|r| kinship_role(r, lex));
            let junk = relative
                || lex.is_not_name(w)
                || lex.is_demonym(w)
                || lex.is_title_word(w)
                || lex.is_org_head(w)
                || sentence_initial_common;
            let cand = if junk
                || (plural_noun_like(w, lex)
                    && !lex.is_given_name(w)
                    && evidence < 4
                    && role.is_some()
                    && self.is_common(w))
            {
                Candidate::OrdinaryWord
            } else if evidence >= 1 {
                Candidate::Person
            } else {
                Candidate::Single
            };
            return push(cand, evidence, role, out);
        }
        // Several words: drop words that cannot be part of a name at either end.
        let mut s2 = s;
        let mut e2 = e;
        while s2 < e2
            && toks[s2].shape != Shape::Lower
            && lex.is_not_name(toks[s2].text(para))
            && !lex.is_given_name(toks[s2].text(para))
            && !(lex.is_ambiguous_given_name(toks[s2].text(para)) && s2 + 1 < e2)
            && !(role.is_some() && !lex.is_calendar_word(toks[s2].text(para)) && s2 + 1 < e2)
        {
            s2 += 1;
        }
        while e2 > s2
            && (lex.is_not_name(toks[e2 - 1].text(para)) || toks[e2 - 1].shape == Shape::Lower)
            && !lex.is_given_name(toks[e2 - 1].text(para))
            && !surname_after_given_name(para, toks, s2, e2, lex)
        {
            e2 -= 1;
        }
        if (s2, e2) != (s, e) {
            if e2 > s2 {
                let r = if s2 == s { role } else { None };
                let ev = if s2 == s { evidence } else { 0 };
                self.classify(pi, para, toks, s2, e2, r, ev, out);
            }
            return;
        }
        // A leading nationality belongs to the role: "Russian Vladimir Putin" is rare, but
        // "French Total" is not a person either way.
        if lex.is_demonym(words[0]) {
            if words.len() > 1 {
                self.classify(pi, para, toks, s + 1, e, role, evidence, out);
            }
            return;
        }
        let given = lex.is_given_name(words[0]);
        if given {
            evidence += 2;
        }
        if country_in_brackets_follows(para, toks, e, lex)
            || scorer_in_brackets(para, toks, s, e, lex)
            || scorecard_dismissal(para, toks, s, e, lex)
        {
            evidence += 2;
        } else if role.is_none() && !given && score_follows(para, toks, e) {
            return push(Candidate::Org, 1, None, out);
        }
        if !given && role.is_none() && foreign_article_title(&words, lex) {
            return push(Candidate::Org, 1, None, out);
        }
        // An ambiguous given name ("Hope", "Chase", "Milan") adds nothing by itself: a role,
        // a speech verb or the surname used alone must confirm the person.
        // Two capitalised words next to "said" name a person far more often than not.
        if speech_follows(para, toks, e, lex) || speech_precedes(para, toks, s, lex) {
            evidence += 2;
        }
        if (s..e).any(|k| toks[k].shape == Shape::Lower) {
            evidence += 1;
        }
        if words.len() > 4 {
            return;
        }
        // "London Bridge", "Paris Saint-Germain": a place first is a place or a club, unless a
        // role says otherwise; "Stuart Langley" keeps a surname that is also a place.
        if !given && lex.is_place(words[0]) && evidence < 2 {
            return;
        }
        if words.iter().any(|w| lex.is_org_head(w)) && evidence < 3 {
            return;
        }
        // "Economic Advisers", "Waste Management", "Lone Star": words the collection writes in
        // lower case too, and no given name or role. A phrase of ordinary words is a body or a
        // fragment of one, whatever verb follows it.
        if !given && role.is_none() && words.iter().all(|w| self.is_common(w)) {
            return push(Candidate::Org, 0, None, out);
        }
        // No sign at all of a person ("Northgate Maritime"): more often a company or body.
        // The corpus pass turns it into a person if other items give the evidence.
        if evidence == 0 {
            return push(Candidate::Org, 0, None, out);
        }
        push(Candidate::Person, evidence, role, out);
    }
}
