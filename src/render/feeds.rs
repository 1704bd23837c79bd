//! Files made in code rather than templates: Atom feeds, the sitemap, robots.txt, the search
//! index and pagination redirects. All are deterministic: the same site gives the same bytes.

use std::fmt::Write;

use chrono::NaiveDate;

use super::plan::{FeedScope, Page, PageKind, SitemapUrls};
use crate::extract::ItemRef;
use crate::site::Site;
use crate::text::push_escaped;

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // XML 1.0 forbids most control characters; they are dropped.
    let forbidden = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    // Bytes that may start a control character: C0 controls, DEL, and 0xC2, the lead byte of
    // the C1 controls (U+0080..U+009F). Text without any (nearly all) is escaped as it is.
    let suspect =
        |b: &u8| (*b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || *b == 0x7f || *b == 0xC2;
    if s.as_bytes().iter().any(suspect) && s.chars().any(forbidden) {
        let clean: String = s.chars().filter(|&c| !forbidden(c)).collect();
        push_escaped(&mut out, &clean);
    } else {
        push_escaped(&mut out, s);
    }
    out
}

/// An item's timestamp in RFC 3339: its full timestamp when known, else midnight of its day in
/// the site's time zone. An undated note takes the day of the newest article it cites; one
/// that cites none has no date and stays out of feeds (never 1970).
fn timestamp(site: &Site, r: ItemRef) -> Option<String> {
    match r {
        ItemRef::Article(i) => {
            let a = &site.corpus.articles[i as usize];
            Some(
                a.published
                    .map(|p| p.to_rfc3339())
                    .unwrap_or_else(|| midnight(site, a.date)),
            )
        }
        ItemRef::Note(i) => site.corpus.notes[i as usize]
            .date
            .or_else(|| {
                site.note_cites[i as usize]
                    .iter()
                    .map(|&a| site.corpus.articles[a as usize].date)
                    .max()
            })
            .map(|d| midnight(site, d)),
    }
}

/// The newest timestamp of the whole site: a feed with no entries is as new as the site.
fn site_updated(site: &Site) -> String {
    let newest = (0..site.corpus.articles.len() as u32)
        .map(ItemRef::Article)
        .chain((0..site.corpus.notes.len() as u32).map(ItemRef::Note))
        .filter_map(|r| timestamp(site, r))
        .max();
    // Only a site with no dated item at all has nothing better to say.
    newest.unwrap_or_else(|| "1970-01-01T00:00:00Z".into())
}

fn midnight(site: &Site, d: NaiveDate) -> String {
    let tz = site.config.tz();
    let dt = d
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_local_timezone(tz)
        .single()
        .map(|t| t.to_rfc3339());
    dt.unwrap_or_else(|| format!("{d}T00:00:00Z"))
}

/// A stable id for a feed or entry: its permalink, or a tag URI when `base_url` has no host.
fn atom_id(site: &Site, path: &str) -> String {
    match site.origin() {
        Some(_) => site.permalink(path),
        None => format!(
            "tag:localhost,2000:{}/{}",
            crate::text::slugify(&site.config.title),
            path
        ),
    }
}

/// Valid Atom 1.0 for the whole site, one actor or one topic.
pub fn atom(site: &Site, scope: FeedScope) -> String {
    let (title, page_path, items): (String, String, Vec<ItemRef>) = match scope {
        FeedScope::Site => {
            let mut all: Vec<ItemRef> = (0..site.corpus.articles.len() as u32)
                .map(ItemRef::Article)
                .collect();
            all.extend(
                (0..site.corpus.notes.len() as u32)
                    .filter(|&n| site.corpus.notes[n as usize].date.is_some())
                    .map(ItemRef::Note),
            );
            all.sort_by(|a, b| site.item_date(*b).cmp(&site.item_date(*a)).then(a.cmp(b)));
            all.truncate(site.config.feed_limit);
            (site.config.title.clone(), String::new(), all)
        }
        FeedScope::Actor(id) => {
            let a = &site.annotations.actors[id as usize];
            let items = site.actor_items[id as usize]
                .iter()
                .copied()
                .filter(|&r| timestamp(site, r).is_some())
                .take(site.config.feed_limit)
                .collect();
            (
                format!("{} · {}", a.name, site.config.title),
                site.actor_path(id),
                items,
            )
        }
        FeedScope::Topic(id) => {
            let t = &site.annotations.topics[id as usize];
            let items = site.topic_items[id as usize]
                .iter()
                .copied()
                .filter(|&r| timestamp(site, r).is_some())
                .take(site.config.feed_limit)
                .collect();
            (
                format!("{} · {}", t.name, site.config.title),
                site.topic_path(id),
                items,
            )
        }
    };
    let feed_path = format!("{page_path}atom.xml");
    let updated = items
        .iter()
        .filter_map(|r| timestamp(site, *r))
        .max()
        .unwrap_or_else(|| site_updated(site));
    let mut x = String::with_capacity(1024 + items.len() * 600);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        x,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        esc(&site.config.language)
    );
    let _ = writeln!(x, "  <title>{}</title>", esc(&title));
    if !site.config.description.is_empty() {
        let _ = writeln!(
            x,
            "  <subtitle>{}</subtitle>",
            esc(&site.config.description)
        );
    }
    let _ = writeln!(x, "  <id>{}</id>", esc(&atom_id(site, &feed_path)));
    let _ = writeln!(
        x,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        esc(&site.permalink(&feed_path))
    );
    let _ = writeln!(
        x,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        esc(&site.permalink(&page_path))
    );
    let _ = writeln!(x, "  <updated>{updated}</updated>");
    let _ = writeln!(
        x,
        "  <author><name>{}</name></author>",
        esc(&site.config.title)
    );
    let _ = writeln!(
        x,
        "  <generator version=\"{}\">Gazette</generator>",
        env!("CARGO_PKG_VERSION")
    );
    for r in items {
        let (title, path, summary, author, topics, actors) = match r {
            ItemRef::Article(i) => {
                let a = &site.corpus.articles[i as usize];
                (
                    a.title.as_str(),
                    site.article_path(i),
                    a.summary.as_str(),
                    a.author.as_deref().or(a.source.as_deref()),
                    &site.annotations.article_topics[i as usize],
                    &site.annotations.article_actors[i as usize],
                )
            }
            ItemRef::Note(i) => {
                let n = &site.corpus.notes[i as usize];
                (
                    n.title.as_str(),
                    site.note_path(i),
                    n.summary.as_str(),
                    None,
                    &site.note_topics[i as usize],
                    &site.note_actors[i as usize],
                )
            }
        };
        let Some(ts) = timestamp(site, r) else {
            continue;
        };
        x.push_str("  <entry>\n");
        let _ = writeln!(x, "    <title>{}</title>", esc(title));
        let _ = writeln!(x, "    <id>{}</id>", esc(&atom_id(site, &path)));
        let _ = writeln!(
            x,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            esc(&site.permalink(&path))
        );
        let _ = writeln!(
            x,
            "    <published>{ts}</published>\n    <updated>{ts}</updated>"
        );
        if let Some(author) = author {
            let _ = writeln!(x, "    <author><name>{}</name></author>", esc(author));
        }
        if !summary.is_empty() {
            let _ = writeln!(x, "    <summary>{}</summary>", esc(summary));
        }
        for &t in topics.iter().take(3) {
            let t = &site.annotations.topics[t as usize];
            let _ = writeln!(
                x,
                "    <category term=\"{}\" label=\"{}\"/>",
                esc(&t.slug),
                esc(&t.name)
            );
        }
        for m in actors.iter().filter(|m| !m.minor).take(5) {
            let a = &site.annotations.actors[m.actor as usize];
            let _ = writeln!(
                x,
                "    <category term=\"{}\" label=\"{}\"/>",
                esc(&a.slug),
                esc(&a.name)
            );
        }
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

/// The pages of `pages` a sitemap lists (HTML pages but the search page and 404), with the date
/// each last changed.
pub fn sitemap_urls(site: &Site, pages: &[Page]) -> SitemapUrls {
    let latest = site.days.last().map(|d| d.date);
    let mut urls = Vec::new();
    for page in pages {
        let lastmod = match &page.kind {
            PageKind::Article(i) => Some(site.corpus.articles[*i as usize].date),
            PageKind::Note(i) => site.corpus.notes[*i as usize].date.or(latest),
            PageKind::Day { day, .. } => Some(site.days[*day].date),
            PageKind::Actor { id, .. } => site.actor_items[*id as usize]
                .first()
                .and_then(|r| site.item_date(*r)),
            PageKind::Topic { id, .. } => site.topic_items[*id as usize]
                .first()
                .and_then(|r| site.item_date(*r)),
            PageKind::Month(y, m) => site
                .days
                .iter()
                .rev()
                .find(|d| {
                    chrono::Datelike::year(&d.date) == *y && chrono::Datelike::month(&d.date) == *m
                })
                .map(|d| d.date),
            PageKind::Year(y) => site
                .days
                .iter()
                .rev()
                .find(|d| chrono::Datelike::year(&d.date) == *y)
                .map(|d| d.date),
            PageKind::NotFound | PageKind::Search | PageKind::Redirect { .. } => continue,
            k if k.template().is_none() => continue,
            _ => latest,
        };
        urls.push((page.path.clone(), lastmod));
    }
    SitemapUrls(urls.into())
}

/// The sitemap of the pages the plan listed for it, with the date each last changed.
pub fn sitemap(site: &Site, urls: &SitemapUrls) -> String {
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, lastmod) in urls.0.iter() {
        let _ = write!(x, "  <url><loc>{}</loc>", esc(&site.permalink(path)));
        if let Some(d) = lastmod {
            let _ = write!(x, "<lastmod>{d}</lastmod>");
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

/// `robots.txt`; it points to the sitemap only when there is one (an absolute `base_url`).
pub fn robots(site: &Site) -> String {
    match site.origin() {
        Some(_) => format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            site.permalink("sitemap.xml")
        ),
        None => "User-agent: *\nAllow: /\n".to_string(),
    }
}

/// A tiny page sending `…/page/1/` to the list itself.
pub fn redirect(site: &Site, to: &str) -> String {
    let url = crate::text::escape_html(&site.url(to));
    format!(
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>Redirecting…</title><link rel=\"canonical\" href=\"{url}\"><meta http-equiv=\"refresh\" content=\"0; url={url}\"></head><body><p><a href=\"{url}\">Continue to the first page</a>.</p></body></html>\n",
        esc(&site.config.language)
    )
}

/// The bytes of a file made in code; `None` for template pages.
pub fn generate(site: &Site, kind: &PageKind) -> Option<String> {
    Some(match kind {
        PageKind::Feed(scope) => atom(site, *scope),
        PageKind::Sitemap(urls) => sitemap(site, urls),
        PageKind::Robots => robots(site),
        PageKind::Redirect { to } => redirect(site, to),
        PageKind::SearchMeta => site.search_index().meta_json(),
        PageKind::SearchTerms(shard) => site.search_index().shard_json(shard),
        PageKind::SearchDocs(chunk) => site.search_index().docs_json(*chunk),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        assert_eq!(esc("Tom & Jerry <b>"), "Tom &amp; Jerry &lt;b&gt;");
        assert_eq!(esc("Zürich, Élysée"), "Zürich, Élysée");
        // C0 controls, DEL and C1 controls (U+0085) go; tab and newline stay.
        assert_eq!(esc("a\u{7}b\u{1b}c\u{7f}d\u{85}e\tf\ng"), "abcde\tf\ng");
        // A 0xC2 lead byte that is not a control ("¢", "©") is kept.
        assert_eq!(esc("5¢ ©"), "5¢ ©");
    }
}
