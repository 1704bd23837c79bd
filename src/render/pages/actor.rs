//! Actor pages (a person's or organisation's timeline, roles and quotes) and the actor
//! indices by kind.

use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::chrome::{PageInfo, Paginator, page_info, paginator};
use super::views::{
    DateGroup, DateInfo, ItemLink, Link, actor_link, date_info, item_link, kind_label, timeline,
    topic_link,
};
use super::{Page, PageContext, SiteView};
use crate::content::ActorKind;
use crate::extract::ActorId;
use crate::render::body::{MentionLinker, Trust, render_markdown};
use crate::render::plan::{page_count, page_slice};
use crate::site::urls;

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
fn role_rows<'a>(site: &'a SiteView<'_>, a: &'a crate::extract::Actor) -> Vec<RoleRow<'a>> {
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

pub(super) fn actor(site: &SiteView<'_>, page: &Page, id: ActorId, n: u32, ctx: &mut PageContext) {
    let a = &site.annotations.actors[id as usize];
    let path = site.actor_path(id);
    let feed = Some(site.url(&format!("{path}atom.xml")));
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
    let per = crate::render::plan::timeline_per_page(site, id);
    ctx.set(&ActorPage {
        page: page_info(site, page, &a.name, actor_description(site, a, items), feed),
        paginator: paginator(site, &path, n, page_count(items.len(), per)),
        actor: ActorView {
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
    });
}

/// The context of an actor's page.
#[derive(Serialize)]
struct ActorPage<'a> {
    page: PageInfo<'a>,
    paginator: Paginator,
    actor: ActorView<'a>,
}

/// The context of a page of an actor index.
#[derive(Serialize)]
struct ActorIndexPage<'a> {
    page: PageInfo<'a>,
    total: usize,
    paginator: Paginator,
    kind: &'static str,
    kind_label: &'static str,
    actors: Vec<Link<'a>>,
}

pub(super) fn actor_index(
    site: &SiteView<'_>,
    page: &Page,
    kind: ActorKind,
    n: u32,
    ctx: &mut PageContext,
) {
    let label = kind_label(kind);
    let base = urls::actor_index(kind);
    let ids = site.shared.actor_order[kind as usize].get_or_init(|| {
        let mut ids: Vec<ActorId> = (0..site.annotations.actors.len() as ActorId)
            .filter(|&i| {
                let a = &site.annotations.actors[i as usize];
                a.kind == kind && (site.actor_counts[i as usize] > 0 || a.profile.is_some())
            })
            .collect();
        ids.sort_by(|&x, &y| {
            let (a, b) = (
                &site.annotations.actors[x as usize],
                &site.annotations.actors[y as usize],
            );
            let (na, nb) = (site.actor_counts[x as usize], site.actor_counts[y as usize]);
            nb.cmp(&na).then(a.name.cmp(&b.name))
        });
        ids
    });
    // Index entries are one line each: four times a timeline's page size.
    let per = site.config.paginate * 4;
    ctx.set(&ActorIndexPage {
        page: page_info(
            site,
            page,
            label,
            format!("{label} in the digest, most often named first"),
            None,
        ),
        total: ids.len(),
        paginator: paginator(site, &base, n, page_count(ids.len(), per)),
        kind: kind.as_str(),
        kind_label: label,
        actors: page_slice(ids, n, per)
            .iter()
            .map(|&i| actor_link(site, i, Some(site.actor_counts[i as usize] as u32)))
            .collect(),
    });
}

/// An actor page's description: the role, then what the timeline holds.
fn actor_description(
    site: &SiteView<'_>,
    a: &crate::extract::Actor,
    items: &[crate::extract::ItemRef],
) -> String {
    let timeline = super::chrome::timeline_description(site, &a.name, items);
    match a.role.as_deref() {
        Some(role) if !timeline.is_empty() => format!("{role}. {timeline}"),
        Some(role) => role.to_string(),
        None => timeline,
    }
}
