"""Dask scale: words/s over all of shared/corpus on 1 and 2 workers, per-batch overhead, cost model.

    python benchmarks/dask_scale.py                        # all of ../shared/corpus, 1 and 2 workers
    python benchmarks/dask_scale.py --workers 1,2,4 --out /tmp/dask.json
    python benchmarks/dask_scale.py --workers '' --local  # only the local -j 1 figure, for comparison

What one run measures (each worker a separate process, one thread, on a LocalCluster):

* ``rules``: seconds for a fresh worker to build the rule set (paid once per worker);
* ``words/s``: all article .txt files of the corpus linted through ``run_dask`` with
  the default batch size, after that warm-up, wall clock from first submit to last result;
* ``batch overhead``: the wall time per batch of an empty batch (scheduling, pickling,
  the round trip) with the same window of batches in flight as a real run;
* ``feed``: words/s the client alone can read and pickle into batches; the cluster
  cannot go faster than its client feeds it, so this caps the useful number of workers.

The cost model for ``--stories`` stories of the corpus's mean length on N workers is
``rules + stories × words ÷ (N × per-worker rate) + batches × overhead ÷ N``, with the
per-worker rate from the 1-worker run (words per CPU second of the worker, i.e. a
worker with a core of its own), capped by the feed rate. On a shared 2-core
machine the 2-worker figure shows contention, not Dask; re-run when the machine is quiet.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from injection.corpus import default_corpus  # noqa: E402  (the one place that knows where shared/corpus is)

from newslint.archive.distributed import BATCH_BYTES, batches, lint_batch, plan_entries, spec_for  # noqa: E402
from newslint.inputs import discover  # noqa: E402
from newslint.runner import Options, plan  # noqa: E402
from newslint.work import Job  # noqa: E402

CORPUS = default_corpus()
DATE = "1987-06-15"  # one date for every article, so the date rules do their full work


def corpus_plan(corpus: Path):
    import datetime as dt

    sources, errors = discover([str(corpus)])
    if errors:
        raise SystemExit(f"cannot read the corpus: {errors[:3]}")
    opts = Options(no_config=True, date=dt.date.fromisoformat(DATE))
    return plan(sources, opts), opts


def feed(p, opts, batch_bytes: int) -> dict:
    """The client's side alone: read every file, group into batches, pickle them."""
    start = time.perf_counter()
    words = docs = n = chars = 0
    for spec, entries in batches(plan_entries(p, opts, None), batch_bytes):
        pickle.dumps((spec, entries, opts))
        n += 1
        docs += len(entries)
        words += sum(len(e.text.split()) for e in entries if isinstance(e, Job))
        chars += sum(len(e.text) for e in entries if isinstance(e, Job))
    seconds = time.perf_counter() - start
    return {"documents": docs, "words": words, "chars": chars, "batches": n, "seconds": round(seconds, 2),
            "words_per_s": round(words / seconds)}


def measure(workers: int, p, opts, words: int, batch_bytes: int, empty_batches: int) -> dict:
    from distributed import Client, LocalCluster

    from newslint.archive.distributed import run_dask

    spec = spec_for(p.items[0][1], opts.select, opts.ignore)
    with LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=":0", silence_logs=40) as cluster, Client(cluster) as client:
        start = time.perf_counter()
        warm = [client.submit(lint_batch, spec, [Job("warm", "warm.txt", "plain", "Warm up.")], opts, pure=False, workers=[w])
                for w in client.scheduler_info()["workers"]]
        client.gather(warm)
        rules = time.perf_counter() - start
        cpu0 = client.run(time.process_time)
        start = time.perf_counter()
        n = sum(1 for _ in run_dask(p, opts, client=client, batch_bytes=batch_bytes))
        wall = time.perf_counter() - start
        cpu = sum(client.run(time.process_time).values()) - sum(cpu0.values())
        overhead = _empty_batches(client, spec, opts, empty_batches, 2 * workers + 2)
    return {"workers": workers, "rules_s": round(rules, 2), "documents": n, "wall_s": round(wall, 1),
            "words_per_s": round(words / wall), "worker_cpu_s": round(cpu, 1), "words_per_cpu_s": round(words / cpu),
            "batch_overhead_ms": round(overhead * 1000, 2), "load": os.getloadavg()[0]}


def measure_local(p, opts, words: int) -> dict:
    """The same documents linted in this process, as ``-j 1`` does: the figure Dask is compared with."""
    from newslint.runner import run

    wall0, cpu0 = time.perf_counter(), time.process_time()
    n = sum(1 for _ in run(p, opts))
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    return {"workers": "local -j 1", "documents": n, "wall_s": round(wall, 1), "words_per_s": round(words / wall),
            "cpu_s": round(cpu, 1), "words_per_cpu_s": round(words / cpu), "load": os.getloadavg()[0]}


def _empty_batches(client, spec, opts, count: int, window: int) -> float:
    """Seconds of wall time per empty batch, with ``window`` in flight like a real run."""
    from collections import deque

    pending: deque = deque()
    start = time.perf_counter()
    for _ in range(count):
        pending.append(client.submit(lint_batch, spec, [], opts, pure=False))
        if len(pending) >= window:
            pending.popleft().result()
    while pending:
        pending.popleft().result()
    return (time.perf_counter() - start) / count


def cost_model(one: dict, fed: dict, stories: int, workers: list[int]) -> list[dict]:
    """Hours for ``stories`` stories of the corpus's mean length on N workers."""
    total_words = stories * fed["words"] / fed["documents"]
    n_batches = stories * fed["chars"] / fed["documents"] / BATCH_BYTES
    rows = []
    for n in workers:
        rate = min(n * one["words_per_cpu_s"], fed["words_per_s"])
        seconds = one["rules_s"] + total_words / rate + n_batches * one["batch_overhead_ms"] / 1000 / n
        rows.append({"workers": n, "words_per_s": round(rate), "hours": round(seconds / 3600, 2),
                     "fed_limited": n * one["words_per_cpu_s"] > fed["words_per_s"]})
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts to measure")
    ap.add_argument("--batch-bytes", type=int, default=BATCH_BYTES)
    ap.add_argument("--empty-batches", type=int, default=300)
    ap.add_argument("--stories", type=int, default=10_000_000, help="stories for the cost model")
    ap.add_argument("--model-workers", default="1,2,8,32,64,128")
    ap.add_argument("--local", action="store_true", help="also lint the corpus in this process (-j 1) for comparison")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"skipped: no corpus at {args.corpus}", file=sys.stderr)
        return 0
    p, opts = corpus_plan(args.corpus)
    fed = feed(p, opts, args.batch_bytes)
    print(f"corpus: {fed['documents']} documents, {fed['words']} words, {fed['batches']} batches; "
          f"client feed {fed['words_per_s']} words/s", flush=True)
    runs = []
    local = measure_local(p, opts, fed["words"]) if args.local else None
    if local:
        print(json.dumps(local), flush=True)
    for w in (int(x) for x in args.workers.split(",") if x):
        runs.append(measure(w, p, opts, fed["words"], args.batch_bytes, args.empty_batches))
        print(json.dumps(runs[-1]), flush=True)
    model = cost_model(runs[0], fed, args.stories, [int(x) for x in args.model_workers.split(",")]) if runs else []
    for row in model:
        print(json.dumps(row))
    report = {"load": os.getloadavg(), "cpus": os.cpu_count(), "feed": fed, "local": local, "runs": runs, "model": model,
              "stories": args.stories}
    if args.out:
        args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
