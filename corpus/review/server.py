"""The local web server of ``bitext review``: Starlette app + uvicorn, bound to loopback only.

Security model (a local tool, but browsers visit hostile pages too):

- the server listens on 127.0.0.1 (or ::1) only and answers only requests whose Host header
  is 127.0.0.1 / localhost / [::1] (against DNS rebinding);
- a random token, new at every start, is in the URL printed on the terminal; the page sends it
  in the ``X-Bitext-Token`` header on every API call (compared with ``hmac.compare_digest``);
  requests without it get 403. POSTs must also be JSON and, when an Origin is sent, come from
  the page's own origin;
- the client never names a file: the API takes bead indexes and sentence ids only; static
  files come from the fixed ``static/`` folder of the package; exports go to OUT_DIR/exports/;
- the page sets text with ``textContent`` only, and a strict Content-Security-Policy forbids
  inline scripts and any other origin.

API (JSON):

- ``GET /api/state`` — the whole document, compactly: sentences of each side, then one
  ``[n_src, n_tgt, score, status]`` per bead (ids are consecutive, so counts suffice).
- ``POST /api/op`` ``{"op": name, "rev": n, ...args}`` — one operation of ``ReviewSession``;
  answers the new revision and the change as a splice of the bead list
  (``start``, ``remove``, ``insert``) plus edited sentences. 400 for an impossible operation,
  409 when ``rev`` is not the current revision (another tab changed the alignment).
- ``POST /api/export`` ``{"format": "tmx"|"jsonl"|"hf", "confirmed_only": bool}``.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import os
import re
import secrets
import socket
import threading
import time
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from corpus.beads import Bead
from corpus.errors import BitextError, ConfigError
from corpus.review.session import ReviewSession, ReviewState

STATIC_DIR = Path(__file__).resolve().parent / "static"
TOKEN_HEADER = "x-bitext-token"
ALLOWED_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})
LOOPBACK_NAMES = {"127.0.0.1": "127.0.0.1", "localhost": "127.0.0.1", "::1": "::1"}
MAX_BODY = 1_000_000

SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]

STATUS_CODES = {"auto": "a", "confirmed": "c", "rejected": "r"}

# op name -> (argument name -> type); every argument is required, no others are accepted.
OPS: dict[str, dict[str, type]] = {
    "merge_next": {"index": int},
    "merge_prev": {"index": int},
    "split": {"index": int, "src_at": int, "tgt_at": int},
    "move_up": {"index": int, "side": str},
    "move_down": {"index": int, "side": str},
    "confirm": {"index": int},
    "reject": {"index": int},
    "unmark": {"index": int},
    "edit_text": {"side": str, "sid": int, "text": str},
    "undo": {},
    "redo": {},
}


def host_allowed(host_header: str) -> bool:
    """Is the Host header one of the loopback names (any port)?"""
    host = host_header.strip().lower()
    if host.startswith("["):
        name = host[: host.find("]") + 1] if "]" in host else host
    else:
        name = host.rsplit(":", 1)[0] if ":" in host else host
    return name in ALLOWED_HOSTS


class GuardMiddleware:
    """Rejects requests with a foreign Host header; adds security headers to every response."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        host = headers.get(b"host", b"").decode("latin-1")
        if not host_allowed(host):
            response = PlainTextResponse("forbidden host", status_code=403)
            await response(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


def bead_row(bead: Bead) -> list[Any]:
    return [len(bead.src), len(bead.tgt), round(bead.score, 4), STATUS_CODES[bead.status]]


def state_payload(session: ReviewSession) -> dict[str, Any]:
    state = session.state()
    doc = state.doc
    edited = session.edited()
    return {
        "doc_id": doc.doc_id,
        "signature": str(doc.signature),
        "rev": state.revision,
        "src": {"lang": doc.src.lang, "sentences": list(doc.src.sentences)},
        "tgt": {"lang": doc.tgt.lang, "sentences": list(doc.tgt.sentences)},
        "originals": {
            side: {str(k): v for k, v in texts.items()} for side, texts in edited.items()
        },
        "beads": [bead_row(b) for b in doc.beads],
        **_counts(state),
    }


def _counts(state: ReviewState) -> dict[str, Any]:
    return {
        "can_undo": state.can_undo,
        "can_redo": state.can_redo,
        "reviewed": state.reviewed,
        "total": state.total,
    }


def change_payload(session: ReviewSession, state: ReviewState) -> dict[str, Any]:
    change = state.change
    payload: dict[str, Any] = {"rev": state.revision, **_counts(state), "delta": None}
    if change is not None:
        originals = session.originals()
        payload["delta"] = {
            "start": change.start,
            "remove": len(change.before),
            "insert": [bead_row(b) for b in change.after],
            "edits": [
                [e.side, e.sid, e.after, originals[e.side].get(e.sid, e.before)]
                for e in change.edits
            ],
        }
    return payload


def _error(message: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _page(name: str, token_given: bool) -> Response:
    """A page of ``static/``, for the address with the token only."""
    if not token_given:
        return PlainTextResponse(
            "Open the address that `bitext review` printed (it carries the access token).",
            status_code=403,
        )
    return FileResponse(STATIC_DIR / name, media_type="text/html; charset=utf-8")


def create_app(session: ReviewSession, token: str) -> ASGIApp:
    """The review web app for ``session``; every API call needs ``token``."""
    expected = token.encode()
    lock = threading.Lock()  # one operation at a time, so "rev" checks are meaningful

    def token_ok(given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), expected)

    def same_origin(request: Request) -> bool:
        origin = request.headers.get("origin")
        if origin is None:
            return True
        host = origin.split("://", 1)[-1]
        return origin.startswith("http://") and host_allowed(host)

    async def read_json(request: Request) -> dict[str, Any] | Response:
        if not token_ok(request.headers.get(TOKEN_HEADER)):
            return _error("missing or wrong token", 403)
        if not same_origin(request):
            return _error("cross-origin request refused", 403)
        if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return _error("the body must be JSON (Content-Type: application/json)", 415)
        body = await request.body()
        if len(body) > MAX_BODY:
            return _error("request too large", 413)
        try:
            data = json.loads(body)
        except ValueError:
            return _error("the body is not valid JSON")
        if not isinstance(data, dict):
            return _error("the body must be a JSON object")
        return data

    async def index(request: Request) -> Response:
        return _page("index.html", token_ok(request.query_params.get("token")))

    async def get_state(request: Request) -> Response:
        if not token_ok(request.headers.get(TOKEN_HEADER)):
            return _error("missing or wrong token", 403)
        return JSONResponse(state_payload(session))

    def run_op(data: dict[str, Any]) -> Response:
        op = data.pop("op", None)
        rev = data.pop("rev", None)
        if op not in OPS:
            return _error(f"unknown operation {op!r}; valid: {', '.join(sorted(OPS))}")
        spec = OPS[op]
        if set(data) != set(spec):
            return _error(f"{op} takes exactly: {', '.join(spec) or 'no arguments'}")
        for name, kind in spec.items():
            value = data[name]
            if not isinstance(value, kind) or isinstance(value, bool):
                return _error(f"{op}: {name} must be {'an integer' if kind is int else 'text'}")
        with lock:
            if rev is not None and rev != session.revision:
                return _error("the alignment changed since this page loaded it; reloading", 409)
            try:
                state = getattr(session, op)(**data)
            except BitextError as exc:
                return _error(str(exc))
            return JSONResponse(change_payload(session, state))

    async def post_op(request: Request) -> Response:
        data = await read_json(request)
        if isinstance(data, Response):
            return data
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(run_op, data)

    def run_export(data: dict[str, Any]) -> Response:
        fmt = data.get("format")
        confirmed_only = data.get("confirmed_only", False)
        if set(data) - {"format", "confirmed_only"} or not isinstance(fmt, str):
            return _error("export takes: format, confirmed_only")
        if not isinstance(confirmed_only, bool):
            return _error("confirmed_only must be true or false")
        with lock:
            try:
                paths = session.export(fmt, confirmed_only=confirmed_only)
            except BitextError as exc:
                return _error(str(exc))
        root = session.out_dir.resolve()
        return JSONResponse({"written": [os.path.relpath(p.resolve(), root) for p in paths]})

    async def post_export(request: Request) -> Response:
        data = await read_json(request)
        if isinstance(data, Response):
            return data
        from starlette.concurrency import run_in_threadpool

        return await run_in_threadpool(run_export, data)

    app = Starlette(
        routes=[
            Route("/", index, methods=["GET"]),
            Route("/api/state", get_state, methods=["GET"]),
            Route("/api/op", post_op, methods=["POST"]),
            Route("/api/export", post_export, methods=["POST"]),
            Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
        ]
    )
    return GuardMiddleware(app)


_DOC_PATH = re.compile(r"^/doc/(\d+)(/.*)?$")


def create_run_app(run_dir: str | Path, token: str) -> ASGIApp:
    """The review app of a batch run: the run index at ``/``, and document ``n`` of
    ``run.jsonl`` in the one-document screen at ``/doc/n/`` (its session opened on first
    visit and kept)."""
    from corpus.review.runs import run_index

    expected = token.encode()
    sessions: dict[int, ASGIApp] = {}
    lock = threading.Lock()

    def token_ok(given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), expected)

    async def index(request: Request) -> Response:
        return _page("run.html", token_ok(request.query_params.get("token")))

    async def get_run(request: Request) -> Response:
        if not token_ok(request.headers.get(TOKEN_HEADER)):
            return _error("missing or wrong token", 403)
        from starlette.concurrency import run_in_threadpool

        entries = await run_in_threadpool(run_index, run_dir)
        return JSONResponse({"run": Path(run_dir).resolve().name,
                             "documents": [e.to_dict() for e in entries]})

    run_app = GuardMiddleware(Starlette(routes=[
        Route("/", index, methods=["GET"]),
        Route("/api/run", get_run, methods=["GET"]),
        Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"),
    ]))

    def document_app(number: int) -> ASGIApp | None:
        with lock:
            if number not in sessions:
                entries = {e.number: e for e in run_index(run_dir)}
                entry = entries.get(number)
                if entry is None or entry.status != "ok":
                    return None
                sessions[number] = create_app(ReviewSession(entry.path), token)
            return sessions[number]

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        match = _DOC_PATH.match(scope.get("path", "")) if scope["type"] == "http" else None
        if match is None:
            await run_app(scope, receive, send)
            return
        if match.group(2) is None:  # /doc/3 → /doc/3/, so that the page's relative API paths work
            query = scope.get("query_string", b"").decode("latin-1")
            target = f"{match.group(0)}/" + (f"?{query}" if query else "")
            await GuardMiddleware(RedirectResponse(target, status_code=307))(scope, receive, send)
            return
        from starlette.concurrency import run_in_threadpool

        try:
            document = await run_in_threadpool(document_app, int(match.group(1)))
        except BitextError as exc:
            await GuardMiddleware(_error(str(exc), 409))(scope, receive, send)
            return
        if document is None:
            await GuardMiddleware(PlainTextResponse("no such document in this run",
                                                    status_code=404))(scope, receive, send)
            return
        root = scope.get("root_path", "") + f"/doc/{match.group(1)}"
        await document({**scope, "root_path": root}, receive, send)

    return app


def loopback_address(host: str) -> str:
    """The address to bind for ``--host``; only loopback is allowed."""
    if host in LOOPBACK_NAMES:
        return LOOPBACK_NAMES[host]
    try:
        if ipaddress.ip_address(host).is_loopback:
            return host
    except ValueError:
        pass
    raise ConfigError(
        f"--host {host!r} is not a loopback address; the review server only listens on "
        "127.0.0.1, localhost or ::1"
    )


class ReviewServer:
    """uvicorn serving the review app of one OUT_DIR, or of a RUN_DIR (its run index), on a
    loopback socket (port 0 = any free)."""

    def __init__(
        self, out_dir: str | Path, host: str = "127.0.0.1", port: int = 0, token: str = ""
    ):
        import uvicorn

        from corpus.rundir import is_run_dir

        address = loopback_address(host)
        self.token = token or secrets.token_urlsafe(32)
        if is_run_dir(out_dir):  # a RUN_DIR of bitext batch: its index, then each document
            self.session: ReviewSession | None = None
            self.app = create_run_app(out_dir, self.token)
        else:
            self.session = ReviewSession(out_dir)
            self.app = create_app(self.session, self.token)
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        self._sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self._sock.bind((address, port))
            self._sock.listen(128)  # connections wait in the backlog until uvicorn runs
        except OSError as exc:
            self._sock.close()
            raise ConfigError(f"cannot listen on {address}:{port}: {exc.strerror or exc}") from None
        self.port: int = self._sock.getsockname()[1]
        url_host = f"[{address}]" if family == socket.AF_INET6 else address
        self.base_url = f"http://{url_host}:{self.port}"
        config = uvicorn.Config(
            self.app, log_level="warning", access_log=False, lifespan="off", server_header=False
        )
        self.server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The page's address, token included."""
        return f"{self.base_url}/?token={self.token}"

    def serve(self) -> None:
        """Serve until interrupted (Ctrl-C) or ``stop()``."""
        try:
            self.server.run(sockets=[self._sock])
        finally:
            self._sock.close()

    def start(self, timeout: float = 10.0) -> ReviewServer:
        """Serve in a background thread; returns once uvicorn is accepting connections."""
        self._thread = threading.Thread(target=self.serve, name="bitext-review", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the review server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None

    def __enter__(self) -> ReviewServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
