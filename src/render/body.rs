//! Body HTML: plain-text paragraphs and Markdown, escaped, with the first mention of each
//! actor linked to its page and `[[wiki links]]` resolved.
//!
//! Article text is untrusted: plain text is escaped, raw HTML in Markdown articles is shown as
//! text, and link targets other than http(s), mailto and relative paths are dropped. Notes and
//! profiles are the editor's own and may contain HTML.

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Parser, Tag, TagEnd, html};

use crate::content::markdown::options;
use crate::content::{Markdown, Paragraph};
use crate::extract::people::fold;
use crate::site::Site;
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
}

impl MentionLinker {
    pub fn new(mut targets: Vec<LinkTarget>) -> Self {
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
        MentionLinker {
            targets,
            finders,
            done,
        }
    }

    /// Escapes `text` into `out`, wrapping first mentions in links.
    pub fn link_into(&mut self, out: &mut String, text: &str) {
        // Earliest occurrence of each pending target in this text.
        let mut hits: Vec<(usize, usize, usize)> = Vec::new();
        for (ti, finders) in self.finders.iter().enumerate() {
            if self.done[ti] {
                continue;
            }
            let best = finders
                .iter()
                .filter_map(|f| find_word_with(text, f).map(|p| (p, p + f.needle().len())))
                .min_by_key(|&(p, e)| (p, std::cmp::Reverse(e)));
            if let Some((s, e)) = best {
                hits.push((s, e, ti));
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
    let mut out = String::with_capacity(paragraphs.iter().map(|p| p.text.len() + 16).sum());
    for p in paragraphs {
        if p.preformatted {
            out.push_str("<pre class=\"table\">");
            push_escaped(&mut out, &p.text);
            out.push_str("</pre>\n");
        } else {
            out.push_str("<p>");
            linker.link_into(&mut out, &p.text);
            out.push_str("</p>\n");
        }
    }
    out
}

/// How much to trust a Markdown body.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Trust {
    /// Article text from outside: raw HTML shown as text, unsafe URLs dropped.
    Untrusted,
    /// The editor's own notes and profiles.
    Trusted,
}

fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    match lower.split_once(':') {
        Some((scheme, _))
            if !scheme.contains('/') && !scheme.contains('?') && !scheme.contains('#') =>
        {
            matches!(scheme, "http" | "https" | "mailto")
        }
        _ => true,
    }
}

/// Renders Markdown: headings shifted one level down (the page title is the `h1`), wiki links
/// resolved through the site, first actor mentions linked.
pub fn render_markdown(
    md: &Markdown,
    site: &Site,
    linker: &mut MentionLinker,
    trust: Trust,
) -> String {
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut link_depth = 0usize;
    let mut in_code = false;
    let mut unresolved_wiki = Vec::new();
    for event in Parser::new_ext(&md.source, options()) {
        match event {
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                title,
                id,
            }) => {
                link_depth += 1;
                match site.link_targets.get(&fold(&dest_url)) {
                    Some(t) => {
                        unresolved_wiki.push(false);
                        let url = site.url(&site.target_path(*t));
                        events.push(Event::Start(Tag::Link {
                            link_type: LinkType::Inline,
                            dest_url: CowStr::from(url),
                            title,
                            id,
                        }));
                    }
                    None => {
                        unresolved_wiki.push(true);
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
                link_depth += 1;
                unresolved_wiki.push(false);
                let dest = if trust == Trust::Untrusted && !safe_url(&dest_url) {
                    CowStr::from("#")
                } else {
                    dest_url
                };
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Link) => {
                link_depth = link_depth.saturating_sub(1);
                if unresolved_wiki.pop().unwrap_or(false) {
                    events.push(Event::InlineHtml(CowStr::from("</span>")));
                } else {
                    events.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) if trust == Trust::Untrusted && !safe_url(&dest_url) => {
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: CowStr::from(""),
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                events.push(Event::Start(Tag::Heading {
                    level: demote(level),
                    id,
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                events.push(Event::End(TagEnd::Heading(demote(level))))
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code = true;
                events.push(Event::Start(Tag::CodeBlock(kind)));
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                events.push(Event::End(TagEnd::CodeBlock));
            }
            Event::Html(h) | Event::InlineHtml(h) if trust == Trust::Untrusted => {
                events.push(Event::Text(h))
            }
            Event::Text(t) if link_depth == 0 && !in_code => {
                let mut s = String::with_capacity(t.len());
                linker.link_into(&mut s, &t);
                events.push(Event::InlineHtml(CowStr::from(s)));
            }
            other => events.push(other),
        }
    }
    let mut out = String::with_capacity(md.source.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    out
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
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

    #[test]
    fn word_boundaries() {
        assert_eq!(find_word("Rubios and Rubio", "Rubio"), Some(11));
        assert_eq!(find_word("Trump’s", "Trump"), Some(0));
    }

    #[test]
    fn unsafe_urls() {
        assert!(!safe_url("javascript:alert(1)"));
        assert!(!safe_url(" JavaScript:alert(1)"));
        assert!(!safe_url("data:text/html,x"));
        assert!(safe_url("https://example.org"));
        assert!(safe_url("/people/x/"));
        assert!(safe_url("page?a=b:c"));
    }
}
