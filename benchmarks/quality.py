"""Detection quality: inject one defect per article copy, lint once, measure recall and false alarms.

    python benchmarks/quality.py                          # 60 copies per class, 1500 untouched, seed 1
    python benchmarks/quality.py --limit 400 --per-class 2 --untouched 20 --out /tmp/q.json   # quick
    python benchmarks/quality.py --show-misses 5          # print missed defects for rule work

Reads the corpus (default ../shared/corpus beside the repo, or $NEWSLINT_CORPUS) at run
time; every copy is written to a temporary directory, never into the repo. Each copy gets
exactly one injected defect (or one correct "control" that looks like a defect) placed
inside the article's own body text. Copies of dated articles start with a header line
``date YYYY-MM-DD Corpus`` (metadata, not prose), so date rules know the publication date.
newslint runs ONCE over the whole set through its CLI (``--format json``) and the report
gives, per defect class, recall (a finding of the expected rule group on a line of the
defect), per control, false alarms (a finding of that group on the control's lines), and
on untouched articles the findings per 10,000 words of every rule.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("bbc", "reuters21578")
HEADER = "date {date} Corpus\n"


def default_corpus() -> Path:
    env = os.environ.get("NEWSLINT_CORPUS")
    return Path(env) if env else ROOT.parent / "shared" / "corpus"


# ---------------------------------------------------------------------------
# Articles and their structure


@dataclass
class Article:
    source: str
    rel: str  # path relative to the corpus root
    date: dt.date | None
    path: Path
    _text: str | None = None

    @property
    def text(self) -> str:
        """Read on first use, so a small slice of the corpus reads only its own files."""
        if self._text is None:
            self._text = self.path.read_text(encoding="utf-8")
        return self._text

    @property
    def words(self) -> int:
        return len(self.text.split())


def load_articles(corpus: Path, sources: tuple[str, ...] = SOURCES) -> list[Article]:
    out: list[Article] = []
    for source in sources:
        index = corpus / source / "index.jsonl"
        with index.open(encoding="utf-8") as fh:
            for line in fh:
                meta = json.loads(line)
                date = dt.date.fromisoformat(meta["date"]) if meta.get("date") else None
                out.append(Article(source, f"{source}/{meta['path']}", date, corpus / source / meta["path"]))
    return out


@dataclass(frozen=True)
class Para:
    """A body paragraph: source offsets, and whether the article indents paragraphs (wire style)."""

    start: int
    end: int
    indented: bool


_TABLE_GAP = re.compile(r"\S {3,}\S")
_WORDISH = re.compile(r"[A-Za-z]")


def paragraphs(text: str) -> list[Para]:
    """Paragraphs split on blank lines and on indented first lines (wire copy)."""
    out: list[Para] = []
    start: int | None = None
    indented = False
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if not line.strip():
            if start is not None:
                out.append(Para(start, pos - 1, indented))
                start = None
        else:
            lead = len(line) - len(line.lstrip(" \t"))
            if start is not None and lead >= 2:
                out.append(Para(start, pos - 1, indented))
                start = None
            if start is None:
                start, indented = pos + lead, lead >= 2
        pos = end + 1
    if start is not None:
        out.append(Para(start, len(text), indented))
    return out


def body_paragraphs(text: str) -> list[Para]:
    """Prose paragraphs after the headline: no tables, enough words, not the wire sign-off."""
    out = []
    for para in paragraphs(text)[1:]:
        chunk = text[para.start : para.end]
        tokens = chunk.split()
        if len(tokens) < 12 or _TABLE_GAP.search(chunk.replace("\n", " ").strip()):
            continue
        if sum(1 for t in tokens if _WORDISH.search(t)) < 0.75 * len(tokens):
            continue
        out.append(para)
    return out


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_ABBREV = _wordset(
    "mr mrs ms dr st jr sr inc co corp ltd plc gen gov sen rep jan feb mar apr jun jul aug sep sept oct nov dec "
    "u.s u.k u.n no vs dlrs pct mln bln cts"
)
_SENT_END = re.compile(r"""(?<=[a-z0-9%)][.!?])["”]?(?=\s+["“]?[A-Z]|\s*$)""")


def _quote_balanced(text: str, start: int, pos: int) -> bool:
    chunk = text[start:pos]
    return chunk.count('"') % 2 == 0 and chunk.count("“") == chunk.count("”")


def sentence_ends(text: str, para: Para) -> list[int]:
    """Offsets just after a sentence end inside ``para`` (outside quotations)."""
    out = []
    for m in _SENT_END.finditer(text, para.start, para.end):
        punct = m.start() - 1
        before = re.search(r"([\w.]+)$", text[max(para.start, punct - 15) : punct])
        word = before.group(1).lower() if before else ""
        if word.rstrip(".") in _ABBREV or len(word) == 1:
            continue
        if _quote_balanced(text, para.start, m.end()):
            out.append(m.end())
    return out


def sentences(text: str, para: Para) -> list[tuple[int, int]]:
    """(start, end) of the sentences of a paragraph, by the same ends."""
    out = []
    start = para.start
    for end in [*sentence_ends(text, para), para.end]:
        s = start
        while s < end and text[s].isspace():
            s += 1
        if end > s:
            out.append((s, end))
        start = end
    return out


# ---------------------------------------------------------------------------
# Injections


@dataclass(frozen=True)
class Injection:
    """An article copy with one defect (or control); ``spans`` are its offsets in ``text``."""

    text: str
    spans: tuple[tuple[int, int], ...]
    note: str


@dataclass(frozen=True)
class Kind:
    name: str
    group: str  # rule group whose finding on a defect line counts as detection
    rule: str  # the rule meant to catch it (reported as a stricter recall)
    control: bool
    needs_date: bool
    inject: Callable[[Article, random.Random], Injection | None]


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


def _pick_date(art: Article, rng: random.Random, lo: int, hi: int) -> tuple[dt.date, bool]:
    """A date ``lo..hi`` days from publication (or in 2004/2005 for undated copy, with the year)."""
    if art.date is not None:
        return art.date + dt.timedelta(days=rng.randint(lo, hi)), False
    return dt.date(rng.choice([2004, 2005]), rng.randint(1, 12), rng.randint(1, 28)), True


def _weekday_sentence(art: Article, rng: random.Random, right: bool) -> Injection | None:
    d, with_year = _pick_date(art, rng, -12, -2)
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


_SKIP_DOUBLE = _wordset("had that is do bye very")


def inject_doubled(art: Article, rng: random.Random) -> Injection | None:
    """Double one word inside a body sentence ("the the")."""
    cands = []
    for para in body_paragraphs(art.text):
        for s, e in sentences(art.text, para):
            for m in re.finditer(r"(?<=[a-z,] )([a-z]{2,})(?= [a-z])", art.text[s:e]):
                if m.group(1) not in _SKIP_DOUBLE:
                    cands.append(s + m.start(1))
    if not cands:
        return None
    pos = rng.choice(cands)
    word = re.match(r"[a-z]+", art.text[pos:])
    assert word
    w = word.group()
    new = art.text[:pos] + w + " " + art.text[pos:]
    return Injection(new, ((pos, pos + 2 * len(w) + 1),), f"doubled '{w}'")


FUNCTION_WORDS = ("in", "of", "and", "at", "on", "to", "for", "the", "said")


def inject_fused(art: Article, rng: random.Random) -> Injection | None:
    """Run a body word (a name used elsewhere, preferably) into the next function word."""
    text = art.text
    names, words = [], []
    fw = "|".join(FUNCTION_WORDS)
    for para in body_paragraphs(text):
        for m in re.finditer(rf"(?<![\w-])([A-Z][a-z]{{3,}}|[a-z]{{4,}}) ({fw})\b", text[para.start : para.end]):
            token = m.group(1)
            if len(re.findall(rf"\b{token}\b", text)) >= 2 and token[0].isupper():
                names.append(para.start + m.start())
            elif token.islower():
                words.append(para.start + m.start())
    pool = names or words
    if not pool:
        return None
    pos = rng.choice(pool)
    m = re.match(rf"(\w+) ({fw})\b", text[pos:])
    assert m
    fused = m.group(1) + m.group(2)
    new = text[:pos] + fused + text[pos + m.end() :]
    return Injection(new, ((pos, pos + len(fused)),), f"fused '{m.group()}' -> '{fused}'")


def inject_double_negative(art: Article, rng: random.Random) -> Injection | None:
    sentence = rng.choice(
        [
            f"Neither side has yet to comment on {rng.choice(OBJECTS)}.",
            f"None of the {rng.choice(SUBJECTS_PLURAL)} has yet to explain {rng.choice(OBJECTS)}.",
            f"{rng.choice(SUBJECTS)} did not deny nothing about {rng.choice(OBJECTS)}.",
            f"The {rng.choice(SUBJECTS_PLURAL)} said they can't hardly keep up with demand.",
            f"Neither company has yet to respond to {rng.choice(OBJECTS)}.",
            f"{rng.choice(SUBJECTS)} never gave no reason for {rng.choice(OBJECTS)}.",
        ]
    )
    return insert_sentence(art, rng, sentence)


def control_had_had(art: Article, rng: random.Random) -> Injection | None:
    sentence = rng.choice(
        [
            f"{rng.choice(SUBJECTS)} had had talks with several buyers before {rng.choice(OBJECTS)} was made public.",
            f"The {rng.choice(SUBJECTS_PLURAL)} had had doubts about {rng.choice(OBJECTS)} for months.",
            "By then the group had had three chief executives in two years.",
        ]
    )
    return insert_sentence(art, rng, sentence)


def control_neither_nor(art: Article, rng: random.Random) -> Injection | None:
    sentence = rng.choice(
        [
            f"Neither the company nor its advisers would comment on {rng.choice(OBJECTS)}.",
            f"Neither {rng.choice(SUBJECTS).lower()} nor the {rng.choice(SUBJECTS_PLURAL)} has said when {rng.choice(OBJECTS)} will be published.",
            f"The {rng.choice(SUBJECTS_PLURAL)} have neither confirmed nor denied {rng.choice(OBJECTS)}.",
            f"Neither the bank nor the government expects {rng.choice(OBJECTS)} to change.",
        ]
    )
    return insert_sentence(art, rng, sentence)


QUOTES = [
    ("We expect the market to stay difficult for the rest of the year", "But we have cut costs and we are in a stronger position than our rivals"),
    ("This is a fair offer and we hope shareholders will accept it", "If they do not, we will look again at the terms"),
    ("The figures speak for themselves", "We have had three good quarters in a row and we see no reason for that to change"),
    ("Nobody wants a long dispute", "We are ready to talk at any time, without conditions"),
]


def _next_para_starts_with_quote(text: str, para: Para, paras: list[Para]) -> bool:
    later = [p for p in paras if p.start > para.start]
    return bool(later) and text[later[0].start] in "\"“"


def inject_quote(art: Article, rng: random.Random) -> Injection | None:
    """Drop a paragraph's closing quotation mark, or insert a quotation that is never closed."""
    text = art.text
    all_paras = paragraphs(text)
    body = body_paragraphs(text)
    closable = []
    for para in body:
        chunk = text[para.start : para.end]
        if chunk.count('"') >= 2 and chunk.count('"') % 2 == 0 and not _next_para_starts_with_quote(text, para, all_paras):
            closable.append(para)
    if closable and rng.random() < 0.5:
        para = rng.choice(closable)
        chunk = text[para.start : para.end]
        quotes = [i for i, c in enumerate(chunk) if c == '"']
        pair = rng.randrange(len(quotes) // 2)
        open_at, close_at = para.start + quotes[2 * pair], para.start + quotes[2 * pair + 1]
        new = text[:close_at] + text[close_at + 1 :]
        return Injection(new, ((open_at, open_at + 1), (close_at - 1, close_at)), "removed a closing quotation mark")
    candidates = [p for p in body if '"' not in text[p.start : p.end] and not _next_para_starts_with_quote(text, p, all_paras)]
    rng.shuffle(candidates)
    for para in candidates:
        ends = [e for e in sentence_ends(text, para) if e < para.end - 1]
        if not ends:
            continue
        pos = rng.choice(ends)
        q, _ = rng.choice(QUOTES)
        sentence = f'{rng.choice(SUBJECTS)} said: "{q}.'
        new = text[:pos] + " " + sentence + text[pos:]
        at = pos + 1 + sentence.index('"')
        return Injection(new, ((at, at + 1),), f"inserted unclosed quotation: {sentence}")
    return None


def control_quote_paragraphs(art: Article, rng: random.Random) -> Injection | None:
    """A quotation over two paragraphs: the first has no closing mark, the next opens with one."""
    text = art.text
    all_paras = paragraphs(text)
    body = [p for p in body_paragraphs(text) if not _next_para_starts_with_quote(text, p, all_paras)]
    if not body:
        return None
    para = rng.choice(body)
    q1, q2 = rng.choice(QUOTES)
    p1, p2 = f'"{q1}.', f'"{q2}," {rng.choice(SUBJECTS).lower()} said.'
    sep = "\n    " if para.indented else "\n\n"
    insert = sep + p1 + sep + p2
    new = text[: para.end] + insert + text[para.end :]
    s1 = para.end + len(sep)
    s2 = s1 + len(p1) + len(sep)
    return Injection(new, ((s1, s1 + len(p1)), (s2, s2 + len(p2))), "quotation continued over two paragraphs")


_DATELINE = re.compile(r"[A-Z][A-Z .'-]+,.{0,40}? - ")


def inject_duplicate(art: Article, rng: random.Random) -> Injection | None:
    text = art.text
    cands = [
        (s, e)
        for para in body_paragraphs(text)
        for s, e in sentences(text, para)
        if len(text[s:e].split()) >= 8 and text[s:e].count('"') % 2 == 0 and not _DATELINE.match(text, s)
    ]
    if not cands:
        return None
    s, e = rng.choice(cands)
    sentence = " ".join(text[s:e].split())
    if sentence[-1] not in ".!?\"”":
        return None
    new = text[:e] + " " + sentence + text[e:]
    return Injection(new, ((e + 1, e + 1 + len(sentence)),), f"repeated: {sentence[:60]}")


# Pairs of spellings of one word; the article's form is kept as the majority.
VARIANTS = [
    ("per cent", "percent"), ("percent", "per cent"), ("U.S.", "US"), ("organisation", "organization"),
    ("organization", "organisation"), ("defence", "defense"), ("defense", "defence"), ("centre", "center"),
    ("center", "centre"), ("favour", "favor"), ("behaviour", "behavior"), ("realise", "realize"),
    ("recognise", "recognize"), ("criticised", "criticized"), ("criticized", "criticised"),
    ("privatisation", "privatization"), ("privatization", "privatisation"), ("analysed", "analyzed"),
    ("emphasised", "emphasized"), ("labour", "labor"), ("labor", "labour"),
    ("e-mail", "email"), ("email", "e-mail"), ("travelled", "traveled"), ("cancelled", "canceled"),
    ("colour", "color"), ("offences", "offenses"), ("jewellery", "jewelry"),
]


def _caps_line(text: str, pos: int) -> bool:
    """An ALL-CAPS line (a wire sub-heading), where house style rules do not apply."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    letters = [c for c in text[start : end if end != -1 else len(text)] if c.isalpha()]
    return sum(c.isupper() for c in letters) > 0.8 * len(letters)


def inject_variant(art: Article, rng: random.Random) -> Injection | None:
    """Change one later occurrence of a spelling the article uses at least twice to its variant."""
    text = art.text
    body = body_paragraphs(text)
    if not body:
        return None
    lo = body[0].start
    options = []
    for a, b in VARIANTS:
        if re.search(rf"\b{re.escape(b)}(?!\w)", text, re.IGNORECASE):
            continue  # already mixed
        hits = [m.start() for m in re.finditer(rf"(?<![\w.]){re.escape(a)}(?!\w)", text) if m.start() >= lo and not _caps_line(text, m.start())]
        if len(hits) >= 2:
            options.append((a, b, hits))
    if not options:
        return None
    a, b, hits = rng.choice(options)
    pos = rng.choice(hits[1:])
    new = text[:pos] + b + text[pos + len(a) :]
    return Injection(new, ((pos, pos + len(b)),), f"'{a}' -> '{b}' once")


# --- people -------------------------------------------------------------

_NOT_FIRST = _wordset(
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
_TITLE_BEFORE = re.compile(r"(" + "|".join(sorted(GOV_TITLES + OTHER_TITLES, key=len, reverse=True)) + r")\s+$")


def inject_title_conflict(art: Article, rng: random.Random) -> Injection | None:
    """Give a named person a second, incompatible title later in the story."""
    text = art.text
    cands = [p for p in people(text) if len(p.mentions) >= 2]
    if not cands:
        return None
    titled = [(p, m) for p in cands if (m := _TITLE_BEFORE.search(text[max(0, p.full_at - 30) : p.full_at]))]
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
        person, title = rng.choice(bare), rng.choice(GOV_TITLES)
        prefix = title + " "
    else:
        return None
    other = rng.choice([t for t in GOV_TITLES if t != title and not (title == "Chancellor" and t.endswith("Minister"))])
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


KINDS: tuple[Kind, ...] = (
    Kind("doubled word", "words", "words.repeated", False, False, inject_doubled),
    Kind("fused words", "words", "words.fused", False, False, inject_fused),
    Kind("double negative", "grammar", "grammar.double-negative", False, False, inject_double_negative),
    Kind("name variant", "names", "names.variant", False, False, inject_name_variant),
    Kind("title conflict", "names", "names.title-conflict", False, False, inject_title_conflict),
    Kind("weekday mismatch", "dates", "dates.weekday", False, False, inject_weekday),
    Kind("impossible date", "dates", "dates.impossible", False, False, inject_impossible),
    Kind("relative-day mismatch", "dates", "dates.relative", False, True, inject_relative),
    Kind("past tense after publication", "dates", "dates.tense", False, True, inject_tense),
    Kind("unbalanced quote", "punctuation", "punctuation.quotes", False, False, inject_quote),
    Kind("duplicated sentence", "structure", "structure.duplicate", False, False, inject_duplicate),
    Kind("spelling-variant mix", "style", "style.consistency", False, False, inject_variant),
    Kind("control: right weekday", "dates", "dates.weekday", True, False, control_weekday),
    Kind("control: right relative day", "dates", "dates.relative", True, True, control_relative),
    Kind("control: tense agrees with date", "dates", "dates.tense", True, True, control_tense),
    Kind("control: had had", "words", "words.repeated", True, False, control_had_had),
    Kind("control: neither ... nor", "grammar", "grammar.double-negative", True, False, control_neither_nor),
    Kind("control: quote over paragraphs", "punctuation", "punctuation.quotes", True, False, control_quote_paragraphs),
)


# ---------------------------------------------------------------------------
# Building the set, running newslint, scoring


@dataclass
class Copy:
    name: str  # file name in the work directory
    article: Article
    kind: Kind | None  # None: untouched
    text: str  # full file text, header included
    spans: tuple[tuple[int, int], ...] = ()
    note: str = ""
    lines: frozenset[int] = field(default_factory=frozenset)


def _header(art: Article) -> str:
    return HEADER.format(date=art.date.isoformat()) if art.date else ""


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def build_copies(articles: list[Article], rng: random.Random, limit: int, per_class: int, untouched: int, kinds: tuple[Kind, ...]) -> list[Copy]:
    """``untouched`` random articles left as they are, then up to ``per_class`` copies of each kind.

    Articles are drawn in a seeded random order (the first ``limit`` only, if given); an
    article that cannot host any kind still needing copies is skipped, not linted.
    """
    pool = list(articles)
    rng.shuffle(pool)
    if limit:
        pool = pool[:limit]
    copies: list[Copy] = []

    def name(art: Article) -> str:
        return f"{len(copies):05d}-{art.rel.replace('/', '-')}"

    for art in pool[:untouched]:
        copies.append(Copy(name(art), art, None, _header(art) + art.text))
    counts: Counter[str] = Counter()
    for art in pool[untouched:]:
        open_kinds = [k for k in kinds if counts[k.name] < per_class and (art.date or not k.needs_date)]
        if not any(counts[k.name] < per_class for k in kinds):
            break
        rng.shuffle(open_kinds)
        open_kinds.sort(key=lambda k: counts[k.name])
        for kind in open_kinds:
            inj = kind.inject(art, rng)
            if inj is None:
                continue
            head = _header(art)
            spans = tuple((s + len(head), e + len(head)) for s, e in inj.spans)
            text = head + inj.text
            lines = frozenset(ln for s, e in spans for ln in range(_line_of(text, s), _line_of(text, max(s, e - 1)) + 1))
            copies.append(Copy(name(art), art, kind, text, spans, inj.note, lines))
            counts[kind.name] += 1
            break
    return copies


def run_newslint(directory: Path, out: Path, jobs: int) -> tuple[int, float, str]:
    cmd = [sys.executable, "-m", "newslint", "check", str(directory), "--format", "json", "-j", str(jobs),
           "--no-config", "--exit-zero", "--quiet", "--output", str(out)]
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    return proc.returncode, time.perf_counter() - t0, proc.stderr


def score(copies: list[Copy], report: dict, kinds: tuple[Kind, ...]) -> dict:
    by_name: dict[str, list[dict]] = {Path(f["path"]).name: f["findings"] for f in report.get("files", [])}
    classes: dict[str, dict] = {}
    for kind in kinds:
        mine = [c for c in copies if c.kind is kind]
        line_hits = rule_hits = span_hits = 0
        misses: list[dict] = []
        for c in mine:
            findings = by_name.get(c.name, [])
            grouped = [f for f in findings if f["rule"].split(".")[0] == kind.group]
            on_line = [f for f in grouped if f["line"] in c.lines]
            line_hits += bool(on_line)
            rule_hits += any(f["rule"] == kind.rule for f in on_line)
            span_hits += any(s <= f["offset"] < max(e, s + 1) or f["offset"] <= s < f["offset"] + f["length"] for f in grouped for s, e in c.spans)
            if kind.control == (not on_line):
                continue
            misses.append({"file": c.name, "article": c.article.rel, "note": c.note, "lines": sorted(c.lines),
                           "text": [c.text.split("\n")[ln - 1] for ln in sorted(c.lines)],
                           "findings": [f"{f['line']}:{f['column']} {f['rule']} {f['message']}" for f in on_line]})
        n = len(mine)
        entry: dict = {"group": kind.group, "rule": kind.rule, "n": n}
        if kind.control:
            entry.update(false_alarms=line_hits, false_alarm_rate=_ratio(line_hits, n), rule_false_alarms=rule_hits, examples=misses)
        else:
            entry.update(detected=line_hits, recall=_ratio(line_hits, n), rule_detected=rule_hits, rule_recall=_ratio(rule_hits, n),
                         span_detected=span_hits, span_recall=_ratio(span_hits, n), examples=misses)
        classes[kind.name] = entry
    untouched = [c for c in copies if c.kind is None]
    words = sum(c.article.words for c in untouched)
    per_rule: Counter[str] = Counter(f["rule"] for c in untouched for f in by_name.get(c.name, []))
    return {
        "classes": {k: v for k, v in classes.items() if not k.startswith("control:")},
        "controls": {k: v for k, v in classes.items() if k.startswith("control:")},
        "untouched": {
            "articles": len(untouched),
            "words": words,
            "findings": sum(per_rule.values()),
            "per_10k_words": _per10k(sum(per_rule.values()), words),
            "rules": {r: {"findings": n, "per_10k_words": _per10k(n, words)} for r, n in per_rule.most_common()},
        },
    }


def _ratio(a: int, n: int) -> float | None:
    return round(a / n, 4) if n else None


def _per10k(n: int, words: int) -> float:
    return round(n * 10000 / words, 3) if words else 0.0


def _pct(x: float | None) -> str:
    return "  n/a" if x is None else f"{100 * x:5.1f}%"


def render(result: dict) -> str:
    out = [f"newslint quality benchmark: {result['articles']} articles, seed {result['seed']}, "
           f"newslint {result['newslint']['seconds']:.1f} s (exit {result['newslint']['exit']})", ""]
    out.append(f"{'defect class':<32} {'n':>4}  {'recall':>6}  {'rule':>6}  {'span':>6}  expected")
    for name, c in result["classes"].items():
        out.append(f"{name:<32} {c['n']:>4}  {_pct(c['recall'])}  {_pct(c['rule_recall'])}  {_pct(c['span_recall'])}  {c['rule']}")
    out.append("")
    out.append(f"{'control (correct text)':<32} {'n':>4}  {'false alarms':>12}")
    for name, c in result["controls"].items():
        out.append(f"{name:<32} {c['n']:>4}  {c['false_alarms']:>4} {_pct(c['false_alarm_rate'])}  ({c['group']}.*)")
    u = result["untouched"]
    out.append("")
    out.append(f"untouched articles: {u['articles']}, {u['words']} words, {u['findings']} findings = {u['per_10k_words']:.2f} per 10,000 words")
    for rule, r in u["rules"].items():
        out.append(f"  {rule:<30} {r['findings']:>6}  {r['per_10k_words']:8.2f} per 10k words")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=default_corpus(), help="corpus folder (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit", type=int, default=0, help="draw from only this many (seeded random) articles (0 = all)")
    ap.add_argument("--per-class", type=int, default=60, help="copies per defect class and per control")
    ap.add_argument("--untouched", type=int, default=1500, help="articles linted unchanged, for findings per 10,000 words")
    ap.add_argument("--source", action="append", choices=SOURCES, help="corpus sources (default: both)")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--out", type=Path, help="write the results as JSON here")
    ap.add_argument("--keep", type=Path, help="keep the article copies and newslint's JSON in this (new) folder")
    ap.add_argument("--show-misses", type=int, default=0, metavar="N", help="print N missed defects / false alarms per class")
    args = ap.parse_args(argv)

    if not (args.corpus / "bbc").is_dir() and not (args.corpus / "reuters21578").is_dir():
        print(f"corpus not found: {args.corpus} (pass a folder or set NEWSLINT_CORPUS)", file=sys.stderr)
        return 2
    sources = tuple(args.source or [s for s in SOURCES if (args.corpus / s / "index.jsonl").is_file()])
    rng = random.Random(args.seed)
    copies = build_copies(load_articles(args.corpus, sources), rng, args.limit, args.per_class, args.untouched, KINDS)

    with tempfile.TemporaryDirectory(prefix="newslint-quality-") as tmp:
        work = args.keep or Path(tmp)
        articles_dir = work / "articles"
        if args.keep and args.keep.exists() and any(args.keep.iterdir()):
            print(f"--keep folder must be new or empty: {args.keep}", file=sys.stderr)
            return 2
        articles_dir.mkdir(parents=True)
        for c in copies:
            (articles_dir / f"{c.name}").write_text(c.text, encoding="utf-8")
        out_json = work / "newslint.json"
        code, seconds, stderr = run_newslint(articles_dir, out_json, args.jobs)
        if not out_json.is_file():
            print(f"newslint failed (exit {code}):\n{stderr}", file=sys.stderr)
            return 2
        report = json.loads(out_json.read_text(encoding="utf-8"))
        if args.keep:
            (work / "manifest.json").write_text(json.dumps([
                {"file": c.name, "article": c.article.rel, "kind": c.kind.name if c.kind else None, "note": c.note, "lines": sorted(c.lines)}
                for c in copies], indent=1), encoding="utf-8")

    result = {
        "corpus": str(args.corpus),
        "sources": list(sources),
        "seed": args.seed,
        "articles": len(copies),
        "per_class": args.per_class,
        "words": sum(c.article.words for c in copies),
        "newslint": {"exit": code, "seconds": round(seconds, 2), "errors": len(report.get("errors", [])),
                     "error_sample": report.get("errors", [])[:10]},
        **score(copies, report, KINDS),
    }
    print(render(result))
    if args.show_misses:
        for name, c in {**result["classes"], **result["controls"]}.items():
            for ex in c["examples"][: args.show_misses]:
                label = "FALSE ALARM" if name.startswith("control:") else "MISSED"
                print(f"\n{label} [{name}] {ex['article']} ({ex['note']})")
                for ln, line in zip(ex["lines"], ex["text"], strict=True):
                    print(f"  {ln}: {line.strip()[:200]}")
                for f in ex["findings"]:
                    print(f"    -> {f}")
    if result["newslint"]["errors"]:
        print(f"\nnewslint reported {result['newslint']['errors']} file error(s); first: {result['newslint']['error_sample'][:2]}", file=sys.stderr)
    if args.out:
        args.out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
