"""dates: date expressions checked against each other and against the publication date.

One check type, several tests (``test:``), all reading the shared date mentions
(``newslint.language.datementions``), so a document's dates are found and resolved once
however many ``dates.*`` rules run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

import regex

from ..language.dategrammar import MONTHS, WEEKDAYS
from ..language.datementions import (
    Mention,
    clause_tense,
    describe,
    governed,
    mentions,
    resolve_weekday,
    sentence_at,
)
from ..model import Hit
from . import Context

PARAMS = frozenset({"date", "weekday", "actual", "hint", "reason", "pubdate", "expected", "tense", "relation", "year", "days", "relative"})


@dataclass(frozen=True)
class Options:
    test: Literal["weekday", "impossible", "relative", "tense", "future-year", "dateline"]
    #: dateline: days a dateline may differ from publication (time zones, overnight copy).
    max_days: int = 2
    #: tense: days of slack around publication (a story dated in another time zone).
    grace_days: int = 1
    #: tense: a date without a year is judged only this close to publication; farther
    #: away the writer may mean another year ("the year ended September 30").
    window_days: int = 30


def check(options: Options, ctx: Context) -> Iterator[Hit]:
    allowed = {b.start for b in ctx.blocks}
    pub = ctx.doc.meta.date
    test, wanted = _TESTS[options.test]
    relevant = ctx.analysis.memo(f"dates:{options.test}", lambda a: [m for m in mentions(a) if wanted(m)])
    for m in relevant:
        if m.block.start in allowed:
            yield from test(m, pub, options, ctx)


def _hit(m: Mention, whole: bool = False, **params: str) -> Hit:
    return Hit(m.start if whole else m.core, m.end, params)


def _weekday(m: Mention, pub: dt.date | None, o: Options, ctx: Context) -> Iterator[Hit]:
    wd = m.expr.weekday
    if wd is None or m.date is None or m.date.weekday() == wd:
        return
    hint = ""
    if not m.year_inferred:
        fits = [y for k in range(1, 4) for y in (m.date.year - k, m.date.year + k) if _weekday_in(y, m.date, wd)]
        if fits:
            hint = f"; it falls on a {WEEKDAYS[wd].title()} in {fits[0]}"
    yield _hit(m, date=_plain(m.date), weekday=WEEKDAYS[wd].title(), actual=WEEKDAYS[m.date.weekday()].title(), hint=hint)


def _weekday_in(year: int, d: dt.date, wd: int) -> bool:
    try:
        return d.replace(year=year).weekday() == wd
    except ValueError:  # Feb 29
        return False


def _impossible(m: Mention, pub: dt.date | None, o: Options, ctx: Context) -> Iterator[Hit]:
    if m.impossible:
        yield _hit(m, reason=m.impossible)


def _relative(m: Mention, pub: dt.date | None, o: Options, ctx: Context) -> Iterator[Hit]:
    offset = m.offset
    if pub is None or offset is None or (m.expr.weekday is None and m.date is None):
        return
    expected = pub + dt.timedelta(days=offset)
    if m.date is not None and m.date != expected:
        named = _plain(m.date) if m.expr.weekday is None else describe(m.date)
    elif m.expr.weekday is not None and m.expr.weekday != expected.weekday():
        named = WEEKDAYS[m.expr.weekday].title()
    else:
        return
    yield _hit(m, date=named, expected=describe(expected), pubdate=describe(pub), relative=m.expr.rel or "")


#: Weekday modifiers that pin the day to a week counted from publication ("this Thursday",
#: "next Friday"); a bare "on Thursday" in a past clause always has a past reading, never these.
_ANCHORED = frozenset({"this", "next", "coming"})
def _tense(m: Mention, pub: dt.date | None, o: Options, ctx: Context) -> Iterator[Hit]:
    if pub is None or m.offset is not None:
        return
    first, last, inferred = m.date, m.last, m.year_inferred
    if first is None and m.expr.weekday is not None and m.expr.mod in _ANCHORED:
        if ctx.doc.text[m.end : m.end + 2] in ("'s", "’s"):
            return  # "next Thursday's session": the date is a noun's
        # The clause's tense decides, as for a calendar date: "signed the agreement next
        # Saturday" is past, "called a strike next Wednesday" the strike's (an event noun).
        first = last = resolve_weekday(m.expr.weekday, pub, None, m.expr.mod)
        inferred = True  # a day of this or next week: within the window by construction
    if first is None or last is None:
        return
    after, before = (first - pub).days, (pub - last).days
    limit = o.window_days if inferred else 100_000
    if o.grace_days < after <= limit:
        wanted, relation = "past", "after"
    elif o.grace_days < before <= limit:
        wanted, relation = "future", "before"
    else:
        return
    text = ctx.doc.text
    sentence = sentence_at(ctx.analysis, m.start)
    anchor = m.core if m.date is not None else m.start  # "this Thursday": "this" is the modifier, not a determiner
    if sentence is None or governed(text, anchor, sentence.start):
        return
    if clause_tense(text, sentence.start, m.start, m.end, sentence.end) == wanted:
        yield _hit(m, date=_plain(first) if m.date else describe(first), pubdate=describe(pub), tense=wanted, relation=relation)


#: "requested 312 billion dlrs for defense in 1988": a year after "for" is a plan's, not an event's.
_FOR = regex.compile(r"\bfor\b")
_FISCAL = regex.compile(r"(?i:\b(?:fiscal|financial|crop|marketing|tax|budget|model)\s+(?:year\s+)?$)")
_RELATIVE_YEAR = {"last": -1, "this": 0, "next": 1}
_BETWEEN = regex.compile(r"(?i:[\s,(–—-]*(?:(?:in|of|or|i\.e\.|that\s+is)[\s,(–—-]*)?|['’]s\s+)")


def _future_year(m: Mention, pub: dt.date | None, o: Options, ctx: Context) -> Iterator[Hit]:
    if pub is None:
        return
    e = m.expr
    text = ctx.doc.text
    if e.kind == "period" and e.unit == "year" and e.rel in _RELATIVE_YEAR:
        yield from _year_pair(m, pub, ctx)
        return
    if e.kind not in ("year", "month") or e.year is None or e.year <= pub.year or e.mod not in ("since", "in", "during"):
        return
    if _FISCAL.search(text, max(0, m.core - 20), m.core):
        return
    sentence = sentence_at(ctx.analysis, m.start)
    if sentence is None:
        return
    if e.mod != "since" and clause_tense(text, sentence.start, m.start, m.end, sentence.end, _FOR) != "past":
        return
    yield _hit(m, whole=True, year=str(e.year), pubdate=describe(pub), reason=f"{e.year} is after the publication year {pub.year}")


def _year_pair(m: Mention, pub: dt.date, ctx: Context) -> Iterator[Hit]:
    """'last year (2021)': the relative year and an explicit year side by side must agree."""
    implied = pub.year + _RELATIVE_YEAR[m.expr.rel or ""]
    text = ctx.doc.text
    for other in mentions(ctx.analysis):
        if other.expr.kind != "year" or other.block != m.block or other.expr.year is None:
            continue
        gap = (m.end, other.core) if other.start >= m.end else (other.end, m.start)
        if gap[1] - gap[0] > 12 or not _BETWEEN.fullmatch(text, *gap):
            continue
        low, high = other.expr.year, other.expr.year2 or other.expr.year
        if not low <= implied <= high:
            yield _hit(m, year=str(low), pubdate=describe(pub), reason=f"in a story dated {pub.year} it means {implied}, not {other.expr.text[other.expr.core:]}")


def _dateline(m: Mention, pub: dt.date | None, o: Options, ctx: Context) -> Iterator[Hit]:
    if pub is None or m.date is None or m.offset is not None:
        return
    days = (m.date - pub).days
    if abs(days) > o.max_days:
        yield _hit(m, date=_plain(m.date), pubdate=describe(pub), days=str(abs(days)), relation="after" if days > 0 else "before")


def _plain(d: dt.date) -> str:
    return f"{MONTHS[d.month - 1].title()} {d.day}, {d.year}"


#: Each test and the mentions it can say anything about (filtered once per document).
_TESTS = {
    "weekday": (_weekday, lambda m: m.expr.weekday is not None and m.date is not None),
    "impossible": (_impossible, lambda m: m.impossible is not None),
    "relative": (_relative, lambda m: m.offset is not None),
    "tense": (_tense, lambda m: m.offset is None and (m.date is not None or (m.expr.weekday is not None and m.expr.mod in _ANCHORED))),
    "future-year": (_future_year, lambda m: m.expr.kind in ("year", "month", "period")),
    "dateline": (_dateline, lambda m: m.block.scope == "dateline"),
}
