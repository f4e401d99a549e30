"""People: a name misspelt once, one person given two titles, and two people with similar names."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from .base import MONTHS, OBJECTS, WEEKDAYS, Injection, insert_sentence
from .corpus import Article
from .text import body_paragraphs, wordset

_NOT_FIRST = wordset(
    "The A An In On At For But And Of To By As If It Its He She They We This That These Those Mr Mrs Ms Dr Sir "
    "New North South East West Central United General Royal National Prime Minister Secretary President Chancellor "
    "Labour Tory Conservative Liberal Democrat Democrats Republican Senate House Bank Federal First Last Chief "
    "Wall Street Hong Kong Los San Le La De Du St Saint Great British American European Chinese Japanese Soviet "
    "Inc Corp Co Ltd Plc Group Foods Industries International Corporation Company Holdings Association Party "
    "Union Council Committee Department Ministry Office Exchange Court Oil Energy Motors Airlines Securities "
    "Trust Fund Capital Financial Partners Systems Services Technologies Registry Agency Commission Board "
    "Reserve Treasury Finance Trade Foreign Home Health Defence Defense Agriculture Commerce Market Markets "
    "Stock Stocks Airways Records Music Pictures Studios Communications Electric Steel Power Gas Petroleum "
    "Mining Resources Investment Investments Insurance Savings Loan Credit Mortgage Federation League Club "
    "United City County State States Cup Premiership Championship Open Games Awards Festival Office Police "
    "Society Institute Foundation Centre Center School University College Hospital Press News Times Post Journal "
    "Network Museum Theatre Gallery Church Army Navy Forces Airport Station Road Square Park "
    + " ".join(WEEKDAYS + MONTHS)
)
_FULL_NAME = re.compile(r"(?<![\w-])(?=([A-Z][a-z]{2,}) ([A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?)\b(?!\s+[A-Z&]))")  # overlapping


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    full_at: int  # offset of the first full mention in the body
    mentions: tuple[int, ...]  # offsets of every mention of the surname in the body


def people(text: str) -> list[Person]:
    """People named in full and referred to again: "Mr Hewitt", or "Sims said" after "Melvin Sims, ... ,"."""
    body = body_paragraphs(text)
    if not body:
        return []
    lo = body[0].start
    found: dict[str, Person] = {}
    for m in _FULL_NAME.finditer(text, lo):
        first, last = m.group(1), m.group(2)
        if first in _NOT_FIRST or last in _NOT_FIRST or last in found:
            continue
        if not any(p.start <= m.start() < p.end for p in body):
            continue
        if re.search(rf"\b{last.lower()}\b", text):
            continue  # also an ordinary word
        honorific = re.search(rf"\b(?:Mr|Mrs|Ms|Dr)\.? {last}\b", text)
        end = m.start() + len(first) + 1 + len(last)
        appositive = re.match(r",\s+(?:a |an |the )?[a-z]", text[end:]) or re.search(
            r"\b(?:said|says|told|added)\s+$", text[max(0, m.start() - 12) : m.start()]
        )
        spoke = re.search(rf"\b{last},? (?:said|says|told|added)\b", text)
        if not (honorific or (appositive and spoke)):
            continue
        mentions = tuple(x.start() for x in re.finditer(rf"\b{last}\b", text) if x.start() >= lo)
        found[last] = Person(first, last, m.start(), mentions)
    return list(found.values())


_VOWELS = "aeiou"


def one_edit(word: str, rng: random.Random) -> str | None:
    """A plausible misspelling of a name: one dropped double letter, transposition or vowel swap."""
    options = []
    for i in range(1, len(word) - 1):
        if word[i] == word[i + 1]:
            options.append(word[:i] + word[i + 1 :])
    for i in range(1, len(word) - 1):
        if word[i] != word[i + 1] and word[i + 1].isalpha():
            options.append(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    for i in range(1, len(word)):
        if word[i] in _VOWELS:
            options.extend(word[:i] + v + word[i + 1 :] for v in _VOWELS if v != word[i])
    return rng.choice(options) if options else None


def inject_name_variant(art: Article, rng: random.Random) -> Injection | None:
    """Misspell one later mention of a person whose surname appears at least three times."""
    text = art.text
    cands = [p for p in people(text) if len(p.mentions) >= 3]
    if not cands:
        return None
    person = rng.choice(cands)
    pos = rng.choice([m for m in person.mentions if m > person.full_at] or list(person.mentions[1:]))
    for _ in range(5):
        wrong = one_edit(person.last, rng)
        if wrong and wrong.lower() not in text.lower():
            new = text[:pos] + wrong + text[pos + len(person.last) :]
            return Injection(new, ((pos, pos + len(wrong)),), f"'{person.last}' -> '{wrong}' once")
    return None


GOV_TITLES = [
    "Prime Minister", "Finance Minister", "Foreign Minister", "Trade Minister", "Energy Minister", "Defence Minister",
    "Agriculture Minister", "Interior Minister", "Foreign Secretary", "Home Secretary", "Treasury Secretary",
    "Commerce Secretary", "Health Secretary", "Education Secretary", "Secretary of State", "Chancellor",
]
OTHER_TITLES = ["President", "Chairman", "Chief Executive", "Governor", "Senator", "Mayor", "Ambassador", "Judge", "General"]
# Offices by kind: one person cannot hold two of different kinds at once (a company president may chair it).
OFFICES = {
    "head of state or government": ["President", "Prime Minister", "Chancellor"],
    "minister": [*GOV_TITLES[1:-1], "Energy Secretary", "Defense Secretary", "Labor Secretary"],
    "company officer": ["Chairman", "Chief Executive", "Managing Director", "Chief Financial Officer"],
    "legislator": ["Senator", "Congressman", "Representative"],
    "judge": ["Judge", "Justice", "Chief Justice"],
    "governor or mayor": ["Governor", "Mayor"],
    "diplomat or officer": ["Ambassador", "General"],
}
TITLE_OF = {title: kind for kind, titles in OFFICES.items() for title in titles}
_ANY_TITLE_BEFORE = re.compile(r"(" + "|".join(sorted(TITLE_OF, key=len, reverse=True)) + r")\s+$")


def _other_office(title: str, rng: random.Random) -> str:
    """A title of another kind of office; a company officer may also be its president."""
    kind = TITLE_OF.get(title, "")
    kinds = [k for k in OFFICES if k != kind and {k, kind} != {"head of state or government", "company officer"}]
    return rng.choice(OFFICES[rng.choice(kinds)])


_TITLE_BEFORE = re.compile(r"(" + "|".join(sorted(GOV_TITLES + OTHER_TITLES, key=len, reverse=True)) + r")\s+$")


def inject_title_conflict(art: Article, rng: random.Random) -> Injection | None:
    """Give a named person a second, incompatible government title later in the story."""
    def other_gov(title: str, rng: random.Random) -> str:
        return rng.choice([t for t in GOV_TITLES if t != title and not (title == "Chancellor" and t.endswith("Minister"))])

    return _title_conflict(art, rng, _TITLE_BEFORE, GOV_TITLES, other_gov)


def inject_title_conflict_any(art: Article, rng: random.Random) -> Injection | None:
    """Titles of every kind (heads of government, ministers, company officers, governors, senators, judges)."""
    return _title_conflict(art, rng, _ANY_TITLE_BEFORE, list(TITLE_OF), _other_office)


def _title_conflict(art: Article, rng: random.Random, before: re.Pattern[str], first_titles: list[str],
                    pick_other: Callable[[str, random.Random], str]) -> Injection | None:
    """The person's first mention keeps (or gets) one title; an inserted later sentence gives another."""
    text = art.text
    cands = [p for p in people(text) if len(p.mentions) >= 2]
    if not cands:
        return None
    titled = [(p, m) for p in cands if (m := before.search(text[max(0, p.full_at - 30) : p.full_at]))]
    bare = [
        p
        for p in cands
        if re.search(r"(?:^|[\n,;:(]|\b(?:said|by|and|with|to|from|of|that|for|on|says|told|when))\s*$", text[max(0, p.full_at - 30) : p.full_at])
        and not re.match(rf"{p.first} {p.last}\s*[,(]", text[p.full_at :])  # no appositive (it may hold a title)
    ]
    if titled:
        person, m = rng.choice(titled)
        title, prefix = m.group(1), ""
    elif bare:
        person, title = rng.choice(bare), rng.choice(first_titles)
        prefix = title + " "
    else:
        return None
    other = pick_other(title, rng)
    name = f"{person.first} {person.last}"
    sentence = rng.choice(
        [
            f"{other} {name} said the talks would continue.",
            f"The plan was welcomed by {other} {name}.",
            f"{other} {name} declined to comment on {rng.choice(OBJECTS)}.",
            f"{other} {name} is expected to visit next month.",
        ]
    )
    ins = insert_sentence(art, rng, sentence, after=person.full_at + len(name))
    if ins is None:
        return None
    new, span = ins.text, ins.spans[0]
    spans = [span]
    if prefix:  # the first mention gets the original title; it precedes the inserted sentence
        new = new[: person.full_at] + prefix + new[person.full_at :]
        spans = [(person.full_at, person.full_at + len(prefix) + len(name)), (span[0] + len(prefix), span[1] + len(prefix))]
    else:
        spans.insert(0, (person.full_at, person.full_at + len(name)))
    return Injection(new, tuple(spans), f"'{title} {name}' and later '{other} {name}'")




def _later_sentence(art: Article, rng: random.Random, person: Person, sentence: str, note: str) -> Injection | None:
    """``sentence`` inserted after the person's first full mention; spans: that mention and the sentence."""
    ins = insert_sentence(art, rng, sentence, after=person.full_at + len(person.first) + 1 + len(person.last))
    if ins is None:
        return None
    return Injection(ins.text, ((person.full_at, person.full_at + len(person.first) + 1 + len(person.last)), *ins.spans), note)


def inject_given_name_variant(art: Article, rng: random.Random) -> Injection | None:
    """The person named in full again later with a one-letter slip in the given name ("Patrcia Hewitt")."""
    text = art.text
    cands = [p for p in people(text) if len(p.first) >= 4 and _has_honorific(text, p)]
    if not cands:
        return None
    person = rng.choice(cands)
    wrong = one_edit(person.first, rng)
    if not wrong or wrong.lower() in text.lower():
        return None
    name = f"{wrong} {person.last}"
    sentence = rng.choice([f"{name} said the matter was closed.", f"The plan was drawn up by {name}.",
                           f"{name} declined to comment on {rng.choice(OBJECTS)}."])
    return _later_sentence(art, rng, person, sentence, f"'{person.first} {person.last}' -> '{name}' once")


def similar_surname(word: str, rng: random.Random) -> str | None:
    """Another real-looking surname one letter away: a vowel dropped beside a vowel, or swapped ("Reagan", "Regan")."""
    options = [word[:i] + word[i + 1 :] for i in range(1, len(word)) if word[i] in _VOWELS and (word[i - 1] in _VOWELS or word[i + 1 : i + 2] in tuple(_VOWELS))]
    options += [word[:i] + v + word[i + 1 :] for i in range(1, len(word)) if word[i] in _VOWELS for v in _VOWELS if v != word[i]]
    return rng.choice(options) if options else None


def _has_honorific(text: str, person: Person) -> bool:
    """Referred to as Mr/Mrs/Ms/Dr: a person, not a company the name finder took for one."""
    return bool(re.search(rf"\b(?:Mr|Mrs|Ms|Dr)\.? {person.last}\b", text))


CONTROL_GIVEN = ["Donald", "Margaret", "Richard", "Susan", "Thomas", "Elena", "George", "Karen", "Walter", "Irene"]


def control_similar_surnames(art: Article, rng: random.Random) -> Injection | None:
    """Two people: a second person with another given name and a surname one letter apart ("Reagan", "Donald Regan")."""
    text = art.text
    cands = [p for p in people(text) if _has_honorific(text, p)]
    if not cands:
        return None
    person = rng.choice(cands)
    other = rng.choice([g for g in CONTROL_GIVEN if g[0] != person.first[0]])
    similar = similar_surname(person.last, rng)
    if not similar or similar.lower() in text.lower():
        return None
    sentence = rng.choice([f"{other} {similar}, who also attended, declined to comment.",
                           f"A separate statement was issued by {other} {similar}, a spokesman for the group.",
                           f"{other} {similar}, an adviser to the board, said no decision had been taken."])
    ins = insert_sentence(art, rng, sentence, after=person.full_at + len(person.first) + 1 + len(person.last))
    return None if ins is None else Injection(ins.text, ins.spans, f"second person '{other} {similar}' beside '{person.first} {person.last}'")
