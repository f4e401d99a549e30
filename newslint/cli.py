"""Command line: ``newslint check PATHS…``, ``newslint rules``, ``newslint rule ID``.

``main(argv) -> int`` returns the exit code: 0 clean, 1 findings at or above the
fail level, 2 any usage, config, rule or input error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import sys
from collections import Counter
from collections.abc import Sequence

from . import __version__
from .model import SEVERITY_NAMES, FileError, FileResult, Severity

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
COMMANDS = ("check", "rules", "rule", "serve", "parse", "lsp")

EPILOG = """\
examples:
  newslint check examples/                 lint a folder of articles
  newslint story.md --date 2024-01-13      lint with a publication date
  cat story.txt | newslint - --stdin-filename story.txt
  newslint check . --format sarif --output newslint.sarif
  newslint rules                           list the active rules
  newslint rule dates.weekday              show one rule's documentation
  newslint parse story.md --format json    show the prose blocks newslint reads
  newslint check --diff story.md           show what --fix would change ([*] marks it)

exit codes: 0 no findings at or above --fail-on; 1 findings; 2 usage, config, rule or input error
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # exit 2, like every other error
        self.print_usage(sys.stderr)
        sys.stderr.write(f"newslint: error: {message}\n")
        raise SystemExit(EXIT_ERROR)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", metavar="FILE", help="use this config file instead of discovering .newslint.yaml")
    p.add_argument("--no-config", action="store_true", help="ignore every .newslint.yaml")
    p.add_argument("--select", action="append", default=[], metavar="IDS", help="only these rule ids or prefixes (comma-separated; repeatable)")
    p.add_argument("--ignore", action="append", default=[], metavar="IDS", help="skip these rule ids or prefixes")
    p.add_argument("--rule-dir", action="append", default=[], metavar="DIR", help="also load rules from DIR/<group>/<name>.yml")


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = math.nan
    if not 0 <= seconds < math.inf:
        raise argparse.ArgumentTypeError(f"must be a number of seconds, 0 or more, not {value!r}")
    return seconds


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="newslint", description="Lint news copy against itself and house style.", epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    check = sub.add_parser("check", help="lint files, directories or stdin (-)", epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    check.add_argument("paths", nargs="*", metavar="PATH", help="files, directories, or - for stdin")
    _common(check)
    check.add_argument("--format", choices=("text", "json", "sarif", "github", "junit"), help="output format (default: text; github under GitHub Actions)")
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    check.add_argument("--fail-on", choices=SEVERITY_NAMES, help="lowest severity that makes the exit code 1 (default: error)")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings (errors still exit 2)")
    check.add_argument("--date", metavar="YYYY-MM-DD", help="publication date for every file (overrides front matter)")
    check.add_argument("--stdin-filename", metavar="NAME", help="name for stdin input; also picks the parser and config")
    check.add_argument("--include", action="append", default=[], metavar="GLOB", help="also read files matching GLOB when walking directories")
    check.add_argument("--input-format", choices=("plain", "markdown", "html", "jsonl"), help="parse every input as this format (jsonl: one document per record; automatic for .jsonl/.jsonl.gz)")
    check.add_argument("--text-field", default="text", metavar="KEY", help="JSONL: the key holding each record's text (default: text)")
    check.add_argument("--id-field", metavar="KEY", help="JSONL: the key naming each record in reports as FILE#ID (default: its record number)")
    check.add_argument("--date-field", metavar="KEY", help="JSONL: the key holding each record's publication date (YYYY-MM-DD…)")
    check.add_argument("--format-field", metavar="KEY", help="JSONL: the key holding each record's format: plain, markdown or html (default: plain)")
    check.add_argument("--dask", nargs="?", const="local", metavar="ADDRESS", help="run on Dask: a LocalCluster (one worker per core, or -j N), or the scheduler at ADDRESS (tcp://host:port); needs newslint[dask]")
    check.add_argument("--statistics", action="store_true", help="print counts per rule instead of each finding")
    check.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="lint N files in parallel (0 = one per core)")
    check.add_argument("--timeout", type=_seconds, metavar="SECONDS", help="skip (and report) a file that takes longer than this (default 60; 0 = no limit)")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour text output (auto: on a terminal, unless NO_COLOR)")
    check.add_argument("--quiet", "-q", action="store_true", help="no summary line on stderr")
    check.add_argument("--baseline", metavar="FILE", help="hide the findings recorded in FILE; report only new ones")
    check.add_argument("--write-baseline", metavar="FILE", help="record today's findings in FILE (sorted JSON, fit to commit)")
    from .fixcli import add_arguments

    add_arguments(check)

    rules = sub.add_parser("rules", help="list the active rules")
    _common(rules)
    rules.add_argument("--all", action="store_true", help="include rules that are off")
    rules.add_argument("--markdown", action="store_true", help="print the full reference as Markdown (docs/rules.md)")
    rule = sub.add_parser("rule", help="show one rule's documentation and examples")
    rule.add_argument("id", metavar="ID")
    _common(rule)
    _serve_parser(sub)
    from .parse_view import add_parser

    add_parser(sub)
    sub.add_parser("lsp", help="the language server for editors, on stdio (needs newslint[lsp])")
    return parser


def _serve_parser(sub) -> None:  # type: ignore[no-untyped-def]
    serve = sub.add_parser("serve", help="the desk page and HTTP API (needs newslint[web])")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=8686, help="port (default 8686)")
    serve.add_argument("--config", metavar="FILE", help="config file for every check (default: none)")
    serve.add_argument("--workers", type=int, metavar="N", help="checks run at once (default: cores, at least 2)")
    serve.add_argument("--time-limit", type=_seconds, default=30.0, metavar="SECONDS", help="answer 503 past this (default 30)")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version"):
        argv.insert(0, "check")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_ERROR
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "rules":
            return _rules(args)
        if args.command == "parse":
            return _parse(args)
        if args.command == "serve":
            from .web.server import serve

            return serve(args.host, args.port, args.config, args.workers, args.time_limit)
        if args.command == "lsp":
            from .lsp import main as lsp_main

            return lsp_main()
        return _rule(args)
    except KeyboardInterrupt:
        sys.stderr.write("newslint: interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_ERROR
    except Exception:  # a crash must read as a tool error (2) to a CI gate, not as findings (1)
        import traceback

        traceback.print_exc()
        sys.stderr.write("newslint: internal error (a bug in newslint; please report it with the traceback above)\n")
        return EXIT_ERROR


def _split(values: list[str]) -> tuple[str, ...]:
    return tuple(v.strip() for item in values for v in item.split(",") if v.strip())


def _runner_options(args: argparse.Namespace, **extra: object):
    from .runner import Options

    return Options(
        config_path=args.config,
        no_config=args.no_config,
        select=_split(args.select),
        ignore=_split(args.ignore),
        extra_rule_dirs=tuple(args.rule_dir),
        **extra,  # type: ignore[arg-type]
    )


def _check(args: argparse.Namespace) -> int:
    from .formatters import render, summary
    from .inputs import discover
    from .runner import plan

    _dask_path(args)
    if not args.paths:
        sys.stderr.write("newslint: error: no paths given (use - for stdin)\n")
        return EXIT_ERROR
    date = _date_option(args.date)
    if args.date and date is None:
        return EXIT_ERROR
    if args.config and not os.path.isfile(args.config):
        sys.stderr.write(f"newslint: error: config file not found: {args.config}\n")
        return EXIT_ERROR
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    opts = _runner_options(args, date=date, stdin_filename=args.stdin_filename, timeout=args.timeout, jobs=jobs, **_input_options(args))
    sources, path_errors = discover(args.paths, tuple(args.include))
    if args.output and _is_input(args.output, sources):
        sys.stderr.write(f"newslint: error: --output {args.output} is one of the files being checked; it would be overwritten\n")
        return EXIT_ERROR
    baseline = _load_baseline(args.baseline)
    if isinstance(baseline, int):
        return baseline
    p = plan(sources, opts)
    if p.errors:
        for e in p.errors:
            sys.stderr.write(f"{e}\n")
        sys.stderr.write(f"newslint: {len(p.errors)} error(s) in rules or config; no article was checked\n")
        return EXIT_ERROR
    stdin_text = None
    if any(s.path is None for s in sources):
        from .inputs import InputError, decode

        try:
            stdin_text = decode(sys.stdin.buffer.read())
        except InputError as exc:
            path_errors.append((args.stdin_filename or "-", str(exc)))
            p = type(p)(tuple(i for i in p.items if i[0].path is not None), p.errors)
    results: list[FileResult] = [FileResult(path, (), (FileError(path, msg),)) for path, msg in path_errors]
    fixing = None
    if args.fix or args.diff:
        from .fixcli import FixSession

        fixing = FixSession.of(args)
    stream = _stream(args, p, opts, stdin_text, fixing)
    if isinstance(stream, int):
        return stream
    results.extend(_with_progress(stream, args, p, opts))
    stale = None
    if args.baseline or args.write_baseline:
        outcome = _apply_baseline(args, p, opts, stdin_text, results, baseline)
        if isinstance(outcome, int):
            return outcome
        results, stale = outcome

    rules = _report_rules(p)
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if args.statistics:
        report = _statistics(results)
        if stale is not None:
            report += f"{stale:6d}  stale baseline entries (no longer found)\n"
    else:
        color = _use_color(args.color, args.output) and fmt == "text"
        report = render(fmt, results, rules, color=color, unsafe_fixes=args.unsafe_fixes)
    if fixing:
        report = fixing.output(report, to_file=bool(args.output))
    code = _write(report, args.output)
    if code:
        return code
    if not args.quiet:
        sys.stderr.write((f"{fixing.summary()}; remaining: " if fixing else "") + summary(results, unsafe_fixes=args.unsafe_fixes) + "\n")
    diff_code = fixing.exit_code(results) if fixing else None
    if diff_code is not None:
        return diff_code

    if any(r.errors for r in results):
        return EXIT_ERROR
    fail_on = _fail_level(args, p)
    if not args.exit_zero and any(f.severity >= fail_on for r in results for f in r.findings):
        return EXIT_FINDINGS
    return EXIT_OK


def _dask_path(args: argparse.Namespace) -> None:
    """``--dask stories/`` names a path to lint, not a scheduler: give it back to the paths."""
    if args.dask not in (None, "local"):
        from .distributed import is_address

        if not is_address(args.dask):
            args.paths.insert(0, args.dask)
            args.dask = "local"


def _input_options(args: argparse.Namespace) -> dict:
    """Options for how inputs are read: a forced format, or JSONL archives and their fields."""
    from .jsonl import Fields

    jsonl = args.input_format == "jsonl"
    fields = Fields(args.text_field, args.id_field, args.date_field, args.format_field)
    return {"fmt": None if jsonl else args.input_format, "jsonl": jsonl, "fields": fields}


def _stream(args: argparse.Namespace, p, opts, stdin_text: str | None, fixing):
    """Results in input order, here (-j, --fix) or on Dask; an exit code when they cannot run."""
    from .runner import run
    from .work import archive

    if fixing is not None:
        if args.dask or any(archive(s, opts) for s, _c, _r in p.items):
            sys.stderr.write("newslint: error: --fix and --diff rewrite article files: not with --dask or JSONL archives\n")
            return EXIT_ERROR
        return fixing.run(p, opts, stdin_text)
    if not args.dask:
        return run(p, opts, stdin_text)
    from .distributed import DaskError, run_dask

    workers = opts.jobs if args.jobs > 1 else None  # a LocalCluster: one worker per core unless -j N
    try:
        return run_dask(p, opts, stdin_text, None if args.dask == "local" else args.dask, workers=workers)
    except DaskError as exc:
        sys.stderr.write(f"newslint: error: {exc}\n")
        return EXIT_ERROR


def _with_progress(stream, args: argparse.Namespace, p, opts):
    """The results, with a counter on stderr when it is a terminal and the run is long."""
    from .work import archive

    many = len(p.items) > 20 or args.dask or any(archive(s, opts) for s, _c, _r in p.items)
    progress = _Progress(len(p.items)) if sys.stderr.isatty() and many else None
    for result in stream:
        if progress:
            progress.tick()
        yield result
    if progress:
        progress.done()


def _load_baseline(path: str | None):
    """The baseline's counts, None without --baseline, or the exit code for a bad file."""
    if not path:
        return None
    from .baseline import BaselineError, load

    try:
        return load(path)
    except BaselineError as exc:
        sys.stderr.write(f"newslint: error: {exc}\n")
        return EXIT_ERROR


def _apply_baseline(args: argparse.Namespace, p, opts, stdin_text: str | None, results: list[FileResult], baseline):
    """Write and/or apply a baseline: (results, stale count or None), or an exit code."""
    from .baseline import BaselineError, apply, write
    from .work import text_reader

    read = text_reader([s for s, _c, _r in p.items], opts, stdin_text, {r.path for r in results if r.findings})
    if args.write_baseline:
        try:
            write(args.write_baseline, results, read)
        except BaselineError as exc:
            sys.stderr.write(f"newslint: error: {exc}\n")
            return EXIT_ERROR
    if baseline is None:
        return results, None
    filtered = apply(results, baseline, read)
    return list(filtered.results), filtered.stale


def _date_option(value: str | None) -> dt.date | None:
    """The --date value; None (after saying why on stderr) when it is not a plausible date."""
    if not value:
        return None
    from .parsers.frontmatter import plausible

    try:
        date = dt.date.fromisoformat(value)
    except ValueError:
        date = None
    if date is None or not plausible(date):
        sys.stderr.write(f"newslint: error: --date must be YYYY-MM-DD (years 1000-8999), not {value!r}\n")
        return None
    return date


def _parse(args: argparse.Namespace) -> int:
    from .parse_view import run

    date = _date_option(args.date)
    if args.date and date is None:
        return EXIT_ERROR
    report, code = run(args.paths, output_format=args.format, fmt=args.input_format, stdin_filename=args.stdin_filename, date=date)
    return _write(report, None) or code


def _is_input(output: str, sources: Sequence[object]) -> bool:
    if not os.path.exists(output):
        return False
    for source in sources:
        path = getattr(source, "path", None)
        if path is not None:
            try:
                if os.path.samefile(output, path):
                    return True
            except OSError:
                continue
    return False


def _report_rules(p):
    seen: dict[str, object] = {}
    for _source, _config, ruleset in p.items:
        for rule in ruleset.rules:
            seen.setdefault(rule.id, rule)
    return [seen[k] for k in sorted(seen)]


def _fail_level(args: argparse.Namespace, p) -> Severity:
    if args.fail_on:
        return Severity.parse(args.fail_on)
    levels = [c.fail_on for _s, c, _r in p.items if c.fail_on is not None]
    return min(levels) if levels else Severity.ERROR


def _statistics(results: list[FileResult]) -> str:
    counts = Counter((f.rule, f.severity) for r in results for f in r.findings)
    width = max((len(rule) for rule, _ in counts), default=0)
    lines = [f"{n:6d}  {rule:<{width}}  {sev}" for (rule, sev), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0]))]
    return "\n".join(lines) + ("\n" if lines else "")


def _use_color(choice: str, output: str | None) -> bool:
    if choice == "always":
        return True
    if choice == "never" or output or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _write(report: str, output: str | None) -> int:
    if output:
        try:
            # A file name that is not UTF-8 reaches us with surrogate escapes: write them as
            # \udcXX so the report stays valid UTF-8 (JSON readers decode them back).
            with open(output, "w", encoding="utf-8", errors="backslashreplace") as fh:
                fh.write(report)
        except OSError as exc:
            sys.stderr.write(f"newslint: error: cannot write {output}: {exc.strerror or exc}\n")
            return EXIT_ERROR
        return 0
    try:
        sys.stdout.write(report)
    except UnicodeEncodeError:  # a strict stdout (PYTHONIOENCODING=utf-8) and such a file name
        sys.stdout.flush()
        sys.stdout.buffer.write(report.encode(sys.stdout.encoding or "utf-8", "backslashreplace"))
    sys.stdout.flush()
    return 0


class _Progress:
    def __init__(self, total: int) -> None:
        self.total = total
        self.n = 0

    def tick(self) -> None:
        self.n += 1
        if self.n % 50 == 0 or self.n == self.total:
            of = f"/{self.total} files" if self.n <= self.total else " documents"  # archives: records
            sys.stderr.write(f"\r{self.n}{of}")
            sys.stderr.flush()

    def done(self) -> None:
        sys.stderr.write("\r\033[K")


def _load_for_listing(args: argparse.Namespace):
    from .inputs import Source
    from .runner import plan

    opts = _runner_options(args)
    p = plan([Source(".", None)], opts)
    if p.errors:
        for e in p.errors:
            sys.stderr.write(f"{e}\n")
        return None
    return p.items[0][2]


def _rules(args: argparse.Namespace) -> int:
    ruleset = _load_for_listing(args)
    if ruleset is None:
        return EXIT_ERROR
    active = {r.id for r in ruleset.rules}
    shown = ruleset.all_rules if args.all else ruleset.rules
    if args.markdown:
        from .docs import render_reference

        sys.stdout.write(render_reference(list(shown)))
        return EXIT_OK
    width = max((len(r.id) for r in shown), default=0)
    for rule in shown:
        first = _one_line(rule.description)
        state = "" if rule.id in active else " (off)"
        sys.stdout.write(f"{rule.id:<{width}}  {rule.severity!s:<7}  {first}{state}\n")
    return EXIT_OK


def _one_line(description: str, width: int = 90) -> str:
    """The description's first sentence, cut to ``width`` characters."""
    text = " ".join(description.split())
    end = text.find(". ")
    first = text if end == -1 else text[: end + 1]
    return first if len(first) <= width else first[: width - 1].rstrip() + "…"


def _rule(args: argparse.Namespace) -> int:
    from .docs import render_rule_doc

    ruleset = _load_for_listing(args)
    if ruleset is None:
        return EXIT_ERROR
    by_id = {r.id: r for r in ruleset.all_rules}
    rule = by_id.get(args.id)
    if rule is None:
        from .yamlfile import did_you_mean

        sys.stderr.write(f"newslint: error: unknown rule '{args.id}'{did_you_mean(args.id, by_id)}\n")
        return EXIT_ERROR
    sys.stdout.write(render_rule_doc(rule, active=rule.id in {r.id for r in ruleset.rules}))
    return EXIT_OK
