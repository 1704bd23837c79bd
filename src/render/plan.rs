//! The page plan: every file the site writes, with the kind of page and its page number.
//!
//! Long lists are paginated (`paginate` items a page) at stable URLs: page 1 is the list's own
//! URL, page N is `…/page/N/`, and `…/page/1/` redirects to the list.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};

use crate::content::ActorKind;
use crate::extract::{ActorId, TopicId, TopicKind};
use crate::site::{Site, urls};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedScope {
    Site,
    Actor(ActorId),
    Topic(TopicId),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PageKind {
    Home,
    Day {
        day: usize,
        page: u32,
    },
    Month(i32, u32),
    Year(i32),
    Archive {
        page: u32,
    },
    Article(u32),
    Actor {
        id: ActorId,
        page: u32,
    },
    ActorIndex {
        kind: ActorKind,
        page: u32,
    },
    Topic {
        id: TopicId,
        page: u32,
    },
    TopicIndex {
        page: u32,
    },
    Note(u32),
    NoteIndex {
        page: u32,
    },
    Search,
    NotFound,
    /// `…/page/1/`: points to the list's first page.
    Redirect {
        to: String,
    },
    /// Files made in code, not from templates.
    Feed(FeedScope),
    /// The sitemap, with the pages it lists (filled in by [`plan`] from the plan itself).
    Sitemap(SitemapUrls),
    Robots,
    SearchMeta,
    SearchTerms(String),
    SearchDocs(u32),
}

/// The HTML pages a sitemap lists, in plan order, each with the date it last changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct SitemapUrls(pub Arc<[(String, Option<NaiveDate>)]>);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Output-relative path: a page (`2025/04/18/`) or a file (`atom.xml`).
    pub path: String,
    pub kind: PageKind,
}

impl PageKind {
    /// The template of an HTML page; `None` for files made in code.
    pub fn template(&self) -> Option<&'static str> {
        Some(match self {
            PageKind::Home => "index.html",
            PageKind::Day { .. } => "day.html",
            PageKind::Month(..) => "month.html",
            PageKind::Year(_) => "year.html",
            PageKind::Archive { .. } => "archive.html",
            PageKind::Article(_) => "article.html",
            PageKind::Actor { .. } => "actor.html",
            PageKind::ActorIndex { .. } => "actors.html",
            PageKind::Topic { .. } => "topic.html",
            PageKind::TopicIndex { .. } => "topics.html",
            PageKind::Note(_) => "note.html",
            PageKind::NoteIndex { .. } => "notes.html",
            PageKind::Search => "search.html",
            PageKind::NotFound => "404.html",
            _ => return None,
        })
    }

    /// A name for the kind of output, for messages and grouping.
    pub fn label(&self) -> &'static str {
        self.template().unwrap_or(match self {
            PageKind::Redirect { .. } => "redirect",
            PageKind::Feed(_) => "feed",
            PageKind::Sitemap(_) => "sitemap",
            PageKind::Robots => "robots",
            _ => "search index",
        })
    }
}

/// How many pages a plan makes, counted one way for every command that reports it (`build`,
/// `check`): the HTML pages made from templates, and apart from them the other files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageCount {
    /// HTML pages made from a template: home, days, archives, articles, people, topics,
    /// notes, their indices, search and the 404 page.
    pub pages: usize,
    /// The rest of the plan: `…/page/1/` redirects, feeds, the sitemap, robots.txt and the
    /// search index's files. Theme and `static/` files are not in the plan.
    pub other: usize,
}

impl PageCount {
    pub fn of(plan: &[Page]) -> PageCount {
        let pages = plan.iter().filter(|p| p.kind.template().is_some()).count();
        PageCount {
            pages,
            other: plan.len() - pages,
        }
    }
}

/// `57 HTML pages and 23 other files (redirects, feeds, sitemap, search index)`.
impl std::fmt::Display for PageCount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = |n: usize| if n == 1 { "" } else { "s" };
        write!(
            f,
            "{} HTML page{} and {} other file{} (redirects, feeds, sitemap, search index)",
            self.pages,
            s(self.pages),
            self.other,
            s(self.other)
        )
    }
}

/// `people/x/` page `n` -> `people/x/page/n/` (page 1 is the list itself).
pub fn paged(base: &str, n: u32) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{n}/")
    }
}

/// Pages needed for `len` items at `per` a page (at least one).
pub fn page_count(len: usize, per: usize) -> u32 {
    len.div_ceil(per.max(1)).max(1) as u32
}

/// The slice of `items` shown on page `n`.
pub fn page_slice<T>(items: &[T], n: u32, per: usize) -> &[T] {
    let per = per.max(1);
    let start = ((n.max(1) - 1) as usize * per).min(items.len());
    &items[start..(start + per).min(items.len())]
}

/// The number of items listed on a day page: its articles and dated notes.
pub fn day_len(site: &Site, day: usize) -> usize {
    site.days[day].articles.len() + site.days[day].notes.len()
}

/// Items per page of an actor's timeline: places list compact entries, four times as many.
pub fn timeline_per_page(site: &Site, id: ActorId) -> usize {
    match site.annotations.actors[id as usize].kind {
        ActorKind::Place => site.config.paginate * 4,
        _ => site.config.paginate,
    }
}

/// Days per archive page: the archive lists more, smaller entries than a timeline.
pub fn archive_per_page(site: &Site) -> usize {
    site.config.paginate * 10
}

fn push_paged(pages: &mut Vec<Page>, base: String, count: u32, kind: impl Fn(u32) -> PageKind) {
    for n in 1..=count {
        pages.push(Page {
            path: paged(&base, n),
            kind: kind(n),
        });
    }
    if count > 1 {
        pages.push(Page {
            path: format!("{base}page/1/"),
            kind: PageKind::Redirect { to: base },
        });
    }
}

/// Every file of the site.
pub fn plan(site: &Site) -> Vec<Page> {
    let per = site.config.paginate;
    let mut pages = vec![
        Page {
            path: String::new(),
            kind: PageKind::Home,
        },
        Page {
            path: "404.html".into(),
            kind: PageKind::NotFound,
        },
        Page {
            path: "sitemap.xml".into(),
            // Filled in once every page is planned, below.
            kind: PageKind::Sitemap(SitemapUrls::default()),
        },
        Page {
            path: "robots.txt".into(),
            kind: PageKind::Robots,
        },
        Page {
            path: "atom.xml".into(),
            kind: PageKind::Feed(FeedScope::Site),
        },
    ];
    push_paged(
        &mut pages,
        urls::ARCHIVE.into(),
        page_count(site.days.len(), archive_per_page(site)),
        |page| PageKind::Archive { page },
    );
    let stories = site
        .annotations
        .topics
        .iter()
        .enumerate()
        .filter(|&(i, t)| t.kind == TopicKind::Story && site.topic_counts[i] > 0)
        .count();
    push_paged(
        &mut pages,
        urls::TOPICS.into(),
        page_count(stories, per),
        |page| PageKind::TopicIndex { page },
    );
    // Sections are listed on the topics page; `sections/` leads there.
    pages.push(Page {
        path: urls::SECTIONS.into(),
        kind: PageKind::Redirect {
            to: urls::TOPICS.into(),
        },
    });
    push_paged(
        &mut pages,
        urls::NOTES.into(),
        page_count(site.corpus.notes.len(), per),
        |page| PageKind::NoteIndex { page },
    );
    for kind in [
        ActorKind::Person,
        ActorKind::Organization,
        ActorKind::Place,
        ActorKind::Other,
    ] {
        let n = site
            .annotations
            .actors
            .iter()
            .enumerate()
            .filter(|&(i, a)| a.kind == kind && (site.actor_counts[i] > 0 || a.profile.is_some()))
            .count();
        if kind == ActorKind::Person || n > 0 {
            push_paged(
                &mut pages,
                urls::actor_index(kind),
                page_count(n, per * 4),
                |page| PageKind::ActorIndex { kind, page },
            );
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
        push_paged(
            &mut pages,
            urls::day(d.date),
            page_count(day_len(site, i), per),
            |page| PageKind::Day { day: i, page },
        );
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
    for (i, a) in site.annotations.actors.iter().enumerate() {
        let id = i as ActorId;
        if site.actor_counts[i] > 0 || a.profile.is_some() {
            let base = site.actor_path(id);
            pages.push(Page {
                path: format!("{base}atom.xml"),
                kind: PageKind::Feed(FeedScope::Actor(id)),
            });
            push_paged(
                &mut pages,
                base,
                page_count(site.actor_items[i].len(), timeline_per_page(site, id)),
                |page| PageKind::Actor { id, page },
            );
        }
    }
    for (i, t) in site.annotations.topics.iter().enumerate() {
        let id = i as TopicId;
        if site.topic_counts[i] > 0 || t.profile.is_some() {
            let base = site.topic_path(id);
            pages.push(Page {
                path: format!("{base}atom.xml"),
                kind: PageKind::Feed(FeedScope::Topic(id)),
            });
            push_paged(
                &mut pages,
                base,
                page_count(site.topic_items[i].len(), per),
                |page| PageKind::Topic { id, page },
            );
        }
    }
    if site.config.search {
        pages.push(Page {
            path: urls::SEARCH.into(),
            kind: PageKind::Search,
        });
        let index = site.search_index();
        pages.push(Page {
            path: format!("{}meta.json", urls::SEARCH_INDEX),
            kind: PageKind::SearchMeta,
        });
        for shard in index.shards() {
            pages.push(Page {
                path: format!("{}t-{shard}.json", urls::SEARCH_INDEX),
                kind: PageKind::SearchTerms(shard.to_string()),
            });
        }
        for chunk in 0..index.doc_chunks() {
            pages.push(Page {
                path: format!("{}d-{chunk}.json", urls::SEARCH_INDEX),
                kind: PageKind::SearchDocs(chunk),
            });
        }
    }
    // The sitemap protocol wants absolute URLs: without a host in `base_url` there is none
    // (the build warns).
    if site.origin().is_none() {
        pages.retain(|p| !matches!(p.kind, PageKind::Sitemap(_)));
    }
    let urls = super::feeds::sitemap_urls(site, &pages);
    for page in &mut pages {
        if let PageKind::Sitemap(list) = &mut page.kind {
            *list = urls.clone();
        }
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_counts_say_what_they_count() {
        let page = |path: &str, kind| Page {
            path: path.into(),
            kind,
        };
        let plan = [
            page("", PageKind::Home),
            page("404.html", PageKind::NotFound),
            page("atom.xml", PageKind::Feed(FeedScope::Site)),
            page("robots.txt", PageKind::Robots),
        ];
        let count = PageCount::of(&plan);
        assert_eq!(count, PageCount { pages: 2, other: 2 });
        assert_eq!(
            count.to_string(),
            "2 HTML pages and 2 other files (redirects, feeds, sitemap, search index)"
        );
        assert_eq!(
            PageCount::of(&plan[..3]).to_string(),
            "2 HTML pages and 1 other file (redirects, feeds, sitemap, search index)"
        );
    }

    #[test]
    fn pagination_helpers() {
        assert_eq!(paged("people/x/", 1), "people/x/");
        assert_eq!(paged("people/x/", 3), "people/x/page/3/");
        assert_eq!(page_count(0, 30), 1);
        assert_eq!(page_count(30, 30), 1);
        assert_eq!(page_count(31, 30), 2);
        let v: Vec<u32> = (0..65).collect();
        assert_eq!(page_slice(&v, 3, 30), &[60, 61, 62, 63, 64]);
        assert!(page_slice(&v, 9, 30).is_empty());
    }
}
