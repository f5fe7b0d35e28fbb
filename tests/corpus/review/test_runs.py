"""``bitext review RUN_DIR``: the run index, worst first, and each document's own review."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from corpus.outdir import PAIRS
from corpus.review.runs import run_index
from corpus.review.server import create_run_app
from corpus.review.store import LOG_FILE
from corpus.rundir import doc_dir
from tests.corpus.review.runs_sample import make_run

TOKEN = "run-token"
AUTH = {"X-Bitext-Token": TOKEN}


@pytest.fixture
def run(tmp_path: Path) -> Path:
    return make_run(tmp_path / "run")


@pytest.fixture
def client(run: Path) -> TestClient:
    return TestClient(create_run_app(run, TOKEN), base_url="http://127.0.0.1:8765")


def test_the_index_lists_the_weakest_document_first_and_failed_ones_last(run):
    entries = run_index(run)
    assert [(e.id, e.status) for e in entries] == [
        ("weak", "ok"), ("good", "ok"), ("broken", "failed")]
    assert entries[0].mean_score < entries[1].mean_score
    assert (entries[0].beads, entries[0].reviewed) == (11, 0)
    assert entries[2].error == "b.zh is a binary file, not text"


def test_each_document_opens_in_the_review_screen_and_keeps_its_own_review(client, run):
    assert client.get("/").status_code == 403
    assert client.get(f"/?token={TOKEN}").text.count("run.js") == 1
    assert client.get("/api/run").status_code == 403
    listed = client.get("/api/run", headers=AUTH).json()["documents"]
    weak = listed[0]
    assert (weak["id"], weak["reviewed"]) == ("weak", 0) and "path" not in weak

    moved = client.get(f"/doc/{weak['number']}?token={TOKEN}", follow_redirects=False)
    assert moved.status_code == 307
    assert moved.headers["location"] == f"/doc/{weak['number']}/?token={TOKEN}"
    screen = client.get(f"/doc/{weak['number']}/?token={TOKEN}")
    assert screen.status_code == 200 and "app.js" in screen.text
    state = client.get(f"/doc/{weak['number']}/api/state", headers=AUTH).json()
    assert state["doc_id"] == "weak"
    answer = client.post(f"/doc/{weak['number']}/api/op", headers=AUTH,
                         json={"op": "confirm", "index": 0, "rev": state["rev"]})
    assert answer.status_code == 200

    # saved in that document's folder only, and shown in the index
    statuses = [json.loads(line)["status"] for line in
                (doc_dir(run, "weak") / PAIRS).read_text(encoding="utf-8").splitlines()]
    assert statuses[0] == "confirmed"
    assert (doc_dir(run, "weak") / LOG_FILE).is_file()
    assert not (doc_dir(run, "good") / LOG_FILE).exists()
    assert [d["reviewed"] for d in client.get("/api/run", headers=AUTH).json()["documents"]
            ] == [1, 0, 0]
    failed = listed[2]["number"]
    assert client.get(f"/doc/{failed}/api/state", headers=AUTH).status_code == 404
    assert client.get("/doc/99/api/state", headers=AUTH).status_code == 404
    assert client.get(f"/doc/{weak['number']}/api/state").status_code == 403
