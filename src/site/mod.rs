//! The graph stage: from the annotated corpus to a [`Site`]: indices by date, actor and topic,
//! co-occurrence, citations and backlinks, resolved wiki links, and the URL table that catches
//! two items claiming one URL. No HTML is made here.

pub mod related;
pub mod search;
pub mod urls;

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::config::Config;
use crate::content::{ActorKind, Corpus};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::extract::people::fold;
use crate::extract::{ActorId, Annotations, ItemRef, TopicId, TopicKind};

/// How many of an item's main actors (in its order, main ones first), and of its topics, the
/// tallies across items count: who appears with whom, an actor's topics, a topic's people.
/// Counting every pair of a list grows with its square (30,000 actors in one file are 900
/// million pairs), and past the first few dozen a list says little about who works with whom.
/// Real articles name fewer, so their tallies are exact.
pub const TALLIED_PER_ITEM: usize = 50;

/// Where a wiki link or a citation points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Actor(ActorId),
    Topic(TopicId),
    Article(u32),
    Note(u32),
}

#[derive(Debug, Clone, Default)]
pub struct Day {
    pub date: NaiveDate,
    pub articles: Vec<u32>,
    pub notes: Vec<u32>,
}

/// Everything the render stage needs, with no HTML in it.
pub struct Site {
    pub config: Config,
    /// The path part of `base_url`: `/` or `/briefing/`.
    pub base: String,
    pub corpus: Corpus,
    pub ann: Annotations,
    /// Days with at least one article or dated note, oldest first.
    pub days: Vec<Day>,
    pub day_index: FxHashMap<NaiveDate, usize>,
    /// Per actor: the items that mention it, newest first.
    pub actor_items: Vec<Vec<ItemRef>>,
    /// Per topic: its items, newest first.
    pub topic_items: Vec<Vec<ItemRef>>,
    /// Per actor: actors appearing in the same items, with counts, most frequent first.
    pub co_actors: Vec<Vec<(ActorId, u32)>>,
    /// Per actor: the topics of the items that mention it, with counts.
    pub actor_topics: Vec<Vec<(TopicId, u32)>>,
    /// Per article: notes that cite or link to it.
    pub article_cited_by: Vec<Vec<u32>>,
    /// Per note: notes that link to it.
    pub note_backlinks: Vec<Vec<u32>>,
    /// Per note: the articles it cites (front matter `articles` and wiki links).
    pub note_cites: Vec<Vec<u32>>,
    /// Folded names, aliases, slugs and titles -> what a `[[wiki link]]` to them reaches.
    pub link_targets: FxHashMap<String, Target>,
    /// The search index, built the first time it is needed.
    search: std::sync::OnceLock<search::SearchIndex>,
    /// Every item's and entity's URL, computed once rather than on every card.
    pub links: Links,
    /// Every day's labels, computed once: each card shows one.
    dates: FxHashMap<NaiveDate, DateLabel>,
    /// Each article's date as a day number, in one small array: sorting the item lists and
    /// ranking related articles read millions of dates, and reading them from the articles
    /// themselves missed the cache each time.
    pub article_days: Vec<i32>,
}

/// Page URLs (with the base path) by index.
#[derive(Debug, Default)]
pub struct Links {
    pub article: Vec<String>,
    pub note: Vec<String>,
    pub actor: Vec<String>,
    pub topic: Vec<String>,
}

/// A date in the forms pages show, with the URL of its day.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DateLabel {
    pub iso: String,
    /// "Friday 18 April 2025"
    pub long: String,
    /// "18 Apr 2025"
    pub short: String,
    pub url: String,
}

impl DateLabel {
    /// Written out by hand: chrono's format strings are parsed on every call.
    pub fn new(base: &str, d: NaiveDate) -> DateLabel {
        use chrono::Datelike;
        let (y, m, day) = (d.year(), d.month0() as usize, d.day());
        let lex = crate::lang::Lexicon::get();
        let month = lex.months()[m];
        DateLabel {
            iso: format!("{y:04}-{:02}-{day:02}", m + 1),
            long: format!(
                "{} {day} {month} {y}",
                lex.weekdays()[d.weekday().num_days_from_monday() as usize]
            ),
            short: format!("{day} {} {y}", &month[..3]),
            url: format!("{base}{}", urls::day(d)),
        }
    }
}

impl Site {
    /// Builds the graph; duplicate URLs are errors, unresolved links are warnings.
    pub fn build(config: Config, corpus: Corpus, mut ann: Annotations) -> (Site, Diagnostics) {
        let mut diags = Diagnostics::default();
        check_urls(&corpus, &mut diags);
        check_list_lengths(&corpus, &mut diags);

        // Days.
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

        // Wiki-link targets: actors first, then topics, notes and articles.
        let mut link_targets: FxHashMap<String, Target> = FxHashMap::default();
        for (i, a) in ann.actors.iter().enumerate() {
            for key in std::iter::once(&a.name)
                .chain(&a.aliases)
                .chain(std::iter::once(&a.slug))
            {
                link_targets
                    .entry(fold(key))
                    .or_insert(Target::Actor(i as ActorId));
            }
        }
        for (i, t) in ann.topics.iter().enumerate() {
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

        // Notes: citations, wiki links and the actors/topics they reach.
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
                        format!("cited article `{cited}` not found (use the article's file name or slug)"),
                    )),
                }
            }
            for link in &note.body.wiki_links {
                match link_targets.get(&fold(&link.target)) {
                    Some(Target::Article(ai)) => push_unique(&mut note_cites[ni], *ai),
                    Some(Target::Note(other)) if *other as usize != ni => {
                        push_unique(&mut note_backlinks[*other as usize], ni as u32)
                    }
                    Some(Target::Actor(id)) => add_actor(&mut ann.note_actors[ni], *id),
                    Some(Target::Topic(id)) => push_unique(&mut ann.note_topics[ni], *id),
                    Some(_) => {}
                    None => diags.push(unresolved(&note.path, link.line, &link.target)),
                }
            }
            for &ai in &note_cites[ni] {
                push_unique(&mut article_cited_by[ai as usize], ni as u32);
            }
        }
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
        let mut actor_items = vec![Vec::new(); ann.actors.len()];
        let mut topic_items = vec![Vec::new(); ann.topics.len()];
        let items = ann
            .article_actors
            .iter()
            .zip(&ann.article_topics)
            .enumerate()
            .map(|(i, (a, t))| (ItemRef::Article(i as u32), a, t))
            .chain(
                ann.note_actors
                    .iter()
                    .zip(&ann.note_topics)
                    .enumerate()
                    .map(|(i, (a, t))| (ItemRef::Note(i as u32), a, t)),
            );
        let mut co: Vec<FxHashMap<ActorId, u32>> = vec![FxHashMap::default(); ann.actors.len()];
        let mut at: Vec<FxHashMap<TopicId, u32>> = vec![FxHashMap::default(); ann.actors.len()];
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
                    if other != a && ann.actors[other as usize].kind != ActorKind::Place {
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
        for (i, a) in ann.actors.iter_mut().enumerate() {
            a.count = actor_items[i].len();
        }
        for (i, t) in ann.topics.iter_mut().enumerate() {
            t.count = topic_items[i].len();
        }

        diags.sort();
        let base = config.base_path();
        let links = Links {
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
            actor: ann
                .actors
                .iter()
                .map(|a| format!("{base}{}", urls::actor(a.kind, &a.slug)))
                .collect(),
            topic: ann
                .topics
                .iter()
                .enumerate()
                .map(|(i, _)| format!("{base}{}", topic_path_in(&ann.topics, i as TopicId)))
                .collect(),
        };
        let dates = days
            .iter()
            .map(|d| (d.date, DateLabel::new(&base, d.date)))
            .collect();
        (
            Site {
                config,
                base,
                corpus,
                ann,
                days,
                day_index,
                actor_items,
                topic_items,
                co_actors,
                actor_topics,
                article_cited_by,
                note_backlinks,
                note_cites,
                link_targets,
                search: std::sync::OnceLock::new(),
                links,
                dates,
                article_days,
            },
            diags,
        )
    }

    /// The labels of a date: from the table for days with items, made on the spot otherwise.
    pub fn date_label(&self, d: NaiveDate) -> std::borrow::Cow<'_, DateLabel> {
        match self.dates.get(&d) {
            Some(l) => std::borrow::Cow::Borrowed(l),
            None => std::borrow::Cow::Owned(DateLabel::new(&self.base, d)),
        }
    }

    pub fn search_index(&self) -> &search::SearchIndex {
        self.search.get_or_init(|| search::SearchIndex::build(self))
    }

    /// Forgets the search index after an in-place edit (`serve`'s fast path).
    pub fn invalidate_search(&mut self) {
        self.search = std::sync::OnceLock::new();
    }

    /// `https://example.org` from `base_url`, when it names a host.
    pub fn origin(&self) -> Option<&str> {
        let b = self.config.base_url.as_str();
        let scheme_end = b.find("://")?;
        let rest = &b[scheme_end + 3..];
        let host_end = rest.find('/').unwrap_or(rest.len());
        (host_end > 0).then(|| &b[..scheme_end + 3 + host_end])
    }

    /// A page as an absolute URL when `base_url` names a host, else as a root-relative path.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.origin().unwrap_or(""), self.url(path))
    }

    /// A page path as a link: the base path prepended (`/briefing/people/x/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn article_path(&self, i: u32) -> String {
        let a = &self.corpus.articles[i as usize];
        urls::article(a.date, &a.slug)
    }

    pub fn note_path(&self, i: u32) -> String {
        urls::note(&self.corpus.notes[i as usize].slug)
    }

    pub fn actor_path(&self, id: ActorId) -> String {
        let a = &self.ann.actors[id as usize];
        urls::actor(a.kind, &a.slug)
    }

    pub fn topic_path(&self, id: TopicId) -> String {
        topic_path_in(&self.ann.topics, id)
    }

    pub fn target_path(&self, t: Target) -> String {
        match t {
            Target::Actor(id) => self.actor_path(id),
            Target::Topic(id) => self.topic_path(id),
            Target::Article(i) => self.article_path(i),
            Target::Note(i) => self.note_path(i),
        }
    }

    /// An item's topics, main one first.
    pub fn item_topics(&self, r: ItemRef) -> &[TopicId] {
        match r {
            ItemRef::Article(i) => &self.ann.article_topics[i as usize],
            ItemRef::Note(i) => &self.ann.note_topics[i as usize],
        }
    }

    pub fn item_date(&self, r: ItemRef) -> Option<NaiveDate> {
        match r {
            ItemRef::Article(i) => Some(self.corpus.articles[i as usize].date),
            ItemRef::Note(i) => self.corpus.notes[i as usize].date,
        }
    }

    /// Years and months that have days, for the archive pages.
    pub fn months(&self) -> Vec<(i32, u32)> {
        let mut v: Vec<(i32, u32)> = self
            .days
            .iter()
            .map(|d| (d.date.year(), d.date.month()))
            .collect();
        v.dedup();
        v
    }

    pub fn actor_kinds_present(&self) -> Vec<ActorKind> {
        let mut kinds: Vec<ActorKind> = self
            .ann
            .actors
            .iter()
            .filter(|a| a.count > 0)
            .map(|a| a.kind)
            .collect();
        kinds.sort();
        kinds.dedup();
        kinds
    }
}

/// A topic's page: sections and sub-sections under `sections/`, the rest under `topics/`.
fn topic_path_in(topics: &[crate::extract::Topic], id: TopicId) -> String {
    let t = &topics[id as usize];
    match (t.kind, t.parent) {
        (TopicKind::Subsection, Some(p)) => urls::subsection(&topics[p as usize].slug, &t.slug),
        (TopicKind::Section, _) => urls::section(&t.slug),
        _ => urls::topic(&t.slug),
    }
}

fn push_unique(v: &mut Vec<u32>, x: u32) {
    if !v.contains(&x) {
        v.push(x);
    }
}

fn add_actor(mentions: &mut Vec<crate::extract::ActorMention>, id: ActorId) {
    if !mentions.iter().any(|m| m.actor == id) {
        mentions.push(crate::extract::ActorMention {
            actor: id,
            surfaces: Vec::new(),
            mentions: 1,
            first_paragraph: u32::MAX,
            evidence: 3,
            role: None,
            minor: false,
        });
    }
}

fn unresolved(path: &std::path::Path, line: usize, target: &str) -> Diagnostic {
    Diagnostic::warning(
        path,
        Some(line),
        format!(
            "unresolved wiki link [[{target}]]: no person, organisation, topic, article or note has that name"
        ),
    )
}

/// Two files that would write the same URL are an error on the second, naming the first, on
/// the line of the key its slug comes from (`slug`, `title` or `name`) when there is one.
fn check_urls(corpus: &Corpus, diags: &mut Diagnostics) {
    let mut table: FxHashMap<String, (&PathBuf, Option<usize>)> = FxHashMap::default();
    let entries = corpus
        .articles
        .iter()
        .map(|a| (urls::article(a.date, &a.slug), &a.path, a.lines.slug))
        .chain(
            corpus
                .notes
                .iter()
                .map(|n| (urls::note(&n.slug), &n.path, n.lines.slug)),
        )
        .chain(
            corpus
                .actor_profiles
                .iter()
                .map(|p| (urls::actor(p.kind, &p.slug), &p.path, p.lines.slug)),
        )
        .chain(
            corpus
                .topic_profiles
                .iter()
                .map(|t| (urls::topic(&t.slug), &t.path, t.lines.slug)),
        );
    for (url, path, line) in entries {
        if let Some((first, first_line)) = table.get(&url) {
            let first = match first_line {
                Some(l) => format!("{}:{l}", first.display()),
                None => first.display().to_string(),
            };
            diags.push(Diagnostic::error(
                path,
                line,
                format!("URL /{url} is also used by {first} (give one of them a different `slug`)"),
            ));
        } else {
            table.insert(url, (path, line));
        }
    }
}

/// Lists longer than this in one item are warned about: they build, but only the first
/// [`TALLIED_PER_ITEM`] count in the tallies, and a page listing thousands helps no reader.
pub const LONG_LIST: usize = 1000;

/// A warning for each item that lists more than [`LONG_LIST`] actors or topics.
fn check_list_lengths(corpus: &Corpus, diags: &mut Diagnostics) {
    let items = corpus
        .articles
        .iter()
        .map(|a| (&a.path, &a.actors, &a.topics, a.lines))
        .chain(
            corpus
                .notes
                .iter()
                .map(|n| (&n.path, &n.actors, &n.topics, n.lines)),
        );
    for (path, actors, topics, lines) in items {
        for (what, list, line) in [
            ("actors", actors, lines.actors),
            ("topics", topics, lines.topics),
        ] {
            if list.len() > LONG_LIST {
                diags.push(Diagnostic::warning(
                    path,
                    line,
                    format!(
                        "{} {what} listed, more than {}: each gets its page, but only the first {TALLIED_PER_ITEM} count towards related people and topics",
                        thousands(list.len()),
                        thousands(LONG_LIST)
                    ),
                ));
            }
        }
    }
}

/// `30000` -> `30,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(30000), "30,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
