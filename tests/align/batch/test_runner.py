"""``bitext batch`` end to end: records, failures, resuming, kills, engines, model loads."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from align.api import align_files
from align.batch.engines import LocalEngine, make_engine
from align.batch.inputs import find_documents
from align.batch.runner import run_batch
from align.batch.worker import AlignSettings
from corpus.errors import ConfigError, UnknownChoiceError
from corpus.outdir import ALIGNMENT, META, PAIRS, SRC_SENTS, TGT_SENTS, read_outdir
from corpus.rundir import PARTIAL_DIR, RUN_LOG, doc_dir, read_records
from scripts.cli import main
from tests.align.batch.conftest import GOOD, write_by_name
from tests.align.batch.encoders import CountingEncoder, CrashingEncoder, loads

OUTDIR_FILES = (SRC_SENTS, TGT_SENTS, ALIGNMENT, PAIRS, META)
REPO = Path(__file__).resolve().parents[3]


def records_on_disk(run: Path) -> list[dict]:
    return [json.loads(line) for line in (run / RUN_LOG).read_text("utf-8").splitlines()]


def batch(*args: str) -> int:
    return main(["-q", "batch", *args, "--encoder", "lexical"])


def test_a_run_aligns_the_good_documents_records_the_bad_and_resumes(mixed_crawl, tmp_path,
                                                                    capsys):
    run = tmp_path / "run"
    assert batch(str(mixed_crawl), "-o", str(run), "--workers", "2") == 3
    records = read_records(run)
    assert {i: r.status for i, r in records.items()} == {
        "binary": "failed", "empty": "failed", "english-twice": "failed",
        "library": "ok", "opening": "ok", "river": "ok"}
    assert "binary file" in records["binary"].error
    assert "both files are English" in records["english-twice"].error
    assert "no text" in records["empty"].error
    for doc_id in GOOD:
        folder = doc_dir(run, doc_id)
        assert all((folder / name).is_file() for name in OUTDIR_FILES)
        # the same alignment as `bitext align` of the two files
        alone = align_files(mixed_crawl / f"{doc_id}.zh.txt", mixed_crawl / f"{doc_id}.en.txt",
                            encoder="lexical", doc_id=doc_id)
        assert read_outdir(folder).beads == alone.beads
        record = records[doc_id]
        assert (record.beads, record.sentences) == (len(alone.beads),
                                                    len(alone.src) + len(alone.tgt))
        assert record.mean_score == alone.summary.mean_score
    assert not any(doc_dir(run, i).exists() for i in ("binary", "empty", "english-twice"))
    assert not (run / PARTIAL_DIR).exists() or not any((run / PARTIAL_DIR).iterdir())

    # Rerun: the ok documents are skipped, the failed ones tried again (and fail again).
    assert batch(str(mixed_crawl), "-o", str(run), "--workers", "1") == 3
    again = records_on_disk(run)[6:]
    assert sorted(r["id"] for r in again) == ["binary", "empty", "english-twice"]

    # Mend the bad documents and change one good one: exactly those are aligned now.
    write_by_name(mixed_crawl, {"binary": GOOD["river"], "empty": GOOD["opening"],
                                "english-twice": GOOD["library"],
                                "river": (GOOD["river"][0], GOOD["opening"][1])})
    assert batch(str(mixed_crawl), "-o", str(run), "--workers", "1") == 0
    latest = records_on_disk(run)[9:]
    assert sorted(r["id"] for r in latest) == ["binary", "empty", "english-twice", "river"]
    assert all(r.ok for r in read_records(run).values())
    assert read_records(run)["river"].key != records["river"].key

    # Other settings are another alignment: every document again.
    assert batch(str(mixed_crawl), "-o", str(run), "--workers", "1", "--max-bead", "3") == 0
    assert len(records_on_disk(run)) == 13 + 6


def test_the_settings_decide_the_key_but_the_device_does_not():
    base = AlignSettings(encoder="lexical")
    assert AlignSettings(encoder="lexical", device="cuda").key == base.key
    for other in (AlignSettings(encoder="hybrid"), AlignSettings(encoder="lexical", max_bead=3),
                  AlignSettings(encoder="lexical", presplit=True),
                  AlignSettings(encoder="lexical", input_format="html")):
        assert other.key != base.key


def test_an_error_of_the_settings_stops_the_run_with_one_line(good_crawl, tmp_path, capsys):
    run = tmp_path / "run"
    code = main(["batch", str(good_crawl), "-o", str(run), "--workers", "1",
                 "--encoder", "neural", "--model", str(tmp_path / "no-model")])
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("bitext: error: model") and "not available" in err[-1]
    assert read_records(run) == {}
    with pytest.raises(UnknownChoiceError, match="valid choices: auto, hybrid"):
        run_batch(find_documents(good_crawl), run, AlignSettings(encoder="fancy"))
    with pytest.raises(UnknownChoiceError, match="valid choices: auto, docx"):
        run_batch(find_documents(good_crawl), run, AlignSettings(input_format="rtf"))
    with pytest.raises(ConfigError, match="--address names a cluster"):
        make_engine("local", 1, "tcp://head:8786")
    with pytest.raises(UnknownChoiceError, match="valid choices: dask, local"):
        make_engine("ray")


def test_a_run_directory_that_is_something_else_is_refused(good_crawl, tmp_path, capsys):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "thesis.tex").write_text("x")
    assert batch(str(good_crawl), "-o", str(tmp_path / "taken")) == 2
    assert "is a folder that is not a bitext run" in capsys.readouterr().err


def test_a_model_loads_once_per_worker_not_once_per_document(tmp_path):
    crawl = write_by_name(tmp_path / "crawl", {f"{name}{k}": pair for k in range(3)
                                               for name, pair in GOOD.items()})
    log = tmp_path / "loads.txt"
    settings = AlignSettings(encoder=CountingEncoder(log))
    result = run_batch(find_documents(crawl), tmp_path / "run", settings, LocalEngine(2))
    assert result.aligned == 9 and result.all_ok
    pids = loads(log)
    assert 1 <= len(pids) <= 2 and len(set(pids)) == len(pids)  # one load in each worker
    assert {w.worker.split(":")[1] for w in result.workers} == set(pids)


def test_kill_minus_9_of_the_whole_run_loses_at_most_the_documents_in_flight(tmp_path):
    docs = {f"{name}{k}": pair for k in range(4) for name, pair in GOOD.items()}
    crawl = write_by_name(tmp_path / "crawl", docs)
    run = tmp_path / "run"
    command = [sys.executable, "-m", "scripts.cli", "-q", "batch", str(crawl), "-o", str(run),
               "--encoder", "lexical", "--workers", "1"]
    process = subprocess.Popen(command, cwd=REPO, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if (run / RUN_LOG).is_file() and len(read_records(run)) >= 2:
            break
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    done = read_records(run)
    assert 2 <= len(done) < len(docs), "the run should be killed half-way"
    # Every record is whole and every published folder complete; nothing half-written.
    for folder in (run / "docs").iterdir():
        assert all((folder / name).is_file() for name in OUTDIR_FILES), folder
    for doc_id in done:
        read_outdir(doc_dir(run, doc_id))

    assert batch(str(crawl), "-o", str(run), "--workers", "1") == 0
    after = read_records(run)
    assert set(after) == set(docs) and all(r.ok for r in after.values())
    assert len(records_on_disk(run)) == len(docs)  # the finished ones were not redone
    assert not any((run / PARTIAL_DIR).iterdir())
    for doc_id in docs:
        name = doc_id.rstrip("0123456789")
        alone = align_files(crawl / f"{doc_id}.zh.txt", crawl / f"{doc_id}.en.txt",
                            encoder="lexical", doc_id=doc_id)
        assert read_outdir(doc_dir(run, doc_id)).beads == alone.beads, name


def test_alignments_are_identical_on_the_dask_engine_and_models_load_once_per_worker(
        good_crawl, tmp_path):
    pytest.importorskip("distributed", reason="the dask extra is not installed "
                        "(pip install -e '.[dask]')")
    local, dask = tmp_path / "local", tmp_path / "dask"
    assert batch(str(good_crawl), "-o", str(local), "--workers", "1") == 0
    log = tmp_path / "loads.txt"
    crawl = find_documents(good_crawl)
    result = run_batch(crawl, dask, AlignSettings(encoder=CountingEncoder(log)),
                       make_engine("dask", 2))
    assert result.all_ok and result.aligned == len(GOOD)
    assert len(loads(log)) == len(set(loads(log))) <= 2
    for doc_id in GOOD:
        for name in (SRC_SENTS, TGT_SENTS, ALIGNMENT, PAIRS, META):
            assert (doc_dir(dask, doc_id) / name).read_bytes() == (
                doc_dir(local, doc_id) / name).read_bytes(), (doc_id, name)


def test_a_worker_that_dies_fails_its_document_and_the_run_goes_on(good_crawl, tmp_path):
    fatal = str(good_crawl / "opening.zh.txt")
    result = run_batch(find_documents(good_crawl), tmp_path / "run",
                       AlignSettings(encoder=CrashingEncoder(fatal)), LocalEngine(1))
    assert [r.id for r in result.failed] == ["opening"]
    assert "worker process died" in result.failed[0].error
    assert result.aligned == len(GOOD) - 1
