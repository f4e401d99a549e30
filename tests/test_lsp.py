"""``newslint lsp`` through a real LSP client: JSON-RPC over the server's stdin and stdout.

One server serves the whole module, as one editor would: documents in different
folders find different configs, a broken config shows as a diagnostic, and the
server answers the next document regardless.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lspclient import LspClient

from newslint.model import Finding

HAS_FIX = "fix" in {f.name for f in dataclasses.fields(Finding)}
REPO = Path(__file__).resolve().parents[1]


def utf16_position(text: str, offset: int) -> dict[str, int]:
    """An oracle independent of the server: lines split on \\n (a \\r before it ends the line), UTF-16 units."""
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return {"line": line, "character": len(text[start:offset].encode("utf-16-le")) // 2}


def span(text: str, match: str) -> dict[str, dict[str, int]]:
    start = text.index(match)
    return {"start": utf16_position(text, start), "end": utf16_position(text, start + len(match))}


def apply_edits(text: str, edits: list[dict]) -> str:
    """Apply LSP TextEdits to an LF/CRLF text the way an editor does (positions in UTF-16 units)."""
    lines = text.split("\n")

    def offset(pos: dict[str, int]) -> int:
        before = sum(len(line) + 1 for line in lines[: pos["line"]])
        units = lines[pos["line"]].encode("utf-16-le")[: 2 * pos["character"]]
        return before + len(units.decode("utf-16-le"))

    for e in sorted(edits, key=lambda e: offset(e["range"]["start"]), reverse=True):
        text = text[: offset(e["range"]["start"])] + e["newText"] + text[offset(e["range"]["end"]) :]
    return text


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ws = tmp_path_factory.mktemp("desk")
    for name in ("plain", "quiet", "broken", "badrule/house/house"):
        (ws / name).mkdir(parents=True)
    (ws / "quiet/.newslint.yaml").write_text("rules:\n  words.repeated: off\n")
    (ws / "broken/.newslint.yaml").write_text("rules:\n  words.repeated: off\nrulez: 1\n")
    (ws / "badrule/.newslint.yaml").write_text("rule_dirs: [house]\n")
    (ws / "badrule/house/house/bad.yml").write_text('check: nonsense\nseverity: error\nmessage: "x"\n')
    return ws


@pytest.fixture(scope="module")
def lsp(workspace: Path):
    client = LspClient(workspace)
    client.init_result = client.request(
        "initialize", {"processId": None, "rootUri": workspace.as_uri(), "capabilities": {}, "initializationOptions": {"debounce": 0.3}}
    )
    client.notify("initialized", {})
    yield client
    client.close()


def open_doc(lsp: LspClient, path: Path, text: str, language: str = "plaintext", version: int = 1) -> dict:
    uri = path.as_uri()
    lsp.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}})
    return lsp.notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)


def test_initialize_advertises_what_the_server_does(lsp):
    caps = lsp.init_result["capabilities"]
    assert lsp.init_result["serverInfo"]["name"] == "newslint"
    assert set(caps["codeActionProvider"]["codeActionKinds"]) >= {"quickfix", "source.fixAll.newslint"}
    assert caps["hoverProvider"]
    assert caps["textDocumentSync"]["openClose"] and caps["textDocumentSync"]["save"]
    assert caps.get("positionEncoding", "utf-16") == "utf-16"


def test_open_publishes_findings_with_utf16_ranges_after_astral_characters(lsp, workspace):
    text = "Rain 🌧 fell on Monday.\r\n🙂𝔸🙂 The council met, rose and and rose.\r\n"
    published = open_doc(lsp, workspace / "plain/storm.txt", text)
    assert published["version"] == 1
    [d] = published["diagnostics"]
    assert d["range"] == span(text, "and and")
    assert d["range"]["start"] == {"line": 1, "character": 29}  # 26 code points, 3 of them astral (2 units each)
    assert d["code"] == "words.repeated" and d["severity"] == 1 and d["source"] == "newslint"
    assert d["codeDescription"]["href"].endswith("docs/rules.md#wordsrepeated")


def test_change_is_debounced_then_linted_incremental_edits_in_utf16(lsp, workspace):
    path = workspace / "plain/change.txt"
    uri = path.as_uri()
    text = "🙂 The vote was close.\n"
    assert open_doc(lsp, path, text)["diagnostics"] == []
    for version, new in ((2, "🙂 The the vote"), (3, "🙂 The the vote was"), (4, "🙂 The the vote was close, and and late.\n")):
        lsp.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": new}]})
    published = lsp.notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
    assert published["version"] == 4  # the quick keystrokes before were never linted
    assert [d["range"] for d in published["diagnostics"]] == [span(new, "The the"), span(new, "and and")]
    assert not [n for n in lsp.notifications if n["params"]["uri"] == uri]
    # an incremental change: delete the second "and " by its UTF-16 range
    start = new.index("and and") + 4
    rng = {"start": utf16_position(new, start), "end": utf16_position(new, start + 4)}
    lsp.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 5}, "contentChanges": [{"range": rng, "text": ""}]})
    published = lsp.notification("textDocument/publishDiagnostics", lambda p: p["uri"] == uri and p["version"] == 5)
    assert [d["range"] for d in published["diagnostics"]] == [span(new, "The the")]


def test_save_relints_and_close_clears(lsp, workspace):
    path = workspace / "plain/saved.txt"
    text = "The the council met.\n"
    assert len(open_doc(lsp, path, text)["diagnostics"]) == 1
    lsp.notify("textDocument/didSave", {"textDocument": {"uri": path.as_uri()}})
    assert len(lsp.notification("textDocument/publishDiagnostics", lambda p: p["uri"] == path.as_uri())["diagnostics"]) == 1
    lsp.notify("textDocument/didClose", {"textDocument": {"uri": path.as_uri()}})
    assert lsp.notification("textDocument/publishDiagnostics", lambda p: p["uri"] == path.as_uri())["diagnostics"] == []


def test_format_comes_from_the_language_id(lsp, workspace):
    text = "<p>Caf&eacute; 🙂 calm.</p>\n<script>rose and and rose</script>\n"
    assert open_doc(lsp, workspace / "plain/page.html", text, "html")["diagnostics"] == []
    as_text = open_doc(lsp, workspace / "plain/page-as-text.html", text, "plaintext")["diagnostics"]
    assert [d["range"] for d in as_text] == [span(text, "and and")]
    html = "<p>Caf&eacute; 🙂 rose and and rose.</p>\n"
    [d] = open_doc(lsp, workspace / "plain/entity.html", html, "html")["diagnostics"]
    assert d["range"] == span(html, "and and")  # a source range, past the entity and the emoji


def test_publication_date_comes_from_the_document(lsp, workspace):
    body = "The board met on Friday, Jan. 13, to approve the plan.\n"
    dated = f"---\ndate: 2024-01-13\n---\n\n{body}"
    [d] = open_doc(lsp, workspace / "plain/dated.md", dated, "markdown")["diagnostics"]
    assert d["code"] == "dates.weekday" and d["range"] == span(dated, "Friday, Jan. 13")
    assert open_doc(lsp, workspace / "plain/undated.md", body, "markdown")["diagnostics"] == []


def test_config_is_discovered_from_each_documents_path(lsp, workspace):
    text = "The the council met.\n"
    quiet = workspace / "quiet/story.txt"
    assert open_doc(lsp, quiet, text)["diagnostics"] == []
    assert [d["code"] for d in open_doc(lsp, workspace / "plain/story.txt", text)["diagnostics"]] == ["words.repeated"]
    (workspace / "quiet/.newslint.yaml").write_text("rules:\n  words.repeated: warning\n")  # edited outside the editor
    change = {"textDocument": {"uri": quiet.as_uri(), "version": 2}, "contentChanges": [{"text": text + "More.\n"}]}
    lsp.notify("textDocument/didChange", change)
    published = lsp.notification("textDocument/publishDiagnostics", lambda p: p["uri"] == quiet.as_uri())
    assert [(d["code"], d["severity"]) for d in published["diagnostics"]] == [("words.repeated", 2)]


def test_bad_config_is_a_diagnostic_and_the_server_keeps_going(lsp, workspace):
    path = workspace / "broken/story.txt"
    [d] = open_doc(lsp, path, "The the council met.\n")["diagnostics"]
    config = workspace / "broken/.newslint.yaml"
    assert d["message"].startswith(f"{config}:3:1: error: unknown key 'rulez'")
    assert d["severity"] == 1
    at_key = {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 0}}
    [where] = d["relatedInformation"]
    assert where["location"] == {"uri": config.as_uri(), "range": at_key}
    [on_config] = lsp.notification("textDocument/publishDiagnostics", lambda p: p["uri"] == config.as_uri())["diagnostics"]
    assert on_config["range"] == at_key and on_config["message"].startswith("unknown key 'rulez'")
    config.write_text("rules:\n  words.repeated: off\n")  # fixed on disk, then saved in the editor
    lsp.notify("textDocument/didSave", {"textDocument": {"uri": path.as_uri()}})
    assert lsp.notification("textDocument/publishDiagnostics", lambda p: p["uri"] == path.as_uri())["diagnostics"] == []
    assert lsp.notification("textDocument/publishDiagnostics", lambda p: p["uri"] == config.as_uri())["diagnostics"] == []
    assert len(open_doc(lsp, workspace / "plain/after.txt", "The the council met.\n")["diagnostics"]) == 1


def test_bad_rule_is_a_diagnostic_naming_the_rule_file(lsp, workspace):
    [d] = open_doc(lsp, workspace / "badrule/story.txt", "The the council met.\n")["diagnostics"]
    rule_file = workspace / "badrule/house/house/bad.yml"
    assert d["message"].startswith(f"{rule_file}:1:8: error: unknown check type 'nonsense'")
    assert d["relatedInformation"][0]["location"]["uri"] == rule_file.as_uri()
    assert d["relatedInformation"][0]["location"]["range"]["start"] == {"line": 0, "character": 7}
    [on_rule] = lsp.notification("textDocument/publishDiagnostics", lambda p: p["uri"] == rule_file.as_uri())["diagnostics"]
    assert on_rule["range"]["start"] == {"line": 0, "character": 7} and "nonsense" in on_rule["message"]


def test_an_unsaved_buffer_is_linted_by_its_language(lsp):
    text = "# Vote\n\nThe council met, rose and and rose.\n"
    lsp.notify("textDocument/didOpen", {"textDocument": {"uri": "untitled:Untitled-1", "languageId": "markdown", "version": 1, "text": text}})
    published = lsp.notification("textDocument/publishDiagnostics", lambda p: p["uri"] == "untitled:Untitled-1")
    assert [d["range"] for d in published["diagnostics"]] == [span(text, "and and")]


def test_hover_on_a_finding_shows_the_rule_docs(lsp, workspace):
    path = workspace / "plain/hover.txt"
    text = "🙂 rose and and rose\n"
    open_doc(lsp, path, text)
    inside = utf16_position(text, text.index("and and") + 5)
    hover = lsp.request("textDocument/hover", {"textDocument": {"uri": path.as_uri()}, "position": inside})
    assert "words.repeated" in hover["contents"]["value"] and "## What it catches" in hover["contents"]["value"]
    assert hover["range"] == span(text, "and and")
    assert lsp.request("textDocument/hover", {"textDocument": {"uri": path.as_uri()}, "position": {"line": 0, "character": 0}}) is None


def test_code_actions_without_fixes_answer_nothing(lsp, workspace):
    path = workspace / "plain/nofix.txt"
    text = "Calm day.\n"
    open_doc(lsp, path, text)
    rng = {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 4}}
    assert lsp.request("textDocument/codeAction", {"textDocument": {"uri": path.as_uri()}, "range": rng, "context": {"diagnostics": []}}) == []


@pytest.mark.skipif(not HAS_FIX, reason="Finding has no 'fix' field yet (the fix model is on the fixes branch)")
def test_code_action_quick_fix_and_fix_all_edit_the_document(lsp, workspace):
    path = workspace / "plain/fixme.txt"
    text = "🙂 The council met, rose and and rose.\r\nOfficials did not say nothing about it.\r\n"
    fixed = "🙂 The council met, rose and rose.\r\nOfficials did not say nothing about it.\r\n"
    repeated, negative = open_doc(lsp, path, text)["diagnostics"]
    assert (repeated["code"], negative["code"]) == ("words.repeated", "grammar.double-negative")
    assert negative["severity"] == 1 and negative["range"] == span(text, "not say nothing")

    def actions(d: dict, **context) -> list[dict]:
        params = {"textDocument": {"uri": path.as_uri()}, "range": d["range"], "context": {"diagnostics": [d], **context}}
        return lsp.request("textDocument/codeAction", params)

    [quick] = [a for a in actions(repeated) if a["kind"] == "quickfix"]
    assert quick["diagnostics"] == [repeated] and quick["isPreferred"]
    assert apply_edits(text, quick["edit"]["changes"][path.as_uri()]) == fixed
    assert [a["kind"] for a in actions(negative)] == ["source.fixAll.newslint"]  # no fix for a double negative
    [everything] = actions(negative, only=["source.fixAll"])
    assert everything["kind"] == "source.fixAll.newslint" and everything["title"] == "Fix all safe newslint findings"
    assert apply_edits(text, everything["edit"]["changes"][path.as_uri()]) == fixed
    assert actions(repeated, only=["source.organizeImports"]) == []


def test_negotiated_utf8_positions_then_shutdown_and_exit(tmp_path):
    client = LspClient(tmp_path)
    capabilities = {"general": {"positionEncodings": ["utf-8"]}}
    result = client.request("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": capabilities})
    assert result["capabilities"]["positionEncoding"] == "utf-8"
    client.notify("initialized", {})
    text = "Café 🙂 rose and and rose.\n"
    [d] = open_doc(client, tmp_path / "story.txt", text)["diagnostics"]
    start = len(text[: text.index("and and")].encode("utf-8"))
    assert d["range"] == {"start": {"line": 0, "character": start}, "end": {"line": 0, "character": start + 7}}
    started = time.monotonic()
    assert client.close() == 0
    assert time.monotonic() - started < 10


def test_without_pygls_import_works_and_lsp_says_how_to_install(tmp_path):
    script = (
        "import sys; sys.modules['pygls'] = None\n"
        "import newslint, newslint.lsp, newslint.cli\n"
        "r = newslint.lint_text('The the vote.')\n"
        "assert [f.rule for f in r.findings] == ['words.repeated'], r\n"
        "sys.exit(newslint.cli.main(['lsp']))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert run.returncode == 2, run.stderr
    assert "pip install 'newslint[lsp]'" in run.stderr
