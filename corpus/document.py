"""The in-memory form of one side of a bilingual document and of an aligned document."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from corpus.beads import Bead, check_partition
from corpus.lang.variants import (
    SCRIPTS,
    check_script,
    detect_script,
    scored_script,
    scoring_text,
)
from corpus.signature import Signature

LANGUAGES = ("zh", "en")


@dataclass(frozen=True)
class SetAside:
    """An input line kept out of the sentence stream, with the reason (never silently lost)."""

    line_no: int  # 1-based location in the input: its line (see corpus.read.extracted)
    text: str
    reason: str  # e.g. "metadata", "other-language boilerplate"


@dataclass(frozen=True)
class Side:
    """The sentences of one side, in order; ``paragraphs[i]`` is sentence i's paragraph index.

    ``script`` is what the side is written in ("Hans"/"Hant" for Chinese, "Latn" for
    English; see ``corpus.lang.variants``): detected from the sentences when not given.
    """

    sentences: tuple[str, ...]
    lang: str
    paragraphs: tuple[int, ...] = ()
    set_aside: tuple[SetAside, ...] = ()
    source: str = ""  # file path or "" when built in memory
    encoding: str = "utf-8"
    script: str = ""
    format: str = "text"  # the input format it was read from (corpus.read.formats)

    def __post_init__(self) -> None:
        if self.paragraphs and len(self.paragraphs) != len(self.sentences):
            raise ValueError("paragraphs must give one index per sentence")
        if any("\n" in s for s in self.sentences):
            raise ValueError("a sentence may not contain a newline")
        if self.script:
            check_script(self.lang, self.script)
        elif self.lang in SCRIPTS:
            object.__setattr__(self, "script", detect_script(self.lang, self.sentences))

    def __len__(self) -> int:
        return len(self.sentences)

    def for_scoring(self) -> Side:
        """The side as the encoders and the length model read it: Traditional characters as
        Simplified, full-width letters and digits as ASCII (outputs keep ``self``)."""
        sentences = tuple(scoring_text(s, self.script) for s in self.sentences)
        if sentences == self.sentences:
            return self
        return replace(self, sentences=sentences, script=scored_script(self.script))


@dataclass(frozen=True)
class Summary:
    beads: int
    mean_score: float
    share_one_to_one: float
    share_deletions: float
    kinds: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, beads: tuple[Bead, ...]) -> Summary:
        n = len(beads) or 1
        kinds = Counter(bead.kind for bead in beads)
        return cls(
            beads=len(beads),
            mean_score=round(sum(bead.score for bead in beads) / n, 4),
            share_one_to_one=round(kinds.get("1-1", 0) / n, 4),
            share_deletions=round(sum(bead.is_deletion for bead in beads) / n, 4),
            kinds=dict(sorted(kinds.items())),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "beads": self.beads,
            "mean_score": self.mean_score,
            "share_1-1": self.share_one_to_one,
            "share_deletions": self.share_deletions,
            "kinds": self.kinds,
        }


@dataclass(frozen=True)
class AlignedDocument:
    """Two sides and the beads that partition them (checked on construction)."""

    doc_id: str
    src: Side
    tgt: Side
    beads: tuple[Bead, ...]
    signature: Signature

    def __post_init__(self) -> None:
        check_partition(self.beads, len(self.src), len(self.tgt))

    @property
    def summary(self) -> Summary:
        return Summary.of(self.beads)

    def bead_texts(self, bead: Bead) -> tuple[str, str]:
        """The bead's source and target text, sentences joined as each language joins them."""
        return (
            join_sentences([self.src.sentences[i] for i in bead.src], self.src.lang),
            join_sentences([self.tgt.sentences[i] for i in bead.tgt], self.tgt.lang),
        )


def join_sentences(sentences: list[str], lang: str) -> str:
    return ("" if lang == "zh" else " ").join(sentences)
