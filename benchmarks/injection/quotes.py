"""Unbalanced quotation marks, and a quotation correctly continued into the next paragraph."""

from __future__ import annotations

import random
import re

from .base import SUBJECTS, Injection
from .corpus import Article
from .text import Para, body_paragraphs, paragraphs, sentence_ends, sentences

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




_SAID_AFTER = re.compile(r""",["”]\s+(?:[a-z]+ )?(?:he|she|they|it|[A-Z][a-z]+(?: [A-Z][a-z]+)?|the [a-z]+) (?:said|says|told|added)\b""")
SPEAKERS = ["she said", "he said", "a spokesman said", "the minister said", "one trader said", "the chairman said"]


def _quote_sites(text: str) -> list[Para]:
    """Body paragraphs whose next paragraph does not reopen a quotation (so an open mark stays open)."""
    all_paras = paragraphs(text)
    return [p for p in body_paragraphs(text) if not _next_para_starts_with_quote(text, p, all_paras)]


def inject_quote_before_attribution(art: Article, rng: random.Random) -> Injection | None:
    """A quotation opened and never closed before its attribution: '"We will appeal, she said.'

    Either an existing quotation's closing mark before "..., he said" is dropped, or a new
    quoted sentence is inserted with a straight or a curly opening mark.
    """
    text = art.text
    sites = _quote_sites(text)
    closing = [m for p in sites if text[p.start : p.end].count('"') % 2 == 0
               for m in _SAID_AFTER.finditer(text, p.start, p.end)]
    if closing and rng.random() < 0.5:
        m = rng.choice(closing)
        mark = m.start() + 1
        opening = text.rfind(text[mark] if text[mark] == '"' else "“", 0, mark)
        new = text[:mark] + text[mark + 1 :]
        return Injection(new, ((max(opening, 0), m.end() - 1),), f"dropped the closing mark before: {m.group()[2:]}")
    points = [e for p in sites if '"' not in text[p.start : p.end] for e in sentence_ends(text, p) if e < p.end - 1]
    if not points:
        return None
    pos = rng.choice(points)
    mark = rng.choice(['"', "“"])
    sentence = f"{mark}{rng.choice(QUOTES)[rng.randrange(2)]}, {rng.choice(SPEAKERS)}."
    new = text[:pos] + " " + sentence + text[pos:]
    return Injection(new, ((pos + 1, pos + 1 + len(sentence)),), f"inserted quotation open before its attribution: {sentence}")


def control_quote_attribution(art: Article, rng: random.Random) -> Injection | None:
    """A correctly closed quotation before its attribution ('"We will appeal," she said.')."""
    text = art.text
    points = [e for p in _quote_sites(text) if '"' not in text[p.start : p.end] for e in sentence_ends(text, p) if e < p.end - 1]
    if not points:
        return None
    pos = rng.choice(points)
    sentence = f'"{rng.choice(QUOTES)[rng.randrange(2)]}," {rng.choice(SPEAKERS)}.'
    new = text[:pos] + " " + sentence + text[pos:]
    return Injection(new, ((pos + 1, pos + 1 + len(sentence)),), f"closed quotation: {sentence}")


def inject_bracket(art: Article, rng: random.Random) -> Injection | None:
    """A closing parenthesis dropped from a body paragraph, or a parenthesis opened mid-sentence and never closed."""
    text = art.text
    body = body_paragraphs(text)
    pairs = [(p.start + m.start(), p.start + m.end() - 1) for p in body if text[p.start : p.end].count("(") == text[p.start : p.end].count(")")
             for m in re.finditer(r"\(([^()\n]{1,80})\)", text[p.start : p.end])]
    if pairs and rng.random() < 0.5:
        open_at, close = rng.choice(pairs)
        return Injection(text[:close] + text[close + 1 :], ((open_at, close),), f"dropped ')' of: {text[open_at:close][:40]}")
    bare = [p for p in body if not re.search(r"[()]", text[p.start : p.end])]
    sents = [(s, e) for p in bare for s, e in sentences(text, p) if len(text[s:e].split()) >= 8]
    if not sents:
        return None
    s, e = rng.choice(sents)
    gaps = [m.start() + 1 for m in re.finditer(r" (?=[a-z])", text[s:e])][2:-2]
    if not gaps:
        return None
    at = s + rng.choice(gaps)
    return Injection(text[:at] + "(" + text[at:], ((at, e + 1),), f"unclosed '(' in: {text[s:e][:50]}")
