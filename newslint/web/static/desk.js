// The desk page: check the textarea with POST /api/check, mark findings, apply fixes.
// Offsets from the API count code points; JavaScript strings count UTF-16 units, so
// every span goes through unitsOf() before it touches the text.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { report: null, text: "", findings: [], ruleDocs: {}, filename: "-" };

/** UTF-16 index of each code point offset in `text` (one extra entry for the end). */
function unitsOf(text) {
  const units = [0];
  let u = 0;
  for (const ch of text) { u += ch.length; units.push(u); }
  return units;
}

function showError(message) {
  const box = $("error");
  box.textContent = message;
  box.hidden = !message;
}

async function api(path, body) {
  let response;
  try {
    response = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  } catch (err) {
    throw new Error("The newslint server cannot be reached: " + err.message);
  }
  const raw = await response.text();
  let data = null;
  try { data = JSON.parse(raw); } catch (_) { /* not JSON: reported below */ }
  if (!response.ok) {
    throw new Error(`The check failed (HTTP ${response.status}): ${data && data.error ? data.error : raw.slice(0, 200)}`);
  }
  return { data, raw };
}

function requestBody() {
  const body = { text: $("text").value, filename: state.filename };
  if ($("format").value) body.format = $("format").value;
  if ($("date").value) body.date = $("date").value;
  return body;
}

async function check() {
  showError("");
  $("status").textContent = "Checking…";
  $("check").disabled = true;
  try {
    const body = requestBody();
    const { data, raw } = await api("/api/check", body);
    state.report = raw;
    state.text = body.text;
    state.findings = data.files.flatMap((f) => f.findings).sort((a, b) => a.offset - b.offset || a.length - b.length);
    const problems = (data.errors || []).map((e) => e.message);
    if (problems.length) showError("newslint could not read all of the text: " + problems.join("; "));
    render();
    $("status").textContent = `${state.findings.length} finding${state.findings.length === 1 ? "" : "s"}.`;
  } catch (err) {
    showError(err.message);
    $("status").textContent = "";
  } finally {
    $("check").disabled = false;
  }
}

function render() {
  const units = unitsOf(state.text);
  renderMarked(units);
  renderList(units);
  $("count").textContent = `(${state.findings.length})`;
  $("apply-all").disabled = !state.findings.some(isSafe);
  for (const id of ["copy", "download-json", "download-sarif"]) $(id).disabled = false;
}

function renderMarked(units) {
  const out = $("marked");
  out.replaceChildren();
  let cursor = 0;
  state.findings.forEach((f, i) => {
    const start = Math.max(units[f.offset], cursor);
    const end = units[f.offset + f.length];
    if (end <= start) return; // wholly inside an earlier mark: the list still shows it
    out.append(state.text.slice(cursor, start));
    const mark = document.createElement("mark");
    mark.className = f.severity;
    mark.id = `mark-${i}`;
    mark.dataset.rule = f.rule;
    mark.title = `${f.severity}: ${f.message} [${f.rule}]`;
    mark.textContent = state.text.slice(start, end);
    out.append(mark);
    cursor = end;
  });
  out.append(state.text.slice(cursor));
}

function renderList(units) {
  const list = $("findings");
  list.replaceChildren();
  state.findings.forEach((f, i) => {
    const li = document.createElement("li");
    const sev = document.createElement("span");
    sev.className = `sev ${f.severity}`;
    sev.textContent = f.severity;
    const go = document.createElement("button");
    go.type = "button";
    go.className = "goto";
    go.textContent = `line ${f.line}, column ${f.column}`;
    go.addEventListener("click", () => select(i, units));
    const msg = document.createElement("span");
    msg.textContent = ` ${f.message} `;
    const rule = document.createElement("span");
    rule.className = "rule";
    rule.textContent = `[${f.rule}]`;
    li.append(sev, go, msg, rule);
    if (f.fix) {
      const apply = document.createElement("button");
      apply.type = "button";
      apply.className = "secondary apply";
      apply.textContent = "Apply";
      apply.setAttribute("aria-label", `Apply fix: ${f.fix.message}`);
      apply.title = f.fix.message + (f.fix.applicability === "unsafe" ? " (check the result)" : "");
      apply.addEventListener("click", () => applyEdits(f.fix.edits));
      li.append(" ", apply);
    }
    const doc = state.ruleDocs[f.rule];
    if (doc) {
      const details = document.createElement("details");
      const summary = document.createElement("summary");
      summary.textContent = `About ${f.rule}`;
      const pre = document.createElement("pre");
      pre.textContent = doc;
      details.append(summary, pre);
      li.append(details);
    }
    list.append(li);
  });
}

function select(i, units) {
  document.querySelectorAll("mark.current").forEach((m) => m.classList.remove("current"));
  const mark = $(`mark-${i}`);
  if (mark) { mark.classList.add("current"); mark.scrollIntoView({ block: "center" }); }
  const f = state.findings[i];
  const area = $("text");
  if (area.value === state.text) area.setSelectionRange(units[f.offset], units[f.offset + f.length]);
}

function isSafe(f) { return f.fix && f.fix.applicability === "safe"; }

/** Apply code-point edits to the checked text (last first, overlaps dropped), then check again. */
async function applyEdits(edits) {
  const units = unitsOf(state.text);
  const sorted = [...edits].sort((a, b) => b.offset - a.offset);
  let text = state.text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.offset + e.length > limit) continue;
    text = text.slice(0, units[e.offset]) + e.replacement + text.slice(units[e.offset + e.length]);
    limit = e.offset;
  }
  $("text").value = text;
  await check();
}

function copyText() {
  const text = $("text").value;
  const done = () => { $("status").textContent = "Text copied."; };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, () => fallbackCopy(done));
  } else {
    fallbackCopy(done);
  }
}

function fallbackCopy(done) {
  $("text").select();
  if (document.execCommand("copy")) done(); else showError("Copying failed: select the text and copy it by hand.");
}

function download(name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function downloadSarif() {
  try {
    const { raw } = await api("/api/check?report=sarif", requestBody());
    download("newslint.sarif", "application/sarif+json", raw);
  } catch (err) {
    showError(err.message);
  }
}

/** Prefill the date (and show the detected format) from what the text itself carries. */
async function prefill() {
  if (!$("text").value.trim()) return;
  try {
    const { data } = await api("/api/meta", requestBody());
    if (data.date && !$("date").value) $("date").value = data.date;
    $("format").options[0].textContent = `detect (${data.format})`;
  } catch (_) { /* the check itself will show any error */ }
}

function openFile(event) {
  const file = event.target.files[0];
  if (!file) return;
  const reader = new FileReader();
  reader.onload = () => { state.filename = file.name; $("text").value = reader.result; $("date").value = ""; prefill(); };
  reader.onerror = () => showError(`Cannot read ${file.name}.`);
  reader.readAsText(file);
}

async function loadRuleDocs() {
  try {
    const response = await fetch("/api/rules");
    const data = await response.json();
    for (const r of data.rules) state.ruleDocs[r.id] = r.doc;
  } catch (_) { /* rule docs are a help, not a need */ }
}

function applyAllSafe() {
  applyEdits(state.findings.filter(isSafe).flatMap((f) => f.fix.edits));
}

let prefillTimer = null;
document.addEventListener("DOMContentLoaded", () => {
  $("form").addEventListener("submit", (e) => { e.preventDefault(); check(); });
  $("text").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); check(); }
  });
  $("text").addEventListener("input", () => { clearTimeout(prefillTimer); prefillTimer = setTimeout(prefill, 500); });
  $("file").addEventListener("change", openFile);
  $("apply-all").addEventListener("click", applyAllSafe);
  $("copy").addEventListener("click", copyText);
  $("download-json").addEventListener("click", () => download("newslint.json", "application/json", state.report));
  $("download-sarif").addEventListener("click", downloadSarif);
  loadRuleDocs();
});
