"""NoiseScheduleExplorer and ReverseProcessViewer: the image grid and the callbacks (the maths is in test_diffusion.py)."""

import numpy as np
import pytest

from dlbook.diffusion import alphas_cumprod, beta_schedule, cosine_beta_schedule, ddpm_sample
from dlbook.widgets.diffusion import NoiseScheduleExplorer, ReverseProcessViewer, image_grid
from dlbook.widgets.gallery import GALLERY, refreshed_and_full_render, stub_png


@pytest.fixture(autouse=True)
def _no_png(monkeypatch):
    stub_png(monkeypatch)  # these tests look at no pixels (test_widget_contract.py checks the PNG)


def test_image_grid():
    images = np.arange(5 * 2 * 3, dtype=float).reshape(5, 2, 3, 1)
    grid = image_grid(images, columns=3, gap=1, fill=-1)
    assert grid.shape == (2 * 2 + 1, 3 * 3 + 2)
    np.testing.assert_array_equal(grid[3:5, 4:7], images[4, :, :, 0])
    assert (grid[3:, 8:] == -1).all() and (grid[2] == -1).all()
    with pytest.raises(ValueError, match="images must have shape"):
        image_grid(np.zeros((3, 4)))


# -- the widgets ------------------------------------------------------------------------------------------------------
def _roll(n=200, seed=0):
    angle = np.random.default_rng(seed).uniform(1, 4 * np.pi, n)
    return np.column_stack([np.cos(angle), np.sin(angle)]) * angle[:, None] / 10


def test_explorer_on_points_moves_along_the_schedule():
    data = _roll()
    explorer = NoiseScheduleExplorer(data, T=100, t=0)
    assert explorer.error is None and "SNR = ∞" in explorer.status.value
    np.testing.assert_allclose(explorer.noised(), data)
    start = bytes(explorer.image.value)
    explorer.t.value = 100
    assert explorer.error is None and bytes(explorer.image.value) != start
    assert np.std(explorer.noised()) == pytest.approx(np.std(explorer.noise), rel=0.05)
    explorer.t.value = 30
    linear = explorer.status.value
    explorer.schedule.value = "cosine"
    assert explorer.error is None and "cosine" in explorer.status.value and explorer.status.value != linear
    abar = alphas_cumprod(beta_schedule("cosine", 100))[29]
    np.testing.assert_allclose(explorer.noised(), np.sqrt(abar) * data + np.sqrt(1 - abar) * explorer.noise)


def test_explorer_on_images():
    images = np.random.default_rng(3).uniform(-1, 1, size=(40, 8, 8, 1))
    explorer = NoiseScheduleExplorer(images, T=50, t=10, schedule="cosine", max_images=12)
    assert explorer.error is None and not explorer.is_points and explorer.data.shape == (12, 8, 8)
    explorer.t.value = 50
    assert explorer.error is None


def test_explorer_reports_an_impossible_step_and_recovers():
    explorer = NoiseScheduleExplorer(_roll(), T=20, t=5)
    explorer.t.max = 25  # the slider cannot go past T; a script might
    explorer.t.value = 24
    assert "Cannot draw this" in explorer.status.value and "no step 24" in explorer.error
    explorer.t.value = 20
    assert explorer.error is None


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(data=np.zeros((10, 3))), r"shape \(n, 2\)"),
        (dict(data=np.zeros((0, 2))), "n >= 1"),
        (dict(data=np.full((5, 2), np.nan)), "NaN"),
        (dict(T=1), "T, the number of diffusion steps must be a whole number from 2"),
        (dict(t=300), "t must be a whole number from 0 to 200"),
        (dict(schedule="sigmoid"), "Unknown schedule"),
        (dict(max_points=0), "max_points must be"),
    ],
)
def test_explorer_refuses_bad_arguments(kwargs, message):
    kwargs = {"data": _roll(), **kwargs}
    with pytest.raises(ValueError, match=message):
        NoiseScheduleExplorer(**kwargs)


def test_explorer_static_states(monkeypatch):
    monkeypatch.setenv("DLBOOK_SITE_BUILD", "1")
    explorer = NoiseScheduleExplorer(_roll(), T=100, t=0)
    name, states = explorer.static_states()
    assert name == "step" and [label for label, _ in states] == [f"t = {t}" for t in (0, 10, 25, 50, 75, 100)]
    explorer.t.value = 50
    html = explorer._repr_mimebundle_()["text/html"]
    assert html.count("<img") == 3 and 'type="range"' in html and "t = 75" in html and explorer.t.value == 50


def _points_chain():
    betas = cosine_beta_schedule(20)
    abar = alphas_cumprod(betas)
    target = np.array([0.5, 0.5])

    def oracle(x, k):
        return (x - np.sqrt(abar[k][:, None]) * target) / np.sqrt(1 - abar[k][:, None])

    _, chain, steps = ddpm_sample(oracle, (50, 2), betas, np.random.default_rng(4), record=[20, 10, 5, 0])
    return chain, steps, target


def test_viewer_on_points_with_data():
    chain, steps, target = _points_chain()
    viewer = ReverseProcessViewer(chain, steps, data=target[None])
    assert viewer.error is None and "pure noise" in viewer.status.value
    assert viewer.distances.shape == (4,) and viewer.distances[-1] < 1e-9 < viewer.distances[0]
    viewer.step.value = 3
    assert viewer.error is None and "the samples" in viewer.status.value and "0.000" in viewer.status.value
    assert [label for label, _ in viewer.step.options] == ["t = 20", "t = 10", "t = 5", "t = 0"]


def test_viewer_on_images_and_without_data():
    chain = np.random.default_rng(5).normal(size=(3, 6, 8, 8, 1))
    viewer = ReverseProcessViewer(chain, [10, 4, 0])
    assert viewer.error is None and not viewer.is_points and "standard deviation" in viewer.status.value
    viewer.step.value = 2
    assert viewer.error is None
    points = ReverseProcessViewer(_points_chain()[0], [20, 10, 5, 0])
    assert points.error is None and points.distances is None


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(chain=np.zeros((4, 5))), "shape \\(steps, n, 2\\)"),
        (dict(steps=[20, 10, 0]), "one step per recorded state"),
        (dict(steps=[20, 5, 10, 0]), "decrease strictly"),
        (dict(steps=[20, 10, 5, -1]), "Every step must be a whole number"),
        (dict(data=np.zeros((3, 8, 8))), "only be shown with a chain of 2-D points"),
        (dict(chain=np.full((4, 5, 2), np.inf)), "NaN or infinite"),
        (dict(index=4), "index must be a whole number from 0 to 3"),
    ],
)
def test_viewer_refuses_bad_arguments(kwargs, message):
    chain, steps, _ = _points_chain()
    kwargs = {"chain": chain, "steps": steps, **kwargs}
    with pytest.raises(ValueError, match=message):
        ReverseProcessViewer(**kwargs)


def test_viewer_static_states(monkeypatch):
    monkeypatch.setenv("DLBOOK_SITE_BUILD", "1")
    chain, steps, target = _points_chain()
    viewer = ReverseProcessViewer(chain, steps, data=target[None], index=1)
    name, states = viewer.static_states()
    assert name == "step" and [label for label, _ in states] == ["t = 10", "t = 5", "t = 0"]
    html = viewer._repr_mimebundle_()["text/html"]
    assert html.count("<img") == 3 and viewer.step.value == 1


def test_explorer_step_and_schedule_refresh_what_a_fresh_draw_shows(monkeypatch):
    widget = GALLERY["NoiseScheduleExplorer"].build()
    quick, full = refreshed_and_full_render(monkeypatch, widget, [("t", 150), ("schedule", "cosine")])
    np.testing.assert_array_equal(quick, full)


def test_viewer_step_refreshes_what_a_fresh_draw_shows(monkeypatch):
    widget = GALLERY["ReverseProcessViewer"].build()
    quick, full = refreshed_and_full_render(monkeypatch, widget, [("step", 5)])
    np.testing.assert_array_equal(quick, full)
