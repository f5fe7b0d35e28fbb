"""The RUN_DIR format: folder names, the run log (torn lines), publishing a document whole."""

from __future__ import annotations

import pytest

from corpus.errors import InputError
from corpus.outdir import ALIGNMENT, read_outdir
from corpus.rundir import (
    REPLACED_DIR,
    RUN_LOG,
    RunRecord,
    append_record,
    doc_dir,
    folder_name,
    ok_documents,
    open_run,
    publish_document,
    read_records,
)
from tests.corpus.review.sample import make_doc


@pytest.mark.parametrize(
    ("doc_id", "folder"),
    [
        ("001", "001"),
        ("news/2021/a", "news%2F2021%2Fa"),
        ("..", "%2E."),
        (".hidden", "%2Ehidden"),
        ("a b-c_d.txt", "a b-c_d.txt"),
        ("图书馆", "图书馆"),
        ("a%2Fb", "a%252Fb"),  # an id that looks escaped does not meet news/… ids
    ],
)
def test_folder_names_are_safe_and_distinct(doc_id, folder):
    assert folder_name(doc_id) == folder


def record(doc_id: str, status: str = "ok", key: str = "k1") -> RunRecord:
    return RunRecord(id=doc_id, status=status, key=key, src=f"{doc_id}.zh", tgt=f"{doc_id}.en")


def test_the_last_record_of_an_id_wins_and_a_torn_line_is_skipped(tmp_path):
    run = open_run(tmp_path / "run")
    append_record(run, record("a", "failed"))
    append_record(run, record("b"))
    with (run / RUN_LOG).open("a", encoding="utf-8") as fh:
        fh.write('{"id": "c", "status": "o')  # a kill in the middle of a write
    append_record(run, record("a"))  # starts on a line of its own
    assert {i: r.status for i, r in read_records(run).items()} == {"a": "ok", "b": "ok"}
    assert (run / RUN_LOG).read_text().count("\n") == 4
    with pytest.raises(ValueError, match="status must be one of ok, failed"):
        record("d", "done")


def test_publishing_replaces_a_folder_whole_and_keeps_a_reviewed_one(tmp_path):
    run = open_run(tmp_path / "run")
    doc = make_doc()
    first = publish_document(run, doc, "x/1")
    assert first == doc_dir(run, "x/1") and read_outdir(first).beads == doc.beads
    (first / "extra.txt").write_text("left by hand")
    publish_document(run, doc, "x/1")
    assert not (first / "extra.txt").exists()
    assert not (run / REPLACED_DIR).exists()
    (first / "review.log.jsonl").write_text("{}\n")
    publish_document(run, doc, "x/1")
    kept = list((run / REPLACED_DIR).glob("*/" + first.name))
    assert len(kept) == 1 and (kept[0] / "review.log.jsonl").is_file()
    assert (first / ALIGNMENT).is_file() and not (first / "review.log.jsonl").exists()


def test_ok_documents_need_an_ok_last_record_and_their_folder(tmp_path):
    run = open_run(tmp_path / "run")
    publish_document(run, make_doc(), "a")
    for doc_id, status in (("a", "ok"), ("b", "ok"), ("c", "failed")):
        append_record(run, record(doc_id, status))
    assert [d.record.id for d in ok_documents(run)] == ["a"]  # b's folder is not there


def test_open_run_refuses_a_folder_that_is_not_a_run(tmp_path):
    (tmp_path / "thesis").mkdir()
    (tmp_path / "thesis" / "chapter1.tex").write_text("x")
    with pytest.raises(InputError, match="not a bitext run"):
        open_run(tmp_path / "thesis")
    with pytest.raises(InputError, match="not a bitext run folder"):
        ok_documents(tmp_path / "thesis")
