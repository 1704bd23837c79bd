//! Date pages: a day's briefing (items grouped by story or section), month and year pages,
//! and the archive.

use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::chrome::{paginator, set_page};
use super::views::{DateInfo, TopicGroup, card, date_info, runs, top_actor_links, topic_link};
use super::{Cx, Page, PageContext};
use crate::content::ActorKind;
use crate::extract::{ItemRef, TopicId, TopicKind};
use crate::render::plan::{archive_per_page, page_count, page_slice};
use crate::site::urls;

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
pub(super) fn day_order(site: &Cx<'_>, day: usize) -> Vec<(Option<TopicId>, ItemRef)> {
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
                group_topic(site, &site.ann.note_topics[i as usize]),
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
pub(super) fn regroup<'a>(
    site: &'a Cx<'_>,
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

pub(super) fn day_items<'a>(site: &'a Cx<'_>, i: usize) -> impl Iterator<Item = ItemRef> + 'a {
    let d = &site.days[i];
    d.articles
        .iter()
        .map(|&a| ItemRef::Article(a))
        .chain(d.notes.iter().map(|&n| ItemRef::Note(n)))
}

pub(super) fn day(site: &Cx<'_>, page: &Page, i: usize, n: u32, ctx: &mut PageContext) {
    let d = site.days[i].date;
    let info = date_info(site, d);
    let base = urls::day(d);
    set_page(site, ctx, page, &info.long, "");
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
        &top_actor_links(site, ActorKind::Person, &items, 10),
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

pub(super) fn month(site: &Cx<'_>, page: &Page, y: i32, m: u32, ctx: &mut PageContext) {
    let name = month_name(y, m);
    set_page(site, ctx, page, &name, "");
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

pub(super) fn year(site: &Cx<'_>, page: &Page, y: i32, ctx: &mut PageContext) {
    let name = y.to_string();
    set_page(site, ctx, page, &name, "");
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

pub(super) fn archive(site: &Cx<'_>, page: &Page, n: u32, ctx: &mut PageContext) {
    let per = archive_per_page(site);
    let total = page_count(site.days.len(), per);
    set_page(site, ctx, page, "Archive", "Every day in the digest");
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
