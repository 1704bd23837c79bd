//! Running stories: items about one event or running story, linked in date order.

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::TopicInput;
use super::space::{CENTROID_TERMS, Centroid, Space};

/// Cosine similarity two items need to link into one story.
pub(super) const LINK_THRESHOLD: f32 = 0.25;
/// Query terms used to find candidate stories.
pub(super) const PROBE_TERMS: usize = 10;

/// Story clustering: every item links to its most similar earlier item within the window
/// Story clustering: every item links to its most similar earlier item within the window
/// (when similar enough); stories are the connected groups. Links depend on pairs only, so an
/// edit to one article can change only its own story, not the whole collection's.
pub(super) fn stories(
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
    pub(super) fn root(parent: &mut [usize], mut i: usize) -> usize {
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
