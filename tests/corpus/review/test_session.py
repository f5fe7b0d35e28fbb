"""ReviewSession: tables of operations on the tiny zh–en document, checked on disk each time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.beads import check_partition, format_align
from corpus.errors import BitextError
from corpus.outdir import ALIGNMENT, META, PAIRS, read_outdir
from corpus.review.changes import ReviewError
from corpus.review.session import ReviewSession
from corpus.review.store import LOG_FILE, STATE_FILE
from tests.corpus.review.sample import EN, ZH

ORIGINAL = [
    "[0]:[0]",
    "[1]:[1]",
    "[2]:[2]",
    "[3,4]:[3]",
    "[5]:[4]",
    "[6]:[5]",
    "[7]:[6]",
    "[8]:[7]",
    "[9]:[8]",
    "[10]:[9]",
    "[11]:[10]",
]


def lines(beads) -> list[str]:
    return [b.to_line() for b in beads]


def replaced(start: int, stop: int, *new: str) -> list[str]:
    return ORIGINAL[:start] + list(new) + ORIGINAL[stop:]


def check_disk(out: Path, session: ReviewSession) -> None:
    """The files on disk hold exactly the session's document, and it partitions both sides."""
    doc = read_outdir(out)
    check_partition(doc.beads, len(doc.src), len(doc.tgt))
    assert doc.beads == session.doc.beads
    assert doc.src.sentences == session.doc.src.sentences
    assert doc.tgt.sentences == session.doc.tgt.sentences
    assert (out / ALIGNMENT).read_text(encoding="utf-8") == format_align(session.doc.beads)
    pairs = [json.loads(x) for x in (out / PAIRS).read_text(encoding="utf-8").splitlines()]
    assert [p["status"] for p in pairs] == [b.status for b in session.doc.beads]


# (operation, arguments, the alignment afterwards)
OPERATIONS = [
    ("merge_next", (0,), replaced(0, 2, "[0,1]:[0,1]")),
    ("merge_next", (3,), replaced(3, 5, "[3,4,5]:[3,4]")),
    ("merge_prev", (1,), replaced(0, 2, "[0,1]:[0,1]")),
    ("merge_prev", (10,), replaced(9, 11, "[10,11]:[9,10]")),
    ("split", (3, 1, 1), replaced(3, 4, "[3]:[3]", "[4]:[]")),
    ("split", (3, 1, 0), replaced(3, 4, "[3]:[]", "[4]:[3]")),
    ("split", (0, 0, 1), replaced(0, 1, "[]:[0]", "[0]:[]")),
    ("split", (3, 2, 0), replaced(3, 4, "[3,4]:[]", "[]:[3]")),
    ("move_up", (4, "src"), replaced(3, 5, "[3,4,5]:[3]", "[]:[4]")),
    ("move_up", (4, "tgt"), replaced(3, 5, "[3,4]:[3,4]", "[5]:[]")),
    ("move_down", (3, "src"), replaced(3, 5, "[3]:[3]", "[4,5]:[4]")),
    ("move_down", (2, "tgt"), replaced(2, 4, "[2]:[]", "[3,4]:[2,3]")),
    ("move_down", (9, "src"), replaced(9, 11, "[]:[9]", "[10,11]:[10]")),
]


@pytest.mark.parametrize(("op", "args", "expected"), OPERATIONS)
def test_operation(outdir: Path, op: str, args: tuple, expected: list[str]) -> None:
    session = ReviewSession(outdir)
    state = getattr(session, op)(*args)
    assert lines(state.doc.beads) == expected
    assert state.change is not None and state.can_undo and not state.can_redo
    check_disk(outdir, session)
    # undo restores the original exactly, redo the result
    assert lines(session.undo().doc.beads) == ORIGINAL
    assert session.doc.beads == read_outdir(outdir).beads
    check_disk(outdir, session)
    assert lines(session.redo().doc.beads) == expected
    check_disk(outdir, session)


def test_move_that_empties_a_bead_removes_it(outdir: Path) -> None:
    session = ReviewSession(outdir)
    session.move_up(1, "src")  # [0,1]:[0] [] : [1]
    assert lines(session.doc.beads)[:2] == ["[0,1]:[0]", "[]:[1]"]
    session.move_up(1, "tgt")  # the bead is empty on both sides now: it goes
    assert lines(session.doc.beads) == replaced(0, 2, "[0,1]:[0,1]")
    check_disk(outdir, session)


def test_merge_keeps_the_lower_score_and_resets_status(outdir: Path) -> None:
    session = ReviewSession(outdir)
    session.confirm(5)
    bead = session.merge_next(5).doc.beads[5]
    assert (bead.score, bead.status) == (0.35, "auto")
    assert session.state().reviewed == 0


def test_confirm_reject_unmark_and_counter(outdir: Path) -> None:
    session = ReviewSession(outdir)
    assert session.confirm(2).reviewed == 1
    assert session.reject(6).reviewed == 2
    assert [b.status for b in read_outdir(outdir).beads][2:7] == [
        "confirmed",
        "auto",
        "auto",
        "auto",
        "rejected",
    ]
    state = session.unmark(2)
    assert (state.reviewed, state.total) == (1, 11)
    # the same status again changes nothing and records nothing
    assert session.reject(6).change is None
    check_disk(outdir, session)


IMPOSSIBLE = [
    ("merge_next", (10,), "last"),
    ("merge_prev", (0,), "first"),
    ("merge_next", (11,), "no bead 11"),
    ("merge_next", (-1,), "no bead -1"),
    ("split", (0, 0, 0), "empty bead"),
    ("split", (0, 1, 1), "empty bead"),
    ("split", (3, 3, 0), "between 0 and 2"),
    ("move_up", (0, "src"), "first"),
    ("move_down", (10, "tgt"), "last"),
    ("move_up", (3, "xx"), "unknown side"),
    ("set_status", (3, "maybe"), "unknown status"),
    ("edit_text", ("src", 99, "x"), "no zh sentence 99"),
    ("edit_text", ("src", 0, "two\nlines"), "line break"),
    ("edit_text", ("tgt", 0, "   "), "empty"),
    ("undo", (), "nothing to undo"),
    ("redo", (), "nothing to redo"),
]


@pytest.mark.parametrize(("op", "args", "message"), IMPOSSIBLE)
def test_impossible_operation_changes_nothing(
    outdir: Path, op: str, args: tuple, message: str
) -> None:
    before = {p.name: p.read_bytes() for p in outdir.iterdir()}
    session = ReviewSession(outdir)
    with pytest.raises(BitextError, match=message):
        getattr(session, op)(*args)
    assert lines(session.doc.beads) == ORIGINAL
    assert {p.name: p.read_bytes() for p in outdir.iterdir()} == before


def test_move_from_an_empty_side_is_refused(outdir: Path) -> None:
    session = ReviewSession(outdir)
    session.split(3, 2, 0)  # [3,4]:[] []:[3]
    with pytest.raises(ReviewError, match="no zh sentence"):
        session.move_up(4, "src")


def test_undo_redo_sequence(outdir: Path) -> None:
    session = ReviewSession(outdir)
    session.merge_next(0)
    session.split(2, 1, 1)
    session.confirm(4)
    session.edit_text("tgt", 4, "He went inside and lit a fire.")
    final = session.doc
    for _ in range(4):
        session.undo()
        check_disk(outdir, session)
    assert lines(session.doc.beads) == ORIGINAL and session.doc.tgt.sentences == EN
    assert not session.can_undo and session.can_redo
    for _ in range(4):
        session.redo()
    assert session.doc == final
    check_disk(outdir, session)
    # a new operation clears the redo stack
    session.undo()
    session.merge_next(8)
    assert not session.can_redo


def test_edit_text_keeps_the_original(outdir: Path) -> None:
    session = ReviewSession(outdir)
    session.edit_text("tgt", 2, "The old man opened the door.")
    session.edit_text("tgt", 2, "The old man opened the door slowly.")
    assert (outdir / "tgt.sents").read_text(encoding="utf-8").splitlines()[2] == (
        "The old man opened the door slowly."
    )
    state = json.loads((outdir / STATE_FILE).read_text(encoding="utf-8"))
    assert state["originals"]["tgt"] == {"2": EN[2]}
    log = [json.loads(x) for x in (outdir / LOG_FILE).read_text(encoding="utf-8").splitlines()]
    assert log[0]["op"] == "edit_text"
    assert log[0]["edits"] == [
        {"side": "tgt", "id": 2, "before": EN[2], "after": "The old man opened the door."}
    ]
    assert session.edited() == {"src": {}, "tgt": {2: EN[2]}}
    # undo twice: the text is back and no longer counts as edited; the original stays recorded
    session.undo()
    session.undo()
    assert session.doc.tgt.sentences == EN
    assert session.edited() == {"src": {}, "tgt": {}}
    assert session.originals() == {"src": {}, "tgt": {2: EN[2]}}
    # the bead (and its status) is untouched by an edit
    assert lines(session.doc.beads) == ORIGINAL


def test_the_log_is_append_only_with_ids(outdir: Path) -> None:
    session = ReviewSession(outdir)
    session.merge_next(0)
    session.confirm(0)
    session.undo()
    log = [json.loads(x) for x in (outdir / LOG_FILE).read_text(encoding="utf-8").splitlines()]
    assert [r["op"] for r in log] == ["merge_next", "set_status", "undo"]
    assert log[0]["args"] == {"index": 0}
    assert [b["ids"] for b in log[0]["before"]] == ["[0]:[0]", "[1]:[1]"]
    assert [b["ids"] for b in log[0]["after"]] == ["[0,1]:[0,1]"]
    assert log[1]["after"][0]["status"] == "confirmed"
    assert log[2]["args"] == {"of": "set_status"} and log[2]["after"][0]["status"] == "auto"
    assert all(r["time"].endswith("+00:00") for r in log)


def test_restart_loads_the_same_state_and_history(outdir: Path) -> None:
    session = ReviewSession(outdir)
    session.merge_next(0)
    session.confirm(3)
    session.edit_text("src", 2, "老人慢慢推开了门。")
    session.undo()  # the edit goes to the redo stack
    again = ReviewSession(outdir)
    assert again.doc == session.doc
    assert again.can_undo and again.can_redo
    assert again.originals() == {"src": {2: ZH[2]}, "tgt": {}}
    assert again.redo().doc.src.sentences[2] == "老人慢慢推开了门。"
    again.undo()
    again.undo()  # the confirm
    again.undo()  # the merge
    assert lines(again.doc.beads) == ORIGINAL
    check_disk(outdir, again)


def test_history_is_dropped_when_the_outdir_changed_elsewhere(outdir: Path) -> None:
    session = ReviewSession(outdir)
    session.edit_text("src", 0, "第一章")
    session.merge_next(4)
    # someone re-runs the aligner: the alignment on disk is not what the history expects
    (outdir / ALIGNMENT).write_text("\n".join(ORIGINAL) + "\n", encoding="utf-8")
    (outdir / PAIRS).unlink()
    again = ReviewSession(outdir)
    assert not again.can_undo and not again.can_redo
    assert again.originals() == {"src": {0: ZH[0]}, "tgt": {}}  # originals are never lost


def test_damaged_state_file_is_reported(outdir: Path) -> None:
    (outdir / STATE_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(ReviewError, match="damaged"):
        ReviewSession(outdir)


def test_meta_keys_unknown_to_write_outdir_are_kept(outdir: Path) -> None:
    meta = json.loads((outdir / META).read_text(encoding="utf-8"))
    meta["timing"] = {"align_s": 1.5}
    meta["src"]["sha256"] = "abc"
    (outdir / META).write_text(json.dumps(meta), encoding="utf-8")
    ReviewSession(outdir).merge_next(0)
    after = json.loads((outdir / META).read_text(encoding="utf-8"))
    assert after["timing"] == {"align_s": 1.5} and after["src"]["sha256"] == "abc"
    assert after["summary"]["beads"] == 10


def test_export_goes_into_exports(outdir: Path) -> None:
    session = ReviewSession(outdir)
    session.confirm(1)
    session.reject(2)
    (tmx,) = session.export("tmx")
    assert tmx == outdir / "exports" / "chapter1.tmx"
    text = tmx.read_text(encoding="utf-8")
    assert '<prop type="x-status">confirmed</prop>' in text
    assert ZH[2] not in text  # rejected beads are dropped, as `bitext export` does by default
    (jsonl,) = session.export("jsonl", confirmed_only=True)
    rows = [json.loads(x) for x in jsonl.read_text(encoding="utf-8").splitlines()]
    assert [(r["src_ids"], r["status"]) for r in rows] == [([1], "confirmed")]
    with pytest.raises(BitextError, match="unknown export format"):
        session.export("docx")
