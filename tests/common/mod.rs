//! Helpers for integration tests: temporary sites, running the real binary, reading output.
#![allow(dead_code)]

pub mod http;
pub mod webdriver;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct TestSite {
    pub dir: tempfile::TempDir,
}

pub fn gazette_bin() -> &'static str {
    env!("CARGO_BIN_EXE_gazette")
}

/// `../shared/` next to the repository, as the brief places it.
pub fn shared(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("shared")
        .join(rel)
}

/// `tests/sites/<case>/`: a fixture site kept as files (see [`TestSite::from_fixture`]).
pub fn fixture_site(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/sites")
        .join(case)
}

/// Whether the tests run in CI (`CI=true`), where `.ci/run` provides `../shared`, python3 and
/// Chromium: there, a missing tool or data set fails the test instead of skipping it.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Whether what a test needs beyond Rust is here. A bare clone has no `../shared` and may
/// have no python3: the test is skipped with a printed notice, so `cargo test` passes there;
/// under `CI=true` the absence fails it.
pub fn available(what: &str, present: bool) -> bool {
    if present {
        return true;
    }
    assert!(!in_ci(), "{what} is missing, and CI=true requires it");
    // Written to the stream itself: the test harness hides `eprintln!` of passing tests.
    use std::io::Write as _;
    let _ = writeln!(
        std::io::stderr(),
        "notice: skipped, {what} is not here (a bare clone?); CI=true requires it"
    );
    false
}

/// A line for the test's output even when it passes (figures a test measures).
pub fn notice(line: &str) {
    // Written to the stream itself: the test harness hides `eprintln!` of passing tests.
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// The real article the plain-text format comes from, copied from `../shared/seed/` into
/// `tests/fixtures/seed/` so that a bare clone tests with it too.
pub fn seed_article() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed/2025-04-18-rubio-paris.txt")
}

/// `../shared/<rel>`, when it is here (see [`available`]).
pub fn shared_or_skip(rel: &str) -> Option<PathBuf> {
    let path = shared(rel);
    available(&format!("{}", path.display()), path.exists()).then_some(path)
}

/// Whether python3 runs here (see [`available`]).
pub fn python3_or_skip() -> bool {
    let runs = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    available("python3", runs)
}

impl TestSite {
    pub fn new() -> TestSite {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("content/articles")).unwrap();
        TestSite { dir }
    }

    /// A site made of the files of `tests/sites/<case>/`, copied into a temporary folder.
    pub fn from_fixture(case: &str) -> TestSite {
        let site = TestSite::new();
        site.add_fixture(case);
        site
    }

    /// Copies the files of `tests/sites/<case>/` into the site, over any of the same name
    /// (to add a set of files to a site already built).
    pub fn add_fixture(&self, case: &str) -> &Self {
        let from = fixture_site(case);
        assert!(from.is_dir(), "no fixture site {}", from.display());
        for e in walkdir::WalkDir::new(&from).sort_by_file_name() {
            let e = e.unwrap();
            if e.file_type().is_file() {
                let rel = e.path().strip_prefix(&from).unwrap();
                self.write(
                    rel.to_str().expect("UTF-8 fixture paths"),
                    std::fs::read(e.path()).unwrap(),
                );
            }
        }
        self
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> &Self {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
        self
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.root().join(rel)).unwrap();
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(gazette_bin())
            .arg("--root")
            .arg(self.root())
            .args(args)
            .output()
            .expect("run gazette")
    }

    /// Runs `gazette build ARGS` and fails the test with its output if it fails.
    pub fn build(&self, args: &[&str]) -> Output {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let out = self.run(&all);
        assert!(
            out.status.success(),
            "build failed:\nstdout: {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    pub fn out(&self, rel: &str) -> PathBuf {
        self.root().join("output").join(rel)
    }

    pub fn page(&self, rel: &str) -> String {
        let path = self.out(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Every file under `dir` with its bytes, for before/after comparisons.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut map = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
    {
        if e.file_type().is_file() {
            map.insert(
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            );
        }
    }
    map
}

/// Checks every internal link and anchor of a built site with Gazette's own checker (the one
/// `gazette check` runs), so a bare clone checks links too; panics with the broken ones.
pub fn assert_links_ok(output: &Path, base: &str) {
    let mut files = rustc_hash::FxHashSet::default();
    let mut html = Vec::new();
    for entry in walkdir::WalkDir::new(output)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let rel = entry
            .path()
            .strip_prefix(output)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel.ends_with(".html") {
            html.push((rel.clone(), std::fs::read_to_string(entry.path()).unwrap()));
        }
        files.insert(rel);
    }
    let pages = html.iter().map(|(f, h)| (f.as_str(), h.as_str()));
    let broken: Vec<String> = gazette::links::check(pages, &files, base)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// All `href` values in a page.
pub fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_string)
        .collect()
}

/// `inspect --json` of a site holding the named article files of a fixture folder.
pub fn inspect_fixture_articles<'a>(
    dir: &Path,
    names: impl IntoIterator<Item = &'a String>,
) -> serde_json::Value {
    let site = TestSite::new();
    for name in names {
        site.write(
            &format!("content/articles/{name}"),
            std::fs::read(dir.join(name)).unwrap(),
        );
    }
    let out = site.run(&["inspect", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The `articles` object of a fixture folder's `gold.json`.
pub fn fixture_gold(dir: &Path) -> serde_json::Map<String, serde_json::Value> {
    let text = std::fs::read_to_string(dir.join("gold.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["articles"].as_object().unwrap().clone()
}
