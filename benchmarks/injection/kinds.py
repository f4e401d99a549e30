"""Every defect class and control of the benchmark, in report order."""

from __future__ import annotations

from .base import Kind
from .dates import (
    control_relative,
    control_tense,
    control_weekday,
    inject_impossible,
    inject_relative,
    inject_tense,
    inject_weekday,
)
from .people import inject_name_variant, inject_title_conflict
from .quotes import control_quote_paragraphs, inject_quote
from .spelling import inject_variant
from .structure import inject_duplicate
from .words import control_had_had, control_neither_nor, inject_double_negative, inject_doubled, inject_fused

KINDS: tuple[Kind, ...] = (
    Kind("doubled word", "words", "words.repeated", False, False, inject_doubled),
    Kind("fused words", "words", "words.fused", False, False, inject_fused),
    Kind("double negative", "grammar", "grammar.double-negative", False, False, inject_double_negative),
    Kind("name variant", "names", "names.variant", False, False, inject_name_variant),
    Kind("title conflict", "names", "names.title-conflict", False, False, inject_title_conflict),
    Kind("weekday mismatch", "dates", "dates.weekday", False, False, inject_weekday),
    Kind("impossible date", "dates", "dates.impossible", False, False, inject_impossible),
    Kind("relative-day mismatch", "dates", "dates.relative", False, True, inject_relative),
    Kind("past tense after publication", "dates", "dates.tense", False, True, inject_tense),
    Kind("unbalanced quote", "punctuation", "punctuation.quotes", False, False, inject_quote),
    Kind("duplicated sentence", "structure", "structure.duplicate", False, False, inject_duplicate),
    Kind("spelling-variant mix", "style", "style.consistency", False, False, inject_variant),
    Kind("control: right weekday", "dates", "dates.weekday", True, False, control_weekday),
    Kind("control: right relative day", "dates", "dates.relative", True, True, control_relative),
    Kind("control: tense agrees with date", "dates", "dates.tense", True, True, control_tense),
    Kind("control: had had", "words", "words.repeated", True, False, control_had_had),
    Kind("control: neither ... nor", "grammar", "grammar.double-negative", True, False, control_neither_nor),
    Kind("control: quote over paragraphs", "punctuation", "punctuation.quotes", True, False, control_quote_paragraphs),
)


