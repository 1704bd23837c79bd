//! Curated topics: front-matter names and topic profiles with their keyword and actor rules.

use rustc_hash::{FxHashMap, FxHashSet};

use super::TopicInput;
use crate::content::TopicProfile;
use crate::extract::people::fold;
use crate::extract::{Actor, Topic, TopicId, TopicKind};

/// Curated topics: front-matter names and topic profiles with their rules.
pub(super) fn curated(
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
            iptc: None,
            parent: None,
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
        // A long list is checked against a set, so one item with thousands of topics costs
        // time in proportion to them, not their square.
        let long = item.declared.len() > 32;
        let mut seen: FxHashSet<TopicId> = if long {
            per_item[i].iter().copied().collect()
        } else {
            FxHashSet::default()
        };
        let mut is_new = |list: &[TopicId], id: TopicId| {
            if long {
                seen.insert(id)
            } else {
                !list.contains(&id)
            }
        };
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
                    iptc: None,
                    parent: None,
                });
                (topics.len() - 1) as TopicId
            });
            if is_new(&per_item[i], id) {
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
            if (by_keyword || by_actor) && is_new(&per_item[i], *id) {
                per_item[i].push(*id);
            }
        }
    }
}
