"""spelling-consistency: ``consistency`` plus a spelling system kept as YAML data.

A spelling choice such as British vs American is not one pair of words but hundreds
("colour" here and "center" there is the same drift), so each category of the data
file (``british``, ``ise``, ``email``, …) is counted as one variant set: the article's
majority system wins, and each word of the other system is flagged with its own
counterpart as suggestion. The whole table costs one pass over the words and a
dictionary lookup each (a ``regex`` named list of these ~2,500 forms measured 60x
slower); the rule's ``either``/``variants`` forms are one more regex pass.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import regex

from ..model import Hit
from . import Context
from .consistency import Options as ConsistencyOptions
from .consistency import Use, _quoted_label, contested, filter_uses, pattern_uses, prose_majority, resolve

PARAMS = frozenset({"expected", "count", "expected_count", "expected_times", "form", "expected_form"})
#: The majority form is a guess at the house choice: the editor decides.
FIX = "unsafe"


@dataclass(frozen=True)
class Entry:
    category: str
    side: int  # 0 = first system (British), 1 = second (American)
    counterpart: str


@dataclass(frozen=True)
class SpellingTable:
    forms: dict[str, Entry]  # lower-cased word form → entry (ambiguous forms left out)
    labels: dict[str, tuple[str, str]]
    tie_breaks: dict[str, str]  # category → category whose majority side breaks its ties
    #: lower-cased form → a paragraph vocabulary in which the form has a sense both
    #: systems spell alike ("program" beside "software"): there it is no evidence.
    neutral: dict[str, regex.Pattern] = field(default_factory=dict)


@functools.lru_cache(maxsize=8)
def load_table(name: str) -> SpellingTable:
    """Read a spelling-variants file: categories of ``pairs`` and/or ``stems`` × ``endings``.

    A category's ``tie_break`` names another category whose majority side (by index)
    decides its ties: an article with "organise" is British when "color" and
    "centre" are one each. A category's ``neutral_in`` maps a name of the file's
    ``contexts`` (word lists) to forms that are no evidence in a paragraph using one of
    those words (see ``SpellingTable.neutral``).
    """
    from ..caching.lexicache import cached
    from ..rules import data_file
    from ..yamlfile import load_yaml

    path = Path(name) if Path(name).is_absolute() else data_file(name)
    data = cached(f"yaml:{path}", [path], object, lambda: load_yaml(str(path), positions=False))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of categories")
    contexts = {str(k): context_pattern(v) for k, v in (data.get(CONTEXTS) or {}).items()}
    neutral: dict[str, regex.Pattern] = {}
    forms: dict[str, Entry] = {}
    labels: dict[str, tuple[str, str]] = {}
    tie_breaks: dict[str, str] = {}
    for category, spec in data.items():
        if category == CONTEXTS:
            continue
        if not isinstance(spec, dict) or len(spec.get("labels") or ()) != 2:
            raise ValueError(f"{path}: category '{category}' needs 'labels: [first, second]'")
        labels[category] = (str(spec["labels"][0]), str(spec["labels"][1]))
        if spec.get("tie_break"):
            tie_breaks[str(category)] = str(spec["tie_break"])
        pairs = {str(k): str(v) for k, v in (spec.get("pairs") or {}).items()}
        for stem in spec.get("stems") or ():
            for a, b in spec.get("endings") or ():
                pairs[f"{stem}{a}"] = f"{stem}{b}"
        ambiguous = {str(w).lower() for w in spec.get("ambiguous") or ()}
        for name, words in (spec.get("neutral_in") or {}).items():
            if name not in contexts:
                raise ValueError(f"{path}: category '{category}' names unknown context '{name}'")
            neutral.update((str(w).lower(), contexts[name]) for w in words)
        for first, second in pairs.items():
            for word, side, other in ((first, 0, second), (second, 1, first)):
                if word.lower() not in ambiguous:
                    forms.setdefault(word.lower(), Entry(str(category), side, other))
    unknown = set(tie_breaks.values()) - set(labels)
    if unknown:
        raise ValueError(f"{path}: tie_break names unknown categories {sorted(unknown)}")
    return SpellingTable(forms, labels, tie_breaks, neutral)


#: The data file's reserved key: named word lists for ``neutral_in``.
CONTEXTS = "contexts"


def context_pattern(words: object) -> regex.Pattern:
    """Any of ``words`` as a whole word; a lower-case word in any case, a capitalised
    one ("Windows", "PC") only as written, since its lower-case form is everyday English."""
    if not isinstance(words, list) or not words:
        raise ValueError("a context must be a non-empty list of words")
    # longest first, then alphabetical: the same pattern in every process (see caching/regexcache.py)
    low = sorted({regex.escape(str(w)) for w in words if str(w) == str(w).lower()}, key=lambda w: (-len(w), w))
    cased = sorted({regex.escape(str(w)) for w in words if str(w) != str(w).lower()}, key=lambda w: (-len(w), w))
    parts = ([f"(?i:{'|'.join(low)})"] if low else []) + cased
    return regex.compile(rf"(?<!\w)(?:{'|'.join(parts)})(?!\w)")


@dataclass(frozen=True)
class Options(ConsistencyOptions):
    #: Spelling-variants data file: a name in ``rules/_data/`` or an absolute path.
    spellings: str = "spelling-variants.yml"

    _needs_forms: ClassVar[bool] = False

    def problems(self) -> list[tuple[str, str]]:
        out = super().problems()
        try:
            load_table(self.spellings)
        except Exception as exc:  # a broken data file is a rule error, not a crash
            out.append(("spellings", f"cannot load spellings '{self.spellings}': {exc}"))
        return out

    @functools.cached_property
    def table(self) -> SpellingTable:
        return load_table(self.spellings)



_WORD = regex.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_RUN = regex.compile(r"[^\W\d_]+")  # the letter runs _WORD joins with hyphens


@functools.lru_cache(maxsize=8)
def _pieces(name: str) -> dict[str, tuple[str, ...]]:
    """Hyphen piece of a table form → the forms it is part of (``e-mail`` under ``e`` and ``mail``)."""
    out: dict[str, list[str]] = {}
    for form in load_table(name).forms:
        for piece in set(form.split("-")):
            out.setdefault(piece, []).append(form)
    return {k: tuple(v) for k, v in out.items()}


@functools.lru_cache(maxsize=8)
def _piece_set(name: str) -> frozenset[str]:
    return frozenset(_pieces(name))


def contested_categories(options: Options, ctx: Context) -> frozenset[str]:
    """Categories whose both systems may occur in the rule's blocks, plus their tie-breakers.

    A cheap superset from the blocks' lower-cased letter runs (every word ``spelling_uses``
    looks up is a run or runs joined by hyphens): a category with one system only can
    never be flagged, so the per-word pass is skipped for it — for most articles, entirely.
    """
    text = ctx.text
    runs: set[str] = set()
    for block in ctx.blocks:
        runs.update(_RUN.findall(text, block.start, block.end))
    lowered = {r.lower() for r in runs}
    pieces = _pieces(options.spellings)
    forms = options.table.forms
    sides: dict[str, set[int]] = {}
    for piece in lowered & _piece_set(options.spellings):  # iterates the smaller set
        for form in pieces[piece]:
            if "-" in form and not all(p in lowered for p in form.split("-")):
                continue
            entry = forms[form]
            sides.setdefault(entry.category, set()).add(entry.side)
    contested = {c for c, s in sides.items() if len(s) > 1}
    tie_breaks = options.table.tie_breaks
    return frozenset(contested | {tie_breaks[c] for c in contested if c in tie_breaks})


def spelling_uses(table: SpellingTable, ctx: Context, categories: frozenset[str] | None = None) -> list[Use]:
    """Each word of the table in the rule's blocks; parts of hyphenated words too (centre-left).

    With ``categories``, only words of those categories. A context-neutral form is left
    out everywhere once one of its uses stands in a paragraph of its context: an article
    that says "computer program" means the software by a bare "the program" too."""
    text = ctx.text
    forms, neutral = table.forms, table.neutral
    out: list[Use] = []
    active: set[int] = set()  # ids of the contexts some neutral form's paragraph has
    for block in ctx.blocks:
        for start, end, entry in _table_words(text, block.start, block.end, forms):
            if categories is not None and entry.category not in categories:
                continue
            pattern = neutral.get(text[start:end].lower())
            if pattern is not None and id(pattern) not in active and pattern.search(text, block.start, block.end):
                active.add(id(pattern))
            out.append(Use(start, end, f"sp:{entry.category}", entry.side, entry.counterpart))
    if not active:
        return out
    return [u for u in out if id(neutral.get(text[u.start : u.end].lower())) not in active]


def _table_words(text: str, start: int, end: int, forms: dict[str, Entry]) -> Iterator[tuple[int, int, Entry]]:
    """(start, end, entry) of each table word in ``text[start:end]``, hyphen parts included."""
    for m in _WORD.finditer(text, start, end):
        word = m.group()
        entry = forms.get(word.lower())
        if entry is not None:
            yield m.start(), m.end(), entry
        elif "-" in word:
            pos = m.start()
            for part in word.split("-"):
                entry = forms.get(part.lower())
                if entry is not None and (pos == m.start() or not part[:1].isupper()):
                    yield pos, pos + len(part), entry  # a capital after a hyphen is a name's: Schering-Plough
                pos += len(part) + 1


def check(options: Options, ctx: Context) -> Iterator[Hit]:
    table = options.table
    categories = contested_categories(options, ctx)
    uses = pattern_uses(options, ctx)
    if categories:
        uses += spelling_uses(table, ctx, categories)
    if not contested(uses):
        return  # no group has two forms: nothing to flag, whatever the filters drop
    quoted = _quoted_label(ctx.text)

    def label(group: str, form: int, members: list[Use]) -> str:
        if group.startswith("sp:"):
            return table.labels[group[3:]][form]
        return quoted(group, form, members)

    uses = filter_uses(options, ctx, uses)
    majority = prose_majority(uses, ctx)

    def prior(group: str, form: int) -> int:
        other = table.tie_breaks.get(group[3:]) if group.startswith("sp:") else None
        return int(other is not None and majority.get(f"sp:{other}") == form)

    yield from resolve(uses, ctx, label, prior)
