//! Names the merge rules decided are one actor, and the near misses they refused.
//!
//! Each rule ([`super::variants`], [`super::regnal`], [`super::orgs`], [`super::places`])
//! joins nodes, a node being an actor key of one kind as the items give it. A connected group
//! becomes one actor under its canonical node: a name from a word list first (`United
//! States`, `Federal Reserve`), then the key most items use. What a rule finds close but
//! cannot decide safely is kept as a near miss and shown as a possible duplicate.

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::ItemFacts;
use crate::content::ActorKind;

/// Why two actors may be one, shown with each possible duplicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Same given names, surnames one letter apart, without the counts that make a typo.
    OneLetterApart,
    /// Same given names, surnames alike but for an ending or doubled letters.
    SpelledAlike,
    /// An acronym the collection spells out as more than one organisation.
    AmbiguousAcronym,
    /// People with the same surname.
    SameSurname,
}

impl Reason {
    pub fn describe(self) -> &'static str {
        match self {
            Reason::OneLetterApart => "names one letter apart",
            Reason::SpelledAlike => "names spelled alike",
            Reason::AmbiguousAcronym => "an acronym the text spells out in more than one way",
            Reason::SameSurname => "same surname",
        }
    }
}

/// A node as a rule sees it: kind, key, a written form, and the number of items using it.
pub(super) type NodeRef<'a> = (ActorKind, &'a str, &'a str, u32);

struct Node {
    kind: ActorKind,
    key: String,
    name: String,
    items: u32,
    /// 2: the full name of a word list's line; 1: a form a rule prefers (an organisation
    /// without its country qualifier); 0: any other.
    rank: u8,
}

/// Joins nodes as the rules find them (a union-find over the nodes).
#[derive(Default)]
pub(super) struct Merges {
    ids: FxHashMap<(ActorKind, String), usize>,
    nodes: Vec<Node>,
    parent: Vec<usize>,
    near: Vec<(usize, usize, Reason)>,
}

/// A near miss between two actor keys, each already mapped to the key of its merged actor.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct NearMiss {
    pub a: (ActorKind, String),
    pub b: (ActorKind, String),
    pub reason: Reason,
}

/// What the rules decided: per kind, actor key -> the actor it joins (kind, key, name).
#[derive(Default)]
pub(super) struct Merged {
    redirects: [FxHashMap<String, (ActorKind, String, String)>; 4],
    /// Surnames of people whose full names were joined -> the surname of the joined name
    /// ("zelenskyy" -> "zelensky"), so a surname alone follows its full name.
    pub surnames: FxHashMap<String, String>,
    pub near_misses: Vec<NearMiss>,
}

impl Merged {
    /// The actor a key of this kind joins, when a rule merged it into another.
    pub fn redirect(&self, kind: ActorKind, key: &str) -> Option<(ActorKind, &str, &str)> {
        self.redirects[kind as usize]
            .get(key)
            .map(|(k, key, name)| (*k, key.as_str(), name.as_str()))
    }
}

impl Merges {
    fn node(&mut self, (kind, key, name, items): NodeRef<'_>, rank: u8) -> usize {
        if let Some(&id) = self.ids.get(&(kind, key.to_string())) {
            let n = &mut self.nodes[id];
            n.items = n.items.max(items);
            if rank > n.rank {
                n.rank = rank;
                n.name = name.to_string();
            }
            return id;
        }
        let id = self.nodes.len();
        self.ids.insert((kind, key.to_string()), id);
        self.nodes.push(Node {
            kind,
            key: key.to_string(),
            name: name.to_string(),
            items,
            rank,
        });
        self.parent.push(id);
        id
    }

    fn root(&mut self, mut id: usize) -> usize {
        while self.parent[id] != id {
            self.parent[id] = self.parent[self.parent[id]];
            id = self.parent[id];
        }
        id
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        if a != b {
            self.parent[a.max(b)] = a.min(b);
        }
    }

    /// Whether a rule has named this key already.
    pub fn has(&self, kind: ActorKind, key: &str) -> bool {
        self.ids.contains_key(&(kind, key.to_string()))
    }

    /// Two names of one actor; the canonical name is decided when all rules have run.
    pub fn join(&mut self, a: NodeRef<'_>, b: NodeRef<'_>) {
        let (a, b) = (self.node(a, 0), self.node(b, 0));
        self.union(a, b);
    }

    /// Two names of one actor, `preferred` the one to name it by (`rank` 2 for the full name
    /// of a word list's line, 1 for a form a rule prefers).
    pub fn join_preferring(&mut self, preferred: NodeRef<'_>, rank: u8, other: NodeRef<'_>) {
        let (a, b) = (self.node(preferred, rank), self.node(other, 0));
        self.union(a, b);
    }

    /// Two names that may be one actor: not merged, shown as a possible duplicate.
    pub fn near_miss(&mut self, a: NodeRef<'_>, b: NodeRef<'_>, reason: Reason) {
        let (a, b) = (self.node(a, 0), self.node(b, 0));
        self.near.push((a, b, reason));
    }

    /// Adds what another set of rules found.
    pub fn absorb(&mut self, mut other: Merges) {
        let ids: Vec<usize> = (other.nodes.iter())
            .map(|n| self.node((n.kind, &n.key, &n.name, n.items), n.rank))
            .collect();
        for i in 0..ids.len() {
            let root = other.root(i);
            self.union(ids[i], ids[root]);
        }
        (self.near).extend(other.near.iter().map(|&(a, b, r)| (ids[a], ids[b], r)));
    }

    /// Picks each group's canonical node and maps every other node to it.
    pub fn finish(mut self) -> Merged {
        let roots: Vec<usize> = (0..self.nodes.len()).map(|i| self.root(i)).collect();
        let mut canonical: FxHashMap<usize, usize> = FxHashMap::default();
        for (i, &r) in roots.iter().enumerate() {
            let best = canonical.entry(r).or_insert(i);
            let (x, y) = (&self.nodes[i], &self.nodes[*best]);
            if (x.rank, x.items, x.key.len(), std::cmp::Reverse(&x.key))
                > (y.rank, y.items, y.key.len(), std::cmp::Reverse(&y.key))
            {
                *best = i;
            }
        }
        let mut merged = Merged::default();
        for (i, &r) in roots.iter().enumerate() {
            let c = canonical[&r];
            if c == i {
                continue;
            }
            let (n, to) = (&self.nodes[i], &self.nodes[c]);
            merged.redirects[n.kind as usize]
                .insert(n.key.clone(), (to.kind, to.key.clone(), to.name.clone()));
            if n.kind == ActorKind::Person && to.kind == ActorKind::Person {
                let (from, into) = (surname(&n.key), surname(&to.key));
                if from != into && n.key.contains(' ') {
                    merged.surnames.insert(from.to_string(), into.to_string());
                }
            }
        }
        let key_of = |i: usize| {
            let n = &self.nodes[canonical[&roots[i]]];
            (n.kind, n.key.clone())
        };
        let mut near: Vec<NearMiss> = self
            .near
            .iter()
            .filter(|(a, b, _)| roots[*a] != roots[*b])
            .map(|&(a, b, reason)| NearMiss {
                a: key_of(a),
                b: key_of(b),
                reason,
            })
            .collect();
        // One near miss per pair, whichever way round a rule named it (an ambiguous acronym
        // keeps the acronym first).
        let pair = |n: &NearMiss| {
            let (a, b) = (n.a.clone(), n.b.clone());
            if a <= b { (a, b) } else { (b, a) }
        };
        near.sort_by_cached_key(|n| (pair(n), n.reason));
        near.dedup_by(|x, y| pair(x) == pair(y));
        merged.near_misses = near;
        merged
    }
}

fn surname(key: &str) -> &str {
    key.rsplit(' ').next().unwrap_or(key)
}

/// Per kind, each actor key the items use -> (items using it, its first written form).
pub(super) type KeyCounts<'a> = [FxHashMap<&'a str, (u32, &'a str)>; 4];

/// Counts the items using each key, in parallel pieces merged in item order (so the written
/// form is the first item's).
pub(super) fn count_keys<'a>(items: &'a [ItemFacts<'_>]) -> KeyCounts<'a> {
    items
        .par_iter()
        .fold(KeyCounts::default, |mut counts, facts| {
            for e in &facts.entities {
                let slot = counts[e.kind as usize]
                    .entry(e.key.as_str())
                    .or_insert((0, e.name.as_str()));
                slot.0 += 1;
            }
            counts
        })
        .reduce(KeyCounts::default, |mut left, right| {
            for (l, r) in left.iter_mut().zip(right) {
                for (k, (n, name)) in r {
                    l.entry(k).or_insert((0, name)).0 += n;
                }
            }
            left
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: ActorKind = ActorKind::Person;
    const PLACE: ActorKind = ActorKind::Place;
    const ORG: ActorKind = ActorKind::Organization;

    #[test]
    fn a_group_takes_the_listed_name_then_the_most_used_key() {
        let mut m = Merges::default();
        m.join(
            (P, "volodymyr zelensky", "Volodymyr Zelensky", 10),
            (P, "volodymyr zelenskyy", "Volodymyr Zelenskyy", 4),
        );
        m.join(
            (P, "volodymyr zelenskiy", "Volodymyr Zelenskiy", 2),
            (P, "volodymyr zelenskyy", "Volodymyr Zelenskyy", 4),
        );
        m.join_preferring(
            (PLACE, "united states", "United States", 7),
            2,
            (PLACE, "u s", "U.S.", 300),
        );
        m.join_preferring(
            (PLACE, "united states", "United States", 7),
            2,
            (ORG, "u s", "U.S", 3),
        );
        let merged = m.finish();
        for key in ["volodymyr zelenskyy", "volodymyr zelenskiy"] {
            assert_eq!(
                merged.redirect(P, key),
                Some((P, "volodymyr zelensky", "Volodymyr Zelensky"))
            );
        }
        assert_eq!(merged.redirect(P, "volodymyr zelensky"), None);
        assert_eq!(
            merged.redirect(ORG, "u s"),
            Some((PLACE, "united states", "United States"))
        );
        assert_eq!(
            merged.redirect(PLACE, "u s"),
            Some((PLACE, "united states", "United States"))
        );
        assert_eq!(merged.surnames["zelenskyy"], "zelensky");
    }

    #[test]
    fn rules_run_apart_join_as_one() {
        let (a, b, c) = (
            (ORG, "general agreement on tariffs and trade", "GATT", 20),
            (ORG, "general agreement on trade and tariffs", "GATT", 2),
            (
                ORG,
                "general agreement on tariffs",
                "General Agreement on Tariffs",
                9,
            ),
        );
        let (mut one, mut two) = (Merges::default(), Merges::default());
        one.join(a, b);
        two.join(b, c);
        two.near_miss(
            c,
            (ORG, "gatt council", "GATT Council", 3),
            Reason::AmbiguousAcronym,
        );
        one.absorb(two);
        let merged = one.finish();
        for key in [b.1, c.1] {
            assert_eq!(merged.redirect(ORG, key), Some((ORG, a.1, a.2)));
        }
        assert_eq!(merged.near_misses.len(), 1);
        assert_eq!(merged.near_misses[0].a, (ORG, a.1.to_string()));
    }

    #[test]
    fn near_misses_inside_one_group_are_dropped() {
        let mut m = Merges::default();
        let (a, b, c) = (
            (P, "alan greenspan", "Alan Greenspan", 40),
            (P, "alan greespan", "Alan Greespan", 1),
            (P, "alan greenspun", "Alan Greenspun", 3),
        );
        m.join(a, b);
        m.near_miss(b, a, Reason::OneLetterApart);
        m.near_miss(b, c, Reason::OneLetterApart);
        let merged = m.finish();
        assert_eq!(
            merged.near_misses,
            [NearMiss {
                a: (P, "alan greenspan".into()),
                b: (P, "alan greenspun".into()),
                reason: Reason::OneLetterApart
            }]
        );
    }
}
