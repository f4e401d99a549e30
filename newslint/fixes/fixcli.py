"""``newslint check --fix / --unsafe-fixes / --diff``: lint, fix, lint again, report what is left.

Each file is fixed in passes: lint, apply the fixes that do not overlap, lint the
result again, until no fix applies (an overlap dropped in one pass is applied in
the next). The findings of the last pass are what the report shows, so the exit
code reflects what is still wrong. A file is written only when its first lint had
no error (unreadable, undecodable, a parse problem, a rule that failed).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..inputs import InputError
from ..model import FileError, FileResult
from .fixfiles import read_encoded, unified_diff, write_atomic
from .fixing import applicable, apply_fixes

#: Fix passes per file; real copy converges in one or two.
MAX_PASSES = 10


def add_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument("--fix", action="store_true", help="apply safe fixes in place, then report what is left (with -: print the fixed text)")
    check.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff also apply unsafe fixes; alone, mark them as fixable")
    check.add_argument("--diff", action="store_true", help="print a unified diff of the fixes instead of writing them; exit 1 if there are any")


def wanted(args: argparse.Namespace) -> bool:
    return bool(args.fix or args.diff)


@dataclass(frozen=True)
class FileFix:
    """One file's fix passes: the text before and after, and the findings left."""

    result: FileResult
    before: str
    after: str
    fixed: int


def fix_text(lint: Callable[[str], FileResult], text: str, unsafe: bool) -> FileFix:
    """Lint and fix ``text`` until no applicable fix is left (at most MAX_PASSES)."""
    result = lint(text)
    if result.errors:
        return FileFix(result, text, text, 0)
    current, fixed = text, 0
    for _ in range(MAX_PASSES):
        fixes = applicable(result.findings, unsafe)
        if not fixes:
            break
        new, count = apply_fixes(current, fixes)
        if new == current:
            break
        current, fixed = new, fixed + count
        result = lint(current)
        if result.errors:
            break
    return FileFix(result, text, current, fixed)


@dataclass
class FixSession:
    """What one ``check --fix`` or ``--diff`` run did, for the report and the exit code."""

    write: bool
    unsafe: bool
    diffs: list[str] = field(default_factory=list)
    fixed: int = 0
    files: int = 0
    stdin_fixed: str | None = None

    @classmethod
    def of(cls, args: argparse.Namespace) -> FixSession:
        return cls(write=not args.diff, unsafe=args.unsafe_fixes)

    def run(self, p, opts, stdin_text: str | None = None) -> Iterator[FileResult]:  # type: ignore[no-untyped-def]
        """Like ``runner.run`` (same arguments, results in order), fixing as it goes.

        With ``-j`` above 1 every file is first linted in parallel by ``runner.run``; only
        the files with something to fix are then read again and fixed here, one by one.
        """
        from ..runner import run as lint_all

        first = lint_all(p, opts, stdin_text) if opts.jobs > 1 else None
        for source, config, ruleset in p.items:
            if first is not None:
                result = next(first)
                if source.path is not None and (result.errors or not applicable(result.findings, self.unsafe)):
                    yield result  # nothing to fix: linted once, in parallel
                    continue
            yield self._fix_one(source, config, ruleset, opts, stdin_text)

    def _fix_one(self, source, config, ruleset, opts, stdin_text: str | None) -> FileResult:  # type: ignore[no-untyped-def]
        from ..runner import lint_one

        def lint(text: str) -> FileResult:
            return lint_one(source, config, ruleset, opts, text=text)

        display = source.display if source.path is not None else (opts.stdin_filename or "-")
        if source.path is None:
            return self._stdin(display, lint, stdin_text)
        try:
            encoded = read_encoded(source.path)
        except InputError as exc:
            return FileResult(display, (), (FileError(display, str(exc)),))
        outcome = fix_text(lint, encoded.text, self.unsafe)
        return self._record(display, outcome, lambda text: write_atomic(source.path, encoded.data, encoded.encode(text)))

    def _stdin(self, display: str, lint: Callable[[str], FileResult], text: str | None) -> FileResult:
        if text is None:
            return FileResult(display, (), (FileError(display, "stdin could not be read"),))
        outcome = fix_text(lint, text, self.unsafe)
        if self.write:
            self.stdin_fixed = outcome.after
        return self._record(display, outcome, None)

    def _record(self, display: str, outcome: FileFix, save: Callable[[str], None] | None) -> FileResult:
        if outcome.after == outcome.before:
            return outcome.result
        self.fixed += outcome.fixed
        self.files += 1
        if not self.write:
            self.diffs.append(unified_diff(display, outcome.before, outcome.after))
        elif save is not None:
            try:
                save(outcome.after)
            except (InputError, OSError) as exc:
                self.fixed -= outcome.fixed
                self.files -= 1
                reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
                error = FileError(display, f"fixes not written: {reason}")
                return FileResult(display, outcome.result.findings, (*outcome.result.errors, error))
        return outcome.result

    def output(self, report: str, to_file: bool) -> str:
        """What goes where the report would: the diffs with ``--diff``; with stdin and
        ``--fix`` the fixed text goes to stdout and the report to stderr (or ``--output``)."""
        if not self.write:
            return "".join(self.diffs)
        if self.stdin_fixed is not None:
            _write_stdout(self.stdin_fixed)
            if not to_file:
                sys.stderr.write(report)
                return ""
        return report

    def summary(self) -> str:
        done = "would fix" if not self.write else "fixed"
        return f"{done} {_plural(self.fixed, 'finding')} in {_plural(self.files, 'file')}"

    def exit_code(self, results: list[FileResult]) -> int | None:
        """``--diff`` exits 1 when there would be changes (2 on errors); None: the usual rule."""
        if self.write:
            return None
        if any(r.errors for r in results):
            return 2
        return 1 if self.files else 0


def _write_stdout(text: str) -> None:
    """UTF-8 bytes, whatever the locale says, and no newline translation."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a StringIO in tests, or an embedding that replaced stdout
        sys.stdout.write(text)
    else:
        buffer.write(text.encode("utf-8", "surrogateescape"))
        buffer.flush()


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
