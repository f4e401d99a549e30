"""Every defect class (with its variants) and every control of the benchmark, in report order.

A kind's ``family`` is the defect class of issue 12 it measures; recall is reported per kind
and per class (its kinds pooled), and the macro recall is the mean over classes.
"""

from __future__ import annotations

from .base import Kind
from .bylines import inject_byline_fused, inject_byline_twice
from .dates import (
    control_relative,
    control_tense,
    control_tense_bare_weekday,
    control_weekday,
    inject_impossible,
    inject_relative,
    inject_tense,
    inject_tense_weekday,
    inject_tense_year,
    inject_weekday,
)
from .orgs import inject_org_variant
from .people import (
    control_similar_surnames,
    inject_given_name_variant,
    inject_name_variant,
    inject_title_conflict,
    inject_title_conflict_any,
)
from .quotes import (
    control_quote_attribution,
    control_quote_paragraphs,
    inject_bracket,
    inject_quote,
    inject_quote_before_attribution,
)
from .spelling import control_computer_program, inject_family, inject_variant
from .structure import inject_duplicate, inject_duplicate_paragraph
from .words import (
    control_had_had,
    control_neither_nor,
    inject_double_negative,
    inject_doubled,
    inject_fused,
    inject_fused_capital,
    inject_fused_said,
)

FUSED, TENSE, DUPLICATE, NAME, TITLE, SPELLING, QUOTE = (
    "fused words", "past tense after publication", "duplicated sentence or paragraph", "name spelled two ways",
    "one person, two titles", "British/American spellings mixed", "unbalanced quotation",
)

KINDS: tuple[Kind, ...] = (
    Kind("doubled word", "words", "words.repeated", False, False, inject_doubled, "repeated word"),
    Kind("fused words", "words", "words.fused", False, False, inject_fused, FUSED),
    Kind("fused: month/acronym/name + function word", "words", "words.fused", False, False, inject_fused_capital, FUSED),
    Kind("fused: plural/possessive + said", "words", "words.fused", False, False, inject_fused_said, FUSED),
    Kind("fused: byline into dateline", "words", "words.fused", False, False, inject_byline_fused, FUSED),
    Kind("double negative", "grammar", "grammar.double-negative", False, False, inject_double_negative),
    Kind("weekday mismatch", "dates", "dates.weekday", False, False, inject_weekday, "weekday contradicts its date"),
    Kind("impossible date", "dates", "dates.impossible", False, False, inject_impossible),
    Kind("relative-day mismatch", "dates", "dates.relative", False, True, inject_relative, "relative day vs publication date"),
    Kind("past tense after publication", "dates", "dates.tense", False, True, inject_tense, TENSE),
    Kind("past tense: date with year", "dates", "dates.tense", False, True, inject_tense_year, TENSE),
    Kind("past tense: weekday still to come", "dates", "dates.tense", False, True, inject_tense_weekday, TENSE),
    Kind("duplicated sentence", "structure", "structure.duplicate", False, False, inject_duplicate, DUPLICATE),
    Kind("duplicated paragraph", "structure", "structure.duplicate", False, False, inject_duplicate_paragraph, DUPLICATE),
    Kind("byline twice in the lead", "structure", "structure.duplicate", False, False, inject_byline_twice),
    Kind("name variant", "names", "names.variant", False, False, inject_name_variant, NAME),
    Kind("name variant: given name", "names", "names.variant", False, False, inject_given_name_variant, NAME),
    Kind("organisation misspelt once", "names", "names.org-variant", False, False, inject_org_variant),
    Kind("title conflict", "names", "names.title-conflict", False, False, inject_title_conflict, TITLE),
    Kind("title conflict: any kind of office", "names", "names.title-conflict", False, False, inject_title_conflict_any, TITLE),
    Kind("spelling-variant mix", "style", "style.consistency", False, False, inject_variant, SPELLING),
    Kind("spelling families mixed", "style", "style.consistency", False, False, inject_family, SPELLING),
    Kind("unbalanced quote", "punctuation", "punctuation.quotes", False, False, inject_quote, QUOTE),
    Kind("quote open before attribution", "punctuation", "punctuation.quotes", False, False, inject_quote_before_attribution, QUOTE),
    Kind("unbalanced bracket", "punctuation", "punctuation.brackets", False, False, inject_bracket),
    Kind("control: right weekday", "dates", "dates.weekday", True, False, control_weekday),
    Kind("control: right relative day", "dates", "dates.relative", True, True, control_relative),
    Kind("control: tense agrees with date", "dates", "dates.tense", True, True, control_tense),
    Kind("control: past tense, bare weekday", "dates", "dates.tense", True, True, control_tense_bare_weekday),
    Kind("control: had had", "words", "words.repeated", True, False, control_had_had),
    Kind("control: neither ... nor", "grammar", "grammar.double-negative", True, False, control_neither_nor),
    Kind("control: quote over paragraphs", "punctuation", "punctuation.quotes", True, False, control_quote_paragraphs),
    Kind("control: quote closed before attribution", "punctuation", "punctuation.quotes", True, False, control_quote_attribution),
    Kind("control: two people, similar surnames", "names", "names.variant", True, False, control_similar_surnames),
    Kind("control: computer program in British copy", "style", "style.consistency", True, False, control_computer_program),
)
