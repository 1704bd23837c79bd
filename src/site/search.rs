//! The search index: written as small JSON files so a static page can search the site in the
//! browser with no server. Terms are sharded by their first two letters and documents by
//! chunks of [`DOCS_PER_CHUNK`], so a query downloads only the shards of its words and the
//! chunks of its results, however large the site.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Site;
use crate::extract::{ActorId, TopicId};

pub const DOCS_PER_CHUNK: usize = 50;
/// Words of the body indexed per article, after headline, names and lede.
const BODY_WORDS: usize = 80;

const STOP: &[&str] = &[
    "the", "and", "of", "to", "in", "a", "for", "on", "at", "by", "is", "it", "as", "be", "was",
    "an", "or", "that", "with", "from", "are", "has", "have", "had", "his", "her", "its", "this",
    "but", "not", "he", "she", "they", "we", "said", "will", "would", "been", "were", "their",
];

/// A document as a search result shows it: kind, title, URL path, date, a detail line.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchDoc(
    pub &'static str,
    pub String,
    pub String,
    pub String,
    pub String,
);

#[derive(Debug, Default)]
pub struct SearchIndex {
    pub docs: Vec<SearchDoc>,
    /// Folded term -> (document, weight), documents ascending.
    pub terms: BTreeMap<String, Vec<(u32, u32)>>,
}

/// Lower case, accents removed, split into words of letters and digits.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| deunicode::deunicode(w).to_lowercase())
        .flat_map(|w| {
            w.split(|c: char| !c.is_ascii_alphanumeric())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|w| w.len() >= 2 && !STOP.contains(&w.as_str()))
}

/// The shard of a term: its first two characters.
pub fn shard_of(term: &str) -> &str {
    &term[..term.len().min(2)]
}

impl SearchIndex {
    pub fn build(site: &Site) -> SearchIndex {
        let mut index = SearchIndex::default();
        let add = |index: &mut SearchIndex, doc: SearchDoc, weighted: &[(&str, u32)]| {
            let id = index.docs.len() as u32;
            index.docs.push(doc);
            let mut weights: BTreeMap<String, u32> = BTreeMap::new();
            for (text, w) in weighted {
                for term in words(text) {
                    *weights.entry(term).or_insert(0) += w;
                }
            }
            for (term, w) in weights {
                index.terms.entry(term).or_default().push((id, w.min(1000)));
            }
        };
        let names = |mentions: &[crate::extract::ActorMention]| -> Vec<String> {
            mentions
                .iter()
                .filter(|m| !m.minor)
                .take(3)
                .map(|m| site.ann.actors[m.actor as usize].name.clone())
                .collect()
        };
        for (i, a) in site.ann.actors.iter().enumerate() {
            if a.count == 0 && a.profile.is_none() {
                continue;
            }
            let detail = match &a.role {
                Some(r) => format!("{} · {} items", r, a.count),
                None => format!("{} items", a.count),
            };
            let aliases = a.aliases.join(" ");
            add(
                &mut index,
                SearchDoc(
                    a.kind.as_str(),
                    a.name.clone(),
                    site.actor_path(i as ActorId),
                    String::new(),
                    detail,
                ),
                // A name query should find the actor's own page first.
                &[
                    (&a.name, 24),
                    (&aliases, 6),
                    (a.role.as_deref().unwrap_or(""), 1),
                ],
            );
        }
        for (i, t) in site.ann.topics.iter().enumerate() {
            if t.count == 0 && t.profile.is_none() {
                continue;
            }
            let terms = t.terms.join(" ");
            add(
                &mut index,
                SearchDoc(
                    "topic",
                    t.name.clone(),
                    site.topic_path(i as TopicId),
                    String::new(),
                    format!("{} · {} items", t.kind.label(), t.count),
                ),
                &[(&t.name, 16), (&terms, 2)],
            );
        }
        let mut notes: Vec<usize> = (0..site.corpus.notes.len()).collect();
        notes.sort_by(|&x, &y| {
            site.corpus.notes[y]
                .date
                .cmp(&site.corpus.notes[x].date)
                .then(x.cmp(&y))
        });
        for i in notes {
            let n = &site.corpus.notes[i];
            let actors = names(&site.ann.note_actors[i]).join(", ");
            let body: String = n
                .body
                .plain
                .iter()
                .flat_map(|p| p.split_whitespace())
                .take(BODY_WORDS)
                .collect::<Vec<_>>()
                .join(" ");
            add(
                &mut index,
                SearchDoc(
                    "note",
                    n.title.clone(),
                    site.note_path(i as u32),
                    n.date.map(|d| d.to_string()).unwrap_or_default(),
                    actors.clone(),
                ),
                &[(&n.title, 8), (&actors, 5), (&body, 1)],
            );
        }
        // Newest first: results tie on score, and ties go to the lowest document number,
        // so a query's results cluster in the first chunks.
        let mut newest: Vec<usize> = (0..site.corpus.articles.len()).collect();
        newest.sort_by(|&x, &y| {
            site.corpus.articles[y]
                .date
                .cmp(&site.corpus.articles[x].date)
                .then(x.cmp(&y))
        });
        for i in newest {
            let a = &site.corpus.articles[i];
            let actors = names(&site.ann.article_actors[i]);
            let topics: Vec<&str> = site.ann.article_topics[i]
                .iter()
                .take(2)
                .map(|&t| site.ann.topics[t as usize].name.as_str())
                .collect();
            let body: String = a
                .body
                .paragraphs()
                .flat_map(str::split_whitespace)
                .take(BODY_WORDS)
                .collect::<Vec<_>>()
                .join(" ");
            let joined = actors.join(", ");
            let topic_text = topics.join(" ");
            add(
                &mut index,
                SearchDoc(
                    "article",
                    a.title.clone(),
                    site.article_path(i as u32),
                    a.date.to_string(),
                    joined.clone(),
                ),
                &[
                    (&a.title, 8),
                    (&joined, 5),
                    (&topic_text, 2),
                    (&a.summary, 2),
                    (&body, 1),
                ],
            );
        }
        index
    }

    /// Shard names (first two letters of the terms), sorted.
    pub fn shards(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.terms.keys().map(|t| shard_of(t)).collect();
        v.dedup();
        v
    }

    pub fn doc_chunks(&self) -> u32 {
        self.docs.len().div_ceil(DOCS_PER_CHUNK) as u32
    }

    pub fn meta_json(&self) -> String {
        serde_json::json!({
            "version": 1,
            "docs": self.docs.len(),
            "chunk": DOCS_PER_CHUNK,
            "shards": self.shards(),
        })
        .to_string()
    }

    /// `{"term": [doc, weight, doc, weight, ...], ...}` for the terms of one shard.
    pub fn shard_json(&self, shard: &str) -> String {
        let mut out = serde_json::Map::new();
        for (term, postings) in self
            .terms
            .range(shard.to_string()..)
            .take_while(|(t, _)| shard_of(t) == shard)
        {
            let flat: Vec<u32> = postings.iter().flat_map(|&(d, w)| [d, w]).collect();
            out.insert(term.clone(), serde_json::json!(flat));
        }
        serde_json::Value::Object(out).to_string()
    }

    pub fn docs_json(&self, chunk: u32) -> String {
        let start = chunk as usize * DOCS_PER_CHUNK;
        let end = (start + DOCS_PER_CHUNK).min(self.docs.len());
        serde_json::to_string(&self.docs[start.min(end)..end]).unwrap_or_else(|_| "[]".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_and_filtered() {
        let w: Vec<String> = words("Erdoğan's talks in São Paulo, and the U.S.").collect();
        assert_eq!(
            w,
            vec!["erdogan", "talks", "sao", "paulo", "us"]
                .into_iter()
                .filter(|x| *x != "us")
                .map(String::from)
                .collect::<Vec<_>>()
        );
        assert_eq!(shard_of("rubio"), "ru");
        assert_eq!(shard_of("x"), "x");
    }
}
