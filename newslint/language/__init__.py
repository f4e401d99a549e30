"""What the prose says, computed once per document and shared by every check.

One module per concept: ``analysis`` (tokens, sentences, word counts; the lazy per-document
hub), ``persons`` (names, titles, ages), ``datementions`` (dates resolved against the
publication date), and the pyparsing grammars they use, ``dategrammar`` and ``patterngrammar``
(regexes find candidate spans, pyparsing interprets them).
"""
