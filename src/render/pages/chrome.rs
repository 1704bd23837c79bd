//! Page chrome: the `page` value every template sees (title, section, URLs, description,
//! feed) and the paginator of long lists.

use serde::Serialize;

use super::{Page, PageKind, SiteView};
use crate::content::ActorKind;
use crate::extract::{TopicId, TopicKind};
use crate::render::plan::paged;

/// The `page` value of every template.
#[derive(Serialize)]
pub(super) struct PageInfo<'a> {
    title: &'a str,
    kind: &'static str,
    /// The navigation section the page belongs to.
    section: &'a str,
    path: &'a str,
    url: String,
    /// Absolute when `base_url` names a host, else root-relative.
    permalink: String,
    /// The absolute URL for `rel=canonical` and `og:url`, only when `base_url` names a host:
    /// both must be absolute, and without a host the site does not know its address.
    canonical: Option<String>,
    description: std::borrow::Cow<'a, str>,
    /// The page's own Atom feed (people, organisations, topics).
    feed: Option<String>,
}

/// The `page` value of `page`: title, kind, navigation section, URLs, description and feed.
pub(super) fn page_info<'a>(
    site: &SiteView<'_>,
    page: &'a Page,
    title: &'a str,
    description: impl Into<std::borrow::Cow<'a, str>>,
    feed: Option<String>,
) -> PageInfo<'a> {
    let path = page.path.as_str();
    PageInfo {
        title,
        kind: kind_name(site, &page.kind),
        section: nav_section(site, &page.kind, path),
        path,
        url: site.url(path),
        permalink: site.permalink(path),
        canonical: site.origin().map(|_| site.permalink(path)),
        description: description.into(),
        feed,
    }
}

/// A page's description from its timeline (newest first), for search results and link
/// previews: "14 items on Marta Kovač from 3 Mar 2025 to 14 Mar 2025; latest: Strike ends".
/// Empty for an empty timeline.
pub(super) fn timeline_description(
    site: &SiteView<'_>,
    subject: &str,
    items: &[crate::extract::ItemRef],
) -> String {
    let (Some(&newest), Some(&oldest)) = (items.first(), items.last()) else {
        return String::new();
    };
    let n = items.len();
    let mut text = format!("{n} item{} on {subject}", if n == 1 { "" } else { "s" });
    match (site.item_date(oldest), site.item_date(newest)) {
        (Some(a), Some(b)) if a == b => {
            text.push_str(&format!(" on {}", site.date_label(a).short));
        }
        (Some(a), Some(b)) => text.push_str(&format!(
            " from {} to {}",
            site.date_label(a).short,
            site.date_label(b).short
        )),
        _ => {}
    }
    let latest = match newest {
        crate::extract::ItemRef::Article(i) => &site.corpus.articles[i as usize].title,
        crate::extract::ItemRef::Note(i) => &site.corpus.notes[i as usize].title,
    };
    text.push_str("; latest: ");
    text.push_str(latest);
    text
}

/// The name templates see as `page.kind`: a section's page is `section`, other topics'
/// `topic`.
fn kind_name(site: &SiteView<'_>, kind: &PageKind) -> &'static str {
    match kind {
        PageKind::Home => "home",
        PageKind::Day { .. } => "day",
        PageKind::Month(..) => "month",
        PageKind::Year(_) => "year",
        PageKind::Archive { .. } => "archive",
        PageKind::Article(_) => "article",
        PageKind::Actor { .. } => "actor",
        PageKind::ActorIndex { .. } => "actors",
        PageKind::Topic { id, .. } if is_section(site, *id) => "section",
        PageKind::Topic { .. } => "topic",
        PageKind::TopicIndex { .. } => "topics",
        PageKind::Note(_) => "note",
        PageKind::NoteIndex { .. } => "notes",
        PageKind::Search => "search",
        PageKind::NotFound => "404",
        // Files made in code have no `page`.
        other => other.label(),
    }
}

fn is_section(site: &SiteView<'_>, id: TopicId) -> bool {
    matches!(
        site.annotations.topics[id as usize].kind,
        TopicKind::Section | TopicKind::Subsection
    )
}

/// The navigation section a page belongs to, as the navigation links' `section`.
fn nav_section<'p>(site: &SiteView<'_>, kind: &PageKind, path: &'p str) -> &'p str {
    let of_actors = |kind: ActorKind| match kind {
        ActorKind::Person => "people",
        ActorKind::Organization => "orgs",
        ActorKind::Place | ActorKind::Other => "actors",
    };
    match kind {
        PageKind::Day { .. }
        | PageKind::Month(..)
        | PageKind::Year(_)
        | PageKind::Archive { .. }
        | PageKind::Article(_) => "archive",
        // A section's own link, or its parent's for a sub-section: `sections/business`.
        PageKind::Topic { id, .. } if is_section(site, *id) => path
            .match_indices('/')
            .nth(1)
            .map_or("sections", |(i, _)| &path[..i]),
        PageKind::Topic { .. } | PageKind::TopicIndex { .. } => "topics",
        PageKind::Note(_) | PageKind::NoteIndex { .. } => "notes",
        PageKind::Actor { id, .. } => of_actors(site.annotations.actors[*id as usize].kind),
        PageKind::ActorIndex { kind, .. } => of_actors(*kind),
        other => kind_name(site, other),
    }
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

pub(super) fn paginator(site: &SiteView<'_>, base: &str, current: u32, total: u32) -> Paginator {
    let url = |n: u32| site.url(&paged(base, n));
    let pages = page_numbers(current, total)
        .into_iter()
        .map(|n| match n {
            0 => PageNumber {
                number: 0,
                url: String::new(),
                current: false,
            },
            n => PageNumber {
                number: n,
                url: url(n),
                current: n == current,
            },
        })
        .collect();
    Paginator {
        current,
        total,
        prev: (current > 1).then(|| url(current - 1)),
        next: (current < total).then(|| url(current + 1)),
        pages,
    }
}

/// The page numbers a paginator shows: the first, the last and two either side of `current`,
/// with 0 for each gap between them.
fn page_numbers(current: u32, total: u32) -> Vec<u32> {
    let mut pages = Vec::new();
    let mut last = 0;
    for n in 1..=total {
        if n == 1 || n == total || n.abs_diff(current) <= 2 {
            if n > last + 1 {
                pages.push(0);
            }
            pages.push(n);
            last = n;
        }
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::{page_info, page_numbers};
    use crate::render::pages::{Shared, SiteView, plan};

    /// `page.kind` and `page.section` of every page of the example site agree with its path,
    /// as the navigation's `aria-current` relies on.
    #[test]
    fn page_kind_and_section_follow_the_page() {
        let opts = crate::pipeline::Options {
            root: env!("CARGO_MANIFEST_DIR").into(),
            ..Default::default()
        };
        let Ok(assembled) = crate::pipeline::assemble(&opts) else {
            panic!("the example site assembles")
        };
        let site = &assembled.site;
        let shared = Shared::new(site);
        let cx = SiteView {
            site,
            shared: &shared,
        };
        let mut seen = std::collections::BTreeSet::new();
        for page in plan(site).iter().filter(|p| p.kind.template().is_some()) {
            let info = page_info(&cx, page, "T", "D", None);
            assert_eq!(
                (info.title, &*info.description, info.path),
                ("T", "D", &*page.path)
            );
            let first = page.path.split('/').next().unwrap_or("");
            let want = match info.kind {
                "home" => "home",
                "search" => "search",
                "404" => "404",
                "day" | "month" | "year" | "archive" | "article" => "archive",
                "topic" | "topics" => "topics",
                "note" | "notes" => "notes",
                "actor" | "actors" => match first {
                    "people" | "orgs" => first,
                    _ => "actors",
                },
                "section" => {
                    assert!(page.path.starts_with("sections/"), "{}", page.path);
                    // `sections/business`, a sub-section's parent included.
                    let mut parts = page.path.splitn(3, '/');
                    let end = parts.next().unwrap().len() + 1 + parts.next().unwrap().len();
                    &page.path[..end]
                }
                other => panic!("unexpected page kind {other}"),
            };
            assert_eq!(info.section, want, "{}", page.path);
            seen.insert(info.kind);
        }
        for kind in [
            "home", "day", "article", "actor", "actors", "topics", "section",
        ] {
            assert!(seen.contains(kind), "the example has a {kind} page");
        }
    }

    #[test]
    fn paginator_shows_ends_and_neighbours_with_gaps() {
        assert_eq!(page_numbers(1, 1), [1]);
        assert_eq!(page_numbers(1, 3), [1, 2, 3]);
        assert_eq!(page_numbers(1, 10), [1, 2, 3, 0, 10]);
        // Page 2 is two from page 4: no gap after page 1.
        assert_eq!(page_numbers(4, 10), [1, 2, 3, 4, 5, 6, 0, 10]);
        assert_eq!(page_numbers(5, 10), [1, 0, 3, 4, 5, 6, 7, 0, 10]);
        assert_eq!(page_numbers(10, 10), [1, 0, 8, 9, 10]);
    }
}
