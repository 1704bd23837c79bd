//! Coreference inside one item: surnames, short forms and royal names tied to full names.

use super::*;

impl DocPass<'_> {
    /// Groups mentions into entities, tying surname-only mentions to full names.
    /// Returns the entities and, for each mention, the entity it belongs to.
    pub(super) fn corefer(
        &self,
        paragraphs: &[&str],
        mentions: &[Mention],
    ) -> (Vec<DocEntity>, Vec<Option<usize>>) {
        let mut entities: Vec<DocEntity> = Vec::new();
        let mut by_key: FxHashMap<(ActorKind, String), usize> = FxHashMap::default();
        let mut owner = vec![None; mentions.len()];
        let mut add = |entities: &mut Vec<DocEntity>,
                       kind: ActorKind,
                       key: String,
                       name: &str,
                       m: &Mention,
                       surname_only: bool,
                       profile: Option<usize>|
         -> usize {
            let idx = *by_key.entry((kind, key.clone())).or_insert_with(|| {
                entities.push(DocEntity {
                    name: display_name(kind, name, self.lex),
                    key,
                    kind,
                    surname_only,
                    evidence: 0,
                    role: None,
                    surfaces: Vec::new(),
                    mentions: 0,
                    first_paragraph: m.para as u32,
                    quotes: Vec::new(),
                    profile,
                });
                entities.len() - 1
            });
            let e = &mut entities[idx];
            e.mentions += 1;
            e.evidence = e.evidence.max(m.evidence);
            if e.role.is_none() {
                e.role = m.role.clone();
            }
            if !e.surfaces.iter().any(|s| s == name) {
                e.surfaces.push(name.to_string());
            }
            idx
        };
        let text = |m: &Mention| &paragraphs[m.para][m.start..m.end];

        // Full names and everything that is not a lone word first, so surnames can find them.
        for (mi, m) in mentions.iter().enumerate() {
            let name = text(m);
            owner[mi] = match m.cand {
                Candidate::Profile(p) => Some(add(
                    &mut entities,
                    ActorKind::Other,
                    format!("profile:{p}"),
                    name,
                    m,
                    false,
                    Some(p),
                )),
                Candidate::Org => Some(add(
                    &mut entities,
                    ActorKind::Organization,
                    org_key(name),
                    name,
                    m,
                    false,
                    None,
                )),
                Candidate::Place => Some(add(
                    &mut entities,
                    ActorKind::Place,
                    fold(name),
                    name,
                    m,
                    false,
                    None,
                )),
                // "von der Leyen" is a surname form: it is tied to a full name below.
                Candidate::Person
                    if (m.words > 1 || name.contains(' ')) && !self.is_particle_form(name) =>
                {
                    Some(add(
                        &mut entities,
                        ActorKind::Person,
                        person_key(name),
                        name,
                        m,
                        false,
                        None,
                    ))
                }
                _ => None,
            };
        }
        // Surname index over full names in this item: the most recent one wins on clashes.
        let mut surnames: FxHashMap<String, usize> = FxHashMap::default();
        for (i, e) in entities.iter().enumerate() {
            let profile_person = e
                .profile
                .is_some_and(|p| self.aliases.person_profiles.contains(&p));
            // An unclassified two- or three-word name ("Aakash Dhillon") may be a person too:
            // a later "Dhillon said" settles it below.
            let unknown = e.kind == ActorKind::Organization
                && e.evidence == 0
                && e.name.split_whitespace().count() <= 3;
            if e.kind == ActorKind::Person || profile_person || unknown {
                let name_key = person_key(&e.name);
                let key = if profile_person || unknown {
                    &name_key
                } else {
                    &e.key
                };
                surnames.entry(surname_of(key).to_string()).or_insert(i);
                // "von der Leyen": the particle surname as well.
                let words: Vec<&str> = key.split(' ').collect();
                if let Some(pos) = words.iter().position(|w| self.lex.is_particle(w))
                    && pos > 0
                {
                    surnames.entry(words[pos..].join(" ")).or_insert(i);
                }
            }
        }
        for (mi, m) in mentions.iter().enumerate() {
            if owner[mi].is_some() {
                continue;
            }
            let name = text(m);
            let key = person_key(name);
            if let Some(&full) = surnames.get(&key) {
                let ent = &mut entities[full];
                if ent.kind == ActorKind::Organization {
                    // Only a real surname use settles it, not an ordinary word that happens
                    // to end the name ("West German ... German", "Treasury Secretary").
                    if matches!(m.cand, Candidate::OrdinaryWord) {
                        continue;
                    }
                    // The surname used alone makes the unclassified name a person.
                    ent.kind = ActorKind::Person;
                    ent.key = person_key(&ent.name);
                    ent.evidence = ent.evidence.max(2);
                }
                ent.mentions += 1;
                ent.evidence = ent.evidence.max(m.evidence.min(3));
                if ent.role.is_none() {
                    ent.role = m.role.clone();
                }
                if !ent.surfaces.iter().any(|s| s == name) {
                    ent.surfaces.push(name.to_string());
                }
                owner[mi] = Some(full);
                continue;
            }
            if matches!(m.cand, Candidate::OrdinaryWord) {
                continue;
            }
            // A profile alias by surname ("Prevost" for "Robert Prevost") is handled by the
            // corpus pass; here the word becomes a surname-only candidate.
            owner[mi] = Some(add(
                &mut entities,
                ActorKind::Person,
                key,
                name,
                m,
                true,
                None,
            ));
        }
        merge_royal_short_forms(&mut entities, &mut owner, self.lex);
        (entities, owner)
    }

    /// "von der Leyen", "Van der Berg": a surname with its particles, not a full name.
    pub(super) fn is_particle_form(&self, name: &str) -> bool {
        name.split_whitespace()
            .next()
            .is_some_and(|w| self.lex.is_particle(&w.to_lowercase()))
    }
}

/// The name an entity is shown by: on one line ("President's Council\nof Economic
/// Advisers" wrapped in wire copy), and a person's name or a place's in capitals (a byline, a
/// dateline: "NEW DELHI") as a reader writes it. Places whose usual form is in capitals
/// ("UK", "USSR") keep it.
fn display_name(kind: ActorKind, name: &str, lex: &Lexicon) -> String {
    let name = if name.contains(['\n', '\r', '\t']) || name.contains("  ") {
        std::borrow::Cow::Owned(name.split_whitespace().collect::<Vec<_>>().join(" "))
    } else {
        std::borrow::Cow::Borrowed(name)
    };
    let place_in_capitals = kind == ActorKind::Place && !lex.is_place_written_in_capitals(&name);
    if kind == ActorKind::Person || place_in_capitals {
        title_case_capitals(&name)
    } else {
        name.into_owned()
    }
}

/// "Sheikh Khalid" after "Khalid bin Hamad Al Mansouri": a title and a given name refer to
/// the full name that starts with it.
pub(super) fn merge_royal_short_forms(
    entities: &mut [DocEntity],
    owner: &mut [Option<usize>],
    lex: &Lexicon,
) {
    for i in 0..entities.len() {
        let words: Vec<&str> = entities[i].name.split_whitespace().collect();
        if entities[i].kind != ActorKind::Person
            || words.len() != 2
            || !lex.is_royal_title(words[0])
        {
            continue;
        }
        let given = words[1].to_string();
        let full = (0..entities.len()).find(|&j| {
            j != i
                && entities[j].kind == ActorKind::Person
                && entities[j].mentions > 0
                && entities[j].name.split_whitespace().next() == Some(given.as_str())
                && entities[j].name.split_whitespace().count() > 1
        });
        if let Some(j) = full {
            let short = std::mem::take(&mut entities[i].surfaces);
            let n = std::mem::take(&mut entities[i].mentions);
            let target = &mut entities[j];
            target.mentions += n;
            for s in short {
                if !target.surfaces.contains(&s) {
                    target.surfaces.push(s);
                }
            }
            for o in owner.iter_mut() {
                if *o == Some(i) {
                    *o = Some(j);
                }
            }
        }
    }
}
