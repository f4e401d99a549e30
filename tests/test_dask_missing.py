"""Without Dask installed, --dask is a clear usage error (exit 2) that says how to install it."""

import sys

from clihelpers import run_cli


def test_dask_missing_exits_2_saying_how_to_install(tmp_path, monkeypatch):
    story = tmp_path / "s.txt"
    story.write_text("It was was fine.\n", encoding="utf-8")
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed now raises ImportError
    got = run_cli(["check", "--no-config", "--dask", str(story)])
    assert got.code == 2
    assert "pip install 'newslint[dask]'" in got.err and got.out == ""


def test_a_path_after_dask_is_a_path_not_an_address(tmp_path):
    from newslint.distributed import is_address

    assert is_address("tcp://10.0.0.5:8786") and is_address("sched.local:8786")
    assert not is_address(str(tmp_path)) and not is_address("stories/")
