"""Hand-built aligned documents written as OUT_DIRs for the export tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from corpus.beads import Bead
from corpus.document import AlignedDocument, Side
from corpus.outdir import write_outdir
from corpus.signature import Signature

SIG = Signature("lexical", "cc-cedict-test", {"max_bead": 4}, version="0.1.0")

# doc "novel": zh is the source side. (zh sentences, en sentences, beads)
NOVEL_ZH = ("你好。", "世界<script>&\"'", "多余的句子。", "第三章", "他笑了。")
NOVEL_EN = ("Hello.", "World <script>&\"'", "Chapter 3", "He laughed.")
NOVEL_BEADS = (
    Bead((0,), (0,), 0.9, "confirmed"),  # 1-1
    Bead((1, 2), (1,), 0.5),  # 2-1
    Bead((3,), (2,), 0.7),  # 1-1
    Bead((), (3,), 0.0),  # 0-1 deletion (en only)
    Bead((4,), (), 0.0, "rejected"),  # 1-0 deletion, rejected
)

# doc "news": en is the source side.
NEWS_EN = ("One.", "Two!", "one", "iPhone 15 Pro", "Apples cost 3 dollars.")
NEWS_ZH = ("一。", "二！", "一", "iPhone 15 Pro", "苹果三美元。")
NEWS_BEADS = (
    Bead((0,), (0,), 0.8),
    Bead((1,), (1,), 0.1, "rejected"),
    Bead((2,), (2,), 0.6),  # near-duplicate of bead 0 ("One." / "一。")
    Bead((3,), (3,), 0.95),  # a copy
    Bead((4,), (4,), 0.3),
)

# doc "tales": zh, the source side, in Traditional characters.
TALES_ZH = ("後來她把頭髮剪短了。", "衣服乾了。")
TALES_EN = ("Later she cut her hair short.", "The clothes were dry.")
TALES_BEADS = (Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.8))


def make_doc(doc_id: str, src: Side, tgt: Side, beads: tuple[Bead, ...]) -> AlignedDocument:
    return AlignedDocument(doc_id, src, tgt, beads, SIG)


@pytest.fixture
def novel_dir(tmp_path: Path) -> Path:
    out = tmp_path / "novel"
    write_outdir(out, make_doc("novel", Side(NOVEL_ZH, "zh"), Side(NOVEL_EN, "en"), NOVEL_BEADS))
    return out


@pytest.fixture
def news_dir(tmp_path: Path) -> Path:
    out = tmp_path / "news"
    write_outdir(out, make_doc("news", Side(NEWS_EN, "en"), Side(NEWS_ZH, "zh"), NEWS_BEADS))
    return out


@pytest.fixture
def tales_dir(tmp_path: Path) -> Path:
    out = tmp_path / "tales"
    write_outdir(out, make_doc("tales", Side(TALES_ZH, "zh"), Side(TALES_EN, "en"), TALES_BEADS))
    return out


@pytest.fixture
def make_outdir(tmp_path: Path) -> Callable[..., Path]:
    """Write a one-bead-per-pair document of (en, zh, score) tuples; returns its folder."""

    def build(doc_id: str, pairs: list[tuple[str, str, float]]) -> Path:
        n = len(pairs)
        beads = tuple(Bead((i,), (i,), score) for i, (_, _, score) in enumerate(pairs))
        doc = make_doc(
            doc_id,
            Side(tuple(p[0] for p in pairs), "en"),
            Side(tuple(p[1] for p in pairs), "zh"),
            beads[:n],
        )
        out = tmp_path / "docs" / doc_id
        write_outdir(out, doc)
        return out

    return build
