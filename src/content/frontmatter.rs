//! The typed front matter of each Markdown file kind, and the model values built from it.

use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Deserialize;

use super::dates::parse_date_value;
use super::markdown::{
    Markdown, OneOrMany, Split, find_key_line, key_line, parse_front, split_front_matter,
};
use super::plaintext::ParseError;
use super::{
    ActorKind, ActorProfile, Article, Body, DerivedTitle, KeyLines, Note, TitleFrom, TopicProfile,
    derive_summary, derive_title_from_lede, item_id, slug_or_fallback, undated,
};
use crate::text::slugify;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleFront {
    title: Option<String>,
    date: Option<String>,
    source: Option<String>,
    url: Option<String>,
    author: Option<String>,
    summary: Option<String>,
    slug: Option<String>,
    credit: Option<String>,
    #[serde(default)]
    actors: OneOrMany,
    #[serde(default)]
    topics: OneOrMany,
    #[serde(default)]
    draft: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NoteFront {
    title: Option<String>,
    date: Option<String>,
    slug: Option<String>,
    summary: Option<String>,
    #[serde(default)]
    actors: OneOrMany,
    #[serde(default)]
    topics: OneOrMany,
    #[serde(default)]
    articles: OneOrMany,
    #[serde(default)]
    draft: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorFront {
    name: Option<String>,
    #[serde(default)]
    aliases: OneOrMany,
    kind: Option<String>,
    role: Option<String>,
    slug: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TopicFront {
    name: Option<String>,
    #[serde(default)]
    aliases: OneOrMany,
    slug: Option<String>,
    /// Words or phrases; an article mentioning one of them belongs to the topic.
    #[serde(default)]
    keywords: OneOrMany,
    /// Actors; an article about one of them belongs to the topic.
    #[serde(default)]
    actors: OneOrMany,
}

/// The line of the key `slug_or_fallback` takes the slug from: the first candidate that makes
/// a slug, each given with its front-matter key (`None` for the file name or a derived title).
fn slug_line(split: &Split<'_>, candidates: &[(Option<&str>, Option<&str>)]) -> Option<usize> {
    let (_, key) = candidates
        .iter()
        .find(|(value, _)| value.is_some_and(|v| !slugify(v).is_empty()))?;
    find_key_line(split, (*key)?)
}

/// The lines of the `actors` and `topics` lists, and of the slug's key.
fn key_lines(split: &Split<'_>, slug: Option<usize>) -> KeyLines {
    KeyLines {
        actors: find_key_line(split, "actors"),
        topics: find_key_line(split, "topics"),
        slug,
    }
}

fn nonempty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn required_date(
    split: &Split<'_>,
    date: Option<String>,
    tz: FixedOffset,
) -> Result<(NaiveDate, Option<DateTime<FixedOffset>>), ParseError> {
    let Some(date) = date else {
        return Err(ParseError {
            line: 1,
            message: "front matter has no `date`: add `date: YYYY-MM-DD`".into(),
        });
    };
    parse_date_value(&date, tz).map_err(|message| ParseError {
        line: key_line(split, "date"),
        message,
    })
}

pub fn parse_markdown_article(
    rel: &Path,
    text: &str,
    tz: FixedOffset,
) -> Result<Article, ParseError> {
    let split = split_front_matter(text)?;
    let front: ArticleFront = parse_front(&split)?;
    let (date, published) = required_date(&split, front.date, tz)?;
    let body = Markdown::new(split.body, split.body_first_line);
    let lede = (body.plain.iter().enumerate())
        .find(|(_, p)| p.len() > 40)
        .or(body.plain.first().map(|p| (0, p)));
    let explicit_title = nonempty(front.title);
    let title_key = explicit_title.is_some().then_some("title");
    let (title, title_from) = match explicit_title {
        Some(t) => (t, TitleFrom::Given),
        None => match lede {
            Some((i, l)) => {
                let DerivedTitle { title, from } = derive_title_from_lede(l, i);
                (title, from)
            }
            None => {
                return Err(ParseError {
                    line: 1,
                    message: "the article has neither a `title` nor any text".into(),
                });
            }
        },
    };
    // A title that is the lede's first sentence is not repeated by the summary.
    let lede = lede.map(|(_, l)| match title_from {
        TitleFrom::Sentence { end, .. } if !l[end..].trim().is_empty() => l[end..].trim(),
        _ => l.as_str(),
    });
    let summary =
        nonempty(front.summary).unwrap_or_else(|| lede.map(derive_summary).unwrap_or_default());
    let id = item_id(rel);
    let slug_at = slug_line(
        &split,
        &[
            (front.slug.as_deref(), Some("slug")),
            (Some(undated(&id)), None),
            (Some(&title), title_key),
        ],
    );
    Ok(Article {
        slug: slug_or_fallback(front.slug.as_deref(), undated(&id), &title),
        id,
        path: rel.to_path_buf(),
        date,
        published,
        title,
        title_from,
        summary,
        credit: nonempty(front.credit),
        source: nonempty(front.source),
        url: nonempty(front.url),
        author: nonempty(front.author),
        body: Body::Markdown(body),
        actors: front.actors.into_vec(),
        topics: front.topics.into_vec(),
        draft: front.draft,
        lines: key_lines(&split, slug_at),
    })
}

pub fn parse_note(rel: &Path, text: &str, tz: FixedOffset) -> Result<Note, ParseError> {
    let split = split_front_matter(text)?;
    let front: NoteFront = parse_front(&split)?;
    let date = match front.date {
        Some(d) => Some(
            parse_date_value(&d, tz)
                .map_err(|message| ParseError {
                    line: key_line(&split, "date"),
                    message,
                })?
                .0,
        ),
        None => None,
    };
    let body = Markdown::new(split.body, split.body_first_line);
    let id = item_id(rel);
    let explicit_title = nonempty(front.title);
    let title_key = explicit_title.is_some().then_some("title");
    let title = explicit_title.unwrap_or_else(|| title_from_stem(&id));
    let slug_at = slug_line(
        &split,
        &[
            (front.slug.as_deref(), Some("slug")),
            (Some(&id), None),
            (Some(&title), title_key),
        ],
    );
    let summary = nonempty(front.summary).unwrap_or_else(|| {
        body.plain
            .first()
            .map(|p| derive_summary(p))
            .unwrap_or_default()
    });
    Ok(Note {
        slug: slug_or_fallback(front.slug.as_deref(), &id, &title),
        id,
        path: rel.to_path_buf(),
        title,
        date,
        summary,
        actors: front.actors.into_vec(),
        topics: front.topics.into_vec(),
        articles: front.articles.into_vec(),
        articles_line: key_line(&split, "articles"),
        body,
        draft: front.draft,
        lines: key_lines(&split, slug_at),
    })
}

pub fn parse_actor_profile(rel: &Path, text: &str) -> Result<ActorProfile, ParseError> {
    let split = split_front_matter(text)?;
    let front: ActorFront = parse_front(&split)?;
    let name = nonempty(front.name).ok_or_else(|| ParseError {
        line: 1,
        message: "profile has no `name`".into(),
    })?;
    let kind = match front.kind.as_deref() {
        None => ActorKind::Person,
        Some(k) => ActorKind::parse(k).ok_or_else(|| ParseError {
            line: key_line(&split, "kind"),
            message: format!("unknown kind `{k}`: use person, organization, place or other"),
        })?,
    };
    let id = item_id(rel);
    let slug_at = slug_line(
        &split,
        &[
            (front.slug.as_deref(), Some("slug")),
            (Some(&name), Some("name")),
        ],
    );
    Ok(ActorProfile {
        slug: slug_or_fallback(front.slug.as_deref(), &name, &id),
        id,
        path: rel.to_path_buf(),
        name,
        kind,
        aliases: front.aliases.into_vec(),
        role: nonempty(front.role),
        bio: Markdown::new(split.body, split.body_first_line),
        lines: key_lines(&split, slug_at),
    })
}

pub fn parse_topic_profile(rel: &Path, text: &str) -> Result<TopicProfile, ParseError> {
    let split = split_front_matter(text)?;
    let front: TopicFront = parse_front(&split)?;
    let name = nonempty(front.name).ok_or_else(|| ParseError {
        line: 1,
        message: "topic has no `name`".into(),
    })?;
    let id = item_id(rel);
    let slug_at = slug_line(
        &split,
        &[
            (front.slug.as_deref(), Some("slug")),
            (Some(&name), Some("name")),
        ],
    );
    Ok(TopicProfile {
        slug: slug_or_fallback(front.slug.as_deref(), &name, &id),
        id,
        path: rel.to_path_buf(),
        name,
        aliases: front.aliases.into_vec(),
        keywords: front.keywords.into_vec(),
        actors: front.actors.into_vec(),
        description: Markdown::new(split.body, split.body_first_line),
        lines: key_lines(&split, slug_at),
    })
}

/// `2025-04-18-paris-talks` -> `Paris talks`, for notes without a title.
fn title_from_stem(stem: &str) -> String {
    let words: Vec<&str> = stem
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .collect();
    let skip = words
        .iter()
        .take_while(|w| w.bytes().all(|b| b.is_ascii_digit()))
        .count();
    let mut title = words[skip.min(words.len())..].join(" ");
    if title.is_empty() {
        title = stem.to_string();
    }
    let mut chars = title.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => "Untitled note".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc() -> FixedOffset {
        FixedOffset::east_opt(0).unwrap()
    }

    #[test]
    fn markdown_article_fields_and_errors() {
        let a = parse_markdown_article(
            Path::new("content/articles/x.md"),
            "---\ntitle: Talks in Paris\ndate: 2025-04-18\nactors: [Marco Rubio]\ntopics: Ukraine war\n---\nRubio spoke.\n",
            utc(),
        )
        .unwrap();
        assert_eq!(a.title, "Talks in Paris");
        assert_eq!(a.actors, vec!["Marco Rubio"]);
        assert_eq!(a.topics, vec!["Ukraine war"]);
        assert_eq!(a.slug, "x");

        let e = parse_markdown_article(
            Path::new("a.md"),
            "---\ntitle: T\ndate: 2025-13-01\n---\nx",
            utc(),
        )
        .unwrap_err();
        assert_eq!(e.line, 3);
        let e =
            parse_markdown_article(Path::new("a.md"), "---\ntitle: T\n---\nx", utc()).unwrap_err();
        assert!(e.message.contains("no `date`"));
        let e = parse_markdown_article(
            Path::new("a.md"),
            "---\ntitle: T\ndate: 2025-01-01\nauthr: me\n---\nx",
            utc(),
        )
        .unwrap_err();
        assert_eq!(e.line, 4);
        assert!(e.message.contains("authr"));
    }

    #[test]
    fn key_lines_for_later_messages() {
        let a = parse_markdown_article(
            Path::new("content/articles/x.md"),
            "---\ntitle: Talks\ndate: 2025-04-18\nactors:\n  - A\n  - B\ntopics: [T]\nslug: talks-in-paris\n---\nText.\n",
            utc(),
        )
        .unwrap();
        assert_eq!(a.lines.actors, Some(4));
        assert_eq!(a.lines.topics, Some(7));
        assert_eq!(a.lines.slug, Some(8));
        // The slug comes from the file name: no line; from the title when the name has none.
        let a = parse_markdown_article(
            Path::new("x.md"),
            "---\ntitle: Talks\ndate: 2025-04-18\n---\nText.\n",
            utc(),
        )
        .unwrap();
        assert_eq!(a.lines, KeyLines::default());
        let a = parse_markdown_article(
            Path::new("???.md"),
            "---\ndate: 2025-04-18\ntitle: Talks\n---\nText.\n",
            utc(),
        )
        .unwrap();
        assert_eq!(a.lines.slug, Some(3));
        let n = parse_note(
            Path::new("n.md"),
            "---\ntitle: N\nslug: same\n---\nx\n",
            utc(),
        )
        .unwrap();
        assert_eq!(n.lines.slug, Some(3));
        let p = parse_actor_profile(
            Path::new("p.md"),
            "---\nkind: person\nname: Jo Bloggs\n---\n",
        )
        .unwrap();
        assert_eq!(p.lines.slug, Some(3));
    }

    #[test]
    fn profiles() {
        let p = parse_actor_profile(
            Path::new("content/actors/prevost.md"),
            "---\nname: Robert Prevost\naliases: [Leo XIV, Pope Leo]\nrole: Pope\n---\nElected in 2025.\n",
        )
        .unwrap();
        assert_eq!(p.slug, "robert-prevost");
        assert_eq!(p.kind, ActorKind::Person);
        assert_eq!(p.aliases.len(), 2);
        let e = parse_actor_profile(Path::new("x.md"), "---\nname: X\nkind: planet\n---\n")
            .unwrap_err();
        assert_eq!(e.line, 3);
        let t = parse_topic_profile(
            Path::new("t.md"),
            "---\nname: Ukraine war\nkeywords: [ceasefire, Donbas]\n---\nThe war.",
        )
        .unwrap();
        assert_eq!(t.keywords, vec!["ceasefire", "Donbas"]);
    }

    #[test]
    fn note_titles_from_stem() {
        assert_eq!(title_from_stem("2025-04-18-paris-talks"), "Paris talks");
        assert_eq!(title_from_stem("2025"), "2025");
    }
}
