//! The page plan and each page's template context.
//!
//! [`plan`] lists every page the site has; [`context`] builds the small context one page
//! needs (never the whole site), so pages render independently and in parallel.

use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::body::{
    LinkTarget, MentionLinker, Trust, is_web_url, render_markdown, render_paragraphs,
};
use super::plan::{archive_per_page, day_len, page_count, page_slice, paged};
use crate::content::{ActorKind, Body};
use crate::extract::{ActorId, ItemRef, TopicId, TopicKind};
use crate::site::{Site, urls};
use std::sync::OnceLock;

pub use super::plan::{FeedScope, Page, PageKind, plan};

// ---------------------------------------------------------------------------------------------
// Context pieces shared by many pages.

/// Template values that many pages list, made once per build of the site and then cloned
/// into each page (a clone of a tera value shares its contents). An article's card shows on
/// its day, on each of its actors' and topics' pages and as related on others: converting it
/// once instead of on every page was the largest single cost of rendering.
pub struct Shared {
    article_cards: Vec<OnceLock<tera::Value>>,
    note_cards: Vec<OnceLock<tera::Value>>,
    /// Links to actors and topics, and date labels, as cards and timelines use them: a card
    /// holds clones of these rather than copies.
    actor_links: Vec<OnceLock<tera::Value>>,
    topic_links: Vec<OnceLock<tera::Value>>,
    day_labels: Vec<OnceLock<tera::Value>>,
    /// Per topic: its top people and organisations, the same on every page of the topic.
    topic_actors: Vec<OnceLock<(tera::Value, tera::Value)>>,
    /// Per actor: the roles panel of its pages.
    actor_roles: Vec<OnceLock<tera::Value>>,
    /// The topic index's lists, shared by its pages.
    topic_order: OnceLock<TopicOrder>,
    /// Per kind (`ActorKind as usize`): the actor index's order, shared by its pages (sorting
    /// every actor again for each page cost pages times actors).
    actor_order: [OnceLock<Vec<ActorId>>; 4],
}

impl Shared {
    pub fn new(site: &Site) -> Shared {
        fn slots<T>(n: usize) -> Vec<OnceLock<T>> {
            (0..n).map(|_| OnceLock::new()).collect()
        }
        Shared {
            article_cards: slots(site.corpus.articles.len()),
            note_cards: slots(site.corpus.notes.len()),
            actor_links: slots(site.ann.actors.len()),
            topic_links: slots(site.ann.topics.len()),
            day_labels: slots(site.days.len()),
            topic_actors: slots(site.ann.topics.len()),
            actor_roles: slots(site.ann.actors.len()),
            topic_order: OnceLock::new(),
            actor_order: Default::default(),
        }
    }
}

/// What context functions read: the site graph and the values shared between pages.
pub struct Cx<'a> {
    pub site: &'a Site,
    shared: &'a Shared,
}

impl std::ops::Deref for Cx<'_> {
    type Target = Site;

    fn deref(&self) -> &Site {
        self.site
    }
}

#[derive(Serialize, Clone)]
pub struct Link<'a> {
    pub name: &'a str,
    pub url: &'a str,
    pub kind: Option<&'static str>,
    pub count: Option<u32>,
    pub role: Option<&'a str>,
}

/// An article or note as listed on day, actor, topic and index pages.
#[derive(Serialize)]
pub struct Card<'a> {
    pub kind: &'static str,
    pub url: &'a str,
    pub title: &'a str,
    pub date: Option<tera::Value>,
    pub lede: &'a str,
    pub actors: Vec<tera::Value>,
    pub topics: Vec<tera::Value>,
    pub source: Option<&'a str>,
}

/// A date's labels, borrowed from the site's table when it has them.
pub type DateInfo<'a> = std::borrow::Cow<'a, crate::site::DateLabel>;

#[derive(Serialize)]
pub struct DateGroup {
    pub date: Option<tera::Value>,
    pub items: Vec<tera::Value>,
}

#[derive(Serialize)]
pub struct TopicGroup<'a> {
    pub topic: Option<Link<'a>>,
    pub items: Vec<tera::Value>,
}

#[derive(Serialize)]
struct PageInfo<'a> {
    title: &'a str,
    kind: &'static str,
    /// The navigation section the page belongs to.
    section: &'a str,
    path: &'a str,
    url: String,
    /// Absolute when `base_url` names a host: canonical links and Open Graph.
    permalink: String,
    description: &'a str,
    /// The page's own Atom feed (people, organisations, topics).
    feed: Option<String>,
}

fn date_info<'a>(site: &'a Cx<'_>, d: NaiveDate) -> DateInfo<'a> {
    site.date_label(d)
}

fn kind_label(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "People",
        ActorKind::Organization => "Organisations",
        ActorKind::Place => "Places",
        ActorKind::Other => "Other actors",
    }
}

fn actor_link<'a>(site: &'a Cx<'_>, id: ActorId, count: Option<u32>) -> Link<'a> {
    let a = &site.ann.actors[id as usize];
    Link {
        name: &a.name,
        url: &site.links.actor[id as usize],
        kind: Some(a.kind.as_str()),
        count,
        role: a.role.as_deref(),
    }
}

fn topic_link<'a>(site: &'a Cx<'_>, id: TopicId, count: Option<u32>) -> Link<'a> {
    let t = &site.ann.topics[id as usize];
    Link {
        name: &t.name,
        url: &site.links.topic[id as usize],
        kind: None,
        count,
        role: None,
    }
}

const CARD_ACTORS: usize = 5;

/// A shared value, made on first use.
fn shared(slot: &OnceLock<tera::Value>, make: impl FnOnce() -> tera::Value) -> tera::Value {
    slot.get_or_init(make).clone()
}

/// An actor's link (no count) as a shared value.
fn actor_value(site: &Cx<'_>, id: ActorId) -> tera::Value {
    shared(&site.shared.actor_links[id as usize], || {
        tera::Value::from_serializable(&actor_link(site, id, None))
    })
}

fn topic_value(site: &Cx<'_>, id: TopicId) -> tera::Value {
    shared(&site.shared.topic_links[id as usize], || {
        tera::Value::from_serializable(&topic_link(site, id, None))
    })
}

/// A date's labels as a shared value (dates with items are shared; others are made).
fn date_value(site: &Cx<'_>, d: NaiveDate) -> tera::Value {
    let make = || tera::Value::from_serializable(&date_info(site, d));
    match site.day_index.get(&d) {
        Some(&i) => shared(&site.shared.day_labels[i], make),
        None => make(),
    }
}

/// The card of an item, as a template value made on first use.
fn card(site: &Cx<'_>, r: ItemRef) -> tera::Value {
    let slot = match r {
        ItemRef::Article(i) => &site.shared.article_cards[i as usize],
        ItemRef::Note(i) => &site.shared.note_cards[i as usize],
    };
    slot.get_or_init(|| tera::Value::from_serializable(&make_card(site, r)))
        .clone()
}

fn make_card<'a>(site: &'a Cx<'_>, r: ItemRef) -> Card<'a> {
    match r {
        ItemRef::Article(i) => {
            let a = &site.corpus.articles[i as usize];
            Card {
                kind: "article",
                url: &site.links.article[i as usize],
                title: &a.title,
                date: Some(date_value(site, a.date)),
                lede: &a.summary,
                actors: site.ann.article_actors[i as usize]
                    .iter()
                    .filter(|m| {
                        !m.minor && site.ann.actors[m.actor as usize].kind != ActorKind::Place
                    })
                    .take(CARD_ACTORS)
                    .map(|m| actor_value(site, m.actor))
                    .collect(),
                topics: site.ann.article_topics[i as usize]
                    .iter()
                    .take(2)
                    .map(|&t| topic_value(site, t))
                    .collect(),
                source: a.source.as_deref().or(a.credit.as_deref()),
            }
        }
        ItemRef::Note(i) => {
            let n = &site.corpus.notes[i as usize];
            Card {
                kind: "note",
                url: &site.links.note[i as usize],
                title: &n.title,
                date: n.date.map(|d| date_value(site, d)),
                lede: &n.summary,
                actors: site.note_actors[i as usize]
                    .iter()
                    .filter(|m| !m.minor)
                    .take(CARD_ACTORS)
                    .map(|m| actor_value(site, m.actor))
                    .collect(),
                topics: site.note_topics[i as usize]
                    .iter()
                    .take(2)
                    .map(|&t| topic_value(site, t))
                    .collect(),
                source: None,
            }
        }
    }
}

/// Items grouped by date, newest first (items must already be newest first).
fn timeline(site: &Cx<'_>, items: &[ItemRef]) -> Vec<DateGroup> {
    runs(items.iter().map(|&r| (site.item_date(r), r)))
        .into_iter()
        .map(|(d, items)| DateGroup {
            date: d.map(|d| date_value(site, d)),
            items: items.into_iter().map(|r| card(site, r)).collect(),
        })
        .collect()
}

/// Consecutive items with the same key, as (key, items) runs in order.
fn runs<K: PartialEq, T>(items: impl IntoIterator<Item = (K, T)>) -> Vec<(K, Vec<T>)> {
    let mut out: Vec<(K, Vec<T>)> = Vec::new();
    for (k, item) in items {
        match out.last_mut() {
            Some((last, run)) if *last == k => run.push(item),
            _ => out.push((k, vec![item])),
        }
    }
    out
}

/// The topic an item is listed under on day pages: its running story, else its main section,
/// else its main topic.
fn group_topic(site: &Cx<'_>, topics: &[TopicId]) -> Option<TopicId> {
    let of_kind = |k: TopicKind| {
        topics
            .iter()
            .copied()
            .find(|&t| site.ann.topics[t as usize].kind == k)
    };
    of_kind(TopicKind::Story)
        .or_else(|| of_kind(TopicKind::Section))
        .or_else(|| topics.first().copied())
}

/// A day's items in display order: grouped by story (else main section), stories first, then
/// largest group first.
fn day_order(site: &Cx<'_>, day: usize) -> Vec<(Option<TopicId>, ItemRef)> {
    let d = &site.days[day];
    let mut groups: Vec<(Option<TopicId>, Vec<ItemRef>)> = Vec::new();
    let mut index: FxHashMap<Option<TopicId>, usize> = FxHashMap::default();
    let items = d
        .articles
        .iter()
        .map(|&i| {
            (
                ItemRef::Article(i),
                group_topic(site, &site.ann.article_topics[i as usize]),
            )
        })
        .chain(d.notes.iter().map(|&i| {
            (
                ItemRef::Note(i),
                group_topic(site, &site.note_topics[i as usize]),
            )
        }));
    for (r, t) in items {
        let g = *index.entry(t).or_insert_with(|| {
            groups.push((t, Vec::new()));
            groups.len() - 1
        });
        groups[g].1.push(r);
    }
    let is_story = |t: Option<TopicId>| {
        t.is_some_and(|t| site.ann.topics[t as usize].kind == TopicKind::Story)
    };
    groups.sort_by(|a, b| {
        is_story(b.0)
            .cmp(&is_story(a.0))
            .then(b.1.len().cmp(&a.1.len()))
            .then_with(|| {
                let name = |t: Option<TopicId>| {
                    t.map(|t| site.ann.topics[t as usize].name.as_str())
                        .unwrap_or("")
                };
                name(a.0).cmp(name(b.0))
            })
    });
    groups
        .into_iter()
        .flat_map(|(t, items)| items.into_iter().map(move |r| (t, r)))
        .collect()
}

/// Consecutive items with the same topic as groups.
fn regroup<'a>(site: &'a Cx<'_>, items: &[(Option<TopicId>, ItemRef)]) -> Vec<TopicGroup<'a>> {
    runs(items.iter().copied())
        .into_iter()
        .map(|(t, items)| TopicGroup {
            topic: t.map(|t| topic_link(site, t, None)),
            items: items.into_iter().map(|r| card(site, r)).collect(),
        })
        .collect()
}

fn actor_targets(site: &Cx<'_>, mentions: &[crate::extract::ActorMention]) -> Vec<LinkTarget> {
    mentions
        .iter()
        .map(|m| {
            let a = &site.ann.actors[m.actor as usize];
            let mut surfaces = m.surfaces.clone();
            if surfaces.is_empty() {
                surfaces.push(a.name.clone());
            }
            LinkTarget {
                surfaces,
                url: site.url(&site.actor_path(m.actor)),
            }
        })
        .collect()
}

/// Articles sharing actors and topics with article `ai`, best first.
fn related(site: &Cx<'_>, ai: u32, n: usize) -> Vec<ItemRef> {
    const WINDOW: usize = 200;
    let me = ItemRef::Article(ai);
    let days = &site.article_days;
    let day = days[ai as usize];
    let day_of = |r: ItemRef| match r {
        ItemRef::Article(j) => Some(days[j as usize]),
        ItemRef::Note(i) => site.corpus.notes[i as usize]
            .date
            .map(|d| d.num_days_from_ce()),
    };
    thread_local! {
        // Scores by article index and the indices touched: a dense array instead of a hash
        // map, since every article page adds up to a couple of thousand scores.
        static SCRATCH: std::cell::RefCell<(Vec<f32>, Vec<u32>)> = Default::default();
    }
    SCRATCH.with_borrow_mut(|(scores, touched)| {
        scores.resize(site.corpus.articles.len(), 0.0);
        // Look only at the neighbours in time of each list, so a list of 5,000 stays cheap.
        let mut consider = |list: &[ItemRef], weight: f32| {
            let pos = list.partition_point(|&r| day_of(r).is_some_and(|d| d > day));
            let lo = pos.saturating_sub(WINDOW / 2);
            let hi = (pos + WINDOW / 2).min(list.len());
            for &r in &list[lo..hi] {
                if let ItemRef::Article(j) = r
                    && r != me
                {
                    let s = &mut scores[j as usize];
                    if *s == 0.0 {
                        touched.push(j);
                    }
                    *s += weight;
                }
            }
        };
        for m in site.ann.article_actors[ai as usize]
            .iter()
            .filter(|m| !m.minor)
            .take(6)
        {
            let a = &site.ann.actors[m.actor as usize];
            if a.kind != ActorKind::Place {
                consider(&site.actor_items[m.actor as usize], 2.0);
            }
        }
        for (k, &t) in site.ann.article_topics[ai as usize].iter().enumerate() {
            consider(
                &site.topic_items[t as usize],
                if k == 0 { 1.5 } else { 1.0 },
            );
        }
        // Best score first, then nearest in time, then the article's index, packed into one
        // integer per candidate (score in the top 12 bits, inverted; days apart in the next
        // 20; the index in the low 32) so selecting and sorting compare plain numbers. Only
        // the top `n` are sorted.
        let mut ranked: Vec<u64> = Vec::new();
        for j in touched.drain(..) {
            let s = std::mem::take(&mut scores[j as usize]);
            if s >= 2.0 {
                let d = days[j as usize];
                let dist = u64::from((d - day).unsigned_abs()).min(0xF_FFFF);
                let score = ((s * 10.0) as u64).min(0xFFF);
                ranked.push(((0xFFF - score) << 52) | (dist << 32) | u64::from(j));
            }
        }
        if ranked.len() > n {
            ranked.select_nth_unstable(n);
            ranked.truncate(n);
        }
        ranked.sort_unstable();
        ranked
            .into_iter()
            .map(|key| ItemRef::Article(key as u32))
            .collect()
    })
}

/// "March 2024": the month names the date labels use (chrono's `%B %Y` gave the same, with its
/// format string parsed on every call).
fn month_name(y: i32, m: u32) -> String {
    NaiveDate::from_ymd_opt(y, m, 1)
        .map(|_| {
            format!(
                "{} {y:04}",
                crate::lang::Lexicon::get().months()[m as usize - 1]
            )
        })
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Page contexts.

/// The template and context of one page.
pub fn context(site: &Site, shared: &Shared, page: &Page) -> tera::Context {
    build_context(&Cx { site, shared }, page, false).tera
}

/// A hash of everything one page shows: two builds give a page the same fingerprint exactly
/// when its context is the same, so only pages whose inputs changed need rendering again.
pub fn fingerprint(site: &Site, shared: &Shared, page: &Page) -> u64 {
    let site = &Cx { site, shared };
    match super::feeds::generate(site, &page.kind) {
        Some(bytes) => {
            use std::hash::{Hash, Hasher};
            let mut h = rustc_hash::FxHasher::default();
            bytes.hash(&mut h);
            h.finish()
        }
        None => build_context(site, page, true).fingerprint(),
    }
}

/// A page's template context, optionally hashed as it is built.
pub struct PageContext {
    pub tera: tera::Context,
    hasher: Option<rustc_hash::FxHasher>,
}

/// Feeds serialised bytes into a hasher without building a string.
struct HashWriter<'h>(&'h mut rustc_hash::FxHasher);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        std::hash::Hasher::write(self.0, buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl PageContext {
    pub fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        if let Some(h) = self.hasher.as_mut() {
            std::hash::Hasher::write(h, key.as_bytes());
            // Serialising plain data into a hasher cannot fail.
            let _ = serde_json::to_writer(HashWriter(h), value);
        } else {
            self.tera.insert(key, value);
        }
    }

    fn fingerprint(&self) -> u64 {
        self.hasher.as_ref().map_or(0, std::hash::Hasher::finish)
    }
}

fn build_context(site: &Cx<'_>, page: &Page, hash_only: bool) -> PageContext {
    let mut ctx = PageContext {
        tera: tera::Context::new(),
        hasher: hash_only.then(rustc_hash::FxHasher::default),
    };
    match &page.kind {
        PageKind::Home => home(site, &mut ctx),
        PageKind::Day { day: i, page: n } => day(site, *i, *n, &mut ctx),
        PageKind::Month(y, m) => month(site, *y, *m, &mut ctx),
        PageKind::Year(y) => year(site, *y, &mut ctx),
        PageKind::Archive { page: n } => archive(site, *n, &mut ctx),
        PageKind::Article(i) => article(site, *i, &mut ctx),
        PageKind::Actor { id, page: n } => actor(site, *id, *n, &mut ctx),
        PageKind::ActorIndex { kind, page: n } => actor_index(site, *kind, *n, &mut ctx),
        PageKind::Topic { id, page: n } => topic(site, *id, *n, &mut ctx),
        PageKind::TopicIndex { page: n } => topic_index(site, *n, &mut ctx),
        PageKind::Note(i) => note(site, *i, &mut ctx),
        PageKind::NoteIndex { page: n } => note_index(site, *n, &mut ctx),
        PageKind::Search => set_page(
            site,
            &mut ctx,
            "Search",
            "search",
            &page.path,
            "Search the digest",
        ),
        PageKind::NotFound => set_page(site, &mut ctx, "Page not found", "404", &page.path, ""),
        // Files made in code have no template context.
        _ => {}
    }
    ctx
}

fn set_page(
    site: &Cx<'_>,
    ctx: &mut PageContext,
    title: &str,
    kind: &'static str,
    path: &str,
    description: &str,
) {
    set_page_with_feed(site, ctx, title, kind, path, description, None);
}

fn set_page_with_feed(
    site: &Cx<'_>,
    ctx: &mut PageContext,
    title: &str,
    kind: &'static str,
    path: &str,
    description: &str,
    feed: Option<String>,
) {
    let section = match kind {
        "day" | "month" | "year" | "archive" => "archive",
        "topic" | "topics" => "topics",
        // A section's own link, or its parent's for a sub-section: `sections/business`.
        "section" => path
            .match_indices('/')
            .nth(1)
            .map_or("sections", |(i, _)| &path[..i]),
        "note" | "notes" => "notes",
        "actor" | "actors" => match path.split('/').next() {
            Some("orgs") => "orgs",
            Some("people") => "people",
            _ => "actors",
        },
        "article" => "archive",
        other => other,
    };
    ctx.insert(
        "page",
        &PageInfo {
            title,
            kind,
            section,
            path,
            url: site.url(path),
            permalink: site.permalink(path),
            description,
            feed,
        },
    );
}

/// Links between the pages of a paginated list.
#[derive(Serialize)]
struct Paginator {
    current: u32,
    total: u32,
    prev: Option<String>,
    next: Option<String>,
    /// Page numbers to show; 0 stands for a gap ("…").
    pages: Vec<PageNumber>,
}

#[derive(Serialize)]
struct PageNumber {
    number: u32,
    url: String,
    current: bool,
}

fn paginator(site: &Cx<'_>, base: &str, current: u32, total: u32) -> Paginator {
    let url = |n: u32| site.url(&paged(base, n));
    let mut pages = Vec::new();
    let mut last = 0;
    for n in 1..=total {
        let shown = n == 1 || n == total || n.abs_diff(current) <= 2;
        if shown {
            if n > last + 1 {
                pages.push(PageNumber {
                    number: 0,
                    url: String::new(),
                    current: false,
                });
            }
            pages.push(PageNumber {
                number: n,
                url: url(n),
                current: n == current,
            });
            last = n;
        }
    }
    Paginator {
        current,
        total,
        prev: (current > 1).then(|| url(current - 1)),
        next: (current < total).then(|| url(current + 1)),
        pages,
    }
}

fn top_actors<'a>(site: &'a Cx<'_>, kind: ActorKind, items: &[ItemRef], n: usize) -> Vec<Link<'a>> {
    let mut counts: FxHashMap<ActorId, u32> = FxHashMap::default();
    for r in items {
        let mentions = match *r {
            ItemRef::Article(i) => &site.ann.article_actors[i as usize],
            ItemRef::Note(i) => &site.note_actors[i as usize],
        };
        // An item's first main actors only, as in the site's tallies: a topic page would
        // otherwise read every actor of every item, the product of two long lists.
        for m in mentions
            .iter()
            .filter(|m| !m.minor)
            .take(crate::site::TALLIED_PER_ITEM)
        {
            if site.ann.actors[m.actor as usize].kind == kind {
                *counts.entry(m.actor).or_insert(0) += 1;
            }
        }
    }
    let mut v: Vec<(ActorId, u32)> = counts.into_iter().collect();
    v.sort_by(|a, b| {
        b.1.cmp(&a.1).then(
            site.ann.actors[a.0 as usize]
                .name
                .cmp(&site.ann.actors[b.0 as usize].name),
        )
    });
    v.into_iter()
        .take(n)
        .map(|(id, c)| actor_link(site, id, Some(c)))
        .collect()
}

fn top_topics<'a>(site: &'a Cx<'_>, items: &[ItemRef], n: usize) -> Vec<Link<'a>> {
    let mut counts: FxHashMap<TopicId, u32> = FxHashMap::default();
    for &r in items {
        for &t in site.item_topics(r) {
            *counts.entry(t).or_insert(0) += 1;
        }
    }
    let mut v: Vec<(TopicId, u32)> = counts.into_iter().collect();
    v.sort_by(|a, b| {
        b.1.cmp(&a.1).then(
            site.ann.topics[a.0 as usize]
                .name
                .cmp(&site.ann.topics[b.0 as usize].name),
        )
    });
    v.into_iter()
        .take(n)
        .map(|(id, c)| topic_link(site, id, Some(c)))
        .collect()
}

fn day_items<'a>(site: &'a Cx<'_>, i: usize) -> impl Iterator<Item = ItemRef> + 'a {
    let d = &site.days[i];
    d.articles
        .iter()
        .map(|&a| ItemRef::Article(a))
        .chain(d.notes.iter().map(|&n| ItemRef::Note(n)))
}

#[derive(Serialize)]
struct DaySummary<'a> {
    date: DateInfo<'a>,
    count: usize,
    items: Vec<tera::Value>,
}

/// A running story as the home page leads with it.
#[derive(Serialize)]
struct LeadStory<'a> {
    name: &'a str,
    url: &'a str,
    /// Items in all, and in the last days.
    count: usize,
    recent: usize,
    /// The latest item: the story's latest development.
    latest: tera::Value,
    people: Vec<Link<'a>>,
}

/// Stories with items in the home page's window, most active first (items in the window,
/// then the latest date, then name).
fn lead_stories<'a>(site: &'a Cx<'_>, window: &[ItemRef], n: usize) -> Vec<LeadStory<'a>> {
    let mut recent: FxHashMap<TopicId, usize> = FxHashMap::default();
    for &r in window {
        for &t in site.item_topics(r) {
            if site.ann.topics[t as usize].kind == TopicKind::Story {
                *recent.entry(t).or_insert(0) += 1;
            }
        }
    }
    let mut v: Vec<(TopicId, usize)> = recent.into_iter().collect();
    let latest = |t: TopicId| {
        site.topic_items[t as usize]
            .first()
            .and_then(|&r| site.item_date(r))
    };
    v.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| latest(b.0).cmp(&latest(a.0)))
            .then_with(|| {
                site.ann.topics[a.0 as usize]
                    .name
                    .cmp(&site.ann.topics[b.0 as usize].name)
            })
    });
    v.into_iter()
        .take(n)
        .filter_map(|(t, in_window)| {
            let items = &site.topic_items[t as usize];
            let newest = *items.first()?;
            // Who is involved lately: the story's newest items.
            let recent_items = &items[..items.len().min(200)];
            Some(LeadStory {
                name: &site.ann.topics[t as usize].name,
                url: &site.links.topic[t as usize],
                count: items.len(),
                recent: in_window,
                latest: card(site, newest),
                people: top_actors(site, ActorKind::Person, recent_items, 3)
                    .into_iter()
                    .chain(top_actors(site, ActorKind::Organization, recent_items, 2))
                    .collect(),
            })
        })
        .collect()
}

#[derive(Serialize)]
struct Latest<'a> {
    date: DateInfo<'a>,
    groups: Vec<TopicGroup<'a>>,
    count: usize,
    more: bool,
}

fn home(site: &Cx<'_>, ctx: &mut PageContext) {
    set_page(
        site,
        ctx,
        &site.config.title,
        "home",
        "",
        &site.config.description,
    );
    let Some(latest) = site.days.len().checked_sub(1) else {
        ctx.insert("latest", &Option::<()>::None);
        ctx.insert("stories", &Vec::<()>::new());
        ctx.insert("week", &Vec::<()>::new());
        ctx.insert("top_people", &Vec::<()>::new());
        ctx.insert("top_orgs", &Vec::<()>::new());
        ctx.insert("top_topics", &Vec::<()>::new());
        ctx.insert("recent_notes", &Vec::<()>::new());
        return;
    };
    let latest_date = site.days[latest].date;
    let from = latest_date - chrono::Duration::days(site.config.home_days as i64);
    let week: Vec<DaySummary<'_>> = (0..latest)
        .rev()
        .take_while(|&i| site.days[i].date >= from)
        .map(|i| DaySummary {
            date: date_info(site, site.days[i].date),
            count: day_len(site, i),
            items: day_items(site, i).take(12).map(|r| card(site, r)).collect(),
        })
        .collect();
    // The top lists look at the recent window, capped so a huge archive stays cheap.
    let window: Vec<ItemRef> = site
        .days
        .iter()
        .enumerate()
        .rev()
        .take_while(|(_, d)| d.date >= from)
        .flat_map(|(i, _)| day_items(site, i))
        .take(5000)
        .collect();
    // The latest day's briefing: its first page of items, the rest on the day page.
    let order = day_order(site, latest);
    let shown = page_slice(&order, 1, site.config.paginate);
    ctx.insert(
        "latest",
        &Latest {
            date: date_info(site, latest_date),
            groups: regroup(site, shown),
            count: order.len(),
            more: order.len() > shown.len(),
        },
    );
    ctx.insert("week", &week);
    ctx.insert("stories", &lead_stories(site, &window, 5));
    ctx.insert(
        "top_people",
        &top_actors(site, ActorKind::Person, &window, 12),
    );
    ctx.insert(
        "top_orgs",
        &top_actors(site, ActorKind::Organization, &window, 8),
    );
    ctx.insert("top_topics", &top_topics(site, &window, 12));
    let mut notes: Vec<u32> = (0..site.corpus.notes.len() as u32).collect();
    notes.sort_by(|a, b| {
        site.corpus.notes[*b as usize]
            .date
            .cmp(&site.corpus.notes[*a as usize].date)
            .then(a.cmp(b))
    });
    let recent: Vec<tera::Value> = notes
        .into_iter()
        .take(5)
        .map(|n| card(site, ItemRef::Note(n)))
        .collect();
    ctx.insert("recent_notes", &recent);
}

fn day(site: &Cx<'_>, i: usize, n: u32, ctx: &mut PageContext) {
    let d = site.days[i].date;
    let info = date_info(site, d);
    let base = urls::day(d);
    set_page(site, ctx, &info.long, "day", &paged(&base, n), "");
    let order = day_order(site, i);
    let per = site.config.paginate;
    ctx.insert("date", &info);
    ctx.insert("groups", &regroup(site, page_slice(&order, n, per)));
    ctx.insert("count", &order.len());
    ctx.insert(
        "paginator",
        &paginator(site, &base, n, page_count(order.len(), per)),
    );
    ctx.insert(
        "prev",
        &i.checked_sub(1).map(|p| date_info(site, site.days[p].date)),
    );
    ctx.insert(
        "next",
        &site.days.get(i + 1).map(|n| date_info(site, n.date)),
    );
    ctx.insert("month", &serde_json::json!({"name": month_name(d.year(), d.month()), "url": site.url(&urls::month(d.year(), d.month()))}));
    ctx.insert(
        "year",
        &serde_json::json!({"name": d.year().to_string(), "url": site.url(&urls::year(d.year()))}),
    );
    let items: Vec<ItemRef> = day_items(site, i).collect();
    ctx.insert(
        "top_people",
        &top_actors(site, ActorKind::Person, &items, 10),
    );
}

#[derive(Serialize)]
struct DayLink<'a> {
    date: DateInfo<'a>,
    count: usize,
    headlines: Vec<String>,
}

fn days_in<'a>(site: &'a Cx<'_>, pred: impl Fn(NaiveDate) -> bool) -> Vec<DayLink<'a>> {
    site.days
        .iter()
        .filter(|d| pred(d.date))
        .rev()
        .map(|d| DayLink {
            date: date_info(site, d.date),
            count: d.articles.len() + d.notes.len(),
            headlines: d
                .articles
                .iter()
                .take(3)
                .map(|&a| site.corpus.articles[a as usize].title.clone())
                .collect(),
        })
        .collect()
}

fn month(site: &Cx<'_>, y: i32, m: u32, ctx: &mut PageContext) {
    let name = month_name(y, m);
    let path = urls::month(y, m);
    set_page(site, ctx, &name, "month", &path, "");
    ctx.insert("name", &name);
    ctx.insert("days", &days_in(site, |d| d.year() == y && d.month() == m));
    let months = site.months();
    let pos = months.iter().position(|&x| x == (y, m));
    let link = |ym: Option<&(i32, u32)>| {
        ym.map(|&(y, m)| serde_json::json!({"name": month_name(y, m), "url": site.url(&urls::month(y, m))}))
    };
    ctx.insert(
        "prev",
        &link(
            pos.and_then(|p| p.checked_sub(1))
                .and_then(|p| months.get(p)),
        ),
    );
    ctx.insert("next", &link(pos.and_then(|p| months.get(p + 1))));
    ctx.insert(
        "year",
        &serde_json::json!({"name": y.to_string(), "url": site.url(&urls::year(y))}),
    );
}

#[derive(Serialize)]
struct MonthLink {
    name: String,
    url: String,
    count: usize,
    days: usize,
}

fn months_of(site: &Cx<'_>, y: i32) -> Vec<MonthLink> {
    site.months()
        .into_iter()
        .filter(|&(yy, _)| yy == y)
        .rev()
        .map(|(y, m)| {
            let days: Vec<_> = site
                .days
                .iter()
                .filter(|d| d.date.year() == y && d.date.month() == m)
                .collect();
            MonthLink {
                name: month_name(y, m),
                url: site.url(&urls::month(y, m)),
                count: days.iter().map(|d| d.articles.len() + d.notes.len()).sum(),
                days: days.len(),
            }
        })
        .collect()
}

fn year(site: &Cx<'_>, y: i32, ctx: &mut PageContext) {
    let name = y.to_string();
    set_page(site, ctx, &name, "year", &urls::year(y), "");
    ctx.insert("name", &name);
    ctx.insert("months", &months_of(site, y));
    let mut years: Vec<i32> = site.days.iter().map(|d| d.date.year()).collect();
    years.dedup();
    let pos = years.iter().position(|&x| x == y);
    let link = |yy: Option<&i32>| {
        yy.map(|y| serde_json::json!({"name": y.to_string(), "url": site.url(&urls::year(*y))}))
    };
    ctx.insert(
        "prev",
        &link(
            pos.and_then(|p| p.checked_sub(1))
                .and_then(|p| years.get(p)),
        ),
    );
    ctx.insert("next", &link(pos.and_then(|p| years.get(p + 1))));
}

fn archive(site: &Cx<'_>, n: u32, ctx: &mut PageContext) {
    let per = archive_per_page(site);
    let total = page_count(site.days.len(), per);
    set_page(
        site,
        ctx,
        "Archive",
        "archive",
        &paged(urls::ARCHIVE, n),
        "Every day in the digest",
    );
    // Newest first; this page's days, grouped by year and month.
    let newest: Vec<&crate::site::Day> = site.days.iter().rev().collect();
    let shown = page_slice(&newest, n, per);
    let mut years: Vec<serde_json::Value> = Vec::new();
    let mut current: Option<(i32, u32)> = None;
    let mut months: Vec<(i32, u32, Vec<DayLink>)> = Vec::new();
    for d in shown {
        let ym = (d.date.year(), d.date.month());
        if current != Some(ym) {
            months.push((ym.0, ym.1, Vec::new()));
            current = Some(ym);
        }
        months.last_mut().expect("pushed above").2.push(DayLink {
            date: date_info(site, d.date),
            count: d.articles.len() + d.notes.len(),
            headlines: Vec::new(),
        });
    }
    let mut by_year: Vec<(i32, Vec<serde_json::Value>)> = Vec::new();
    for (y, m, days) in months {
        let month = serde_json::json!({"name": month_name(y, m), "url": site.url(&urls::month(y, m)), "days": days});
        match by_year.last_mut() {
            Some((yy, list)) if *yy == y => list.push(month),
            _ => by_year.push((y, vec![month])),
        }
    }
    for (y, months) in by_year {
        years.push(serde_json::json!({"name": y.to_string(), "url": site.url(&urls::year(y)), "months": months}));
    }
    ctx.insert("years", &years);
    ctx.insert("total_days", &site.days.len());
    ctx.insert("total_articles", &site.corpus.articles.len());
    ctx.insert("paginator", &paginator(site, urls::ARCHIVE, n, total));
}

/// schema.org NewsArticle metadata, written into the page as JSON-LD.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    description: &'a str,
    date_published: &'a str,
    date_modified: &'a str,
    url: &'a str,
    main_entity_of_page: &'a str,
    author: LdThing<'a>,
    publisher: LdThing<'a>,
    about: Vec<LdThing<'a>>,
    keywords: Vec<&'a str>,
    in_language: &'a str,
}

#[derive(Serialize)]
struct LdThing<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct ArticleView<'a> {
    published_time: &'a str,
    json_ld: String,
    id: &'a str,
    title: &'a str,
    summary: &'a str,
    date: DateInfo<'a>,
    published: Option<String>,
    source: Option<&'a str>,
    source_url: Option<&'a str>,
    author: Option<&'a str>,
    credit: Option<&'a str>,
    body: String,
    people: Vec<Link<'a>>,
    orgs: Vec<Link<'a>>,
    places: Vec<Link<'a>>,
    others: Vec<Link<'a>>,
    mentioned: Vec<Link<'a>>,
    topics: Vec<Link<'a>>,
    related: Vec<tera::Value>,
    cited_by: Vec<tera::Value>,
}

/// A link to another item: neighbours of an article, the source of a quote.
#[derive(Serialize)]
struct ItemLink<'a> {
    title: &'a str,
    url: &'a str,
}

fn item_link<'a>(site: &'a Cx<'_>, r: ItemRef) -> ItemLink<'a> {
    match r {
        ItemRef::Article(i) => ItemLink {
            title: &site.corpus.articles[i as usize].title,
            url: &site.links.article[i as usize],
        },
        ItemRef::Note(i) => ItemLink {
            title: &site.corpus.notes[i as usize].title,
            url: &site.links.note[i as usize],
        },
    }
}

fn article(site: &Cx<'_>, i: u32, ctx: &mut PageContext) {
    let a = &site.corpus.articles[i as usize];
    let path = site.article_path(i);
    set_page(site, ctx, &a.title, "article", &path, &a.summary);
    let mentions = &site.ann.article_actors[i as usize];
    let mut linker = MentionLinker::new(actor_targets(site, mentions));
    let body = match &a.body {
        Body::Text(ps) => render_paragraphs(ps, &mut linker),
        Body::Markdown(md) => render_markdown(md, site, &mut linker, Trust::Untrusted),
    };
    let link_kind = |kind: ActorKind| -> Vec<Link<'_>> {
        mentions
            .iter()
            .filter(|m| !m.minor && site.ann.actors[m.actor as usize].kind == kind)
            .map(|m| actor_link(site, m.actor, None))
            .collect()
    };
    let in_passing: Vec<Link<'_>> = mentions
        .iter()
        .filter(|m| m.minor)
        .map(|m| actor_link(site, m.actor, None))
        .collect();
    let day_index = site.day_index[&a.date];
    let published = a.published.map(|p| p.to_rfc3339()).unwrap_or_else(|| {
        a.date
            .and_hms_opt(0, 0, 0)
            .and_then(|t| t.and_local_timezone(site.config.tz()).single())
            .map(|t| t.to_rfc3339())
            .unwrap_or_default()
    });
    let about: Vec<LdThing<'_>> = mentions
        .iter()
        .filter(|m| !m.minor)
        .map(|m| {
            let actor = &site.ann.actors[m.actor as usize];
            let kind = match actor.kind {
                ActorKind::Person => "Person",
                ActorKind::Organization => "Organization",
                ActorKind::Place => "Place",
                ActorKind::Other => "Thing",
            };
            LdThing {
                kind,
                name: &actor.name,
                url: Some(site.permalink(&site.actor_path(m.actor))),
            }
        })
        .collect();
    let thing = |kind, name| LdThing {
        kind,
        name,
        url: None,
    };
    let author = match (&a.author, &a.source) {
        (Some(name), _) => thing("Person", name),
        (None, Some(source)) => thing("Organization", source),
        (None, None) => thing("Organization", &site.config.title),
    };
    let permalink = site.permalink(&path);
    let json_ld = JsonLd {
        context: "https://schema.org",
        kind: "NewsArticle",
        headline: &a.title,
        description: &a.summary,
        date_published: &published,
        date_modified: &published,
        url: &permalink,
        main_entity_of_page: &permalink,
        author,
        publisher: thing("Organization", &site.config.title),
        about,
        keywords: site.ann.article_topics[i as usize]
            .iter()
            .map(|&t| site.ann.topics[t as usize].name.as_str())
            .collect(),
        in_language: &site.config.language,
    };
    let json_ld = serde_json::to_string(&json_ld)
        .unwrap_or_default()
        // Safe inside <script>: no `</script>` or HTML can be formed from the text.
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026");
    let topics = &site.ann.article_topics[i as usize];
    ctx.insert(
        "article",
        &ArticleView {
            published_time: &published,
            json_ld,
            id: &a.id,
            title: &a.title,
            summary: &a.summary,
            date: date_info(site, a.date),
            published: a.published.map(|p| p.to_rfc3339()),
            source: a.source.as_deref(),
            // Only an http(s) address is linked: never `javascript:` and the like.
            source_url: a.url.as_deref().filter(|u| is_web_url(u)),
            author: a.author.as_deref(),
            credit: a.credit.as_deref(),
            body,
            people: link_kind(ActorKind::Person),
            orgs: link_kind(ActorKind::Organization),
            places: link_kind(ActorKind::Place),
            others: link_kind(ActorKind::Other),
            mentioned: in_passing,
            topics: topics.iter().map(|&t| topic_link(site, t, None)).collect(),
            related: related(site, i, 6)
                .into_iter()
                .map(|r| card(site, r))
                .collect(),
            cited_by: site.article_cited_by[i as usize]
                .iter()
                .map(|&n| card(site, ItemRef::Note(n)))
                .collect(),
        },
    );
    // Neighbours on the same day, for reading straight through a briefing.
    let day = &site.days[day_index];
    let pos = day.articles.iter().position(|&x| x == i);
    let neighbour = |p: Option<usize>| {
        p.and_then(|p| day.articles.get(p))
            .map(|&x| item_link(site, ItemRef::Article(x)))
    };
    ctx.insert("prev", &neighbour(pos.and_then(|p| p.checked_sub(1))));
    ctx.insert("next", &neighbour(pos.map(|p| p + 1)));
}

#[derive(Serialize)]
struct RoleRow<'a> {
    role: &'a str,
    first: DateInfo<'a>,
    last: DateInfo<'a>,
    times: usize,
}

/// Distinct roles with the first and last date each was seen, latest first. Spellings of one
/// job ("Treasury Secretary", "Secretary of the Treasury") are one row, shown as most often
/// written.
fn role_rows<'a>(site: &'a Cx<'_>, a: &'a crate::extract::Actor) -> Vec<RoleRow<'a>> {
    let mut spans: Vec<(&str, NaiveDate, NaiveDate, usize)> = Vec::new();
    let mut index: FxHashMap<String, usize> = FxHashMap::default();
    let mut spellings: Vec<FxHashMap<&str, usize>> = Vec::new();
    for r in &a.roles_seen {
        let key = crate::extract::people::role_key(&r.role);
        match index.get(&key) {
            Some(&k) => {
                let row = &mut spans[k];
                row.1 = row.1.min(r.date);
                row.2 = row.2.max(r.date);
                row.3 += 1;
                *spellings[k].entry(&r.role).or_default() += 1;
            }
            None => {
                index.insert(key, spans.len());
                spans.push((&r.role, r.date, r.date, 1));
                spellings.push(FxHashMap::from_iter([(r.role.as_str(), 1)]));
            }
        }
    }
    for (row, forms) in spans.iter_mut().zip(&spellings) {
        // Most often written; ties go to the one first seen (roles_seen is in date order).
        let first = row.0;
        row.0 = forms
            .iter()
            .max_by(|x, y| {
                x.1.cmp(y.1)
                    .then((*x.0 == first).cmp(&(*y.0 == first)))
                    .then(y.0.cmp(x.0))
            })
            .map_or(first, |(f, _)| f);
    }
    spans.sort_by(|x, y| y.2.cmp(&x.2).then(x.0.cmp(y.0)));
    spans
        .into_iter()
        .map(|(role, first, last, times)| RoleRow {
            role,
            first: date_info(site, first),
            last: date_info(site, last),
            times,
        })
        .collect()
}

#[derive(Serialize)]
struct QuoteView<'a> {
    text: &'a str,
    date: DateInfo<'a>,
    item: ItemLink<'a>,
}

#[derive(Serialize)]
struct ActorView<'a> {
    name: &'a str,
    kind: &'static str,
    kind_label: &'static str,
    index_url: String,
    role: Option<&'a str>,
    roles: tera::Value,
    aliases: &'a [String],
    bio: Option<String>,
    count: usize,
    feed: String,
    timeline: Vec<DateGroup>,
    co_actors: Vec<Link<'a>>,
    topics: Vec<Link<'a>>,
    quotes: Vec<QuoteView<'a>>,
}

fn actor(site: &Cx<'_>, id: ActorId, n: u32, ctx: &mut PageContext) {
    let a = &site.ann.actors[id as usize];
    let path = site.actor_path(id);
    let feed = Some(site.url(&format!("{path}atom.xml")));
    set_page_with_feed(
        site,
        ctx,
        &a.name,
        "actor",
        &paged(&path, n),
        a.role.as_deref().unwrap_or(""),
        feed,
    );
    let bio = a.profile.map(|p| {
        let profile = &site.corpus.actor_profiles[p];
        render_markdown(
            &profile.bio,
            site,
            &mut MentionLinker::new(Vec::new()),
            Trust::Trusted,
        )
    });
    // The roles panel is on every page of the actor: made once.
    let roles = site.shared.actor_roles[id as usize]
        .get_or_init(|| tera::Value::from_serializable(&role_rows(site, a)))
        .clone();
    // The latest quotes, on the first page only.
    let quotes: Vec<QuoteView<'_>> = if n == 1 {
        let mut latest: Vec<&crate::extract::Quote> = a.quotes.iter().collect();
        latest.sort_by(|x, y| y.date.cmp(&x.date).then(y.item.cmp(&x.item)));
        latest
            .into_iter()
            .take(50)
            .map(|q| QuoteView {
                text: &q.text,
                date: date_info(site, q.date),
                item: item_link(site, q.item),
            })
            .collect()
    } else {
        Vec::new()
    };
    let items = &site.actor_items[id as usize];
    let per = super::plan::timeline_per_page(site, id);
    ctx.insert(
        "paginator",
        &paginator(site, &path, n, page_count(items.len(), per)),
    );
    ctx.insert(
        "actor",
        &ActorView {
            name: &a.name,
            kind: a.kind.as_str(),
            kind_label: kind_label(a.kind),
            index_url: site.url(&urls::actor_index(a.kind)),
            role: a.role.as_deref(),
            roles,
            aliases: &a.aliases,
            bio,
            count: items.len(),
            feed: site.url(&format!("{path}atom.xml")),
            timeline: timeline(site, page_slice(items, n, per)),
            co_actors: site.co_actors[id as usize]
                .iter()
                .take(12)
                .map(|&(o, c)| actor_link(site, o, Some(c)))
                .collect(),
            topics: site.actor_topics[id as usize]
                .iter()
                .take(12)
                .map(|&(t, c)| topic_link(site, t, Some(c)))
                .collect(),
            quotes,
        },
    );
}

fn actor_index(site: &Cx<'_>, kind: ActorKind, n: u32, ctx: &mut PageContext) {
    let label = kind_label(kind);
    let base = urls::actor_index(kind);
    set_page(site, ctx, label, "actors", &paged(&base, n), "");
    let ids = site.shared.actor_order[kind as usize].get_or_init(|| {
        let mut ids: Vec<ActorId> = (0..site.ann.actors.len() as ActorId)
            .filter(|&i| {
                let a = &site.ann.actors[i as usize];
                a.kind == kind && (site.actor_counts[i as usize] > 0 || a.profile.is_some())
            })
            .collect();
        ids.sort_by(|&x, &y| {
            let (a, b) = (&site.ann.actors[x as usize], &site.ann.actors[y as usize]);
            let (na, nb) = (site.actor_counts[x as usize], site.actor_counts[y as usize]);
            nb.cmp(&na).then(a.name.cmp(&b.name))
        });
        ids
    });
    // Index entries are one line each: four times a timeline's page size.
    let per = site.config.paginate * 4;
    ctx.insert("total", &ids.len());
    ctx.insert(
        "paginator",
        &paginator(site, &base, n, page_count(ids.len(), per)),
    );
    let actors: Vec<Link<'_>> = page_slice(ids, n, per)
        .iter()
        .map(|&i| actor_link(site, i, Some(site.actor_counts[i as usize] as u32)))
        .collect();
    ctx.insert("kind", kind.as_str());
    ctx.insert("kind_label", label);
    ctx.insert("actors", &actors);
}

fn topic(site: &Cx<'_>, id: TopicId, n: u32, ctx: &mut PageContext) {
    let t = &site.ann.topics[id as usize];
    let path = site.topic_path(id);
    let feed = Some(site.url(&format!("{path}atom.xml")));
    let kind = match t.kind {
        TopicKind::Section | TopicKind::Subsection => "section",
        _ => "topic",
    };
    set_page_with_feed(site, ctx, &t.name, kind, &paged(&path, n), "", feed);
    let description = t.profile.map(|p| {
        render_markdown(
            &site.corpus.topic_profiles[p].description,
            site,
            &mut MentionLinker::new(Vec::new()),
            Trust::Trusted,
        )
    });
    let items = &site.topic_items[id as usize];
    let per = site.config.paginate;
    ctx.insert(
        "paginator",
        &paginator(site, &path, n, page_count(items.len(), per)),
    );
    let first = items
        .last()
        .and_then(|r| site.item_date(*r))
        .map(|d| date_info(site, d));
    let last = items
        .first()
        .and_then(|r| site.item_date(*r))
        .map(|d| date_info(site, d));
    // Counted once per topic, not once per page of a long topic.
    let (people, orgs) = site.shared.topic_actors[id as usize]
        .get_or_init(|| {
            let recent = &items[..items.len().min(5000)];
            (
                tera::Value::from_serializable(&top_actors(site, ActorKind::Person, recent, 12)),
                tera::Value::from_serializable(&top_actors(
                    site,
                    ActorKind::Organization,
                    recent,
                    8,
                )),
            )
        })
        .clone();
    ctx.insert(
        "topic",
        &TopicView {
            name: &t.name,
            kind: t.kind.as_str(),
            kind_label: t.kind.label(),
            terms: &t.terms,
            description,
            count: items.len(),
            first,
            last,
            latest: (t.kind == TopicKind::Story)
                .then(|| items.first().map(|&r| card(site, r)))
                .flatten(),
            feed: site.url(&format!("{path}atom.xml")),
            timeline: timeline(site, page_slice(items, n, per)),
            people,
            orgs,
            parent: t.parent.map(|p| topic_link(site, p, None)),
            // On the first page only: long sections have many pages.
            subsections: if n == 1 {
                subsections(site, id)
            } else {
                Vec::new()
            },
            stories: if n == 1 {
                section_stories(site, id, 12)
            } else {
                Vec::new()
            },
        },
    );
}

/// A section's sub-sections, largest first.
fn subsections<'a>(site: &'a Cx<'_>, id: TopicId) -> Vec<Link<'a>> {
    // Only sections have sub-sections; scanning the topic list for every other topic's page
    // would cost the square of the topics (one item may declare thousands).
    if site.ann.topics[id as usize].kind != TopicKind::Section {
        return Vec::new();
    }
    let mut subs: Vec<TopicId> = (0..site.ann.topics.len() as TopicId)
        .filter(|&c| site.ann.topics[c as usize].parent == Some(id))
        .collect();
    subs.sort_by_key(|&c| std::cmp::Reverse(site.topic_counts[c as usize]));
    subs.into_iter()
        .map(|c| topic_link(site, c, Some(site.topic_counts[c as usize] as u32)))
        .collect()
}

/// The running stories of a section's items, latest first (items are newest first).
fn section_stories<'a>(site: &'a Cx<'_>, id: TopicId, n: usize) -> Vec<Link<'a>> {
    if !matches!(
        site.ann.topics[id as usize].kind,
        TopicKind::Section | TopicKind::Subsection
    ) {
        return Vec::new();
    }
    let mut order: Vec<TopicId> = Vec::new();
    for &r in &site.topic_items[id as usize] {
        for &c in site.item_topics(r) {
            if site.ann.topics[c as usize].kind == TopicKind::Story && !order.contains(&c) {
                order.push(c);
            }
        }
        if order.len() >= n {
            break;
        }
    }
    order
        .into_iter()
        .take(n)
        .map(|c| topic_link(site, c, Some(site.topic_counts[c as usize] as u32)))
        .collect()
}

#[derive(Serialize)]
struct TopicView<'a> {
    name: &'a str,
    kind: &'static str,
    kind_label: &'static str,
    terms: &'a [String],
    description: Option<String>,
    count: usize,
    first: Option<DateInfo<'a>>,
    last: Option<DateInfo<'a>>,
    /// A story's latest item.
    latest: Option<tera::Value>,
    feed: String,
    timeline: Vec<DateGroup>,
    people: tera::Value,
    orgs: tera::Value,
    /// A sub-section's section.
    parent: Option<Link<'a>>,
    /// A section's sub-sections.
    subsections: Vec<Link<'a>>,
    /// A section's running stories, latest first.
    stories: Vec<Link<'a>>,
}

/// Topics listed on the topic index, by kind (curated, sections, stories), largest first.
type TopicOrder = (Vec<TopicId>, Vec<TopicId>, Vec<TopicId>);

fn topic_order(site: &Cx<'_>) -> TopicOrder {
    let mut ids: Vec<TopicId> = (0..site.ann.topics.len() as TopicId)
        .filter(|&i| {
            site.topic_counts[i as usize] > 0 || site.ann.topics[i as usize].profile.is_some()
        })
        .collect();
    ids.sort_by(|&x, &y| {
        let (a, b) = (&site.ann.topics[x as usize], &site.ann.topics[y as usize]);
        let (na, nb) = (site.topic_counts[x as usize], site.topic_counts[y as usize]);
        nb.cmp(&na).then(a.name.cmp(&b.name))
    });
    let of_kind = |k: TopicKind| -> Vec<TopicId> {
        ids.iter()
            .copied()
            .filter(|&i| site.ann.topics[i as usize].kind == k)
            .collect()
    };
    (
        of_kind(TopicKind::Curated),
        of_kind(TopicKind::Section),
        of_kind(TopicKind::Story),
    )
}

fn topic_index(site: &Cx<'_>, n: u32, ctx: &mut PageContext) {
    set_page(
        site,
        ctx,
        "Topics",
        "topics",
        &paged(urls::TOPICS, n),
        "Curated topics, sections and running stories",
    );
    let (curated, sections, stories) = site.shared.topic_order.get_or_init(|| topic_order(site));
    let links = |v: &[TopicId]| -> Vec<Link<'_>> {
        v.iter()
            .copied()
            .map(|i| topic_link(site, i, Some(site.topic_counts[i as usize] as u32)))
            .collect()
    };
    // Curated topics and sections are few: page 1 lists them; the stories are paginated.
    let per = site.config.paginate;
    ctx.insert(
        "paginator",
        &paginator(site, urls::TOPICS, n, page_count(stories.len(), per)),
    );
    ctx.insert("total_stories", &stories.len());
    let first_page = n == 1;
    ctx.insert("curated", &links(if first_page { curated } else { &[] }));
    ctx.insert("sections", &links(if first_page { sections } else { &[] }));
    ctx.insert("stories", &links(page_slice(stories, n, per)));
}

fn note(site: &Cx<'_>, i: u32, ctx: &mut PageContext) {
    let n = &site.corpus.notes[i as usize];
    set_page(site, ctx, &n.title, "note", &site.note_path(i), &n.summary);
    let mentions = &site.note_actors[i as usize];
    let mut linker = MentionLinker::new(actor_targets(site, mentions));
    let body = render_markdown(&n.body, site, &mut linker, Trust::Trusted);
    ctx.insert(
        "note",
        &NoteView {
            title: &n.title,
            date: n.date.map(|d| date_info(site, d)),
            body,
            actors: mentions
                .iter()
                .map(|m| actor_link(site, m.actor, None))
                .collect(),
            topics: site.note_topics[i as usize]
                .iter()
                .map(|&t| topic_link(site, t, None))
                .collect(),
            cites: site.note_cites[i as usize]
                .iter()
                .map(|&a| card(site, ItemRef::Article(a)))
                .collect(),
            backlinks: site.note_backlinks[i as usize]
                .iter()
                .map(|&o| card(site, ItemRef::Note(o)))
                .collect(),
        },
    );
}

#[derive(Serialize)]
struct NoteView<'a> {
    title: &'a str,
    date: Option<DateInfo<'a>>,
    body: String,
    actors: Vec<Link<'a>>,
    topics: Vec<Link<'a>>,
    cites: Vec<tera::Value>,
    backlinks: Vec<tera::Value>,
}

fn note_index(site: &Cx<'_>, n: u32, ctx: &mut PageContext) {
    set_page(
        site,
        ctx,
        "Notes",
        "notes",
        &paged(urls::NOTES, n),
        "The editor's notes",
    );
    let mut ids: Vec<u32> = (0..site.corpus.notes.len() as u32).collect();
    ids.sort_by(|&a, &b| {
        let (x, y) = (
            &site.corpus.notes[a as usize],
            &site.corpus.notes[b as usize],
        );
        y.date.cmp(&x.date).then(x.title.cmp(&y.title))
    });
    let per = site.config.paginate;
    ctx.insert(
        "paginator",
        &paginator(site, urls::NOTES, n, page_count(ids.len(), per)),
    );
    let cards: Vec<tera::Value> = page_slice(&ids, n, per)
        .iter()
        .map(|&n| card(site, ItemRef::Note(n)))
        .collect();
    ctx.insert("notes", &cards);
}
