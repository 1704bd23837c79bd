//! Real-browser tests of the live preview in headless Chromium: the page updates by itself
//! after an edit on disk, keeps its scroll position, swaps stylesheets without reloading and
//! shows build errors over the page.

mod common;
use common::http::Server;
use common::webdriver::Browser;
use common::*;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(20);

#[test]
fn the_page_follows_edits_on_disk_without_any_action_in_the_browser() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = TestSite::new();
    let long = "More paragraphs keep the page long enough to scroll.\n\n".repeat(60);
    site.write("content/articles/2025-04-18-talks.txt", format!("date 2025-04-18 Marco Rubio met officials in Paris on Friday.\n\n{long}The talks were constructive.\n"));
    site.write("static/extra.css", "body { color: rgb(0, 0, 0); }");
    site.write("templates/404.html", "{% extends \"base.html\" %}{% block head %}<link rel=\"stylesheet\" href=\"/extra.css\">{% endblock head %}{% block content %}<h1>Page not found</h1>{% endblock content %}");
    let server = Server::start(site.root());
    let url = format!("http://127.0.0.1:{}/2025/04/18/talks/", server.port);
    browser.goto(&url);
    browser.wait_until(WAIT, "the article", |b| {
        b.text().contains("The talks were constructive.")
    });
    browser.js(
        "window.scrollTo(0, 600); window.__gazetteMarker = 'same page'; return window.scrollY;",
    );

    // Edit the article on disk: the browser shows the new text by itself.
    site.write("content/articles/2025-04-18-talks.txt", format!("date 2025-04-18 Marco Rubio met officials in Paris on Friday.\n\n{long}The talks were constructive and will resume in London.\n"));
    browser.wait_until(WAIT, "the edited text", |b| {
        b.text().contains("will resume in London")
    });
    assert!(
        browser
            .js("return window.__gazetteMarker === undefined")
            .as_bool()
            .unwrap(),
        "the page reloaded"
    );
    browser.wait_until(WAIT, "the scroll position to be restored", |b| {
        b.js("return window.scrollY").as_f64().unwrap_or(0.0) >= 550.0
    });

    // A broken file: an overlay names the file and line; the page itself stays.
    site.write(
        "content/articles/bad.md",
        "---\ntitle: [unclosed\ndate: 2025-04-18\n---\nx\n",
    );
    browser.wait_until(WAIT, "the error overlay", |b| {
        b.js("const o = document.getElementById('gazette-errors'); return o ? o.innerText : ''")
            .as_str()
            .unwrap_or("")
            .contains("content/articles/bad.md:2")
    });
    assert!(browser.text().contains("will resume in London"));
    site.remove("content/articles/bad.md");
    browser.wait_until(WAIT, "the overlay to clear", |b| {
        b.js("return document.getElementById('gazette-errors') === null")
            .as_bool()
            .unwrap_or(false)
    });

    // A stylesheet change is applied without a reload.
    browser.goto(&format!("http://127.0.0.1:{}/missing/", server.port));
    browser.wait_until(WAIT, "the 404 page", |b| {
        b.text().contains("Page not found")
    });
    browser.js("window.__gazetteMarker = 'kept'; return 1;");
    site.write("static/extra.css", "body { color: rgb(0, 0, 128); }");
    browser.wait_until(WAIT, "the new colour", |b| {
        b.js("return getComputedStyle(document.body).color")
            .as_str()
            == Some("rgb(0, 0, 128)")
    });
    assert_eq!(
        browser.js("return window.__gazetteMarker").as_str(),
        Some("kept"),
        "no full reload for CSS"
    );
}

#[test]
fn search_finds_people_and_headlines_in_a_built_site_under_a_sub_path() {
    let Some(browser) = Browser::start() else {
        return;
    };
    let site = TestSite::new();
    site.write(
        "gazette.yaml",
        "title: Briefing\nbase_url: https://example.org/briefing/\n",
    );
    site.write("content/articles/2025-03-04-strike.txt", "date 2025-03-04 Union leader Marta Kovač called a strike at the port of Rotterdam on Tuesday.\n\nKovač said talks had failed.\n");
    site.write("content/articles/2025-03-05-rates.txt", "date 2025-03-05 Governor Zoë Åberg raised interest rates on Wednesday to fight inflation.\n\nÅberg said prices were rising.\n");
    for i in 0..40 {
        site.write(
            &format!("content/articles/filler-{i:02}.txt"),
            format!(
                "date 2025-03-0{} Other news item {i} about the weather and traffic.\n",
                1 + i % 6
            ),
        );
    }
    site.build(&[]);
    let port = common::http::serve_static(&site.out(""), "/briefing/");
    browser.goto(&format!("http://127.0.0.1:{port}/briefing/search/"));
    browser.wait_until(WAIT, "the search page", |b| b.text().contains("Search"));
    // Typing a prefix of a name, without its accents, finds the person and her article.
    browser.type_into("#q", "kova");
    browser.wait_until(WAIT, "results for kova", |b| {
        b.text().contains("Marta Kovač")
    });
    let results = browser.js("return [...document.querySelectorAll('#search-results a')].map(a => a.getAttribute('href') + ' ' + a.textContent)");
    let results: Vec<String> = results
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        results[0], "/briefing/people/marta-kovac/ Marta Kovač",
        "the person ranks first: {results:?}"
    );
    assert!(
        results
            .iter()
            .any(|r| r.starts_with("/briefing/2025/03/04/strike/")),
        "{results:?}"
    );
    assert!(!results.iter().any(|r| r.contains("rates")), "{results:?}");
    // Two words must both match; the result links work under the sub-path.
    browser.js("const q = document.getElementById('q'); q.value = ''; return 1;");
    browser.type_into("#q", "aberg inflation");
    browser.wait_until(WAIT, "results for aberg inflation", |b| {
        b.text().contains("raised interest rates")
    });
    browser.js("document.querySelector('#search-results a[href*=\"/2025/03/05/rates/\"]').click(); return 1;");
    browser.wait_until(WAIT, "the article page", |b| {
        b.text().contains("Åberg said prices were rising.")
    });
}
