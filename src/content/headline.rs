//! Headlines made from a lede, for articles that arrive without one.
//!
//! A wire lede is a sentence, not a headline: "US Secretary of State Marco Rubio warned on
//! Friday that …". Its headline form is the first sentence with what a headline leaves out
//! taken away, each by a small rule below: time phrases ([`time_phrase_at`]), attributions
//! ([`attribution`]) and, while still too long, a trailing clause cut at a clause boundary
//! ([`clause_boundary`]) where what is left is a full clause ([`full_clause`]). A headline is
//! never cut with an ellipsis: where no short form is safe, the title is the whole sentence
//! ([`TitleFrom::Sentence`]), and the page starts the lede after it. The word lists are the
//! language's (`time_phrases`, `attribution_verbs`, `trailing_clause_openers`,
//! `subordinating_conjunctions`, `headline_verbs`).

use super::TitleFrom;
use crate::lang::Lexicon;
use crate::text::sentence_ranges;

/// Headlines are short: a given one (a plain-text file's first paragraph) or a headline form
/// is at most this many characters and words. A longer form is no headline.
pub const HEADLINE_MAX_CHARS: usize = 150;
pub const HEADLINE_MAX_WORDS: usize = 22;
/// A headline form longer than this many characters ends at a clause boundary where one
/// leaves a full clause: the longest such form within it, else the shortest one.
const HEADLINE_TARGET_CHARS: usize = 100;
/// What is left after a cut is at least this long, in characters ("Rotterdam dockers strike").
const MIN_CLAUSE_CHARS: usize = 20;
/// An attribution is a few words (", officials in Brussels said").
const MAX_ATTRIBUTION_WORDS: usize = 8;

/// A title made from a lede, and what it is of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DerivedTitle {
    pub title: String,
    pub from: TitleFrom,
}

/// The title of an item whose lede is `lede`, paragraph `paragraph` of its body: the headline
/// form of its first sentence when one is safe and differs from the sentence, else the whole
/// sentence without its full stop.
pub fn derive_title_from_lede(lede: &str, paragraph: usize) -> DerivedTitle {
    let ranges = sentence_ranges(lede);
    let (sentence, end) = match ranges.first() {
        Some(r) => (
            lede[r.clone()].trim(),
            ranges.get(1).map_or(lede.len(), |next| next.start),
        ),
        None => (lede.trim(), lede.len()),
    };
    let whole = sentence
        .strip_suffix('.')
        .unwrap_or(sentence)
        .trim_end()
        .to_string();
    match headline_form(&whole) {
        Some(short) if short != whole => DerivedTitle {
            title: short,
            from: TitleFrom::Headline { paragraph },
        },
        _ => DerivedTitle {
            title: whole,
            from: TitleFrom::Sentence { paragraph, end },
        },
    }
}

/// The sentence as a headline, or None when no form of it short enough is safe.
fn headline_form(sentence: &str) -> Option<String> {
    let lex = Lexicon::get();
    let mut words: Vec<String> = sentence.split_whitespace().map(str::to_string).collect();
    if let Some(n) = dateline_end(&words) {
        words.drain(..n);
    }
    drop_time_phrases(&mut words, lex);
    drop_attributions(&mut words, lex);
    if text_chars(&words) > HEADLINE_TARGET_CHARS {
        let cuts: Vec<Vec<String>> = (1..words.len())
            .filter(|&j| clause_boundary(&words, j, lex))
            .map(|j| without_trailing_comma(&words[..j]))
            .filter(|prefix| full_clause(prefix, lex))
            .collect();
        let within = cuts
            .iter()
            .rfind(|c| text_chars(c) <= HEADLINE_TARGET_CHARS);
        if let Some(cut) = within.or(cuts.first()) {
            words = cut.clone();
        }
    }
    let fits = text_chars(&words) <= HEADLINE_MAX_CHARS && words.len() <= HEADLINE_MAX_WORDS;
    (fits && !words.is_empty()).then(|| words.join(" "))
}

/// The characters of the words joined by spaces.
fn text_chars(words: &[String]) -> usize {
    words
        .iter()
        .map(|w| w.chars().count() + 1)
        .sum::<usize>()
        .saturating_sub(1)
}

/// Punctuation that may follow a word and is not part of it.
fn trailing_punctuation(w: &str) -> &str {
    let core = w.trim_end_matches([',', ';', ':']);
    &w[core.len()..]
}

fn bare(w: &str) -> &str {
    w.trim_end_matches([',', ';', ':'])
}

/// `words[..j]` with the comma or semicolon it ends with removed.
fn without_trailing_comma(words: &[String]) -> Vec<String> {
    let mut out = words.to_vec();
    if let Some(last) = out.last_mut() {
        let keep = bare(last).len();
        last.truncate(keep);
    }
    out
}

/// The longest dateline, in words ("MAIDUGURI, Nigeria (Reuters) -").
const MAX_DATELINE_WORDS: usize = 7;

/// "NEW DELHI:", "WASHINGTON (Reuters) -", "ROTTERDAM, March 2 —", "WOODWARD, Okla. —": a
/// place in capitals, perhaps its region, a date and the agency, then a colon or a dash, before
/// the sentence itself. A headline drops it; the number of words it spans.
fn dateline_end(words: &[String]) -> Option<usize> {
    let letters = |w: &str| w.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = |w: &str| letters(w) >= 2 && !w.chars().any(char::is_lowercase);
    if !words.first().is_some_and(|w| capitals(w)) {
        return None;
    }
    for (k, w) in words.iter().enumerate().take(MAX_DATELINE_WORDS) {
        let dash = matches!(w.as_str(), "-" | "—" | "–");
        let part_of_it = capitals(w)
            || w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || (w.starts_with('(') && w.ends_with(')'));
        if dash || (part_of_it && w.ends_with(':')) {
            let rest_starts = words
                .get(k + 1)
                .and_then(|w| w.chars().next())
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || !c.is_alphabetic());
            return (k > 0 || !dash).then_some(k + 1).filter(|_| rest_starts);
        }
        if !part_of_it {
            return None;
        }
    }
    None
}

/// "on Friday", "late on Monday", "on Tuesday night", "on April 18": a phrase of
/// `time_phrases.txt` starting at word `i`, and how many words it spans. A headline drops it
/// ("Rubio warned on Friday that …" -> "Rubio warned that …").
fn time_phrase_at(words: &[String], i: usize, lex: &Lexicon) -> Option<usize> {
    lex.time_phrases().iter().find_map(|phrase| {
        let n = phrase.len();
        let matched = i + n <= words.len()
            && phrase.iter().enumerate().all(|(k, token)| {
                let word = &words[i + k];
                // The last word may carry the sentence's punctuation; the others only what
                // the phrase itself has ("{day}," in "April 18, 2025").
                let word = if k + 1 == n { bare(word) } else { word };
                token_matches(token, word, lex)
            });
        matched.then_some(n)
    })
}

/// One word of a time phrase against one word of text.
fn token_matches(token: &str, word: &str, lex: &Lexicon) -> bool {
    let core = bare(token);
    let suffix = &token[core.len()..];
    let Some(word) = word.strip_suffix(suffix) else {
        return false;
    };
    match core {
        "{weekday}" => lex.weekdays().contains(&word),
        "{month}" => lex.is_month_word(word),
        "{day}" => {
            let digits = word.trim_end_matches(|c: char| c.is_ascii_lowercase());
            let ordinal = &word[digits.len()..];
            digits.len() <= 2
                && digits.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
                && matches!(ordinal, "" | "st" | "nd" | "rd" | "th")
        }
        "{year}" => word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()),
        literal => word.eq_ignore_ascii_case(literal),
    }
}

/// Removes every time phrase, and the commas that set one off: "On Friday, the minister said"
/// -> "The minister said"; "the port on Monday, halting" -> "the port, halting"; "Morel, on
/// Sunday, said" -> "Morel said".
fn drop_time_phrases(words: &mut Vec<String>, lex: &Lexicon) {
    let mut i = 0;
    while i < words.len() {
        let Some(n) = time_phrase_at(words, i, lex) else {
            i += 1;
            continue;
        };
        let mut after = trailing_punctuation(&words[i + n - 1]).to_string();
        // "on April 18, 2025, in Brussels": the comma after a year closes the date.
        if words[i..i + n - 1].iter().any(|w| w.ends_with(',')) && after == "," {
            after.clear();
        }
        words.drain(i..i + n);
        if i == 0 {
            // The sentence started with it: the next word starts the sentence now.
            if let Some(first) = words.first_mut() {
                *first = capitalised(first);
            }
        } else if !after.is_empty() {
            let before = &mut words[i - 1];
            if before.ends_with(',') && after == "," {
                before.pop();
            } else if trailing_punctuation(before).is_empty() {
                before.push_str(&after);
            }
        }
    }
}

fn capitalised(w: &str) -> String {
    let mut chars = w.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Where the comma-separated segments of the sentence start: word 0 and every word after a
/// comma.
fn segment_starts(words: &[String]) -> Vec<usize> {
    std::iter::once(0)
        .chain((1..words.len()).filter(|&j| words[j - 1].ends_with(',')))
        .collect()
}

/// ", officials said", ", said Rubio", ", figures published in Copenhagen showed", ",
/// according to the ministry": a few words after a comma that say where the news comes from
/// rather than what it is. A headline drops them.
fn attribution(segment: &[String], lex: &Lexicon) -> bool {
    let words: Vec<&str> = segment.iter().map(|w| bare(w)).collect();
    let quoted = words.iter().any(|w| w.contains(['"', '“', '”', '(', ')']));
    if words.is_empty() || words.len() > MAX_ATTRIBUTION_WORDS || quoted {
        return false;
    }
    let last = words[words.len() - 1];
    let verb_last = words.len() >= 2 && lex.is_attribution_verb(last);
    let verb_first = words.len() <= 4 && lex.is_speech_verb(words[0]);
    let according = words.len() >= 3 && words[0] == "according" && words[1] == "to";
    verb_last || verb_first || according
}

/// Removes attributions set off by commas, last first. One in mid-sentence goes with the comma
/// before it unless a trailing clause follows ("rose 3 percent, figures showed, raising …" ->
/// "rose 3 percent, raising …"; "The deal, he said, is fair" -> "The deal is fair").
fn drop_attributions(words: &mut Vec<String>, lex: &Lexicon) {
    let starts = segment_starts(words);
    for k in (1..starts.len()).rev() {
        let (start, end) = (starts[k], starts.get(k + 1).copied().unwrap_or(words.len()));
        if !attribution(&words[start..end], lex) {
            continue;
        }
        let clause_follows = end < words.len() && clause_boundary(words, end, lex);
        let mut rest: Vec<String> = words[..start].to_vec();
        if !clause_follows {
            let before = rest.last_mut().expect("a segment after the first");
            let keep = bare(before).len();
            before.truncate(keep);
        }
        rest.extend_from_slice(&words[end..]);
        if full_clause(&rest, lex) {
            *words = rest;
        }
    }
}

/// Whether a trailing clause starts at word `j`, so a headline may end before it:
/// - after a comma or semicolon, or a dash standing alone, a word of
///   `trailing_clause_openers.txt` (", which …", ", as …", ", after …"), a present participle
///   (", halting …", ", saying …") or a determiner starting an apposition (", a retired
///   judge, …", ", its first rise in a year");
/// - after a semicolon, anything (the next clause is a sentence of its own);
/// - without a comma, a conjunction of `subordinating_conjunctions.txt` followed by a verb in its
///   clause ("broke down after the union rejected …"), and not a preposition ("appeared before
///   lawmakers"), unless an adverb before it belongs to the clause ("merely after …").
fn clause_boundary(words: &[String], j: usize, lex: &Lexicon) -> bool {
    if j == 0 || j >= words.len() {
        return false;
    }
    let prev = &words[j - 1];
    let word = bare(&words[j]);
    if prev.ends_with(';') {
        return true;
    }
    let set_off = prev.ends_with(',') || matches!(prev.as_str(), "—" | "–");
    if set_off {
        let participle = word.len() > 5
            && word.ends_with("ing")
            && word.chars().all(|c| c.is_lowercase() || c == '-');
        return lex.is_trailing_clause_opener(word)
            || participle
            || lex.is_apposition_determiner(word);
    }
    // An adverb before the conjunction is about the clause it opens ("merely after …").
    let adverb_before = bare(prev).ends_with("ly");
    if lex.is_subordinating_conjunction(word) && !adverb_before {
        let clause_end = (j + 1..words.len())
            .find(|&k| words[k - 1].ends_with([',', ';']))
            .unwrap_or(words.len());
        return has_verb(&words[j..clause_end], lex);
    }
    false
}

/// What a headline may be: long enough, with a finite verb after its first word, and no quote
/// or bracket left open ("Rubio said the US might soon “move on”", not "Rubio said the US
/// might soon “move").
fn full_clause(words: &[String], lex: &Lexicon) -> bool {
    let text = words.join(" ");
    let count = |c: char| text.matches(c).count();
    text.chars().count() >= MIN_CLAUSE_CHARS
        && has_verb(words, lex)
        && count('"') % 2 == 0
        && count('“') == count('”')
        && count('(') == count(')')
        && count('[') == count(']')
        && !words.last().is_some_and(|w| w.ends_with(['—', '–', '-']))
}

/// A rough test for a finite verb, enough to tell a clause from a subject alone: a lower-case
/// word after the first of `headline_verbs.txt`, or one ending in "-ed".
pub(super) fn has_verb(words: &[String], lex: &Lexicon) -> bool {
    words.iter().skip(1).any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphabetic());
        w.chars().next().is_some_and(char::is_lowercase)
            && (lex.is_headline_verb(w) || (w.len() > 4 && w.ends_with("ed")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(lede: &str) -> String {
        derive_title_from_lede(lede, 0).title
    }

    #[test]
    fn time_phrases_go() {
        assert_eq!(
            title("Rubio warned on Friday that talks may end. He spoke in Paris."),
            "Rubio warned that talks may end"
        );
        assert_eq!(
            title("On Tuesday night, the union called a strike."),
            "The union called a strike"
        );
        assert_eq!(
            title("The mediator brokered a deal late on Wednesday."),
            "The mediator brokered a deal"
        );
        assert_eq!(
            title("Ministers met on April 18, 2025, in Brussels to discuss tariffs."),
            "Ministers met in Brussels to discuss tariffs"
        );
        assert_eq!(
            title("The central bank cut rates earlier this week, its first cut in a year."),
            "The central bank cut rates, its first cut in a year"
        );
        // "since Friday" keeps its day: the phrase is not "on Friday".
        assert_eq!(
            title("The port has been shut since Friday."),
            "The port has been shut since Friday"
        );
    }

    #[test]
    fn datelines_go() {
        for (lede, headline) in [
            (
                "NEW DELHI: The court ruled on Monday that homes cannot be razed.",
                "The court ruled that homes cannot be razed",
            ),
            (
                "WASHINGTON (Reuters) - The Fed cut rates by half a point.",
                "The Fed cut rates by half a point",
            ),
            (
                "ROTTERDAM, March 2 — Dock workers walked off the job.",
                "Dock workers walked off the job",
            ),
            (
                "WOODWARD, Okla. — Wildfires burned across 60,000 acres.",
                "Wildfires burned across 60,000 acres",
            ),
        ] {
            assert_eq!(title(lede), headline);
        }
        // Capitals that are the subject, not a dateline.
        assert_eq!(
            title("US officials met Chinese envoys in Geneva."),
            "US officials met Chinese envoys in Geneva"
        );
    }

    #[test]
    fn attributions_go() {
        assert_eq!(
            title("The ceasefire will hold until the end of the month, officials said on Monday."),
            "The ceasefire will hold until the end of the month"
        );
        assert_eq!(
            title("Talks will resume in Geneva next week, said Rubio."),
            "Talks will resume in Geneva next week"
        );
        assert_eq!(
            title("The deal, he said, was the best on offer."),
            "The deal was the best on offer"
        );
    }

    #[test]
    fn long_sentences_end_at_a_clause_boundary() {
        assert_eq!(
            title(
                "Thousands of dockworkers walked off the job at the port of Rotterdam on Monday, halting container handling at Europe's largest port in a dispute over pay."
            ),
            "Thousands of dockworkers walked off the job at the port of Rotterdam"
        );
        assert_eq!(
            title(
                "Mediated talks to end the strike at the port broke down on Thursday after the union rejected a revised pay offer from terminal operators, deepening a dispute that has paralysed the port."
            ),
            "Mediated talks to end the strike at the port broke down"
        );
    }

    #[test]
    fn no_safe_short_form_gives_the_whole_sentence() {
        let lede = "US Secretary of State Marco Rubio warned on Friday that the United States might soon “move on” from trying to broker a Russia-Ukraine peace deal if significant progress is not made in the coming days. Second sentence.";
        let t = derive_title_from_lede(lede, 0);
        assert_eq!(
            t.title,
            lede.split(" days.").next().unwrap().to_string() + " days"
        );
        let TitleFrom::Sentence { end, .. } = t.from else {
            panic!("{:?}", t.from)
        };
        assert_eq!(&lede[end..], "Second sentence.");
        // A short sentence with nothing to drop is its own headline.
        let t = derive_title_from_lede("Port strike enters second week.", 0);
        assert_eq!(t.title, "Port strike enters second week");
        assert!(matches!(t.from, TitleFrom::Sentence { .. }));
    }

    #[test]
    fn never_an_ellipsis_and_never_an_open_quote() {
        let lede = "Lyon Mayor Claire Morel and her main challenger, Étienne Rousseau, began the final week of campaigning on Monday ahead of a snap city election that polls suggest is too close to call.";
        let t = title(lede);
        assert!(!t.contains('…'), "{t}");
        let t = title(
            "The minister said the government would “not stand by, whatever the cost, while the port is shut” and would act within days.",
        );
        assert!(!t.contains('…'), "{t}");
        assert_eq!(t.matches('“').count(), t.matches('”').count(), "{t}");
    }
}
