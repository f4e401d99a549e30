"""The built wheel carries the built-in rules, and an installed copy loads them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{proc.stdout}\n{proc.stderr}")
    (whl,) = out.glob("newslint-*.whl")
    return whl


def _source_rule_files() -> set[str]:
    rules = ROOT / "rules"
    return {str(p.relative_to(rules)) for p in rules.rglob("*.yml")}


def test_wheel_contains_every_rule_and_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {n.removeprefix("newslint/builtin_rules/") for n in names if n.startswith("newslint/builtin_rules/") and n.endswith(".yml")}
    assert _source_rule_files() <= shipped
    assert "newslint/cli.py" in names


def test_installed_copy_loads_its_own_rules(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)], check=True)
    code = (
        "import newslint.rules as r, newslint.config as c;"
        "d = r.builtin_rules_dir(); rs, errs = c.build_ruleset(c.Config());"
        "print(d); print(len(rs.all_rules)); print(len(errs))"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    where, count, errors = proc.stdout.split()
    assert Path(where).resolve().is_relative_to(target.resolve())
    expected = len([p for p in (ROOT / "rules").glob("*/*.yml") if not p.parent.name.startswith("_")])
    assert int(count) == expected and int(errors) == 0


def test_wheel_carries_the_desk_page_assets(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    static = ROOT / "newslint" / "web" / "static"
    assert {f"newslint/web/static/{p.name}" for p in static.iterdir()} <= names
    assert "newslint/web/app.py" in names
