//! Each page's template context, built from the site graph.
//!
//! The page plan lives in [`super::plan`]; [`context`] builds the small context one page
//! needs (never the whole site), so pages render independently and in parallel. This file
//! holds the [`Shared`] value cache and the dispatch by [`PageKind`]; each page family has
//! its own file.

mod actor;
mod article;
mod chrome;
mod dates;
mod hash;
mod home;
mod note;
mod topic;
mod views;

use std::sync::OnceLock;

use serde::Serialize;

use crate::extract::ActorId;
use crate::site::Site;
use chrome::page_info;
use topic::TopicOrder;

pub use super::plan::{FeedScope, Page, PageKind, plan};
pub use views::{Card, DateGroup, DateInfo, Link, TopicGroup};

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
            actor_links: slots(site.annotations.actors.len()),
            topic_links: slots(site.annotations.topics.len()),
            day_labels: slots(site.days.len()),
            topic_actors: slots(site.annotations.topics.len()),
            actor_roles: slots(site.annotations.actors.len()),
            topic_order: OnceLock::new(),
            actor_order: Default::default(),
        }
    }
}

/// What context functions read: the site graph and the values shared between pages.
pub struct SiteView<'a> {
    pub site: &'a Site,
    shared: &'a Shared,
}

impl std::ops::Deref for SiteView<'_> {
    type Target = Site;

    fn deref(&self) -> &Site {
        self.site
    }
}

/// The template and context of one page.
pub fn context(site: &Site, shared: &Shared, page: &Page) -> tera::Context {
    build_context(&SiteView { site, shared }, page, Build::Context).tera
}

/// A hash of everything one page shows: two builds give a page the same fingerprint exactly
/// when its context is the same, so only pages whose inputs changed need rendering again.
pub fn fingerprint(site: &Site, shared: &Shared, page: &Page) -> u64 {
    let site = &SiteView { site, shared };
    match super::feeds::generate(site, &page.kind) {
        Some(bytes) => bytes_fingerprint(bytes.as_bytes()),
        None => build_context(site, page, Build::Hash).fingerprint(),
    }
}

/// The fingerprint of a file made in code: its bytes.
pub fn bytes_fingerprint(bytes: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(bytes)
}

/// The context of a templated page and its [`fingerprint`], from one pass over the page.
pub fn context_and_fingerprint(site: &Site, shared: &Shared, page: &Page) -> (tera::Context, u64) {
    let ctx = build_context(&SiteView { site, shared }, page, Build::Both);
    let fingerprint = ctx.fingerprint();
    (ctx.tera, fingerprint)
}

/// What [`build_context`] makes: the template context, its hash, or both.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Build {
    Context,
    Hash,
    Both,
}

/// A page's template context, set from the page kind's typed context struct, or only hashed
/// (for fingerprints).
pub struct PageContext {
    pub tera: tera::Context,
    hasher: Option<rustc_hash::FxHasher>,
    /// Whether `tera` is filled in (not when only the hash is wanted).
    fill: bool,
}

impl PageContext {
    /// Sets the whole context from one typed value: each of its fields is a template variable.
    pub fn set<T: Serialize>(&mut self, value: &T) {
        if let Some(h) = self.hasher.as_mut() {
            hash::hash_into(value, h);
        }
        if self.fill {
            self.tera =
                tera::Context::from_serialize(value).expect("a page context is a plain struct");
        }
    }

    fn fingerprint(&self) -> u64 {
        self.hasher.as_ref().map_or(0, std::hash::Hasher::finish)
    }
}

/// The context of a page that shows nothing beyond its chrome (search, not found).
#[derive(Serialize)]
struct ChromeOnly<'a> {
    page: chrome::PageInfo<'a>,
}

fn build_context(site: &SiteView<'_>, page: &Page, build: Build) -> PageContext {
    let mut ctx = PageContext {
        tera: tera::Context::new(),
        hasher: (build != Build::Context).then(rustc_hash::FxHasher::default),
        fill: build != Build::Hash,
    };
    match &page.kind {
        PageKind::Home => home::home(site, page, &mut ctx),
        PageKind::Day { day: i, page: n } => dates::day(site, page, *i, *n, &mut ctx),
        PageKind::Month(y, m) => dates::month(site, page, *y, *m, &mut ctx),
        PageKind::Year(y) => dates::year(site, page, *y, &mut ctx),
        PageKind::Archive { page: n } => dates::archive(site, page, *n, &mut ctx),
        PageKind::Article(i) => article::article(site, page, *i, &mut ctx),
        PageKind::Actor { id, page: n } => actor::actor(site, page, *id, *n, &mut ctx),
        PageKind::ActorIndex { kind, page: n } => {
            actor::actor_index(site, page, *kind, *n, &mut ctx)
        }
        PageKind::Topic { id, page: n } => topic::topic(site, page, *id, *n, &mut ctx),
        PageKind::TopicIndex { page: n } => topic::topic_index(site, page, *n, &mut ctx),
        PageKind::Note(i) => note::note(site, page, *i, &mut ctx),
        PageKind::NoteIndex { page: n } => note::note_index(site, page, *n, &mut ctx),
        PageKind::Search => ctx.set(&ChromeOnly {
            page: page_info(site, page, "Search", "Search the digest", None),
        }),
        PageKind::NotFound => ctx.set(&ChromeOnly {
            page: page_info(site, page, "Page not found", "", None),
        }),
        // Files made in code have no template context.
        _ => {}
    }
    ctx
}
