//! The extract stage: who (people, organisations, places) and what (topics, stories) each
//! article and note is about.
//!
//! 1. [`people`]: the document pass, in parallel, one item at a time.
//! 2. [`resolve`]: the corpus pass that merges actors across items; profiles win.
//! 3. [`salience`]: which actors each item is about, as opposed to names in passing.
//! 4. [`topics`]: curated topics and rules first, then automatic themes and stories.
//!
//! Front matter always wins over extraction: an item that lists `actors` gets exactly those.

/// The word lists, at their old path: they live in [`crate::lang`].
pub use crate::lang as lexicon;
pub mod people;
pub mod resolve;
pub mod salience;
pub mod tokens;
pub mod topics;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use crate::config::ExtractionConfig;
use crate::content::{ActorKind, Article, Corpus, Note};
use crate::lang::Lexicon;
use people::memo::{Found, Memo, TextKey};
use people::{CommonWords, DocEntity, DocPass, fold};

pub type ActorId = u32;
pub type TopicId = u32;

/// Which item a role sighting or quote came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum ItemRef {
    Article(u32),
    Note(u32),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleSeen {
    pub role: String,
    pub date: NaiveDate,
    pub item: ItemRef,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    pub text: String,
    pub date: NaiveDate,
    pub item: ItemRef,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actor {
    pub name: String,
    pub slug: String,
    pub kind: ActorKind,
    /// Profile aliases, or the other written forms seen.
    pub aliases: Vec<String>,
    /// The profile's role, else the latest role seen in the text.
    pub role: Option<String>,
    /// Index into `Corpus::actor_profiles`.
    pub profile: Option<usize>,
    pub roles_seen: Vec<RoleSeen>,
    pub quotes: Vec<Quote>,
    /// 0..1: how sure extraction is that this is a real actor of this kind.
    pub confidence: f32,
    /// Items extraction found the actor in (resolve counts them, salience recounts after
    /// dropping passing mentions). Pages use the site's figure, `Site::actor_counts`, which
    /// adds notes that reach the actor by a wiki link.
    pub count: usize,
}

/// An actor as mentioned by one item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorMention {
    pub actor: ActorId,
    /// The written forms in this item, used to link the first mention in the body.
    pub surfaces: Vec<String>,
    pub mentions: u32,
    /// Paragraph of the first mention (0 is the title or lede).
    pub first_paragraph: u32,
    /// Strength of the rules' evidence in this item (0 weak .. 3+ title or given name and more).
    pub evidence: u8,
    /// The role the item gives the actor ("US Secretary of State", "an analyst at …").
    pub role: Option<String>,
    /// Named only in passing: linked and listed on the actor's page, but not one of the
    /// actors the item is about (see [`salience`]).
    pub minor: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Topic {
    pub name: String,
    pub slug: String,
    pub kind: TopicKind,
    /// Index into `Corpus::topic_profiles`.
    pub profile: Option<usize>,
    /// Keywords (curated) or the distinctive terms that named the story.
    pub terms: Vec<String>,
    /// Items extraction filed under the topic; pages use `Site::topic_counts`.
    pub count: usize,
    /// Sections and sub-sections: the IPTC Media Topics code of the (parent) section,
    /// `medtop:04000000`.
    pub iptc: Option<String>,
    /// Sub-sections: the section they belong to.
    pub parent: Option<TopicId>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TopicKind {
    /// From front matter or a topic profile.
    Curated,
    /// A standard news section (IPTC Media Topics top level); every article has one.
    Section,
    /// A heading inside a large section ("Oil" in Business).
    Subsection,
    /// A running story: two or more items sharing terms and actors, close in time.
    Story,
}

impl TopicKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TopicKind::Curated => "curated",
            TopicKind::Section => "section",
            TopicKind::Subsection => "subsection",
            TopicKind::Story => "story",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TopicKind::Curated => "Topic",
            TopicKind::Section => "Section",
            TopicKind::Subsection => "Section",
            TopicKind::Story => "Running story",
        }
    }
}

/// What extraction found, index-aligned with the corpus.
#[derive(Debug, Clone, Default)]
pub struct Annotations {
    pub actors: Vec<Actor>,
    pub topics: Vec<Topic>,
    /// Per article: actors, main ones first.
    pub article_actors: Vec<Vec<ActorMention>>,
    /// Per article: topics, main one first.
    pub article_topics: Vec<Vec<TopicId>>,
    pub note_actors: Vec<Vec<ActorMention>>,
    pub note_topics: Vec<Vec<TopicId>>,
    /// Groups of actors that may be one, which no rule could merge safely.
    pub duplicates: Vec<resolve::Duplicate>,
}

/// What extraction hands on. The annotations are final from here on: later stages read them
/// and keep what they derive in their own structures.
pub struct Extraction {
    pub annotations: Annotations,
    /// What the document pass used, kept so `serve` can re-read one item quickly.
    pub context: std::sync::Arc<ExtractContext>,
    /// Time spent in each step, for `--timings`.
    pub steps: Steps,
    /// What the document pass found in each item, for the next run's [`extract_reusing`].
    pub memo: Memo,
    /// Items whose names came from the previous run's memo.
    pub names_reused: usize,
}

/// Named durations of the steps of a stage, in order.
#[derive(Debug, Clone, Default)]
pub struct Steps(pub Vec<(&'static str, std::time::Duration)>);

/// Times the steps of a stage: each [`Stopwatch::lap`] records the time since the last.
struct Stopwatch {
    steps: Steps,
    since: std::time::Instant,
}

impl Stopwatch {
    fn start() -> Stopwatch {
        Stopwatch {
            steps: Steps::default(),
            since: std::time::Instant::now(),
        }
    }

    fn lap(&mut self, name: &'static str) {
        let now = std::time::Instant::now();
        self.steps.0.push((name, now - self.since));
        self.since = now;
    }
}

impl std::fmt::Display for Steps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, (name, d)) in self.0.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            write!(f, "{sep}{name} {:.0}", d.as_secs_f64() * 1000.0)?;
        }
        Ok(())
    }
}

/// The corpus-wide inputs of the document pass.
#[derive(Debug, Default)]
pub struct ExtractContext {
    pub aliases: people::AliasIndex,
    pub common: CommonWords,
    pub ignore: Vec<String>,
    pub enabled: bool,
}

/// Re-reads one article against the actors of the last full pass: mentions of known actors
/// are updated at once, `lookup` mapping a written name to an actor; actors new to the
/// collection appear with the next full pass. Used by `serve` for an edit to one article.
pub fn reannotate_article(
    cx: &ExtractContext,
    article: &Article,
    previous: &[ActorMention],
    lookup: impl Fn(&str) -> Option<ActorId>,
) -> Vec<ActorMention> {
    if !cx.enabled || !article.actors.is_empty() {
        return previous.to_vec();
    }
    let pass = DocPass::new(Lexicon::get(), &cx.aliases, &cx.common);
    let mut out: Vec<ActorMention> = Vec::new();
    for e in pass.analyse(article_view(article).paragraphs) {
        if cx.ignore.contains(&fold(&e.name)) {
            continue;
        }
        let Some(actor) = lookup(&e.name).or_else(|| e.surfaces.iter().find_map(|s| lookup(s)))
        else {
            continue;
        };
        let minor = previous
            .iter()
            .find(|m| m.actor == actor)
            .is_some_and(|m| m.minor);
        match out.iter_mut().find(|m| m.actor == actor) {
            Some(m) => {
                m.mentions += e.mentions;
                m.first_paragraph = m.first_paragraph.min(e.first_paragraph);
            }
            None => out.push(ActorMention {
                actor,
                surfaces: e.surfaces.clone(),
                mentions: e.mentions,
                first_paragraph: e.first_paragraph,
                evidence: e.evidence,
                role: e.role.clone(),
                minor,
            }),
        }
    }
    out.sort_by_key(|m| (m.first_paragraph, std::cmp::Reverse(m.mentions)));
    out
}

/// The text of an article that extraction reads: the title when it is not made from the lede,
/// then the body paragraphs.
fn article_view(a: &Article) -> salience::ItemView<'_> {
    let mut paragraphs: Vec<&str> = a.body.paragraphs().collect();
    let derived = a.title_from.from_first_paragraph() && !paragraphs.is_empty();
    if !derived {
        paragraphs.insert(0, &a.title);
    }
    salience::ItemView {
        title: &a.title,
        paragraphs,
        lede: u32::from(!derived),
        declared: !a.actors.is_empty(),
    }
}

/// The text of a note that extraction reads: its title, then its paragraphs.
fn note_view(n: &Note) -> salience::ItemView<'_> {
    salience::ItemView {
        title: &n.title,
        paragraphs: std::iter::once(n.title.as_str())
            .chain(n.body.plain.iter().map(String::as_str))
            .collect(),
        lede: 1,
        declared: !n.actors.is_empty(),
    }
}

/// Extracts actors and topics; `sections` is the site's `sections` setting.
pub fn extract(
    corpus: &Corpus,
    config: &ExtractionConfig,
    sections: &std::collections::BTreeMap<String, crate::config::SectionSetting>,
) -> Extraction {
    extract_reusing(corpus, config, sections, None)
}

/// [`extract`], reusing what the document pass found in the items of an earlier run whose
/// result still holds ([`people::memo`]); the result is the same either way.
pub fn extract_reusing(
    corpus: &Corpus,
    config: &ExtractionConfig,
    sections: &std::collections::BTreeMap<String, crate::config::SectionSetting>,
    previous: Option<Memo>,
) -> Extraction {
    let mut watch = Stopwatch::start();
    let lex = Lexicon::get();
    let aliases = resolve::alias_index(&corpus.actor_profiles);
    let common = corpus
        .articles
        .par_iter()
        .fold(CommonWords::default, |c, a| c.count(a.body.paragraphs()))
        .chain(corpus.notes.par_iter().fold(CommonWords::default, |c, n| {
            c.count(n.body.plain.iter().map(String::as_str))
        }))
        .reduce(CommonWords::default, CommonWords::merge);
    watch.lap("common words");
    let ignore: Vec<String> = config.ignore.iter().map(|s| fold(s)).collect();
    let context = std::sync::Arc::new(ExtractContext {
        aliases,
        common,
        ignore,
        enabled: config.enabled,
    });
    let ignore = &context.ignore;
    // Most sites ignore no names: then no name is folded to be compared.
    let keep = |mut entities: Vec<DocEntity>| -> Vec<DocEntity> {
        if !ignore.is_empty() {
            entities.retain(|e| !ignore.contains(&fold(&e.name)));
        }
        entities
    };

    // Views of every item's text, built in parallel (a list per item: 100,000 lists in a
    // large archive).
    let mut views: Vec<salience::ItemView<'_>> =
        corpus.articles.par_iter().map(article_view).collect();
    views.extend(corpus.notes.iter().map(note_view));
    // Each item's names: remembered from the last run while they still hold, else found.
    let lookup = Memo::lookup(previous.as_ref(), &context.aliases, &context.common);
    let found: Vec<(TextKey, Option<Found>, Vec<DocEntity>)> = views
        .par_iter()
        .map(|v| {
            let key = TextKey::of(&v.paragraphs);
            if !config.enabled {
                return (key, None, Vec::new());
            }
            if let Some(entities) = lookup.get(key) {
                return (key, None, keep(entities));
            }
            let pass = DocPass::new(lex, &context.aliases, &context.common);
            let entities = pass.analyse(v.paragraphs.clone());
            let found = Found::new(pass.take_asked(), &entities);
            (key, Some(found), keep(entities))
        })
        .collect();
    drop(lookup);
    let reused = found.iter().filter(|f| f.1.is_none()).count();
    let (memo, entities) = next_memo(&context.aliases, previous, found, config.enabled);
    watch.lap("names");
    let mut entities = entities.into_iter();
    let article_entities: Vec<_> = entities.by_ref().take(corpus.articles.len()).collect();
    let note_entities: Vec<_> = entities.collect();
    let mut facts = Vec::with_capacity(corpus.articles.len() + corpus.notes.len());
    for (i, (a, entities)) in corpus.articles.iter().zip(article_entities).enumerate() {
        facts.push(resolve::ItemFacts {
            item: ItemRef::Article(i as u32),
            date: a.date,
            declared: &a.actors,
            paragraphs: &views[i].paragraphs,
            entities,
        });
    }
    for (i, (n, entities)) in corpus.notes.iter().zip(note_entities).enumerate() {
        facts.push(resolve::ItemFacts {
            item: ItemRef::Note(i as u32),
            date: n.date.unwrap_or(NaiveDate::MIN),
            declared: &n.actors,
            paragraphs: &views[corpus.articles.len() + i].paragraphs,
            entities,
        });
    }
    let resolve::Resolved {
        mut actors,
        mut mentions,
        duplicates,
    } = resolve::resolve(&corpus.actor_profiles, facts, lex);
    watch.lap("resolve");
    if config.enabled {
        salience::recognise_in_capitals(&actors, &views, &mut mentions);
    }
    salience::mark_incidental(&mut actors, &views, &mut mentions, config.passing_mentions);
    let note_actors = mentions.split_off(corpus.articles.len());
    let article_actors = mentions;
    watch.lap("salience");

    let mut inputs: Vec<topics::TopicInput<'_>> = corpus
        .articles
        .par_iter()
        .zip(&article_actors)
        .map(|(a, m)| topics::TopicInput {
            key: crate::content::fnv1a(a.path.to_string_lossy().as_bytes()),
            date: Some(a.date),
            title: &a.title,
            paragraphs: a.body.paragraphs().collect(),
            actors: m,
            declared: &a.topics,
            is_note: false,
        })
        .collect();
    inputs.extend(
        corpus
            .notes
            .iter()
            .zip(&note_actors)
            .map(|(n, m)| topics::TopicInput {
                key: crate::content::fnv1a(n.path.to_string_lossy().as_bytes()),
                date: n.date,
                title: &n.title,
                paragraphs: n.body.plain.iter().map(String::as_str).collect(),
                actors: m,
                declared: &n.topics,
                is_note: true,
            }),
    );
    let (topics, mut item_topics) = topics::assign(
        &corpus.topic_profiles,
        &inputs,
        &actors,
        config.story_window_days,
        sections,
        &mut |step| watch.lap(step),
    );
    let note_topics = item_topics.split_off(corpus.articles.len());

    Extraction {
        annotations: Annotations {
            actors,
            topics,
            article_actors,
            article_topics: item_topics,
            note_actors,
            note_topics,
            duplicates,
        },
        context,
        steps: watch.steps,
        memo,
        names_reused: if config.enabled { reused } else { 0 },
    }
}

/// The memo for the next run (the items found now, and those reused from `previous`, moved
/// out of it), and each item's names for this one.
fn next_memo(
    aliases: &people::AliasIndex,
    previous: Option<Memo>,
    found: Vec<(TextKey, Option<Found>, Vec<DocEntity>)>,
    enabled: bool,
) -> (Memo, Vec<Vec<DocEntity>>) {
    let mut previous = previous.unwrap_or_default();
    let mut items = Vec::with_capacity(if enabled { found.len() } else { 0 });
    let mut entities = Vec::with_capacity(found.len());
    for (key, fresh, used) in found {
        if enabled {
            match fresh {
                Some(found) => items.push((key, found)),
                None => items.extend(previous.take(key).map(|found| (key, found))),
            }
        }
        entities.push(used);
    }
    (Memo::new(aliases, items), entities)
}
