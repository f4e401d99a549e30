"""The date mentions of one document, resolved against its publication date.

Computed once per document (``mentions(analysis)``, memoised as "dates") and
shared by every ``dates.*`` rule. A date without a year takes the year that puts
it nearest the publication date — never the machine's clock; without a
publication date it stays unresolved and rules that need it stay silent.

Tense is read from the clause around a date with the cues news copy uses
("will", "is set for", "plans to" = future; "said", "signed", "was" = past);
modals and future-in-the-past ("would", "was scheduled for", "agreed to sell")
are *prospective*: they point ahead of the clause, so they never count as past.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from .dategrammar import MONTHS, RELATIVE_DAYS, WEEKDAYS, DateExpr, find_dates

if TYPE_CHECKING:
    from ..document import Block
    from .analysis import Analysis, Sentence


@dataclass(frozen=True)
class Mention:
    """A date expression at ``start:end`` of ``Document.text`` (``core``: after its modifier)."""

    start: int
    end: int
    core: int
    expr: DateExpr
    block: Block
    #: The (first) calendar day named, year explicit or nearest the publication date.
    date: dt.date | None = None
    #: The last day of a range ("April 8-9"); equal to ``date`` otherwise.
    last: dt.date | None = None
    year_inferred: bool = False
    #: Why the named day does not exist ("April has 30 days"), else None.
    impossible: str | None = None

    @property
    def offset(self) -> int | None:
        """Days from publication for a relative day ("yesterday" = -1); None if not one."""
        return RELATIVE_DAYS.get(self.expr.rel or "")


def mentions(analysis: Analysis) -> tuple[Mention, ...]:
    """Every date mention of the document, computed once and shared by all rules."""
    return analysis.memo("dates", _build)


def _build(analysis: Analysis) -> tuple[Mention, ...]:
    """One scan of the whole text (per-block scans cost more than the matching); a match
    that runs across a block break is rare and is rescanned within each block."""
    doc, settings = analysis.doc, analysis.settings
    text, blocks, pub, order = doc.text, doc.blocks, doc.meta.date, settings.date_order
    starts = [b.start for b in blocks]
    out: list[Mention] = []
    for f in find_dates(text):
        i = bisect.bisect_right(starts, f.start) - 1
        if i < 0 or f.start >= blocks[i].end:
            continue
        block = blocks[i]
        if f.end <= block.end:
            out.append(resolve(f.expr, f.start, f.end, block, pub, order))
            continue
        for b in blocks[i : i + 2]:
            for g in find_dates(text, max(f.start, b.start), min(f.end, b.end) if b is not block else b.end):
                out.append(resolve(g.expr, g.start, g.end, b, pub, order))
    return tuple(out)


def nearest_year(month: int, day: int, pub: dt.date) -> int:
    """The year that puts month/day nearest ``pub`` (a day past the month's end judged as its last)."""
    d = min(day, 28 if month == 2 else calendar.monthrange(2001, month)[1])
    return min((pub.year - 1, pub.year, pub.year + 1), key=lambda y: abs((dt.date(y, month, d) - pub).days))


def _numeric(parts: tuple[int, int, int], order: str | None, pub: dt.date | None) -> tuple[int | None, int, int] | None:
    """(year, month, day) of an all-digit date, only when the house order (or a YYYY/ lead) says."""
    a, b, c = parts
    if a >= 1000:
        return a, b, c
    if order == "mdy":
        y, m, d = c, a, b
    elif order == "dmy":
        y, m, d = c, b, a
    else:
        return None
    if y < 100:
        base = (pub.year if pub else 2000) // 100 * 100
        y = min((base - 100 + y, base + y, base + 100 + y), key=lambda v: abs(v - (pub.year if pub else 2000)))
    return y, m, d


def _why_impossible(year: int | None, month: int, day: int) -> str | None:
    if not 1 <= month <= 12:
        return f"there is no month {month}"
    name = MONTHS[month - 1].title()
    if day < 1:
        return f"there is no day {day}"
    longest = 29 if month == 2 else calendar.monthrange(2000, month)[1]
    if day > longest:
        return f"{name} has {longest} days" if month != 2 else "February has 28 days, 29 in a leap year"
    if year is not None and day > calendar.monthrange(year, month)[1]:
        return f"{year} is not a leap year"
    return None


def resolve(expr: DateExpr, start: int, end: int, block: Block, pub: dt.date | None, order: str | None) -> Mention:
    """Pin an expression to calendar days: explicit year, else the one nearest ``pub``."""
    first, last, inferred, why = _days(expr, pub, order)
    return Mention(start, end, start + expr.core, expr, block, first, last, inferred, why)


@functools.lru_cache(maxsize=16384)
def _days(expr: DateExpr, pub: dt.date | None, order: str | None) -> tuple[dt.date | None, dt.date | None, bool, str | None]:
    """(first day, last day, year inferred, why impossible) of an expression; cached, as wire
    copy repeats the same few dates."""
    year, month, day = expr.year, expr.month, expr.day
    if expr.numeric:
        ymd = _numeric(expr.numeric, order, pub)
        if ymd is None:
            return None, None, False, None
        year, month, day = ymd
    if month is None or day is None:
        return None, None, False, None
    inferred = year is None
    if inferred and pub is not None and 1 <= month <= 12 and 1 <= day <= 31:
        year = nearest_year(month, day, pub)
    days = [(month, day)] + ([(expr.month2 or month, expr.day2)] if expr.day2 is not None else [])
    for m, d in days:
        why = _why_impossible(year, m, d)
        if why:
            return None, None, inferred, why
    if year is None:
        return None, None, inferred, None
    first = dt.date(year, month, day)
    last = dt.date(year, days[-1][0], days[-1][1])
    if last < first:  # "Dec 30-Jan 2"
        last = dt.date(year + 1, days[-1][0], days[-1][1])
    return first, last, inferred, None


def resolve_weekday(weekday: int, pub: dt.date, tense: str | None, mod: str | None = None, week_start: int = 0) -> dt.date:
    """The day a bare weekday names: the latest on or before publication in a past clause,
    the next on or after it in a future one; "last"/"next"/"this" override the tense."""
    back = (pub.weekday() - weekday) % 7
    ahead = (weekday - pub.weekday()) % 7
    if mod == "last":
        return pub - dt.timedelta(days=back or 7)
    if mod in ("next", "coming"):
        return pub + dt.timedelta(days=ahead or 7)
    if mod == "this":
        week = pub - dt.timedelta(days=(pub.weekday() - week_start) % 7)
        return week + dt.timedelta(days=(weekday - week_start) % 7)
    if tense in ("future", "prospective"):
        return pub + dt.timedelta(days=ahead)
    return pub - dt.timedelta(days=back)


def describe(d: dt.date) -> str:
    """'Saturday, January 13, 2024'."""
    return f"{WEEKDAYS[d.weekday()].title()}, {MONTHS[d.month - 1].title()} {d.day}, {d.year}"


def sentence_at(analysis: Analysis, offset: int) -> Sentence | None:
    sentences = analysis.sentences
    starts = analysis.memo("sentence-starts", lambda a: [s.start for s in a.sentences])
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and offset < sentences[i].end:
        return sentences[i]
    return None


# --- tense -----------------------------------------------------------------------------------

_ADV = r"(?:(?:not|also|now|still|again|then|be|soon|[a-z]+ly)\s+)*"
#: A verb group's tail: "to be completed", "will be dated and delivered", "was to have left".
_TAIL = rf"(?:\s+{_ADV}(?:(?:have\s+)?been\s+|be\s+|have\s+)?{_ADV}[a-z]+(?:\s+(?:and|or)\s+[a-z]+)?)?"
#: Simple-past forms that are never participles: a finite past verb wherever they stand.
_PAST_ONLY = (
    "was|were|did|took|began|came|went|rose|fell|grew|gave|ran|spoke|wrote|became|broke|chose|"
    "drew|drove|flew|knew|shook|stole|swore|threw|withdrew|froze|overtook|undertook|arose|awoke|"
    "forbade|forgave|sprang|strode|strove|swam|tore|wore|woke|rode|rang|sang|sank|ate|forgot|"
    "overcame|underwent|oversaw|mistook|outgrew|redid|retook|rewrote"
)
#: Past forms that double as participles ("bills delivered March 16", "shares held on May 6").
_PAST_OR_PARTICIPLE = (
    "said|told|met|had|made|held|lost|sold|bought|paid|left|led|brought|thought|found|kept|sent|"
    "shot|shut|spent|stood|struck|taught|understood|dealt|fought|sought|built|fled|hung|laid|slid|"
    "slept|spun|stung|swept|swung|wept|stuck|misled|rebuilt|resold|upheld|withheld|cut|hit|shut|quit|hurt|won|saw|beat|bore|bid|read|wound|lay|spread|split"
)
#: -ed words that are not past events: adjectives, present-tense verbs and forward-looking verbs.
_NOT_PAST_ED = (
    "need|bed|red|shed|seed|feed|speed|breed|greed|deed|weed|heed|reed|steed|hundred|kindred|sacred|"
    "naked|wicked|rugged|ragged|jagged|crooked|beloved|wretched|learned|aged|indeed|proceed|exceed|"
    "succeed|embed|shred|sled|wed|bled|bred|fed|based|unchanged|limited|related|listed|"
    "expected|scheduled|planned|proposed|slated|postponed|delayed|deferred|extended|rescheduled|"
    "adjourned|projected|forecasted|targeted|intended|anticipated|estimated|cancelled|canceled|moved|"
    "pushed|advanced|called|timed|dated|required|needed|designed|aimed|hoped|tied|prepared|"
    "committed|determined|interested|concerned|supposed|used|owned|united|unaudited|diluted|"
    "adjusted|annualized|restated|combined|detailed|qualified|registered|secured|preferred|"
    "guaranteed|fixed|rated|priced|valued|quoted|traded|compared|weighted|noted|stated|pledged|"
    "dividend|allied|assumed|accrued|deferred|insured|retired|skilled|armed|unsecured"
)
#: -ing words that are not verbs.
_NOT_ING = "thing|nothing|something|anything|everything|morning|evening|during|spring|king|ring|string|wing|ceiling|building|meeting|earnings|offering|financing|holding|holdings|trading|funding|pricing|rating|ruling|filing|listing|timing|warning|bring|sing|swing|sterling|according"
#: Verbs that look ahead: their dates are plans, not events ("had estimated earnings in 1988").
_FORWARD = (
    "expected|scheduled|planned|proposed|slated|postponed|delayed|deferred|extended|rescheduled|"
    "adjourned|forecast|forecasts|forecasted|projected|targeted|intended|anticipated|estimated|"
    "predicted|aimed|hoped|wanted|budgeted|promised|pledged|vowed"
)
_DETERMINER = r"(?:the|a|an|its|their|his|her|our|your|this|that|these|those|each|every|any|no|new|newly|so)"
_CUE = regex.compile(
    rf"""
      (?P<future>
          \b(?:will|shall|won['’]t)\b{_TAIL}
        | ['’]ll\b{_TAIL}
        | \b(?:is|are|am|['’]s|['’]re)\s+{_ADV}(?:set|scheduled|due|slated|expected|planned|poised|likely|going|about|to)\b
          (?:\s+(?:to|for|on|at)\b)?{_TAIL}
        | \b(?:plans?|expects?|intends?|aims?|hopes?|wants?|seeks?|promises?|vows?|pledges?|proposes?)\s+to{_TAIL}
      )
    | (?P<prospective>
          \b(?:would|could|may|might|should|must|can|cannot|ought)\b\s+{_ADV}(?:[a-z]+(?:\s+(?:and|or)\s+[a-z]+)?)?
        | \b(?:was|were|had\s+been|has\s+been|have\s+been|been)\s+{_ADV}(?:set|scheduled|due|slated|expected|planned|poised|likely|going|about|to|postponed|delayed|moved|pushed|put\s+off|called\s+off|cancell?ed|rescheduled|deferred|extended|adjourned|brought\s+forward)\b
          (?:\s+(?:to|for|on|at|until|till)\b)?{_TAIL}
        | \bto\s+(?!(?:the|a|an|its|their|his|her|our|record|date|about|around|some|more|less|than|as)\b){_ADV}(?:be\s+|have\s+(?:been\s+)?)?{_ADV}[a-z]{{2,}}\b
        | \b(?:{_FORWARD}|set\s+for|set\s+to|due|upcoming|next|later|pending|until|till|probable|possible|potential|eventual|prospective|future){_TAIL}
      )
    | (?P<past>
          \b(?:was|were)\s+{_ADV}(?!(?:{_FORWARD})\b)[a-z]+(?:ed|en)\b
        | \b(?:has|have|had)\s+{_ADV}(?:been\s+)?(?!(?:to|a|an|the|no|its|their|his|her|some|any|{_FORWARD})\b)[a-z]+
        | \b(?:{_PAST_ONLY})\b
      )
    | (?P<participle>
          \b(?:{_PAST_OR_PARTICIPLE})\b
        | (?<!\b(?i:{_DETERMINER})\s+)\b(?!(?:{_NOT_PAST_ED})\b)[a-z]{{2,}}ed\b
      )
    | (?P<present>
          \b(?:is|are|am)\b(?:\s+{_ADV}[a-z]+)?
        | \b(?:does|do|says|expires|ends|begins|starts|opens|closes|takes|runs|comes|goes|matures|remains|lasts|continues|becomes|applies|holds|meets)\b
        | \b(?!(?:{_NOT_ING})\b)[a-z]{{2,}}ing\b
      )
    """,
    regex.VERBOSE,
)
_BOUNDARY = regex.compile(
    r"[;:()\[\]—–\"“”]|,(?=\s)|\s-\s|\b(?i:that|which|who|whom|whose|where|when|while|whereas|because|although|though|but|if|unless|before|after|until|till|once)\b"
)
_TIME = r"(?:\d[\d:.]*\s*(?:[ap]\.?m\.?|[A-Z]{2,4}|hrs|local\s+time)?\s+)?"
#: A date after these is not the time of the clause's event: a deadline, a range end,
#: a noun's attribute ("the March 20 meeting") or a complement ("the meeting of March 20").
_NEUTRAL_BEFORE = regex.compile(
    rf"(?i:\b(?:until|till|through|thru|by|before|after|to|for|from|of|with|as\s+of|effective|ahead\s+of|"
    rf"starting|beginning|between|and|or|record|payable|deadline|expir\w*|due|shipments?|delivery|"
    rf"deliveries|loading|arrivals?|positions?|maturity|settlement|{_DETERMINER})\s+(?:on\s+)?{_TIME}$|['’]s\s+$|/$)"
)
#: The end of an accounting period ("the year ended March 31"): the date belongs to the period.
_PERIOD_END = regex.compile(
    r"(?i:\b(?:year|quarter|qtr|half|period|months?|mths|weeks?|season|\d{4}(?:/\d\d)?)\s+(?:ended|ending|ends|end)\s+(?:on\s+)?$)"
)
_SPEECH = regex.compile(r"(?i:\b(?:said|told|added|stated)$)")
#: After a speech verb, a date followed by a subject opens the reported clause ("said on May 15 it will").
_SUBJECT_AFTER = regex.compile(
    r"\s*,?\s*(?:(?i:it|he|she|they|we|i|the|its|their|there)\b|[A-Z][a-z]+\s+(?:will|would|is|was)\b"
    r"|(?:is|are|was|were|will|would|has|have|had|could|may|might|should|must|can)\b)"
)
#: "April 15 as the deadline": the date is a complement, named rather than narrated.
_AS_AFTER = regex.compile(r"\s*,?\s*as\s+(?:the|a|an|its)\b")
#: Nouns of scheduling: a date near them is a term or deadline, not the time of an event.
_SCHEDULE_NOUN = regex.compile(
    r"(?i:\b(?:dates?|deadlines?|record|payable|redemption|expiration|expiry|maturity|exercise|settlement)\b)"
)
#: Nouns a date right after them attaches to ("its annual meeting on March 31").
_EVENT_NOUN = regex.compile(
    r"(?i:\b(?:meeting|session|hearing|conference|summit|talks|vote|election|auction|tenders?|holidays?|"
    r"offers?|bids?|offering|payments?|delivery|deliveries|shipments?|resale|trip|visit|strikes?|walkouts?|"
    r"stoppages?|protests?|rall(?:y|ies)|demonstrations?|boycotts?|referendum|ballots?|polls?|debates?|trials?|"
    r"matches|match|games?|races?|finals?|ceremon(?:y|ies)|launch|opening|funeral|deadline)\s+(?:on\s+)?$)"
)
#: Verbs whose object is a date ("set April 15 as the deadline", "cited April 27").
_OBJECT_VERB = regex.compile(r"(?i:\b(?:set|sets|fixed|named|designated|cited|chose|picked|selected|declared|called|proposed|suggested|targeted|marked|gave|listed|moved|advanced)\s+$)")
#: "bought bills for resale to the market on April 2": the date is the purpose's, not the verb's.
_PURPOSE = regex.compile(r"(?i:\bfor\s+(?:re)?(?:sale|delivery|shipment|payment|settlement|redemption|completion|release|purchase)\b)")
_SUBJECT_BEFORE = regex.compile(rf"(?i:\b(?:it|he|she|they|we|i|you|who|which|that)\s+{_ADV}$)")
#: A clause that opens with a subject: "The two sides signed", "Acme signed", "It signed".
_CLAUSE_SUBJECT = regex.compile(r"\s*(?:[A-Z0-9]|(?:the|a|an|its|their|his|her|our|this|these|those|some|all|both|each|it|he|she|they|we|i)\b)")
_SENTENCE_OPENER = regex.compile(r"(?i:(?:(?:but|and|yet|so|then|also|however|meanwhile)\W+)?(?:(?:on|in|during|since|early|late|at)\s+)?)")
_WINDOW = 90
_MAX_WORDS = 8
#: Clauses that take their time from the main clause: "would be made before the price was announced".
#: "closed its books and release earnings April 20": a second verb the cues do not know.
_SECOND_VERB = regex.compile(r"\b(?:and|or)\s+(?!(?:the|a|an|its|their|his|her|our|other|\d)\b)[a-z]+\s+(?!on\b|in\b)[a-z]")
_SUBORDINATE = regex.compile(r"(?i:before|after|until|till|once|when|if|unless)")


def clause_tense(text: str, lo: int, start: int, end: int, hi: int, purpose: regex.Pattern | None = None) -> str | None:
    """Tense of the clause governing the date at ``start:end`` within the sentence ``lo:hi``:
    "past", "future", "prospective", "present" or None (unsure).

    The rightmost cue before the date (within its clause and a few words) decides;
    a date that opens its sentence ("On Jan. 20, the two sides signed"), or follows a
    speech verb and opens the reported clause ("said on May 15 it will"), takes the
    first cue after it; ``purpose`` marks phrases that make the date a plan's ("312 billion
    dlrs for defense in 1988"). A form that may be a participle ("signed", "held") is past
    only after a subject ("it signed", "The two sides signed"), never inside a noun
    phrase ("for bills delivered March 16"); a date that is a verb's object ("set
    April 15 as the deadline") or a scheduling noun's ("the record date was April 24")
    is not the time of the event.
    """
    left = max(lo, start - _WINDOW)
    boundary = None
    for boundary in _BOUNDARY.finditer(text, left, start):
        left = boundary.end()
    if boundary is not None and _SUBORDINATE.fullmatch(boundary.group()):
        before = list(_CUE.finditer(text, max(lo, boundary.start() - _WINDOW), boundary.start()))
        after = _CUE.finditer(text, end, min(hi, end + _WINDOW))
        if any(c.lastgroup in ("future", "prospective") for c in [*before[-1:], *after]):
            return None
    cues = list(_CUE.finditer(text, left, start))
    if cues:
        cue = cues[-1]
        between = text[cue.end() : start]
        if len(between.split()) > _MAX_WORDS or _SECOND_VERB.search(between):
            return None
        if purpose is not None and purpose.search(between):
            return None
        speech = _SPEECH.search(text, cue.start(), cue.end())
        if speech and len(text[cue.end() : start].split()) > 1:
            return None  # "said the loans mature in 1990": the date is in the reported clause
        if not (speech and _SUBJECT_AFTER.match(text, end, hi)):
            return _judge(text, left, cue, len(cues) == 1, start, end, hi)
    elif not _SENTENCE_OPENER.fullmatch(text, lo, start):
        return None
    right = end
    while right < hi and text[right] in " ,":
        right += 1
    stop = min(hi, right + _WINDOW)
    first, pos = None, right
    while first is None and pos < stop:  # "In 1988, Douglas said Dean should ...": the reported verb decides
        b = _BOUNDARY.search(text, pos, stop)
        cues = list(_CUE.finditer(text, pos, b.start() if b else stop))
        said = [c for c in cues if _SPEECH.search(text, c.start(), c.end())]
        first = next((c for c in cues if c not in said), None)
        if first is None and not (said and b):
            first = cues[0] if cues else None
            break
        pos = b.end() if b else stop
    if first is None or len(text[right : first.start()].split()) > _MAX_WORDS:
        return None
    if _SCHEDULE_NOUN.search(text, right, min(hi, first.end() + 40)):
        return None
    return "past" if first.lastgroup == "participle" else first.lastgroup


def _judge(text: str, left: int, cue: regex.Match, first_in_clause: bool, start: int, end: int, hi: int) -> str | None:
    kind = cue.lastgroup
    if kind not in ("past", "participle"):
        return kind
    if _SCHEDULE_NOUN.search(text, left, start) or _EVENT_NOUN.search(text, cue.end(), start):
        return None
    if _AS_AFTER.match(text, end, hi) or _SCHEDULE_NOUN.search(text, end, min(hi, end + 25)):
        return None
    if _OBJECT_VERB.search(text, max(left, start - 12), start) or _PURPOSE.search(text, cue.end(), start):
        return None
    if kind == "participle" and not (
        _SUBJECT_BEFORE.search(text, max(left, cue.start() - 40), cue.start())
        or (first_in_clause and _CLAUSE_SUBJECT.match(text, left))
    ):
        return None
    return "past"


def governed(text: str, start: int, lo: int) -> bool:
    """True when the date at ``start`` is a deadline, range end, attribute, complement
    or the end of an accounting period ("the year ended March 31")."""
    window = max(lo, start - 30)
    return bool(_NEUTRAL_BEFORE.search(text, window, start) or _PERIOD_END.search(text, window, start))


def mention_tense(analysis: Analysis, m: Mention) -> str | None:
    sentence = sentence_at(analysis, m.start)
    if sentence is None:
        return None
    return clause_tense(analysis.doc.text, sentence.start, m.start, m.end, sentence.end)
