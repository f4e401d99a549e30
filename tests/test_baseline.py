"""Baseline fingerprints survive line shifts and catch new findings."""

import json

from newslint.baseline import apply, dumps, fingerprint, load
from newslint.model import FileResult, Finding, Severity


def _finding(source: str, match: str, rule: str = "grammar.repeated-word") -> Finding:
    offset = source.index(match)
    return Finding(rule, Severity.ERROR, "repeated word", 1, offset + 1, 1, offset + len(match) + 1, offset, len(match), match)


def test_shifted_file_keeps_fingerprint_and_new_finding_is_reported(tmp_path):
    old = "The mayor said the the budget was late.\n"
    new = "\n\n" + old + "Prices rose and and rose again.\n"
    before = [FileResult("a.txt", (_finding(old, "the the"),))]
    path = tmp_path / "baseline.json"
    path.write_text(dumps(before, lambda p: old), encoding="utf-8")
    assert dumps(before, lambda p: old) == path.read_text(encoding="utf-8")  # stable under re-runs
    after = [FileResult("a.txt", (_finding(new, "the the"), _finding(new, "and and")))]
    filtered = apply(after, load(str(path)), lambda p: new)
    assert [f.match for r in filtered.results for f in r.findings] == ["and and"]
    assert filtered.stale == 0


def test_fixed_finding_counts_as_stale_and_context_matters():
    src = "It was was fine.\n"
    f = _finding(src, "was was")
    assert fingerprint("a.txt", f, src) != fingerprint("b.txt", f, src)
    other = "Then it was was fine.\n"
    assert fingerprint("a.txt", f, src) != fingerprint("a.txt", _finding(other, "was was"), other)
    baseline = load_from([FileResult("a.txt", (f,))], src)
    filtered = apply([FileResult("a.txt", ())], baseline, lambda p: src)
    assert filtered.stale == 1


def load_from(results, src):
    import json
    from collections import Counter

    data = json.loads(dumps(results, lambda p: src))
    return Counter({(e["file"], e["rule"], e["fingerprint"]): e["count"] for e in data["entries"]})


def _stories(root):
    root.mkdir()
    (root / "council.txt").write_text("The council said the the budget was late.\nIt met on Monday.\n", encoding="utf-8")
    (root / "market.txt").write_text("Shares fell sharply.\nTraders were were calm.\n", encoding="utf-8")
    (root / "clean.txt").write_text("A quiet day in the harbour town.\n", encoding="utf-8")
    return root


def test_cli_directory_with_its_own_baseline_reports_only_new_findings(tmp_path):
    from clihelpers import run_cli

    root = _stories(tmp_path / "stories")
    baseline = tmp_path / "baseline.json"
    first = run_cli(["check", "--no-config", str(root), "--write-baseline", str(baseline)])
    assert first.code == 1 and "the the" in first.out and "were were" in first.out
    written = baseline.read_text(encoding="utf-8")
    assert run_cli(["check", "--no-config", str(root), "--write-baseline", str(baseline)]).code == 1
    assert baseline.read_text(encoding="utf-8") == written  # stable under re-runs
    clean = run_cli(["check", "--no-config", str(root), "--baseline", str(baseline)])
    assert clean.code == 0, clean.out + clean.err
    assert clean.out == ""

    council = root / "council.txt"
    council.write_text("\n\n" + council.read_text(encoding="utf-8"), encoding="utf-8")
    market = root / "market.txt"
    market.write_text(market.read_text(encoding="utf-8") + "Prices rose and and rose.\n", encoding="utf-8")
    after = run_cli(["check", "--no-config", str(root), "--baseline", str(baseline), "--format", "json"])
    assert after.code == 1
    data = json.loads(after.out)
    found = [(r["path"], f["match"], f["line"]) for r in data["files"] for f in r["findings"]]
    assert found == [(str(market), "and and", 3)]


def test_cli_statistics_counts_stale_entries(tmp_path):
    from clihelpers import run_cli

    root = _stories(tmp_path / "stories")
    baseline = tmp_path / "baseline.json"
    run_cli(["check", "--no-config", str(root), "--write-baseline", str(baseline)])
    (root / "market.txt").write_text("Shares fell sharply.\nTraders were calm.\n", encoding="utf-8")
    stats = run_cli(["check", "--no-config", str(root), "--baseline", str(baseline), "--statistics"])
    assert stats.code == 0
    assert "     1  stale baseline entries" in stats.out


def test_cli_bad_baseline_exits_2_naming_file_and_entry(tmp_path):
    from clihelpers import run_cli

    root = _stories(tmp_path / "stories")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"version": 1, "entries": [{"file": "a", "rule": "r", "fingerprint": "f"}, {"file": 3}]}), encoding="utf-8")
    run = run_cli(["check", "--no-config", str(root), "--baseline", str(bad)])
    assert run.code == 2
    assert str(bad) in run.err and "entry 2" in run.err
    bad.write_text("{not json", encoding="utf-8")
    run = run_cli(["check", "--no-config", str(root), "--baseline", str(bad)])
    assert run.code == 2 and str(bad) in run.err


def test_cli_baseline_for_stdin(tmp_path):
    from clihelpers import run_cli

    baseline = tmp_path / "b.json"
    text = "We saw saw the ship.\n"
    assert run_cli(["check", "--no-config", "-", "--stdin-filename", "s.txt", "--write-baseline", str(baseline)], text).code == 1
    assert run_cli(["check", "--no-config", "-", "--stdin-filename", "s.txt", "--baseline", str(baseline)], text).code == 0
