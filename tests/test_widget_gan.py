"""GANProgress: the mode-coverage measures, the history checks, and the widget driven through its controls."""

import io
import math
from unittest.mock import Mock

import numpy as np
import pytest
from matplotlib.image import imread

from dlbook import plotting
from dlbook.data import gaussian_mixture_centers, load_gaussian_mixture
from dlbook.metrics import high_quality_fraction, mode_counts, modes_covered
from dlbook.widgets import base
from dlbook.widgets.gallery import GALLERY, stub_png
from dlbook.widgets.gan import GANProgress, check_history, moving_average


@pytest.fixture(autouse=True)
def _no_png(monkeypatch):
    stub_png(monkeypatch)  # these tests look at no pixels (test_widget_contract.py checks the PNG)


CENTERS = gaussian_mixture_centers(8, 2.0)
STD = 0.05


def _fake_history(total=40, every=10, n=200, seed=0, collapse=False):
    """A made-up run: the samples gather from a blur onto the modes (or onto mode 0 only, with collapse=True)."""
    rng = np.random.default_rng(seed)
    steps = np.arange(0, total + 1, every)
    samples = []
    for step in steps:
        progress = step / total
        modes = np.zeros(n, dtype=int) if collapse else np.arange(n) % 8
        blur = 0.02 + 1.0 * (1 - progress)
        samples.append(progress * CENTERS[modes] + rng.normal(0, blur, (n, 2)))
    return {
        "steps": steps,
        "samples": np.array(samples),
        "d_loss": 0.69 + 0.05 * rng.normal(size=total),
        "g_loss": 0.8 + 0.1 * rng.normal(size=total),
    }


def _real():
    (X, _), _ = load_gaussian_mixture(400, std=STD)
    return X


# -- pure functions -------------------------------------------------------------------------------------------------
def test_mode_counts_by_nearest_centre_and_radius():
    samples = np.array([[2.0, 0.0], [2.1, 0.0], [2.2, 0.0], [0.0, 2.0], [0.0, 0.0], [-2.0, 0.149]])
    counts = mode_counts(samples, CENTERS, STD)
    assert counts.tolist() == [
        2,
        0,
        1,
        0,
        1,
        0,
        0,
        0,
    ]  # 2.2 is 4 std away; the origin is far from every centre
    assert mode_counts(samples, CENTERS, STD, n_sigma=5).tolist() == [3, 0, 1, 0, 1, 0, 0, 0]
    assert high_quality_fraction(samples, CENTERS, STD) == pytest.approx(4 / 6)


def test_modes_covered_on_known_cases():
    (X, y), _ = load_gaussian_mixture(2000, std=STD, test_size=0.5)
    assert modes_covered(X, CENTERS, STD) == 8 and high_quality_fraction(X, CENTERS, STD) > 0.97
    assert modes_covered(X[y == 2], CENTERS, STD) == 1
    uniform = np.random.default_rng(0).uniform(-3, 3, (2000, 2))
    assert modes_covered(uniform, CENTERS, STD) == 0 and high_quality_fraction(uniform, CENTERS, STD) < 0.05


def test_modes_covered_threshold_is_a_share_of_the_fair_count():
    # 800 samples: fair share 100 per mode, a quarter of it is 25
    samples = np.concatenate([np.repeat(CENTERS[:1], 775, axis=0), np.repeat(CENTERS[1:2], 25, axis=0)])
    assert modes_covered(samples, CENTERS, STD) == 2
    assert modes_covered(samples[:-1], CENTERS, STD) == 1  # 24 of 799: below a quarter of 99.9
    assert modes_covered(samples, CENTERS, STD, min_share=0) == 2  # at least one sample is always needed
    assert modes_covered(samples, CENTERS, STD, min_share=1) == 1


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(samples=np.zeros((3, 3))), r"samples must be 2-D points"),
        (dict(samples=np.zeros((0, 2))), r"samples must be 2-D points"),
        (dict(samples=np.full((2, 2), np.nan)), "NaN or infinite"),
        (dict(centers=np.zeros(2)), r"centres must be 2-D points"),
        (dict(std=0.0), "std must be a positive number"),
        (dict(std=float("nan")), "std must be a positive number"),
        (dict(n_sigma=-1.0), "n_sigma must be a positive number"),
        (dict(min_share=1.5), "min_share must be a finite number from 0 to 1"),
    ],
)
def test_measures_refuse_bad_arguments(kwargs, message):
    args = dict(samples=np.zeros((4, 2)), centers=CENTERS, std=STD) | kwargs
    with pytest.raises(ValueError, match=message):
        modes_covered(**args)


def test_moving_average():
    np.testing.assert_allclose(moving_average([1.0, 2.0, 3.0, 4.0], 2), [1.0, 1.5, 2.5, 3.5])
    np.testing.assert_allclose(moving_average([1.0, 5.0], 1), [1.0, 5.0])
    np.testing.assert_allclose(moving_average([2.0, 4.0, 6.0], 10), [2.0, 3.0, 4.0])
    with pytest.raises(ValueError, match="smoothing window must be a whole number"):
        moving_average([1.0], 0)


def test_check_history_accepts_lists_and_returns_arrays():
    history = _fake_history()
    checked = check_history({key: list(value) for key, value in history.items()})
    assert checked["steps"].dtype.kind == "i" and checked["samples"].shape == (5, 200, 2)
    assert check_history({**history, "steps": history["steps"].astype(float)})["steps"].tolist() == [
        0,
        10,
        20,
        30,
        40,
    ]


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda h: [1, 2], "must be a dict"),
        (lambda h: {k: v for k, v in h.items() if k != "g_loss"}, "lacks the key"),
        (lambda h: {**h, "g_loss": h["g_loss"][:-1]}, "equally long"),
        (lambda h: {**h, "d_loss": np.array([])}, "one value per training step"),
        (lambda h: {**h, "d_loss": np.full(40, np.inf)}, "losses contain NaN"),
        (lambda h: {**h, "steps": h["steps"] + 0.5}, "whole numbers"),
        (lambda h: {**h, "steps": h["steps"][::-1]}, "steps must increase"),
        (lambda h: {**h, "steps": h["steps"] * 2}, "up to the number of recorded training steps, 40"),
        (lambda h: {**h, "samples": h["samples"][:-1]}, r"shape \(snapshots, n, 2\) = \(5, n, 2\)"),
        (lambda h: {**h, "samples": h["samples"][..., :1]}, r"shape \(snapshots, n, 2\)"),
        (lambda h: {**h, "samples": h["samples"] * np.nan}, "samples contain NaN"),
    ],
)
def test_check_history_refuses_bad_histories(change, message):
    with pytest.raises(ValueError, match=message):
        check_history(change(_fake_history()))


# -- the widget -----------------------------------------------------------------------------------------------------
def test_widget_starts_at_the_last_snapshot_and_scrubs():
    progress = GANProgress(_fake_history(), _real())
    assert progress.error is None and progress.step.value == 40
    assert progress.run.layout.display == "none"  # one run: no menu
    assert "8 of 8 modes covered" in progress.status.value and "step 40 of 40" in progress.status.value
    before = bytes(progress.image.value)
    progress.step.value = 0
    assert progress.error is None and "0 of 8 modes covered" in progress.status.value
    assert "before training" in progress.status.value and bytes(progress.image.value) != before
    progress.step.value = 20
    assert "losses over the 25 steps before it" in progress.status.value


def test_widget_status_uses_modes_covered():
    history = _fake_history()
    progress = GANProgress(history, _real(), step=30)
    expected = modes_covered(history["samples"][3], CENTERS, STD)
    assert f"{expected} of 8 modes covered" in progress.status.value
    quality = high_quality_fraction(history["samples"][3], CENTERS, STD)
    assert f"{quality:.0%} of the samples" in progress.status.value


def test_widget_switches_runs_and_keeps_the_step():
    runs = {"balanced": _fake_history(), "collapsed": _fake_history(total=20, every=5, collapse=True)}
    progress = GANProgress(runs, _real(), step=20, smoothing=5)
    assert progress.run.layout.display == "flex" and progress.step.value == 20
    progress.run.value = "collapsed"
    assert (
        progress.error is None
        and progress.step.value == 20
        and list(progress.step.options) == [0, 5, 10, 15, 20]
    )
    assert "1 of 8 modes covered" in progress.status.value and "collapsed" in progress.status.value
    progress.step.value = 5
    progress.run.value = "balanced"  # no snapshot at step 5 there: the last one is shown
    assert progress.error is None and progress.step.value == 40


def test_a_shorter_run_shortens_the_smoothing_window():
    runs = {"long": _fake_history(), "short": _fake_history(total=20, every=5)}
    progress = GANProgress(runs, _real(), smoothing=30)
    progress.run.value = "short"
    assert progress.error is None and progress.smoothing.max == progress.smoothing.value == 20
    progress.smoothing.value = 1
    assert progress.error is None and "every step" in progress.figure.axes[1].get_title()


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(history={"a": {"steps": [0]}}), "lacks the key"),
        (dict(history={1: _fake_history()}), "Name each run with a string"),
        (dict(real_samples=np.zeros((5, 3))), "real samples must be 2-D points"),
        (dict(centers=np.zeros((2, 2, 2))), "centres must be 2-D points"),
        (dict(std=-0.1), "std must be a positive number"),
        (dict(step=15), "no snapshot at step 15"),
        (dict(run="other"), "Unknown run 'other'"),
        (dict(smoothing=0), "smoothing must be a whole number from 1 to 40"),
        (dict(smoothing=41), "smoothing must be a whole number from 1 to 40"),
        (dict(min_share=2), "min_share must be a finite number from 0 to 1"),
    ],
)
def test_widget_refuses_bad_arguments(kwargs, message):
    args = dict(history=_fake_history(), real_samples=_real()) | kwargs
    with pytest.raises(ValueError, match=message):
        GANProgress(**args)


def test_site_build_steps_through_snapshots_and_runs(monkeypatch):
    monkeypatch.setenv("DLBOOK_SITE_BUILD", "1")
    runs = {"balanced": _fake_history(total=20), "collapsed": _fake_history(total=20, collapse=True)}
    progress = GANProgress(runs, _real(), step=20, smoothing=5)
    name, states = progress.static_states()
    assert name == "snapshot" and 3 <= len(states) <= 8
    assert [label for label, _ in states] == [
        "balanced, step 20",
        "balanced, step 0",
        "balanced, step 10",
        "collapsed, step 20",
    ]
    assert "collapsed, step 20" in progress._repr_mimebundle_()["text/html"]


def test_loss_panel_marks_log_2_and_the_step():
    progress = GANProgress(_fake_history(), _real(), step=10)
    ax_loss = progress.figure.axes[1]
    horizontal = [line for line in ax_loss.lines if line.get_label().startswith("log 2")]
    assert horizontal and math.isclose(horizontal[0].get_ydata()[0], math.log(2))
    assert any(line.get_label() == "step 10" for line in ax_loss.lines)


def test_scrubbing_and_smoothing_refresh_what_a_fresh_draw_shows(monkeypatch):
    monkeypatch.setattr(base, "figure_to_png", plotting.figure_to_png)  # this test looks at the pixels
    widget = GALLERY["GANProgress"].build()
    monkeypatch.setattr(widget, "draw", Mock(wraps=widget.draw))
    widget.step.value = 550
    widget.smoothing.value = 100
    widget.draw.assert_not_called()  # refresh() brought the figure up to date
    quick = imread(io.BytesIO(widget.image.value))
    widget._stale = True
    widget.update()
    full = imread(io.BytesIO(widget.image.value))
    np.testing.assert_array_equal(quick, full)
