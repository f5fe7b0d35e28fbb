"""Reliability bins and expected calibration error on hand-computed cases."""

from __future__ import annotations

import pytest

from corpus.errors import InputError
from eval.calibration import reliability


def test_bins_and_expected_calibration_error():
    table = reliability([(0.95, True), (0.95, False), (1.0, True), (0.15, False)])
    assert [b.beads for b in table.bins] == [0, 1, 0, 0, 0, 0, 0, 0, 0, 3]  # 1.0 in the top bin
    top = table.bins[-1]
    assert top.mean_confidence == pytest.approx(2.9 / 3)
    assert top.accuracy == pytest.approx(2 / 3)
    assert table.bins[0].accuracy is None  # an empty bin has no accuracy, not 0
    # |2 - 2.9| for the top bin, |0 - 0.15| for the second, over 4 beads
    assert table.expected_calibration_error == pytest.approx((0.9 + 0.15) / 4)


def test_a_calibrated_set_has_no_error_and_sums_add_up():
    first = reliability([(0.75, True)] * 3 + [(0.75, False)])
    assert first.expected_calibration_error == pytest.approx(0.0)
    both = first + reliability([(0.25, True)])
    assert both.beads == 5
    assert both.expected_calibration_error == pytest.approx(0.75 / 5)


@pytest.mark.parametrize("confidence", [-0.1, 1.5, float("nan")])
def test_a_confidence_outside_0_1_is_an_input_error(confidence):
    with pytest.raises(InputError, match="outside"):
        reliability([(confidence, True)])
