//! Possible duplicates: actors that may be one, which no rule could merge safely. `gazette
//! inspect` and `gazette check` show each group with the profile that would settle it.

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::Registry;
use super::merges::{NearMiss, Reason};
use crate::content::ActorKind;
use crate::extract::ActorId;
use crate::extract::people::{person_key, surname_of};

/// Actors that may be one entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Duplicate {
    /// The actors: for an ambiguous acronym the acronym first, then what it may stand for;
    /// otherwise the most mentioned first.
    pub actors: Vec<ActorId>,
    pub reason: Reason,
}

/// The groups, closest calls first: names one letter apart, names spelled alike, ambiguous
/// acronyms, then people who share a surname; within each, the most mentioned first.
pub(super) fn find(reg: &Registry, near: &[NearMiss]) -> Vec<Duplicate> {
    let actor = |(kind, key): &(ActorKind, String)| {
        reg.index[*kind as usize]
            .get(key)
            .copied()
            .filter(|&id| reg.actors[id as usize].count > 0)
    };
    let count = |id: ActorId| reg.actors[id as usize].count;
    let by_count = |ids: &mut Vec<ActorId>| {
        ids.sort_by(|&a, &b| {
            (count(b), &reg.actors[a as usize].name).cmp(&(count(a), &reg.actors[b as usize].name))
        });
        ids.dedup();
    };
    let settled = |ids: &[ActorId]| {
        ids.iter()
            .all(|&id| reg.actors[id as usize].profile.is_some())
    };
    let mut out = Vec::new();
    let mut acronyms: FxHashMap<ActorId, Vec<ActorId>> = FxHashMap::default();
    for n in near {
        let (Some(a), Some(b)) = (actor(&n.a), actor(&n.b)) else {
            continue;
        };
        if a == b || settled(&[a, b]) {
            continue;
        }
        if n.reason == Reason::AmbiguousAcronym {
            acronyms.entry(a).or_default().push(b);
        } else {
            let mut actors = vec![a, b];
            by_count(&mut actors);
            out.push(Duplicate {
                actors,
                reason: n.reason,
            });
        }
    }
    for (acronym, mut meanings) in acronyms {
        by_count(&mut meanings);
        meanings.retain(|&m| m != acronym);
        if !meanings.is_empty() {
            out.push(Duplicate {
                actors: std::iter::once(acronym).chain(meanings).collect(),
                reason: Reason::AmbiguousAcronym,
            });
        }
    }
    let mut by_surname: FxHashMap<String, Vec<ActorId>> = FxHashMap::default();
    for (id, a) in reg.actors.iter().enumerate() {
        if a.kind == ActorKind::Person && a.count > 0 {
            let key = person_key(&a.name);
            by_surname
                .entry(surname_of(&key).to_string())
                .or_default()
                .push(id as ActorId);
        }
    }
    for (_, mut actors) in by_surname {
        if actors.len() > 1 && !settled(&actors) {
            by_count(&mut actors);
            out.push(Duplicate {
                actors,
                reason: Reason::SameSurname,
            });
        }
    }
    out.sort_by_cached_key(|d| {
        let names: Vec<&str> = d
            .actors
            .iter()
            .map(|&id| reg.actors[id as usize].name.as_str())
            .collect();
        let most = d.actors.iter().map(|&id| count(id)).max().unwrap_or(0);
        (d.reason, std::cmp::Reverse(most), names.join("\n"))
    });
    out
}
