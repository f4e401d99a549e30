"""benchmarks/injection: scoring on a hand-made case, and the generators on a fictional article.

No corpus needed: the scoring test builds copies and a newslint report by hand, so a wrong
recall, macro recall or precision fails it; the generator tests check that each defect is
where the injection says it is. The end-to-end run on the corpus is in
tests/test_benchmarks_smoke.py.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from injection import bylines, dates, orgs, people, quotes, spelling, structure, words
from injection.base import Injection, Kind
from injection.build import Copy
from injection.corpus import Article
from injection.kinds import KINDS
from injection.score import score

# A fictional story in the BBC layout: headline, blank line, one paragraph per line.
STORY = """Harbour council backs new ferry plan

The Northfield Harbour Board said on Monday it had approved a plan to replace the old ferry fleet by 2027.

Helen Marsh, the board's chairman, said the plan would cost about 40 million pounds. Mrs Marsh said the favourite option was a fleet of four smaller boats (two of them electric) for the winter programme.

"We have listened to the town and we think this is the right choice," Mrs Marsh said. The Northfield Harbour Board will publish the full programme in March and the colour of the new boats will be chosen by local schools.

Governor Tom Reed backed the plan, and Mr Reed said he would visit the harbour in June. Local traders welcomed the news, and the harbour neighbour groups said they favoured a quick start. Officials said the work would begin in the autumn if the money was found in time.

Mrs Marsh said she expected the first boat to sail by the end of next year, and traders said the town had waited long enough for a decision.
"""


def _article(text: str = STORY, date: dt.date | None = None) -> Article:
    return Article("fiction", "fiction/story.txt", date, Path("story.txt"), text)


def _never(art: Article, rng: random.Random) -> Injection | None:
    return None


def _finding(rule: str, line: int, offset: int, length: int = 3) -> dict:
    return {"rule": rule, "line": line, "column": 1, "offset": offset, "length": length, "message": "m"}


def test_recall_precision_and_macro_on_a_hand_made_case() -> None:
    a1 = Kind("a", "words", "words.repeated", False, False, _never, "family")
    a2 = Kind("b", "words", "words.fused", False, False, _never, "family")
    c = Kind("c", "dates", "dates.weekday", False, False, _never)
    ctl = Kind("control: x", "words", "words.repeated", True, False, _never)
    art = _article("one two three four five six seven eight nine ten\n")  # 10 words
    LINES = "line\n" * 10
    copies = [
        Copy("1", art, a1, LINES, ((10, 15),), "", frozenset({2})),  # detected by its own rule, on the defect
        Copy("2", art, a1, LINES, ((10, 15),), "", frozenset({3})),  # missed
        Copy("3", art, a2, LINES, ((10, 15),), "", frozenset({2})),  # same group on the line, another rule, off the span
        Copy("4", art, c, LINES, ((0, 4),), "", frozenset({1})),  # detected
        Copy("5", art, ctl, LINES, ((0, 4),), "", frozenset({2})),  # control flagged
        Copy("6", art, None, LINES),  # untouched, one finding
    ]
    report = {"files": [
        {"path": "d/1", "findings": [_finding("words.repeated", 2, 11)]},
        {"path": "d/2", "findings": [_finding("words.repeated", 9, 40)]},
        {"path": "d/3", "findings": [_finding("words.typo", 2, 30)]},
        {"path": "d/4", "findings": [_finding("dates.weekday", 1, 2)]},
        {"path": "d/5", "findings": [_finding("words.repeated", 2, 1)]},
        {"path": "d/6", "findings": [_finding("words.typo", 1, 0)]},
    ]}
    result = score(copies, report, (a1, a2, c, ctl))

    assert result["classes"]["a"]["recall"] == 0.5 and result["classes"]["a"]["rule_recall"] == 0.5
    assert result["classes"]["b"]["recall"] == 1.0 and result["classes"]["b"]["rule_recall"] == 0.0
    assert result["classes"]["b"]["span_recall"] == 0.0
    fam = result["families"]["family"]
    assert (fam["n"], fam["detected"], fam["rule_detected"]) == (3, 2, 1)
    assert fam["recall"] == 0.6667 and result["families"]["c"]["recall"] == 1.0
    assert result["macro_recall"] == round((2 / 3 + 1.0) / 2, 4)
    assert result["controls"]["control: x"]["false_alarms"] == 1
    assert result["controls_total"] == {"n": 1, "flagged": 1, "flagged_rate": 1.0, "any_rule_overlap": 1}
    assert result["precision"]["words.repeated"] == {"findings": 3, "on_defect": 1, "precision": 0.3333}
    assert result["precision"]["words.typo"]["precision"] == 0.0  # the untouched copy's finding is not counted here
    assert result["precision"]["dates.weekday"]["precision"] == 1.0
    assert result["untouched"]["findings"] == 1 and result["untouched"]["per_10k_words"] == 1000.0


def test_every_issue_12_class_has_a_kind() -> None:
    families = {k.cls for k in KINDS if not k.control}
    assert families == {
        "repeated word", "fused words", "double negative", "weekday contradicts its date", "impossible date",
        "relative day vs publication date", "past tense after publication", "duplicated sentence or paragraph",
        "byline twice in the lead", "name spelled two ways", "organisation misspelt once", "one person, two titles",
        "British/American spellings mixed", "unbalanced quotation", "unbalanced bracket",
    }
    assert len({k.name for k in KINDS}) == len(KINDS)


def _changed(inj: Injection | None) -> Injection:
    assert inj is not None
    assert inj.text != STORY
    for s, e in inj.spans:
        assert 0 <= s <= e <= len(inj.text)
    return inj


GENERATORS = [
    words.inject_fused_capital, words.inject_fused_said, bylines.inject_byline_fused, bylines.inject_byline_twice,
    structure.inject_duplicate_paragraph, people.inject_given_name_variant, people.inject_title_conflict_any,
    orgs.inject_org_variant, spelling.inject_family, quotes.inject_quote_before_attribution, quotes.inject_bracket,
    people.control_similar_surnames, quotes.control_quote_attribution, spelling.control_computer_program,
]


@pytest.mark.parametrize("generate", GENERATORS, ids=lambda g: g.__name__)
def test_generators_place_their_change_in_the_story(generate) -> None:
    hits = [inj for seed in range(12) if (inj := generate(_article(), random.Random(seed)))]
    assert hits, "no seed produced an injection on the story"
    for inj in hits:
        _changed(inj)


def test_specific_defects() -> None:
    fused = _changed(words.inject_fused_said(_article(), random.Random(1)))
    assert "said" in fused.text[fused.spans[0][0] : fused.spans[0][1]] and " said" not in fused.text[fused.spans[0][0] : fused.spans[0][1]]
    twice = _changed(bylines.inject_byline_twice(_article(), random.Random(1)))
    first, second = (twice.text[s:e] for s, e in twice.spans)
    assert first == second and first.startswith("By ")
    para = _changed(structure.inject_duplicate_paragraph(_article(), random.Random(2)))
    s, e = para.spans[0]
    assert para.text.count(para.text[s:e]) == 2
    org = _changed(orgs.inject_org_variant(_article(), random.Random(3)))
    assert "Northfield Harbour Board" in org.text and org.text.count("Northfield Harbour Board") == 1


def test_spelling_families_and_their_exception() -> None:
    fam = next(f for f in spelling.FAMILIES if f.name == "programme/program")
    text = "The programme ran late. A computer program failed. The programmes resume."
    uses = spelling.family_words(fam, text, 0)
    assert [w for _, w, _ in uses["british"]] == ["programme", "programmes"]
    assert uses["american"] == []  # "computer program" is the accepted exception
    our = next(f for f in spelling.FAMILIES if f.name == "-our/-or")
    assert [o for _, _, o in spelling.family_words(our, "the favourite colour of labourers", 0)["british"]] == ["favorite", "color", "laborers"]


def test_tense_weekday_is_after_publication() -> None:
    story = STORY.replace("on Monday ", "")
    inj = dates.inject_tense_weekday(_article(story, dt.date(1987, 3, 2)), random.Random(4))  # a Monday
    assert inj is not None
    sentence = inj.text[inj.spans[0][0] : inj.spans[0][1]]
    assert "next " in sentence or "March" in sentence or "Mar" in sentence
