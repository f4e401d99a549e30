"""Name slips and lost spaces: the pieces behind names.variant, names.org-variant and words.fused."""

from __future__ import annotations

from newslint.checks import fused
from newslint.checks._orgnames import phrases, slips
from newslint.language.persons import build_table, lexicon
from newslint.parsers import parse


def _table(text: str):
    doc, _ = parse(text, "t.txt", None)
    return build_table(doc)


def _found(text: str) -> dict[tuple[str, ...], list[int]]:
    out: dict[tuple[str, ...], list[int]] = {}
    for words, start, end in phrases(text, 0, len(text), lexicon().stop):
        assert text[start:end] == " ".join(words)
        out.setdefault(words, []).append(start)
    return out


def _counts(text: str) -> dict[str, int]:
    from collections import Counter

    import regex

    return dict(Counter(w.lower() for w in regex.findall(r"\w+", text)))


def test_phrases_are_cut_at_stop_words_and_keep_link_words_inside():
    found = _found("On Monday the Bank of England and The Westmere Harbour Board met.")
    assert ("Bank", "of", "England") in found
    assert ("Westmere", "Harbour", "Board") in found and ("Harbour", "Board") in found
    assert not any(w[0] in ("On", "The", "of") or w[-1] in ("of", "and") for w in found)


def test_a_slip_is_reported_once_as_its_longest_phrase():
    text = "Westmere Harbour Board. Westmere Harbour Board. Westmre Harbour Board."
    got = list(slips(_found(text), _counts(text), frozenset()))
    assert [(s.form, s.other, len(s.other_at)) for s in got] == [("Westmre Harbour Board", "Westmere Harbour Board", 2)]
    assert text[got[0].start : got[0].end] == "Westmre Harbour Board"


def test_a_word_the_article_uses_elsewhere_is_no_slip():
    text = "Bank of Ostravia. Bank of Ostravia. Bank of Ostrava. Ostrava is a city."
    assert list(slips(_found(text), _counts(text), frozenset())) == []


def test_places_case_and_plurals_are_not_slips():
    for text in ("Ukip Party. Ukip Party. UKIP Party.", "Trade Union Act. Trade Union Act. Trade Unions Act."):
        assert list(slips(_found(text), _counts(text), frozenset())) == [], text
    text = "Bank of Iran. Bank of Iran. Bank of Iraq."
    assert list(slips(_found(text), _counts(text), frozenset(["Iran", "Iraq"]))) == []
    assert len(list(slips(_found(text), _counts(text), frozenset()))) == 1  # only the places list keeps them apart


def test_an_honorific_starts_a_name_even_after_a_capitalised_verb():
    t = _table("Analyst Ian Fogg spoke. Said Mr Fogg: \"It is cheap.\"")
    assert [(m.text, m.honorific) for m in t.mentions if m.kind == "honorific"] == [("Fogg", "Mr")]


def test_a_full_name_whose_surname_has_an_honorific_is_a_person():
    t = _table("The harbour master, Marta Vell, opened the quay. Ms Vell thanked the builders.")
    assert [p.name for p in t.persons] == ["Marta Vell"]
    t = _table("Marta Vell opened the quay. Ms Vell thanked the builders. Marta Vell left.")
    assert [p.name for p in t.persons] == ["Marta Vell"]


def test_a_capitalised_slip_opening_a_sentence_is_no_given_name():
    t = _table("Mr Reagan spoke on Monday. Athough Reagan said little, the talks went on.")
    assert [p.name for p in t.persons] == ["Reagan"]


def test_mid_sentence_gaps():
    assert fused._mid_sentence(" ") and fused._mid_sentence(", ") and fused._mid_sentence(" - ") and fused._mid_sentence(" <")
    assert fused._mid_sentence(" -\n\n")  # a dateline running into the story
    assert not fused._mid_sentence(". ") and not fused._mid_sentence("\n\n") and not fused._mid_sentence(' "')


def test_what_may_follow_a_split():
    assert fused._fits_after("said", "it") and fused._fits_after("to", "report") and fused._fits_after("and", "based")
    assert fused._fits_after("in", "1987") and fused._fits_after("in", "the")
    assert not fused._fits_after("on", "rose") and not fused._fits_after("in", "hotels")


def test_common_split_needs_a_long_common_head():
    options = fused.Options()
    assert fused._common_split("slowingin", "consumer", options) == len("slowing")
    assert fused._common_split("statin", "every", options) is None  # "stat" is too short to trust
    assert fused._common_split("slowingin", "xqzv", options) is None  # the next word must fit


def test_two_word_titles_may_be_hyphenated():
    assert lexicon().titles["rear-admiral"] == lexicon().titles["rear admiral"]
    t = _table("The deputy leader, Rear-Admiral Augustus Aukhomu, spoke on Monday.")
    assert [(m.text, [x.role for x in m.titles]) for m in t.mentions] == [("Augustus Aukhomu", [lexicon().titles["rear admiral"].role])]


def test_an_appositive_title_may_end_at_the_reporting_verb():
    t = _table("Guenther Ascohff, chief economist at Ostmark Bank in Lindau said rates would fall.")
    m = next(m for m in t.mentions if m.text == "Guenther Ascohff")
    assert [(x.role, x.complement) for x in m.titles] == [("chief economist", "Ostmark Bank in Lindau")]


def test_a_long_title_case_run_yields_no_phrases():
    line = " ".join(["Harbour"] * 17)
    assert list(phrases(line, 0, len(line), lexicon().stop)) == []
    assert list(phrases(" ".join(["Harbour"] * 3), 0, 23, lexicon().stop))


def _slip_time(text: str) -> float:
    import time

    t0 = time.perf_counter()
    list(slips(_found(text), _counts(text), frozenset()))
    return time.perf_counter() - t0


def test_org_slips_are_linear_in_document_size():
    para = "The Westmere Harbour Board and the Bank of Ostravia met the Port Authority of Lindau. "
    small = "\n\n".join([para] * 50)
    big = "\n\n".join([para] * 400)
    assert _slip_time(big) < 8 * 12 * max(_slip_time(small), 1e-3)  # 8x the text: far from quadratic
