//! `gazette init` and `gazette new`: starting files. Neither ever overwrites a file.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::Local;

use crate::content::dates::parse_iso_date;
use crate::text::slugify;

const CONFIG: &str = "# Every setting is optional. See the README for the full list.
title: My briefing
description: Daily digest of the stories I follow
base_url: /
# timezone: +01:00
# noise:
#   patterns: [\"Sponsored by *\"]
";

const PLAIN_ARTICLE: &str = " date {date} The city council approved a new transport budget after Mayor Elena Marsh won the support of two opposition members.

The vote followed weeks of debate over bus fares. Marsh said the plan would \"keep the city moving without raising fares this year,\" according to officials.

Advertisement

Opposition leader Tom Hadley called the compromise fair. Hadley said his group would watch how the money is spent.

(With agency inputs)
";

const MARKDOWN_ARTICLE: &str = "---
title: Council debate on bus fares continues
date: {date}
source: City Desk
topics: [Transport budget]
---
Councillors met again to discuss **bus fares**. Mayor Elena Marsh defended the budget, and Tom Hadley
asked for a yearly review.
";

const NOTE: &str = "---
title: What to watch in the budget
date: {date}
---
The [[Transport budget]] passed, but [[Tom Hadley]] wants a review. Worth following what
[[Elena Marsh]] says next week.
";

const PROFILE: &str = "---
name: Elena Marsh
aliases: [Mayor Marsh]
kind: person
role: Mayor
---
Mayor since 2022; previously ran the city's housing department.
";

const TOPIC: &str = "---
name: Transport budget
keywords: [bus fares, transport budget]
---
The city's spending on buses, trams and roads.
";

const GITIGNORE: &str =
    "# Written by `gazette init`: the built site, the build cache, and folders a killed build
# leaves.
/output/
/.gazette-cache/
/.output.gazette-staging-*
";

/// Creates a working site in `dir`. Fails, writing nothing, if any of its files exist.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let today = Local::now().date_naive().to_string();
    let fill = |s: &str| s.replace("{date}", &today);
    let files: Vec<(PathBuf, String)> = vec![
        (dir.join("gazette.yaml"), CONFIG.to_string()),
        (
            dir.join(format!("content/articles/{today}-council-budget.txt")),
            fill(PLAIN_ARTICLE),
        ),
        (
            dir.join(format!("content/articles/{today}-bus-fares.md")),
            fill(MARKDOWN_ARTICLE),
        ),
        (dir.join("content/notes/budget-watch.md"), fill(NOTE)),
        (
            dir.join("content/actors/elena-marsh.md"),
            PROFILE.to_string(),
        ),
        (
            dir.join("content/topics/transport-budget.md"),
            TOPIC.to_string(),
        ),
    ];
    let existing: Vec<String> = files
        .iter()
        .filter(|(p, _)| p.exists())
        .map(|(p, _)| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(format!(
            "refusing to overwrite existing files: {}",
            existing.join(", ")
        ));
    }
    for (path, text) in &files {
        write_new(path, text)?;
    }
    let mut written: Vec<PathBuf> = files.into_iter().map(|(p, _)| p).collect();
    // The built site and what interrupted builds leave are not sources. A `.gitignore` the
    // folder already has is the user's and stays as it is.
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        write_new(&ignore, GITIGNORE)?;
        written.push(ignore);
    }
    Ok(written)
}

/// Creates `content/articles/DATE-slug.md` or `content/notes/slug.md`.
pub fn new_item(
    root: &Path,
    note: bool,
    title: &str,
    date: Option<&str>,
) -> Result<PathBuf, String> {
    let date = match date {
        Some(d) => parse_iso_date(d)?,
        None => Local::now().date_naive(),
    };
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(format!(
            "the title `{title}` has no letters or digits to make a file name from"
        ));
    }
    let yaml_title = serde_json::to_string(title).map_err(|e| e.to_string())?;
    let (path, text) = if note {
        (
            root.join("content/notes").join(format!("{slug}.md")),
            format!(
                "---\ntitle: {yaml_title}\ndate: {date}\n# A draft is left out of the site until this line goes (or with --drafts).\ndraft: true\nactors: []\ntopics: []\narticles: []\n---\nWrite your note here. Link a person, topic or article by putting its name in double square brackets.\n"
            ),
        )
    } else {
        (
            root.join("content/articles")
                .join(format!("{date}-{slug}.md")),
            format!(
                "---\ntitle: {yaml_title}\ndate: {date}\n# A draft is left out of the site until this line goes (or with --drafts).\ndraft: true\n# source: where the article came from\nactors: []\ntopics: []\n---\nArticle text here.\n"
            ),
        )
    };
    write_new(&path, &text)?;
    Ok(path)
}

fn write_new(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => format!(
                "{} already exists; refusing to overwrite it",
                path.display()
            ),
            _ => format!("{}: {e}", path.display()),
        })?;
    f.write_all(text.as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))
}
