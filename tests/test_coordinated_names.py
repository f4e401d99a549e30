"""``coordinated_head`` ("Reagan and Nancy Reagan") replaced a regex compiled per surname:
it must say exactly what that regex said, newline before ``$`` included."""

from __future__ import annotations

import itertools

import regex

from newslint.checks.people import coordinated_head


def by_regex(head: str, surname: str) -> bool:
    """The definition it replaced."""
    return regex.search(rf"(?<![\p{{L}}]){regex.escape(surname)}(?:[ ]and[ ]|[ ]&[ ])$", head) is not None


def test_examples():
    assert coordinated_head("Mr Obi and ", "Obi") and coordinated_head(" Obi & ", "Obi") and coordinated_head("Obi and \n", "Obi")
    assert not coordinated_head("Mobi and ", "Obi") and not coordinated_head("Obi and", "Obi") and not coordinated_head("Obi or ", "Obi")


def test_it_agrees_with_the_regex_it_replaced():
    pieces = ["Obi", " and ", " & ", "\n", "x", "é", " ", "1", "and", "&", "O'Neil"]
    agreed = true = 0
    for surname in ("Obi", "O'Neil", "É", ""):
        for k in range(1, 5):
            for parts in itertools.product(pieces, repeat=k):
                head = "".join(parts)
                expected = by_regex(head, surname)
                assert coordinated_head(head, surname) == expected, (head, surname)
                agreed += 1
                true += expected
    assert true > 100 and agreed > true  # both answers exercised
