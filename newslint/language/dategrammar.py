"""Date expressions in news copy: a regex finds each candidate span, pyparsing interprets it.

Scanning a whole document with pyparsing is ~70x slower than a regex, so
``find_dates`` runs one compiled pattern over the text and hands only the
matched span (plus a leading modifier such as "on", "last" or "since") to the
pyparsing grammar. Interpretations are cached by span text: wire copy repeats
"Feb 26" and "today" thousands of times.

Forms: US/AP ("Jan. 12", "Sept. 3, 2024", "Friday, Jan. 12", "Friday (Jan. 12)"), wire ("Jan 12"),
UK ("12 January 2024", "Friday 12 January", "12th of January"), ISO, numeric
(03/04/2024: parts kept, never resolved here), ranges ("April 8-9", "8-10 June"),
weekdays ("on Friday", "last Tuesday"), relative days ("yesterday", "the day
before"), a relative day paired with a date ("yesterday, Tuesday,",
"today (Monday)"), months ("in November"), periods ("last month", "earlier this
year") and years ("in 2021", "since 2021", "1986/87").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pyparsing as pp
import regex

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
#: Day offset of each relative day from the publication date (None: relative to another event).
RELATIVE_DAYS: dict[str, int | None] = {
    "yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1,
    "the day before": None, "the previous day": None, "the day after": None,
    "the next day": None, "the following day": None,
}
MODIFIERS = (
    "on", "last", "next", "this", "coming", "past", "in", "since", "by", "until", "till",
    "through", "during", "before", "after", "from", "early", "late", "earlier", "later", "of",
)
#: Kinds whose bare form is too ambiguous to count without a modifier ("May", "March").
_NEEDS_MODIFIER = frozenset({"month"})

_ABBR = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_FULL = "|".join(m.title() for m in MONTHS)


def _cased(alternatives: str) -> str:
    """Title-case and UPPER-case variants (headlines and datelines are often in capitals)."""
    words = alternatives.split("|")
    return "|".join(words + [w.upper() for w in words])


_MONTH = rf"(?:(?:{_cased(_FULL)})\b|(?:{_cased(_ABBR)})(?:\.|\b))"
_WEEKDAY = rf"(?:{_cased('|'.join(w.title() for w in WEEKDAYS))})\b"
# A day number, not a quantity: "March 30 pct", "in January 1,500 tonnes" are not dates.
_UNITS = (
    "pct|percent|per|mln|million|billion|bln|bn|trillion|dlrs?|dollars?|cents?|cts|tonnes?|tons?|"
    "shares|points?|pts|pence|yen|marks|francs|barrels?|bpd|bags|ounces|oz|years?|months?|weeks?|"
    "days?|hours?|minutes|people|members|kilos?|kg|km|miles|acres|hectares|units|cars|stores|"
    "plants|companies|banks|countries|nations|pc"
)
_DAY_NUMBER = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?![\d.,]\d)\b"
_DAY = (
    rf"(?:(?:{_DAY_NUMBER}|3[2-9](?:st|nd|rd|th)?(?![\d.,]\d)\b)(?!\s*(?:%|(?i:{_UNITS})\b))"
    r"|0(?=[,.;:)](?![\d.,]?\d)|\s*$))"  # day 0 only where no table figure can follow ("JAN 0 248")
)
# Before a month name a number cannot be a quantity of something else: no unit test needed.
_UK_DAY = r"(?:0?[1-9]|[12]\d|3[0-9])(?:st|nd|rd|th)?"
_YEAR = rf"(?:1[6-9]\d\d|20\d\d|21\d\d)(?![\d.,]\d)\b(?!\s*(?:%|(?i:{_UNITS})\b))"
_DASH = r"\s*[-–]\s*"
_US = rf"{_MONTH}(?:[ ]{{2}}|\s){_DAY}(?:{_DASH}(?:{_MONTH}\s+)?{_DAY})?(?:,?\s+{_YEAR})?"
_UK = rf"(?<![\d,.$£€/-]){_UK_DAY}(?:{_DASH}{_UK_DAY})?\s(?:of\s)?{_MONTH}(?:,?\s+{_YEAR})?"
_ISO = r"(?<![\d-])\d{4}-\d\d-\d\d(?![\d-])"
_NUMERIC = r"(?<![\d/.])(?:\d{1,2}/\d{1,2}/(?:\d{4}|\d\d)|\d{1,2}\.\d{1,2}\.\d{4}|\d{4}/\d{1,2}/\d{1,2})(?![\d/]|\.\d)"
_CALENDAR = rf"(?:{_ISO}|{_NUMERIC}|{_US}|{_UK})"
# A weekday and its date side by side: "Thursday, March 5", "Thursday (March 5)", "March 5 (Thursday)".
_DATED = rf"(?:{_WEEKDAY}\s*\(\s*{_CALENDAR}\s*\)|{_CALENDAR}\s*\(\s*{_WEEKDAY}\s*\)|(?:{_WEEKDAY},?\s+)?{_CALENDAR})"
_REL = r"(?i:yesterday|today|tonight|tomorrow|the\s+(?:day\s+before|previous\s+day|day\s+after|next\s+day|following\s+day))\b"
_PAIR = rf"{_REL}(?:\s*,\s*|\s+[-—–]+\s+|\s*(?P<paren>\()\s*)(?:{_DATED}|{_WEEKDAY})(?!['’]s)(?(paren)\s*\))"
_PERIOD = r"(?i:(?:(?:earlier|later|early|late)\s+)?(?:this|last|next)\s+(?:week|month|year))\b"
_YEARS = rf"(?<![\d,.$£€])(?:{_YEAR})(?:(?:/|-|–)(?:\d\d|{_YEAR})(?!\d))?"
# The candidate patterns are fixed and linear, so they use the stdlib ``re`` (4x faster
# than ``regex`` on this alternation) and need no timeout.
CANDIDATE = re.compile(
    rf"""(?<![\w])(?:
        (?P<pair>{_PAIR})
      | (?P<date>{_DATED})
      | (?P<monthyear>{_MONTH},?\s+{_YEAR})
      | (?P<rel>{_REL})
      | (?P<period>{_PERIOD})
      | (?P<weekday>{_WEEKDAY})
      | (?P<month>{_MONTH})
      | (?P<year>{_YEARS})
    )""",
    re.VERBOSE,
)
#: Where a candidate can start. Small scans that ``re`` runs fast (literal prefixes, no
#: case folding) replace one slow alternation; CANDIDATE is tried only at their hits.
_NAME_ANCHOR = re.compile("|".join(f(w[:3]) for w in MONTHS + WEEKDAYS for f in (str.title, str.upper)))
_REL_ANCHOR = re.compile("|".join(f(w) for w in ("yesterday", "today", "tonight", "tomorrow") for f in (str.lower, str.title, str.upper)))
_DAY_ANCHORS = tuple(re.compile(rf"{t} (?:previous |next |following )?day\b") for t in ("the", "The"))
_DIGIT_ANCHOR = re.compile(r"\d(?:\d{3}\b|\d?(?:st|nd|rd|th)?(?:\s(?:of\s)?[A-Z]|\s?[-–]\s?\d{1,2}\s[A-Z]|[/.]\d{1,2}[/.]\d))")
_PERIOD_UNIT = re.compile(r"(?:week|month|year|Week|Month|Year|WEEK|MONTH|YEAR)\b")
_PERIOD_START = re.compile(r"(?i:\b(?:(?:earlier|later|early|late)\s+)?(?:this|last|next)\s+)$")
_MODIFIER_BEFORE = re.compile(rf"(?i:\b({'|'.join(MODIFIERS)})\s+|\b(mid)-)$")


@dataclass(frozen=True)
class DateExpr:
    """One interpreted date expression; offsets are relative to the span's start.

    ``day`` set means a calendar day (possibly impossible: day 30 of February);
    ``numeric`` holds an all-digit date's parts in written order, unresolved
    because 03/04/2024 means different days in different houses.
    """

    kind: str  # date | numeric | weekday | relative | month | period | year
    text: str
    mod: str | None = None
    core: int = 0
    weekday: int | None = None
    month: int | None = None
    day: int | None = None
    month2: int | None = None
    day2: int | None = None
    year: int | None = None
    year2: int | None = None
    rel: str | None = None
    numeric: tuple[int, int, int] | None = None
    unit: str | None = None


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    expr: DateExpr


def _month(name: str) -> int:
    return MONTHS.index(next(m for m in MONTHS if m.startswith(name.lower().rstrip(".")[:3])))  + 1


def _int(text: str) -> int:
    return int(regex.match(r"\d+", text).group())  # type: ignore[union-attr]


@functools.cache
def grammar(kind: str | None = None) -> pp.ParserElement:
    """The pyparsing grammar of one date expression (built once, on first use); ``kind``, the
    CANDIDATE group that matched, picks the one alternative to try (failed alternatives are
    most of pyparsing's cost)."""

    def word(names: str, flags: str = "(?i)") -> pp.Regex:
        return pp.Regex(rf"{flags}(?:{names})\b")

    mod = pp.Regex(rf"(?i)(?:(?:{'|'.join(MODIFIERS)})\b|mid-)")("mod")
    weekday = word("|".join(WEEKDAYS))("weekday")
    month_re = rf"(?i)(?:(?:{_FULL})\b|(?:{_ABBR})(?:\.|\b))"
    month, month2 = pp.Regex(month_re)("month"), pp.Regex(month_re)("month2")
    day_re = r"(?i)\d{1,2}(?:st|nd|rd|th)?(?!\d)"
    day, day2 = pp.Regex(day_re)("day"), pp.Regex(day_re)("day2")
    year = pp.Regex(r"\d{4}(?!\d)")("year")
    year2 = pp.Regex(r"\d{4}(?!\d)|\d\d(?!\d)")("year2")
    comma, dash = pp.Opt(pp.Literal(",")), pp.Regex("[-–]")
    us = month + day + pp.Opt(dash + pp.Opt(month2) + day2) + pp.Opt(comma + year)
    uk = day + pp.Opt(dash + day2) + pp.Opt(pp.CaselessKeyword("of")) + month + pp.Opt(comma + year)
    iso = pp.Regex(r"(?P<iso_y>\d{4})-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)")
    numeric = pp.Regex(r"(?P<n1>\d{1,4})(?P<sep>[/.])(?P<n2>\d{1,2})(?P=sep)(?P<n3>\d{2,4})")
    calendar = iso | numeric | us | uk
    opening, closing = pp.Suppress("("), pp.Suppress(")")
    dated = (weekday + opening + calendar + closing) | (calendar + opening + weekday + closing) | (pp.Opt(weekday + comma) + calendar)
    rel = pp.Regex(r"(?i)(?:yesterday|today|tonight|tomorrow|the\s+(?:day\s+before|previous\s+day|day\s+after|next\s+day|following\s+day))\b")("rel")
    pair = rel + pp.Opt(pp.one_of(", - -- — –") | pp.Literal("(")("paren")) + (dated | weekday) + pp.Opt(")")
    period = (
        pp.Opt(word("earlier|later|early|late")("when"))
        + word("this|last|next")("rel")
        + word("week|month|year")("unit")
    )
    years = year + pp.Opt(pp.one_of("/ - –") + year2)
    by_kind = {
        "pair": pair,
        "period": period,
        "rel": rel,
        "date": pp.Opt(mod) + dated,
        "monthyear": pp.Opt(mod) + month + comma + year,
        "weekday": pp.Opt(mod) + weekday,
        "month": pp.Opt(mod) + month,
        "year": pp.Opt(mod) + years,
    }
    if kind is not None:
        return by_kind[kind] + pp.StringEnd()
    core = (month + comma + year) | dated | rel | weekday | month | years
    return (period | pair | pp.Opt(mod) + core) + pp.StringEnd()


@functools.lru_cache(maxsize=16384)
def interpret(span: str, kind: str | None = None) -> DateExpr | None:
    """Parse one candidate span (whitespace of any kind allowed); None if it is not a date."""
    flat = regex.sub(r"\s", " ", span)
    try:
        r = grammar(kind).parse_string(flat, parse_all=True)
    except pp.ParseException:
        return None
    mod = r.get("mod")
    core = 0
    if mod:
        core = len(mod)
        while core < len(flat) and flat[core] == " ":
            core += 1
    fields: dict = {"text": span, "mod": mod.lower() if mod else None, "core": core}
    if r.get("weekday"):
        fields["weekday"] = WEEKDAYS.index(r["weekday"].lower())
    if r.get("rel"):
        fields["rel"] = " ".join(r["rel"].lower().split())
    if r.get("unit"):
        fields["unit"] = r["unit"].lower()
        if r.get("when"):
            fields["rel"] = f"{r['when'].lower()} {fields['rel']}"
        return DateExpr("period", **fields)
    if r.get("iso_y"):
        fields.update(year=int(r["iso_y"]), month=int(r["iso_m"]), day=int(r["iso_d"]))
        return DateExpr("date", **fields)
    if r.get("n1"):
        fields["numeric"] = (int(r["n1"]), int(r["n2"]), int(r["n3"]))
        return DateExpr("numeric", **fields)
    if r.get("month"):
        fields["month"] = _month(r["month"])
    if r.get("month2"):
        fields["month2"] = _month(r["month2"])
    if r.get("day"):
        fields["day"] = _int(r["day"])
    if r.get("day2"):
        fields["day2"] = _int(r["day2"])
    if r.get("year"):
        fields["year"] = int(r["year"])
    if r.get("year2"):
        y2 = int(r["year2"])
        fields["year2"] = y2 if y2 >= 100 else fields["year"] // 100 * 100 + y2
    if "day" in fields:
        kind = "date"
    elif "month" in fields:
        kind = "month"
    elif "year" in fields:
        kind = "year"
    elif "rel" in fields:
        kind = "relative"
    else:
        kind = "weekday"
    if kind in ("date", "weekday") and "rel" in fields:
        kind = "relative"  # a relative day paired with a weekday or date
    return DateExpr(kind, **fields)


def _anchors(text: str, start: int, end: int) -> Iterator[int]:
    words = [m.start() for m in _NAME_ANCHOR.finditer(text, start, end)]
    words += [m.start() for m in _REL_ANCHOR.finditer(text, start, end)]
    for pattern in _DAY_ANCHORS:
        words += [m.start() for m in pattern.finditer(text, start, end)]
    digits = (m.start() for m in _DIGIT_ANCHOR.finditer(text, start, end))
    periods = (
        p.start()
        for u in _PERIOD_UNIT.finditer(text, start, end)
        if (p := _PERIOD_START.search(text, max(start, u.start() - 20), u.start()))
    )
    return iter(sorted([*words, *digits, *periods]))


def find_dates(text: str, start: int = 0, end: int | None = None) -> Iterator[Found]:
    """Every date expression in ``text[start:end]``, with exact spans (modifier included)."""
    end = len(text) if end is None else end
    pos = start
    for a in _anchors(text, start, end):
        if a < pos:
            continue
        m = CANDIDATE.match(text, a, end)
        if m is None:
            continue
        pos = m.end()
        s = m.start()
        before = _MODIFIER_BEFORE.search(text, max(start, s - 10), s)
        if before and m.lastgroup not in ("pair", "rel", "period"):
            s = before.start()
        elif m.lastgroup in _NEEDS_MODIFIER:
            continue
        expr = interpret(text[s : m.end()], m.lastgroup)
        if expr is not None:
            yield Found(s, m.end(), expr)
