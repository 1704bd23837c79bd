#!/usr/bin/env python3.11
"""Build Gazette's English background statistics and its list of words that are never keywords.

Writes two files that are compiled into the binary (nothing is downloaded at run time):

  src/lang/en/word_frequency.txt
      `word<TAB>zipf` for the 60,000 most frequent words of wordfreq's large English list,
      kept when they are lowercase words of letters (a-z and accented Latin letters) with an
      optional inner apostrophe, hyphen or period; zipf is wordfreq.zipf_frequency(word, 'en',
      wordlist='large'), i.e. log10 of occurrences per billion words, with two decimals.
      Sorted bytewise (UTF-8) so that a rebuild gives small diffs.

  src/lang/en/not_keywords.txt
      Lowercase English word forms that are function words, or chiefly verbs or adverbs, and so
      never a keyword in a story's name ("says", "trying", "soon", "could", "unveils",
      "reportedly"). Three parts:
        a) closed-class words written out below in CLOSED_CLASS (a description of English, not
           of any corpus): articles, determiners, pronouns, prepositions, conjunctions,
           auxiliaries and modals with their forms and contractions, negation, quantifiers,
           wh-words and spelled-out numerals;
        b) adverbs: WordNet adverbs whose adverb tagged-sense count is larger than their noun
           and adjective tagged-sense counts together, and every word ending in "ly" among the
           wordfreq top 60,000 that WordNet knows only as an adverb;
        c) verbs: WordNet verbs that are chiefly verbs (see VERB_RATIO below) with their
           inflected forms (regular -s/-ed/-ing spelling rules and WordNet's verb.exc), and the
           past tenses and participles of all other WordNet verbs ("killed", "launched"; see
           PAST_FORMS_OF_ALL_VERBS), except forms that are themselves common WordNet nouns
           ("meeting", "building", "hearing", "thought"; see MIN_NOUN_COUNT).
      Parts b) and c) keep only forms in the wordfreq top 60,000 (the rest are rare or not
      words at all, e.g. generated "abacinates").

Sources and licences
  * wordfreq 3.1.1 (https://github.com/rspeer/wordfreq, PyPI `wordfreq`), by Robyn Speer et al.
    Code: Apache License 2.0. Data: Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0).
    Its English lists are built from seven sources (per the package README): Wikipedia;
    subtitles (OPUS OpenSubtitles 2018 and SUBTLEX); news (NewsCrawl 2014 and GlobalVoices);
    books (Google Books Ngrams 2012); web text (OSCAR); Twitter; and Reddit. The README asks
    that SUBTLEX (Marc Brysbaert et al.) be credited and that OpenSubtitles be attributed.
    word_frequency.txt is derived from that data and is therefore CC BY-SA 4.0.
  * WordNet 3.0, Princeton University (https://wordnet.princeton.edu/), as packaged by Debian
    (`wordnet-base`, files under /usr/share/wordnet/: index.noun, index.verb, index.adj,
    index.adv, verb.exc, noun.exc, adj.exc, cntlist.rev). Licence: the WordNet 3.0 licence, a
    permissive BSD-like licence ("WordNet 3.0 Copyright 2006 by Princeton University. All
    rights reserved."), which asks that its notice and disclaimer appear on all copies; it is
    reproduced in full in the header of not_keywords.txt. Tagged-sense counts (how often each
    sense was tagged in the semantic concordances, SemCor) come from cntlist.rev.

How to run (from the repository root, on Debian/Ubuntu):
    apt-get install -y wordnet-base
    python3.11 scripts/build_english_stats.py
The script creates (or reuses) a virtual environment in /tmp/gazette-english-stats-venv,
installs the pinned wordfreq into it with pip (PyPI), re-runs itself with that interpreter and
writes both files. Options: --venv DIR, --wordnet DIR (default /usr/share/wordnet or
$WNSEARCHDIR), --out DIR (default src/lang/en next to this script). The output depends
only on the pinned packages and the WordNet files: the same input gives byte-identical files.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "src" / "lang" / "en"
DEFAULT_VENV = Path("/tmp/gazette-english-stats-venv")
SCRIPT_REL = "scripts/build_english_stats.py"

# wordfreq and the versions of its dependencies this was built with, pinned so that the
# tokenizer (used by zipf_frequency) behaves the same on every rebuild.
PIP_PINS = [
    "wordfreq==3.1.1",
    "ftfy==6.3.1",
    "langcodes==3.5.1",
    "locate==1.1.1",
    "msgpack==1.2.4",
    "regex==2026.11.19",
    "wcwidth==0.9.4",
]
WORDFREQ_VERSION = "3.1.1"

TOP_N = 60_000

# A verb lemma is "chiefly a verb" when WordNet has no noun or adjective sense for it at all,
# or when its verb evidence outweighs its noun and adjective evidence VERB_RATIO times:
#     (verb tagged count + verb senses) >= VERB_RATIO * (noun + adj tagged count + noun + adj senses)
# Each sense adds one to its side (add-one smoothing per sense rather than per word), so a noun
# sense that SemCor never tagged still counts as evidence of noun use. The first rule tried was
# verb tagged count >= 3 * (noun + adj tagged count + 1); it let news nouns through (strike,
# deal, talk, cut, rise, fall, bid, offer, launch, recall, probe, update, file), because SemCor
# (1960s general prose) tags their verb senses far more often than their noun senses, so the
# rule was tuned to this one (see the report printed at the end).
VERB_RATIO = 30.0

# An inflected verb form is left out when it is also a WordNet noun (a noun lemma, an entry of
# noun.exc, or the regular plural of a noun other than the verb itself) whose noun tagged count
# is at least MIN_NOUN_COUNT, or at least the verb lemma's own verb tagged count: "meeting" (39),
# "building" (52), "hearing" (19), "thought" (102), "left" (25). Only the noun reading counts: an
# adjective reading ("made" 4, "given" 32, "known" 35, "broken") is no more a story keyword than
# the verb, and counting it would drop those participles.
MIN_NOUN_COUNT = 3

# Past tenses and past participles (-ed and the irregular forms of verb.exc) are verb forms
# whatever the lemma: "killed", "died", "launched", "offered", "struck", "voted" are never a
# story's keyword even though "kill", "launch", "offer", "strike" and "vote" are also nouns.
# With this on, the -ed and irregular past forms of every WordNet verb (not only the chiefly
# verbs) are listed, under the same noun check ("thought", "left", "shot", "ground", "rose"
# stay out). -s and -ing forms of such verbs are not: they are the plurals and gerunds that
# name news events ("attacks", "talks", "shooting", "bombing").
PAST_FORMS_OF_ALL_VERBS = True

# Part a): closed-class words. This describes English, not any corpus.
CLOSED_CLASS = {
    "articles and determiners": """
        a an the this that these those such what which whose
    """,
    "personal, possessive, reflexive and indefinite pronouns": """
        i me my myself
        you your yours yourself yourselves ye thee thou thy thine
        he him his himself she her hers herself it its itself one oneself one's
        we us our ours ourselves they them their theirs themselves themself
        someone somebody something anyone anybody anything everyone everybody everything
        nobody nothing none whoever whomever whatever whichever
    """,
    "pronoun contractions": """
        i'm i've i'd i'll you're you've you'd you'll he's he'd he'll she's she'd she'll
        it's it'd it'll we're we've we'd we'll they're they've they'd they'll
        that's that'll that'd there's there'll there'd here's what's what're what'll what'd
        who's who're who'll who'd who've where's where'd when's why's how's how'd let's y'all
        someone's somebody's everyone's everybody's anyone's nobody's
    """,
    "prepositions": """
        aboard about above across after against along alongside amid amidst among amongst
        around as at atop before behind below beneath beside besides between beyond but by
        circa despite down during except excluding following for from in including inside
        into like minus near notwithstanding of off on onto out outside over
        past per plus regarding since than through throughout thru till to toward towards
        under underneath unlike until unto up upon versus via vs with within without
        according concerning considering
    """,
    "conjunctions and conjunctive adverbs": """
        and or nor but yet so because although though even if unless whether while whilst
        whereas lest once provided providing than that till until either neither both
        also therefore however hence thus moreover furthermore nevertheless nonetheless
        otherwise instead meanwhile whereby wherein whereupon
    """,
    "auxiliaries and modals, their forms and contractions": """
        be am is are was were been being
        have has had having
        do does did done doing
        can could may might must shall should will would ought
        cannot can't couldn't mayn't mightn't mustn't shan't shouldn't won't wouldn't
        oughtn't needn't daren't
        isn't aren't wasn't weren't ain't haven't hasn't hadn't don't doesn't didn't
        could've would've should've might've must've
        gonna wanna gotta
    """,
    "negation": """
        not no never nor nope neither none nobody nothing nowhere
    """,
    "quantifiers": """
        all any another both each either enough every few fewer fewest least less little
        many more most much neither no other others own plenty several some various
    """,
    "wh-words": """
        who whom whose what which when where why how whoever whomever whatever whichever
        whenever wherever however whence whither whereby
    """,
    "other adverbs of place, time and degree": """
        here there then now thereby therein thereof
        very too quite rather somewhat so just only even almost
        yes
    """,
    "numerals spelled out": """
        zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
        fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
        eighty ninety hundred thousand million billion trillion
        hundreds thousands millions billions trillions dozen dozens
        first second third fourth fifth sixth seventh eighth ninth tenth
        eleventh twelfth twentieth hundredth thousandth millionth
        once twice
    """,
}

# Words reviewed at the end of every run: news nouns that must not be in not_keywords.txt, and
# verbs, adverbs and function words that should be. (True: expected in the list; False:
# expected out; None: ambiguous, just shown.)
REVIEW = {
    # news nouns (must be out)
    **{w: False for w in """
        talks strike deal vote recall ban cut cuts rise fall attack attacks protest protests
        trial crash merger bid offer sale sales loss profit outbreak election ceasefire peace
        summit tariff tariffs lawsuit walkout shutdown reform plan plans probe launch release
        trailer finale premiere update record rally slump surge
        meeting ruling building hearing funding
        face evening smoke union bank war price shares stocks rates
    """.split()},
    # verbs, adverbs, function words (should be in)
    **{w: True for w in """
        says said saying trying soon giving unveils worsened could would make makes inside
        reportedly quickly also still already again
    """.split()},
    # noun/verb forms that could go either way
    **{w: None for w in "signed reports files posts shows struggles home today".split()},
}



def log(msg: str) -> None:
    print(msg, flush=True)


# --------------------------------------------------------------------------------------------
# Bootstrapping: run under a venv that has the pinned wordfreq.


def wordfreq_ready() -> bool:
    try:
        import wordfreq  # noqa: F401
        from importlib.metadata import version

        return version("wordfreq") == WORDFREQ_VERSION
    except Exception:
        return False


def bootstrap(venv: Path) -> None:
    if wordfreq_ready():
        return
    if os.environ.get("GAZETTE_STATS_BOOTSTRAPPED"):
        sys.exit(f"wordfreq=={WORDFREQ_VERSION} is still missing after installing it into {venv}")
    py = venv / "bin" / "python"
    if not py.exists():
        log(f"creating a virtual environment in {venv}")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    check = "import importlib.metadata as m, sys; sys.exit(m.version('wordfreq') != sys.argv[1])"
    if subprocess.run([str(py), "-c", check, WORDFREQ_VERSION], capture_output=True).returncode:
        log(f"installing {' '.join(PIP_PINS)} into {venv} (pip, PyPI)")
        subprocess.run(
            [str(py), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *PIP_PINS],
            check=True,
        )
    else:
        log(f"{venv} already has wordfreq {WORDFREQ_VERSION}")
    log(f"re-running with {py}")
    env = dict(os.environ, GAZETTE_STATS_BOOTSTRAPPED="1")
    os.execve(str(py), [str(py), str(Path(__file__).resolve()), *sys.argv[1:]], env)


# --------------------------------------------------------------------------------------------
# Word shape


def is_latin_letter(c: str) -> bool:
    if "a" <= c <= "z":
        return True
    if c.isascii() or not c.isalpha():
        return False
    return unicodedata.name(c, "").startswith("LATIN ")


def good_word(w: str) -> bool:
    """Lowercase letters (a-z, accented Latin) with optional single inner ' - or . marks."""
    if w != w.lower() or not w:
        return False
    parts = re.split(r"['.\-]", w)
    return all(p and all(is_latin_letter(c) for c in p) for p in parts)


def bytewise(words):
    return sorted(words, key=lambda w: w.encode("utf-8"))


# --------------------------------------------------------------------------------------------
# WordNet


class WordNet:
    POS = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}

    def __init__(self, root: Path):
        self.root = root
        self.lemmas: dict[str, set[str]] = {}  # pos -> lemmas (single words only)
        self.senses: dict[str, dict[str, int]] = {}  # pos -> lemma -> number of synsets
        for name, p in self.POS.items():
            lem, sen = set(), {}
            with open(root / f"index.{name}", encoding="utf-8") as f:
                for line in f:
                    if line.startswith(" "):  # licence header
                        continue
                    fields = line.split()
                    lemma, synset_cnt = fields[0], int(fields[2])
                    if "_" in lemma:
                        continue
                    lem.add(lemma)
                    sen[lemma] = synset_cnt
            self.lemmas[p] = lem
            self.senses[p] = sen
        # Tagged-sense counts from cntlist.rev: `lemma%ss_type:... sense_number tag_cnt`.
        # ss_type 1 noun, 2 verb, 3 adjective, 4 adverb, 5 adjective satellite.
        sstype = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}
        self.tagged: dict[str, dict[str, int]] = {p: defaultdict(int) for p in "nvar"}
        with open(root / "cntlist.rev", encoding="utf-8") as f:
            for line in f:
                key, _num, cnt = line.split()
                lemma, rest = key.split("%", 1)
                self.tagged[sstype[rest[0]]][lemma] += int(cnt)
        self.exc: dict[str, dict[str, list[str]]] = {}  # pos -> form -> lemmas
        self.exc_by_lemma: dict[str, list[str]] = defaultdict(list)  # verb lemma -> forms
        for name, p in [("noun", "n"), ("verb", "v"), ("adj", "a")]:
            d: dict[str, list[str]] = defaultdict(list)
            with open(root / f"{name}.exc", encoding="utf-8") as f:
                for line in f:
                    form, *lemmas = line.split()
                    d[form].extend(lemmas)
                    if p == "v":
                        for lemma in lemmas:
                            self.exc_by_lemma[lemma].append(form)
            self.exc[p] = d

    def count(self, p: str, lemma: str) -> int:
        return self.tagged[p].get(lemma, 0)

    def has(self, p: str, lemma: str) -> bool:
        return lemma in self.lemmas[p]

    def noun_reading(self, form: str, verb: str) -> int:
        """Noun tagged count of `form` read as a noun: as a noun lemma, through noun.exc, or as
        the regular plural (as WordNet's morphy reads it) of a noun other than `verb` itself,
        whose noun use the chiefly-verb rule has already weighed."""
        best = self.count("n", form) if self.has("n", form) else 0
        for base in self.exc["n"].get(form, []):
            best = max(best, self.count("n", base))
        for suffix, repl in [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"),
                             ("shes", "sh"), ("ies", "y")]:
            if form.endswith(suffix) and len(form) > len(suffix) + 1:
                base = form[: -len(suffix)] + repl
                if base != verb and self.has("n", base):
                    best = max(best, self.count("n", base))
        return best


# --------------------------------------------------------------------------------------------
# Verb inflection

VOWELS = "aeiou"


def doubles_final(lemma: str) -> bool:
    """One-syllable verb ending consonant-vowel-consonant (stop, plan, quit): double the final
    consonant before -ed/-ing. Longer verbs that double (admit, refer) are in verb.exc."""
    w = lemma.replace("qu", "q")
    if len(w) < 3 or w[-1] in VOWELS + "wxy" or w[-2] not in VOWELS or w[-3] in VOWELS:
        return False
    groups = re.findall(r"[aeiouy]+", w[:-1])
    return len(groups) == 1


def regular_forms(lemma: str) -> dict[str, str]:
    """The regular -s, -ed and -ing forms of a verb, by the usual spelling rules."""
    w = lemma
    if re.search(r"(s|x|z|ch|sh)$", w) or re.search(r"[^aeiou]o$", w):
        s = w + "es"
    elif re.search(r"[^aeiou]y$", w):
        s = w[:-1] + "ies"
    else:
        s = w + "s"
    if w.endswith("e"):
        ed = w + "d"
    elif re.search(r"[^aeiou]y$", w):
        ed = w[:-1] + "ied"
    elif doubles_final(w):
        ed = w + w[-1] + "ed"
    elif w.endswith("c"):
        ed = w + "ked"
    else:
        ed = w + "ed"
    if w.endswith("ie"):
        ing = w[:-2] + "ying"
    elif re.search(r"(ee|ye|oe)$", w) or w in ("be", "singe", "dye"):
        ing = w + "ing"
    elif w.endswith("e") and len(w) > 2:
        ing = w[:-1] + "ing"
    elif doubles_final(w):
        ing = w + w[-1] + "ing"
    elif w.endswith("c"):
        ing = w + "king"
    else:
        ing = w + "ing"
    return {"s": s, "ed": ed, "ing": ing}


def verb_forms(lemma: str, wn: WordNet) -> dict[str, set[str]]:
    """The forms of a verb by kind: "s" (third person), "ing" and "past" (past tense and past
    participle), from the regular spelling rules and verb.exc. A regular -ing or -ed form is not
    generated when verb.exc gives an irregular one instead (saw/seen, not "seed"; lying, not
    "lieing"); a doubled spelling in verb.exc (travelled) keeps the single one (traveled) too."""
    exc = wn.exc_by_lemma.get(lemma, [])
    reg = regular_forms(lemma)
    exc_ing = {f for f in exc if f.endswith("ing")}
    exc_s = {f for f in exc if f.endswith("s") and f not in exc_ing and f != lemma}
    exc_past = set(exc) - exc_ing - exc_s - {lemma}
    forms = {"s": {reg["s"], *exc_s}, "ing": set(exc_ing), "past": set(exc_past)}
    if all(f == lemma + lemma[-1] + "ing" for f in exc_ing):
        forms["ing"].add(reg["ing"])
    if all(f == lemma + lemma[-1] + "ed" for f in exc_past):
        forms["past"].add(reg["ed"])
    return forms


# --------------------------------------------------------------------------------------------
# Output helpers

WORDNET_NOTICE = """\
This software and database is being provided to you, the LICENSEE, by
Princeton University under the following license.  By obtaining, using
and/or copying this software and database, you agree that you have
read, understood, and will comply with these terms and conditions.:

Permission to use, copy, modify and distribute this software and
database and its documentation for any purpose and without fee or
royalty is hereby granted, provided that you agree to comply with
the following copyright notice and statements, including the disclaimer,
and that the same appear on ALL copies of the software, database and
documentation, including modifications that you make for internal
use or for distribution.

WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.

THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON
UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR
IMPLIED.  BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON
UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANT-
ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE
OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT
INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR
OTHER RIGHTS.

The name of Princeton University or Princeton may not be used in
advertising or publicity pertaining to distribution of the software
and/or database.  Title to copyright in this software, database and
any associated documentation shall at all times remain with
Princeton University and LICENSEE agrees to preserve same."""


def write_list(path: Path, header: list[str], lines: list[str]) -> None:
    assert all(h.strip() for h in header), "every header line is '# ' and text"
    text = "".join(f"# {h.rstrip()}\n" for h in header) + "".join(l + "\n" for l in lines)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(text.encode("utf-8"))
    tmp.replace(path)
    log(f"wrote {path} ({len(lines)} entries, {len(text.encode('utf-8'))} bytes)")


def debian_version(package: str) -> str | None:
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True
        )
    except OSError:
        return None
    return out.stdout.strip() if out.returncode == 0 and out.stdout.strip() else None


# --------------------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--venv", type=Path, default=DEFAULT_VENV)
    ap.add_argument("--wordnet", type=Path,
                    default=Path(os.environ.get("WNSEARCHDIR", "/usr/share/wordnet")))
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()

    needed = ["index.noun", "index.verb", "index.adj", "index.adv", "verb.exc", "noun.exc",
              "adj.exc", "cntlist.rev"]
    missing = [n for n in needed if not (args.wordnet / n).exists()]
    if missing:
        sys.exit(f"WordNet 3.0 files missing in {args.wordnet}: {', '.join(missing)}\n"
                 "install them with: apt-get install -y wordnet-base")

    bootstrap(args.venv)
    import wordfreq
    from importlib.metadata import version

    log(f"python {sys.version.split()[0]} at {sys.executable}; wordfreq {version('wordfreq')}")

    # ---- Output 1: word frequencies --------------------------------------------------------
    log(f"reading wordfreq's large English list, top {TOP_N:,} words")
    top = wordfreq.top_n_list("en", TOP_N, wordlist="large")
    kept = [w for w in top if good_word(w)]
    log(f"  {len(top):,} words; {len(kept):,} kept as lowercase letter words "
        f"({len(top) - len(kept):,} with digits, symbols, capitals or non-Latin letters dropped)")
    zipf = {w: wordfreq.zipf_frequency(w, "en", wordlist="large") for w in kept}
    zero = [w for w, z in zipf.items() if z <= 0]
    if zero:
        log(f"  dropping {len(zero)} words whose zipf_frequency is 0: {zero[:10]}")
        for w in zero:
            del zipf[w]
    top_set = set(zipf)
    freq_header = [
        "English word frequencies: the background statistics of English for TF-IDF.",
        f"The {TOP_N:,} most frequent words of wordfreq's large English list, kept when they are",
        "lowercase words of letters (a-z, accented Latin) with an optional inner apostrophe,",
        "hyphen or period. Format: word<TAB>zipf, where zipf = log10 of occurrences per billion",
        "words (wordfreq.zipf_frequency(word, 'en', wordlist='large')), two decimals; sorted",
        "bytewise by word.",
        f"Source: wordfreq {WORDFREQ_VERSION} by Robyn Speer et al. (https://github.com/rspeer/wordfreq),",
        "built from Wikipedia, subtitles (OPUS OpenSubtitles 2018, SUBTLEX), news (NewsCrawl 2014,",
        "GlobalVoices), books (Google Books Ngrams 2012), web text (OSCAR), Twitter and Reddit.",
        "Licence: this data file is derived from wordfreq's data and is licensed under Creative",
        "Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0,",
        "https://creativecommons.org/licenses/by-sa/4.0/). Attribution: wordfreq by Robyn Speer",
        "et al.; it includes SUBTLEX data by Marc Brysbaert et al. (freely available data), data",
        "from OpenSubtitles (http://www.opensubtitles.org/) and Google Books Ngram Viewer",
        "(http://books.google.com/ngrams).",
        f"Rebuilt by {SCRIPT_REL}; do not edit by hand.",
    ]
    write_list(args.out / "word_frequency.txt", freq_header,
               [f"{w}\t{zipf[w]:.2f}" for w in bytewise(zipf)])

    # ---- Output 2: not keywords ------------------------------------------------------------
    log(f"reading WordNet 3.0 from {args.wordnet}")
    wn = WordNet(args.wordnet)
    log("  lemmas (single words): " + ", ".join(
        f"{p} {len(wn.lemmas[p]):,}" for p in "nvar") + "; tagged lemmas: " + ", ".join(
        f"{p} {len(wn.tagged[p]):,}" for p in "nvar"))

    # a) closed class
    closed: set[str] = set()
    for group, words in CLOSED_CLASS.items():
        ws = words.split()
        bad = [w for w in ws if not good_word(w)]
        assert not bad, bad
        closed.update(ws)
    log(f"a) closed-class words written in this script: {len(closed)}")

    # b) adverbs
    adv_counts: dict[str, tuple[int, int]] = {}
    adverbs: set[str] = set()
    for w in wn.lemmas["r"]:
        r = wn.count("r", w)
        na = wn.count("n", w) + wn.count("a", w)
        adv_counts[w] = (r, na)
        if r > na and w in top_set:
            adverbs.add(w)
    by_count = len(adverbs)
    only_adv_ly = {
        w for w in top_set
        if w.endswith("ly") and wn.has("r", w)
        and not (wn.has("n", w) or wn.has("v", w) or wn.has("a", w))
    }
    adverbs |= only_adv_ly
    log(f"b) adverbs: {by_count} with adverb tagged count > noun + adjective tagged count, "
        f"{len(only_adv_ly)} -ly words known only as adverbs; {len(adverbs)} together")

    # c) verbs
    def smoothed(v: str) -> tuple[int, int, int, int]:
        return (wn.count("v", v), wn.senses["v"][v], wn.count("n", v) + wn.count("a", v),
                wn.senses["n"].get(v, 0) + wn.senses["a"].get(v, 0))

    chiefly: dict[str, str] = {}  # lemma -> why
    for v in sorted(wn.lemmas["v"]):
        if not good_word(v):
            continue
        vc, vs, nc, ns = smoothed(v)
        if not (wn.has("n", v) or wn.has("a", v)):
            chiefly[v] = "only a verb in WordNet"
        elif vc + vs >= VERB_RATIO * (nc + ns):
            chiefly[v] = f"({vc}+{vs}) >= {VERB_RATIO:g} x ({nc}+{ns})"

    dropped: dict[str, str] = {}  # form -> why it was left out

    def keep_form(form: str, v: str, vc: int) -> bool:
        if form not in top_set:
            return False
        if form != v:
            nc = wn.noun_reading(form, v)
            if nc > 0 and (nc >= MIN_NOUN_COUNT or nc >= vc):
                dropped.setdefault(form, f"noun count {nc} >= {MIN_NOUN_COUNT} or verb {v} {vc}")
                return False
        return True

    verb_words: dict[str, str] = {}  # form -> chiefly-verb lemma
    past_words: dict[str, str] = {}  # form -> lemma, past forms of the other verbs
    all_forms: dict[str, dict[str, set[str]]] = {}
    for v in sorted(wn.lemmas["v"]):
        if not good_word(v):
            continue
        vc = wn.count("v", v)
        forms = all_forms[v] = verb_forms(v, wn)
        if v in chiefly:
            for f in sorted({v} | forms["s"] | forms["ing"] | forms["past"]):
                if keep_form(f, v, vc):
                    verb_words.setdefault(f, v)
        elif PAST_FORMS_OF_ALL_VERBS:
            for f in sorted(forms["past"]):
                if keep_form(f, v, vc):
                    past_words.setdefault(f, v)
    for f in verb_words:
        past_words.pop(f, None)
    for f in set(verb_words) | set(past_words):  # left out for one lemma, kept for another
        dropped.pop(f, None)
    log(f"c) verbs: {len(chiefly):,} chiefly-verb lemmas, {len(verb_words):,} of their forms in the "
        f"top {TOP_N:,}; {len(past_words):,} past forms of the other verbs"
        f"{'' if PAST_FORMS_OF_ALL_VERBS else ' (off)'}; {len(dropped):,} forms left out as nouns")

    everything = closed | adverbs | set(verb_words) | set(past_words)
    bad = sorted(w for w in everything if not good_word(w))
    assert not bad, bad
    wn_version = debian_version("wordnet-base")
    nk_header = [
        "Words that are never keywords in a story's name: lowercase English word forms that are",
        "function words, or chiefly verbs or adverbs (\"says\", \"trying\", \"soon\", \"could\",",
        "\"unveils\", \"reportedly\"). One word per line, sorted bytewise; apostrophes are ASCII '.",
        "Made of: (a) closed-class words written out in the script (articles, determiners,",
        "pronouns, prepositions, conjunctions, auxiliaries and modals with their contractions,",
        "negation, quantifiers, wh-words, spelled-out numerals); (b) WordNet adverbs whose adverb",
        "tagged-sense count exceeds their noun + adjective count, and -ly words WordNet knows only",
        "as adverbs; (c) WordNet lemmas that are chiefly verbs, with their inflected forms"
        + (", and the" if PAST_FORMS_OF_ALL_VERBS else ","),
        *(["past tenses and participles of all other WordNet verbs (killed, launched, voted),"]
          if PAST_FORMS_OF_ALL_VERBS else []),
        "less forms that are common WordNet nouns themselves (meeting, building, thought).",
        f"Parts (b) and (c) keep only words among wordfreq's {TOP_N:,} most frequent English words.",
        "Sources: the script's own closed-class list; WordNet 3.0 (Princeton University,",
        "https://wordnet.princeton.edu/) as packaged by Debian"
        + (f" (wordnet-base {wn_version})" if wn_version else "") + ":",
        "index.noun, index.verb, index.adj, index.adv, verb.exc, noun.exc, adj.exc and the",
        "tagged-sense counts of cntlist.rev; wordfreq's English word list (see",
        "word_frequency.txt) is used only to choose which words to keep.",
        "Licence: derived from WordNet 3.0 under the WordNet 3.0 licence (permissive, BSD-like),",
        "whose notice and disclaimer follow:",
        *(line for line in WORDNET_NOTICE.split("\n") if line.strip()),
        f"Rebuilt by {SCRIPT_REL}; do not edit by hand.",
    ]
    write_list(args.out / "not_keywords.txt", nk_header, bytewise(everything))

    # ---- Report ----------------------------------------------------------------------------
    log("")
    log("counts (a word can be in more than one part):")
    log(f"  a) closed class                  {len(closed):6,}")
    log(f"  b) adverbs                       {len(adverbs):6,}")
    log(f"  c) forms of chiefly verbs        {len(verb_words):6,}  (from {len(chiefly):,} lemmas)")
    log(f"  c) past forms of other verbs     {len(past_words):6,}")
    log(f"  not_keywords.txt distinct words  {len(everything):6,}")
    log(f"  word_frequency.txt words         {len(zipf):6,}")

    # The verb rule as first written: verb tagged >= 3 x (noun + adj tagged + 1), every form,
    # less forms that are noun/adjective lemmas tagged at least as often as the verb.
    first: set[str] = set()
    for v, forms in all_forms.items():
        vc, _vs, nc, _ns = smoothed(v)
        if vc >= 3 * (nc + 1):
            for f in {v} | forms["s"] | forms["ing"] | forms["past"]:
                fn = (wn.count("n", f) if wn.has("n", f) else 0) + (
                    wn.count("a", f) if wn.has("a", f) else 0)
                if f == v or fn < vc:
                    first.add(f)
    landed = [w for w, exp in REVIEW.items() if exp is False and w in first]
    log("")
    log("the verb rule as first written (verb tagged >= 3 x (noun + adj tagged + 1)) would list "
        f"these review nouns: {' '.join(landed) or 'none'}")
    log(f"  so it was tuned to (verb tagged + senses) >= {VERB_RATIO:g} x (noun + adj tagged + "
        "senses), with verbs WordNet has no noun or adjective for always in")

    log("")
    log("review (expected: in / out / either):")
    wrong = []
    for w, exp in REVIEW.items():
        got = w in everything
        why = []
        if w in closed:
            why.append("closed class")
        if w in adverbs or (wn.has("r", w) and w in top_set):
            r, na = adv_counts.get(w, (0, 0))
            why.append(f"adverb r={r} {'>' if r > na else '<='} n+a={na}"
                       + (", -ly only adverb" if w in only_adv_ly else ""))
        if w in verb_words:
            why.append(f"form of {verb_words[w]}: {chiefly[verb_words[w]]}")
        if w in past_words:
            why.append(f"past form of {past_words[w]}")
        if w in dropped:
            why.append("form left out: " + dropped[w])
        if wn.has("v", w) and w not in chiefly:
            vc, vs, nc, ns = smoothed(w)
            why.append(f"verb ({vc}+{vs}) < {VERB_RATIO:g} x ({nc}+{ns})")
        flag = "" if exp is None or exp == got else "   <-- unexpected"
        if flag:
            wrong.append(w)
        mark = {True: "in", False: "out", None: "either"}[exp]
        log(f"  {w:12} {'IN ' if got else 'out'}  (expected {mark:6}) {'; '.join(why)}{flag}")
    log("")
    log(f"{len(wrong)} unexpected: {' '.join(wrong)}" if wrong else "all review words as expected")


if __name__ == "__main__":
    main()
