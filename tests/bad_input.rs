//! Bad input: every problem reported in one run, with file and line, exit status 1, and the
//! previous output left exactly as it was.

mod common;
use common::*;

fn good_site() -> TestSite {
    let site = TestSite::new();
    site.write(
        "content/articles/good.txt",
        "date 2025-03-01 The council met on Monday to approve the budget.\n\nIt passed.\n",
    );
    site
}

#[test]
fn all_bad_files_reported_at_once_and_previous_output_kept() {
    let site = good_site();
    site.build(&[]);
    let before = snapshot(&site.out(""));
    assert!(!before.is_empty());

    // Bad YAML, no date, an impossible date, no date line, Latin-1, an empty file, two notes
    // at one URL and a misspelt field: tests/sites/bad-files/.
    site.add_fixture("bad-files");
    // 40 MiB, over the 32 MiB limit; sparse, so it costs nothing to make.
    site.write("content/articles/huge.txt", "date 2025-03-01 Big.\n");
    std::fs::OpenOptions::new()
        .write(true)
        .open(site.root().join("content/articles/huge.txt"))
        .unwrap()
        .set_len(40 * 1024 * 1024)
        .unwrap();

    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1), "bad input must fail the build");
    let err = stderr(&out);
    for expected in [
        "content/articles/bad-yaml.md:2",
        "content/articles/no-date.md:1: error: front matter has no `date`",
        "content/articles/impossible.txt:1: error: impossible date `2025-02-30`",
        "content/articles/no-date-line.txt:3: error: expected `date YYYY-MM-DD`",
        "content/articles/latin1.txt:1: error: not valid UTF-8",
        "content/articles/empty.txt:1: error: empty file",
        "content/articles/huge.txt: error: file is too large (40 MiB; the limit is 32 MiB)",
        "content/notes/dup-b.md:3: error: URL /notes/same/ is also used by content/notes/dup-a.md:3",
        "content/articles/typo.md:4",
        "unknown field `actrs`",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert_eq!(
        snapshot(&site.out("")),
        before,
        "previous output must be untouched"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().contains("staging"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no staging folder left behind: {leftovers:?}"
    );
}

#[test]
fn duplicate_article_urls_name_both_files() {
    let site = TestSite::new();
    site.write(
        "content/articles/a/story.txt",
        "date 2025-03-01 First story text here.\n",
    );
    site.write(
        "content/articles/b/story.md",
        "---\ntitle: Second\ndate: 2025-03-01\n---\nText\n",
    );
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    // Both slugs come from the file names: no line to point at.
    assert!(
        err.contains(
            "content/articles/b/story.md: error: URL /2025/03/01/story/ is also used by content/articles/a/story.txt"
        ),
        "{err}"
    );
}

#[test]
fn duplicate_urls_point_at_the_slug_title_or_name_line() {
    let site = good_site();
    site.build(&[]);
    let before = snapshot(&site.out(""));
    site.write(
        "content/articles/first.md",
        "---\ntitle: First\ndate: 2025-01-02\nslug: x\n---\nText\n",
    );
    site.write(
        "content/articles/second.md",
        "---\ndate: 2025-01-02\ntitle: Second\nsource: Wire\nslug: x\n---\nText\n",
    );
    // Notes without a slug: the URL comes from the title when the file name gives none.
    site.write("content/notes/!!!.md", "---\ntitle: Same note\n---\nx\n");
    site.write("content/notes/same-note.md", "---\ntitle: Other\n---\ny\n");
    // Profiles: from the name.
    site.write("content/actors/a.md", "---\nname: Jo Bloggs\n---\nOne.\n");
    site.write(
        "content/actors/b.md",
        "---\nkind: person\nname: Jo  Bloggs\n---\nTwo.\n",
    );
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for expected in [
        "content/articles/second.md:5: error: URL /2025/01/02/x/ is also used by content/articles/first.md:4 (give one of them a different `slug`)",
        "content/notes/same-note.md: error: URL /notes/same-note/ is also used by content/notes/!!!.md:2",
        "content/actors/b.md:3: error: URL /people/jo-bloggs/ is also used by content/actors/a.md:2",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert_eq!(snapshot(&site.out("")), before, "previous output untouched");
}

#[test]
fn years_outside_1000_to_9999_are_errors_with_file_and_line() {
    let site = good_site();
    site.build(&[]);
    let before = snapshot(&site.out(""));
    // Years 10000 and 0000 in front matter and a text article, 0999 in a note, and a
    // timestamp in range as written whose day in the site's zone (UTC) is 10000-01-01:
    // tests/sites/out-of-range-years/.
    site.add_fixture("out-of-range-years");
    let out = site.run(&["build"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "out-of-range dates fail the build"
    );
    let err = stderr(&out);
    for expected in [
        "content/articles/far.md:3: error: date 10000-01-01 is out of range: years 1000–9999",
        "content/articles/zero.md:4: error: date 0000-01-01 is out of range: years 1000–9999",
        "content/articles/plain.txt:2: error: date 10000-01-01 is out of range: years 1000–9999",
        "content/articles/stamp.md:3: error: date 9999-12-31T23:00:00-05:00 is out of range: years 1000–9999 (in the site's time zone it is 10000-01-01)",
        "content/notes/old.md:3: error: date 0999-12-31 is out of range: years 1000–9999",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert_eq!(snapshot(&site.out("")), before, "previous output untouched");
    assert!(!site.out("10000").exists() && !site.out("0000").exists());

    // A site built for the first time writes nothing.
    let fresh = TestSite::new();
    fresh.write(
        "content/articles/far.md",
        "---\ntitle: Far\ndate: 10000-01-01\n---\nText\n",
    );
    let out = fresh.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!fresh.out("").exists(), "no output written");

    // The edges of the range build.
    let edges = TestSite::new();
    edges.write(
        "content/articles/first.txt",
        "date 1000-01-01 The first day.\n",
    );
    edges.write(
        "content/articles/last.txt",
        "date 9999-12-31 The last day.\n",
    );
    let out = edges.run(&["build", "--drafts"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(edges.out("1000/01/01/first/index.html").exists());
    assert!(edges.out("9999/12/31/last/index.html").exists());
}

#[test]
fn thousands_of_actors_in_one_item_build_with_a_warning() {
    let site = good_site();
    let mut text = String::from("---\ntitle: Crowded\ndate: 2025-01-02\nactors:\n");
    for i in 0..3000 {
        text.push_str(&format!("  - Person{i} Example\n"));
    }
    text.push_str("topics: [Budget]\n---\nPerson1 Example met Person2999 Example.\n");
    site.write("content/articles/crowded.md", text);
    let out = site.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(
            "content/articles/crowded.md:4: warning: 3,000 actors listed, more than 1,000: each gets its page, but only the first 50 count towards related people and topics"
        ),
        "{err}"
    );
    let page = std::fs::read_to_string(site.out("2025/01/02/crowded/index.html")).unwrap();
    assert!(page.contains("Person2999 Example"));
    assert!(site.out("people/person2999-example/index.html").exists());
}

#[test]
fn template_errors_name_template_and_line() {
    let site = good_site();
    site.build(&[]);
    let before = snapshot(&site.out(""));
    site.write("templates/article.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ article.title }\n{% endblock content %}\n");
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("templates/article.html:3"), "{err}");
    assert_eq!(snapshot(&site.out("")), before);

    // A rendering error (unknown variable) also names file and line.
    site.write("templates/article.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ article.no_such_field.deeper }}\n{% endblock content %}\n");
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("templates/article.html:3"),
        "{}",
        stderr(&out)
    );
    assert_eq!(snapshot(&site.out("")), before);
}

#[test]
fn unresolved_wiki_links_are_reported_with_line() {
    let site = good_site();
    site.write(
        "content/notes/n.md",
        "---\ntitle: N\n---\nline four\n\nSee [[Nobody Known]].\n",
    );
    let out = site.build(&[]);
    let err = stderr(&out);
    assert!(
        err.contains("content/notes/n.md:6: warning: unresolved wiki link [[Nobody Known]]"),
        "{err}"
    );
    let check = site.run(&["check"]);
    assert_eq!(
        check.status.code(),
        Some(1),
        "check fails on unresolved links"
    );
}

#[test]
fn hostile_names_and_odd_bytes_do_not_escape_or_crash() {
    let site = TestSite::new();
    site.write(
        "content/articles/..weird name?.txt",
        "date 2025-03-01 Text.\n",
    );
    site.write(
        "content/articles/ünïcödé 名前.txt",
        "date 2025-03-01 Text with ünïcödé and 名前 and emoji 🎉.\n",
    );
    site.write(
        "content/articles/slug.md",
        "---\ntitle: T\ndate: 2025-03-01\nslug: ../../../../tmp/escape\n---\nx\n",
    );
    site.write(
        "content/articles/controls.txt",
        "date 2025-03-01 Bell\u{7} and escape\u{1b}[31m characters.\n",
    );
    site.write(
        "content/articles/huge-line.txt",
        format!("date 2025-03-01 {}\n", "word ".repeat(200_000)),
    );
    site.build(&[]);
    assert!(
        site.out("2025/03/01/tmp-escape/index.html").exists(),
        "slug is sanitised"
    );
    assert!(!site.root().join("tmp").exists());
    let walk: Vec<_> = walkdir::WalkDir::new(site.out(""))
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    assert!(walk.iter().all(|e| e.path().starts_with(site.out(""))));
    assert_links_ok(&site.out(""), "/");
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_make() {
    let site = good_site();
    site.write("mine/thesis.txt", "precious");
    let out = site.run(&[
        "build",
        "--output",
        site.root().join("mine").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("was not made by Gazette"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join("mine/thesis.txt")).unwrap(),
        "precious"
    );
}

#[test]
fn bad_config_names_line() {
    let site = good_site();
    site.write(
        "gazette.yaml",
        "title: Mine\nbase_url: /x/\ntimezone: Mars/Olympus\n",
    );
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("gazette.yaml:3: error: timezone `Mars/Olympus`"),
        "{}",
        stderr(&out)
    );
}

/// A bad `gazette.yaml` does not hide the content's problems: `build` and `check` report both
/// in one run, read the content with the default settings meanwhile, and write nothing.
#[test]
fn bad_config_and_bad_content_reported_in_one_run() {
    let site = good_site();
    site.add_fixture("bad-files");
    site.write("gazette.yaml", "title: Mine\ntimezone: Mars/Olympus\n");
    // Read with the default time zone (UTC) while the configured one is broken.
    site.write(
        "content/articles/stamped.md",
        "---\ntitle: Stamped\ndate: 2025-03-01T23:30:00-05:00\n---\nText.\n",
    );
    for command in ["build", "check"] {
        let out = site.run(&[command]);
        assert_eq!(out.status.code(), Some(1), "{command}");
        let err = stderr(&out);
        for expected in [
            "gazette.yaml:2: error: timezone `Mars/Olympus` not understood",
            "content/articles/impossible.txt:1: error: impossible date `2025-02-30`",
            "content/articles/no-date.md:1: error: front matter has no `date`",
            "content/articles/typo.md:4",
            "content/notes/dup-b.md:3: error: URL /notes/same/",
        ] {
            assert!(
                err.contains(expected),
                "{command}: missing {expected:?} in:\n{err}"
            );
        }
        assert!(!err.contains("stamped.md"), "{command}: {err}");
        assert!(
            !site.out("").exists(),
            "{command} wrote output/ despite errors"
        );
    }
    // The configuration alone is still an error, and the build writes nothing.
    site.remove("content/articles/impossible.txt");
    for rel in [
        "bad-yaml.md",
        "empty.txt",
        "latin1.txt",
        "no-date-line.txt",
        "no-date.md",
        "typo.md",
    ] {
        site.remove(&format!("content/articles/{rel}"));
    }
    site.remove("content/notes/dup-b.md");
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("gazette.yaml:2: error: timezone"), "{err}");
    assert!(err.contains("build failed: 1 error(s)"), "{err}");
    assert!(!site.out("").exists());
}

#[test]
fn missing_content_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(gazette_bin())
        .arg("--root")
        .arg(dir.path())
        .arg("build")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no content/ folder here"),
        "{}",
        stderr(&out)
    );
}
