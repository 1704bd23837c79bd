//! The load stage: files under `content/` become a [`Corpus`] of articles, notes and profiles.
//!
//! ```text
//! content/articles/**/*.txt   plain-text articles as they arrive (see [`plaintext`])
//! content/articles/**/*.md    Markdown articles with front matter
//! content/notes/**/*.md       the editor's notes
//! content/actors/*.md         profiles of people, organisations and places
//! content/topics/*.md         curated topics with matching rules
//! ```
//!
//! Files are parsed in parallel; every bad file yields a [`Diagnostic`] with its line, and the
//! good files are still returned so a single run reports all problems.

pub mod dates;
mod discover;
pub mod frontmatter;
pub mod headline;
pub mod markdown;
pub mod noise;
pub mod plaintext;

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};
use rayon::prelude::*;
use serde::Serialize;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::progress::Progress;
use crate::text::{sentence_ranges, slugify, truncate_words};
use discover::leads_outside;
pub use discover::{discover, file_kind};
pub use headline::{DerivedTitle, derive_title_from_lede};
pub use markdown::{Markdown, WikiLink};
use noise::NoisePatterns;

pub const CONTENT_DIR: &str = "content";

/// Files larger than this are refused rather than read: no article is 32 MiB of text.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Everything the site is made from, in a stable order (sorted by path).
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub notes: Vec<Note>,
    pub actor_profiles: Vec<ActorProfile>,
    pub topic_profiles: Vec<TopicProfile>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The file stem; the key in `inspect --json`.
    pub id: String,
    /// Relative to the site root.
    pub path: PathBuf,
    pub slug: String,
    /// The day the article belongs to (in the site's time zone).
    pub date: NaiveDate,
    /// The full timestamp when the front matter gives one.
    pub published: Option<DateTime<FixedOffset>>,
    pub title: String,
    /// Whether the title was written or made from the lede, and how much of the lede it says.
    pub title_from: TitleFrom,
    /// The lede: first sentence or two (after the title's sentence when the title is that
    /// sentence).
    pub summary: String,
    /// A trailing `(With agency inputs)` or a front-matter `credit`.
    pub credit: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub body: Body,
    /// Actors named in front matter; when present they replace extraction.
    pub actors: Vec<String>,
    /// Topics named in front matter; they come first in the article's topic list.
    pub topics: Vec<String>,
    pub draft: bool,
    pub lines: KeyLines,
}

/// Where an article's title comes from. A page shows the body under the title; where the title
/// is the lede's first sentence, the body it shows starts after that sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TitleFrom {
    /// Written: a front-matter `title`, or a plain-text file's headline paragraph.
    #[default]
    Given,
    /// The headline form of the first sentence of body paragraph `paragraph` ("Rubio warned
    /// on Friday that talks may end." -> "Rubio warned that talks may end"); the lede is
    /// shown whole under it.
    Headline { paragraph: usize },
    /// The whole first sentence of body paragraph `paragraph`, which has no safe short form;
    /// the rest of the paragraph starts at byte `end`.
    Sentence { paragraph: usize, end: usize },
}

impl TitleFrom {
    /// Whether the title is made from the first body paragraph, so it is not text of its own.
    pub fn from_first_paragraph(self) -> bool {
        matches!(
            self,
            TitleFrom::Headline { paragraph: 0 } | TitleFrom::Sentence { paragraph: 0, .. }
        )
    }
}

/// Lines of front-matter keys, for problems found after parsing (a long list, two files with
/// one URL). `None` where the file has no such key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KeyLines {
    pub actors: Option<usize>,
    pub topics: Option<usize>,
    /// The key the slug was made from: `slug`, or the `title` or `name` it fell back to;
    /// `None` when it comes from the file name.
    pub slug: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// Plain-text paragraphs as arrived.
    Text(Vec<Paragraph>),
    Markdown(Markdown),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub text: String,
    /// 1-based line where the paragraph starts in its file.
    pub line: usize,
    /// A table or other block whose line breaks and spacing matter.
    pub preformatted: bool,
}

impl Body {
    /// The readable text, one entry per paragraph, for extraction.
    pub fn paragraphs(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        match self {
            Body::Text(ps) => Box::new(ps.iter().map(|p| p.text.as_str())),
            Body::Markdown(md) => Box::new(md.plain.iter().map(String::as_str)),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub id: String,
    pub path: PathBuf,
    pub slug: String,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub summary: String,
    pub actors: Vec<String>,
    pub topics: Vec<String>,
    /// Articles the note cites, by id or slug.
    pub articles: Vec<String>,
    /// Line of the `articles:` key, for reporting citations that do not resolve.
    pub articles_line: usize,
    pub body: Markdown,
    pub draft: bool,
    pub lines: KeyLines,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    Organization,
    Place,
    Other,
}

impl ActorKind {
    pub fn parse(s: &str) -> Option<ActorKind> {
        Some(match s.trim().to_lowercase().as_str() {
            "person" | "people" | "individual" => ActorKind::Person,
            "organization" | "organisation" | "org" | "company" | "institution" | "party" => {
                ActorKind::Organization
            }
            "place" | "location" | "country" | "city" | "region" => ActorKind::Place,
            "other" | "group" | "event" => ActorKind::Other,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Organization => "organization",
            ActorKind::Place => "place",
            ActorKind::Other => "other",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActorProfile {
    pub id: String,
    pub path: PathBuf,
    pub slug: String,
    pub name: String,
    pub kind: ActorKind,
    pub aliases: Vec<String>,
    pub role: Option<String>,
    pub bio: Markdown,
    pub lines: KeyLines,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TopicProfile {
    pub id: String,
    pub path: PathBuf,
    pub slug: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub keywords: Vec<String>,
    pub actors: Vec<String>,
    pub description: Markdown,
    pub lines: KeyLines,
}

/// Which parser a file goes to, decided by its folder and extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKind {
    TextArticle,
    MarkdownArticle,
    Note,
    ActorProfile,
    TopicProfile,
}

/// One parsed file.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    Article(Article),
    Note(Note),
    Actor(ActorProfile),
    Topic(TopicProfile),
}

/// Settings the parsers need, built once per load.
pub struct Loader {
    pub root: PathBuf,
    /// `security.outside_symlinks`: follow links that lead out of the site folder.
    pub outside_symlinks: bool,
    pub noise: NoisePatterns,
    pub tz: FixedOffset,
}

impl Loader {
    pub fn new(root: &Path, config: &Config) -> Loader {
        Loader {
            root: root.to_path_buf(),
            outside_symlinks: config.security.outside_symlinks,
            noise: NoisePatterns::new(&config.noise),
            tz: config.tz(),
        }
    }

    /// Reads and parses one file.
    pub fn load_file(&self, rel: &Path, kind: FileKind) -> Result<Parsed, Diagnostic> {
        let text = read_source(&self.root.join(rel))
            .map_err(|(line, msg)| Diagnostic::error(rel, line, msg))?;
        let parsed = match kind {
            FileKind::TextArticle => plaintext::parse(&text, &self.noise, self.tz)
                .map(|p| Parsed::Article(text_article(rel, p))),
            FileKind::MarkdownArticle => {
                frontmatter::parse_markdown_article(rel, &text, self.tz).map(Parsed::Article)
            }
            FileKind::Note => frontmatter::parse_note(rel, &text, self.tz).map(Parsed::Note),
            FileKind::ActorProfile => {
                frontmatter::parse_actor_profile(rel, &text).map(Parsed::Actor)
            }
            FileKind::TopicProfile => {
                frontmatter::parse_topic_profile(rel, &text).map(Parsed::Topic)
            }
        };
        parsed.map_err(|e| Diagnostic::error(rel, Some(e.line), e.message))
    }

    /// Loads every content file, in parallel. Bad files become diagnostics; the rest load.
    pub fn load_all(&self, progress: Option<&Progress>) -> (Corpus, Diagnostics) {
        if let Some(p) = progress {
            p.stage("finding files", 0);
        }
        let (files, listing) = discover(&self.root, self.outside_symlinks);
        if let Some(p) = progress {
            p.stage("reading files", files.len());
        }
        let results: Vec<Result<Parsed, Diagnostic>> = files
            .par_iter()
            .map(|(rel, kind)| {
                if let Some(p) = progress {
                    p.tick();
                }
                self.load_file(rel, *kind)
            })
            .collect();
        let mut corpus = Corpus::default();
        // Sized once: growing a vector of 100,000 articles copies it about 17 times.
        let articles = results
            .iter()
            .filter(|r| matches!(r, Ok(Parsed::Article(_))))
            .count();
        corpus.articles.reserve_exact(articles);
        let mut diagnostics = Diagnostics(listing);
        for result in results {
            match result {
                Ok(parsed) => corpus.insert(parsed),
                Err(d) => diagnostics.push(d),
            }
        }
        (corpus, diagnostics)
    }
}

/// Parse results kept between builds, so `serve` re-reads only the files that changed.
pub struct ContentCache {
    loader: Loader,
    /// What the last walk of the folder found but did not read (see [`discover`]).
    listing: Vec<Diagnostic>,
    files: std::collections::BTreeMap<PathBuf, Result<Parsed, Diagnostic>>,
}

impl ContentCache {
    /// Loads every content file once.
    pub fn new(loader: Loader) -> ContentCache {
        let (found, listing) = discover(&loader.root, loader.outside_symlinks);
        let files = found
            .par_iter()
            .map(|(rel, kind)| (rel.clone(), loader.load_file(rel, *kind)))
            .collect();
        ContentCache {
            loader,
            listing,
            files,
        }
    }

    pub fn root(&self) -> &Path {
        &self.loader.root
    }

    /// Re-reads the given paths (absolute or relative to the root): changed and new files are
    /// parsed again, deleted ones dropped, and a new or removed folder is walked. Returns the
    /// content files that changed, relative to the root.
    pub fn refresh(&mut self, changed: &[PathBuf]) -> Vec<PathBuf> {
        let root = self.loader.root.clone();
        let mut touched = Vec::new();
        for path in changed {
            let rel = path.strip_prefix(&root).unwrap_or(path).to_path_buf();
            let abs = root.join(&rel);
            if abs.is_dir() {
                let (found, listing) = discover(&root, self.loader.outside_symlinks);
                self.listing = listing;
                for (file, kind) in found.into_iter().filter(|(f, _)| f.starts_with(&rel)) {
                    let parsed = self.loader.load_file(&file, kind);
                    self.files.insert(file.clone(), parsed);
                    touched.push(file);
                }
            } else if abs.is_file() {
                let real_root = std::fs::canonicalize(&root).unwrap_or_else(|_| root.clone());
                let allowed = self.loader.outside_symlinks || !leads_outside(&real_root, &abs);
                if allowed && let Some(kind) = file_kind(&rel) {
                    self.files
                        .insert(rel.clone(), self.loader.load_file(&rel, kind));
                    touched.push(rel);
                }
            } else {
                let gone: Vec<PathBuf> = self
                    .files
                    .keys()
                    .filter(|f| f.starts_with(&rel))
                    .cloned()
                    .collect();
                for f in gone {
                    self.files.remove(&f);
                    touched.push(f);
                }
            }
        }
        touched.sort();
        touched.dedup();
        touched
    }

    /// The parse result of one file, if it is a content file Gazette knows.
    pub fn get(&self, rel: &Path) -> Option<&Result<Parsed, Diagnostic>> {
        self.files.get(rel)
    }

    /// The corpus and the diagnostics of the bad files, as a full load would give them.
    pub fn corpus(&self) -> (Corpus, Diagnostics) {
        let mut corpus = Corpus::default();
        let mut diagnostics = Diagnostics(self.listing.clone());
        for result in self.files.values() {
            match result {
                Ok(parsed) => corpus.insert(parsed.clone()),
                Err(d) => diagnostics.push(d.clone()),
            }
        }
        (corpus, diagnostics)
    }
}

impl Corpus {
    pub fn insert(&mut self, parsed: Parsed) {
        match parsed {
            Parsed::Article(a) => self.articles.push(a),
            Parsed::Note(n) => self.notes.push(n),
            Parsed::Actor(p) => self.actor_profiles.push(p),
            Parsed::Topic(t) => self.topic_profiles.push(t),
        }
    }

    /// Removes drafts and items dated after `today` (unless `include_drafts`) before anything
    /// downstream sees them.
    pub fn retain_published(&mut self, include_drafts: bool, today: NaiveDate) {
        if !include_drafts {
            self.articles.retain(|a| !a.draft && a.date <= today);
            self.notes
                .retain(|n| !n.draft && n.date.is_none_or(|d| d <= today));
        }
    }
}

fn text_article(rel: &Path, p: plaintext::PlainArticle) -> Article {
    let id = item_id(rel);
    Article {
        slug: slug_or_fallback(None, undated(&id), &p.title),
        id,
        path: rel.to_path_buf(),
        date: p.date,
        published: p.published,
        title: p.title,
        title_from: p.title_from,
        summary: p.summary,
        credit: p.credit,
        source: None,
        url: None,
        author: None,
        body: Body::Text(p.paragraphs),
        actors: Vec::new(),
        topics: Vec::new(),
        draft: false,
        lines: KeyLines::default(),
    }
}

/// Reads a regular file as text: size-limited, UTF-8 checked (the message names the line of the first
/// bad byte), control characters replaced, line endings normalised, BOM removed.
pub fn read_source(path: &Path) -> Result<String, (Option<usize>, String)> {
    let bytes =
        crate::files::read_regular(path, MAX_FILE_BYTES).map_err(|e| (None, e.to_string()))?;
    decode_source(bytes)
}

pub fn decode_source(bytes: Vec<u8>) -> Result<String, (Option<usize>, String)> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            return Err((
                Some(line),
                format!(
                    "not valid UTF-8 (byte 0x{:02X} at line {line}): save the file as UTF-8",
                    bytes[at]
                ),
            ));
        }
    };
    if text.contains('\0') {
        let line = crate::text::line_of(&text, text.find('\0').unwrap_or(0));
        return Err((
            Some(line),
            "contains NUL bytes: is this a binary file?".into(),
        ));
    }
    if text
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .is_empty()
    {
        return Err((Some(1), "empty file".into()));
    }
    // The usual file has no carriage returns or control characters: keep it as it is.
    let plain = |t: &str| {
        let b = t.as_bytes();
        b.iter()
            .all(|&b| b >= 0x20 && b != 0x7f || b == b'\n' || b == b'\t')
            // C1 controls (U+0080..U+009F) are 0xC2 0x80..0x9F in UTF-8.
            && !b.windows(2).any(|w| w[0] == 0xC2 && w[1] < 0xA0)
    };
    if !text.starts_with('\u{feff}') && plain(&text) {
        return Ok(text);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut clean = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    clean.push('\n');
                }
            }
            '\n' | '\t' => clean.push(c),
            c if c.is_control() => clean.push(' '),
            c => clean.push(c),
        }
    }
    Ok(clean)
}

/// An item's id is its file stem.
pub fn item_id(rel: &Path) -> String {
    rel.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// An article's file name without a leading date: its URL already holds the date, so
/// `2025-04-18-paris-talks.txt` is `/2025/04/18/paris-talks/`, not `…/18/2025-04-18-paris-talks/`.
/// A name that is only a date gives nothing, and the slug comes from the title.
pub fn undated(stem: &str) -> &str {
    let b = stem.as_bytes();
    let date = b.len() >= 10
        && b[..10].iter().enumerate().all(|(i, c)| match i {
            4 | 7 => matches!(c, b'-' | b'_' | b'.'),
            _ => c.is_ascii_digit(),
        });
    if !date {
        return stem;
    }
    match b.get(10) {
        None => "",
        Some(b'-' | b'_' | b'.' | b' ') => &stem[11..],
        Some(_) => stem,
    }
}

/// The first of `explicit`, `primary`, `secondary` that gives a non-empty slug; otherwise a
/// stable hash, so a file named `???.txt` still gets a URL.
pub fn slug_or_fallback(explicit: Option<&str>, primary: &str, secondary: &str) -> String {
    explicit
        .into_iter()
        .chain([primary, secondary])
        .map(slugify)
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| format!("item-{:08x}", fnv1a(primary.as_bytes()) as u32))
}

pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// The first sentence or two of the lede, at most about 320 characters.
pub fn derive_summary(lede: &str) -> String {
    let mut out = String::new();
    for r in sentence_ranges(lede).into_iter().take(2) {
        if !out.is_empty() {
            if out.chars().count() >= 120 {
                break;
            }
            out.push(' ');
        }
        out.push_str(lede[r].trim());
    }
    if out.is_empty() {
        out = lede.trim().to_string();
    }
    truncate_words(&out, 320)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Sorting by the byte key gives the order `Path` itself gives.
        #[test]
        fn path_keys_sort_as_paths_do(
            names in proptest::collection::vec("[ab][ab. -]{0,3}(/[ab][ab. -]{0,3}){0,3}", 0..20)
        ) {
            let mut by_path: Vec<PathBuf> = names.iter().map(PathBuf::from).collect();
            let mut by_key = by_path.clone();
            by_path.sort();
            by_key.sort_by_cached_key(|p| discover::path_sort_key(p));
            proptest::prop_assert_eq!(by_path, by_key);
        }
    }

    #[test]
    fn classifies_paths() {
        let c = |p: &str| file_kind(Path::new(p));
        assert_eq!(
            c("content/articles/2025/a.txt"),
            Some(FileKind::TextArticle)
        );
        assert_eq!(c("content/articles/a.md"), Some(FileKind::MarkdownArticle));
        assert_eq!(c("content/notes/n.md"), Some(FileKind::Note));
        assert_eq!(c("content/actors/rubio.md"), Some(FileKind::ActorProfile));
        assert_eq!(c("content/topics/war.md"), Some(FileKind::TopicProfile));
        assert_eq!(c("content/articles/.a.txt.swp"), None);
        assert_eq!(c("content/articles/a.txt~"), None);
        assert_eq!(c("content/notes/n.txt"), None);
        assert_eq!(c("static/a.txt"), None);
    }

    #[test]
    fn decoding() {
        assert!(
            decode_source(b"date 2025-01-01\n\xFFbad".to_vec())
                .unwrap_err()
                .0
                == Some(2)
        );
        assert_eq!(decode_source(b"  \n".to_vec()).unwrap_err().1, "empty file");
        assert_eq!(
            decode_source(b"a\r\nb\rc\x07".to_vec()).unwrap(),
            "a\nb\nc "
        );
        assert!(decode_source(b"a\0b".to_vec()).is_err());
    }

    #[test]
    fn fallback_slugs() {
        assert_eq!(slug_or_fallback(Some("My Slug"), "x", "y"), "my-slug");
        assert_eq!(undated("2025-04-18-paris-talks"), "paris-talks");
        assert_eq!(undated("2025_04_18 paris"), "paris");
        assert_eq!(undated("2025-04-18"), "");
        assert_eq!(undated("2025-04-185"), "2025-04-185");
        assert_eq!(undated("paris-2025-04-18"), "paris-2025-04-18");
        assert_eq!(
            slug_or_fallback(None, undated("2025-04-18"), "Talks resume"),
            "talks-resume"
        );
        assert_eq!(slug_or_fallback(None, "???", "Title here"), "title-here");
        assert!(slug_or_fallback(None, "???", "!!!").starts_with("item-"));
    }

    #[test]
    fn summaries() {
        let s = derive_summary("Short one. Second sentence here. Third.");
        assert_eq!(s, "Short one. Second sentence here.");
    }
}
