"""SegmentationViewer: what it shows for each control, and what it refuses."""

import numpy as np
import pytest

from dlbook.plotting import figure_to_png
from dlbook.segmentation import iou_score
from dlbook.widgets import SegmentationViewer, base
from dlbook.widgets.gallery import stub_png
from dlbook.widgets.segmentation import thresholded_iou


@pytest.fixture(autouse=True)
def _no_png(monkeypatch):
    stub_png(monkeypatch)  # these tests look at no pixels (test_widget_contract.py checks the PNG)


def _data(n=5, size=12):
    rng = np.random.default_rng(0)
    masks = (rng.uniform(size=(n, size, size, 1)) > 0.7).astype("float32")
    images = masks * 0.5 + rng.uniform(size=masks.shape) * 0.5
    good = np.clip(masks * 0.8 + 0.1, 0, 1)
    ramp = np.broadcast_to(np.linspace(0, 1, size)[None, None, :, None], masks.shape)  # right half "cell"
    return images, masks, {"good": good, "ramp": np.array(ramp)}


def test_status_gives_this_image_and_all_images_scores():
    images, masks, predictions = _data()
    viewer = SegmentationViewer(images, masks, predictions, threshold=0.5, index=1)
    assert viewer.error is None
    assert "this image IoU 1.000" in viewer.status.value and "all 5 images 1.000" in viewer.status.value
    with viewer.hold():
        viewer.model.value = "ramp"
        viewer.threshold.value = 0.75
    expected = iou_score(masks[1, :, :, 0] > 0.5, predictions["ramp"][1, :, :, 0] > 0.75)
    assert f"this image IoU {expected:.3f}" in viewer.status.value
    assert f"all 5 images {thresholded_iou(masks, predictions['ramp'], 0.75):.3f}" in viewer.status.value


def test_threshold_moves_the_prediction():
    images, masks, predictions = _data()
    viewer = SegmentationViewer(images, masks, predictions, model="ramp", threshold=0.2)
    low = viewer.status.value
    viewer.threshold.value = 0.8
    assert viewer.status.value != low and viewer.redraws == 2
    assert thresholded_iou(masks, predictions["ramp"], 0.2) != thresholded_iou(
        masks, predictions["ramp"], 0.8
    )


def test_figure_has_four_titled_panels():
    images, masks, predictions = _data()
    viewer = SegmentationViewer(images, masks, predictions)
    titles = [ax.get_title() for ax in viewer.figure.axes if ax.get_title()]
    assert titles[0] == "image 0" and "true mask" in titles and "prediction against truth" in titles


def test_static_states_cover_both_models():
    images, masks, predictions = _data()
    viewer = SegmentationViewer(images, masks, predictions)
    name, states = viewer.static_states()
    labels = [label for label, _ in states]
    assert (
        states[0][1] is None
        and any("ramp" in label for label in labels)
        and any("good" in label for label in labels)
    )
    assert len(states) <= 12


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: (d[0][:, :, :5], d[1], d[2]), "shape"),
        (lambda d: (d[0], d[1][:3], d[2]), "give one per image"),
        (lambda d: (d[0], d[1], {}), "must be a dict"),
        (lambda d: (d[0], d[1], {"bad": d[2]["good"] * 3}), "probabilities in [0, 1]"),
        (lambda d: (d[0], d[1], {"nan": d[2]["good"] * np.nan}), "NaN"),
    ],
)
def test_refuses_inconsistent_inputs(change, message):
    images, masks, predictions = change(_data())
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        SegmentationViewer(images, masks, predictions)


def test_refuses_unknown_model_and_reports_a_bad_threshold():
    images, masks, predictions = _data()
    with pytest.raises(ValueError):
        SegmentationViewer(images, masks, predictions, model="other")
    viewer = SegmentationViewer(images, masks, predictions)
    viewer.threshold.value = float("nan")
    assert viewer.error and "strictly between 0 and 1" in viewer.error


def test_a_slider_change_refreshes_the_figure_to_what_a_fresh_draw_shows(monkeypatch):
    monkeypatch.setattr(base, "figure_to_png", figure_to_png)  # this test compares pixels
    viewer = SegmentationViewer(*_data())
    drawn = []
    monkeypatch.setattr(
        viewer, "draw", lambda figure: drawn.append(figure) or SegmentationViewer.draw(viewer, figure)
    )
    for control, value in [(viewer.threshold, 0.8), (viewer.index, 3), (viewer.model, "ramp")]:
        control.value = value
        refreshed = bytes(viewer.image.value)
        assert not drawn and viewer.error is None
        viewer._stale = True  # the same state drawn afresh: the very same picture
        viewer.update()
        assert len(drawn) == 1 and bytes(viewer.image.value) == refreshed, control.description
        drawn.clear()
