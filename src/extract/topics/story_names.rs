//! Names of running stories, as a newspaper would print them: an actor and a subject
//! ("Sbarro bankruptcy", "Rotterdam port strike"), or a short noun phrase ("measles
//! outbreak").
//!
//! Rules, each for a reason:
//! - every word comes from the text of at least half of the story's items, so the name says
//!   what most of them are about;
//! - every word is written as the text writes it (USDA, iPhone), taking the most common form;
//! - verbs, adverbs and function words never name a story (`lang/en/not_keywords.txt`), nor
//!   numbers;
//! - of the phrases that qualify, the rarest in English (background statistics) win, so
//!   "bankruptcy" beats "company".

use rustc_hash::FxHashMap;

use super::TopicInput;
use super::background;
use super::terms::normalise_term;
use crate::lang::Lexicon;

/// Paragraphs of each item read for names besides its title: the lede and what follows it.
const LEAD_PARAGRAPHS: usize = 3;
/// Rarity (see [`rarity`]) counted at most per word: about that of a word in one article of
/// a hundred.
const RARITY_CAP: f32 = 5.0;
/// Items of a story read for its name at most.
const NAME_SAMPLE: usize = 40;
/// Longest phrase, in words.
const MAX_PHRASE: usize = 3;

/// A word that may stand in a name: letters (no digits), not a verb, adverb or function
/// word. An acronym in capitals ("US", "WHO", "ECB") is a name even when its lower-case
/// form is a function word.
fn may_name(word: &str) -> bool {
    if word.chars().count() < 2
        || !word.chars().any(char::is_alphabetic)
        || word.chars().any(|c| c.is_ascii_digit())
    {
        return false;
    }
    let acronym = word.chars().all(|c| c.is_uppercase() || c == '.');
    if acronym {
        return true;
    }
    let lower = word.to_lowercase();
    let mut buf = String::new();
    !Lexicon::get().is_not_keyword(&lower) && normalise_term(&lower, &mut buf).is_some()
}

/// How rare a word is in English: -ln of the share of articles containing it.
fn rarity(word: &str) -> f32 {
    let mut buf = String::new();
    match normalise_term(word, &mut buf) {
        Some(hash) => -background::share(hash).max(1e-9).ln(),
        None => 0.0,
    }
}

/// Splits text into runs of words that may form a phrase: punctuation other than inner
/// apostrophes, hyphens and periods ends a run.
fn runs(text: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = vec![Vec::new()];
    for raw in text.split_whitespace() {
        let ends_run = raw.ends_with([',', ';', ':', '!', '?', ')', '"', '”', '’', '.'])
            && !raw.trim_end_matches('.').contains('.');
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let starts_run = raw.starts_with(['(', '"', '“', '‘', '\'']);
        if starts_run && !out.last().is_some_and(Vec::is_empty) {
            out.push(Vec::new());
        }
        if word.is_empty() || !may_name(word) {
            if !out.last().is_some_and(Vec::is_empty) {
                out.push(Vec::new());
            }
        } else {
            out.last_mut().expect("never empty").push(word);
        }
        if ends_run && !out.last().is_some_and(Vec::is_empty) {
            out.push(Vec::new());
        }
    }
    out.retain(|r| !r.is_empty());
    out
}

/// A phrase found in the story's items.
#[derive(Default)]
struct Phrase {
    /// Items containing it.
    items: usize,
    /// The last item counted in `items`, plus one (0: none yet).
    last_item: usize,
    /// Written forms and how often each is used.
    forms: FxHashMap<String, u32>,
    words: usize,
}

impl Phrase {
    /// The most common written form; on a tie, lower case (the text's own case in running
    /// prose, not a headline's capitals), then the first in byte order.
    fn form(&self) -> &str {
        self.forms
            .iter()
            .max_by(|a, b| {
                a.1.cmp(b.1)
                    .then_with(|| lowercase_count(a.0).cmp(&lowercase_count(b.0)))
                    .then_with(|| b.0.cmp(a.0))
            })
            .map(|(f, _)| f.as_str())
            .unwrap_or("")
    }
}

fn lowercase_count(s: &str) -> usize {
    s.chars().filter(|c| c.is_lowercase()).count()
}

fn lead_text(item: &TopicInput<'_>) -> String {
    let mut text = item.title.to_string();
    for p in item.paragraphs.iter().take(LEAD_PARAGRAPHS) {
        text.push('\n');
        text.push_str(p);
    }
    text
}

/// Name options for a story of these items, best first: each is a phrase supported by at
/// least half of the items, alone or after another that does not share its words.
pub(super) fn name_options(members: &[usize], items: &[TopicInput<'_>]) -> Vec<String> {
    // A long story is named from an even sample of its items: reading every item of a
    // story of thousands cost seconds at 100,000 articles, and names the same.
    let step = members.len().div_ceil(NAME_SAMPLE).max(1);
    let members: Vec<usize> = members.iter().copied().step_by(step).collect();
    let members = members.as_slice();
    let texts: Vec<String> = members.iter().map(|&m| lead_text(&items[m])).collect();
    // Phrases are keyed by their lower-case form; the key and the written form are built in
    // reused buffers, and allocated only for a phrase or form not seen before.
    let mut phrases: FxHashMap<String, Phrase> = FxHashMap::default();
    let (mut key, mut form) = (String::new(), String::new());
    for (n, text) in texts.iter().enumerate() {
        for run in runs(text) {
            let lower: Vec<String> = run.iter().map(|w| w.to_lowercase()).collect();
            for start in 0..run.len() {
                for len in 1..=MAX_PHRASE.min(run.len() - start) {
                    key.clear();
                    form.clear();
                    for k in start..start + len {
                        if k > start {
                            key.push(' ');
                            form.push(' ');
                        }
                        key.push_str(&lower[k]);
                        form.push_str(run[k]);
                    }
                    if !phrases.contains_key(key.as_str()) {
                        phrases.insert(key.clone(), Phrase::default());
                    }
                    let p = phrases.get_mut(key.as_str()).expect("inserted above");
                    p.words = len;
                    match p.forms.get_mut(form.as_str()) {
                        Some(c) => *c += 1,
                        None => {
                            p.forms.insert(form.clone(), 1);
                        }
                    }
                    if p.last_item != n + 1 {
                        p.last_item = n + 1;
                        p.items += 1;
                    }
                }
            }
        }
    }
    let need = members.len().div_ceil(2);
    let mut ranked: Vec<(f32, String, String)> = phrases
        .into_iter()
        .filter(|(_, p)| p.items >= need)
        // A possessive needs what follows it ("city's" alone names nothing).
        .filter(|(key, _)| !key.ends_with("'s") && !key.ends_with("’s"))
        .map(|(key, p)| {
            let form = p.form().to_string();
            // A name the background has never seen is not worth more than a rare word:
            // the subject ("bankruptcy", "ceasefire") must be able to compete with names.
            let rare: f32 = form
                .split(' ')
                .map(|w| rarity(w).min(RARITY_CAP))
                .sum::<f32>();
            // Longer phrases say more ("port strike" over "strike"); a phrase every item
            // uses names the story better than one half of them use.
            let support = p.items as f32 / members.len() as f32;
            let score = rare * (1.0 + 0.15 * (p.words as f32 - 1.0)) * support * support;
            (score, key, form)
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    // A phrase that another, better one contains adds nothing ("strike" under "port strike").
    let mut kept: Vec<(String, String)> = Vec::new();
    for (_, key, form) in ranked {
        if kept.len() >= 6 {
            break;
        }
        if kept.iter().any(|(k, _)| contains_words(k, &key)) {
            continue;
        }
        kept.push((key, form));
    }
    let mut options = Vec::new();
    // Two phrases together read best: a name, then a subject in lower case ("Sbarro
    // bankruptcy", "Rotterdam port strike"); otherwise the better one first. Then each alone.
    for (i, (ka, a)) in kept.iter().enumerate() {
        for (kb, b) in kept.iter().skip(i + 1) {
            if a.split(' ').count() + b.split(' ').count() > 4 || shares_word(ka, kb) {
                continue;
            }
            let (first, second) = if is_name(b) && !is_name(a) {
                (b, a)
            } else {
                (a, b)
            };
            options.push(format!("{first} {second}"));
        }
        if i == 0 && options.is_empty() {
            options.push(a.clone());
        }
    }
    // Name-and-subject pairs first, keeping the order found otherwise.
    options.sort_by_key(|o| {
        let head = o.split(' ').next().unwrap_or("");
        !(is_name(head) && o.split(' ').any(|w| !is_name(w)))
    });
    for (_, a) in &kept {
        if !options.contains(a) {
            options.push(a.clone());
        }
    }
    options
}

/// A word or phrase written with a capital (a name: "Sbarro", "USDA", "iPhone").
fn is_name(phrase: &str) -> bool {
    phrase.split(' ').all(|w| w.chars().any(char::is_uppercase))
}

fn contains_words(long: &str, short: &str) -> bool {
    format!(" {long} ").contains(&format!(" {short} "))
}

fn shares_word(a: &str, b: &str) -> bool {
    let mut buf = String::new();
    let terms: Vec<u64> = a
        .split(' ')
        .filter_map(|w| normalise_term(w, &mut buf))
        .collect();
    b.split(' ')
        .filter_map(|w| normalise_term(w, &mut buf))
        .any(|t| terms.contains(&t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn item<'a>(title: &'a str, text: &'a str) -> TopicInput<'a> {
        TopicInput {
            key: crate::content::fnv1a(title.as_bytes()),
            date: NaiveDate::from_ymd_opt(2025, 3, 3),
            title,
            paragraphs: vec![text],
            actors: &[],
            declared: &[],
            is_note: false,
        }
    }

    fn best(items: &[TopicInput<'_>]) -> String {
        let members: Vec<usize> = (0..items.len()).collect();
        name_options(&members, items).remove(0)
    }

    #[test]
    fn a_name_uses_words_most_items_contain_and_no_verbs() {
        let items = [
            item("Pizza-maker Sbarro filing for Chapter 11", ""),
            item(
                "Sbarro files for bankruptcy protection for the second time",
                "",
            ),
            item("Pizza chain Sbarro files for bankruptcy", ""),
            item("Sbarro seeks bankruptcy protection again", ""),
        ];
        let name = best(&items);
        assert!(name.contains("Sbarro"), "{name}");
        assert!(name.contains("bankruptcy"), "{name}");
        for verb in ["files", "filing", "seeks", "again", "second"] {
            assert!(!name.contains(verb), "{name}");
        }
    }

    #[test]
    fn words_keep_the_case_the_text_writes() {
        let items = [
            item(
                "USDA cuts corn forecast",
                "The USDA said stocks of corn would fall.",
            ),
            item(
                "USDA sees smaller corn crop",
                "Corn output will shrink, the USDA said.",
            ),
        ];
        let name = best(&items);
        assert!(name.contains("USDA"), "{name}");
        assert!(!name.contains("Usda"), "{name}");
    }

    #[test]
    fn function_words_adverbs_and_numbers_never_name() {
        for w in [
            "the",
            "soon",
            "trying",
            "could",
            "reportedly",
            "2014",
            "said",
        ] {
            assert!(!may_name(w), "{w}");
        }
        for w in ["strike", "talks", "US", "WHO", "iPhone", "bankruptcy"] {
            assert!(may_name(w), "{w}");
        }
    }

    #[test]
    fn a_word_only_a_few_items_use_is_left_out() {
        let items = [
            item("Measles outbreak closes schools in Enid", ""),
            item("Measles outbreak grows as basilica shuts", ""),
            item("Health officials widen measles outbreak response", ""),
        ];
        let name = best(&items);
        assert!(name.to_lowercase().contains("measles outbreak"), "{name}");
        assert!(
            !name.contains("basilica") && !name.contains("Enid"),
            "{name}"
        );
    }
}
