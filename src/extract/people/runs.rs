//! Finding name runs: stretches of capitalised words, split into a role and a name.

use super::*;

impl DocPass<'_> {
    pub(super) fn find_runs(&self, pi: usize, para: &str, toks: &[Token], out: &mut Vec<Mention>) {
        let lex = self.lex;
        let text = |t: &Token| t.text(para);
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            let starts = t.word
                && (matches!(t.shape, Shape::Capitalised | Shape::Upper | Shape::Initial)
                    || (t.shape == Shape::Lower
                        && lex.is_particle(text(t))
                        && next_capitalised_after_particles(para, toks, i, lex)));
            if !starts {
                i += 1;
                continue;
            }
            // Extend the run.
            let mut j = i;
            let mut end = i;
            let mut institutional = false;
            while j < toks.len() {
                let t = &toks[j];
                // "Operators' Association": a plural possessive inside an institution's name.
                if !t.word
                    && j > i
                    && matches!(t.text(para), "'" | "’")
                    && toks[j - 1].end() == t.start()
                    && text(&toks[j - 1]).ends_with('s')
                    && toks
                        .get(j + 1)
                        .is_some_and(|n| n.word && n.shape == Shape::Capitalised)
                {
                    j += 1;
                    continue;
                }
                // "Fernand St. Germain", "Mt. Kenya": the period of an abbreviation inside a name.
                if !t.word
                    && j > i
                    && t.text(para) == "."
                    && lex.is_name_abbreviation(text(&toks[j - 1]))
                    && toks
                        .get(j + 1)
                        .is_some_and(|n| n.word && n.shape == Shape::Capitalised)
                {
                    j += 1;
                    continue;
                }
                if !t.word || (j > i && t.sentence_start) {
                    break;
                }
                if j > i
                    && para[toks[j - 1].end()..t.start()].contains(['\n'])
                    && !wrapped_prose(para, toks[j - 1].end())
                {
                    break;
                }
                let w = text(t);
                if matches!(t.shape, Shape::Capitalised | Shape::Upper | Shape::Initial) {
                    // Looked up only until one word has settled it.
                    institutional = institutional || lex.is_institution_word(w);
                    j += 1;
                    end = j;
                    // "St Peter's Basilica", "Children's Hospital": a possessive before a place
                    // or institution head is inside one name.
                    if t.possessive && !head_follows(para, toks, j, lex) {
                        break;
                    }
                    continue;
                }
                if t.shape == Shape::Lower && j + 1 < toks.len() && toks[j + 1].word {
                    let particle = lex.is_particle(w);
                    // "Reserve Bank of India on Friday": a day or month after a connector is
                    // when, not part of the name.
                    let dated = lex.is_calendar_word(text(&toks[j + 1]));
                    let connector = (institutional && lex.is_connector(w) && w != "and" && !dated)
                        || (w == "and"
                            && j > i
                            && (and_continues_a_name(para, toks, i, j, lex)
                                || company_forms_follow(para, toks, j))
                            && and_joins_an_institution(para, toks, i, j, lex));
                    if connector
                        || (particle && next_capitalised_after_particles(para, toks, j, lex))
                    {
                        j += 1;
                        continue;
                    }
                }
                break;
            }
            if end > i {
                self.handle_run(pi, para, toks, i, end, out);
                i = end;
            } else {
                i += 1;
            }
        }
    }

    pub(super) fn handle_run(
        &self,
        pi: usize,
        para: &str,
        toks: &[Token],
        mut a: usize,
        b: usize,
        out: &mut Vec<Mention>,
    ) {
        let lex = self.lex;
        let w = |k: usize| toks[k].text(para);
        // After a role ("Its spokesperson, He Wenjun"), a capitalised word is the name.
        let role_before = self.role_noun_before(para, toks, a).is_some();
        // Leading words that are never names ("However", "The", "Speaking", "Monday"), unless
        // a role or a following surname says otherwise ("Hope Castellano").
        while a < b
            && toks[a].shape != Shape::Upper
            && lex.is_not_name(w(a))
            && !lex.is_title_word(w(a))
            && !lex.is_org_prefix(w(a))
            && self.aliases.find(w(a)).is_none()
            && (!role_before || lex.is_calendar_word(w(a)))
            // "New York Stock Exchange", "White House spokesman": the word starts a known
            // place or organisation.
            && !(a + 1 < b && {
                let two = two_words(para, &toks[a], &toks[a + 1]);
                lex.is_place(&two) || lex.is_organisation(&two)
            })
            && !adjective_heads_institution(para, toks, a, b, lex)
            && !(lex.is_ambiguous_given_name(w(a))
                && a + 1 < b
                && toks[a + 1].shape == Shape::Capitalised
                && !lex.is_not_name(w(a + 1)))
        {
            a += 1;
        }
        // Leading particles are only part of a name when it starts lower case ("von der Leyen").
        if a >= b {
            return;
        }
        // "The Treasury Secretary said": an office named without a holder.
        if self.is_office(para, toks, a, b) {
            return;
        }
        // The last title phrase splits role from name.
        let mut split = a;
        let mut title_start = a;
        let mut k = a;
        while k < b {
            // "Oliver St John-Smythe": a title word after a given name is part of the name.
            let after_given =
                || k > a && toks[k - 1].shape == Shape::Capitalised && lex.is_given_name(w(k - 1));
            match self.title_at(para, toks, k, b) {
                // "the President's Council": a title in the possessive owns what follows.
                Some(len) if !after_given() && !toks[k + len - 1].possessive => {
                    title_start = k;
                    split = k + len;
                    k += len;
                }
                _ => k += 1,
            }
        }
        // "King Fahd", "Pope Francis": a monarch or cleric known by one name keeps the title.
        let royal = split > a
            && (b - split == 1 || (b - split == 2 && regnal_number(w(split + 1))))
            && toks[split].shape == Shape::Capitalised
            && !lex.is_not_name(w(split))
            && !lex.is_org_head(w(split))
            && !lex.is_place(w(split))
            && self
                .lex
                .is_royal_title(&para[toks[title_start].start()..toks[split - 1].end()]);
        // "Secretary of State John Whitehead", "Speaker of the House Jim Wright": the office runs
        // on through `of`/`for` up to the name, which starts at a given name or, failing that,
        // after the first word of the office.
        if split > a && split < b && toks[split].shape == Shape::Lower {
            let given = (split..b)
                .find(|&k| toks[k].shape == Shape::Capitalised && lex.is_given_name(w(k)));
            match given {
                Some(k) => split = k,
                None => {
                    let caps: Vec<usize> = (split..b)
                        .filter(|&k| toks[k].shape != Shape::Lower)
                        .collect();
                    match caps.get(1) {
                        // Still part of the institution ("Director of the U.S. Meat Export
                        // Federation"): an office, no name.
                        // "President of the United States": the office ends in a place.
                        Some(&k)
                            if (k..b).any(|j| {
                                lex.is_org_head(w(j))
                                    || lex.is_place(w(j))
                                    || toks[j].shape == Shape::Upper
                            }) || lex
                                .is_place(&para[toks[caps[0]].start()..toks[b - 1].end()]) =>
                        {
                            return;
                        }
                        Some(&k) => split = k,
                        None => return, // only an office ("Speaker of the House")
                    }
                }
            }
        }
        let mut role =
            (split > a).then(|| para[toks[a].start()..toks[split - 1].end()].to_string());
        let mut evidence = 0;
        let mut noun_before = None;
        if role.is_some() {
            evidence += 3;
        } else if let Some((r, noun)) = self.role_noun_before(para, toks, a) {
            role = Some(r);
            noun_before = Some(noun);
            evidence += 2;
        }
        let name_start = if royal { title_start } else { split };
        if name_start >= b {
            return;
        }
        // "the news agency Tanjug", "the daily El Peruano": a publication, not a person;
        // "carmaker Voltaris", "German electric-vehicle maker Voltaris": a company.
        let company_before = role.is_none()
            && a > 0
            && toks[a - 1].word
            && toks[a - 1].shape == Shape::Lower
            && lex.is_company_noun(toks[a - 1].text(para));
        if company_before || noun_before.is_some_and(|n| lex.is_media_noun(n)) {
            let name_end = (name_start..b)
                .rev()
                .find(|&k| toks[k].shape != Shape::Lower)
                .map_or(b, |k| k + 1);
            self.push_org(pi, toks, name_start, name_end, out);
            return;
        }
        // Trailing connectors never end a name.
        let mut name_end = b;
        while name_end > name_start && toks[name_end - 1].shape == Shape::Lower {
            name_end -= 1;
        }
        if name_end <= name_start {
            return;
        }
        self.classify(pi, para, toks, name_start, name_end, role, evidence, out);
    }

    /// "Treasury Secretary", "Agriculture Secretary": the run from `a` to `b` is one title
    /// phrase and nothing else.
    pub(super) fn is_office(&self, para: &str, toks: &[Token], a: usize, b: usize) -> bool {
        let lex = self.lex;
        // "the U.S. Treasury Secretary": a country before the office is still no holder.
        let a = if b - a > 2 && lex.is_place(toks[a].text(para)) {
            a + 1
        } else {
            a
        };
        // "Agriculture Secretary", "Finance Minister": a short run ending in a title word,
        // with no given name before it (titles come before names in English, not after).
        let last = toks[b - 1].text(para);
        if b - a <= 3
            && b - a > 1
            && lex.is_title_word(last)
            && (a..b - 1).all(|k| {
                let w = toks[k].text(para);
                toks[k].shape == Shape::Capitalised && !lex.is_given_name(w)
            })
        {
            return true;
        }
        let first = toks[a].text(para).trim_end_matches('.');
        lex.title_phrases.get(first).is_some_and(|phrases| {
            phrases.iter().any(|p| {
                p.len() == b - a
                    && p.iter().enumerate().all(|(o, w)| {
                        let t = toks[a + o].text(para).trim_end_matches('.');
                        t == w || t.strip_suffix('s') == Some(w)
                    })
            })
        })
    }

    /// Length in tokens of a title phrase starting at `k`, if any (longest wins).
    pub(super) fn title_at(&self, para: &str, toks: &[Token], k: usize, b: usize) -> Option<usize> {
        if !matches!(toks[k].shape, Shape::Capitalised | Shape::Upper) {
            return None;
        }
        let first = toks[k].text(para).trim_end_matches('.');
        // "Ministers" may be a plural title: its singular is looked up too.
        // Not a monarch's title: "Queens Park Rangers" is a club, not queens.
        let singular = first
            .strip_suffix('s')
            .filter(|s| !self.lex.is_royal_title(s))
            .and_then(|s| self.lex.title_phrases.get(s));
        let candidates = self
            .lex
            .title_phrases
            .get(first)
            .into_iter()
            .chain(singular)
            .flatten();
        candidates
            .filter(|phrase| phrase.len() < b - k)
            .filter(|phrase| {
                phrase.iter().enumerate().all(|(o, p)| {
                    let t = toks[k + o].text(para).trim_end_matches('.');
                    // "Prime Ministers Zhao Ziyang and ...": plural titles too.
                    t == p || t.strip_suffix('s') == Some(p)
                })
            })
            .map(Vec::len)
            .max()
            // "General Motors", "General Electric": before a word the collection also writes in
            // lower case, "General" starts a company's name, not a rank ("General Zia").
            .filter(|&len| {
                let next = toks.get(k + 1).filter(|t| k + 1 < b && t.word);
                !(len == 1
                    && first == "General"
                    && next.is_some_and(|t| {
                        t.shape == Shape::Capitalised
                            && !self.lex.is_given_name(t.text(para))
                            && self.is_common(t.text(para))
                    }))
            })
    }

    pub(super) fn push_org(
        &self,
        pi: usize,
        toks: &[Token],
        s: usize,
        e: usize,
        out: &mut Vec<Mention>,
    ) {
        if e > s {
            out.push(Mention {
                para: pi,
                start: toks[s].start(),
                end: toks[e - 1].end(),
                cand: Candidate::Org,
                evidence: 2,
                role: None,
                words: e - s,
            });
        }
    }

    /// Where the institution whose last capitalised word is at `k` starts: back over
    /// capitalised words and `of`/`the` inside a known organisation or place, or a run
    /// ending in an organisation head ("Federal Reserve Board", "Bank of England").
    pub(super) fn institution_start(&self, para: &str, toks: &[Token], k: usize) -> usize {
        let lex = self.lex;
        if toks[k].shape == Shape::Lower {
            return k;
        }
        let mut start = k;
        let mut j = k;
        // At most a few words back: institution names are short.
        while j > 0 && k - j < 5 {
            let p = &toks[j - 1];
            if !p.word || para[p.end()..toks[j].start()].contains('\n') {
                break;
            }
            let w = p.text(para);
            let connector = p.shape == Shape::Lower && lex.is_role_institution_connector(w);
            if !connector && p.shape == Shape::Lower {
                break;
            }
            if !connector && lex.is_determiner(&w.to_lowercase()) {
                break;
            }
            j -= 1;
            if connector {
                continue;
            }
            let phrase = &para[toks[j].start()..toks[k].end()];
            let known = lex.is_organisation(phrase) || lex.is_place(phrase);
            let headed = (j..=k).any(|m| lex.is_org_head(toks[m].text(para)));
            if known || (headed && !lex.is_not_keyword(&w.to_lowercase())) {
                start = j;
            }
            if p.sentence_start {
                break;
            }
        }
        start
    }

    /// "presidential envoy Steve Witkoff": a lower-case role noun right before the name.
    /// Returns the role and the noun.
    pub(super) fn role_noun_before<'p>(
        &self,
        para: &'p str,
        toks: &[Token],
        a: usize,
    ) -> Option<(String, &'p str)> {
        // "its spokesperson, He Wenjun,": the role may stand before a comma.
        let comma = a >= 2 && !toks[a - 1].word && toks[a - 1].text(para) == ",";
        let a = if comma { a - 1 } else { a };
        if a == 0 || !toks[a - 1].word || toks[a - 1].shape != Shape::Lower {
            return None;
        }
        let noun = toks[a - 1].text(para);
        if !self.lex.role_nouns.contains(noun) {
            return None;
        }
        let mut start = a - 1;
        if start > 0
            && toks[start - 1].word
            && matches!(
                toks[start - 1].shape,
                Shape::Lower | Shape::Capitalised | Shape::Upper
            )
            && !self
                .lex
                .is_determiner(&toks[start - 1].text(para).to_lowercase())
            && !toks[start - 1].sentence_start
        {
            start -= 1;
            // "White House spokesman", "Bank of England governor": the whole name of the
            // institution before the noun belongs to the role.
            start = self.institution_start(para, toks, start);
        }
        // "Asked about the pilot, Garcia declined": before a comma, a noun governed by a
        // preposition is what the clause is about, not the name's role.
        if comma {
            let mut k = start;
            if k > 0 && self.lex.is_role_determiner(toks[k - 1].text(para)) {
                k -= 1;
            }
            if k > 0 && self.lex.is_topic_preposition(toks[k - 1].text(para)) {
                return None;
            }
        }
        Some((
            para[toks[start].start()..toks[a - 1].end()].to_string(),
            noun,
        ))
    }
}
