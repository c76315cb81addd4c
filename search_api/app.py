"""The FastAPI application: search API, document API, health, admin reload, and the search page.

``create_app(settings)`` builds an app; ``uvicorn search_api.app:app`` serves one configured
from ``MOU_SEARCH_*`` variables. Nothing heavy happens at import time: the index is loaded when
the server starts (lifespan), once, and shared by every request.
"""
from __future__ import annotations

import hmac
import logging
import time
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Header, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.cors import CORSMiddleware

from search_api import schemas
from search_api.admission import Admission, Overloaded
from search_api.json_body import BodyError, JsonObject
from search_api.methods import AllowedMethods
from search_api.service import SearchService, one_line
from search_api.settings import Settings

log = logging.getLogger("mou_search.app")
NOT_READY_RETRY_SECONDS = 5

STATIC = Path(__file__).resolve().parent / "static"


# -- shared objects (dependencies) ------------------------------------------------------------
# Async: a plain ``def`` dependency costs every request a trip through the thread pool, and a
# refusal under overload must not wait for a thread.
async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_service(request: Request) -> SearchService:
    return request.app.state.service


async def get_admission(request: Request) -> Admission:
    return request.app.state.admission


class NoIndex(Exception):
    pass


async def get_searcher(service: Annotated[SearchService, Depends(get_service)]):
    searcher = service.searcher          # read once: this request keeps this index to the end
    if searcher is None:
        raise NoIndex(service.last_error or f"no index loaded from {service.index_dir}")
    return searcher


SettingsDep = Annotated[Settings, Depends(get_settings)]
ServiceDep = Annotated[SearchService, Depends(get_service)]
SearcherDep = Annotated[object, Depends(get_searcher)]
AdmissionDep = Annotated[Admission, Depends(get_admission)]


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


class ShedLoad:
    """Refuse a search at once, before its body is read or validated, while every slot is busy
    and the queue is full: under overload a refusal must cost the event loop next to nothing
    (the same 503 ``overloaded`` answer ``Admission`` gives, counted the same way)."""

    def __init__(self, app, admission: Admission, paths: tuple[str, ...]) -> None:
        self.app, self.admission, self.paths = app, admission, paths

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["path"] in self.paths \
                and scope["method"] in ("GET", "HEAD", "POST") and self.admission.full():
            exc = self.admission.refuse()
            response = _error(503, exc.error, exc.message, {"Retry-After": str(exc.retry_after)})
            return await response(scope, receive, send)
        return await self.app(scope, receive, send)


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


def run_search(searcher, req: schemas.SearchRequest) -> schemas.SearchResponse:
    from indexer.analysis import query_analysis
    from search_api.highlight import highlights
    from search_api.searcher import Filters

    started = time.perf_counter()
    filters = Filters(lang=req.lang, date_from=req.date_from, date_to=req.date_to, party=req.party)
    response = searcher.search(req.q, k=req.k, mode=req.mode, offset=req.offset, filters=filters)
    terms = set(query_analysis(req.q)[0])
    hits = []
    for hit in response.results:
        # plain dicts, validated once below with the response (one call into pydantic-core
        # instead of ~80 model constructions a page: ~0.1 ms)
        hits.append(dict(
            rank=hit.rank, score=hit.score, doc_id=hit.doc_id, chunk_id=hit.chunk_id, title=hit.title,
            date=hit.date, lang=hit.lang, source=hit.source, text=hit.text,
            answer={"text": hit.answer.text, "start": hit.answer.start, "end": hit.answer.end},
            answer_span=({"text": hit.given_span.text, "start": hit.given_span.start, "end": hit.given_span.end}
                         if hit.given_span is not None else None),
            confidence=hit.confidence, answer_confidence=hit.answer_confidence, scores=hit.scores,
            **hit.given_span_fields,
            highlights=[{"term": t, "start": a, "end": b} for a, b, t in highlights(hit.text, terms)],
            matched_terms=hit.matched_terms, parties=hit.parties, doc_start=hit.start, doc_end=hit.end,
            duplicates=hit.duplicates, agreements=hit.agreements))
    took = (time.perf_counter() - started) * 1000
    return schemas.SearchResponse.model_validate(dict(
        query=response.query, mode=response.mode, total=response.total,
        answer_confidence=response.answer_confidence, offset=req.offset, k=req.k, took_ms=round(took, 2),
        hits=hits, direct_answer=response.direct_answer))


def search_response(searcher, req: schemas.SearchRequest) -> Response:
    """``run_search`` as the HTTP response, serialised on the search thread: FastAPI would
    otherwise validate the returned model against ``response_model`` again and encode it on
    the event loop (~1.5 ms a page of 10, with the event loop, and the GIL, held)."""
    return Response(run_search(searcher, req).model_dump_json(), media_type="application/json")


def run_agreements(searcher, req: schemas.AgreementsRequest) -> schemas.AgreementsResponse:
    from search_api.agreements import AgreementFilters, summary

    records = searcher.index.agreements.filter(AgreementFilters(
        party=req.party, kind=req.kind, in_force_on=req.in_force_on, signed_from=req.signed_from,
        signed_to=req.signed_to, q=req.q))
    page = records[req.offset:req.offset + req.k]
    return schemas.AgreementsResponse(total=len(records), offset=req.offset, k=req.k,
                                      agreements=[summary(r) for r in page])


# -- the application ---------------------------------------------------------------------------
def _error(status: int, error: str, message: str, headers: dict | None = None, **extra) -> JSONResponse:
    return JSONResponse({"error": error, "message": message, **extra}, status_code=status, headers=headers)


def _responses(*codes: int) -> dict:
    """OpenAPI entries for the error answers a route gives (all share ErrorResponse)."""
    retry = {"Retry-After": {"description": "seconds to wait before retrying", "schema": {"type": "integer"}}}
    described = {
        401: ("missing or wrong X-API-Key", None),
        404: ("not found (or, for /api/admin, the admin API is off)", None),
        413: ("the request body is larger than MOU_SEARCH_MAX_BODY_BYTES", None),
        422: ("invalid input: `message` says what to fix, `detail` lists the fields", None),
        503: ("no index loaded yet (`not_ready`), or the server is busy: the queue is full "
              "(`overloaded`) or the search passed its deadline (`timeout`)", retry),
    }
    out = {}
    for code in codes:
        description, headers = described[code]
        out[code] = {"model": schemas.ErrorResponse, "description": description}
        if headers:
            out[code]["headers"] = headers
    return out


def create_app(settings: Settings | None = None, service: SearchService | None = None) -> FastAPI:
    settings = settings or Settings()
    service = service or SearchService(settings.index_dir)
    admission = Admission(settings.max_concurrent, settings.max_queue, settings.search_timeout_ms / 1000)
    limits = schemas.Limits(max_query_chars=settings.max_query_chars, max_k=settings.max_k,
                            max_offset=settings.max_offset)
    SearchBody, SearchQuery = schemas.search_models(limits)

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
            admission.shutdown()

    app = FastAPI(title="mou-search", version="0.1.0", lifespan=lifespan,
                  description="Search agreements (MoUs) and the news that reports them, in Thai and "
                              "English. The search page is at `/`. Every route answers HEAD where it "
                              "answers GET, and OPTIONS with `Allow`.")
    app.state.settings = settings
    app.state.service = service
    app.state.admission = admission

    app.add_middleware(AllowedMethods, router=app.router)
    app.add_middleware(SecurityHeaders, frame_ancestors=settings.cors_origins)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_credentials=False,
                           allow_methods=["GET", "POST"], allow_headers=["Content-Type"], max_age=600)
    app.add_middleware(BodySizeLimit, limit=settings.max_body_bytes)
    app.add_middleware(ShedLoad, admission=admission, paths=("/api/search",))   # outermost

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        errors = exc.errors()
        return _error(422, "invalid_request", _error_message(errors), detail=_clean_errors(errors))

    @app.exception_handler(BodyError)
    async def bad_body(request: Request, exc: BodyError):
        return _error(422, "invalid_request", str(exc),
                      detail=[{"loc": ["body"], "msg": str(exc), "type": "json_invalid"}])

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        # Starlette's own answers (a path no route matches, e.g. a document id holding a
        # newline) in the API's error shape, as the schema documents every error
        error = "not_found" if exc.status_code == 404 else "http_error"
        return _error(exc.status_code, error, one_line(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(NoIndex)
    async def no_index(request: Request, exc: NoIndex):
        return _error(503, "not_ready", str(exc), {"Retry-After": str(NOT_READY_RETRY_SECONDS)})

    @app.exception_handler(Overloaded)
    async def overloaded(request: Request, exc: Overloaded):
        return _error(503, exc.error, exc.message, {"Retry-After": str(exc.retry_after)})

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        # A bug: logged with its traceback, answered in the API's error shape, never as HTML.
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return _error(500, "internal_error", f"unexpected error ({one_line(exc)}); it has been logged")

    def validated(data: dict) -> schemas.SearchRequest:
        try:
            return SearchBody.model_validate(data, strict=True)
        except ValidationError as exc:
            raise RequestValidationError(exc.errors(include_url=False)) from None

    search_responses = _responses(413, 422, 503)

    async def search_get(params, searcher: SearcherDep, admission: AdmissionDep):
        return await admission.run(search_response, searcher, params)

    # The query model is made here, from the settings: its annotation cannot be a string that
    # FastAPI looks up in this module (``from __future__ import annotations``).
    search_get.__annotations__["params"] = Annotated[SearchQuery, Query()]
    app.get("/api/search", response_model=schemas.SearchResponse, tags=["search"],
            summary="ranked passages answering q", responses=_responses(422, 503))(search_get)

    @app.post("/api/search", response_model=schemas.SearchResponse, tags=["search"],
              summary="the same as GET, fields as a JSON object", responses=search_responses,
              openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
                  "schema": SearchBody.model_json_schema(ref_template="#/components/schemas/{model}")}}}})
    async def search_post(data: JsonObject, searcher: SearcherDep, admission: AdmissionDep):
        return await admission.run(search_response, searcher, validated(data))

    @app.get("/api/documents/{doc_id:path}", response_model=schemas.DocumentResponse, tags=["documents"],
             responses={**_responses(503), 404: {"model": schemas.ErrorResponse,
                                                 "description": "no document with this id"}})
    async def document(doc_id: str, searcher: SearcherDep):
        doc = searcher.index.documents.get(doc_id)
        if doc is None:
            return _error(404, "not_found", f"no document with id {doc_id!r}", doc_id=doc_id)
        chunks = [schemas.DocumentChunk(chunk_id=c["chunk_id"], start=c["start"], end=c["end"])
                  for c in searcher.chunks_of(doc_id)]
        return schemas.DocumentResponse(doc_id=doc_id, title=doc.get("title", ""), date=doc.get("date"),
                                        lang=doc.get("lang", ""), source=doc.get("source", ""),
                                        parties=doc.get("parties", []), text=doc["text"], chunks=chunks)

    AgreementsQuery = schemas.agreements_model(limits)

    async def agreements_list(params, searcher: SearcherDep):
        return await run_in_threadpool(run_agreements, searcher, params)

    agreements_list.__annotations__["params"] = Annotated[AgreementsQuery, Query()]
    app.get("/api/agreements", response_model=schemas.AgreementsResponse, tags=["agreements"],
            summary="agreement records matching party, kind, in_force_on, signing dates and words",
            responses=_responses(422, 503))(agreements_list)

    @app.get("/api/agreements/{agreement_id}", response_model=schemas.AgreementDetail, tags=["agreements"],
             summary="one agreement record: every fact with its evidence, the documents, the history",
             responses={**_responses(503), 404: {"model": schemas.ErrorResponse,
                                                 "description": "no agreement record with this id"}})
    async def agreement(agreement_id: str, searcher: SearcherDep):
        from search_api.agreements import detail

        records = searcher.index.agreements
        record = records.get(agreement_id)
        if record is None:
            return _error(404, "not_found", f"no agreement record with id {agreement_id[:100]!r}")
        return detail(record, records, searcher.index.documents)

    @app.get("/api/health", response_model=schemas.HealthResponse, tags=["service"],
             summary="the process is alive")
    async def health():
        return {"status": "ok"}

    def reload_status() -> dict:
        at = service.last_error_at
        checked = service.last_check_at
        return {"last_reload_error": service.last_error,
                "last_reload_error_at": at.isoformat() if at else None,
                "reload_poll_seconds": service.poll_seconds if service.watching else 0.0,
                "last_reload_check_at": checked.isoformat() if checked else None}

    @app.get("/api/ready", response_model=schemas.ReadyResponse, tags=["service"],
             summary="an index is loaded (503 until then)",
             responses={503: {"model": schemas.NotReadyResponse, "description": "no index loaded yet"}})
    async def ready(service: ServiceDep):
        searcher = service.searcher
        if searcher is None:
            return JSONResponse({"error": "not_ready", "status": "loading",
                                 "message": service.last_error or "the index is not loaded yet",
                                 **reload_status()}, status_code=503,
                                headers={"Retry-After": str(NOT_READY_RETRY_SECONDS)})
        manifest = searcher.index.manifest
        return schemas.ReadyResponse(
            status="ready", version=searcher.index.version, documents=len(searcher.index.documents),
            chunks=len(searcher.index.chunks),
            encoder={"name": manifest["encoder"]["name"], "dim": manifest["encoder"]["dim"]},
            built_at=manifest.get("built_at"), loaded_at=service.loaded_at.isoformat(),
            **reload_status())

    @app.get("/api/metrics", response_model=schemas.MetricsResponse, tags=["service"],
             summary="searches in flight, queued, and counts of accepted, refused and timed-out ones")
    async def metrics(admission: AdmissionDep):
        return admission.snapshot()

    @app.post("/api/admin/reload", response_model=schemas.ReloadResponse, tags=["admin"],
              summary="load the index version CURRENT names, without a restart",
              responses={**_responses(401, 404), 500: {
                  "model": schemas.ReloadResponse,
                  "description": "the new version failed to load; the old one still serves"}})
    def reload(service: ServiceDep, settings: SettingsDep,
               x_api_key: Annotated[str | None, Header()] = None):
        if not settings.admin_api_key:
            return _error(404, "disabled", "the admin API is off: set MOU_SEARCH_ADMIN_API_KEY to enable it")
        if not x_api_key or not hmac.compare_digest(x_api_key.encode(), settings.admin_api_key.encode()):
            return _error(401, "unauthorized", "send the admin key in X-API-Key")
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
    app.get("/agreement/{agreement_id}", include_in_schema=False)(lambda agreement_id: page())
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def __getattr__(name: str):
    # ``uvicorn search_api.app:app`` builds the app from the environment on first access only.
    if name == "app":
        global app
        app = create_app()
        return app
    raise AttributeError(name)
