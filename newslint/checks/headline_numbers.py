"""headline-numbers: a number in the headline or deck that the body never states.

Numbers are compared by value, so figures and words ("Five" / "5"), scales
("1.2 mln" / "1.2 million" / "1,200,000") and percent forms ("12 pct" / "12%")
agree; a body value agrees when it rounds to the headline's figure (half a unit
of its last digit, or 5%), and "about", "nearly", "more than" loosen that to 30%.
"$8 billion" against a body that only says "$8 million" does not agree.

Headlines also state what the body implies: a percent change between two figures
the body gives side by side ("327.1 mln vs 307.5" under "RISES 6.4 PCT"), a total
of two ("500 mln ... and 200 mln" under "700 MLN"), or a count of things the body
lists ("TO REDEEM TWO BOND ISSUES"). So derived changes and sums are accepted, and a
small count (twelve or less) is checked only where it counts people ("Five killed").
Dates, times, years and durations are left to the dates rules.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..document import BODY_SCOPES, Block
from ..language.analysis import Analysis
from ..language.datementions import mentions
from ..model import Hit
from ..parsers.structure import dateline_length
from . import Context

PARAMS = frozenset({"scope", "hint"})

_WORD_VALUES = {
    w: i
    for i, w in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
    )
}
_TENS = {w: 10 * i for i, w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 2)}
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6, "mn": 1e6,
    "billion": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tln": 1e12, "tn": 1e12,
}
_UNIT_WORDS = "|".join(sorted(_WORD_VALUES, key=len, reverse=True))
_TEN_WORDS = "|".join(_TENS)
_SCALE_WORDS = r"hundred|thousand|million|mln|mn|billion|bln|bn|trillion|tln|tn"
_FRACTION_WORDS = {"half": 0.5, "one-half": 0.5, "quarter": 0.25, "one-quarter": 0.25, "three-quarters": 0.75}


def _number_pattern(before: str, fractions: str = "(?P<frac>(?!))") -> re.Pattern:
    # Fixed and linear: the stdlib ``re`` runs it about twice as fast as ``regex``.
    return re.compile(
        rf"""
        {before}
        (?P<cur>US\$|[$£€¥])?
        (?:
            (?P<whole>\d+)[- ](?P<num>\d{{1,2}})/(?P<den>\d{{1,2}})(?![/\d])          # 3-1/4, 7 3/4
          | (?P<fnum>\d{{1,2}})/(?P<fden>\d{{1,2}})(?![/\d])                          # 1/4
          | (?P<int>\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.(?P<dec>\d+))?(?![\d,]\d)
            (?P<ord>st|nd|rd|th)?
          | {fractions}
          | (?P<words>(?:{_TEN_WORDS})(?:[- ](?:{_UNIT_WORDS}))?|{_UNIT_WORDS}|dozen)
        )
        (?:(?<=[\d])(?P<attached>bn|mn|mln|[mbk])|[\s-]*(?P<scale>(?:{_SCALE_WORDS})(?:\s+(?:{_SCALE_WORDS}))*))?\b
        (?P<pct>\s*%|[\s-]*(?:pct|percent|per\s+cent)\b)?
        """,
        re.VERBOSE | re.IGNORECASE,
    )


#: In a headline, a number inside a name, code or score is not a quantity: G-7, B-52, '87,
#: &#163;, "Scotland 18-10 Italy".
_STRICT = _number_pattern(r"(?<![\w.,/:'’#])(?<!\w-)(?!\d+-\d+(?![/\d]))")
#: In the body, anything that reads as a number counts (PL-480, 3-4.5 billion).
_LENIENT = _number_pattern(r"(?<![\w.,/:])", r"(?P<frac>(?:one[- ])?half|(?:one[- ])?quarter|three[- ]quarters)")
#: "SOUTHOLD, N.Y., Oct 20 -", "WEST HARTFORD, Conn., FEb 26 -": datelines the parser missed.
_LOOSE_DATELINE = regex.compile(r"[A-Z][A-Z .'’&/-]+,.{0,30}?\b\d{1,2}\s*-")
_TABLE_ROW = regex.compile(r"\svs\.?\s")
_RANGE = regex.compile(r"(?i:\s*(?:to|-|–|and|or)\s*$)")
_LOOSE = regex.compile(
    r"(?i:\b(?:about|around|almost|nearly|over|more\s+than|up\s+to|at\s+least|some|under|less\s+than|fewer\s+than|"
    r"roughly|approximately|top|tops|topped|exceeds?|near|close\s+to|above|below|just)\s+(?:[$£€¥]|US\$)?$)"
)


_COUNTED = regex.compile(
    r"(?i:\s*(?:[\w-]+\s+){0,2}?(?:killed|dead|die[sd]?|deaths?|injured|hurt|wounded|missing|arrested|detained|"
    r"held|hostages?|people|persons|workers|soldiers|troops|police|children|passengers|victims|civilians|"
    r"miners|sailors|crew|students|officers|protesters|militants)\b)"
)
_NOT_A_QUANTITY = regex.compile(
    r"(?i:\)?[- ]?(?:years?|yrs?|months?|mths?|weeks?|wks?|days?|hours?|hrs?|minutes?|mins?|seconds?|gmt|est|edt|cst|cdt|pst|pdt|bst|cet|local\s+time|a\.?m\.?|p\.?m\.?|o'clock)\b)"
)


@dataclass(frozen=True)
class Options:
    #: Relative difference allowed next to "about", "nearly", "more than" and the like.
    loose: float = 0.3


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    value: float
    #: Half a unit of the last digit written, times the scale: the rounding the figure allows.
    slack: float
    text: str
    from_words: bool
    #: The value before its scale ("8" of "8 billion"): wire tables drop repeated scales.
    raw: float
    scaled: bool
    percent: bool = False


def numbers(text: str, start: int, end: int, strict: bool = True) -> list[Number]:
    """Every cardinal number in ``text[start:end]``, as a value with its scale applied."""
    out: list[Number] = []
    for m in (_STRICT if strict else _LENIENT).finditer(text, start, end):
        if m["ord"]:
            continue
        scale = 1.0
        if m["attached"]:
            if len(m["attached"]) == 1 and not m["cur"]:
                continue  # "3M", "747B": a letter after a figure is a scale only after a currency sign
            scale = _SCALES[m["attached"].lower()]
        elif m["scale"]:
            for word in m["scale"].lower().split():
                scale *= _SCALES[word]
        if m["words"]:
            word = m["words"].lower()
            value = 12.0 if word == "dozen" else float(sum(_TENS.get(p, _WORD_VALUES.get(p, 0)) for p in regex.split(r"[- ]", word)))
            unit = 1.0
        elif m["frac"]:
            value, unit = _FRACTION_WORDS[regex.sub(r"\s", "-", m["frac"].lower())], 0.25
        elif m["den"] or m["fden"]:
            num, den = int(m["num"] or m["fnum"]), int(m["den"] or m["fden"])
            if den not in (2, 3, 4, 8, 16, 32, 64) or not 0 < num < den or math.gcd(num, den) != 1:
                continue  # "86/87" crop years, "70/80" ranges, "0/92" names, "(6/8)" tie-breaks
            value, unit = int(m["whole"] or 0) + num / den, 1 / den
        else:
            value = float(m["int"].replace(",", "") + ("." + m["dec"] if m["dec"] else ""))
            unit = 10.0 ** -len(m["dec"] or "")
        out.append(Number(m.start(), m.end(), value * scale, 0.5 * unit * scale, m.group(), bool(m["words"]), value, scale != 1.0, bool(m["pct"])))
    return out


def _body_numbers(analysis: Analysis, lead: frozenset[Block]) -> tuple[Number, ...]:
    """Numbers of everything but the headline, its deck and the furniture (byline, dateline,
    captions); "30 to 35 mln" also yields 30 mln."""
    doc = analysis.doc
    out: list[Number] = []
    for block in doc.blocks:
        if block.scope in BODY_SCOPES or (block.scope == "deck" and block not in lead):
            found = numbers(doc.text, block.start, block.end, strict=False)
            out.extend(found)
            for a, b in itertools.pairwise(found):
                if not a.scaled and b.scaled and _RANGE.match(doc.text, a.end, b.start):
                    scale = b.value / b.raw if b.raw else 1.0
                    out.append(Number(a.start, a.end, a.raw * scale, a.slack * scale, a.text, a.from_words, a.raw, True))
    return tuple(out)


def _lead_blocks(ctx: Context) -> list[Block]:
    """The headline and its deck: one or two deck lines right under the headline. A longer
    run of short lines, or lines after a dateline, are a table (wire earnings items)."""
    blocks = ctx.doc.blocks
    lead = [b for b in blocks[:1] if b.scope == "headline"]
    decks = []
    for b in blocks[len(lead) :]:
        line = ctx.doc.block_text(b)
        if dateline_length(line + " x") or _LOOSE_DATELINE.match(line):
            break  # a dateline (however the parser labelled it) ends the lead
        if b.scope == "byline":
            continue
        if b.scope != "deck" or _TABLE_ROW.search(ctx.doc.block_text(b)):
            break
        decks.append(b)
    if len(decks) <= 2:
        lead += decks
    wanted = set(ctx.blocks)
    return [b for b in lead if b in wanted]


def check(options: Options, ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    body: tuple[Number, ...] | None = None
    dates: list[tuple[int, int]] | None = None
    lead = _lead_blocks(ctx)
    for block in lead:
        for n in numbers(text, block.start, block.end):
            if _skip(n, text, block):
                continue
            if body is None:
                body = ctx.analysis.memo(f"body-numbers-{len(lead)}", lambda a: _body_numbers(a, frozenset(lead)))
                dates = [(m.start, m.end) for m in mentions(ctx.analysis) if m.block.scope in ("headline", "deck")]
                if not body:
                    return  # a headline-only item: nothing to compare with
            if any(s <= n.start < e for s, e in dates or ()):
                continue  # "2ND QTR JAN 31", "IN 1988": dates are the dates rules' business
            loose = _LOOSE.search(text, max(block.start, n.start - 20), n.start)
            tolerance = max(n.slack, 0.05 * abs(n.value), options.loose * abs(n.value) if loose else 0.0)
            if _stated(n.value, tolerance, body) or _derived(n, text, tolerance, body):
                continue
            yield Hit(n.start, n.end, {"scope": block.scope, "hint": _hint(n, body)})


def _skip(n: Number, text: str, block: Block) -> bool:
    if n.from_words and n.value <= 1:
        return True  # "One of", "No one": pronouns more often than counts
    if regex.fullmatch(r"0\d+|\d{4}", n.text):
        return True  # times and codes ("0923 - APR 7"), years ("1986 NET")
    if _NOT_A_QUANTITY.match(text, n.end, block.end):
        return True  # durations and times: "FOR 50 YEARS", "1800 GMT"
    if n.value == int(n.value) and n.value <= 12 and n.text.strip().isalnum() and not n.percent:
        return not _COUNTED.match(text, n.end, block.end)  # "TWO BOND ISSUES" counts what the body lists
    return False


def _stated(value: float, tolerance: float, body: tuple[Number, ...]) -> bool:
    return any(abs(b.value - value) <= tolerance for b in body)


def _derived(n: Number, text: str, tolerance: float, body: tuple[Number, ...]) -> bool:
    """A change (in percent or in amount), or a total, of figures the body gives close together."""
    percent = n.percent
    for i, a in enumerate(body):
        near = body[i + 1 : i + 5]
        for b in near:
            for x, y in ((a.value, b.value), (a.raw, b.raw)):
                if percent:
                    if x and y and any(abs(abs(x - y) / d * 100 - n.value) <= tolerance for d in (abs(x), abs(y))):
                        return True
                elif abs(x + y - n.value) <= tolerance or abs(abs(x - y) - n.value) <= tolerance:
                    return True
        if not percent and any(abs(a.value + b.value + c.value - n.value) <= tolerance for b, c in itertools.combinations(near, 2)):
            return True
    return False


def _hint(n: Number, body: tuple[Number, ...]) -> str:
    """Name a body figure with the same digits at another scale ("8 billion" vs "8 million")."""
    for b in body:
        if b.value and n.value and b.value != n.value:
            ratio = max(n.value, b.value) / min(n.value, b.value)
            if any(abs(ratio - k) < 1e-6 * k for k in (1e3, 1e6, 1e9)):
                return f" (the body has '{b.text}')"
    return ""
