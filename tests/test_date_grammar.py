"""The date grammar: exact spans and interpretations, and resolution against a publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from newslint.document import Block
from newslint.language.dategrammar import find_dates, interpret
from newslint.language.datementions import clause_tense, nearest_year, resolve, resolve_weekday

SAT = dt.date(2024, 1, 13)  # a Saturday


def spans(text: str) -> list[str]:
    return [text[f.start : f.end] for f in find_dates(text)]


def one(text: str):
    found = list(find_dates(text))
    assert len(found) == 1, [text[f.start : f.end] for f in found]
    return found[0].expr


@pytest.mark.parametrize(
    ("text", "span", "fields"),
    [
        # US / AP
        ("It opened Jan. 12 in Ohio.", "Jan. 12", dict(kind="date", month=1, day=12, year=None)),
        ("It opened Sept. 3, 2024, in Ohio.", "Sept. 3, 2024", dict(month=9, day=3, year=2024)),
        ("It opened January 12, 2024.", "January 12, 2024", dict(month=1, day=12, year=2024)),
        ("It opened Friday, Jan. 12.", "Friday, Jan. 12", dict(weekday=4, month=1, day=12)),
        ("It opened on Friday (Jan. 12).", "on Friday (Jan. 12)", dict(kind="date", mod="on", weekday=4, month=1, day=12)),
        ("It opened Jan. 12, 2024 (Friday).", "Jan. 12, 2024 (Friday)", dict(weekday=4, month=1, day=12, year=2024)),
        ("It opened Friday ( 12 January ) in Leeds.", "Friday ( 12 January )", dict(weekday=4, month=1, day=12)),
        # wire
        ("SALVADOR, Feb 26 - Showers fell.", "Feb 26", dict(month=2, day=26)),
        ("It opened March 9 at noon.", "March 9", dict(month=3, day=9)),
        ("It opened Sep 30.", "Sep 30", dict(month=9, day=30)),
        # UK
        ("It opened 12 January 2024.", "12 January 2024", dict(month=1, day=12, year=2024)),
        ("It opened Friday 12 January.", "Friday 12 January", dict(weekday=4, month=1, day=12)),
        ("It opened 12th January.", "12th January", dict(month=1, day=12)),
        ("It opened the 12th of January.", "12th of January", dict(month=1, day=12)),
        # ISO and numeric
        ("It opened 2024-01-12.", "2024-01-12", dict(kind="date", year=2024, month=1, day=12)),
        ("It opened 03/04/2024.", "03/04/2024", dict(kind="numeric", numeric=(3, 4, 2024), day=None)),
        # weekdays
        ("It opened on Friday.", "on Friday", dict(kind="weekday", mod="on", weekday=4, core=3)),
        ("It opened last Tuesday.", "last Tuesday", dict(kind="weekday", mod="last", weekday=1)),
        ("It opens next Monday.", "next Monday", dict(mod="next", weekday=0)),
        ("It opens this Thursday.", "this Thursday", dict(mod="this", weekday=3)),
        ("It opened on Friday, Jan. 12.", "on Friday, Jan. 12", dict(kind="date", mod="on", core=3, weekday=4)),
        # relative days
        ("It opened yesterday.", "yesterday", dict(kind="relative", rel="yesterday")),
        ("Today it opens.", "Today", dict(kind="relative", rel="today")),
        ("It opens tomorrow.", "tomorrow", dict(rel="tomorrow")),
        ("It opens tonight.", "tonight", dict(rel="tonight")),
        ("It had closed the day before.", "the day before", dict(rel="the day before")),
        ("They met yesterday, Tuesday, in Rome.", "yesterday, Tuesday", dict(kind="relative", rel="yesterday", weekday=1)),
        ("It opens today (Monday) at noon.", "today (Monday)", dict(rel="today", weekday=0)),
        ("It opens tomorrow, March 5, at noon.", "tomorrow, March 5", dict(rel="tomorrow", month=3, day=5)),
        # months and periods
        ("It opened in November.", "in November", dict(kind="month", month=11, mod="in")),
        ("It opened last month.", "last month", dict(kind="period", rel="last", unit="month")),
        ("It opened earlier this month.", "earlier this month", dict(kind="period", rel="earlier this", unit="month")),
        ("It opened in mid-March.", "mid-March", dict(kind="month", mod="mid-", month=3, core=4)),
        ("It opened January 2024.", "January 2024", dict(kind="month", month=1, year=2024)),
        # years
        ("It opened in 2021.", "in 2021", dict(kind="year", year=2021, mod="in")),
        ("Prices rose since 2021.", "since 2021", dict(year=2021, mod="since")),
        ("It will open by 2030.", "by 2030", dict(year=2030, mod="by")),
        ("The 1986/87 crop was large.", "1986/87", dict(kind="year", year=1986, year2=1987)),
        # ranges
        ("It runs April 8-9.", "April 8-9", dict(kind="date", month=4, day=8, day2=9)),
        ("It runs 8-10 June.", "8-10 June", dict(kind="date", month=6, day=8, day2=10)),
        # impossible days are still dates (the rules judge them)
        ("It opens February 30.", "February 30", dict(month=2, day=30)),
        ("It opens March 32.", "March 32", dict(month=3, day=32)),
        ("It opens 31 June.", "31 June", dict(month=6, day=31)),
    ],
)
def test_spans_and_fields(text, span, fields):
    found = list(find_dates(text))
    assert [text[f.start : f.end] for f in found] == [span]
    for key, value in fields.items():
        assert getattr(found[0].expr, key) == value, key


@pytest.mark.parametrize(
    "text",
    [
        "Shares rose in March 30 pct above a year ago.",  # a quantity, not March 30
        "It sold 1,500 tonnes in Jan.",
        "May I ask? The march began at noon.",
        "Rates rose 3/4 point to 7-3/4 pct.",
        "A protest march of 12 people.",
        "There were 2000 tonnes left.",
    ],
)
def test_not_a_day(text):
    assert all(f.expr.kind != "date" for f in find_dates(text)), spans(text)


def test_a_bracket_after_a_weekday_pairs_only_a_date():
    assert spans("They met on Friday (the 12th) and on Friday (in Leeds).") == ["on Friday", "on Friday"]


def test_month_alone_needs_a_modifier():
    assert spans("May the best bid win. March on, they said.") == []
    assert spans("Sales fell in May.") == ["in May"]


def test_grammar_parses_every_candidate():
    text = "On Friday, Jan. 12, 2024, yesterday (Thursday) and 8-10 June 2025 since 2021 last year"
    assert all(f.expr is not None for f in find_dates(text))
    assert interpret("not a date") is None


def test_nearest_year_never_uses_the_clock():
    assert nearest_year(12, 29, dt.date(2024, 1, 2)) == 2023
    assert nearest_year(1, 5, dt.date(2023, 12, 20)) == 2024
    assert nearest_year(7, 1, SAT) == 2024


def _resolve(text, pub=SAT, order=None):
    f = next(iter(find_dates(text)))
    return resolve(f.expr, f.start, f.end, Block("paragraph", 0, len(text)), pub, order)


def test_resolve_dates():
    assert _resolve("Friday, Dec. 29").date == dt.date(2023, 12, 29)
    m = _resolve("April 8-9")
    assert (m.date, m.last, m.year_inferred) == (dt.date(2024, 4, 8), dt.date(2024, 4, 9), True)
    assert _resolve("Feb. 30").impossible == "February has 28 days, 29 in a leap year"
    assert _resolve("April 31, 2024").impossible == "April has 30 days"
    assert _resolve("Feb. 29, 2023").impossible == "2023 is not a leap year"
    assert _resolve("Feb. 29", pub=dt.date(2023, 3, 1)).impossible == "2023 is not a leap year"
    assert _resolve("Feb. 29", pub=dt.date(2024, 3, 1)).impossible is None
    assert _resolve("Feb. 29", pub=None).impossible is None
    assert _resolve("January 0").impossible == "there is no day 0"


def test_numeric_dates_need_the_house_order():
    assert _resolve("03/04/2024").date is None
    assert _resolve("03/04/2024", order="mdy").date == dt.date(2024, 3, 4)
    assert _resolve("03/04/2024", order="dmy").date == dt.date(2024, 4, 3)
    assert _resolve("31/04/2024", order="dmy").impossible == "April has 30 days"
    assert _resolve("2024/03/04").date == dt.date(2024, 3, 4)


def test_bare_weekdays_resolve_by_tense():
    assert resolve_weekday(4, SAT, "past") == dt.date(2024, 1, 12)
    assert resolve_weekday(5, SAT, "past") == SAT
    assert resolve_weekday(1, SAT, "future") == dt.date(2024, 1, 16)
    assert resolve_weekday(1, SAT, None, mod="last") == dt.date(2024, 1, 9)
    assert resolve_weekday(0, SAT, None, mod="this") == dt.date(2024, 1, 8)
    assert resolve_weekday(0, SAT, None, mod="this", week_start=6) == dt.date(2024, 1, 8)
    assert resolve_weekday(6, SAT, None, mod="this", week_start=6) == dt.date(2024, 1, 7)


@pytest.mark.parametrize(
    ("sentence", "date", "tense"),
    [
        ("The two sides signed the deal on January 20.", "January 20", "past"),
        ("The talks will resume on January 20.", "January 20", "future"),
        ("The final vote is set for January 20.", "January 20", "future"),
        ("The vote was scheduled for January 20.", "January 20", "prospective"),
        ("The firm agreed to sell the unit on January 20.", "January 20", "prospective"),
        ("On January 20, the two sides signed the deal.", "January 20", "past"),
        ("In 2029 the company lost money.", "2029", "past"),
        ("The company plans to list its shares on January 20.", "January 20", "future"),
        ("They signed the deal, which takes effect on January 20.", "January 20", "present"),
        ("The company said it expects to break even in 2029.", "2029", "future"),
        ("The revised offer expires on January 20.", "January 20", "present"),
    ],
)
def test_clause_tense(sentence, date, tense):
    start = sentence.index(date)
    assert clause_tense(sentence, 0, start, start + len(date), len(sentence)) == tense
