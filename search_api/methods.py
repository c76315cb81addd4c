"""HTTP methods per path: HEAD wherever GET is, OPTIONS answered, 405 that lists them all.

Starlette answers a method a route lacks with the ``Allow`` of the first route on that path
only (``/api/search`` has a GET and a POST route: it said ``Allow: GET``), answers OPTIONS
with 405, and FastAPI routes have no HEAD. This layer looks at every route matching the path:
HEAD runs the GET route and sends its headers without the body, OPTIONS gets 204 with
``Allow`` (a CORS preflight is answered before this, by CORSMiddleware, when origins are
configured), and any other missing method gets 405 with the full ``Allow``.
"""
from __future__ import annotations

import json

from starlette.routing import Match, Mount

STATIC_METHODS = frozenset({"GET", "HEAD"})


class AllowedMethods:
    def __init__(self, app, router) -> None:
        self.app, self.router = app, router

    def route_methods(self, scope) -> set[str]:
        """The methods the routes matching this path declare (empty: no route has the path)."""
        found: set[str] = set()
        for route in self.router.routes:
            if route.matches(scope)[0] != Match.NONE:
                found |= STATIC_METHODS if isinstance(route, Mount) else set(getattr(route, "methods", ()) or ())
        return found

    def methods_for(self, scope) -> set[str]:
        """Every method this path answers, HEAD and OPTIONS included."""
        methods = self.route_methods(scope)
        if "GET" in methods:
            methods.add("HEAD")
        if methods:
            methods.add("OPTIONS")
        return methods

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        methods = self.methods_for(scope)
        method = scope["method"]
        if not methods or (method in methods and method not in ("HEAD", "OPTIONS")):
            return await self.app(scope, receive, send)
        allow = ", ".join(sorted(methods)).encode()
        if method == "OPTIONS":
            await send({"type": "http.response.start", "status": 204, "headers": [(b"allow", allow)]})
            return await send({"type": "http.response.body", "body": b""})
        if method == "HEAD":
            if "HEAD" in self.route_methods(scope):      # the route serves HEAD itself
                return await self.app(scope, receive, send)
            return await self.app({**scope, "method": "GET"}, receive, _without_body(send))
        body = json.dumps({"error": "method_not_allowed",
                           "message": f"{method} is not supported here; use {allow.decode()}"}).encode()
        await send({"type": "http.response.start", "status": 405,
                    "headers": [(b"allow", allow), (b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def _without_body(send):
    async def head_send(message):
        if message["type"] == "http.response.body":
            message = {**message, "body": b""}
        await send(message)
    return head_send
