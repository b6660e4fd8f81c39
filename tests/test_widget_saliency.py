"""SaliencyExplorer: precomputed maps over their images and deletion curves; controls only redraw."""

import io

import numpy as np
import pytest
from PIL import Image

from dlbook.attribution import curve_area
from dlbook.widgets import SaliencyExplorer
from dlbook.widgets.gallery import stub_png


@pytest.fixture(autouse=True)
def _no_png(monkeypatch):
    stub_png(monkeypatch)  # these tests look at no pixels (test_widget_contract.py checks the PNG)


def _data(n=5, size=8, steps=4):
    rng = np.random.default_rng(0)
    images = rng.uniform(size=(n, size, size, 1))
    maps = {"A": rng.normal(size=(n, size, size)), "B": rng.normal(size=(n, size, size))}
    fraction = np.linspace(0, 1, steps + 1)
    curves = {
        "A": np.tile(1 - fraction, (n, 1)),
        "B": np.tile(1 - fraction**3, (n, 1)),
        "random": np.tile(1 - fraction**2, (n, 1)),
    }
    return images, maps, curves


def test_draws_the_chosen_method_and_its_area():
    images, maps, curves = _data()
    widget = SaliencyExplorer(images, maps, curves, labels=np.arange(5), predicted=np.arange(5), method="B")
    assert widget.error is None
    assert widget.baselines == ["random"]
    area_b = curve_area(curves["B"][0])
    assert "<b>B</b>" in widget.status.value and f"{area_b:.2f}" in widget.status.value
    assert f"random: {curve_area(curves['random'][0]):.2f}" in widget.status.value
    widget.method.value = "A"
    assert f"{curve_area(curves['A'][0]):.2f}" in widget.status.value
    widget.index.value = 4
    assert widget.status.value.startswith("image 4") and widget.error is None
    ax_image, ax_map = widget.figure.axes[:2]
    assert "label 4" in ax_image.get_title() and "predicted 4" in ax_image.get_title()
    np.testing.assert_allclose(
        ax_map.images[1].get_array(), np.abs(maps["A"][4]) / np.abs(maps["A"][4]).max()
    )


def test_static_states_show_every_method():
    images, maps, curves = _data()
    name, states = SaliencyExplorer(images, maps, curves).static_states()
    assert name == "method" and [label for label, _ in states] == ["A", "B"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d[1].update(A=np.zeros((5, 7, 8))), "must match the images"),
        (lambda d: d[2].pop("B"), "'B' has none"),
        (lambda d: d[2].update(random=np.zeros((4, 5))), "shape (n_images, steps + 1)"),
        (lambda d: d[1].update(A=np.full((5, 8, 8), np.nan)), "NaN"),
        (lambda d: d[1].clear(), "at least one attribution method"),
    ],
)
def test_refuses_inconsistent_inputs(change, message):
    data = _data()
    change(data)
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)").replace("+", r"\+")):
        SaliencyExplorer(*data)


def test_refuses_bad_arguments_and_reports_a_bad_opacity():
    images, maps, curves = _data()
    with pytest.raises(ValueError, match="one label per image"):
        SaliencyExplorer(images, maps, curves, labels=[1, 2])
    with pytest.raises(ValueError, match="method"):
        SaliencyExplorer(images, maps, curves, method="C")
    with pytest.raises(ValueError, match="index"):
        SaliencyExplorer(images, maps, curves, index=5)
    widget = SaliencyExplorer(images[..., 0], maps, curves)  # (n, h, w) images work too
    widget.opacity.value = float("nan")
    assert widget.error and "map opacity" in widget.error
    widget.opacity.value = 0.3
    assert widget.error is None


@pytest.mark.parametrize("control, value", [("index", 2), ("method", "b"), ("opacity", 0.2)])
def test_a_change_refreshes_and_shows_what_a_fresh_draw_shows(control, value, monkeypatch):
    monkeypatch.undo()  # real pictures
    rng = np.random.default_rng(0)
    images = rng.uniform(size=(4, 8, 8))
    curves = {name: rng.uniform(size=(4, 9)) for name in ("a", "b", "random")}
    explorer = SaliencyExplorer(images, {"a": images, "b": 1 - images}, curves, labels=range(4))
    monkeypatch.setattr(
        explorer, "draw", lambda figure: pytest.fail("a change should refresh the figure, not draw it")
    )
    getattr(explorer, control).value = value
    refreshed, status = bytes(explorer.image.value), explorer.status.value
    monkeypatch.undo()
    explorer._stale = True
    explorer.update()
    # the titles' new text may move the fresh draw's layout by a fraction of a pixel: compare the pixels
    quick, full = (
        np.asarray(Image.open(io.BytesIO(png)).convert("L"), dtype=float)
        for png in (refreshed, bytes(explorer.image.value))
    )
    assert (np.abs(quick - full) > 30).mean() < 0.001 and explorer.status.value == status
