//! Property tests: the parsers and the extractor never panic, whatever bytes arrive.

use gazette::content::markdown::{Markdown, split_front_matter};
use gazette::content::noise::NoisePatterns;
use gazette::content::{decode_source, frontmatter, plaintext};
use proptest::prelude::*;
use std::path::Path;

fn utc() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(0).unwrap()
}

/// Text shaped like real input: date lines, front matter fences, quotes, names, noise.
fn article_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(" date 2025-04-18 ".to_string()),
        Just("date 2025-02-30\n".to_string()),
        Just("---\n".to_string()),
        Just("title: x\n".to_string()),
        Just("date: 2025-01-01T10:00:00+02:00\n".to_string()),
        Just("\n\n".to_string()),
        Just("Also Read\n".to_string()),
        Just("(With agency inputs)".to_string()),
        Just("“Quote,” Rubio said. ".to_string()),
        Just("President Donald Trump’s ".to_string()),
        Just("von der Leyen ".to_string()),
        Just("[[Name|label]] ".to_string()),
        Just("U.S. ".to_string()),
        Just("Chairman of the FCA ".to_string()),
        Just("Bank of ".to_string()),
        Just("NATO ".to_string()),
        Just("Operators' Association ".to_string()),
        Just("Mr. ".to_string()),
        Just("al-".to_string()),
        // Results lines, bylines and wrapped names (the rules of issue 15).
        Just("(France) 24.31 ".to_string()),
        Just("Scorers: Ravanelli 23, ".to_string()),
        Just("(pen 34), ".to_string()),
        Just("By MARIA GONZALEZ\n".to_string()),
        Just("Fernand St.\n".to_string()),
        Just(" c Atherton b ".to_string()),
        Just("Pope Leo XIV ".to_string()),
        Just("JD ".to_string()),
        Just("Peter's Basilica ".to_string()),
        Just("and Co Inc ".to_string()),
        Just("carmaker ".to_string()),
        "[0-9]{1,3} ",
        "[A-Z][a-z]{0,8} ",
        "(of|the|von|der|de|and) ",
        "[a-zA-Z .,'’\"-]{0,20}",
        "\\PC{0,10}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn plaintext_never_panics(text in article_like()) {
        let _ = plaintext::parse(&text, &NoisePatterns::default(), chrono::FixedOffset::east_opt(0).unwrap());
    }

    #[test]
    fn plaintext_never_panics_on_arbitrary_strings(text in "\\PC*") {
        let _ = plaintext::parse(&text, &NoisePatterns::default(), chrono::FixedOffset::east_opt(0).unwrap());
    }

    #[test]
    fn decoding_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = decode_source(bytes);
    }

    #[test]
    fn front_matter_never_panics(text in article_like()) {
        let _ = split_front_matter(&text);
        let _ = frontmatter::parse_markdown_article(Path::new("a.md"), &text, utc());
        let _ = frontmatter::parse_note(Path::new("n.md"), &text, utc());
        let _ = frontmatter::parse_actor_profile(Path::new("p.md"), &text);
        let _ = frontmatter::parse_topic_profile(Path::new("t.md"), &text);
    }

    #[test]
    fn markdown_and_extraction_never_panic(text in article_like()) {
        let md = Markdown::new(&text, 1);
        let corpus = gazette::content::Corpus {
            articles: vec![gazette::content::Article {
                id: "a".into(),
                path: "a.txt".into(),
                slug: "a".into(),
                date: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
                published: None,
                title: text.clone(),
                title_from: Default::default(),
                summary: String::new(),
                credit: None,
                source: None,
                url: None,
                author: None,
                body: gazette::content::Body::Markdown(md),
                actors: vec![],
                topics: vec![],
                draft: false,
                lines: Default::default(),
            }],
            ..Default::default()
        };
        let _ = gazette::extract::extract(
            &corpus,
            &gazette::config::ExtractionConfig::default(),
            &Default::default(),
        );
    }
}
