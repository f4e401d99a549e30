"""Language server latency: how long an editor waits for newslint's squiggles.

    python benchmarks/lsp_latency.py                     # 40 corpus articles, then one long document
    python benchmarks/lsp_latency.py --articles 100 --out /tmp/lsp.json

One ``newslint lsp`` process, driven over stdio by the test suite's wire-level client
(tests/lspclient.py), as an editor would drive it. Per article (read from the shared
corpus at run time, never copied into the repo):

* open: didOpen to publishDiagnostics (the first one also pays for loading the rules);
* keystroke: a didChange (a doubled word typed at the end) to publishDiagnostics, minus
  the debounce (0.3 s): the time the lint itself costs after the typing stops;
* hover and codeAction on the new finding: request to answer.

Then the same for one long document made of every article joined. Median and maximum
in milliseconds; the machine load is recorded, since the machine may be shared.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from lspclient import LspClient  # noqa: E402
from speed import corpus_files, default_corpus  # noqa: E402

DEBOUNCE = 0.3


def utf16_position(text: str, offset: int) -> dict[str, int]:
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return {"line": line, "character": len(text[start:offset].encode("utf-16-le")) // 2}


def measure(client: LspClient, uri: str, text: str) -> dict[str, float]:
    """Seconds for open, keystroke (debounce excluded), hover and code action on one document."""
    started = time.perf_counter()
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}})
    client.notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
    opened = time.perf_counter() - started
    typed = text.rstrip("\n") + " Officials met again and and talked.\n"
    started = time.perf_counter()
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": typed}]})
    published = client.notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri and p.get("version") == 2)
    keystroke = time.perf_counter() - started - DEBOUNCE
    at = utf16_position(typed, typed.rindex("and and") + 2)
    doc = {"uri": uri}
    started = time.perf_counter()
    client.request("textDocument/hover", {"textDocument": doc, "position": at})
    hover = time.perf_counter() - started
    ours = [d for d in published["diagnostics"] if d.get("code") == "words.repeated"]
    started = time.perf_counter()
    client.request("textDocument/codeAction", {"textDocument": doc, "range": {"start": at, "end": at}, "context": {"diagnostics": ours}})
    action = time.perf_counter() - started
    client.notify("textDocument/didClose", {"textDocument": doc})
    client.notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri and not p["diagnostics"])
    return {"open": opened, "keystroke": keystroke, "hover": hover, "code_action": action}


def summary(runs: list[dict[str, float]]) -> dict[str, dict[str, float]]:
    return {k: {"median_ms": round(1000 * statistics.median(r[k] for r in runs), 1), "max_ms": round(1000 * max(r[k] for r in runs), 1)} for k in runs[0]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=default_corpus())
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    files = corpus_files(args.corpus)[: args.articles]
    if not files:
        print(f"no corpus at {args.corpus}; nothing measured", file=sys.stderr)
        return 0
    texts = [path.read_text(encoding="utf-8") for path, _name in files]
    with tempfile.TemporaryDirectory() as ws:
        started = time.perf_counter()
        client = LspClient(ws)
        client.request("initialize", {"processId": None, "rootUri": Path(ws).as_uri(), "capabilities": {}, "initializationOptions": {"debounce": DEBOUNCE}})
        client.notify("initialized", {})
        startup = time.perf_counter() - started
        runs = [measure(client, (Path(ws) / f"a{i}.txt").as_uri(), text) for i, text in enumerate(texts)]
        joined = "\n\n".join(texts)
        long_run = measure(client, (Path(ws) / "long.txt").as_uri(), joined)
        client.close()
    report = {
        "articles": len(runs),
        "words_per_article_median": statistics.median(len(t.split()) for t in texts),
        "startup_ms": round(1000 * startup, 1),
        "first_open_ms": round(1000 * runs[0]["open"], 1),
        "per_article": summary(runs[1:] or runs),
        "long_document": {"words": len(joined.split()), **{k: round(1000 * v, 1) for k, v in long_run.items()}},
        "load_average": os.getloadavg(),
    }
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
