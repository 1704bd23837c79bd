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

#[cfg(test)]
mod tests {
    use super::*;

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
