//! Internal link checking over rendered pages, used by `gazette check` and the tests.

use rustc_hash::FxHashSet;

use crate::diagnostics::Diagnostic;

/// The values of `href` and `src` attributes in an HTML document.
pub fn find_links(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = html.as_bytes();
    for attr in ["href=", "src="] {
        let mut from = 0;
        while let Some(i) = html[from..].find(attr) {
            let start = from + i + attr.len();
            from = start;
            // Attribute names must stand alone: skip "data-href=".
            let prev = from - attr.len();
            if prev > 0 && !bytes[prev - 1].is_ascii_whitespace() {
                continue;
            }
            let Some(&quote) = bytes.get(start) else {
                break;
            };
            if quote != b'"' && quote != b'\'' {
                continue;
            }
            if let Some(end) = html[start + 1..].find(quote as char) {
                out.push(&html[start + 1..start + 1 + end]);
                from = start + 1 + end;
            }
        }
    }
    out
}

/// Resolves an internal link on page `page_file` (output-relative, e.g. `a/b/index.html`) to the
/// output-relative file it needs. `None` for external links, fragments and other schemes.
pub fn resolve_link(page_file: &str, link: &str, base: &str) -> Option<Result<String, String>> {
    let link = decode_entities(link);
    if link.is_empty() || link.starts_with('#') || link.starts_with("//") {
        return None;
    }
    if let Some((scheme, _)) = link.split_once(':')
        && !scheme.contains('/')
        && !scheme.contains('?')
        && !scheme.contains('#')
    {
        return None;
    }
    let path = link.split(['#', '?']).next().unwrap_or("");
    let path = crate::site::urls::percent_decode_lossy(path);
    let joined = if let Some(abs) = path.strip_prefix('/') {
        let base_rel = base.trim_start_matches('/');
        match abs.strip_prefix(base_rel) {
            Some(rest) => rest.to_string(),
            None if base_rel.is_empty() => abs.to_string(),
            None => return Some(Err(format!("{link} is outside the base path {base}"))),
        }
    } else {
        let dir = page_file
            .rsplit_once('/')
            .map(|(d, _)| format!("{d}/"))
            .unwrap_or_default();
        format!("{dir}{path}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Some(Err(format!("{link} leaves the site")));
                }
            }
            s => parts.push(s),
        }
    }
    let mut file = parts.join("/");
    if joined.ends_with('/') || file.is_empty() {
        if !file.is_empty() {
            file.push('/');
        }
        file.push_str("index.html");
    }
    Some(Ok(file))
}

fn decode_entities(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
}

/// The `id` attributes of an HTML document: the anchors a link can point to.
pub fn anchors(html: &str) -> FxHashSet<&str> {
    let mut out = FxHashSet::default();
    for attr in [" id=\"", " name=\""] {
        let mut from = 0;
        while let Some(i) = html[from..].find(attr) {
            let start = from + i + attr.len();
            match html[start..].find('"') {
                Some(end) => {
                    out.insert(&html[start..start + end]);
                    from = start + end;
                }
                None => break,
            }
        }
    }
    out
}

/// Checks every internal link and anchor of every page against the files the build writes.
pub fn check<'a>(
    pages: impl IntoIterator<Item = (&'a str, &'a str)> + Clone,
    files: &FxHashSet<String>,
    base: &str,
) -> Vec<Diagnostic> {
    let ids: rustc_hash::FxHashMap<&str, FxHashSet<&str>> = pages
        .clone()
        .into_iter()
        .map(|(p, h)| (p, anchors(h)))
        .collect();
    let mut out = Vec::new();
    for (page, html) in pages {
        let mut seen = FxHashSet::default();
        for link in find_links(html) {
            if !seen.insert(link) {
                continue;
            }
            let fragment = link
                .split_once('#')
                .map(|(_, f)| f)
                .filter(|f| !f.is_empty());
            let target = if link.starts_with('#') {
                Some(Ok(page.to_string()))
            } else {
                resolve_link(page, link, base)
            };
            match target {
                None => {}
                Some(Ok(file)) => {
                    let file = if files.contains(&file) {
                        Some(file)
                    } else if files.contains(&format!("{file}/index.html")) {
                        Some(format!("{file}/index.html"))
                    } else {
                        None
                    };
                    match (file, fragment) {
                        (None, _) => out.push(Diagnostic::error(
                            format!("output/{page}"),
                            None,
                            format!("broken internal link: {link}"),
                        )),
                        (Some(f), Some(anchor)) => {
                            let found = ids.get(f.as_str()).is_some_and(|set| set.contains(anchor));
                            if !found && f.ends_with(".html") {
                                out.push(Diagnostic::error(
                                    format!("output/{page}"),
                                    None,
                                    format!("broken anchor: {link} (no id=\"{anchor}\" in {f})"),
                                ));
                            }
                        }
                        _ => {}
                    }
                }
                Some(Err(msg)) => out.push(Diagnostic::error(
                    format!("output/{page}"),
                    None,
                    format!("broken internal link: {msg}"),
                )),
            }
        }
    }
    out
}

/// External (http, https) links of all pages, each once, sorted.
pub fn external<'a>(pages: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<String> {
    let mut out: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for (_, html) in pages {
        for link in find_links(html) {
            let link = decode_entities(link);
            if link.starts_with("http://") || link.starts_with("https://") {
                out.insert(link);
            }
        }
    }
    out.into_iter().collect()
}

/// Is this text well-formed XML with the expected root element?
pub fn check_xml(name: &str, text: &str, root: &str) -> Result<(), String> {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut first: Option<String> = None;
    let mut depth = 0i64;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e)) => {
                depth += 1;
                if first.is_none() {
                    first = Some(String::from_utf8_lossy(e.local_name().as_ref()).into_owned());
                }
            }
            Ok(quick_xml::events::Event::Empty(e)) if first.is_none() => {
                first = Some(String::from_utf8_lossy(e.local_name().as_ref()).into_owned());
            }
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => {
                return Err(format!(
                    "{name}: not well-formed XML at byte {}: {e}",
                    reader.buffer_position()
                ));
            }
        }
    }
    match first {
        Some(r) if r == root && depth == 0 => Ok(()),
        Some(r) => Err(format!("{name}: root element is <{r}>, expected <{root}>")),
        None => Err(format!("{name}: empty document")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_and_xml() {
        let ids = anchors(r#"<h2 id="roles">R</h2><a name="old">x</a>"#);
        assert!(ids.contains("roles") && ids.contains("old"));
        let files: FxHashSet<String> = ["a/index.html".to_string(), "b/index.html".to_string()]
            .into_iter()
            .collect();
        let pages = [
            (
                "a/index.html",
                r##"<a href="/b/#top">x</a><a href="#here">y</a><p id="here">"##,
            ),
            ("b/index.html", r#"<h1 id="top">B</h1>"#),
        ];
        assert!(check(pages, &files, "/").is_empty());
        let bad = [
            ("a/index.html", r##"<a href="/b/#nowhere">x</a>"##),
            ("b/index.html", "<h1>B</h1>"),
        ];
        assert_eq!(check(bad, &files, "/").len(), 1);
        assert!(check_xml("f", "<feed><entry/></feed>", "feed").is_ok());
        assert!(check_xml("f", "<feed><entry></feed>", "feed").is_err());
        assert!(check_xml("f", "<urlset/>", "feed").is_err());
    }

    #[test]
    fn finds_and_resolves() {
        let html = r##"<a href="/b/people/x/">x</a><img src='../img.png'><a data-href="/no">n</a><a href="https://e.org">e</a><a href="#top">t</a>"##;
        let links = find_links(html);
        assert_eq!(
            links,
            vec!["/b/people/x/", "https://e.org", "#top", "../img.png"]
        );
        assert_eq!(
            resolve_link("a/index.html", "/b/people/x/", "/b/"),
            Some(Ok("people/x/index.html".into()))
        );
        assert_eq!(
            resolve_link("a/index.html", "../img.png", "/b/"),
            Some(Ok("img.png".into()))
        );
        assert_eq!(
            resolve_link("index.html", "/", "/"),
            Some(Ok("index.html".into()))
        );
        assert_eq!(resolve_link("index.html", "https://e.org", "/"), None);
        assert!(
            resolve_link("index.html", "/elsewhere/", "/b/")
                .unwrap()
                .is_err()
        );
        assert!(resolve_link("index.html", "../../x", "/").unwrap().is_err());
        assert_eq!(
            resolve_link("index.html", "/style.css?v=1", "/"),
            Some(Ok("style.css".into()))
        );
        assert_eq!(
            resolve_link("index.html", "/a%20b/", "/"),
            Some(Ok("a b/index.html".into()))
        );
    }
}
