//! Topics: what each item is about.
//!
//! 1. **Curated** topics come first: front-matter `topics`, and topic profiles whose keyword or
//!    actor rules match the item.
//! 2. **Stories**: running stories, items sharing distinctive terms and actors while the story
//!    is active, found by single-pass clustering in date order (see `stories.rs`); a story needs
//!    at least two items, and an item without a partner has none.
//! 3. **Sections**: every article gets a main section of the 17 IPTC Media Topics, perhaps
//!    secondary ones, and in large sections a sub-section ("Oil" in Business), from the section
//!    lexicon and votes of its story and actors (see `sections.rs`).
//!
//! An article's topics are in that order of importance: curated topics, sub-section, main
//! section, secondary sections, story. Stories are named by phrases most of their items
//! contain (`story_names.rs`); sections have fixed names. Everything is deterministic: the
//! same input gives the same topics, whatever the thread count.

mod background;
mod curated;
mod naming;
mod sections;
mod space;
mod stories;
mod story_names;
mod terms;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::people::fold;
use super::{Actor, ActorMention, Topic, TopicId, TopicKind};
use crate::content::ActorKind;
use crate::content::TopicProfile;
use crate::text::slugify;
use naming::name_from;
use space::build_space;

/// One item as the topic pass sees it.
pub struct TopicInput<'a> {
    /// A stable identity (a hash of the file path).
    pub key: u64,
    pub date: Option<NaiveDate>,
    pub title: &'a str,
    pub paragraphs: Vec<&'a str>,
    pub actors: &'a [ActorMention],
    /// Topic names from front matter.
    pub declared: &'a [String],
    /// Notes do not open stories or themes of their own; they join curated topics and
    /// stories only.
    pub is_note: bool,
}

/// Assigns topics. Returns the topics and, per item, its topic ids with the main one first.
/// `step_done` is told the name of each step as it ends (the pipeline times them).
pub fn assign(
    profiles: &[TopicProfile],
    items: &[TopicInput<'_>],
    actors: &[Actor],
    window_days: i64,
    section_settings: &std::collections::BTreeMap<String, crate::config::SectionSetting>,
    step_done: &mut dyn FnMut(&'static str),
) -> (Vec<Topic>, Vec<Vec<TopicId>>) {
    let mut topics: Vec<Topic> = Vec::new();
    let mut per_item: Vec<Vec<TopicId>> = vec![Vec::new(); items.len()];
    curated::curated(profiles, items, actors, &mut topics, &mut per_item);

    let mut space = build_space(items, actors);
    step_done("terms");
    space.lead_actors = space
        .feature_actor
        .iter()
        .map(|a| a.is_some_and(|id| actors[id as usize].kind != ActorKind::Place))
        .collect();
    space.person_words = actors
        .iter()
        .filter(|a| a.kind == ActorKind::Person && a.name.split_whitespace().count() >= 2)
        .flat_map(|a| {
            fold(&a.name)
                .split(' ')
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    for (t, d) in space.display.iter().enumerate() {
        if space.lead_actors[t] && d.split_whitespace().count() >= 2 {
            for w in fold(d).split(' ') {
                space
                    .name_words
                    .entry(w.to_string())
                    .or_default()
                    .push(t as u32);
            }
        }
    }

    // Stories: two or more items about one event or running story. Names and terms of every
    // story in parallel; numbered in order after.
    let found = stories::stories(&space, items, window_days);
    let mut story_of: Vec<Option<usize>> = vec![None; items.len()];
    let mut story_members: Vec<Vec<usize>> = Vec::new();
    step_done("stories");
    let named: Vec<(Vec<usize>, Topic, Vec<String>)> = found
        .into_par_iter()
        .map(|(members, centroid)| {
            let options = story_names::name_options(&members, items);
            // The slug comes from the first item alone, so that later items, which may
            // improve the name, never move the story's URL.
            let first = story_names::name_options(&members[..1], items)
                .into_iter()
                .next()
                .unwrap_or_else(|| name_from(&centroid, &space));
            let slug = match items[members[0]].date {
                Some(d) => format!("{}-{}", d.format("%Y-%m-%d"), slugify(&first)),
                None => slugify(&first),
            };
            let topic = Topic {
                name: String::new(),
                slug,
                kind: TopicKind::Story,
                profile: None,
                terms: centroid
                    .top_terms(12)
                    .into_iter()
                    .filter(|&t| !space.is_actor[t as usize])
                    .take(8)
                    .map(|t| space.display[t as usize].clone())
                    .collect(),
                count: 0,
                iptc: None,
                parent: None,
            };
            (members, topic, options)
        })
        .collect();
    // Two stories never share a name: a later story takes its next option, else its month.
    let mut taken: rustc_hash::FxHashSet<String> = topics.iter().map(|t| fold(&t.name)).collect();
    for (members, mut topic, options) in named {
        // "March 2024", with the lexicon's month names (as `month_name` in render/pages.rs).
        let month = items[members[0]].date.map(|d| {
            let months = crate::lang::Lexicon::get().months();
            format!("{} {:04}", months[d.month0() as usize], d.year())
        });
        let first = options
            .first()
            .cloned()
            .unwrap_or_else(|| "Story".to_string());
        topic.name = options
            .into_iter()
            .find(|o| !taken.contains(&fold(o)))
            .or_else(|| {
                month
                    .map(|m| format!("{first}, {m}"))
                    .filter(|n| !taken.contains(&fold(n)))
            })
            .unwrap_or_else(|| format!("{first} ({})", topic.slug));
        taken.insert(fold(&topic.name));
        let id = topics.len() as TopicId;
        topics.push(topic);
        for &m in &members {
            per_item[m].push(id);
            story_of[m] = Some(story_members.len());
        }
        story_members.push(members);
    }
    step_done("story names");

    // Sections, with votes from each article's story and actors. They go after curated
    // topics and before the story: sub-section, main section, secondary sections.
    let articles: Vec<usize> = (0..items.len()).filter(|&i| !items[i].is_note).collect();
    let settings = sections::SectionSettings::new(section_settings);
    let found = sections::assign(
        items,
        &articles,
        &story_of,
        &story_members,
        actors,
        &settings,
    );
    let first_section = topics.len();
    let first_sub = first_section + settings.names.len();
    topics.extend(sections::topics(&settings, first_section));
    for (&i, s) in articles.iter().zip(&found) {
        let mut ids: Vec<TopicId> = Vec::new();
        ids.extend(s.subsection.map(|sub| (first_sub + sub) as TopicId));
        ids.extend(s.sections.iter().map(|&j| (first_section + j) as TopicId));
        let curated = per_item[i]
            .iter()
            .take_while(|&&t| topics[t as usize].kind == TopicKind::Curated)
            .count();
        per_item[i].splice(curated..curated, ids);
    }
    step_done("sections");
    keep_used(topics, per_item)
}

/// Drops topics nobody ended up in, renumbers, counts, and gives unique slugs.
fn keep_used(
    topics: Vec<Topic>,
    mut per_item: Vec<Vec<TopicId>>,
) -> (Vec<Topic>, Vec<Vec<TopicId>>) {
    let mut used = vec![false; topics.len()];
    for ids in &per_item {
        for &id in ids {
            used[id as usize] = true;
        }
    }
    let mut remap = vec![u32::MAX; topics.len()];
    let mut kept = Vec::new();
    for (old, t) in topics.into_iter().enumerate() {
        if used[old] || t.kind == TopicKind::Curated {
            remap[old] = kept.len() as u32;
            kept.push(t);
        }
    }
    for ids in per_item.iter_mut() {
        for id in ids.iter_mut() {
            *id = remap[*id as usize];
        }
    }
    for t in kept.iter_mut() {
        t.parent = t.parent.map(|p| remap[p as usize]);
    }
    for ids in &per_item {
        for &id in ids {
            kept[id as usize].count += 1;
        }
    }
    let mut taken: FxHashMap<String, ()> = FxHashMap::default();
    // Curated slugs first so automatic names never take them.
    // Sections keep their fixed slugs, in a URL space of their own (`sections/`).
    let mut order: Vec<usize> = (0..kept.len())
        .filter(|&i| !matches!(kept[i].kind, TopicKind::Section | TopicKind::Subsection))
        .collect();
    order.sort_by_key(|&i| (kept[i].kind != TopicKind::Curated, i));
    for i in order {
        let t = &mut kept[i];
        let slug = crate::text::unique_slug(
            &t.slug,
            &t.name,
            || format!("topic-{i}"),
            |s| taken.contains_key(s),
        );
        taken.insert(slug.clone(), ());
        t.slug = slug;
    }
    (kept, per_item)
}

#[cfg(test)]
mod tests {
    use super::terms::{is_term_char, normalise_term, term_hash, words};
    use super::*;

    proptest::proptest! {
        /// The byte-wise splitter gives the words the plain definition gives: split on
        /// anything but letters, digits and joiners, trim the joiners, drop a possessive.
        #[test]
        fn words_split_as_defined(text in "[aZ9 .,'’\\-sé\u{2014}\u{a0}]{0,24}") {
            let defined: Vec<&str> = text
                .split(|c: char| !is_term_char(c))
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                .map(|w| w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(w))
                .filter(|w| !w.is_empty())
                .collect();
            proptest::prop_assert_eq!(words(&text).collect::<Vec<_>>(), defined);
        }
    }

    #[test]
    fn terms_fold_case_and_plurals_and_skip_stop_words() {
        let mut buf = String::new();
        let mut term = |w: &str| normalise_term(w, &mut buf).map(|h| (buf.clone(), h));
        assert_eq!(
            term("Policies"),
            Some(("policy".into(), term_hash("policy")))
        );
        assert_eq!(term("talks"), Some(("talk".into(), term_hash("talk"))));
        assert_eq!(
            term("Congress"),
            Some(("congress".into(), term_hash("congress")))
        );
        assert_eq!(term("the"), None);
        assert_eq!(term("The"), None);
        assert_eq!(term("G20"), None);
        assert_eq!(term("at"), None);
        // Words with letters beyond ASCII: lowered as characters, digits still rule out.
        assert_eq!(term("Zürich"), Some(("zürich".into(), term_hash("zürich"))));
        assert_eq!(term("Élysée"), Some(("élysée".into(), term_hash("élysée"))));
        assert_eq!(term("Zü9rich"), None);
        assert_eq!(term("9th"), None);
        assert_eq!(term("-ab"), None);
    }

    fn assign(
        profiles: &[TopicProfile],
        items: &[TopicInput<'_>],
        actors: &[Actor],
        window_days: i64,
    ) -> (Vec<Topic>, Vec<Vec<TopicId>>) {
        super::assign(
            profiles,
            items,
            actors,
            window_days,
            &Default::default(),
            &mut |_| {},
        )
    }

    fn input<'a>(date: &str, title: &'a str, text: &'a str) -> TopicInput<'a> {
        TopicInput {
            key: crate::content::fnv1a(format!("{date}{title}{text}").as_bytes()),
            date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
            title,
            paragraphs: vec![text],
            actors: &[],
            declared: &[],
            is_note: false,
        }
    }

    #[test]
    fn every_article_gets_a_topic_and_stories_group_the_same_story() {
        let items = vec![
            input(
                "2025-03-03",
                "Dockworkers strike at Rotterdam port",
                "Dockworkers at the port of Rotterdam began a strike over pay and automation.",
            ),
            input(
                "2025-03-04",
                "Rotterdam port strike talks",
                "Talks to end the Rotterdam dockworkers strike over pay began with a mediator.",
            ),
            input(
                "2025-03-05",
                "Central bank raises rates",
                "The central bank raised interest rates by a quarter point to fight inflation.",
            ),
            input(
                "2025-03-06",
                "Inflation and interest rates",
                "Inflation rose again and the central bank signalled more interest rate rises.",
            ),
        ];
        let (topics, per_item) = assign(&[], &items, &[], 10);
        let story_of = |i: usize| {
            per_item[i]
                .iter()
                .copied()
                .find(|&t| topics[t as usize].kind == TopicKind::Story)
        };
        assert!(
            story_of(0).is_some() && story_of(0) == story_of(1),
            "{topics:?} {per_item:?}"
        );
        assert_ne!(story_of(0), story_of(2));
        let slugs: std::collections::HashSet<&str> =
            topics.iter().map(|t| t.slug.as_str()).collect();
        assert_eq!(slugs.len(), topics.len(), "unique slugs");
    }

    #[test]
    fn curated_topics_come_first() {
        let profile = TopicProfile {
            id: "strike".into(),
            path: "content/topics/strike.md".into(),
            slug: "port-strike".into(),
            name: "Port strike".into(),
            aliases: vec![],
            keywords: vec!["dockworkers".into()],
            actors: vec![],
            description: Default::default(),
            lines: Default::default(),
        };
        let declared = vec!["Labour".to_string()];
        let mut a = input(
            "2025-03-03",
            "Dockworkers walk out",
            "Dockworkers walked out.",
        );
        a.declared = &declared;
        let b = input("2025-03-04", "Bank holds rates", "The bank held rates.");
        let (topics, per_item) = assign(&[profile], &[a, b], &[], 10);
        assert_eq!(topics[per_item[0][0] as usize].name, "Labour");
        assert_eq!(topics[per_item[0][1] as usize].name, "Port strike");
        // A lone article has no story (a story groups two or more items), but a section.
        let kinds: Vec<TopicKind> = per_item[1]
            .iter()
            .map(|&t| topics[t as usize].kind)
            .collect();
        assert_eq!(kinds, [TopicKind::Section], "{:?}", per_item[1]);
        assert_eq!(topics[per_item[1][0] as usize].name, "Business");
        assert_eq!(
            topics[per_item[1][0] as usize].iptc.as_deref(),
            Some("medtop:04000000")
        );
    }

    #[test]
    fn large_sections_split_into_subsections_named_as_newspapers_do() {
        let subjects = [
            (
                "Crude oil prices rise",
                "Crude oil prices rose as OPEC cut output of barrels.",
            ),
            (
                "Wheat harvest grows",
                "The wheat harvest grew and grain exports in tonnes rose.",
            ),
            (
                "Bank raises interest rates",
                "The central bank raised interest rates on money markets.",
            ),
        ];
        let items: Vec<TopicInput<'_>> = (0..sections::SUBSECTIONS_FROM + 20)
            .map(|i| {
                let (t, x) = subjects[i % subjects.len()];
                input(if i < 30 { "2025-01-01" } else { "2025-03-01" }, t, x)
            })
            .collect();
        let (topics, per_item) = assign(&[], &items, &[], 10);
        let name = |i: usize, k: usize| topics[per_item[i][k] as usize].name.as_str();
        // The sub-section is the main topic, its section next.
        assert_eq!((name(0, 0), name(0, 1)), ("Oil", "Business"));
        assert_eq!(name(1, 0), "Grain");
        assert_eq!(name(2, 0), "Interest rates");
        let oil = &topics[per_item[0][0] as usize];
        assert_eq!(oil.kind, TopicKind::Subsection);
        assert_eq!(oil.parent, Some(per_item[0][1]));
    }

    #[test]
    fn small_sections_do_not_split() {
        let items: Vec<TopicInput<'_>> = (0..10)
            .map(|i| {
                input(
                    "2025-01-01",
                    ["Crude oil prices rise", "Wheat harvest grows"][i % 2],
                    "Prices rose.",
                )
            })
            .collect();
        let (topics, per_item) = assign(&[], &items, &[], 10);
        assert!(
            per_item
                .iter()
                .flatten()
                .all(|&t| topics[t as usize].kind != TopicKind::Subsection)
        );
    }

    #[test]
    fn a_later_day_leaves_earlier_items_weighed_as_they_were() {
        let subjects = [
            (
                "Dockers strike at Rotterdam port",
                "Rotterdam dockers walked out over pay.",
            ),
            (
                "Measles outbreak in Enid",
                "Enid schools close as measles spreads.",
            ),
            (
                "Bank holds rates",
                "The central bank held interest rates at Rotterdam.",
            ),
        ];
        let days = ["2025-01-01", "2025-01-02", "2025-01-03"];
        let mut items: Vec<TopicInput<'_>> = (0..30)
            .map(|i| {
                let (t, x) = subjects[i % subjects.len()];
                input(days[i % days.len()], t, x)
            })
            .collect();
        let before = super::space::build_space(&items, &[]).vectors;
        // A new day's articles, on subjects the archive already holds.
        items.extend((0..5).map(|i| input("2025-01-04", subjects[i % 2].0, subjects[i % 2].1)));
        let after = super::space::build_space(&items, &[]).vectors;
        assert_eq!(
            before[..],
            after[..before.len()],
            "earlier items' weights moved"
        );
        // A day is counted whole before its items are weighed: two copies on one day weigh
        // alike, whichever comes first.
        assert_eq!(after[0], after[3]);
    }

    #[test]
    fn deterministic() {
        let items: Vec<TopicInput<'_>> = (0..40)
            .map(|i| {
                input(
                    "2025-01-01",
                    if i % 2 == 0 {
                        "Oil prices rise"
                    } else {
                        "Bank cuts rates"
                    },
                    if i % 3 == 0 {
                        "Crude oil output and prices."
                    } else {
                        "Interest rates and the central bank."
                    },
                )
            })
            .collect();
        // The same topics, stories and assignments on one thread as on four: rayon's work
        // splitting must not show in the result.
        let run = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| assign(&[], &items, &[], 10))
        };
        let (one, four) = (run(1), run(4));
        assert_eq!(one.1, four.1, "assignments");
        let names = |t: &[Topic]| {
            t.iter()
                .map(|t| (t.kind, t.name.clone(), t.slug.clone(), t.parent))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&one.0), names(&four.0), "topic and story names");
        assert!(
            one.0.iter().any(|t| t.kind == TopicKind::Story),
            "{:?}",
            names(&one.0)
        );
        // And again in the same pool of four.
        let again = run(4);
        assert_eq!(again.1, four.1);
        assert_eq!(names(&again.0), names(&four.0));
    }

    #[test]
    fn the_same_stories_whatever_the_thread_count() {
        let subjects = [
            (
                "Dockers strike at Rotterdam port",
                "Rotterdam dockers walked out over pay.",
            ),
            (
                "Rotterdam port strike talks",
                "Talks on the Rotterdam dockers strike began.",
            ),
            (
                "Measles outbreak in Enid",
                "Enid schools close as measles spreads.",
            ),
            (
                "Enid measles cases rise",
                "Measles cases in Enid doubled this week.",
            ),
            ("Bank holds rates", "The central bank held interest rates."),
        ];
        let items: Vec<TopicInput<'_>> = (0..600)
            .map(|i| {
                let (t, x) = subjects[i % subjects.len()];
                let day = ["2025-01-01", "2025-01-09", "2025-02-20", "2025-03-30"][i % 4];
                input(day, t, x)
            })
            .collect();
        let run = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| assign(&[], &items, &[], 10))
        };
        let (one, four) = (run(1), run(4));
        assert_eq!(one.1, four.1);
        let names = |t: &[Topic]| {
            t.iter()
                .map(|t| (t.name.clone(), t.slug.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&one.0), names(&four.0));
        assert!(one.0.iter().any(|t| t.kind == TopicKind::Story));
    }
}
