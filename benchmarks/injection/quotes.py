"""Unbalanced quotation marks, and a quotation correctly continued into the next paragraph."""

from __future__ import annotations

import random

from .base import SUBJECTS, Injection
from .corpus import Article
from .text import Para, body_paragraphs, paragraphs, sentence_ends

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


