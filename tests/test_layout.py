"""The package layout shows the design: no function of 100 lines or more, no module name twice.

A newcomer reading the tree should find one module per concept (``people.py`` beside
``checks/people.py`` once meant two things), and a function should fit on a screen.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "newslint"
MAX_LINES = 100


def _functions(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def long_functions(root: Path = PACKAGE, limit: int = MAX_LINES) -> list[str]:
    out = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for fn in _functions(tree):
            lines = fn.end_lineno - fn.lineno + 1  # type: ignore[operator]
            if lines >= limit:
                out.append(f"{path.relative_to(root.parent)}:{fn.lineno} {fn.name} ({lines} lines)")
    return out


def shared_names(root: Path = PACKAGE) -> dict[str, list[str]]:
    by_name: dict[str, list[str]] = defaultdict(list)
    for path in sorted(root.rglob("*.py")):
        if path.name != "__init__.py":
            by_name[path.name].append(str(path.relative_to(root.parent)))
    return {name: paths for name, paths in by_name.items() if len(paths) > 1}


def test_no_function_is_100_lines_or_longer() -> None:
    assert long_functions() == []


def test_no_two_modules_share_a_file_name() -> None:
    assert shared_names() == {}


def test_the_checks_can_fail(tmp_path: Path) -> None:
    pkg = tmp_path / "newslint"
    (pkg / "checks").mkdir(parents=True)
    (pkg / "people.py").write_text("def short():\n    return 1\n")
    (pkg / "checks" / "people.py").write_text("def long():\n" + "    x = 1\n" * 99 + "    return x\n")
    assert shared_names(pkg) == {"people.py": ["newslint/checks/people.py", "newslint/people.py"]}
    assert long_functions(pkg) == ["newslint/checks/people.py:1 long (101 lines)"]
    assert long_functions(pkg, limit=102) == []
