"""What a generator returns, what a defect class is, and the sentence parts generators share."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from .corpus import Article
from .text import body_paragraphs, sentence_ends


@dataclass(frozen=True)
class Injection:
    """An article copy with one defect (or control); ``spans`` are its offsets in ``text``."""

    text: str
    spans: tuple[tuple[int, int], ...]
    note: str


@dataclass(frozen=True)
class Kind:
    """One way of injecting a defect (or a control); ``family`` is the defect class it belongs to."""

    name: str
    group: str  # rule group whose finding on a defect line counts as detection
    rule: str  # the rule meant to catch it (reported as a stricter recall)
    control: bool
    needs_date: bool
    inject: Callable[[Article, random.Random], Injection | None]
    family: str = ""  # the defect class (issue 12) this variant belongs to; empty: its own class

    @property
    def cls(self) -> str:
        return self.family or self.name


def insert_sentence(art: Article, rng: random.Random, sentence: str, after: int = 0, middle: bool = False) -> Injection | None:
    """Insert `` sentence`` after a random sentence end of a body paragraph (past ``after``)."""
    points = []
    for para in body_paragraphs(art.text):
        ends = [p for p in sentence_ends(art.text, para) if p > after]
        if middle:
            ends = [p for p in ends if p < para.end]
        points.extend(ends)
    if not points:
        return None
    pos = rng.choice(points)
    new = art.text[:pos] + " " + sentence + art.text[pos:]
    return Injection(new, ((pos + 1, pos + 1 + len(sentence)),), f"inserted: {sentence}")


SUBJECTS = ["The company", "A spokesman", "The ministry", "Officials", "The union", "Analysts", "The bank", "Its chairman", "The board", "Government sources"]
SUBJECTS_PLURAL = ["officials", "analysts", "directors", "ministers", "shareholders", "traders", "negotiators", "bankers"]
OBJECTS = ["the proposal", "the offer", "the report", "the figures", "the plan", "the agreement", "the decision", "the talks"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
AP_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
WIRE_MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def fmt_date(d: dt.date, rng: random.Random, weekday: str | None = None, year: bool = False) -> str:
    """One of the date forms news copy uses, optionally with a weekday and the year."""
    style = rng.choice(["us", "ap", "wire", "uk"])
    if style == "uk":
        core = f"{d.day} {MONTHS[d.month - 1]}" + (f" {d.year}" if year else "")
        return f"{weekday} {core}" if weekday else core
    month = {"us": MONTHS, "ap": AP_MONTHS, "wire": WIRE_MONTHS}[style][d.month - 1]
    core = f"{month} {d.day}" + (f", {d.year}" if year else "")
    return f"{weekday}, {core}" if weekday else core


def pick_date(art: Article, rng: random.Random, lo: int, hi: int) -> tuple[dt.date, bool]:
    """A date ``lo..hi`` days from publication (or in 2004/2005 for undated copy, with the year)."""
    if art.date is not None:
        return art.date + dt.timedelta(days=rng.randint(lo, hi)), False
    return dt.date(rng.choice([2004, 2005]), rng.randint(1, 12), rng.randint(1, 28)), True



