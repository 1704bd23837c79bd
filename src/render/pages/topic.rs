//! Topic pages (curated topics, sections and running stories) and the topic index.

use serde::Serialize;

use super::chrome::{PageInfo, Paginator, page_info, paginator};
use super::views::{
    DateGroup, DateInfo, Link, card, date_info, timeline, top_actor_links, topic_link,
};
use super::{Page, PageContext, SiteView};
use crate::content::ActorKind;
use crate::extract::{TopicId, TopicKind};
use crate::render::body::{MentionLinker, Trust, render_markdown};
use crate::render::plan::{page_count, page_slice};
use crate::site::urls;

pub(super) fn topic(site: &SiteView<'_>, page: &Page, id: TopicId, n: u32, ctx: &mut PageContext) {
    let t = &site.annotations.topics[id as usize];
    let path = site.topic_path(id);
    let feed = Some(site.url(&format!("{path}atom.xml")));
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
                tera::Value::from_serializable(&top_actor_links(
                    site,
                    ActorKind::Person,
                    recent,
                    12,
                )),
                tera::Value::from_serializable(&top_actor_links(
                    site,
                    ActorKind::Organization,
                    recent,
                    8,
                )),
            )
        })
        .clone();
    ctx.set(&TopicPage {
        page: page_info(
            site,
            page,
            &t.name,
            super::chrome::timeline_description(site, &t.name, items),
            feed,
        ),
        paginator: paginator(site, &path, n, page_count(items.len(), per)),
        topic: TopicView {
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
    });
}

/// The context of a topic's page.
#[derive(Serialize)]
struct TopicPage<'a> {
    page: PageInfo<'a>,
    paginator: Paginator,
    topic: TopicView<'a>,
}

/// The context of a page of the topic index.
#[derive(Serialize)]
struct TopicIndexPage<'a> {
    page: PageInfo<'a>,
    paginator: Paginator,
    total_stories: usize,
    curated: Vec<Link<'a>>,
    sections: Vec<Link<'a>>,
    stories: Vec<Link<'a>>,
}

/// A section's sub-sections, largest first.
fn subsections<'a>(site: &'a SiteView<'_>, id: TopicId) -> Vec<Link<'a>> {
    // Only sections have sub-sections; scanning the topic list for every other topic's page
    // would cost the square of the topics (one item may declare thousands).
    if site.annotations.topics[id as usize].kind != TopicKind::Section {
        return Vec::new();
    }
    let mut subs: Vec<TopicId> = (0..site.annotations.topics.len() as TopicId)
        .filter(|&c| site.annotations.topics[c as usize].parent == Some(id))
        .collect();
    subs.sort_by_key(|&c| std::cmp::Reverse(site.topic_counts[c as usize]));
    subs.into_iter()
        .map(|c| topic_link(site, c, Some(site.topic_counts[c as usize] as u32)))
        .collect()
}

/// The running stories of a section's items, latest first (items are newest first).
fn section_stories<'a>(site: &'a SiteView<'_>, id: TopicId, n: usize) -> Vec<Link<'a>> {
    if !matches!(
        site.annotations.topics[id as usize].kind,
        TopicKind::Section | TopicKind::Subsection
    ) {
        return Vec::new();
    }
    let mut order: Vec<TopicId> = Vec::new();
    for &r in &site.topic_items[id as usize] {
        for &c in site.item_topics(r) {
            if site.annotations.topics[c as usize].kind == TopicKind::Story && !order.contains(&c) {
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
pub(super) type TopicOrder = (Vec<TopicId>, Vec<TopicId>, Vec<TopicId>);

fn topic_order(site: &SiteView<'_>) -> TopicOrder {
    let mut ids: Vec<TopicId> = (0..site.annotations.topics.len() as TopicId)
        .filter(|&i| {
            site.topic_counts[i as usize] > 0
                || site.annotations.topics[i as usize].profile.is_some()
        })
        .collect();
    ids.sort_by(|&x, &y| {
        let (a, b) = (
            &site.annotations.topics[x as usize],
            &site.annotations.topics[y as usize],
        );
        let (na, nb) = (site.topic_counts[x as usize], site.topic_counts[y as usize]);
        nb.cmp(&na).then(a.name.cmp(&b.name))
    });
    let of_kind = |k: TopicKind| -> Vec<TopicId> {
        ids.iter()
            .copied()
            .filter(|&i| site.annotations.topics[i as usize].kind == k)
            .collect()
    };
    (
        of_kind(TopicKind::Curated),
        of_kind(TopicKind::Section),
        of_kind(TopicKind::Story),
    )
}

pub(super) fn topic_index(site: &SiteView<'_>, page: &Page, n: u32, ctx: &mut PageContext) {
    let (curated, sections, stories) = site.shared.topic_order.get_or_init(|| topic_order(site));
    let links = |v: &[TopicId]| -> Vec<Link<'_>> {
        v.iter()
            .copied()
            .map(|i| topic_link(site, i, Some(site.topic_counts[i as usize] as u32)))
            .collect()
    };
    // Curated topics and sections are few: page 1 lists them; the stories are paginated.
    let per = site.config.paginate;
    let first_page = n == 1;
    ctx.set(&TopicIndexPage {
        page: page_info(
            site,
            page,
            "Topics",
            "Curated topics, sections and running stories",
            None,
        ),
        paginator: paginator(site, urls::TOPICS, n, page_count(stories.len(), per)),
        total_stories: stories.len(),
        curated: links(if first_page { curated } else { &[] }),
        sections: links(if first_page { sections } else { &[] }),
        stories: links(page_slice(stories, n, per)),
    });
}
