//! Sections: every article under one main section of the 17 top-level IPTC Media Topics, with
//! up to two secondary ones, and sub-sections inside large sections.
//!
//! No model is downloaded. Three kinds of evidence add up:
//! 1. **The item's own words**: every cue of the section lexicon (`src/lang/en/section_*.txt`)
//!    in the title (weight 3), the lede (2) and the next paragraphs (1) adds its weights to
//!    its sections. The item's evidence is then made a distribution, so a long article and a
//!    headline vote equally below.
//! 2. **Its story**: the other items of its running story vote with the mean of their
//!    distributions. One headline says little ("Sprint wants T-Mobile"); thirty about the
//!    same event say which desk covers it.
//! 3. **Its actors**: each actor the item is about (places aside: a city is in every section)
//!    votes with the distribution of the actor's other items. A central bank governor's items
//!    are business; a striker's are sport.
//!
//! The main section is the best enabled one; a secondary section needs half the main one's
//! score and a quarter of the item's own evidence. An item with no evidence at all gets the
//! collection's commonest section.
//!
//! Sub-sections ("Oil", "Earnings" in Business) come from `subsections.txt`: only in a section
//! with at least [`SUBSECTIONS_FROM`] articles, an article joins the sub-section its words
//! point to most (at least [`MIN_SUBSECTION_SCORE`]), and a sub-section needs
//! [`MIN_SUBSECTION_ITEMS`] articles, and its section two such sub-sections, to appear.
//! Names and slugs are fixed, so URLs do not move from one build to the next.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::TopicInput;
use crate::config::{SectionSetting, section_index};
use crate::content::ActorKind;
use crate::extract::{Actor, Topic, TopicId, TopicKind};
use crate::lang::{Lexicon, SectionLexicon, sections::Cue};

/// A section splits into sub-sections from this many articles.
pub const SUBSECTIONS_FROM: usize = 40;
/// An article's words must point to a sub-section this strongly: a title word (3), or two
/// mentions in the text.
pub const MIN_SUBSECTION_SCORE: f32 = 2.0;
/// A sub-section is shown with at least this many articles.
pub const MIN_SUBSECTION_ITEMS: usize = 5;
/// How much the story's other items weigh against the item's own words.
const STORY_VOTE: f32 = 3.0;
/// How much the item's actors weigh.
const ACTOR_VOTE: f32 = 0.5;
/// Paragraphs of an item read after the title.
const PARAGRAPHS_READ: usize = 8;

/// The sections as a site configures them.
pub struct SectionSettings {
    pub enabled: Vec<bool>,
    /// Display name per section.
    pub names: Vec<String>,
    /// The site's own keywords.
    pub extra: FxHashMap<String, Cue>,
}

impl SectionSettings {
    pub fn new(settings: &std::collections::BTreeMap<String, SectionSetting>) -> SectionSettings {
        let lex = Lexicon::get().sections();
        let mut enabled = vec![true; lex.sections.len()];
        let mut names: Vec<String> = lex.sections.iter().map(|s| s.name.to_string()).collect();
        let mut extra: FxHashMap<String, Cue> = FxHashMap::default();
        for (key, setting) in settings {
            let Some(i) = section_index(key) else {
                continue;
            };
            enabled[i] = setting.enabled();
            if let SectionSetting::Settings(s) = setting {
                if let Some(n) = &s.name {
                    names[i] = n.trim().to_string();
                }
                for k in &s.keywords {
                    let k = crate::lang::sections::normalise(k);
                    if !k.is_empty() {
                        extra.entry(k).or_default().sections.push((i as u8, 1.0));
                    }
                }
            }
        }
        SectionSettings {
            enabled,
            names,
            extra,
        }
    }
}

/// Sections of one item: main first, then secondary.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemSections {
    pub sections: Vec<usize>,
    /// Index into [`SectionLexicon::subsections`].
    pub subsection: Option<usize>,
}

/// Assigns sections to `articles` (indices into `items`), in their order; `story_of` gives
/// each item's running story, an index into `stories`.
pub fn assign(
    items: &[TopicInput<'_>],
    articles: &[usize],
    story_of: &[Option<usize>],
    stories: &[Vec<usize>],
    actors: &[Actor],
    settings: &SectionSettings,
) -> Vec<ItemSections> {
    let lex = Lexicon::get().sections();
    let n = lex.sections.len();
    let evidence: Vec<(Vec<f32>, FxHashMap<u16, f32>)> = articles
        .par_iter()
        .map(|&i| own_evidence(lex, &items[i], actors, settings))
        .collect();
    let mut own: FxHashMap<usize, Vec<f32>> = FxHashMap::default();
    for (&i, (e, _)) in articles.iter().zip(&evidence) {
        own.insert(i, distribution(e));
    }
    let zero = vec![0.0; n];
    let own_of = |i: usize| own.get(&i).unwrap_or(&zero);

    // Actor profiles: the sum of the distributions of the items each actor is about.
    let mut profile: FxHashMap<u32, Vec<f32>> = FxHashMap::default();
    for &i in articles {
        for m in about(&items[i], actors) {
            add(
                profile.entry(m).or_insert_with(|| vec![0.0; n]),
                own_of(i),
                1.0,
            );
        }
    }
    let mut prior = vec![0.0; n];
    for &i in articles {
        add(&mut prior, own_of(i), 1.0);
    }

    // Per story: the sum of its articles' own distributions and their number, so that each
    // article's "the rest of its story" is the story's total less its own. Averaging the others
    // article by article was quadratic in a story's size (11 s of a 100,000-article build).
    let story_totals: Vec<(Vec<f64>, usize)> = stories
        .par_iter()
        .map(|members| {
            let mut sum = vec![0.0f64; n];
            let mut count = 0;
            for o in members.iter().filter_map(|j| own.get(j)) {
                for (s, x) in sum.iter_mut().zip(o) {
                    *s += f64::from(*x);
                }
                count += 1;
            }
            (sum, count)
        })
        .collect();

    let mut out: Vec<ItemSections> = Vec::with_capacity(articles.len());
    for (k, &i) in articles.iter().enumerate() {
        let mine = own_of(i);
        let mut score = mine.clone();
        if let Some(s) = story_of[i] {
            // The article is one of its story's, and has its own distribution (`own` holds
            // every article's).
            let (sum, count) = &story_totals[s];
            let others = count.saturating_sub(1);
            if others > 0 {
                let mean: Vec<f32> = sum
                    .iter()
                    .zip(mine)
                    .map(|(t, m)| ((t - f64::from(*m)) / others as f64) as f32)
                    .collect();
                add(&mut score, &mean, STORY_VOTE);
            }
        }
        let mut votes = vec![0.0; n];
        let mut voters = 0;
        for a in about(&items[i], actors) {
            let mut p = profile[&a].clone();
            add(&mut p, mine, -1.0);
            let p = distribution(&p);
            if p.iter().any(|&x| x > 0.0) {
                add(&mut votes, &p, 1.0);
                voters += 1;
            }
        }
        if voters > 0 {
            add(&mut score, &votes, ACTOR_VOTE / voters as f32);
        }
        let pick = |s: &[f32]| best(s, &settings.enabled);
        let main = pick(&score)
            .or_else(|| pick(&prior))
            .or_else(|| settings.enabled.iter().position(|&e| e))
            .unwrap_or(0);
        let mut sections = vec![main];
        let mut rest: Vec<usize> = (0..n)
            .filter(|&j| {
                j != main && settings.enabled[j] && score[j] >= 0.5 * score[main] && mine[j] >= 0.25
            })
            .collect();
        rest.sort_by(|&a, &b| score[b].total_cmp(&score[a]).then(a.cmp(&b)));
        sections.extend(rest.into_iter().take(2));
        let subsection = evidence[k]
            .1
            .iter()
            .filter(|(s, _)| lex.subsections[**s as usize].parent == main)
            .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))
            .filter(|(_, v)| **v >= MIN_SUBSECTION_SCORE)
            .map(|(&s, _)| s as usize);
        out.push(ItemSections {
            sections,
            subsection,
        });
    }
    keep_useful_subsections(lex, &mut out);
    out
}

/// Sub-sections only where they help a reader: in large sections, with enough items, and
/// at least two of them.
fn keep_useful_subsections(lex: &SectionLexicon, out: &mut [ItemSections]) {
    let mut per_section: FxHashMap<usize, usize> = FxHashMap::default();
    let mut per_sub: FxHashMap<usize, usize> = FxHashMap::default();
    for s in out.iter() {
        *per_section.entry(s.sections[0]).or_default() += 1;
        if let Some(sub) = s.subsection {
            *per_sub.entry(sub).or_default() += 1;
        }
    }
    let kept_subs = |section: usize| {
        per_sub
            .iter()
            .filter(|(s, c)| lex.subsections[**s].parent == section && **c >= MIN_SUBSECTION_ITEMS)
            .count()
    };
    for s in out.iter_mut() {
        if let Some(sub) = s.subsection {
            let section = s.sections[0];
            let ok = per_section[&section] >= SUBSECTIONS_FROM
                && per_sub[&sub] >= MIN_SUBSECTION_ITEMS
                && kept_subs(section) >= 2;
            if !ok {
                s.subsection = None;
            }
        }
    }
}

/// The section topics, then the sub-section topics, numbered from `first`: every one the
/// lexicon has; those no article ends up in are dropped with the other unused topics.
pub fn topics(settings: &SectionSettings, first: usize) -> Vec<Topic> {
    let lex = Lexicon::get().sections();
    let sections = lex.sections.iter().enumerate().map(|(i, def)| Topic {
        name: settings.names[i].clone(),
        slug: def.slug.to_string(),
        kind: TopicKind::Section,
        profile: None,
        terms: Vec::new(),
        count: 0,
        iptc: Some(def.iptc()),
        parent: None,
    });
    let subsections = lex.subsections.iter().map(|sub| Topic {
        name: sub.name.to_string(),
        slug: sub.slug.to_string(),
        kind: TopicKind::Subsection,
        profile: None,
        terms: Vec::new(),
        count: 0,
        iptc: Some(lex.sections[sub.parent].iptc()),
        parent: Some((first + sub.parent) as TopicId),
    });
    sections.chain(subsections).collect()
}

/// The actors an item is about, for voting: not minor, not places.
fn about<'a>(item: &'a TopicInput<'_>, actors: &'a [Actor]) -> impl Iterator<Item = u32> + 'a {
    item.actors
        .iter()
        .filter(|m| !m.minor && actors[m.actor as usize].kind != ActorKind::Place)
        .map(|m| m.actor)
}

/// The section and sub-section evidence of an item's own words.
fn own_evidence(
    lex: &SectionLexicon,
    item: &TopicInput<'_>,
    actors: &[Actor],
    settings: &SectionSettings,
) -> (Vec<f32>, FxHashMap<u16, f32>) {
    let mut sections = vec![0.0f32; lex.sections.len()];
    let mut subs: FxHashMap<u16, f32> = FxHashMap::default();
    // People's names are not topic words: "Khan" is an inn to WordNet, "Gross" an amount.
    let names: Vec<&str> = item
        .actors
        .iter()
        .filter(|m| actors[m.actor as usize].kind == ActorKind::Person)
        .flat_map(|m| m.surfaces.iter().map(String::as_str))
        .filter(|s| !s.is_empty())
        .collect();
    // Each name is searched for in up to ten paragraphs: its searcher is built once.
    let finders: Vec<memchr::memmem::Finder<'_>> =
        names.iter().map(memchr::memmem::Finder::new).collect();
    let (mut masked, mut spare) = (String::new(), String::new());
    let mut read = |text: &str, weight: f32| {
        // Every name replaced by a space, one name after the other (`str::replace` in turn);
        // from the first name the text has, as the ones before it change nothing.
        let text = match finders
            .iter()
            .position(|f| f.find(text.as_bytes()).is_some())
        {
            None => text,
            Some(k) => {
                masked.clear();
                masked.push_str(text);
                for f in &finders[k..] {
                    if f.find(masked.as_bytes()).is_some() {
                        mask(&masked, f, &mut spare);
                        std::mem::swap(&mut masked, &mut spare);
                    }
                }
                masked.as_str()
            }
        };
        lex.scan(text, &settings.extra, |cue| {
            for &(s, w) in &cue.sections {
                sections[s as usize] += w * weight;
            }
            for &s in &cue.subsections {
                *subs.entry(s).or_default() += weight;
            }
        });
    };
    read(item.title, 3.0);
    let mut paragraphs = item.paragraphs.iter();
    // A plain-text article's title may be the start of its first paragraph: count the words
    // after it, not the title twice.
    if let Some(first) = paragraphs.next() {
        read(first.strip_prefix(item.title).unwrap_or(first), 2.0);
    }
    for p in paragraphs.take(PARAGRAPHS_READ) {
        read(p, 1.0);
    }
    (sections, subs)
}

/// `text` with every match of `name` replaced by a space, into `out`: `str::replace`, with a
/// searcher built once.
fn mask(text: &str, name: &memchr::memmem::Finder<'_>, out: &mut String) {
    out.clear();
    let mut last = 0;
    // Matches are reported left to right without overlaps, as `str::replace` makes them, and
    // fall on character boundaries (both sides are UTF-8).
    for at in name.find_iter(text.as_bytes()) {
        out.push_str(&text[last..at]);
        out.push(' ');
        last = at + name.needle().len();
    }
    out.push_str(&text[last..]);
}

fn distribution(v: &[f32]) -> Vec<f32> {
    let sum: f32 = v.iter().map(|x| x.max(0.0)).sum();
    if sum <= 0.0 {
        return vec![0.0; v.len()];
    }
    v.iter().map(|x| x.max(0.0) / sum).collect()
}

fn add(to: &mut [f32], v: &[f32], k: f32) {
    for (a, b) in to.iter_mut().zip(v) {
        *a += b * k;
    }
}

/// The highest-scoring enabled section, the lower code on a tie; none without evidence.
fn best(score: &[f32], enabled: &[bool]) -> Option<usize> {
    (0..score.len())
        .filter(|&j| enabled[j] && score[j] > 0.0)
        .max_by(|&a, &b| score[a].total_cmp(&score[b]).then(b.cmp(&a)))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn mask_is_str_replace(text in "[ab é.]{0,24}", name in "[ab é]{1,3}") {
            let mut out = String::new();
            mask(&text, &memchr::memmem::Finder::new(&name), &mut out);
            proptest::prop_assert_eq!(out, text.replace(&name, " "));
        }
    }
}
