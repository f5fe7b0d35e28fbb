"""The review HTTP API with Starlette's TestClient: token, Host check, errors, data as data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from corpus.errors import ConfigError
from corpus.outdir import read_outdir
from corpus.review.server import ReviewServer, create_app, host_allowed, loopback_address
from corpus.review.session import ReviewSession
from scripts.cli import main as cli_main

TOKEN = "test-token-123"
AUTH = {"X-Bitext-Token": TOKEN}


@pytest.fixture
def client(outdir: Path) -> TestClient:
    app = create_app(ReviewSession(outdir), TOKEN)
    return TestClient(app, base_url="http://127.0.0.1:8765")


def op(client: TestClient, **body) -> object:
    return client.post("/api/op", json=body, headers=AUTH)


def test_state_is_compact_and_complete(client: TestClient) -> None:
    state = client.get("/api/state", headers=AUTH).json()
    assert state["doc_id"] == "chapter1" and state["rev"] == 0
    assert state["src"]["lang"] == "zh" and len(state["src"]["sentences"]) == 12
    assert state["beads"][3] == [2, 1, 0.62, "a"]
    assert (state["reviewed"], state["total"], state["can_undo"]) == (0, 11, False)


def test_script_in_a_sentence_comes_back_as_data(client: TestClient) -> None:
    response = client.get("/api/state", headers=AUTH)
    assert response.headers["content-type"] == "application/json"
    assert "<script>window.__pwned = 1</script>" in response.json()["src"]["sentences"][10]
    page = client.get(f"/?token={TOKEN}")
    assert page.status_code == 200 and "__pwned" not in page.text  # no data in the HTML
    assert "script-src 'self'" in page.headers["content-security-policy"]


@pytest.mark.parametrize(
    ("method", "path", "headers"),
    [
        ("GET", "/api/state", {}),
        ("GET", "/api/state", {"X-Bitext-Token": "wrong"}),
        ("POST", "/api/op", {}),
        ("POST", "/api/op", {"X-Bitext-Token": TOKEN[:-1]}),
        ("POST", "/api/export", {}),
        ("GET", "/", {}),
    ],
)
def test_token_required(
    client: TestClient, outdir: Path, method: str, path: str, headers: dict
) -> None:
    before = (outdir / "alignment.align").read_bytes()
    response = client.request(method, path, json={"op": "merge_next", "index": 0}, headers=headers)
    assert response.status_code == 403
    assert (outdir / "alignment.align").read_bytes() == before


def test_page_with_token_in_the_query(client: TestClient) -> None:
    assert client.get(f"/?token={TOKEN}").status_code == 200
    assert client.get("/?token=nope").status_code == 403


@pytest.mark.parametrize(
    ("host", "ok"),
    [
        ("127.0.0.1:8765", True),
        ("localhost:8765", True),
        ("LOCALHOST", True),
        ("[::1]:8765", True),
        ("evil.example:8765", False),
        ("127.0.0.1.evil.example", False),
        ("", False),
    ],
)
def test_host_header_check(client: TestClient, host: str, ok: bool) -> None:
    assert host_allowed(host) is ok
    response = client.get("/api/state", headers={**AUTH, "Host": host})
    assert (response.status_code == 200) is ok
    if not ok:
        assert response.status_code == 403


def test_cross_origin_post_refused(client: TestClient) -> None:
    headers = {**AUTH, "Origin": "http://evil.example"}
    response = client.post("/api/op", json={"op": "confirm", "index": 0}, headers=headers)
    assert response.status_code == 403
    headers = {**AUTH, "Origin": "http://127.0.0.1:8765"}
    assert client.post("/api/op", json={"op": "confirm", "index": 0}, headers=headers).is_success


def test_post_must_be_json(client: TestClient) -> None:
    body = "op=merge_next&index=0"
    headers = {**AUTH, "Content-Type": "application/x-www-form-urlencoded"}
    assert client.post("/api/op", content=body, headers=headers).status_code == 415
    headers = {**AUTH, "Content-Type": "application/json"}
    assert client.post("/api/op", content="{bad", headers=headers).status_code == 400


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"op": "merge_next", "index": 10}, "last one"),
        ({"op": "merge_prev", "index": 0}, "first one"),
        ({"op": "merge_next", "index": 99}, "no bead 99"),
        ({"op": "split", "index": 0, "src_at": 0, "tgt_at": 0}, "empty bead"),
        ({"op": "move_up", "index": 3, "side": "../etc"}, "unknown side"),
        ({"op": "merge_next", "index": "0"}, "index must be an integer"),
        ({"op": "merge_next", "index": True}, "index must be an integer"),
        ({"op": "merge_next"}, "takes exactly: index"),
        ({"op": "merge_next", "index": 0, "path": "/etc/passwd"}, "takes exactly"),
        ({"op": "rm", "index": 0}, "unknown operation"),
        ({"op": "undo"}, "nothing to undo"),
    ],
)
def test_impossible_operations_are_400(client: TestClient, body: dict, message: str) -> None:
    response = op(client, **body)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_operation_answers_a_splice_and_saves(client: TestClient, outdir: Path) -> None:
    response = op(client, op="merge_next", index=0, rev=0)
    assert response.status_code == 200
    data = response.json()
    assert data["rev"] == 1 and data["can_undo"]
    assert data["delta"] == {"start": 0, "remove": 2, "insert": [[2, 2, 0.91, "a"]], "edits": []}
    assert read_outdir(outdir).beads[0].to_line() == "[0,1]:[0,1]"
    # an edit: the splice carries the new text and the original
    data = op(client, op="edit_text", side="tgt", sid=2, text="<b>bold</b>", rev=1).json()
    assert data["delta"]["edits"] == [
        ["tgt", 2, "<b>bold</b>", "The old man pushed the door open."]
    ]
    state = client.get("/api/state", headers=AUTH).json()
    assert state["tgt"]["sentences"][2] == "<b>bold</b>"
    assert state["originals"]["tgt"] == {"2": "The old man pushed the door open."}


def test_stale_revision_is_409(client: TestClient) -> None:
    assert op(client, op="confirm", index=0, rev=0).status_code == 200
    response = op(client, op="confirm", index=1, rev=0)
    assert response.status_code == 409


def test_export_endpoint_writes_into_exports_only(client: TestClient, outdir: Path) -> None:
    response = client.post("/api/export", json={"format": "tmx"}, headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json() == {"written": ["exports/chapter1.tmx"]}
    assert (outdir / "exports" / "chapter1.tmx").is_file()
    bad = client.post("/api/export", json={"format": "tmx", "output": "/tmp/x"}, headers=AUTH)
    assert bad.status_code == 400
    bad = client.post("/api/export", json={"format": "pdf"}, headers=AUTH)
    assert bad.status_code == 400 and "unknown export format" in bad.json()["error"]


def test_static_files_only_from_the_package(client: TestClient) -> None:
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/../session.py").status_code == 404
    assert client.get("/static/%2e%2e/session.py").status_code == 404
    assert client.get("/meta.json").status_code == 404


def test_loopback_only() -> None:
    assert loopback_address("localhost") == "127.0.0.1"
    assert loopback_address("::1") == "::1"
    with pytest.raises(ConfigError, match="loopback"):
        loopback_address("0.0.0.0")
    with pytest.raises(ConfigError, match="loopback"):
        loopback_address("example.com")


def test_cli_refuses_a_public_host(outdir: Path, capsys: pytest.CaptureFixture) -> None:
    assert cli_main(["review", str(outdir), "--host", "0.0.0.0", "--no-browser"]) == 2
    assert "loopback" in capsys.readouterr().err


def test_cli_reports_a_folder_that_is_no_outdir(tmp_path: Path, capsys) -> None:
    assert cli_main(["review", str(tmp_path), "--no-browser"]) == 2
    assert "not a bitext output folder" in capsys.readouterr().err


def test_real_server_on_port_zero(outdir: Path) -> None:
    import httpx

    with ReviewServer(outdir, port=0) as server:
        assert server.port > 0 and server.url.startswith(f"http://127.0.0.1:{server.port}/?token=")
        response = httpx.get(
            f"{server.base_url}/api/state", headers={"X-Bitext-Token": server.token}
        )
        assert response.status_code == 200
        assert json.loads(response.text)["total"] == 11
        assert httpx.get(f"{server.base_url}/api/state").status_code == 403
        with pytest.raises(ConfigError, match="cannot listen"):
            ReviewServer(outdir, port=server.port)
