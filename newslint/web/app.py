"""The ASGI app: the desk page, its packaged assets, and the JSON API.

Checks are CPU-bound, so they run in a bounded thread pool, never on the event loop:
``workers`` checks at once, the rest wait their turn, and any request that is not
answered within ``time_limit`` seconds gets a 503 while the server keeps serving.
No article text is stored or logged: bodies live only for the request.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from newslint import __version__
from newslint.config import ConfigProblems

from . import service
from .request import REPORTS, BadRequest, parse_body

STATIC = Path(__file__).resolve().parent / "static"
MAX_BODY = 5 * 1024 * 1024
#: The page's own assets only; nothing may come from another host.
CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'"


@dataclass(frozen=True)
class Settings:
    config: str | None = None
    workers: int = max(2, os.cpu_count() or 1)
    time_limit: float = 30.0
    max_body: int = MAX_BODY


class _TooLarge(Exception):
    pass


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


async def _read_limited(request: Request, limit: int) -> bytes:
    """The body, refusing (413) as soon as it passes ``limit`` bytes, declared or streamed."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _TooLarge()
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _TooLarge()
        chunks.append(chunk)
    return b"".join(chunks)


def create_app(settings: Settings | None = None) -> Starlette:
    """A fresh app with its own worker pool (tests build several)."""
    settings = settings or Settings()
    service.warm_up(settings.config)
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=settings.workers, thread_name_prefix="newslint-check")

    async def off_loop(fn: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.wait_for(asyncio.wrap_future(pool.submit(fn, *args)), settings.time_limit)

    async def api_json_body(request: Request) -> bytes | Response:
        kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if kind != "application/json":
            return _error(415, f"content type must be application/json, not {kind or 'none'!r}")
        try:
            return await _read_limited(request, settings.max_body)
        except _TooLarge:
            return _error(413, f"body is larger than {settings.max_body // (1024 * 1024)} MB")

    async def answer(request: Request, work: Callable[[Any], Any]) -> Response:
        body = await api_json_body(request)
        if isinstance(body, Response):
            return body
        try:
            req = parse_body(body)
            return await off_loop(work, req)
        except TimeoutError:
            return _error(503, f"the check took longer than {settings.time_limit:g} s; try a shorter text or retry later")
        except (BadRequest, ConfigProblems, ValueError) as exc:  # ValueError: e.g. an unknown rule id
            return _error(400, str(exc))

    async def check(request: Request) -> Response:
        report = request.query_params.get("report", "json")
        if report not in REPORTS:
            return _error(400, f"'report' must be one of {', '.join(REPORTS)}, not {report!r}")
        media = "application/sarif+json" if report == "sarif" else "application/json"
        return await answer(
            request,
            lambda req: Response(service.check_report(req, settings.config, report), media_type=media),
        )

    async def meta(request: Request) -> Response:
        return await answer(request, lambda req: JSONResponse(service.article_meta(req)))

    async def rules(request: Request) -> Response:
        return JSONResponse(await off_loop(service.rules_listing, settings.config))

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__})

    async def page(request: Request) -> Response:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    app = Starlette(
        routes=[
            Route("/", page),
            Route("/api/check", check, methods=["POST"]),
            Route("/api/meta", meta, methods=["POST"]),
            Route("/api/rules", rules),
            Route("/healthz", healthz),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
        exception_handlers={404: _not_found, 405: _not_allowed, 500: _internal},
    )
    app.state.pool = pool
    return _with_headers(app)


async def _not_found(request: Request, exc: Exception) -> Response:
    return _error(404, "not found")


async def _not_allowed(request: Request, exc: Exception) -> Response:
    return _error(405, "method not allowed")


async def _internal(request: Request, exc: Exception) -> Response:
    return _error(500, f"internal error: {type(exc).__name__} (a bug in newslint; please report it)")


def _with_headers(app: Starlette) -> Any:
    """Every response forbids loading anything from another host, and is never cached by proxies."""

    async def wrapped(scope: dict[str, Any], receive: Any, send: Any) -> None:
        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await app(scope, receive, send_with_headers if scope["type"] == "http" else send)

    wrapped.state = app.state  # type: ignore[attr-defined]
    wrapped.app = app  # type: ignore[attr-defined]
    return wrapped


__all__ = ["Settings", "create_app"]
