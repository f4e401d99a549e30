"""Fixes end to end: --diff, --fix, --unsafe-fixes, byte-exact writes, markup, formats."""

from __future__ import annotations

import dataclasses
import json
import os
import stat
from pathlib import Path

import pytest
from clihelpers import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from invariants import check_result

from newslint.document import LineIndex
from newslint.engine import lint_source
from newslint.fixcli import fix_text
from newslint.fixing import applicable, apply_fixes
from newslint.model import Edit, Fix
from newslint.rules import builtin_rules_dir, load_rules

CRLF = b"The rose and and rose by the river.\r\n\r\nThe company did not deny nothing.\r\n"
DEFENCE = "The defence ministry said the centre would open in May.\n\nA defense official said the plan had been revised.\n"


def check(*args: str, stdin: bytes = b""):
    return run_cli(["check", "--no-config", *args], stdin=stdin)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


# --- the Done-when of issue 14 --------------------------------------------------------


def test_crlf_diff_then_fix_then_fix_again(tmp_path: Path) -> None:
    art = write(tmp_path, "story.txt", CRLF)
    before = os.stat(art).st_mtime_ns

    diff = check("--diff", str(art))
    assert diff.code == 1
    assert f"--- a/{art}\n+++ b/{art}\n" in diff.out
    assert "-The rose and and rose by the river.\r\n+The rose and rose by the river.\r\n" in diff.out
    assert art.read_bytes() == CRLF and os.stat(art).st_mtime_ns == before
    assert "would fix 1 finding in 1 file" in diff.err

    fixed = check("--fix", "--fail-on", "warning", str(art))
    assert fixed.code == 1  # the double negative has no fix and is still reported
    assert art.read_bytes() == CRLF.replace(b"and and", b"and", 1)
    assert "[grammar.double-negative]" in fixed.out and "words.repeated" not in fixed.out
    assert fixed.err.startswith("fixed 1 finding in 1 file; remaining: 1 finding (1 error)")

    again = check("--fix", "--fail-on", "warning", str(art))
    assert art.read_bytes() == CRLF.replace(b"and and", b"and", 1)
    assert again.code == 1 and again.err.startswith("fixed 0 findings in 0 files")
    nothing = check("--diff", str(art))
    assert (nothing.code, nothing.out) == (0, "")


def test_bom_and_missing_final_newline_kept(tmp_path: Path) -> None:
    art = write(tmp_path, "bom.txt", b"\xef\xbb\xbfThe the talks collapsed on Tuesday.")
    assert check("--fix", str(art)).code == 0
    assert art.read_bytes() == b"\xef\xbb\xbfThe talks collapsed on Tuesday."


def test_utf16_with_bom_written_back_in_utf16(tmp_path: Path) -> None:
    text = "Talks on the the budget resumed.\r\n"
    art = write(tmp_path, "wide.txt", text.encode("utf-16"))
    assert check("--fix", str(art)).code == 0
    assert art.read_bytes() == "Talks on the budget resumed.\r\n".encode("utf-16")


def test_diff_marks_missing_final_newline(tmp_path: Path) -> None:
    art = write(tmp_path, "end.txt", b"Talks on the the budget resumed.")
    out = check("--diff", str(art)).out
    assert out.endswith("+Talks on the budget resumed.\n\\ No newline at end of file\n")


def test_hard_wrapped_double_is_fixed_across_the_line_break(tmp_path: Path) -> None:
    art = write(tmp_path, "wrap.txt", b"Officials said the deal would go to\nto a vote next week.\n")
    assert check("--fix", str(art)).code == 0
    assert art.read_bytes() == b"Officials said the deal would go to a vote next week.\n"


# --- markup: only spans that are the prose itself --------------------------------------


@pytest.mark.parametrize(
    ("name", "source", "fixed"),
    [
        ("a.md", "Talks went *on and and* on.\n", "Talks went *on and* on.\n"),
        ("b.md", "Talks on **the** the budget resumed.\n", "Talks on **the** budget resumed.\n"),
        ("c.md", "Talks on the [the](https://example.org) budget resumed.\n", None),
        ("d.md", "Talks on the *the* budget resumed.\n", None),
        ("e.html", "<p>Talks on the the budget resumed.</p>\n", "<p>Talks on the budget resumed.</p>\n"),
        ("f.html", "<p>Talks on the&nbsp;the budget resumed.</p>\n", None),
        ("g.html", "<p>Talks on the <b>the</b> budget resumed.</p>\n", None),
        ("h.html", "<p>Talks on &#116;he the budget resumed.</p>\n", "<p>Talks on &#116;he budget resumed.</p>\n"),
        ("i.html", "<p>Talks on the &#116;he budget resumed.</p>\n", None),
    ],
)
def test_markup_fixed_only_where_the_source_is_the_prose(tmp_path: Path, name: str, source: str, fixed: str | None) -> None:
    art = write(tmp_path, name, source.encode())
    shown = check(str(art))
    assert "[words.repeated]" in shown.out
    assert ("[*]" in shown.out) == (fixed is not None)
    check("--fix", str(art))
    assert art.read_text(encoding="utf-8") == (fixed if fixed is not None else source)


# --- writing: atomic, mode kept, never for a file that failed ---------------------------


def test_atomic_write_keeps_mode_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    art = write(tmp_path, "story.txt", CRLF)
    os.chmod(art, 0o640)
    check("--fix", str(art))
    assert sorted(os.listdir(tmp_path)) == ["story.txt"]
    assert stat.S_IMODE(os.stat(art).st_mode) == 0o640


def test_symlink_stays_a_link_to_the_fixed_file(tmp_path: Path) -> None:
    real = write(tmp_path, "real.txt", b"Talks on the the budget resumed.\n")
    link = tmp_path / "link.txt"
    link.symlink_to(real.name)
    check("--fix", str(link))
    assert link.is_symlink() and real.read_bytes() == b"Talks on the budget resumed.\n"


def test_undecodable_file_is_not_written(tmp_path: Path) -> None:
    data = b"Talks on the the budget \xff resumed.\n"
    art = write(tmp_path, "bad.txt", data)
    r = check("--fix", str(art))
    assert r.code == 2 and "not valid UTF-8" in r.out
    assert art.read_bytes() == data


def test_file_with_an_error_is_not_fixed(tmp_path: Path) -> None:
    source = b"<!-- newslint-disable no.such-rule -->\nTalks on the the budget resumed.\n"
    art = write(tmp_path, "story.md", source)
    r = check("--fix", str(art))
    assert r.code == 2 and "unknown rule 'no.such-rule'" in r.out
    assert art.read_bytes() == source


def test_stdin_fix_prints_the_fixed_text(tmp_path: Path) -> None:
    r = check("--fix", "-", stdin=b"Talks on the the budget resumed.\r\n")
    assert r.out == "Talks on the budget resumed.\r\n"
    assert r.code == 0


# --- safe and unsafe --------------------------------------------------------------------


def test_unsafe_fixes_only_when_asked(tmp_path: Path) -> None:
    art = write(tmp_path, "spell.txt", DEFENCE.encode())
    shown = check(str(art))
    assert "[style.consistency] Inconsistent" in shown.out  # no [*]: --fix alone would not
    assert "1 fixable with --fix --unsafe-fixes" in shown.err
    assert "[style.consistency] [*]" in check("--unsafe-fixes", str(art)).out
    check("--fix", str(art))
    assert art.read_text(encoding="utf-8") == DEFENCE
    diff = check("--diff", "--unsafe-fixes", str(art))
    assert "+A defence official" in diff.out and art.read_text(encoding="utf-8") == DEFENCE
    assert check("--fix", "--unsafe-fixes", str(art)).code == 0
    assert art.read_text(encoding="utf-8") == DEFENCE.replace("defense", "defence")


def test_overlapping_fixes_resolve_the_same_whatever_the_order() -> None:
    text = "abcdefgh"
    fixes = [
        Fix("safe", "a", (Edit(2, 3, "X"),)),
        Fix("safe", "b", (Edit(4, 2, "Y"),)),  # overlaps the first: dropped
        Fix("safe", "c", (Edit(6, 0, "Z"),)),
        Fix("safe", "d", (Edit(6, 0, "W"),)),  # the same insertion point: one wins, always the same
    ]
    results = {apply_fixes(text, order) for order in (fixes, fixes[::-1], fixes[1:] + fixes[:1])}
    assert len(results) == 1
    (new, count), = results
    assert (new, count) == ("abXfWgh", 2)
    assert apply_fixes(new, []) == (new, 0)


# --- the fix in machine formats ---------------------------------------------------------


def test_json_fix_offsets_and_positions_index_the_source(tmp_path: Path) -> None:
    art = write(tmp_path, "story.txt", CRLF)
    doc = json.loads(check("--format", "json", str(art)).out)
    findings = doc["files"][0]["findings"]
    (repeated,) = [f for f in findings if f["rule"] == "words.repeated"]
    negative = next(f for f in findings if f["rule"] == "grammar.double-negative")
    assert negative["fix"] is None
    source = CRLF.decode()
    lines = LineIndex.of(source)
    fix = repeated["fix"]
    assert fix["applicability"] == "safe" and fix["message"] == "Delete ' and'"
    (edit,) = fix["edits"]
    assert source[edit["offset"] : edit["offset"] + edit["length"]] == " and"
    assert (edit["line"], edit["column"]) == lines.position(edit["offset"])
    assert (edit["end_line"], edit["end_column"]) == lines.position(edit["offset"] + edit["length"])
    assert edit["replacement"] == ""


def test_every_builtin_fix_keeps_inside_its_finding() -> None:
    rules = [dataclasses.replace(r, enabled=True) for r in load_rules([builtin_rules_dir()]).rules if r.fix]
    source = "The the talks went on on.\n\nHe said ,it was fine.He left.  Then  he  came back to the defence and defense centre.\n"
    result = lint_source(source, "a.txt", rules)
    fixes = [f for f in result.findings if f.fix]
    assert {f.rule for f in fixes} >= {"words.repeated", "punctuation.spacing"}
    for f in fixes:
        for e in f.fix.edits:
            assert f.offset <= e.offset <= e.end <= f.offset + f.length
    fixed, _ = apply_fixes(source, [f.fix for f in fixes])
    again = lint_source(fixed, "a.txt", rules)
    assert not [f for f in again.findings if f.fix and f.fix.applicability == "safe"]


# --- rule files -------------------------------------------------------------------------


def test_fix_key_is_validated(tmp_path: Path) -> None:
    d = tmp_path / "r"
    (d / "bad").mkdir(parents=True)
    (d / "bad" / "word.yml").write_text("check: repetition\nmessage: m\nfix: maybe\n", encoding="utf-8")
    (d / "bad" / "none.yml").write_text("check: existence\nmessage: m\ntokens: [a]\nfix: safe\n", encoding="utf-8")
    art = write(tmp_path, "a.txt", b"Text.\n")
    r = run_cli(["check", "--no-config", "--rule-dir", str(d), "--select", "bad", str(art)])
    assert r.code == 2
    assert f"{d}/bad/word.yml:3:6: error: 'fix' must be one of safe, unsafe, none, not 'maybe'" in r.err
    assert f"{d}/bad/none.yml:4:6: error: check 'existence' offers no fixes; remove 'fix' or set it to none" in r.err


def test_name_variant_fix_is_unsafe_and_ties_offer_none(tmp_path: Path) -> None:
    majority = "Secretary of State Antony Blinken arrived.\n\nAntony Blinken spoke first. Anthony Blinken said the talks were useful.\n"
    art = write(tmp_path, "names.txt", majority.encode())
    doc = json.loads(check("--format", "json", "--select", "names", str(art)).out)
    (variant,) = [f for f in doc["files"][0]["findings"] if f["rule"] == "names.variant"]
    assert variant["fix"]["applicability"] == "unsafe"
    assert variant["fix"]["edits"][0]["replacement"] == "Antony Blinken"
    check("--fix", "--unsafe-fixes", str(art))
    assert art.read_text(encoding="utf-8") == majority.replace("Anthony", "Antony")
    tie = "Secretary of State Antony Blinken arrived.\n\nAnthony Blinken said the talks were useful.\n"
    doc = json.loads(check("--format", "json", "--select", "names", str(write(tmp_path, "tie.txt", tie.encode()))).out)
    assert [f["fix"] for f in doc["files"][0]["findings"] if f["rule"] == "names.variant"] == [None]


def test_a_rule_can_turn_its_fix_off(tmp_path: Path) -> None:
    d = tmp_path / "r" / "house"
    d.mkdir(parents=True)
    (d / "doubled.yml").write_text("check: repetition\nmessage: 'Doubled: {match}'\nfix: none\n", encoding="utf-8")
    (d / "swap.yml").write_text("check: substitution\nmessage: 'Use {expected}'\nswap: {'e-mail': email}\n", encoding="utf-8")
    (d / "safe-swap.yml").write_text("check: substitution\nmessage: 'Use {expected}'\nswap: {'per cent': percent}\nfix: safe\n", encoding="utf-8")
    art = write(tmp_path, "a.txt", b"Send the the e-mail, said 5 per cent of staff.\n")
    r = run_cli(["check", "--no-config", "--rule-dir", str(tmp_path / "r"), "--select", "house", "--fix", str(art)])
    assert "[house.doubled]" in r.out and "[house.swap]" in r.out and "safe-swap" not in r.out
    assert art.read_bytes() == b"Send the the e-mail, said 5 percent of staff.\n"


_WORDS = ["the", "The", "and", "rose", "talks", "said", "defence", "defense", " ", "  ", "\n", "\r\n", ",", ".", "*", "&amp;", "<b>", "</b>"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_WORDS), max_size=30), st.sampled_from(["a.txt", "a.md", "a.html"]))
def test_fixing_converges_and_changes_only_fixed_spans(words: list[str], name: str) -> None:
    """Fixing twice equals fixing once, and every byte outside the edits stays."""
    rules = [dataclasses.replace(r, enabled=True) for r in load_rules([builtin_rules_dir()]).rules if r.fix]
    source = " ".join(words)

    def lint(text: str):  # type: ignore[no-untyped-def]
        result = lint_source(text, name, rules)
        check_result(text, result)
        return result

    once = fix_text(lint, source, unsafe=True)
    twice = fix_text(lint, once.after, unsafe=True)
    assert twice.after == once.after
    first = lint(source)
    new, count = apply_fixes(source, applicable(first.findings, unsafe=True))
    if count == len(applicable(first.findings, unsafe=True)):  # nothing dropped: check byte by byte
        edits = sorted((e for f in first.findings if f.fix for e in f.fix.edits), key=lambda e: e.offset)
        kept, last = [], 0
        for e in edits:
            kept.append(source[last : e.offset])
            last = e.end
        kept.append(source[last:])
        rest = new
        for piece in kept:  # the untouched pieces appear in order in the fixed text
            at = rest.find(piece)
            assert at != -1
            rest = rest[at + len(piece) :]


def test_python_api_fix_text() -> None:
    from newslint import fix_text as api_fix

    fixed, left = api_fix("The the talks collapsed.\r\n\r\nA defense aide and a defence aide spoke.\r\n", date="2024-01-13")
    assert fixed == "The talks collapsed.\r\n\r\nA defense aide and a defence aide spoke.\r\n"
    assert [f.rule for f in left.findings] == ["style.consistency"]
    fixed, left = api_fix("The the talks collapsed.\n", unsafe=True, path="a.md")
    assert fixed == "The talks collapsed.\n" and not left.findings


def test_symbol_forms_are_not_swapped(tmp_path: Path) -> None:
    """"12 percent" → "12 %" would be wrong: a fix that changes spacing is not offered."""
    text = "Prices rose 4% in March and 5% in April.\n\nWages rose 12 percent.\n"
    doc = json.loads(check("--format", "json", "--select", "style.consistency", str(write(tmp_path, "p.txt", text.encode()))).out)
    (finding,) = doc["files"][0]["findings"]
    assert finding["match"] == "percent" and finding["fix"] is None


def test_stdin_fix_in_a_real_process_keeps_bytes() -> None:
    import subprocess
    import sys

    data = "Talks on the the budget résumé.\r\nNo final newline".encode()
    run = subprocess.run([sys.executable, "-m", "newslint", "check", "--no-config", "--fix", "-"], input=data, capture_output=True, timeout=120, env={**os.environ, "LC_ALL": "C"})
    assert run.stdout == data.replace(b"the the", b"the")
    assert run.returncode == 0, run.stderr


def test_parallel_fix_matches_serial(tmp_path: Path) -> None:
    texts = {f"s{i}.txt": (CRLF if i % 2 else DEFENCE.encode()) for i in range(5)}
    trees = {}
    for jobs in ("1", "2"):
        root = tmp_path / f"j{jobs}"
        root.mkdir()
        for name, data in texts.items():
            write(root, name, data)
        r = check("-j", jobs, "--fix", "--unsafe-fixes", "--fail-on", "warning", str(root))
        trees[jobs] = ({p.name: p.read_bytes() for p in root.iterdir()}, r.code, r.out.replace(str(root), "ROOT"), r.err)
    assert trees["1"] == trees["2"]
    files, code, _out, err = trees["2"]
    assert files["s1.txt"] == CRLF.replace(b"and and", b"and") and files["s0.txt"] == DEFENCE.replace("defense", "defence").encode()
    assert code == 1 and err.startswith("fixed 5 findings in 5 files")
