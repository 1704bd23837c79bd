//! Fallback names of stories, from their heaviest features.

use super::space::{Centroid, Space};
use crate::extract::people::fold;

/// A readable name from the heaviest features: "Nordic Monetary Authority · rate · inflation",
/// "oil · opec · crude". Words already in a chosen actor's name are skipped.
pub(super) fn name_from(c: &Centroid, space: &Space) -> String {
    name_from_terms(&c.top_terms(12), space)
}

pub(super) fn name_from_terms(terms: &[u32], space: &Space) -> String {
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
