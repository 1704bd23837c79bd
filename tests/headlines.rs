//! Headlines as a reader sees them: the `<h1>` of a built article page is always complete
//! (never cut with "…"), and the body under it does not open by repeating it.

mod common;
use common::*;

/// The text between the first `open` and the `close` after it in `html`, tags stripped and the
/// common entities decoded.
fn element_text(html: &str, open: &str, close: &str) -> String {
    let start = html.find(open).unwrap_or_else(|| panic!("no {open}")) + open.len();
    let end = start + html[start..].find(close).unwrap();
    let mut text = String::new();
    let mut in_tag = false;
    for c in html[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .trim()
        .to_string()
}

fn h1(page: &str) -> String {
    element_text(page, "<h1>", "</h1>")
}

fn body(page: &str) -> String {
    element_text(page, "<div class=\"body\">", "</div>")
}

/// The article page of a one-article site holding `text`.
fn article_page(text: &str) -> String {
    let site = TestSite::new();
    site.write("content/articles/story.txt", text);
    site.build(&[]);
    let date = text.split_whitespace().nth(1).unwrap().replace('-', "/");
    site.page(&format!("{date}/story/index.html"))
}

#[test]
fn real_shaped_leads_get_complete_headlines() {
    for (text, heading) in [
        (
            " date 2025-03-03 Thousands of dockworkers walked off the job at the port of Rotterdam on Monday, halting container handling at Europe's largest port in a dispute over pay and the automation of cargo terminals.\n\nThe strike was called by the union.\n",
            "Thousands of dockworkers walked off the job at the port of Rotterdam",
        ),
        (
            "date 2025-03-06 Mediated talks to end the dockworkers' strike at the port of Rotterdam broke down on Thursday after the union rejected a revised pay offer from terminal operators, deepening a dispute that has paralysed Europe's largest port for four days.\n\nThe union said the offer fell short.\n",
            "Mediated talks to end the dockworkers' strike at the port of Rotterdam broke down",
        ),
        (
            "date 2024-07-10 WASHINGTON (Reuters) - The Federal Reserve cut interest rates by half a percentage point on Wednesday, its first reduction since 2020, officials said.\n\nMarkets rose.\n",
            "The Federal Reserve cut interest rates by half a percentage point, its first reduction since 2020",
        ),
    ] {
        let page = article_page(text);
        assert_eq!(h1(&page), heading);
        // A headline form: the lede is shown whole under it.
        let lede = text.split_once("\n\n").unwrap().0;
        let lede = lede.trim_start().splitn(3, ' ').nth(2).unwrap();
        assert!(body(&page).starts_with(lede), "{}", body(&page));
    }
}

#[test]
fn the_seed_article_heading_is_its_whole_first_sentence_and_the_body_follows_it() {
    let text = std::fs::read_to_string(seed_article()).unwrap();
    let page = article_page(&text);
    let heading = h1(&page);
    assert_eq!(
        heading,
        "US Secretary of State Marco Rubio warned on Friday that the United States might soon “move on” from trying to broker a Russia-Ukraine peace deal if significant progress is not made in the coming days"
    );
    let body = body(&page);
    assert!(body.starts_with("Speaking in Paris"), "{body}");
    assert!(!body.contains("warned on Friday"), "{body}");
    // The description under the title does not repeat it either.
    assert!(
        page.contains("<meta name=\"description\" content=\"Speaking in Paris"),
        "{page}"
    );
}

#[test]
fn a_short_first_sentence_is_the_heading_and_not_repeated() {
    let page = article_page(
        "date 2025-04-18 Port strike enters second week.\n\nShips queue off the coast of Rotterdam as the backlog grows.\n",
    );
    assert_eq!(h1(&page), "Port strike enters second week");
    assert_eq!(
        body(&page),
        "Ships queue off the coast of Rotterdam as the backlog grows."
    );
}

#[test]
fn no_heading_of_the_example_site_is_cut_or_repeated_by_its_body() {
    let tmp = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new(gazette_bin())
        .arg("--root")
        .arg(root)
        .args(["build", "--quiet", "--output"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let mut articles = 0;
    for e in walkdir::WalkDir::new(tmp.path()) {
        let e = e.unwrap();
        if e.file_name() != "index.html" {
            continue;
        }
        let page = std::fs::read_to_string(e.path()).unwrap();
        if !page.contains("property=\"article:published_time\"") {
            continue;
        }
        articles += 1;
        let heading = h1(&page);
        assert!(!heading.contains('…'), "{heading}");
        let first = body(&page);
        let first = first.split(". ").next().unwrap().trim_end_matches('.');
        assert_ne!(first, heading, "{}", e.path().display());
    }
    assert!(articles >= 16, "{articles}");
}
