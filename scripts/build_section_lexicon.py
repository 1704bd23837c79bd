#!/usr/bin/env python3
"""Build Gazette's English section lexicon: words that point to an IPTC Media Topics section.

Writes src/lang/en/section_words.txt, compiled into the binary (nothing is downloaded at run
time). Each line is `word<TAB>code<TAB>weight`: a lowercase word form (or a two-word phrase with
one space), the two-digit IPTC top-level code ("04" for medtop:04000000, economy, business and
finance) and a weight from 0.35 to 1.00, the share of the word's use in English that belongs to
that section.

How a word gets a section
  1. Each section names WordNet synsets below (ANCHORS): a subject ("sport", "crime",
     "disease"), a kind of thing or person that belongs to it ("weapon", "athlete",
     "clergyman"), or a field of study ("medicine", "astronomy"). The section's synsets are the
     anchors, all their hyponyms (kinds of them) and every synset WordNet files under one of
     them as its topic domain (pointer ";c": "dribble" is a basketball term, "tort" a law term).
  2. A word's weight for a section is the share of its tagged senses (SemCor counts, cntlist.rev,
     plus one for every sense so untagged senses count a little) that fall in that section,
     across all its noun, verb and adjective senses. "court" is mostly the law court; "strike"
     is mostly a blow and only partly a labour strike, so its labour weight is small.
  3. Words kept: weight >= MIN_SHARE and, for single words, among the 60,000 most frequent
     English words (src/lang/en/word_frequency.txt, from wordfreq); rarer words are either
     rare or jargon that news text does not use. Phrases need both words frequent. Forms of
     Zipf frequency MAX_ZIPF or more are dropped: the commonest words have too many uses.
  4. Nouns also get their plural, verbs their -s, -ed and -ing forms (WordNet's exception lists
     first, then regular spelling rules), so that the binary looks words up without stemming.
  5. A form that two sections claim keeps the larger weight; ties go to the lower code.

Hand-written cues (phrases, institutions, modern words WordNet 3.0 lacks such as "smartphone")
live in src/lang/en/section_cues.txt, written for this project; the binary reads both.

Sources and licences
  * WordNet 3.0, Princeton University (https://wordnet.princeton.edu/), as packaged by Debian
    (`wordnet-base`, /usr/share/wordnet: data.*, index.*, noun.exc, verb.exc, cntlist.rev).
    Licence: the WordNet 3.0 licence, permissive and BSD-like; its notice is reproduced in the
    header of the output file, as the licence asks.
  * src/lang/en/word_frequency.txt (see scripts/build_english_stats.py; wordfreq, CC BY-SA 4.0)
    is used only to filter, not copied.

How to run (from the repository root, on Debian/Ubuntu):
    apt-get install -y wordnet-base
    python3 scripts/build_section_lexicon.py [--wordnet DIR] [--out FILE]
The output depends only on the WordNet files and word_frequency.txt: the same input gives a
byte-identical file.
"""

from __future__ import annotations

import argparse
import os
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LANG = REPO / "src" / "lang" / "en"
MIN_SHARE = 0.35
# The commonest English words ("men", "show", "home", "work") have too many uses to point to a
# section on their own; those that do ("police", "film", "school") are hand-written cues.
MAX_ZIPF = 5.0

# Section -> WordNet synsets (lemma.pos.sense as in NLTK's numbering, i.e. the order of
# index.*). Each entry is a subject, a kind of participant, or a field; see step 1 above.
ANCHORS: dict[str, list[str]] = {
    "01": [  # arts, culture, entertainment and media
        "art.n.01", "art.n.02", "artist.n.01", "music.n.01", "musician.n.01", "musician.n.02",
        "singer.n.01", "song.n.01", "album.n.01", "album.n.02", "musical_group.n.01",
        "movie.n.01", "film.n.02", "actor.n.01", "performer.n.01", "show.n.01",
        "broadcast.n.02", "television.n.01", "television.n.02", "theater.n.01",
        "dramatic_composition.n.01", "dance.n.01", "dance.n.02", "literary_composition.n.01",
        "writer.n.01", "novel.n.01", "poem.n.01", "painting.n.01", "sculpture.n.01",
        "museum.n.01", "celebrity.n.01", "entertainer.n.01", "journalism.n.01",
        "journalist.n.01", "newspaper.n.01", "magazine.n.01", "publisher.n.01",
        "entertainment.n.01", "performance.n.02", "festival.n.01", "award.n.02",
    ],
    "02": [  # crime, law and justice
        "crime.n.01", "criminal.n.01", "law.n.01", "law.n.02", "court.n.01", "court.n.02",
        "judge.n.01", "lawyer.n.01", "trial.n.04", "lawsuit.n.01", "prison.n.01",
        "prisoner.n.01", "police.n.01", "policeman.n.01", "arrest.n.01", "murder.n.01",
        "theft.n.01", "fraud.n.01", "criminal_law.n.01", "legal_action.n.01",
        "punishment.n.01", "sentence.n.02", "accusation.n.02", "verdict.n.01",
        "detective.n.01", "jury.n.01", "law_enforcement.n.01", "homicide.n.01",
        "kidnapping.n.01", "assault.n.03", "smuggling.n.01", "bribery.n.01",
    ],
    "03": [  # disaster, accident and emergency incident
        "disaster.n.02", "accident.n.01", "fire.n.01", "earthquake.n.01", "flood.n.01",
        "explosion.n.01", "crash.n.02", "collision.n.02", "wreck.n.04", "shipwreck.n.01",
        "landslide.n.01", "avalanche.n.01", "tsunami.n.01", "eruption.n.01",
        "emergency.n.01", "rescue.n.01", "casualty.n.01", "casualty.n.02",
        "victim.n.01", "evacuation.n.02", "firefighter.n.01", "wildfire.n.01",
        "drought.n.01", "famine.n.01", "derailment.n.01", "survivor.n.01",
    ],
    "04": [  # economy, business and finance
        "economics.n.01", "finance.n.01", "finance.n.02", "finance.n.03", "commerce.n.01",
        "business.n.01", "business.n.02", "business.n.07", "company.n.01",
        "businessman.n.01", "executive.n.01", "financier.n.01", "investor.n.01",
        "market.n.01", "market.n.02", "market.n.04", "stock_market.n.01", "stock.n.01",
        "share.n.02", "bond.n.02", "security.n.04", "money.n.01", "money.n.02",
        "currency.n.01", "monetary_unit.n.01", "bank.n.01", "bank.n.02",
        "financial_institution.n.01", "profit.n.01", "gain.n.04", "loss.n.05",
        "income.n.01", "revenue.n.01", "price.n.01", "price.n.02", "cost.n.01",
        "inflation.n.01", "trade.n.01", "trade.n.02", "export.n.01", "import.n.01",
        "tax.n.01", "debt.n.01", "loan.n.01", "investment.n.01", "investment.n.02",
        "asset.n.01", "merger.n.02", "acquisition.n.02",
        "takeover.n.02", "sale.n.01", "sale.n.02", "transaction.n.01", "industry.n.01",
        "industry.n.02", "economy.n.01", "recession.n.01", "dividend.n.01",
        "earnings.n.01", "interest.n.04", "interest_rate.n.01", "accounting.n.01",
        "account.n.03", "fund.n.01", "budget.n.01", "consumer.n.01", "retailer.n.01",
        "merchant.n.01", "manufacturer.n.01", "crude_oil.n.01", "petroleum.n.01",
        "grain.n.02", "cereal.n.01",
    ],
    "05": [  # education
        "education.n.01", "education.n.02", "school.n.01", "school.n.02",
        "educational_institution.n.01", "university.n.01", "university.n.03",
        "college.n.01", "student.n.01", "pupil.n.01", "educator.n.01", "teacher.n.01",
        "examination.n.02", "course.n.01", "academic_degree.n.01", "curriculum.n.01",
        "tuition.n.01", "schoolteacher.n.01", "graduate.n.01", "classroom.n.01",
    ],
    "06": [  # environment
        "environment.n.02", "pollution.n.01", "contamination.n.01", "conservation.n.02",
        "ecology.n.01", "ecology.n.02", "environmentalism.n.01", "environmentalist.n.01",
        "wildlife.n.01", "endangered_species.n.01", "deforestation.n.01",
        "deforestation.n.02", "global_warming.n.01", "greenhouse_effect.n.01",
        "emission.n.01", "habitat.n.01", "biodiversity.n.01", "national_park.n.01",
        "recycling.n.01", "renewable_resource.n.01",
        "climate_change.n.01", "carbon_dioxide.n.01", "rain_forest.n.01",
    ],
    "07": [  # health
        "medicine.n.01", "medicine.n.02", "medicine.n.03", "disease.n.01", "illness.n.01",
        "symptom.n.01", "injury.n.01", "disorder.n.01", "drug.n.01", "hospital.n.01",
        "health_professional.n.01", "medical_practitioner.n.01", "nurse.n.01",
        "patient.n.01", "health.n.01", "health_care.n.01", "vaccine.n.01",
        "vaccination.n.01", "medical_care.n.01", "surgery.n.01", "treatment.n.01",
        "therapy.n.01", "virus.n.01", "bacteria.n.01", "pathogen.n.01", "epidemic.n.01",
        "infection.n.01", "obesity.n.01", "nutrition.n.03", "diet.n.01",
        "medical_science.n.01", "clinic.n.01", "pharmaceutical.n.01", 
        "organ.n.01", "cancer.n.01", "diagnosis.n.01", "mental_health.n.01",
        "addiction.n.01",
    ],
    "08": [  # human interest
        "pet.n.01", "birthday.n.01", "anniversary.n.01", "wedding.n.01", "centenarian.n.01",
        "hero.n.01", "oddity.n.01", "curiosity.n.01", "record.n.05",
    ],
    "09": [  # labour
        "strike.n.01", "labor_union.n.01", "union_member.n.01", "worker.n.01",
        "employee.n.01", "employer.n.01", "wage.n.01", "employment.n.01",
        "employment.n.02", "unemployment.n.01", "labor.n.02", "labor.n.04",
        "layoff.n.01", "job.n.01", "job.n.02", "workplace.n.01", "pension.n.01",
        "collective_bargaining.n.01", "picket.n.01", "walkout.n.01", "overtime.n.01",
        "workforce.n.01", "dismissal.n.01", "labor_movement.n.01",
    ],
    "10": [  # lifestyle and leisure
        "leisure.n.01", "hobby.n.01", "travel.n.01", "tourism.n.01",
        "tourist.n.01", "vacation.n.01", "holiday.n.01", "cuisine.n.01", "dish.n.02",
        "meal.n.01", "recipe.n.01", "restaurant.n.01", "chef.n.01", "wine.n.01",
        "beverage.n.01", "fashion.n.03", "clothing.n.01", "garden.n.01",
        "gardening.n.01", "hotel.n.01", "resort.n.01", "cooking.n.01", "beauty.n.01",
        "cosmetic.n.01", "shopping.n.01", "outing.n.01",
    ],
    "11": [  # politics
        "politics.n.01", "politics.n.02", "politics.n.05", "government.n.01",
        "government.n.02", "politician.n.01", "politician.n.02", "election.n.01",
        "vote.n.01", "vote.n.02", "voter.n.01", "legislature.n.01", "legislator.n.01",
        "political_party.n.01", "diplomacy.n.01", "diplomat.n.01", "head_of_state.n.01",
        "minister.n.02", "senator.n.01", "campaign.n.02", "parliament.n.01",
        "legislation.n.01", "referendum.n.01", "policy.n.01", "sovereignty.n.01",
        "administration.n.02", "cabinet.n.01", "treaty.n.01", "coalition.n.01",
        "governor.n.01", "president.n.04", "president.n.01", "prime_minister.n.01",
        "opposition.n.01", "democracy.n.01", "summit.n.02", "sanction.n.01",
    ],
    "12": [  # religion
        "religion.n.01", "religion.n.02", "religious_person.n.01", "clergyman.n.01",
        "clergy.n.01", "church.n.01", "church.n.02", "church.n.03",
        "place_of_worship.n.01", "religious_ceremony.n.01", "deity.n.01", "god.n.01",
        "christianity.n.01", "islam.n.01", "islam.n.02", "judaism.n.01", "judaism.n.02",
        "hinduism.n.01", "buddhism.n.01", "worship.n.01", "prayer.n.01", "prayer.n.02",
        "sacred_text.n.01", "theology.n.01", "pilgrimage.n.01", "saint.n.01",
        "religious_holiday.n.01", "sermon.n.01", "pope.n.01", "mosque.n.01",
        "temple.n.01", "faith.n.02", "believer.n.01",
    ],
    "13": [  # science and technology
        "scientist.n.01", "research.n.01", "research.n.02",
        "experiment.n.01", "computer.n.01", "computer_science.n.01", "software.n.01",
        "electronic_equipment.n.01", "telecommunication.n.01", "telecommunication.n.02",
        "telephone.n.01", "internet.n.01", "web_site.n.01", "spacecraft.n.01",
        "space_travel.n.01", "astronomy.n.01", "celestial_body.n.01", "planet.n.01",
        "star.n.01", "galaxy.n.01", 
        "genetics.n.01", "gene.n.01", "technology.n.01", "technology.n.02",
        "engineering.n.02", "robot.n.01", "satellite.n.01", "satellite.n.03",
        "laboratory.n.01", "archeology.n.01", "paleontology.n.01", "fossil.n.01",
        "data.n.01", "electronics.n.01", "engineer.n.01",
        "computer_network.n.01", "video_game.n.01", "digital_camera.n.01",
    ],
    "14": [  # society
        "society.n.01", "immigration.n.01", "immigrant.n.01", "emigration.n.01",
        "refugee.n.01", "poverty.n.01", "welfare.n.02", "social_welfare.n.01",
        "discrimination.n.02", "racism.n.01", "prejudice.n.01", "equality.n.01",
        "gender.n.01", "feminism.n.01", "homelessness.n.01", "homeless.n.01",
        "population.n.01", "demography.n.01", "family.n.01", "family.n.02",
        "marriage.n.01", "divorce.n.01", "child.n.01", "elderly.n.01", "charity.n.01",
        "charity.n.05", "volunteer.n.01", "community.n.01", "civil_right.n.01",
        "migrant.n.01", "housing.n.01",
    ],
    "15": [  # sport
        "sport.n.01", "sport.n.02", "athlete.n.01", "contestant.n.01", "team.n.01",
        "match.n.02", "tournament.n.01", "championship.n.01", "olympic_games.n.01",
        "game.n.02", "game.n.03", "coach.n.01", "player.n.01", "stadium.n.01",
        "golf.n.01", "tennis.n.01", "football.n.01", "soccer.n.01", "baseball.n.01",
        "basketball.n.01", "cricket.n.02", "hockey.n.01", "hockey.n.02", "rugby.n.01",
        "boxing.n.01", "race.n.01", "racing.n.01", "athletics.n.01", "league.n.01",
        "referee.n.01", "season.n.02", "score.n.03", "goal.n.03", "medal.n.01",
        "cycling.n.01", "swimming.n.01", "skiing.n.01", "wrestling.n.01",
    ],
    "16": [  # conflict, war and peace
        "war.n.01", "war.n.02", "military.n.01", "military_action.n.01",
        "military_operation.n.01", "battle.n.01", "attack.n.01", "armed_forces.n.01",
        "military_unit.n.01", "serviceman.n.01", "soldier.n.01", "weapon.n.01",
        "weaponry.n.01", "terrorism.n.01", "terrorist.n.01", "insurgent.n.01",
        "rebel.n.01", "guerrilla.n.01", "cease-fire.n.01", "truce.n.01", "peace.n.02",
        "peace.n.03", "bombing.n.01", "bomb.n.01", "missile.n.01", "hostage.n.01",
        "militia.n.01", "militia.n.02", "air_raid.n.01", "invasion.n.01",
        "conflict.n.01", "armistice.n.01", "troop.n.02", "army.n.01", "navy.n.01",
        "air_force.n.01", "occupation.n.02", "siege.n.01", "genocide.n.01",
    ],
    "17": [  # weather
        "weather.n.01", "atmospheric_phenomenon.n.01", "storm.n.01", "rain.n.01",
        "precipitation.n.03", "snow.n.01", "snow.n.02", "wind.n.01", "temperature.n.01",
        "heat_wave.n.01", "cold_weather.n.01", "forecast.n.01", "meteorology.n.01",
        "meteorologist.n.01", "climate.n.01", "cyclone.n.01", "hurricane.n.01",
        "typhoon.n.01", "tornado.n.01", "monsoon.n.01", "monsoon.n.02", "drizzle.n.01",
        "fog.n.01", "frost.n.01", "humidity.n.01", "thunderstorm.n.01", "blizzard.n.01",
        "heat.n.01", "cold.n.01", "sunshine.n.01",
    ],
}

POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
SS_TYPE_NUM = {"n": "1", "v": "2", "a": "3", "s": "5", "r": "4"}

WORDNET_NOTICE = """\
WordNet Release 3.0 This software and database is being provided to you, the LICENSEE, by
Princeton University under the following license. By obtaining, using and/or copying this
software and database, you agree that you have read, understood, and will comply with these
terms and conditions.: Permission to use, copy, modify and distribute this software and
database and its documentation for any purpose and without fee or royalty is hereby granted,
provided that you agree to comply with the following copyright notice and statements,
including the disclaimer, and that the same appear on ALL copies of the software, database and
documentation, including modifications that you make for internal use or for distribution.
WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. THIS SOFTWARE AND
DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES,
EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON UNIVERSITY MAKES NO
REPRESENTATIONS OR WARRANTIES OF MERCHANT- ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR
THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD
PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS. The name of Princeton University or
Princeton may not be used in advertising or publicity pertaining to distribution of the
software and/or database. Title to copyright in this software, database and any associated
documentation shall at all times remain with Princeton University and LICENSEE agrees to
preserve same."""


class WordNet:
    """The parts of the WordNet database files this script needs."""

    def __init__(self, root: Path):
        self.synsets: dict[tuple[str, str], dict] = {}
        self.index: dict[tuple[str, str], list[str]] = {}
        self.by_sense: dict[tuple[str, str, str, str], tuple[str, str]] = {}
        for pos, name in POS_FILES.items():
            for line in open(root / f"data.{name}", encoding="latin-1"):
                if line.startswith("  "):
                    continue
                head = line.split("|", 1)[0].split()
                off, lexfile, ss_type = head[0], head[1], head[2]
                n = int(head[3], 16)
                words = [(head[4 + 2 * i], head[5 + 2 * i]) for i in range(n)]
                i = 4 + 2 * n
                ptrs = []
                for _ in range(int(head[i])):
                    ptrs.append((head[i + 1], head[i + 2], head[i + 3]))
                    i += 4
                key = (pos, off)
                self.synsets[key] = {"words": [w for w, _ in words], "ptrs": ptrs}
                for w, lex_id in words:
                    lemma = w.split("(")[0].lower()
                    self.by_sense[(lemma, SS_TYPE_NUM[ss_type], lexfile, str(int(lex_id, 16)))] = key
            for line in open(root / f"index.{name}", encoding="latin-1"):
                if line.startswith("  "):
                    continue
                p = line.split()
                self.index[(p[0], pos)] = p[6 + int(p[3]):]
        # SemCor tag counts per sense: "lemma%ss_type:lexfile:lex_id:head:head_id sense count".
        self.count: dict[tuple[str, str], int] = defaultdict(int)
        self.sense_count: dict[tuple[str, tuple[str, str]], int] = defaultdict(int)
        for line in open(root / "cntlist.rev", encoding="latin-1"):
            key, _, cnt = line.split()
            lemma, rest = key.split("%")
            ss_type, lexfile, lex_id = rest.split(":")[:3]
            syn = self.by_sense.get((lemma, ss_type, lexfile, str(int(lex_id))))
            if syn is not None:
                self.sense_count[(lemma, syn)] += int(cnt)

    def synset(self, name: str) -> tuple[str, str]:
        lemma, pos, n = name.rsplit(".", 2)
        offs = self.index.get((lemma, pos))
        if not offs or int(n) > len(offs):
            raise SystemExit(f"unknown synset {name}")
        return (pos, offs[int(n) - 1])

    def has(self, name: str) -> bool:
        lemma, pos, n = name.rsplit(".", 2)
        return int(n) <= len(self.index.get((lemma, pos), []))

    def pointers(self, key: tuple[str, str], symbols: set[str]) -> list[tuple[str, str]]:
        norm = {"n": "n", "v": "v", "a": "a", "s": "a", "r": "r"}
        return [(norm[p], o) for s, o, p in self.synsets[key]["ptrs"] if s in symbols]


def section_synsets(wn: WordNet, anchors: list[str]) -> set[tuple[str, str]]:
    """Anchors, their hyponyms, and the members of every topic domain among them."""
    seen: set[tuple[str, str]] = set()
    todo = [wn.synset(a) for a in anchors]
    while todo:
        key = todo.pop()
        if key in seen:
            continue
        seen.add(key)
        # "~" hyponym, "-c" member of this topic domain. Instances ("~i") are names, which
        # extraction handles as actors.
        todo.extend(wn.pointers(key, {"~", "-c"}))
    return seen


def frequent_words() -> dict[str, float]:
    words = {}
    for line in open(LANG / "word_frequency.txt", encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        w, z = line.rstrip("\n").split("\t")
        words[w] = float(z)
    return words


VOWELS = "aeiou"


def plural(noun: str) -> str:
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and len(noun) > 1 and noun[-2] not in VOWELS:
        return noun[:-1] + "ies"
    return noun + "s"


def verb_forms(verb: str) -> list[str]:
    if verb.endswith("e") and not verb.endswith("ee"):
        stem = verb[:-1]
        return [verb + "s", verb + "d", stem + "ing"]
    if verb.endswith("y") and len(verb) > 1 and verb[-2] not in VOWELS:
        return [verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"]
    s = verb + "es" if verb.endswith(("s", "x", "z", "ch", "sh")) else verb + "s"
    return [s, verb + "ed", verb + "ing"]


def exceptions(root: Path, name: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for line in open(root / f"{name}.exc", encoding="latin-1"):
        p = line.split()
        if len(p) >= 2:
            out[p[1]].append(p[0])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wordnet", default=os.environ.get("WNSEARCHDIR", "/usr/share/wordnet"))
    ap.add_argument("--out", default=str(LANG / "section_words.txt"))
    a = ap.parse_args()
    root = Path(a.wordnet)
    wn = WordNet(root)
    common = frequent_words()
    member: dict[tuple[str, str], set[str]] = defaultdict(set)
    missing = [a for names in ANCHORS.values() for a in names if not wn.has(a)]
    if missing:
        raise SystemExit("unknown synsets: " + " ".join(missing))
    for code, anchors in ANCHORS.items():
        for key in section_synsets(wn, anchors):
            member[key].add(code)

    noun_exc, verb_exc = exceptions(root, "noun"), exceptions(root, "verb")
    # lemma -> section -> weight, from the lemma's senses in all parts of speech.
    weights: dict[str, dict[str, float]] = {}
    pos_of: dict[str, set[str]] = defaultdict(set)
    for (lemma, pos), offs in wn.index.items():
        if pos == "r":
            continue
        pos_of[lemma].add(pos)
    for lemma in pos_of:
        words = lemma.split("_")
        if len(words) > 2 or not all(w.isalpha() and w.isascii() for w in words):
            continue
        if not all(w in common for w in words):
            continue
        total = 0.0
        by_code: dict[str, float] = defaultdict(float)
        for pos in ("n", "v", "a"):
            for off in wn.index.get((lemma, pos), []):
                key = (pos, off)
                c = wn.sense_count.get((lemma, key), 0) + 1
                total += c
                codes = member.get(key, set())
                for code in codes:
                    by_code[code] += c / len(codes)
        kept = {c: w / total for c, w in by_code.items() if w / total >= MIN_SHARE}
        if kept:
            weights[lemma] = kept

    forms: dict[str, tuple[str, float]] = {}

    def add(form: str, code: str, w: float) -> None:
        form = form.replace("_", " ")
        if common.get(form, 0.0) >= MAX_ZIPF:
            return
        old = forms.get(form)
        if old is None or w > old[1] or (w == old[1] and code < old[0]):
            forms[form] = (code, w)

    for lemma, by_code in weights.items():
        for code, w in by_code.items():
            add(lemma, code, w)
            if "n" in pos_of[lemma]:
                for f in noun_exc.get(lemma) or [plural(lemma)]:
                    if " " not in f and "_" not in lemma and f in common:
                        add(f, code, w)
                    elif "_" in lemma:
                        add(f, code, w)
            if "v" in pos_of[lemma] and "_" not in lemma:
                for f in verb_exc.get(lemma, []) + verb_forms(lemma):
                    if f in common:
                        add(f, code, w)

    header = [
        "English section lexicon: words that point to an IPTC Media Topics section.",
        "Generated by scripts/build_section_lexicon.py from WordNet 3.0 (Princeton University);",
        "do not edit by hand, edit the script's ANCHORS and run it again.",
        "Format: word<TAB>two-digit IPTC top-level code<TAB>weight (share of the word's tagged",
        "senses in that section, 0.35..1.00). Sorted bytewise.",
        "",
    ] + WORDNET_NOTICE.split("\n")
    lines = [f"{f}\t{c}\t{w:.2f}" for f, (c, w) in sorted(forms.items(), key=lambda x: x[0].encode())]
    with open(a.out, "w", encoding="utf-8", newline="\n") as out:
        for h in header:
            out.write(("# " + h).rstrip() + "\n")
        for line in lines:
            out.write(line + "\n")
    counts = defaultdict(int)
    for c, _ in forms.values():
        counts[c] += 1
    print(f"wrote {len(lines)} forms to {a.out}: " + ", ".join(f"{c} {counts[c]}" for c in sorted(counts)))


if __name__ == "__main__":
    main()
