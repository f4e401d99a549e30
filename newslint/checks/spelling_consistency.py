"""spelling-consistency: ``consistency`` plus a spelling system kept as YAML data.

A spelling choice such as British vs American is not one pair of words but hundreds
("colour" here and "center" there is the same drift), so each category of the data
file (``british``, ``ise``, ``email``, …) is counted as one variant set: the article's
majority system wins, and each word of the other system is flagged with its own
counterpart as suggestion. All words of all categories are one named-list pattern
(``\\L<spellings>``), so the whole table costs one pass over the text (the rule's
``either``/``variants`` forms are a second).
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
from ._patterns import finditer
from .consistency import Options as ConsistencyOptions
from .consistency import Use, _quoted_label, filter_uses, pattern_uses, prose_majority, resolve

PARAMS = frozenset({"expected", "count", "expected_count", "form", "expected_form"})


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
    from ..rules import data_file
    from ..yamlfile import load_yaml

    path = Path(name) if Path(name).is_absolute() else data_file(name)
    data = load_yaml(str(path), positions=False)
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

    @functools.cached_property
    def words(self) -> regex.Pattern:
        """Every spelling of every category, any case; a hyphen counts as a word edge."""
        return regex.compile(r"(?<!\w)(?i:\L<spellings>)(?!\w)", regex.V1, spellings=sorted(self.table.forms))


def check(options: Options, ctx: Context) -> Iterator[Hit]:
    table = options.table
    uses = pattern_uses(options, ctx)
    for m in finditer(options.words, ctx):
        entry = table.forms[m.group().lower()]
        uses.append(Use(m.start(), m.end(), f"sp:{entry.category}", entry.side, entry.counterpart))
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
