"""Does a bead's confidence mean what it says? Reliability bins and expected calibration error.

The beads are put in equal-width bins of their confidence (``score`` in pairs.jsonl, a
posterior probability in [0, 1]; 1.0 goes in the top bin). Each bin compares the mean
confidence of its beads with their accuracy, the share that is right (strictly in the gold).
The expected calibration error is the mean gap between the two, weighted by the beads of
each bin (Guo et al. 2017): 0 when a bead scored 0.8 is right 80% of the time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from corpus.errors import InputError

BINS = 10


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    beads: int = 0
    confidence_sum: float = 0.0
    right: int = 0

    def __add__(self, other: Bin) -> Bin:
        return Bin(self.low, self.high, self.beads + other.beads,
                   self.confidence_sum + other.confidence_sum, self.right + other.right)

    @property
    def mean_confidence(self) -> float | None:
        return self.confidence_sum / self.beads if self.beads else None

    @property
    def accuracy(self) -> float | None:
        return self.right / self.beads if self.beads else None


@dataclass(frozen=True)
class Reliability:
    """The reliability table: the bins, from the lowest confidence to the highest."""

    bins: tuple[Bin, ...]

    def __add__(self, other: Reliability) -> Reliability:
        return Reliability(tuple(a + b for a, b in zip(self.bins, other.bins, strict=True)))

    @property
    def beads(self) -> int:
        return sum(b.beads for b in self.bins)

    @property
    def expected_calibration_error(self) -> float:
        total = self.beads
        return sum(
            abs(b.right - b.confidence_sum) / total for b in self.bins if b.beads
        ) if total else 0.0


def reliability(outcomes: Iterable[tuple[float, bool]], bins: int = BINS) -> Reliability:
    """Bin (confidence, right) pairs; a confidence outside [0, 1] is an InputError."""
    beads = [0] * bins
    confidence_sums = [0.0] * bins
    right = [0] * bins
    for confidence, is_right in outcomes:
        if not 0.0 <= confidence <= 1.0:
            raise InputError(f"bead confidence {confidence} is outside [0, 1]")
        index = min(int(confidence * bins), bins - 1)
        beads[index] += 1
        confidence_sums[index] += confidence
        right[index] += is_right
    return Reliability(tuple(
        Bin(i / bins, (i + 1) / bins, beads[i], confidence_sums[i], right[i]) for i in range(bins)
    ))
