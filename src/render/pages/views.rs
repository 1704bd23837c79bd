//! View pieces many pages share: links, cards and timelines, made once per build through
//! the [`Shared`](super::Shared) cache and cloned into each page.

use std::borrow::Cow;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::Serialize;

use super::SiteView;
use crate::content::ActorKind;
use crate::extract::{ActorId, ItemRef, TopicId};
use crate::render::body::LinkTarget;

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
    /// The title, shortened at a word boundary when long ([`list_title`]).
    pub title: Cow<'a, str>,
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

pub(super) fn date_info<'a>(site: &'a SiteView<'_>, d: NaiveDate) -> DateInfo<'a> {
    site.date_label(d)
}

pub(super) fn kind_label(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "People",
        ActorKind::Organization => "Organisations",
        ActorKind::Place => "Places",
        ActorKind::Other => "Other actors",
    }
}

pub(super) fn actor_link<'a>(site: &'a SiteView<'_>, id: ActorId, count: Option<u32>) -> Link<'a> {
    let a = &site.annotations.actors[id as usize];
    Link {
        name: &a.name,
        url: &site.links.actor[id as usize],
        kind: Some(a.kind.as_str()),
        count,
        role: a.role.as_deref(),
    }
}

/// An actor's link as one item mentions it: with the role that item gives the actor ("the
/// mayor"), else the role its profile gives. Not the latest role the collection has seen: the
/// item's page says what it says, and does not change when other articles give the actor a
/// new role.
pub(super) fn mention_link<'a>(
    site: &'a SiteView<'_>,
    m: &'a crate::extract::ActorMention,
) -> Link<'a> {
    let profile_role = || {
        let p = site.annotations.actors[m.actor as usize].profile?;
        site.corpus.actor_profiles[p].role.as_deref()
    };
    Link {
        role: m.role.as_deref().or_else(profile_role),
        ..actor_link(site, m.actor, None)
    }
}

pub(super) fn topic_link<'a>(site: &'a SiteView<'_>, id: TopicId, count: Option<u32>) -> Link<'a> {
    let t = &site.annotations.topics[id as usize];
    Link {
        name: &t.name,
        url: &site.links.topic[id as usize],
        kind: None,
        count,
        role: None,
    }
}

const CARD_ACTORS: usize = 5;

/// The longest title a list shows whole, in characters. A title made from a long first sentence
/// is shown whole as its article's heading, and shortened in lists (cards, neighbours, the
/// archive's headlines).
pub(super) const LIST_TITLE_MAX_CHARS: usize = 110;

/// An item's title as lists show it: whole, or cut at a word boundary with an ellipsis.
pub(super) fn list_title(title: &str) -> Cow<'_, str> {
    if title.chars().count() <= LIST_TITLE_MAX_CHARS {
        Cow::Borrowed(title)
    } else {
        Cow::Owned(crate::text::truncate_words(title, LIST_TITLE_MAX_CHARS))
    }
}

/// A shared value, made on first use.
fn shared(slot: &OnceLock<tera::Value>, make: impl FnOnce() -> tera::Value) -> tera::Value {
    slot.get_or_init(make).clone()
}

/// An actor's chip on a card, as a shared value: name, URL and kind, with no count or role.
/// An actor's latest role changes with the articles that name it; carried on every card that
/// shows the actor, it would change those cards' pages (and their fingerprints, so the build
/// cache could not reuse them) though no card shows it.
fn actor_value(site: &SiteView<'_>, id: ActorId) -> tera::Value {
    shared(&site.shared.actor_links[id as usize], || {
        tera::Value::from_serializable(&Link {
            role: None,
            ..actor_link(site, id, None)
        })
    })
}

fn topic_value(site: &SiteView<'_>, id: TopicId) -> tera::Value {
    shared(&site.shared.topic_links[id as usize], || {
        tera::Value::from_serializable(&topic_link(site, id, None))
    })
}

/// A date's labels as a shared value (dates with items are shared; others are made).
fn date_value(site: &SiteView<'_>, d: NaiveDate) -> tera::Value {
    let make = || tera::Value::from_serializable(&date_info(site, d));
    match site.day_index.get(&d) {
        Some(&i) => shared(&site.shared.day_labels[i], make),
        None => make(),
    }
}

/// The card of an item, as a template value made on first use.
pub(super) fn card(site: &SiteView<'_>, r: ItemRef) -> tera::Value {
    let slot = match r {
        ItemRef::Article(i) => &site.shared.article_cards[i as usize],
        ItemRef::Note(i) => &site.shared.note_cards[i as usize],
    };
    slot.get_or_init(|| tera::Value::from_serializable(&make_card(site, r)))
        .clone()
}

fn make_card<'a>(site: &'a SiteView<'_>, r: ItemRef) -> Card<'a> {
    match r {
        ItemRef::Article(i) => {
            let a = &site.corpus.articles[i as usize];
            Card {
                kind: "article",
                url: &site.links.article[i as usize],
                title: list_title(&a.title),
                date: Some(date_value(site, a.date)),
                lede: &a.summary,
                actors: site.annotations.article_actors[i as usize]
                    .iter()
                    .filter(|m| {
                        !m.minor
                            && site.annotations.actors[m.actor as usize].kind != ActorKind::Place
                    })
                    .take(CARD_ACTORS)
                    .map(|m| actor_value(site, m.actor))
                    .collect(),
                topics: site.annotations.article_topics[i as usize]
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
                title: list_title(&n.title),
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
pub(super) fn timeline(site: &SiteView<'_>, items: &[ItemRef]) -> Vec<DateGroup> {
    runs(items.iter().map(|&r| (site.item_date(r), r)))
        .into_iter()
        .map(|(d, items)| DateGroup {
            date: d.map(|d| date_value(site, d)),
            items: items.into_iter().map(|r| card(site, r)).collect(),
        })
        .collect()
}

/// Consecutive items with the same key, as (key, items) runs in order.
pub(super) fn runs<K: PartialEq, T>(items: impl IntoIterator<Item = (K, T)>) -> Vec<(K, Vec<T>)> {
    let mut out: Vec<(K, Vec<T>)> = Vec::new();
    for (k, item) in items {
        match out.last_mut() {
            Some((last, run)) if *last == k => run.push(item),
            _ => out.push((k, vec![item])),
        }
    }
    out
}

/// A link to another item: neighbours of an article, the source of a quote.
#[derive(Serialize)]
pub(super) struct ItemLink<'a> {
    title: Cow<'a, str>,
    url: &'a str,
}

pub(super) fn item_link<'a>(site: &'a SiteView<'_>, r: ItemRef) -> ItemLink<'a> {
    match r {
        ItemRef::Article(i) => ItemLink {
            title: list_title(&site.corpus.articles[i as usize].title),
            url: &site.links.article[i as usize],
        },
        ItemRef::Note(i) => ItemLink {
            title: list_title(&site.corpus.notes[i as usize].title),
            url: &site.links.note[i as usize],
        },
    }
}

pub(super) fn actor_targets(
    site: &SiteView<'_>,
    mentions: &[crate::extract::ActorMention],
) -> Vec<LinkTarget> {
    mentions
        .iter()
        .map(|m| {
            let a = &site.annotations.actors[m.actor as usize];
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

/// The actors of `kind` most named among `items` (see [`crate::site::Site::top_actors`]),
/// as links with their counts.
pub(super) fn top_actor_links<'a>(
    site: &'a SiteView<'_>,
    kind: ActorKind,
    items: &[ItemRef],
    n: usize,
) -> Vec<Link<'a>> {
    site.top_actors(kind, items, n)
        .into_iter()
        .map(|(id, c)| actor_link(site, id, Some(c)))
        .collect()
}

/// The topics most found among `items`, as links with their counts.
pub(super) fn top_topic_links<'a>(
    site: &'a SiteView<'_>,
    items: &[ItemRef],
    n: usize,
) -> Vec<Link<'a>> {
    site.top_topics(items, n)
        .into_iter()
        .map(|(id, c)| topic_link(site, id, Some(c)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::runs;

    #[test]
    fn runs_group_consecutive_equal_keys_only() {
        let got = runs([(1, 'a'), (1, 'b'), (2, 'c'), (1, 'd')]);
        assert_eq!(got, [(1, vec!['a', 'b']), (2, vec!['c']), (1, vec!['d'])]);
        assert!(runs(Vec::<(u8, u8)>::new()).is_empty());
    }
}
