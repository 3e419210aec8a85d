"""The REST API: the store's documents, claims, events, conflicts and entities as JSON, over HTTP.

One error shape for every failure, ``{"error": {"status", "message", "parameter"}}``: a nonsense
parameter is a 422 that names it and says what it accepts, an unknown document a 404; nothing a
client sends makes a 500. The OpenAPI schema is at ``/openapi.json``, its pages at ``/docs``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from annales import __version__
from annales.dates import first_day, last_day
from annales.errors import StoreError
from annales.serialize import conflict_to_dict, event_to_dict
from annales.store import Store

#: The timeline page, and the browser libraries npm installed for it (``make setup``: ``npm ci`` in web/).
WEB = Path(__file__).resolve().parent.parent / "web" / "static"
VENDOR = Path(os.environ.get("ANNALES_WEB_VENDOR", Path(__file__).resolve().parents[3] / "web" / "node_modules"))
#: The claims a page holds unless the client asks otherwise (about 40 KB of JSON), and the most it can.
#: Pages of 100 met the API's latency goal at a million claims in most runs, not all (make bench-serve).
DEFAULT_LIMIT = 50
MAX_LIMIT = 1000
#: The most claims a page can skip (SQLite counts in 64 bits).
MAX_OFFSET = 10**15
_DATE = re.compile(r"^\d{1,4}(-\d{2}(-\d{2})?)?$")


class ApiError(Exception):
    """A client error with its status, message and the parameter at fault."""

    def __init__(self, status: int, message: str, parameter: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.parameter = status, message, parameter


def _error(status: int, message: str, parameter: str | None = None) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "message": message, "parameter": parameter}}, status_code=status)


def _day(value: str | None, name: str, *, last: bool) -> dt.date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD (written out in full) as its first (or ``last``) day."""
    if value is None or value == "":
        return None
    if not _DATE.match(value):
        raise ApiError(422, f"'{value}' is not a date: use YYYY, YYYY-MM or YYYY-MM-DD", name)
    try:
        return last_day(value) if last else first_day(value)
    except ValueError:
        raise ApiError(422, f"'{value}' is not a date on the calendar", name) from None


#: The database of ``from_environment``, the app of each worker process of ``annales serve --workers N``.
DB_ENV = "ANNALES_DB"


def from_environment() -> FastAPI:
    """The API over the database named by the ``ANNALES_DB`` environment variable."""
    return create_app(os.environ[DB_ENV])


def _param(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


#: The parameters of /api/claims, for the OpenAPI schema.
CLAIM_PARAMETERS = [
    _param("entity", "entity id, name or alias", {"type": "string"}),
    _param("type", "event type (see data/events.yaml)", {"type": "string"}),
    _param("lang", "ISO 639-1 code", {"type": "string", "minLength": 2, "maxLength": 3}),
    _param("source", "document id or file name", {"type": "string"}),
    _param("from", "YYYY, YYYY-MM or YYYY-MM-DD", {"type": "string"}),
    _param("to", "YYYY, YYYY-MM or YYYY-MM-DD", {"type": "string"}),
    _param("limit", "claims a page", {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT}),
    _param("offset", "claims skipped before the page", {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0}),
    _param(
        "all",
        "also the claims their text does not assert (negated, hypothetical, reported, generic: see each claim's qualifiers)",
        {"type": "boolean", "default": False},
    ),
]


def _text(query: Mapping[str, str], name: str, shortest: int, longest: int) -> str | None:
    value = query.get(name) or None
    if value is not None and not shortest <= len(value) <= longest:
        raise ApiError(422, f"{name}: give {shortest} to {longest} characters (got {value!r})", name)
    return value


def _count(query: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    value = query.get(name)
    if value is None or value == "":
        return default
    if not value.isascii() or not value.isdigit():
        raise ApiError(422, f"{name}: give a whole number (got {value!r})", name)
    number = int(value)
    if not low <= number <= high:
        raise ApiError(422, f"{name}: give a number from {low} to {high:,} (got {value!r})", name)
    return number


def _flag(query: Mapping[str, str], name: str) -> bool:
    value = (query.get(name) or "false").lower()
    if value not in ("true", "false", "1", "0"):
        raise ApiError(422, f"{name}: give true or false (got {query.get(name)!r})", name)
    return value in ("true", "1")


def _page(items: list[dict[str, Any]], total: int, limit: int, offset: int) -> dict[str, Any]:
    """One page of a list, with where it stands in the whole."""
    return {"items": items, "total": total, "limit": limit, "offset": offset, "more": offset + len(items) < total}


def create_app(db: str | Path) -> FastAPI:
    """The API over the annales database ``db`` (opened once, shared by the requests)."""
    store = Store(db)
    schema = store.schema()
    app = FastAPI(title="annales", version="1", description=__doc__)
    app.state.store = store

    @app.exception_handler(ApiError)
    async def api_error(_: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.message, exc.parameter)

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        location = [str(p) for p in first.get("loc", ()) if p not in ("query", "path")]
        parameter = location[-1] if location else None
        given = first.get("input")
        message = f"{parameter}: {first.get('msg', 'invalid value')}" + (f" (got {given!r})" if given is not None else "")
        return _error(422, message, parameter)

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(StoreError)
    async def store_error(_: Request, exc: StoreError) -> JSONResponse:
        return _error(503, str(exc))

    @app.get("/", include_in_schema=False)
    def page() -> Response:
        return FileResponse(WEB / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=WEB), name="static")
    if VENDOR.is_dir():
        app.mount("/vendor", StaticFiles(directory=VENDOR), name="vendor")

    @app.get("/api/status", summary="The annales version and the database's schema")
    async def status() -> dict[str, Any]:
        return {"annales": __version__, "database": str(db), "schema": schema}

    @app.get("/api/documents", summary="The stored documents, without their text")
    def documents() -> dict[str, Any]:
        items = store.documents()
        return {"items": items, "total": len(items)}

    @app.get("/api/documents/{doc}", summary="One document with its original text, and a passage on request")
    def document(
        doc: str,
        start: int | None = Query(None, ge=0, description="start of a passage to highlight (characters)"),
        end: int | None = Query(None, ge=0, description="end of the passage (characters, exclusive)"),
    ) -> dict[str, Any]:
        found = [d for d in store.documents() if d["id"] == doc or d["name"] == doc]
        if not found:
            raise ApiError(404, f"no document {doc!r}: see /api/documents for the stored ones", "doc")
        text = store.document_text(found[0]["id"])
        result: dict[str, Any] = {**found[0], "text": text, "highlight": None}
        if start is not None or end is not None:
            if start is None or end is None or not start < end <= len(text):
                raise ApiError(
                    422,
                    f"a passage needs 0 <= start < end <= {len(text)} (got start={start}, end={end})",
                    "start" if start is None or end is None or start >= end else "end",
                )
            result["highlight"] = {
                "start": start,
                "end": end,
                "before": text[max(0, start - 300) : start],
                "passage": text[start:end],
                "after": text[end : end + 300],
            }
        return result

    # The busiest endpoint reads its own parameters: FastAPI's validation of eight of them cost a fifth
    # of each request at a million claims (make bench-serve). The schema still lists them.
    @app.get("/api/claims", summary="Claims, filtered, a page at a time", openapi_extra={"parameters": CLAIM_PARAMETERS})
    async def claims(request: Request) -> Response:
        query = request.query_params
        entity, type, source = query.get("entity") or None, query.get("type") or None, query.get("source") or None
        lang = _text(query, "lang", 2, 3)
        from_, to = query.get("from") or None, query.get("to") or None
        limit, offset = _count(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT), _count(query, "offset", 0, 0, MAX_OFFSET)
        start, end = _day(from_, "from", last=False), _day(to, "to", last=True)
        if start and end and end < start:
            raise ApiError(422, f"'to' ({to}) is before 'from' ({from_})", "to")
        every = _flag(query, "all")
        page = store.claims_json(
            entity=entity,
            type=type,
            lang=lang,
            doc=source,
            start=start,
            end=end,
            limit=limit + 1,
            offset=offset,
            asserted=not every,
        )
        # The stored JSON of each claim (claim_to_dict), sent on as it is.
        more = "true" if len(page) > limit else "false"
        tail = f'], "limit": {limit}, "offset": {offset}, "more": {more}}}'.encode()
        return Response(b'{"items": [' + b", ".join(page[:limit]) + tail, media_type="application/json")

    @app.get("/api/search", summary="Full-text search over documents and claims")
    def search(
        q: str = Query(..., min_length=1, max_length=500, description="words, all required; word* for a prefix"),
        kind: str | None = Query(None, pattern="^(document|claim)$", description="document or claim"),
        limit: int = Query(20, ge=1, le=MAX_LIMIT),
        offset: int = Query(0, ge=0),
    ) -> dict[str, Any]:
        if not q.strip("* \t\"'"):
            raise ApiError(422, "q has no word to search for", "q")
        return {"items": store.search(q, kind=kind, limit=limit, offset=offset), "limit": limit, "offset": offset}

    @app.get("/api/export/{fmt}", summary="The whole store in a format of the field")
    def export_store(fmt: str) -> Response:
        from annales.export import FORMATS, export

        if fmt not in FORMATS:
            raise ApiError(404, f"no export format {fmt!r}: use one of {', '.join(FORMATS)}", "fmt")
        return Response(export(store, fmt), media_type=FORMATS[fmt].media_type)

    # The timeline's body, kept until the database changes: 35,000 summaries are 10 MB read in about
    # 0.4 s (more on a busy machine), the largest part of the page's first render.
    timeline_body: dict[str, Any] = {"version": None, "body": b""}

    def summaries() -> bytes:
        items = store.event_summaries_json()  # stored JSON, sent on as it is
        return ('{"items": [' + ", ".join(items) + f'], "total": {len(items)}}}').encode()

    @app.get("/api/timeline", summary="A summary of every event, for drawing a timeline")
    async def timeline() -> Response:
        # Read on the event loop's own connection, so each version is of one connection; the summaries
        # are read after it, so a write in between only makes the next request read them again.
        version = store.data_version()
        if timeline_body["version"] != version:
            timeline_body["body"] = await run_in_threadpool(summaries)
            timeline_body["version"] = version
        return Response(timeline_body["body"], media_type="application/json")

    @app.get("/api/events/{event_id}", summary="One event with its claims and its conflicts")
    def event(event_id: str) -> dict[str, Any]:
        found = store.event(event_id)
        if found is None:
            raise ApiError(404, f"no event {event_id!r}: see /api/timeline for the stored ones", "event_id")
        return {**event_to_dict(found), "conflicts": [conflict_to_dict(c) for c in store.conflicts_of(event_id)]}

    @app.get("/api/events", summary="Events: claims about one happening, with their sources and agreement")
    def events(
        limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="events a page"),
        offset: int = Query(0, ge=0, le=MAX_OFFSET, description="events skipped before the page"),
    ) -> dict[str, Any]:
        return _page([event_to_dict(e) for e in store.events(limit=limit, offset=offset)], store.count("events"), limit, offset)

    @app.get("/api/conflicts", summary="Contradictions between sources, each with both claims")
    def conflicts(
        limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="conflicts a page"),
        offset: int = Query(0, ge=0, le=MAX_OFFSET, description="conflicts skipped before the page"),
    ) -> dict[str, Any]:
        return _page(
            [conflict_to_dict(c) for c in store.conflicts(limit=limit, offset=offset)], store.count("conflicts"), limit, offset
        )

    @app.get("/api/entities", summary="People, places and institutions resolved across documents")
    def entities() -> dict[str, Any]:
        items = [
            {"id": e.id, "name": e.name, "label": e.label, "aliases": list(e.aliases), "wikidata": e.wikidata}
            for e in store.entities()
        ]
        return {"items": items, "total": len(items)}

    return app
