"""fused: two words run together ("Jane Doein London", "alreadysaid").

A token is a candidate when it is all letters, not in the English lexicon, not in the
config ``vocabulary`` and used only once in the article (a name used consistently is
a name). It is flagged when it splits into

(a) a word or name the article uses elsewhere plus a short function word, either
    side ("Doein" → "Doe in" when "Doe" appears on its own; "ofthe" → "of the"); or
(b) two lexicon words, one of them a function word, that English really writes side
    by side ("alreadysaid" → "already said": the pair is in the bigram list).

The lexicon is symspellpy's English frequency dictionary (82,765 words, British and
American spellings) and its bigram dictionary, read as plain text — never the
SymSpell index, which takes seconds to build. Both load lazily, the unigrams on the
first candidate a document offers, the bigrams only when a split of kind (b) needs
confirming, and are cached for the life of the process.
"""

from __future__ import annotations

import bisect
import functools
import importlib.util
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import regex

from ..language.analysis import Analysis, Token
from ..language.dategrammar import MONTHS
from ..model import Hit
from . import Context

PARAMS = frozenset({"suggestion"})

_LETTERS = regex.compile(r"\p{L}+")
_UNIGRAMS = "frequency_dictionary_en_82_765.txt"
_BIGRAMS = "frequency_bigramdictionary_en_243_342.txt"


def _data_path(name: str) -> Path:
    spec = importlib.util.find_spec("symspellpy")  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("words.fused needs the 'symspellpy' package (pip install symspellpy)")
    return Path(next(iter(spec.submodule_search_locations))) / name


@functools.lru_cache(maxsize=1)
def unigrams() -> frozenset[str]:
    """The English lexicon: every word of symspellpy's frequency dictionary."""
    from ..caching.lexicache import cached

    def build() -> frozenset[str]:
        with _data_path(_UNIGRAMS).open(encoding="utf-8") as fh:
            return frozenset(line.split(" ", 1)[0] for line in fh)

    return cached("unigrams", [_data_path(_UNIGRAMS)], frozenset, build)


@functools.lru_cache(maxsize=1)
def frequencies() -> dict[str, int]:
    """Each lexicon word with its corpus count (words.typo ranks suggestions by it)."""
    from ..caching.lexicache import cached

    def build() -> dict[str, int]:
        with _data_path(_UNIGRAMS).open(encoding="utf-8") as fh:
            return {w: int(n) for w, _, n in (line.rstrip("\n").partition(" ") for line in fh) if n}

    return cached("frequencies", [_data_path(_UNIGRAMS)], dict, build)


@functools.lru_cache(maxsize=1)
def longest_unigram() -> int:
    """Length of the lexicon's longest word: no split part can be longer."""
    return max(map(len, unigrams()), default=0)


@functools.lru_cache(maxsize=1)
def bigrams() -> str:
    """symspellpy's bigram dictionary as one string, one "word word count" a line.

    Read whole (25 ms) rather than parsed into a dict (300 ms): a document asks about
    a handful of pairs, and ``bigram_count`` caches each answer.
    """
    return "\n" + _data_path(_BIGRAMS).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=65536)
def bigram_count(a: str, b: str) -> int:
    """How often "a b" occurs in the bigram list's corpus (0 when not listed)."""
    text = bigrams()
    key = f"\n{a} {b} "
    at = text.find(key)
    if at < 0:
        return 0
    end = text.find("\n", at + 1)
    return int(text[at + len(key) : end if end > 0 else None])


@dataclass(frozen=True)
class Options:
    #: (a) Short words that get run onto a neighbouring name or word ("Doein", "ofthe").
    function_words: tuple[str, ...] = ("in", "of", "and", "at", "on", "to", "for", "the", "said")
    #: (b) A lexicon split needs one side from this list ("already" + "said").
    closed_class: tuple[str, ...] = ()
    #: Prefixes English builds words with ("innumeracy", "onstage"): a split after one
    #: of them must also be a common word pair.
    prefixes: tuple[str, ...] = ("in", "on")
    #: Closed compounds the lexicon lacks ("onboard"): never flagged.
    exceptions: tuple[str, ...] = ()
    #: (b) The pair must occur at least this often in the bigram list.
    min_bigram: int = 1_000_000
    #: Shortest token worth checking.
    min_length: int = 5
    #: Shortest other part of a split ("Doe" in "Doein").
    min_part: int = 3

    @functools.cached_property
    def function_set(self) -> tuple[str, ...]:
        return tuple(sorted({w.lower() for w in self.function_words}, key=len, reverse=True))

    @functools.cached_property
    def closed_set(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.closed_class)

    @functools.cached_property
    def skip(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.exceptions)


@dataclass(frozen=True)
class _Words:
    """What the article itself says: word counts, the capitalised forms it uses, and
    which capitalised word stands right before each ("Jane" before "Doe")."""

    counts: dict[str, int]
    capitalised: frozenset[str]
    before: dict[str, frozenset[str]]
    previous: dict[int, str]
    #: capitalised words used mid-sentence (a name, not a sentence opener), and acronyms
    mid_sentence: frozenset[str] = frozenset()
    acronyms: frozenset[str] = frozenset()
    #: capitalised words and the short word written after them ("Phillips", "said")
    apart: frozenset[tuple[str, str]] = frozenset()


def _article_words(analysis: Analysis) -> _Words:
    text = analysis.doc.text
    caps: set[str] = set()
    before: dict[str, set[str]] = {}
    previous: dict[int, str] = {}
    mid: set[str] = set()
    acronyms: set[str] = set()
    apart: set[tuple[str, str]] = set()
    prev = None
    for tok in analysis.tokens:
        if prev is not None and len(tok.text) <= 5 and tok.text.islower() and prev.text[:1].isupper() and text[prev.end : tok.start].isspace():
            apart.add((prev.text, tok.text))
        if len(tok.text) > 1 and tok.text.isupper() and tok.text.isalpha():
            acronyms.add(tok.text)
        if tok.text[:1].isupper() and not tok.text.isupper():
            caps.add(tok.text)
            name = _POSSESSIVE.sub("", tok.text)  # "Cambrian's assets" uses the name "Cambrian"
            caps.add(name)
            if prev is not None and _mid_sentence(text[prev.end : tok.start]):
                mid.add(name)
            if prev is not None and prev.text[:1].isupper() and text[prev.end : tok.start].isspace():
                before.setdefault(tok.text, set()).add(prev.text)
                previous[tok.start] = prev.text
        prev = tok
    counts = dict(Counter(_lows(analysis)))  # == analysis.word_counts
    return _Words(counts, frozenset(caps), {k: frozenset(v) for k, v in before.items()}, previous, frozenset(mid), frozenset(acronyms), frozenset(apart))


_POSSESSIVE = regex.compile(r"['’]s?$")
_DASH_GAP = regex.compile(r"\s*[-–—]+\s*")
_SENTENCE_BREAK = regex.compile(r"[.!?:;\"“”]|\n\s*\n")


def _mid_sentence(gap: str) -> bool:
    """Whether a word after ``gap`` (the text since the previous word) is inside a sentence:
    after a space, comma, dash or bracket ("1990, Kellogg", "June 1 - Dresser", "<Siemens"),
    not after a full stop, a quote or a blank line, where any word is capitalised."""
    if _DASH_GAP.fullmatch(gap):
        return True  # "DALLAS, June 1 - Dresser Industries": the dateline runs into the story
    return len(gap) < 12 and not _SENTENCE_BREAK.search(gap)


def _lows(analysis: Analysis) -> list[str]:
    """Each of ``analysis.tokens`` lower-cased (shared by every check through Analysis)."""
    return analysis.token_lower


def _once(analysis: Analysis) -> dict[str, int]:
    """Lower-cased words used exactly once in the document: token index of each."""
    lows = _lows(analysis)
    counts = Counter(lows)
    return {w: i for i, w in enumerate(lows) if counts[w] == 1}


def check(options: Options, ctx: Context) -> Iterator[Hit]:
    # A candidate is used once in the article (``word_counts`` is 1), so look only at
    # the words used once that could pass the cheap tests below, then at their tokens.
    once: dict[str, int] = ctx.analysis.memo("fused.once", _once)
    vocabulary = ctx.settings.vocabulary
    least = options.min_length  # lower() never shortens a word
    picked = [i for w, i in once.items() if len(w) >= least and w not in vocabulary and w not in options.skip]
    if not picked:
        return
    picked.sort()
    tokens = ctx.analysis.tokens
    at = [tokens[i].start for i in picked]
    for block in ctx.blocks:
        lo, hi = bisect.bisect_left(at, block.start), bisect.bisect_left(at, block.end)
        for i in picked[lo:hi]:
            tok = tokens[i]
            text = tok.text
            if len(text) < options.min_length or not _LETTERS.fullmatch(text) or text.isupper():
                continue
            low = text.lower()
            if low in vocabulary or low in options.skip or once.get(low) != i:  # used more than once
                continue
            if low in unigrams():
                continue
            words: _Words = ctx.analysis.memo("fused.words", _article_words)
            shape = "lower" if text.islower() else "title" if text[1:].islower() else "camel"
            nxt = tokens[i + 1].text if i + 1 < len(tokens) and tokens[i + 1].start == tok.end + 1 < block.end else ""
            split = _article_split(tok, shape, block.scope, options, words) or _name_split(tok, nxt, block.scope, options, words)
            if split is None and shape != "camel":
                at_ = _lexicon_split(low, options, both_closed=shape == "title")
                if at_ is None and shape == "lower":
                    at_ = _common_split(low, nxt, options)
                split = None if at_ is None else f"{text[:at_]} {text[at_:]}"
            if split is not None:
                yield Hit(tok.start, tok.end, {"suggestion": split}, (split,))


def _article_split(tok: Token, shape: str, scope: str, options: Options, words: _Words) -> str | None:
    """(a) a word or name the article uses elsewhere + a function word: the split form."""
    text = tok.text
    low = text.lower()
    for fw in options.function_set:
        n = len(fw)
        if len(low) - n < options.min_part:
            continue
        if low.endswith(fw):
            head, tail = text[:-n], text[-n:]
            if tail.islower() and _name_or_word(head, tok, scope, words):
                return f"{head} {tail}"
        if low.startswith(fw):
            head, tail = text[:n], text[n:]
            if shape == "camel":
                ok = head.islower() and tail[:1].isupper() and tail[1:].islower() and tail in words.capitalised
            elif shape == "title":
                ok = tail in options.closed_set or tail in options.function_set
            else:
                ok = words.counts.get(tail, 0) > 0 and (
                    fw not in options.prefixes or bigram_count(fw, tail) >= options.min_bigram
                )
            if ok:
                return f"{head} {tail}"
    return None


#: Reporting verbs a name or a plural is run into ("Chadsaid", "analystssaid").
_SAID = ("said", "says")
_MONTHS = frozenset(m.title() for m in MONTHS)
#: Words that no English word of five letters or more ends in by chance: a capitalised word
#: run into one is two words ("Commissionwas", "Securitiesand Exchange").
_LINKING = frozenset(["and", "was"])


def _name_split(tok: Token, nxt: str, scope: str, options: Options, words: _Words) -> str | None:
    """A name, month or acronym the article uses run into a function word, or a plural or
    a company word run into "said" ("analystssaid", "Securitiessaid", "Ltdsaid");
    in a byline, a surname after a known given name run into "in"/"at" before a place
    ("By Jane Doein Washington").

    Weaker evidence than a repeated first name, so the word after must fit the split
    (``_fits_after``). Evidence enough alone: the article writes the same pair apart elsewhere
    ("Phillips said" … "Phillipssaid"). A capitalised English word run into "of" before a
    capitalised word is an institution's name ("Bankof England", "Secretaryof State").
    """
    text = tok.text
    for fw in options.function_set:
        head, tail = text[: -len(fw)], text[-len(fw) :]
        if tail != fw or len(head) < options.min_part:
            continue
        title = head[:1].isupper() and head[1:].islower()
        known = (
            (head.isupper() and head in words.acronyms)
            or head in _MONTHS
            or (title and head in words.mid_sentence)
            or (fw in _SAID and head.endswith("s") and (head.islower() or title) and head.lower() in unigrams())
            or (fw in _SAID and _company_word(head))  # "Ltdsaid", "Incsaid", "Groupsaid"
            or (scope == "byline" and fw in ("in", "at") and head[1:].islower() and _given(words.previous.get(tok.start)))
            or (fw == "of" and title and nxt[:1].isupper() and head.lower() in unigrams())  # "Bankof England"
            or (fw in _LINKING and title and len(head) >= _COMMON_HEAD and head.lower() in unigrams())  # "Commissionwas"
        )
        if (known and _fits_after(fw, nxt)) or (title and (head, fw) in words.apart):
            return f"{head} {tail}"
    return None


def _common_split(low: str, nxt: str, options: Options) -> int | None:
    """A lower-case word run into a preposition before a word, a number or a name ("slowingin
    consumer demand", "profitablein 1988"): the head must be a common English word long enough
    not to end a rarer word by chance ("pectin" and "chitin" hold no "pect" or "chit")."""
    freq = frequencies()
    for fw in options.function_set:
        head = low[: -len(fw)]
        if fw not in _PREPOSITIONS or not low.endswith(fw) or len(head) < _COMMON_HEAD:
            continue
        if freq.get(head, 0) >= _COMMON_FREQ and (_fits_after(fw, nxt) or (nxt.islower() and nxt in unigrams())):
            return len(head)
    return None


_PREPOSITIONS = frozenset(["in", "of", "at", "on", "to", "for"])
#: A head of this many letters, seen this often in the lexicon's corpus, is a word of its own.
_COMMON_HEAD = 5
_COMMON_FREQ = 1_000_000


def _company_word(word: str) -> bool:
    """A word that ends an organisation's name ("Ltd", "Inc", "Group"): the people lexicon's."""
    from ..language.persons import lexicon  # the people lexicon, loaded once and shared

    return word in lexicon().org


def _given(word: str | None) -> bool:
    """A given name the project's name list knows ("Jane")."""
    from ..language.persons import lexicon  # the people lexicon, loaded once and shared

    return word is not None and word in lexicon().given_names


def _fits_after(fw: str, nxt: str) -> bool:
    """"said" and "was" fit anything; "to" a verb, a noun phrase or a number ("Wangto report",
    "Februaryto 10.9 billion"); "and" a capitalised word or an English word ("Siemensand
    based"); "in", "at", "on", "of", "for" a name, a number or an article, never a lower-case
    word ("Kenton rose", "Westin hotels")."""
    if fw in _SAID or fw == "was":
        return True
    if fw == "and":
        return nxt[:1].isupper() or (nxt.islower() and nxt in unigrams())
    if fw == "to":
        return nxt[:1].isupper() or nxt[:1].isdigit() or (nxt.islower() and nxt in unigrams())
    return nxt[:1].isupper() or nxt[:1].isdigit() or nxt in ("the", "a", "an")


def _name_or_word(head: str, tok: Token, scope: str, words: _Words) -> bool:
    """Is ``head`` (from "Doein") a word of this article, or the same person's name?

    A lower-case head need only be used; a capitalised one must be a name the article
    uses: not an English word, or after the same first name ("Jane Doe" / "Jane
    Doein"), or anywhere when the fused token is in a byline or dateline.
    """
    if head.islower():
        return words.counts.get(head, 0) > 0
    if not (head[:1].isupper() and head[1:].islower()) or head not in words.capitalised:
        return False
    if scope in ("byline", "dateline") or head.lower() not in unigrams():
        return True
    first = words.previous.get(tok.start)
    return first is not None and first in words.before.get(head, ())


def _lexicon_split(low: str, options: Options, *, both_closed: bool = False) -> int | None:
    """(b) the split point of two lexicon words, one of them closed-class, best attested."""
    lex = unigrams()
    closed = options.closed_set
    best: tuple[int, int] | None = None
    # Both parts must be lexicon words, so neither is longer than the longest one:
    # only those split points are tried (a 3 MB token costs O(1) splits, not O(n)).
    longest = longest_unigram()
    for i in range(max(2, len(low) - longest), min(len(low) - 1, longest + 1)):
        a, b = low[:i], low[i:]
        if a not in lex or b not in lex:
            continue
        if not (a in closed and b in closed if both_closed else a in closed or b in closed):
            continue
        if max(len(a), len(b)) < options.min_part:
            continue
        count = bigram_count(a, b)
        if count >= options.min_bigram and (best is None or count > best[1]):
            best = (i, count)
    return None if best is None else best[0]
