//! The indices of the site graph, one function each, all read-only over the corpus and the
//! annotations: days, wiki-link targets, what notes cite and link, the items of every actor
//! and topic with who appears with whom, and every page's URL.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::{
    Day, Links, TALLIED_PER_ITEM, Target, add_actor, push_unique, topic_path_in, unresolved, urls,
};
use crate::content::{ActorKind, Corpus};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::extract::people::fold;
use crate::extract::{ActorId, ActorMention, Annotations, ItemRef, TopicId};

/// Days with at least one article or dated note, oldest first, each day's articles newest
/// first; and where each day is in that list.
pub(super) fn days(corpus: &Corpus) -> (Vec<Day>, FxHashMap<NaiveDate, usize>) {
    let mut by_day: BTreeMap<NaiveDate, Day> = BTreeMap::new();
    for (i, a) in corpus.articles.iter().enumerate() {
        by_day
            .entry(a.date)
            .or_insert_with(|| Day {
                date: a.date,
                ..Day::default()
            })
            .articles
            .push(i as u32);
    }
    for (i, n) in corpus.notes.iter().enumerate() {
        if let Some(d) = n.date {
            by_day
                .entry(d)
                .or_insert_with(|| Day {
                    date: d,
                    ..Day::default()
                })
                .notes
                .push(i as u32);
        }
    }
    let mut days: Vec<Day> = by_day.into_values().collect();
    days.par_iter_mut().for_each(|day| {
        day.articles.sort_by(|&a, &b| {
            let (x, y) = (&corpus.articles[a as usize], &corpus.articles[b as usize]);
            (y.published, &x.title, &x.id).cmp(&(x.published, &y.title, &y.id))
        });
    });
    let day_index = days.iter().enumerate().map(|(i, d)| (d.date, i)).collect();

    (days, day_index)
}

/// What a `[[wiki link]]` to a folded name, alias, slug or title reaches (actors first, then
/// topics, notes and articles); and articles by folded file name and slug, for citations.
pub(super) fn link_targets(
    corpus: &Corpus,
    annotations: &Annotations,
) -> (FxHashMap<String, Target>, FxHashMap<String, u32>) {
    // Wiki-link targets: actors first, then topics, notes and articles.
    let mut link_targets: FxHashMap<String, Target> = FxHashMap::default();
    for (i, a) in annotations.actors.iter().enumerate() {
        for key in std::iter::once(&a.name)
            .chain(&a.aliases)
            .chain(std::iter::once(&a.slug))
        {
            link_targets
                .entry(fold(key))
                .or_insert(Target::Actor(i as ActorId));
        }
    }
    for (i, t) in annotations.topics.iter().enumerate() {
        for key in [&t.name, &t.slug] {
            link_targets
                .entry(fold(key))
                .or_insert(Target::Topic(i as TopicId));
        }
    }
    for (i, n) in corpus.notes.iter().enumerate() {
        for key in [&n.title, &n.slug, &n.id] {
            link_targets
                .entry(fold(key))
                .or_insert(Target::Note(i as u32));
        }
    }
    // Articles' keys are folded in parallel (three per article) and inserted in order, so
    // the first claim on a key still wins.
    let folded: Vec<[String; 3]> = corpus
        .articles
        .par_iter()
        .map(|a| [fold(&a.id), fold(&a.slug), fold(&a.title)])
        .collect();
    // Notes cite articles by file name or slug; without notes nothing looks this up.
    let article_keys: FxHashMap<String, u32> = if corpus.notes.is_empty() {
        FxHashMap::default()
    } else {
        folded
            .iter()
            .enumerate()
            .flat_map(|(i, [id, slug, _])| [(id.clone(), i as u32), (slug.clone(), i as u32)])
            .collect()
    };
    link_targets.reserve(folded.len() * 3);
    for (i, keys) in folded.into_iter().enumerate() {
        for key in keys {
            link_targets.entry(key).or_insert(Target::Article(i as u32));
        }
    }

    (link_targets, article_keys)
}

/// What notes cite and link to, and the actors and topics their wiki links add to theirs.
pub(super) struct NoteLinks {
    pub note_actors: Vec<Vec<ActorMention>>,
    pub note_topics: Vec<Vec<TopicId>>,
    pub article_cited_by: Vec<Vec<u32>>,
    pub note_backlinks: Vec<Vec<u32>>,
    pub note_cites: Vec<Vec<u32>>,
}

/// Follows every note's citations and wiki links; links that reach nothing are warnings.
pub(super) fn note_links(
    corpus: &Corpus,
    annotations: &Annotations,
    link_targets: &FxHashMap<String, Target>,
    article_keys: &FxHashMap<String, u32>,
    diags: &mut Diagnostics,
) -> NoteLinks {
    // Notes: citations, wiki links and the actors/topics they reach.
    let mut note_actors = annotations.note_actors.clone();
    let mut note_topics = annotations.note_topics.clone();
    let mut article_cited_by = vec![Vec::new(); corpus.articles.len()];
    let mut note_backlinks = vec![Vec::new(); corpus.notes.len()];
    let mut note_cites = vec![Vec::new(); corpus.notes.len()];
    for (ni, note) in corpus.notes.iter().enumerate() {
        for cited in &note.articles {
            match article_keys.get(&fold(cited)) {
                Some(&ai) => push_unique(&mut note_cites[ni], ai),
                None => diags.push(Diagnostic::warning(
                    &note.path,
                    Some(note.articles_line),
                    format!(
                        "cited article `{cited}` not found (use the article's file name or slug)"
                    ),
                )),
            }
        }
        for link in &note.body.wiki_links {
            match link_targets.get(&fold(&link.target)) {
                Some(Target::Article(ai)) => push_unique(&mut note_cites[ni], *ai),
                Some(Target::Note(other)) if *other as usize != ni => {
                    push_unique(&mut note_backlinks[*other as usize], ni as u32)
                }
                Some(Target::Actor(id)) => add_actor(&mut note_actors[ni], *id),
                Some(Target::Topic(id)) => push_unique(&mut note_topics[ni], *id),
                Some(_) => {}
                None => diags.push(unresolved(&note.path, link.line, &link.target)),
            }
        }
        for &ai in &note_cites[ni] {
            push_unique(&mut article_cited_by[ai as usize], ni as u32);
        }
    }
    NoteLinks {
        note_actors,
        note_topics,
        article_cited_by,
        note_backlinks,
        note_cites,
    }
}

/// Warns about wiki links in articles and profiles that reach nothing.
pub(super) fn report_unresolved(
    corpus: &Corpus,
    link_targets: &FxHashMap<String, Target>,
    diags: &mut Diagnostics,
) {
    for article in &corpus.articles {
        if let crate::content::Body::Markdown(md) = &article.body {
            for link in &md.wiki_links {
                if !link_targets.contains_key(&fold(&link.target)) {
                    diags.push(unresolved(&article.path, link.line, &link.target));
                }
            }
        }
    }
    for p in corpus
        .actor_profiles
        .iter()
        .map(|p| (&p.path, &p.bio))
        .chain(
            corpus
                .topic_profiles
                .iter()
                .map(|t| (&t.path, &t.description)),
        )
    {
        for link in &p.1.wiki_links {
            if !link_targets.contains_key(&fold(&link.target)) {
                diags.push(unresolved(p.0, link.line, &link.target));
            }
        }
    }
}

/// The items of every actor and topic, newest first, and what appears together.
pub(super) struct ItemIndex {
    pub article_days: Vec<i32>,
    pub actor_items: Vec<Vec<ItemRef>>,
    pub topic_items: Vec<Vec<ItemRef>>,
    pub co_actors: Vec<Vec<(ActorId, u32)>>,
    pub actor_topics: Vec<Vec<(TopicId, u32)>>,
    pub actor_counts: Vec<usize>,
    pub topic_counts: Vec<usize>,
}

/// Indexes every item under its actors and topics (notes with what their links add).
pub(super) fn item_index(
    corpus: &Corpus,
    annotations: &Annotations,
    note_actors: &[Vec<ActorMention>],
    note_topics: &[Vec<TopicId>],
) -> ItemIndex {
    // Actor and topic indices, newest first.
    let article_days: Vec<i32> = corpus
        .articles
        .iter()
        .map(|a| a.date.num_days_from_ce())
        .collect();
    let date_of = |r: &ItemRef| match *r {
        ItemRef::Article(i) => Some(article_days[i as usize]),
        ItemRef::Note(i) => corpus.notes[i as usize].date.map(|d| d.num_days_from_ce()),
    };
    let mut actor_items = vec![Vec::new(); annotations.actors.len()];
    let mut topic_items = vec![Vec::new(); annotations.topics.len()];
    let items = annotations
        .article_actors
        .iter()
        .zip(&annotations.article_topics)
        .enumerate()
        .map(|(i, (a, t))| (ItemRef::Article(i as u32), a, t))
        .chain(
            note_actors
                .iter()
                .zip(note_topics)
                .enumerate()
                .map(|(i, (a, t))| (ItemRef::Note(i as u32), a, t)),
        );
    let mut co: Vec<FxHashMap<ActorId, u32>> = vec![FxHashMap::default(); annotations.actors.len()];
    let mut at: Vec<FxHashMap<TopicId, u32>> = vec![FxHashMap::default(); annotations.actors.len()];
    for (r, actors, topics) in items {
        // Pairs are counted among the first TALLIED_PER_ITEM main actors and topics only:
        // one item's work stays in proportion to its lists.
        let about: Vec<ActorId> = actors
            .iter()
            .filter(|m| !m.minor)
            .take(TALLIED_PER_ITEM)
            .map(|m| m.actor)
            .collect();
        let main_topics = &topics[..topics.len().min(TALLIED_PER_ITEM)];
        for m in actors {
            actor_items[m.actor as usize].push(r);
            if m.minor {
                continue;
            }
            for &t in main_topics {
                *at[m.actor as usize].entry(t).or_insert(0) += 1;
            }
        }
        for &a in &about {
            for &other in &about {
                // People and organisations the item is about, not the places it names or
                // people named in passing.
                if other != a && annotations.actors[other as usize].kind != ActorKind::Place {
                    *co[a as usize].entry(other).or_insert(0) += 1;
                }
            }
        }
        for &t in topics {
            topic_items[t as usize].push(r);
        }
    }
    let newest_first = |list: &mut Vec<ItemRef>| {
        list.sort_by(|a, b| date_of(b).cmp(&date_of(a)).then(a.cmp(b)));
    };
    actor_items.par_iter_mut().for_each(newest_first);
    topic_items.par_iter_mut().for_each(newest_first);
    let ranked = |m: FxHashMap<u32, u32>| {
        let mut v: Vec<(u32, u32)> = m.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    };
    let co_actors = co.into_iter().map(ranked).collect();
    let actor_topics = at.into_iter().map(ranked).collect();
    let actor_counts = actor_items.iter().map(Vec::len).collect();
    let topic_counts = topic_items.iter().map(Vec::len).collect();

    ItemIndex {
        article_days,
        actor_items,
        topic_items,
        co_actors,
        actor_topics,
        actor_counts,
        topic_counts,
    }
}

/// Every item's and entity's URL, with the base path.
pub(super) fn links(base: &str, corpus: &Corpus, annotations: &Annotations) -> Links {
    Links {
        article: corpus
            .articles
            .par_iter()
            .map(|a| format!("{base}{}", urls::article(a.date, &a.slug)))
            .collect(),
        note: corpus
            .notes
            .iter()
            .map(|n| format!("{base}{}", urls::note(&n.slug)))
            .collect(),
        actor: annotations
            .actors
            .iter()
            .map(|a| format!("{base}{}", urls::actor(a.kind, &a.slug)))
            .collect(),
        topic: annotations
            .topics
            .iter()
            .enumerate()
            .map(|(i, _)| format!("{base}{}", topic_path_in(&annotations.topics, i as TopicId)))
            .collect(),
    }
}
