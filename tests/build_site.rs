//! End-to-end builds of real sites: pages, links, text on the page.

mod common;
use common::*;

const SEED: &str = "2025-04-18-rubio-paris.txt";

/// A site of the real seed article (`tests/fixtures/seed/`).
fn seed_site() -> Option<TestSite> {
    let seed = seed_article();
    let site = TestSite::new();
    let text = std::fs::read(seed).expect("the shared seed article");
    site.write(&format!("content/articles/{SEED}"), text);
    Some(site)
}

#[test]
fn seed_article_person_and_day_pages_link_to_each_other() {
    let Some(site) = seed_site() else {
        return;
    };
    site.build(&[]);
    let article = site.page("2025/04/18/rubio-paris/index.html");
    let person = site.page("people/marco-rubio/index.html");
    let day = site.page("2025/04/18/index.html");

    assert!(
        hrefs(&article).contains(&"/people/marco-rubio/".to_string()),
        "article links to Rubio"
    );
    assert!(
        hrefs(&article).contains(&"/2025/04/18/".to_string()),
        "article links to its day"
    );
    assert!(
        hrefs(&person).contains(&"/2025/04/18/rubio-paris/".to_string()),
        "person links to article"
    );
    assert!(
        hrefs(&person).contains(&"/2025/04/18/".to_string()),
        "person links to day"
    );
    assert!(
        hrefs(&day).contains(&"/2025/04/18/rubio-paris/".to_string()),
        "day links to article"
    );
    assert!(
        hrefs(&day).contains(&"/people/marco-rubio/".to_string()),
        "day links to Rubio"
    );

    // Derived headline (the whole first sentence: it has no safe short form), role from the
    // text, first mention in the body after it linked, noise dropped, credit kept small.
    assert!(
        article.contains("<h1>US Secretary of State Marco Rubio warned on Friday that the United States might soon “move on” from trying to broker a Russia-Ukraine peace deal if significant progress is not made in the coming days</h1>"),
        "derived headline"
    );
    assert!(article.contains("<a class=\"mention\" href=\"/people/marco-rubio/\">Rubio</a>"));
    assert!(!article.contains("Also Read"), "noise line must be dropped");
    assert!(article.contains("<p class=\"credit\">With agency inputs</p>"));
    assert!(!article.contains("<p>(With agency inputs)</p>"));
    assert!(
        person.contains("US Secretary of State"),
        "role seen in the text"
    );
    assert!(person.contains("We are now reaching a point where we need to decide whether this is even possible or not"), "quote attributed to Rubio");
    for who in ["donald-trump", "steve-witkoff", "vladimir-putin"] {
        assert!(
            site.out(&format!("people/{who}/index.html")).exists(),
            "{who} has a page"
        );
    }
    // Sentence-initial words, weekdays and places are not people.
    for not_people in ["speaking", "however", "thursday", "paris", "moscow"] {
        assert!(
            !site
                .out(&format!("people/{not_people}/index.html"))
                .exists(),
            "{not_people} is not a person"
        );
    }
    assert_links_ok(&site.out(""), "/");
}

#[test]
fn every_page_kind_is_written_and_links_resolve() {
    let Some(site) = seed_site() else {
        return;
    };
    // A Markdown article the day before, a note with wiki links and Rubio's profile.
    site.add_fixture("every-page-kind");
    site.build(&[]);
    for page in [
        "index.html",
        "archive/index.html",
        "2025/index.html",
        "2025/04/index.html",
        "2025/04/17/index.html",
        "2025/04/18/index.html",
        "2025/04/17/talks/index.html",
        "people/index.html",
        "people/marco-rubio/index.html",
        "topics/index.html",
        "topics/ukraine-peace-talks/index.html",
        "notes/index.html",
        "notes/watch/index.html",
        "404.html",
        "style.css",
    ] {
        assert!(site.out(page).exists(), "{page} missing");
    }
    let person = site.page("people/marco-rubio/index.html");
    assert!(
        person.contains("Florida senator before 2025."),
        "profile bio shown"
    );
    assert!(
        person.contains("/notes/watch/"),
        "note mentioning Rubio is on his timeline"
    );
    let note = site.page("notes/watch/index.html");
    assert!(
        note.contains("href=\"/people/marco-rubio/\""),
        "wiki link to a person"
    );
    assert!(
        note.contains("href=\"/topics/ukraine-peace-talks/\""),
        "wiki link to a topic"
    );
    assert!(
        note.contains("href=\"/2025/04/17/talks/\""),
        "wiki link to an article"
    );
    let article = site.page("2025/04/18/rubio-paris/index.html");
    assert!(
        article.contains("/notes/watch/"),
        "article lists the note citing it"
    );
    assert!(article.contains("Related"), "related articles shown");
    let md = site.page("2025/04/17/talks/index.html");
    assert!(md.contains("<strong>talks</strong>"), "Markdown rendered");
    assert!(
        md.contains("href=\"https://example.org/talks\""),
        "source link"
    );
    let day = site.page("2025/04/18/index.html");
    assert!(
        day.contains("rel=\"prev\" href=\"/2025/04/17/\""),
        "previous day link"
    );
    let home = site.page("index.html");
    assert!(
        home.contains("Friday 18 April 2025"),
        "home shows the latest day"
    );
    assert!(
        home.contains("Thursday 17 April 2025"),
        "home shows the week before"
    );
    assert_links_ok(&site.out(""), "/");
    let check = site.run(&["check"]);
    assert!(check.status.success(), "check: {}", stderr(&check));
}

#[test]
fn sub_path_base_url_prefixes_every_link() {
    let Some(site) = seed_site() else {
        return;
    };
    site.build(&["--base-url", "https://example.org/briefing/"]);
    let article = site.page("2025/04/18/rubio-paris/index.html");
    assert!(article.contains("href=\"/briefing/people/marco-rubio/\""));
    assert!(
        article.contains("href=\"/briefing/style."),
        "hashed stylesheet under the base path"
    );
    for h in hrefs(&article) {
        assert!(
            h.starts_with("/briefing/") || h.starts_with("http") || h.starts_with('#'),
            "{h} not under /briefing/"
        );
    }
    assert_links_ok(&site.out(""), "/briefing/");
}

#[test]
fn untrusted_text_is_escaped() {
    let site = TestSite::new();
    site.write(
        "content/articles/x.txt",
        "date 2025-01-02 Officials said <script>alert(1)</script> and USX <X> fell & rose.\n\nMore text here about it.\n",
    );
    site.write(
        "content/articles/y.md",
        "---\ntitle: \"<img src=x onerror=alert(1)>\"\ndate: 2025-01-02\n---\n<script>alert(2)</script>\n\n[click](javascript:alert(3))\n",
    );
    site.build(&[]);
    let x = site.page("2025/01/02/x/index.html");
    assert!(!x.contains("<script>"), "script tag escaped");
    assert!(x.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(x.contains("USX &lt;X&gt; fell &amp; rose"));
    let y = site.page("2025/01/02/y/index.html");
    assert!(
        !y.contains("<script>alert(2)"),
        "raw HTML in article Markdown shown as text"
    );
    assert!(!y.contains("<img src=x"), "title escaped");
    assert!(!y.contains("javascript:"), "unsafe link dropped");
}

/// A plain-text article's date line takes an RFC 3339 timestamp as front matter does, and both
/// file the article under its day in the site's time zone.
#[test]
fn text_date_line_takes_a_timestamp_like_front_matter() {
    let site = TestSite::new();
    site.write("gazette.yaml", "timezone: +09:00\n");
    // 20:30 at +02:00 is 03:30 the next day in Tokyo.
    site.write(
        "content/articles/talks.txt",
        " date 2025-04-18T20:30:00+02:00 Rubio warned on Friday that talks may end.\n\nHe spoke in Paris.\n",
    );
    site.write(
        "content/articles/front.md",
        "---\ntitle: Front matter twin\ndate: 2025-04-18T20:30:00+02:00\n---\nThe same time.\n",
    );
    site.build(&[]);
    let day = site.page("2025/04/19/index.html");
    assert!(day.contains("Rubio warned on Friday"), "{day}");
    assert!(day.contains("Front matter twin"), "{day}");
    assert!(!site.out("2025/04/18").exists());
    let article = site.page("2025/04/19/talks/index.html");
    assert!(
        article.contains("content=\"2025-04-18T20:30:00+02:00\""),
        "the time is the article's published time"
    );
}

/// A note's `[[file-name]]` link to an article reads as the article's headline; a `|label`
/// stays as written, and so does a person's name.
#[test]
fn wiki_links_to_articles_read_as_their_headline() {
    let site = TestSite::new();
    site.write(
        "content/articles/2025-04-18-paris-talks.txt",
        "date 2025-04-18\n\nRUBIO WARNS TALKS MAY END\n\nMarco Rubio warned on Friday that talks may end.\n",
    );
    site.write(
        "content/notes/week.md",
        "---\ntitle: The week\ndate: 2025-04-19\n---\nFirst [[2025-04-18-paris-talks]], then \
         [[paris-talks]] by slug, [[2025-04-18-paris-talks|the Paris piece]] and [[Marco Rubio]].\n",
    );
    site.build(&[]);
    let note = site.page("notes/week/index.html");
    let body = note
        .lines()
        .find(|l| l.starts_with("<p>First "))
        .unwrap_or_else(|| panic!("no body paragraph in {note}"));
    let to_article = "<a href=\"/2025/04/18/paris-talks/\">";
    assert_eq!(
        body,
        format!(
            "<p>First {to_article}RUBIO WARNS TALKS MAY END</a>, then \
             {to_article}RUBIO WARNS TALKS MAY END</a> by slug, \
             {to_article}the Paris piece</a> and \
             <a href=\"/people/marco-rubio/\">Marco Rubio</a>.</p>"
        )
    );
    assert!(!note.contains(">2025-04-18-paris-talks<"), "{note}");
}

#[test]
fn drafts_only_with_flag() {
    let site = TestSite::new();
    site.write(
        "content/articles/a.md",
        "---\ntitle: Published\ndate: 2025-01-02\n---\nText.\n",
    );
    site.write(
        "content/articles/b.md",
        "---\ntitle: Secret draft\ndate: 2025-01-02\ndraft: true\n---\nText.\n",
    );
    site.build(&[]);
    assert!(!site.out("2025/01/02/b/index.html").exists());
    assert!(!site.page("2025/01/02/index.html").contains("Secret draft"));
    site.build(&["--drafts"]);
    assert!(site.out("2025/01/02/b/index.html").exists());
}

#[test]
fn site_templates_override_the_theme_file_by_file() {
    let Some(site) = seed_site() else {
        return;
    };
    site.write("templates/404.html", "{% extends \"base.html\" %}{% block content %}<p>Custom missing page</p>{% endblock content %}");
    site.write("static/extra.txt", "hello");
    site.build(&[]);
    assert!(site.page("404.html").contains("Custom missing page"));
    assert!(
        site.page("404.html").contains("class=\"masthead\""),
        "still uses the built-in base"
    );
    assert_eq!(site.page("extra.txt"), "hello");
}

#[test]
fn profile_aliases_merge_names() {
    let site = TestSite::new();
    site.write("content/actors/prevost.md", "---\nname: Robert Prevost\naliases: [Leo XIV, Pope Leo]\nrole: Pope\n---\nElected in May 2025.\n");
    site.write("content/articles/a.txt", "date 2025-05-09 Pope Leo XIV celebrated his first Mass on Friday in the Sistine Chapel.\n\nLeo XIV spoke in Italian.\n");
    site.write("content/articles/b.txt", "date 2025-05-08 Cardinal Robert Prevost was elected pope on Thursday, cardinals said.\n\nPrevost chose the name Leo.\n");
    site.build(&[]);
    let page = site.page("people/robert-prevost/index.html");
    assert!(
        page.contains("/2025/05/09/a/"),
        "alias mention joins the profile"
    );
    assert!(
        page.contains("/2025/05/08/b/"),
        "name mention joins the profile"
    );
    assert!(!site.out("people/leo-xiv/index.html").exists());
}

#[test]
fn bundled_example_site_builds_with_no_broken_links() {
    let tmp = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new(gazette_bin())
        .args(["--root"])
        .arg(root)
        .args(["build", "--output"])
        .arg(tmp.path().join("site"))
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
        "the example site should build without warnings: {}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("base_url `/` has no host"),
        "{}",
        stderr(&out)
    );
    assert_links_ok(&tmp.path().join("site"), "/");
    let people = std::fs::read_to_string(tmp.path().join("site/people/index.html")).unwrap();
    assert!(people.contains("Marta Kovač"));
}
