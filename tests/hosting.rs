//! Hosting-grade output: feeds, sitemap, robots, pagination, drafts and future items,
//! reproducible and incremental writes, sub-path hosting, metadata and `check`.

mod common;
use common::*;
use std::collections::BTreeMap;
use std::path::Path;

const BASE: &str = "https://example.org/briefing/";

/// A site where one person recurs across many days, so lists paginate.
fn busy_site(articles: usize) -> TestSite {
    let site = TestSite::new();
    site.write("gazette.yaml", "title: Test Briefing\nbase_url: https://example.org/briefing/\npaginate: 10\nfeed_limit: 5\n");
    for i in 0..articles {
        let day = 1 + i % 20;
        site.write(
            &format!("content/articles/a{i:03}.txt"),
            format!("date 2025-03-{day:02} Finance Minister Clara Okonkwo announced measure number {i} on the budget in Lagos.\n\nOkonkwo said the measure would help.\n"),
        );
    }
    site
}

fn atom(path: &Path) -> atom_syndication::Feed {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.parse::<atom_syndication::Feed>()
        .unwrap_or_else(|e| panic!("{} is not valid Atom: {e}", path.display()))
}

#[test]
fn feeds_are_valid_atom_with_absolute_urls() {
    let site = busy_site(40);
    site.build(&[]);
    let feed = atom(&site.out("atom.xml"));
    assert_eq!(feed.title().as_str(), "Test Briefing");
    assert_eq!(feed.id(), "https://example.org/briefing/atom.xml");
    assert!(
        feed.links()
            .iter()
            .any(|l| l.rel() == "self" && l.href() == "https://example.org/briefing/atom.xml")
    );
    assert_eq!(feed.entries().len(), 5, "feed_limit");
    for e in feed.entries() {
        assert!(e.id().starts_with(BASE), "absolute id: {}", e.id());
        assert!(e.links()[0].href().starts_with(BASE));
    }
    let dates: Vec<String> = feed
        .entries()
        .iter()
        .map(|e| e.updated().to_rfc3339())
        .collect();
    assert!(
        dates[0].starts_with("2025-03-20"),
        "newest first: {dates:?}"
    );
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {dates:?}"
    );
    assert!(feed.updated().to_rfc3339().starts_with("2025-03-20"));
    let person = atom(&site.out("people/clara-okonkwo/atom.xml"));
    assert!(person.title().as_str().starts_with("Clara Okonkwo"));
    assert_eq!(person.entries().len(), 5);
    let page = site.page("people/clara-okonkwo/index.html");
    assert!(page.contains(r#"<link rel="alternate" type="application/atom+xml" title="Clara Okonkwo · Test Briefing" href="/briefing/people/clara-okonkwo/atom.xml">"#));
    assert!(page.contains(r#"<link rel="alternate" type="application/atom+xml" title="Test Briefing" href="/briefing/atom.xml">"#));
    // Stable ids: a second build gives the same feed.
    site.build(&[]);
    assert_eq!(
        atom(&site.out("atom.xml")).entries()[0].id(),
        feed.entries()[0].id()
    );
}

#[test]
fn sitemap_robots_and_page_metadata() {
    let site = busy_site(12);
    site.build(&[]);
    let sitemap = std::fs::read_to_string(site.out("sitemap.xml")).unwrap();
    let mut reader = quick_xml::Reader::from_str(&sitemap);
    let mut locs = Vec::new();
    let mut in_loc = false;
    loop {
        match reader.read_event().expect("well-formed sitemap") {
            quick_xml::events::Event::Start(e) if e.local_name().as_ref() == b"loc" => {
                in_loc = true
            }
            quick_xml::events::Event::Text(t) if in_loc => {
                locs.push(String::from_utf8(t.to_vec()).unwrap());
                in_loc = false;
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert!(
        locs.iter().all(|l| l.starts_with(BASE)),
        "absolute locations"
    );
    assert!(locs.contains(&format!("{BASE}2025/03/01/a000/")));
    assert!(sitemap.contains(&format!(
        "<url><loc>{BASE}2025/03/01/a000/</loc><lastmod>2025-03-01</lastmod></url>"
    )));
    assert!(!sitemap.contains("404.html"));
    assert_eq!(
        site.page("robots.txt"),
        format!("User-agent: *\nAllow: /\n\nSitemap: {BASE}sitemap.xml\n")
    );
    let article = site.page("2025/03/01/a000/index.html");
    assert!(article.contains(&format!(
        r#"<link rel="canonical" href="{BASE}2025/03/01/a000/">"#
    )));
    assert!(article.contains(r#"<meta property="og:type" content="article">"#));
    assert!(article.contains(&format!(
        r#"<meta property="og:url" content="{BASE}2025/03/01/a000/">"#
    )));
    let ld = article
        .split(r#"<script type="application/ld+json">"#)
        .nth(1)
        .unwrap()
        .split("</script>")
        .next()
        .unwrap();
    let ld: serde_json::Value = serde_json::from_str(ld).expect("JSON-LD parses");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["datePublished"], "2025-03-01T00:00:00+00:00");
    assert_eq!(ld["mainEntityOfPage"], format!("{BASE}2025/03/01/a000/"));
    assert!(site.page("404.html").contains("Page not found"));
    let check = site.run(&["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn long_lists_are_paginated_at_stable_urls() {
    let site = busy_site(45);
    site.build(&[]);
    // 45 articles about one person at 10 a page: pages 1..5.
    for n in 2..=5 {
        assert!(
            site.out(&format!("people/clara-okonkwo/page/{n}/index.html"))
                .exists(),
            "page {n}"
        );
    }
    assert!(!site.out("people/clara-okonkwo/page/6/index.html").exists());
    let first = site.page("people/clara-okonkwo/index.html");
    assert!(first.contains(r#"rel="next" href="/briefing/people/clara-okonkwo/page/2/""#));
    assert_eq!(
        first.matches("class=\"card card-article\"").count(),
        10,
        "ten items a page"
    );
    let last = site.page("people/clara-okonkwo/page/5/index.html");
    assert_eq!(last.matches("class=\"card card-article\"").count(), 5);
    assert!(last.contains(r#"rel="prev" href="/briefing/people/clara-okonkwo/page/4/""#));
    let redirect = site.page("people/clara-okonkwo/page/1/index.html");
    assert!(
        redirect
            .contains(r#"http-equiv="refresh" content="0; url=/briefing/people/clara-okonkwo/""#)
    );
    assert_links_ok(&site.out(""), "/briefing/");

    // A big person page stays small: size does not grow with the number of articles.
    let big = busy_site(300);
    big.build(&[]);
    let size = std::fs::metadata(big.out("people/clara-okonkwo/index.html"))
        .unwrap()
        .len();
    assert!(size < 60_000, "person page is {size} bytes");
}

#[test]
fn drafts_and_future_items_wait() {
    let site = TestSite::new();
    site.write(
        "content/articles/now.txt",
        "date 2025-03-01 Today's story was published on time.\n",
    );
    site.write(
        "content/articles/later.txt",
        "date 2099-01-01 A story from the future is embargoed.\n",
    );
    site.build(&[]);
    assert!(!site.out("2099/01/01/later/index.html").exists());
    assert!(
        !std::fs::read_to_string(site.out("atom.xml"))
            .unwrap()
            .contains("future")
    );
    site.build(&["--drafts"]);
    assert!(site.out("2099/01/01/later/index.html").exists());
}

/// The site's files. The `.gazette-output` marker is left out: it names the folder it was
/// written for, so two folders' markers differ by design.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    snapshot(dir)
        .into_iter()
        .map(|(k, v)| (k.to_string_lossy().into_owned(), v))
        .filter(|(k, _)| k != ".gazette-output")
        .collect()
}

#[test]
fn the_same_input_gives_byte_identical_output() {
    let site = busy_site(60);
    site.build(&["--output", site.root().join("one").to_str().unwrap()]);
    site.build(&["--output", site.root().join("two").to_str().unwrap()]);
    let (a, b) = (
        tree(&site.root().join("one")),
        tree(&site.root().join("two")),
    );
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in &a {
        assert!(v == &b[k], "{k} differs between two builds");
    }
    // The bundled example site too.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    for name in ["x", "y"] {
        let out = std::process::Command::new(gazette_bin())
            .arg("--root")
            .arg(root)
            .args(["build", "--output"])
            .arg(tmp.path().join(name))
            .output()
            .unwrap();
        assert!(out.status.success());
    }
    assert_eq!(tree(&tmp.path().join("x")), tree(&tmp.path().join("y")));
}

#[test]
fn unchanged_files_keep_their_modification_time() {
    let site = busy_site(30);
    site.build(&[]);
    let before: BTreeMap<String, std::time::SystemTime> = walkdir::WalkDir::new(site.out(""))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().to_string_lossy().into_owned(),
                e.metadata().unwrap().modified().unwrap(),
            )
        })
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(50));
    // Edit the body (not the headline) of one article.
    site.write("content/articles/a007.txt", "date 2025-03-08 Finance Minister Clara Okonkwo announced measure number 7 on the budget in Lagos.\n\nOkonkwo said the measure would help a great deal.\n");
    let out = site.build(&[]);
    assert!(stdout(&out).contains("unchanged"), "{}", stdout(&out));
    let mut changed = Vec::new();
    for (path, time) in &before {
        let now = std::fs::metadata(path).unwrap().modified().unwrap();
        if now != *time {
            changed.push(path.clone());
        }
    }
    assert!(
        changed
            .iter()
            .any(|p| p.ends_with("2025/03/08/a007/index.html")),
        "the edited page is rewritten"
    );
    assert!(changed.len() < 10, "only a few files change: {changed:?}");
}

#[test]
fn check_finds_broken_anchors_and_lists_external_links() {
    let site = busy_site(3);
    site.write("templates/404.html", "{% extends \"base.html\" %}{% block content %}<a href=\"{{ site.base }}archive/#no-such-anchor\">x</a> <a href=\"https://example.com/page\">e</a>{% endblock content %}");
    let out = site.run(&["check", "--external"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("broken anchor: /briefing/archive/#no-such-anchor"),
        "{}",
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("https://example.com/page"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn search_index_is_sharded_and_finds_names() {
    let site = busy_site(12);
    site.build(&[]);
    let meta: serde_json::Value =
        serde_json::from_str(&site.page("search/index/meta.json")).unwrap();
    let shards: Vec<&str> = meta["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(shards.contains(&"ok"), "{shards:?}");
    let shard: serde_json::Value =
        serde_json::from_str(&site.page("search/index/t-ok.json")).unwrap();
    let postings = shard["okonkwo"].as_array().expect("okonkwo indexed");
    assert!(postings.len() >= 2 * 12, "every article and the person");
    let docs: serde_json::Value =
        serde_json::from_str(&site.page("search/index/d-0.json")).unwrap();
    assert!(
        docs.as_array().unwrap().iter().any(|d| d[0] == "person"
            && d[1] == "Clara Okonkwo"
            && d[2] == "people/clara-okonkwo/")
    );
    assert!(
        site.page("search/index.html").contains("search."),
        "search page with its script"
    );
}

#[test]
fn undated_notes_take_their_citations_date_or_stay_out_of_feeds() {
    let site = busy_site(3);
    site.write(
        "content/notes/analysis.md",
        "---\ntitle: Budget analysis\narticles: [a002]\n---\nWhat [[Clara Okonkwo]] wants.\n",
    );
    site.write(
        "content/notes/musings.md",
        "---\ntitle: Loose musings\n---\nMore on [[Clara Okonkwo]].\n",
    );
    site.build(&[]);
    let person = atom(&site.out("people/clara-okonkwo/atom.xml"));
    let entry = person
        .entries()
        .iter()
        .find(|e| e.title().as_str() == "Budget analysis")
        .expect("the citing note is in the person's feed");
    // a002 is dated 2025-03-03: the note takes that day, never 1970.
    assert!(
        entry.updated().to_rfc3339().starts_with("2025-03-03"),
        "{}",
        entry.updated()
    );
    assert!(
        !person
            .entries()
            .iter()
            .any(|e| e.title().as_str() == "Loose musings")
    );
    for feed in walkdir::WalkDir::new(site.root().join("output"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "atom.xml")
    {
        let text = std::fs::read_to_string(feed.path()).unwrap();
        assert!(!text.contains("1970"), "{}", feed.path().display());
    }
}

#[test]
fn without_a_host_there_is_no_sitemap_and_the_build_says_so() {
    let site = TestSite::new();
    site.write(
        "content/articles/a.txt",
        "date 2025-03-01 Clara Okonkwo spoke in Lagos.\n",
    );
    let out = site.build(&[]);
    assert!(
        stderr(&out).contains(
            "gazette.yaml: warning: base_url `/` has no host, so no sitemap.xml is written"
        ),
        "{}",
        stderr(&out)
    );
    assert!(!site.out("sitemap.xml").exists());
    assert_eq!(
        std::fs::read_to_string(site.out("robots.txt")).unwrap(),
        "User-agent: *\nAllow: /\n"
    );
    // The favicon ships with the default theme and every page links it.
    assert!(site.out("favicon.svg").is_file());
    assert!(
        site.page("index.html")
            .contains(r#"<link rel="icon" href="/favicon.svg" type="image/svg+xml">"#)
    );
    let out = site.build(&["--base-url", "https://example.org/"]);
    assert!(!stderr(&out).contains("has no host"));
    assert!(
        std::fs::read_to_string(site.out("sitemap.xml"))
            .unwrap()
            .contains("<loc>https://example.org/")
    );
}

#[test]
fn every_page_has_a_description_for_search_results_and_link_previews() {
    let site = busy_site(12);
    site.build(&[]);
    let mut missing = Vec::new();
    for entry in walkdir::WalkDir::new(site.root().join("output"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "index.html")
    {
        let html = std::fs::read_to_string(entry.path()).unwrap();
        if html.contains("http-equiv=\"refresh\"") {
            continue; // `…/page/1/` redirects
        }
        if !(html.contains("<meta name=\"description\" content=\"")
            && html.contains("<meta property=\"og:description\""))
        {
            missing.push(entry.path().display().to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "pages without a description: {missing:?}"
    );
    let person = site.page("people/clara-okonkwo/index.html");
    assert!(
        person.contains("12 items on Clara Okonkwo from 1 Mar 2025 to 12 Mar 2025; latest: "),
        "{}",
        person
            .lines()
            .find(|l| l.contains("name=\"description\""))
            .unwrap_or("")
    );
}

#[test]
fn json_ld_is_about_a_few_confident_actors_not_every_place_named() {
    let site = busy_site(2);
    let places = [
        "Paris",
        "London",
        "Berlin",
        "Madrid",
        "Rome",
        "Vienna",
        "Warsaw",
        "Prague",
        "Lisbon",
        "Dublin",
        "Athens",
        "Oslo",
        "Helsinki",
        "Stockholm",
    ];
    site.write(
        "content/articles/tour.md",
        format!(
            "---\ntitle: Minister tours Europe\ndate: 2025-03-05\nactors: [Clara Okonkwo, {}]\n---\nFinance Minister Clara Okonkwo toured {}.\n",
            places.join(", "),
            places.join(", ")
        ),
    );
    site.build(&[]);
    let article = site.page("2025/03/05/tour/index.html");
    let ld = article
        .split(r#"<script type="application/ld+json">"#)
        .nth(1)
        .and_then(|s| s.split("</script>").next())
        .expect("JSON-LD");
    let ld: serde_json::Value = serde_json::from_str(ld).expect("JSON-LD parses");
    let about = ld["about"].as_array().expect("about");
    assert!(!about.is_empty() && about.len() <= 8, "{about:?}");
    assert_eq!(
        about[0]["name"], "Clara Okonkwo",
        "main actor first: {about:?}"
    );
}

#[test]
fn a_logo_setting_gives_link_previews_an_image_and_the_publisher_a_logo() {
    let site = busy_site(2);
    site.write(
        "gazette.yaml",
        "title: Test Briefing\nbase_url: https://example.org/briefing/\nlogo: img/logo.png\n",
    );
    site.write("static/img/logo.png", b"\x89PNG\r\n\x1a\n");
    site.build(&[]);
    let home = site.page("index.html");
    assert!(
        home.contains(
            r#"<meta property="og:image" content="https://example.org/briefing/img/logo.png">"#
        ),
        "{home}"
    );
    let article = site.page("2025/03/01/a000/index.html");
    assert!(article.contains(
        r#""logo":{"@type":"ImageObject","url":"https://example.org/briefing/img/logo.png"}"#
    ));
    site.write("gazette.yaml", "logo: ../../etc/passwd\n");
    let out = site.run(&["build"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(
            "gazette.yaml:1: error: logo `../../etc/passwd` must be a file under static/"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn counts_of_one_are_singular() {
    let site = TestSite::new();
    site.write(
        "content/articles/a.txt",
        "date 2025-03-01 Finance Minister Clara Okonkwo spoke in Lagos on the budget.\n",
    );
    site.build(&[]);
    let docs = std::fs::read_to_string(site.out("search/index/d-0.json")).unwrap();
    assert!(docs.contains("1 item\""), "{docs}");
    assert!(!docs.contains("1 items"), "{docs}");
    let archive = site.page("archive/index.html");
    assert!(archive.contains("title=\"1 item\""), "{archive}");
}
