"""--dask gives exactly the local findings, on a LocalCluster and on a running scheduler.

The archive and the stories are fictional and generated here. One subprocess
scheduler with two real worker processes serves the tcp tests (module scope);
the API tests share one in-process LocalCluster.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="newslint[dask] is not installed")

from clihelpers import run_cli  # noqa: E402

from newslint.distributed import batches, lint_bag, run_dask, spec_for  # noqa: E402
from newslint.inputs import discover  # noqa: E402
from newslint.jsonl import Fields  # noqa: E402
from newslint.model import FileResult  # noqa: E402
from newslint.runner import Options, plan, run  # noqa: E402
from newslint.work import Job  # noqa: E402

TOWNS = ("Harwick", "Lowmere", "Saltby", "Brenford", "Otterham")
FAULTS = (
    "Officials said the the ferry would run late.",
    "The vote was was delayed until Friday.",
    "Shares rose 4% on Tuesday, 3 January 2023.",
    "The mayor said: \"We will not not back down.\"",
    "",
)


def _story(i: int) -> str:
    town = TOWNS[i % len(TOWNS)]
    return (
        f"{town} council meets over harbour plan {i}\n\n"
        f"Councillors in {town} met on Monday to discuss plan number {i}.\n"
        f"{FAULTS[i % len(FAULTS)]}\n"
        f"A decision is expected next month, a spokesperson for {town} said.\n"
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    archive = root / "archive.jsonl"
    with archive.open("w", encoding="utf-8") as fh:
        for i in range(1500):
            fh.write(json.dumps({"id": f"a{i:04d}", "body": _story(i), "published": "2023-01-05"}) + "\n")
    stories = root / "stories"
    stories.mkdir()
    for i in range(600):
        (stories / f"story{i:03d}.txt").write_text(_story(i + 7), encoding="utf-8")
    return archive, stories


ARCHIVE_ARGS = ("--text-field", "body", "--id-field", "id", "--date-field", "published")


def _local(*paths: Path):
    got = run_cli(["check", "--no-config", *ARCHIVE_ARGS, "--format", "json", *map(str, paths)])
    assert got.code == 1, got.err
    return got


@pytest.fixture(scope="module")
def local_report(corpus):
    return _local(*corpus)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def scheduler():
    """``dask scheduler`` and two ``dask worker`` processes (no nanny: a killed worker stays dead)."""
    dask_cli = Path(sys.executable).parent / "dask"
    if not dask_cli.exists():
        pytest.skip("the dask command is not installed beside this Python")
    address = f"tcp://127.0.0.1:{_free_port()}"
    common = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "start_new_session": True}
    procs = [subprocess.Popen([str(dask_cli), "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1], "--no-dashboard"], **common)]
    worker = [str(dask_cli), "worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard", "--death-timeout", "30"]
    procs += [subprocess.Popen(worker, **common) for _ in range(2)]
    try:
        client = distributed.Client(address, timeout="30s")
        client.wait_for_workers(2, timeout=60)
        yield address, client, procs[1:]
    finally:
        if "client" in locals():
            client.close()
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(3)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


@pytest.fixture(scope="module")
def inprocess():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0")
    with cluster, distributed.Client(cluster) as client:
        yield client


def test_archive_of_1500_records_is_1500_documents_named_file_hash_id(corpus, local_report):
    archive, stories = corpus
    names = [f["path"] for f in json.loads(local_report.out)["files"]]
    assert names[:1500] == [f"{archive}#a{i:04d}" for i in range(1500)]
    assert len(names) == 2100 and names[1500] == str(stories / "story000.txt")


def test_local_cluster_gives_exactly_the_local_findings(corpus, local_report):
    got = run_cli(["check", "--no-config", *ARCHIVE_ARGS, "--format", "json", "--dask", "-j", "2", *map(str, corpus)])
    assert got.code == 1, got.err
    assert (got.out, got.err) == (local_report.out, local_report.err)


def test_running_scheduler_gives_exactly_the_local_findings(corpus, local_report, scheduler):
    address, client, _workers = scheduler
    got = run_cli(["check", "--no-config", *ARCHIVE_ARGS, "--format", "json", "--dask", address, *map(str, corpus)])
    assert got.code == 1, got.err
    assert (got.out, got.err) == (local_report.out, local_report.err)
    loaded = client.run(__import__("newslint.distributed", fromlist=["loaded_specs"]).loaded_specs)
    assert sorted(loaded.values()) == [1, 1]  # rules were built once on each worker, not once per batch


def test_directory_with_its_own_baseline_on_dask_reports_only_the_new_finding(tmp_path, scheduler):
    address = scheduler[0]
    root = tmp_path / "stories"
    root.mkdir()
    for i in range(600):
        (root / f"s{i:03d}.txt").write_text(_story(i), encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    base = ["check", "--no-config", str(root), "--dask", address]
    assert run_cli([*base, "--write-baseline", str(baseline)]).code == 1
    clean = run_cli([*base, "--baseline", str(baseline)])
    assert (clean.code, clean.out) == (0, "")
    shifted, added = root / "s000.txt", root / "s001.txt"
    shifted.write_text("\n\n" + shifted.read_text(encoding="utf-8"), encoding="utf-8")
    added.write_text(added.read_text(encoding="utf-8") + "Prices rose and and rose.\n", encoding="utf-8")
    after = run_cli([*base, "--baseline", str(baseline), "--format", "json"])
    assert after.code == 1
    found = [(r["path"], f["match"]) for r in json.loads(after.out)["files"] for f in r["findings"]]
    assert found == [(str(added), "and and")]


def _plan(*paths: Path, **kw):
    sources, errors = discover([str(p) for p in paths])
    assert not errors
    opts = Options(no_config=True, fields=Fields("body", "id", "published"), **kw)
    return plan(sources, opts), opts


def test_small_batches_come_back_in_input_order(corpus, inprocess):
    p, opts = _plan(corpus[1])
    expected = list(run(p, opts))
    got = list(run_dask(p, opts, client=inprocess, batch_bytes=4096))
    assert got == expected


def test_batches_are_sized_by_bytes_and_split_where_the_rules_change():
    from newslint.config import Config

    a, b = spec_for(Config()), spec_for(Config(), select=("words",))
    jobs = [(a, Job(f"d{i}", "x", "plain", "x" * 100)) for i in range(10)] + [(b, Job("e", "x", "plain", "y"))]
    sizes = [(s.key, len(entries)) for s, entries in batches(jobs, limit=250)]
    assert sizes == [(a.key, 3), (a.key, 3), (a.key, 3), (a.key, 1), (b.key, 1)]


def test_a_document_that_crashes_its_batch_is_one_error_entry(tmp_path, inprocess, monkeypatch):
    import newslint.distributed as nd

    for i in range(6):
        (tmp_path / f"d{i}.txt").write_text(f"Story {i}: the the end.\n" + ("CRASH\n" if i == 3 else ""), encoding="utf-8")
    p, opts = _plan(tmp_path)
    real = nd.lint_job

    def fragile(job, *args):
        if "CRASH" in job.text:
            raise MemoryError("simulated crash")  # escapes lint_job's own guard, like a dying worker
        return real(job, *args)

    monkeypatch.setattr(nd, "lint_job", fragile)
    got = list(run_dask(p, opts, client=inprocess))
    assert [r.path for r in got] == [str(tmp_path / f"d{i}.txt") for i in range(6)]
    assert [len(r.findings) for r in got] == [1, 1, 1, 0, 1, 1]
    assert "the Dask task checking this document failed (MemoryError: simulated crash)" in got[3].errors[0].message


def test_lost_worker_is_survived(corpus, scheduler):
    _address, client, workers = scheduler
    p, opts = _plan(corpus[0])
    expected = list(run(p, opts))
    results = run_dask(p, opts, client=client, batch_bytes=8192)
    got = [next(results)]
    os.killpg(workers[0].pid, signal.SIGKILL)  # mid-run: its batches in flight are rescheduled
    got.extend(results)
    assert got == expected
    deadline = time.monotonic() + 10
    while len(client.scheduler_info()["workers"]) > 1 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(client.scheduler_info()["workers"]) == 1


def test_lint_bag_for_pipelines(inprocess):
    import dask.bag as db

    texts = ["It was was fine.\n", "A calm day.\n", "They they left.\n"]
    pairs = db.from_sequence(list(enumerate(texts)), npartitions=2)
    got = lint_bag(pairs, name="col").compute()
    assert [r.path for r in got] == ["col#0", "col#1", "col#2"]
    assert [[f.match for f in r.findings] for r in got] == [["was was"], [], ["They they"]]
    records = db.from_sequence([{"id": "k1", "body": texts[0]}, {"body": 5}], npartitions=1)
    first, bad = lint_bag(records, fields=Fields("body", "id"), name="feed").compute()
    assert isinstance(first, FileResult) and first.path == "feed#k1" and first.findings[0].line == 1
    assert bad.path == "feed#0.2" and "field 'body' must be a string" in bad.errors[0].message


def test_scale_benchmark_feed_and_cost_model(corpus):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    try:
        import dask_scale
    finally:
        sys.path.pop(0)
    p, opts = dask_scale.corpus_plan(corpus[1])
    fed = dask_scale.feed(p, opts, 4096)
    assert fed["documents"] == 600 and fed["words"] == sum(len(_story(i + 7).split()) for i in range(600))
    longest = max(len(_story(i + 7)) for i in range(600))
    assert fed["chars"] / (4096 + longest) <= fed["batches"] <= -(-fed["chars"] // 4096)  # each closes past 4096
    one = {"words_per_cpu_s": 50_000, "rules_s": 2.0, "batch_overhead_ms": 10.0}
    rows = dask_scale.cost_model(one, {**fed, "words_per_s": 120_000}, 1000, [1, 2, 4])
    per_story = fed["words"] / 600
    assert rows[0]["hours"] == round((2.0 + 1000 * per_story / 50_000 + 1000 * fed["chars"] / 600 / (256 * 1024) * 0.01) / 3600, 2)
    assert [r["fed_limited"] for r in rows] == [False, False, True] and rows[2]["words_per_s"] == 120_000
