//! The graph stage: from the annotated corpus to a [`Site`]: indices by date, actor and topic,
//! co-occurrence, citations and backlinks, resolved wiki links, and the URL table that catches
//! two items claiming one URL. No HTML is made here.

mod indices;
pub mod related;
pub mod search;
pub mod urls;

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashMap;

use crate::config::Config;
use crate::content::{ActorKind, Corpus};
use crate::diagnostics::{Diagnostic, Diagnostics};
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
    /// Extraction's output, as it left extraction: the site reads it and never changes it.
    pub annotations: Annotations,
    /// Per note: the actors and topics extraction found, then those its wiki links name.
    pub note_actors: Vec<Vec<crate::extract::ActorMention>>,
    pub note_topics: Vec<Vec<TopicId>>,
    /// Per actor and per topic: how many items are about it (the lengths of `actor_items`
    /// and `topic_items`, notes reached by wiki links included).
    pub actor_counts: Vec<usize>,
    pub topic_counts: Vec<usize>,
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
    pub fn build(config: Config, corpus: Corpus, annotations: Annotations) -> (Site, Diagnostics) {
        let mut diags = Diagnostics::default();
        check_urls(&corpus, &mut diags);
        check_list_lengths(&corpus, &mut diags);
        let (days, day_index) = indices::days(&corpus);
        let (link_targets, article_keys) = indices::link_targets(&corpus, &annotations);
        let notes = indices::note_links(
            &corpus,
            &annotations,
            &link_targets,
            &article_keys,
            &mut diags,
        );
        indices::report_unresolved(&corpus, &link_targets, &mut diags);
        let items = indices::item_index(
            &corpus,
            &annotations,
            &notes.note_actors,
            &notes.note_topics,
        );
        diags.sort();
        let base = config.base_path();
        let links = indices::links(&base, &corpus, &annotations);
        let dates = days
            .iter()
            .map(|d| (d.date, DateLabel::new(&base, d.date)))
            .collect();
        (
            Site {
                config,
                base,
                corpus,
                annotations,
                note_actors: notes.note_actors,
                note_topics: notes.note_topics,
                actor_counts: items.actor_counts,
                topic_counts: items.topic_counts,
                days,
                day_index,
                actor_items: items.actor_items,
                topic_items: items.topic_items,
                co_actors: items.co_actors,
                actor_topics: items.actor_topics,
                article_cited_by: notes.article_cited_by,
                note_backlinks: notes.note_backlinks,
                note_cites: notes.note_cites,
                link_targets,
                search: std::sync::OnceLock::new(),
                links,
                dates,
                article_days: items.article_days,
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

    /// The `logo` setting as an absolute URL where a host is known (a file under `static/`
    /// gets the site's permalink).
    pub fn logo_url(&self) -> Option<String> {
        let logo = self.config.logo.as_deref()?;
        if logo.starts_with("https://") || logo.starts_with("http://") {
            Some(logo.to_string())
        } else {
            Some(self.permalink(logo))
        }
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
        let a = &self.annotations.actors[id as usize];
        urls::actor(a.kind, &a.slug)
    }

    pub fn topic_path(&self, id: TopicId) -> String {
        topic_path_in(&self.annotations.topics, id)
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
            ItemRef::Article(i) => &self.annotations.article_topics[i as usize],
            ItemRef::Note(i) => &self.note_topics[i as usize],
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
            .annotations
            .actors
            .iter()
            .zip(&self.actor_counts)
            .filter(|&(_, &n)| n > 0)
            .map(|(a, _)| a.kind)
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

    /// The bundled example site (the repository root), loaded and graphed.
    fn example(base_url: Option<&str>) -> Site {
        let opts = crate::pipeline::Options {
            root: std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            base_url: base_url.map(str::to_string),
            ..Default::default()
        };
        crate::pipeline::assemble(&opts)
            .unwrap_or_else(|d| panic!("{d:?}"))
            .site
    }

    #[test]
    fn url_table_is_unique_and_matches_the_paths() {
        let site = example(Some("https://example.org/briefing/"));
        assert_eq!(site.base, "/briefing/");
        let l = &site.links;
        assert_eq!(l.article.len(), site.corpus.articles.len());
        assert_eq!(l.note.len(), site.corpus.notes.len());
        assert_eq!(l.actor.len(), site.annotations.actors.len());
        assert_eq!(l.topic.len(), site.annotations.topics.len());
        let expected = (0..l.article.len() as u32)
            .map(|i| site.article_path(i))
            .chain((0..l.note.len() as u32).map(|i| site.note_path(i)))
            .chain((0..l.actor.len() as u32).map(|i| site.actor_path(i)))
            .chain((0..l.topic.len() as u32).map(|i| site.topic_path(i)))
            .map(|p| site.url(&p));
        let all: Vec<&String> = l
            .article
            .iter()
            .chain(&l.note)
            .chain(&l.actor)
            .chain(&l.topic)
            .collect();
        for (url, want) in all.iter().zip(expected) {
            assert_eq!(**url, want);
            assert!(url.starts_with("/briefing/") && url.ends_with('/'), "{url}");
        }
        let unique: std::collections::HashSet<&String> = all.iter().copied().collect();
        assert_eq!(unique.len(), all.len(), "every page has its own URL");
        assert_eq!(
            site.permalink("people/x/"),
            "https://example.org/briefing/people/x/"
        );
        assert_eq!(site.origin(), Some("https://example.org"));
    }

    #[test]
    fn days_are_oldest_first_and_indexed() {
        let site = example(None);
        assert!(!site.days.is_empty());
        assert!(site.days.windows(2).all(|w| w[0].date < w[1].date));
        for (i, d) in site.days.iter().enumerate() {
            assert_eq!(site.day_index[&d.date], i);
            assert!(!d.articles.is_empty() || !d.notes.is_empty());
        }
        let months = site.months();
        assert!(months.windows(2).all(|w| w[0] < w[1]), "{months:?}");
        // Every item an actor lists mentions it, newest first.
        for (id, items) in site.actor_items.iter().enumerate() {
            let dates: Vec<_> = items.iter().filter_map(|&r| site.item_date(r)).collect();
            assert!(
                dates.windows(2).all(|w| w[0] >= w[1]),
                "actor {id}: {dates:?}"
            );
        }
    }

    #[test]
    fn date_labels() {
        let d = NaiveDate::from_ymd_opt(2025, 4, 18).unwrap();
        let l = DateLabel::new("/briefing/", d);
        assert_eq!(l.iso, "2025-04-18");
        assert_eq!(l.long, "Friday 18 April 2025");
        assert_eq!(l.short, "18 Apr 2025");
        assert_eq!(l.url, "/briefing/2025/04/18/");
    }

    #[test]
    fn a_duplicate_url_is_an_error_naming_the_first_file() {
        let dir = tempfile::tempdir().unwrap();
        for (rel, title) in [
            ("content/articles/a.md", "One"),
            ("content/articles/b.md", "Two"),
        ] {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(
                path,
                format!("---\ntitle: {title}\ndate: 2025-03-03\nslug: same\n---\nText.\n"),
            )
            .unwrap();
        }
        let config = Config::default();
        let (corpus, diags) = crate::content::Loader::new(dir.path(), &config).load_all(None);
        assert!(!diags.has_errors(), "{diags:?}");
        let ann =
            crate::extract::extract(&corpus, &config.extraction, &config.sections).annotations;
        let (_, diags) = Site::build(config, corpus, ann);
        let errors: Vec<String> = diags.errors().map(|d| d.to_string()).collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].contains("URL /2025/03/03/same/ is also used by content/articles/a.md:4"),
            "{errors:?}"
        );
        assert!(errors[0].contains("b.md"), "{errors:?}");
    }
}
