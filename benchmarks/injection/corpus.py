"""The corpus: articles read from shared/corpus at run time, with their publication dates."""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("bbc", "reuters21578")
HEADER = "date {date} Corpus\n"


def default_corpus() -> Path:
    """$NEWSLINT_CORPUS, else shared/corpus beside the checkout or beside any folder above it
    (a worktree under /work/wt/x finds /work/shared/corpus). Every benchmark asks here."""
    env = os.environ.get("NEWSLINT_CORPUS")
    if env:
        return Path(env)
    return next((d / "shared" / "corpus" for d in ROOT.parents if (d / "shared" / "corpus").is_dir()), ROOT.parent / "shared" / "corpus")


# ---------------------------------------------------------------------------
# Articles and their structure


@dataclass
class Article:
    source: str
    rel: str  # path relative to the corpus root
    date: dt.date | None
    path: Path
    _text: str | None = None

    @property
    def text(self) -> str:
        """Read on first use, so a small slice of the corpus reads only its own files."""
        if self._text is None:
            self._text = self.path.read_text(encoding="utf-8")
        return self._text

    @property
    def words(self) -> int:
        return len(self.text.split())


def load_articles(corpus: Path, sources: tuple[str, ...] = SOURCES) -> list[Article]:
    out: list[Article] = []
    for source in sources:
        index = corpus / source / "index.jsonl"
        with index.open(encoding="utf-8") as fh:
            for line in fh:
                meta = json.loads(line)
                date = dt.date.fromisoformat(meta["date"]) if meta.get("date") else None
                out.append(Article(source, f"{source}/{meta['path']}", date, corpus / source / meta["path"]))
    return out


