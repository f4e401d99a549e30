"""The language server (``newslint lsp``): diagnostics, fixes and rule docs in any LSP editor.

Needs the ``lsp`` extra (pygls); nothing here imports it until the server starts,
so ``import newslint`` works without it.
"""

from __future__ import annotations

import sys


def main() -> int:
    """Run the server on stdio; exit 2 with the install command when pygls is missing."""
    try:
        from .langserver import serve_stdio
    except ImportError as exc:
        sys.stderr.write(f"newslint: error: 'lsp' needs the lsp extra: pip install 'newslint[lsp]' ({exc})\n")
        return 2
    return serve_stdio()
