"""Message templates: named placeholders only, checked at load time, never evaluated.

``str.format`` would let ``{0.__class__}`` or ``{x[0]}`` reach into objects; here a
field is a bare name or it is rejected, and filling is plain concatenation.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

_FORMATTER = string.Formatter()


def placeholders(template: str) -> list[str]:
    """Names used by a template; ValueError for anything but ``{name}``."""
    names: list[str] = []
    try:
        parsed = list(_FORMATTER.parse(template))
    except ValueError as exc:
        raise ValueError(f"bad message template: {exc}") from None
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        if not field.isidentifier() or spec or conversion:
            raise ValueError(
                f"message placeholder '{{{field}{'!' + conversion if conversion else ''}"
                f"{':' + spec if spec else ''}}}' is not allowed: use a bare '{{name}}'"
            )
        names.append(field)
    return names


def fill(template: str, params: Mapping[str, object]) -> str:
    out: list[str] = []
    for literal, field, _spec, _conv in _FORMATTER.parse(template):
        out.append(literal)
        if field is not None:
            out.append(str(params.get(field, "{" + field + "}")))
    return "".join(out)
