"""typo: a lower-case non-word one edit away from a frequent word ("gaons" → "gains").

Professional copy is full of words no dictionary has — names, tickers, wire
abbreviations, foreign phrases — so a token is a candidate only when it is
lower-case letters (capitals mark names, wherever they stand), at least
``min_length`` long, not in symspellpy's English lexicon (British and American
spellings, shared with words.fused), not in the config ``vocabulary`` or the rule's
``exceptions``, used once in the article (a word the article repeats or defines is
the writer's word), not part of a hyphenated compound whose other parts are words,
not glued to digits, a URL or an e-mail address, and not inside a quotation that
holds other non-words (a foreign phrase). It is flagged when exactly one frequent
word, or one far more frequent than the rest, lies one Damerau edit away.
"""

from __future__ import annotations

import bisect
import functools
import gzip
import importlib.util
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import regex

from ..language.analysis import Analysis, Token
from ..model import Edit, Hit
from . import Context
from .fused import _once, frequencies, unigrams

PARAMS = frozenset({"suggestion"})
#: The suggested word replaces the slip; a writer confirms it (a name may be meant).
FIX = "unsafe"

_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
_LOWER = regex.compile(r"[a-z]+")
_QUOTE = regex.compile(r"[\"“]([^\"“”\n]{1,200})[\"”]")
_GLUE = frozenset("@/\\_.:#$%&=+0123456789")
#: English endings and beginnings that make a word from a word: a known word so
#: extended is the writer's coinage, not a slip ("funders", "defunding").
_SUFFIXES = ("s", "es", "er", "ers", "ed", "ing", "ings", "ly", "ive", "able", "ably", "ness", "ment", "ments",
             "ist", "ists", "ism", "ize", "ized", "izes", "ise", "ised", "ises", "ure", "ic", "al", "ally",
             "ish", "less", "ful", "ship", "hood", "ity", "ation", "ations")
_PREFIXES = ("re", "un", "non", "pre", "over", "under", "out", "mis", "co", "de", "dis", "in", "sub", "super",
             "anti", "counter", "inter", "multi", "post", "self")
#: Least lexicon count of each part of a closed compound ("pig" + "meat").
_COMPOUND_PART = 3_000_000
#: Fewer lexicon words than this end in a rare pair of letters ("-sd", "-dg").
_RARE_ENDING = 10


@dataclass(frozen=True)
class Options:
    #: Non-words news copy uses on purpose (wire abbreviations, the Latin of "in situ"
    #: and "prima facie"): never flagged.
    exceptions: tuple[str, ...] = ()
    #: Combining forms that stand before a hyphen ("intra-city", "socio-economic").
    prefixes: tuple[str, ...] = ()
    #: Shortest token worth checking: short non-words are mostly abbreviations.
    min_length: int = 4
    #: The suggested word must occur at least this often in the lexicon's corpus.
    min_frequency: int = 300_000
    #: When several words are one edit away, the best must be this many times more
    #: frequent than the next, or the token is too ambiguous to correct.
    dominance: float = 5.0
    #: Words this long may be two edits from their word.
    far_length: int = 9

    @functools.cached_property
    def skip(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.exceptions)

    @functools.cached_property
    def combining(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.prefixes)


@functools.lru_cache(maxsize=1)
def american() -> frozenset[str]:
    """pyspellchecker's English word list: American spellings ("labor", "theater",
    "traveling") and many words symspellpy's British-leaning lexicon lacks. Read from its
    data file without importing the package (its import builds a spell checker)."""
    spec = importlib.util.find_spec("spellchecker")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("words.typo needs the 'pyspellchecker' package (pip install pyspellchecker)")
    path = Path(next(iter(spec.submodule_search_locations)), "resources", "en.json.gz")
    from ..caching.lexicache import cached

    def build() -> frozenset[str]:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            return frozenset(json.load(fh))

    return cached("american", [path], frozenset, build)


def is_word(word: str) -> bool:
    """In either lexicon, so British and American spellings both count."""
    return word in unigrams() or word in american()


def derived_from_word(word: str) -> bool:
    """A known word with an English prefix or suffix ("funders", "reimagining",
    "assistive", "defunding"), or a closed compound of two frequent words ("pigmeat",
    "netback", "automaking"). A compound's second part has four letters or more and
    does not start with the letter the first ends in: "offer|ring" and "target|ted"
    are slips, not compounds."""
    for suffix in _SUFFIXES:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 3 and (is_word(stem) or is_word(stem + "e")):
            return True
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 4 and is_word(word[len(prefix) :]):
            return True
    freq = frequencies()
    return any(
        word[i - 1] != word[i] and freq.get(word[:i], 0) >= _COMPOUND_PART and freq.get(word[i:], 0) >= _COMPOUND_PART
        for i in range(3, len(word) - 3)
    )


def edits1(word: str) -> set[str]:
    """Every string one Damerau edit (delete, transpose, replace, insert) from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    out |= {a + c + b for a, b in splits for c in _ALPHABET}
    out.discard(word)
    return out


def two_edits(word: str) -> set[str]:
    """The lexicon words in ``edits1`` of ``edits1(word)`` (a lower-case a-z ``word``) that
    end as ``word`` does and start with its first letter or are its first two letters
    swapped (what a slip may be, see ``_plausible_slip``), found without building that
    set of ~n² × 2,500 strings.

    The edits are symmetric over a-z, so ``w`` is two edits away exactly when
    ``edits1(word)`` and ``edits1(w)`` meet. Only lexicon words of a length within two
    are tried, and only those whose strings of up to two deletions meet ``word``'s
    (true of any two edits: each costs one deletion on either side at most) pay for
    ``edits1``."""
    swapped = word[1] + word[0] + word[2:]
    tried = [w for w in (*_by_ends().get(word[0] + word[-2:], ()), *((swapped,) if swapped in frequencies() else ())) if abs(len(w) - len(word)) <= 2]
    if not tried:  # also every word longer than the lexicon's longest + 2: no strings built
        return set()
    first, dels = edits1(word), _deletions(word)
    return {
        w
        for w in tried
        if not dels.isdisjoint(_deletions(w)) and not first.isdisjoint(edits1(w))
    }


def _deletions(word: str) -> set[str]:
    """``word`` and every string made from it by deleting one or two letters."""
    one = {word[:i] + word[i + 1 :] for i in range(len(word))}
    return {word} | one | {s[:i] + s[i + 1 :] for s in one for i in range(len(s))}


@functools.lru_cache(maxsize=1)
def _by_ends() -> dict[str, tuple[str, ...]]:
    """The a-z words of the frequency list by first letter + last two letters."""
    out: dict[str, list[str]] = {}
    for w in frequencies():
        if len(w) > 1 and w.isascii() and w.isalpha() and w.islower():  # [a-z]+, without a regex
            out.setdefault(w[0] + w[-2:], []).append(w)
    return {k: tuple(v) for k, v in out.items()}


@functools.lru_cache(maxsize=1)
def _word_endings() -> dict[str, int]:
    """How many lexicon words end in each pair of letters."""
    out: dict[str, int] = {}
    for w in unigrams():
        out[w[-2:]] = out.get(w[-2:], 0) + 1
    return out


def _plausible_slip(word: str, target: str) -> bool:
    """Whether mistyping ``target`` as ``word`` is a slip rather than another word.

    Writers seldom get a word's first letter wrong, so an edit there ("fracking" for
    "tracking", "ecommerce" for "commerce") is not taken, save two swapped first letters.
    A letter added at the end ("crypto", "matchy", "paleo") makes a word of its own unless
    the ending it makes is one English hardly has ("securitiesd")."""
    if word[0] != target[0] and target != word[1] + word[0] + word[2:]:
        return False
    if target == word[:-1]:
        return _word_endings().get(word[-2:], 0) < _RARE_ENDING
    return True


def suggestions(word: str, options: Options) -> tuple[str, ...]:
    """The frequent words ``word`` is a slip for: one, or the two most frequent when no
    one word stands out ("receivd": "received" or "receive"); () when none is frequent.
    Words of ``far_length`` letters or more may be two edits away ("definetly") when
    they end as the word does: long words are seldom that close to another by chance,
    and a different ending is a different derivation ("transformative")."""
    freq = frequencies()
    near = {w for w in edits1(word) if w in freq and _plausible_slip(word, w)}
    if not near and len(word) >= options.far_length:
        near = {w for w in two_edits(word) if w[-2:] == word[-2:] and _plausible_slip(word, w)}
    ranked = sorted(((freq[w], w) for w in near if freq[w] >= options.min_frequency), reverse=True)
    if len(ranked) > 1 and ranked[0][0] < options.dominance * ranked[1][0]:
        return (ranked[0][1], ranked[1][1])
    return (ranked[0][1],) if ranked else ()


def suggestion(word: str, options: Options) -> str | None:
    """The one word ``word`` is most likely a slip for, or None."""
    found = suggestions(word, options)
    return found[0] if found else None


def _quoted_spans(analysis: Analysis) -> list[tuple[int, int]]:
    """Quotations holding two or more non-words: foreign phrases, left alone."""
    lex = unigrams()
    out = []
    for m in _QUOTE.finditer(analysis.doc.text):
        words = regex.findall(r"\p{L}+", m.group(1).lower())
        if sum(w not in lex and w not in american() for w in words) >= 2:
            out.append(m.span())
    return out


def _is_candidate(tok: Token, text: str, options: Options, vocabulary: frozenset[str]) -> str | None:
    """The lower-case letters of ``tok`` worth checking, or None."""
    word = tok.text
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    if len(word) < options.min_length or not _LOWER.fullmatch(word):
        return None
    if word in vocabulary or word in options.skip or is_word(word) or derived_from_word(word):
        return None
    before = text[tok.start - 1] if tok.start else " "
    after = text[tok.end] if tok.end < len(text) else " "
    after2 = text[tok.end + 1] if tok.end + 1 < len(text) else " "
    if before in _GLUE or (after in _GLUE and not (after in ".:" and not after2.isalnum())):
        return None
    if after in "'’" and word.endswith("in"):
        return None  # a dropped g, written on purpose: "livin'", "kickin'"
    if after == "-" and word in options.combining:
        return None
    return word


def _after_latin_genus(tokens: list[Token], i: int) -> bool:
    """A lower-case word after a capitalised non-word is the second half of a name
    ("Haemophilus influenzae", "Homo naledi"), not a slip."""
    if i == 0:
        return False
    prev = tokens[i - 1].text
    return prev[:1].isupper() and prev[1:].islower() and not is_word(prev.lower())


def _parts(tok: Token, combining: frozenset[str]) -> Iterator[Token]:
    """A hyphenated compound's parts as tokens of their own ("well-knwon" → "knwon"),
    save a part that makes a word with the combining form before it ("co-ordinator")."""
    if "-" not in tok.text:
        yield tok
        return
    at, prev = tok.start, ""
    for part in tok.text.split("-"):
        if not (prev.lower() in combining and is_word((prev + part).lower())):
            yield Token(at, at + len(part), part)
        at += len(part) + 1
        prev = part


def check(options: Options, ctx: Context) -> Iterator[Hit]:
    analysis = ctx.analysis
    counts = analysis.word_counts
    vocabulary = ctx.settings.vocabulary
    text = ctx.text
    quoted: list[tuple[int, int]] | None = None
    tokens, starts = analysis.tokens, analysis.token_starts
    # Only a word used once can be a slip: visit just those tokens (shared with
    # words.fused), and pass a plain lexicon word at once (it is never a candidate).
    once = sorted(analysis.memo("fused.once", _once).values())
    lex = unigrams()
    for block in ctx.blocks:
        lo, hi = bisect.bisect_left(starts, block.start), bisect.bisect_left(starts, block.end)
        for i in once[bisect.bisect_left(once, lo) : bisect.bisect_left(once, hi)]:
            tok = tokens[i]
            if tok.text in lex and "-" not in tok.text and not tok.text.endswith(("'s", "’s")):
                continue
            if counts.get(tok.text.lower(), 0) > 1 or _after_latin_genus(tokens, i):
                continue
            for part in _parts(tok, options.combining):
                word = _is_candidate(part, text, options, vocabulary)
                fixes = () if word is None or counts.get(word, 0) > 1 else suggestions(word, options)
                if not fixes:
                    continue
                if quoted is None:
                    quoted = analysis.memo("typo.quoted", _quoted_spans)
                if any(a <= part.start < b for a, b in quoted):
                    continue
                named = " or ".join(f"'{w}'" for w in fixes)
                edits = (Edit(part.start, len(word), fixes[0]),) if len(fixes) == 1 else ()
                yield Hit(part.start, part.start + len(word), {"suggestion": named}, fixes, edits=edits)
