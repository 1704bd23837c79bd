//! Exact people per article on a labelled set of recent-style articles (tests/fixtures/recent:
//! 30 articles written for this test, 128 labelled people). Precision and recall are exact
//! name matches; the floor sits under the measured figure so regressions fail.

mod common;
use common::*;
use std::collections::{BTreeMap, BTreeSet};

const F1_FLOOR: f64 = 0.99;

#[test]
fn recent_articles_people_f1_stays_above_the_floor() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/recent");
    let gold: BTreeMap<String, Vec<String>> =
        serde_json::from_str(&std::fs::read_to_string(fixtures.join("gold.json")).unwrap())
            .unwrap();
    let index = inspect_fixture_articles(&fixtures, gold.keys());
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut report = Vec::new();
    for a in index["articles"].as_array().unwrap() {
        let file = format!("{}.txt", a["id"].as_str().unwrap());
        let expected: BTreeSet<&str> = gold[&file].iter().map(String::as_str).collect();
        let found: BTreeSet<&str> = a["actors"]
            .as_array()
            .unwrap()
            .iter()
            .chain(a["mentioned"].as_array().unwrap())
            .filter(|x| x["kind"] == "person")
            .map(|x| x["name"].as_str().unwrap())
            .collect();
        tp += expected.intersection(&found).count();
        fp += found.difference(&expected).count();
        fn_ += expected.difference(&found).count();
        if expected != found {
            report.push(format!(
                "{file}: missing {:?}, extra {:?}",
                expected.difference(&found).collect::<Vec<_>>(),
                found.difference(&expected).collect::<Vec<_>>()
            ));
        }
    }
    let p = tp as f64 / (tp + fp) as f64;
    let r = tp as f64 / (tp + fn_) as f64;
    let f1 = 2.0 * p * r / (p + r);
    // Shown on failure, or with `-- --nocapture`.
    println!(
        "people: F1 {f1:.3} (P {p:.3}, R {r:.3}; {tp} found, {fp} extra, {fn_} missing)\n{}",
        report.join("\n")
    );
    assert!(
        f1 >= F1_FLOOR,
        "F1 {f1:.3} (P {p:.3}, R {r:.3}) below {F1_FLOOR}:\n{}",
        report.join("\n")
    );
}
