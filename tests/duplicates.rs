//! One actor per entity, as a user sees it: variant names merged into one actor page with
//! the variants as aliases, and what cannot be decided shown by `check` and `inspect` with the
//! profile that settles it.

mod common;
use common::*;

/// A small collection with every kind of variant the corpus pass merges, and one near miss.
fn site() -> TestSite {
    let site = TestSite::new();
    let mut n = 0;
    let mut article = |text: &str| {
        n += 1;
        site.write(
            &format!("content/articles/a{n:02}.txt"),
            format!("date 2025-03-{:02} {text}\n", n),
        );
    };
    for topic in [
        "rates",
        "inflation",
        "the dollar",
        "bank capital",
        "the budget",
    ] {
        article(&format!(
            "Federal Reserve Board Chairman Alan Greenspan said on Tuesday that {topic} would \
             stay in focus. Greenspan spoke in Washington."
        ));
    }
    // A typo in the source, once.
    article("Chairman Alan Greespan said on Monday that rates were on hold.");
    article(
        "Ukrainian President Volodymyr Zelensky said on Friday that talks in Paris had made \
         progress.",
    );
    article("President Volodymyr Zelenskyy told reporters in Kyiv that he expected more aid.");
    article(
        "Cardinal Jorge Mario Bergoglio, who became Pope Francis in 2013, visited Lampedusa \
         on Monday.",
    );
    article("Pope Francis said on Sunday that the church must listen.");
    article(
        "Ministers of the General Agreement on Tariffs and Trade (GATT) met in Geneva on \
         Monday to discuss farm trade.",
    );
    article("GATT officials said on Tuesday that the farm talks would resume in April.");
    article(
        "The U.S. economy grew 3 pct, and the United States trade gap narrowed, officials said.",
    );
    article("Exports from the US fell in March, officials in Washington said.");
    // Two spellings, once each: a typo or two people? Not safe to decide.
    article("Finance Minister Harald Brunquell said on Monday the budget was balanced.");
    article("Finance Minister Harald Brunqvell said on Friday the deficit would narrow.");
    site
}

fn index(site: &TestSite) -> serde_json::Value {
    let out = site.run(&["inspect", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The actor of this kind that has this name or alias.
fn actor<'a>(idx: &'a serde_json::Value, kind: &str, name: &str) -> Vec<&'a serde_json::Value> {
    idx["actors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| {
            a["kind"] == kind
                && (a["name"] == name || a["aliases"].as_array().unwrap().iter().any(|x| x == name))
        })
        .collect()
}

#[test]
fn variant_names_are_one_actor_with_the_variants_as_aliases() {
    let site = site();
    let idx = index(&site);
    for (kind, name, variants) in [
        ("person", "Alan Greenspan", &["Alan Greespan"][..]),
        ("person", "Volodymyr Zelensky", &["Volodymyr Zelenskyy"][..]),
        ("person", "Pope Francis", &["Jorge Mario Bergoglio"][..]),
        (
            "organization",
            "General Agreement on Tariffs and Trade",
            &["GATT"][..],
        ),
        ("place", "United States", &["U.S.", "US"][..]),
    ] {
        let found = actor(&idx, kind, name);
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        for v in variants {
            assert_eq!(actor(&idx, kind, v), found, "{v} is {name}");
        }
    }
    let greenspan = actor(&idx, "person", "Alan Greenspan")[0];
    assert_eq!(greenspan["name"], "Alan Greenspan");
    assert_eq!(greenspan["count"], 6);

    site.build(&[]);
    let slug = greenspan["slug"].as_str().unwrap();
    assert_eq!(slug, "alan-greenspan");
    let page = site.page("people/alan-greenspan/index.html");
    assert!(
        page.contains("Alan Greespan"),
        "the variant is listed as an alias"
    );
    assert!(!site.out("people/alan-greespan/index.html").exists());
    // One page, whichever spelling names it.
    let zelensky = ["volodymyr-zelensky", "volodymyr-zelenskyy"]
        .map(|slug| site.out(&format!("people/{slug}/index.html")).exists());
    assert_eq!(zelensky.iter().filter(|x| **x).count(), 1);
    assert!(!site.out("people/jorge-mario-bergoglio/index.html").exists());
}

#[test]
fn check_shows_a_near_miss_with_the_profile_that_settles_it() {
    let site = site();
    let idx = index(&site);
    let groups = idx["possible_duplicate_groups"].as_array().unwrap();
    let brunquell = groups
        .iter()
        .find(|g| {
            g["actors"][0]["name"]
                .as_str()
                .unwrap()
                .starts_with("Harald Brunq")
        })
        .unwrap_or_else(|| panic!("{groups:?}"));
    assert_eq!(brunquell["reason"], "one_letter_apart");
    assert!(
        idx["possible_duplicates"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g.as_array().unwrap().len() == 2
                && g[0].as_str().unwrap().starts_with("Harald Brunq"))
    );
    // Merged names are no longer duplicates.
    assert!(
        !groups
            .iter()
            .any(|g| g["actors"][0]["name"] == "Alan Greenspan"),
        "{groups:?}"
    );

    let out = site.run(&["check"]);
    assert!(
        out.status.success(),
        "advice does not fail check: {}",
        stderr(&out)
    );
    let text = stdout(&out);
    let (keep, other) = (
        brunquell["actors"][0]["name"].as_str().unwrap(),
        brunquell["actors"][1]["name"].as_str().unwrap(),
    );
    let slug = brunquell["actors"][0]["slug"].as_str().unwrap();
    for line in [
        format!("{keep} (1) / {other} (1): names one letter apart"),
        format!("to merge them, write content/actors/{slug}.md:"),
        "---".to_string(),
        format!("name: {keep}"),
        format!("aliases: [{other}]"),
        "kind: person".to_string(),
    ] {
        assert!(text.contains(&line), "{line:?} not in:\n{text}");
    }

    // Writing the profile as shown settles it: one actor, no duplicate.
    let profile = brunquell["profile"].as_str().unwrap();
    site.write(
        brunquell["profile_path"].as_str().unwrap(),
        format!("{profile}Finance minister.\n"),
    );
    let idx = index(&site);
    assert_eq!(actor(&idx, "person", other), actor(&idx, "person", keep));
    assert_eq!(actor(&idx, "person", keep)[0]["count"], 2);
    let out = site.run(&["check"]);
    assert!(
        !stdout(&out).contains("names one letter apart"),
        "{}",
        stdout(&out)
    );
}

/// Four spellings of one job are one role on the person's page, with the dates seen.
#[test]
fn one_job_spelled_four_ways_is_one_role() {
    let site = TestSite::new();
    for (day, role) in [
        (2, "Treasury Secretary"),
        (3, "U.S. Treasury Secretary"),
        (4, "Secretary of the Treasury"),
        (5, "US Treasury Secretary"),
    ] {
        site.write(
            &format!("content/articles/baker-{day}.txt"),
            format!(
                "date 1987-03-{day:02} {role} James Baker said on Monday that the dollar was \
                 stable. Baker spoke in Washington.\n"
            ),
        );
    }
    let out = site.build(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let page = site.page("people/james-baker/index.html");
    let roles = page
        .split("<ul class=\"roles\">")
        .nth(1)
        .and_then(|s| s.split("</ul>").next())
        .unwrap_or_else(|| panic!("no roles list:\n{page}"));
    assert_eq!(roles.matches("<li>").count(), 1, "{roles}");
    assert!(roles.contains("Treasury Secretary"), "{roles}");
    assert!(
        roles.contains("1987-03-02") && roles.contains("1987-03-05"),
        "{roles}"
    );
}

/// A company one item names with a company noun ("carmaker Voltaris") is that company where
/// other items write only "Voltaris said": one organisation, no person.
#[test]
fn a_bare_name_joins_the_company_another_item_names() {
    let site = TestSite::new();
    site.write(
        "content/articles/a1.txt",
        "date 2026-03-18 German carmaker Voltaris said on Wednesday it was recalling 60,000 cars.\n",
    );
    for day in [19, 20, 21] {
        site.write(
            &format!("content/articles/a{day}.txt"),
            format!(
                "date 2026-03-{day} Voltaris said on Thursday that sales of the E7 were halted.\n"
            ),
        );
    }
    let out = site.run(&["inspect", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let index: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let voltaris: Vec<&serde_json::Value> = index["actors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["name"] == "Voltaris")
        .collect();
    assert_eq!(voltaris.len(), 1, "{voltaris:?}");
    assert_eq!(voltaris[0]["kind"], "organization");
    assert_eq!(voltaris[0]["count"], 4);
}
