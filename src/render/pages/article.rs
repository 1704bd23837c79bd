//! The article page: body with linked mentions, its people and topics, related articles,
//! neighbours on its day and schema.org JSON-LD.

use serde::Serialize;

use super::chrome::{PageInfo, page_info};
use super::views::{
    DateInfo, ItemLink, Link, actor_targets, card, date_info, item_link, mention_link, topic_link,
};
use super::{Page, PageContext, SiteView};
use crate::content::{ActorKind, Body, TitleFrom};
use crate::extract::ItemRef;
use crate::render::body::{
    MentionLinker, Trust, is_web_url, render_markdown, render_paragraphs, render_paragraphs_from,
};

/// schema.org NewsArticle metadata, written into the page as JSON-LD.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsonLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    description: &'a str,
    date_published: &'a str,
    date_modified: &'a str,
    url: &'a str,
    main_entity_of_page: &'a str,
    author: LdThing<'a>,
    publisher: LdThing<'a>,
    about: Vec<LdThing<'a>>,
    keywords: Vec<&'a str>,
    in_language: &'a str,
}

#[derive(Serialize)]
struct LdThing<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    /// The publisher's logo, from the `logo` setting.
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<LdImage>,
}

#[derive(Serialize)]
struct LdImage {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
}

#[derive(Serialize)]
struct ArticleView<'a> {
    published_time: &'a str,
    json_ld: String,
    id: &'a str,
    title: &'a str,
    summary: &'a str,
    date: DateInfo<'a>,
    published: Option<String>,
    source: Option<&'a str>,
    source_url: Option<&'a str>,
    author: Option<&'a str>,
    credit: Option<&'a str>,
    body: String,
    people: Vec<Link<'a>>,
    orgs: Vec<Link<'a>>,
    places: Vec<Link<'a>>,
    others: Vec<Link<'a>>,
    mentioned: Vec<Link<'a>>,
    topics: Vec<Link<'a>>,
    related: Vec<tera::Value>,
    cited_by: Vec<tera::Value>,
}

/// What a search engine is told an article is about: its main actors (main ones first) that
/// extraction is fairly sure of. 0.4 takes an actor with evidence of its own (a title, a role,
/// a kind word) or one that recurs across items, and leaves a lone capitalised name seen once.
const ABOUT_CONFIDENCE: f32 = 0.4;
/// A list of every place an article names says little about what it is about.
const ABOUT_LIMIT: usize = 8;

/// Whether an actor belongs in the JSON-LD `about` of an article: a main actor extraction is
/// fairly sure of and, for a place, one the headline or lede names. A recurring place named
/// further down ("speaking in Lyon") is where something was said, not what the article is
/// about. Actors the front matter declares are all kept.
fn is_about(
    site: &SiteView<'_>,
    a: &crate::content::Article,
    m: &crate::extract::ActorMention,
) -> bool {
    let actor = &site.annotations.actors[m.actor as usize];
    if m.minor || actor.confidence < ABOUT_CONFIDENCE {
        return false;
    }
    if actor.kind != ActorKind::Place || !a.actors.is_empty() {
        return true;
    }
    // Paragraph 0 is the title, or the lede when the title is made from it (as extraction
    // numbers them, see `extract::article_view`).
    let derived = a.title_from.from_first_paragraph() && a.body.paragraphs().next().is_some();
    m.first_paragraph <= u32::from(!derived)
}

pub(super) fn article(site: &SiteView<'_>, page: &Page, i: u32, ctx: &mut PageContext) {
    let a = &site.corpus.articles[i as usize];
    let path = site.article_path(i);
    let mentions = &site.annotations.article_actors[i as usize];
    let mut linker = MentionLinker::new(actor_targets(site, mentions));
    let body = match &a.body {
        // The title says the first sentence already: the body starts after it.
        Body::Text(ps) => match a.title_from {
            TitleFrom::Sentence { paragraph, end } => {
                render_paragraphs_from(ps, (paragraph, end), &mut linker)
            }
            _ => render_paragraphs(ps, &mut linker),
        },
        Body::Markdown(md) => render_markdown(md, site, &mut linker, Trust::Untrusted),
    };
    let link_kind = |kind: ActorKind| -> Vec<Link<'_>> {
        mentions
            .iter()
            .filter(|m| !m.minor && site.annotations.actors[m.actor as usize].kind == kind)
            .map(|m| mention_link(site, m))
            .collect()
    };
    let in_passing: Vec<Link<'_>> = mentions
        .iter()
        .filter(|m| m.minor)
        .map(|m| mention_link(site, m))
        .collect();
    let day_index = site.day_index[&a.date];
    let published = a.published.map(|p| p.to_rfc3339()).unwrap_or_else(|| {
        a.date
            .and_hms_opt(0, 0, 0)
            .and_then(|t| t.and_local_timezone(site.config.tz()).single())
            .map(|t| t.to_rfc3339())
            .unwrap_or_default()
    });
    let about: Vec<LdThing<'_>> = mentions
        .iter()
        .filter(|m| is_about(site, a, m))
        .take(ABOUT_LIMIT)
        .map(|m| {
            let actor = &site.annotations.actors[m.actor as usize];
            let kind = match actor.kind {
                ActorKind::Person => "Person",
                ActorKind::Organization => "Organization",
                ActorKind::Place => "Place",
                ActorKind::Other => "Thing",
            };
            LdThing {
                kind,
                name: &actor.name,
                url: Some(site.permalink(&site.actor_path(m.actor))),
                logo: None,
            }
        })
        .collect();
    let thing = |kind, name| LdThing {
        kind,
        name,
        url: None,
        logo: None,
    };
    let author = match (&a.author, &a.source) {
        (Some(name), _) => thing("Person", name),
        (None, Some(source)) => thing("Organization", source),
        (None, None) => thing("Organization", &site.config.title),
    };
    let permalink = site.permalink(&path);
    let json_ld = JsonLd {
        context: "https://schema.org",
        kind: "NewsArticle",
        headline: &a.title,
        description: &a.summary,
        date_published: &published,
        date_modified: &published,
        url: &permalink,
        main_entity_of_page: &permalink,
        author,
        publisher: LdThing {
            logo: site.logo_url().map(|url| LdImage {
                kind: "ImageObject",
                url,
            }),
            ..thing("Organization", &site.config.title)
        },
        about,
        keywords: site.annotations.article_topics[i as usize]
            .iter()
            .map(|&t| site.annotations.topics[t as usize].name.as_str())
            .collect(),
        in_language: &site.config.language,
    };
    let json_ld = serde_json::to_string(&json_ld)
        .unwrap_or_default()
        // Safe inside <script>: no `</script>` or HTML can be formed from the text.
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026");
    let topics = &site.annotations.article_topics[i as usize];
    let article = ArticleView {
        published_time: &published,
        json_ld,
        id: &a.id,
        title: &a.title,
        summary: &a.summary,
        date: date_info(site, a.date),
        published: a.published.map(|p| p.to_rfc3339()),
        source: a.source.as_deref(),
        // Only an http(s) address is linked: never `javascript:` and the like.
        source_url: a.url.as_deref().filter(|u| is_web_url(u)),
        author: a.author.as_deref(),
        credit: a.credit.as_deref(),
        body,
        people: link_kind(ActorKind::Person),
        orgs: link_kind(ActorKind::Organization),
        places: link_kind(ActorKind::Place),
        others: link_kind(ActorKind::Other),
        mentioned: in_passing,
        topics: topics.iter().map(|&t| topic_link(site, t, None)).collect(),
        related: site
            .related(i, 6)
            .into_iter()
            .map(|r| card(site, r))
            .collect(),
        cited_by: site.article_cited_by[i as usize]
            .iter()
            .map(|&n| card(site, ItemRef::Note(n)))
            .collect(),
    };
    // Neighbours on the same day, for reading straight through a briefing.
    let day = &site.days[day_index];
    let pos = day.articles.iter().position(|&x| x == i);
    let neighbour = |p: Option<usize>| {
        p.and_then(|p| day.articles.get(p))
            .map(|&x| item_link(site, ItemRef::Article(x)))
    };
    ctx.set(&ArticlePage {
        page: page_info(site, page, &a.title, &a.summary, None),
        article,
        prev: neighbour(pos.and_then(|p| p.checked_sub(1))),
        next: neighbour(pos.map(|p| p + 1)),
    });
}

/// The context of an article page.
#[derive(Serialize)]
struct ArticlePage<'a> {
    page: PageInfo<'a>,
    article: ArticleView<'a>,
    /// The articles before and after it on its day.
    prev: Option<ItemLink<'a>>,
    next: Option<ItemLink<'a>>,
}
