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
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import regex

from ..model import Hit
from . import Context
from .consistency import Options as ConsistencyOptions
from .consistency import Use, _quoted_label, contested, filter_uses, pattern_uses, prose_majority, resolve

PARAMS = frozenset({"expected", "count", "expected_count", "form", "expected_form"})
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


@functools.lru_cache(maxsize=8)
def load_table(name: str) -> SpellingTable:
    """Read a spelling-variants file: categories of ``pairs`` and/or ``stems`` × ``endings``.

    A category's ``tie_break`` names another category whose majority side (by index)
    decides its ties: an article with "organise" is British when "color" and
    "centre" are one each.
    """
    from ..caching.lexicache import cached
    from ..rules import data_file
    from ..yamlfile import load_yaml

    path = Path(name) if Path(name).is_absolute() else data_file(name)
    data = cached(f"yaml:{path}", [path], object, lambda: load_yaml(str(path), positions=False))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of categories")
    forms: dict[str, Entry] = {}
    labels: dict[str, tuple[str, str]] = {}
    tie_breaks: dict[str, str] = {}
    for category, spec in data.items():
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
        for first, second in pairs.items():
            for word, side, other in ((first, 0, second), (second, 1, first)):
                if word.lower() not in ambiguous:
                    forms.setdefault(word.lower(), Entry(str(category), side, other))
    unknown = set(tie_breaks.values()) - set(labels)
    if unknown:
        raise ValueError(f"{path}: tie_break names unknown categories {sorted(unknown)}")
    return SpellingTable(forms, labels, tie_breaks)


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


def spelling_uses(table: SpellingTable, ctx: Context, categories: frozenset[str] | None = None) -> Iterator[Use]:
    """Each word of the table in the rule's blocks; parts of hyphenated words too (centre-left).

    With ``categories``, only words of those categories."""
    text = ctx.text
    forms = table.forms
    for block in ctx.blocks:
        for m in _WORD.finditer(text, block.start, block.end):
            word = m.group()
            entry = forms.get(word.lower())
            if entry is not None:
                if categories is None or entry.category in categories:
                    yield Use(m.start(), m.end(), f"sp:{entry.category}", entry.side, entry.counterpart)
            elif "-" in word:
                pos = m.start()
                for part in word.split("-"):
                    entry = forms.get(part.lower())
                    if entry is not None and (categories is None or entry.category in categories):
                        yield Use(pos, pos + len(part), f"sp:{entry.category}", entry.side, entry.counterpart)
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
