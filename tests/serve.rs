//! `gazette serve` end to end: a real server on a free port, real files changed on disk.

mod common;
use common::http::{Events, Server, get};
use common::*;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);

fn site() -> TestSite {
    let site = TestSite::new();
    site.write(
        "content/articles/2025-04-18-talks.txt",
        "date 2025-04-18 US Secretary of State Marco Rubio met European officials in Paris on Friday.\n\nRubio said the talks were constructive.\n",
    );
    site.write(
        "content/articles/2025-04-17-envoy.txt",
        "date 2025-04-17 Presidential envoy Steve Witkoff flew to Moscow on Thursday for talks.\n\nWitkoff said little.\n",
    );
    site
}

const TALKS: &str = "/2025/04/18/talks/";

#[test]
fn serves_pages_from_memory_and_refuses_traversal() {
    let site = site();
    let server = Server::start(site.root());
    let home = get(server.port, "/");
    assert_eq!(home.status, 200);
    assert!(
        home.header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    assert_eq!(home.header("cache-control"), Some("no-store"));
    assert!(
        home.body
            .contains("<script src=\"/__gazette/live.js\"></script></body>"),
        "reload script injected"
    );
    assert_eq!(get(server.port, TALKS).status, 200);
    assert_eq!(get(server.port, "/people/marco-rubio/").status, 200);
    assert_eq!(
        get(server.port, "/people/marco-rubio/index.html").status,
        200
    );
    let redirect = get(server.port, "/people/marco-rubio");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("location"), Some("/people/marco-rubio/"));
    let css = get(server.port, "/style.css");
    assert_eq!(css.status, 200);
    assert!(css.header("content-type").unwrap().starts_with("text/css"));
    let missing = get(server.port, "/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("Page not found"), "styled 404 page");
    for bad in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/people/%2E%2E/%2E%2E/gazette.yaml",
        "/..%2f..%2fetc/passwd",
        "/%00",
        "//etc/passwd",
        "/a\\..\\b",
    ] {
        let r = get(server.port, bad);
        assert!(
            r.status == 400 || r.status == 404,
            "{bad} gave {}",
            r.status
        );
        assert!(!r.body.contains("root:"), "{bad} leaked a file");
    }
    assert!(
        get(server.port, "/__gazette/live.js")
            .body
            .contains("EventSource")
    );
    assert!(
        !site.root().join("output").exists(),
        "serve never writes the output folder"
    );
}

#[test]
fn edits_new_and_deleted_files_reach_the_browser() {
    let site = site();
    let server = Server::start(site.root());
    let events = Events::connect(server.port);

    // An edit: the page changes and browsers showing it are told to reload.
    site.write(
        "content/articles/2025-04-18-talks.txt",
        "date 2025-04-18 US Secretary of State Marco Rubio met European officials in Paris on Friday.\n\nRubio said the talks were constructive and would resume in London.\n",
    );
    events.wait(WAIT, |e, d| e == "reload" && d.contains(TALKS));
    assert!(get(server.port, TALKS).body.contains("would resume in"));
    // The full update that follows may link "London" (a place new to the collection), so the
    // text is checked up to it; the next step starts once that update is done.
    server.wait_output("rebuilt", WAIT);

    // A new article appears on its day and on its person's page.
    site.write(
        "content/articles/2025-04-18-london.txt",
        "date 2025-04-18 Marco Rubio will travel to London next week, officials said on Friday.\n\nThe trip follows the Paris talks.\n",
    );
    events.wait(WAIT, |e, d| {
        e == "reload" && d.contains("/2025/04/18/london/")
    });
    assert_eq!(get(server.port, "/2025/04/18/london/").status, 200);
    assert!(
        get(server.port, "/2025/04/18/")
            .body
            .contains("/2025/04/18/london/")
    );
    assert!(
        get(server.port, "/people/marco-rubio/")
            .body
            .contains("/2025/04/18/london/")
    );

    // A deleted article disappears from every page that listed it.
    site.remove("content/articles/2025-04-18-london.txt");
    events.wait(WAIT, |e, d| {
        e == "reload" && d.contains("/2025/04/18/london/")
    });
    assert_eq!(get(server.port, "/2025/04/18/london/").status, 404);
    assert!(
        !get(server.port, "/2025/04/18/")
            .body
            .contains("/2025/04/18/london/")
    );
    assert!(
        !get(server.port, "/people/marco-rubio/")
            .body
            .contains("/2025/04/18/london/")
    );
}

#[test]
fn broken_files_show_the_overlay_while_the_last_good_site_stays_up() {
    let site = site();
    let server = Server::start(site.root());
    let events = Events::connect(server.port);
    site.write(
        "content/articles/bad.md",
        "---\ntitle: [unclosed\ndate: 2025-04-18\n---\nBody\n",
    );
    let (_, data) = events.wait(WAIT, |e, _| e == "errors");
    assert!(
        data.contains("content/articles/bad.md") && data.contains("\"line\":2"),
        "{data}"
    );
    let page = get(server.port, TALKS);
    assert_eq!(page.status, 200, "old pages still served");
    assert!(page.body.contains("Marco Rubio"));
    assert!(
        get(server.port, "/__gazette/status")
            .body
            .contains("bad.md")
    );
    server.wait_output("content/articles/bad.md:2", WAIT);

    // A template error names the template and line.
    site.write(
        "content/articles/bad.md",
        "---\ntitle: Fixed\ndate: 2025-04-18\n---\nBody\n",
    );
    events.wait(WAIT, |e, _| e == "ok");
    site.write("templates/article.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ article.title }\n{% endblock content %}\n");
    let (_, data) = events.wait(WAIT, |e, _| e == "errors");
    assert!(
        data.contains("templates/article.html") && data.contains("\"line\":3"),
        "{data}"
    );
    assert_eq!(get(server.port, TALKS).status, 200);
    site.remove("templates/article.html");
    events.wait(WAIT, |e, _| e == "ok");
    assert!(get(server.port, "/__gazette/status").body.trim() == "[]");
}

#[test]
fn stylesheet_changes_swap_without_reload() {
    let site = site();
    site.write("static/extra.css", "body { color: black; }");
    let server = Server::start(site.root());
    let events = Events::connect(server.port);
    site.write("static/extra.css", "body { color: navy; }");
    events.wait(WAIT, |e, _| e == "css");
    assert!(get(server.port, "/extra.css").body.contains("navy"));
}

#[test]
fn a_taken_port_is_a_clear_error() {
    let site = site();
    let server = Server::start(site.root());
    let out = std::process::Command::new(gazette_bin())
        .arg("--root")
        .arg(site.root())
        .args(["serve", "--port", &server.port.to_string()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already in use"), "{}", stderr(&out));
}

#[test]
fn a_burst_of_saves_is_one_update_and_profile_aliases_relink() {
    let site = site();
    site.write(
        "content/actors/rubio.md",
        "---\nname: Marco Rubio\naliases: [Secretary Rubio]\n---\nBio.\n",
    );
    let server = Server::start(site.root());
    let events = Events::connect(server.port);
    // 100 new files at once, like a `git checkout`.
    for i in 0..100 {
        site.write(
            &format!("content/articles/burst/{i:03}.txt"),
            format!("date 2025-04-16 Item {i} of a large batch was filed on Wednesday.\n"),
        );
    }
    events.wait(WAIT, |e, d| e == "reload" && d.contains("/2025/04/16/099/"));
    let mut updates = 1;
    while let Ok(line) = server.output.recv_timeout(Duration::from_millis(1500)) {
        if line.starts_with("rebuilt") || line.starts_with("updated") {
            updates += 1;
        }
    }
    // Batches depend on scheduling (the tests run side by side on two cores) and on how
    // long an update takes, since the saves made during one form the next batch: the faster
    // updates are, the more batches. A handful is fine, one update per file is not.
    assert!(updates <= 20, "100 files gave {updates} updates");

    // A new alias in a profile links mentions written that way.
    site.write(
        "content/articles/2025-04-19-marco.txt",
        "date 2025-04-19 Top diplomat Marcus R. spoke on Saturday.\n\nMarcus R. said little.\n",
    );
    events.wait(WAIT, |e, d| {
        e == "reload" && d.contains("/2025/04/19/marco/")
    });
    assert!(
        !get(server.port, "/people/marco-rubio/")
            .body
            .contains("/2025/04/19/marco/")
    );
    site.write(
        "content/actors/rubio.md",
        "---\nname: Marco Rubio\naliases: [Secretary Rubio, Marcus R.]\n---\nBio.\n",
    );
    events.wait(WAIT, |e, d| {
        e == "reload" && d.contains("/people/marco-rubio/")
    });
    assert!(
        get(server.port, "/people/marco-rubio/")
            .body
            .contains("/2025/04/19/marco/"),
        "alias re-linked"
    );
}

/// Pages whose content did not change keep their fingerprint across updates: an edit deep in
/// one article re-renders that article's page, not the whole site.
#[test]
fn an_edit_rebuilds_only_the_pages_it_changes() {
    let site = site();
    for i in 0..12 {
        site.write(
            &format!("content/articles/2025-04-{:02}-brief-{i}.txt", 1 + i % 9),
            format!(
                "date 2025-04-{:02} Marco Rubio met Steve Witkoff in Paris about item {i}.\n\nRubio said the talks on item {i} went well.\n\nOfficials gave no details.\n",
                1 + i % 9
            ),
        );
    }
    let server = Server::start(site.root());
    let events = Events::connect(server.port);
    // Only the last paragraph changes: the article's headline, lede, actors and topics stay.
    site.write(
        "content/articles/2025-04-04-brief-3.txt",
        "date 2025-04-04 Marco Rubio met Steve Witkoff in Paris about item 3.\n\nRubio said the talks on item 3 went well.\n\nOfficials gave no further details on Friday.\n",
    );
    events.wait(WAIT, |e, d| {
        e == "reload" && d.contains("/2025/04/04/brief-3/")
    });
    let line = server.wait_output("rebuilt", WAIT);
    let rebuilt: usize = line
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a count in {line:?}"));
    // The article's page, and the search-index shards of the words it gained ("further",
    // "friday"); not the 40-odd other pages.
    assert!(
        (1..=4).contains(&rebuilt),
        "one article's last paragraph changed, yet: {line}"
    );
}

#[test]
fn a_fifo_that_comes_and_goes_does_not_stop_live_reload() {
    let site = site();
    let server = Server::start(site.root());
    let events = Events::connect(server.port);
    for name in [
        "content/articles/pipe.txt",
        "gazette.yaml",
        "static/pipe.css",
    ] {
        let path = site.root().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let _ = std::fs::rename(&path, path.with_extension("keep"));
        let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "{name}");
        std::thread::sleep(Duration::from_millis(400));
        std::fs::remove_file(&path).unwrap();
        let _ = std::fs::rename(path.with_extension("keep"), &path);
    }
    // The preview still answers and still reloads on an edit.
    site.write(
        "content/articles/2025-04-18-talks.txt",
        "date 2025-04-18 US Secretary of State Marco Rubio met European officials in Paris on Friday.\n\nRubio said the talks went on after the pipe was gone.\n",
    );
    // Earlier reloads (the restored settings file) may still be arriving: wait for this one.
    let deadline = std::time::Instant::now() + WAIT;
    while !get(server.port, TALKS)
        .body
        .contains("after the pipe was gone")
    {
        assert!(
            std::time::Instant::now() < deadline,
            "the edit never reached the preview"
        );
        events.wait(WAIT, |e, d| e == "reload" && d.contains(TALKS));
    }
}
