"""The article set: untouched copies, then one injected defect or control per copy."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from .base import Kind
from .corpus import HEADER, Article


@dataclass
class Copy:
    name: str  # file name in the work directory
    article: Article
    kind: Kind | None  # None: untouched
    text: str  # full file text, header included
    spans: tuple[tuple[int, int], ...] = ()
    note: str = ""
    lines: frozenset[int] = field(default_factory=frozenset)


def header_for(art: Article) -> str:
    return HEADER.format(date=art.date.isoformat()) if art.date else ""


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def build_copies(articles: list[Article], rng: random.Random, limit: int, per_class: int, untouched: int, kinds: tuple[Kind, ...]) -> list[Copy]:
    """``untouched`` random articles left as they are, then about ``per_class`` copies of each class.

    A class with several variants (kinds of one family) shares its copies among them.

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
        copies.append(Copy(name(art), art, None, header_for(art) + art.text))
    counts: Counter[str] = Counter()
    variants = Counter(k.cls for k in kinds)
    quota = {k.name: -(-per_class // variants[k.cls]) for k in kinds}
    for art in pool[untouched:]:
        open_kinds = [k for k in kinds if counts[k.name] < quota[k.name] and (art.date or not k.needs_date)]
        if not any(counts[k.name] < quota[k.name] for k in kinds):
            break
        rng.shuffle(open_kinds)
        open_kinds.sort(key=lambda k: counts[k.name] / quota[k.name])
        for kind in open_kinds:
            inj = kind.inject(art, rng)
            if inj is None:
                continue
            head = header_for(art)
            spans = tuple((s + len(head), e + len(head)) for s, e in inj.spans)
            text = head + inj.text
            lines = frozenset(ln for s, e in spans for ln in range(line_of(text, s), line_of(text, max(s, e - 1)) + 1))
            copies.append(Copy(name(art), art, kind, text, spans, inj.note, lines))
            counts[kind.name] += 1
            break
    return copies


