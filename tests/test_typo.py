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


def _typos(text: str) -> list[tuple[str, str]]:
    from newslint import lint_text

    return [(f.match, f.message) for f in lint_text(text, path="a.txt", select=("words.typo",)).findings]


def test_american_and_british_spellings_are_both_words():
    assert _typos("The labor union and the labour party met at the harbor and the harbour.\n") == []


def test_words_made_from_words_are_not_slips():
    # suffixes, prefixes, closed compounds and combining forms before a hyphen
    text = "The funders said defunding the assistive pigmeat trade would co-ordinate intra-city talks.\n"
    assert _typos(text) == []


def test_a_slip_next_to_a_doubled_letter_is_still_a_slip():
    assert [m for m, _ in _typos("The offerring was targetted at banks.\n")] == ["offerring", "targetted"]


def test_first_letter_edits_and_word_endings_are_not_taken():
    # "fracking" is not "tracking"; "crypto" is not "crypt"; "securitiesd" has an ending English lacks
    assert _typos("The fracking and crypto firms said so.\n") == []
    assert [m for m, _ in _typos("Investment securitiesd rose.\n")] == ["securitiesd"]


def test_ambiguous_slips_name_both_words_and_long_words_may_be_two_edits_off():
    (m, msg), = _typos("She receivd the letter.\n")
    assert m == "receivd" and "'received' or 'receive'" in msg
    (m, msg), = _typos("It was definetly over.\n")
    assert m == "definetly" and "'definitely'" in msg


def test_latin_names_elisions_and_foreign_phrases_are_left_alone():
    text = "Strains of Haemophilus influenzae spread in situ, a prima facie case, and folk kept livin' on.\n"
    assert _typos(text) == []
