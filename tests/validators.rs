//! Outside validators over built sites (issue 19's measured goals): the Nu Html Checker finds no
//! error on any page, every Atom feed parses with no date before the site's first article, and
//! axe-core finds no violation on the home, day, article, person, topic, note and search pages
//! (light, wide; dark, phone-sized). The sites: the bundled example, the same at a sub-path of
//! an absolute `base_url` (canonical links, `og:url`, sitemap), and one built from
//! `../shared/corpora/reuters-mini` when that is here.
//!
//! The tools: `java` and `vnu.jar` (npm `vnu-jar`), node and `axe` (npm `@axe-core/cli`) with
//! Chromium and chromedriver. `.ci/run` installs them and points `GAZETTE_VNU_JAR` and
//! `GAZETTE_AXE` at them (default: `.ci/node/node_modules/…`). A missing tool skips its test with
//! a notice, or fails it under `CI=true`. Feeds are parsed in Rust (`atom_syndication`), so
//! that test runs everywhere.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A built site: its source folder and its output.
struct Built {
    name: &'static str,
    source: PathBuf,
    output: tempfile::TempDir,
    _site: Option<tempfile::TempDir>,
}

fn build(
    name: &'static str,
    source: &Path,
    args: &[&str],
    site: Option<tempfile::TempDir>,
) -> Built {
    let output = tempfile::tempdir().expect("temp dir");
    let run = Command::new(common::gazette_bin())
        .arg("--root")
        .arg(source)
        .args(["build", "--quiet", "--output"])
        .arg(output.path())
        .args(args)
        .output()
        .expect("run gazette");
    assert!(
        run.status.success(),
        "{name}: build failed: {}",
        common::stderr(&run)
    );
    Built {
        name,
        source: source.to_path_buf(),
        output,
        _site: site,
    }
}

/// The example site as `gazette build` writes it (base_url `/`).
fn example() -> &'static Built {
    static SITE: OnceLock<Built> = OnceLock::new();
    SITE.get_or_init(|| build("example", repo(), &[], None))
}

/// The example site under `https://example.org/briefing/`: absolute links, a sitemap.
fn example_hosted() -> &'static Built {
    static SITE: OnceLock<Built> = OnceLock::new();
    SITE.get_or_init(|| {
        build(
            "example at https://example.org/briefing/",
            repo(),
            &["--base-url", "https://example.org/briefing/"],
            None,
        )
    })
}

/// A site of the 300 Reuters-mini articles, when `../shared` is here.
fn reuters_mini() -> Option<&'static Built> {
    static SITE: OnceLock<Option<Built>> = OnceLock::new();
    SITE.get_or_init(|| {
        let articles = common::shared_or_skip("corpora/reuters-mini/articles")?;
        let site = tempfile::tempdir().expect("temp dir");
        for e in walkdir::WalkDir::new(&articles) {
            let e = e.unwrap();
            if e.file_type().is_file() {
                let to = site
                    .path()
                    .join("content/articles")
                    .join(e.path().strip_prefix(&articles).unwrap());
                std::fs::create_dir_all(to.parent().unwrap()).unwrap();
                std::fs::copy(e.path(), to).unwrap();
            }
        }
        let root = site.path().to_path_buf();
        Some(build("reuters-mini", &root, &[], Some(site)))
    })
    .as_ref()
}

fn sites() -> Vec<&'static Built> {
    let mut all = vec![example(), example_hosted()];
    all.extend(reuters_mini());
    all
}

/// Whether `cmd --version`-like arguments run.
fn runs(cmd: &str, args: &[&str]) -> bool {
    Command::new(cmd)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A tool from an environment variable, else its place under `.ci/node/`.
fn tool(var: &str, default: &str) -> PathBuf {
    std::env::var_os(var)
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join(".ci/node/node_modules").join(default))
}

fn first_existing(candidates: &[&str]) -> Option<String> {
    candidates
        .iter()
        .find(|p| Path::new(p).exists())
        .map(|p| p.to_string())
}

#[test]
fn the_nu_html_checker_finds_no_errors_on_any_page() {
    let jar = tool("GAZETTE_VNU_JAR", "vnu-jar/build/dist/vnu.jar");
    let here = runs("java", &["-version"]) && jar.exists();
    let what = format!(
        "the Nu Html Checker (java and {}; .ci/run installs both)",
        jar.display()
    );
    if !common::available(&what, here) {
        return;
    }
    let sites = sites();
    // One run of the checker over every site: the JVM starts once.
    let out = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--skip-non-html", "--format", "gnu"])
        .args(sites.iter().map(|s| s.output.path()))
        .output()
        .expect("run vnu");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let errors: Vec<&str> = report.lines().filter(|l| !l.trim().is_empty()).collect();
    for s in &sites {
        let dir = s.output.path().to_string_lossy().into_owned();
        let pages = walkdir::WalkDir::new(s.output.path())
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
            .count();
        let n = errors.iter().filter(|l| l.contains(&dir)).count();
        common::notice(&format!("vnu: {}: {n} errors in {pages} pages", s.name));
    }
    assert!(
        out.status.success() && errors.is_empty(),
        "the Nu Html Checker found {} errors:\n{}",
        errors.len(),
        errors
            .iter()
            .take(50)
            .copied()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The earliest date of the site's articles (`date YYYY-MM-DD` of plain text, `date:` of
/// Markdown front matter).
fn first_article_date(source: &Path) -> String {
    let mut first: Option<String> = None;
    for e in walkdir::WalkDir::new(source.join("content/articles"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let text = std::fs::read_to_string(e.path()).unwrap_or_default();
        let text = text.trim_start_matches('\u{feff}').trim_start();
        let date = if let Some(rest) = text.strip_prefix("date") {
            Some(rest.trim_start())
        } else {
            text.lines()
                .find_map(|l| l.strip_prefix("date:"))
                .map(|d| d.trim().trim_matches(|c| c == '"' || c == '\''))
        };
        if let Some(d) = date.and_then(|d| d.get(..10))
            && first.as_deref().is_none_or(|f| d < f)
        {
            first = Some(d.to_string());
        }
    }
    first.expect("the site has dated articles")
}

#[test]
fn every_feed_parses_and_has_no_date_before_the_first_article() {
    for s in sites() {
        let first = first_article_date(&s.source);
        let mut feeds = 0;
        let mut entries = 0;
        let mut problems = Vec::new();
        for e in walkdir::WalkDir::new(s.output.path())
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "xml"))
            .filter(|e| e.file_name() != "sitemap.xml")
        {
            let rel = e
                .path()
                .strip_prefix(s.output.path())
                .unwrap()
                .display()
                .to_string();
            let file = std::io::BufReader::new(std::fs::File::open(e.path()).unwrap());
            let feed = match atom_syndication::Feed::read_from(file) {
                Ok(f) => f,
                Err(err) => {
                    problems.push(format!("{rel}: {err}"));
                    continue;
                }
            };
            feeds += 1;
            let mut check = |what: &str, id: &str, title: &str, dates: &[String]| {
                if id.is_empty() || title.is_empty() {
                    problems.push(format!("{rel}: {what} without an id or a title"));
                }
                for d in dates {
                    if d.get(..10).is_none_or(|day| day < first.as_str()) {
                        problems.push(format!("{rel}: {what} dated {d}, before {first}"));
                    }
                }
            };
            check(
                "the feed",
                feed.id(),
                feed.title(),
                &[feed.updated().to_rfc3339()],
            );
            for entry in feed.entries() {
                entries += 1;
                let mut dates = vec![entry.updated().to_rfc3339()];
                dates.extend(entry.published().map(|d| d.to_rfc3339()));
                check("an entry", entry.id(), entry.title(), &dates);
            }
        }
        common::notice(&format!(
            "feeds: {}: {feeds} feeds, {entries} entries parsed, {} problems, first article {first}",
            s.name,
            problems.len()
        ));
        assert!(feeds > 0, "{}: no feeds", s.name);
        assert!(
            problems.is_empty(),
            "{}: feed problems:\n{}",
            s.name,
            problems.join("\n")
        );
    }
}

/// The pages axe checks: home, the newest day and its first article, the person and the topic
/// with the most content (the longest pages), the first note, and search with a query.
fn pages_to_check(out: &Path) -> Vec<String> {
    let rel = |p: &Path| {
        format!(
            "/{}/",
            p.strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        )
    };
    let dirs = |p: &Path| -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(p)
            .map(|r| r.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        v.retain(|d| d.join("index.html").is_file() && !d.ends_with("page"));
        v.sort();
        v
    };
    let biggest = |p: &Path| {
        dirs(p)
            .into_iter()
            .max_by_key(|d| std::fs::metadata(d.join("index.html")).map_or(0, |m| m.len()))
    };
    let mut days: Vec<PathBuf> = walkdir::WalkDir::new(out)
        .min_depth(3)
        .max_depth(3)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| {
            let r = p.strip_prefix(out).unwrap().to_string_lossy().into_owned();
            r.len() == 10 && r.bytes().filter(u8::is_ascii_digit).count() == 8
        })
        .collect();
    days.sort();
    let day = days.last().expect("a day page").clone();
    let mut pages = vec!["/".to_string(), rel(&day)];
    pages.extend(dirs(&day).first().map(|p| rel(p)));
    pages.extend(biggest(&out.join("people")).map(|p| rel(&p)));
    pages.extend(biggest(&out.join("topics")).map(|p| rel(&p)));
    pages.extend(dirs(&out.join("notes")).first().map(|p| rel(p)));
    pages.push("/search/?q=strike".to_string());
    pages
}

#[test]
fn axe_finds_no_accessibility_violations_on_each_kind_of_page() {
    let axe = tool("GAZETTE_AXE", ".bin/axe");
    let driver = first_existing(&["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]);
    let chromium = first_existing(&["/usr/bin/chromium", "/usr/lib/chromium/chromium"]);
    let here =
        axe.exists() && runs("node", &["--version"]) && driver.is_some() && chromium.is_some();
    let what = format!(
        "axe-core ({}, node, Chromium and chromedriver; .ci/run installs them)",
        axe.display()
    );
    if !common::available(&what, here) {
        return;
    }
    let (driver, chromium) = (driver.unwrap(), chromium.unwrap());
    let mut sites = vec![example()];
    sites.extend(reuters_mini());
    let mut failures = Vec::new();
    for s in sites {
        let port = common::http::serve_static(s.output.path(), "/");
        let urls: Vec<String> = pages_to_check(s.output.path())
            .iter()
            .map(|p| format!("http://127.0.0.1:{port}{p}"))
            .collect();
        // Window size and colour scheme go through a wrapper around Chromium: axe's
        // `--chrome-options` splits at commas, and `--window-size` needs one. Headless
        // Chromium keeps windows at least 500 px wide, which is the narrow layout still.
        for (look, extra) in [
            ("light, wide", "--window-size=1200,900"),
            ("dark, narrow", "--window-size=390,844 --force-dark-mode"),
        ] {
            let profile = tempfile::tempdir().unwrap();
            let wrapper = profile.path().join("chromium");
            std::fs::write(
                &wrapper,
                format!("#!/bin/sh\nexec '{chromium}' \"$@\" {extra}\n"),
            )
            .unwrap();
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
            let options = format!(
                "headless=new,no-sandbox,disable-gpu,disable-dev-shm-usage,disable-quic,no-first-run,\
                 disable-background-networking,disable-component-update,disable-sync,\
                 user-data-dir={}",
                profile.path().join("profile").display()
            );
            let out = Command::new(&axe)
                .args(&urls)
                .args(["--chromedriver-path", &driver])
                .arg("--chrome-path")
                .arg(&wrapper)
                .arg(format!("--chrome-options={options}"))
                // Search results arrive after the page loads.
                .args(["--load-delay", "1000", "--stdout"])
                .output()
                .expect("run axe");
            let stdout = String::from_utf8_lossy(&out.stdout);
            // `--load-delay` prints a line before the JSON.
            let json = stdout.find('[').map_or("", |i| &stdout[i..]);
            let results: serde_json::Value = serde_json::from_str(json).unwrap_or_else(|e| {
                panic!(
                    "axe gave no results ({e}):\n{stdout}\n{}",
                    common::stderr(&out)
                )
            });
            let results = results.as_array().expect("an array of results");
            assert_eq!(results.len(), urls.len(), "axe checked every page");
            for r in results {
                let url = r["url"].as_str().unwrap_or("?");
                let violations = r["violations"].as_array().map_or(&[][..], Vec::as_slice);
                common::notice(&format!(
                    "axe: {} ({look}, window {} px): {} violations on {}",
                    s.name,
                    r["testEnvironment"]["windowWidth"],
                    violations.len(),
                    url.replace(&format!("http://127.0.0.1:{port}"), "")
                ));
                for v in violations {
                    let nodes: Vec<&str> = v["nodes"]
                        .as_array()
                        .map_or(&[][..], Vec::as_slice)
                        .iter()
                        .filter_map(|n| n["html"].as_str())
                        .take(3)
                        .collect();
                    failures.push(format!(
                        "{} ({look}) {url}: {}: {} {nodes:?}",
                        s.name,
                        v["id"].as_str().unwrap_or("?"),
                        v["help"].as_str().unwrap_or("")
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "axe violations:\n{}",
        failures.join("\n")
    );
}
