"""The sequence pattern language: parsing, validation errors with columns, matching."""

from __future__ import annotations

import re

import pytest

from newslint.checks.sequence import Options
from newslint.language.patterngrammar import (
    Alt,
    Gap,
    Not,
    Opt,
    PatternError,
    Rx,
    Tok,
    Word,
    normalise,
    parse,
)


def toks(text: str) -> list[Tok]:
    out = []
    for m in re.finditer(r"\w+(?:['’.-]\w+)*|[,;:()—–]", text):
        t = m.group()
        out.append(Tok(normalise(t), t, t[0].isalnum()))
    return out


def matches(pattern: str, text: str) -> list[str]:
    t = toks(text)
    return [" ".join(x.text for x in t[a:b]) for a, b in parse(pattern).finditer(t)]


def test_parses_every_construct():
    p = parse("Neither _{0,6}!(and|but) (has|have) yet? /t.+/ !nor , *{1,2} x")
    assert p.elements == (
        Word("neither"),
        Gap(0, 6, exclude=Alt(((Word("and"),), (Word("but"),)))),
        Alt(((Word("has"),), (Word("have"),))),
        Opt(Word("yet")),
        Rx("t.+"),
        Not(Word("nor")),
        Word(","),
        Gap(1, 2, crosses=True),
        Word("x"),
    )


def test_plain_gap_is_one_word_and_curly_apostrophes_normalise():
    assert parse("a _ b").elements[1] == Gap(1, 1)
    assert parse("can’t hardly").elements[0] == Word("can't")


def test_anchors_are_the_first_required_words():
    assert parse("(can't|cannot|can not) hardly").anchors == {"can't", "cannot", "can"}
    assert parse("x? /re/ !y (no one|nobody) z").anchors == {"no", "nobody"}
    assert parse("/re/ !y").anchors is None


@pytest.mark.parametrize(
    ("pattern", "column", "fragment"),
    [
        ("neither _{0,6 has", 10, "unexpected '{'"),
        ("(has|have yet to", 17, "ends too early: Expected ')'"),
        ("/yet", 1, "unexpected '/'"),
        ("a | b", 3, "unexpected '|'"),
        ("a _{3,1} b", 3, "maximum is less than minimum"),
    ],
)
def test_syntax_errors_name_the_column(pattern, column, fragment):
    with pytest.raises(PatternError) as info:
        parse(pattern)
    assert info.value.column == column
    assert fragment in info.value.message


@pytest.mark.parametrize(
    ("pattern", "fragment"),
    [
        ("_ a", "cannot start or end with a gap"),
        ("a _{0,2}", "cannot start or end with a gap"),
        ("a?", "at least one word"),
        ("/(/ x", "not a valid regular expression"),
        ("!(a b) c", "'!' applies to one token"),
        ("a _{0,3}!(b c) d", "exclusion must be one token"),
    ],
)
def test_nonsense_patterns_are_rejected(pattern, fragment):
    with pytest.raises(PatternError, match=re.escape(fragment)):
        parse(pattern)


def test_options_report_the_pattern_and_column():
    problems = Options(patterns=("ok pattern", "neither _{0,6 has")).problems()
    assert problems == [("patterns", "patterns[1] 'neither _{0,6 has', column 10: unexpected '{'")]
    assert Options(patterns=("x",), unless=("(",)).problems() == [
        ("unless", "unless[0] '(', column 2: the pattern ends too early (an unclosed '(' or '/'?)")
    ]
    assert Options(patterns=()).problems() == [("patterns", "'patterns' must list at least one pattern")]


def test_gap_is_lazy_bounded_and_stops_at_clause_punctuation():
    p = "neither _{0,3} has yet to"
    assert matches(p, "Neither side has yet to comment") == ["Neither side has yet to"]
    assert matches(p, "Neither of the sides has yet to") == ["Neither of the sides has yet to"]
    assert matches(p, "Neither of the big two sides has yet to") == []
    assert matches(p, "Neither side spoke, and it has yet to") == []
    assert matches("neither *{0,5} has yet to", "Neither side spoke, it has yet to") == ["Neither side spoke , it has yet to"]


def test_gap_exclusion_and_negated_token():
    assert matches("neither _{0,6}!(and|but) has yet to", "neither side spoke and it has yet to") == []
    assert matches("the !big dog", "the big dog and the old dog") == ["the old dog"]


def test_alternatives_of_several_words_optional_and_regex():
    assert matches("(did|does) not? deny (nothing|no one)", "She did deny no one") == ["did deny no one"]
    assert matches("(did|does) not? deny (nothing|no one)", "He does not deny nothing") == ["does not deny nothing"]
    assert matches("/\\d+/ people", "About 12 people came") == ["12 people"]
    assert matches("/\\d+/ people", "Many people came") == []


def test_matches_do_not_overlap_and_are_case_insensitive():
    assert matches("no no", "No no no no") == ["No no", "no no"]
    assert matches("CAN'T HARDLY", "they can’t hardly wait") == ["can’t hardly"]


def test_first_words_include_optional_starts():
    assert parse("(a|b c) d").first == {"a", "b"}
    assert parse("x? y z").first == {"x", "y"}
    assert parse("(x? y|z) w").first is None
    assert parse("/re/ x").first is None
    assert matches("very? cold day", "a cold day and a very cold day") == ["cold day", "very cold day"]


def test_first_parses_in_many_threads_at_once_all_succeed():
    """pyparsing's arity trial on an action's first calls raced across threads (TypeError)."""
    import threading

    from newslint.language import patterngrammar

    patterns = ["neither _* (has|have) yet to", "(a|an) /\\d+/ !the *{1,3} said?", "no _{2} never"]
    errors: list[BaseException] = []
    for _ in range(30):
        patterngrammar._grammar.cache_clear()
        gate = threading.Barrier(8)

        def work(i: int, gate: threading.Barrier = gate) -> None:
            gate.wait()
            try:
                patterngrammar.parse(patterns[i % len(patterns)])
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert not errors, errors[:3]
