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
pub fn resolve(page_file: &str, link: &str, base: &str) -> Option<Result<String, String>> {
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
    let path = percent_decode(path);
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

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Checks every internal link of every page against the set of files the build writes.
pub fn check<'a>(
    pages: impl IntoIterator<Item = (&'a str, &'a str)>,
    files: &FxHashSet<String>,
    base: &str,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (page, html) in pages {
        let mut seen = FxHashSet::default();
        for link in find_links(html) {
            if !seen.insert(link) {
                continue;
            }
            match resolve(page, link, base) {
                None => {}
                Some(Ok(file))
                    if files.contains(&file) || files.contains(&format!("{file}/index.html")) => {}
                Some(Ok(_)) => out.push(Diagnostic::error(
                    format!("output/{page}"),
                    None,
                    format!("broken internal link: {link}"),
                )),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_and_resolves() {
        let html = r##"<a href="/b/people/x/">x</a><img src='../img.png'><a data-href="/no">n</a><a href="https://e.org">e</a><a href="#top">t</a>"##;
        let links = find_links(html);
        assert_eq!(
            links,
            vec!["/b/people/x/", "https://e.org", "#top", "../img.png"]
        );
        assert_eq!(
            resolve("a/index.html", "/b/people/x/", "/b/"),
            Some(Ok("people/x/index.html".into()))
        );
        assert_eq!(
            resolve("a/index.html", "../img.png", "/b/"),
            Some(Ok("img.png".into()))
        );
        assert_eq!(
            resolve("index.html", "/", "/"),
            Some(Ok("index.html".into()))
        );
        assert_eq!(resolve("index.html", "https://e.org", "/"), None);
        assert!(
            resolve("index.html", "/elsewhere/", "/b/")
                .unwrap()
                .is_err()
        );
        assert!(resolve("index.html", "../../x", "/").unwrap().is_err());
        assert_eq!(
            resolve("index.html", "/style.css?v=1", "/"),
            Some(Ok("style.css".into()))
        );
        assert_eq!(
            resolve("index.html", "/a%20b/", "/"),
            Some(Ok("a b/index.html".into()))
        );
    }
}
