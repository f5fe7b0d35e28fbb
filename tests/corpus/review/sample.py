"""A tiny hand-made zh–en document (and a long synthetic one) for the review tests."""

from __future__ import annotations

from corpus.beads import Bead
from corpus.document import AlignedDocument, Side
from corpus.signature import Signature

ZH = (
    "第一章 开端",
    "天刚亮，村子还在沉睡。",
    "老人推开了门。",
    "他看了看天空。",
    "风很冷。",
    "他回到屋里，生起了火。",
    "火光照亮了墙上的旧照片。",
    "照片上是一个年轻的女人。",
    "她是他的妻子。",
    "他已经很多年没有见过她了。",
    "注：<script>window.__pwned = 1</script> 不是代码。",
    "第一章 完",
)
EN = (
    "Chapter One: The Beginning",
    "Day had just broken and the village was still asleep.",
    "The old man pushed the door open.",
    "He looked at the sky. The wind was cold.",
    "He went back inside and lit a fire.",
    "The firelight lit up the old photograph on the wall.",
    "It showed a young woman.",
    "She was his wife.",
    "He had not seen her for many years.",
    "Note: <script>window.__pwned = 1</script> is not code.",
    "End of chapter one.",
)
# (zh ids, en ids, score): 11 beads; bead 3 is 2-1, beads 5 and 6 are low-confidence.
BEADS = (
    ((0,), (0,), 0.95),
    ((1,), (1,), 0.91),
    ((2,), (2,), 0.88),
    ((3, 4), (3,), 0.62),
    ((5,), (4,), 0.93),
    ((6,), (5,), 0.35),
    ((7,), (6,), 0.42),
    ((8,), (7,), 0.80),
    ((9,), (8,), 0.90),
    ((10,), (9,), 0.70),
    ((11,), (10,), 0.97),
)


def make_doc(beads=BEADS, zh=ZH, en=EN, doc_id: str = "chapter1") -> AlignedDocument:
    return AlignedDocument(
        doc_id=doc_id,
        src=Side(sentences=tuple(zh), lang="zh", source="zh.txt"),
        tgt=Side(sentences=tuple(en), lang="en", source="en.txt"),
        beads=tuple(Bead(src, tgt, score) for src, tgt, score in beads),
        signature=Signature(encoder="lexical", model="test-dict", settings={"max_bead": 4}),
    )


def make_long_doc(n: int) -> AlignedDocument:
    """n 1-1 beads with varying scores (for the windowing check)."""
    zh = tuple(f"第{i}句：这是一个很长的文件里的句子。" for i in range(n))
    en = tuple(f"Sentence {i}: a sentence of a very long document." for i in range(n))
    beads = tuple(((i,), (i,), round((i * 37 % 100) / 100, 2)) for i in range(n))
    return make_doc(beads, zh, en, doc_id="long")
