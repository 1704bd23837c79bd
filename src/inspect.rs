//! `gazette inspect`: what extraction found, for people and for scripts.
//!
//! The JSON form is a stable interface (the evaluation scorer reads it):
//! `{"articles":[{"id","path","date","title","url","actors":[{"slug","name","kind"}],
//! "topics":[{"slug","name","kind","iptc"}]}],"actors":[{"slug","name","kind","aliases","count"}],
//! "topics":[{"slug","name","count","kind","iptc","parent","first_date","last_date"}]}`. New keys
//! may be added; none are removed or renamed. Topic kinds are `curated`, `section`, `subsection`
//! and `story`; sections and sub-sections carry the IPTC Media Topics code of their section
//! (`"iptc": "medtop:04000000"`), and an article's first `section` topic is its main section.

use std::fmt::Write as _;

use serde::Serialize;

use crate::extract::resolve::{Duplicate, Reason};
use crate::site::Site;

/// How many possible duplicates `gazette check` shows; `inspect` shows them all.
pub const CHECK_DUPLICATES: usize = 10;

#[derive(Serialize)]
pub struct ActorRef<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub kind: &'static str,
    /// How often the item names the actor.
    pub mentions: u32,
    /// Paragraph of the first mention (0 = title or lede); absent when only front matter names it.
    pub first_paragraph: Option<u32>,
    /// How strongly the text shows this is an actor of this kind (0 weak .. 4 strong).
    pub evidence: u8,
    /// The role this item gives the actor, when it gives one.
    pub role: Option<&'a str>,
}

#[derive(Serialize)]
pub struct TopicRef<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iptc: Option<&'a str>,
}

#[derive(Serialize)]
pub struct ArticleEntry<'a> {
    pub id: &'a str,
    pub path: String,
    pub date: String,
    pub title: &'a str,
    pub url: String,
    pub actors: Vec<ActorRef<'a>>,
    /// Actors named only in passing (see the README: "also mentioned").
    pub mentioned: Vec<ActorRef<'a>>,
    pub topics: Vec<TopicRef<'a>>,
}

#[derive(Serialize)]
pub struct NoteEntry<'a> {
    pub id: &'a str,
    pub path: String,
    pub date: Option<String>,
    pub title: &'a str,
    pub url: String,
    pub actors: Vec<ActorRef<'a>>,
    pub mentioned: Vec<ActorRef<'a>>,
    pub topics: Vec<TopicRef<'a>>,
}

#[derive(Serialize)]
pub struct ActorEntry<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub kind: &'static str,
    pub aliases: &'a [String],
    pub count: usize,
    pub role: Option<&'a str>,
    pub confidence: f32,
    pub profile: bool,
}

#[derive(Serialize)]
pub struct TopicEntry<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub count: usize,
    pub curated: bool,
    /// curated, section, subsection or story.
    pub kind: &'static str,
    /// Sections and sub-sections: the IPTC code of the section, `medtop:04000000`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iptc: Option<&'a str>,
    /// Sub-sections: the slug of their section.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<&'a str>,
    /// Dates of the topic's first and latest item.
    pub first_date: Option<chrono::NaiveDate>,
    pub last_date: Option<chrono::NaiveDate>,
}

#[derive(Serialize)]
pub struct Index<'a> {
    pub articles: Vec<ArticleEntry<'a>>,
    pub notes: Vec<NoteEntry<'a>>,
    pub actors: Vec<ActorEntry<'a>>,
    pub topics: Vec<TopicEntry<'a>>,
    /// Actors extraction is unsure of: worth a look, and a profile to fix.
    pub low_confidence: Vec<&'a str>,
    /// Groups of actors that may be one (names one letter apart or spelled alike, an
    /// acronym spelled out more than one way, people with the same surname), closest calls
    /// first: the names of each group.
    pub possible_duplicates: Vec<Vec<&'a str>>,
    /// The same groups in full: why, the actors, and the profile that would merge them.
    pub possible_duplicate_groups: Vec<DuplicateEntry<'a>>,
}

/// A possible duplicate and the profile that would settle it.
#[derive(Serialize)]
pub struct DuplicateEntry<'a> {
    pub reason: Reason,
    /// The reason in words.
    pub why: &'static str,
    pub actors: Vec<DuplicateActor<'a>>,
    /// The profile file to write or edit (relative to the site folder) ...
    pub profile_path: String,
    /// ... and its front matter, making the group one actor.
    pub profile: String,
}

#[derive(Serialize)]
pub struct DuplicateActor<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub kind: &'static str,
    pub count: usize,
}

fn actor_refs<'a>(
    site: &'a Site,
    mentions: &'a [crate::extract::ActorMention],
    minor: bool,
) -> Vec<ActorRef<'a>> {
    mentions
        .iter()
        .filter(|m| m.minor == minor)
        .map(|m| {
            let a = &site.annotations.actors[m.actor as usize];
            ActorRef {
                slug: &a.slug,
                name: &a.name,
                kind: a.kind.as_str(),
                mentions: m.mentions,
                first_paragraph: (m.first_paragraph != u32::MAX).then_some(m.first_paragraph),
                evidence: m.evidence.min(4),
                role: m.role.as_deref(),
            }
        })
        .collect()
}

fn topic_refs<'a>(site: &'a Site, ids: &[u32]) -> Vec<TopicRef<'a>> {
    ids.iter()
        .map(|&t| {
            let t = &site.annotations.topics[t as usize];
            TopicRef {
                slug: &t.slug,
                name: &t.name,
                kind: t.kind.as_str(),
                iptc: t.iptc.as_deref(),
            }
        })
        .collect()
}

pub fn index(site: &Site) -> Index<'_> {
    let mut order: Vec<usize> = (0..site.corpus.articles.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&site.corpus.articles[a], &site.corpus.articles[b]);
        (x.date, &x.id).cmp(&(y.date, &y.id))
    });
    let articles = order
        .into_iter()
        .map(|i| {
            let a = &site.corpus.articles[i];
            ArticleEntry {
                id: &a.id,
                path: a.path.to_string_lossy().into_owned(),
                date: a.date.to_string(),
                title: &a.title,
                url: site.url(&site.article_path(i as u32)),
                actors: actor_refs(site, &site.annotations.article_actors[i], false),
                mentioned: actor_refs(site, &site.annotations.article_actors[i], true),
                topics: topic_refs(site, &site.annotations.article_topics[i]),
            }
        })
        .collect();
    let notes = site
        .corpus
        .notes
        .iter()
        .enumerate()
        .map(|(i, n)| NoteEntry {
            id: &n.id,
            path: n.path.to_string_lossy().into_owned(),
            date: n.date.map(|d| d.to_string()),
            title: &n.title,
            url: site.url(&site.note_path(i as u32)),
            actors: actor_refs(site, &site.note_actors[i], false),
            mentioned: actor_refs(site, &site.note_actors[i], true),
            topics: topic_refs(site, &site.note_topics[i]),
        })
        .collect();
    let mut actor_ids: Vec<usize> = (0..site.annotations.actors.len())
        .filter(|&i| site.actor_counts[i] > 0)
        .collect();
    actor_ids.sort_by(|&a, &b| {
        let (x, y) = (&site.annotations.actors[a], &site.annotations.actors[b]);
        (x.kind, &x.slug).cmp(&(y.kind, &y.slug))
    });
    let actors = actor_ids
        .iter()
        .map(|&i| {
            let a = &site.annotations.actors[i];
            ActorEntry {
                slug: &a.slug,
                name: &a.name,
                kind: a.kind.as_str(),
                aliases: &a.aliases,
                count: site.actor_counts[i],
                role: a.role.as_deref(),
                confidence: (a.confidence * 100.0).round() / 100.0,
                profile: a.profile.is_some(),
            }
        })
        .collect();
    let topics = site
        .annotations
        .topics
        .iter()
        .enumerate()
        .filter(|&(i, _)| site.topic_counts[i] > 0)
        .map(|(i, t)| {
            let dates = site.topic_items[i]
                .iter()
                .filter_map(|&r| site.item_date(r));
            TopicEntry {
                slug: &t.slug,
                name: &t.name,
                count: site.topic_counts[i],
                curated: t.kind == crate::extract::TopicKind::Curated,
                kind: t.kind.as_str(),
                iptc: t.iptc.as_deref(),
                parent: t
                    .parent
                    .map(|p| site.annotations.topics[p as usize].slug.as_str()),
                first_date: dates.clone().min(),
                last_date: dates.max(),
            }
        })
        .collect();
    let low_confidence = actor_ids
        .iter()
        .map(|&i| &site.annotations.actors[i])
        .filter(|a| a.confidence < 0.5)
        .map(|a| a.name.as_str())
        .collect();
    let possible_duplicate_groups = duplicates(site);
    let possible_duplicates = possible_duplicate_groups
        .iter()
        .map(|g| g.actors.iter().map(|a| a.name).collect())
        .collect();
    Index {
        articles,
        notes,
        actors,
        topics,
        low_confidence,
        possible_duplicates,
        possible_duplicate_groups,
    }
}

/// The possible duplicates extraction found among the actors items still name, each with the
/// profile that makes the group one actor.
pub fn duplicates(site: &Site) -> Vec<DuplicateEntry<'_>> {
    site.annotations
        .duplicates
        .iter()
        .filter_map(|d| duplicate_entry(site, d))
        .collect()
}

fn duplicate_entry<'a>(site: &'a Site, d: &Duplicate) -> Option<DuplicateEntry<'a>> {
    let ids: Vec<usize> = (d.actors.iter())
        .map(|&id| id as usize)
        .filter(|&i| site.actor_counts[i] > 0)
        .collect();
    let actors: Vec<&crate::extract::Actor> =
        ids.iter().map(|&i| &site.annotations.actors[i]).collect();
    if actors.len() < 2 {
        return None;
    }
    // The actor to keep: the most mentioned; for an acronym, what it most likely stands for.
    let (keep, others): (_, Vec<_>) = if d.reason == Reason::AmbiguousAcronym {
        (actors[1], vec![actors[0]])
    } else {
        (actors[0], actors[1..].to_vec())
    };
    let profile = keep.profile.map(|p| &site.corpus.actor_profiles[p]);
    let mut aliases: Vec<&str> = profile
        .map(|p| p.aliases.iter().map(String::as_str).collect())
        .unwrap_or_default();
    aliases.extend(others.iter().map(|a| a.name.as_str()));
    let profile_path = match profile {
        Some(p) => p.path.to_string_lossy().into_owned(),
        None => format!("content/actors/{}.md", keep.slug),
    };
    let aliases: Vec<String> = aliases.into_iter().map(yaml_scalar).collect();
    let profile = format!(
        "---\nname: {}\naliases: [{}]\nkind: {}\n---\n",
        yaml_scalar(&keep.name),
        aliases.join(", "),
        keep.kind.as_str()
    );
    Some(DuplicateEntry {
        reason: d.reason,
        why: d.reason.describe(),
        actors: ids
            .iter()
            .map(|&i| {
                let a = &site.annotations.actors[i];
                DuplicateActor {
                    slug: &a.slug,
                    name: &a.name,
                    kind: a.kind.as_str(),
                    count: site.actor_counts[i],
                }
            })
            .collect(),
        profile_path,
        profile,
    })
}

/// A name as a YAML scalar: as it is, or quoted when YAML would read it otherwise.
fn yaml_scalar(s: &str) -> String {
    let special = s.is_empty()
        || s.starts_with(|c: char| c.is_whitespace() || "-?:,[]{}#&*!|>'\"%@`".contains(c))
        || s.ends_with(char::is_whitespace)
        || s.contains(": ")
        || s.contains(" #")
        || s.contains([',', '[', ']', '{', '}'])
        || matches!(
            s.to_ascii_lowercase().as_str(),
            "yes" | "no" | "true" | "false" | "null" | "on" | "off" | "y" | "n" | "~"
        )
        || s.parse::<f64>().is_ok();
    if special {
        serde_json::to_string(s).unwrap_or_else(|_| s.to_string())
    } else {
        s.to_string()
    }
}

/// Possible duplicates as `inspect` and `check` show them: each group with the profile that
/// would make it one actor; at most `limit` groups, then how many more there are. `None` when
/// there are none.
pub fn duplicates_report(site: &Site, limit: usize) -> Option<String> {
    let groups = duplicates(site);
    if groups.is_empty() {
        return None;
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} possible duplicate(s): one actor under several names? A profile settles it; if they \
         are different, give each its own profile.",
        groups.len()
    );
    for g in groups.iter().take(limit) {
        let names: Vec<String> = (g.actors.iter())
            .map(|a| format!("{} ({})", a.name, a.count))
            .collect();
        let _ = writeln!(out, "    {}: {}", names.join(" / "), g.why);
        let _ = writeln!(out, "      to merge them, write {}:", g.profile_path);
        for line in g.profile.lines() {
            let _ = writeln!(out, "        {line}");
        }
    }
    if groups.len() > limit {
        let _ = writeln!(
            out,
            "    ... and {} more: `gazette inspect` lists them all",
            groups.len() - limit
        );
    }
    Some(out.trim_end().to_string())
}

/// The human-readable report.
pub fn text(site: &Site) -> String {
    let idx = index(site);
    let mut out = String::new();
    let count = |k: &str| idx.actors.iter().filter(|a| a.kind == k).count();
    let _ = writeln!(
        out,
        "{} articles, {} notes; {} people, {} organisations, {} places, {} other actors; {} topics",
        idx.articles.len(),
        idx.notes.len(),
        count("person"),
        count("organization"),
        count("place"),
        count("other"),
        idx.topics.len()
    );
    for a in &idx.articles {
        let _ = writeln!(out, "\n{}  {}  {}", a.date, a.id, a.title);
        let people: Vec<String> = a
            .actors
            .iter()
            .map(|x| format!("{} ({})", x.name, x.kind))
            .collect();
        let _ = writeln!(
            out,
            "    actors: {}",
            if people.is_empty() {
                "-".into()
            } else {
                people.join(", ")
            }
        );
        let topics: Vec<&str> = a.topics.iter().map(|t| t.name).collect();
        let _ = writeln!(out, "    topics: {}", topics.join(", "));
    }
    if !idx.low_confidence.is_empty() {
        let _ = writeln!(
            out,
            "\nLow-confidence actors (check them; a profile in content/actors/ settles it):"
        );
        for name in &idx.low_confidence {
            let _ = writeln!(out, "    {name}");
        }
    }
    if let Some(report) = duplicates_report(site, usize::MAX) {
        let _ = writeln!(out, "\n{report}");
    }
    out
}
