//! The search index: written as small JSON files so a static page can search the site in the
//! browser with no server. Terms are sharded by their first two letters and documents by
//! chunks of [`DOCS_PER_CHUNK`], so a query downloads only the shards of its words and the
//! chunks of its results, however large the site.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use super::Site;
use crate::extract::{ActorId, TopicId};

pub const DOCS_PER_CHUNK: usize = 50;
/// Words of the body indexed per article, after headline, names and lede.
const BODY_WORDS: usize = 80;

/// A document as a search result shows it: kind, title, URL path, date, a detail line.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchDoc(
    pub &'static str,
    pub String,
    pub String,
    pub String,
    pub String,
);

/// What a search document is made from.
#[derive(Debug, Clone, Copy)]
enum Source {
    Actor(ActorId),
    Topic(TopicId),
    Note(u32),
    Article(u32),
}

/// One document and its weighted terms.
fn document(site: &Site, source: Source) -> (SearchDoc, Vec<(String, u32)>) {
    let names = |mentions: &[crate::extract::ActorMention]| -> Vec<&str> {
        mentions
            .iter()
            .filter(|m| !m.minor)
            .take(3)
            .map(|m| site.annotations.actors[m.actor as usize].name.as_str())
            .collect()
    };
    let opening = |paragraphs: &mut dyn Iterator<Item = &str>| -> String {
        paragraphs
            .flat_map(str::split_whitespace)
            .take(BODY_WORDS)
            .collect::<Vec<_>>()
            .join(" ")
    };
    match source {
        Source::Actor(i) => {
            let a = &site.annotations.actors[i as usize];
            let detail = match &a.role {
                Some(r) => format!("{} · {}", r, items(site.actor_counts[i as usize])),
                None => items(site.actor_counts[i as usize]),
            };
            let aliases = a.aliases.join(" ");
            (
                SearchDoc(
                    a.kind.as_str(),
                    a.name.clone(),
                    site.actor_path(i),
                    String::new(),
                    detail,
                ),
                // A name query should find the actor's own page first.
                weigh(&[
                    (&a.name, 24),
                    (&aliases, 6),
                    (a.role.as_deref().unwrap_or(""), 1),
                ]),
            )
        }
        Source::Topic(i) => {
            let t = &site.annotations.topics[i as usize];
            let terms = t.terms.join(" ");
            (
                SearchDoc(
                    "topic",
                    t.name.clone(),
                    site.topic_path(i),
                    String::new(),
                    format!(
                        "{} · {}",
                        t.kind.label(),
                        items(site.topic_counts[i as usize])
                    ),
                ),
                weigh(&[(&t.name, 16), (&terms, 2)]),
            )
        }
        Source::Note(i) => {
            let n = &site.corpus.notes[i as usize];
            let actors = names(&site.note_actors[i as usize]).join(", ");
            let body = opening(&mut n.body.plain.iter().map(String::as_str));
            (
                SearchDoc(
                    "note",
                    n.title.clone(),
                    site.note_path(i),
                    n.date.map(|d| d.to_string()).unwrap_or_default(),
                    actors.clone(),
                ),
                weigh(&[(&n.title, 8), (&actors, 5), (&body, 1)]),
            )
        }
        Source::Article(i) => {
            let a = &site.corpus.articles[i as usize];
            let actors = names(&site.annotations.article_actors[i as usize]).join(", ");
            let topics: Vec<&str> = site.annotations.article_topics[i as usize]
                .iter()
                .take(2)
                .map(|&t| site.annotations.topics[t as usize].name.as_str())
                .collect();
            let body = opening(&mut a.body.paragraphs());
            let topic_text = topics.join(" ");
            (
                SearchDoc(
                    "article",
                    a.title.clone(),
                    site.article_path(i),
                    a.date.to_string(),
                    actors.clone(),
                ),
                weigh(&[
                    (&a.title, 8),
                    (&actors, 5),
                    (&topic_text, 2),
                    (&a.summary, 2),
                    (&body, 1),
                ]),
            )
        }
    }
}

/// The summed weight of each term of the texts, in term order.
fn weigh(weighted: &[(&str, u32)]) -> Vec<(String, u32)> {
    thread_local! {
        /// One table per thread, emptied for each document rather than grown from nothing.
        static WEIGHTS: std::cell::RefCell<FxHashMap<String, u32>> = Default::default();
    }
    WEIGHTS.with_borrow_mut(|weights| {
        weights.clear();
        for (text, w) in weighted {
            for_each_word(text, |term| match weights.get_mut(term) {
                Some(n) => *n += w,
                None => {
                    weights.insert(term.to_string(), *w);
                }
            });
        }
        let mut v: Vec<(String, u32)> = weights.drain().collect();
        v.sort_unstable();
        v
    })
}

#[derive(Debug, Default)]
pub struct SearchIndex {
    pub docs: Vec<SearchDoc>,
    /// Folded term -> (document, weight), documents ascending.
    pub terms: BTreeMap<String, Vec<(u32, u32)>>,
}

/// Lower case, accents removed, split into words of letters and digits.
#[cfg(test)]
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(w.to_string()));
    out
}

/// Calls `f` with each word of `text`: lower case, accents removed, split into words of
/// letters and digits, without stop words. ASCII words (nearly all) are lowered into one
/// reused buffer: every article's text passes through here.
fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    // Words too common to index (`stopwords.txt`).
    let lex = crate::lang::Lexicon::get();
    let keep = |w: &str, f: &mut dyn FnMut(&str)| {
        if w.len() >= 2 && !lex.is_stopword(w) {
            f(w);
        }
    };
    // An ASCII word, lowered into the one reused buffer.
    let mut buf = String::new();
    let mut keep_ascii = |w: &[u8], f: &mut dyn FnMut(&str)| {
        buf.clear();
        buf.extend(w.iter().map(|b| b.to_ascii_lowercase() as char));
        keep(&buf, f);
    };
    if text.is_ascii() {
        // Nearly all text: words found byte by byte, no characters decoded.
        for w in text
            .as_bytes()
            .split(|b| !b.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            keep_ascii(w, &mut f);
        }
        return;
    }
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        if w.is_ascii() {
            keep_ascii(w.as_bytes(), &mut f);
        } else {
            let folded = crate::lang::fold::for_lookup(w);
            for part in folded.split(|c: char| !c.is_ascii_alphanumeric()) {
                keep(part, &mut f);
            }
        }
    }
}

/// "1 item", "3 items".
fn items(n: usize) -> String {
    format!("{n} item{}", if n == 1 { "" } else { "s" })
}

/// The shard of a term: its first two characters.
pub fn shard_of(term: &str) -> &str {
    &term[..term.len().min(2)]
}

impl SearchIndex {
    pub fn build(site: &Site) -> SearchIndex {
        // Document order: actors, topics, notes newest first, articles newest first. Results
        // tie on score and ties go to the lowest document number, so a query's results
        // cluster in the first chunks.
        let mut sources: Vec<Source> = Vec::new();
        sources.extend(
            (0..site.annotations.actors.len())
                .filter(|&i| {
                    site.actor_counts[i] > 0 || site.annotations.actors[i].profile.is_some()
                })
                .map(|i| Source::Actor(i as ActorId)),
        );
        sources.extend(
            (0..site.annotations.topics.len())
                .filter(|&i| {
                    site.topic_counts[i] > 0 || site.annotations.topics[i].profile.is_some()
                })
                .map(|i| Source::Topic(i as TopicId)),
        );
        let mut notes: Vec<usize> = (0..site.corpus.notes.len()).collect();
        notes.sort_by(|&x, &y| {
            site.corpus.notes[y]
                .date
                .cmp(&site.corpus.notes[x].date)
                .then(x.cmp(&y))
        });
        sources.extend(notes.into_iter().map(|i| Source::Note(i as u32)));
        let mut newest: Vec<usize> = (0..site.corpus.articles.len()).collect();
        newest.sort_by(|&x, &y| {
            site.corpus.articles[y]
                .date
                .cmp(&site.corpus.articles[x].date)
                .then(x.cmp(&y))
        });
        sources.extend(newest.into_iter().map(|i| Source::Article(i as u32)));

        // Documents and their term weights in parallel; then the postings, also in parallel
        // over runs of documents, and the runs' postings joined in document order.
        let (docs, mut weights): (Vec<SearchDoc>, Vec<Vec<(String, u32)>>) =
            sources.par_iter().map(|s| document(site, *s)).unzip();
        let run = (weights.len() / (4 * rayon::current_num_threads())).max(1024);
        let runs: Vec<FxHashMap<String, Vec<(u32, u32)>>> = weights
            .par_chunks_mut(run)
            .enumerate()
            .map(|(r, part)| {
                let mut postings: FxHashMap<String, Vec<(u32, u32)>> = FxHashMap::default();
                for (k, doc_weights) in part.iter_mut().enumerate() {
                    let id = (r * run + k) as u32;
                    for (term, w) in std::mem::take(doc_weights) {
                        postings.entry(term).or_default().push((id, w.min(1000)));
                    }
                }
                postings
            })
            .collect();
        let mut terms: FxHashMap<String, Vec<(u32, u32)>> = FxHashMap::default();
        for postings in runs {
            for (term, list) in postings {
                match terms.get_mut(&term) {
                    Some(all) => all.extend(list),
                    None => {
                        terms.insert(term, list);
                    }
                }
            }
        }
        SearchIndex {
            docs,
            terms: terms.into_iter().collect(),
        }
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

    /// `{"term": [doc, weight, doc, weight, ...], ...}` for the terms of one shard, written
    /// straight out (terms in order, as serde_json writes a map) rather than built as a JSON
    /// value of a number per posting first.
    pub fn shard_json(&self, shard: &str) -> String {
        use std::fmt::Write;
        let mut out = String::from("{");
        for (i, (term, postings)) in self
            .terms
            .range(shard.to_string()..)
            .take_while(|(t, _)| shard_of(t) == shard)
            .enumerate()
        {
            if i > 0 {
                out.push(',');
            }
            // A term is a string: serde_json escapes it as in any JSON.
            out.push_str(&serde_json::to_string(term).unwrap_or_else(|_| "\"\"".into()));
            out.push_str(":[");
            for (k, &(d, w)) in postings.iter().enumerate() {
                if k > 0 {
                    out.push(',');
                }
                let _ = write!(out, "{d},{w}");
            }
            out.push(']');
        }
        out.push('}');
        out
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
        let w: Vec<String> = words("Erdoğan's talks in São Paulo, and the U.S.");
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

    proptest::proptest! {
        /// ASCII text split byte by byte gives the words the character split gives: a
        /// trailing non-ASCII word sends the same text down the other path.
        #[test]
        fn words_alike_on_both_paths(s in "[a-zA-Z ,.'0-9-]{0,40}") {
            // "é" folds to "e", a word too short to keep.
            proptest::prop_assert_eq!(words(&s), words(&format!("{s} é")));
        }
    }

    #[test]
    fn shards_are_json_maps_of_flat_postings() {
        let mut index = SearchIndex::default();
        for (term, postings) in [
            ("rubio", vec![(0, 24), (7, 3)]),
            ("ruble", vec![(2, 1)]),
            ("r\"u", vec![(5, 1000)]),
            ("sao", vec![(1, 2)]),
        ] {
            index.terms.insert(term.into(), postings);
        }
        let shard = index.shard_json("ru");
        let parsed: serde_json::Value = serde_json::from_str(&shard).unwrap();
        assert_eq!(
            parsed,
            serde_json::json!({"rubio": [0, 24, 7, 3], "ruble": [2, 1]})
        );
        // The same bytes serde_json writes for that map.
        assert_eq!(shard, serde_json::to_string(&parsed).unwrap());
        assert_eq!(index.shard_json("r\""), r#"{"r\"u":[5,1000]}"#);
        assert_eq!(index.shard_json("zz"), "{}");
    }
}
