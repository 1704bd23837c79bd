//! The page plan and each page's template context.
//!
//! [`plan`] lists every page the site has; [`context`] builds the small context one page
//! needs (never the whole site), so pages render independently and in parallel.

use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::body::{LinkTarget, MentionLinker, Trust, render_markdown, render_paragraphs};
use crate::content::{ActorKind, Body};
use crate::extract::{ActorId, ItemRef, TopicId, TopicKind};
use crate::site::{Site, urls};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageKind {
    Home,
    Day(usize),
    Month(i32, u32),
    Year(i32),
    Archive,
    Article(u32),
    Actor(ActorId),
    ActorIndex(ActorKind),
    Topic(TopicId),
    TopicIndex,
    Note(u32),
    NoteIndex,
    NotFound,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Output-relative page path (`2025/04/18/`), or a file name (`404.html`).
    pub path: String,
    pub kind: PageKind,
}

impl PageKind {
    pub fn template(&self) -> &'static str {
        match self {
            PageKind::Home => "index.html",
            PageKind::Day(_) => "day.html",
            PageKind::Month(..) => "month.html",
            PageKind::Year(_) => "year.html",
            PageKind::Archive => "archive.html",
            PageKind::Article(_) => "article.html",
            PageKind::Actor(_) => "actor.html",
            PageKind::ActorIndex(_) => "actors.html",
            PageKind::Topic(_) => "topic.html",
            PageKind::TopicIndex => "topics.html",
            PageKind::Note(_) => "note.html",
            PageKind::NoteIndex => "notes.html",
            PageKind::NotFound => "404.html",
        }
    }
}

/// Every page of the site.
pub fn plan(site: &Site) -> Vec<Page> {
    let mut pages = vec![
        Page {
            path: String::new(),
            kind: PageKind::Home,
        },
        Page {
            path: urls::ARCHIVE.into(),
            kind: PageKind::Archive,
        },
        Page {
            path: urls::TOPICS.into(),
            kind: PageKind::TopicIndex,
        },
        Page {
            path: urls::NOTES.into(),
            kind: PageKind::NoteIndex,
        },
        Page {
            path: "404.html".into(),
            kind: PageKind::NotFound,
        },
    ];
    for kind in [
        ActorKind::Person,
        ActorKind::Organization,
        ActorKind::Place,
        ActorKind::Other,
    ] {
        if kind == ActorKind::Person
            || site
                .ann
                .actors
                .iter()
                .any(|a| a.kind == kind && a.count > 0)
        {
            pages.push(Page {
                path: urls::actor_index(kind),
                kind: PageKind::ActorIndex(kind),
            });
        }
    }
    let mut years: Vec<i32> = site.days.iter().map(|d| d.date.year()).collect();
    years.dedup();
    for y in years {
        pages.push(Page {
            path: urls::year(y),
            kind: PageKind::Year(y),
        });
    }
    for (y, m) in site.months() {
        pages.push(Page {
            path: urls::month(y, m),
            kind: PageKind::Month(y, m),
        });
    }
    for (i, d) in site.days.iter().enumerate() {
        pages.push(Page {
            path: urls::day(d.date),
            kind: PageKind::Day(i),
        });
    }
    for i in 0..site.corpus.articles.len() as u32 {
        pages.push(Page {
            path: site.article_path(i),
            kind: PageKind::Article(i),
        });
    }
    for i in 0..site.corpus.notes.len() as u32 {
        pages.push(Page {
            path: site.note_path(i),
            kind: PageKind::Note(i),
        });
    }
    for (i, a) in site.ann.actors.iter().enumerate() {
        if a.count > 0 || a.profile.is_some() {
            pages.push(Page {
                path: site.actor_path(i as ActorId),
                kind: PageKind::Actor(i as ActorId),
            });
        }
    }
    for (i, t) in site.ann.topics.iter().enumerate() {
        if t.count > 0 || t.profile.is_some() {
            pages.push(Page {
                path: site.topic_path(i as TopicId),
                kind: PageKind::Topic(i as TopicId),
            });
        }
    }
    pages
}

// ---------------------------------------------------------------------------------------------
// Context pieces shared by many pages.

#[derive(Serialize, Clone)]
pub struct Link<'a> {
    pub name: &'a str,
    pub url: String,
    pub kind: Option<&'static str>,
    pub count: Option<u32>,
    pub role: Option<&'a str>,
}

/// An article or note as listed on day, actor, topic and index pages.
#[derive(Serialize)]
pub struct Card<'a> {
    pub kind: &'static str,
    pub url: String,
    pub title: &'a str,
    pub date: Option<DateInfo>,
    pub lede: &'a str,
    pub actors: Vec<Link<'a>>,
    pub topics: Vec<Link<'a>>,
    pub source: Option<&'a str>,
}

#[derive(Serialize, Clone)]
pub struct DateInfo {
    pub iso: String,
    /// "Friday 18 April 2025"
    pub long: String,
    /// "18 Apr 2025"
    pub short: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct DateGroup<'a> {
    pub date: Option<DateInfo>,
    pub items: Vec<Card<'a>>,
}

#[derive(Serialize)]
pub struct TopicGroup<'a> {
    pub topic: Option<Link<'a>>,
    pub items: Vec<Card<'a>>,
}

#[derive(Serialize)]
struct PageInfo<'a> {
    title: &'a str,
    kind: &'static str,
    /// The navigation section the page belongs to.
    section: &'static str,
    path: &'a str,
    url: String,
    description: &'a str,
}

fn date_info(site: &Site, d: NaiveDate) -> DateInfo {
    DateInfo {
        iso: d.format("%Y-%m-%d").to_string(),
        long: d.format("%A %-d %B %Y").to_string(),
        short: d.format("%-d %b %Y").to_string(),
        url: site.url(&urls::day(d)),
    }
}

fn kind_label(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "People",
        ActorKind::Organization => "Organisations",
        ActorKind::Place => "Places",
        ActorKind::Other => "Other actors",
    }
}

fn actor_link(site: &Site, id: ActorId, count: Option<u32>) -> Link<'_> {
    let a = &site.ann.actors[id as usize];
    Link {
        name: &a.name,
        url: site.url(&site.actor_path(id)),
        kind: Some(a.kind.as_str()),
        count,
        role: a.role.as_deref(),
    }
}

fn topic_link(site: &Site, id: TopicId, count: Option<u32>) -> Link<'_> {
    let t = &site.ann.topics[id as usize];
    Link {
        name: &t.name,
        url: site.url(&site.topic_path(id)),
        kind: None,
        count,
        role: None,
    }
}

const CARD_ACTORS: usize = 5;

fn card(site: &Site, r: ItemRef) -> Card<'_> {
    match r {
        ItemRef::Article(i) => {
            let a = &site.corpus.articles[i as usize];
            Card {
                kind: "article",
                url: site.url(&site.article_path(i)),
                title: &a.title,
                date: Some(date_info(site, a.date)),
                lede: &a.summary,
                actors: site.ann.article_actors[i as usize]
                    .iter()
                    .filter(|m| {
                        !m.minor && site.ann.actors[m.actor as usize].kind != ActorKind::Place
                    })
                    .take(CARD_ACTORS)
                    .map(|m| actor_link(site, m.actor, None))
                    .collect(),
                topics: site.ann.article_topics[i as usize]
                    .iter()
                    .take(2)
                    .map(|&t| topic_link(site, t, None))
                    .collect(),
                source: a.source.as_deref().or(a.credit.as_deref()),
            }
        }
        ItemRef::Note(i) => {
            let n = &site.corpus.notes[i as usize];
            Card {
                kind: "note",
                url: site.url(&site.note_path(i)),
                title: &n.title,
                date: n.date.map(|d| date_info(site, d)),
                lede: &n.summary,
                actors: site.ann.note_actors[i as usize]
                    .iter()
                    .filter(|m| !m.minor)
                    .take(CARD_ACTORS)
                    .map(|m| actor_link(site, m.actor, None))
                    .collect(),
                topics: site.ann.note_topics[i as usize]
                    .iter()
                    .take(2)
                    .map(|&t| topic_link(site, t, None))
                    .collect(),
                source: None,
            }
        }
    }
}

/// Items grouped by date, newest first (items must already be newest first).
fn timeline<'a>(site: &'a Site, items: &[ItemRef]) -> Vec<DateGroup<'a>> {
    let mut groups: Vec<DateGroup<'a>> = Vec::new();
    let mut last: Option<Option<NaiveDate>> = None;
    for &r in items {
        let d = site.item_date(r);
        if last != Some(d) {
            groups.push(DateGroup {
                date: d.map(|d| date_info(site, d)),
                items: Vec::new(),
            });
            last = Some(d);
        }
        groups
            .last_mut()
            .expect("pushed above")
            .items
            .push(card(site, r));
    }
    groups
}

/// A day's items grouped by their main topic, largest group first.
fn day_groups(site: &Site, day: usize) -> Vec<TopicGroup<'_>> {
    let d = &site.days[day];
    let mut groups: Vec<(Option<TopicId>, Vec<ItemRef>)> = Vec::new();
    let mut index: FxHashMap<Option<TopicId>, usize> = FxHashMap::default();
    let items = d
        .articles
        .iter()
        .map(|&i| {
            (
                ItemRef::Article(i),
                site.ann.article_topics[i as usize].first().copied(),
            )
        })
        .chain(d.notes.iter().map(|&i| {
            (
                ItemRef::Note(i),
                site.ann.note_topics[i as usize].first().copied(),
            )
        }));
    for (r, t) in items {
        let g = *index.entry(t).or_insert_with(|| {
            groups.push((t, Vec::new()));
            groups.len() - 1
        });
        groups[g].1.push(r);
    }
    groups.sort_by(|a, b| {
        b.1.len().cmp(&a.1.len()).then_with(|| {
            let name = |t: Option<TopicId>| {
                t.map(|t| site.ann.topics[t as usize].name.as_str())
                    .unwrap_or("")
            };
            name(a.0).cmp(name(b.0))
        })
    });
    groups
        .into_iter()
        .map(|(t, items)| TopicGroup {
            topic: t.map(|t| topic_link(site, t, None)),
            items: items.into_iter().map(|r| card(site, r)).collect(),
        })
        .collect()
}

fn actor_targets(site: &Site, mentions: &[crate::extract::ActorMention]) -> Vec<LinkTarget> {
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
fn related(site: &Site, ai: u32, n: usize) -> Vec<ItemRef> {
    const WINDOW: usize = 200;
    let me = ItemRef::Article(ai);
    let date = site.corpus.articles[ai as usize].date;
    let mut scores: FxHashMap<ItemRef, f32> = FxHashMap::default();
    // Look only at the neighbours in time of each list, so a list of 5,000 stays cheap.
    let mut consider = |list: &[ItemRef], weight: f32| {
        let pos = list.partition_point(|r| site.item_date(*r).is_some_and(|d| d > date));
        let lo = pos.saturating_sub(WINDOW / 2);
        let hi = (pos + WINDOW / 2).min(list.len());
        for &r in &list[lo..hi] {
            if r != me && matches!(r, ItemRef::Article(_)) {
                *scores.entry(r).or_insert(0.0) += weight;
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
    let mut ranked: Vec<(ItemRef, f32)> = scores.into_iter().filter(|(_, s)| *s >= 2.0).collect();
    ranked.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then_with(|| {
                let dist = |r: &ItemRef| {
                    site.item_date(*r)
                        .map(|d| (d - date).num_days().abs())
                        .unwrap_or(i64::MAX)
                };
                dist(&a.0).cmp(&dist(&b.0))
            })
            .then(a.0.cmp(&b.0))
    });
    ranked.into_iter().take(n).map(|(r, _)| r).collect()
}

fn month_name(y: i32, m: u32) -> String {
    NaiveDate::from_ymd_opt(y, m, 1)
        .map(|d| d.format("%B %Y").to_string())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Page contexts.

/// The template and context of one page.
pub fn context(site: &Site, page: &Page) -> tera::Context {
    build_context(site, page, false).tera
}

/// A hash of everything one page shows: two builds give a page the same fingerprint exactly
/// when its context is the same, so only pages whose inputs changed need rendering again.
pub fn fingerprint(site: &Site, page: &Page) -> u64 {
    build_context(site, page, true).fingerprint()
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

fn build_context(site: &Site, page: &Page, hash_only: bool) -> PageContext {
    let mut ctx = PageContext {
        tera: tera::Context::new(),
        hasher: hash_only.then(rustc_hash::FxHasher::default),
    };
    match page.kind {
        PageKind::Home => home(site, &mut ctx),
        PageKind::Day(i) => day(site, i, &mut ctx),
        PageKind::Month(y, m) => month(site, y, m, &mut ctx),
        PageKind::Year(y) => year(site, y, &mut ctx),
        PageKind::Archive => archive(site, &mut ctx),
        PageKind::Article(i) => article(site, i, &mut ctx),
        PageKind::Actor(id) => actor(site, id, &mut ctx),
        PageKind::ActorIndex(kind) => actor_index(site, kind, &mut ctx),
        PageKind::Topic(id) => topic(site, id, &mut ctx),
        PageKind::TopicIndex => topic_index(site, &mut ctx),
        PageKind::Note(i) => note(site, i, &mut ctx),
        PageKind::NoteIndex => note_index(site, &mut ctx),
        PageKind::NotFound => set_page(site, &mut ctx, "Page not found", "404", &page.path, ""),
    }
    ctx
}

fn set_page(
    site: &Site,
    ctx: &mut PageContext,
    title: &str,
    kind: &'static str,
    path: &str,
    description: &str,
) {
    let section = match kind {
        "day" | "month" | "year" | "archive" => "archive",
        "topic" | "topics" => "topics",
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
            description,
        },
    );
}

fn top_actors<'a>(site: &'a Site, kind: ActorKind, items: &[ItemRef], n: usize) -> Vec<Link<'a>> {
    let mut counts: FxHashMap<ActorId, u32> = FxHashMap::default();
    for r in items {
        let mentions = match *r {
            ItemRef::Article(i) => &site.ann.article_actors[i as usize],
            ItemRef::Note(i) => &site.ann.note_actors[i as usize],
        };
        for m in mentions.iter().filter(|m| !m.minor) {
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

fn top_topics<'a>(site: &'a Site, items: &[ItemRef], n: usize) -> Vec<Link<'a>> {
    let mut counts: FxHashMap<TopicId, u32> = FxHashMap::default();
    for r in items {
        let topics = match *r {
            ItemRef::Article(i) => &site.ann.article_topics[i as usize],
            ItemRef::Note(i) => &site.ann.note_topics[i as usize],
        };
        for &t in topics {
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

fn day_items(site: &Site, i: usize) -> impl Iterator<Item = ItemRef> + '_ {
    let d = &site.days[i];
    d.articles
        .iter()
        .map(|&a| ItemRef::Article(a))
        .chain(d.notes.iter().map(|&n| ItemRef::Note(n)))
}

#[derive(Serialize)]
struct DaySummary<'a> {
    date: DateInfo,
    count: usize,
    items: Vec<Card<'a>>,
}

fn home(site: &Site, ctx: &mut PageContext) {
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
            count: site.days[i].articles.len() + site.days[i].notes.len(),
            items: day_items(site, i).take(12).map(|r| card(site, r)).collect(),
        })
        .collect();
    let window: Vec<ItemRef> = site
        .days
        .iter()
        .enumerate()
        .filter(|(_, d)| d.date >= from)
        .flat_map(|(i, _)| day_items(site, i))
        .collect();
    ctx.insert(
        "latest",
        &serde_json::json!({
            "date": date_info(site, latest_date),
            "groups": day_groups(site, latest),
            "count": site.days[latest].articles.len() + site.days[latest].notes.len(),
        }),
    );
    ctx.insert("week", &week);
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
    });
    let recent: Vec<Card<'_>> = notes
        .into_iter()
        .take(5)
        .map(|n| card(site, ItemRef::Note(n)))
        .collect();
    ctx.insert("recent_notes", &recent);
}

fn day(site: &Site, i: usize, ctx: &mut PageContext) {
    let d = site.days[i].date;
    let info = date_info(site, d);
    set_page(site, ctx, &info.long, "day", &urls::day(d), "");
    ctx.insert("date", &info);
    ctx.insert("groups", &day_groups(site, i));
    ctx.insert(
        "count",
        &(site.days[i].articles.len() + site.days[i].notes.len()),
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
struct DayLink {
    date: DateInfo,
    count: usize,
    headlines: Vec<String>,
}

fn days_in(site: &Site, pred: impl Fn(NaiveDate) -> bool) -> Vec<DayLink> {
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

fn month(site: &Site, y: i32, m: u32, ctx: &mut PageContext) {
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

fn months_of(site: &Site, y: i32) -> Vec<MonthLink> {
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

fn year(site: &Site, y: i32, ctx: &mut PageContext) {
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

fn archive(site: &Site, ctx: &mut PageContext) {
    set_page(
        site,
        ctx,
        "Archive",
        "archive",
        urls::ARCHIVE,
        "Every day in the digest",
    );
    let mut years: Vec<i32> = site.days.iter().map(|d| d.date.year()).collect();
    years.dedup();
    let years: Vec<serde_json::Value> = years
        .into_iter()
        .rev()
        .map(|y| {
            let months: Vec<serde_json::Value> = site
                .months()
                .into_iter()
                .filter(|&(yy, _)| yy == y)
                .rev()
                .map(|(y, m)| {
                    serde_json::json!({
                        "name": month_name(y, m),
                        "url": site.url(&urls::month(y, m)),
                        "days": days_in(site, |d| d.year() == y && d.month() == m),
                    })
                })
                .collect();
            serde_json::json!({"name": y.to_string(), "url": site.url(&urls::year(y)), "months": months})
        })
        .collect();
    ctx.insert("years", &years);
    ctx.insert("total_days", &site.days.len());
    ctx.insert("total_articles", &site.corpus.articles.len());
}

fn article(site: &Site, i: u32, ctx: &mut PageContext) {
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
    ctx.insert(
        "article",
        &serde_json::json!({
            "id": a.id,
            "title": a.title,
            "summary": a.summary,
            "date": date_info(site, a.date),
            "published": a.published.map(|p| p.to_rfc3339()),
            "source": a.source,
            "source_url": a.url.as_deref().filter(|u| u.starts_with("http://") || u.starts_with("https://")),
            "author": a.author,
            "credit": a.credit,
            "body": body,
            "people": link_kind(ActorKind::Person),
            "orgs": link_kind(ActorKind::Organization),
            "places": link_kind(ActorKind::Place),
            "others": link_kind(ActorKind::Other),
            "mentioned": in_passing,
            "topics": site.ann.article_topics[i as usize].iter().map(|&t| topic_link(site, t, None)).collect::<Vec<_>>(),
            "related": related(site, i, 6).into_iter().map(|r| card(site, r)).collect::<Vec<_>>(),
            "cited_by": site.article_cited_by[i as usize].iter().map(|&n| card(site, ItemRef::Note(n))).collect::<Vec<_>>(),
        }),
    );
    // Neighbours on the same day, for reading straight through a briefing.
    let day = &site.days[day_index];
    let pos = day.articles.iter().position(|&x| x == i);
    let neighbour = |p: Option<usize>| {
        p.and_then(|p| day.articles.get(p)).map(|&x| {
            serde_json::json!({"title": site.corpus.articles[x as usize].title, "url": site.url(&site.article_path(x))})
        })
    };
    ctx.insert("prev", &neighbour(pos.and_then(|p| p.checked_sub(1))));
    ctx.insert("next", &neighbour(pos.map(|p| p + 1)));
}

#[derive(Serialize)]
struct RoleRow<'a> {
    role: &'a str,
    first: DateInfo,
    last: DateInfo,
    times: usize,
}

fn actor(site: &Site, id: ActorId, ctx: &mut PageContext) {
    let a = &site.ann.actors[id as usize];
    let path = site.actor_path(id);
    set_page(
        site,
        ctx,
        &a.name,
        "actor",
        &path,
        a.role.as_deref().unwrap_or(""),
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
    // Distinct roles with the first and last date each was seen.
    let mut roles: Vec<RoleRow<'_>> = Vec::new();
    for r in &a.roles_seen {
        match roles.iter_mut().find(|x| x.role == r.role) {
            Some(row) => {
                row.last = date_info(site, r.date);
                row.times += 1;
            }
            None => roles.push(RoleRow {
                role: &r.role,
                first: date_info(site, r.date),
                last: date_info(site, r.date),
                times: 1,
            }),
        }
    }
    roles.sort_by(|x, y| y.last.iso.cmp(&x.last.iso));
    let item_link = |r: ItemRef| match r {
        ItemRef::Article(i) => {
            serde_json::json!({"title": site.corpus.articles[i as usize].title, "url": site.url(&site.article_path(i))})
        }
        ItemRef::Note(i) => {
            serde_json::json!({"title": site.corpus.notes[i as usize].title, "url": site.url(&site.note_path(i))})
        }
    };
    let quotes: Vec<serde_json::Value> = a
        .quotes
        .iter()
        .rev()
        .take(50)
        .map(|q| serde_json::json!({"text": q.text, "date": date_info(site, q.date), "item": item_link(q.item)}))
        .collect();
    let items = &site.actor_items[id as usize];
    ctx.insert(
        "actor",
        &serde_json::json!({
            "name": a.name,
            "kind": a.kind.as_str(),
            "kind_label": kind_label(a.kind),
            "index_url": site.url(&urls::actor_index(a.kind)),
            "role": a.role,
            "roles": roles,
            "aliases": a.aliases,
            "bio": bio,
            "count": items.len(),
            "timeline": timeline(site, items),
            "co_actors": site.co_actors[id as usize].iter().take(12).map(|&(o, c)| actor_link(site, o, Some(c))).collect::<Vec<_>>(),
            "topics": site.actor_topics[id as usize].iter().take(12).map(|&(t, c)| topic_link(site, t, Some(c))).collect::<Vec<_>>(),
            "quotes": quotes,
        }),
    );
}

fn actor_index(site: &Site, kind: ActorKind, ctx: &mut PageContext) {
    let label = kind_label(kind);
    set_page(site, ctx, label, "actors", &urls::actor_index(kind), "");
    let mut ids: Vec<ActorId> = (0..site.ann.actors.len() as ActorId)
        .filter(|&i| {
            let a = &site.ann.actors[i as usize];
            a.kind == kind && (a.count > 0 || a.profile.is_some())
        })
        .collect();
    ids.sort_by(|&x, &y| {
        let (a, b) = (&site.ann.actors[x as usize], &site.ann.actors[y as usize]);
        b.count.cmp(&a.count).then(a.name.cmp(&b.name))
    });
    let actors: Vec<Link<'_>> = ids
        .into_iter()
        .map(|i| actor_link(site, i, Some(site.ann.actors[i as usize].count as u32)))
        .collect();
    ctx.insert("kind", kind.as_str());
    ctx.insert("kind_label", label);
    ctx.insert("actors", &actors);
}

fn topic(site: &Site, id: TopicId, ctx: &mut PageContext) {
    let t = &site.ann.topics[id as usize];
    set_page(site, ctx, &t.name, "topic", &site.topic_path(id), "");
    let description = t.profile.map(|p| {
        render_markdown(
            &site.corpus.topic_profiles[p].description,
            site,
            &mut MentionLinker::new(Vec::new()),
            Trust::Trusted,
        )
    });
    let items = &site.topic_items[id as usize];
    let first = items
        .last()
        .and_then(|r| site.item_date(*r))
        .map(|d| date_info(site, d));
    let last = items
        .first()
        .and_then(|r| site.item_date(*r))
        .map(|d| date_info(site, d));
    ctx.insert(
        "topic",
        &serde_json::json!({
            "name": t.name,
            "kind": t.kind.as_str(),
            "kind_label": t.kind.label(),
            "terms": t.terms,
            "description": description,
            "count": items.len(),
            "first": first,
            "last": last,
            "timeline": timeline(site, items),
            "people": top_actors(site, ActorKind::Person, items, 12),
            "orgs": top_actors(site, ActorKind::Organization, items, 8),
        }),
    );
}

fn topic_index(site: &Site, ctx: &mut PageContext) {
    set_page(
        site,
        ctx,
        "Topics",
        "topics",
        urls::TOPICS,
        "Curated topics and running stories",
    );
    let mut ids: Vec<TopicId> = (0..site.ann.topics.len() as TopicId)
        .filter(|&i| {
            site.ann.topics[i as usize].count > 0 || site.ann.topics[i as usize].profile.is_some()
        })
        .collect();
    ids.sort_by(|&x, &y| {
        let (a, b) = (&site.ann.topics[x as usize], &site.ann.topics[y as usize]);
        b.count.cmp(&a.count).then(a.name.cmp(&b.name))
    });
    let of_kind = |k: TopicKind| -> Vec<TopicId> {
        ids.iter()
            .copied()
            .filter(|&i| site.ann.topics[i as usize].kind == k)
            .collect()
    };
    let (curated, themes, stories) = (
        of_kind(TopicKind::Curated),
        of_kind(TopicKind::Theme),
        of_kind(TopicKind::Story),
    );
    let links = |v: Vec<TopicId>| -> Vec<Link<'_>> {
        v.into_iter()
            .map(|i| topic_link(site, i, Some(site.ann.topics[i as usize].count as u32)))
            .collect()
    };
    ctx.insert("curated", &links(curated));
    ctx.insert("themes", &links(themes));
    ctx.insert("stories", &links(stories));
}

fn note(site: &Site, i: u32, ctx: &mut PageContext) {
    let n = &site.corpus.notes[i as usize];
    set_page(site, ctx, &n.title, "note", &site.note_path(i), &n.summary);
    let mentions = &site.ann.note_actors[i as usize];
    let mut linker = MentionLinker::new(actor_targets(site, mentions));
    let body = render_markdown(&n.body, site, &mut linker, Trust::Trusted);
    ctx.insert(
        "note",
        &serde_json::json!({
            "title": n.title,
            "date": n.date.map(|d| date_info(site, d)),
            "body": body,
            "actors": mentions.iter().map(|m| actor_link(site, m.actor, None)).collect::<Vec<_>>(),
            "topics": site.ann.note_topics[i as usize].iter().map(|&t| topic_link(site, t, None)).collect::<Vec<_>>(),
            "cites": site.note_cites[i as usize].iter().map(|&a| card(site, ItemRef::Article(a))).collect::<Vec<_>>(),
            "backlinks": site.note_backlinks[i as usize].iter().map(|&o| card(site, ItemRef::Note(o))).collect::<Vec<_>>(),
        }),
    );
}

fn note_index(site: &Site, ctx: &mut PageContext) {
    set_page(
        site,
        ctx,
        "Notes",
        "notes",
        urls::NOTES,
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
    let cards: Vec<Card<'_>> = ids
        .into_iter()
        .map(|n| card(site, ItemRef::Note(n)))
        .collect();
    ctx.insert("notes", &cards);
}
