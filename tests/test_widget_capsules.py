"""CapsuleExplorer: routing iterations and pose changes of the winning capsule (dlbook.widgets.capsules)."""

import numpy as np
import pytest

from dlbook.capsules import decode, dynamic_routing, masked
from dlbook.plotting import figure_to_png
from dlbook.widgets import base
from dlbook.widgets.capsules import SWEEP, CapsuleExplorer, perturb, pose_sweep
from dlbook.widgets.gallery import pixels, stub_png


@pytest.fixture(autouse=True)
def _no_png(monkeypatch):
    stub_png(monkeypatch)  # these tests look at no pixels (test_widget_contract.py checks the PNG)


def _pieces(n=4, children=6, seed=0):
    rng = np.random.default_rng(seed)
    u_hat = rng.normal(0, 0.3, (n, children, 10, 4))
    u_hat[:, :, 3] += 0.5  # every child agrees that capsule 3 is long
    decoder = [rng.normal(0, 0.5, (40, 16)), np.zeros(16), rng.normal(0, 0.5, (16, 16)), np.zeros(16)]
    return u_hat, decoder, rng.random((n, 4, 4))


def test_perturb_moves_one_number():
    v = np.zeros((3, 2))
    np.testing.assert_array_equal(perturb(v, 2, 1, 0.25), [[0, 0], [0, 0], [0, 0.25]])
    assert v.sum() == 0  # a copy
    with pytest.raises(ValueError, match="no dimension 2 of capsule 0"):
        perturb(v, 0, 2, 0.1)
    with pytest.raises(ValueError, match="pose change"):
        perturb(v, 0, 0, float("nan"))


def test_pose_sweep_decodes_the_masked_perturbed_capsule():
    u_hat, decoder, _ = _pieces()
    v = dynamic_routing(u_hat[:1], 3)[0]
    rows = pose_sweep(v, 3, 1, [0.0, 0.2], decoder)
    assert rows.shape == (2, 16)
    np.testing.assert_allclose(rows[0], decode(masked(v[None], 3), decoder)[0])
    assert not np.allclose(rows[0], rows[1])


def test_widget_routes_and_perturbs_the_winner():
    u_hat, decoder, images = _pieces()
    widget = CapsuleExplorer(u_hat, decoder, images, labels=[3, 3, 3, 3], iterations=1)
    assert widget.error is None and "capsule 3 is longest" in widget.status.value
    assert "10%" in widget.status.value  # one iteration: every coupling is uniform
    _, couplings = widget.route()
    np.testing.assert_allclose(couplings, 0.1)
    widget.iterations.value = 4
    v, couplings = widget.route()
    np.testing.assert_allclose(couplings.sum(axis=1), 1.0)
    assert couplings[:, 3].mean() > 0.1 and "4 routing iteration(s)" in widget.status.value
    np.testing.assert_allclose(v, dynamic_routing(u_hat[:1], 4)[0])
    widget.delta.value = 0.25
    assert widget.error is None and "moved by +0.25" in widget.status.value
    widget.index.value = 2
    np.testing.assert_allclose(widget.route()[0], dynamic_routing(u_hat[2:3], 4)[0])
    assert len(SWEEP) == 11 and SWEEP[0] == -0.25 and SWEEP[-1] == 0.25


def test_widget_refuses_pieces_that_do_not_fit():
    u_hat, decoder, images = _pieces()
    with pytest.raises(ValueError, match="u_hat must have shape"):
        CapsuleExplorer(u_hat[0], decoder, images)
    with pytest.raises(ValueError, match="the 4 images"):
        CapsuleExplorer(u_hat, decoder, images[:2])
    with pytest.raises(ValueError, match="40 masked capsule values to 16 pixels"):
        CapsuleExplorer(u_hat, decoder[2:], images)


def test_every_control_refreshes_the_figure_and_shows_what_a_fresh_draw_shows(monkeypatch):
    monkeypatch.setattr(base, "figure_to_png", figure_to_png)  # this test looks at the pixels
    u_hat, decoder, images = _pieces()
    widget = CapsuleExplorer(u_hat, decoder, images, labels=[3, 1, 3, 3])
    draw = widget.draw
    widget.draw = lambda figure: pytest.fail("a change of a slider drew the figure afresh")
    for name, value in (("index", 1), ("iterations", 1), ("dimension", 2), ("delta", 0.15)):
        getattr(widget, name).value = value
        assert widget.error is None, widget.error
    quick, status = pixels(widget.image.value), widget.status.value
    widget.draw, widget._stale = draw, True
    widget.update()
    assert widget.status.value == status
    assert (np.abs(quick - pixels(widget.image.value)).max(axis=2) > 30).mean() < 0.002
