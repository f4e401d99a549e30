"""Recall and false alarms of the dates rules, by injecting errors into real wire copy.

    python benchmarks/date_injection.py --n 300 --seed 7 [--show 10]

For each sampled Reuters-21578 article (../shared/corpus, read at run time, never
copied) a sentence is inserted after the first paragraph, in memory, and the copy is
linted with the article's wire date as publication date. Each error sentence has a
twin control: the same sentence made correct.

  weekday     a weekday that does not match its date ("on Tuesday, March 4")  -> dates.weekday
  impossible  a date that does not exist ("April 31", "29 February 1987")      -> dates.impossible
  tense       a past-tense event dated after publication                        -> dates.tense
  relative    "yesterday, <wrong weekday>"                                       -> dates.relative

Recall is the share of errors flagged by the target rule on the inserted sentence;
a false alarm is any dates.* finding on an inserted control sentence.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from injection.corpus import default_corpus  # noqa: E402  (the one place that knows where shared/corpus is)

from newslint.config import Config, build_ruleset  # noqa: E402
from newslint.engine import lint_source  # noqa: E402

CORPUS = default_corpus() / "reuters21578"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
AP = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
WIRE = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SUBJECTS = ["The company", "The two sides", "The board", "Officials", "Shareholders", "The ministers", "Negotiators", "The bank", "The union"]
PAST = [
    "{S} signed the agreement on {D}.",
    "{S} met on {D} to discuss the offer.",
    "{S} approved the merger on {D}.",
    "On {D}, {s} announced the sale of the unit.",
    "{S} completed the purchase on {D}, a spokesman said.",
    "{S} voted on {D} to accept the bid.",
    "{S} said on {D} it had sold the stake.",
    "The talks ended on {D} without agreement.",
    "{S} rejected the proposal on {D}.",
    "{S} closed the plant on {D}.",
    "The deal was signed on {D}.",
    "{S} agreed on {D} to buy the stake.",
    "{S} held talks with the buyers on {D}.",
    "Trading in the shares was halted on {D}.",
    "{S} reported a net loss of 12 mln dlrs on {D}.",
    "{S} raised its prime rate to 8-1/2 pct on {D}.",
    "Prices fell sharply on {D}, dealers said.",
    "The strike began on {D}.",
    "{S} filed for bankruptcy protection on {D}.",
    "{S} bought 500,000 shares on {D}.",
    "{S} had agreed on {D} to sell the division.",
    "The central bank cut its discount rate on {D}.",
    "{S} told reporters on {D} that output would rise.",
    "The shares rose two pct on {D} in heavy trading.",
]
FUTURE = [
    "{S} will meet on {D} to discuss the offer.",
    "The vote is set for {D}.",
    "{S} is scheduled to sign the agreement on {D}.",
    "{S} plans to announce the sale on {D}.",
    "{S} expects to complete the purchase on {D}.",
    "{S} is due to report results on {D}.",
    "The meeting will be held on {D}.",
    "{S} said it would pay the dividend on {D}.",
    "The offer expires on {D}.",
    "The new rate takes effect on {D}.",
    "{S} has called a special meeting for {D}.",
    "The strike is expected to begin on {D}.",
    "{S} said it hopes to sign the contract by {D}.",
    "The company said the sale was expected to close on {D}.",
    "{S} agreed to redeem the notes on {D}.",
]
# Held-out phrasings (--holdout): written after tuning, never tuned against.
HOLDOUT_PAST = [
    "Police arrested three men on {D} in connection with the robbery.",
    "The ministry published the figures on {D}.",
    "Parliament passed the bill on {D} by a narrow margin.",
    "{S} sold its stake in the refinery on {D}.",
    "The ship docked in Rotterdam on {D}.",
    "The government devalued the currency on {D}.",
    "Workers walked out on {D} over pay.",
    "The company's chairman resigned on {D}.",
    "Share prices plunged on {D} after the report.",
    "Fire destroyed the warehouse on {D}.",
    "{S} won the contract on {D}.",
    "The merger took effect on {D}.",
    "Talks broke down on {D}.",
    "{S} paid the final dividend on {D}.",
    "{D} saw the biggest one-day fall in the index since 1980.",
]
HOLDOUT_FUTURE = [
    "Parliament is expected to vote on the bill on {D}.",
    "The ship is due in Rotterdam on {D}.",
    "The results are to be published on {D}.",
    "{S} will hold its annual meeting on {D}.",
    "Talks are scheduled to resume on {D}.",
    "The new tariffs take effect on {D}.",
    "{S} hopes to finish the work by {D}.",
    "Delivery is planned for {D}.",
    "The offer remains open until {D}.",
]
HOLDOUT_WEEKDAY = [
    "The minister flew to Tokyo on {W}, {D}.",
    "Markets were closed on {W}, {D}, for a holiday.",
    "{S} first disclosed the stake on {W}, {D}.",
]
HOLDOUT_WEEKDAY_FUTURE = [
    "{W}, {D}, is the deadline for bids.",
    "Markets will be closed on {W}, {D}, for a holiday.",
    "{S} is to publish the terms on {W}, {D}.",
]
WEEKDAY_SENTENCES = [
    "{S} met on {W}, {D} to review the plan.",
    "The offer was filed on {W}, {D}, a spokesman said.",
    "{S} said the deal would close on {W}, {D}.",
    "Trading resumed {W} {D} after the halt.",
]
WEEKDAY_FUTURE = [
    "{S} will meet on {W}, {D} to review the plan.",
    "The offer is due on {W}, {D}, a spokesman said.",
    "{S} said the deal would close on {W}, {D}.",
    "Trading is set to resume {W} {D} after the halt.",
]


def fmt(d: dt.date, rng: random.Random, year: bool | None = None) -> str:
    """A date as wire, AP, full or UK copy writes it, with or without the year."""
    year = rng.random() < 0.4 if year is None else year
    style = rng.choice(["wire", "ap", "full", "uk"])
    if style == "uk":
        s = f"{d.day} {MONTHS[d.month - 1]}"
        return f"{s} {d.year}" if year else s
    month = {"wire": WIRE, "ap": AP, "full": MONTHS}[style][d.month - 1]
    return f"{month} {d.day}, {d.year}" if year else f"{month} {d.day}"


def subject(rng: random.Random) -> dict[str, str]:
    s = rng.choice(SUBJECTS)
    return {"S": s, "s": s[0].lower() + s[1:] if s.startswith("The") else s}


def weekday_pair(pub: dt.date, rng: random.Random) -> tuple[str, str]:
    d = pub + dt.timedelta(days=rng.randint(-20, 20))
    wrong = rng.choice([w for i, w in enumerate(WEEKDAYS) if i != d.weekday()])
    t, date = rng.choice(WEEKDAY_SENTENCES if d <= pub else WEEKDAY_FUTURE), fmt(d, rng)
    sub = subject(rng)
    return (t.format(W=wrong, D=date, **sub), t.format(W=WEEKDAYS[d.weekday()], D=date, **sub))


def impossible_pair(pub: dt.date, rng: random.Random) -> tuple[str, str]:
    month = rng.choice([2, 4, 6, 9, 11, 1, 3, 12])
    last = (dt.date(pub.year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    bad_day = last + 1 if month in (2, 4, 6, 9, 11) else 32
    year = rng.random() < 0.4 or (month == 2 and last == 28)
    bad = _manual(month, bad_day, pub.year, rng, year)
    good = _manual(month, last, pub.year, rng, year)
    when = dt.date(pub.year, month, last)
    if not year:  # the year a reader (and newslint) would take: the one nearest publication
        when = min((when.replace(year=y) for y in (pub.year - 1, pub.year, pub.year + 1) if month != 2 or last == 28), key=lambda d: abs((d - pub).days))
    t, sub = rng.choice(PAST if when < pub else FUTURE), subject(rng)
    return t.format(D=bad, **sub), t.format(D=good, **sub)


def _manual(month: int, day: int, year: int, rng: random.Random, with_year: bool) -> str:
    if rng.random() < 0.3:
        return f"{day} {MONTHS[month - 1]}" + (f" {year}" if with_year else "")
    name = rng.choice([MONTHS, AP, WIRE])[month - 1]
    return f"{name} {day}" + (f", {year}" if with_year else "")


def tense_pair(pub: dt.date, rng: random.Random) -> tuple[str, str]:
    after = pub + dt.timedelta(days=rng.randint(3, 25))
    before = pub - dt.timedelta(days=rng.randint(3, 25))
    sub = subject(rng)
    bad = rng.choice(PAST).format(D=fmt(after, rng), **sub)
    if rng.random() < 0.5:
        good = rng.choice(PAST).format(D=fmt(before, rng), **sub)
    else:
        good = rng.choice(FUTURE).format(D=fmt(after, rng), **sub)
    return bad, good


def relative_pair(pub: dt.date, rng: random.Random) -> tuple[str, str]:
    word, offset = rng.choice([("yesterday", -1), ("today", 0), ("tomorrow", 1)])
    right = (pub + dt.timedelta(days=offset)).weekday()
    wrong = rng.choice([i for i in range(7) if i != right])
    sub = subject(rng)
    t = rng.choice(["{S} met {R}, {W}, in Geneva.", "{S} said {R} ({W}) it would hold the price."])
    return t.format(R=word, W=WEEKDAYS[wrong], **sub), t.format(R=word, W=WEEKDAYS[right], **sub)


KINDS: dict[str, tuple[str, Callable[[dt.date, random.Random], tuple[str, str]]]] = {
    "weekday": ("dates.weekday", weekday_pair),
    "impossible": ("dates.impossible", impossible_pair),
    "tense": ("dates.tense", tense_pair),
    "relative": ("dates.relative", relative_pair),
}


def insert(text: str, sentence: str) -> tuple[str, int, int] | None:
    """Put ``sentence`` in a paragraph of its own after the first body paragraph."""
    first = text.find("\n    ")
    second = text.find("\n    ", first + 1) if first != -1 else -1
    if second == -1:
        return None
    at = second + 1
    new = f"{text[:at]}    {sentence}\n{text[at:]}"
    return new, at + 4, at + 4 + len(sentence)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--n", type=int, default=300, help="articles sampled (each gets every kind)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--show", type=int, default=0, help="print this many misses and false alarms per kind")
    ap.add_argument("--holdout", action="store_true", help="use the held-out phrasings instead of the tuning set")
    args = ap.parse_args(argv)
    if args.holdout:
        PAST[:], FUTURE[:] = HOLDOUT_PAST, HOLDOUT_FUTURE
        WEEKDAY_SENTENCES[:], WEEKDAY_FUTURE[:] = HOLDOUT_WEEKDAY, HOLDOUT_WEEKDAY_FUTURE
    rng = random.Random(args.seed)
    index = [json.loads(line) for line in (args.corpus / "index.jsonl").open(encoding="utf-8")]
    sample = rng.sample(index, min(len(index), args.n * 2))
    ruleset, errors = build_ruleset(Config(), select=("dates",))
    if errors:
        raise SystemExit(f"rule errors: {errors}")
    settings = Config().settings()
    hits, misses, alarms, controls = Counter(), Counter(), Counter(), Counter()
    shown: dict[str, list[str]] = {}
    used = 0
    started = time.perf_counter()
    for meta in sample:
        if used >= args.n:
            break
        text = (args.corpus / meta["path"]).read_text(encoding="utf-8")
        pub = dt.date.fromisoformat(meta["date"])
        if insert(text, "x") is None:
            continue
        used += 1
        for kind, (rule, make) in KINDS.items():
            bad, good = make(pub, rng)
            for sentence, is_error in ((bad, True), (good, False)):
                new, s, e = insert(text, sentence)  # type: ignore[misc]
                result = lint_source(new, meta["path"], ruleset.rules, settings, fmt="plain", date=pub)
                on_it = [f for f in result.findings if s <= f.offset < e]
                if is_error:
                    ok = any(f.rule == rule for f in on_it)
                    (hits if ok else misses)[kind] += 1
                    if not ok:
                        shown.setdefault(f"miss {kind}", []).append(f"{pub} {sentence}")
                else:
                    controls[kind] += 1
                    if on_it:
                        alarms[kind] += 1
                        shown.setdefault(f"alarm {kind}", []).append(f"{pub} {sentence} -> {[f.rule for f in on_it]}")
    elapsed = time.perf_counter() - started
    print(f"seed {args.seed}, {used} articles, {elapsed:.1f} s")
    print(f"{'kind':12} {'recall':>16} {'false alarms':>18}")
    for kind in KINDS:
        n = hits[kind] + misses[kind]
        print(f"{kind:12} {hits[kind]:5}/{n:<5} {hits[kind] / max(n, 1):6.1%} {alarms[kind]:7}/{controls[kind]:<5} {alarms[kind] / max(controls[kind], 1):6.1%}")
    total_n = sum(hits.values()) + sum(misses.values())
    print(f"{'all':12} {sum(hits.values()):5}/{total_n:<5} {sum(hits.values()) / max(total_n, 1):6.1%} "
          f"{sum(alarms.values()):7}/{sum(controls.values()):<5} {sum(alarms.values()) / max(sum(controls.values()), 1):6.1%}")
    if args.show:
        for key, items in sorted(shown.items()):
            print(f"\n{key}:")
            for item in items[: args.show]:
                print(f"  {item}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
