"""newslint never writes beside its inputs: every byte, file and directory of the
linted tree is the same after a run, whatever the options (only --output is written)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from clihelpers import FIXTURE_RULES, run_cli


def snapshot(root: Path) -> dict[str, tuple[str, int, int]]:
    """Every path under root: (sha256 or link target or 'dir', mode, mtime_ns)."""
    out: dict[str, tuple[str, int, int]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = os.path.join(dirpath, name)
            st = os.lstat(p)
            if os.path.islink(p):
                kind = "link:" + os.readlink(p)
            elif os.path.isdir(p):
                kind = "dir"
            else:
                with open(p, "rb") as fh:
                    kind = hashlib.sha256(fh.read()).hexdigest()
            out[os.path.relpath(p, root)] = (kind, st.st_mode, st.st_mtime_ns)
    return out


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "desk"
    (root / "world" / "europe").mkdir(parents=True)
    (root / "house" / "style").mkdir(parents=True)
    (root / ".newslint.yaml").write_text(
        "rule_dirs: [house]\nvocabulary: [Kowalczyk]\nper_file_ignores: {'world/*.md': [demo.soft]}\n", encoding="utf-8"
    )
    (root / "house" / "style" / "percent.yml").write_text(
        "check: substitution\nmessage: \"Use '{expected}'.\"\nswap: {per cent: percent}\n", encoding="utf-8"
    )
    (root / "a.txt").write_text("date 2024-01-13 Gazette\n\nHead\n\nWe leverage the the per cent rise.\n", encoding="utf-8")
    (root / "world" / "b.md").write_text("---\ndate: 2024-01-13\n---\n# Head\n\nIt was very good, per cent.\n", encoding="utf-8")
    (root / "world" / "europe" / "c.html").write_text("<h1>Head</h1><p>We leverage synergy.</p>", encoding="utf-8")
    (root / "world" / "europe" / "bom.txt").write_bytes("\ufeffHead\n\nCafé leverage.\n".encode("utf-8"))
    (root / "bad.txt").write_bytes(b"Head\n\n\xff bad byte\n")
    (root / "notes.csv").write_text("leverage\n", encoding="utf-8")
    (root / "link.txt").symlink_to(root / "a.txt")
    os.utime(root / "a.txt", ns=(1_000_000_000, 1_000_000_000))
    return root


RUNS = [
    [],
    ["--format", "json", "--output", "{out}/report.json"],
    ["--format", "sarif", "--output", "{out}/report.sarif", "-j", "2"],
    ["--format", "junit", "--output", "{out}/report.xml", "-j", "2", "--statistics"],
    ["--format", "github", "-j", "2", "--date", "2024-01-13"],
    ["--no-config", "--rule-dir", str(FIXTURE_RULES), "--select", "demo", "-j", "2"],
]


@pytest.mark.parametrize("args", RUNS, ids=lambda a: " ".join(a) or "default")
def test_run_leaves_the_tree_untouched(tree, tmp_path, monkeypatch, args):
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(tree)  # nothing may land in the working directory either
    before = snapshot(tree)
    r = run_cli(["check", *(a.format(out=out) for a in args), str(tree), "world/b.md", "link.txt"])
    assert r.code in (1, 2), r.err
    assert snapshot(tree) == before
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(Path(a.format(out=out)).name for a in args if a.startswith("{out}"))


def test_stdin_and_listing_commands_leave_the_tree_untouched(tree, monkeypatch):
    monkeypatch.chdir(tree)
    before = snapshot(tree)
    run_cli(["check", "-", "--stdin-filename", "world/new.md"], stdin="# Head\n\nWe leverage it.\n")
    run_cli(["rules", "--all"])
    run_cli(["rule", "style.percent"])
    assert snapshot(tree) == before


def test_api_leaves_the_tree_untouched(tree):
    from newslint import lint_paths, lint_text

    before = snapshot(tree)
    list(lint_paths([str(tree)], jobs=2))
    lint_text("Head\n\nWe leverage it.\n", path=str(tree / "x.md"))
    assert snapshot(tree) == before


@pytest.mark.parametrize("target", ["a.txt", "link.txt", "world/b.md"])
def test_output_onto_an_input_is_refused(tree, monkeypatch, target):
    monkeypatch.chdir(tree)
    before = snapshot(tree)
    r = run_cli(["check", "--format", "json", "--output", target, "."])
    assert r.code == 2 and "is one of the files being checked" in r.err
    assert snapshot(tree) == before
