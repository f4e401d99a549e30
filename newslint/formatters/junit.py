"""JUnit XML, the lowest common denominator CI systems render as a test report.

Each file is a test case and each finding a failure. Characters XML 1.0 forbids
(most C0 controls, lone surrogates, U+FFFE/U+FFFF) are stripped, since no escape
exists for them and one stray byte in copy must not break the whole report.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from newslint.model import FileResult, Rule

_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(value: str) -> str:
    """Drop characters that cannot appear in an XML 1.0 document at all."""
    return _FORBIDDEN.sub("", value)


def render(
    results: Sequence[FileResult], rules: Sequence[Rule], *, color: bool = False
) -> str:
    """``<testsuites>`` with one ``newslint`` suite; counts are of elements emitted."""
    tests = len(results)
    failures = sum(len(r.findings) for r in results)
    errors = sum(len(r.errors) for r in results)
    counts = {"tests": str(tests), "failures": str(failures), "errors": str(errors)}
    root = ET.Element("testsuites", {"name": "newslint", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": "newslint", **counts})
    for result in results:
        case = ET.SubElement(
            suite, "testcase", {"classname": "newslint", "name": xml_safe(result.path)}
        )
        for error in result.errors:
            element = ET.SubElement(case, "error", {"message": xml_safe(error.message)})
            element.text = xml_safe(f"{error.path}: error: {error.message}")
        for f in result.findings:
            element = ET.SubElement(
                case,
                "failure",
                {"type": xml_safe(f.rule), "message": xml_safe(f.message)},
            )
            element.text = xml_safe(
                f"{result.path}:{f.line}:{f.column}: {f.severity} [{f.rule}] {f.message}"
            )
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
