"""Attribution clauses ("…, she said.") found inside what the marks say is still a quotation.

A quotation's attribution stands outside its marks: ``"We will appeal," she said.``
When the closing mark is lost (``"We will appeal, she said.``) the attribution falls
inside the quotation, and that is the evidence that the mark is missing, whatever the
marks later in the paragraph do. The clause must be a whole attribution: a comma (or
?/!) before it, a speaker and a verb of saying, and a full stop or comma right after
it, so that quoted speech that merely contains "he said" ("…, he said no") does not count.
"""

from __future__ import annotations

import regex

_VERB = (
    r"(?:said|says|added|adds|told\s+(?:reporters|journalists|Reuters|the\s+\p{L}+|\p{Lu}\p{L}+)|asked|explained|"
    r"warned|insisted|argued|stated|wrote|continued|noted|declared|replied|recalled|stressed|admitted|claimed)"
)
_TITLE = r"(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady|Prof)\.?"
_NAME = r"\p{Lu}[\p{L}'’-]+"
# he / she / they, a named person, or a noun phrase: "the mayor", "a senior party official".
_SPEAKER = (
    rf"(?:he|she|they|{_TITLE}\s+{_NAME}|{_NAME}(?:\s+{_NAME}){{0,2}}|"
    r"(?:the|a|an|its|his|her|their)\s+(?:\p{L}[\p{L}'’-]*\s+){0,3}?\p{L}[\p{L}'’-]*)"
)
_WHEN = r"(?:\s+(?:on|last|this|late|early|in|at|yesterday|today)(?:\s+\p{L}+){0,2})?"
ATTRIBUTION = regex.compile(
    rf"[,?!]\s+(?:{_SPEAKER}\s+{_VERB}|{_VERB}\s+{_SPEAKER}){_WHEN}(?=[.,;:]|\s*$)",
    regex.V1,
)


# A nested quotation with single marks: "When I said, 'Look', he said, 'ah but'".
_NESTED_OPEN = regex.compile(r"(?<=[\s(])['‘](?=\p{L})", regex.V1)
_NESTED_CLOSE = regex.compile(r"(?<=[\p{L}\p{N}.,!?])['’](?=[\s,.;:!?)]|$)", regex.V1)
_OPENS_NESTED = regex.compile(r"[,:]?\s*['‘]\p{L}", regex.V1)


def attribution_in(text: str, start: int, end: int) -> regex.Match | None:
    """The first whole attribution clause in ``text[start:end]``, if any.

    A clause inside a nested quotation, or introducing one, belongs to the quoted
    speaker's own story ("When I said, 'Look', he said, 'ah but …'"), not to the quotation.
    """
    for m in ATTRIBUTION.finditer(text, start, end):
        if _nested_open(text, start, m.start()) or _OPENS_NESTED.match(text, m.end(), end):
            continue
        return m
    return None


def _nested_open(text: str, start: int, end: int) -> bool:
    """A single-mark quotation opened in ``text[start:end]`` and not closed by ``end``."""
    opened = [o.start() for o in _NESTED_OPEN.finditer(text, start, end)]
    return bool(opened) and _NESTED_CLOSE.search(text, opened[-1] + 1, end) is None
