//! End-to-end extraction quality on the Reuters mini corpus, scored by the shared scorer.
//! The floors sit a little under the measured figures (see the README), so a change that
//! makes extraction worse fails here.

mod common;
use common::*;
use std::collections::HashMap;
use std::process::Command;

const FLOORS: &[(&str, f64)] = &[
    ("actor_recall", 0.97),
    ("actor_precision_lb", 0.56),
    ("topic_F", 0.48),
    ("topic_NMI", 0.50),
    ("coverage", 1.0),
    ("date_acc", 1.0),
    ("found", 1.0),
];

/// The scores, or None (the test skips) without the shared corpus or python3.
fn score(corpus: &str) -> Option<HashMap<String, f64>> {
    let articles = shared_or_skip(&format!("corpora/{corpus}/articles"))?
        .canonicalize()
        .expect("shared corpus");
    if !python3_or_skip() {
        return None;
    }
    let site = TestSite::new();
    std::fs::remove_dir(site.root().join("content/articles")).unwrap();
    std::os::unix::fs::symlink(&articles, site.root().join("content/articles")).unwrap();
    // The corpus lies outside the site folder, which the site must allow.
    site.write("gazette.yaml", "security:\n  outside_symlinks: true\n");
    let out = site.run(&["inspect", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let index = site.root().join("index.json");
    std::fs::write(&index, &out.stdout).unwrap();
    let scored = Command::new("python3")
        .arg(shared("eval/score.py"))
        .arg("--gold")
        .arg(shared(&format!("corpora/{corpus}/gold.jsonl")))
        .arg("--index")
        .arg(&index)
        .output()
        .expect("python3");
    assert!(scored.status.success(), "{}", stderr(&scored));
    let text = stdout(&scored);
    let last = text.lines().last().expect("summary line");
    Some(
        last.split_whitespace()
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k.to_string(), v.parse().expect("number")))
            .collect(),
    )
}

#[test]
fn reuters_mini_scores_stay_above_the_floors() {
    let Some(metrics) = score("reuters-mini") else {
        return;
    };
    for (key, floor) in FLOORS {
        let got = metrics[*key];
        assert!(
            got >= *floor,
            "{key} = {got:.3} fell below the floor {floor:.3}; all: {metrics:?}"
        );
    }
}
