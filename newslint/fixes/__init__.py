"""Fixes: edits of exact source spans, applied byte-exactly (see docs/fixes.md)."""
