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

    site.write(
        "content/articles/bad-yaml.md",
        "---\ntitle: [unclosed\ndate: 2025-03-01\n---\nBody\n",
    );
    site.write(
        "content/articles/no-date.md",
        "---\ntitle: No date here\n---\nBody\n",
    );
    site.write(
        "content/articles/impossible.txt",
        "date 2025-02-30 Text of the article.\n",
    );
    site.write(
        "content/articles/no-date-line.txt",
        "\n\nJust some text without a date line.\n",
    );
    site.write(
        "content/articles/latin1.txt",
        b"date 2025-03-01 Caf\xe9 owners protested.\n".as_slice(),
    );
    site.write("content/articles/empty.txt", "");
    // 40 MiB, over the 32 MiB limit; sparse, so it costs nothing to make.
    site.write("content/articles/huge.txt", "date 2025-03-01 Big.\n");
    std::fs::OpenOptions::new()
        .write(true)
        .open(site.root().join("content/articles/huge.txt"))
        .unwrap()
        .set_len(40 * 1024 * 1024)
        .unwrap();
    site.write(
        "content/notes/dup-a.md",
        "---\ntitle: One\nslug: same\n---\nx\n",
    );
    site.write(
        "content/notes/dup-b.md",
        "---\ntitle: Two\nslug: same\n---\ny\n",
    );
    site.write(
        "content/articles/typo.md",
        "---\ntitle: Typo\ndate: 2025-03-01\nactrs: [X]\n---\nBody\n",
    );

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
        "duplicate URL /notes/same/",
        "content/notes/dup-a.md",
        "content/notes/dup-b.md",
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
    assert!(err.contains("duplicate URL /2025/03/01/story/"), "{err}");
    assert!(
        err.contains("content/articles/a/story.txt") && err.contains("content/articles/b/story.md"),
        "{err}"
    );
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
