//! Ranking queries over the site graph: articles related to an article, and the actors and
//! topics most often found among a list of items. Read-only; the render stage turns the
//! results into links and cards.

use chrono::Datelike;
use rustc_hash::FxHashMap;

use super::{Site, TALLIED_PER_ITEM};
use crate::content::ActorKind;
use crate::extract::{ActorId, ItemRef, TopicId};

impl Site {
    /// Articles sharing actors and topics with article `ai`, best first.
    pub fn related(&self, ai: u32, n: usize) -> Vec<ItemRef> {
        const WINDOW: usize = 200;
        let me = ItemRef::Article(ai);
        let days = &self.article_days;
        let day = days[ai as usize];
        let day_of = |r: ItemRef| match r {
            ItemRef::Article(j) => Some(days[j as usize]),
            ItemRef::Note(i) => self.corpus.notes[i as usize]
                .date
                .map(|d| d.num_days_from_ce()),
        };
        thread_local! {
            // Scores by article index and the indices touched: a dense array instead of a hash
            // map, since every article page adds up to a couple of thousand scores.
            static SCRATCH: std::cell::RefCell<(Vec<f32>, Vec<u32>)> = Default::default();
        }
        SCRATCH.with_borrow_mut(|(scores, touched)| {
            scores.resize(self.corpus.articles.len(), 0.0);
            // Look only at the neighbours in time of each list, so a list of 5,000 stays cheap.
            let mut consider = |list: &[ItemRef], weight: f32| {
                let pos = list.partition_point(|&r| day_of(r).is_some_and(|d| d > day));
                let lo = pos.saturating_sub(WINDOW / 2);
                let hi = (pos + WINDOW / 2).min(list.len());
                for &r in &list[lo..hi] {
                    if let ItemRef::Article(j) = r
                        && r != me
                    {
                        let s = &mut scores[j as usize];
                        if *s == 0.0 {
                            touched.push(j);
                        }
                        *s += weight;
                    }
                }
            };
            for m in self.annotations.article_actors[ai as usize]
                .iter()
                .filter(|m| !m.minor)
                .take(6)
            {
                let a = &self.annotations.actors[m.actor as usize];
                if a.kind != ActorKind::Place {
                    consider(&self.actor_items[m.actor as usize], 2.0);
                }
            }
            for (k, &t) in self.annotations.article_topics[ai as usize]
                .iter()
                .enumerate()
            {
                consider(
                    &self.topic_items[t as usize],
                    if k == 0 { 1.5 } else { 1.0 },
                );
            }
            // Best score first, then nearest in time, then the article's index, packed into one
            // integer per candidate (score in the top 12 bits, inverted; days apart in the next
            // 20; the index in the low 32) so selecting and sorting compare plain numbers. Only
            // the top `n` are sorted.
            let mut ranked: Vec<u64> = Vec::new();
            for j in touched.drain(..) {
                let s = std::mem::take(&mut scores[j as usize]);
                if s >= 2.0 {
                    let d = days[j as usize];
                    let dist = u64::from((d - day).unsigned_abs()).min(0xF_FFFF);
                    let score = ((s * 10.0) as u64).min(0xFFF);
                    ranked.push(((0xFFF - score) << 52) | (dist << 32) | u64::from(j));
                }
            }
            if ranked.len() > n {
                ranked.select_nth_unstable(n);
                ranked.truncate(n);
            }
            ranked.sort_unstable();
            ranked
                .into_iter()
                .map(|key| ItemRef::Article(key as u32))
                .collect()
        })
    }

    /// The actors of `kind` most often among the main actors of `items`, with how many items
    /// name each: most first, then by name; at most `n`.
    pub fn top_actors(&self, kind: ActorKind, items: &[ItemRef], n: usize) -> Vec<(ActorId, u32)> {
        let mut counts: FxHashMap<ActorId, u32> = FxHashMap::default();
        for r in items {
            let mentions = match *r {
                ItemRef::Article(i) => &self.annotations.article_actors[i as usize],
                ItemRef::Note(i) => &self.note_actors[i as usize],
            };
            // An item's first main actors only, as in the site's tallies: a topic page would
            // otherwise read every actor of every item, the product of two long lists.
            for m in mentions.iter().filter(|m| !m.minor).take(TALLIED_PER_ITEM) {
                if self.annotations.actors[m.actor as usize].kind == kind {
                    *counts.entry(m.actor).or_insert(0) += 1;
                }
            }
        }
        let mut v: Vec<(ActorId, u32)> = counts.into_iter().collect();
        v.sort_by(|a, b| {
            b.1.cmp(&a.1).then(
                self.annotations.actors[a.0 as usize]
                    .name
                    .cmp(&self.annotations.actors[b.0 as usize].name),
            )
        });
        v.into_iter().take(n).collect()
    }

    /// The topics most often among `items`, with how many items have each: most first, then
    /// by name; at most `n`.
    pub fn top_topics(&self, items: &[ItemRef], n: usize) -> Vec<(TopicId, u32)> {
        let mut counts: FxHashMap<TopicId, u32> = FxHashMap::default();
        for &r in items {
            for &t in self.item_topics(r) {
                *counts.entry(t).or_insert(0) += 1;
            }
        }
        let mut v: Vec<(TopicId, u32)> = counts.into_iter().collect();
        v.sort_by(|a, b| {
            b.1.cmp(&a.1).then(
                self.annotations.topics[a.0 as usize]
                    .name
                    .cmp(&self.annotations.topics[b.0 as usize].name),
            )
        });
        v.into_iter().take(n).collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::content::ActorKind;
    use crate::extract::ItemRef;

    fn example_site() -> crate::site::Site {
        let opts = crate::pipeline::Options {
            root: env!("CARGO_MANIFEST_DIR").into(),
            ..Default::default()
        };
        match crate::pipeline::assemble(&opts) {
            Ok(a) => a.site,
            Err(_) => panic!("the example site assembles"),
        }
    }

    #[test]
    fn related_articles_are_ranked_consistently() {
        let site = example_site();
        let mut any = false;
        for ai in 0..site.corpus.articles.len() as u32 {
            let six = site.related(ai, 6);
            assert!(six.len() <= 6);
            assert!(
                !six.contains(&ItemRef::Article(ai)),
                "never related to itself"
            );
            let mut seen = six.clone();
            seen.sort();
            seen.dedup();
            assert_eq!(seen.len(), six.len(), "no article twice");
            // Asking for fewer gives the best of the same ranking.
            assert_eq!(site.related(ai, 2), six[..six.len().min(2)]);
            // Each shares at least a main actor or two topics with the article (score >= 2).
            for r in &six {
                let ItemRef::Article(j) = *r else {
                    panic!("only articles are related")
                };
                let mine = &site.annotations.article_topics[ai as usize];
                let shared_topics = site.annotations.article_topics[j as usize]
                    .iter()
                    .filter(|t| mine.contains(t))
                    .count();
                let actors = |i: u32| -> Vec<_> {
                    site.annotations.article_actors[i as usize]
                        .iter()
                        .filter(|m| !m.minor)
                        .map(|m| m.actor)
                        .collect()
                };
                let shared_actor = actors(ai).iter().any(|a| actors(j).contains(a));
                assert!(shared_actor || shared_topics >= 2, "{ai} -> {j}");
            }
            any |= !six.is_empty();
        }
        assert!(any, "the example has related articles");
    }

    #[test]
    fn top_lists_are_most_first_then_by_name() {
        let site = example_site();
        let items: Vec<ItemRef> = (0..site.corpus.articles.len() as u32)
            .map(ItemRef::Article)
            .collect();
        let people = site.top_actors(ActorKind::Person, &items, 5);
        assert!(!people.is_empty() && people.len() <= 5);
        for w in people.windows(2) {
            let name = |id: u32| &site.annotations.actors[id as usize].name;
            assert!(w[0].1 > w[1].1 || (w[0].1 == w[1].1 && name(w[0].0) < name(w[1].0)));
        }
        assert!(
            people
                .iter()
                .all(|&(id, _)| site.annotations.actors[id as usize].kind == ActorKind::Person)
        );
        let topics = site.top_topics(&items, 3);
        assert!(topics.len() <= 3);
        assert!(topics.windows(2).all(|w| w[0].1 >= w[1].1));
        assert!(site.top_topics(&[], 3).is_empty());
    }
}
