"""Date defects: wrong weekday, impossible date, relative day, past tense after publication."""

from __future__ import annotations

import datetime as dt
import random

from .base import (
    AP_MONTHS,
    MONTHS,
    OBJECTS,
    SUBJECTS,
    WEEKDAYS,
    Injection,
    fmt_date,
    insert_sentence,
    pick_date,
)
from .corpus import Article


def _weekday_sentence(art: Article, rng: random.Random, right: bool) -> Injection | None:
    d, with_year = pick_date(art, rng, -12, -2)
    true = d.weekday()
    wd = WEEKDAYS[true if right else (true + rng.randint(1, 6)) % 7]
    when = fmt_date(d, rng, weekday=wd, year=with_year)
    sentence = rng.choice(
        [
            f"The board met to review {rng.choice(OBJECTS)} on {when}.",
            f"{rng.choice(SUBJECTS)} said on {when} that it would study {rng.choice(OBJECTS)}.",
            f"Talks between the two sides ended on {when} without a deal.",
            f"The figures were released on {when}, a week later than planned.",
            f"{rng.choice(SUBJECTS)} first disclosed {rng.choice(OBJECTS)} on {when}.",
        ]
    )
    return insert_sentence(art, rng, sentence)


def inject_weekday(art: Article, rng: random.Random) -> Injection | None:
    return _weekday_sentence(art, rng, right=False)


def control_weekday(art: Article, rng: random.Random) -> Injection | None:
    return _weekday_sentence(art, rng, right=True)


def inject_impossible(art: Article, rng: random.Random) -> Injection | None:
    month, day = rng.choice([(2, 30), (2, 31), (4, 31), (6, 31), (9, 31), (11, 31), (2, 29)])
    year = art.date.year if art.date else rng.choice([2004, 2005])
    with_year = month == 2 and day == 29  # only impossible in a stated non-leap year
    if with_year and year % 4 == 0:
        year += 1
    style = rng.choice(["us", "ap", "uk"])
    if style == "uk":
        when = f"{day} {MONTHS[month - 1]}" + (f" {year}" if with_year else "")
    else:
        when = f"{(MONTHS if style == 'us' else AP_MONTHS)[month - 1]} {day}" + (f", {year}" if with_year else "")
    sentence = rng.choice(
        [
            f"The accounts for the period ended {when} were filed late.",
            f"The offer is due to expire on {when}.",
            f"{rng.choice(SUBJECTS)} said the review had been completed by {when}.",
            f"Payment of the dividend was set for {when}.",
            f"The contract runs until {when}.",
        ]
    )
    return insert_sentence(art, rng, sentence)


def _relative_sentence(art: Article, rng: random.Random, right: bool) -> Injection | None:
    assert art.date is not None
    pub = art.date
    which = rng.choice(["yesterday", "today", "tomorrow"])
    shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[which]
    day = pub + dt.timedelta(days=shift)
    if rng.random() < 0.7:
        wd = day.weekday() if right else (day.weekday() + rng.randint(1, 6)) % 7
        named = WEEKDAYS[wd]
    else:
        target = day if right else day + dt.timedelta(days=rng.choice([-3, -2, 2, 3]))
        named = fmt_date(target, rng)
    subject = rng.choice(SUBJECTS)
    sentence = {
        "yesterday": rng.choice(
            [
                f"{subject} said yesterday, {named}, that it would study {rng.choice(OBJECTS)}.",
                f"Talks ended yesterday, {named}, without agreement.",
            ]
        ),
        "today": rng.choice(
            [
                f"{subject} said today, {named}, that {rng.choice(OBJECTS)} was under review.",
                f"Trading resumed today ({named}) after the suspension.",
            ]
        ),
        "tomorrow": rng.choice(
            [
                f"{subject} will meet again tomorrow, {named}, to discuss {rng.choice(OBJECTS)}.",
                f"A vote is expected tomorrow, {named}.",
            ]
        ),
    }[which]
    return insert_sentence(art, rng, sentence)


def inject_relative(art: Article, rng: random.Random) -> Injection | None:
    return _relative_sentence(art, rng, right=False)


def control_relative(art: Article, rng: random.Random) -> Injection | None:
    return _relative_sentence(art, rng, right=True)


def inject_tense(art: Article, rng: random.Random) -> Injection | None:
    assert art.date is not None
    when = fmt_date(art.date + dt.timedelta(days=rng.randint(4, 25)), rng)
    sentence = rng.choice(
        [
            f"The two companies signed the agreement on {when}.",
            f"{rng.choice(SUBJECTS)} announced the sale on {when}.",
            f"Shareholders approved the merger on {when}.",
            f"The deal was completed on {when}, {rng.choice(SUBJECTS).lower()} said.",
            f"Negotiators met on {when} and agreed on a price.",
        ]
    )
    return insert_sentence(art, rng, sentence)


def control_tense(art: Article, rng: random.Random) -> Injection | None:
    assert art.date is not None
    later = fmt_date(art.date + dt.timedelta(days=rng.randint(4, 25)), rng)
    earlier = fmt_date(art.date - dt.timedelta(days=rng.randint(4, 25)), rng)
    sentence = rng.choice(
        [
            f"The two companies will sign the agreement on {later}.",
            f"A shareholder vote is scheduled for {later}.",
            f"The deal is expected to close on {later}, {rng.choice(SUBJECTS).lower()} said.",
            f"The two companies signed the agreement on {earlier}.",
            f"Shareholders approved the merger on {earlier}.",
        ]
    )
    return insert_sentence(art, rng, sentence)




_PAST_EVENTS = [
    "The two companies signed the agreement {when}.",
    "{subject} announced the sale {when}.",
    "Shareholders approved the merger {when}.",
    "Negotiators met {when} and agreed on a price.",
    "{subject} said {when} that it had accepted {object}.",
]


def _past_event(rng: random.Random, when: str) -> str:
    return rng.choice(_PAST_EVENTS).format(when=when, subject=rng.choice(SUBJECTS), object=rng.choice(OBJECTS))


def inject_tense_year(art: Article, rng: random.Random) -> Injection | None:
    """A past event dated, with its year, 4-25 days after publication."""
    assert art.date is not None
    when = fmt_date(art.date + dt.timedelta(days=rng.randint(4, 25)), rng, year=True)
    return insert_sentence(art, rng, _past_event(rng, f"on {when}"))


def inject_tense_weekday(art: Article, rng: random.Random) -> Injection | None:
    """A past event on a weekday still to come: "next Thursday", or "on Thursday, March 5" after publication."""
    assert art.date is not None
    later = art.date + dt.timedelta(days=rng.randint(2, 6))
    wd = WEEKDAYS[later.weekday()]
    when = rng.choice([f"next {wd}", f"on {fmt_date(later, rng, weekday=wd)}"])
    return insert_sentence(art, rng, _past_event(rng, when))


def control_tense_bare_weekday(art: Article, rng: random.Random) -> Injection | None:
    """A past event on a bare weekday (the most recent one, as news copy means it), or today's weekday."""
    assert art.date is not None
    wd = WEEKDAYS[(art.date - dt.timedelta(days=rng.randint(0, 6))).weekday()]
    return insert_sentence(art, rng, _past_event(rng, f"on {wd}"))
