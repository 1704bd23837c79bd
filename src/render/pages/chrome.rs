//! Page chrome: the `page` value every template sees (title, section, URLs, description,
//! feed) and the paginator of long lists.

use serde::Serialize;

use super::{Cx, PageContext};
use crate::render::plan::paged;

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

pub(super) fn set_page(
    site: &Cx<'_>,
    ctx: &mut PageContext,
    title: &str,
    kind: &'static str,
    path: &str,
    description: &str,
) {
    set_page_with_feed(site, ctx, title, kind, path, description, None);
}

pub(super) fn set_page_with_feed(
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
pub(super) struct Paginator {
    current: u32,
    total: u32,
    prev: Option<String>,
    next: Option<String>,
    /// Page numbers to show; 0 stands for a gap ("…").
    pages: Vec<PageNumber>,
}

#[derive(Serialize)]
pub(super) struct PageNumber {
    number: u32,
    url: String,
    current: bool,
}

pub(super) fn paginator(site: &Cx<'_>, base: &str, current: u32, total: u32) -> Paginator {
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
