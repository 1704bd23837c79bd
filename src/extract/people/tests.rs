use super::*;

fn run(text: &str) -> Vec<DocEntity> {
    let aliases = AliasIndex::default();
    let common = CommonWords::from_texts([text]);
    DocPass::new(Lexicon::get(), &aliases, &common).analyse(text.split("\n\n"))
}

/// The people the corpus pass would keep from a lone item: full names, and surnames
/// with a title or role (bare surnames only join names known elsewhere).
fn people(text: &str) -> Vec<String> {
    run(text)
        .into_iter()
        .filter(|e| {
            e.kind == ActorKind::Person && (!e.surname_only || e.evidence >= 2 || e.role.is_some())
        })
        .map(|e| e.name)
        .collect()
}

#[test]
fn full_name_and_surname_are_one_person_with_role() {
    let e = run(
        "US Secretary of State Marco Rubio warned on Friday.\n\nSpeaking in Paris, Rubio said talks were constructive.",
    );
    let rubio: Vec<&DocEntity> = e.iter().filter(|e| e.kind == ActorKind::Person).collect();
    assert_eq!(rubio.len(), 1, "{e:?}");
    assert_eq!(rubio[0].name, "Marco Rubio");
    assert_eq!(rubio[0].role.as_deref(), Some("US Secretary of State"));
    assert_eq!(rubio[0].mentions, 2);
    assert!(rubio[0].surfaces.contains(&"Rubio".to_string()));
}

#[test]
fn possessives_fold_into_the_name() {
    let p = people("President Donald Trump took office. Leaders worry about Trump’s willingness.");
    assert_eq!(p, vec!["Donald Trump"]);
}

#[test]
fn sentence_initial_words_weekdays_months_are_not_people() {
    let p = people(
        "However, Moscow refused. Speaking on Monday, officials met. Photographs showed March crowds.",
    );
    assert!(p.is_empty(), "{p:?}");
}

#[test]
fn quotes_are_attributed() {
    let e = run(
        "Marco Rubio met officials.\n\n“We are now reaching a point where we need to decide,” Rubio told reporters.",
    );
    let rubio = e.iter().find(|e| e.name == "Marco Rubio").unwrap();
    assert_eq!(
        rubio.quotes,
        vec!["We are now reaching a point where we need to decide"]
    );
}

#[test]
fn organisations_and_places() {
    let e = run("The European Commission and NATO met in Paris with the State Department.");
    let kinds: Vec<(String, ActorKind)> = e.iter().map(|e| (e.name.clone(), e.kind)).collect();
    assert!(
        kinds.contains(&("European Commission".into(), ActorKind::Organization)),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&("NATO".into(), ActorKind::Organization)),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&("Paris".into(), ActorKind::Place)),
        "{kinds:?}"
    );
    assert!(
        kinds.iter().all(|(_, k)| *k != ActorKind::Person),
        "{kinds:?}"
    );
}

#[test]
fn particles_and_compound_names() {
    let p = people("Commission President Ursula von der Leyen spoke. Later von der Leyen left.");
    assert_eq!(p, vec!["Ursula von der Leyen"]);
    let p = people("Turkish President Recep Tayyip Erdoğan said so.");
    assert_eq!(p, vec!["Recep Tayyip Erdoğan"]);
}

#[test]
fn institutions_between_acronyms_do_not_break_the_pass() {
    let p = people("Chairman of the FCA, Frank Naylor, yesterday said the system may lose money.");
    assert_eq!(p, vec!["Frank Naylor"]);
    let p = people(
        "Phillip Seng, Asian Director of the U.S. Meat Export Federation, told Reuters the cut helps.",
    );
    assert_eq!(p, vec!["Phillip Seng"]);
}

#[test]
fn offices_with_of_stay_in_the_role() {
    let e = run(
        "Speaker of the House Jim Wright said the bill would pass. Chancellor of the Exchequer Nigel Lawson agreed.",
    );
    let names: Vec<(&str, Option<&str>)> = e
        .iter()
        .filter(|e| e.kind == ActorKind::Person)
        .map(|e| (e.name.as_str(), e.role.as_deref()))
        .collect();
    assert_eq!(
        names,
        vec![
            ("Jim Wright", Some("Speaker of the House")),
            ("Nigel Lawson", Some("Chancellor of the Exchequer"))
        ]
    );
    assert!(people("The Speaker of the House said no.").is_empty());
}

#[test]
fn attributive_surnames_and_agencies_are_not_people() {
    assert!(people("Officials in the Reagan administration said the talks failed.").is_empty());
    let e =
        run("The official news agency Tanjug said prices rose. The daily El Peruano reported it.");
    assert!(e.iter().all(|e| e.kind != ActorKind::Person), "{e:?}");
    let e = run("Banco do Brasil and Banque Paribas signed the loan.");
    assert!(e.iter().all(|e| e.kind == ActorKind::Organization), "{e:?}");
}

#[test]
fn royal_titles_stay_with_single_names() {
    let e = run("King Fahd said today Saudi Arabia wants stability. Fahd spoke in Riyadh.");
    let p: Vec<&DocEntity> = e.iter().filter(|e| e.kind == ActorKind::Person).collect();
    assert_eq!(p.len(), 1, "{e:?}");
    assert_eq!(p[0].name, "King Fahd");
    assert_eq!(p[0].mentions, 2);
    assert_eq!(people("President Reagan said no."), vec!["Reagan"]);
}

#[test]
fn affiliations_and_unknown_titles() {
    assert_eq!(
        people("It was backed by Chancellor Helmut Kohl of West Germany."),
        vec!["Helmut Kohl"]
    );
    assert_eq!(
        people("Chairman Beryl Sprinkel of the President's Council of Economic Advisers spoke."),
        vec!["Beryl Sprinkel"]
    );
    assert_eq!(
        people("Treasury Secertary James Baker said currencies were stable."),
        vec!["James Baker"]
    );
    assert_eq!(
        people("Prime Ministers Zhao Ziyang of China and Anibal Cavaco Silva of Portugal signed."),
        vec!["Zhao Ziyang", "Anibal Cavaco Silva"]
    );
}

#[test]
fn roles_after_the_name() {
    let e = run("Mark Baker, an analyst at Northgate Maritime Research, said rates would fall.");
    let baker = e.iter().find(|e| e.name == "Mark Baker").unwrap();
    assert_eq!(
        baker.role.as_deref(),
        Some("analyst at Northgate Maritime Research")
    );
    assert!(is_commentator_role(baker.role.as_deref().unwrap()));
    let e = run("Marta Kovač, who leads the union, said no.");
    assert!(e.iter().all(|e| e.role.is_none()), "{e:?}");
    // What follows the comma is a clause about something else, not the person's role.
    let e = run("According to Aaron Garcia, the pilot could cost as much as 7 million.");
    let garcia = e.iter().find(|e| e.name == "Aaron Garcia").unwrap();
    assert_eq!(garcia.role, None, "{e:?}");
    let e = run("The plan was backed by Aaron Garcia, the pilot.");
    let garcia = e.iter().find(|e| e.name == "Aaron Garcia").unwrap();
    assert_eq!(garcia.role.as_deref(), Some("pilot"));
    let e = run("The party whip, Aaron Varga, apparently cut the pilot, saying it would wait.");
    let varga = e.iter().find(|e| e.name == "Aaron Varga").unwrap();
    assert_eq!(varga.role, None, "{e:?}");
    let e = run("Dieter zur Loye, formerly president of American Hoechst, will lead it.");
    let loye = e.iter().find(|e| e.name == "Dieter zur Loye").unwrap();
    assert_eq!(
        loye.role.as_deref(),
        Some("formerly president of American Hoechst")
    );
}

#[test]
fn a_speech_verb_before_a_phrase_is_evidence_only_in_an_inverted_quote() {
    // The object of "announced" is not a speaker.
    let e = run("Lindqvist announced Space Exploration plan on Monday.");
    assert!(
        !e.iter()
            .any(|e| e.name == "Space Exploration" && e.kind == ActorKind::Person),
        "{e:?}"
    );
    assert_eq!(
        people("\"It will pass,\" announced Tavita Leauanae on Monday."),
        vec!["Tavita Leauanae"]
    );
}

#[test]
fn and_inside_an_institution_and_company_forms_alone() {
    let e = run(
        "The Securities and Exchange Commission sued. Merrill Lynch and Co Inc declined to comment.",
    );
    let names: Vec<&str> = e.iter().map(|e| e.name.as_str()).collect();
    assert!(
        names.contains(&"Securities and Exchange Commission"),
        "{names:?}"
    );
    assert!(!names.contains(&"Exchange Commission"), "{names:?}");
    assert!(!names.contains(&"Co Inc"), "{names:?}");
    assert_eq!(org_key("General Motors Corp"), org_key("General Motors"));
    assert_ne!(
        org_key("General Electric Co Plc"),
        org_key("General Electric Co")
    );
}

#[test]
fn general_before_a_common_word_is_a_company_not_a_rank() {
    let e = run(
        "General Motors Corp said sales of its electric motors rose. Other motors fell.\n\nGeneral Zia ul-Haq said little.",
    );
    assert!(
        e.iter()
            .any(|e| e.name == "General Motors Corp" && e.kind == ActorKind::Organization),
        "{e:?}"
    );
    assert!(!e.iter().any(|e| e.name.starts_with("Motors")), "{e:?}");
    assert!(
        e.iter()
            .any(|e| e.name == "Zia ul-Haq" && e.kind == ActorKind::Person),
        "{e:?}"
    );
}

#[test]
fn a_given_name_before_a_surname_like_place_head_is_a_person() {
    let kinds = |text: &str| -> Vec<(String, ActorKind)> {
        run(text).into_iter().map(|e| (e.name, e.kind)).collect()
    };
    let e = kinds("According to Stefan Park, the demand could cost more. Park said so.");
    assert!(
        e.contains(&("Stefan Park".to_string(), ActorKind::Person)),
        "{e:?}"
    );
    let e = kinds("Thousands gathered in Victoria Park on Sunday.");
    assert!(
        !e.iter()
            .any(|(n, k)| n == "Victoria Park" && *k == ActorKind::Person),
        "{e:?}"
    );
    let e = kinds("Protesters marched to Gorky Park on Sunday.");
    assert!(
        !e.iter()
            .any(|(n, k)| n == "Gorky Park" && *k == ActorKind::Person),
        "{e:?}"
    );
}

#[test]
fn roles_before_a_comma_and_speech_before_the_name() {
    let e = run(
        "China's commerce ministry objected. Its spokesperson, He Wenjun, said Beijing would respond.",
    );
    assert!(
        e.iter()
            .any(|e| e.name == "He Wenjun" && e.kind == ActorKind::Person),
        "{e:?}"
    );
    assert_eq!(
        people("\"Nobody expected this,\" said Yogendra Nair, a professor of politics."),
        vec!["Yogendra Nair"]
    );
    assert_eq!(
        people("\"We have been ignored,\" said Tavita Leauanae of Samoa, who chairs the group."),
        vec!["Tavita Leauanae"]
    );
    // The noun before the comma belongs to the preposition, not to the name.
    let e = run("Asked about the pilot, Aaron Garcia declined to sign the proposal.");
    let garcia = e.iter().find(|e| e.name == "Aaron Garcia").unwrap();
    assert_eq!(garcia.role, None, "{e:?}");
    let e = run("The firm, controlled by its chairman, George Mann, sold the stake.");
    let mann = e.iter().find(|e| e.name == "George Mann").unwrap();
    assert_eq!(mann.role.as_deref(), Some("chairman"), "{e:?}");
}

#[test]
fn ambiguous_given_names_need_confirmation() {
    assert_eq!(
        people(
            "LOS ANGELES: Hope Castellano has been cast in the lead. Castellano starts filming in May."
        ),
        vec!["Hope Castellano"]
    );
    assert!(people("Hope Street was closed on Monday.").is_empty());
    assert!(people("Chase Manhattan raised its prime rate.").is_empty());
}

#[test]
fn unknown_names_become_people_when_the_surname_recurs() {
    assert_eq!(
        people(
            "India won with fast bowler Aakash Dhillon taking six wickets. Dhillon said it was his best day."
        ),
        vec!["Aakash Dhillon"]
    );
}

#[test]
fn title_and_given_name_join_the_full_name() {
    let e = run(
        "Sheikh Khalid bin Hamad Al Mansouri hosted the talks. Sheikh Khalid said progress was made.",
    );
    let p: Vec<&DocEntity> = e.iter().filter(|e| e.kind == ActorKind::Person).collect();
    assert_eq!(p.len(), 1, "{e:?}");
    assert_eq!(p[0].name, "Khalid bin Hamad Al Mansouri");
}

#[test]
fn not_people_acronyms_places_descriptions() {
    assert!(people("Dozens of TDs said they would back the deal.").is_empty());
    assert!(people("Flights at Jinnah International Airport resumed. Air New Zealand said fares would rise.").is_empty());
    assert!(people("The Calgary-based Dome Petroleum said output fell.").is_empty());
    assert!(people("Officials at St Peter's Basilica said the Mass would go ahead.").is_empty());
}

#[test]
fn names_with_diacritics_apostrophes_and_saints() {
    assert_eq!(
        people(
            "Romanian nationalist Ştefan Bălănescu won the first round. Bălănescu thanked voters."
        ),
        vec!["Ştefan Bălănescu"]
    );
    assert_eq!(
        people(
            "Fianna Fáil leader Seán O'Donnell will return as Taoiseach. O'Donnell told reporters so."
        ),
        vec!["Seán O'Donnell"]
    );
    assert_eq!(
        people("Farrow's barrister, Oliver St John-Smythe, said his client was sorry."),
        vec!["Oliver St John-Smythe"]
    );
    assert_eq!(
        people("The retired German Cardinal Anselm Hofbauer said the synod erred. Hofbauer left."),
        vec!["Anselm Hofbauer"]
    );
}

#[test]
fn keys_drop_initials_and_suffixes() {
    assert_eq!(person_key("George W. Bush"), "george bush");
    assert_eq!(person_key("Martin Luther King Jr."), "martin luther king");
    assert_eq!(person_key("José  Sócrates"), "jose socrates");
}

/// Every entity of a lone item, with its kind.
fn named(text: &str) -> Vec<(String, ActorKind)> {
    run(text).into_iter().map(|e| (e.name, e.kind)).collect()
}

fn has(text: &str, name: &str, kind: ActorKind) -> bool {
    named(text).iter().any(|(n, k)| n == name && *k == kind)
}

fn names(text: &str) -> Vec<String> {
    named(text).into_iter().map(|(n, _)| n).collect()
}

#[test]
fn a_leading_function_word_is_not_part_of_a_name() {
    let text = "Trade talks opened between Britain, the U.S. And West Germany.";
    assert!(
        has(text, "West Germany", ActorKind::Place),
        "{:?}",
        named(text)
    );
    assert!(!names(text).iter().any(|n| n.starts_with("And")));
    let text = "A Finance Ministry official said the talks went well.";
    assert!(
        has(text, "Finance Ministry", ActorKind::Organization),
        "{:?}",
        named(text)
    );
    let text = "As Reagan boarded the helicopter, he waved to reporters.";
    assert!(
        !names(text).iter().any(|n| n.starts_with("As")),
        "{:?}",
        named(text)
    );
    // Initials and given names stay: "A C Goode", "Will Smith".
    let text = "Shares of A C Goode and Co Ltd rose after the report.";
    assert!(
        names(text).iter().any(|n| n.starts_with("A C Goode")),
        "{:?}",
        named(text)
    );
    assert_eq!(
        people("Will Smith said the film would open in May."),
        vec!["Will Smith"]
    );
    // After a role the run is the name: "He Wenjun" keeps "He".
    let text = "Its spokesperson, He Wenjun, said Beijing would respond.";
    assert!(
        has(text, "He Wenjun", ActorKind::Person),
        "{:?}",
        named(text)
    );
}

#[test]
fn a_description_before_a_name_is_not_part_of_it() {
    assert!(lower_case_compound("In-form"));
    assert!(lower_case_compound("All-conquering"));
    assert!(!lower_case_compound("Jean-Luc"));
    assert!(!lower_case_compound("Saint-Germain"));
    let text = "In-form Napoli beat Lazio on Sunday.";
    assert!(
        !names(text).iter().any(|n| n.contains("In-form")),
        "{:?}",
        named(text)
    );
}

#[test]
fn an_adjective_before_an_institution_head_stays() {
    let text = "Treasury Secretary James Baker said the Federal Reserve Board agreed.";
    assert!(
        has(text, "Federal Reserve Board", ActorKind::Organization),
        "{:?}",
        named(text)
    );
    let text = "He spoke to the Economic Club of Chicago on Tuesday.";
    assert!(
        names(text).contains(&"Economic Club of Chicago".to_string()),
        "{:?}",
        named(text)
    );
    // An adverb still goes.
    let text = "However Finance Ministry officials disagreed.";
    assert!(
        has(text, "Finance Ministry", ActorKind::Organization),
        "{:?}",
        named(text)
    );
}

#[test]
fn an_office_without_a_holder_names_nobody() {
    for text in [
        "The Treasury Secretary also called for reform.",
        "Treasury Secretary said the dollar was stable.",
        "The Agriculture Secretary warned of lower prices.",
    ] {
        assert!(people(text).is_empty(), "{text}: {:?}", named(text));
    }
    assert_eq!(
        people("Agriculture Secretary Richard Lyng warned of lower prices."),
        vec!["Richard Lyng"]
    );
}

#[test]
fn wires_time_zones_units_indicators_and_taxes_are_not_actors() {
    let text = "The meeting began at 0900 GMT and ended at 1200 EDT, Reuters reported, \
                citing Xinhua. Gross National Product rose. National Insurance went up.";
    let found = names(text);
    for junk in [
        "GMT",
        "EDT",
        "Reuters",
        "Xinhua",
        "Gross National Product",
        "National Insurance",
    ] {
        assert!(!found.iter().any(|n| n == junk), "{junk}: {found:?}");
    }
    // A company named after the wire is still a company.
    let text = "Reuters Holdings Plc said profits rose.";
    assert!(
        names(text)
            .iter()
            .any(|n| n.starts_with("Reuters Holdings")),
        "{:?}",
        named(text)
    );
}

#[test]
fn a_day_after_a_connector_ends_an_institution() {
    let text = "The Reserve Bank of India on Friday held its key rate.";
    assert!(
        has(text, "Reserve Bank of India", ActorKind::Organization),
        "{:?}",
        named(text)
    );
    assert!(!names(text).iter().any(|n| n.contains("Friday")));
}

#[test]
fn regnal_numbers_stay_with_royal_names() {
    let text = "Pope Leo XIV celebrated Mass in St Peter's Square.";
    assert!(
        has(text, "Pope Leo XIV", ActorKind::Person),
        "{:?}",
        named(text)
    );
    assert!(!names(text).iter().any(|n| n == "XIV"));
    assert!(regnal_number("XIV") && regnal_number("II") && !regnal_number("X"));
    // Without a royal title a numeral is not taken into a name.
    let text = "Mark IV Industries Inc said sales rose.";
    assert!(
        !has(text, "Mark IV", ActorKind::Person),
        "{:?}",
        named(text)
    );
}

#[test]
fn abbreviations_and_wrapped_lines_do_not_cut_names() {
    let text = "In a letter to House Banking Committee chairman Fernand St.\nGermain, Volcker said a rise was likely, according to the testimony given.";
    assert!(
        people(text)
            .iter()
            .any(|n| n.starts_with("Fernand St") && n.ends_with("Germain")),
        "{:?}",
        named(text)
    );
    // A short line is a line of a list: the name ends there.
    let text = "1. Marco Rossi\nItaly 24.31";
    assert!(
        !names(text)
            .iter()
            .any(|n| n.contains("Italy") && n.contains("Rossi"))
    );
}

#[test]
fn relatives_known_by_a_given_name_are_not_actors() {
    let text = "Reagan visited his wife Nancy at the hospital.";
    assert!(
        !people(text).contains(&"Nancy".to_string()),
        "{:?}",
        named(text)
    );
}

#[test]
fn roles_keep_the_whole_institution() {
    for (text, role) in [
        (
            "Federal Reserve Chair Jerome Powell said rates would stay high.",
            "Federal Reserve Chair",
        ),
        (
            "White House spokesman Marlin Fitzwater said the president was pleased.",
            "White House spokesman",
        ),
        (
            "Federal Reserve Board Chairman Alan Greenspan told Congress the economy was strong.",
            "Federal Reserve Board Chairman",
        ),
        (
            "Energy and Mines Minister Arturo Hernandez Grisanti said output would fall.",
            "Energy and Mines Minister",
        ),
        (
            "The statement said only President Reagan and Treasury\nSecretary James Baker would speak.",
            "Treasury Secretary",
        ),
    ] {
        let e = run(text);
        assert!(
            e.iter().any(|e| e.role.as_deref() == Some(role)),
            "{text}: {e:?}"
        );
    }
    // A title and a name before `and` are not a portfolio.
    let e = run(
        "The statement said only President Reagan and Treasury\nSecretary James Baker would speak.",
    );
    assert!(
        e.iter()
            .any(|e| e.name == "Reagan" && e.role.as_deref() == Some("President")),
        "{e:?}"
    );
    // A title in the possessive owns what follows; it is not the role of a name after it.
    let text = "Greenspan, Chairman Beryl Sprinkel of the President's Council\nof Economic Advisers and others met.";
    assert!(
        has(text, "Beryl Sprinkel", ActorKind::Person),
        "{:?}",
        named(text)
    );
    assert!(
        has(
            text,
            "President's Council of Economic Advisers",
            ActorKind::Organization
        ),
        "{:?}",
        named(text)
    );
}

#[test]
fn an_ordinary_word_after_a_given_name_is_a_surname() {
    assert_eq!(
        people("Ireland's deputy Prime Minister Dick Spring said the talks would continue."),
        vec!["Dick Spring"]
    );
    assert!(surname_after_given_name(
        "Bill Gross",
        &tokenize("Bill Gross"),
        0,
        2,
        Lexicon::get()
    ));
    // A day after a name is when it happened.
    assert!(!surname_after_given_name(
        "John Monday",
        &tokenize("John Monday"),
        0,
        2,
        Lexicon::get()
    ));
}

#[test]
fn names_in_results_lines_and_bylines() {
    assert_eq!(
        people("2. Candice Gilg (France) 24.31"),
        vec!["Candice Gilg"]
    );
    assert_eq!(people("3. Anna Berg (SWE) 25.02"), vec!["Anna Berg"]);
    let found = people("Rangers 4 (Ferguson 34, McCoist 71) Celtic 2 (Nicholas 12)");
    for scorer in ["Ferguson", "McCoist", "Nicholas"] {
        assert!(found.contains(&scorer.to_string()), "{found:?}");
    }
    // A number after a name outside brackets is not a minute.
    assert!(people("Celtic 2 Rangers 1").is_empty());
    assert_eq!(people("By Maria Gonzalez"), vec!["Maria Gonzalez"]);
    assert_eq!(people("By MARIA GONZALEZ"), vec!["Maria Gonzalez"]);
    assert_eq!(people("By JOHN SMITH, Reuters"), vec!["John Smith"]);
    // "By" inside a sentence is no byline.
    assert!(
        !people("Shares fell by Friday, traders said.")
            .iter()
            .any(|n| n.contains("Friday"))
    );
}

#[test]
fn sports_roles_clubs_newspapers_venues_and_companies_are_told_apart() {
    let text = "Goalkeeper Naoki Soma's save of a low drive kept Japan level.";
    assert!(
        has(text, "Naoki Soma", ActorKind::Person),
        "{:?}",
        named(text)
    );
    let text = "Queens Park Rangers lost again at home.";
    assert!(
        has(text, "Queens Park Rangers", ActorKind::Organization),
        "{:?}",
        named(text)
    );
    let text = "La Stampa reported the deal, El Mundo said it was off.";
    assert!(
        !people(text)
            .iter()
            .any(|n| n == "El Mundo" || n == "La Stampa"),
        "{:?}",
        named(text)
    );
    // A person with a particle keeps it.
    assert_eq!(
        people("Marine Le Pen said the vote was rigged."),
        vec!["Marine Le Pen"]
    );
    let text = "The final at the Rose Bowl drew 90,000 fans.";
    assert!(
        has(text, "Rose Bowl", ActorKind::Place),
        "{:?}",
        named(text)
    );
    let text = "Hiram Walker-Gooderham and Worts Ltd said sales rose.";
    assert!(
        has(
            text,
            "Hiram Walker-Gooderham and Worts Ltd",
            ActorKind::Organization
        ),
        "{:?}",
        named(text)
    );
    let text = "Russ Berrie and Co Inc said profits rose.";
    assert!(
        has(text, "Russ Berrie and Co Inc", ActorKind::Organization),
        "{:?}",
        named(text)
    );
    assert!(people(text).is_empty());
    let text = "Vice President JD Vance met Pope Leo XIV at St Peter's Basilica on Sunday.";
    assert!(
        has(text, "JD Vance", ActorKind::Person),
        "{:?}",
        named(text)
    );
    assert!(
        has(text, "St Peter's Basilica", ActorKind::Place),
        "{:?}",
        named(text)
    );
    assert!(
        !names(text).iter().any(|n| n == "JD" || n == "St Peter"),
        "{:?}",
        named(text)
    );
}

#[test]
fn a_phrase_of_ordinary_words_is_not_a_person() {
    let text = "The waste was collected and its management cost more. Better management \
                of waste is costly. Waste Management said profits rose.";
    assert!(
        !people(text).iter().any(|n| n == "Waste Management"),
        "{:?}",
        named(text)
    );
    assert!(
        has(text, "Waste Management", ActorKind::Organization),
        "{:?}",
        named(text)
    );
    // A given name makes it a person even when the surname is an ordinary word.
    let text = "The baker sold bread. A baker said so. James Baker said the dollar was stable.";
    assert!(
        people(text).contains(&"James Baker".to_string()),
        "{:?}",
        named(text)
    );
}

#[test]
fn places_in_a_datelines_capitals_are_written_as_a_reader_writes_them() {
    let text = "NEW DELHI, Nov 3 (Reuters) - The city's air was toxic again on Sunday.";
    assert!(
        has(text, "New Delhi", ActorKind::Place),
        "{:?}",
        named(text)
    );
    let text = "LONDON, May 2 - The UK and the USSR signed the pact.";
    assert!(has(text, "London", ActorKind::Place), "{:?}", named(text));
    assert!(has(text, "UK", ActorKind::Place), "{:?}", named(text));
    assert!(has(text, "USSR", ActorKind::Place), "{:?}", named(text));
}

#[test]
fn players_in_results_scorers_and_scorecards() {
    for (text, expected) in [
        (
            "Nadia Petrova (Russia) beat Anna Smith (Britain) 6-4 6-2",
            &["Nadia Petrova", "Anna Smith"][..],
        ),
        (
            "Scorers: Ravanelli 23, Del Piero 55",
            &["Ravanelli", "Del Piero"],
        ),
        (
            "Goals: Shearer (pen 34), Sheringham 70",
            &["Shearer", "Sheringham"],
        ),
        (
            "Juventus 2 (Ravanelli 23, Del Piero 55) Milan 1 (Weah 12)",
            &["Ravanelli", "Del Piero", "Weah"],
        ),
        ("Lara c Atherton b Croft 45", &["Lara", "Atherton", "Croft"]),
    ] {
        let found = people(text);
        for name in expected {
            assert!(found.contains(&name.to_string()), "{text}: {found:?}");
        }
    }
    // The team before its score is not a person.
    let text = "Juventus 2 (Ravanelli 23, Del Piero 55) Milan 1 (Weah 12)";
    assert!(
        has(text, "Juventus", ActorKind::Organization),
        "{:?}",
        named(text)
    );
    // A number in prose after a name is no minute.
    assert!(people("Figures from Acme 23, the company said.").is_empty());
}

#[test]
fn an_office_of_a_country_names_nobody() {
    for text in [
        "The U.K. government would coordinate action with the President of the\nUnited States, and through the Department of Trade, officials said today.",
        "Miyazawa said only the U.S. President and the U.S. Treasury Secretary can make statements.",
    ] {
        assert!(
            people(text).iter().all(|n| n == "Miyazawa"),
            "{text}: {:?}",
            named(text)
        );
    }
}

#[test]
fn a_company_noun_before_a_name_makes_it_a_company() {
    for (text, company) in [
        (
            "German electric-vehicle maker Voltaris said on Wednesday it was recalling cars.",
            "Voltaris",
        ),
        ("British lender Barclays said profits fell.", "Barclays"),
        ("Irish airline Ryanair cut fares.", "Ryanair"),
    ] {
        assert!(
            has(text, company, ActorKind::Organization),
            "{text}: {:?}",
            named(text)
        );
        assert!(people(text).is_empty(), "{text}: {:?}", named(text));
    }
    // A person's role is still a role.
    assert_eq!(
        people("Company spokesman Jan de Vries said the talks failed."),
        vec!["Jan de Vries"]
    );
}
