"""ArchitectureComparer: its table helpers and what it shows."""

import pytest

from dlbook.modern_cnn import BLOCKS, DEPTHS, WIDTHS, architecture_cost
from dlbook.plotting import figure_to_png
from dlbook.widgets import ArchitectureComparer, base
from dlbook.widgets.architectures import best_within, cost_table, precomputed_accuracies


@pytest.fixture(autouse=True)
def _no_png(monkeypatch):
    monkeypatch.setattr(base, "figure_to_png", lambda figure, **options: b"\x89PNG stub")


def _table():
    return {
        (b, w, d): 0.5 + 0.01 * w + 0.02 * d + 0.001 * k
        for k, b in enumerate(BLOCKS)
        for w in WIDTHS
        for d in DEPTHS
    }


def test_the_shipped_table_covers_every_network():
    table = precomputed_accuracies()
    assert set(table) == {(b, w, d) for b in BLOCKS for w in WIDTHS for d in DEPTHS}
    assert all(0.1 < accuracy <= 1 for accuracy in table.values())


def test_cost_table_and_best_within():
    rows = cost_table(_table())
    assert len(rows) == len(BLOCKS) * len(WIDTHS) * len(DEPTHS)
    assert [row[3] for row in rows] == sorted(row[3] for row in rows)
    assert rows[0][3:5] == architecture_cost(*rows[0][:3])
    block, width, depth = best_within(_table(), 5000, blocks=("residual",))
    assert block == "residual" and architecture_cost(block, width, depth)[0] <= 5000
    better = [
        key
        for key in _table()
        if key[0] == "residual"
        and architecture_cost(*key)[0] <= 5000
        and _table()[key] > _table()[block, width, depth]
    ]
    assert not better
    with pytest.raises(ValueError, match="at most 10 parameters"):
        best_within(_table(), 10)


def test_the_widget_shows_costs_and_accuracy():
    widget = ArchitectureComparer(
        _table(), trained={"plain CNN": (12_746, 133_120, 0.96)}, block="plain", width=16, depth=1
    )
    params, macs = architecture_cost("plain", 16, 1)
    assert widget.error is None and f"{params:,} parameters" in widget.status.value
    assert f"{macs:,} multiply-adds" in widget.status.value and "#" in widget.status.value
    assert len(widget.figure.axes) == 3
    widget.block.value = "separable residual"
    assert widget.error is None and "separable residual" in widget.status.value
    name, states = widget.static_states()
    assert name == "network" and len(states) == len(BLOCKS)


def test_impossible_choices_are_refused():
    with pytest.raises(ValueError, match="Unknown block"):
        ArchitectureComparer(_table(), block="transformer")
    with pytest.raises(ValueError, match="Unknown width"):
        ArchitectureComparer(_table(), width=12)
    with pytest.raises(ValueError, match="empty"):
        ArchitectureComparer({})
    widget = ArchitectureComparer({key: 0.9 for key in _table() if key[1] != 32}, width=16)
    widget.width.options = [8, 16, 24, 32]
    widget.width.value = 32
    assert widget.error and "No accuracy was precomputed" in widget.error


def test_a_slider_change_refreshes_the_figure_to_what_a_fresh_draw_shows(monkeypatch):
    monkeypatch.setattr(base, "figure_to_png", figure_to_png)  # this test compares pixels
    widget = ArchitectureComparer(_table(), trained={"plain CNN": (12_746, 133_120, 0.96)})
    drawn = []
    monkeypatch.setattr(
        widget, "draw", lambda figure: drawn.append(figure) or ArchitectureComparer.draw(widget, figure)
    )
    for control, value in [(widget.width, WIDTHS[0]), (widget.depth, DEPTHS[-1]), (widget.block, "plain")]:
        control.value = value
        refreshed = bytes(widget.image.value)
        assert not drawn and widget.error is None
        widget._stale = True  # the same state drawn afresh: the very same picture
        widget.update()
        assert len(drawn) == 1 and bytes(widget.image.value) == refreshed, control.description
        drawn.clear()
