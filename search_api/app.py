"""The FastAPI application: search API, document API, health, admin reload, and the search page.

``create_app(settings)`` builds an app; ``uvicorn search_api.app:app`` serves one configured
from ``MOU_SEARCH_*`` variables. Nothing heavy happens at import time: the index is loaded when
the server starts (lifespan), once, and shared by every request.
"""
from __future__ import annotations

import hmac
import json
import time
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.middleware.cors import CORSMiddleware

from search_api import schemas
from search_api.service import SearchService
from search_api.settings import Settings

STATIC = Path(__file__).resolve().parent / "static"


# -- shared objects (dependencies) ------------------------------------------------------------
def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_service(request: Request) -> SearchService:
    return request.app.state.service


class NoIndex(Exception):
    pass


def get_searcher(service: Annotated[SearchService, Depends(get_service)]):
    searcher = service.searcher          # read once: this request keeps this index to the end
    if searcher is None:
        raise NoIndex(service.last_error or f"no index loaded from {service.index_dir}")
    return searcher


SettingsDep = Annotated[Settings, Depends(get_settings)]
ServiceDep = Annotated[SearchService, Depends(get_service)]
SearcherDep = Annotated[object, Depends(get_searcher)]


# -- request limits ----------------------------------------------------------------------------
class BodyTooLarge(Exception):
    pass


class BodySizeLimit:
    """Refuse request bodies over ``limit`` bytes with 413, by Content-Length or while reading."""

    def __init__(self, app, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            return await _too_large(self.limit)(scope, receive, send)
        seen = 0
        started = False

        async def counted_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge
            return message

        async def tracked_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except BodyTooLarge:
            if not started:
                await _too_large(self.limit)(scope, receive, send)


def _too_large(limit: int) -> JSONResponse:
    return JSONResponse({"error": "body_too_large",
                         "message": f"the request body is larger than {limit} bytes"}, status_code=413)


class SecurityHeaders:
    """nosniff everywhere; on the page, a Content-Security-Policy allowing only this origin's
    files and framing by the configured intranet origins."""

    def __init__(self, app, frame_ancestors: list[str]) -> None:
        self.app = app
        ancestors = " ".join(["'self'", *frame_ancestors])
        self.csp = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                    f"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                    f"frame-ancestors {ancestors}").encode()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        docs = scope["path"].startswith(("/docs", "/redoc"))

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"referrer-policy", b"same-origin"))
                if not docs:
                    headers.append((b"content-security-policy", self.csp))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def _error_message(errors) -> str:
    parts = []
    for e in errors:
        where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("body", "query"))
        msg = str(e.get("msg", "invalid")).removeprefix("Value error, ")
        parts.append(f"{where}: {msg}" if where else msg)
    return "; ".join(parts)


def _clean_errors(errors) -> list[dict]:
    return [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")).removeprefix("Value error, "),
             "type": e.get("type", "")} for e in errors]


def parse_search(data: dict, settings: Settings) -> schemas.SearchRequest:
    """Validate ``data`` against SearchRequest with the configured limits (422 on failure)."""
    context = {"max_query_chars": settings.max_query_chars, "max_k": settings.max_k,
               "max_offset": settings.max_offset}
    try:
        return schemas.SearchRequest.model_validate(data, context=context)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors(include_url=False)) from None


def run_search(searcher, req: schemas.SearchRequest) -> schemas.SearchResponse:
    from indexer.analysis import analyze_query
    from search_api.highlight import highlights
    from search_api.searcher import Filters

    started = time.perf_counter()
    filters = Filters(lang=req.lang, date_from=req.date_from, date_to=req.date_to, party=req.party)
    response = searcher.search(req.q, k=req.k, mode=req.mode, offset=req.offset, filters=filters)
    terms = set(analyze_query(req.q)[0])
    hits = []
    for hit in response.results:
        hits.append(schemas.SearchHit(
            rank=hit.rank, score=hit.score, doc_id=hit.doc_id, chunk_id=hit.chunk_id, title=hit.title,
            date=hit.date, lang=hit.lang, source=hit.source, text=hit.text,
            answer=schemas.Answer(text=hit.answer.text, start=hit.answer.start, end=hit.answer.end),
            answer_span=(schemas.Answer(text=hit.answer_span.text, start=hit.answer_span.start,
                                        end=hit.answer_span.end)
                         if hit.answer_span is not None and hit.answer_confidence != "low" else None),
            confidence=hit.confidence, answer_confidence=hit.answer_confidence,
            scores=schemas.Scores(**hit.scores),
            highlights=[schemas.Highlight(term=t, start=a, end=b) for a, b, t in highlights(hit.text, terms)],
            matched_terms=hit.matched_terms, parties=hit.parties, doc_start=hit.start, doc_end=hit.end))
    took = (time.perf_counter() - started) * 1000
    return schemas.SearchResponse(query=response.query, mode=response.mode, total=response.total,
                                  answer_confidence=response.answer_confidence,
                                  offset=req.offset, k=req.k, took_ms=round(took, 2), hits=hits)


# -- the application ---------------------------------------------------------------------------
def create_app(settings: Settings | None = None, service: SearchService | None = None) -> FastAPI:
    settings = settings or Settings()
    service = service or SearchService(settings.index_dir)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        import faiss

        # One OpenMP thread per caller: requests run on a thread pool, and N callers x N threads
        # oversubscribe the cores (and have crashed FAISS under threaded servers).
        faiss.omp_set_num_threads(1)
        if service.searcher is None:
            await run_in_threadpool(service.reload)
        service.start_watcher(settings.reload_poll_seconds)
        try:
            yield
        finally:
            service.stop_watcher()

    app = FastAPI(title="mou-search", version="0.1.0", lifespan=lifespan,
                  description="Search agreements (MoUs) and the news that reports them, in Thai and "
                              "English. The search page is at `/`.")
    app.state.settings = settings
    app.state.service = service

    app.add_middleware(SecurityHeaders, frame_ancestors=settings.cors_origins)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_credentials=False,
                           allow_methods=["GET", "POST"], allow_headers=["Content-Type"], max_age=600)
    app.add_middleware(BodySizeLimit, limit=settings.max_body_bytes)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        errors = exc.errors()
        return JSONResponse({"error": "invalid_request", "message": _error_message(errors),
                             "detail": _clean_errors(errors)}, status_code=422)

    @app.exception_handler(NoIndex)
    async def no_index(request: Request, exc: NoIndex):
        return JSONResponse({"error": "not_ready", "message": str(exc)}, status_code=503)

    @app.get("/api/search", response_model=schemas.SearchResponse, tags=["search"],
             summary="ranked passages answering q")
    def search_get(searcher: SearcherDep, settings: SettingsDep,
                   q: Annotated[str, Query(description="question or keywords, Thai or English")],
                   k: int = 10, offset: int = 0,
                   mode: Annotated[str, Query(description="hybrid | dense | lexical")] = "hybrid",
                   lang: Annotated[str | None, Query(description="th | en")] = None,
                   date_from: Annotated[str | None, Query(description="YYYY[-MM[-DD]]")] = None,
                   date_to: Annotated[str | None, Query(description="YYYY[-MM[-DD]]")] = None,
                   party: Annotated[str | None, Query(description="country, English or Thai")] = None):
        req = parse_search(dict(q=q, k=k, offset=offset, mode=mode, lang=lang, date_from=date_from,
                                date_to=date_to, party=party), settings)
        return run_search(searcher, req)

    @app.post("/api/search", response_model=schemas.SearchResponse, tags=["search"],
              summary="the same as GET, fields as a JSON object",
              openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
                  "schema": schemas.SearchRequest.model_json_schema(ref_template="#/components/schemas/{model}")}}}})
    async def search_post(request: Request, searcher: SearcherDep, settings: SettingsDep):
        raw = await request.body()
        try:
            data = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise RequestValidationError([{"loc": ("body",), "type": "json_invalid",
                                           "msg": f"the body is not JSON: {exc}"}]) from None
        if not isinstance(data, dict):
            raise RequestValidationError([{"loc": ("body",), "type": "model_type",
                                           "msg": "the body must be a JSON object with at least \"q\""}])
        req = parse_search(data, settings)
        return await run_in_threadpool(run_search, searcher, req)

    @app.get("/api/documents/{doc_id:path}", response_model=schemas.DocumentResponse, tags=["documents"],
             responses={404: {"description": "no document with this id"}})
    def document(doc_id: str, searcher: SearcherDep):
        doc = searcher.index.documents.get(doc_id)
        if doc is None:
            return JSONResponse({"error": "not_found", "message": f"no document with id {doc_id!r}",
                                 "doc_id": doc_id}, status_code=404)
        chunks = [schemas.DocumentChunk(chunk_id=c["chunk_id"], start=c["start"], end=c["end"])
                  for c in searcher.chunks_of(doc_id)]
        return schemas.DocumentResponse(doc_id=doc_id, title=doc.get("title", ""), date=doc.get("date"),
                                        lang=doc.get("lang", ""), source=doc.get("source", ""),
                                        parties=doc.get("parties", []), text=doc["text"], chunks=chunks)

    @app.get("/api/health", tags=["service"], summary="the process is alive")
    def health():
        return {"status": "ok"}

    @app.get("/api/ready", response_model=schemas.ReadyResponse, tags=["service"],
             summary="an index is loaded (503 until then)",
             responses={503: {"description": "no index loaded yet"}})
    def ready(service: ServiceDep):
        searcher = service.searcher
        if searcher is None:
            return JSONResponse({"error": "not_ready", "status": "loading",
                                 "message": service.last_error or "the index is not loaded yet"},
                                status_code=503)
        manifest = searcher.index.manifest
        return schemas.ReadyResponse(
            status="ready", version=searcher.index.version, documents=len(searcher.index.documents),
            chunks=len(searcher.index.chunks),
            encoder={"name": manifest["encoder"]["name"], "dim": manifest["encoder"]["dim"]},
            built_at=manifest.get("built_at"), loaded_at=service.loaded_at.isoformat(),
            last_reload_error=service.last_error)

    @app.post("/api/admin/reload", response_model=schemas.ReloadResponse, tags=["admin"],
              summary="load the index version CURRENT names, without a restart",
              responses={401: {"description": "missing or wrong X-API-Key"},
                         404: {"description": "admin API disabled (no key configured)"},
                         500: {"description": "the new version failed to load; the old one still serves"}})
    def reload(service: ServiceDep, settings: SettingsDep,
               x_api_key: Annotated[str | None, Header()] = None):
        if not settings.admin_api_key:
            return JSONResponse({"error": "disabled", "message":
                                 "the admin API is off: set MOU_SEARCH_ADMIN_API_KEY to enable it"},
                                status_code=404)
        if not x_api_key or not hmac.compare_digest(x_api_key.encode(), settings.admin_api_key.encode()):
            return JSONResponse({"error": "unauthorized", "message": "send the admin key in X-API-Key"},
                                status_code=401)
        result = service.reload()
        body = schemas.ReloadResponse(reloaded=result.reloaded, version=result.version,
                                      previous_version=result.previous_version, message=result.message)
        if result.error:
            return JSONResponse(body.model_dump(), status_code=500)
        return body

    # -- the search page -----------------------------------------------------------------------
    def page():
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8",
                            headers={"Cache-Control": "no-cache"})

    app.get("/", include_in_schema=False)(page)
    app.get("/doc/{doc_id:path}", include_in_schema=False)(lambda doc_id: page())
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def __getattr__(name: str):
    # ``uvicorn search_api.app:app`` builds the app from the environment on first access only.
    if name == "app":
        global app
        app = create_app()
        return app
    raise AttributeError(name)
