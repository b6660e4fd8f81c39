"""ThroughputExplorer (chapter 23): what it shows of measured throughput and estimated memory."""

import numpy as np
import pytest

from dlbook.widgets.gallery import GALLERY, refreshed_and_full_render, stub_png
from dlbook.widgets.throughput import ThroughputExplorer, largest_fitting_batch, speedup


@pytest.fixture(autouse=True)
def _no_png(monkeypatch):
    stub_png(monkeypatch)  # these tests look at no pixels (test_widget_contract.py checks the PNG)


BATCHES = [8, 32, 128]
RATES = {"float32": [100.0, 300.0, 600.0], "mixed_bfloat16": [90.0, 450.0, 1200.0]}
MEMORY = {"float32": [2e6, 4e6, 12e6], "mixed_bfloat16": [1.5e6, 2.5e6, 6.5e6]}


def test_largest_fitting_batch_and_speedup():
    assert largest_fitting_batch(BATCHES, MEMORY["float32"], 5e6) == 32
    assert largest_fitting_batch(BATCHES, MEMORY["float32"], 1e6) is None
    assert largest_fitting_batch(BATCHES, MEMORY["float32"], 1e9) == 128
    np.testing.assert_allclose(speedup(RATES, "mixed_bfloat16"), [0.9, 1.5, 2.0])


def test_status_reports_the_chosen_configuration():
    widget = ThroughputExplorer(
        BATCHES, RATES, MEMORY, batch_size=128, policy="mixed_bfloat16", budget_mb=5.0
    )
    status = widget.status.value
    assert widget.error is None
    assert "mixed_bfloat16" in status and "batch 128" in status and "1,200 examples/s" in status
    assert "2.00x float32's" in status and "is 32" in status  # 2.5e6 B = 2.38 MB fits 5 MB, 6.5e6 B does not
    widget.policy.value = "float32"
    assert "600 examples/s" in widget.status.value and "x float32" not in widget.status.value
    widget.budget.value = widget.budget.min
    assert "no measured batch size fits" in widget.status.value


def test_both_panels_mark_the_chosen_point():
    widget = ThroughputExplorer(BATCHES, RATES, MEMORY, batch_size=32, policy="float32")
    speed_ax, memory_ax = widget.figure.axes
    stars = [line for line in speed_ax.lines if line.get_marker() == "*"]
    assert len(stars) == 1 and stars[0].get_xdata()[0] == 32 and stars[0].get_ydata()[0] == 300.0
    stars = [line for line in memory_ax.lines if line.get_marker() == "*"]
    np.testing.assert_allclose(stars[0].get_ydata()[0], 4e6 / 2**20)
    assert speed_ax.get_xlabel() == "batch size" and memory_ax.get_ylabel() == "memory (MB)"


def test_refuses_measurements_it_cannot_draw():
    with pytest.raises(ValueError, match="increasing"):
        ThroughputExplorer([32, 8], RATES, MEMORY)
    with pytest.raises(ValueError, match="same policy names"):
        ThroughputExplorer(BATCHES, RATES, {"float32": MEMORY["float32"]})
    with pytest.raises(ValueError, match="3 positive numbers"):
        ThroughputExplorer(BATCHES, {**RATES, "float32": [1.0, 2.0]}, MEMORY)
    with pytest.raises(ValueError, match="measured sizes"):
        ThroughputExplorer(BATCHES, RATES, MEMORY, batch_size=64)
    with pytest.raises(ValueError, match="policy must be one of"):
        ThroughputExplorer(BATCHES, RATES, MEMORY, policy="mixed_float16")
    widget = ThroughputExplorer(BATCHES, RATES, MEMORY)
    widget.budget.value = float("nan")
    assert "positive number of MB" in widget.error


def test_budget_batch_and_precision_refresh_what_a_fresh_draw_shows(monkeypatch):
    widget = GALLERY["ThroughputExplorer"].build()
    quick, full = refreshed_and_full_render(
        monkeypatch, widget, [("budget", 1.0), ("batch", 64), ("policy", "float32")]
    )
    np.testing.assert_array_equal(quick, full)
