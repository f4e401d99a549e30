"""``newslint serve``: the desk app on uvicorn, on localhost unless told otherwise."""

from __future__ import annotations

import sys


def serve(host: str, port: int, config: str | None, workers: int | None, time_limit: float) -> int:
    try:
        import uvicorn

        from .app import Settings, create_app
    except ImportError as exc:
        sys.stderr.write(f"newslint: error: 'serve' needs the web extra: pip install 'newslint[web]' ({exc})\n")
        return 2
    settings = Settings(config=config, time_limit=time_limit, **({"workers": workers} if workers else {}))
    sys.stderr.write(f"newslint: desk page on http://{host}:{port}/ (Ctrl-C stops)\n")
    # access_log off: request lines carry no text, but an editor's desk needs no log of who checked what
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning", access_log=False)
    return 0
