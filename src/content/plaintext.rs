//! Plain-text articles, exactly as they arrive:
//!
//! ```text
//!  date 2025-04-18 US Secretary of State Marco Rubio warned on Friday that ...
//!
//! Speaking in Paris after a marathon day of talks, Rubio described ...
//!
//! Also Read
//!
//! (With agency inputs)
//! ```
//!
//! Optional white space or BOM, the word `date`, a date as front matter takes it (`2025-04-18`,
//! `2025-04-18T10:30:00+02:00` or `2025-04-18 10:30`, see [`parse_date_value`]), then the first
//! paragraph on the same line or the next ones; paragraphs split by blank lines; no title. The parser drops noise
//! lines, turns a trailing parenthesised line into the credit, and derives headline and lede.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::dates::parse_date_value;
use super::headline::{HEADLINE_MAX_CHARS, HEADLINE_MAX_WORDS};
use super::noise::NoisePatterns;
use super::{DerivedTitle, Paragraph, TitleFrom, derive_summary, derive_title_from_lede};

/// What a plain-text file holds once parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct PlainArticle {
    /// The day, in the site's time zone.
    pub date: NaiveDate,
    /// The full time, when the date line gives one.
    pub published: Option<DateTime<FixedOffset>>,
    pub title: String,
    pub title_from: TitleFrom,
    pub summary: String,
    pub credit: Option<String>,
    pub paragraphs: Vec<Paragraph>,
}

/// A parse failure at a 1-based line of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

fn err(line: usize, message: impl Into<String>) -> ParseError {
    ParseError {
        line,
        message: message.into(),
    }
}

/// Parses a plain-text article; `tz` is the site's time zone, the day a date-time belongs to.
pub fn parse(
    text: &str,
    noise: &NoisePatterns,
    tz: FixedOffset,
) -> Result<PlainArticle, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));

    // The date line: the first line that is not blank.
    let (date_line_no, date_line) = lines
        .by_ref()
        .find(|(_, l)| !l.trim().is_empty())
        .ok_or_else(|| {
            err(
                1,
                "empty file: expected `date YYYY-MM-DD` and the article text",
            )
        })?;
    let (date, published, rest_of_line) =
        parse_date_line(date_line.trim_start_matches(['\u{feff}', ' ', '\t']), tz)
            .map_err(|m| err(date_line_no, m))?;

    // Group the remaining lines into paragraphs, dropping noise lines on the way: the kept
    // lines in one list, each paragraph a run of them (first line number, start, end).
    let mut kept: Vec<&str> = Vec::new();
    let mut blocks: Vec<(usize, usize, usize)> = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    let first = (!rest_of_line.trim().is_empty()).then_some((date_line_no, rest_of_line));
    for (no, line) in first.into_iter().chain(lines) {
        if line.trim().is_empty() {
            if let Some((no, start)) = open.take() {
                blocks.push((no, start, kept.len()));
            }
            continue;
        }
        if noise.is_noise(line) {
            continue;
        }
        open.get_or_insert((no, kept.len()));
        kept.push(line);
    }
    if let Some((no, start)) = open {
        blocks.push((no, start, kept.len()));
    }

    let mut paragraphs: Vec<Paragraph> = blocks
        .into_iter()
        .map(|(line, start, end)| make_paragraph(line, &kept[start..end]))
        .filter(|p| !p.text.is_empty())
        .collect();

    let credit = take_credit(&mut paragraphs);
    if paragraphs.is_empty() {
        return Err(err(
            date_line_no,
            "the article has no text after the date line",
        ));
    }

    let DerivedTitle { title, from } =
        if paragraphs.len() > 1 && looks_like_headline(&paragraphs[0]) {
            DerivedTitle {
                title: paragraphs.remove(0).text,
                from: TitleFrom::Given,
            }
        } else {
            let derived = derive_title_from_lede(&paragraphs[0].text, 0);
            if paragraphs[0].preformatted {
                // A table is shown as typed: the title cannot take its first line away.
                DerivedTitle {
                    from: TitleFrom::Headline { paragraph: 0 },
                    ..derived
                }
            } else {
                derived
            }
        };
    // The lede under a title that is the first sentence starts after that sentence.
    let after_title = match from {
        TitleFrom::Sentence { end, .. } => Some(paragraphs[0].text[end..].trim()),
        _ => None,
    };
    let lede = match after_title {
        Some(rest) if !rest.is_empty() => rest,
        Some(_) => first_prose(&paragraphs[1..]),
        None => first_prose(&paragraphs),
    };
    let summary = derive_summary(lede);

    Ok(PlainArticle {
        date,
        published,
        title,
        title_from: from,
        summary,
        credit,
        paragraphs,
    })
}

/// The first paragraph that is not a table, or nothing.
fn first_prose(paragraphs: &[Paragraph]) -> &str {
    paragraphs
        .iter()
        .find(|p| !p.preformatted)
        .map_or("", |p| p.text.as_str())
}

/// What a date line gives: the day (in the site's zone), the time when one is given, and the
/// text after the date.
type DateLine<'a> = (NaiveDate, Option<DateTime<FixedOffset>>, &'a str);

/// `date 2025-04-18 rest…` -> (day, time, rest). Accepts `Date`, `DATE` and `date:`, and every
/// form front matter's `date` does, through the same parser ([`parse_date_value`]): a day, an
/// RFC 3339 date-time (`2025-04-18T10:30:00+02:00`), or a day and a time in the site's zone
/// (`2025-04-18 10:30`: a word after the day that is a time belongs to the date).
fn parse_date_line(line: &str, tz: FixedOffset) -> Result<DateLine<'_>, String> {
    // The line itself is not echoed: a file linked in by mistake (`/etc/passwd`) must not
    // have its contents printed. Only the date as written is shown, cut short.
    let found = || {
        format!(
            "expected `date YYYY-MM-DD` at the start of the article; the first line ({} characters) starts with something else",
            line.chars().count()
        )
    };
    let keyword = line.get(..4).ok_or_else(found)?;
    if !keyword.eq_ignore_ascii_case("date") {
        return Err(found());
    }
    let after = &line[4..];
    let after = after.strip_prefix(':').unwrap_or(after);
    if !after.starts_with([' ', '\t']) && !after.is_empty() {
        return Err(found());
    }
    let after = after.trim_start();
    let word = |s: &str| s.find(char::is_whitespace).unwrap_or(s.len());
    let day_end = word(after);
    let day = &after[..day_end];
    if day.is_empty() {
        return Err(
            "missing date: expected `date YYYY-MM-DD` or an RFC 3339 date-time such as `date 2025-04-18T10:30:00+02:00`"
                .into(),
        );
    }
    let rest = &after[day_end..];
    let next = rest.trim_start_matches([' ', '\t']);
    let time_end = word(next);
    let bare_day = day.bytes().all(|b| b.is_ascii_digit() || b == b'-');
    if bare_day && looks_like_time(&next[..time_end]) {
        let value = format!("{day} {}", &next[..time_end]);
        let (date, time) = parse_date_value(&value, tz)?;
        return Ok((date, time, &next[time_end..]));
    }
    let (date, time) = parse_date_value(day, tz)?;
    Ok((date, time, rest))
}

/// `10:30`, `10:30:00`, `10:30:00+02:00`: a word that is a time of day, not the article's
/// first word.
fn looks_like_time(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 5
        && b[..2].iter().all(u8::is_ascii_digit)
        && b[2] == b':'
        && b[3..5].iter().all(u8::is_ascii_digit)
        && b[5..]
            .iter()
            .all(|c| c.is_ascii_digit() || b":.+-Zz".contains(c))
}

/// Joins hard-wrapped lines into one paragraph, but keeps tables (indented lines or column
/// spacing, as in wire-service earnings tables) as typed.
fn make_paragraph(line: usize, lines: &[&str]) -> Paragraph {
    let tabular = lines.len() > 1
        && lines
            .iter()
            .any(|l| l.starts_with("  ") || l.contains('\t') || l.trim().contains("   "));
    if tabular {
        let indent = lines
            .iter()
            .map(|l| l.len() - l.trim_start().len())
            .min()
            .unwrap_or(0);
        let text = lines
            .iter()
            .map(|l| l.get(indent..).unwrap_or(l.trim_start()).trim_end())
            .collect::<Vec<_>>()
            .join("\n");
        Paragraph {
            text,
            line,
            preformatted: true,
        }
    } else {
        let mut text = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
        for l in lines {
            push_words(&mut text, l);
        }
        Paragraph {
            text,
            line,
            preformatted: false,
        }
    }
}

/// Appends the words of `line` to `text`, one space between words.
fn push_words(text: &mut String, line: &str) {
    // Most lines are ASCII with single spaces already: copied whole, not word by word.
    let b = line.as_bytes();
    let single_spaced = line.is_ascii()
        && b.first().is_some_and(|&c| c != b' ')
        && b.last().is_some_and(|&c| c != b' ')
        && !b
            .iter()
            .any(|&c| c != b' ' && (c.is_ascii_whitespace() || c == 0x0B))
        && memchr::memmem::find(b, b"  ").is_none();
    if single_spaced {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(line);
        return;
    }
    for word in line.split_whitespace() {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(word);
    }
}

/// A last paragraph wholly in parentheses, such as `(With agency inputs)` or
/// `(Reporting by …; Editing by …)`, is a credit, not body text.
fn take_credit(paragraphs: &mut Vec<Paragraph>) -> Option<String> {
    let last = paragraphs.last()?;
    let t = last.text.trim();
    let is_credit = t.starts_with('(')
        && t.ends_with(')')
        && t.chars().count() <= 300
        && t[1..t.len() - 1].chars().any(char::is_alphabetic)
        && !t[1..t.len() - 1].contains(['(', ')']);
    if !is_credit {
        return None;
    }
    let credit = t[1..t.len() - 1].trim().to_string();
    paragraphs.pop();
    Some(credit)
}

/// A first paragraph that is a headline: short and, unless shouted in capitals, without a full
/// stop at the end.
fn looks_like_headline(p: &Paragraph) -> bool {
    if p.preformatted {
        return false;
    }
    let t = p.text.trim();
    let words = t.split_whitespace().count();
    let shouted = t.chars().any(char::is_alphabetic) && !t.chars().any(|c| c.is_lowercase());
    words <= HEADLINE_MAX_WORDS
        && t.chars().count() <= HEADLINE_MAX_CHARS
        && (shouted || !t.ends_with(['.', ':', ',', ';']))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The whole-line shortcut gives what joining word by word gives, on any line
        /// (spaces, tabs, vertical tabs, no-break spaces and letters of several bytes).
        #[test]
        fn lines_join_as_words_do(line in "[a-c \t\x0B\u{a0}é]{0,16}", before in "[a ]{0,2}") {
            let mut fast = before.clone();
            push_words(&mut fast, &line);
            let mut slow = before;
            for word in line.split_whitespace() {
                if !slow.is_empty() {
                    slow.push(' ');
                }
                slow.push_str(word);
            }
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    fn utc() -> FixedOffset {
        FixedOffset::east_opt(0).unwrap()
    }

    fn p(text: &str) -> PlainArticle {
        parse(text, &NoisePatterns::default(), utc()).unwrap()
    }

    fn e(text: &str) -> ParseError {
        parse(text, &NoisePatterns::default(), utc()).unwrap_err()
    }

    #[test]
    fn same_line_text_with_leading_space() {
        let a = p(
            " date 2025-04-18 Rubio warned on Friday that talks may end. He spoke in Paris.\n\nSecond paragraph.\n",
        );
        assert_eq!(a.date, NaiveDate::from_ymd_opt(2025, 4, 18).unwrap());
        assert_eq!(a.title, "Rubio warned that talks may end");
        assert_eq!(a.title_from, TitleFrom::Headline { paragraph: 0 });
        assert_eq!(a.paragraphs.len(), 2);
        assert_eq!(a.paragraphs[0].line, 1);
        assert!(
            a.summary
                .starts_with("Rubio warned on Friday that talks may end.")
        );
    }

    #[test]
    fn text_on_next_line_and_short_headline() {
        let a = p(
            "date 1987-03-25\n\nCPC EXPECTS EUROPEAN SALE TO CUT DEBT\n\nCPC International Inc officials said\nthe sale will cut debt.\n",
        );
        assert_eq!(a.title, "CPC EXPECTS EUROPEAN SALE TO CUT DEBT");
        assert_eq!(a.paragraphs.len(), 1);
        assert_eq!(
            a.paragraphs[0].text,
            "CPC International Inc officials said the sale will cut debt."
        );
        assert_eq!(a.paragraphs[0].line, 5);
    }

    #[test]
    fn noise_and_credit() {
        let a = p(
            "\u{feff}date 2025-01-02\nTalks resumed in Geneva on Tuesday after a long pause in negotiations between the parties.\n\nAlso Read\n\nAdvertisement\n\nMore talks are planned.\n\n(With agency inputs)\n",
        );
        assert_eq!(a.credit.as_deref(), Some("With agency inputs"));
        let texts: Vec<&str> = a.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "Talks resumed in Geneva on Tuesday after a long pause in negotiations between the parties.",
                "More talks are planned."
            ]
        );
    }

    #[test]
    fn long_lede_without_a_short_form_is_the_whole_heading() {
        let text = "date 2025-04-18 US Secretary of State Marco Rubio warned on Friday that the United States might soon move on from trying to broker a Russia-Ukraine peace deal if significant progress is not made in the coming days. Speaking in Paris, Rubio described the talks as constructive.\n\nFrench officials confirmed a follow-up meeting.";
        let a = p(text);
        assert_eq!(
            a.title,
            "US Secretary of State Marco Rubio warned on Friday that the United States might soon move on from trying to broker a Russia-Ukraine peace deal if significant progress is not made in the coming days"
        );
        let TitleFrom::Sentence { paragraph: 0, end } = a.title_from else {
            panic!("{:?}", a.title_from);
        };
        assert!(a.paragraphs[0].text[end..].starts_with("Speaking in Paris"));
        // The summary starts after the sentence the heading says.
        assert_eq!(
            a.summary,
            "Speaking in Paris, Rubio described the talks as constructive."
        );
        // A lede of one sentence: the summary is the next paragraph.
        let a = p("date 2025-04-18 Port strike enters second week.\n\nShips queue off the coast.");
        assert_eq!(a.title, "Port strike enters second week");
        assert_eq!(a.summary, "Ships queue off the coast.");
    }

    #[test]
    fn headline_cut_at_a_clause_with_a_verb() {
        let a = p(
            "date 2025-03-04 The Dutch government on Tuesday appointed Anneke Visser, a retired judge, to mediate in the dockworkers' strike that has shut the port.",
        );
        assert_eq!(a.title, "The Dutch government appointed Anneke Visser");
        // No clause boundary: the form without its time phrase, never an ellipsis.
        let a = p(
            "date 2025-03-03 Lyon Mayor Claire Morel and her main challenger, Étienne Rousseau, began the final week of campaigning on Monday with rival rallies.",
        );
        assert_eq!(
            a.title,
            "Lyon Mayor Claire Morel and her main challenger, Étienne Rousseau, began the final week of campaigning with rival rallies"
        );
    }

    #[test]
    fn tables_are_kept() {
        let a = p(
            "date 1987-03-02\n\nEARNINGS\n\nShr 1.02 dlrs vs 88 cts\n    Net 5.1 mln   vs 4.2 mln\n    Revs 40 mln    vs 38 mln\n",
        );
        assert!(a.paragraphs[0].preformatted);
        assert!(a.paragraphs[0].text.contains('\n'));
    }

    #[test]
    fn errors_name_the_line() {
        assert_eq!(e("").line, 1);
        assert!(e("   \n\n").message.contains("empty file"));
        let bad = e("\n\nheadline without date\n");
        assert_eq!(bad.line, 3);
        assert!(bad.message.contains("expected `date YYYY-MM-DD`"));
        assert!(
            e("date 2025-02-30 text")
                .message
                .contains("impossible date")
        );
        assert!(e("date 2025-4-1 text").message.contains("invalid date"));
        for (text, shown) in [
            ("date 10000-01-01 text", "10000-01-01"),
            ("date 0000-01-01 text", "0000-01-01"),
            ("date 0999-12-31 text", "0999-12-31"),
            ("date 99999999999-01-01 text", "99999999999-01-01"),
        ] {
            assert_eq!(
                e(text).message,
                format!("date {shown} is out of range: years 1000–9999"),
            );
        }
        assert_eq!(p("date 1000-01-01 First.").date.to_string(), "1000-01-01");
        assert_eq!(p("date 9999-12-31 Last.").date.to_string(), "9999-12-31");
        assert!(e("date\n").message.contains("missing date"));
        assert!(
            e("date 2025-01-01\n\nAdvertisement\n")
                .message
                .contains("no text")
        );
        assert!(e("dated 2025-01-01 x").message.contains("expected"));
    }

    #[test]
    fn date_lines_take_what_front_matter_takes() {
        let a = p("date 2025-04-18T10:30:00+02:00 Rubio spoke in Paris on Friday.\n");
        assert_eq!(a.date.to_string(), "2025-04-18");
        assert_eq!(
            a.published.unwrap().to_rfc3339(),
            "2025-04-18T10:30:00+02:00"
        );
        assert_eq!(a.paragraphs[0].text, "Rubio spoke in Paris on Friday.");
        // `Date:`, a lower-case `t`, `Z`, and the text on the next line.
        let a = p("Date: 2025-04-18t08:30:00Z\n\nRubio spoke.\n");
        assert_eq!(
            a.published.unwrap().to_rfc3339(),
            "2025-04-18T08:30:00+00:00"
        );
        // A day and a time in the site's zone; the time is not the article's first word.
        let a = p("date 2025-04-18 10:30 Rubio spoke.\n");
        assert_eq!(
            a.published.unwrap().to_rfc3339(),
            "2025-04-18T10:30:00+00:00"
        );
        assert_eq!(a.paragraphs[0].text, "Rubio spoke.");
        let a = p("date 2025-04-18 10:30:15 Rubio spoke.\n");
        assert_eq!(
            a.published.unwrap().to_rfc3339(),
            "2025-04-18T10:30:15+00:00"
        );
        // A bare day has no time, and a number that is no time stays text.
        let a = p("date 2025-04-18 1030 delegates met.\n");
        assert!(a.published.is_none());
        assert_eq!(a.paragraphs[0].text, "1030 delegates met.");
    }

    #[test]
    fn the_day_of_a_date_time_is_taken_in_the_site_zone() {
        let noise = NoisePatterns::default();
        let line = "date 2025-04-18T23:30:00-05:00 Late talks.\n";
        // 23:30 at -05:00 is 04:30 the next day in UTC, and 06:30 at +02:00.
        assert_eq!(p(line).date.to_string(), "2025-04-19");
        let paris = FixedOffset::east_opt(2 * 3600).unwrap();
        assert_eq!(
            parse(line, &noise, paris).unwrap().date.to_string(),
            "2025-04-19"
        );
        let ny = FixedOffset::west_opt(5 * 3600).unwrap();
        assert_eq!(
            parse(line, &noise, ny).unwrap().date.to_string(),
            "2025-04-18"
        );
        // The same as front matter's `date` in every zone.
        for tz in [utc(), paris, ny] {
            let (day, time) =
                super::super::dates::parse_date_value("2025-04-18T23:30:00-05:00", tz).unwrap();
            let a = parse(line, &noise, tz).unwrap();
            assert_eq!((a.date, a.published), (day, time));
        }
    }

    #[test]
    fn date_time_errors_name_the_line_and_only_the_date() {
        let bad = e("\ndate 2025-04-18T25:00:00+02:00 secret text\n");
        assert_eq!(bad.line, 2);
        assert!(bad.message.contains("invalid date"), "{}", bad.message);
        assert!(!bad.message.contains("secret"), "{}", bad.message);
        assert_eq!(
            e("date 9999-12-31T23:00:00-05:00 text").message,
            "date 9999-12-31T23:00:00-05:00 is out of range: years 1000–9999 (in the site's time zone it is 10000-01-01)"
        );
        assert_eq!(
            e("date 0999-12-31T10:00:00Z text").message,
            "date 0999-12-31 is out of range: years 1000–9999"
        );
        assert!(
            e("date 2025-02-30T10:00:00Z text")
                .message
                .contains("impossible date `2025-02-30`")
        );
    }
}
