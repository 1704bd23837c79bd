//! Topics: curated ones first (front matter, topic profiles and their rules), then automatic
//! stories that group articles sharing distinctive terms and actors, close in time.
//!
//! Stories are found by single-pass clustering in date order: each item joins the most similar
//! open story (cosine over TF-IDF term vectors plus actor features, centroids kept sparse) or
//! opens a new one. It is linear in the corpus size and needs no model.

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::people::fold;
use super::tokens::{Shape, tokenize};
use super::{ActorMention, Topic, TopicId};
use crate::content::TopicProfile;
use crate::text::slugify;

/// Similarity an item needs to join an open story.
const JOIN_THRESHOLD: f32 = 0.28;
/// Terms kept per item vector and per story centroid.
const ITEM_TERMS: usize = 24;
const CENTROID_TERMS: usize = 48;
/// Query terms used to find candidate stories.
const PROBE_TERMS: usize = 10;

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
    "where",
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
    "told",
    "further",
    "already",
    "however",
    "although",
    "mr",
];

/// One item as the topic pass sees it.
pub struct TopicInput<'a> {
    pub date: Option<NaiveDate>,
    pub title: &'a str,
    pub paragraphs: Vec<&'a str>,
    pub actors: &'a [ActorMention],
    /// Topic names from front matter.
    pub declared: &'a [String],
    /// Notes do not open stories of their own; they join one or keep only curated topics.
    pub is_note: bool,
}

/// A term vector: (term id, weight), sorted by term id, L2-normalised.
type Vector = Vec<(u32, f32)>;

struct Vocab {
    ids: FxHashMap<String, u32>,
    /// How many items use each term.
    df: Vec<u32>,
    /// How often the term is written capitalised mid-sentence vs. at all: for display.
    caps: Vec<(u32, u32)>,
    display: Vec<String>,
}

impl Vocab {
    fn id(&mut self, term: &str, display: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let id = self.df.len() as u32;
        self.ids.insert(term.to_string(), id);
        self.df.push(0);
        self.caps.push((0, 0));
        self.display.push(display.to_string());
        id
    }
}

/// Lower-case, crude plural folding ("talks" -> "talk", "policies" -> "policy").
fn normalise_term(w: &str) -> Option<String> {
    if w.len() < 3 || w.chars().any(|c| c.is_ascii_digit()) || !w.chars().next()?.is_alphabetic() {
        return None;
    }
    let lower = w.to_lowercase();
    if STOPWORDS.contains(&lower.as_str()) {
        return None;
    }
    let t = if let Some(stem) = lower.strip_suffix("ies").filter(|s| s.len() >= 3) {
        format!("{stem}y")
    } else if lower.len() >= 5
        && lower.ends_with('s')
        && !lower.ends_with("ss")
        && !lower.ends_with("us")
        && !lower.ends_with("is")
    {
        lower[..lower.len() - 1].to_string()
    } else {
        lower
    };
    Some(t)
}

/// Term counts of one item: title words count three times, the lede twice.
fn term_counts(input: &TopicInput<'_>) -> Vec<(String, String, f32, bool)> {
    let mut counts: FxHashMap<String, (String, f32, bool)> = FxHashMap::default();
    let mut add = |text: &str, weight: f32| {
        for t in tokenize(text) {
            if !t.word {
                continue;
            }
            let w = t.text(text);
            if let Some(term) = normalise_term(w) {
                let capital = t.shape == Shape::Capitalised && !t.sentence_start;
                let e = counts
                    .entry(term)
                    .or_insert_with(|| (w.to_string(), 0.0, false));
                e.1 += weight;
                e.2 |= capital;
            }
        }
    };
    add(input.title, 3.0);
    for (i, p) in input.paragraphs.iter().enumerate().take(12) {
        add(p, if i == 0 { 2.0 } else { 1.0 });
    }
    counts
        .into_iter()
        .map(|(t, (d, c, cap))| (t, d, c, cap))
        .collect()
}

struct Story {
    centroid: FxHashMap<u32, f32>,
    norm: f32,
    last: Option<NaiveDate>,
    members: Vec<usize>,
}

impl Story {
    fn add(&mut self, v: &Vector, date: Option<NaiveDate>, item: usize) {
        for &(t, w) in v {
            *self.centroid.entry(t).or_insert(0.0) += w;
        }
        if self.centroid.len() > CENTROID_TERMS * 2 {
            let mut entries: Vec<(u32, f32)> = self.centroid.drain().collect();
            entries.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            entries.truncate(CENTROID_TERMS);
            self.centroid.extend(entries);
        }
        self.norm = self.centroid.values().map(|w| w * w).sum::<f32>().sqrt();
        self.last = self.last.max(date);
        self.members.push(item);
    }

    fn similarity(&self, v: &Vector) -> f32 {
        if self.norm == 0.0 {
            return 0.0;
        }
        let dot: f32 = v
            .iter()
            .filter_map(|(t, w)| self.centroid.get(t).map(|c| c * w))
            .sum();
        dot / self.norm
    }

    fn top_terms(&self, n: usize) -> Vec<u32> {
        let mut entries: Vec<(&u32, &f32)> = self.centroid.iter().collect();
        entries.sort_by(|a, b| b.1.total_cmp(a.1).then(a.0.cmp(b.0)));
        entries.into_iter().take(n).map(|(t, _)| *t).collect()
    }
}

/// Assigns topics. Returns the topics and, per item, its topic ids with the main one first.
pub fn assign(
    profiles: &[TopicProfile],
    items: &[TopicInput<'_>],
    actor_names: &[String],
    window_days: i64,
) -> (Vec<Topic>, Vec<Vec<TopicId>>) {
    let mut topics: Vec<Topic> = Vec::new();
    let mut by_name: FxHashMap<String, TopicId> = FxHashMap::default();
    for (i, p) in profiles.iter().enumerate() {
        let id = topics.len() as TopicId;
        topics.push(Topic {
            name: p.name.clone(),
            slug: p.slug.clone(),
            curated: true,
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
    }
    // Keyword rules, folded, matched on word boundaries.
    let rules: Vec<(TopicId, Vec<String>, Vec<String>)> = profiles
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let id = by_name[&fold(&p.name)];
            let _ = i;
            (
                id,
                p.keywords
                    .iter()
                    .map(|k| fold(k))
                    .filter(|k| !k.is_empty())
                    .collect(),
                p.actors.iter().map(|a| fold(a)).collect(),
            )
        })
        .collect();

    let mut per_item: Vec<Vec<TopicId>> = vec![Vec::new(); items.len()];
    for (i, item) in items.iter().enumerate() {
        for name in item.declared {
            let key = fold(name);
            let id = match by_name.get(&key) {
                Some(&id) => id,
                None => {
                    let id = topics.len() as TopicId;
                    topics.push(Topic {
                        name: name.clone(),
                        slug: String::new(),
                        curated: true,
                        profile: None,
                        terms: Vec::new(),
                        count: 0,
                    });
                    by_name.insert(key, id);
                    id
                }
            };
            if !per_item[i].contains(&id) {
                per_item[i].push(id);
            }
        }
        if !rules.is_empty() {
            let folded = format!(
                " {} {} ",
                fold(item.title),
                item.paragraphs
                    .iter()
                    .map(|p| fold(p))
                    .collect::<Vec<_>>()
                    .join(" ")
            );
            for (id, keywords, actors) in &rules {
                let by_keyword = keywords.iter().any(|k| folded.contains(&format!(" {k} ")));
                let by_actor = item.actors.iter().any(|m| {
                    let name = fold(&actor_names[m.actor as usize]);
                    actors.contains(&name)
                });
                if (by_keyword || by_actor) && !per_item[i].contains(id) {
                    per_item[i].push(*id);
                }
            }
        }
    }

    // Stories.
    let stories = cluster(items, window_days);
    for (members, name) in stories {
        let id = topics.len() as TopicId;
        topics.push(Topic {
            name: name.clone(),
            slug: String::new(),
            curated: false,
            profile: None,
            terms: name.split(" · ").map(str::to_string).collect(),
            count: 0,
        });
        let size = members.len();
        for m in members {
            if per_item[m].is_empty() || size >= 2 {
                per_item[m].push(id);
            }
        }
    }

    // Drop stories nobody ended up in, renumber, count, give slugs.
    let mut used = vec![false; topics.len()];
    for ids in &per_item {
        for &id in ids {
            used[id as usize] = true;
        }
    }
    let mut remap = vec![u32::MAX; topics.len()];
    let mut kept = Vec::new();
    for (old, t) in topics.into_iter().enumerate() {
        if used[old] || t.curated {
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
    let mut taken = FxHashMap::default();
    for (i, t) in kept.iter_mut().enumerate() {
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

/// Single-pass story clustering. Returns each story's members and its name.
fn cluster(items: &[TopicInput<'_>], window_days: i64) -> Vec<(Vec<usize>, String)> {
    let mut vocab = Vocab {
        ids: FxHashMap::default(),
        df: Vec::new(),
        caps: Vec::new(),
        display: Vec::new(),
    };
    use rayon::prelude::*;
    let counted: Vec<Vec<(String, String, f32, bool)>> =
        items.par_iter().map(term_counts).collect();
    let mut raw: Vec<Vec<(u32, f32)>> = Vec::with_capacity(items.len());
    for (i, terms) in counted.into_iter().enumerate() {
        let mut v = Vec::with_capacity(terms.len() + items[i].actors.len());
        for (term, display, count, capital) in terms {
            let id = vocab.id(&term, &display);
            vocab.df[id as usize] += 1;
            let c = &mut vocab.caps[id as usize];
            c.1 += 1;
            if capital {
                c.0 += 1;
            }
            v.push((id, count));
        }
        for m in items[i].actors.iter().filter(|m| m.first_paragraph <= 2) {
            let key = format!("\u{1}actor:{}", m.actor);
            let id = vocab.id(&key, "");
            vocab.df[id as usize] += 1;
            v.push((id, 2.0));
        }
        raw.push(v);
    }
    let n = items.len().max(1) as f32;
    let vectors: Vec<Vector> = raw
        .into_iter()
        .map(|v| {
            let mut w: Vec<(u32, f32)> = v
                .into_iter()
                .map(|(t, c)| {
                    let idf = (1.0 + n / vocab.df[t as usize] as f32).ln();
                    (t, (1.0 + c.ln()) * idf)
                })
                .filter(|(_, w)| *w > 0.0)
                .collect();
            w.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            w.truncate(ITEM_TERMS);
            let norm = w.iter().map(|(_, x)| x * x).sum::<f32>().sqrt().max(1e-9);
            for e in w.iter_mut() {
                e.1 /= norm;
            }
            w
        })
        .collect();

    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| (items[i].date, i));
    let mut stories: Vec<Story> = Vec::new();
    let mut postings: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    let mut seen = Vec::new();
    for i in order {
        let v = &vectors[i];
        let date = items[i].date;
        seen.clear();
        let mut best: Option<(usize, f32)> = None;
        for (t, _) in v.iter().take(PROBE_TERMS) {
            if let Some(list) = postings.get(t) {
                for &s in list.iter().rev().take(64) {
                    if seen.contains(&s) {
                        continue;
                    }
                    seen.push(s);
                    let story = &stories[s as usize];
                    let open = match (story.last, date) {
                        (Some(last), Some(d)) => (d - last).num_days() <= window_days,
                        _ => true,
                    };
                    if !open {
                        continue;
                    }
                    let sim = story.similarity(v);
                    if best.is_none_or(|(_, b)| sim > b) {
                        best = Some((s as usize, sim));
                    }
                }
            }
        }
        let target = match best {
            Some((s, sim)) if sim >= JOIN_THRESHOLD => s,
            _ if items[i].is_note => continue,
            _ => {
                stories.push(Story {
                    centroid: FxHashMap::default(),
                    norm: 0.0,
                    last: None,
                    members: Vec::new(),
                });
                stories.len() - 1
            }
        };
        stories[target].add(v, date, i);
        for t in stories[target].top_terms(PROBE_TERMS) {
            let list = postings.entry(t).or_default();
            if list.last() != Some(&(target as u32)) && !list.contains(&(target as u32)) {
                list.push(target as u32);
            }
        }
    }

    stories
        .into_iter()
        .map(|s| {
            let words: Vec<String> = s
                .top_terms(8)
                .into_iter()
                .filter_map(|t| {
                    let d = &vocab.display[t as usize];
                    if d.is_empty() {
                        return None;
                    }
                    let (cap, total) = vocab.caps[t as usize];
                    Some(if cap * 2 > total {
                        d.clone()
                    } else {
                        d.to_lowercase()
                    })
                })
                .take(3)
                .collect();
            let name = if words.is_empty() {
                "Miscellaneous".to_string()
            } else {
                words.join(" · ")
            };
            (s.members, name)
        })
        .collect()
}
