//! `gazette inspect`: what extraction found, for people and for scripts.
//!
//! The JSON form is a stable interface (the evaluation scorer reads it):
//! `{"articles":[{"id","path","date","title","url","actors":[{"slug","name","kind"}],
//! "topics":[{"slug","name"}]}],"actors":[{"slug","name","kind","aliases","count"}],
//! "topics":[{"slug","name","count","kind","first_date","last_date"}]}`. New keys may be added; none are removed or renamed.

use std::fmt::Write as _;

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::content::ActorKind;
use crate::extract::people::{person_key, surname_of};
use crate::site::Site;

#[derive(Serialize)]
pub struct ActorRef<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub kind: &'static str,
    /// How often the item names the actor.
    pub mentions: u32,
    /// Paragraph of the first mention (0 = title or lede); absent when only front matter names it.
    pub first_paragraph: Option<u32>,
    /// How strongly the text shows this is an actor of this kind (0 weak .. 4 strong).
    pub evidence: u8,
    /// The role this item gives the actor, when it gives one.
    pub role: Option<&'a str>,
}

#[derive(Serialize)]
pub struct TopicRef<'a> {
    pub slug: &'a str,
    pub name: &'a str,
}

#[derive(Serialize)]
pub struct ArticleEntry<'a> {
    pub id: &'a str,
    pub path: String,
    pub date: String,
    pub title: &'a str,
    pub url: String,
    pub actors: Vec<ActorRef<'a>>,
    /// Actors named only in passing (see the README: "also mentioned").
    pub mentioned: Vec<ActorRef<'a>>,
    pub topics: Vec<TopicRef<'a>>,
}

#[derive(Serialize)]
pub struct NoteEntry<'a> {
    pub id: &'a str,
    pub path: String,
    pub date: Option<String>,
    pub title: &'a str,
    pub url: String,
    pub actors: Vec<ActorRef<'a>>,
    pub mentioned: Vec<ActorRef<'a>>,
    pub topics: Vec<TopicRef<'a>>,
}

#[derive(Serialize)]
pub struct ActorEntry<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub kind: &'static str,
    pub aliases: &'a [String],
    pub count: usize,
    pub role: Option<&'a str>,
    pub confidence: f32,
    pub profile: bool,
}

#[derive(Serialize)]
pub struct TopicEntry<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub count: usize,
    pub curated: bool,
    /// curated, theme or story.
    pub kind: &'static str,
    /// Dates of the topic's first and latest item.
    pub first_date: Option<chrono::NaiveDate>,
    pub last_date: Option<chrono::NaiveDate>,
}

#[derive(Serialize)]
pub struct Index<'a> {
    pub articles: Vec<ArticleEntry<'a>>,
    pub notes: Vec<NoteEntry<'a>>,
    pub actors: Vec<ActorEntry<'a>>,
    pub topics: Vec<TopicEntry<'a>>,
    /// Actors extraction is unsure of: worth a look, and a profile to fix.
    pub low_confidence: Vec<&'a str>,
    /// Groups of people who may be one person (same surname).
    pub possible_duplicates: Vec<Vec<&'a str>>,
}

fn actor_refs<'a>(
    site: &'a Site,
    mentions: &'a [crate::extract::ActorMention],
    minor: bool,
) -> Vec<ActorRef<'a>> {
    mentions
        .iter()
        .filter(|m| m.minor == minor)
        .map(|m| {
            let a = &site.ann.actors[m.actor as usize];
            ActorRef {
                slug: &a.slug,
                name: &a.name,
                kind: a.kind.as_str(),
                mentions: m.mentions,
                first_paragraph: (m.first_paragraph != u32::MAX).then_some(m.first_paragraph),
                evidence: m.evidence.min(4),
                role: m.role.as_deref(),
            }
        })
        .collect()
}

fn topic_refs<'a>(site: &'a Site, ids: &[u32]) -> Vec<TopicRef<'a>> {
    ids.iter()
        .map(|&t| {
            let t = &site.ann.topics[t as usize];
            TopicRef {
                slug: &t.slug,
                name: &t.name,
            }
        })
        .collect()
}

pub fn index(site: &Site) -> Index<'_> {
    let mut order: Vec<usize> = (0..site.corpus.articles.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&site.corpus.articles[a], &site.corpus.articles[b]);
        (x.date, &x.id).cmp(&(y.date, &y.id))
    });
    let articles = order
        .into_iter()
        .map(|i| {
            let a = &site.corpus.articles[i];
            ArticleEntry {
                id: &a.id,
                path: a.path.to_string_lossy().into_owned(),
                date: a.date.to_string(),
                title: &a.title,
                url: site.url(&site.article_path(i as u32)),
                actors: actor_refs(site, &site.ann.article_actors[i], false),
                mentioned: actor_refs(site, &site.ann.article_actors[i], true),
                topics: topic_refs(site, &site.ann.article_topics[i]),
            }
        })
        .collect();
    let notes = site
        .corpus
        .notes
        .iter()
        .enumerate()
        .map(|(i, n)| NoteEntry {
            id: &n.id,
            path: n.path.to_string_lossy().into_owned(),
            date: n.date.map(|d| d.to_string()),
            title: &n.title,
            url: site.url(&site.note_path(i as u32)),
            actors: actor_refs(site, &site.ann.note_actors[i], false),
            mentioned: actor_refs(site, &site.ann.note_actors[i], true),
            topics: topic_refs(site, &site.ann.note_topics[i]),
        })
        .collect();
    let mut actor_ids: Vec<usize> = (0..site.ann.actors.len())
        .filter(|&i| site.ann.actors[i].count > 0)
        .collect();
    actor_ids.sort_by(|&a, &b| {
        let (x, y) = (&site.ann.actors[a], &site.ann.actors[b]);
        (x.kind, &x.slug).cmp(&(y.kind, &y.slug))
    });
    let actors = actor_ids
        .iter()
        .map(|&i| {
            let a = &site.ann.actors[i];
            ActorEntry {
                slug: &a.slug,
                name: &a.name,
                kind: a.kind.as_str(),
                aliases: &a.aliases,
                count: a.count,
                role: a.role.as_deref(),
                confidence: (a.confidence * 100.0).round() / 100.0,
                profile: a.profile.is_some(),
            }
        })
        .collect();
    let topics = site
        .ann
        .topics
        .iter()
        .enumerate()
        .filter(|(_, t)| t.count > 0)
        .map(|(i, t)| {
            let dates = site.topic_items[i]
                .iter()
                .filter_map(|&r| site.item_date(r));
            TopicEntry {
                slug: &t.slug,
                name: &t.name,
                count: t.count,
                curated: t.kind == crate::extract::TopicKind::Curated,
                kind: t.kind.as_str(),
                first_date: dates.clone().min(),
                last_date: dates.max(),
            }
        })
        .collect();
    let low_confidence = actor_ids
        .iter()
        .map(|&i| &site.ann.actors[i])
        .filter(|a| a.confidence < 0.5)
        .map(|a| a.name.as_str())
        .collect();
    let mut by_surname: FxHashMap<String, Vec<&str>> = FxHashMap::default();
    for &i in &actor_ids {
        let a = &site.ann.actors[i];
        if a.kind == ActorKind::Person {
            by_surname
                .entry(surname_of(&person_key(&a.name)).to_string())
                .or_default()
                .push(&a.name);
        }
    }
    let mut possible_duplicates: Vec<Vec<&str>> =
        by_surname.into_values().filter(|v| v.len() > 1).collect();
    for group in &mut possible_duplicates {
        group.sort();
    }
    possible_duplicates.sort();
    Index {
        articles,
        notes,
        actors,
        topics,
        low_confidence,
        possible_duplicates,
    }
}

/// The human-readable report.
pub fn text(site: &Site) -> String {
    let idx = index(site);
    let mut out = String::new();
    let count = |k: &str| idx.actors.iter().filter(|a| a.kind == k).count();
    let _ = writeln!(
        out,
        "{} articles, {} notes; {} people, {} organisations, {} places, {} other actors; {} topics",
        idx.articles.len(),
        idx.notes.len(),
        count("person"),
        count("organization"),
        count("place"),
        count("other"),
        idx.topics.len()
    );
    for a in &idx.articles {
        let _ = writeln!(out, "\n{}  {}  {}", a.date, a.id, a.title);
        let people: Vec<String> = a
            .actors
            .iter()
            .map(|x| format!("{} ({})", x.name, x.kind))
            .collect();
        let _ = writeln!(
            out,
            "    actors: {}",
            if people.is_empty() {
                "-".into()
            } else {
                people.join(", ")
            }
        );
        let topics: Vec<&str> = a.topics.iter().map(|t| t.name).collect();
        let _ = writeln!(out, "    topics: {}", topics.join(", "));
    }
    if !idx.low_confidence.is_empty() {
        let _ = writeln!(
            out,
            "\nLow-confidence actors (check them; a profile in content/actors/ settles it):"
        );
        for name in &idx.low_confidence {
            let _ = writeln!(out, "    {name}");
        }
    }
    if !idx.possible_duplicates.is_empty() {
        let _ = writeln!(
            out,
            "\nPossible duplicates (one person under several names? add aliases to a profile):"
        );
        for group in &idx.possible_duplicates {
            let _ = writeln!(out, "    {}", group.join(" / "));
        }
    }
    out
}
