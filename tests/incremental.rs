//! Incremental builds: with the build cache, a rebuild carries unchanged pages over from the
//! previous output, and what it writes is byte for byte what a build from nothing writes.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{TestSite, stderr, stdout};
use proptest::prelude::*;

/// The repository's example site, copied into a temporary folder.
fn example_site() -> TestSite {
    let site = TestSite::new();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for e in walkdir::WalkDir::new(&from).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = Path::new("content").join(e.path().strip_prefix(&from).unwrap());
            site.write(rel.to_str().unwrap(), std::fs::read(e.path()).unwrap());
        }
    }
    site
}

/// Every file of a built site but the marker, which names its own folder.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut t = common::snapshot(dir);
    t.remove(Path::new(".gazette-output"));
    t
}

/// The files of `root` a build reads (not its output nor its cache), copied into a new site.
fn copy_sources(root: &Path) -> TestSite {
    let copy = TestSite::new();
    for e in walkdir::WalkDir::new(root).sort_by_file_name() {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(root).unwrap();
        let first = rel.components().next().map(|c| c.as_os_str().to_owned());
        if !e.file_type().is_file() || first.is_some_and(|f| f == "output" || f == ".gazette-cache")
        {
            continue;
        }
        copy.write(rel.to_str().unwrap(), std::fs::read(e.path()).unwrap());
    }
    copy
}

/// The cache file of the builds into the site's `output/`.
fn cache_file(site: &TestSite) -> PathBuf {
    let out = std::fs::canonicalize(site.root()).unwrap().join("output");
    gazette::cache::path(site.root(), &out)
}

fn carried_over(o: &std::process::Output) -> usize {
    stdout(o)
        .lines()
        .find_map(|l| l.strip_suffix(" unchanged pages carried over from the last build without rendering (build cache; --no-cache renders all)"))
        .map_or(0, |n| n.parse().unwrap())
}

/// The articles of the site, sorted, relative to its root.
fn articles(root: &Path) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(root.join("content/articles"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    out.sort();
    out
}

#[derive(Debug, Clone)]
enum Change {
    AddArticle(u8),
    EditArticle(u8),
    DeleteArticle(u8),
    RenameArticle(u8),
    AddNote(u8),
    EditNote(u8),
    EditProfile(u8),
    Config(u8),
    Template(u8),
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        3 => any::<u8>().prop_map(Change::AddArticle),
        3 => any::<u8>().prop_map(Change::EditArticle),
        2 => any::<u8>().prop_map(Change::DeleteArticle),
        2 => any::<u8>().prop_map(Change::RenameArticle),
        1 => any::<u8>().prop_map(Change::AddNote),
        1 => any::<u8>().prop_map(Change::EditNote),
        1 => any::<u8>().prop_map(Change::EditProfile),
        1 => any::<u8>().prop_map(Change::Config),
        1 => any::<u8>().prop_map(Change::Template),
    ]
}

const PEOPLE: [&str; 4] = [
    "Marta Kovač",
    "Pieter van der Berg",
    "Ana Lucía Ferreira",
    "Zoë Åberg",
];

fn apply(site: &TestSite, change: &Change) {
    let root = site.root();
    let pick = |list: &[String], n: u8| list[n as usize % list.len()].clone();
    match *change {
        Change::AddArticle(n) => {
            let day = 3 + n % 12;
            site.write(
                &format!("content/articles/2025/03/added-{n}.txt"),
                format!(
                    " date 2025-03-{day:02}\n\n{} met port officials in Rotterdam on Tuesday to discuss the strike, the union said.\n\nTalks are expected to continue next week, officials said.\n",
                    PEOPLE[n as usize % PEOPLE.len()]
                ),
            );
        }
        Change::EditArticle(n) => {
            let file = pick(&articles(root), n);
            let mut text = std::fs::read_to_string(root.join(&file)).unwrap();
            text.push_str(&format!(
                "\n\n{} said the talks would resume (edit {n}).\n",
                PEOPLE[n as usize % PEOPLE.len()]
            ));
            site.write(&file, text);
        }
        Change::DeleteArticle(n) => {
            let list = articles(root);
            if list.len() > 3 {
                site.remove(&pick(&list, n));
            }
        }
        Change::RenameArticle(n) => {
            let file = pick(&articles(root), n);
            let (dir, name) = file.rsplit_once('/').unwrap();
            let renamed = format!("{dir}/renamed-{n}-{name}");
            std::fs::rename(root.join(&file), root.join(renamed)).unwrap();
        }
        Change::AddNote(n) => {
            site.write(
                &format!("content/notes/added-{n}.md"),
                format!(
                    "---\ntitle: Note {n} on the strike\ndate: 2025-03-{:02}\n---\nWhat [[{}]] said matters; see [[rotterdam-talks]].\n",
                    3 + n % 12,
                    PEOPLE[n as usize % PEOPLE.len()]
                ),
            );
        }
        Change::EditNote(n) => {
            let file = "content/notes/what-to-watch.md";
            let mut text = std::fs::read_to_string(root.join(file)).unwrap();
            text.push_str(&format!("\nOne more thing to watch ({n}).\n"));
            site.write(file, text);
        }
        Change::EditProfile(n) => {
            let file = "content/actors/marta-kovac.md";
            let mut text = std::fs::read_to_string(root.join(file)).unwrap();
            text.push_str(&format!("\nA further line of biography ({n}).\n"));
            site.write(file, text);
        }
        Change::Config(n) => {
            site.write("gazette.yaml", format!("title: Briefing {n}\n"));
        }
        Change::Template(n) => {
            let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
            let text = std::fs::read_to_string(theme.join("base.html")).unwrap();
            site.write(
                "templates/base.html",
                text.replace(
                    "</body>",
                    &format!("<!-- template version {n} -->\n</body>"),
                ),
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    /// After every change, a rebuild with the cache writes exactly what a build of a copy of
    /// the site from nothing writes.
    #[test]
    fn incremental_output_is_byte_identical_to_a_cold_build(
        changes in proptest::collection::vec(change(), 1..5)
    ) {
        let site = example_site();
        site.build(&["--quiet"]);
        let mut reused = 0;
        for (step, change) in changes.iter().enumerate() {
            apply(&site, change);
            reused += carried_over(&site.build(&[]));
            let cold = copy_sources(site.root());
            cold.build(&["--quiet", "--no-cache"]);
            let (warm, fresh) = (tree(&site.out("")), tree(&cold.out("")));
            let differ: Vec<_> = warm
                .keys()
                .chain(fresh.keys())
                .filter(|k| warm.get(*k) != fresh.get(*k))
                .take(5)
                .collect();
            prop_assert!(
                differ.is_empty(),
                "after step {step} ({change:?}) the incremental output differs from a cold build in {differ:?}"
            );
        }
        // Only a template or settings change renders everything: otherwise pages were reused,
        // so the comparison above tested the cache.
        let everything = changes.iter().all(|c| matches!(c, Change::Config(_) | Change::Template(_)));
        prop_assert!(everything || reused > 0, "no page was carried over in {changes:?}");
    }
}

#[test]
fn a_rebuild_carries_over_unchanged_pages_and_renders_the_changed_ones() {
    let site = example_site();
    let first = site.build(&[]);
    assert_eq!(
        carried_over(&first),
        0,
        "a first build has nothing to reuse"
    );
    assert!(cache_file(&site).is_file());

    let again = site.build(&[]);
    let all = carried_over(&again);
    assert!(
        all > 50,
        "nothing changed, so every page is carried over: {}",
        stdout(&again)
    );

    // One article edited: its own page and the lists that show it are rendered again.
    let file = articles(site.root())[0].clone();
    let mut text = std::fs::read_to_string(site.root().join(&file)).unwrap();
    text.push_str("\n\nA sentence added by an editor.\n");
    site.write(&file, text);
    let edited = site.build(&[]);
    let reused = carried_over(&edited);
    assert!(reused > 0 && reused < all, "{}", stdout(&edited));
    let page = walkdir::WalkDir::new(site.out(""))
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| {
            e.file_name() == "index.html"
                && std::fs::read_to_string(e.path())
                    .is_ok_and(|t| t.contains("A sentence added by an editor."))
        });
    assert!(page.is_some(), "the edited article's page shows the edit");

    // --no-cache renders everything.
    let cold = site.build(&["--no-cache"]);
    assert_eq!(carried_over(&cold), 0);
}

#[test]
fn a_page_edited_by_hand_in_the_output_is_rendered_again() {
    let site = example_site();
    site.build(&[]);
    let home = site.out("index.html");
    let original = std::fs::read(&home).unwrap();
    std::fs::write(&home, b"<p>edited by hand</p>").unwrap();
    let again = site.build(&[]);
    assert!(carried_over(&again) > 0);
    assert_eq!(std::fs::read(&home).unwrap(), original);
}

#[test]
fn a_damaged_or_foreign_cache_means_a_full_build_with_a_note() {
    let site = example_site();
    site.build(&[]);
    std::fs::write(cache_file(&site), b"not a cache").unwrap();
    let o = site.build(&[]);
    assert_eq!(carried_over(&o), 0);
    assert!(
        stderr(&o).contains("build cache")
            && stderr(&o)
                .contains("damaged or from another version of Gazette; rendering every page"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        stderr(&o)
            .lines()
            .filter(|l| l.contains("build cache"))
            .count(),
        1,
        "one line says why"
    );
    // The next build can use the cache that build wrote.
    assert!(carried_over(&site.build(&[])) > 0);

    // A changed template: every page is rendered again, and the build says why.
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    let text = std::fs::read_to_string(theme.join("base.html")).unwrap();
    site.write("templates/base.html", format!("{text}\n<!-- changed -->\n"));
    let o = site.build(&[]);
    assert_eq!(carried_over(&o), 0);
    assert!(
        stderr(&o).contains(
            "templates or site-wide settings changed since the last build; rendering every page"
        ),
        "{}",
        stderr(&o)
    );
}

/// The roles on an article's page are the ones that article gives: a later article calling
/// the same person something else changes neither the page nor its fingerprint.
#[test]
fn an_article_page_shows_the_role_its_own_text_gives() {
    use gazette::pipeline::{Options, assemble};
    use gazette::render::pages::{self, Shared};
    let site = TestSite::new();
    site.write(
        "content/articles/2025-03-01-bridge.txt",
        " date 2025-03-01\nMayor Adaeze Okonkwo opened the new bridge in Lagos on Monday. \
         Okonkwo said traffic would ease within weeks.\n",
    );
    site.write(
        "content/articles/2025-03-05-budget.txt",
        " date 2025-03-05\nGovernor Adaeze Okonkwo presented the state budget in Lagos on \
         Friday. Okonkwo said roads come first.\n",
    );
    let assembled = assemble(&Options {
        root: site.root().to_path_buf(),
        ..Options::default()
    })
    .unwrap_or_else(|d| panic!("{d:?}"));
    let s = &assembled.site;
    let okonkwo = s
        .annotations
        .actors
        .iter()
        .find(|a| a.name == "Adaeze Okonkwo")
        .expect("the person is found");
    assert_eq!(okonkwo.role.as_deref(), Some("Governor"), "the latest role");
    let shared = Shared::new(s);
    let plan = gazette::render::plan::plan(s);
    let role_on = |path: &str| {
        let page = plan
            .iter()
            .find(|p| p.path == path)
            .expect("the article's page");
        let ctx = pages::context(s, &shared, page);
        let people = serde_json::to_value(ctx.get("article").unwrap()).unwrap()["people"].clone();
        assert_eq!(people[0]["name"], "Adaeze Okonkwo", "{people}");
        people[0]["role"].as_str().map(str::to_string)
    };
    assert_eq!(role_on("2025/03/01/bridge/").as_deref(), Some("Mayor"));
    assert_eq!(role_on("2025/03/05/budget/").as_deref(), Some("Governor"));
}

/// The memo of names is a hint too: damaged, it is ignored without a word, and the output is
/// what a build from nothing writes.
#[test]
fn a_damaged_memo_of_names_is_ignored() {
    let site = example_site();
    site.build(&[]);
    let memo = site.root().join(".gazette-cache/names");
    assert!(memo.is_file(), "a build keeps the names it found");
    std::fs::write(&memo, b"GZNAMES1\x00\xff\xff garbage").unwrap();
    let o = site.build(&["--timings"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("names"), "{}", stderr(&o));
    assert!(
        !stdout(&o).contains("items remembered"),
        "no names reused from a damaged memo: {}",
        stdout(&o)
    );
    let warm = tree(&site.out(""));
    let cold = copy_sources(site.root());
    cold.build(&["--no-cache"]);
    assert_eq!(warm, tree(&cold.out("")));
    // The build wrote a good memo again, and the next build uses it.
    let o = site.build(&["--timings"]);
    assert!(stdout(&o).contains("items remembered"), "{}", stdout(&o));
}
