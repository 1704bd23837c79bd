//! Which actors an item is *about*, as opposed to named in passing, and known names found in
//! text written in capitals (wire headlines, shouted paragraphs).
//!
//! An actor is what an item is about when it is in the headline or the lede, when the editor
//! declared it, when it has a profile, or when it is a recurring actor of the collection (in
//! at least [`RECURRING`] items). An actor named only further down, in an item of a large
//! collection where it never recurs, is an *incidental* mention: still linked in the body and
//! listed on its own page, but not counted among the item's actors. So is a spokesperson or
//! an analyst quoted on someone else's story, unless the headline names them.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::people::{fold, is_commentator_role, person_key, surname_of};
use super::{Actor, ActorId, ActorMention};
use crate::config::PassingMentions;
use crate::content::ActorKind;

/// An actor in at least this many items is a recurring actor of the collection.
pub const RECURRING: usize = 3;
/// Below this many items nobody recurs yet, so `auto` keeps every actor.
pub const MIN_ITEMS_FOR_RECURRENCE: usize = 1000;

/// The parts of an item salience looks at.
pub struct ItemView<'a> {
    pub title: &'a str,
    /// Paragraphs as given to the document pass (the title first when it is separate).
    pub paragraphs: Vec<&'a str>,
    /// Index of the lede paragraph in `paragraphs`.
    pub lede: u32,
    /// The item's actors come from front matter.
    pub declared: bool,
}

fn is_capitals(p: &str) -> bool {
    p.chars().any(char::is_alphabetic) && !p.chars().any(char::is_lowercase)
}

/// Adds known people and profiles named in paragraphs written in capitals, which the
/// document pass cannot read ("NIGERIAN OIL MINISTER RILWANU LUKMAN SAID TODAY ...").
pub fn recognise_in_capitals(
    actors: &[Actor],
    items: &[ItemView<'_>],
    mentions: &mut [Vec<ActorMention>],
) {
    let mut index: FxHashMap<String, Vec<(Vec<String>, ActorId)>> = FxHashMap::default();
    for (id, a) in actors.iter().enumerate() {
        // Only names the collection is sure of: a profile, or a person known by a given name
        // and seen in several items. Capitals hide the cues that would catch a wrong guess.
        let lex = crate::lang::Lexicon::get();
        let given = a
            .name
            .split_whitespace()
            .next()
            .is_some_and(|w| lex.is_given_name(w));
        let known = a.profile.is_some()
            || (a.kind == ActorKind::Person && a.count >= 2 && given && a.confidence >= 0.7);
        if !known {
            continue;
        }
        let names =
            std::iter::once(&a.name).chain(a.aliases.iter().filter(|_| a.profile.is_some()));
        for name in names {
            let words: Vec<String> = fold(name).split(' ').map(str::to_string).collect();
            if words.len() >= 2 {
                index
                    .entry(words[0].clone())
                    .or_default()
                    .push((words, id as ActorId));
            }
        }
    }
    if index.is_empty() {
        return;
    }
    items
        .par_iter()
        .zip(mentions.par_iter_mut())
        .for_each(|(item, found)| {
            // A long list (front matter may declare thousands) is indexed by actor, built the
            // first time a name is found, so each match costs a lookup, not a scan.
            let mut slots: Option<FxHashMap<ActorId, usize>> = None;
            for (pi, p) in item.paragraphs.iter().enumerate() {
                if !is_capitals(p) {
                    continue;
                }
                let folded = fold(p);
                let words: Vec<&str> = folded.split(' ').collect();
                for i in 0..words.len() {
                    let Some(candidates) = index.get(words[i]) else {
                        continue;
                    };
                    for (seq, id) in candidates {
                        if words[i..]
                            .starts_with(&seq.iter().map(String::as_str).collect::<Vec<_>>())
                        {
                            let slot = if found.len() > 32 || slots.is_some() {
                                let slots = slots.get_or_insert_with(|| {
                                    let mut map = FxHashMap::default();
                                    for (i, m) in found.iter().enumerate() {
                                        map.entry(m.actor).or_insert(i);
                                    }
                                    map
                                });
                                let slot = slots.get(id).copied();
                                if slot.is_none() {
                                    slots.insert(*id, found.len());
                                }
                                slot
                            } else {
                                found.iter().position(|m| m.actor == *id)
                            };
                            match slot {
                                Some(i) => {
                                    let m = &mut found[i];
                                    m.mentions += 1;
                                    m.first_paragraph = m.first_paragraph.min(pi as u32);
                                }
                                None => found.push(ActorMention {
                                    actor: *id,
                                    surfaces: Vec::new(),
                                    mentions: 1,
                                    first_paragraph: pi as u32,
                                    evidence: 2,
                                    role: None,
                                    minor: false,
                                }),
                            }
                        }
                    }
                }
            }
        });
}

/// The words of a headline, folded, for "is this actor in the headline?".
fn headline_words(title: &str) -> FxHashSet<String> {
    fold(title).split(' ').map(str::to_string).collect()
}

fn in_headline(actor: &Actor, words: &FxHashSet<String>) -> bool {
    match actor.kind {
        ActorKind::Person => words.contains(surname_of(&person_key(&actor.name))),
        _ => fold(&actor.name).split(' ').all(|w| words.contains(w)),
    }
}

/// Marks incidental mentions (see the module documentation) and recounts items per actor.
pub fn mark_incidental(
    actors: &mut [Actor],
    items: &[ItemView<'_>],
    mentions: &mut [Vec<ActorMention>],
    mode: PassingMentions,
) {
    let mut counts = vec![0usize; actors.len()];
    for list in mentions.iter() {
        for m in list {
            counts[m.actor as usize] += 1;
        }
    }
    for (a, c) in actors.iter_mut().zip(&counts) {
        a.count = *c;
    }
    let active = match mode {
        PassingMentions::Never => false,
        PassingMentions::Always => true,
        PassingMentions::Auto => items.len() >= MIN_ITEMS_FOR_RECURRENCE,
    };
    if !active {
        return;
    }
    let actors = &*actors;
    // Each item on its own: in parallel (a fifth of a second at 100,000 articles otherwise).
    items
        .par_iter()
        .zip(mentions.par_iter_mut())
        .for_each(|(item, list)| {
            if item.declared {
                return;
            }
            let headline = headline_words(item.title);
            for m in list.iter_mut() {
                let a = &actors[m.actor as usize];
                let headline = in_headline(a, &headline);
                // Spokespeople and analysts comment on the news; they are rarely its subject.
                let commentator = m.role.as_deref().is_some_and(is_commentator_role);
                let salient = a.profile.is_some()
                    || headline
                    || (!commentator && (m.first_paragraph <= item.lede || a.count >= RECURRING));
                m.minor = !salient;
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(name: &str, kind: ActorKind, count: usize) -> Actor {
        Actor {
            name: name.into(),
            slug: crate::text::slugify(name),
            kind,
            aliases: vec![],
            role: None,
            profile: None,
            roles_seen: vec![],
            quotes: vec![],
            confidence: 1.0,
            count,
        }
    }

    fn mention(actor: ActorId, first_paragraph: u32) -> ActorMention {
        ActorMention {
            actor,
            surfaces: vec![],
            mentions: 1,
            first_paragraph,
            evidence: 3,
            role: None,
            minor: false,
        }
    }

    #[test]
    fn capitals_name_known_people() {
        let actors = vec![actor("Peter Okonkwo", ActorKind::Person, 3)];
        let items = vec![ItemView {
            title: "NIGERIA KEEPS SUBSIDY",
            paragraphs: vec!["NIGERIAN OIL MINISTER PETER OKONKWO SAID TODAY PRICES WOULD STAY."],
            lede: 0,
            declared: false,
        }];
        let mut mentions = vec![vec![]];
        recognise_in_capitals(&actors, &items, &mut mentions);
        assert_eq!(mentions[0].len(), 1);
        assert_eq!(mentions[0][0].actor, 0);
    }

    #[test]
    fn passing_mentions_in_large_collections() {
        let mut actors = vec![
            actor("Marco Rubio", ActorKind::Person, 0),
            actor("Fred Analyst", ActorKind::Person, 0),
        ];
        let items: Vec<ItemView<'_>> = (0..MIN_ITEMS_FOR_RECURRENCE)
            .map(|_| ItemView {
                title: "Rubio warns Moscow",
                paragraphs: vec![],
                lede: 0,
                declared: false,
            })
            .collect();
        let mut mentions: Vec<Vec<ActorMention>> = vec![vec![]; items.len()];
        mentions[0] = vec![mention(0, 4), mention(1, 5)];
        mark_incidental(&mut actors, &items, &mut mentions, PassingMentions::Auto);
        assert!(!mentions[0][0].minor, "in the headline");
        assert!(mentions[0][1].minor, "named once, deep, never again");
        // In a small collection everyone named counts.
        let mut small = vec![mentions[0].clone()];
        for m in &mut small[0] {
            m.minor = false;
        }
        mark_incidental(&mut actors, &items[..1], &mut small, PassingMentions::Auto);
        assert!(small[0].iter().all(|m| !m.minor));
    }
}
