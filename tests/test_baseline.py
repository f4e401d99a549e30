"""Baseline fingerprints survive line shifts and catch new findings."""

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
