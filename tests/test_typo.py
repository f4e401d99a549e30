"""words.typo: the edit-distance core and the config word-list files it honours."""

from __future__ import annotations

from clihelpers import run_cli

from newslint.checks.typo import Options, edits1, suggestion

STORY = "The council will recieve the report on Monday, officials said.\n"


def test_edits1_covers_each_damerau_operation():
    e = edits1("gains")
    assert {"gins", "agins", "gaons", "gainsx", "xgains"} <= e  # delete, transpose, replace, insert
    assert "gains" not in e and "gnias" not in e


def test_suggestion_needs_a_frequent_unambiguous_word():
    assert suggestion("gaons", Options()) == "gains"
    assert suggestion("securitiesd", Options()) == "securities"
    assert suggestion("zqxjv", Options()) is None
    assert suggestion("gaons", Options(min_frequency=10**12)) is None


def test_vocabulary_word_list_file_silences_the_rule(tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    args = ["check", "--select", "words.typo", str(tmp_path / "a.txt")]
    assert "recieve" in run_cli(args).out
    (tmp_path / "house.txt").write_text("# house spellings\nRecieve\n\n", encoding="utf-8")
    (tmp_path / ".newslint.yaml").write_text("vocabulary: [Kowalczyk, house.txt]\n", encoding="utf-8")
    r = run_cli(args)
    assert r.code == 0 and "recieve" not in r.out


def test_missing_word_list_is_a_located_config_error(tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / ".newslint.yaml").write_text("vocabulary: [missing.txt]\n", encoding="utf-8")
    r = run_cli(["check", str(tmp_path / "a.txt")])
    assert r.code == 2 and ".newslint.yaml:1" in r.err and "missing.txt" in r.err
