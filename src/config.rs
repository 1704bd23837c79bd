//! `gazette.yaml`: every setting is optional, so a folder with only `content/` builds.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::FixedOffset;
use serde::Deserialize;

use crate::diagnostics::Diagnostic;
use crate::yaml;

pub const CONFIG_FILE: &str = "gazette.yaml";
/// No settings file needs more; a larger one is a mistake, refused before parsing.
const MAX_CONFIG_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Site title, shown in the header and the page titles.
    pub title: String,
    pub description: String,
    /// Where the site will be hosted, e.g. `https://example.org/briefing/`. Only its path is used
    /// in links, so the same build works under a sub-path.
    pub base_url: String,
    pub language: String,
    /// Theme folder under `themes/`; `default` is also built into the binary.
    pub theme: String,
    /// Build target, relative to the site root.
    pub output_dir: PathBuf,
    /// `UTC` or a fixed offset such as `+02:00`: the day an RFC 3339 timestamp belongs to.
    pub timezone: String,
    pub noise: NoiseConfig,
    pub extraction: ExtractionConfig,
    /// How many days before the latest one the home page lists.
    pub home_days: usize,
    /// Items per page of every long list (day pages, timelines, indices).
    pub paginate: usize,
    /// Entries per Atom feed.
    pub feed_limit: usize,
    /// Write the search page and its index.
    pub search: bool,
    /// Give theme stylesheets and scripts a content hash in their URL for long caching.
    pub hash_assets: bool,
    /// Per section (by slug, `business`, or IPTC code, `04` or `medtop:04000000`): a new name,
    /// extra keywords, or `false` to switch it off.
    pub sections: BTreeMap<String, SectionSetting>,
    /// What content may do beyond plain text: both off by default.
    pub security: Security,
    /// An image for link previews (`og:image`) and the publisher's logo in JSON-LD: a file
    /// under `static/` (`logo.png`) or an absolute http(s) URL.
    pub logo: Option<String>,
}

/// Trust settings: content is untrusted unless the site owner says otherwise.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Security {
    /// Pass raw HTML in Markdown notes and profiles through (Hugo's `unsafe`); when off it is
    /// left out of the page. Articles never pass raw HTML.
    pub raw_html: bool,
    /// Follow symbolic links under `content/` that lead outside the site folder.
    pub outside_symlinks: bool,
}

/// One section's settings in `gazette.yaml`: `politics: false`, or
/// `business: {name: Money, keywords: [fintech, crypto exchange]}`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum SectionSetting {
    Enabled(bool),
    Settings(SectionSettings),
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct SectionSettings {
    /// The name shown on pages; the slug (URL) stays.
    pub name: Option<String>,
    /// Words or phrases that file an item under this section, as strongly as the built-in ones.
    pub keywords: Vec<String>,
    pub enabled: bool,
}

impl Default for SectionSettings {
    fn default() -> Self {
        SectionSettings {
            name: None,
            keywords: Vec::new(),
            enabled: true,
        }
    }
}

impl SectionSetting {
    pub fn enabled(&self) -> bool {
        match self {
            SectionSetting::Enabled(on) => *on,
            SectionSetting::Settings(s) => s.enabled,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Gazette".into(),
            description: "A briefing digest".into(),
            base_url: "/".into(),
            language: "en".into(),
            theme: "default".into(),
            output_dir: PathBuf::from("output"),
            timezone: "UTC".into(),
            noise: NoiseConfig::default(),
            extraction: ExtractionConfig::default(),
            home_days: 7,
            paginate: 30,
            feed_limit: 30,
            search: true,
            hash_assets: true,
            sections: BTreeMap::new(),
            security: Security::default(),
            logo: None,
        }
    }
}

/// Wire-service boiler plate dropped from plain-text articles when it stands on a line of its own.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct NoiseConfig {
    /// Extra patterns: matched against a whole line, case-insensitively, `*` matches anything.
    pub patterns: Vec<String>,
    /// Set to false to use only `patterns`, without the built-in list.
    pub use_defaults: bool,
}

impl Default for NoiseConfig {
    fn default() -> Self {
        NoiseConfig {
            patterns: Vec::new(),
            use_defaults: true,
        }
    }
}

#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ExtractionConfig {
    /// Find actors in the text of items whose front matter does not list them.
    pub enabled: bool,
    /// Names never to be taken for actors (e.g. a recurring column title).
    pub ignore: Vec<String>,
    /// Articles further apart than this many days do not join the same automatic story.
    pub story_window_days: i64,
    /// Actors named once in passing (not in the headline or lede, not recurring): listed as
    /// "also mentioned" instead of as what the item is about.
    pub passing_mentions: PassingMentions,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum PassingMentions {
    /// Only in collections of 1,000 items or more, where recurrence means something.
    #[default]
    Auto,
    Always,
    Never,
}

impl Default for ExtractionConfig {
    fn default() -> Self {
        ExtractionConfig {
            enabled: true,
            ignore: Vec::new(),
            story_window_days: 10,
            passing_mentions: PassingMentions::Auto,
        }
    }
}

impl Config {
    /// Reads `<root>/gazette.yaml` if it exists; a missing file is the defaults.
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let path = root.join(CONFIG_FILE);
        let text = match crate::files::read_regular(&path, MAX_CONFIG_BYTES) {
            Ok(bytes) => String::from_utf8(bytes).map_err(|e| {
                let at = e.utf8_error().valid_up_to();
                let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                Diagnostic::error(
                    CONFIG_FILE,
                    Some(line),
                    "not valid UTF-8: save the file as UTF-8",
                )
            })?,
            Err(crate::files::ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Config::default());
            }
            Err(e) => return Err(Diagnostic::error(CONFIG_FILE, None, e.to_string())),
        };
        Config::parse(&text)
    }

    pub fn parse(text: &str) -> Result<Config, Diagnostic> {
        let config: Config = yaml::from_str(text)
            .map_err(|e| Diagnostic::error(CONFIG_FILE, e.line, e.message).with_column(e.column))?;
        config.validate(text)?;
        Ok(config)
    }

    fn validate(&self, text: &str) -> Result<(), Diagnostic> {
        let at =
            |key: &str, msg: String| Diagnostic::error(CONFIG_FILE, yaml::key_line(text, key), msg);
        parse_timezone(&self.timezone).map_err(|m| at("timezone", m))?;
        if self.theme.is_empty() || crate::text::slugify(&self.theme) != self.theme.to_lowercase() {
            return Err(at(
                "theme",
                format!(
                    "theme `{}` must be a plain folder name under themes/",
                    self.theme
                ),
            ));
        }
        if let Some(logo) = &self.logo {
            let web = logo.starts_with("https://") || logo.starts_with("http://");
            if !web && !crate::site::urls::is_safe_relative(logo) {
                return Err(at(
                    "logo",
                    format!(
                        "logo `{logo}` must be a file under static/ (logo.png) or an http(s) URL"
                    ),
                ));
            }
        }
        if crate::lang::Files::for_language(&self.language).is_none() {
            let codes: Vec<&str> = crate::lang::LANGUAGES.iter().map(|(c, _)| *c).collect();
            return Err(at(
                "language",
                format!(
                    "language `{}` has no word lists; languages are {} (a region may follow, as in en-GB)",
                    self.language,
                    codes.join(", ")
                ),
            ));
        }
        if self.paginate == 0 {
            return Err(at("paginate", "paginate must be at least 1".into()));
        }
        if self.output_dir.as_os_str().is_empty() {
            return Err(at("output_dir", "output_dir must not be empty".into()));
        }
        let lexicon = crate::lang::Lexicon::get().sections();
        for (key, setting) in &self.sections {
            let at = |msg: String| {
                Diagnostic::error(
                    CONFIG_FILE,
                    yaml::nested_key_line(text, "sections", key)
                        .or(yaml::key_line(text, "sections")),
                    msg,
                )
            };
            if section_index(key).is_none() {
                let slugs: Vec<&str> = lexicon.sections.iter().map(|s| s.slug).collect();
                return Err(at(format!(
                    "unknown section `{key}` under `sections`; sections are {}",
                    slugs.join(", ")
                )));
            }
            if let SectionSetting::Settings(s) = setting
                && s.name.as_deref().is_some_and(|n| n.trim().is_empty())
            {
                return Err(at(format!("section `{key}`: name must not be empty")));
            }
        }
        Ok(())
    }

    /// The path part of `base_url`, always starting and ending with `/` (`/briefing/`).
    pub fn base_path(&self) -> String {
        base_path_of(&self.base_url)
    }

    pub fn tz(&self) -> FixedOffset {
        parse_timezone(&self.timezone).unwrap_or_else(|_| FixedOffset::east_opt(0).unwrap())
    }
}

/// The section a `sections` key names: its slug (`business`) or IPTC code (`04`,
/// `medtop:04000000`).
pub fn section_index(key: &str) -> Option<usize> {
    let lexicon = crate::lang::Lexicon::get().sections();
    let code = key
        .strip_prefix("medtop:")
        .and_then(|c| c.strip_suffix("000000"))
        .unwrap_or(key);
    lexicon
        .sections
        .iter()
        .position(|s| s.slug == key || s.code == code)
}

/// `https://example.org/briefing` -> `/briefing/`; `/` -> `/`; `briefing` -> `/briefing/`.
pub fn base_path_of(base_url: &str) -> String {
    let without_scheme = match base_url.find("://") {
        Some(i) => {
            let rest = &base_url[i + 3..];
            rest.find('/').map(|j| &rest[j..]).unwrap_or("/")
        }
        None => base_url,
    };
    let path = without_scheme
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_matches('/');
    if path.is_empty() {
        "/".to_string()
    } else {
        format!("/{path}/")
    }
}

/// `UTC`, `Z` or a fixed offset `+HH:MM` / `-HH:MM`.
pub fn parse_timezone(tz: &str) -> Result<FixedOffset, String> {
    let t = tz.trim();
    if t.eq_ignore_ascii_case("utc") || t.eq_ignore_ascii_case("z") || t.eq_ignore_ascii_case("gmt")
    {
        return Ok(FixedOffset::east_opt(0).unwrap());
    }
    let err = || format!("timezone `{tz}` not understood: use UTC or an offset like +02:00");
    let (sign, rest) = match t.as_bytes().first() {
        Some(b'+') => (1, &t[1..]),
        Some(b'-') => (-1, &t[1..]),
        _ => return Err(err()),
    };
    let (h, m) = rest.split_once(':').unwrap_or((rest, "0"));
    let h: i32 = h.parse().map_err(|_| err())?;
    let m: i32 = m.parse().map_err(|_| err())?;
    if h > 14 || m > 59 {
        return Err(err());
    }
    FixedOffset::east_opt(sign * (h * 3600 + m * 60)).ok_or_else(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_is_default() {
        assert_eq!(Config::parse("").unwrap(), Config::default());
    }

    #[test]
    fn base_paths() {
        assert_eq!(base_path_of("https://example.org/briefing/"), "/briefing/");
        assert_eq!(base_path_of("https://example.org"), "/");
        assert_eq!(base_path_of("/"), "/");
        assert_eq!(base_path_of("news/daily"), "/news/daily/");
    }

    #[test]
    fn unknown_key_names_line() {
        let e = Config::parse("title: x\ntheem: y\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("theem"));
    }

    #[test]
    fn unknown_language_names_line() {
        let e = Config::parse("title: x\nlanguage: fr\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("language `fr`"), "{}", e.message);
        assert!(Config::parse("language: en-GB\n").is_ok());
    }

    #[test]
    fn bad_timezone_names_line() {
        let e = Config::parse("title: x\ntimezone: Mars/Olympus\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("Mars/Olympus"));
        assert_eq!(parse_timezone("+05:30").unwrap().local_minus_utc(), 19800);
    }

    #[test]
    fn theme_cannot_escape() {
        assert!(Config::parse("theme: ../../etc\n").is_err());
    }
}
