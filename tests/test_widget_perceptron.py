"""PerceptronExplorer's drawing: a change of a control moves the artists of the figure drawn last."""

import numpy as np
import pytest

from dlbook.widgets import PerceptronExplorer
from dlbook.widgets.perceptron import half_plane, perceptron_dataset


def _no_draw(figure):
    raise AssertionError("a change of this control should refresh the figure, not draw it again")


@pytest.mark.parametrize(
    "w, b", [((1.0, -1.0), 0.2), ((0.0, 2.0), -1.0), ((-1.0, 0.0), 3.0), ((0.0, 0.0), -1.0)]
)
def test_half_plane_covers_the_points_the_perceptron_calls_1(w, b):
    polygon = half_plane(np.array(w), b, (-2.0, 2.0, -1.0, 1.0))
    if len(polygon):  # a convex polygon: every vertex lies in the box and on the positive side of the line
        assert (polygon @ np.array(w) + b >= -1e-12).all() and (np.abs(polygon) <= [2, 1]).all()
    assert len(polygon) == 0 if b < 0 and not any(w) else len(polygon) >= 3


def test_the_datasets_are_shared_and_read_only():
    X, y = perceptron_dataset("blobs")
    assert perceptron_dataset("blobs")[0] is X and not X.flags.writeable


@pytest.mark.parametrize("control, value", [("w1", -2.0), ("b", 1.5), ("dataset", "XOR")])
def test_a_change_refreshes_and_shows_what_a_fresh_draw_shows(control, value):
    explorer = PerceptronExplorer("blobs")
    explorer.draw = _no_draw
    getattr(explorer, control).value = value
    refreshed, status = bytes(explorer.image.value), explorer.status.value
    del explorer.draw
    explorer._stale = True
    explorer.update()
    assert bytes(explorer.image.value) == refreshed and explorer.status.value == status
