//! Snapshots of the bundled example site (the repository root): a representative page of every
//! kind, the feeds and the sitemap as `gazette build` writes them, the template contexts of
//! some pages as JSON, and `gazette inspect --json`. A change to any of them fails here with a
//! diff; review it with `cargo insta review` (or rerun with `INSTA_UPDATE=always` and read
//! `git diff tests/snapshots/`), then commit the `.snap` files.
//!
//! Nothing in them depends on the machine: the output is built into a temporary folder whose
//! path appears in no page, and every date comes from the content.

mod common;

use std::path::Path;
use std::sync::OnceLock;

use gazette::pipeline::{self, Options};
use gazette::render::pages::{self, Shared};
use gazette::render::{PageKind, plan};

fn example_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The example site, built once by the real binary for every test in this file.
fn built() -> &'static Path {
    static OUT: OnceLock<tempfile::TempDir> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = tempfile::tempdir().expect("temp dir");
        let run = std::process::Command::new(common::gazette_bin())
            .arg("--root")
            .arg(example_root())
            .args(["build", "--quiet", "--output"])
            .arg(out.path())
            .output()
            .expect("run gazette");
        assert!(
            run.status.success(),
            "build failed: {}",
            common::stderr(&run)
        );
        out
    })
    .path()
}

/// One output file as text; fails if it holds the temporary folder's path.
fn page(rel: &str) -> String {
    let out = built();
    let path = out.join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
    assert!(
        !text.contains(&*out.to_string_lossy()),
        "{rel} holds the output folder's path"
    );
    text
}

macro_rules! page_snapshot {
    ($test:ident, $name:literal, $rel:literal) => {
        #[test]
        fn $test() {
            insta::assert_snapshot!($name, page($rel));
        }
    };
}

page_snapshot!(home_page, "home", "index.html");
page_snapshot!(day_page, "day", "2025/03/10/index.html");
page_snapshot!(
    article_page,
    "article",
    "2025/03/10/lisbon-summit-opens/index.html"
);
page_snapshot!(
    person_page,
    "person",
    "people/ana-lucia-ferreira/index.html"
);
page_snapshot!(
    organisation_page,
    "organisation",
    "orgs/rotterdam-dockworkers-union/index.html"
);
page_snapshot!(place_page, "place", "places/lisbon/index.html");
page_snapshot!(section_page, "section", "sections/business/index.html");
page_snapshot!(topic_page, "topic", "topics/interest-rates/index.html");
page_snapshot!(
    story_page,
    "story",
    "topics/2025-03-03-halting-container-handling/index.html"
);
page_snapshot!(note_page, "note", "notes/rotterdam-talks/index.html");
page_snapshot!(site_feed, "atom", "atom.xml");
/// The sitemap needs a host in `base_url`, which the example site leaves out: built again with
/// one.
#[test]
fn sitemap() {
    let out = tempfile::tempdir().expect("temp dir");
    let run = std::process::Command::new(common::gazette_bin())
        .arg("--root")
        .arg(example_root())
        .args([
            "build",
            "--quiet",
            "--base-url",
            "https://news.example.org/",
            "--output",
        ])
        .arg(out.path())
        .output()
        .expect("run gazette");
    assert!(run.status.success(), "{}", common::stderr(&run));
    let text = std::fs::read_to_string(out.path().join("sitemap.xml")).expect("sitemap.xml");
    insta::assert_snapshot!("sitemap", text);
    assert!(
        !built().join("sitemap.xml").exists(),
        "no sitemap without a host"
    );
}

/// Every key a page context can hold (the `ctx.insert` calls of `render::pages`); the
/// site-wide values (`site`) are Tera globals, not part of a page's context.
const CONTEXT_KEYS: &[&str] = &[
    "actor",
    "actors",
    "article",
    "count",
    "curated",
    "date",
    "days",
    "groups",
    "kind",
    "kind_label",
    "latest",
    "month",
    "months",
    "name",
    "next",
    "note",
    "notes",
    "page",
    "paginator",
    "prev",
    "recent_notes",
    "sections",
    "stories",
    "top_orgs",
    "top_people",
    "top_topics",
    "topic",
    "total",
    "total_articles",
    "total_days",
    "total_stories",
    "week",
    "year",
    "years",
];

/// The template contexts of the example's pages at the given paths, as pretty JSON keyed by
/// path (the library's own view, without going through the templates).
fn contexts(paths: &[&str]) -> String {
    let assembled = pipeline::assemble(&Options {
        root: example_root().to_path_buf(),
        ..Options::default()
    })
    .unwrap_or_else(|d| panic!("{d:?}"));
    let site = &assembled.site;
    let shared = Shared::new(site);
    let plan = plan(site);
    let mut all = serde_json::Map::new();
    for &path in paths {
        let page = plan
            .iter()
            .find(|p| p.path == path)
            .unwrap_or_else(|| panic!("no page {path} in the plan"));
        assert!(page.kind.template().is_some(), "{path} has no template");
        let ctx = pages::context(site, &shared, page);
        let mut map = serde_json::Map::new();
        for &key in CONTEXT_KEYS {
            if let Some(v) = ctx.get(key) {
                map.insert(key.to_string(), serde_json::to_value(v).unwrap());
            }
        }
        assert!(map.contains_key("page"), "{path}: no `page` in its context");
        all.insert(path.to_string(), serde_json::Value::Object(map));
    }
    let text = serde_json::to_string_pretty(&all).unwrap();
    assert!(
        !text.contains(&*example_root().to_string_lossy()),
        "a context holds the site's absolute path"
    );
    text
}

#[test]
fn home_and_day_contexts() {
    insta::assert_snapshot!("context_home_day", contexts(&["", "2025/03/10/"]));
}

#[test]
fn article_and_note_contexts() {
    insta::assert_snapshot!(
        "context_article_note",
        contexts(&["2025/03/10/lisbon-summit-opens/", "notes/rotterdam-talks/"])
    );
}

#[test]
fn actor_and_topic_contexts() {
    insta::assert_snapshot!(
        "context_actor_topic",
        contexts(&[
            "people/ana-lucia-ferreira/",
            "orgs/rotterdam-dockworkers-union/",
            "places/lisbon/",
            "sections/business/",
            "topics/2025-03-03-halting-container-handling/",
        ])
    );
}

#[test]
fn inspect_json() {
    let run = std::process::Command::new(common::gazette_bin())
        .arg("--root")
        .arg(example_root())
        .args(["inspect", "--json"])
        .output()
        .expect("run gazette");
    assert!(run.status.success(), "{}", common::stderr(&run));
    let value: serde_json::Value = serde_json::from_slice(&run.stdout).expect("JSON");
    let text = serde_json::to_string_pretty(&value).unwrap();
    assert!(!text.contains(&*example_root().to_string_lossy()));
    insta::assert_snapshot!("inspect_json", text);
}

/// The plan lists the pages snapshotted above under the kinds their names say.
#[test]
fn snapshotted_pages_have_the_expected_kinds() {
    let assembled = pipeline::assemble(&Options {
        root: example_root().to_path_buf(),
        ..Options::default()
    })
    .unwrap_or_else(|d| panic!("{d:?}"));
    let plan = plan(&assembled.site);
    let kind = |path: &str| {
        &plan
            .iter()
            .find(|p| p.path == path)
            .unwrap_or_else(|| panic!("no page {path}"))
            .kind
    };
    assert!(matches!(kind(""), PageKind::Home));
    assert!(matches!(kind("2025/03/10/"), PageKind::Day { .. }));
    assert!(matches!(
        kind("2025/03/10/lisbon-summit-opens/"),
        PageKind::Article(_)
    ));
    assert!(matches!(kind("notes/rotterdam-talks/"), PageKind::Note(_)));
    for path in [
        "people/ana-lucia-ferreira/",
        "orgs/rotterdam-dockworkers-union/",
        "places/lisbon/",
    ] {
        assert!(matches!(kind(path), PageKind::Actor { .. }), "{path}");
    }
    for path in [
        "sections/business/",
        "topics/interest-rates/",
        "topics/2025-03-03-halting-container-handling/",
    ] {
        assert!(matches!(kind(path), PageKind::Topic { .. }), "{path}");
    }
    assert!(matches!(kind("atom.xml"), PageKind::Feed(_)));
    assert!(matches!(kind("robots.txt"), PageKind::Robots));
}
