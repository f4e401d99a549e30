"""acronym: an acronym used before it is spelled out, or never spelled out.

``conditional`` with the news-specific knowledge a plain ``first``/``second`` pair
cannot carry. A use of "CCP" is fine once the article has defined it in any of the
forms copy desks use — "Chinese Communist Party (CCP)", "CCP (Chinese Communist
Party)", "the Chinese Communist Party, or CCP", "known as the CCP", "the news agency
IRNA" — or has used words it abbreviates ("International Cocoa Organization" before
"ICCO", "payment-in-kind" before "PIK").

Skipped, to stay precise on wire copy: two-letter abbreviations; acronyms everyone
knows (a data file, plus ``exceptions`` and the config vocabulary); English words in
capitals ("WHEAT", "AND"; symspellpy's lexicon, which leaves acronyms out); company
names and tickers ("AMR Corp", "<SRD>"); anything the article uses as part of a name
("JP Morgan", "BLB Investors", "Windows XP", "Henry VIII"); US station call signs
("WGBH"); model numbers ("MD 80"); acronyms said to be a kind of thing ("the news
agency IRNA", "its ROKR handset", "OAMCAF, the African coffee group", "LAN -- local
area network"); datelines ("SADDLE BROOK, N.J., March 3 -"); and ALL-CAPS text (wire
tables). An acronym never spelled out is reported only if the article uses it as a term —
after "the" ("the CCP"), in the plural ("VLCCs") or before a noun ("PIK certificates");
one only ever used bare ("CKX will", "told MUTV") is most likely a name. Only the
first undefined use of each acronym is flagged.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import regex

from ..model import Hit
from . import Context
from ._patterns import finditer
from .conditional import BEFORE, NEVER, undefined
from .consistency import in_caps_run, sentence_initial

PARAMS = frozenset({"key", "status"})

_STATUS = {BEFORE: "is used before it is spelled out", NEVER: "is never spelled out"}
_CANDIDATE = regex.compile(
    r"(?<![\w&.@/<>'’-])(\p{Lu}{3,8})(?:s|['’]s)?(?![\w&>@/]|[\s-]?\d|-\p{L}|\.\p{L}|[ \t]\p{Lu}\d|,?[ \t]+(?:up|down|off|unch)?[ \t]*\d)",
    regex.V1,
)
_CALL_SIGN = regex.compile(r"[KW]\p{Lu}{2,3}")  # US radio and TV stations: WGBH, KTXH
_ROMAN = regex.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ORDINAL_WORD = regex.compile(
    r"(?i:type|class|phase|part|stage|level|grade|article|chapter|title|schedule|section|volume|vol|tier|war|round)\s+$"
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_DETERMINERS = _words("The A An This That These Those His Her Its Their Our My Your")
_CORPORATE = (
    r"Corp|Corporation|Inc|Incorporated|Co|Cos|Company|Ltd|Limited|Plc|PLC|Group|Holdings?|Industries|"
    r"International|Intl|Bancorp|Bancshares|Bank|Banks|Airlines|Airways|Systems|Technologies|Technology|"
    r"Partners|LP|NV|AG|SA|SpA|AB|Bhd|Capital|Energy|Resources|Petroleum|Oil|Communications|Electronics|"
    r"Pharmaceuticals|Laboratories|Labs|Enterprises|Investments?|Securities|Motors|Trust|Services|Software|"
    r"Associates|Realty|Properties|Mines|Mining|Steel|Chemicals?|Foods|Stores|Entertainment|Records|Media|"
    r"Networks|Television|Pictures|Studios|Publishing|Insurance|Financial|Brands|Products|Instruments|Fund"
)
_COMPANY = regex.compile(
    rf"(?<![\w-])(\p{{Lu}}{{2,8}})(?:\s+\p{{Lu}}[\p{{L}}&'’.-]*){{0,3}}\s+(?:{_CORPORATE}|(?:industries|inc|corp)\b)\b",
    regex.V1,
)
_TICKER = regex.compile(
    r"<(\p{Lu}{2,8})(?:\.\p{Lu}{1,2})?>|\((?:NYSE|Nasdaq|NASDAQ|AMEX|LSE|TSX):\s*(\p{Lu}{2,8})\)", regex.V1
)
# What the acronym is, said in one word beside it: "the news agency IRNA", "the DIW institute".
_KINDS = (
    r"agency|party|group|union|company|firm|bank|organi[sz]ation|network|channel|carrier|airline|"
    r"broadcaster|station|magazine|newspaper|daily|weekly|association|federation|confederation|institute|"
    r"utility|subsidiary|unit|maker|exchange|index|programme|program|plan|system|software|format|"
    r"standard|protocol|technology|algorithm|drug|vaccine|satellite|missile|rocket|computer|chip|code|"
    r"symbol|ticker|movement|militia|rebels|front|council|committee|commission|ministry|department|"
    r"office|scheme|project|initiative|treaty|accord|act|law|bill|tax|fund|court|regulator|watchdog|"
    r"body|board|drama|series|show|film|movie|album|song|game|novel|book|play|railways?|brokers?|"
    r"brokerage|consortium|operator|giant|retailer|chain|handset|console|processor|label|team|club|"
    r"corporation|analysts?|consultancy|researchers?|page|steroid|substance|radio|television|tv|unions|"
    r"parties|groups|newsagency|associate|refinery|fighter|station|alliance|laboratory|lab"
)
_KINDS_AFTER = (
    r"agency|party|group|union|company|firm|bank|network|channel|broadcaster|association|federation|"
    r"institute|exchange|index|movement|militia|rebels|daily|newspaper|magazine|handset|phone|console|"
    r"device|format|models?|chip|processor|microprocessor|software|gateways?|method|poll|standard|"
    r"technology|engine|jet|aircraft|computers?|machines?|version|platform|player|drama|series|show|"
    r"brand|label|consortium|unit|subsidiary|division|unions|institute|systems?|cameras?|environment|"
    r"consultancy|alliance|laboratory|television|radio|products|range|"
    r"switching|switches|terminals?|workstations?|printers?|drives?|controllers?|boards?"
)
_DEFINITIONS = regex.compile(
    rf"""
      (?<![\w-])(\p{{Lu}}{{2,8}})s?\s+[(\[]\s*\p{{L}}+[\s-]+\p{{L}}   # ABC (Full Name), ABC [full name]
    | [\w'’-],?\s+or\s+(?:the\s+)?(\p{{Lu}}{{2,8}})(?:s|['’]s)?\b    # full name, or ABC
    | (?:known|referred\ to|abbreviated)\s+as\s+(?:the\s+)?(\p{{Lu}}{{2,8}})(?:s|['’]s)?\b
    | (?:called|dubbed|nicknamed|named)\s+(?:the\s+)?(\p{{Lu}}{{2,8}})(?:s|['’]s)?\b
    | \b(?i:{_KINDS}),?\s+["“]?(\p{{Lu}}{{2,8}})\b                    # the news agency(,) IRNA
    | (?<![\w-])(\p{{Lu}}{{2,8}}),\s+(?:the|an?|its|their|\p{{Lu}}\p{{L}}*['’]s)\s  # ABC, the African ...
    | (?<![\w-])(\p{{Lu}}{{2,8}})s?\s*(?:--|—|–|\s-)\s*\p{{Ll}}           # LAN -- local area network
    | \p{{L}},\s+(?:the\s+)?(\p{{Lu}}{{2,8}})s?\s*[,)]                   # feeder steer price, USFSP,
    | (?<![\w-])(?=(?P<initial>\p{{Lu}}))(\p{{Lu}}{{2,8}}),?\s+(?:or|for|stands\ for|means)\s+(?i:(?P=initial))  # AZT or azidothymidine
    | (?<![\w-])(\p{{Lu}}{{2,8}}),?\s+(?:formerly|previously|also)\s+(?:known|called)
    | (?<![\w-])(\p{{Lu}}{{2,8}})\s+(?:[\p{{Ll}}'’-]+\s+){{0,3}}(?i:{_KINDS_AFTER})\b  # the DIW (economic) institute
    """,
    regex.V1 | regex.VERBOSE,
)
# Part of a name somewhere in the article: "BLB Investors", "LKB-Produkter", "GTA V6".
_NAME_PART = regex.compile(r"(?<![\w-])(\p{Lu}{2,8})(?:[ \t]\p{Lu}\p{Ll}|-\p{Lu}|[ \t]\p{Lu}+\d)", regex.V1)
_PARENS = regex.compile(r"[(\[]([^()\[\]]{2,60})[)\]]")
_PAREN_KEYS = regex.compile(
    r"^\s*(?:\p{Lu}{2,8}(?:s|['’]s)?(?:\s*(?:,|/|\band\b|\bor\b)\s*|\s*$))+$", regex.V1
)
_DATELINE = regex.compile(
    r"[\p{Lu}.' -]+(?:,\s*[\p{L}.' ]{2,20}?)?(?:,\s*(?:\p{Lu}[\p{L}]{2,8}\.?\s+\d{1,2})|\s*(?:-|—|–|--)\s)",
    regex.V1,
)
_WORD = regex.compile(r"[\p{L}]+")
# Words after a bare acronym that make it a subject or object ("CKX will", "ANP said"),
# not a modifier of a noun ("PIK certificates").
_NOT_NOUNS = _words(
    "the and but for nor yet also and are was were has had have will would can could may "
    "might must shall should does did not its their his her who which that this these those "
    "with from into onto over under about after before since until than then when while where "
    "says said says told tells plans wants needs expects owns holds makes made gets got sees "
    "saw runs ran controls agrees agreed reports announces claims believes thinks hopes fears "
    "warns adds added urges calls asks seeks gives gave takes took buys sells offers pays "
    "paid rose fell rises falls remains became becomes still already currently now just only "
    "even more less some any all each both other such own within without between against "
    "among per via"
)
_CONNECTORS = _words("of for and the on in to de du des la le del der di fur für und at by")


@functools.lru_cache(maxsize=8)
def load_known(name: str) -> frozenset[str]:
    """Every acronym in a known-acronyms file (a mapping of group → list)."""
    from ..caching.lexicache import cached
    from ..rules import data_file
    from ..yamlfile import load_yaml

    path = Path(name) if Path(name).is_absolute() else data_file(name)
    data = cached(f"yaml:{path}", [path], object, lambda: load_yaml(str(path), positions=False))
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise ValueError(f"{path}: expected a mapping of group names to lists of acronyms")
    return frozenset(str(a) for group in data.values() for a in group)


@functools.lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-case English words (symspellpy's lexicon, shared with words.fused)."""
    from .fused import unigrams

    return unigrams()


@dataclass(frozen=True)
class Options:
    #: Acronyms that need no definition here, on top of ``known``.
    exceptions: tuple[str, ...] = ()
    #: Known-acronyms data file: a name in ``rules/_data/`` or an absolute path; "" for none.
    known: str = "known-acronyms.yml"
    #: Skip capitalised words that are English words ("WHEAT", "SCORE").
    skip_words: bool = True
    #: A block whose words are mostly ALL CAPS (a table, a shouted headline) is skipped.
    max_caps_ratio: float = 0.5
    #: Blocks shorter than this many words (table rows, list lines, captions) are skipped.
    min_words: int = 8
    #: Flag every undefined use, not only the first of each acronym.
    repeat: bool = False

    def problems(self) -> list[tuple[str, str]]:
        try:
            self.skip  # noqa: B018 - load and validate the data file now
        except Exception as exc:
            return [("known", f"cannot load known acronyms '{self.known}': {exc}")]
        return []

    @functools.cached_property
    def skip(self) -> frozenset[str]:
        return (load_known(self.known) if self.known else frozenset()) | frozenset(self.exceptions)


def check(options: Options, ctx: Context) -> Iterator[Hit]:
    text = ctx.text
    uses = [u for block in ctx.blocks for u in _uses(options, ctx, block)]
    if not uses:
        return
    term_like = {key for key, start, end in uses if _term_use(text, start, end)}
    defined_at = _definitions(ctx, {key for key, _start, _end in uses})
    words = [
        (m.start(), m.group(), text[m.start() - 1 : m.start()] == "-")
        for block in ctx.blocks
        for m in _WORD.finditer(text, block.start, block.end)
    ]
    for key, start, end, status in undefined(uses, defined_at, repeat=options.repeat):
        if status == NEVER and key not in term_like:
            continue  # used only bare, like a name ("CKX will", "at IXIS"): probably one
        if spelled_out(key, [w for w in words if w[0] < start]):
            continue
        yield Hit(start, end, {"key": key, "status": _STATUS[status]})


def _uses(options: Options, ctx: Context, block) -> Iterator[tuple[str, int, int]]:
    """Candidate acronyms in one block, minus everything that is not one."""
    text = ctx.text
    words = _WORD.findall(text, block.start, block.end)
    caps = sum(1 for w in words if len(w) > 1 and w.isupper())
    if len(words) < options.min_words or caps / len(words) > options.max_caps_ratio:
        return
    names = _names(ctx)
    vocabulary = ctx.settings.vocabulary
    lexicon = english_words() if options.skip_words else frozenset()
    dateline = _DATELINE.match(text, block.start, block.end)
    for m in _CANDIDATE.finditer(text, block.start, block.end, timeout=ctx.settings.regex_timeout):
        key, start, end = m.group(1), m.start(1), m.end(1)
        if key in options.skip or key in names or key.lower() in vocabulary or key.lower() in lexicon:
            continue
        if key.endswith("S") and (key[:-1] in options.skip or key[:-1] in names):
            continue  # SDRS: a known acronym's plural in capitals
        if _CALL_SIGN.fullmatch(key) or _pronounceable(key):
            continue
        if dateline and start < dateline.end():
            continue
        before = text[max(block.start, start - 30) : start]
        if _ROMAN.fullmatch(key) and (_ORDINAL_WORD.search(before) or _after_name(text, start, ctx)):
            continue
        if _after_name(text, start, ctx) or _before_name(text, m.end(), block.end):
            continue
        if _next_to_caps(text, start, end, block) or in_caps_run(text, start, end, ctx):
            continue
        yield key, start, end


def _term_use(text: str, start: int, end: int) -> bool:
    """Used the way a term is, not a name: "the CCP", "VLCCs", "PIK certificates"."""
    if regex.search(r"(?<![\w-])(?i:the|a|an)\s+$", text[max(0, start - 5) : start]):
        return True
    m = regex.match(r"(s)?(?:[ \t]+(\p{Ll}+))?", text[end : end + 30])
    if m.group(1):
        return True
    word = m.group(2)
    return bool(word) and len(word) > 2 and word not in _NOT_NOUNS and not word.endswith(("ed", "ly", "ing"))


def _pronounceable(key: str) -> bool:
    """GRANMA, COMIBOL, KENRO: a name or word in capitals more likely than initials."""
    return len(key) >= 5 and sum(1 for c in key if c in "AEIOU") >= 2


def _names(ctx: Context) -> frozenset[str]:
    """Acronyms that are company names or tickers anywhere in the article (headline too)."""

    def build(analysis) -> frozenset[str]:
        text = analysis.doc.text
        found = {m.group(1) for m in _COMPANY.finditer(text)}
        found |= {m.group(1) or m.group(2) for m in _TICKER.finditer(text)}
        found |= {m.group(1) for m in _NAME_PART.finditer(text)}
        return frozenset(found)

    return ctx.analysis.memo("acronym.names", build)


def _definitions(ctx: Context, keys: set[str] | None = None) -> dict[str, int]:
    """Acronym → where the article first defines it (explicitly, not by its words).

    With ``keys``, only blocks that contain one of them are searched (a definition of
    a key contains it), so the result is right for those keys."""
    out: dict[str, int] = {}
    text, timeout = ctx.text, ctx.settings.regex_timeout
    for block in ctx.blocks:  # overlapped: "US television series CSI" holds two patterns
        if keys is not None:
            segment = text[block.start : block.end]
            if not any(key in segment for key in keys):
                continue
        for m in _DEFINITIONS.finditer(text, block.start, block.end, overlapped=True, timeout=timeout):
            key = next(g for g in m.groups() if g and len(g) > 1)
            out[key] = min(out.get(key, m.start()), m.start())
    for m in finditer(_PARENS, ctx):
        if _PAREN_KEYS.match(m.group(1)):
            for key in regex.findall(r"\p{Lu}{2,8}", m.group(1)):
                out[key] = min(out.get(key, m.start()), m.start())
    return out


def _after_name(text: str, start: int, ctx: Context) -> bool:
    """ "Windows XP", "Henry VIII": right after a capitalised word that is not a sentence start."""
    m = regex.search(r"(\p{Lu}\p{Ll}[\p{L}'’]*)[ \t]$", text[max(0, start - 30) : start])
    if m is None or m.group(1) in _DETERMINERS:
        return False
    return not sentence_initial(text, start - len(m.group(0)), ctx)


def _before_name(text: str, end: int, limit: int) -> bool:
    """ "JP Morgan", "ABN Amro": directly followed by a capitalised word."""
    return regex.match(r"(?:s|['’]s)?[ \t]\p{Lu}\p{Ll}", text[end : min(limit, end + 5)]) is not None


def _next_to_caps(text: str, start: int, end: int, block) -> bool:
    """ "NEW YORK", "RIO DE JANEIRO": one of several capitalised words in a row."""
    before = regex.search(r"\b\p{Lu}{2,}[.,]?[ \t]$", text[max(block.start, start - 20) : start])
    after = regex.match(r"[.,]?[ \t]\p{Lu}{2,}\b", text[end : min(block.end, end + 20)])
    return before is not None or after is not None


def spelled_out(key: str, words: list[tuple[int, str, bool]]) -> bool:
    """True when words the acronym abbreviates appear in order. Each word gives letters
    in order starting with its first (ICCO ← International COCoa Organization); small
    words and the tail of a hyphenated word (Co-operation) may give none; at least two
    words take part ("TV" alone from "television" does not count). ``words`` holds
    (offset, word, follows a hyphen)."""
    n = len(key)
    low = key.lower()

    @functools.cache
    def match(i: int, j: int, used: int) -> bool:
        if i == n:
            return used >= 2
        if j >= len(words):
            return False
        w = words[j][1].lower()
        if (w in _CONNECTORS or words[j][2]) and match(i, j + 1, used):
            return True
        if w[0] != low[i]:
            return False
        pos, k = 1, 1  # low[i:i+k] is a subsequence of w starting at w[0]
        while True:
            if match(i + k, j + 1, used + 1):
                return True
            if i + k >= n:
                return False
            pos = w.find(low[i + k], pos) + 1
            if pos == 0:
                return False
            k += 1

    return any(
        w[0].lower() == low[0] and w.lower() not in _CONNECTORS and match(0, j, 0)
        for j, (_, w, _h) in enumerate(words)
    )
