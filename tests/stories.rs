//! Running stories on a labelled full-text set (tests/fixtures/stories: 32 recent-style
//! articles written for this test, five running stories over one to five weeks and ten
//! one-offs, some sharing people, places or words with a story). Pairwise F1 counts two
//! articles as linked when they share a story; the floor sits under the measured figure
//! (0.886) so regressions fail.

mod common;
use common::*;
use std::collections::{BTreeMap, BTreeSet};

const PAIR_F1_FLOOR: f64 = 0.84;

fn fixtures() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stories")
}

/// Gold story per file stem.
fn gold() -> BTreeMap<String, String> {
    fixture_gold(&fixtures())
        .iter()
        .map(|(k, a)| (k.clone(), a["story"].as_str().unwrap().to_string()))
        .collect()
}

fn site_with(stems: &[&String]) -> TestSite {
    let site = TestSite::new();
    for stem in stems {
        site.write(
            &format!("content/articles/{stem}.txt"),
            std::fs::read(fixtures().join(format!("{stem}.txt"))).unwrap(),
        );
    }
    site
}

fn inspect(site: &TestSite) -> serde_json::Value {
    let out = site.run(&["inspect", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Story slugs per article id.
fn stories_of(index: &serde_json::Value) -> BTreeMap<String, BTreeSet<String>> {
    let kinds: BTreeMap<&str, &str> = index["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["slug"].as_str().unwrap(), t["kind"].as_str().unwrap()))
        .collect();
    index["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let stories = a["topics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t["slug"].as_str().unwrap())
                .filter(|s| kinds.get(s) == Some(&"story"))
                .map(str::to_string)
                .collect();
            (a["id"].as_str().unwrap().to_string(), stories)
        })
        .collect()
}

#[test]
fn fixture_stories_reach_the_floor_with_unique_supported_names() {
    let gold = gold();
    let stems: Vec<&String> = gold.keys().collect();
    let site = site_with(&stems);
    let index = inspect(&site);
    let of = stories_of(&index);
    let ids: Vec<&String> = gold.keys().collect();
    let (mut tp, mut predicted, mut actual) = (0usize, 0usize, 0usize);
    for (i, a) in ids.iter().enumerate() {
        for b in &ids[i + 1..] {
            let linked = !of[*a].is_disjoint(&of[*b]);
            let same = gold[*a] == gold[*b];
            tp += usize::from(linked && same);
            predicted += usize::from(linked);
            actual += usize::from(same);
        }
    }
    let (p, r) = (tp as f64 / predicted as f64, tp as f64 / actual as f64);
    let f1 = 2.0 * p * r / (p + r);
    eprintln!("stories fixture: pair P {p:.3} R {r:.3} F1 {f1:.3}");
    assert!(
        f1 >= PAIR_F1_FLOOR,
        "pairwise F1 {f1:.3} below {PAIR_F1_FLOOR}"
    );

    let stories: Vec<&serde_json::Value> = index["topics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["kind"] == "story")
        .collect();
    let mut names = BTreeSet::new();
    for t in &stories {
        let name = t["name"].as_str().unwrap();
        assert!(t["count"].as_u64().unwrap() >= 2, "one-item story {t}");
        assert!(
            names.insert(name.to_lowercase()),
            "two stories named {name}"
        );
        assert!(
            t["first_date"].is_string() && t["last_date"].is_string(),
            "{t}"
        );
        // Every word of the name is in at least half of the story's articles, as written.
        let members: Vec<String> = of
            .iter()
            .filter(|(_, s)| s.contains(t["slug"].as_str().unwrap()))
            .map(|(id, _)| std::fs::read_to_string(fixtures().join(format!("{id}.txt"))).unwrap())
            .collect();
        for word in name.split(' ') {
            let with = members.iter().filter(|m| m.contains(word)).count();
            assert!(
                with * 2 >= members.len(),
                "'{word}' of '{name}' in {with} of {}",
                members.len()
            );
        }
    }
    // The running story told in four cities over five weeks is one story.
    let sudan: BTreeSet<&BTreeSet<String>> = gold
        .iter()
        .filter(|(_, s)| *s == "sudan-ceasefire-talks")
        .map(|(id, _)| &of[id])
        .collect();
    assert!(sudan.iter().all(|s| !s.is_empty()), "{sudan:?}");

    // The home page leads with the stories, each linked to its timeline.
    site.build(&[]);
    let home = site.page("index.html");
    assert!(home.contains("Top stories"), "no lead stories");
    let latest = stories
        .iter()
        .max_by_key(|t| t["last_date"].as_str().unwrap())
        .unwrap();
    let link = format!("/topics/{}/", latest["slug"].as_str().unwrap());
    assert!(home.contains(&link), "{link} not on the home page");
}

#[test]
fn story_urls_stay_when_later_articles_arrive() {
    let gold = gold();
    // The first three weeks, then everything.
    let early: Vec<&String> = gold
        .keys()
        .filter(|k| {
            let text = std::fs::read_to_string(fixtures().join(format!("{k}.txt"))).unwrap();
            text.split_whitespace().nth(1).unwrap() <= "2026-03-23"
        })
        .collect();
    let before = stories_of(&inspect(&site_with(&early)));
    let all: Vec<&String> = gold.keys().collect();
    let after = stories_of(&inspect(&site_with(&all)));
    let mut kept = 0;
    for (id, slugs) in &before {
        for slug in slugs {
            assert!(
                after[id].contains(slug),
                "{id}: story {slug} moved to {:?}",
                after[id]
            );
            kept += 1;
        }
    }
    assert!(kept >= 6, "too few early stories to test ({kept})");
}

#[test]
fn one_article_alone_has_no_story() {
    let gold = gold();
    let one: Vec<&String> = gold.keys().take(1).collect();
    let of = stories_of(&inspect(&site_with(&one)));
    assert!(of.values().all(BTreeSet::is_empty), "{of:?}");
}
