//! The fixed URL scheme. Paths are relative to the site root, without a leading slash, and end
//! in `/` for pages (written as `…/index.html`). Every segment is a date or a slug, so no path
//! can leave the output folder.

use chrono::{Datelike, NaiveDate};

use crate::content::ActorKind;

pub fn day(d: NaiveDate) -> String {
    format!("{:04}/{:02}/{:02}/", d.year(), d.month(), d.day())
}

pub fn month(year: i32, month: u32) -> String {
    format!("{year:04}/{month:02}/")
}

pub fn year(year: i32) -> String {
    format!("{year:04}/")
}

pub fn article(d: NaiveDate, slug: &str) -> String {
    format!("{}{slug}/", day(d))
}

pub fn kind_dir(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "people",
        ActorKind::Organization => "orgs",
        ActorKind::Place => "places",
        ActorKind::Other => "others",
    }
}

pub fn actor_index(kind: ActorKind) -> String {
    format!("{}/", kind_dir(kind))
}

pub fn actor(kind: ActorKind, slug: &str) -> String {
    format!("{}/{slug}/", kind_dir(kind))
}

pub fn topic(slug: &str) -> String {
    format!("topics/{slug}/")
}

/// A section (`sections/business/`).
pub fn section(slug: &str) -> String {
    format!("sections/{slug}/")
}

/// A sub-section, under its section (`sections/business/oil/`).
pub fn subsection(parent: &str, slug: &str) -> String {
    format!("sections/{parent}/{slug}/")
}

pub const TOPICS: &str = "topics/";
pub const SECTIONS: &str = "sections/";
pub const NOTES: &str = "notes/";
pub const ARCHIVE: &str = "archive/";
pub const SEARCH: &str = "search/";
/// Where the search index files live.
pub const SEARCH_INDEX: &str = "search/index/";

pub fn note(slug: &str) -> String {
    format!("notes/{slug}/")
}

/// The file a page path is written to: `a/b/` -> `a/b/index.html`.
pub fn file_for(path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// Is a relative output path safe to write: no `..`, no absolute or drive paths, no empty or
/// hidden segments? Checked once more just before writing, whatever produced the path.
pub fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && !path.contains('\0')
        && path
            .split('/')
            .all(|seg| !seg.is_empty() && seg != "." && seg != ".." && !seg.contains(':'))
}

/// Strict percent-decoding, for request paths the preview serves: `None` for a malformed
/// escape or bytes that are not UTF-8, which are refused rather than guessed at.
pub fn percent_decode(s: &str) -> Option<String> {
    let mut out = Vec::with_capacity(s.len());
    for piece in decode_pieces(s.as_bytes()) {
        out.push(piece?);
    }
    String::from_utf8(out).ok()
}

/// Lenient percent-decoding, for links the checker follows as a browser would: a malformed
/// escape stays as written and bytes that are not UTF-8 become U+FFFD.
pub fn percent_decode_lossy(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    for piece in decode_pieces(bytes) {
        match piece {
            Some(b) => {
                out.push(b);
                i += if bytes[i] == b'%' { 3 } else { 1 };
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The bytes of a percent-encoded string: `Some(byte)` for a plain byte or a valid `%XX`
/// escape, `None` for a `%` that starts no valid escape (the `%` alone is consumed).
fn decode_pieces(bytes: &[u8]) -> impl Iterator<Item = Option<u8>> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let b = *bytes.get(i)?;
        if b != b'%' {
            i += 1;
            return Some(Some(b));
        }
        let escaped = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        i += if escaped.is_some() { 3 } else { 1 };
        Some(escaped)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding_strict_and_lossy() {
        assert_eq!(percent_decode("a%20b").as_deref(), Some("a b"));
        assert_eq!(percent_decode("caf%C3%A9").as_deref(), Some("café"));
        assert_eq!(percent_decode("a%2"), None);
        assert_eq!(percent_decode("a%zz"), None);
        assert_eq!(percent_decode("%FF"), None);
        assert_eq!(percent_decode_lossy("a%20b%zz%2"), "a b%zz%2");
        assert_eq!(percent_decode_lossy("x%41"), "xA");
        assert_eq!(percent_decode_lossy("%FF"), "\u{fffd}");
    }

    #[test]
    fn scheme() {
        let d = NaiveDate::from_ymd_opt(2025, 4, 18).unwrap();
        assert_eq!(day(d), "2025/04/18/");
        assert_eq!(article(d, "rubio-paris"), "2025/04/18/rubio-paris/");
        assert_eq!(
            actor(ActorKind::Person, "marco-rubio"),
            "people/marco-rubio/"
        );
        assert_eq!(file_for("people/x/"), "people/x/index.html");
        assert_eq!(section("business"), "sections/business/");
        assert_eq!(subsection("business", "oil"), "sections/business/oil/");
        assert_eq!(file_for(""), "index.html");
    }

    #[test]
    fn safety() {
        assert!(is_safe_relative("2025/04/18/index.html"));
        assert!(!is_safe_relative("../x"));
        assert!(!is_safe_relative("/etc/passwd"));
        assert!(!is_safe_relative("a//b"));
        assert!(!is_safe_relative("a/./b"));
        assert!(!is_safe_relative("c:/x"));
    }
}
