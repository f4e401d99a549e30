"""The HTTP API answers what the CLI answers, refuses bad requests with JSON errors, and stays up."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

pytest.importorskip("starlette")
httpx = pytest.importorskip("httpx")

from webserver import STORY, running_server  # noqa: E402

from newslint.web.app import STATIC, Settings, create_app  # noqa: E402


@pytest.fixture(scope="module")
def server():
    with running_server() as base:
        yield base


def client(app=None) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app or create_app()), base_url="http://desk")


def run(coro):
    return asyncio.run(coro)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.urls += [v for k, v in attrs if k in ("src", "href", "action") and v]


def test_page_has_a_textarea_and_loads_nothing_from_other_hosts(server):
    page = httpx.get(f"{server}/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    links = _Links()
    links.feed(page.text)
    assert "textarea" in links.tags
    assert links.urls and all((u.startswith("/") and not u.startswith("//")) or u.startswith("data:") for u in links.urls)
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for asset in STATIC.iterdir():
        body = asset.read_text(encoding="utf-8")
        assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", body, re.I), asset.name
        assert httpx.get(f"{server}/static/{asset.name}").status_code == 200


def _cli_json(text: str, *args: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", "check", "--format", "json", "--no-config", "-q", *args, "-"],
        input=text.encode(),
        capture_output=True,
    )
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def test_check_answers_exactly_what_the_cli_gives():
    body = {"text": STORY, "filename": "ferry.md"}
    got = run(_post(body))
    assert got.status_code == 200
    expected = _cli_json(STORY, "--stdin-filename", "ferry.md")
    assert got.json() == expected
    assert {f["rule"] for f in expected["files"][0]["findings"]} >= {"words.repeated"}
    for f in got.json()["files"][0]["findings"]:
        assert STORY[f["offset"] : f["offset"] + f["length"]] == f["match"]


def test_check_options_match_the_cli_options():
    text = "The talks talks ended on Monday, 3 June.\n"
    body = {"text": text, "format": "plain", "date": "2024-06-05", "ignore": ["punctuation"], "select": "words,dates"}
    got = run(_post(body)).json()
    assert got == _cli_json(text, "--input-format", "plain", "--date", "2024-06-05", "--ignore", "punctuation", "--select", "words,dates")
    assert got["files"][0]["path"] == "-"


async def _post(body, path="/api/check", app=None, **kw):
    async with client(app) as c:
        return await c.post(path, json=body, **kw)


@pytest.mark.parametrize(
    ("content", "headers", "status", "says"),
    [
        (b"{not json", {"content-type": "application/json"}, 400, "not valid JSON"),
        (b'{"filename": "a.txt"}', {"content-type": "application/json"}, 400, "'text' is required"),
        (b'["text"]', {"content-type": "application/json"}, 400, "JSON object"),
        (b'{"text": "x", "date": "2024-13-01"}', {"content-type": "application/json"}, 400, "'date'"),
        (b'{"text": "x", "format": "docx"}', {"content-type": "application/json"}, 400, "'format'"),
        (b'{"text": "x", "select": ["no.such"]}', {"content-type": "application/json"}, 400, "no.such"),
        (b'{"text": "x", "txet": 1}', {"content-type": "application/json"}, 400, "txet"),
        (b'{"text": "x"}', {"content-type": "text/plain"}, 415, "application/json"),
    ],
)
def test_bad_requests_get_json_errors(content, headers, status, says):
    async def go():
        async with client() as c:
            return await c.post("/api/check", content=content, headers=headers)

    response = run(go())
    assert response.status_code == status
    assert says in response.json()["error"]


def test_rules_and_health():
    async def go():
        async with client() as c:
            return await c.get("/api/rules"), await c.get("/healthz")

    rules, health = run(go())
    by_id = {r["id"]: r for r in rules.json()["rules"]}
    assert "words.repeated" in by_id and by_id["words.repeated"]["description"]
    assert by_id["words.repeated"]["doc"].startswith("words.repeated")
    assert health.json()["status"] == "ok"


def test_meta_reports_the_date_the_text_carries():
    got = run(_post({"text": STORY, "filename": "ferry.md"}, "/api/meta")).json()
    assert got == {"format": "markdown", "date": "2024-03-15", "date_source": "front matter"}


def test_sarif_report_is_the_cli_sarif():
    got = run(_post({"text": STORY}, "/api/check?report=sarif"))
    assert got.headers["content-type"].startswith("application/sarif+json")
    results = got.json()["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {f["rule"] for f in _cli_json(STORY)["files"][0]["findings"]}


def test_a_check_past_its_time_limit_is_503_and_the_next_is_answered():
    app = create_app(Settings(time_limit=0.001, workers=1))
    slow = run(_post({"text": STORY * 400}, app=app))
    assert slow.status_code == 503 and "longer than" in slow.json()["error"]
    assert run(_health(app)).status_code == 200


async def _health(app):
    async with client(app) as c:
        return await c.get("/healthz")


def test_real_server_refuses_bad_json_and_6_mb_then_answers(server):
    bad = httpx.post(f"{server}/api/check", content=b"{", headers={"content-type": "application/json"})
    assert bad.status_code == 400 and "error" in bad.json()
    big = json.dumps({"text": "word " * (6 * 1024 * 1024 // 5)}).encode()
    huge = httpx.post(f"{server}/api/check", content=big, headers={"content-type": "application/json"}, timeout=60)
    assert huge.status_code == 413 and "5 MB" in huge.json()["error"]
    assert httpx.post(f"{server}/api/check", json={"text": STORY}).status_code == 200
    assert httpx.get(f"{server}/healthz").json()["status"] == "ok"


def test_real_server_answers_40_concurrent_checks(server):
    async def go():
        limits = httpx.Limits(max_connections=40)
        async with httpx.AsyncClient(base_url=server, timeout=120, limits=limits) as c:
            texts = [STORY.replace("Westmere", f"Westmere{i}") for i in range(40)]
            return texts, await asyncio.gather(*(c.post("/api/check", json={"text": t}) for t in texts))

    texts, answers = run(go())
    assert [a.status_code for a in answers] == [200] * 40
    for text, answer in zip(texts, answers, strict=True):
        (file,) = answer.json()["files"]
        assert file["findings"] and all(text[f["offset"] : f["offset"] + f["length"]] == f["match"] for f in file["findings"])


def test_a_fresh_server_answers_concurrent_first_checks_with_different_rule_choices():
    """The first checks load rule sets at once in several threads (pyparsing's first calls race)."""
    choices = [["words"], ["grammar"], ["dates"], ["names"], ["style"], ["punctuation"], ["structure"], ["numbers"]] * 2

    async def go(base):
        async with httpx.AsyncClient(base_url=base, timeout=120) as c:
            return await asyncio.gather(*(c.post("/api/check", json={"text": STORY, "select": s}) for s in choices))

    with running_server("--workers", "8") as base:
        answers = run(go(base))
    assert [(a.status_code, a.text[:200] if a.status_code != 200 else "") for a in answers] == [(200, "")] * len(choices)
