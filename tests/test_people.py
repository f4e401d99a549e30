"""The person table: names, honorifics, titles, appositives, ages and scopes."""

from __future__ import annotations

import time

from newslint.language.persons import (
    build_table,
    fold,
    lexicon,
    short_forms,
    similar,
    surname_of,
    within_one_edit,
)
from newslint.parsers import parse


def table(text: str):
    doc, _ = parse(text, "t.txt", None)
    return build_table(doc)


def by_text(t, name: str):
    return [m for m in t.mentions if m.text == name]


def test_lexicon_has_enough_titles_and_modifiers():
    lex = lexicon()
    assert len(lex.titles) >= 300
    assert {"acting", "former", "then", "deputy", "shadow", "ex"} <= set(lex.status)
    assert lex.titles["prime minister"].kind == "office"
    assert lex.titles["chancellor of the exchequer"].role == "chancellor"


def test_full_names_of_many_shapes():
    t = table(
        "Prime Minister Xi Jinping met Jean-Claude Juncker. Ursula von der Leyen, the commission president, "
        "joined Crown Prince Mohammed bin Salman and Prime Minister José Luis Rodríguez Zapatero."
    )
    names = {p.name for p in t.persons}
    assert {"Xi Jinping", "Jean-Claude Juncker", "Ursula von der Leyen", "José Luis Rodríguez Zapatero"} <= names
    assert "Mohammed bin Salman" in names


def test_surname_shapes():
    assert surname_of(("Xi", "Jinping")) == "Xi"
    assert surname_of(("Ursula", "von", "der", "Leyen")) == "von der Leyen"
    assert surname_of(("Mohammed", "bin", "Salman")) == "bin Salman"
    assert surname_of(("Lee", "Westwood")) == "Westwood"
    assert {"Zapatero", "Rodríguez Zapatero"} <= short_forms(("José", "Luis", "Rodríguez", "Zapatero"))
    assert "Assad" in short_forms(("Bashar", "al-Assad"))


def test_honorifics_possessives_and_bare_surnames_link_to_the_person():
    t = table(
        "US Secretary of State Antony Blinken arrived. Mr Blinken met Ms. Hewitt and Dr Fauci. "
        "Blinken's aides stayed. Ms von der Leyen, not introduced, spoke."
    )
    blinken = next(p for p in t.persons if p.name == "Antony Blinken")
    kinds = [(m.kind, m.honorific, m.possessive) for m in blinken.mentions]
    assert kinds == [("full", "", False), ("honorific", "Mr", False), ("surname", "", True)]
    assert {p.name for p in t.persons} >= {"Hewitt", "Fauci", "von der Leyen"}


def test_titles_before_after_and_in_relative_clauses():
    t = table(
        "US Secretary of State Antony Blinken met China's ambassador to the US, Xie Feng, and "
        "Liu Jianchao, who is head of international liaison for China's Communist Party. "
        "Richard Parsons, chairman and chief executive of Time Warner, said so. "
        "The then-Chancellor Kenneth Clarke and former Prime Minister John Major spoke."
    )
    blinken = by_text(t, "Antony Blinken")[0].titles[0]
    assert (blinken.role, blinken.qualifier, blinken.placement) == ("secretary of state", "us", "pre")
    xie = by_text(t, "Xie Feng")[0].titles[0]
    assert (xie.role, xie.placement) == ("ambassador", "before")
    liu = by_text(t, "Liu Jianchao")[0].titles[0]
    assert (liu.role, liu.placement) == ("head", "relative")
    parsons = [x.role for x in by_text(t, "Richard Parsons")[0].titles]
    assert parsons == ["chairman", "chief executive"]
    assert by_text(t, "Kenneth Clarke")[0].titles[0].status == "past"
    assert by_text(t, "John Major")[0].titles[0].status == "past"


def test_ages_and_scopes():
    t = table("Smith appointed\n\nJohn Smith, 45, was named chief executive. The 47-year-old Smith joined in 1990.")
    ages = [m.age.value for m in t.mentions if m.age]
    assert ages == [45, 47]
    assert t.mentions[0].scope == "headline"  # the headline's "Smith" is John Smith
    t = table("Blinken visits China\n\nSecretary of State Antony Blinken arrived on Monday.")
    assert [m.scope for m in t.mentions] == ["headline", "paragraph"]


def test_relatives_resolve_by_honorific():
    t = table("Tony Blair and his wife Cherie Blair arrived. Mr Blair spoke first. Mrs Blair followed.")
    mr = by_text(t, "Blair")
    names = [t.persons[m.person].name for m in mr]
    assert names == ["Tony Blair", "Cherie Blair"]


def test_organisations_and_places_are_not_people():
    t = table("Standard Oil Co said profits rose. Wells Fargo said so too. In London, Goldman Sachs Group declined.")
    assert not t.persons
    assert "Standard" in t.org_words


def test_capital_headlines_are_skipped():
    t = table("STANDARD OIL TO FORM UNIT\n\nJohn Smith, president of the company, said so.")
    assert [m.scope for m in t.mentions] == ["paragraph"]


def test_edit_distance_helpers():
    assert within_one_edit("hewitt", "hewit")
    assert within_one_edit("antony", "anthony")
    assert within_one_edit("slutsky", "slutksy")  # a swap is one edit
    assert not within_one_edit("brown", "browns!")
    assert fold("Rodríguez") == fold("Rodriguez")
    assert similar("Zelenskyy", "Zelensky")
    assert not similar("Ed", "Ted")  # too short to compare by edits


def test_table_is_linear_in_document_size():
    para = "Chancellor Gordon Brown, 53, met Mr Blair and US Secretary of State Antony Blinken in London. "
    small = "\n\n".join([para] * 50)
    big = "\n\n".join([para] * 400)
    t0 = time.perf_counter()
    table(small)
    t_small = time.perf_counter() - t0
    t0 = time.perf_counter()
    table(big)
    t_big = time.perf_counter() - t0
    assert t_big < 8 * 12 * max(t_small, 1e-3)  # 8x the text: far from quadratic
