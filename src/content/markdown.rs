//! Markdown files with YAML front matter: articles, notes and profiles share this reader.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::plaintext::ParseError;
use crate::text::line_of;
use crate::yaml;

/// Markdown options used everywhere Gazette reads or renders Markdown.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_WIKILINKS
}

/// A Markdown body, with what the later stages need from it already pulled out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Markdown {
    pub source: String,
    /// Line of the file on which `source` starts, so positions inside it map to file lines.
    pub first_line: usize,
    /// `[[Target]]` and `[[Target|label]]` links, resolved once the site graph exists.
    pub wiki_links: Vec<WikiLink>,
    /// The readable text, one entry per block, for extraction and summaries.
    pub plain: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WikiLink {
    pub target: String,
    /// 1-based line in the file.
    pub line: usize,
}

impl Markdown {
    pub fn new(source: &str, first_line: usize) -> Markdown {
        let mut wiki_links = Vec::new();
        let mut plain = Vec::new();
        let mut buf = String::new();
        for (event, range) in Parser::new_ext(source, options()).into_offset_iter() {
            match event {
                Event::Start(Tag::Link {
                    link_type: LinkType::WikiLink { .. },
                    dest_url,
                    ..
                }) => wiki_links.push(WikiLink {
                    target: dest_url.trim().to_string(),
                    line: first_line + line_of(source, range.start) - 1,
                }),
                Event::Text(t) | Event::Code(t) => buf.push_str(&t),
                Event::SoftBreak | Event::HardBreak => buf.push(' '),
                Event::End(
                    TagEnd::Paragraph
                    | TagEnd::Heading(_)
                    | TagEnd::Item
                    | TagEnd::TableCell
                    | TagEnd::CodeBlock
                    | TagEnd::BlockQuote(_),
                ) => {
                    let block = crate::text::squash_whitespace(&buf);
                    if !block.is_empty() {
                        plain.push(block);
                    }
                    buf.clear();
                }
                _ => {}
            }
        }
        let rest = crate::text::squash_whitespace(&buf);
        if !rest.is_empty() {
            plain.push(rest);
        }
        Markdown {
            source: source.to_string(),
            first_line,
            wiki_links,
            plain,
        }
    }
}

/// The three parts of a front-matter file.
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Line of the file on which the YAML starts.
    pub yaml_first_line: usize,
    pub body: &'a str,
    pub body_first_line: usize,
}

/// Splits `---\nYAML\n---\nbody`. The closing fence may also be `...`.
pub fn split_front_matter(text: &str) -> Result<Split<'_>, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n').enumerate();
    let first = lines.next().map(|(_, l)| l).unwrap_or("");
    if first.trim_end() != "---" {
        return Err(ParseError {
            line: 1,
            message: "expected front matter: the file must start with a `---` line".into(),
        });
    }
    offset += first.len();
    let yaml_start = offset;
    for (i, line) in lines {
        let fence = line.trim_end();
        if fence == "---" || fence == "..." {
            let body_start = offset + line.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_first_line: 2,
                body: &text[body_start..],
                body_first_line: i + 2,
            });
        }
        offset += line.len();
    }
    Err(ParseError {
        line: 1,
        message: "front matter is not closed: add a `---` line after the YAML".into(),
    })
}

/// Deserialises front matter, placing YAML errors on the file's line.
pub fn parse_front<T: DeserializeOwned>(split: &Split<'_>) -> Result<T, ParseError> {
    yaml::from_str(split.yaml).map_err(|e| ParseError {
        line: e.line.map(|l| l + split.yaml_first_line - 1).unwrap_or(1),
        message: format!("front matter: {}", e.message),
    })
}

/// The file line of a front-matter key, for errors found after deserialising.
pub fn key_line(split: &Split<'_>, key: &str) -> usize {
    find_key_line(split, key).unwrap_or(1)
}

/// The file line of a front-matter key, if the front matter has it.
pub fn find_key_line(split: &Split<'_>, key: &str) -> Option<usize> {
    yaml::key_line(split.yaml, key).map(|l| l + split.yaml_first_line - 1)
}

/// A YAML value that may be written as one string or a list of strings.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum OneOrMany {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::None => Vec::new(),
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let s = split_front_matter("---\ntitle: x\n---\n\nBody [[Marco Rubio]]\n").unwrap();
        assert_eq!(s.yaml, "title: x\n");
        assert_eq!(s.body_first_line, 4);
        let md = Markdown::new(s.body, s.body_first_line);
        assert_eq!(md.wiki_links[0].target, "Marco Rubio");
        assert_eq!(md.wiki_links[0].line, 5);
        assert_eq!(md.plain, vec!["Body Marco Rubio".to_string()]);
    }

    #[test]
    fn unclosed_or_missing_front_matter() {
        assert!(split_front_matter("---\ntitle: x\n").is_err());
        assert_eq!(split_front_matter("title: x\n").err().unwrap().line, 1);
    }

    #[test]
    fn yaml_errors_are_on_file_lines() {
        #[derive(Deserialize, Debug)]
        #[allow(dead_code)]
        struct F {
            title: String,
        }
        let s = split_front_matter("---\ntitle: [unclosed\n---\nbody").unwrap();
        let e = parse_front::<F>(&s).unwrap_err();
        assert!(e.line >= 2, "{e:?}");
    }
}
