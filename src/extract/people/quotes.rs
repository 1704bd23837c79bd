//! Quotations attributed to the person named beside the speech verb.

use super::*;

pub(super) const OPEN_QUOTES: &[char] = &['"', '“'];
pub(super) const CLOSE_QUOTES: &[char] = &['"', '”'];

/// Attributes quotations in the forms `"…," Rubio said`, `"…," said Rubio` and
/// `Rubio said: "…"` to the person named next to the speech verb.
pub(super) fn attach_quotes(
    paragraphs: &[&str],
    tokenized: &[Vec<Token>],
    mentions: &[Mention],
    owner: &[Option<usize>],
    is_person: &[bool],
    entities: &mut [DocEntity],
    lex: &Lexicon,
) {
    for (pi, para) in paragraphs.iter().enumerate() {
        let toks = &tokenized[pi];
        let para_mentions: Vec<(usize, &Mention)> = mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.para == pi)
            .collect();
        if para_mentions.is_empty() {
            continue;
        }
        for (qs, qe) in quote_spans(para) {
            let inner = para[qs..qe].trim().trim_end_matches([',', ' ']);
            if inner.split_whitespace().count() < 4 {
                continue;
            }
            let after = qe + para[qe..].chars().next().map_or(0, char::len_utf8);
            let person_at = |start: usize| {
                para_mentions
                    .iter()
                    .find(|(mi, m)| m.start == start && owner[*mi].is_some_and(|o| is_person[o]))
            };
            let next_words: Vec<&Token> =
                toks.iter().filter(|t| t.start() >= after).take(3).collect();
            let mut speaker = None;
            // "…," Rubio said / "…," said Rubio
            if let Some(first) = next_words.first() {
                if first.word && lex.is_speech_verb(first.text(para)) {
                    speaker = next_words.get(1).and_then(|t| person_at(t.start()));
                } else {
                    speaker = person_at(first.start()).filter(|(_, m)| {
                        toks.iter()
                            .find(|t| t.start() >= m.end)
                            .is_some_and(|t| t.word && lex.is_speech_verb(t.text(para)))
                    });
                }
            }
            // Rubio said: "…"
            if speaker.is_none() {
                let before: Vec<&Token> = toks.iter().filter(|t| t.end() <= qs).collect();
                let n = before.len();
                let verb_at = if n >= 2 && !before[n - 1].word {
                    n - 2
                } else {
                    n.wrapping_sub(1)
                };
                if verb_at < n
                    && before[verb_at].word
                    && lex.is_speech_verb(before[verb_at].text(para))
                    && verb_at > 0
                {
                    let name_end = before[verb_at - 1].end();
                    speaker = para_mentions.iter().find(|(mi, m)| {
                        m.end == name_end && owner[*mi].is_some_and(|o| is_person[o])
                    });
                }
            }
            if let Some((mi, _)) = speaker
                && let Some(o) = owner[*mi]
            {
                let quote = inner.to_string();
                if !entities[o].quotes.contains(&quote) {
                    entities[o].quotes.push(quote);
                }
            }
        }
    }
}

/// Byte spans of quoted text (between the quotes) in a paragraph.
pub(super) fn quote_spans(para: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in para.char_indices() {
        match open {
            None if OPEN_QUOTES.contains(&c) => open = Some(i + c.len_utf8()),
            Some(s) if CLOSE_QUOTES.contains(&c) => {
                spans.push((s, i));
                open = None;
            }
            _ => {}
        }
    }
    spans
}
