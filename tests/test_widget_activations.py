"""ActivationExplorer's drawing: a change of a control updates the two panels drawn last."""

import pytest

from dlbook.widgets import ActivationExplorer


def _no_draw(figure):
    raise AssertionError("a change of this control should refresh the figure, not draw it again")


@pytest.mark.parametrize("control, value", [("name", "relu"), ("x_min", -9.0), ("threshold", 0.2)])
def test_a_change_refreshes_and_shows_what_a_fresh_draw_shows(control, value):
    explorer = ActivationExplorer("sigmoid")
    explorer.draw = _no_draw
    getattr(explorer, control).value = value
    refreshed, status = bytes(explorer.image.value), explorer.status.value
    del explorer.draw
    explorer._stale = True
    explorer.update()
    assert bytes(explorer.image.value) == refreshed and explorer.status.value == status


def test_a_range_it_cannot_draw_then_a_good_one_draws_again():
    explorer = ActivationExplorer("tanh")
    explorer.x_min.value = 8.0
    assert "smaller to a larger" in explorer.error
    explorer.x_min.value = -3.0
    assert explorer.error is None and explorer.figure.axes[0].get_xlim()[0] < -2.9
