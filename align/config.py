"""The aligner's settings: which beads the dynamic program may take, and how long documents
are banded. Each default is defined here once; the CLI takes its defaults from this class and
every signature records the values used."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any

from corpus.errors import ConfigError, reject_unknown_keys

# Many-to-many beads wider than 2-3 are rare in translation and costly to search.
_MANY_TO_MANY_SIDE = 2
# a + b of the default beads: 1-4 and 4-1, 2-3 and 3-2.
_DEFAULT_TOTAL = 5
# max_bead on long documents, and on those up to wide_beads_up_to sentences.
_MAX_BEAD, _WIDE_MAX_BEAD = 4, 5


@dataclass(frozen=True)
class AlignConfig:
    """DP settings. ``max_many`` and ``max_total`` follow from ``max_bead`` unless given:
    1-N beads need a + b up to N + 1, and the default's 5 also allows 2-3 and 3-2.

    ``max_bead`` None chooses by the document's length (``for_document``): 1-5 beads where
    they cost little, 1-4 on long documents.
    """

    max_bead: int | None = None  # largest side of a bead: 1-N and N-1 (--max-bead)
    # Sentences (both sides) up to which max_bead None means 5, not 4: literary translation
    # has a few 1-5 and 1-6 beads, and a 1-5 bead costs a quarter more time a document.
    wide_beads_up_to: int = 5_000
    max_many: int | None = None  # largest side of a many-to-many bead (default: 2)
    max_total: int | None = None  # a + b at most (default: 5, or max_bead + 1 above that)
    full_grid_cells: int = 250_000  # documents up to this many cells get no band
    band_margin: int = 6  # sentences around the projected coarse path
    coarse_step: int = 8  # at most this many blocks of one level make a block of the next
    second_pass: bool = True  # align again with what the encoder learned from the first
    # Where both sides have paragraphs: a paragraph boundary that the paragraph pass goes
    # through with this posterior, and no bead of the first sentence pass as sure crosses,
    # anchors the second (None: no paragraph pass).
    anchor_posterior: float | None = 0.9
    confidence_temperature: float = 1.25  # confidences: forward–backward over scores / this

    def __post_init__(self) -> None:
        if self.anchor_posterior is not None and not 0 < self.anchor_posterior <= 1:
            raise ConfigError("anchor_posterior must be in (0, 1], or None for no anchors")
        if not self.confidence_temperature > 0:
            raise ConfigError("confidence_temperature must be positive")
        if self.coarse_step < 2 or self.band_margin < 1:
            raise ConfigError("coarse_step must be >= 2 and band_margin >= 1")
        if self.max_bead is None:
            return  # chosen per document (for_document), which checks the bead sizes
        if self.max_bead < 1:
            raise ConfigError(f"the largest bead side (max_bead, --max-bead) must be at least 1, "
                              f"not {self.max_bead}")
        if self.max_many is None:
            object.__setattr__(self, "max_many", min(_MANY_TO_MANY_SIDE, self.max_bead))
        if self.max_total is None:
            object.__setattr__(self, "max_total", max(_DEFAULT_TOTAL, self.max_bead + 1))
        if not 1 <= self.max_many <= self.max_bead or self.max_total < 2:
            raise ConfigError("need 1 <= max_many <= max_bead and max_total >= 2")

    def for_document(self, n_src: int, n_tgt: int) -> AlignConfig:
        """These settings with ``max_bead`` chosen for a document of these sizes."""
        if self.max_bead is not None:
            return self
        wide = n_src + n_tgt <= self.wide_beads_up_to
        return replace(self, max_bead=_WIDE_MAX_BEAD if wide else _MAX_BEAD)

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> AlignConfig:
        reject_unknown_keys("aligner setting", values, cls.__dataclass_fields__)
        return cls(**values)

    def bead_kinds(self) -> list[tuple[int, int]]:
        """(1, 0) for deletions (0-1 is handled inside the DP), then every a-b bead allowed."""
        if self.max_bead is None:
            raise ValueError("max_bead is chosen per document: call for_document first")
        kinds = [(1, 0)]
        for a in range(1, self.max_bead + 1):
            for b in range(1, self.max_bead + 1):
                one_to_many = min(a, b) == 1
                many_to_many = min(a, b) <= self.max_many and max(a, b) <= self.max_many + 1
                if a + b <= self.max_total and (one_to_many or many_to_many):
                    kinds.append((a, b))
        return kinds

    def as_settings(self) -> dict[str, Any]:
        return asdict(self)
