"""people: check an article's people against themselves, from the shared person table.

``find`` picks the consistency question:

* ``variant`` — one person's name spelled two ways (flag the minority spelling);
* ``org-variant`` — a name written fused, hyphenated and spaced ("TimeWarner"/"Time Warner");
* ``title-conflict`` — one person given two offices, or one office given to two people;
* ``first-reference`` — a surname used before the full name, or a full name introduced twice;
* ``age`` — one person given two ages.

Hits fill ``{other}`` (the other spelling, title or age), ``{lines}`` ("line 3", "lines 3
and 9": where the other one is), ``{name}`` (the person) and ``{kind}`` (what differs).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

import regex

from ..document import BODY_SCOPES, LineIndex
from ..language.persons import (
    _DEMONYM,
    Mention,
    Person,
    PersonTable,
    _is_caps,
    build,
    fold,
    given_of,
    lexicon,
    similar,
    surname_of,
    within_one_edit,
)
from ..model import Edit, Hit
from . import Context
from ._orgnames import phrases, slips

PARAMS = frozenset({"other", "lines", "name", "kind"})


def FIX(options: Options) -> str | None:
    """Name variants offer the majority spelling, which needs an editor's eye: unsafe."""
    return "unsafe" if options.find in ("variant", "org-variant") else None


@dataclass(frozen=True)
class Options:
    find: Literal["variant", "org-variant", "title-conflict", "first-reference", "age"]
    #: Shortest name (in letters) compared by edit distance; shorter names only by accents.
    min_length: int = 4

    def problems(self) -> list[tuple[str, str]]:
        if self.min_length < 2:
            return [("min_length", "'min_length' must be at least 2")]
        return []


def check(options: Options, ctx: Context) -> Iterator[Hit]:
    table: PersonTable = ctx.analysis.memo("persons", build)
    finder = {
        "variant": _variants,
        "org-variant": _org_variants,
        "title-conflict": _title_conflicts,
        "first-reference": _first_references,
        "age": _ages,
    }[options.find]
    in_scope = {(b.start, b.end) for b in ctx.blocks}
    starts = sorted(in_scope)
    for hit in finder(table, ctx, options):
        if _inside(starts, hit.start):
            yield hit


def _inside(blocks: list[tuple[int, int]], offset: int) -> bool:
    import bisect

    i = bisect.bisect_right(blocks, (offset, 1 << 62)) - 1
    return i >= 0 and blocks[i][0] <= offset < blocks[i][1]


# --------------------------------------------------------------------------- helpers


def _line(ctx: Context, offset: int) -> int:
    lines: LineIndex = ctx.analysis.memo("source-lines", lambda a: LineIndex.of(a.doc.source))
    return lines.position(ctx.doc.source_map.to_source_start(offset))[0]


def _lines(ctx: Context, offsets: Iterable[int]) -> str:
    nums = sorted({_line(ctx, o) for o in offsets})
    if len(nums) == 1:
        return f"line {nums[0]}"
    return "lines " + ", ".join(map(str, nums[:-1])) + f" and {nums[-1]}"


def _surname_span(m: Mention) -> tuple[int, int, str]:
    if m.kind != "full":
        return m.start, m.end, m.text
    sur = surname_of(m.tokens)
    return m.end - len(sur), m.end, sur


def _clusters(table: PersonTable) -> dict[int, int]:
    """Person index -> cluster root, joining persons whose full names are variants."""
    root = {p.index: p.index for p in table.persons}

    def find(i: int) -> int:
        while root[i] != i:
            i = root[i]
        return i

    for a, b, _ in _full_pairs(table.persons, table):
        root[find(b.index)] = find(a.index)
    return {i: find(i) for i in root}


def _differing(a: tuple[str, ...], b: tuple[str, ...]) -> list[tuple[int, str, str]]:
    ta = [t for t in a if not _initial(t)]
    tb = [t for t in b if not _initial(t)]
    if len(ta) != len(tb):
        return [(-1, " ".join(a), " ".join(b))]
    return [(i, x, y) for i, (x, y) in enumerate(zip(ta, tb, strict=False)) if x != y]


def _initial(token: str) -> bool:
    return len(token.rstrip(".")) == 1


def _gender_pair(a: str, b: str) -> bool:
    """Paul/Paula, Louis/Louise, Daniel/Daniela: relatives, not a misspelling."""
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short) and len(long_) - len(short) <= 2 and long_[len(short) :] in ("a", "e", "ne", "na")


def _full_pairs(persons: Iterable[Person], table: PersonTable) -> Iterator[tuple[Person, Person, int]]:
    """Pairs of full-named persons whose names differ only in spelling."""
    full = {p.name: p for p in persons if len(p.tokens) > 1 and any(m.kind == "full" for m in p.mentions)}
    for x, y in _close_pairs({n: fold(n) for n in full}):
        a, b = sorted((full[x], full[y]), key=lambda p: p.index)
        if a.relative or b.relative or (a.gender and b.gender and a.gender != b.gender):
            continue
        if _respelt(a.tokens, b.tokens, 4):
            yield a, b, 0


def _respelt(a: tuple[str, ...], b: tuple[str, ...], min_len: int) -> bool:
    """Two full names of one person spelled differently (not two relatives, not a plural)."""
    ia = [t.rstrip(".") for t in a if _initial(t)]
    ib = [t.rstrip(".") for t in b if _initial(t)]
    if ia and ib and ia != ib:
        return False  # "M Horan" and "S Horgan": initials say two people
    if fold(" ".join(a)).replace("-", " ") == fold(" ".join(b)).replace("-", " "):
        return a != b and not _particle_case(a, b)
    diff = _differing(a, b)
    if len(diff) != 1 or diff[0][0] < 0:
        return False
    _, x, y = diff[0]
    if _plural_or_adjective(x, y) or _particle_case((x,), (y,)):
        return False
    if surname_of(a) == surname_of(b) and _gender_pair(x, y):
        return False  # Paul and Paula Smith
    if (x, y) == (surname_of(a), surname_of(b)) and given_of(a) == given_of(b) and len(given_of(a)) >= 4:
        min_len = min(min_len, 3)  # "Marta Vell" / "Marta Vel": the same given name vouches for a short surname
    return similar(x, y, min_len)


def _particle_case(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """"de Marigny" / "De Marigny": a particle capitalised at a sentence start."""
    lex = lexicon()
    return len(a) == len(b) and all(x == y or (x.lower() == y.lower() and x.lower() in lex.particles) for x, y in zip(a, b, strict=False))


# --------------------------------------------------------------------------- names.variant


def _variants(table: PersonTable, ctx: Context, options: Options) -> Iterator[Hit]:
    # 1. full names: "Antony Blinken" / "Anthony Blinken"
    weak_full = [m for m in table.candidates if m.kind == "full"]
    flagged: set[int] = set()
    for a, b, _ in _full_pairs(table.persons, table):
        ma = [m for m in a.mentions if m.kind == "full"]
        mb = [m for m in b.mentions if m.kind == "full"]
        # the spelling the article uses most counts every mention ("Manuel Millan" and eight
        # "Millan" outweigh one "Manuel Mollan"), but only full names are flagged
        yield from _minority(ctx, ma, mb, a.name, b.name, flagged, full=True, counts=(len(a.mentions), len(b.mentions)))
    # weak full names one edit from a known person ("… and Anthony Blinken met")
    full_people = {p.name: p for p in table.persons if len(p.tokens) > 1}
    weak_names = {w.text: w for w in weak_full}
    close = {}
    for x, y in _close_pairs({**{n: fold(n) for n in full_people}, **{n: fold(n) for n in weak_names}}):
        for weak, known in ((x, y), (y, x)):
            if weak in weak_names and known in full_people:
                close.setdefault(weak, []).append(full_people[known])
    for w in weak_full:
        for p in close.get(w.text, ()):
            if _respelt(w.tokens, p.tokens, max(options.min_length, 5)):
                ma = [m for m in p.mentions if m.kind == "full"]
                if ma and w.start not in flagged:
                    flagged.add(w.start)
                    yield _hit(ctx, w.start, w.end, w.text, p.name, ma)
                break
    # 2. surname forms: "Ms Hewitt" / "Ms Hewit", "Zelenskyy" / "Zelensky"
    yield from _surname_variants(table, ctx, options, flagged)
    # one name after a royal or noble honorific: "Prince Abdullah" twice, "Prince Abdollah" once
    yield from _honorific_given_variants(ctx, options, flagged)
    # 3. headline and caption names one edit from a person in the body
    display = [m for m in table.candidates if m.scope in ("headline", "deck", "caption") and m.start not in flagged]
    if not display:
        return
    body_text = " ".join(ctx.doc.text[b.start : b.end] for b in ctx.doc.blocks if b.scope in BODY_SCOPES)
    body_words = set(regex.findall(r"[\p{L}\p{M}'’-]+", body_text))
    known = {_surname_span(m)[2] for m in table.mentions} | {t for m in table.mentions for t in m.tokens}
    for m in display:
        for tok in m.tokens:
            if tok in known or tok in body_words or len(tok) < 5:
                continue
            hits = [p for p in table.persons if len(p.tokens) > 1 and similar(tok, p.surname, 5)]
            if len(hits) == 1:
                p = hits[0]
                off = m.start + m.text.index(tok)
                flagged.add(m.start)
                yield _hit(ctx, off, off + len(tok), tok, p.surname, [x for x in p.mentions if x.scope in BODY_SCOPES] or p.mentions)


def _surname_variants(table: PersonTable, ctx: Context, options: Options, flagged: set[int]) -> Iterator[Hit]:
    """Surname forms one edit apart, the less used one flagged: "Ms Hewitt" / "Ms Hewit"."""
    lex = lexicon()
    forms: dict[str, list[Mention]] = {}
    full_by_surname: dict[str, list[Person]] = {}
    for p in table.persons:
        if len(p.tokens) > 1:
            full_by_surname.setdefault(p.surname, []).append(p)
    for m in table.mentions:
        forms.setdefault(_surname_span(m)[2], []).append(m)
    # bare words one edit from a known surname: with a person's context ("Hewit said"), or long
    # enough that a chance likeness is unlikely ("Grenspan"), or a word no dictionary knows
    # used once beside a well-established person ("The Beker plan" among five "Baker")
    text = ctx.doc.text
    loose: dict[str, list[Mention]] = {}
    stray: set[str] = set()
    for m in table.candidates:
        if m.kind == "full" or m.scope not in BODY_SCOPES:
            continue
        if m.evidence or m.possessive or _lone_word(text, m):
            loose.setdefault(m.text, []).append(m)
        elif _stray(m, ctx) and not _in_list(text, m):
            loose.setdefault(m.text, []).append(m)
            stray.add(m.text)
    all_forms = {f: fold(f) for f in [*forms, *loose]}
    for a, b in sorted(_close_pairs(all_forms)):
        if a not in forms and b not in forms:
            continue  # two loose words: neither is a known person
        if not similar(a, b, options.min_length):
            continue
        if full_by_surname.get(a) and full_by_surname.get(b):
            continue  # two full names: step 1 decided whether they are one person
        ma, mb = forms.get(a, []) + loose.get(a, []), forms.get(b, []) + loose.get(b, [])
        if (len(mb), -min(x.start for x in mb)) > (len(ma), -min(x.start for x in ma)):
            ma, mb, a, b = mb, ma, b, a
        if b in stray and (len(ma) < 3 or not any(x.person >= 0 for x in ma)):
            continue  # a stray word needs a person the article names again and again
        if _kept_apart(ma, mb, a, b, table, lex):
            continue
        yield from _minority(ctx, ma, mb, a, b, flagged, full=False)


def _honorific_given_variants(ctx: Context, options: Options, flagged: set[int]) -> Iterator[Hit]:
    """"Prince Abdollah" once beside "Prince Abdullah" twice: a name after one given-name
    honorific (Prince, Sheikh, King, Sir), spelled another way once. The odd form must be no
    English word and used nowhere else; the other must follow the same honorific too."""
    from .fused import unigrams  # the shared English lexicon, loaded once

    text, counts = ctx.doc.text, ctx.analysis.word_counts
    by: dict[tuple[str, str], list[int]] = {}
    for b in ctx.doc.blocks:
        if b.scope in BODY_SCOPES and not _is_caps(text, b.start, b.end):
            for m in _GIVEN_TITLED.finditer(text, b.start, b.end, overlapped=True):
                if m.group(1) in lexicon().given_honorifics:
                    by.setdefault((m.group(1), m.group(2)), []).append(m.start(2))
    for (hon, once), at in by.items():
        low = once.lower()
        if len(at) != 1 or counts.get(low, 0) != 1 or low in unigrams() or at[0] in flagged:
            continue
        for (hon2, major), at2 in by.items():
            if hon2 == hon and major != once and counts.get(major.lower(), 0) >= 2 and similar(once, major, max(options.min_length, 5)):
                flagged.add(at[0])
                yield Hit(at[0], at[0] + len(once), {"other": major, "lines": _lines(ctx, at2), "name": major, "kind": "spelling"}, edits=_respell(ctx, at[0], at[0] + len(once), major))
                break


_GIVEN_TITLED = regex.compile(r"(?<![\p{L}\p{M}])(\p{Lu}\p{Ll}+)[ ](\p{Lu}\p{Ll}[\p{L}\p{M}]+)(?![\p{L}\p{M}'’-])")


def _stray(m: Mention, ctx: Context) -> bool:
    """A capitalised word with no context of its own that no English dictionary knows and the
    article uses once: a slip rather than another name, when it is one edit from a surname."""
    from .fused import unigrams  # the shared English lexicon, loaded once

    low = m.text.lower()
    return len(low) >= 5 and low.isalpha() and ctx.analysis.word_counts.get(low, 0) == 1 and low not in unigrams()


def _kept_apart(ma: list[Mention], mb: list[Mention], a: str, b: str, table: PersonTable, lex) -> bool:
    """Whether the majority form ``a`` and the minority ``b`` name two people (or no person)."""
    ga, gb = _genders(ma, lex), _genders(mb, lex)
    if ga and gb and not ga & gb:
        return True
    if _plural_or_adjective(a, b) or b in table.org_words:
        return True
    if a in table.org_words and not any(x.kind == "full" for x in ma):
        return True  # a company ("Taft Broadcasting"); "Robert Salomon" of Salomon Inc is a person too
    if len(ma) >= 2 and len(mb) >= 2:
        return True  # two established names: two people (Regan and Reagan), not a slip
    if (a in lex.places and not _as_person(ma)) or (b in lex.places and not _as_person(mb)) or (a.lower() == b.lower() and a[1:] == b[1:]):
        return True  # a country ("Brazil", "Carlos Brasil"), not "Mr Houston"; "al-" capitalised at a sentence start
    ra, rb = _offices(ma), _offices(mb)
    if ra and rb and not ra & rb:
        return True  # each has its own office: two people
    if not any(x.person >= 0 for x in ma) and not any(x.kind == "full" and x.evidence in _PERSON_EVIDENCE for x in mb):
        return True  # the majority spelling is no known person ("Brazil" vs "Ford Brasil")
    if _slipped_introduction(ma, mb):
        return False  # "spokesman Paul Smerincki said" … then "Mr Smernicki" three times
    if _introduced_apart(ma, mb):
        return True  # "President Reagan" … later "Donald Regan": each introduced in their own way
    return all(x.titles and x.evidence == "title" for x in mb) and not (_roles(mb) & _roles(ma))  # "President Reagan"


#: What makes a full name a person of its own ("said Robert Merphy" has a given name and a verb).
_PERSON_EVIDENCE = frozenset(["title", "given name", "honorific", "appositive", "reported", "age", "who"])


def _as_person(ms: list[Mention]) -> bool:
    """A place's name used as a surname: with an honorific, or in every use a full name."""
    return any(x.honorific in lexicon().surname_honorifics for x in ms if x.honorific) or (bool(ms) and all(x.kind == "full" for x in ms))


def _slipped_introduction(ma: list[Mention], mb: list[Mention]) -> bool:
    """The minority spelling is the person's introduction, a full name before every majority
    form, and the majority only short references back to it ("spokesman Paul Smerincki said"
    … "Mr Smernicki" three times): nothing else introduces the short form, so one is a slip."""
    if any(x.kind == "full" for x in ma):
        return False
    body = [x.start for x in ma if x.scope in BODY_SCOPES]  # a headline may use the surname first
    first = min(body) if body else -1
    return any(x.kind == "full" and x.scope in BODY_SCOPES and x.start < first for x in mb)


def _offices(ms: list[Mention]) -> set[str]:
    """Offices and posts only: roles ("spokesman", "boss", "director") are shared by many."""
    return {t.role for m in ms for t in m.titles if t.kind in ("office", "post")}


_NOT_AFTER = frozenset(["in", "to", "from", "of", "at", "for", "by", "with", "and", "or", "across", "across"])


def _introduced_apart(ma: list[Mention], mb: list[Mention]) -> bool:
    """Two people: the majority form is established by a title or honorific and never given a
    full name, and the other form is introduced later by a full name of its own ("President
    Reagan" … "former chief of staff Donald Regan"). A slip repeats an introduction already
    made; it does not introduce a name with its own given name after the person is known."""
    if any(x.kind == "full" for x in ma):
        return False
    established = [x.start for x in ma if x.evidence in ("title", "honorific")]
    introduced = [x.start for x in mb if x.kind == "full"]
    return bool(established and introduced) and min(established) < min(introduced)


def _listed(text: str, m: Mention) -> bool:
    """A word in a comma list ("Sheahan, Horan, O'Callaghan"): a team sheet names many people."""
    return text[m.end : m.end + 1] in (",", "-") or text[m.start - 2 : m.start] in (", ", ": ")


_NEXT_IN_LIST = regex.compile(r",[ ]\p{Lu}")


def _in_list(text: str, m: Mention) -> bool:
    """A name between commas of a list ("Sheahan, Horan, O'Callaghan"), not one before an
    appositive ("Dumos, a close aide")."""
    return text[m.start - 2 : m.start] in (", ", ": ", "; ") or _NEXT_IN_LIST.match(text, m.end) is not None


def _lone_word(text: str, m: Mention) -> bool:
    """A long capitalised word standing alone mid-sentence, not a place after "in", not in a list
    ("Malone, Harty"), not the tail of a longer name ("American Beauty")."""
    if len(m.text) < 6 or _listed(text, m):
        return False
    prev = text[text.rfind(" ", 0, m.start - 1) + 1 : m.start - 1]
    return bool(prev) and prev.islower() and prev not in _NOT_AFTER


def _roles(ms: list[Mention]) -> set[str]:
    return {t.role for m in ms for t in m.titles}


def _genders(ms: list[Mention], lex) -> set[str]:
    out = set()
    for m in ms:
        if m.honorific in lex.feminine:
            out.add("f")
        elif m.honorific in lex.masculine:
            out.add("m")
    return out


def _plural_or_adjective(a: str, b: str) -> bool:
    """Germany/German, Kenya/Kenyan, Smith/Smiths, Rooneys: related words, not misspellings."""
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short) and long_[len(short) :] in ("s", "n", "an", "'s", "’s", "i", "'", "’", "es")


def _minority(
    ctx: Context, ma: list[Mention], mb: list[Mention], a: str, b: str, flagged: set[int], *, full: bool, counts: tuple[int, int] | None = None
) -> Iterator[Hit]:
    """Flag each mention of the less used spelling, naming the other. On a tie a full name
    keeps its first spelling (the introduction); a surname is flagged at both places.
    ``counts`` weighs the two spellings when more than ``ma`` and ``mb`` speak for them."""
    if not ma or not mb:
        return
    na, nb = counts or (len(ma), len(mb))
    a_first, b_first = min(m.start for m in ma), min(m.start for m in mb)
    if (nb, -b_first) > (na, -a_first):
        ma, mb, a, b, na, nb = mb, ma, b, a, nb, na
    tie = na == nb
    if tie and not full:  # no majority to trust: each place names the other
        yield from _flag(ctx, ma, mb, b, flagged, full, fixable=False)
    yield from _flag(ctx, mb, ma, a, flagged, full, fixable=not tie)


def _flag(ctx: Context, mb: list[Mention], ma: list[Mention], a: str, flagged: set[int], full: bool, *, fixable: bool) -> Iterator[Hit]:
    """Hits on the minority mentions ``mb``; with ``fixable`` each offers the majority form ``a``."""
    lines = _lines(ctx, [m.start for m in ma])
    for m in mb:
        if m.start in flagged:
            continue
        flagged.add(m.start)
        s, e, _t = (m.start, m.end, m.text) if full else _surname_span(m)
        yield Hit(s, e, {"other": a, "lines": lines, "name": a, "kind": "spelling"}, edits=_respell(ctx, s, e, a) if fixable else ())


def _respell(ctx: Context, start: int, end: int, form: str) -> tuple[Edit, ...]:
    """Replace a name with its majority form when both are one name of the same shape."""
    old = ctx.doc.text[start:end]
    if old == form or len(old.split()) != len(form.split()) or form.strip() != form:
        return ()
    return (Edit(start, end - start, form),)


def _hit(ctx: Context, start: int, end: int, text: str, other: str, others: list[Mention]) -> Hit:
    lines = _lines(ctx, [m.start for m in others])
    return Hit(start, end, {"other": other, "lines": lines, "name": other, "kind": "spelling"})


def _close_pairs(keys: dict[str, str]) -> Iterator[tuple[str, str]]:
    """Pairs of ``keys`` whose folded values are at most one edit apart, found through
    shared single-deletion keys (linear in the number of names, not quadratic)."""
    if len(keys) <= 40:  # few names: compare each pair directly
        items = sorted(keys.items(), key=lambda kv: len(kv[1]))
        for i, (a, fa) in enumerate(items):
            for b, fb in items[i + 1 :]:
                if len(fb) - len(fa) > 1:
                    break
                if fa == fb or within_one_edit(fa.replace("-", " "), fb.replace("-", " ")):
                    yield (a, b) if a < b else (b, a)
        return
    buckets: dict[str, list[str]] = {}
    for name, folded in keys.items():
        f = folded.replace("-", " ")
        for k in {f, *(f[:i] + f[i + 1 :] for i in range(len(f)))}:
            buckets.setdefault(k, []).append(name)
    seen: set[tuple[str, str]] = set()
    for names in buckets.values():
        if len(names) < 2 or len(names) > 50:
            continue
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                pair = (a, b) if a < b else (b, a)
                if a != b and pair not in seen:
                    seen.add(pair)
                    yield pair


# --------------------------------------------------------------------------- names.org-variant

_FUSED = regex.compile(r"(?<![\p{L}\p{M}'’-])\p{Lu}\p{Ll}+(?:-?\p{Lu}\p{Ll}+)+(?![\p{L}\p{M}-])")


def _org_variants(table: PersonTable, ctx: Context, options: Options) -> Iterator[Hit]:
    text = ctx.doc.text
    caps = [(b.start, b.end) for b in ctx.doc.blocks if _is_caps(text[b.start : b.end])]
    people = sorted((m.start, m.end) for m in table.mentions)
    yield from _spaced_variants(text, caps, people, ctx)
    yield from _misspelt_names(text, people, ctx)


def _misspelt_names(text: str, people: list[tuple[int, int]], ctx: Context) -> Iterator[Hit]:
    """A multi-word name misspelt once ("Westmre Harbour Board" among three "Westmere ...")."""
    lex = lexicon()
    found: dict[tuple[str, ...], list[int]] = {}
    for b in ctx.doc.blocks:
        if _is_caps(text, b.start, b.end):
            continue
        for words, s, e in phrases(text, b.start, b.end, lex.org_stop):
            if not _within(people, s) and not _within(people, e - 1):
                found.setdefault(words, []).append(s)
    for slip in slips(found, ctx.analysis.word_counts, lex.places):
        yield Hit(
            slip.start,
            slip.end,
            {"other": slip.other, "lines": _lines(ctx, slip.other_at), "name": slip.other, "kind": "spelling"},
            edits=(Edit(slip.start, slip.end - slip.start, slip.other),),
        )


def _spaced_variants(text: str, caps: list[tuple[int, int]], people: list[tuple[int, int]], ctx: Context) -> Iterator[Hit]:
    """A name written fused, hyphenated and spaced ("TimeWarner"/"Time Warner")."""
    fused = {m.group() for m in _FUSED.finditer(text)}
    if not fused:
        return
    forms: dict[str, dict[str, list[int]]] = {}
    for token in fused:
        parts = _PARTS.findall(token)
        key = "".join(parts).lower()
        if key in forms:
            continue
        by_form: dict[str, list[int]] = {}
        for sep in ("", " ", "-"):
            form = sep.join(parts)
            at = [i for i in _find_all(text, form) if not _within(caps, i) and not _within(people, i)]
            if at:
                by_form[form] = at
        forms[key] = by_form
    for by_form in forms.values():
        if len(by_form) < 2:
            continue
        ranked = sorted(by_form.items(), key=lambda kv: (-len(kv[1]), kv[1][0]))
        major, major_at = ranked[0]
        lines = _lines(ctx, major_at)
        for form, at in ranked[1:]:
            for i in at:
                yield Hit(i, i + len(form), {"other": major, "lines": lines, "name": major, "kind": "spelling"}, edits=(Edit(i, len(form), major),))


_PARTS = regex.compile(r"\p{Lu}\p{Ll}+")


def _find_all(text: str, word: str) -> Iterator[int]:
    """Offsets of ``word`` standing alone (not inside a longer word or hyphenated name)."""
    i = text.find(word)
    n = len(word)
    while i >= 0:
        before = text[i - 1] if i else " "
        after = text[i + n] if i + n < len(text) else " "
        if not (before.isalpha() or before in "'’-") and not (after.isalpha() or after == "-"):
            yield i
        i = text.find(word, i + 1)


def _within(spans: list[tuple[int, int]], offset: int) -> bool:
    import bisect

    k = bisect.bisect_right(spans, (offset, 1 << 62)) - 1
    return k >= 0 and spans[k][0] <= offset < spans[k][1]


# --------------------------------------------------------------------------- names.title-conflict

_SUCCESSION = regex.compile(
    r"\b(?:succe(?:ed|eds|eded|eding|ssor|ssion)|predecessor|replac(?:e|es|ed|ing)|took[ ]over|take[ ]over|"
    r"taking[ ]over|resign(?:s|ed|ing|ation)?|step(?:s|ped)?[ ]down|stood[ ]down|standing[ ]down|quit|"
    r"sacked|ousted|reshuffle|appointed|appointment|named[ ]as|promoted|became|become|elected|"
    r"hand(?:ed|s)?[ ]over|handover|outgoing|incoming|former|then)\b",
    regex.I,
)
_QUAL_ALIASES = {"britain": "uk", "british": "uk", "u.k.": "uk", "united kingdom": "uk", "us": "us", "u.s.": "us", "american": "us", "america": "us", "united states": "us"}


def _qual(q: str) -> str:
    return _QUAL_ALIASES.get(q, q)


def _title_conflicts(table: PersonTable, ctx: Context, options: Options) -> Iterator[Hit]:
    lex = lexicon()
    cluster = _clusters(table)
    names = {p.index: p.name for p in table.persons}
    by_cluster: dict[int, list[tuple[Mention, object]]] = {}
    together: set[frozenset[str]] = set(lex.compatible)
    shared = Counter(p.surname for p in table.persons if len(p.tokens) > 1)
    for m in table.mentions:
        if m.kind != "full" and shared[m.surname] > 1:
            continue  # "Sen. Dole" with Robert and Elizabeth Dole in the story: whose title is unknown
        current = [t for t in m.titles if not t.status]
        roles = {t.role for t in current}
        if len(roles) > 1:
            together |= {frozenset((x, y)) for x in roles for y in roles if x != y}
        for t in current:
            by_cluster.setdefault(cluster[m.person], []).append((m, t))
    # one person, two offices
    flagged: set[int] = set()
    for root, items in by_cluster.items():
        offices = [(m, t) for m, t in items if t.kind in ("office", "seat") and not t.complement]
        roles = Counter(t.role for _, t in offices)
        if len(roles) < 2:
            continue
        first = {r: min(t.start for _, t in offices if t.role == r) for r in roles}
        ranked = sorted(roles, key=lambda r: (-roles[r], first[r]))
        major = ranked[0]
        for r in ranked[1:]:
            if frozenset((r, major)) in together or _shorter(r, major):
                continue
            majors = [x for _, x in offices if x.role == major]
            for _m, t in offices:
                if t.role != r or t.start in flagged:
                    continue
                same_place = [x for x in majors if not x.qualifier or not t.qualifier or _qual(x.qualifier) == _qual(t.qualifier)]
                if same_place:
                    flagged.add(t.start)
                    others = [x.start for x in same_place]
                    other_text = same_place[0].text
                    yield Hit(t.start, t.end, {"other": other_text, "lines": _lines(ctx, others), "name": names[root], "kind": "person"})
    # one office, two people
    if _SUCCESSION.search(ctx.doc.text):
        return
    holders: dict[tuple[str, str], dict[int, list[tuple[Mention, object]]]] = {}
    for root, items in by_cluster.items():
        for m, t in items:
            if t.kind in ("role", "seat"):
                continue  # many holders at once
            q = _qual(t.qualifier)
            if t.complement or (not q and (t.kind == "post" or t.role in lex.shared_when_bare)):
                continue
            holders.setdefault((t.role, q), {}).setdefault(root, []).append((m, t))
    datelined = any(b.scope == "dateline" for b in ctx.doc.blocks)
    foreign = {q for m in table.mentions for t in m.titles for q in t.qualifier.split() if _DEMONYM.search(q)}
    for (_role, q), people in holders.items():
        if len(people) < 2 or (not q and (foreign or datelined)):
            continue  # bare titles in a foreign or datelined wire story may mean several countries
        ordered = sorted(people.items(), key=lambda kv: min(t.start for _, t in kv[1]))
        first_root, first_items = ordered[0]
        for _root, items in ordered[1:]:
            for _m, t in items:
                if t.start in flagged:
                    continue
                flagged.add(t.start)
                first_title = first_items[0][1]
                message = (
                    f"'{t.text}' for {names[_root]} here, but {names[first_root]} is '{first_title.text}' on "
                    f"{_lines(ctx, [x.start for _, x in first_items])}: one office, two holders?"
                )
                yield Hit(t.start, t.end, {"other": first_title.text, "lines": _lines(ctx, [x.start for _, x in first_items]), "name": names[_root], "kind": "post"}, message=message)


def _shorter(a: str, b: str) -> bool:
    wa, wb = set(a.split()), set(b.split())
    return wa <= wb or wb <= wa


# --------------------------------------------------------------------------- names.first-reference

_PERSON_VERB = regex.compile(
    r"[ ](?:said|says|told|added|argued|noted|explained|insisted|conceded|admitted|believes|thinks)\b"
    r"(?![ ](?:it|its|in[ ]a[ ]statement)\b)"
)


def _coordinated(text: str, full: Mention) -> bool:
    """The full name follows its own surname and "and"/"&" ("Reagan and Nancy Reagan",
    "Mr Obi and Ada Obi"): two people of one family side by side."""
    surname = surname_of(full.tokens)
    head = text[max(0, full.start - len(surname) - 6) : full.start]
    return coordinated_head(head, surname)


def coordinated_head(head: str, surname: str) -> bool:
    """``head`` ends with ``surname`` + " and " or " & " (or that and one newline, as a
    regex ``$`` allows), not inside a longer word: string tests, no per-name regex to compile."""
    tail = head[:-1] if head.endswith("\n") else head
    for joint in (" and ", " & "):
        if tail.endswith(surname + joint):
            before = tail[: len(tail) - len(surname) - len(joint)]
            if not before[-1:].isalpha():
                return True
    return False


def _first_references(table: PersonTable, ctx: Context, options: Options) -> Iterator[Hit]:
    for p in table.persons:
        body = [m for m in p.mentions if m.scope in BODY_SCOPES]
        full = [m for m in body if m.kind == "full"]
        if not full:
            continue
        first_full = full[0]
        if _coordinated(ctx.doc.text, first_full):
            continue  # "Reagan and Nancy Reagan": the short form is another member of the family
        for m in body:
            if m.start >= first_full.start:
                break
            if m.kind == "surname" and not m.titles and not (
                m.text not in table.org_words and _PERSON_VERB.match(ctx.doc.text, m.end)
            ):
                continue  # a bare surname may be a company or a place ("Taft", "Chicago")
            s = m.start - len(m.honorific) - 1 if m.honorific else m.start
            yield Hit(s, m.end, {"other": first_full.text, "lines": _lines(ctx, [first_full.start]), "name": first_full.text, "kind": "before"})
            break  # the first short reference is the one to fix
    # a full name introduced twice with different first names and the same post
    by_surname: dict[str, list[Person]] = {}
    for p in table.persons:
        if len(p.tokens) > 1 and not p.relative:
            by_surname.setdefault(p.surname, []).append(p)
    for same in by_surname.values():
        if len(same) < 2:
            continue
        for i, a in enumerate(same):
            ra = {t.role for m in a.mentions for t in m.titles if not t.status and t.kind in ("office", "post")}
            for b in same[i + 1 :]:
                if similar(a.given, b.given) or b.relative:
                    continue
                rb = {t.role for m in b.mentions for t in m.titles if not t.status and t.kind in ("office", "post")}
                if ra & rb:
                    first_b = next(m for m in b.mentions if m.kind == "full")
                    first_a = next(m for m in a.mentions if m.kind == "full")
                    lines = _lines(ctx, [first_a.start])
                    message = f"'{first_b.text}' here, but '{first_a.text}' with the same title on {lines}: one person introduced with two first names?"
                    yield Hit(first_b.start, first_b.end, {"other": first_a.text, "lines": lines, "name": first_a.text, "kind": "twice"}, message=message)


# --------------------------------------------------------------------------- numbers.age


def _ages(table: PersonTable, ctx: Context, options: Options) -> Iterator[Hit]:
    cluster = _clusters(table)
    by: dict[int, list[Mention]] = {}
    for m in table.mentions:
        if m.age is not None and not m.age.then:
            by.setdefault(cluster[m.person], []).append(m)
    names = {p.index: p.name for p in table.persons}
    for root, ms in by.items():
        values = Counter(m.age.value for m in ms)  # type: ignore[union-attr]
        if len(values) < 2:
            continue
        first = {v: min(m.start for m in ms if m.age.value == v) for v in values}  # type: ignore[union-attr]
        ranked = sorted(values, key=lambda v: (-values[v], first[v]))
        major = ranked[0]
        others = [m for m in ms if m.age.value == major]  # type: ignore[union-attr]
        for m in ms:
            if m.age.value != major:  # type: ignore[union-attr]
                yield Hit(m.age.start, m.age.end, {"other": str(major), "lines": _lines(ctx, [x.age.start for x in others]), "name": names[root], "kind": "age"})  # type: ignore[union-attr]
