"""The injection benchmark behind benchmarks/quality.py, one module per concern.

corpus (articles and dates) -> text (paragraphs, sentences) -> one generator module per
defect family (dates, words, quotes, structure, spelling, people) -> kinds (the classes and
controls) -> build (the article set) -> lint (one newslint run) -> score -> report.
"""
