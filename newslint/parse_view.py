"""``newslint parse``: the prose newslint reads, block by block, as ``sqlfluff parse`` shows its tree.

For a user puzzled by a finding (was the caption read as body? did markup leak into the
text?) and for tests: the conformance test reads Markdown through ``read_source`` too, so
what it measures is what this command shows. Positions are those of findings: 1-based
line and column of the block's first source character, and of the position just past
its last one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from .document import Document, LineIndex
from .inputs import InputError, decode, discover, read_path
from .parsers import format_for, parse

VERSION = 1


@dataclass(frozen=True)
class BlockView:
    """One block of prose with its scope and its source range."""

    scope: str
    text: str
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class ParsedFile:
    """What the reader made of one file, plus its parse problems as ``line:column: message``."""

    path: str
    format: str
    date: dt.date | None
    date_source: str | None
    blocks: tuple[BlockView, ...]
    problems: tuple[str, ...] = ()

    @property
    def prose(self) -> str:
        """The block texts joined as checks see them."""
        return "\n\n".join(b.text for b in self.blocks)


def view(doc: Document, problems: Sequence[tuple[int, str]] = ()) -> ParsedFile:
    """The located blocks of a parsed Document."""
    lines = LineIndex.of(doc.source)
    blocks = []
    for block in doc.blocks:
        start, end = doc.source_map.to_source(block.start, block.end)
        line, column = lines.position(start)
        end_line, end_column = lines.position(end)
        blocks.append(BlockView(block.scope, doc.block_text(block), line, column, end_line, end_column))
    located = tuple("{}:{}: {}".format(*lines.position(offset), message) for offset, message in problems)
    return ParsedFile(doc.path, doc.format, doc.meta.date, doc.meta.date_source, tuple(blocks), located)


def read_source(source: str, path: str, fmt: str | None = None, date: dt.date | None = None) -> ParsedFile:
    """Parse ``source`` as ``check`` would (format by extension unless given; ``date`` overrides)."""
    doc, problems = parse(source, path, fmt or format_for(path))
    parsed = view(doc, problems)
    if date is not None:
        parsed = dataclasses.replace(parsed, date=date, date_source="command line")
    return parsed


# -- rendering ------------------------------------------------------------------------------


def render_text(files: Sequence[ParsedFile]) -> str:
    """A header line per file, then one line per block: range, scope and the text quoted as JSON."""
    out: list[str] = []
    for f in files:
        date = f"{f.date.isoformat()} ({f.date_source})" if f.date else "unknown"
        out.append(f"{f.path}: {f.format}, date {date}, {len(f.blocks)} block(s)")
        for b in f.blocks:
            where = f"{b.line}:{b.column}-{b.end_line}:{b.end_column}"
            out.append(f"  {where:<15} {b.scope:<10} {json.dumps(b.text, ensure_ascii=False)}")
    return "\n".join(out) + ("\n" if out else "")


def render_json(files: Sequence[ParsedFile]) -> str:
    """``{"version": 1, "files": [{"path", "format", "date", "blocks": [...]}]}``, key order fixed."""
    doc = {
        "version": VERSION,
        "files": [
            {
                "path": f.path,
                "format": f.format,
                "date": f.date.isoformat() if f.date else None,
                "blocks": [dataclasses.asdict(b) for b in f.blocks],
            }
            for f in files
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


# -- the command ----------------------------------------------------------------------------


def add_parser(sub) -> None:  # type: ignore[no-untyped-def]
    """Register ``newslint parse`` on the CLI's subparsers."""
    p = sub.add_parser("parse", help="show the prose newslint reads: blocks, scopes, positions")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files, directories, or - for stdin")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.add_argument("--input-format", choices=("plain", "markdown", "html"), help="parse every input as this format")
    p.add_argument("--stdin-filename", metavar="NAME", help="name for stdin input; also picks the parser")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="publication date for every file (overrides the file's)")


def run(
    paths: Sequence[str], *, output_format: str, fmt: str | None, stdin_filename: str | None, date: dt.date | None
) -> tuple[str, int]:
    """The report on every readable file, and the exit code: 2 when any input could not
    be read or had parse problems (said on stderr), else 0."""
    sources, errors = discover(list(paths))
    files: list[ParsedFile] = []
    for source in sources:
        name = source.display if source.path is not None else (stdin_filename or "-")
        try:
            text = decode(sys.stdin.buffer.read()) if source.path is None else read_path(source.path)
        except InputError as exc:
            errors.append((name, str(exc)))
            continue
        parsed = read_source(text, name, fmt or format_for(source.path or stdin_filename or name), date)
        errors.extend((name, problem) for problem in parsed.problems)
        files.append(parsed)
    for path, message in errors:
        sys.stderr.write(f"{path}: {message}\n")
    return (render_json(files) if output_format == "json" else render_text(files)), (2 if errors else 0)
