//! Topics: what each item is about.
//!
//! 1. **Curated** topics come first: front-matter `topics`, and topic profiles whose keyword or
//!    actor rules match the item.
//! 2. **Themes**: every article also belongs to one broad theme (markets, oil, elections…),
//!    found by spherical k-means over TF-IDF vectors; an article without a curated topic has its
//!    theme as main topic, so every article has at least one topic.
//! 3. **Stories**: running stories, articles sharing distinctive terms and actors close in time,
//!    found by single-pass clustering in date order; a story needs at least two items.
//!
//! Names are made from the most distinctive terms. Everything is deterministic: the same input
//! gives the same topics, whatever the thread count.

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::people::fold;
use super::{Actor, ActorMention, Topic, TopicId, TopicKind};
use crate::content::ActorKind;
use crate::content::TopicProfile;
use crate::text::slugify;

/// Cosine similarity two items need to link into one story.
const LINK_THRESHOLD: f32 = 0.25;
/// Terms kept per item vector and per story centroid.
const ITEM_TERMS: usize = 24;
/// Items whose term counts are held at once while numbering terms.
const COUNT_CHUNK: usize = 4096;
const CENTROID_TERMS: usize = 48;
/// Query terms used to find candidate stories.
const PROBE_TERMS: usize = 10;
/// Terms per item vector for themes, and at most this many k-means rounds.
const THEME_ITEM_TERMS: usize = 200;
const THEME_ROUNDS: usize = 15;
/// Largest number of articles themes are fitted on (see [`themes`]).
const THEME_SAMPLE: usize = 20_000;
/// Seeds tried for k-means++ (the best objective would win). The result varies with the seed
/// (topic NMI 0.50–0.55 on Reuters over seeds 1–6 and one other); more seeds chosen by the
/// k-means objective did not score better, so one is used, at a fraction of the time.
const THEME_SEEDS: &[u64] = &[1];
/// Collections with fewer articles have no themes: stories and curated topics suffice.
const THEMES_FROM: usize = 200;

const STOPWORDS: &[&str] = &[
    "the",
    "and",
    "for",
    "that",
    "with",
    "was",
    "were",
    "are",
    "has",
    "have",
    "had",
    "but",
    "not",
    "from",
    "this",
    "will",
    "would",
    "could",
    "should",
    "which",
    "their",
    "they",
    "them",
    "been",
    "its",
    "his",
    "her",
    "she",
    "him",
    "who",
    "what",
    "when",
    "where",
    "said",
    "says",
    "also",
    "after",
    "before",
    "more",
    "than",
    "into",
    "about",
    "over",
    "under",
    "there",
    "these",
    "those",
    "other",
    "some",
    "such",
    "only",
    "very",
    "just",
    "can",
    "may",
    "might",
    "our",
    "out",
    "all",
    "any",
    "one",
    "two",
    "three",
    "new",
    "year",
    "years",
    "last",
    "first",
    "next",
    "told",
    "while",
    "since",
    "did",
    "does",
    "being",
    "made",
    "make",
    "like",
    "how",
    "why",
    "because",
    "then",
    "now",
    "you",
    "your",
    "per",
    "between",
    "against",
    "during",
    "without",
    "within",
    "most",
    "many",
    "much",
    "still",
    "even",
    "both",
    "each",
    "own",
    "same",
    "through",
    "whether",
    "week",
    "month",
    "day",
    "today",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "reuters",
    "reuter",
    "according",
    "added",
    "including",
    "expected",
    "officials",
    "official",
    "people",
    "time",
    "well",
    "back",
    "way",
    "another",
    "around",
    "several",
    "further",
    "already",
    "however",
    "although",
    "mr",
];

/// One item as the topic pass sees it.
pub struct TopicInput<'a> {
    /// A stable identity (a hash of the file path).
    pub key: u64,
    pub date: Option<NaiveDate>,
    pub title: &'a str,
    pub paragraphs: Vec<&'a str>,
    pub actors: &'a [ActorMention],
    /// Topic names from front matter.
    pub declared: &'a [String],
    /// Notes do not open stories or themes of their own; they join curated topics and
    /// stories only.
    pub is_note: bool,
}

/// A sparse vector: (term id, weight), L2-normalised, heaviest terms first.
type Vector = Vec<(u32, f32)>;

/// The shared vector space of all items.
struct Space {
    vectors: Vec<Vector>,
    /// Richer vectors without actor features, for themes.
    theme_vectors: Vec<Vector>,
    /// Display form per feature: the word, or the actor's name.
    display: Vec<String>,
    /// A stable key per item (a hash of its path), for seeding that survives edits.
    keys: Vec<u64>,
    /// Which features are actors rather than words.
    is_actor: Vec<bool>,
    /// The actor behind each actor feature.
    feature_actor: Vec<Option<crate::extract::ActorId>>,
    /// Actor features that may lead a story's name (people and organisations, not places).
    lead_actors: Vec<bool>,
    /// Folded words of lead actors' names of two or more words -> those features, to spot a
    /// name spread over separate words ("authority · nordic · monetary").
    name_words: FxHashMap<String, Vec<u32>>,
    /// Folded words of people's names ("samir", "kaplan"): not theme or story words alone.
    person_words: rustc_hash::FxHashSet<String>,
}

/// The stop words by their term hash: a word is hashed once, and that hash both rules out
/// stop words and keys the term.
fn stopwords() -> &'static rustc_hash::FxHashSet<u64> {
    static SET: std::sync::LazyLock<rustc_hash::FxHashSet<u64>> =
        std::sync::LazyLock::new(|| STOPWORDS.iter().map(|w| term_hash(w)).collect());
    &SET
}

/// Folds a word into its term in `buf`: lower case, crude plural folding ("talks" -> "talk",
/// "policies" -> "policy"). Returns the term's hash, or None for words that are not terms
/// (short, numeric, stop words).
fn normalise_term(w: &str, buf: &mut String) -> Option<u64> {
    if w.len() < 3 {
        return None;
    }
    buf.clear();
    // Nearly every word is ASCII: checked and lowered in one pass over its bytes.
    let mut ascii = w.as_bytes()[0].is_ascii_alphabetic();
    if ascii {
        for &c in w.as_bytes() {
            if c.is_ascii_digit() {
                return None;
            }
            if !c.is_ascii() {
                ascii = false;
                break;
            }
            buf.push(c.to_ascii_lowercase() as char);
        }
    }
    if !ascii {
        buf.clear();
        if !w.starts_with(char::is_alphabetic) || w.bytes().any(|b| b.is_ascii_digit()) {
            return None;
        }
        for c in w.chars() {
            buf.extend(c.to_lowercase());
        }
    }
    let hash = term_hash(buf);
    if stopwords().contains(&hash) {
        return None;
    }
    if buf.len() >= 6 && buf.ends_with("ies") {
        buf.truncate(buf.len() - 3);
        buf.push('y');
    } else if buf.len() >= 5
        && buf.ends_with('s')
        && !buf.ends_with("ss")
        && !buf.ends_with("us")
        && !buf.ends_with("is")
    {
        buf.pop();
    } else {
        return Some(hash);
    }
    Some(term_hash(buf))
}

/// Characters a word is made of: letters and digits, with apostrophes, hyphens and periods
/// inside ("U.S.", "al-Assad", "O'Brien").
fn is_term_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '.')
}

/// [`is_term_char`] for each ASCII byte, so most text is split without decoding.
static ASCII_TERM_CHAR: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric() || matches!(b as u8, b'\'' | b'-' | b'.');
        b += 1;
    }
    t
};

/// The words of a text: runs of [`is_term_char`], without leading or trailing joiners or a
/// possessive `'s`.
fn words(text: &str) -> Words<'_> {
    Words { text, pos: 0 }
}

struct Words<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Words<'a> {
    /// Whether the character at `self.pos` belongs to a word, and its length in bytes.
    fn at(&self) -> (bool, usize) {
        let b = self.text.as_bytes()[self.pos];
        if b.is_ascii() {
            return (ASCII_TERM_CHAR[b as usize], 1);
        }
        let c = self.text[self.pos..].chars().next().unwrap_or(' ');
        (is_term_char(c), c.len_utf8())
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let len = self.text.len();
        loop {
            while self.pos < len {
                let (word, n) = self.at();
                if word {
                    break;
                }
                self.pos += n;
            }
            if self.pos >= len {
                return None;
            }
            let start = self.pos;
            while self.pos < len {
                let (word, n) = self.at();
                if !word {
                    break;
                }
                self.pos += n;
            }
            let w =
                self.text[start..self.pos].trim_matches(|c| matches!(c, '\'' | '’' | '-' | '.'));
            let w = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .unwrap_or(w);
            if !w.is_empty() {
                return Some(w);
            }
        }
    }
}

fn term_hash(term: &str) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = rustc_hash::FxBuildHasher.build_hasher();
    h.write(term.as_bytes());
    h.finish()
}

/// One term of one item: its hash, a written form for display, its weighted count, and whether
/// the item writes it in lower case.
type TermCount<'a> = (u64, &'a str, f32, bool);

/// Term counts of one item: title words count three times, the lede twice.
fn term_counts<'a>(input: &TopicInput<'a>) -> Vec<TermCount<'a>> {
    thread_local! {
        /// Term hash -> its place in the item's list: one table per thread, cleared for each
        /// item rather than built and grown again.
        static SLOTS: std::cell::RefCell<FxHashMap<u64, u32>> = Default::default();
    }
    SLOTS.with_borrow_mut(|slots| {
        slots.clear();
        let mut v: Vec<TermCount<'a>> = Vec::new();
        let mut buf = String::new();
        let mut add = |text: &'a str, weight: f32| {
            for w in words(text) {
                if let Some(hash) = normalise_term(w, &mut buf) {
                    let lower = w.starts_with(char::is_lowercase);
                    let slot = *slots.entry(hash).or_insert_with(|| {
                        v.push((hash, w, 0.0, false));
                        (v.len() - 1) as u32
                    });
                    let e = &mut v[slot as usize];
                    e.2 += weight;
                    e.3 |= lower;
                }
            }
        };
        add(input.title, 3.0);
        for (i, p) in input.paragraphs.iter().enumerate().take(12) {
            add(p, if i == 0 { 2.0 } else { 1.0 });
        }
        v.sort_unstable_by_key(|e| e.0);
        v
    })
}

/// Features numbered in item order as items' counts arrive, with their document counts.
#[derive(Default)]
struct Numbering {
    /// Feature key (term hash, or an actor's key) -> feature id.
    ids: FxHashMap<u64, u32>,
    df: Vec<u32>,
    /// Per feature: items writing it in lower case, items writing it at all; `(u32::MAX, 0)`
    /// marks an actor feature.
    caps: Vec<(u32, u32)>,
    display: Vec<String>,
    feature_actor: Vec<Option<crate::extract::ActorId>>,
    /// Each item's features and raw counts.
    raw: Vec<Vec<(u32, f32)>>,
}

impl Numbering {
    fn id_of(&mut self, key: u64, shown: &str) -> u32 {
        let Numbering {
            ids,
            df,
            caps,
            display,
            ..
        } = self;
        *ids.entry(key).or_insert_with(|| {
            df.push(0);
            caps.push((0, 0));
            display.push(shown.to_string());
            (df.len() - 1) as u32
        })
    }

    fn add_item(&mut self, terms: Vec<TermCount<'_>>, item: &TopicInput<'_>, actors: &[Actor]) {
        let mut v = Vec::with_capacity(terms.len() + item.actors.len());
        for (key, shown, count, lower) in terms {
            let id = self.id_of(key, shown);
            self.df[id as usize] += 1;
            let c = &mut self.caps[id as usize];
            c.1 += 1;
            c.0 += u32::from(lower);
            v.push((id, count));
        }
        for m in item
            .actors
            .iter()
            .filter(|m| !m.minor && m.first_paragraph <= 2)
        {
            // Actor features live in their own key space (the top bit set).
            let key = (1u64 << 63) | u64::from(m.actor);
            let id = self.id_of(key, &actors[m.actor as usize].name);
            self.caps[id as usize] = (u32::MAX, 0);
            if self.feature_actor.len() <= id as usize {
                self.feature_actor.resize(id as usize + 1, None);
            }
            self.feature_actor[id as usize] = Some(m.actor);
            self.df[id as usize] += 1;
            v.push((id, 2.0));
        }
        v.shrink_to_fit();
        self.raw.push(v);
    }
}

fn build_space(items: &[TopicInput<'_>], actors: &[Actor]) -> Space {
    // Terms are keyed by a 64-bit hash of their folded form: no string is allocated per word.
    let mut numbering = Numbering {
        raw: Vec::with_capacity(items.len()),
        ..Numbering::default()
    };
    // Counted in parallel a chunk at a time and numbered in item order: the counts of the
    // whole collection at once would be the largest allocation of the build. Numbering is
    // serial, so one chunk is numbered while the next is counted.
    let mut chunks = items.chunks(COUNT_CHUNK);
    let mut counted: Option<(&[TopicInput<'_>], Vec<Vec<TermCount<'_>>>)> = None;
    loop {
        let next = chunks.next();
        let (_, next_counted) = rayon::join(
            || {
                if let Some((chunk, counts)) = counted.take() {
                    for (terms, item) in counts.into_iter().zip(chunk) {
                        numbering.add_item(terms, item, actors);
                    }
                }
            },
            || next.map(|chunk| (chunk, chunk.par_iter().map(term_counts).collect())),
        );
        counted = next_counted;
        if counted.is_none() {
            break;
        }
    }
    let Numbering {
        df,
        caps,
        mut display,
        mut feature_actor,
        raw,
        ..
    } = numbering;
    feature_actor.resize(display.len(), None);
    let is_actor: Vec<bool> = ids_actor(&display, &caps);
    // Display: lower case when the collection ever writes the word so; otherwise it is a
    // name: "Rotterdam", or "U.S." for abbreviations. Actor names stay as they are.
    for ((d, (lower_items, _)), actor) in display.iter_mut().zip(&caps).zip(&is_actor) {
        if *actor || d.is_empty() {
            continue;
        }
        let lower = d.to_lowercase();
        *d = if *lower_items > 0 {
            lower
        } else if lower.contains('.') {
            lower.to_uppercase()
        } else {
            let mut chars = lower.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        };
    }
    let n = items.len().max(1) as f32;
    // Inverse document frequency once per feature, not once per use.
    let idf: Vec<f32> = df.iter().map(|&d| (1.0 + n / d as f32).ln()).collect();
    // Heaviest first, ties by feature: a total order, so selecting the top `keep` and sorting
    // only those gives what sorting everything would.
    let heavier = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    let top = |mut w: Vec<(u32, f32)>, keep: usize| -> Vector {
        if w.len() > keep {
            w.select_nth_unstable_by(keep, heavier);
            w.truncate(keep);
        }
        // Kept for all of topic finding: without the room of the item's full term list
        // (about 140 MiB at 100,000 articles).
        w.shrink_to_fit();
        w.sort_unstable_by(heavier);
        let norm = w.iter().map(|(_, x)| x * x).sum::<f32>().sqrt().max(1e-9);
        for e in w.iter_mut() {
            e.1 /= norm;
        }
        w
    };
    // Each item's TF-IDF weights, computed once for both vectors: the item vector (actors
    // included) and the richer theme vector (words only).
    let (vectors, theme_vectors): (Vec<Vector>, Vec<Vector>) = raw
        .par_iter()
        .map(|v| {
            let all: Vec<(u32, f32)> = v
                .iter()
                .map(|&(t, c)| (t, (1.0 + c.ln()) * idf[t as usize]))
                .collect();
            let word_weights: Vec<(u32, f32)> = all
                .iter()
                .copied()
                .filter(|(t, _)| !is_actor[*t as usize])
                .collect();
            (top(all, ITEM_TERMS), top(word_weights, THEME_ITEM_TERMS))
        })
        .unzip();
    Space {
        vectors,
        theme_vectors,
        display,
        keys: items.iter().map(|i| i.key).collect(),
        is_actor,
        feature_actor,
        lead_actors: Vec::new(),
        name_words: FxHashMap::default(),
        person_words: Default::default(),
    }
}

/// Actor features carry the marker `(u32::MAX, 0)` in the capitalisation counts.
fn ids_actor(display: &[String], caps: &[(u32, u32)]) -> Vec<bool> {
    display
        .iter()
        .zip(caps)
        .map(|(_, c)| *c == (u32::MAX, 0))
        .collect()
}

/// A sparse centroid, its norm, and helpers.
#[derive(Default, Clone)]
struct Centroid {
    weights: FxHashMap<u32, f32>,
    norm: f32,
}

impl Centroid {
    fn add(&mut self, v: &Vector) {
        for &(t, w) in v {
            *self.weights.entry(t).or_insert(0.0) += w;
        }
    }

    fn truncate(&mut self, keep: usize) {
        if self.weights.len() > keep {
            let mut entries: Vec<(u32, f32)> = self.weights.drain().collect();
            entries.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            entries.truncate(keep);
            self.weights.extend(entries);
        }
        self.norm = self.weights.values().map(|w| w * w).sum::<f32>().sqrt();
    }

    fn top_terms(&self, n: usize) -> Vec<u32> {
        let mut entries: Vec<(&u32, &f32)> = self.weights.iter().collect();
        entries.sort_by(|a, b| b.1.total_cmp(a.1).then(a.0.cmp(b.0)));
        entries.into_iter().take(n).map(|(t, _)| *t).collect()
    }
}

/// A readable name from the heaviest features: "Nordic Monetary Authority · rate · inflation",
/// "oil · opec · crude". Words already in a chosen actor's name are skipped.
fn name_from(c: &Centroid, space: &Space) -> String {
    name_from_terms(&c.top_terms(12), space)
}

fn name_from_terms(terms: &[u32], space: &Space) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let mut used: Vec<String> = Vec::new();
    // A leading actor names a story best ("Claire Morel · Lyon · runoff"): one among the top
    // features, or one whose every name word is among the top words.
    let top_words: Vec<String> = terms
        .iter()
        .take(6)
        .map(|&t| fold(&space.display[t as usize]))
        .collect();
    let lead = terms
        .iter()
        .take(10)
        .copied()
        .find(|&t| space.lead_actors.get(t as usize).copied().unwrap_or(false))
        .or_else(|| {
            top_words
                .iter()
                .flat_map(|w| space.name_words.get(w).into_iter().flatten())
                .copied()
                .find(|&a| {
                    let name = fold(&space.display[a as usize]);
                    name.split(' ').all(|w| top_words.iter().any(|x| x == w))
                })
        });
    let ordered = lead
        .into_iter()
        .chain(terms.iter().copied().filter(|&t| Some(t) != lead));
    for t in ordered {
        let d = space.display[t as usize].as_str();
        if d.is_empty() {
            continue;
        }
        let folded = fold(d);
        if space.is_actor[t as usize] {
            if parts.iter().any(|p| {
                fold(p)
                    .split(' ')
                    .any(|w| folded.split(' ').any(|x| x == w))
            }) {
                continue;
            }
            used.extend(folded.split(' ').map(str::to_string));
        } else if used
            .iter()
            .any(|u| *u == folded || fold(&crate::text::slugify(d)) == *u)
            // A word of a person's name ("Samir", "Kaplan") names nobody alone; the person
            // is a feature of their own.
            || space.person_words.contains(&folded)
        {
            continue;
        }
        parts.push(d);
        if parts.len() == 3 {
            break;
        }
    }
    if parts.is_empty() {
        "Miscellaneous".to_string()
    } else {
        parts.join(" · ")
    }
}

/// Assigns topics. Returns the topics and, per item, its topic ids with the main one first.
pub fn assign(
    profiles: &[TopicProfile],
    items: &[TopicInput<'_>],
    actors: &[Actor],
    window_days: i64,
    steps: &mut super::Steps,
    clock: &mut std::time::Instant,
) -> (Vec<Topic>, Vec<Vec<TopicId>>) {
    let mut topics: Vec<Topic> = Vec::new();
    let mut per_item: Vec<Vec<TopicId>> = vec![Vec::new(); items.len()];
    curated(profiles, items, actors, &mut topics, &mut per_item);

    let mut space = build_space(items, actors);
    steps.lap("terms", clock);
    space.lead_actors = space
        .feature_actor
        .iter()
        .map(|a| a.is_some_and(|id| actors[id as usize].kind != ActorKind::Place))
        .collect();
    space.person_words = actors
        .iter()
        .filter(|a| a.kind == ActorKind::Person && a.name.split_whitespace().count() >= 2)
        .flat_map(|a| {
            fold(&a.name)
                .split(' ')
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    for (t, d) in space.display.iter().enumerate() {
        if space.lead_actors[t] && d.split_whitespace().count() >= 2 {
            for w in fold(d).split(' ') {
                space
                    .name_words
                    .entry(w.to_string())
                    .or_default()
                    .push(t as u32);
            }
        }
    }

    // Themes, in collections large enough to have sections: one per article, its main topic
    // when no curated topic applies.
    let articles: Vec<usize> = (0..items.len()).filter(|&i| !items[i].is_note).collect();
    let with_themes = articles.len() >= THEMES_FROM;
    if with_themes {
        let (theme_of, theme_terms) = themes(&space, &articles, theme_count(articles.len()));
        let first_theme = topics.len();
        for terms in &theme_terms {
            topics.push(Topic {
                name: name_from_terms(terms, &space),
                slug: String::new(),
                kind: TopicKind::Theme,
                profile: None,
                terms: terms
                    .iter()
                    .filter(|&&t| !space.is_actor[t as usize])
                    .take(8)
                    .map(|&t| space.display[t as usize].clone())
                    .collect(),
                count: 0,
            });
        }
        for (&item, &theme) in articles.iter().zip(&theme_of) {
            per_item[item].push((first_theme + theme) as TopicId);
        }
        steps.lap("themes", clock);
    }

    // Stories: two or more items close in time. In small collections, an article with no
    // other topic keeps its one-article story, so every article has a topic.
    let kept: Vec<(Vec<usize>, Centroid)> = stories(&space, items, window_days)
        .into_iter()
        .filter(|(members, _)| {
            let lone = members.len() < 2;
            !(lone && (with_themes || members.iter().any(|&m| !per_item[m].is_empty())))
        })
        .collect();
    // Names and terms of every story in parallel; numbered in order after.
    let named: Vec<(Vec<usize>, Topic)> = kept
        .into_par_iter()
        .map(|(members, centroid)| {
            let topic = Topic {
                name: name_from(&centroid, &space),
                slug: String::new(),
                kind: TopicKind::Story,
                profile: None,
                terms: centroid
                    .top_terms(12)
                    .into_iter()
                    .filter(|&t| !space.is_actor[t as usize])
                    .take(8)
                    .map(|t| space.display[t as usize].clone())
                    .collect(),
                count: 0,
            };
            (members, topic)
        })
        .collect();
    for (members, topic) in named {
        let id = topics.len() as TopicId;
        topics.push(topic);
        for m in members {
            per_item[m].push(id);
        }
    }
    steps.lap("stories", clock);
    finish(topics, per_item)
}

/// Curated topics: front-matter names and topic profiles with their rules.
fn curated(
    profiles: &[TopicProfile],
    items: &[TopicInput<'_>],
    actors: &[Actor],
    topics: &mut Vec<Topic>,
    per_item: &mut [Vec<TopicId>],
) {
    let mut by_name: FxHashMap<String, TopicId> = FxHashMap::default();
    let mut rules: Vec<(TopicId, Vec<String>, Vec<String>)> = Vec::new();
    for (i, p) in profiles.iter().enumerate() {
        let id = topics.len() as TopicId;
        topics.push(Topic {
            name: p.name.clone(),
            slug: p.slug.clone(),
            kind: TopicKind::Curated,
            profile: Some(i),
            terms: p.keywords.clone(),
            count: 0,
        });
        for n in std::iter::once(&p.name)
            .chain(&p.aliases)
            .chain(std::iter::once(&p.slug))
        {
            by_name.entry(fold(n)).or_insert(id);
        }
        rules.push((
            id,
            p.keywords
                .iter()
                .map(|k| fold(k))
                .filter(|k| !k.is_empty())
                .collect(),
            p.actors.iter().map(|a| fold(a)).collect(),
        ));
    }
    rules.retain(|(_, k, a)| !k.is_empty() || !a.is_empty());
    for (i, item) in items.iter().enumerate() {
        for name in item.declared {
            let key = fold(name);
            let id = *by_name.entry(key).or_insert_with(|| {
                topics.push(Topic {
                    name: name.clone(),
                    slug: String::new(),
                    kind: TopicKind::Curated,
                    profile: None,
                    terms: Vec::new(),
                    count: 0,
                });
                (topics.len() - 1) as TopicId
            });
            if !per_item[i].contains(&id) {
                per_item[i].push(id);
            }
        }
        if rules.is_empty() {
            continue;
        }
        let folded = format!(
            " {} {} ",
            fold(item.title),
            item.paragraphs
                .iter()
                .map(|p| fold(p))
                .collect::<Vec<_>>()
                .join(" ")
        );
        for (id, keywords, rule_actors) in &rules {
            let by_keyword = keywords.iter().any(|k| folded.contains(&format!(" {k} ")));
            let by_actor = item.actors.iter().any(|m| {
                let a = &actors[m.actor as usize];
                std::iter::once(&a.name)
                    .chain(&a.aliases)
                    .any(|n| rule_actors.contains(&fold(n)))
            });
            if (by_keyword || by_actor) && !per_item[i].contains(id) {
                per_item[i].push(*id);
            }
        }
    }
}

/// How many themes: growing slowly with the collection, like a newspaper's sections (a few
/// for a handful of articles, about 23 for 300, about 40 for 20,000), and never more than one
/// per eight articles.
fn theme_count(articles: usize) -> usize {
    let k = (4.0 * (articles.max(1) as f64).ln()).round() as usize;
    k.clamp(1, 80).min((articles / 8).max(1))
}

/// A small deterministic generator for k-means++ seeding.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E3779B97F4A7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB);
        z ^ (z >> 31)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// `scores += w * row(t)` for each term `(t, w)` of `v`, rows `stride` long: the inner loop
/// of k-means. With AVX2 the same additions run eight lanes at a time; each lane does the
/// same multiply and add as the plain loop (no fused multiply-add), so results are identical.
fn add_rows(weights: &[f32], stride: usize, v: &Vector, scores: &mut [f32]) {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU supports AVX2, checked just above.
        unsafe { add_rows_avx2(weights, stride, v, scores) };
        return;
    }
    add_rows_plain(weights, stride, v, scores);
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn add_rows_avx2(weights: &[f32], stride: usize, v: &Vector, scores: &mut [f32]) {
    add_rows_plain(weights, stride, v, scores);
}

#[inline(always)]
fn add_rows_plain(weights: &[f32], stride: usize, v: &Vector, scores: &mut [f32]) {
    for &(t, w) in v.iter() {
        let row = &weights[t as usize * stride..(t as usize + 1) * stride];
        for (s, r) in scores.iter_mut().zip(row) {
            *s += w * r;
        }
    }
}

/// k centroids stored term-major (`weights[t * stride + c]`), so scoring a document against
/// all of them is one pass over its terms with a contiguous row of k weights each. Rows are
/// padded with zeros to a multiple of eight, whole vector registers.
struct Centroids {
    stride: usize,
    weights: Vec<f32>,
    norms: Vec<f32>,
}

impl Centroids {
    fn from_assignment(vocab: usize, k: usize, vecs: &[&Vector], assign: &[usize]) -> Centroids {
        let stride = k.div_ceil(8).max(1) * 8;
        let mut weights = vec![0f32; vocab * stride];
        for (v, &c) in vecs.iter().zip(assign) {
            for &(t, w) in v.iter() {
                weights[t as usize * stride + c] += w;
            }
        }
        let mut norms = vec![0f32; k];
        for row in weights.chunks_exact(stride) {
            for (n, w) in norms.iter_mut().zip(row) {
                *n += w * w;
            }
        }
        for n in norms.iter_mut() {
            *n = n.sqrt();
        }
        Centroids {
            stride,
            weights,
            norms,
        }
    }

    /// The best centroid for `v` and its cosine similarity; `scores` is scratch space.
    fn best(&self, v: &Vector, scores: &mut Vec<f32>) -> (usize, f32) {
        scores.clear();
        scores.resize(self.stride, 0.0);
        add_rows(&self.weights, self.stride, v, scores);
        let mut best = (0usize, f32::MIN);
        for (c, (s, n)) in scores.iter().zip(&self.norms).enumerate() {
            let sim = if *n > 0.0 { s / n } else { 0.0 };
            if sim > best.1 {
                best = (c, sim);
            }
        }
        best
    }

    /// How much weightier in a cluster than overall a word must be to name it.
    const MIN_LIFT: f32 = 1.5;

    /// The terms that set cluster `c` apart: weighty in it, and more so than in the whole
    /// collection (mean weight times the log of the ratio of the means), so words every item
    /// uses ("percent", "said") do not name a theme. `sizes` are the clusters' member counts.
    fn distinctive_terms(&self, c: usize, n: usize, sizes: &[usize]) -> Vec<u32> {
        let total: usize = sizes.iter().sum();
        let (size, total) = (sizes[c].max(1) as f32, total.max(1) as f32);
        let mut entries: Vec<(u32, f32)> = self
            .weights
            .chunks_exact(self.stride)
            .enumerate()
            .filter(|(_, row)| row[c] > 0.0)
            .filter_map(|(t, row)| {
                let (inside, overall) = (row[c] / size, row.iter().sum::<f32>() / total);
                let ratio = inside / overall;
                (ratio >= Self::MIN_LIFT).then(|| (t as u32, inside * ratio.ln()))
            })
            .collect();
        entries.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        entries.into_iter().take(n).map(|(t, _)| t).collect()
    }
}

/// One k-means run from a seed: returns the assignment and its total similarity.
fn kmeans_run(
    vocab: usize,
    vecs: &[&Vector],
    keys: &[u64],
    k: usize,
    seed: u64,
) -> (Vec<usize>, f64) {
    // k-means++ seeding: each next seed drawn in proportion to its squared distance from the
    // seeds so far. The draw is an exponential race on a uniform number per *item* (a hash of
    // its key and the round), not a shared random stream, so editing one article changes the
    // seeds only if that article's own weight changes enough: themes stay put while editing.
    let uniform = |i: usize, round: usize| {
        let mut g = SplitMix(keys[i] ^ seed ^ (round as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        g.unit().max(f64::MIN_POSITIVE)
    };
    let first = (0..vecs.len())
        .min_by(|&a, &b| uniform(a, 0).total_cmp(&uniform(b, 0)))
        .unwrap_or(0);
    let mut seeds = vec![first];
    let mut dense = vec![0f32; vocab];
    let mut best_sim = vec![f32::MIN; vecs.len()];
    loop {
        let last = vecs[*seeds.last().expect("at least one seed")];
        for &(t, w) in last.iter() {
            dense[t as usize] = w;
        }
        best_sim
            .par_iter_mut()
            .zip(vecs.par_iter())
            .for_each(|(b, v)| {
                let sim: f32 = v.iter().map(|&(t, w)| w * dense[t as usize]).sum();
                *b = b.max(sim);
            });
        for &(t, _) in last.iter() {
            dense[t as usize] = 0.0;
        }
        if seeds.len() >= k {
            break;
        }
        let round = seeds.len();
        // Smallest -ln(u) / weight wins: a draw in proportion to the weights.
        let pick = best_sim
            .par_iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let w = (1.0 - *s as f64).max(0.0).powi(2);
                (w > 0.0).then(|| (-uniform(i, round).ln() / w, i))
            })
            .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        match pick {
            Some((_, i)) => seeds.push(i),
            None => break,
        }
    }
    let k = seeds.len();
    let mut assign: Vec<usize> = vec![0; vecs.len()];
    for (c, &s) in seeds.iter().enumerate() {
        assign[s] = c;
    }
    let seed_vecs: Vec<&Vector> = seeds.iter().map(|&s| vecs[s]).collect();
    let mut centroids =
        Centroids::from_assignment(vocab, k, &seed_vecs, &(0..k).collect::<Vec<_>>());
    let mut objective = 0.0;
    for _ in 0..THEME_ROUNDS {
        let next: Vec<(usize, f32)> = vecs
            .par_iter()
            .map_init(Vec::new, |scores, v| centroids.best(v, scores))
            .collect();
        let changed = next
            .iter()
            .zip(&assign)
            .filter(|((a, _), b)| a != *b)
            .count();
        objective = next.iter().map(|(_, s)| *s as f64).sum();
        assign = next.into_iter().map(|(c, _)| c).collect();
        centroids = Centroids::from_assignment(vocab, k, vecs, &assign);
        if changed == 0 {
            break;
        }
    }
    (assign, objective)
}

/// Spherical k-means with k-means++ seeding, best of a few seeds. Returns each member's theme
/// and, per theme, its heaviest terms (empty themes removed).
fn themes(space: &Space, members: &[usize], k: usize) -> (Vec<usize>, Vec<Vec<u32>>) {
    if members.is_empty() {
        return (Vec::new(), Vec::new());
    }
    // A compact vocabulary: terms used by at least two members, most frequent first, so the
    // centroid rows a document touches sit close together in memory.
    let mut df: FxHashMap<u32, u32> = FxHashMap::default();
    for &i in members {
        for &(t, _) in &space.theme_vectors[i] {
            *df.entry(t).or_insert(0) += 1;
        }
    }
    let mut terms: Vec<(u32, u32)> = df.into_iter().filter(|(_, n)| *n >= 2).collect();
    terms.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let compact: FxHashMap<u32, u32> = terms
        .iter()
        .enumerate()
        .map(|(i, (t, _))| (*t, i as u32))
        .collect();
    let original: Vec<u32> = terms.iter().map(|(t, _)| *t).collect();
    let vocab = original.len().max(1);
    let owned: Vec<Vector> = members
        .par_iter()
        .map(|&i| {
            let mut v: Vector = space.theme_vectors[i]
                .iter()
                .filter_map(|(t, w)| compact.get(t).map(|&c| (c, *w)))
                .collect();
            let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt().max(1e-9);
            for e in v.iter_mut() {
                e.1 /= norm;
            }
            v.sort_unstable_by_key(|e| e.0);
            v
        })
        .collect();
    let vecs: Vec<&Vector> = owned.iter().collect();
    let keys: Vec<u64> = members.iter().map(|&i| space.keys[i]).collect();
    // Large collections: the themes are fitted on a sample (the items with the smallest keys,
    // a fixed set while editing) and every item then joins its nearest theme, so the cost
    // grows linearly with the collection rather than with it times the number of themes.
    let sample: Vec<usize> = if vecs.len() > THEME_SAMPLE {
        let mut by_key: Vec<usize> = (0..vecs.len()).collect();
        by_key.select_nth_unstable_by_key(THEME_SAMPLE, |&i| (keys[i], i));
        by_key.truncate(THEME_SAMPLE);
        by_key.sort_unstable();
        by_key
    } else {
        (0..vecs.len()).collect()
    };
    let fit_vecs: Vec<&Vector> = sample.iter().map(|&i| vecs[i]).collect();
    let fit_keys: Vec<u64> = sample.iter().map(|&i| keys[i]).collect();
    let (fitted, _) = THEME_SEEDS
        .iter()
        .map(|&seed| kmeans_run(vocab, &fit_vecs, &fit_keys, k.min(fit_vecs.len()), seed))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .expect("at least one seed");
    let assign = if sample.len() == vecs.len() {
        fitted
    } else {
        let k = fitted.iter().max().map_or(0, |m| m + 1);
        let centroids = Centroids::from_assignment(vocab, k, &fit_vecs, &fitted);
        vecs.par_iter()
            .map_init(Vec::new, |scores, v| centroids.best(v, scores).0)
            .collect()
    };
    let k = assign.iter().max().map_or(0, |m| m + 1);
    let centroids = Centroids::from_assignment(vocab, k, &vecs, &assign);
    let mut sizes = vec![0usize; k];
    for &c in &assign {
        sizes[c] += 1;
    }
    let mut remap = vec![usize::MAX; k];
    let mut top: Vec<Vec<u32>> = Vec::new();
    for c in 0..k {
        if sizes[c] > 0 {
            remap[c] = top.len();
            top.push(
                centroids
                    .distinctive_terms(c, 10, &sizes)
                    .into_iter()
                    .map(|t| original[t as usize])
                    .collect(),
            );
        }
    }
    (assign.into_iter().map(|c| remap[c]).collect(), top)
}

/// Story clustering: every item links to its most similar earlier item within the window
/// (when similar enough); stories are the connected groups. Links depend on pairs only, so an
/// edit to one article can change only its own story, not the whole collection's.
fn stories(
    space: &Space,
    items: &[TopicInput<'_>],
    window_days: i64,
) -> Vec<(Vec<usize>, Centroid)> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| (items[i].date, items[i].key, i));
    // Each item is compared with the latest earlier items (in `order`) that share one of its
    // leading terms. Those candidates depend only on the order, not on the links made so
    // far, so every item's closest earlier item is found in parallel; linking then runs in
    // order. Postings hold positions in `order`, ascending.
    let mut postings: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for (pos, &i) in order.iter().enumerate() {
        if !items[i].is_note {
            for (t, _) in space.vectors[i].iter().take(PROBE_TERMS) {
                postings.entry(*t).or_default().push(pos as u32);
            }
        }
    }
    let vocab = space.display.len();
    // Day numbers: comparing them is far cheaper than chrono's date subtraction.
    let day: Vec<Option<i32>> = items
        .iter()
        .map(|it| it.date.map(|d| d.num_days_from_ce()))
        .collect();
    // A few chunks per thread, each with its own scratch: the item's vector spread out, and
    // `stamp[p] == pos + 1` marking the item at position p as already scored for `pos`.
    let chunk = (order.len() / (8 * rayon::current_num_threads())).max(256);
    let closest: Vec<Option<(usize, f32)>> = order
        .par_chunks(chunk)
        .enumerate()
        .map(|(c, part)| {
            let mut dense = vec![0f32; vocab];
            let mut stamp = vec![0u32; items.len()];
            let mut out = Vec::with_capacity(part.len());
            for (k, &i) in part.iter().enumerate() {
                let pos = c * chunk + k;
                let mark = pos as u32 + 1;
                let v = &space.vectors[i];
                for &(t, w) in v.iter() {
                    dense[t as usize] = w;
                }
                let mut best: Option<(usize, f32)> = None;
                for (t, _) in v.iter().take(PROBE_TERMS) {
                    let Some(list) = postings.get(t) else {
                        continue;
                    };
                    let earlier = &list[..list.partition_point(|&p| (p as usize) < pos)];
                    for &p in earlier.iter().rev().take(48) {
                        if stamp[p as usize] == mark {
                            continue;
                        }
                        stamp[p as usize] = mark;
                        let j = order[p as usize];
                        let close = match (day[j], day[i]) {
                            (Some(a), Some(b)) => i64::from((b - a).abs()) <= window_days,
                            _ => true,
                        };
                        if !close {
                            continue;
                        }
                        let sim: f32 = space.vectors[j]
                            .iter()
                            .map(|&(t, w)| w * dense[t as usize])
                            .sum();
                        if best.is_none_or(|(_, b)| sim > b) {
                            best = Some((j, sim));
                        }
                    }
                }
                for &(t, _) in v.iter() {
                    dense[t as usize] = 0.0;
                }
                out.push(best);
            }
            out
        })
        .collect::<Vec<_>>()
        .concat();
    let mut parent: Vec<usize> = (0..items.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    // The first date of each group, kept at its root.
    let mut first: Vec<Option<NaiveDate>> = items.iter().map(|i| i.date).collect();
    for (&i, best) in order.iter().zip(closest) {
        if let Some((j, sim)) = best
            && sim >= LINK_THRESHOLD
        {
            let (a, b) = (root(&mut parent, i), root(&mut parent, j));
            // A story spans at most two windows: long chains of similar items are a theme,
            // not one running story.
            let young = match (first[b], items[i].date) {
                (Some(start), Some(d)) => (d - start).num_days() <= 2 * window_days,
                _ => true,
            };
            if a != b && young {
                let (keep, gone) = (a.min(b), a.max(b));
                first[keep] = first[keep].min(first[gone]).or(first[keep]).or(first[gone]);
                parent[gone] = keep;
            }
        }
    }
    let mut groups: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for &i in &order {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let groups: Vec<Vec<usize>> = groups
        .into_values()
        .filter(|members| members.iter().any(|&m| !items[m].is_note))
        .collect();
    // Each group's centroid on its own thread (100,000 vectors added up at 100,000 items).
    let mut out: Vec<(Vec<usize>, Centroid)> = groups
        .into_par_iter()
        .map(|members| {
            let mut c = Centroid::default();
            for &m in &members {
                c.add(&space.vectors[m]);
            }
            c.truncate(CENTROID_TERMS);
            (members, c)
        })
        .collect();
    // A stable order: by the first member in time.
    out.sort_by_key(|(members, _)| (items[members[0]].date, items[members[0]].key));
    out
}

/// Drops topics nobody ended up in, renumbers, counts, and gives unique slugs.
fn finish(topics: Vec<Topic>, mut per_item: Vec<Vec<TopicId>>) -> (Vec<Topic>, Vec<Vec<TopicId>>) {
    let mut used = vec![false; topics.len()];
    for ids in &per_item {
        for &id in ids {
            used[id as usize] = true;
        }
    }
    let mut remap = vec![u32::MAX; topics.len()];
    let mut kept = Vec::new();
    for (old, t) in topics.into_iter().enumerate() {
        if used[old] || t.kind == TopicKind::Curated {
            remap[old] = kept.len() as u32;
            kept.push(t);
        }
    }
    for ids in per_item.iter_mut() {
        for id in ids.iter_mut() {
            *id = remap[*id as usize];
        }
    }
    for ids in &per_item {
        for &id in ids {
            kept[id as usize].count += 1;
        }
    }
    let mut taken: FxHashMap<String, ()> = FxHashMap::default();
    // Curated slugs first so automatic names never take them.
    let mut order: Vec<usize> = (0..kept.len()).collect();
    order.sort_by_key(|&i| (kept[i].kind != TopicKind::Curated, i));
    for i in order {
        let t = &mut kept[i];
        let base = if t.slug.is_empty() {
            slugify(&t.name)
        } else {
            t.slug.clone()
        };
        let base = if base.is_empty() {
            format!("topic-{i}")
        } else {
            base
        };
        let mut slug = base.clone();
        let mut n = 2;
        while taken.contains_key(&slug) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        taken.insert(slug.clone(), ());
        t.slug = slug;
    }
    (kept, per_item)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The byte-wise splitter gives the words the plain definition gives: split on
        /// anything but letters, digits and joiners, trim the joiners, drop a possessive.
        #[test]
        fn words_split_as_defined(text in "[aZ9 .,'’\\-sé\u{2014}\u{a0}]{0,24}") {
            let defined: Vec<&str> = text
                .split(|c: char| !is_term_char(c))
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                .map(|w| w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(w))
                .filter(|w| !w.is_empty())
                .collect();
            proptest::prop_assert_eq!(words(&text).collect::<Vec<_>>(), defined);
        }
    }

    proptest::proptest! {
        /// The vector-unit loop adds exactly what the plain loop adds, bit for bit.
        #[test]
        fn row_sums_are_the_same_on_every_cpu(
            weights in proptest::collection::vec(-4.0f32..4.0, 48),
            terms in proptest::collection::vec((0u32..3, -2.0f32..2.0), 0..12),
        ) {
            let (mut fast, mut plain) = (vec![0f32; 16], vec![0f32; 16]);
            add_rows(&weights, 16, &terms, &mut fast);
            add_rows_plain(&weights, 16, &terms, &mut plain);
            let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            proptest::prop_assert_eq!(bits(&fast), bits(&plain));
        }
    }

    #[test]
    fn terms_fold_case_and_plurals_and_skip_stop_words() {
        let mut buf = String::new();
        let mut term = |w: &str| normalise_term(w, &mut buf).map(|h| (buf.clone(), h));
        assert_eq!(
            term("Policies"),
            Some(("policy".into(), term_hash("policy")))
        );
        assert_eq!(term("talks"), Some(("talk".into(), term_hash("talk"))));
        assert_eq!(
            term("Congress"),
            Some(("congress".into(), term_hash("congress")))
        );
        assert_eq!(term("the"), None);
        assert_eq!(term("The"), None);
        assert_eq!(term("G20"), None);
        assert_eq!(term("at"), None);
        // Words with letters beyond ASCII: lowered as characters, digits still rule out.
        assert_eq!(term("Zürich"), Some(("zürich".into(), term_hash("zürich"))));
        assert_eq!(term("Élysée"), Some(("élysée".into(), term_hash("élysée"))));
        assert_eq!(term("Zü9rich"), None);
        assert_eq!(term("9th"), None);
        assert_eq!(term("-ab"), None);
    }

    fn assign(
        profiles: &[TopicProfile],
        items: &[TopicInput<'_>],
        actors: &[Actor],
        window_days: i64,
    ) -> (Vec<Topic>, Vec<Vec<TopicId>>) {
        let mut clock = std::time::Instant::now();
        super::assign(
            profiles,
            items,
            actors,
            window_days,
            &mut crate::extract::Steps::default(),
            &mut clock,
        )
    }

    fn input<'a>(date: &str, title: &'a str, text: &'a str) -> TopicInput<'a> {
        TopicInput {
            key: crate::content::fnv1a(format!("{date}{title}{text}").as_bytes()),
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
            title,
            paragraphs: vec![text],
            actors: &[],
            declared: &[],
            is_note: false,
        }
    }

    #[test]
    fn every_article_gets_a_topic_and_stories_group_the_same_story() {
        let items = vec![
            input(
                "2025-03-03",
                "Dockworkers strike at Rotterdam port",
                "Dockworkers at the port of Rotterdam began a strike over pay and automation.",
            ),
            input(
                "2025-03-04",
                "Rotterdam port strike talks",
                "Talks to end the Rotterdam dockworkers strike over pay began with a mediator.",
            ),
            input(
                "2025-03-05",
                "Central bank raises rates",
                "The central bank raised interest rates by a quarter point to fight inflation.",
            ),
            input(
                "2025-03-06",
                "Inflation and interest rates",
                "Inflation rose again and the central bank signalled more interest rate rises.",
            ),
        ];
        let (topics, per_item) = assign(&[], &items, &[], 10);
        assert!(
            per_item.iter().all(|t| !t.is_empty()),
            "every article has a topic"
        );
        let story_of = |i: usize| {
            per_item[i]
                .iter()
                .copied()
                .find(|&t| topics[t as usize].kind == TopicKind::Story)
        };
        assert!(
            story_of(0).is_some() && story_of(0) == story_of(1),
            "{topics:?} {per_item:?}"
        );
        assert_ne!(story_of(0), story_of(2));
        let slugs: std::collections::HashSet<&str> =
            topics.iter().map(|t| t.slug.as_str()).collect();
        assert_eq!(slugs.len(), topics.len(), "unique slugs");
    }

    #[test]
    fn curated_topics_come_first() {
        let profile = TopicProfile {
            id: "strike".into(),
            path: "content/topics/strike.md".into(),
            slug: "port-strike".into(),
            name: "Port strike".into(),
            aliases: vec![],
            keywords: vec!["dockworkers".into()],
            actors: vec![],
            description: Default::default(),
        };
        let declared = vec!["Labour".to_string()];
        let mut a = input(
            "2025-03-03",
            "Dockworkers walk out",
            "Dockworkers walked out.",
        );
        a.declared = &declared;
        let b = input("2025-03-04", "Bank holds rates", "The bank held rates.");
        let (topics, per_item) = assign(&[profile], &[a, b], &[], 10);
        assert_eq!(topics[per_item[0][0] as usize].name, "Labour");
        assert_eq!(topics[per_item[0][1] as usize].name, "Port strike");
        // A small collection has no themes: the lone article keeps its own story.
        assert_eq!(topics[per_item[1][0] as usize].kind, TopicKind::Story);
    }

    /// Enough items for themes, taking the subjects (title, text) in turn.
    fn large_collection<'a>(
        subjects: &[(&'a str, &'a str)],
        date: impl Fn(usize) -> &'static str,
    ) -> Vec<TopicInput<'a>> {
        (0..THEMES_FROM + 30)
            .map(|i| {
                let (t, x) = subjects[i % subjects.len()];
                input(date(i), t, x)
            })
            .collect()
    }

    #[test]
    fn large_collections_get_themes_first() {
        let subjects = [
            (
                "Crude oil prices rise",
                "Crude oil prices rose as OPEC cut output of barrels.",
            ),
            (
                "Wheat harvest grows",
                "The wheat harvest grew and grain exports in tonnes rose.",
            ),
            (
                "Bank raises interest rates",
                "The central bank raised interest rates on money markets.",
            ),
        ];
        let items = large_collection(
            &subjects,
            |i| {
                if i < 100 { "2025-01-01" } else { "2025-03-01" }
            },
        );
        let (topics, per_item) = assign(&[], &items, &[], 10);
        assert!(
            per_item
                .iter()
                .all(|t| topics[t[0] as usize].kind == TopicKind::Theme),
            "theme is the main topic"
        );
        // Articles on one subject share their theme; different subjects do not.
        assert_eq!(per_item[0][0], per_item[3][0]);
        assert_ne!(per_item[0][0], per_item[1][0]);
        let oil = &topics[per_item[0][0] as usize].name;
        assert!(
            oil.contains("oil") || oil.contains("crude") || oil.contains("OPEC"),
            "{oil}"
        );
    }

    #[test]
    fn words_every_item_uses_do_not_name_themes() {
        // "percent" is the heaviest word of every item, but names none of the themes.
        let subjects = [
            (
                "Oil up 4 percent",
                "Oil rose 4 percent, 2 percent, 3 percent, 5 percent, 6 percent, 1 percent.",
            ),
            (
                "Wheat up 5 percent",
                "Wheat rose 5 percent, 6 percent, 1 percent, 2 percent, 3 percent, 4 percent.",
            ),
            (
                "Rates up 2 percent",
                "Rates rose 2 percent, 7 percent, 3 percent, 4 percent, 5 percent, 6 percent.",
            ),
        ];
        let items = large_collection(&subjects, |_| "2025-01-01");
        let (topics, per_item) = assign(&[], &items, &[], 10);
        for i in 0..3 {
            let name = &topics[per_item[i][0] as usize].name;
            assert!(!name.contains("percent"), "{name}");
        }
    }

    #[test]
    fn deterministic() {
        let items: Vec<TopicInput<'_>> = (0..40)
            .map(|i| {
                input(
                    "2025-01-01",
                    if i % 2 == 0 {
                        "Oil prices rise"
                    } else {
                        "Bank cuts rates"
                    },
                    if i % 3 == 0 {
                        "Crude oil output and prices."
                    } else {
                        "Interest rates and the central bank."
                    },
                )
            })
            .collect();
        let a = assign(&[], &items, &[], 10);
        let b = assign(&[], &items, &[], 10);
        assert_eq!(a.1, b.1);
    }
}
