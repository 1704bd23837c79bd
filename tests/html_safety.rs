//! Raw HTML and script URLs in hand-written Markdown (notes, profiles, topic descriptions) and
//! in front-matter URL fields, checked on pages built by the real binary.

mod common;

use common::TestSite;

/// Everything a hostile or careless body might carry.
const PAYLOAD: &str = "Opening line of the body.

<script>alert(1)</script>

Inline <img src=x onerror=alert(1)> image.

[one](javascript:alert(1)) [two](JaVaScRiPt:alert(1)) [three](java&#x09;script:alert(1)) ![pic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)

See [[<b>Evil</b>]] and [[Ada Evil|<i>Ada</i>]].
";

const NOTE: &str = "notes/n/index.html";
const PERSON: &str = "people/ada-evil/index.html";
const TOPIC: &str = "topics/harbour-works/index.html";
const ARTICLE: &str = "2025/01/02/a/index.html";

fn site(config: &str) -> TestSite {
    let site = TestSite::new();
    site.write("gazette.yaml", format!("title: Safety\n{config}"));
    site.write(
        "content/articles/2025-01-02-a.md",
        "---\ntitle: Harbour works begin\ndate: 2025-01-02\nsource: Wire\nurl: \" JaVaScRiPt:alert(9)\"\nactors: [Ada Evil]\ntopics: [Harbour works]\n---\nAda Evil said the harbour works would begin on Monday, officials confirmed.\n\n<b>Bold</b> claim.\n",
    );
    site.write(
        "content/notes/n.md",
        format!("---\ntitle: Note\ndate: 2025-01-02\n---\n{PAYLOAD}"),
    );
    site.write(
        "content/actors/ada.md",
        format!("---\nname: Ada Evil\nrole: Harbour master\n---\n{PAYLOAD}"),
    );
    site.write(
        "content/topics/harbour.md",
        format!("---\nname: Harbour works\nkeywords: [harbour works]\n---\n{PAYLOAD}"),
    );
    site.build(&[]);
    site
}

/// No script URL survives as a link or image anywhere on the page, in any spelling.
fn assert_no_script_urls(page: &str, html: &str) {
    let lower = html.to_ascii_lowercase();
    for bad in [
        "javascript:",
        "script:alert",
        "java%09script",
        "java\tscript",
        "data:text/html",
        "vbscript:",
    ] {
        assert!(!lower.contains(bad), "{page} contains {bad:?}:\n{html}");
    }
    assert!(
        html.contains("one two three pic"),
        "{page}: dropped links keep their text:\n{html}"
    );
}

fn assert_wiki_labels_escaped(page: &str, html: &str) {
    assert!(!html.contains("<b>Evil</b>"), "{page}:\n{html}");
    assert!(!html.contains("<i>Ada</i>"), "{page}:\n{html}");
    assert!(
        html.contains("&lt;b&gt;Evil&lt;/b&gt;"),
        "{page}: unresolved wiki label escaped:\n{html}"
    );
    assert!(
        html.contains("&lt;i&gt;Ada&lt;/i&gt;</a>"),
        "{page}: resolved wiki label escaped:\n{html}"
    );
}

#[test]
fn raw_html_left_out_of_notes_and_profiles_by_default() {
    let site = site("");
    for page in [NOTE, PERSON, TOPIC] {
        let html = site.page(page);
        assert!(!html.contains("<script>alert"), "{page}:\n{html}");
        assert!(!html.contains("onerror"), "{page}:\n{html}");
        assert!(!html.contains("<img src=x"), "{page}:\n{html}");
        assert!(
            html.contains("<!-- raw HTML omitted -->\n")
                && html.contains("Inline <!-- raw HTML omitted --> image."),
            "{page}: raw HTML replaced by a comment:\n{html}"
        );
        assert_no_script_urls(page, &html);
        assert_wiki_labels_escaped(page, &html);
    }
}

#[test]
fn raw_html_passes_with_the_setting_but_script_urls_do_not() {
    let site = site("security: {raw_html: true}\n");
    for page in [NOTE, PERSON, TOPIC] {
        let html = site.page(page);
        assert!(
            html.contains("<script>alert(1)</script>"),
            "{page}: raw HTML block passed:\n{html}"
        );
        assert!(
            html.contains("Inline <img src=x onerror=alert(1)> image."),
            "{page}: inline raw HTML passed:\n{html}"
        );
        assert!(!html.contains("raw HTML omitted"), "{page}:\n{html}");
        assert_no_script_urls(page, &html);
        assert_wiki_labels_escaped(page, &html);
    }
}

#[test]
fn articles_show_raw_html_as_text_and_drop_script_source_urls() {
    for config in ["", "security: {raw_html: true}\n"] {
        let site = site(config);
        let html = site.page(ARTICLE);
        assert!(
            html.contains("&lt;b&gt;Bold&lt;/b&gt; claim."),
            "raw HTML in an article is shown as text, whatever the setting:\n{html}"
        );
        assert!(!html.contains("<b>Bold</b>"), "{html}");
        assert!(
            !html.to_ascii_lowercase().contains("javascript:"),
            "a `javascript:` source URL is not linked:\n{html}"
        );
        assert!(html.contains("Wire"), "the source name stays:\n{html}");
    }
}

#[test]
fn web_source_urls_are_linked_in_any_case() {
    let site = TestSite::new();
    site.write(
        "content/articles/2025-01-02-b.md",
        "---\ntitle: Harbour works begin\ndate: 2025-01-02\nsource: Wire\nurl: HTTPS://example.org/story\n---\nThe harbour works would begin on Monday, officials confirmed.\n",
    );
    site.build(&[]);
    let html = site.page("2025/01/02/b/index.html");
    assert!(
        html.contains("href=\"HTTPS://example.org/story\""),
        "{html}"
    );
}
