//! The shared vector space: every item's TF-IDF vector, feature names, and sparse centroids.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::terms::{TermCount, term_counts};
use super::{TopicInput, background};
use crate::content::ActorKind;
use crate::extract::Actor;

/// Terms kept per item vector and per story centroid.
pub(super) const ITEM_TERMS: usize = 24;
/// Items whose term counts are held at once while numbering terms.
pub(super) const COUNT_CHUNK: usize = 4096;
pub(super) const CENTROID_TERMS: usize = 48;

/// Weight of a place among an item's actors, against 1 for people and organisations: a place
/// is weaker evidence that two items tell one story.
const PLACE_WEIGHT: f32 = 0.6;

/// The actor behind an actor feature's key (see [`Numbering::add_item`]).
fn feature_actor_of(key: u64) -> Option<crate::extract::ActorId> {
    (key >> 63 == 1).then_some((key & 0xffff_ffff) as crate::extract::ActorId)
}

/// A sparse vector: (term id, weight), L2-normalised, heaviest terms first.
pub(super) type Vector = Vec<(u32, f32)>;

/// The shared vector space of all items.
pub(super) struct Space {
    pub(super) vectors: Vec<Vector>,
    /// Display form per feature: the word, or the actor's name.
    pub(super) display: Vec<String>,
    /// Which features are actors rather than words.
    pub(super) is_actor: Vec<bool>,
    /// The actor behind each actor feature.
    pub(super) feature_actor: Vec<Option<crate::extract::ActorId>>,
    /// Actor features that may lead a story's name (people and organisations, not places).
    pub(super) lead_actors: Vec<bool>,
    /// Folded words of lead actors' names of two or more words -> those features, to spot a
    /// name spread over separate words ("authority · nordic · monetary").
    pub(super) name_words: FxHashMap<String, Vec<u32>>,
    /// Folded words of people's names ("samir", "kaplan"): not theme or story words alone.
    pub(super) person_words: rustc_hash::FxHashSet<String>,
}

/// Features numbered in item order as items' counts arrive. Document counts are taken by day
/// later (see [`known_by_day`]), not here.
#[derive(Default)]
pub(super) struct Numbering {
    /// Feature key (term hash, or an actor's key) -> feature id.
    pub(super) ids: FxHashMap<u64, u32>,
    /// Per feature: items writing it in lower case, items writing it at all; `(u32::MAX, 0)`
    /// marks an actor feature.
    pub(super) caps: Vec<(u32, u32)>,
    pub(super) display: Vec<String>,
    /// Per feature: its key.
    pub(super) keys: Vec<u64>,
    pub(super) feature_actor: Vec<Option<crate::extract::ActorId>>,
    /// Each item's features and term frequencies (1 + ln count, actors weighed).
    pub(super) raw: Vec<Vec<(u32, f32)>>,
}

impl Numbering {
    pub(super) fn id_of(&mut self, key: u64, shown: &str) -> u32 {
        let Numbering {
            ids,
            caps,
            display,
            keys,
            ..
        } = self;
        *ids.entry(key).or_insert_with(|| {
            keys.push(key);
            caps.push((0, 0));
            display.push(shown.to_string());
            (keys.len() - 1) as u32
        })
    }

    pub(super) fn add_item(
        &mut self,
        terms: Vec<TermCount<'_>>,
        item: &TopicInput<'_>,
        actors: &[Actor],
    ) {
        let mut v = Vec::with_capacity(terms.len() + item.actors.len());
        for (key, shown, count, lower) in terms {
            let id = self.id_of(key, shown);
            let c = &mut self.caps[id as usize];
            c.1 += 1;
            c.0 += u32::from(lower);
            v.push((id, 1.0 + count.ln()));
        }
        for m in item.actors {
            let actor = &actors[m.actor as usize];
            // Named actors are strong evidence of what an item is about, people and
            // organisations more than places; one named in passing counts for less.
            let lead = if m.first_paragraph == 0 { 3.0 } else { 0.0 };
            let mut tf = 1.0 + (m.mentions as f32 + lead).max(1.0).ln();
            if actor.kind == ActorKind::Place {
                tf *= PLACE_WEIGHT;
            }
            if m.minor {
                tf *= 0.5;
            }
            // Actor features live in their own key space (the top bit set).
            let key = (1u64 << 63) | u64::from(m.actor);
            let id = self.id_of(key, &actors[m.actor as usize].name);
            self.caps[id as usize] = (u32::MAX, 0);
            if self.feature_actor.len() <= id as usize {
                self.feature_actor.resize(id as usize + 1, None);
            }
            self.feature_actor[id as usize] = Some(m.actor);
            v.push((id, tf));
        }
        v.shrink_to_fit();
        self.raw.push(v);
    }
}

pub(super) fn build_space(items: &[TopicInput<'_>], actors: &[Actor]) -> Space {
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
        caps,
        mut display,
        mut feature_actor,
        raw,
        keys: feature_keys,
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
    // How common each feature is in English (see [`background`]); an actor counts as a rare
    // word.
    let share: Vec<f32> = feature_keys
        .par_iter()
        .zip(&is_actor)
        .map(|(&key, &actor)| {
            if actor {
                // A name is as rare in English as its rarest word ("Abdel", "Rotterdam").
                let mut buf = String::new();
                feature_actor_of(key)
                    .and_then(|a| {
                        super::terms::words(&actors[a as usize].name)
                            .filter_map(|w| super::terms::normalise_term(w, &mut buf))
                            .map(background::share)
                            .min_by(f32::total_cmp)
                    })
                    .unwrap_or(background::share(u64::MAX))
            } else {
                background::share(key)
            }
        })
        .collect();
    let known = known_by_day(items, &raw, feature_keys.len());
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
    // Each item's TF-IDF vector, actors included, weighed by what the collection held on its
    // day.
    let vectors: Vec<Vector> = raw
        .par_iter()
        .zip(&known.items)
        .zip(&known.start)
        .map(|((v, &n), &start)| {
            let df = &known.df[start..start + v.len()];
            let all: Vec<(u32, f32)> = v
                .iter()
                .zip(df)
                .map(|(&(t, tf), &d)| (t, tf * background::idf(d, n as usize, share[t as usize])))
                .collect();
            top(all, ITEM_TERMS)
        })
        .collect();
    Space {
        vectors,
        display,
        is_actor,
        feature_actor,
        lead_actors: Vec::new(),
        name_words: FxHashMap::default(),
        person_words: Default::default(),
    }
}

/// Per item, the collection as it stood at the end of the item's day: how many items it held
/// and, per feature of the item, in how many of them the feature was.
struct KnownByDay {
    /// Items dated on or before the item's day (every item, for an undated one).
    items: Vec<u32>,
    /// Where the item's features' counts start in `df`; they follow its features' order.
    start: Vec<usize>,
    df: Vec<u32>,
}

/// Document frequencies as each item's day knew them, not as the whole collection does.
/// Stories are found in date order, item by item, so an item's weights are what it can be
/// judged on: with the whole collection's, a day of new articles would reweigh every earlier
/// item a little, and tip close calls into other stories years back (at 100,000 articles,
/// 100 new ones changed nine pages in ten). Topic detection over a news stream weighs terms
/// the same way ("incremental IDF"). Undated items are weighed by the whole collection.
fn known_by_day(items: &[TopicInput<'_>], raw: &[Vec<(u32, f32)>], features: usize) -> KnownByDay {
    let mut order: Vec<usize> = (0..items.len()).collect();
    // Undated items last: `None` is put after every date.
    order.sort_by_key(|&i| (items[i].date.is_none(), items[i].date, i));
    let mut start = Vec::with_capacity(raw.len());
    let mut total = 0;
    for v in raw {
        start.push(total);
        total += v.len();
    }
    let mut known = KnownByDay {
        items: vec![0; items.len()],
        start,
        df: vec![0; total],
    };
    let mut df = vec![0u32; features];
    let mut seen = 0u32;
    let mut rest = &order[..];
    while let Some(&first) = rest.first() {
        // One day's items (or all undated ones) are counted before any of them is weighed, so
        // their order within the day does not matter.
        let day = items[first].date;
        let len = rest.iter().take_while(|&&i| items[i].date == day).count();
        let (today, later) = rest.split_at(len);
        for &i in today {
            for &(t, _) in &raw[i] {
                df[t as usize] += 1;
            }
        }
        seen += len as u32;
        for &i in today {
            known.items[i] = seen;
            let at = known.start[i];
            for (slot, &(t, _)) in known.df[at..at + raw[i].len()].iter_mut().zip(&raw[i]) {
                *slot = df[t as usize];
            }
        }
        rest = later;
    }
    known
}

/// Actor features carry the marker `(u32::MAX, 0)` in the capitalisation counts.
pub(super) fn ids_actor(display: &[String], caps: &[(u32, u32)]) -> Vec<bool> {
    display
        .iter()
        .zip(caps)
        .map(|(_, c)| *c == (u32::MAX, 0))
        .collect()
}

/// A sparse centroid, its norm, and helpers.
#[derive(Default, Clone)]
pub(super) struct Centroid {
    pub(super) weights: FxHashMap<u32, f32>,
    pub(super) norm: f32,
}

impl Centroid {
    pub(super) fn add(&mut self, v: &Vector) {
        for &(t, w) in v {
            *self.weights.entry(t).or_insert(0.0) += w;
        }
    }

    pub(super) fn truncate(&mut self, keep: usize) {
        if self.weights.len() > keep {
            let mut entries: Vec<(u32, f32)> = self.weights.drain().collect();
            entries.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            entries.truncate(keep);
            self.weights.extend(entries);
        }
        self.norm = self.weights.values().map(|w| w * w).sum::<f32>().sqrt();
    }

    pub(super) fn top_terms(&self, n: usize) -> Vec<u32> {
        let mut entries: Vec<(&u32, &f32)> = self.weights.iter().collect();
        entries.sort_by(|a, b| b.1.total_cmp(a.1).then(a.0.cmp(b.0)));
        entries.into_iter().take(n).map(|(t, _)| *t).collect()
    }
}
