//! Date pages: a day's briefing (items grouped by story or section), month and year pages,
//! and the archive.

use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::chrome::{PageInfo, Paginator, page_info, paginator};
use super::views::{
    DateInfo, Link, TopicGroup, card, date_info, list_title, runs, top_actor_links, topic_link,
};
use super::{Page, PageContext, SiteView};
use crate::content::ActorKind;
use crate::extract::{ItemRef, TopicId, TopicKind};
use crate::render::plan::{archive_per_page, page_count, page_slice};
use crate::site::urls;

/// The topic an item is listed under on day pages: its running story, else its main section,
/// else its main topic.
fn group_topic(site: &SiteView<'_>, topics: &[TopicId]) -> Option<TopicId> {
    let of_kind = |k: TopicKind| {
        topics
            .iter()
            .copied()
            .find(|&t| site.annotations.topics[t as usize].kind == k)
    };
    of_kind(TopicKind::Story)
        .or_else(|| of_kind(TopicKind::Section))
        .or_else(|| topics.first().copied())
}

/// A day's items in display order: grouped by story (else main section), stories first, then
/// largest group first.
pub(super) fn day_order(site: &SiteView<'_>, day: usize) -> Vec<(Option<TopicId>, ItemRef)> {
    let d = &site.days[day];
    let mut groups: Vec<(Option<TopicId>, Vec<ItemRef>)> = Vec::new();
    let mut index: FxHashMap<Option<TopicId>, usize> = FxHashMap::default();
    let items = d
        .articles
        .iter()
        .map(|&i| {
            (
                ItemRef::Article(i),
                group_topic(site, &site.annotations.article_topics[i as usize]),
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
        t.is_some_and(|t| site.annotations.topics[t as usize].kind == TopicKind::Story)
    };
    groups.sort_by(|a, b| {
        is_story(b.0)
            .cmp(&is_story(a.0))
            .then(b.1.len().cmp(&a.1.len()))
            .then_with(|| {
                let name = |t: Option<TopicId>| {
                    t.map(|t| site.annotations.topics[t as usize].name.as_str())
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
pub(super) fn regroup<'a>(
    site: &'a SiteView<'_>,
    items: &[(Option<TopicId>, ItemRef)],
) -> Vec<TopicGroup<'a>> {
    runs(items.iter().copied())
        .into_iter()
        .map(|(t, items)| TopicGroup {
            topic: t.map(|t| topic_link(site, t, None)),
            items: items.into_iter().map(|r| card(site, r)).collect(),
        })
        .collect()
}

/// "March 2024": the month names the date labels use (chrono's `%B %Y` gave the same, with its
/// format string parsed on every call).
pub(super) fn month_name(y: i32, m: u32) -> String {
    NaiveDate::from_ymd_opt(y, m, 1)
        .map(|_| {
            format!(
                "{} {y:04}",
                crate::lang::Lexicon::get().months()[m as usize - 1]
            )
        })
        .unwrap_or_default()
}

pub(super) fn day_items<'a>(
    site: &'a SiteView<'_>,
    i: usize,
) -> impl Iterator<Item = ItemRef> + 'a {
    let d = &site.days[i];
    d.articles
        .iter()
        .map(|&a| ItemRef::Article(a))
        .chain(d.notes.iter().map(|&n| ItemRef::Note(n)))
}

/// A month's or year's page, as day, month and year pages link to it.
#[derive(Serialize)]
struct NamedLink {
    name: String,
    url: String,
}

fn month_link(site: &SiteView<'_>, y: i32, m: u32) -> NamedLink {
    NamedLink {
        name: month_name(y, m),
        url: site.url(&urls::month(y, m)),
    }
}

fn year_link(site: &SiteView<'_>, y: i32) -> NamedLink {
    NamedLink {
        name: y.to_string(),
        url: site.url(&urls::year(y)),
    }
}

/// The context of a day page.
#[derive(Serialize)]
struct DayPage<'a> {
    page: PageInfo<'a>,
    date: DateInfo<'a>,
    groups: Vec<TopicGroup<'a>>,
    count: usize,
    paginator: Paginator,
    prev: Option<DateInfo<'a>>,
    next: Option<DateInfo<'a>>,
    month: NamedLink,
    year: NamedLink,
    top_people: Vec<Link<'a>>,
}

pub(super) fn day(site: &SiteView<'_>, page: &Page, i: usize, n: u32, ctx: &mut PageContext) {
    let d = site.days[i].date;
    let title = date_info(site, d);
    let order = day_order(site, i);
    let per = site.config.paginate;
    let items: Vec<ItemRef> = day_items(site, i).collect();
    ctx.set(&DayPage {
        page: page_info(
            site,
            page,
            &title.long,
            day_description(site, &title.long, &items),
            None,
        ),
        date: date_info(site, d),
        groups: regroup(site, page_slice(&order, n, per)),
        count: order.len(),
        paginator: paginator(site, &urls::day(d), n, page_count(order.len(), per)),
        prev: i.checked_sub(1).map(|p| date_info(site, site.days[p].date)),
        next: site.days.get(i + 1).map(|n| date_info(site, n.date)),
        month: month_link(site, d.year(), d.month()),
        year: year_link(site, d.year()),
        top_people: top_actor_links(site, ActorKind::Person, &items, 10),
    });
}

#[derive(Serialize)]
struct DayLink<'a> {
    date: DateInfo<'a>,
    count: usize,
    headlines: Vec<String>,
}

fn days_in<'a>(site: &'a SiteView<'_>, pred: impl Fn(NaiveDate) -> bool) -> Vec<DayLink<'a>> {
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
                .map(|&a| list_title(&site.corpus.articles[a as usize].title).into_owned())
                .collect(),
        })
        .collect()
}

/// The context of a month page.
#[derive(Serialize)]
struct MonthPage<'a> {
    page: PageInfo<'a>,
    name: &'a str,
    days: Vec<DayLink<'a>>,
    prev: Option<NamedLink>,
    next: Option<NamedLink>,
    year: NamedLink,
}

pub(super) fn month(site: &SiteView<'_>, page: &Page, y: i32, m: u32, ctx: &mut PageContext) {
    let name = month_name(y, m);
    let months = site.months();
    let pos = months.iter().position(|&x| x == (y, m));
    let link = |ym: Option<&(i32, u32)>| ym.map(|&(y, m)| month_link(site, y, m));
    ctx.set(&MonthPage {
        page: page_info(
            site,
            page,
            &name,
            format!("Every day of {name} in the digest, with its articles and notes"),
            None,
        ),
        name: &name,
        days: days_in(site, |d| d.year() == y && d.month() == m),
        prev: link(
            pos.and_then(|p| p.checked_sub(1))
                .and_then(|p| months.get(p)),
        ),
        next: link(pos.and_then(|p| months.get(p + 1))),
        year: year_link(site, y),
    });
}

#[derive(Serialize)]
struct MonthLink {
    name: String,
    url: String,
    count: usize,
    days: usize,
}

fn months_of(site: &SiteView<'_>, y: i32) -> Vec<MonthLink> {
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

/// The context of a year page.
#[derive(Serialize)]
struct YearPage<'a> {
    page: PageInfo<'a>,
    name: &'a str,
    months: Vec<MonthLink>,
    prev: Option<NamedLink>,
    next: Option<NamedLink>,
}

pub(super) fn year(site: &SiteView<'_>, page: &Page, y: i32, ctx: &mut PageContext) {
    let name = y.to_string();
    let mut years: Vec<i32> = site.days.iter().map(|d| d.date.year()).collect();
    years.dedup();
    let pos = years.iter().position(|&x| x == y);
    let link = |yy: Option<&i32>| yy.map(|&y| year_link(site, y));
    ctx.set(&YearPage {
        page: page_info(
            site,
            page,
            &name,
            format!("Every month of {name} in the digest"),
            None,
        ),
        name: &name,
        months: months_of(site, y),
        prev: link(
            pos.and_then(|p| p.checked_sub(1))
                .and_then(|p| years.get(p)),
        ),
        next: link(pos.and_then(|p| years.get(p + 1))),
    });
}

/// The archive's months, grouped by year.
#[derive(Serialize)]
struct ArchiveYear<'a> {
    name: String,
    url: String,
    months: Vec<ArchiveMonth<'a>>,
}

#[derive(Serialize)]
struct ArchiveMonth<'a> {
    name: String,
    url: String,
    days: Vec<DayLink<'a>>,
}

/// The context of an archive page.
#[derive(Serialize)]
struct ArchivePage<'a> {
    page: PageInfo<'a>,
    years: Vec<ArchiveYear<'a>>,
    total_days: usize,
    total_articles: usize,
    paginator: Paginator,
}

pub(super) fn archive(site: &SiteView<'_>, page: &Page, n: u32, ctx: &mut PageContext) {
    let per = archive_per_page(site);
    let total = page_count(site.days.len(), per);
    // Newest first; this page's days, grouped by year and month.
    let newest: Vec<&crate::site::Day> = site.days.iter().rev().collect();
    let shown = page_slice(&newest, n, per);
    let mut years: Vec<ArchiveYear<'_>> = Vec::new();
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
    let mut by_year: Vec<(i32, Vec<ArchiveMonth<'_>>)> = Vec::new();
    for (y, m, days) in months {
        let NamedLink { name, url } = month_link(site, y, m);
        let month = ArchiveMonth { name, url, days };
        match by_year.last_mut() {
            Some((yy, list)) if *yy == y => list.push(month),
            _ => by_year.push((y, vec![month])),
        }
    }
    for (y, months) in by_year {
        let NamedLink { name, url } = year_link(site, y);
        years.push(ArchiveYear { name, url, months });
    }
    ctx.set(&ArchivePage {
        page: page_info(site, page, "Archive", "Every day in the digest", None),
        years,
        total_days: site.days.len(),
        total_articles: site.corpus.articles.len(),
        paginator: paginator(site, urls::ARCHIVE, n, total),
    });
}

/// A day page's description: how many items, and the first headlines.
fn day_description(site: &SiteView<'_>, day: &str, items: &[ItemRef]) -> String {
    let titles: Vec<&str> = items
        .iter()
        .take(3)
        .map(|&r| match r {
            ItemRef::Article(i) => site.corpus.articles[i as usize].title.as_str(),
            ItemRef::Note(i) => site.corpus.notes[i as usize].title.as_str(),
        })
        .collect();
    let n = items.len();
    format!(
        "{n} item{} on {day}: {}",
        if n == 1 { "" } else { "s" },
        titles.join("; ")
    )
}

#[cfg(test)]
mod tests {
    use super::month_name;

    #[test]
    fn month_names_as_date_labels_write_them() {
        assert_eq!(month_name(2024, 3), "March 2024");
        assert_eq!(month_name(987, 12), "December 0987");
        // No such month: no name rather than a panic.
        assert_eq!(month_name(2024, 13), "");
        assert_eq!(month_name(2024, 0), "");
    }
}
