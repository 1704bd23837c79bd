//! The home page: the latest day's briefing, the week before it, running stories and the
//! most mentioned people, organisations and topics of the recent window.

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::chrome::{PageInfo, page_info};
use super::dates::{day_items, day_order, regroup};
use super::views::{DateInfo, Link, TopicGroup, card, date_info, top_actor_links, top_topic_links};
use super::{Page, PageContext, SiteView};
use crate::content::ActorKind;
use crate::extract::{ItemRef, TopicId, TopicKind};
use crate::render::plan::{day_len, page_slice};

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
fn lead_stories<'a>(site: &'a SiteView<'_>, window: &[ItemRef], n: usize) -> Vec<LeadStory<'a>> {
    let mut recent: FxHashMap<TopicId, usize> = FxHashMap::default();
    for &r in window {
        for &t in site.item_topics(r) {
            if site.annotations.topics[t as usize].kind == TopicKind::Story {
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
                site.annotations.topics[a.0 as usize]
                    .name
                    .cmp(&site.annotations.topics[b.0 as usize].name)
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
                name: &site.annotations.topics[t as usize].name,
                url: &site.links.topic[t as usize],
                count: items.len(),
                recent: in_window,
                latest: card(site, newest),
                people: top_actor_links(site, ActorKind::Person, recent_items, 3)
                    .into_iter()
                    .chain(top_actor_links(
                        site,
                        ActorKind::Organization,
                        recent_items,
                        2,
                    ))
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

/// The context of the home page.
#[derive(Serialize)]
struct HomePage<'a> {
    page: PageInfo<'a>,
    /// The latest day's briefing; `None` for a site without items.
    latest: Option<Latest<'a>>,
    week: Vec<DaySummary<'a>>,
    stories: Vec<LeadStory<'a>>,
    top_people: Vec<Link<'a>>,
    top_orgs: Vec<Link<'a>>,
    top_topics: Vec<Link<'a>>,
    recent_notes: Vec<tera::Value>,
}

pub(super) fn home(site: &SiteView<'_>, page: &Page, ctx: &mut PageContext) {
    let chrome = page_info(
        site,
        page,
        &site.config.title,
        &site.config.description,
        None,
    );
    let Some(latest) = site.days.len().checked_sub(1) else {
        ctx.set(&HomePage {
            page: chrome,
            latest: None,
            week: Vec::new(),
            stories: Vec::new(),
            top_people: Vec::new(),
            top_orgs: Vec::new(),
            top_topics: Vec::new(),
            recent_notes: Vec::new(),
        });
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
    let mut notes: Vec<u32> = (0..site.corpus.notes.len() as u32).collect();
    notes.sort_by(|a, b| {
        site.corpus.notes[*b as usize]
            .date
            .cmp(&site.corpus.notes[*a as usize].date)
            .then(a.cmp(b))
    });
    ctx.set(&HomePage {
        page: chrome,
        latest: Some(Latest {
            date: date_info(site, latest_date),
            groups: regroup(site, shown),
            count: order.len(),
            more: order.len() > shown.len(),
        }),
        week,
        stories: lead_stories(site, &window, 5),
        top_people: top_actor_links(site, ActorKind::Person, &window, 12),
        top_orgs: top_actor_links(site, ActorKind::Organization, &window, 8),
        top_topics: top_topic_links(site, &window, 12),
        recent_notes: notes
            .into_iter()
            .take(5)
            .map(|n| card(site, ItemRef::Note(n)))
            .collect(),
    });
}
