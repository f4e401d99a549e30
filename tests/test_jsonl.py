"""JSON Lines archives: one document per record, named FILE#ID, bad records reported one by one."""

import gzip
import json

from newslint.inputs import Source
from newslint.jsonl import Fields, Record, archive_records, is_archive
from newslint.model import FileResult


def _write(path, rows):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8")
    return path


def test_records_are_named_by_id_else_number_and_carry_date_and_format(tmp_path):
    path = _write(tmp_path / "a.jsonl", [
        {"id": "s1", "body": "One.", "published": "2024-03-05T10:00:00Z", "kind": "markdown"},
        {"body": "Two."},
        "",
        {"id": 7, "body": "Three."},
    ])
    fields = Fields(text="body", id="id", date="published", format="kind")
    got = list(archive_records(Source(str(path), str(path)), None, fields, "-"))
    assert [g.display for g in got] == [f"{path}#s1", f"{path}#2", f"{path}#7"]
    assert all(isinstance(g, Record) for g in got)
    assert got[0].date.isoformat() == "2024-03-05" and got[0].fmt == "markdown" and got[1].fmt == "plain"


def test_bad_records_are_errors_naming_file_and_record_and_the_rest_are_read(tmp_path):
    path = _write(tmp_path / "b.jsonl", [
        {"text": "Fine."}, "{not json", {"text": 3}, {"body": "x"}, [1, 2], {"text": "x", "format": "pdf"},
        {"text": "x", "date": "soon"}, {"text": "Also fine."},
    ])
    got = list(archive_records(Source(str(path), str(path)), None, Fields(date="date", format="format"), "-"))
    errors = [g for g in got if isinstance(g, FileResult)]
    assert [type(g).__name__ for g in got].count("Record") == 2
    messages = [e.errors[0].message for e in errors]
    assert [e.path for e in errors] == [f"{path}#{n}" for n in (2, 3, 4, 5, 6, 7)]
    assert messages[0].startswith("record 2 (line 2): invalid JSON")
    assert "field 'text' must be a string, not int" in messages[1]
    assert "has no field 'text'" in messages[2]
    assert "must be a JSON object" in messages[3]
    assert "must be one of plain, markdown, html" in messages[4]
    assert "must be a date YYYY-MM-DD" in messages[5]


def test_gzip_archive_is_streamed_and_chosen_by_name(tmp_path):
    path = tmp_path / "c.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for i in range(3):
            fh.write(json.dumps({"text": f"Story {i}."}) + "\n")
    source = Source(str(path), str(path))
    assert is_archive(source, None) and not is_archive(source, "plain") and is_archive(Source("x.txt", "x.txt"), "jsonl")
    assert [r.text for r in archive_records(source, None, Fields(), "-")] == ["Story 0.", "Story 1.", "Story 2."]


def test_a_corrupt_gzip_is_one_error_for_the_file_after_the_good_records(tmp_path):
    path = tmp_path / "d.jsonl.gz"
    data = gzip.compress(b"".join(json.dumps({"text": f"S{i}"}).encode() + b"\n" for i in range(2000)))
    path.write_bytes(data[: len(data) // 2])
    got = list(archive_records(Source(str(path), str(path)), None, Fields(), "-"))
    assert isinstance(got[-1], FileResult) and got[-1].path == str(path)
    assert "gzip" in got[-1].errors[0].message or "compressed" in got[-1].errors[0].message


def _archive(path, n):
    """``n`` fictional short stories; every third has a repeated word on its second line."""
    rows = []
    for i in range(n):
        body = f"Harbour council meeting {i}\n\nThe board met on a quiet morning.\n"
        if i % 3 == 0:
            body += "Members said the the ferry was late.\n"
        rows.append({"id": f"story-{i:04d}", "body": body})
    return _write(path, rows)


def test_cli_archive_of_1500_records_gives_1500_documents_named_file_hash_id(tmp_path):
    from clihelpers import run_cli

    path = _archive(tmp_path / "archive.jsonl", 1500)
    got = run_cli(["check", "--no-config", str(path), "--text-field", "body", "--id-field", "id", "--format", "json"])
    report = json.loads(got.out)
    files = report["files"] if isinstance(report, dict) else report
    names = [f["path"] for f in files]
    assert len(names) == 1500 and names[0] == f"{path}#story-0000" and names[-1] == f"{path}#story-1499"
    repeated = [(f["path"], x["line"], x["column"]) for f in files for x in f["findings"] if x["match"] == "the the"]
    assert repeated[0] == (f"{path}#story-0000", 4, 14)  # lines and columns inside the record's text
    assert len(repeated) == 500 and got.code == 1


def test_cli_bad_records_exit_2_and_the_others_are_checked(tmp_path):
    from clihelpers import run_cli

    path = _write(tmp_path / "mixed.data", [{"text": "It was was fine."}, "{oops", {"text": None}, {"text": "Then then it rained."}])
    got = run_cli(["check", "--no-config", "--input-format", "jsonl", str(path)])
    assert got.code == 2
    assert f"{path}#1:1:4" in got.out and f"{path}#4:1:1" in got.out
    assert f"{path}#2" in got.out + got.err and "record 2 (line 2): invalid JSON" in got.out + got.err
    assert "record 3 (line 3): field 'text' must be a string, not NoneType" in got.out + got.err


def test_cli_baseline_of_an_archive_survives_a_record_shifted_down_and_reports_the_new_one(tmp_path):
    from clihelpers import run_cli

    rows = [{"id": "x1", "text": "The council said the the budget was late.\n"}, {"id": "x2", "text": "Prices rose.\n"}]
    path = _write(tmp_path / "feed.jsonl", rows)
    baseline = tmp_path / "baseline.json"
    args = ["check", "--no-config", "--id-field", "id", str(path)]
    assert run_cli([*args, "--write-baseline", str(baseline)]).code == 1
    entries = json.loads(baseline.read_text(encoding="utf-8"))["entries"]
    assert [e["file"] for e in entries] == [f"{path}#x1"]
    assert run_cli([*args, "--baseline", str(baseline)]).code == 0
    rows[0]["text"] = "\n\n" + rows[0]["text"] + "Then then it rained.\n"
    _write(path, rows)
    after = run_cli([*args, "--baseline", str(baseline), "--format", "json"])
    found = [(r["path"], f["match"], f["line"]) for r in json.loads(after.out)["files"] for f in r["findings"]]
    assert after.code == 1 and found == [(f"{path}#x1", "Then then", 4)]
    # the context is the record's own text: the same words in another context are new
    rows[0]["text"] = "Officials said the the budget was late.\n"
    _write(path, rows)
    assert run_cli([*args, "--baseline", str(baseline)]).code == 1


def test_cli_fix_refuses_an_archive_instead_of_rewriting_it(tmp_path):
    from clihelpers import run_cli

    path = _write(tmp_path / "feed.jsonl", [{"text": "It was was fine."}])
    before = path.read_bytes()
    for flag in ("--fix", "--diff"):
        got = run_cli(["check", "--no-config", flag, str(path)])
        assert got.code == 2 and "not with --dask or JSONL archives" in got.err
    assert path.read_bytes() == before
