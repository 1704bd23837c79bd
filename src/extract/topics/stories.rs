//! Running stories: two or more items about one event or running story.
//!
//! Items are taken in date order. Each joins the open story it is most like, judged both
//! against the story as a whole (its centroid) and against its closest member; otherwise it
//! opens a story of its own. A story stays open while it is active: an item may join it up to
//! `window_days` after its latest item, so talks held in five cities over five weeks stay one
//! story while a topic that goes quiet for longer starts afresh. Stories left with one item
//! are dropped: an item without a partner has no story.

use chrono::Datelike;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::TopicInput;
use super::space::{CENTROID_TERMS, Centroid, Space, Vector};

/// Query terms used to find earlier items that may belong to the same story.
const PROBE_TERMS: usize = 10;
/// Earlier items looked at per query term (the latest ones).
const PROBE_DEPTH: usize = 48;
/// Closest earlier items kept per item.
const NEIGHBOURS: usize = 8;
/// Items less similar than this are not neighbours at all.
const NEIGHBOUR_FLOOR: f32 = 0.08;

/// Similarity an item needs with a story to join it: a blend of its cosine with the story's
/// centroid and with its closest member. Tuned on real headlines (`uci-stories-dev`) and the
/// full-text fixture; F1 moves by less than 0.02 from 0.12 to 0.18.
const JOIN_THRESHOLD: f32 = 0.15;
/// The centroid's share of that blend: the story as a whole matters more than one member.
const CENTROID_SHARE: f32 = 0.8;
/// Cosine of two stories' centroids above which they are one story found in two pieces.
const MERGE_THRESHOLD: f32 = 0.28;

/// How long a story may have been quiet for an item to join it: `window_days`, and up to
/// three times as long for an item that matches it `strength` times as well as needed. Talks
/// held every ten days or so stay one story when each round clearly continues the last.
fn quiet_days(window_days: i64, strength: f32) -> i32 {
    let days = window_days as f32 * strength.clamp(1.0, 3.0);
    days.min(i32::MAX as f32) as i32
}

/// An open story while items are taken in order.
struct Open {
    centroid: Centroid,
    first_day: Option<i32>,
    last_day: Option<i32>,
    members: Vec<usize>,
}

fn dot(v: &Vector, c: &Centroid) -> f32 {
    if c.norm <= 0.0 {
        return 0.0;
    }
    v.iter()
        .map(|(t, w)| w * c.weights.get(t).copied().unwrap_or(0.0))
        .sum::<f32>()
        / c.norm
}

/// Stories as (members in date order, centroid), ordered by their first member.
pub(super) fn stories(
    space: &Space,
    items: &[TopicInput<'_>],
    window_days: i64,
) -> Vec<(Vec<usize>, Centroid)> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| (items[i].date, items[i].key, i));
    // Day numbers: comparing them is far cheaper than chrono's date subtraction.
    let day: Vec<Option<i32>> = items
        .iter()
        .map(|it| it.date.map(|d| d.num_days_from_ce()))
        .collect();
    let neighbours = closest_earlier(space, items, &order);

    // Linking runs in date order on one thread; it only compares an item with the stories
    // of its few neighbours.
    let mut open: Vec<Open> = Vec::new();
    let mut story_of: Vec<u32> = vec![u32::MAX; items.len()];
    let mut scores: Vec<(u32, f32)> = Vec::with_capacity(NEIGHBOURS);
    for (&i, near) in order.iter().zip(&neighbours) {
        scores.clear();
        for &(j, sim) in near {
            let s = story_of[j as usize];
            if s == u32::MAX {
                continue;
            }
            match scores.iter_mut().find(|(t, _)| *t == s) {
                Some(e) => e.1 = e.1.max(sim),
                None => scores.push((s, sim)),
            }
        }
        let v = &space.vectors[i];
        let best = scores
            .iter()
            .map(|&(s, nearest)| {
                let whole = dot(v, &open[s as usize].centroid);
                (s, CENTROID_SHARE * whole + (1.0 - CENTROID_SHARE) * nearest)
            })
            .filter(|&(s, score)| {
                score >= JOIN_THRESHOLD
                    && match (open[s as usize].last_day, day[i]) {
                        (Some(last), Some(d)) => {
                            d - last <= quiet_days(window_days, score / JOIN_THRESHOLD)
                        }
                        _ => true,
                    }
            })
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let s = match best {
            Some((s, _)) => s,
            // Notes join stories but do not open them.
            None if items[i].is_note => continue,
            None => {
                open.push(Open {
                    centroid: Centroid::default(),
                    first_day: day[i],
                    last_day: None,
                    members: Vec::new(),
                });
                (open.len() - 1) as u32
            }
        };
        let story = &mut open[s as usize];
        story.centroid.add(v);
        story.centroid.truncate(CENTROID_TERMS);
        story.last_day = story.last_day.max(day[i]);
        story.members.push(i);
        story_of[i] = s;
    }
    let mut rank = vec![0u32; items.len()];
    for (pos, &i) in order.iter().enumerate() {
        rank[i] = pos as u32;
    }
    let open = merge_similar(open, window_days, &rank);
    open.into_iter()
        .filter(|s| s.members.len() >= 2 && s.members.iter().any(|&m| !items[m].is_note))
        .map(|s| (s.members, s.centroid))
        .collect()
}

/// For each item (in `order`), its closest earlier items: those sharing one of its leading
/// terms, most similar first. These depend on the order only, so they are found in parallel.
fn closest_earlier(
    space: &Space,
    items: &[TopicInput<'_>],
    order: &[usize],
) -> Vec<Vec<(u32, f32)>> {
    // Postings hold positions in `order`, ascending.
    let mut postings: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for (pos, &i) in order.iter().enumerate() {
        for (t, _) in space.vectors[i].iter().take(PROBE_TERMS) {
            postings.entry(*t).or_default().push(pos as u32);
        }
    }
    let vocab = space.display.len();
    // A few chunks per thread, each with its own scratch: the item's vector spread out, and
    // `stamp[p] == pos + 1` marking the item at position p as already scored for `pos`.
    let chunk = (order.len() / (8 * rayon::current_num_threads())).max(256);
    order
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
                let mut near: Vec<(u32, f32)> = Vec::new();
                for (t, _) in v.iter().take(PROBE_TERMS) {
                    let Some(list) = postings.get(t) else {
                        continue;
                    };
                    let earlier = &list[..list.partition_point(|&p| (p as usize) < pos)];
                    for &p in earlier.iter().rev().take(PROBE_DEPTH) {
                        if stamp[p as usize] == mark {
                            continue;
                        }
                        stamp[p as usize] = mark;
                        let j = order[p as usize];
                        let sim: f32 = space.vectors[j]
                            .iter()
                            .map(|&(t, w)| w * dense[t as usize])
                            .sum();
                        if sim >= NEIGHBOUR_FLOOR {
                            near.push((j as u32, sim));
                        }
                    }
                }
                for &(t, _) in v.iter() {
                    dense[t as usize] = 0.0;
                }
                // The closest few, found without sorting every candidate (hundreds per item);
                // the order is total, so this keeps what a full sort would.
                let closer =
                    |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
                if near.len() > NEIGHBOURS {
                    near.select_nth_unstable_by(NEIGHBOURS - 1, closer);
                    near.truncate(NEIGHBOURS);
                }
                near.sort_unstable_by(closer);
                out.push(near);
            }
            out
        })
        .collect::<Vec<_>>()
        .concat()
}

/// Stories of one period whose centroids are alike are one story told in two clusters
/// (a running story's items reached in two waves): merged, the later into the earlier.
fn merge_similar(open: Vec<Open>, window_days: i64, member_rank: &[u32]) -> Vec<Open> {
    // Postings of each story's leading terms; stories in order of their first item.
    let mut postings: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
    let lead = |c: &Centroid| c.top_terms(PROBE_TERMS);
    let mut into: Vec<usize> = (0..open.len()).collect();
    // `scored[a] == b`: story a was already compared with b through another shared term.
    let mut scored: Vec<usize> = vec![usize::MAX; open.len()];
    for (b, story) in open.iter().enumerate() {
        let mut best: Option<(usize, f32)> = None;
        let terms = lead(&story.centroid);
        for t in &terms {
            // The latest stories with the term only: linear, however common the term.
            let list = postings.get(t).map(Vec::as_slice).unwrap_or(&[]);
            for &a in list.iter().rev().take(PROBE_DEPTH) {
                if scored[a] == b {
                    continue;
                }
                scored[a] = b;
                // Only a story still open when the other began.
                let close = match (open[a].last_day, story.first_day) {
                    (Some(last), Some(first)) => i64::from(first - last) <= window_days,
                    _ => true,
                };
                if !close {
                    continue;
                }
                let sim = cosine(&open[a].centroid, &story.centroid);
                if sim >= MERGE_THRESHOLD && best.is_none_or(|(_, s)| sim > s) {
                    best = Some((a, sim));
                }
            }
        }
        if let Some((a, _)) = best {
            into[b] = into[a];
        }
        for t in terms {
            postings.entry(t).or_default().push(b);
        }
    }
    let mut merged: Vec<Option<Open>> = open.into_iter().map(Some).collect();
    for b in 0..merged.len() {
        let a = into[b];
        if a != b {
            let gone = merged[b].take().expect("merged once");
            let keep = merged[a].as_mut().expect("targets come first");
            for (t, w) in gone.centroid.weights {
                *keep.centroid.weights.entry(t).or_insert(0.0) += w;
            }
            keep.centroid.truncate(CENTROID_TERMS);
            keep.members.extend(gone.members);
            keep.last_day = keep.last_day.max(gone.last_day);
            keep.members.sort_by_key(|&m| member_rank[m]);
        }
    }
    merged.into_iter().flatten().collect()
}

fn cosine(a: &Centroid, b: &Centroid) -> f32 {
    if a.norm <= 0.0 || b.norm <= 0.0 {
        return 0.0;
    }
    a.weights
        .iter()
        .map(|(t, w)| w * b.weights.get(t).copied().unwrap_or(0.0))
        .sum::<f32>()
        / (a.norm * b.norm)
}
