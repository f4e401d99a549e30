"""Property tests: whatever the text, markup or front matter, linting never raises,
every finding names exactly its source characters, and results are deterministic
(the same with one process or four)."""

from __future__ import annotations

import os
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from invariants import PROBE_CONFIG, check_document, check_result

from newslint import lint_paths, lint_text
from newslint.parsers import parse

FORMATS = ("plain", "markdown", "html")
EXTENSION = {"plain": ".txt", "markdown": ".md", "html": ".html"}

#: Markup and structure that parsers treat specially, in every format (a Markdown
#: parser must survive HTML and vice versa).
FRAGMENTS = (
    "\n", "\n\n", "\r\n", "\r", "\t", "    ", " ", "\u00a0", "\ufeff", "\u2028", "\u2029", "\x0c", "\x00",
    "\x0b", "\x1c", "\x1e", "\x85", "\u200b", "\u0301", "\U0001F600", "ǅ", "ß", "İ", "ﬁ",
    "# ", "## ", "#", "> ", ">", "- ", "* ", "+ ", "1. ", "2) ", "*", "**", "_", "__", "`", "``",
    "```", "```python\n", "~~~", "    code\n", "[", "]", "](", ")", "[x]: /url\n", "![alt](",
    "<https://example.org>", "https://example.org/a_b", "|", "| a | b |\n", "|---|---|\n",
    "\\", "\\*", "===\n", "---\n", "***\n", "<", ">", "&", "&amp;", "&amp", "&nbsp;", "&eacute",
    "&#0;", "&#x110000;", "&#128;", "&#x1F600;", "&notit;", "&;", "<p>", "</p>", "<P >", "<br>",
    "<br/>", "<div>", "</div>", "<h1>", "</h1>", "<em>", "</em>", "<a href=\"x\">", "</a>",
    "<img alt=\"Photo: x\" src=y>", "<script>", "</script>", "<style>", "</style>", "<pre>",
    "</pre>", "<code>", "</code>", "<figcaption>", "</figcaption>", "<li>", "<ul>", "<table><tr><td>",
    "<!--", "-->", "<!-- x -->", "<![CDATA[", "]]>", "<!DOCTYPE html>", "<?xml ?>", "<title>",
    "<meta property=\"article:published_time\" content=\"2024-01-13T10:00:00Z\">",
    "<time datetime=\"2024-02-30\">", "<!-- newslint-disable -->", "<!-- newslint-enable -->",
    "<!-- newslint-disable-next-line probe.word -->", "<!-- newslint-disable-file probe -->",
    "<!-- newslint-disable nosuch.rule -->",
    "<!-- newslint-enable probe.word probe.word -->", "<!-- newslint-disable probe probe.word -->", "date 2024-01-13 The Gazette\n", "By Jane Doe\n",
    "LONDON, Jan. 12 (Reuters) - ", "PORT ELWYN — ", "Photo: Jane Doe.", "Friday, January 13, 2024",
    "yesterday, Tuesday,", "the the ", "Doe said.", "Mr. ", "U.S. ", "per cent", "e-mail",
)

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
markup = st.lists(st.one_of(st.sampled_from(FRAGMENTS), text), max_size=25).map("".join)

YAML_BITS = (
    "date: ", "2024-01-13", "2024-13-45", "'2024-01-13'", "title: ", "headline: ", "tags: [a, b]",
    "[", "]", "{", "}", ": ", "- ", "\n", "  ", "&a ", "*a", "!!python/object:os.system ", "!!binary ",
    "? ", "|", ">", "'", "\"", "#", "~", "null", "1e9999", "0x1F", "...\n", "---\n", "%YAML 1.2\n",
)
yaml_body = st.lists(st.one_of(st.sampled_from(YAML_BITS), text), max_size=15).map("".join)
front_matter = st.tuples(
    st.sampled_from(("---\n", "\ufeff---\n", "--- \r\n", "---\n\n")),
    yaml_body,
    st.sampled_from(("\n---\n", "\n...\n", "\n---", "", "\n--- \n", "\n----\n")),
    markup,
).map("".join)
article = st.one_of(text, markup, front_matter)

#: NEWSLINT_EXAMPLES=2000 for a thorough local run; CI keeps the default small.
EXAMPLES = int(os.environ.get("NEWSLINT_EXAMPLES", "60"))
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _lint(source: str, fmt: str):
    return lint_text(source, format=fmt, config=str(PROBE_CONFIG))


@pytest.mark.parametrize("fmt", FORMATS)
@FAST
@given(source=article)
def test_findings_name_their_exact_source_span(fmt, source):
    result = _lint(source, fmt)
    check_result(source, result)
    assert _lint(source, fmt) == result  # same input, same findings in the same order


@pytest.mark.parametrize("fmt", FORMATS)
@FAST
@given(source=article)
def test_parsed_document_is_consistent(fmt, source):
    doc, problems = parse(source, "x", fmt)
    assert doc.source == source
    check_document(doc)
    assert all(0 <= offset <= len(source) for offset, _ in problems)


@pytest.mark.parametrize("fmt", FORMATS)
@FAST
@given(source=article, date=st.dates())
def test_any_publication_date_is_safe(fmt, source, date):
    result = lint_text(source, format=fmt, config=str(PROBE_CONFIG), date=date)
    check_result(source, result)


files = st.lists(st.tuples(st.sampled_from(FORMATS), article), min_size=1, max_size=8)


@settings(max_examples=max(8, EXAMPLES // 8), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=files)
def test_parallel_run_gives_the_serial_results(files):
    with tempfile.TemporaryDirectory() as root:
        for i, (fmt, source) in enumerate(files):
            sub = os.path.join(root, f"d{i % 3}")
            os.makedirs(sub, exist_ok=True)
            with open(os.path.join(sub, f"f{i:02d}{EXTENSION[fmt]}"), "w", encoding="utf-8", newline="") as fh:
                fh.write(source)
        serial = list(lint_paths([root], config=str(PROBE_CONFIG), jobs=1))
        parallel = list(lint_paths([root], config=str(PROBE_CONFIG), jobs=4))
    assert parallel == serial
    assert len(serial) == len(files)


names = st.sampled_from(("demo", "demo.banned", "demo.soft", "probe", "probe.word", "*"))
directive = st.tuples(st.sampled_from(("disable", "enable", "disable-next-line", "disable-file")), st.lists(names, max_size=3), st.integers(1, 30))


@settings(max_examples=EXAMPLES * 3, deadline=None)
@given(ds=st.lists(directive, max_size=12), rule=st.sampled_from(("demo.banned", "demo.soft", "probe.word")), line=st.integers(1, 35))
def test_suppression_lookup_matches_the_plain_definition(ds, rule, line):
    from newslint.directives import ALL, Directive, suppressions

    directives = sorted(
        (Directive(kind, tuple(n for n in ns if n != "*"), at, 1) for kind, ns, at in ds), key=lambda d: d.line
    )
    s = suppressions(directives)

    def matches(name: str) -> bool:
        return name == ALL or rule == name or rule.startswith(name + ".")

    expected = any(matches(n) for n in s.file_rules) or any(
        first <= line <= last and matches(n) for n, first, last in s.ranges
    )
    assert s.silenced(rule, line) == expected


word = st.text(st.sampled_from("abé"), min_size=1, max_size=3)
entry = st.lists(word, min_size=1, max_size=3).flatmap(
    lambda ws: st.lists(st.sampled_from((" ", "-", "'")), min_size=len(ws) - 1, max_size=len(ws) - 1).map(
        lambda seps: ws[0] + "".join(s + w for s, w in zip(seps, ws[1:], strict=True))
    )
)
haystack = st.lists(st.one_of(word, st.sampled_from((" ", "-", "'", "  ", "_", ".", "A", "É", "\n"))), max_size=40).map("".join)


@settings(max_examples=EXAMPLES * 3, deadline=None)
@given(entries=st.lists(entry, min_size=1, max_size=8), text=haystack, ignorecase=st.booleans())
def test_word_set_finds_what_the_alternation_finds(entries, text, ignorecase):
    """The set lookup for long word lists matches the word-bounded alternation
    (longest entry first, which is what the set prefers where entries overlap)."""
    from newslint.checks._patterns import Literals, compile_alternation

    longest_first = sorted(set(entries), key=len, reverse=True)
    pattern = compile_alternation(longest_first, ignorecase=ignorecase, nonword=False)
    expected = [m.span() for m in pattern.finditer(text)]
    assert list(Literals(entries, ignorecase=ignorecase).spans(text, 0, len(text))) == expected


CONFIG_BITS = (
    "extends: ", "rules:\n", "  demo.banned: ", "  demo.soft: {severity: ", "options: {tokens: [", "]}", "}\n", "off", "error",
    "select: [", "ignore: [", "demo", "ALL", "rule_dirs: [", "per_file_ignores: {", "'*.txt': [demo]", "fail_on: ",
    "vocabulary: [", "date_order: dmy", "week_start: ", "friday", "timeout: ", "1e9", "-1", ".nan", "0x10", "~", "\n",
    "- ", ": ", "[", "]", "{", "}", ", ", "&a ", "*a", "!!str ", "? ", "'", '"', "#", "|\n  ", "%TAG ! x\n", "---\n", "...\n",
)
yaml_text = st.lists(st.one_of(st.sampled_from(CONFIG_BITS), text), max_size=20).map("".join)
RULE_BITS = (
    "check: ", "existence", "substitution", "repetition", "sequence", "consistency", "nosuch", "\n", "message: ",
    "'{match}'", "'{expected}'", "'{0}'", "'{match!r}'", "tokens: [", "swap: {", "a: b", "'(a|aa)+b'", "'('", "x", "]",
    "}", "severity: ", "info", "scope: [", "headline", "paragraph", "examples: {bad: [", "good: [", "enabled: ", "false",
    "ignorecase: true", "nonword: ", "- ", ": ", "&a ", "*a", "'", '"', "[", "{", ", ",
)
rule_text = st.lists(st.one_of(st.sampled_from(RULE_BITS), text), max_size=20).map("".join)
CONFIG_LINES = (
    "select: [demo, any]", "ignore: [demo.soft]", "rules: {demo.banned: warning}", "rules: {any.rule: off}",
    "vocabulary: [Doe, synergy]", "timeout: 30", "fail_on: info", "per_file_ignores: {'*.txt': [demo]}",
    "date_order: dmy", "week_start: sunday", "rules: {demo.banned: {options: {tokens: [synergy], ignorecase: false}}}",
)
config_lines = st.lists(st.sampled_from(CONFIG_LINES), unique_by=lambda line: line.split(":")[0], max_size=5).map("\n".join)
config_text = st.one_of(yaml_text, config_lines, config_lines, config_lines)  # mostly valid, to reach linting
RULE_OPTIONS = (
    "tokens: [leverage, '(a|aa)+b', 'a{2}', the the]", "swap: {per cent: percent, 'e-?mail': email}", "tokens: ['(']",
    "tokens: []", "ignorecase: true\ntokens: [The, SYNERGY]", "nonword: true\ntokens: ['\\b', '(?=a)', '[^\\w\\s]']", "",
    "scope: [headline]\ntokens: [head]", "scope: nosuch\ntokens: [a]", "exceptions: [aab]\ntokens: ['a+b?']",
)
rule_skeleton = st.builds(
    "check: {}\nmessage: {}\nseverity: {}\n{}\n".format,
    st.sampled_from(("existence", "existence", "substitution", "nosuch")),
    st.sampled_from(("'{match}'", "'Use {expected}, not {match}.'", '"{0.__class__}"', "x", "'{{lit}} {match}'")),
    st.sampled_from(("error", "warning", "info", "fatal", "error")),
    st.sampled_from(RULE_OPTIONS),
)
rule_body = st.one_of(rule_text, rule_skeleton, rule_skeleton, rule_skeleton)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(config_text=config_text, rule_body=rule_body)
def test_any_config_or_rule_file_is_loaded_or_reported(config_text, rule_body):
    """Whatever a config or rule file holds, loading gives rules or located errors, never a crash."""
    from newslint.config import ConfigProblems, build_ruleset, load_config
    from newslint.yamlfile import ConfigError

    with tempfile.TemporaryDirectory() as root:
        rules = os.path.join(root, "rules", "any")
        os.makedirs(rules)
        with open(os.path.join(rules, "rule.yml"), "w", encoding="utf-8") as fh:
            fh.write(rule_body)
        path = os.path.join(root, ".newslint.yaml")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(f"rule_dirs: [rules, {os.path.dirname(str(PROBE_CONFIG))}/../rules]\n" + config_text)
        try:
            config = load_config(__import__("pathlib").Path(path))
        except ConfigProblems as exc:
            assert exc.errors and all(isinstance(e, ConfigError) for e in exc.errors)
            return
        _ruleset, errors = build_ruleset(config)
        assert all(isinstance(e, ConfigError) for e in errors)
        if not errors:
            result = lint_text("Head\n\nWe leverage the the synergy, a aa aab.\n", config=path)
            check_result("Head\n\nWe leverage the the synergy, a aa aab.\n", result)
