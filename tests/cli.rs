//! The command line: init, new, check, inspect --json, help.

mod common;
use common::*;

#[test]
fn init_then_build_gives_a_working_site() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("briefing");
    let out = std::process::Command::new(gazette_bin())
        .arg("init")
        .arg(&site)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let ignore = std::fs::read_to_string(site.join(".gitignore")).expect("init writes .gitignore");
    assert!(ignore.lines().any(|l| l == "/output/"), "{ignore}");
    let out = std::process::Command::new(gazette_bin())
        .arg("--root")
        .arg(&site)
        .arg("build")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // The one warning expected: no host in base_url yet (so no sitemap), to set before
    // publishing.
    let others: Vec<String> = stderr(&out)
        .lines()
        .filter(|l| !l.contains("has no host"))
        .map(str::to_string)
        .collect();
    assert!(
        others.is_empty(),
        "no warnings in the starter site: {}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("base_url `/` has no host"),
        "{}",
        stderr(&out)
    );
    assert!(site.join("output/people/elena-marsh/index.html").exists());
    assert_links_ok(&site.join("output"), "/");
    // A second init refuses to overwrite anything.
    let again = std::process::Command::new(gazette_bin())
        .arg("init")
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("refusing to overwrite"));
}

#[test]
fn new_article_and_note_refuse_to_overwrite() {
    let site = TestSite::new();
    let out = site.run(&[
        "new",
        "article",
        "Talks resume in Geneva",
        "--date",
        "2025-05-01",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = site
        .root()
        .join("content/articles/2025-05-01-talks-resume-in-geneva.md");
    assert!(path.exists());
    let out = site.run(&[
        "new",
        "article",
        "Talks resume in Geneva",
        "--date",
        "2025-05-01",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already exists"));
    let out = site.run(&["new", "note", "My \"quoted\": note"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // New files are drafts: placeholder text is not published until the author says so.
    site.build(&[]);
    assert!(
        !site
            .out("2025/05/01/talks-resume-in-geneva/index.html")
            .exists()
    );
    assert!(!site.out("notes/my-quoted-note/index.html").exists());
    site.build(&["--drafts"]);
    assert!(
        site.out("2025/05/01/talks-resume-in-geneva/index.html")
            .exists()
    );
    assert!(
        site.page("notes/my-quoted-note/index.html")
            .contains("My &quot;quoted&quot;: note")
    );
    let bad = site.run(&["new", "note", "x", "--date", "2025-13-01"]);
    assert_eq!(bad.status.code(), Some(1));
}

#[test]
fn inspect_json_has_the_stable_shape() {
    let seed = seed_article();
    let site = TestSite::new();
    site.write(
        "content/articles/2025-04-18-rubio.txt",
        std::fs::read(seed).unwrap(),
    );
    let out = site.run(&["inspect", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let a = &v["articles"][0];
    assert_eq!(a["id"], "2025-04-18-rubio");
    assert_eq!(a["date"], "2025-04-18");
    assert_eq!(a["path"], "content/articles/2025-04-18-rubio.txt");
    assert_eq!(a["url"], "/2025/04/18/rubio/");
    assert!(
        a["title"]
            .as_str()
            .unwrap()
            .starts_with("US Secretary of State Marco Rubio")
    );
    let actors = a["actors"].as_array().unwrap();
    assert_eq!(actors[0]["slug"], "marco-rubio");
    assert_eq!(actors[0]["name"], "Marco Rubio");
    assert_eq!(actors[0]["kind"], "person");
    // One article alone makes no story: a story groups two or more items.
    assert!(
        a["topics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["kind"] != "story"),
        "{a}"
    );
    for t in a["topics"].as_array().unwrap() {
        assert!(t["slug"].is_string() && t["name"].is_string());
    }
    let top = v["actors"].as_array().unwrap();
    let rubio = top.iter().find(|x| x["slug"] == "marco-rubio").unwrap();
    assert_eq!(rubio["count"], 1);
    assert!(
        rubio["aliases"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("Rubio"))
    );
    // The human form works too.
    let text = site.run(&["inspect"]);
    assert!(stdout(&text).contains("Marco Rubio (person)"));
}

#[test]
fn check_reports_broken_internal_links() {
    let site = TestSite::new();
    site.write(
        "content/articles/a.txt",
        "date 2025-03-01 The council met on Monday.\n",
    );
    let ok = site.run(&["check"]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert!(!site.out("").exists(), "check writes nothing");
    site.write("templates/404.html", "{% extends \"base.html\" %}{% block content %}<a href=\"{{ site.base }}no/such/page/\">x</a>{% endblock content %}");
    let bad = site.run(&["check"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("broken internal link: /no/such/page/"),
        "{}",
        stderr(&bad)
    );
}

/// `build` and `check` count the pages of one site the same way, and say what they count.
#[test]
fn build_and_check_report_the_same_page_count() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(gazette_bin())
            .arg("--root")
            .arg(root)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    let output = tmp.path().join("site");
    let built = run(&["build", "--output", output.to_str().unwrap()]);
    let checked = run(&["check"]);
    // `… 57 HTML pages and 23 other files (redirects, feeds, sitemap, search index) …`
    let count = |text: &str| -> (usize, usize) {
        let at = text
            .find(" HTML pages and ")
            .unwrap_or_else(|| panic!("no page count in {text:?}"));
        let pages = text[..at].rsplit(' ').next().unwrap().parse().unwrap();
        let rest = &text[at + " HTML pages and ".len()..];
        let other = rest.split(' ').next().unwrap().parse().unwrap();
        assert!(
            rest.contains("other files (redirects, feeds, sitemap, search index)"),
            "{text:?}"
        );
        (pages, other)
    };
    let (pages, other) = count(&built);
    assert_eq!(
        count(&checked),
        (pages, other),
        "build: {built}\ncheck: {checked}"
    );
    assert!(
        built.starts_with(&format!("built {pages} HTML pages")),
        "{built}"
    );
    assert!(
        checked.contains(&format!("ok: {pages} HTML pages")),
        "{checked}"
    );
    // The pages counted are HTML files of the output; `…/page/1/` redirects are HTML too,
    // and counted with the other files.
    let html = walkdir::WalkDir::new(&output)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count();
    assert!(
        pages > 30 && pages <= html && html <= pages + other,
        "{pages} of {html}"
    );
}

#[test]
fn help_describes_the_commands() {
    let out = std::process::Command::new(gazette_bin())
        .arg("--help")
        .output()
        .unwrap();
    let text = stdout(&out);
    for cmd in ["build", "check", "inspect", "init", "new"] {
        assert!(text.contains(cmd), "--help mentions {cmd}");
    }
    let out = std::process::Command::new(gazette_bin())
        .args(["build", "--help"])
        .output()
        .unwrap();
    assert!(stdout(&out).contains("--base-url"));
    let bad = std::process::Command::new(gazette_bin())
        .arg("frobnicate")
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

/// A site of `n` short plain-text articles.
fn site_of(n: usize) -> TestSite {
    let site = TestSite::new();
    for i in 0..n {
        site.write(
            &format!("content/articles/a{i:05}.txt"),
            format!(
                "date 2024-01-{:02}\n\nMaria Lopez met Tom Baker in Lisbon about item {i}.\n\nLopez said the talks on fishing quotas would continue.\n",
                i % 28 + 1
            ),
        );
    }
    site
}

/// Runs `gazette ARGS` under a pseudo-terminal (util-linux `script`), returning what it drew.
fn on_a_terminal(site: &TestSite, args: &str) -> String {
    let cmd = format!("{} --root {} {args}", gazette_bin(), site.root().display());
    let out = std::process::Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env("GAZETTE_PROGRESS_AFTER_MS", "0")
        .output()
        .expect("util-linux `script` runs the command under a terminal");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_long_build_shows_progress_on_a_terminal_only() {
    let site = site_of(500);
    let drawn = on_a_terminal(&site, "build");
    assert!(
        drawn.contains("\x1b[2K") && drawn.contains("pages") && drawn.contains('%'),
        "progress line with stage and count on a terminal: {drawn:?}"
    );
    assert!(drawn.contains("built "), "{drawn:?}");
    // --quiet: nothing but errors.
    let quiet = on_a_terminal(&site, "--quiet build");
    assert!(!quiet.contains("\x1b[2K"), "{quiet:?}");
    // Not a terminal (piped, as in CI logs): no progress either.
    let piped = site.build(&[]);
    assert!(piped.status.success());
    assert!(!stderr(&piped).contains('\r') && !stderr(&piped).contains("\x1b["));
}
