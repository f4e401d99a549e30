"""The desk page in a real headless Chromium (Debian's, through Playwright's executable_path).

Apply uses the API's real fixes (the doubled word's safe fix). The unsafe-fix test turns
every fix in the real answer unsafe in the browser's network layer, to see that "apply all
safe fixes" holds them back.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest

pytest.importorskip("starlette")
sync_api = pytest.importorskip("playwright.sync_api")

from webserver import running_server  # noqa: E402

CHROMIUM = os.environ.get("NEWSLINT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
if not CHROMIUM:
    if os.environ.get("CI"):
        pytest.fail("chromium is missing: run scripts/install-test-deps", pytrace=False)
    pytest.skip("no chromium on this machine (scripts/install-test-deps installs it)", allow_module_level=True)

# An emoji (two UTF-16 units, one code point) before the defects checks the offset conversion.
STORY = (
    "date 2024-03-15 Westmere Gazette\n\n"
    "Ferry 🚢 plan wins the the vote\n\n"
    "The Westmere harbour board voted on Tuesday, 14 March 2024, to buy a second ferry.\n\n"
    "Chair Alma Ruiz said the the island needed it.\n"
)


@pytest.fixture(scope="module")
def base():
    with running_server() as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser, base):
    # bypass_csp lets the test evaluate its own probes; the narrow-screen test runs under the page's CSP
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    pg = context.new_page()
    pg.requests = []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.goto(base + "/")
    yield pg
    context.close()


def _check(page, text: str) -> None:
    page.fill("#text", text)
    page.click("#check")
    page.locator("#status", has_text="finding").wait_for()


def _with_fixes(route, applicability: str = "safe") -> None:
    """The real answer, with a fix from the first suggestion on findings that carry none."""
    response = route.fetch()
    report = response.json()
    for f in report["files"][0]["findings"]:
        if applicability == "unsafe" and f.get("fix") is not None:
            f["fix"]["applicability"] = "unsafe"  # the real fixes too: every fix must be held back
        if f.get("fix") is None and f["suggestions"]:
            edit = {"offset": f["offset"], "length": f["length"], "line": f["line"], "column": f["column"],
                    "end_line": f["end_line"], "end_column": f["end_column"], "replacement": f["suggestions"][0]}
            f["fix"] = {"applicability": applicability, "message": f"Replace with '{f['suggestions'][0]}'", "edits": [edit]}
    route.fulfill(response=response, body=json.dumps(report))


def test_findings_are_marked_on_their_exact_characters(page, base):
    _check(page, STORY)
    marks = page.eval_on_selector_all("#marked mark", "ms => ms.map(m => [m.dataset.rule, m.textContent, m.className])")
    repeated = [m for m in marks if m[0] == "words.repeated"]
    assert [m[1] for m in repeated] == ["the the", "the the"]
    assert all(m[2] == "error" for m in repeated)
    assert page.text_content("#marked") == STORY
    items = page.locator("#findings li")
    assert items.count() == len(marks) >= 2
    assert "[words.repeated]" in items.first.inner_text()
    assert all(url.startswith(base) for url in page.requests), page.requests


def test_selecting_a_finding_marks_it_and_selects_it_in_the_text(page):
    _check(page, STORY)
    page.locator("#findings li .goto").nth(1).click()
    assert page.locator("mark.current").count() == 1
    selected = page.evaluate("(() => { const t = document.querySelector('#text'); return t.value.slice(t.selectionStart, t.selectionEnd); })()")
    assert selected == page.text_content("mark.current")


def test_apply_one_fix_then_the_text_is_checked_again(page):
    _check(page, STORY)
    page.locator("#findings li", has_text="words.repeated").first.locator("button.apply").click()
    page.wait_for_function("document.querySelectorAll('#marked mark[data-rule=\"words.repeated\"]').length === 1")
    assert page.input_value("#text") == STORY.replace("the the", "the", 1)


def test_apply_all_safe_fixes(page):
    _check(page, STORY)
    page.click("#apply-all")
    page.wait_for_function("document.querySelectorAll('#marked mark[data-rule=\"words.repeated\"]').length === 0")
    assert "the the" not in page.input_value("#text")
    assert "Ferry 🚢 plan wins the vote" in page.input_value("#text")


def test_unsafe_fixes_are_not_applied_by_apply_all(page):
    page.route("**/api/check", lambda route: _with_fixes(route, "unsafe"))
    _check(page, STORY)
    assert page.locator("button.apply").count() >= 2
    assert page.is_disabled("#apply-all")


def test_an_api_error_is_shown_to_the_user(page):
    page.route("**/api/check", lambda route: route.fulfill(status=503, content_type="application/json",
                                                           body=json.dumps({"error": "the check took longer than 30 s"})))
    page.fill("#text", STORY)
    page.click("#check")
    alert = page.locator("#error[role=alert]")
    alert.wait_for(state="visible")
    assert "HTTP 503" in alert.inner_text() and "took longer than 30 s" in alert.inner_text()


def test_a_real_400_is_shown_to_the_user(page):
    page.fill("#text", STORY)
    page.evaluate("document.querySelector('#format').add(new Option('docx', 'docx'))")
    page.select_option("#format", "docx")
    page.click("#check")
    page.locator("#error").wait_for(state="visible")
    assert "HTTP 400" in page.inner_text("#error") and "'format'" in page.inner_text("#error")


def test_keyboard_shortcut_and_date_prefill(page):
    page.focus("#text")
    page.keyboard.insert_text(STORY)
    page.wait_for_function("document.querySelector('#date').value === '2024-03-15'")
    page.keyboard.press("Control+Enter")
    page.locator("#status", has_text="finding").wait_for()
    assert page.locator("#findings li").count() >= 2


def test_every_control_has_a_label(page):
    unlabelled = page.evaluate("""[...document.querySelectorAll('input, select, textarea')]
        .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.id)""")
    assert unlabelled == []


def test_narrow_screen_does_not_scroll_sideways(browser, base, tmp_path):
    context = browser.new_context(viewport={"width": 360, "height": 780})
    pg = context.new_page()
    violations = []
    pg.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    pg.goto(base + "/")
    _check(pg, STORY)
    assert pg.locator("#marked mark").count() >= 2
    box = pg.locator("#marked").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert violations == []
    context.close()


def test_screenshot(page, tmp_path):
    """docs/desk.png comes from here: NEWSLINT_DESK_SCREENSHOT=docs/desk.png pytest -k screenshot."""
    _check(page, STORY)
    page.locator("#findings li .goto").first.click()
    target = os.environ.get("NEWSLINT_DESK_SCREENSHOT") or str(tmp_path / "desk.png")
    page.screenshot(path=target, full_page=True)
    with open(target, "rb") as fh:
        assert fh.read(8) == b"\x89PNG\r\n\x1a\n"
