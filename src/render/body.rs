//! Body HTML: plain-text paragraphs and Markdown, escaped, with the first mention of each
//! actor linked to its page and `[[wiki links]]` resolved.
//!
//! Article text is untrusted: plain text is escaped, raw HTML in Markdown articles is shown as
//! text, and link targets other than http(s), mailto and relative paths are dropped. Notes and
//! profiles are the editor's own: their raw HTML is passed only with `security.raw_html` (else
//! left out, as Hugo does), and `javascript:`, `vbscript:` and `data:` targets are dropped from
//! every body. A dropped link or image leaves its text. Wiki-link labels are always text.

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Parser, Tag, TagEnd, html};

use crate::content::markdown::options;
use crate::content::{Markdown, Paragraph};
use crate::extract::people::fold;
use crate::site::{Site, Target};
use crate::text::push_escaped;

/// An actor to link on first mention: the written forms and the page URL.
pub struct LinkTarget {
    pub surfaces: Vec<String>,
    pub url: String,
}

/// Links the first mention of each target, at most once per target over the whole body.
pub struct MentionLinker {
    targets: Vec<LinkTarget>,
    /// Per target, a searcher for each of its surfaces, built once for all paragraphs.
    finders: Vec<Vec<memchr::memmem::Finder<'static>>>,
    done: Vec<bool>,
    /// For an item with many actors: their surfaces by text (see [`SurfaceIndex`]).
    index: Option<SurfaceIndex>,
}

/// Above this many targets, paragraphs are matched through a [`SurfaceIndex`]: searching for
/// every target in every paragraph costs actors times paragraphs.
const INDEX_FROM: usize = 64;

/// Surfaces that start and end with a letter or digit, by text. Such a surface is at word
/// boundaries exactly where it spans whole runs of letters and digits, so a paragraph is
/// matched by looking up each sequence of its runs of a length some surface has: time in
/// proportion to the paragraph, whatever the number of targets.
struct SurfaceIndex {
    targets: rustc_hash::FxHashMap<String, Vec<u32>>,
    /// The numbers of runs the surfaces have, longest first.
    run_counts: Vec<usize>,
    /// Targets with a surface that starts or ends otherwise (`U.S.`): searched for.
    searched: Vec<u32>,
}

/// Byte ranges of the maximal runs of letters and digits in `text`.
fn alphanumeric_runs(text: &str) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut open = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), open) {
            (true, None) => open = Some(i),
            (false, Some(s)) => {
                runs.push((s, i));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(s) = open {
        runs.push((s, text.len()));
    }
    runs
}

impl SurfaceIndex {
    fn new(targets: &[LinkTarget]) -> SurfaceIndex {
        let mut index = SurfaceIndex {
            targets: Default::default(),
            run_counts: Vec::new(),
            searched: Vec::new(),
        };
        let indexable = |s: &str| {
            s.chars().next().is_some_and(char::is_alphanumeric)
                && s.chars().next_back().is_some_and(char::is_alphanumeric)
        };
        for (ti, t) in targets.iter().enumerate() {
            if !t.surfaces.iter().all(|s| indexable(s)) {
                index.searched.push(ti as u32);
                continue;
            }
            for s in &t.surfaces {
                let list = index.targets.entry(s.clone()).or_default();
                if list.last() != Some(&(ti as u32)) {
                    list.push(ti as u32);
                }
                index.run_counts.push(alphanumeric_runs(s).len());
            }
        }
        index.run_counts.sort_unstable_by(|a, b| b.cmp(a));
        index.run_counts.dedup();
        index
    }
}

impl MentionLinker {
    pub fn new(targets: Vec<LinkTarget>) -> Self {
        let indexed = targets.len() > INDEX_FROM;
        MentionLinker::build(targets, indexed)
    }

    fn build(mut targets: Vec<LinkTarget>, indexed: bool) -> Self {
        for t in &mut targets {
            // Longest form first, so "Marco Rubio" wins over "Rubio".
            t.surfaces.sort_by_key(|s| std::cmp::Reverse(s.len()));
            t.surfaces.retain(|s| !s.trim().is_empty());
        }
        let finders = targets
            .iter()
            .map(|t| {
                t.surfaces
                    .iter()
                    .map(|s| memchr::memmem::Finder::new(s.as_bytes()).into_owned())
                    .collect()
            })
            .collect();
        let done = vec![false; targets.len()];
        let index = indexed.then(|| SurfaceIndex::new(&targets));
        MentionLinker {
            targets,
            finders,
            done,
            index,
        }
    }

    /// The earliest occurrence of a pending target in `text`, the longest form first.
    fn search(&self, ti: usize, text: &str) -> Option<(usize, usize, usize)> {
        self.finders[ti]
            .iter()
            .filter_map(|f| find_word_with(text, f).map(|p| (p, p + f.needle().len())))
            .min_by_key(|&(p, e)| (p, std::cmp::Reverse(e)))
            .map(|(s, e)| (s, e, ti))
    }

    /// Escapes `text` into `out`, wrapping first mentions in links.
    pub fn link_into(&mut self, out: &mut String, text: &str) {
        // Earliest occurrence of each pending target in this text.
        let mut hits: Vec<(usize, usize, usize)> = Vec::new();
        match &self.index {
            None => {
                for ti in 0..self.targets.len() {
                    if !self.done[ti] {
                        hits.extend(self.search(ti, text));
                    }
                }
            }
            Some(index) => {
                for &ti in &index.searched {
                    if !self.done[ti as usize] {
                        hits.extend(self.search(ti as usize, text));
                    }
                }
                // Runs are visited in order and, at each, the longest surface first, so a
                // target's first hit is its earliest and longest, as `search` gives it.
                let mut seen = rustc_hash::FxHashSet::default();
                let runs = alphanumeric_runs(text);
                for (i, &(start, _)) in runs.iter().enumerate() {
                    for &k in &index.run_counts {
                        let Some(&(_, end)) = runs.get(i + k - 1) else {
                            continue;
                        };
                        let Some(found) = index.targets.get(&text[start..end]) else {
                            continue;
                        };
                        for &ti in found {
                            if !self.done[ti as usize] && seen.insert(ti) {
                                hits.push((start, end, ti as usize));
                            }
                        }
                    }
                }
            }
        }
        hits.sort();
        let mut pos = 0;
        for (s, e, ti) in hits {
            if s < pos {
                continue; // overlaps a link already made; try again in a later paragraph
            }
            push_escaped(out, &text[pos..s]);
            out.push_str("<a class=\"mention\" href=\"");
            push_escaped(out, &self.targets[ti].url);
            out.push_str("\">");
            push_escaped(out, &text[s..e]);
            out.push_str("</a>");
            pos = e;
            self.done[ti] = true;
        }
        push_escaped(out, &text[pos..]);
    }
}

/// Finds `needle` in `hay` at word boundaries.
#[cfg(test)]
fn find_word(hay: &str, needle: &str) -> Option<usize> {
    find_word_with(hay, &memchr::memmem::Finder::new(needle.as_bytes()))
}

/// Finds a finder's needle (a whole `str`) in `hay` at word boundaries.
fn find_word_with(hay: &str, finder: &memchr::memmem::Finder<'_>) -> Option<usize> {
    let needle = finder.needle();
    if needle.is_empty() {
        return None;
    }
    let mut from = 0;
    // memchr's vectorised search: this runs for every name in every paragraph of every page.
    while let Some(i) = finder.find(&hay.as_bytes()[from..]) {
        let s = from + i;
        let e = s + needle.len();
        let before = hay[..s].chars().next_back();
        let after = hay[e..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            return Some(s);
        }
        // Past the needle's first character (a needle is a whole `str`: it starts one).
        from = s + hay[s..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Plain-text paragraphs as HTML.
pub fn render_paragraphs(paragraphs: &[Paragraph], linker: &mut MentionLinker) -> String {
    render_paragraphs_from(paragraphs, (0, 0), linker)
}

/// [`render_paragraphs`] from byte `start.1` of paragraph `start.0` on: the body under a title
/// that is its first sentence. A paragraph left empty is not shown.
pub fn render_paragraphs_from(
    paragraphs: &[Paragraph],
    start: (usize, usize),
    linker: &mut MentionLinker,
) -> String {
    let mut out = String::with_capacity(paragraphs.iter().map(|p| p.text.len() + 16).sum());
    for (i, p) in paragraphs.iter().enumerate() {
        let text = if i == start.0 {
            p.text.get(start.1..).unwrap_or("").trim_start()
        } else {
            &p.text
        };
        if text.is_empty() {
            continue;
        }
        if p.preformatted {
            out.push_str("<pre class=\"table\">");
            push_escaped(&mut out, text);
            out.push_str("</pre>\n");
        } else {
            out.push_str("<p>");
            linker.link_into(&mut out, text);
            out.push_str("</p>\n");
        }
    }
    out
}

/// How much to trust a Markdown body.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Trust {
    /// Article text from outside: raw HTML shown as text, only http(s), mailto and relative
    /// link targets kept.
    Untrusted,
    /// The editor's own notes and profiles: raw HTML passed only with `security.raw_html`,
    /// script-running link targets still dropped.
    Trusted,
}

/// What happens to raw HTML in a Markdown body.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RawHtml {
    /// Shown as text, escaped (articles).
    Escape,
    /// Left out, with [`OMITTED`] in its place (notes and profiles by default).
    Omit,
    /// Passed through as written (notes and profiles with `security.raw_html: true`).
    Pass,
}

/// What replaces raw HTML that is left out, as in Hugo.
pub const OMITTED: &str = "<!-- raw HTML omitted -->";

/// The scheme of `url` as a browser would read it, in lower case: leading white space and
/// control characters are skipped and white space and control characters inside the scheme are
/// ignored (browsers drop tabs and newlines anywhere, so `java\tscript:` is `javascript:`).
/// `None` for a relative URL.
pub fn url_scheme(url: &str) -> Option<String> {
    let mut scheme = String::new();
    for c in url.chars() {
        match c {
            ':' => return (!scheme.is_empty()).then_some(scheme),
            '/' | '?' | '#' => return None,
            c if c.is_whitespace() || c.is_control() => {}
            c => scheme.push(c.to_ascii_lowercase()),
        }
    }
    None
}

/// Whether `url` runs script or carries a document when followed or loaded: `javascript:`,
/// `vbscript:` and `data:`, however written.
pub fn is_script_url(url: &str) -> bool {
    matches!(
        url_scheme(url).as_deref(),
        Some("javascript" | "vbscript" | "data")
    )
}

/// Whether `url` is an absolute http(s) address: for URL fields such as an article's `url`.
pub fn is_web_url(url: &str) -> bool {
    matches!(url_scheme(url).as_deref(), Some("http" | "https"))
}

/// Whether a link or image target in a body of this trust is kept.
pub fn url_allowed(url: &str, trust: Trust) -> bool {
    match trust {
        Trust::Untrusted => matches!(
            url_scheme(url).as_deref(),
            None | Some("http" | "https" | "mailto")
        ),
        Trust::Trusted => !is_script_url(url),
    }
}

/// Renders Markdown: headings shifted one level down (the page title is the `h1`), wiki links
/// resolved through the site, first actor mentions linked.
///
/// Raw HTML is escaped in articles ([`Trust::Untrusted`]); in notes and profiles it is passed
/// only when `security.raw_html` is on and otherwise left out.
pub fn render_markdown(
    md: &Markdown,
    site: &Site,
    linker: &mut MentionLinker,
    trust: Trust,
) -> String {
    let raw = match trust {
        Trust::Untrusted => RawHtml::Escape,
        Trust::Trusted if site.config.security.raw_html => RawHtml::Pass,
        Trust::Trusted => RawHtml::Omit,
    };
    render_source(&md.source, linker, trust, raw, |target| {
        site.link_targets.get(&fold(target)).map(|&t| WikiTarget {
            url: site.url(&site.target_path(t)),
            title: match t {
                Target::Article(i) => Some(site.corpus.articles[i as usize].title.clone()),
                Target::Note(i) => Some(site.corpus.notes[i as usize].title.clone()),
                Target::Actor(_) | Target::Topic(_) => None,
            },
        })
    })
}

/// Where a resolved wiki link goes, and what it shows when it has no `|label`.
struct WikiTarget {
    url: String,
    /// An article's or note's title: `[[2025-04-18-paris-talks]]` shows the headline, not the
    /// file name. `None` for people and topics, whose name stays as written (an alias reads
    /// better in a sentence than the profile's full name).
    title: Option<String>,
}

/// How an open link is closed.
enum Close {
    /// `</a>`.
    Link,
    /// `</span>`, for an unresolved wiki link.
    Span,
    /// Nothing: the link was dropped and its text stands as plain text.
    Nothing,
}

/// [`render_markdown`] on a source, with `resolve` giving a wiki-link target's URL and title.
fn render_source(
    source: &str,
    linker: &mut MentionLinker,
    trust: Trust,
    raw: RawHtml,
    resolve: impl Fn(&str) -> Option<WikiTarget>,
) -> String {
    let mut events: Vec<Event<'_>> = Vec::new();
    // Inside a link or an image's alt text: no mention links there.
    let mut link_depth = 0usize;
    let mut wiki_depth = 0usize;
    let mut in_code = false;
    // Per open link: how it closes and whether it is a wiki link.
    let mut links: Vec<(Close, bool)> = Vec::new();
    // Per open image: whether it is kept.
    let mut images: Vec<bool> = Vec::new();
    // Whether the current HTML block already has its `OMITTED` comment.
    let mut block_omitted = false;
    // Headings move so that the first is an `h2`, one below the page's title: `#` and `##`
    // both start at `h2`, and the levels below keep their order.
    let first_level = Parser::new_ext(source, options()).find_map(|e| match e {
        Event::Start(Tag::Heading { level, .. }) => Some(level as i32),
        _ => None,
    });
    let shift = first_level.map_or(0, |l| 2 - l);
    // Inside a heading: no mention links there (a heading is not where a name is introduced).
    let mut in_heading = false;
    // Inside a wiki link whose written text gave way to its target's title: its events are
    // dropped up to the link's end.
    let mut replaced_label = false;
    for event in Parser::new_ext(source, options()) {
        if replaced_label {
            if !matches!(event, Event::End(TagEnd::Link)) {
                continue;
            }
            replaced_label = false;
        }
        match event {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                title,
                id,
            }) => {
                link_depth += 1;
                wiki_depth += 1;
                match resolve(&dest_url) {
                    Some(target) => {
                        links.push((Close::Link, true));
                        events.push(Event::Start(Tag::Link {
                            link_type: LinkType::Inline,
                            dest_url: CowStr::from(target.url),
                            title,
                            id,
                        }));
                        // `[[name|label]]` keeps its label; `[[name]]` shows the title.
                        if let Some(heading) = target.title.filter(|_| !has_pothole) {
                            events.push(Event::Text(CowStr::from(heading)));
                            replaced_label = true;
                        }
                    }
                    None => {
                        links.push((Close::Span, true));
                        events.push(Event::InlineHtml(CowStr::from(
                            "<span class=\"unresolved\" title=\"No page with this name\">",
                        )));
                    }
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if url_allowed(&dest_url, trust) {
                    link_depth += 1;
                    links.push((Close::Link, false));
                    events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                } else {
                    links.push((Close::Nothing, false));
                }
            }
            Event::End(TagEnd::Link) => {
                let (close, wiki) = links.pop().unwrap_or((Close::Link, false));
                if wiki {
                    wiki_depth = wiki_depth.saturating_sub(1);
                }
                match close {
                    Close::Link => events.push(Event::End(TagEnd::Link)),
                    Close::Span => events.push(Event::InlineHtml(CowStr::from("</span>"))),
                    Close::Nothing => {}
                }
                if !matches!(close, Close::Nothing) {
                    link_depth = link_depth.saturating_sub(1);
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let keep = url_allowed(&dest_url, trust);
                images.push(keep);
                if keep {
                    link_depth += 1;
                    events.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Image) => {
                if images.pop().unwrap_or(true) {
                    link_depth = link_depth.saturating_sub(1);
                    events.push(Event::End(TagEnd::Image));
                }
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                in_heading = true;
                events.push(Event::Start(Tag::Heading {
                    level: shifted(level, shift),
                    id,
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                in_heading = false;
                events.push(Event::End(TagEnd::Heading(shifted(level, shift))))
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code = true;
                events.push(Event::Start(Tag::CodeBlock(kind)));
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                events.push(Event::End(TagEnd::CodeBlock));
            }
            Event::Start(Tag::HtmlBlock) => {
                block_omitted = false;
                events.push(Event::Start(Tag::HtmlBlock));
            }
            // A wiki link's label is always text, whatever the trust.
            Event::Html(h) | Event::InlineHtml(h) if wiki_depth > 0 || raw == RawHtml::Escape => {
                events.push(Event::Text(h))
            }
            Event::Html(_) if raw == RawHtml::Omit => {
                // One comment for the whole block, not one per line.
                if !block_omitted {
                    block_omitted = true;
                    events.push(Event::Html(CowStr::from(format!("{OMITTED}\n"))));
                }
            }
            Event::InlineHtml(_) if raw == RawHtml::Omit => {
                events.push(Event::InlineHtml(CowStr::from(OMITTED)))
            }
            Event::Text(t) if link_depth == 0 && !in_code && !in_heading => {
                let mut s = String::with_capacity(t.len());
                linker.link_into(&mut s, &t);
                events.push(Event::InlineHtml(CowStr::from(s)));
            }
            other => events.push(other),
        }
    }
    let mut out = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    out
}

/// A heading level moved by `shift`, kept between `h2` (the page title is the `h1`) and `h6`.
fn shifted(level: HeadingLevel, shift: i32) -> HeadingLevel {
    match (level as i32 + shift).clamp(2, 6) {
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_first_mention_only_and_escapes() {
        let mut l = MentionLinker::new(vec![LinkTarget {
            surfaces: vec!["Rubio".into(), "Marco Rubio".into()],
            url: "/people/marco-rubio/".into(),
        }]);
        let html = render_paragraphs(
            &[
                Paragraph {
                    text: "<b>Marco Rubio</b> & co.".into(),
                    line: 1,
                    preformatted: false,
                },
                Paragraph {
                    text: "Rubio again.".into(),
                    line: 3,
                    preformatted: false,
                },
            ],
            &mut l,
        );
        assert_eq!(
            html,
            "<p>&lt;b&gt;<a class=\"mention\" href=\"/people/marco-rubio/\">Marco Rubio</a>&lt;/b&gt; &amp; co.</p>\n<p>Rubio again.</p>\n"
        );
    }

    proptest::proptest! {
        /// Any names and text: the surface index links what searching links.
        #[test]
        fn indexed_linking_matches_searching_anywhere(
            names in proptest::collection::vec(proptest::collection::vec("[aé.' ]{1,6}", 1..3), 1..8),
            texts in proptest::collection::vec("[aé.' b]{0,30}", 1..4),
        ) {
            let targets = || {
                names
                    .iter()
                    .enumerate()
                    .map(|(i, s)| LinkTarget { surfaces: s.clone(), url: format!("/t/{i}/") })
                    .collect::<Vec<_>>()
            };
            let paragraphs: Vec<Paragraph> = texts
                .iter()
                .map(|t| Paragraph { text: t.clone(), line: 1, preformatted: false })
                .collect();
            let searched =
                render_paragraphs(&paragraphs, &mut MentionLinker::build(targets(), false));
            let indexed =
                render_paragraphs(&paragraphs, &mut MentionLinker::build(targets(), true));
            proptest::prop_assert_eq!(indexed, searched);
        }
    }

    /// Paragraphs linked through the surface index come out as searching gives them.
    #[test]
    fn indexed_linking_matches_searching() {
        let names = [
            "Anna Adler",
            "Adler",
            "Anna",
            "U.S.",
            "Jean-Pierre Roux",
            "Roux",
            "Ünal Öz",
            "Öz",
            "O'Brien",
            "Marco Rubio",
            "Rubio",
            "Rubio Group",
            "名前",
            "Anna Adler Jr",
        ];
        let targets = || {
            names
                .iter()
                .enumerate()
                .map(|(i, n)| LinkTarget {
                    surfaces: vec![n.to_string(), format!("{n} {i}")],
                    url: format!("/t/{i}/"),
                })
                .collect::<Vec<_>>()
        };
        let paragraphs: Vec<Paragraph> = [
            "Anna Adler met Rubio Group and Marco Rubio in the U.S. on Monday.",
            "Adler, Anna and O'Brien; Jean-Pierre Roux (Roux) and Ünal Öz 3 and Öz.",
            "Rubios, AnnaAdler, xAdler, 名前 and Anna Adler Jr said the U.S.A. and U.S. agreed.",
            "Anna Adler Jr 13 and Rubio Group 11 and Adler 1.",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| Paragraph {
            text: t.to_string(),
            line: i + 1,
            preformatted: false,
        })
        .collect();
        let searched = render_paragraphs(&paragraphs, &mut MentionLinker::build(targets(), false));
        let indexed = render_paragraphs(&paragraphs, &mut MentionLinker::build(targets(), true));
        assert_eq!(indexed, searched);
        assert!(searched.contains("/t/3/"), "{searched}");
        assert!(searched.contains("/t/13/"), "{searched}");
    }

    #[test]
    fn word_boundaries() {
        assert_eq!(find_word("Rubios and Rubio", "Rubio"), Some(11));
        assert_eq!(find_word("Trump’s", "Trump"), Some(0));
    }

    #[test]
    fn url_schemes_as_browsers_read_them() {
        // (url, scheme, script, allowed in articles, allowed in notes and profiles)
        let table: &[(&str, Option<&str>, bool, bool, bool)] = &[
            ("https://example.org", Some("https"), false, true, true),
            ("HTTP://example.org", Some("http"), false, true, true),
            ("mailto:desk@example.org", Some("mailto"), false, true, true),
            ("tel:+441234", Some("tel"), false, false, true),
            ("ftp://example.org", Some("ftp"), false, false, true),
            ("/people/x/", None, false, true, true),
            ("../x/", None, false, true, true),
            ("#top", None, false, true, true),
            ("page?a=b:c", None, false, true, true),
            ("x/y:z", None, false, true, true),
            ("", None, false, true, true),
            (":x", None, false, true, true),
            (
                "javascript:alert(1)",
                Some("javascript"),
                true,
                false,
                false,
            ),
            (
                "JaVaScRiPt:alert(1)",
                Some("javascript"),
                true,
                false,
                false,
            ),
            (
                " JavaScript:alert(1)",
                Some("javascript"),
                true,
                false,
                false,
            ),
            (
                "\u{1}\u{0} \tjavascript:alert(1)",
                Some("javascript"),
                true,
                false,
                false,
            ),
            (
                "java\tscript:alert(1)",
                Some("javascript"),
                true,
                false,
                false,
            ),
            (
                "java\nscript:alert(1)",
                Some("javascript"),
                true,
                false,
                false,
            ),
            (
                "java\r\nscript:alert(1)",
                Some("javascript"),
                true,
                false,
                false,
            ),
            (
                "javascript\t:alert(1)",
                Some("javascript"),
                true,
                false,
                false,
            ),
            ("vbscript:msgbox(1)", Some("vbscript"), true, false, false),
            ("VBScript:msgbox(1)", Some("vbscript"), true, false, false),
            (
                "data:text/html;base64,PHNjcmlwdD4=",
                Some("data"),
                true,
                false,
                false,
            ),
            (" DATA:image/svg+xml,x", Some("data"), true, false, false),
        ];
        for &(url, scheme, script, article, note) in table {
            assert_eq!(url_scheme(url).as_deref(), scheme, "scheme of {url:?}");
            assert_eq!(is_script_url(url), script, "script {url:?}");
            assert_eq!(
                url_allowed(url, Trust::Untrusted),
                article,
                "article {url:?}"
            );
            assert_eq!(url_allowed(url, Trust::Trusted), note, "note {url:?}");
        }
        assert!(is_web_url("https://example.org/a"));
        assert!(is_web_url(" HTTPS://example.org/a"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("/relative/"));
        assert!(!is_web_url("mailto:x@example.org"));
    }

    fn render(source: &str, trust: Trust, raw: RawHtml) -> String {
        let mut linker = MentionLinker::new(Vec::new());
        render_source(source, &mut linker, trust, raw, |t| match t {
            "Known" => Some(WikiTarget {
                url: "/people/known/".into(),
                title: None,
            }),
            "2025-04-18-paris-talks" | "paris-talks" => Some(WikiTarget {
                url: "/2025/04/18/paris-talks/".into(),
                title: Some("Rubio warns <talks> may end".into()),
            }),
            _ => None,
        })
    }

    #[test]
    fn body_headings_start_one_below_the_page_title() {
        let levels = |src: &str| {
            let html = render(src, Trust::Trusted, RawHtml::Omit);
            html.match_indices("<h")
                .map(|(i, _)| html[i + 2..i + 3].to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        assert_eq!(levels("# A\n\n## B\n\n### C\n"), "2,3,4");
        assert_eq!(levels("## A\n\n### B\n"), "2,3");
        assert_eq!(levels("### A\n\n# B\n"), "2,2");
        assert_eq!(levels("Text only.\n"), "");
    }

    #[test]
    fn raw_html_escaped_omitted_or_passed() {
        let src = "<script>alert(1)</script>\n\nText <b>bold</b> here.\n";
        let escaped = render(src, Trust::Untrusted, RawHtml::Escape);
        assert!(
            escaped.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{escaped}"
        );
        assert!(
            escaped.contains("Text &lt;b&gt;bold&lt;/b&gt; here."),
            "{escaped}"
        );
        let omitted = render(src, Trust::Trusted, RawHtml::Omit);
        assert_eq!(
            omitted,
            "<!-- raw HTML omitted -->\n<p>Text <!-- raw HTML omitted -->bold<!-- raw HTML omitted --> here.</p>\n"
        );
        let passed = render(src, Trust::Trusted, RawHtml::Pass);
        assert!(passed.contains("<script>alert(1)</script>"), "{passed}");
        assert!(passed.contains("Text <b>bold</b> here."), "{passed}");
    }

    #[test]
    fn script_links_and_images_dropped_keeping_their_text() {
        for raw in [RawHtml::Omit, RawHtml::Pass] {
            let html = render(
                "[one](javascript:alert(1)) [two](java&#x09;script:alert(1)) \
                 [three](https://example.org) ![pic](data:text/html;base64,PHNjcmlwdD4=) \
                 <vbscript:msgbox(1)>",
                Trust::Trusted,
                raw,
            );
            assert_eq!(
                html,
                "<p>one two <a href=\"https://example.org\">three</a> pic vbscript:msgbox(1)</p>\n"
            );
        }
        let html = render(
            "[a](tel:+441234) [b](/x/) ![c](ftp://example.org/i.png)",
            Trust::Untrusted,
            RawHtml::Escape,
        );
        assert_eq!(html, "<p>a <a href=\"/x/\">b</a> c</p>\n");
    }

    #[test]
    fn wiki_link_labels_are_always_text() {
        for (trust, raw) in [
            (Trust::Trusted, RawHtml::Pass),
            (Trust::Trusted, RawHtml::Omit),
            (Trust::Untrusted, RawHtml::Escape),
        ] {
            let html = render(
                "[[<b>Evil</b>]] [[Known|<i>me</i>]] [[Nobody|<img src=x onerror=alert(1)>]]",
                trust,
                raw,
            );
            assert_eq!(
                html,
                "<p><span class=\"unresolved\" title=\"No page with this name\">&lt;b&gt;Evil&lt;/b&gt;</span> \
                 <a href=\"/people/known/\">&lt;i&gt;me&lt;/i&gt;</a> \
                 <span class=\"unresolved\" title=\"No page with this name\">&lt;img src=x onerror=alert(1)&gt;</span></p>\n",
                "{trust:?} {raw:?}"
            );
        }
    }

    #[test]
    fn wiki_links_to_articles_show_the_title_unless_labelled() {
        let html = render(
            "See [[2025-04-18-paris-talks]], [[paris-talks|the Paris piece]] and [[Known]].",
            Trust::Trusted,
            RawHtml::Omit,
        );
        assert_eq!(
            html,
            "<p>See <a href=\"/2025/04/18/paris-talks/\">Rubio warns &lt;talks&gt; may end</a>, \
             <a href=\"/2025/04/18/paris-talks/\">the Paris piece</a> and \
             <a href=\"/people/known/\">Known</a>.</p>\n"
        );
    }
}
