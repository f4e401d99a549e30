"""Speed and memory: newslint with all default rules against proselint, textlint, alex and a regex floor.

    python benchmarks/speed.py                       # 1 and 5 MB sets, -j 1 and -j 2, all tools
    python benchmarks/speed.py --sizes 1,10 --tools newslint,proselint,floor --out /tmp/speed.json
    python benchmarks/speed.py --profile             # cProfile of newslint over the 1 MB set

What one run measures, each command in a fresh process, on the same files:

* the cost of one short article in a fresh process (what a pre-commit hook pays): the
  median wall time of ``--short-runs`` runs, once cold (newslint's rule-set and word-list
  caches filled by an earlier run, the article itself never seen: its cached result is
  deleted before each run) and once unchanged (its result served from the cache);
* newslint's caches live in a folder of their own under the cache folder; the result
  cache is emptied before every corpus run, so words/s is always linting;
* ~1, ~10 and ~100 MB of corpus articles (bigger sets repeat the corpus) with one and
  with two workers: wall time, words per second, CPU time, and peak memory — the
  largest resident set of any process of the run (``wait4`` rusage, like
  ``/usr/bin/time``) and the sampled sum over the whole process tree;
* proselint, installed from PyPI into a virtual environment under the cache folder
  (default ~/.cache/newslint-bench); for two workers it runs as two processes, each on
  half of the files, since it has no parallel mode;
* textlint (write-good rule) and alex from npm when Node.js is present — skipped with a
  note when node or the npm install is unavailable;
* a floor: a Python process that reads the same files and runs one compiled regex.

Sets are built once under the cache folder (never in the repo). The machine load
(``os.getloadavg``) is recorded with every figure: on a shared 2-core machine, re-run
final figures when it is quiet.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from injection.corpus import default_corpus  # one place that knows where ../shared/corpus is

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "newslint-bench"
MB = 1_000_000
PUBLICATION_DATE = "1987-06-15"  # one --date for every file, so the date rules do their full work
SHORT_ARTICLE = "bbc/politics/001.txt"  # ~450 words

FLOOR_CODE = r"""
import os, re, sys
pattern = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
hits = 0
for root in sys.argv[1:]:
    paths = [root] if os.path.isfile(root) else sorted(
        os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith(".txt"))
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            hits += sum(1 for _ in pattern.finditer(fh.read()))
print(hits)
"""


# ---------------------------------------------------------------------------
# Measuring one command


@dataclass
class Run:
    wall: float
    user: float
    sys: float
    peak_mb: float  # largest resident set of any single process of the run
    tree_mb: float  # largest sampled sum of resident sets over the process tree
    returncode: int
    load_before: float
    load_after: float
    timed_out: bool = False


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def _tree_rss_mb(roots: list[int]) -> float:
    kids = _children_map()
    todo, total = list(roots), 0
    page = os.sysconf("SC_PAGE_SIZE")
    while todo:
        pid = todo.pop()
        todo.extend(kids.get(pid, []))
        try:
            with open(f"/proc/{pid}/statm", encoding="ascii") as fh:
                total += int(fh.read().split()[1]) * page
        except OSError:
            pass
    return total / 2**20


class _Sampler(threading.Thread):
    """Samples the summed RSS of the process trees every ``interval`` s (Linux /proc)."""

    def __init__(self, pids: list[int], interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pids, self.interval, self.peak = pids, interval, 0.0
        self.stop = threading.Event()
        self.enabled = os.path.isdir("/proc")

    def run(self) -> None:
        while self.enabled and not self.stop.wait(self.interval):
            self.peak = max(self.peak, _tree_rss_mb(self.pids))


def measure(cmds: list[list[str]], env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 3600) -> Run:
    """Run the commands side by side (one process each); wall time until all have finished."""
    load_before = os.getloadavg()[0]
    user = sys_ = peak = 0.0
    code = 0
    timed_out = False
    with contextlib.ExitStack() as stack:
        errs = [stack.enter_context(tempfile.TemporaryFile()) for _ in cmds]  # a file, not a pipe: never blocks
        t0 = time.perf_counter()
        procs = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=e, env=env, cwd=cwd) for c, e in zip(cmds, errs, strict=True)]
        sampler = _Sampler([p.pid for p in procs])
        sampler.start()
        killer = threading.Timer(timeout, lambda: [p.kill() for p in procs])
        killer.start()
        for p in procs:
            _, status, usage = os.wait4(p.pid, 0)
            p.returncode = os.waitstatus_to_exitcode(status)
            timed_out = timed_out or p.returncode < 0
            code = max(code, p.returncode)
            user += usage.ru_utime
            sys_ += usage.ru_stime
            peak = max(peak, usage.ru_maxrss / 1024)  # KiB on Linux
        wall = time.perf_counter() - t0
        killer.cancel()
        sampler.stop.set()
        sampler.join()
        for p, e in zip(procs, errs, strict=True):
            e.seek(0)
            err = e.read().decode(errors="replace").strip()
            if p.returncode not in (0, 1) and err:
                sys.stderr.write(f"  ! {' '.join(cmds[0][:4])} … exit {p.returncode}: {err[-400:]}\n")
    return Run(round(wall, 3), round(user, 3), round(sys_, 3), round(peak, 1), round(max(sampler.peak, peak), 1), code,
               round(load_before, 2), round(os.getloadavg()[0], 2), timed_out)


# ---------------------------------------------------------------------------
# Corpus sets


@dataclass
class FileSet:
    name: str
    root: Path
    halves: tuple[Path, Path]
    files: int
    bytes: int
    words: int


def corpus_files(corpus: Path) -> list[tuple[Path, str]]:
    """(path, relative name) of every corpus article, in index order."""
    out = []
    for source in ("bbc", "reuters21578"):
        index = corpus / source / "index.jsonl"
        if not index.is_file():
            continue
        with index.open(encoding="utf-8") as fh:
            for line in fh:
                rel = json.loads(line)["path"]
                out.append((corpus / source / rel, f"{source}/{rel}"))
    return out


def build_set(corpus: Path, size_mb: float, cache: Path) -> FileSet:
    """~size_mb MB of articles, alternating between two halves; the corpus repeats when too small."""
    name = f"{size_mb:g}mb"
    root = cache / "sets" / name
    manifest = root / "manifest.json"
    if manifest.is_file():
        meta = json.loads(manifest.read_text())
        if meta.get("corpus") == str(corpus):
            return FileSet(name, root, (root / "a", root / "b"), meta["files"], meta["bytes"], meta["words"])
    if root.exists():
        shutil.rmtree(root)
    files = corpus_files(corpus)
    if not files:
        raise SystemExit(f"no articles under {corpus}")
    target = int(size_mb * MB)
    total = words = n = 0
    copy = 0
    while total < target:
        for path, rel in files:
            if total >= target:
                break
            data = path.read_bytes()
            dest = root / ("a" if n % 2 == 0 else "b") / f"copy{copy}" / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(data)
            total += len(data)
            words += len(data.decode("utf-8").split())
            n += 1
        copy += 1
    manifest.write_text(json.dumps({"corpus": str(corpus), "files": n, "bytes": total, "words": words}))
    return FileSet(name, root, (root / "a", root / "b"), n, total, words)


def warm(fs: FileSet) -> None:
    """Read every file once so no tool pays for a cold page cache."""
    for dirpath, _, names in os.walk(fs.root):
        for n in names:
            with open(os.path.join(dirpath, n), "rb") as fh:
                fh.read()


# ---------------------------------------------------------------------------
# Tools


def newslint_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def forget_results() -> None:
    """Empty newslint's result cache (rule sets and word lists stay cached): the next
    run lints every file, as it would files it has not seen."""
    where = os.environ.get("NEWSLINT_CACHE_DIR")
    if where:
        shutil.rmtree(Path(where) / "results", ignore_errors=True)


def newslint_cmd(paths: list[Path], jobs: int) -> list[str]:
    return [sys.executable, "-m", "newslint", "check", *map(str, paths), "--no-config", "--date", PUBLICATION_DATE,
            "--format", "json", "--exit-zero", "--quiet", "-j", str(jobs)]


def ensure_proselint(cache: Path) -> Path | None:
    venv = cache / "proselint-venv"
    exe = venv / "bin" / "proselint"
    if not exe.exists():
        print(f"installing proselint into {venv} …", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        r = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "proselint"], capture_output=True, text=True, check=False)
        if r.returncode != 0:
            print(f"proselint install failed: {r.stderr.strip()[-300:]}", file=sys.stderr)
            return None
    return exe


def proselint_version(exe: Path) -> str:
    r = subprocess.run([str(exe.parent / "python"), "-c", "import importlib.metadata as m; print(m.version('proselint'))"],
                       capture_output=True, text=True, check=False)
    return r.stdout.strip()


def ensure_node_tools(cache: Path) -> dict[str, Path]:
    """textlint (+ write-good) and alex from npm into the cache; {} when node or npm is missing or fails."""
    if not shutil.which("node") or not shutil.which("npm"):
        print("node/npm not found: textlint and alex skipped", file=sys.stderr)
        return {}
    where = cache / "node"
    bin_dir = where / "node_modules" / ".bin"
    if not (bin_dir / "textlint").exists() or not (bin_dir / "alex").exists():
        where.mkdir(parents=True, exist_ok=True)
        if not (where / "package.json").exists():
            (where / "package.json").write_text('{"name": "newslint-bench-node", "private": true}\n')
        print(f"installing textlint, textlint-rule-write-good and alex into {where} …", file=sys.stderr)
        try:
            r = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "textlint",
                                "textlint-rule-write-good", "alex"], cwd=where, capture_output=True, text=True, timeout=600, check=False)
        except subprocess.TimeoutExpired:
            print("npm install timed out: textlint and alex skipped", file=sys.stderr)
            return {}
        if r.returncode != 0:
            print(f"npm install failed: textlint and alex skipped ({r.stderr.strip()[-300:]})", file=sys.stderr)
            return {}
    return {name: bin_dir / name for name in ("textlint", "alex") if (bin_dir / name).exists()}


@dataclass(frozen=True)
class Tool:
    name: str
    version: str
    parallel: bool  # has its own worker option (else: one process per half for -j 2)

    def commands(self, paths: list[Path], jobs: int, exe: dict[str, Path]) -> list[list[str]]:
        if self.name == "newslint":
            return [newslint_cmd(paths, jobs)]
        groups = [paths] if jobs == 1 else [[p] for p in paths]
        return [self.one(g, exe) for g in groups]

    def one(self, paths: list[Path], exe: dict[str, Path]) -> list[str]:
        args = list(map(str, paths))
        if self.name == "proselint":
            return [str(exe["proselint"]), "check", "-o", "json", *args]
        if self.name == "floor":
            return [sys.executable, "-c", FLOOR_CODE, *args]
        if self.name == "textlint":
            files = [str(f) for p in paths for f in sorted(p.rglob("*.txt"))] if any(p.is_dir() for p in paths) else args
            return [str(exe["textlint"]), "--rule", "write-good", "--format", "json", "--no-color", *files]
        if self.name == "alex":
            return [str(exe["alex"]), "--text", "--quiet", *args]
        raise ValueError(self.name)


# ---------------------------------------------------------------------------
# The run


@dataclass
class Row:
    tool: str
    set: str
    jobs: int
    files: int
    bytes: int
    words: int
    run: Run

    @property
    def words_per_s(self) -> float:
        return self.words / self.run.wall if self.run.wall else 0.0


def short_article(tool: Tool, exe: dict[str, Path], path: Path, runs: int, timeout: float, *, cached: bool = False) -> dict:
    """Fresh-process runs on one article; for newslint after one warm-up run, its result
    forgotten before each run unless ``cached`` (then each run is a result-cache hit)."""
    if tool.name == "newslint":
        measure(tool.commands([path], 1, exe), env=newslint_env(), cwd=ROOT, timeout=timeout)
    results = []
    for _ in range(runs):
        if not cached:
            forget_results()
        results.append(measure(tool.commands([path], 1, exe), env=newslint_env(), cwd=ROOT, timeout=timeout))
    name = f"{tool.name} (unchanged)" if cached else tool.name
    return {"tool": name, "runs": runs,
            "median_s": round(statistics.median(r.wall for r in results), 3), "min_s": round(min(r.wall for r in results), 3),
            "cpu_s": round(statistics.median(r.user + r.sys for r in results), 3),
            "peak_mb": max(r.peak_mb for r in results), "load": round(statistics.mean(r.load_before for r in results), 2)}


def targets(short: list[dict], rows: list[Row]) -> list[dict]:
    """The issue's targets, each with the figures it was judged on and met/not met.

    Wall-clock figures are what the targets name; on a shared machine they also carry
    everyone else's load, so throughput and linearity are judged on CPU time (user +
    system of the whole process tree, which is per core by construction) and the wall
    figure is shown beside it. Start-up and the -j 2 speed-up can only be judged on wall time.
    """
    def row(tool: str, name: str, jobs: int) -> Row | None:
        return next((r for r in rows if r.tool == tool and r.set == name and r.jobs == jobs and not r.run.timed_out), None)

    def cpu(r: Row) -> float:
        return r.run.user + r.run.sys

    out = []
    s = next((x for x in short if x["tool"] == "newslint"), None)
    if s:
        out.append({"target": "one short article, fresh process (cold) <= 0.10 s wall",
                    "value": f"{s['median_s']:.3f} s wall (median), {s['cpu_s']:.3f} s CPU, load {s['load']}", "met": s["median_s"] <= 0.10})
    hit = next((x for x in short if x["tool"] == "newslint (unchanged)"), None)
    if hit:
        out.append({"target": "one unchanged article (result cache), fresh process <= 0.10 s wall",
                    "value": f"{hit['median_s']:.3f} s wall (median), {hit['cpu_s']:.3f} s CPU, load {hit['load']}", "met": hit["median_s"] <= 0.10})
    sets = sorted({r.set for r in rows if r.tool == "newslint"}, key=lambda n: float(n[:-2]))
    j1 = [r for n in sets if (r := row("newslint", n, 1))]
    if j1:
        best = j1[-1]
        per_cpu = best.words / cpu(best)
        out.append({"target": "goal: 1,000,000 words/s per core (-j 1, all default rules)",
                    "value": f"{per_cpu:,.0f} words per CPU-second, {best.words_per_s:,.0f} words/s wall on {best.set} (load {best.run.load_before})",
                    "met": per_cpu >= 1_000_000})
    for a, b in itertools.pairwise(j1):
        size_ratio = b.words / a.words
        cpu_ratio, wall_ratio = cpu(b) / cpu(a), b.run.wall / a.run.wall
        out.append({"target": f"linear: {b.set} vs {a.set}, time ratio <= 1.1 x words ratio ({size_ratio:.1f})",
                    "value": f"{cpu_ratio:.2f}x CPU time, {wall_ratio:.2f}x wall, for {size_ratio:.2f}x words", "met": cpu_ratio <= 1.1 * size_ratio})
    big = row("newslint", "5mb", 1)
    if big:
        out.append({"target": "peak memory <= 150 MB for 5 MB (-j 1)",
                    "value": f"{big.run.peak_mb:.0f} MB largest process, {big.run.tree_mb:.0f} MB process tree",
                    "met": big.run.peak_mb <= 150})
    r1, r2 = row("newslint", "5mb", 1), row("newslint", "5mb", 2)
    if r1 and r2:
        speedup = r1.run.wall / r2.run.wall
        out.append({"target": "-j 2 >= 1.5x faster than -j 1 on 5 MB (wall)",
                    "value": f"{speedup:.2f}x (load {r1.run.load_before} / {r2.run.load_before}; CPU {cpu(r1):.0f} s vs {cpu(r2):.0f} s)",
                    "met": speedup >= 1.5})
    for r in j1:
        p = row("proselint", r.set, 1)
        if p:
            ratio_cpu = (r.words / cpu(r)) / (p.words / cpu(p))
            out.append({"target": f">= 6x proselint's throughput ({r.set}, one process each)",
                        "value": f"{ratio_cpu:.2f}x per CPU-second, {r.words_per_s / p.words_per_s:.2f}x wall", "met": ratio_cpu >= 6})
    return out


def render(result: dict) -> str:
    out = [f"machine: {result['machine']['cpus']} cores, {result['machine']['python']}, {result['machine']['platform']}", ""]
    out.append("one short article in a fresh process (" + result["short_article"]["path"] + f", {result['short_article']['words']} words)")
    for s in result["short_article"]["tools"]:
        out.append(f"  {s['tool']:<10} median {s['median_s']:6.3f} s  min {s['min_s']:6.3f} s  cpu {s['cpu_s']:6.3f} s  peak {s['peak_mb']:6.1f} MB  load {s['load']}")
    out.append("")
    head = (f"{'tool':<10} {'set':>6} {'j':>2} {'files':>7} {'words':>11} {'wall s':>8} {'words/s':>10} {'/core':>10} {'cpu s':>8} "
            f"{'words/cpu-s':>11} {'peak MB':>8} {'tree MB':>8} {'vs prose':>8} {'load':>9}")
    out.append(head)
    for r in result["rows"]:
        run = r["run"]
        ratio = f"{r['vs_proselint']:.2f}x" if r.get("vs_proselint") else ""
        wall = f"{run['wall']:8.2f}" + ("!" if run["timed_out"] else "")
        out.append(f"{r['tool']:<10} {r['set']:>6} {r['jobs']:>2} {r['files']:>7} {r['words']:>11,} {wall} {r['words_per_s']:>10,.0f} "
                   f"{r['words_per_s_per_core']:>10,.0f} {run['user'] + run['sys']:>8.1f} {r['words_per_cpu_s']:>11,.0f} {run['peak_mb']:>8.1f} {run['tree_mb']:>8.1f} {ratio:>8} "
                   f"{run['load_before']:>4.1f}/{run['load_after']:<4.1f}")
    out.append("")
    out.append("targets")
    for t in result["targets"]:
        out.append(f"  [{'met' if t['met'] else 'NOT met':>7}] {t['target']}: {t['value']}")
    for note in result["notes"]:
        out.append(f"note: {note}")
    return "\n".join(out)


def rule_times(fs: FileSet) -> dict[str, float]:
    """Seconds spent in each rule over a set, in-process (shared analysis is charged to the first rule using it)."""
    sys.path.insert(0, str(ROOT))
    from newslint import engine, lint_paths

    spent: dict[str, float] = {}
    original = engine.run_rule

    def timed(rule, doc, analysis, settings):  # type: ignore[no-untyped-def]
        t0 = time.process_time()  # CPU time: on a shared machine wall time charges others' work to us
        hits = list(original(rule, doc, analysis, settings))
        spent[rule.id] = spent.get(rule.id, 0.0) + time.process_time() - t0
        return hits

    engine.run_rule = timed  # type: ignore[assignment]
    try:
        t0 = time.process_time()
        for _ in lint_paths([str(fs.root)], date=PUBLICATION_DATE, config=None):
            pass
        spent["(total, all stages)"] = time.process_time() - t0
    finally:
        engine.run_rule = original  # type: ignore[assignment]
    return spent


def profile(fs: FileSet, top: int) -> None:
    """Per-rule time, then cProfile of newslint in-process over a set: own time per source file and top functions."""
    import cProfile
    import pstats

    sys.path.insert(0, str(ROOT))
    from newslint import lint_paths

    first = rule_times(fs)  # includes one-off costs: compiling patterns, loading word lists
    spent = rule_times(fs)  # steady state: what every further file costs
    first_total = first.pop("(total, all stages)")
    total_s = spent.pop("(total, all stages)")
    print(f"{fs.files} files, {fs.words:,} words in-process: first pass {first_total:.1f} s, second pass {total_s:.1f} s "
          f"CPU ({fs.words / total_s:,.0f} words per CPU-second), load {os.getloadavg()[0]:.1f}")
    print("time per rule, second pass (first pass, with one-off set-up, in brackets):")
    for rule, t in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {100 * t / total_s:5.1f}%  {t:7.2f} s  ({first.get(rule, 0.0):6.2f} s)  {rule}")
    rest = total_s - sum(spent.values())
    print(f"  {100 * rest / total_s:5.1f}%  {rest:7.2f} s  ({first_total - sum(first.values()):6.2f} s)  (outside rules: read, parse, locate, report)\n")

    prof = cProfile.Profile(time.process_time)  # CPU time, not wall: the machine may be shared
    t0 = time.perf_counter()
    prof.enable()
    n = sum(1 for _ in lint_paths([str(fs.root)], date=PUBLICATION_DATE, config=None))
    prof.disable()
    wall = time.perf_counter() - t0
    print(f"cProfile: {n} files in {wall:.1f} s under the profiler\n")
    stats = pstats.Stats(prof)
    total = sum(v[2] for v in stats.stats.values())  # type: ignore[attr-defined]
    by_file: dict[str, float] = {}
    for (filename, _line, _fn), (_cc, _nc, tt, _ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        key = filename.replace(str(ROOT) + os.sep, "")
        by_file[key] = by_file.get(key, 0.0) + tt
    print("own time by source file ('~' = C built-ins such as regex matching):")
    for key, tt in sorted(by_file.items(), key=lambda kv: -kv[1])[:top]:
        print(f"  {100 * tt / total:5.1f}%  {tt:7.2f} s  {key}")
    print()
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=default_corpus(), help="corpus folder (default: %(default)s)")
    ap.add_argument("--sizes", default="1,5", help="set sizes in MB, comma-separated (default: %(default)s)")
    ap.add_argument("--jobs", default="1,2", help="worker counts to measure (default: %(default)s)")
    ap.add_argument("--tools", default="newslint,proselint,textlint,alex,floor", help="tools to measure (default: %(default)s)")
    ap.add_argument("--node-max-mb", type=float, default=1, help="run textlint and alex only on sets up to this size (they are slow)")
    ap.add_argument("--short-runs", type=int, default=7, help="fresh-process runs for the short article")
    ap.add_argument("--timeout", type=float, default=3600, help="kill a measurement after this many seconds")
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="venvs, node modules and sets (default: %(default)s)")
    ap.add_argument("--out", type=Path, help="write the results as JSON here")
    ap.add_argument("--profile", action="store_true", help="profile newslint over the smallest set instead of timing")
    ap.add_argument("--top", type=int, default=30, help="rows of profile output")
    args = ap.parse_args(argv)

    if not any((args.corpus / s / "index.jsonl").is_file() for s in ("bbc", "reuters21578")):
        print(f"corpus not found: {args.corpus} (pass a folder or set NEWSLINT_CORPUS)", file=sys.stderr)
        return 2
    sizes = [float(s) for s in args.sizes.split(",") if s.strip()]
    jobs_list = [int(j) for j in args.jobs.split(",") if j.strip()]
    wanted = [t.strip() for t in args.tools.split(",") if t.strip()]
    args.cache.mkdir(parents=True, exist_ok=True)
    os.environ["NEWSLINT_CACHE_DIR"] = str(args.cache / "newslint-cache")

    if args.profile:
        fs = build_set(args.corpus, min(sizes), args.cache)
        warm(fs)
        profile(fs, args.top)
        return 0

    notes: list[str] = []
    exe: dict[str, Path] = {}
    tools: list[Tool] = []
    for name in wanted:
        if name == "newslint":
            sys.path.insert(0, str(ROOT))
            from newslint import __version__

            tools.append(Tool("newslint", __version__, True))
        elif name == "floor":
            tools.append(Tool("floor", "re", False))
        elif name == "proselint":
            p = ensure_proselint(args.cache)
            if p:
                exe["proselint"] = p
                tools.append(Tool("proselint", proselint_version(p), False))
            else:
                notes.append("proselint could not be installed; skipped")
        elif name in ("textlint", "alex"):
            if "textlint" not in exe and "alex" not in exe:
                exe.update(ensure_node_tools(args.cache))
            if name in exe:
                tools.append(Tool(name, "npm", False))
            else:
                notes.append(f"{name} unavailable (no node/npm or install failed); skipped")
        else:
            ap.error(f"unknown tool {name!r}")

    short_src = args.corpus / SHORT_ARTICLE
    with tempfile.TemporaryDirectory(prefix="newslint-speed-") as tmp:
        short_path = Path(tmp) / "short.txt"
        shutil.copyfile(short_src, short_path)
        short = [short_article(t, exe, short_path, args.short_runs, args.timeout) for t in tools]
        short += [short_article(t, exe, short_path, args.short_runs, args.timeout, cached=True) for t in tools if t.name == "newslint"]

    rows: list[Row] = []
    for size in sizes:
        fs = build_set(args.corpus, size, args.cache)
        warm(fs)
        for tool in tools:
            if tool.name in ("textlint", "alex") and size > args.node_max_mb:
                continue
            for jobs in jobs_list:
                paths = [fs.halves[0], fs.halves[1]]
                print(f"{tool.name} {fs.name} -j {jobs} …", file=sys.stderr, flush=True)
                forget_results()
                run = measure(tool.commands(paths, jobs, exe), env=newslint_env(), cwd=ROOT, timeout=args.timeout)
                rows.append(Row(tool.name, fs.name, jobs, fs.files, fs.bytes, fs.words, run))
                if run.timed_out:
                    notes.append(f"{tool.name} {fs.name} -j {jobs} killed after {args.timeout:g} s")

    def as_dict(r: Row) -> dict:
        prose = next((p for p in rows if p.tool == "proselint" and p.set == r.set and p.jobs == r.jobs), None)
        return {**{k: v for k, v in asdict(r).items() if k != "run"}, "run": asdict(r.run),
                "words_per_s": round(r.words_per_s), "words_per_s_per_core": round(r.words_per_s / r.jobs),
                "words_per_cpu_s": round(r.words / max(r.run.user + r.run.sys, 1e-6)),
                "vs_proselint": round(r.words_per_s / prose.words_per_s, 2) if prose and prose.words_per_s and r.tool != "proselint" else None}

    result = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "processor": platform.processor() or platform.machine()},
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "versions": {t.name: t.version for t in tools},
        "short_article": {"path": SHORT_ARTICLE, "words": len(short_src.read_text(encoding="utf-8").split()), "tools": short},
        "rows": [as_dict(r) for r in rows],
        "targets": targets(short, rows),
        "notes": notes,
    }
    print(render(result))
    if args.out:
        args.out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
