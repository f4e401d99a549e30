"""The person table: who is named in a document, how, with which titles and ages.

Built once per document (``ctx.analysis.memo("persons", build)``) and shared by the
``names.*`` and ``numbers.age`` rules. Regexes find the candidates in one pass per
block; everything after is dictionary work on the few capitalised runs found, so the
cost stays linear in the document. No statistical model: a run of capitalised words
is a person only with evidence — an honorific or title beside it, an age or an
appositive after it, a reporting verb, or a later "Mr Surname" — because a false
person is what makes a consistency rule cry wolf.
"""

from __future__ import annotations

import functools
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import regex
from ruamel.yaml import YAML

from ..document import Document

# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class TitleSpec:
    role: str  # canonical name of the post
    kind: str  # "office" | "seat" | "post" | "role"


@dataclass(frozen=True)
class Lexicon:
    """Titles, honorifics and name shapes from ``rules/_data``, loaded once per process."""

    titles: dict[str, TitleSpec]  # normalised words ("prime minister", "MP") -> spec
    first_words: frozenset[str]  # first words of titles, to reject quickly
    last_words: frozenset[str]  # last words of titles
    longest: int  # most words in one title
    ambiguous: frozenset[str]
    status: dict[str, str]  # modifier -> past | acting | future | rank
    shared_when_bare: frozenset[str]
    compatible: frozenset[frozenset[str]]
    surname_honorifics: frozenset[str]
    given_honorifics: frozenset[str]
    feminine: frozenset[str]
    masculine: frozenset[str]
    particles: frozenset[str]
    hyphen_prefixes: frozenset[str]
    family_first: frozenset[str]
    given_names: frozenset[str]
    stop: frozenset[str]
    org_stop: frozenset[str]  # the stop words that never stand inside an organisation's name
    org: frozenset[str]
    places: frozenset[str]
    last_raw: frozenset[str]  # last words of titles as written: "minister", "Minister", "MP"
    run_re: regex.Pattern = field(repr=False)


def _load(name: str) -> dict:
    from ..caching.lexicache import cached
    from ..rules import data_file

    path = data_file(name)
    return cached(f"yaml:{name}", [path], dict, lambda: YAML(typ="safe").load(path.read_text(encoding="utf-8")) or {})


def _norm(word: str) -> str:
    """Title lookup key of one word: capitals kept for acronyms (MP), else lower case."""
    return word if len(word) > 1 and word.isupper() else word.lower()


_TOKEN = r"\p{Lu}[\p{L}\p{M}]*(?:['’]\p{Lu}[\p{L}\p{M}]*|-\p{L}[\p{L}\p{M}]*)*"
_RUN_BODY = rf"{_TOKEN}(?:[ ]{_TOKEN})*"
# the commonest capitalised function words, skipped by the regex itself (the full stop list is
# applied in Python): a plain alternation costs little, a named list of all of them a lot
_COMMON = "The|I|It|He|But|We|In|A|They|This|There|However|And|If|That|She|As|On|For|At|When|After|His|Its|Their"
_RUN_START = rf"(?:\b(?<![\d'’.@/#&-])|(?<=\b\p{{Ll}}{{1,3}}-))(?!(?:{_COMMON})\b(?![-'’]))"


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    t, h, p, n = _load("titles.yml"), _load("honorifics.yml"), _load("name_particles.yml"), _load("not_names.yml")
    g = _load("given_names.yml")
    stop = [str(x) for x in n.get("stop", [])]
    titles: dict[str, TitleSpec] = {}
    for kind, key in (("role", "roles"), ("seat", "seats"), ("post", "posts"), ("office", "offices")):  # offices win
        for entry in t.get(key, []):
            forms = [f.strip() for f in str(entry).split("|") if f.strip()]
            spec = TitleSpec(forms[0].lower(), kind)
            for form in forms:
                words = [_norm(w) for w in form.split()]
                titles[" ".join(words)] = spec
                if len(words) == 2:
                    titles.setdefault("-".join(words), spec)  # "Rear-Admiral", "Vice-Chairman"
    status = {str(w): s for s, words in (t.get("modifiers") or {}).items() for w in words}
    return Lexicon(
        titles=titles,
        first_words=frozenset(k.split()[0] for k in titles),
        last_words=frozenset(k.split()[-1] for k in titles),
        longest=max(len(k.split()) for k in titles),
        ambiguous=frozenset(str(x).lower() for x in t.get("ambiguous", [])),
        status=status,
        shared_when_bare=frozenset(str(x).lower() for x in t.get("shared_when_bare", [])),
        compatible=frozenset(frozenset(str(x).lower() for x in pair) for pair in t.get("compatible", [])),
        surname_honorifics=frozenset(str(x) for x in h.get("surname", [])),
        given_honorifics=frozenset(str(x) for x in h.get("given", [])),
        feminine=frozenset(str(x) for x in h.get("feminine", [])),
        masculine=frozenset(str(x) for x in h.get("masculine", [])),
        particles=frozenset(str(x) for x in p.get("particles", [])),
        hyphen_prefixes=frozenset(str(x) for x in p.get("hyphen_prefixes", [])),
        family_first=frozenset(str(x) for x in p.get("family_name_first", [])),
        given_names=frozenset(str(x) for x in g.get("names", [])),
        stop=frozenset(stop),
        org_stop=frozenset(stop).difference(str(x) for x in n.get("in_org_names", [])),
        org=frozenset(str(x) for x in n.get("org", [])),
        places=frozenset(str(x) for x in n.get("places", [])),
        last_raw=frozenset(v for k in titles for w in [k.split()[-1]] for v in (w, w.capitalize(), w.upper())),
        run_re=regex.compile(_RUN_START + _RUN_BODY),
    )


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Title:
    """A title attached to one mention. ``status``: "" (current), past, acting or future."""

    start: int
    end: int
    text: str
    role: str
    kind: str  # office | seat | post | role
    status: str
    qualifier: str  # lower-cased words that say whose post it is ("us", "acme"), "" if bare
    placement: str  # pre | after | before | relative
    complement: str = ""  # "of the party" in "president of the party"


@dataclass(frozen=True)
class Age:
    start: int
    end: int
    value: int
    then: bool  # "the then 45-year-old": an age at another time


@dataclass
class Mention:
    """One naming of a person. ``start``/``end`` cover the name only (no honorific)."""

    start: int
    end: int
    text: str
    tokens: tuple[str, ...]
    kind: str  # full | honorific | surname
    scope: str
    honorific: str = ""
    titles: list[Title] = field(default_factory=list)
    age: Age | None = None
    evidence: str = ""  # why this run is a person: honorific, title, age, appositive, ...
    possessive: bool = False
    person: int = -1

    @property
    def surname(self) -> str:
        return surname_of(self.tokens) if self.kind == "full" else " ".join(self.tokens)


@dataclass
class Person:
    index: int
    name: str  # the first full name, or the first short form when none
    tokens: tuple[str, ...]
    mentions: list[Mention] = field(default_factory=list)
    gender: str = ""  # "f" or "m" when an honorific or a family word says so
    relative: bool = False  # introduced as someone's relative ("his wife Cherie Blair")

    @property
    def surname(self) -> str:
        return surname_of(self.tokens) if len(self.tokens) > 1 else self.tokens[0]

    @property
    def given(self) -> str:
        return given_of(self.tokens)


@dataclass(frozen=True)
class PersonTable:
    mentions: tuple[Mention, ...]
    persons: tuple[Person, ...]
    candidates: tuple[Mention, ...]  # name-like runs with weak evidence, for variant checks
    org_words: frozenset[str] = frozenset()  # words seen inside organisation names


# --------------------------------------------------------------------------- name shapes


def surname_of(tokens: tuple[str, ...]) -> str:
    """"von der Leyen", "bin Salman", "Blinken"; "Xi" for "Xi Jinping"."""
    lex = lexicon()
    if len(tokens) == 2 and tokens[0] in lex.family_first and _pinyin_like(tokens[1]):
        return tokens[0]
    for i in range(1, len(tokens) - 1):
        if tokens[i] in lex.particles:
            return " ".join(tokens[i:])
    return tokens[-1]


def given_of(tokens: tuple[str, ...]) -> str:
    sur = surname_of(tokens)
    if len(tokens) == 2 and sur == tokens[0]:
        return tokens[1]
    n = len(sur.split())
    return " ".join(tokens[: len(tokens) - n])


_PINYIN = regex.compile(r"^(?:(?:[bcdfghjklmnpqrstwxyz]|ch|sh|zh)?(?:[aeiouü]+)(?:ng|n|r)?)+$")


def _pinyin_like(word: str) -> bool:
    """"Jinping", "Keqiang", "Jong-un": the given part of a family-name-first name."""
    w = word.lower().replace("-", "")
    return bool(_PINYIN.match(w)) and len(w) <= 9


def short_forms(tokens: tuple[str, ...]) -> set[str]:
    """Forms a later short reference may use: "Zapatero", "Rodríguez Zapatero", "Xi", "Assad"."""
    sur = surname_of(tokens)
    out = {sur, tokens[-1]}
    if len(tokens) >= 3 and tokens[-2][:1].isupper() and not tokens[-2].endswith("."):
        out.add(" ".join(tokens[-2:]))
    if "-" in tokens[-1] and tokens[-1].split("-")[0].islower():
        out.add(tokens[-1].split("-", 1)[1])
    return out


@functools.lru_cache(maxsize=1 << 14)
def fold(text: str) -> str:
    """Accent- and case-insensitive key: "Rodríguez" and "Rodriguez" fold alike."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().replace("’", "'")


def within_one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one insertion, deletion, substitution or swap."""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    if la > lb:
        return a[i + 1 :] == b[i:]
    return a[i:] == b[i + 1 :]


def similar(a: str, b: str, min_len: int = 4) -> bool:
    """Spellings of one name: accents dropped, or one edit apart when long enough."""
    if a == b:
        return False
    fa, fb = fold(a), fold(b)
    if fa == fb or fa.replace("-", " ") == fb.replace("-", " "):
        return True
    return min(len(fa), len(fb)) >= min_len and within_one_edit(fa, fb)


# --------------------------------------------------------------------------- context patterns

_REPORT = r"(?:said|says|told|added|adds|argued|argues|insisted|insists|explained|warned|warns|stated|noted|announced|claimed|claims|believes|thinks|wrote|writes|asked|replied|commented|admitted|denied|suggested|confirmed|stressed|urged|urges|predicted|revealed|acknowledged|conceded|declared|described|also[ ]said|later[ ]said|has[ ]said|had[ ]said)"
_AFTER = regex.compile(
    rf"(?P<poss>['’]s?(?![\p{{L}}\p{{M}}]))?"
    rf"(?:(?P<age1>,[ ](?:aged[ ]|now[ ])?(?P<a1>\d{{1,3}})(?=[,;:)][ ]|[.][ ]|[.]?$|[ ](?:and|said|says|was|is|has|had|who|from|of|told|were)\b))"
    rf"|(?P<age2>[ ]\((?:aged[ ])?(?P<a2>\d{{1,3}})\)))?"
    rf"(?P<who>,[ ]who[ ](?P<rel>is|was|has[ ]been|had[ ]been|became|becomes|remains|serves[ ]as|served[ ]as|leads|led|heads|headed|runs|ran|chairs|chaired)[ ])?"
    rf"(?P<report>[ ]{_REPORT}\b)?"
)
_SAID = frozenset(["said", "says", "to", "told", "added", "asked"])  # "said John Smith", "according to"


def _prev_word(text: str, pos: int, lo: int) -> str:
    """The word ending just before the space at ``pos - 1``."""
    return text[_word_start(text, lo, pos - 1) : pos - 1]


def _word_start(text: str, lo: int, end: int) -> int:
    """Where the word ending at ``end`` starts: after the last space in ``text[lo:end]``, or at
    ``lo`` (never before it: a word opening the paragraph starts at the paragraph)."""
    return max(text.rfind(" ", lo, end), lo - 1) + 1
_AGE_ADJ = regex.compile(r"(?<![\w-])(?P<then>then[ -])?(?P<age>\d{1,3})-year-old[ ](?:[\p{Ll}-]+[ ]){0,4}?(?=\p{Lu})")
_KIN = regex.compile(r"\b(?:wife|husband|son|daughter|brother|sister|father|mother|dad|mum|mom|widow|widower|twin|cousin|uncle|aunt|nephew|niece|grandson|granddaughter|grandfather|grandmother|children|parents|family|siblings?|partner|fiancée?|girlfriend|boyfriend)\b", regex.I)
_DEMONYM = regex.compile(r"(?:an|ish|ese|i|ch|ic)$")  # Japanese, British, Iraqi: whose post it is
_LEAD = frozenset(["the", "a", "an", "its", "his", "her", "their", "our", "now", "also", "currently", "then", "once", "new", "top", "veteran", "senior", "long-serving", "newly-appointed", "outspoken"])
_PREPS = frozenset(["of", "for", "to", "at", "in", "on", "with"])
_END_PUNCT = ",;:.)!?\"”’'"


_LOWER_RUN = regex.compile(r"\p{Ll}{3}")


def _is_caps(text: str, start: int = 0, end: int | None = None) -> bool:
    """A block in capitals (a wire headline): its words say nothing about names."""
    end = len(text) if end is None else end
    return _LOWER_RUN.search(text, start, min(end, start + 400)) is None and sum(map(str.isupper, text[start : min(end, start + 60)])) >= 8


# --------------------------------------------------------------------------- titles


def _title_at_end(words: list[str], lex: Lexicon) -> int:
    """Number of trailing ``words`` that form a title (longest), 0 if none."""
    if not words or _norm(words[-1]) not in lex.last_words:
        return 0
    norm = [_norm(w) for w in words[-lex.longest :]]
    for k in range(len(norm), 0, -1):
        if " ".join(norm[-k:]) in lex.titles:
            return k
    return 0


def _title_at_start(words: list[str], lex: Lexicon) -> int:
    """Number of leading ``words`` that form a title (longest), 0 if none."""
    if not words or _norm(words[0]) not in lex.first_words:
        return 0
    for k in range(min(lex.longest, len(words)), 0, -1):
        if " ".join(_norm(w) for w in words[:k]) in lex.titles:
            return k
    return 0


def _split_prefix(word: str, lex: Lexicon) -> tuple[str, str]:
    """"then-Chancellor" -> ("then", "Chancellor"); other words -> ("", word)."""
    head, sep, rest = word.partition("-")
    if sep and rest and head.lower() in lex.status:
        return head.lower(), rest
    return "", word


def _make_title(
    words: list[tuple[int, int, str]], k: int, lex: Lexicon, placement: str, complement: str = ""
) -> Title | None:
    """A Title from the last ``k`` of ``words`` plus the modifiers and qualifiers before them."""
    tw = words[-k:]
    mod, first = _split_prefix(tw[0][2], lex)
    key_words = [first] + [w for _, _, w in tw[1:]]
    spec = lex.titles.get(" ".join(_norm(w) for w in key_words))
    if spec is None:
        return None
    start = tw[0][0] + (len(mod) + 1 if mod else 0)
    role, kind = spec.role, spec.kind
    status = lex.status.get(mod, "") if mod else ""
    qual: list[str] = []
    i = len(words) - k - 1
    while i >= 0 and len(words) - k - i <= 4:
        raw = words[i][2]
        w = raw.lower()
        st = lex.status.get(w)
        if st == "rank":
            ranked = lex.titles.get(f"{w} {_norm(first)}") or lex.titles.get(f"{w} {spec.role}")
            role = ranked.role if ranked else f"{w} {role}"
            kind = ranked.kind if ranked else "role"
            start = words[i][0]
        elif st:
            status = status or st
            start = words[i][0]
        elif (raw[:1].isupper() and (raw not in lex.stop or _DEMONYM.search(raw))) or w.endswith(("'s", "’s")) or w in ("its", "their"):
            qual.append(w.removesuffix("'s").removesuffix("’s").strip(".,"))
        else:
            break
        i -= 1
    if complement:
        qual += [w.lower() for w in complement.split() if w[:1].isupper()]
    text_end = tw[-1][1]
    shown = " ".join(w[max(0, start - ws) :] for ws, we, w in words if we > start)
    lead = {w.lower() for _, _, w in words[: len(words) - k]}
    if "also" in lead and not status:
        status = "also"  # "who is also oil minister": a second post, stated as such
    return Title(start, text_end, shown, role, kind, status, " ".join(reversed(qual)) if not complement else " ".join(qual), placement, complement)


def _words_before(text: str, pos: int, lo: int, n: int) -> list[tuple[int, int, str]]:
    """Up to ``n`` space-separated words ending at ``pos`` (exclusive), nearest last.

    Stops at a word ending in punctuation, so the words are one unbroken phrase.
    """
    out: list[tuple[int, int, str]] = []
    end = pos
    while len(out) < n and end > lo:
        i = text.rfind(" ", lo, end)
        start = i + 1 if i >= 0 else lo
        word = text[start:end]
        if not word or (word[-1] in _END_PUNCT and not (word[-1] == "." and word.count(".") > 1)):
            break
        out.append((start, end, word))
        if i < 0:
            break
        end = i
    out.reverse()
    return out


def _words_after(text: str, pos: int, hi: int, n: int) -> list[tuple[int, int, str]]:
    """Up to ``n`` words from ``pos``; the last one may end in punctuation (it is kept)."""
    out: list[tuple[int, int, str]] = []
    start = pos
    while len(out) < n and start < hi:
        i = text.find(" ", start, hi)
        end = i if i >= 0 else hi
        word = text[start:end]
        if not word:
            break
        out.append((start, end, word))
        if word[-1] in _END_PUNCT or i < 0:
            break
        start = i + 1
    return out


def _title_forward(text: str, pos: int, hi: int, lex: Lexicon, placement: str) -> list[Title]:
    """Titles in an appositive or relative clause at ``pos`` ("the chairman and chief executive of X,")."""
    first = _one_title_forward(text, pos, hi, lex, placement)
    if first is None:
        return []
    out = [first]
    if text.startswith(" and ", first.end):
        second = _one_title_forward(text, first.end + 5, hi, lex, placement)
        if second is not None:
            out.append(second)
    return out


def _one_title_forward(text: str, pos: int, hi: int, lex: Lexicon, placement: str) -> Title | None:
    words = _words_after(text, pos, hi, 16)
    for j in range(min(5, len(words))):
        plain = [w.rstrip(_END_PUNCT) for _, _, w in words[j:]]
        k = _title_at_start(plain, lex)
        if k:
            core = " ".join(plain[:k]).lower()
            if core in lex.ambiguous and j == 0 and not (len(plain) > k and plain[k].lower() in _PREPS):
                return None  # ", general ..." is no title; ", head of X" is
            last = words[j + k - 1][2]
            rest = plain[k:]
            complement = ""
            if last[-1] in _END_PUNCT:
                pass
            elif rest and rest[0].lower() in _PREPS and _said_at(rest) > 1:
                complement = " ".join(rest[1 : _said_at(rest)])  # "chief economist at X in Frankfurt said"
            elif rest and rest[0].lower() in _PREPS and words[-1][2][-1] in ",;.)":
                complement = " ".join(rest[1:])
            elif rest and rest[0] in ("and", "said", "says", "told", "who"):
                pass
            else:
                return None
            lead = [(s, e, w.rstrip(_END_PUNCT)) for s, e, w in words[: j + k]]
            lead[-1] = (lead[-1][0], lead[-1][0] + len(lead[-1][2]), lead[-1][2])
            return _make_title(lead, k, lex, placement, complement)
        w = words[j][2]
        if w[-1] in _END_PUNCT or not (w.lower() in _LEAD or w.lower() in lex.status or w[:1].isupper() or w.endswith(("'s", "’s"))):
            return None
    return None


_SAYS = frozenset(["said", "says", "told", "added"])


def _said_at(words: list[str]) -> int:
    """Index of the first reporting verb among ``words`` (a word may hold a line break), or -1."""
    for i, w in enumerate(words):
        if any(piece in _SAYS for piece in w.split()):
            return i
    return -1


def _title_backward(text: str, pos: int, lo: int, lex: Lexicon) -> Title | None:
    """A title in an appositive before a name: "China's ambassador to the US, Xie Feng"."""
    words = _words_before(text, pos, lo, 12)
    plain = [w for _, _, w in words]
    for j in range(len(plain) - 1, -1, -1):
        k = _title_at_end(plain[: j + 1], lex)
        if not k:
            continue
        rest = plain[j + 1 :]
        if rest and rest[0].lower() not in _PREPS:
            return None
        if plain[j - k + 1].lower() in lex.ambiguous and not (j - k >= 0 and plain[j - k].lower() in _LEAD):
            return None
        return _make_title(words[: j + 1], k, lex, "before", " ".join(rest[1:]))
    return None


# --------------------------------------------------------------------------- build


def build(analysis: object) -> PersonTable:
    """``ctx.analysis.memo("persons", build)``: the person table of ``analysis.doc``."""
    return build_table(analysis.doc)  # type: ignore[attr-defined]


def build_table(doc: Document) -> PersonTable:
    lex = lexicon()
    text = doc.text
    mentions: list[Mention] = []
    singles: list[tuple[int, int, str, str, int]] = []  # bare one-word runs, judged later
    org_words: set[str] = set()
    for block in doc.blocks:
        bs, be = block.start, block.end
        if _is_caps(text, bs, be):
            continue
        ages = {m.end(): m for m in _AGE_ADJ.finditer(text, bs, be)} if "year-old" in text[bs:be] else {}
        for seg in _segments(text, bs, be, lex, org_words):
            if _ENTITY.match(text, seg[-1][1]):
                continue  # "Pap&#233;": a name cut short by an entity the reader left encoded
            if len(seg) == 1 and not ages:
                s0 = seg[0][0]
                if s0 - 1 <= bs or text[s0 - 1] != " " or text[_word_start(text, bs, s0 - 1) : s0 - 1] not in lex.last_raw:
                    singles.append((s0, seg[0][1], seg[0][2], block.scope, be))  # a bare word: judged later
                    continue
            m = _mention(seg, block.scope, text, bs, be, lex, ages)
            if m is not None:
                mentions.append(m)
            elif len(seg) == 1:
                singles.append((seg[0][0], seg[0][1], seg[0][2], block.scope, be))
    table = _resolve(mentions, singles, text, lex)
    return PersonTable(table.mentions, table.persons, table.candidates, frozenset(org_words))


_ENTITY = regex.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,6}|[A-Za-z]{2,8});")


def _segments(text: str, bs: int, be: int, lex: Lexicon, org_words: set[str]) -> Iterable[list[tuple[int, int, str]]]:
    """Capitalised runs, joined across particles, initials and "Mr.", split at stop words.

    Words of organisation names ("Taft Broadcasting Co") end a segment and are noted in
    ``org_words``: a surname that also names a company is ambiguous.
    """
    stop, org, titles = lex.stop, lex.org, lex.titles
    seg: list[tuple[int, int, str]] = []
    prev_end = -10
    for m in lex.run_re.finditer(text, bs, be):
        s, e = m.span()
        run = m.group()
        if text[s - 1] == "-" and s - 4 >= bs:  # al-Assad
            head = text[_word_start(text, bs, s) : s - 1]
            if head in lex.hyphen_prefixes:
                s -= len(head) + 1
                run = text[s:e]
        if seg:
            if not _joins(text, prev_end, s, seg[-1][2], lex):
                yield seg
                seg = []
            else:
                pos = prev_end + 1
                for w in text[prev_end:s].split():
                    if w != ".":
                        seg.append((pos, pos + len(w), w))
                    pos += len(w) + 1
        prev_end = e
        if " " not in run and not seg:  # a lone word, the common case
            if run in stop or run in org or (len(run) > 1 and run.isupper() and run not in titles):
                if run in org:
                    org_words.add(run)
                continue
            seg = [(s, e, run)]
            continue
        pos = s
        for word in run.split(" "):
            tok = (pos, pos + len(word), word)
            pos += len(word) + 1
            if word in org:
                org_words.update([word, *(w for _, _, w in seg)])
                seg = []
            elif word in stop or (len(word) > 1 and word.isupper() and word not in titles):
                if seg:
                    yield seg
                seg = []
            else:
                seg.append(tok)
    if seg:
        yield seg


def _joins(text: str, end: int, start: int, last: str, lex: Lexicon) -> bool:
    """Whether the runs around ``text[end:start]`` are one name: "Mr. Blinken", "George W. Bush",
    "Ursula von der Leyen"."""
    gap = text[end:start]
    if gap == " ":
        return True  # "Bashar al-Assad": the run after a name particle
    if gap in (". ", "."):
        return len(last) == 1 or last in lex.surname_honorifics or last in lex.given_honorifics
    return 2 < len(gap) < 16 and gap[0] == " " and gap[-1] == " " and all(w in lex.particles for w in gap.split())


def _mention(
    seg: list[tuple[int, int, str]],
    scope: str,
    text: str,
    bs: int,
    be: int,
    lex: Lexicon,
    ages: dict[int, regex.Match],
) -> Mention | None:
    """Turn one capitalised segment into a mention, or None for a bare single word (judged later)."""
    titles: list[Title] = []
    evidence = ""
    seg_start = seg[0][0]
    # a title inside the run ("Chancellor Gordon Brown") or just before it ("chief executive X")
    before: list[tuple[int, int, str]] | None = None
    for i in range(len(seg) - 1, 0, -1):
        if _norm(seg[i - 1][2]) not in lex.last_words:
            continue
        if before is None:
            before = _words_before(text, seg_start - 1, bs, lex.longest) if seg_start > bs and text[seg_start - 1] == " " else []
        words = before + seg[:i]
        k = _title_at_end([w for _, _, w in words], lex)
        if k:
            t = _make_title(words, k, lex, "pre")
            if t is not None and not (len(words) > k and words[-k - 1][2] in ("a", "an")):
                titles.append(t)
                evidence = "title"
                seg = seg[i:]
            break
    if not titles and seg_start > bs + 1 and text[seg_start - 1] == " ":
        prev = text[_word_start(text, bs, seg_start - 1) : seg_start - 1]
        if _norm(_split_prefix(prev, lex)[1]) in lex.last_words:
            words = _words_before(text, seg_start - 1, bs, lex.longest + 4)
            k = _title_at_end([_split_prefix(w, lex)[1] if n == len(words) - 1 else w for n, (_, _, w) in enumerate(words)], lex)
            hypothetical = len(words) > k and words[-k - 1][2] in ("a", "an")  # "a prime minister X will make"
            if k and not hypothetical and not (prev.lower() in lex.ambiguous and prev.islower() and len(seg) < 2):
                t = _make_title(words, k, lex, "pre")
                if t is not None:
                    titles.append(t)
                    evidence = "title"
    honorific = ""
    seg = _from_honorific(seg, lex)
    first = seg[0][2].rstrip(".")
    if len(seg) > 1 and (first in lex.surname_honorifics or first in lex.given_honorifics):
        honorific = first
        seg = seg[1:]
        evidence = "honorific"
    elif len(seg) > 2 and f"{first} {seg[1][2]}" in lex.given_honorifics:
        honorific = f"{first} {seg[1][2]}"
        seg = seg[2:]
        evidence = "honorific"
    if seg[-1][2].endswith(".") or any(len(w) > 1 and w.isupper() for _, _, w in seg):
        return None
    if seg[0][2] in lex.particles and not honorific:
        return None
    words = tuple(w for _, _, w in seg)
    if len(words) == 1 and not honorific and not titles:
        key = seg[0][0]
        if key not in ages:
            return None  # a bare word: a surname only if a full name or "Mr X" says so
    start, end = seg[0][0], seg[-1][1]
    name = text[start:end]
    kind = "full" if len(words) >= 2 and words[0] not in lex.particles else "honorific" if honorific else "surname"
    if honorific in lex.given_honorifics and kind == "honorific":
        return None  # "Sir Alex", "Prince Charles": a given name, not a surname
    mention = Mention(start, end, name, words, kind, scope, honorific, titles, evidence=evidence)
    name_start = start - len(honorific) - 1 if honorific else start
    a = ages.get(name_start) or (ages.get(titles[0].start) if titles else None)
    if a is not None:
        mention.age = Age(a.start("age"), a.end("age"), int(a.group("age")), bool(a.group("then")))
        mention.evidence = mention.evidence or "age"
    _after(mention, text, be, lex)
    if not mention.titles and name_start >= bs + 2 and text[name_start - 2 : name_start] == ", " and text[end : end + 1] in (",", ".", ")"):
        t = _title_backward(text, name_start - 2, bs, lex)
        if t is not None:
            mention.titles.append(t)
            mention.evidence = mention.evidence or "appositive"
    if not mention.evidence and name_start > bs + 1 and text[name_start - 1] == " " and _prev_word(text, name_start, bs) in _SAID:
        mention.evidence = "reported"
    return mention


def _from_honorific(seg: list[tuple[int, int, str]], lex: Lexicon) -> list[tuple[int, int, str]]:
    """A name starts at its honorific: "Said Mr Fogg:" and "Asked Ms Hewitt" are "Mr Fogg" and
    "Ms Hewitt" (no name has an honorific inside it)."""
    for i in range(1, len(seg) - 1):
        word = seg[i][2].rstrip(".")
        if word in lex.surname_honorifics:
            return seg[i:]
    return seg


def _after(mention: Mention, text: str, be: int, lex: Lexicon) -> None:
    """Possessive, age, appositive title, relative clause and reporting verb after a name."""
    m = _AFTER.match(text, mention.end, be)
    if not m:
        return
    mention.possessive = bool(m.group("poss"))
    g = "a1" if m.group("a1") else "a2" if m.group("a2") else ""
    if g and 0 < int(m.group(g)) < 120:
        mention.age = Age(m.start(g), m.end(g), int(m.group(g)), False)
        mention.evidence = mention.evidence or "age"
    pos = m.end("age1") if m.group("age1") else m.end("age2") if m.group("age2") else mention.end
    if m.group("who"):
        current = m.group("rel") in ("is", "remains", "serves as", "leads", "heads", "runs", "chairs")
        for t in _title_forward(text, m.end("who"), be, lex, "relative"):
            if not current and not t.status:
                t = Title(t.start, t.end, t.text, t.role, t.kind, "past", t.qualifier, "relative", t.complement)
            mention.titles.append(t)
        mention.evidence = mention.evidence or "who"
    elif not mention.possessive and text.startswith(", ", pos):
        found = _title_forward(text, pos + 2, be, lex, "after")
        if found:
            mention.titles.extend(found)
            mention.evidence = mention.evidence or "appositive"
    if m.group("report") and not mention.evidence:
        mention.evidence = "reported"


def _resolve(
    mentions: list[Mention], singles: list[tuple[int, int, str, str, int]], text: str, lex: Lexicon
) -> PersonTable:
    """Decide which runs are people and link short references to full names."""
    confirmed = _confirmed_full_names(mentions, lex, text)
    persons = _people(confirmed, text, lex)
    forms_index: dict[str, list[Person]] = {}
    for p in persons:
        for f in short_forms(p.tokens):
            forms_index.setdefault(f, []).append(p)
    out: list[Mention] = list(confirmed)
    out.extend(_short_references(mentions, persons, forms_index, lex))
    linked, weak_singles = _single_words(singles, persons, forms_index, text, lex)
    out.extend(linked)
    out.sort(key=lambda m: m.start)
    for p in persons:
        p.mentions.sort(key=lambda m: m.start)
    candidates = tuple(sorted([m for m in mentions if m.person < 0] + weak_singles, key=lambda m: m.start))
    return PersonTable(tuple(out), tuple(persons), candidates)


def _confirmed_full_names(mentions: list[Mention], lex: Lexicon, text: str) -> list[Mention]:
    """Full names with evidence of being a person (a given name, an honorific'd surname …), in order."""
    hon_surnames = {m.text for m in mentions if m.kind != "full"}
    mr_surnames = {m.text for m in mentions if m.kind == "honorific"}
    used = Counter(m.text for m in mentions if m.kind == "full")
    full_forms: set[str] = set()
    confirmed: list[Mention] = []
    weak: list[Mention] = []
    for m in mentions:
        if m.kind != "full":
            continue
        forms = short_forms(m.tokens)
        first = m.tokens[0]
        given = first in lex.given_names or (len(first) == 2 and first.endswith(".")) or first in lex.family_first
        if m.evidence == "reported" and not given:
            m.evidence = ""
        if m.evidence or (given and len(m.tokens) <= 4) or _named_by_honorific(m, forms & mr_surnames, used, text):
            m.evidence = m.evidence or ("surname" if forms & hon_surnames else "given name")
            confirmed.append(m)
            full_forms |= forms
        else:
            weak.append(m)
    # weak full names that share a surname with a confirmed person are people too
    confirmed_names = {m.text for m in confirmed}
    for m in weak:
        if short_forms(m.tokens) & full_forms or m.text in confirmed_names:
            m.evidence = "surname"
            confirmed.append(m)
    confirmed.sort(key=lambda m: m.start)
    return confirmed


def _named_by_honorific(m: Mention, shared: set[str], used: Counter, text: str) -> bool:
    """"Marta Vell" with "Ms Vell" in the story is a person, unless the first word may just be a
    capitalised sentence opener ("Athough Reagan said", a slip for "Although") used once."""
    if not shared or len(m.tokens) > 3:
        return False
    return used[m.text] >= 2 or not _opens_sentence(text, m.start)


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 200) : start]
    head = before.rstrip()
    return not head or head[-1] in ".!?:;\"“”'‘’" or before.count("\n", len(head)) >= 2


def _people(confirmed: list[Mention], text: str, lex: Lexicon) -> list[Person]:
    """One Person per distinct full name (middle initials aside), with gender and kin."""
    persons: list[Person] = []
    by_name: dict[str, Person] = {}
    for m in confirmed:
        key = " ".join(t for t in m.tokens if len(t.rstrip(".")) > 1)  # "Ivan F. Boesky" is "Ivan Boesky"
        p = by_name.get(key)
        if p is None:
            p = Person(len(persons), m.text, m.tokens)
            persons.append(p)
            by_name[key] = p
        m.person = p.index
        p.mentions.append(m)
        if len(p.mentions) == 1:
            p.gender, p.relative = _kin(text, m.start)
        _set_gender(p, m, lex)
    return persons


def _set_gender(p: Person, m: Mention, lex: Lexicon) -> None:
    if m.honorific and not p.gender:
        p.gender = "f" if m.honorific in lex.feminine else "m" if m.honorific in lex.masculine else ""


def _short_references(
    mentions: list[Mention], persons: list[Person], forms_index: dict[str, list[Person]], lex: Lexicon
) -> list[Mention]:
    """Surnames and honorifics linked to a full name; unlinked ones with evidence become people."""
    out: list[Mention] = []
    hon_only: dict[str, Person] = {}
    for m in mentions:
        if m.kind == "full":
            continue
        candidates = forms_index.get(m.text)
        if not candidates:
            if m.kind == "honorific" or (m.kind == "surname" and m.evidence in ("title", "age")):
                p = hon_only.get(m.text)
                if p is None:
                    p = Person(len(persons), m.text, m.tokens)
                    persons.append(p)
                    hon_only[m.text] = p
                m.person = p.index
                p.mentions.append(m)
                _set_gender(p, m, lex)
                out.append(m)
            continue
        p = _nearest(candidates, m, lex)
        m.person = p.index
        p.mentions.append(m)
        out.append(m)
    return out


def _single_words(
    singles: list[tuple[int, int, str, str, int]],
    persons: list[Person],
    forms_index: dict[str, list[Person]],
    text: str,
    lex: Lexicon,
) -> tuple[list[Mention], list[Mention]]:
    """Bare one-word runs: (surnames of a known person, candidates one edit from a known form)."""
    for p in persons:
        for f in (short_forms(p.tokens) if len(p.tokens) > 1 else {p.tokens[0]}):
            forms_index.setdefault(f, [])
            if p not in forms_index[f]:
                forms_index[f].append(p)
    by_shape: dict[tuple[str, int], list[str]] = {}
    for f in forms_index:
        ff = fold(f)
        by_shape.setdefault((ff[:1], len(ff)), []).append(ff)
    linked: list[Mention] = []
    weak_singles: list[Mention] = []
    for start, end, word, scope, be in singles:
        known = forms_index.get(word)
        if known:
            m = Mention(start, end, word, (word,), "surname", scope, evidence="surname")
            _after(m, text, be, lex)
            p = _nearest(known, m, lex)
            m.person = p.index
            p.mentions.append(m)
            linked.append(m)
            continue
        if len(word) < 4:
            continue
        fw = fold(word)
        n = len(fw)
        if any(f == fw or within_one_edit(fw, f) for k in (n - 1, n, n + 1) for f in by_shape.get((fw[:1], k), ())):
            m = Mention(start, end, word, (word,), "surname", scope)
            _after(m, text, be, lex)
            weak_singles.append(m)
    return linked, weak_singles


def _nearest(candidates: list[Person], m: Mention, lex: Lexicon) -> Person:
    """The person a short reference means: the last one introduced before it, else the first after."""
    if len(candidates) == 1:
        return candidates[0]
    fem = m.honorific in lex.feminine
    masc = m.honorific in lex.masculine

    def fits(p: Person) -> bool:
        if fem and p.gender == "m":
            return False
        return not (masc and p.gender == "f")

    pool = [p for p in candidates if fits(p)] or candidates
    if m.titles and len(pool) > 1:  # "Treasury Secretary Baker" is the Baker with that title
        roles = {t.role for t in m.titles}
        pool = [p for p in pool if roles & {t.role for x in p.mentions for t in x.titles}] or pool
    if (fem or masc) and len(pool) > 1:
        pool = [p for p in pool if p.gender == ("f" if fem else "m")] or pool
    if len(pool) > 1:
        pool = [p for p in pool if not p.relative] or pool
    def last_full_before(p: Person) -> int:
        starts = [x.start for x in p.mentions[:8] if x.kind == "full" and x.start < m.start]
        return max(starts) if starts else -1

    before = [(last_full_before(p), p.index, p) for p in pool]
    best = max(before, key=lambda x: (x[0], x[1]))
    if best[0] >= 0:
        return best[2]
    return min(pool, key=lambda p: p.mentions[0].start if p.mentions else 1 << 60)


_KIN_F = frozenset(["wife", "widow", "daughter", "sister", "mother", "mum", "mom", "aunt", "niece", "granddaughter", "grandmother", "fiancée", "girlfriend"])
_KIN_M = frozenset(["husband", "widower", "son", "brother", "father", "dad", "uncle", "nephew", "grandson", "grandfather", "fiancé", "boyfriend"])
_KIN_BEFORE = regex.compile(r"\b(?:his|her|their|whose)[ ](?:(?:late|former|ex-|estranged|elder|younger|eldest|youngest|twin|new)[ ])?(?P<w>\w+)[ ,]+$", regex.I)


def _kin(text: str, start: int) -> tuple[str, bool]:
    """(gender, is-relative) from "his wife" / "her son" just before a first mention."""
    m = _KIN_BEFORE.search(text, max(0, start - 40), start)
    if not m:
        return "", False
    w = m.group("w").lower()
    return ("f" if w in _KIN_F else "m" if w in _KIN_M else ""), bool(_KIN.fullmatch(w))


def kin_near(text: str, start: int, window: int = 80) -> bool:
    """A family word just before a mention ("his wife Cherie Blair"): relatives share surnames."""
    return bool(_KIN.search(text, max(0, start - window), start))
