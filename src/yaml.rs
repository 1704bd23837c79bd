//! The one place that knows which YAML library Gazette uses.
//!
//! `serde_yaml` is the owner's choice but is deprecated upstream; keeping every call behind
//! [`from_str`] means a maintained fork can replace it by editing this file only.

use serde::de::DeserializeOwned;

/// A YAML problem with its position inside the YAML text (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

/// Parses YAML text into `T`. An empty document is treated as an empty mapping, so a front
/// matter block with no keys, or an empty `gazette.yaml`, gives `T`'s defaults where it has them.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    let blank = text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#')
    });
    let source = if blank { "{}" } else { text };
    serde_yaml::from_str(source).map_err(|e| {
        let loc = e.location();
        YamlError {
            line: loc.as_ref().map(|l| l.line()),
            column: loc.as_ref().map(|l| l.column()),
            message: clean_message(&e.to_string()),
        }
    })
}

/// serde_yaml appends " at line N column M" to its messages; we report positions ourselves.
fn clean_message(msg: &str) -> String {
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// The 1-based line of a top-level `key:` in a YAML text, used to place errors found after parsing
/// (an impossible date, an unknown kind) on the line the user has to fix.
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
}

/// The 1-based line of `key:` nested under the top-level `parent:` key, if written that way.
pub fn nested_key_line(text: &str, parent: &str, key: &str) -> Option<usize> {
    let start = key_line(text, parent)?;
    text.lines()
        .enumerate()
        .skip(start)
        .take_while(|(_, l)| l.is_empty() || l.starts_with([' ', '\t', '#']))
        .find(|(_, l)| {
            let l = l.trim_start();
            let l = l.strip_prefix(['"', '\'']).unwrap_or(l);
            l.strip_prefix(key).is_some_and(|rest| {
                rest.trim_start_matches(['"', '\''])
                    .trim_start()
                    .starts_with(':')
            })
        })
        .map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, Default)]
    #[serde(default, deny_unknown_fields)]
    struct T {
        title: String,
    }

    #[test]
    fn reports_line_and_column() {
        let err = from_str::<T>("title: ok\ntitel: typo\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(
            err.message.contains("unknown field `titel`"),
            "{}",
            err.message
        );
    }

    #[test]
    fn empty_text_is_defaults() {
        let t: T = from_str("\n# just a comment\n").unwrap();
        assert_eq!(t.title, "");
    }

    #[test]
    fn finds_key_line() {
        assert_eq!(key_line("a: 1\ndate : x\n", "date"), Some(2));
        assert_eq!(key_line("dated: 1\n", "date"), None);
    }
}
