//! The corpus pass for actors: merges what each item found into one registry of actors.
//!
//! * Profiles come first and win: their names and aliases claim any mention that matches.
//! * A surname-only person (`Putin`) joins the full name the corpus uses for that surname
//!   (`Vladimir Putin`) when one full name clearly dominates; otherwise it stays a surname.
//! * A full name with weak evidence in one item is kept when other items confirm it.
//! * Names the merge rules find to be one entity become one actor (`merges.rs`): spellings
//!   of one person (`variants.rs`), a birth and a regnal name the text ties (`regnal.rs`),
//!   acronyms (`acronyms.rs`), short and long forms of organisations (`orgs.rs`), the names
//!   of one place (`places.rs`). What they cannot decide becomes a possible duplicate
//!   (`duplicates.rs`).
//!
//! One file per job: `stats.rs` gathers what the collection says about names, each rule has
//! its file; this file matches each item's entities to actors and finishes them.

mod acronyms;
mod duplicates;
mod merges;
mod orgs;
mod places;
mod regnal;
mod stats;
mod variants;

pub use duplicates::Duplicate;
pub use merges::Reason;

use std::borrow::Cow;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::people::{AliasIndex, DocEntity, fold, org_key, person_key, surname_of};
use super::{Actor, ActorId, ActorMention, ItemRef, Quote, RoleSeen};
use crate::content::{ActorKind, ActorProfile};
use crate::lang::Lexicon;
use crate::text::slugify;
use merges::{Merged, Merges};
use stats::{NameStats, confirmed};

/// What the corpus pass needs to know about each item.
pub struct ItemFacts<'a> {
    pub item: ItemRef,
    pub date: chrono::NaiveDate,
    /// Names from front matter; when non-empty they replace extraction.
    pub declared: &'a [String],
    /// The item's text, paragraph by paragraph, for what only a sentence says ("took the
    /// name Leo XIV", "General Agreement on Tariffs and Trade (GATT)").
    pub paragraphs: &'a [&'a str],
    pub entities: Vec<DocEntity>,
}

pub struct Registry {
    pub actors: Vec<Actor>,
    /// Per kind (`ActorKind as usize`), actor keys -> actor: looked up by `&str`, so a lookup
    /// allocates nothing.
    index: [FxHashMap<String, ActorId>; 4],
    /// Folded profile names and aliases -> actor.
    aliases: FxHashMap<String, ActorId>,
    /// Slugs of profiles -> the first profile's actor: only profiles have slugs before
    /// `finish`, and a front-matter name may give one.
    profile_slugs: FxHashMap<String, ActorId>,
    /// Folded surnames of person profiles -> actor (only when no two profiles share one).
    profile_surnames: FxHashMap<String, ActorId>,
    /// Written forms seen per actor, with counts, for choosing display names.
    forms: Vec<FxHashMap<String, u32>>,
    /// Every written form in the text (surnames included), for the aliases list.
    surfaces: Vec<rustc_hash::FxHashSet<String>>,
    evidence: Vec<u8>,
    docs: Vec<u32>,
}

/// The registry key of a name of this kind: people without initials and suffixes, companies
/// without their company form, the rest folded.
fn actor_key(kind: ActorKind, name: &str) -> String {
    match kind {
        ActorKind::Person => person_key(name),
        ActorKind::Organization => org_key(name),
        _ => fold(name),
    }
}

/// The alias index the document pass uses to spot profile names in text.
pub fn alias_index(profiles: &[ActorProfile]) -> AliasIndex {
    let mut index = AliasIndex::default();
    for (i, p) in profiles.iter().enumerate() {
        for name in std::iter::once(&p.name).chain(&p.aliases) {
            let key = fold(name);
            if !key.is_empty() {
                index.names.entry(key).or_insert(i);
            }
        }
        if p.kind == ActorKind::Person {
            index.person_profiles.insert(i);
        }
    }
    index
}

impl Registry {
    pub fn new(profiles: &[ActorProfile]) -> Registry {
        let mut reg = Registry {
            actors: Vec::new(),
            index: Default::default(),
            aliases: FxHashMap::default(),
            profile_slugs: FxHashMap::default(),
            profile_surnames: FxHashMap::default(),
            forms: Vec::new(),
            surfaces: Vec::new(),
            evidence: Vec::new(),
            docs: Vec::new(),
        };
        let mut surname_counts: FxHashMap<String, (u32, ActorId)> = FxHashMap::default();
        for (i, p) in profiles.iter().enumerate() {
            let key = actor_key(p.kind, &p.name);
            let id = reg.create(p.kind, &key, &p.name);
            reg.actors[id as usize].profile = Some(i);
            reg.actors[id as usize].slug = p.slug.clone();
            if !p.slug.is_empty() {
                reg.profile_slugs.entry(p.slug.clone()).or_insert(id);
            }
            reg.actors[id as usize].aliases = p.aliases.clone();
            reg.actors[id as usize].role = p.role.clone();
            reg.evidence[id as usize] = 9;
            for name in std::iter::once(&p.name).chain(&p.aliases) {
                reg.aliases.entry(fold(name)).or_insert(id);
                if p.kind == ActorKind::Person {
                    reg.aliases.entry(person_key(name)).or_insert(id);
                }
            }
            if p.kind == ActorKind::Person && key.contains(' ') {
                let e = surname_counts
                    .entry(surname_of(&key).to_string())
                    .or_insert((0, id));
                e.0 += 1;
            }
        }
        reg.profile_surnames = surname_counts
            .into_iter()
            .filter(|(_, (n, _))| *n == 1)
            .map(|(s, (_, id))| (s, id))
            .collect();
        reg
    }

    fn create(&mut self, kind: ActorKind, key: &str, name: &str) -> ActorId {
        let id = self.actors.len() as ActorId;
        self.actors.push(Actor {
            name: name.to_string(),
            slug: String::new(),
            kind,
            aliases: Vec::new(),
            role: None,
            profile: None,
            roles_seen: Vec::new(),
            quotes: Vec::new(),
            confidence: 0.0,
            count: 0,
        });
        self.forms.push(FxHashMap::default());
        self.surfaces.push(Default::default());
        self.evidence.push(0);
        self.docs.push(0);
        self.index[kind as usize].insert(key.to_string(), id);
        id
    }

    fn get_or_create(&mut self, kind: ActorKind, key: &str, name: &str) -> ActorId {
        match self.index[kind as usize].get(key) {
            Some(&id) => id,
            None => self.create(kind, key, name),
        }
    }

    /// Adds what one item's entity says about actor `id`: its written forms, evidence, role
    /// and quotes. Names and surfaces are copied only the first time an actor shows them.
    fn record(&mut self, id: ActorId, e: &DocEntity, facts: &ItemFacts<'_>) {
        let i = id as usize;
        match self.forms[i].get_mut(&e.name) {
            Some(n) => *n += e.mentions,
            None => {
                self.forms[i].insert(e.name.clone(), e.mentions);
            }
        }
        for s in &e.surfaces {
            if !self.surfaces[i].contains(s) {
                self.surfaces[i].insert(s.clone());
            }
        }
        self.evidence[i] = self.evidence[i].max(e.evidence);
        if let Some(role) = &e.role {
            self.actors[i].roles_seen.push(RoleSeen {
                role: role.clone(),
                date: facts.date,
                item: facts.item,
            });
        }
        for q in &e.quotes {
            self.actors[i].quotes.push(Quote {
                text: q.clone(),
                date: facts.date,
                item: facts.item,
            });
        }
    }

    /// Resolves a name given in front matter: a profile, a known actor, or a new one.
    fn declared(&mut self, name: &str, lex: &Lexicon, merged: &Merged) -> ActorId {
        if let Some(&id) = self.aliases.get(&fold(name)) {
            return id;
        }
        // A lookup, not a scan of every actor: one item may declare thousands.
        if let Some(&id) = self.profile_slugs.get(&slugify(name)) {
            return id;
        }
        for kind in [
            ActorKind::Person,
            ActorKind::Organization,
            ActorKind::Place,
            ActorKind::Other,
        ] {
            let key = actor_key(kind, name);
            if let Some(&id) = self.index[kind as usize].get(&key) {
                return id;
            }
            if let Some((kind, key, _)) = merged.redirect(kind, &key)
                && let Some(&id) = self.index[kind as usize].get(key)
            {
                return id;
            }
        }
        let last = name.split_whitespace().last().unwrap_or("");
        let kind = if lex.is_organisation(name)
            || lex.is_org_head(last)
            || name
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
        {
            ActorKind::Organization
        } else if lex.is_place(name) {
            ActorKind::Place
        } else {
            ActorKind::Person
        };
        self.get_or_create(kind, &actor_key(kind, name), name)
    }
}

/// What the corpus pass found: the actors, each item's actor mentions (main ones first), and
/// groups of actors that may be one.
pub struct Resolved {
    pub actors: Vec<Actor>,
    pub mentions: Vec<Vec<ActorMention>>,
    pub duplicates: Vec<Duplicate>,
}

/// Runs the corpus pass.
pub fn resolve(profiles: &[ActorProfile], items: Vec<ItemFacts<'_>>, lex: &Lexicon) -> Resolved {
    let mut reg = Registry::new(profiles);

    // Corpus statistics on names, and what sentences tie (acronyms spelled out, regnal
    // names), gathered in parallel.
    let ((stats, counts), (cooccurrence, spelled)) = rayon::join(
        || rayon::join(|| NameStats::of(&items), || merges::count_keys(&items)),
        || {
            rayon::join(
                || acronyms::acronym_expansions(&items),
                || {
                    items
                        .par_iter()
                        .map(|f| {
                            let acronyms: Vec<(String, &str)> = (f.paragraphs.iter())
                                .flat_map(|p| acronyms::spelled_out(p))
                                .collect();
                            (acronyms, regnal::ties(f.paragraphs, &f.entities, lex))
                        })
                        .collect::<Vec<_>>()
                },
            )
        },
    );
    let (spelled, ties): (Vec<_>, Vec<_>) = spelled.into_iter().unzip();
    // The merge rules: acronyms beside the rest.
    let qualifiers = places::country_qualifiers();
    let ((acronyms, mut merges), names) = rayon::join(
        || {
            let mut merges = Merges::default();
            let acronyms =
                acronyms::resolve_acronyms(&items, cooccurrence, &spelled, lex, &mut merges);
            (acronyms, merges)
        },
        || {
            let mut merges = Merges::default();
            let people: FxHashMap<&str, (u32, &str)> = counts[ActorKind::Person as usize]
                .iter()
                .filter(|(k, _)| k.contains(' '))
                .map(|(k, v)| (*k, *v))
                .collect();
            variants::find(&people, &mut merges);
            regnal::find(&ties.concat(), &counts, lex, &mut merges);
            orgs::find(&counts, &qualifiers, &mut merges);
            places::find(&counts, &mut merges);
            merges
        },
    );
    merges.absorb(names);
    let merged = merges.finish();

    // Each item's entities are matched to actors in four steps. Only the numbering of new
    // actors (in item order, as ids are handed out) and the per-actor totals run on one
    // thread (sharding the totals by actor was no faster):
    // 1. decide, for every entity, which actor or actor key it belongs to (read-only);
    let mut profile_actor: Vec<Option<ActorId>> = vec![None; profiles.len()];
    for (id, a) in reg.actors.iter().enumerate() {
        if let Some(p) = a.profile
            && profile_actor[p].is_none()
        {
            profile_actor[p] = Some(id as ActorId);
        }
    }
    let decided: Vec<Vec<(Owner<'_>, usize)>> = items
        .par_iter()
        .enumerate()
        .map(|(item, facts)| {
            if !facts.declared.is_empty() {
                return Vec::new();
            }
            let mut decided = Vec::with_capacity(facts.entities.len());
            for (i, e) in facts.entities.iter().enumerate() {
                let expanded = (e.kind == ActorKind::Organization && e.profile.is_none())
                    .then(|| acronyms.get(item, e))
                    .flatten()
                    .filter(|_| !reg.aliases.contains_key(&e.key));
                let t = match expanded {
                    Some((key, name)) => Some(Owner::Key(
                        ActorKind::Organization,
                        Cow::Borrowed(key),
                        name,
                    )),
                    None => owner(&reg, &profile_actor, e, &stats, &merged),
                };
                decided.extend(t.map(|t| (merged_owner(&reg, &merged, t), i)));
            }
            decided
        })
        .collect();
    // 2. number the actors, item by item, creating the new ones;
    let mut links: Vec<Vec<(ActorId, Option<usize>)>> = Vec::with_capacity(items.len());
    for (facts, decided) in items.iter().zip(decided) {
        let here = if !facts.declared.is_empty() {
            let mut here = Vec::with_capacity(facts.declared.len());
            let entities = EntityLookup::new(&facts.entities);
            for name in facts.declared {
                let id = reg.declared(name, lex, &merged);
                // Surfaces from the text still let the body link the first mention.
                here.push((id, entities.first_naming(&reg.actors[id as usize])));
            }
            here
        } else {
            (decided.into_iter())
                .map(|(t, i)| {
                    let id = match t {
                        Owner::Known(id) => id,
                        Owner::Key(kind, key, name) => reg.get_or_create(kind, &key, name),
                    };
                    (id, Some(i))
                })
                .collect()
        };
        links.push(here);
    }
    // 3. add up what the items say about each actor, in item order;
    for (facts, here) in items.iter().zip(&links) {
        for &(id, e) in here {
            if let Some(i) = e {
                reg.record(id, &facts.entities[i], facts);
            }
        }
    }
    // 4. gather each item's mentions, one per actor. The items are used up here, each on
    // one thread: written forms and roles move into the mentions, the rest is freed, and
    // the mentions reuse that memory (allocating them fresh cost more in first page touches
    // than the copying did).
    let per_item: Vec<Vec<ActorMention>> = items
        .into_par_iter()
        .zip(links)
        .map(|(facts, here)| item_mentions(facts, &here))
        .collect();
    for mentions in &per_item {
        for m in mentions {
            reg.docs[m.actor as usize] += 1;
        }
    }

    name_and_count(&mut reg, &qualifiers);
    let duplicates = duplicates::find(&reg, &merged.near_misses);
    Resolved {
        actors: reg.actors,
        mentions: per_item,
        duplicates,
    }
}

/// An item's entities indexed by what ties one to a declared actor, so matching thousands of
/// declared names against the text costs one lookup each rather than a scan of the entities.
struct EntityLookup<'e> {
    /// Profile -> first entity that matched it.
    by_profile: FxHashMap<usize, usize>,
    /// Person key of the entity's name -> first entity.
    by_key: FxHashMap<String, usize>,
    /// Key of a surname-only entity -> first such entity.
    by_surname: FxHashMap<&'e str, usize>,
}

impl<'e> EntityLookup<'e> {
    fn new(entities: &'e [DocEntity]) -> EntityLookup<'e> {
        let mut index = EntityLookup {
            by_profile: FxHashMap::default(),
            by_key: FxHashMap::default(),
            by_surname: FxHashMap::default(),
        };
        for (i, e) in entities.iter().enumerate() {
            if let Some(p) = e.profile {
                index.by_profile.entry(p).or_insert(i);
            }
            index.by_key.entry(person_key(&e.name)).or_insert(i);
            if e.surname_only {
                index.by_surname.entry(e.key.as_str()).or_insert(i);
            }
        }
        index
    }

    /// The first entity that is the actor's profile, has its person key, or names it by
    /// surname alone.
    fn first_naming(&self, a: &Actor) -> Option<usize> {
        let key = person_key(&a.name);
        let by_profile = a.profile.and_then(|p| self.by_profile.get(&p));
        let by_key = self.by_key.get(&key);
        let by_surname = self.by_surname.get(surname_of(&key));
        [by_profile, by_key, by_surname]
            .into_iter()
            .flatten()
            .min()
            .copied()
    }
}

/// The actor a decided target joins when a merge rule made its key part of another actor.
fn merged_owner<'a>(reg: &Registry, merged: &'a Merged, t: Owner<'a>) -> Owner<'a> {
    let Owner::Key(kind, key, _) = &t else {
        return t;
    };
    match merged.redirect(*kind, key) {
        // A profile named by the joined name claims it.
        Some((_, to, _)) if reg.aliases.contains_key(to) => Owner::Known(reg.aliases[to]),
        Some((kind, to, name)) => Owner::Key(kind, Cow::Borrowed(to), name),
        None => t,
    }
}

/// Which actor an entity belongs to (its owner): one that exists already, or the actor with this key,
/// kind and name, created when it is first met.
enum Owner<'a> {
    Known(ActorId),
    Key(ActorKind, Cow<'a, str>, &'a str),
}

fn owner<'a>(
    reg: &Registry,
    profile_actor: &[Option<ActorId>],
    e: &'a DocEntity,
    stats: &NameStats<'a>,
    merged: &Merged,
) -> Option<Owner<'a>> {
    let NameStats {
        full_evidence,
        unknown_docs,
        dominant,
        one_word_orgs,
    } = stats;
    let key = |kind, key: &'a str, name: &'a str| Some(Owner::Key(kind, Cow::Borrowed(key), name));
    if let Some(p) = e.profile {
        return profile_actor.get(p).copied().flatten().map(Owner::Known);
    }
    if let Some(&id) = reg.aliases.get(&e.key) {
        return Some(Owner::Known(id));
    }
    match e.kind {
        ActorKind::Person if !e.surname_only => {
            if !confirmed(e, full_evidence) {
                return None;
            }
            key(ActorKind::Person, &e.key, &e.name)
        }
        ActorKind::Person => {
            if let Some(&id) = reg.profile_surnames.get(&e.key) {
                return Some(Owner::Known(id));
            }
            // A surname spelled as one a merge rule joined ("Zelenskyy") follows its full name.
            let surname = merged
                .surnames
                .get(&e.key)
                .map_or(e.key.as_str(), String::as_str);
            if let Some(&(full, name, n)) = dominant
                .get(e.key.as_str())
                .or_else(|| dominant.get(surname))
            {
                // A bare word with no evidence joins only a name the corpus uses repeatedly.
                if e.evidence >= 1 || n >= 2 {
                    return key(ActorKind::Person, full, name);
                }
            }
            // "Voltaris said" where another item wrote "carmaker Voltaris": the company.
            if e.role.is_none()
                && e.evidence < 3
                && let Some(&name) = one_word_orgs.get(e.key.as_str())
            {
                return key(ActorKind::Organization, &e.key, name);
            }
            // Alone, a surname needs a title or role ("Mr Kapoor", "spokesman Peskov"): "X
            // said" is as often a company.
            if e.evidence >= 2 || e.role.is_some() {
                return key(ActorKind::Person, &e.key, &e.name);
            }
            None
        }
        ActorKind::Organization if e.evidence == 0 => {
            // An unclassified name: a person if the corpus has evidence for it as one,
            // otherwise an organisation once it recurs.
            let person_key = person_key(&e.name);
            if full_evidence
                .get(person_key.as_str())
                .is_some_and(|(ev, _)| *ev >= 2)
            {
                return Some(Owner::Key(
                    ActorKind::Person,
                    Cow::Owned(person_key),
                    &e.name,
                ));
            }
            if e.mentions >= 2 || unknown_docs.get(e.key.as_str()).is_some_and(|&n| n >= 2) {
                return key(ActorKind::Organization, &e.key, &e.name);
            }
            None
        }
        kind => key(kind, &e.key, &e.name),
    }
}

/// One item's actor mentions, one per actor, main ones first. `here` pairs each actor with
/// the entity that named it (none for a declared actor the text does not name).
fn item_mentions(facts: ItemFacts<'_>, here: &[(ActorId, Option<usize>)]) -> Vec<ActorMention> {
    // Declared actors may share one entity; otherwise each entity is used once and its
    // strings are moved rather than copied.
    let shared = !facts.declared.is_empty();
    let mut entities = facts.entities;
    let mut mentions: Vec<ActorMention> = Vec::with_capacity(here.len());
    // A short list is searched; a long one (front matter may declare thousands) is indexed,
    // so the item costs time in proportion to its actors, not their square.
    let indexed = here.len() > 32;
    let mut slots: FxHashMap<ActorId, usize> = FxHashMap::default();
    for &(id, e) in here {
        let found = if indexed {
            slots.get(&id).copied()
        } else {
            mentions.iter().position(|m| m.actor == id)
        };
        let slot = match found {
            Some(i) => i,
            None => {
                if indexed {
                    slots.insert(id, mentions.len());
                }
                mentions.push(ActorMention {
                    actor: id,
                    surfaces: Vec::new(),
                    mentions: 0,
                    first_paragraph: u32::MAX,
                    evidence: 0,
                    role: None,
                    minor: false,
                });
                mentions.len() - 1
            }
        };
        let m = &mut mentions[slot];
        let Some(i) = e else {
            m.first_paragraph = 0;
            continue;
        };
        let e = &mut entities[i];
        m.mentions += e.mentions;
        m.first_paragraph = m.first_paragraph.min(e.first_paragraph);
        m.evidence = m.evidence.max(e.evidence);
        if m.role.is_none() {
            m.role = if shared {
                e.role.clone()
            } else {
                e.role.take()
            };
        }
        let surfaces = if shared {
            e.surfaces.clone()
        } else {
            std::mem::take(&mut e.surfaces)
        };
        if m.surfaces.is_empty() {
            m.surfaces = surfaces;
        } else {
            for s in surfaces {
                if !m.surfaces.contains(&s) {
                    m.surfaces.push(s);
                }
            }
        }
    }
    mentions.sort_by_key(|m| (m.first_paragraph, std::cmp::Reverse(m.mentions)));
    mentions
}

/// The written form to show an actor by, if not the name it was created with: the most used
/// form (longer forms win ties: "Marco Rubio" over "Rubio"), when it has at least as many
/// words. A place takes the most used spelled-out form whatever its words ("United States"
/// over "U.S.", "Britain" over "UK", "Brussels" over a dateline's "BRUSSELS"). Between an
/// organisation's forms used as often, one without a country qualifier wins ("Interior
/// Department" over "U.S. Interior Department").
fn display_form<'f>(
    kind: ActorKind,
    forms: &'f FxHashMap<String, u32>,
    current: &str,
    qualifiers: &[String],
) -> Option<&'f String> {
    let unqualified = |f: &str| {
        kind != ActorKind::Organization
            || f.split_once(' ')
                .is_none_or(|(first, _)| !qualifiers.contains(&fold(first)))
    };
    let most_used = |spelled_out: bool| {
        forms
            .iter()
            .filter(|(f, _)| !spelled_out || !places::is_abbreviation(f))
            .max_by(|a, b| {
                a.1.cmp(b.1)
                    .then(unqualified(a.0).cmp(&unqualified(b.0)))
                    .then(a.0.len().cmp(&b.0.len()))
                    .then(b.0.cmp(a.0))
            })
            .map(|(f, _)| f)
    };
    if kind == ActorKind::Place
        && let Some(name) = most_used(true)
    {
        return Some(name);
    }
    most_used(false).filter(|f| f.split_whitespace().count() >= current.split_whitespace().count())
}

/// Display names, slugs, counts and confidence, once every item has been seen.
fn name_and_count(reg: &mut Registry, qualifiers: &[String]) {
    for (i, actor) in reg.actors.iter_mut().enumerate() {
        actor.count = reg.docs[i] as usize;
        if actor.profile.is_none() {
            if let Some(name) = display_form(actor.kind, &reg.forms[i], &actor.name, qualifiers) {
                actor.name = name.clone();
            }
            let mut others: Vec<&String> = reg.forms[i]
                .keys()
                .chain(reg.surfaces[i].iter())
                .filter(|f| **f != actor.name)
                .collect();
            others.sort();
            others.dedup();
            actor.aliases = others.into_iter().cloned().collect();
        }
        let ev = reg.evidence[i].min(4) as f32 / 4.0;
        let spread = (actor.count.min(4) as f32) / 4.0;
        actor.confidence = if actor.profile.is_some() {
            1.0
        } else {
            (0.7 * ev + 0.3 * spread).min(1.0)
        };
        actor
            .roles_seen
            .sort_by(|a, b| (a.date, &a.role).cmp(&(b.date, &b.role)));
        actor
            .quotes
            .sort_by(|a, b| (a.date, &a.text).cmp(&(b.date, &b.text)));
        if actor.role.is_none() {
            actor.role = actor.roles_seen.last().map(|r| r.role.clone());
        }
    }
    // Slugs: unique per URL folder (people, orgs, places, others); profiles keep theirs.
    let mut taken: FxHashMap<(ActorKind, String), ()> = FxHashMap::default();
    let mut order: Vec<usize> = (0..reg.actors.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&reg.actors[a], &reg.actors[b]);
        (x.profile.is_none(), std::cmp::Reverse(x.count), &x.name).cmp(&(
            y.profile.is_none(),
            std::cmp::Reverse(y.count),
            &y.name,
        ))
    });
    for i in order {
        let actor = &mut reg.actors[i];
        let slug = crate::text::unique_slug(
            &actor.slug,
            &actor.name,
            || format!("actor-{i}"),
            |s| taken.contains_key(&(actor.kind, s.to_string())),
        );
        taken.insert((actor.kind, slug.clone()), ());
        actor.slug = slug;
    }
}

/// An entity as the document pass gives it, for the rule tests of this folder: a full name
/// (a person's key or an organisation's key), mentioned once in the lede.
#[cfg(test)]
pub(crate) fn test_entity(name: &str, kind: ActorKind, evidence: u8) -> DocEntity {
    use crate::extract::people::{org_key, person_key};
    DocEntity {
        name: name.to_string(),
        key: if kind == ActorKind::Person {
            person_key(name)
        } else {
            org_key(name)
        },
        kind,
        surname_only: false,
        evidence,
        role: None,
        surfaces: vec![name.to_string()],
        mentions: 1,
        first_paragraph: 0,
        quotes: Vec::new(),
        profile: None,
    }
}
