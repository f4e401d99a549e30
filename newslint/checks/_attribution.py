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
# he / she / they, a named person, or "the minister", "a spokesman for the group".
_SPEAKER = (
    rf"(?:he|she|they|{_TITLE}\s+{_NAME}|{_NAME}(?:\s+{_NAME}){{0,2}}|"
    r"(?:the|a|an|its|his|her|their)\s+(?:\p{L}[\p{L}'’-]*\s+){0,3}?(?:spokesman|spokeswoman|spokesperson|"
    r"official|officials|minister|president|chairman|director|executive|statement|source|sources|"
    r"analyst|lawyer|company|police|\p{L}+er|\p{L}+ist|\p{L}+man|\p{L}+woman))"
)
_WHEN = r"(?:\s+(?:on|last|this|late|early|in|at|yesterday|today)(?:\s+\p{L}+){0,2})?"
ATTRIBUTION = regex.compile(
    rf"[,?!]\s+(?:{_SPEAKER}\s+{_VERB}|{_VERB}\s+{_SPEAKER}){_WHEN}(?=[.,;:]|\s*$)",
    regex.V1,
)


def attribution_in(text: str, start: int, end: int) -> regex.Match | None:
    """The first whole attribution clause in ``text[start:end]``, if any."""
    return ATTRIBUTION.search(text, start, end)
