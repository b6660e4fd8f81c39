"""LatentExplorer: its pure functions (grids, decoding, tiling) and its callbacks, with a fake NumPy decoder."""

import numpy as np
import pytest

from dlbook.widgets.gallery import GALLERY, refreshed_and_full_render, stub_png
from dlbook.widgets.latent import (
    MAX_GRID,
    LatentExplorer,
    decode_images,
    interpolate,
    latent_grid,
    latent_limits,
    tile_images,
)


@pytest.fixture(autouse=True)
def _no_png(monkeypatch):
    stub_png(monkeypatch)  # these tests look at no pixels (test_widget_contract.py checks the PNG)


def blob_decoder(z):
    """A fake decoder: an 8x8 image of a bright blob whose position follows z, returned flat like a Dense layer."""
    z = np.asarray(z, dtype=float)
    rows, cols = np.mgrid[0:8, 0:8]
    centre_col = 3.5 + z[:, 0, None, None]
    centre_row = 3.5 - z[:, 1, None, None]
    images = np.exp(-((cols[None] - centre_col) ** 2 + (rows[None] - centre_row) ** 2) / 2)
    return images.reshape(len(z), 64).astype("float32")


def _data(n=60, classes=3, seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, 2)), np.arange(n) % classes


# -- pure functions -------------------------------------------------------------------------------------------------
def test_latent_grid_runs_row_by_row_from_the_top():
    points = latent_grid((-1.0, 0.0), (1.0, 4.0), 3)
    assert points.shape == (9, 2)
    np.testing.assert_allclose(points[:3], [[-1, 4], [0, 4], [1, 4]])  # top row: largest z2
    np.testing.assert_allclose(points[-3:], [[-1, 0], [0, 0], [1, 0]])
    # one number for both
    np.testing.assert_allclose(latent_grid(-2, 2, 2), [[-2, 2], [2, 2], [-2, -2], [2, -2]])


@pytest.mark.parametrize(
    ("lo", "hi", "n", "message"),
    [
        (0, 1, 1, "grid size n must be a whole number of at least 2"),
        (0, 1, 2.5, "grid size n must be a whole number"),
        (0, 1, True, "grid size n must be a whole number"),
        ((0, 0), (1, 0), 3, "lo < hi in both coordinates"),
        ((0, 0, 0), (1, 1, 1), 3, "pair of finite numbers"),
        ((0, float("nan")), (1, 1), 3, "pair of finite numbers"),
    ],
)
def test_latent_grid_refuses_bad_arguments(lo, hi, n, message):
    with pytest.raises(ValueError, match=message):
        latent_grid(lo, hi, n)


def test_interpolate_includes_both_ends():
    path = interpolate([0.0, 2.0, 1.0], [4.0, -2.0, 1.0], 5)
    assert path.shape == (5, 3)
    np.testing.assert_allclose(path[0], [0, 2, 1])
    np.testing.assert_allclose(path[-1], [4, -2, 1])
    np.testing.assert_allclose(path[2], [2, 0, 1])
    np.testing.assert_allclose(np.diff(path, axis=0), np.tile([1.0, -1.0, 0.0], (4, 1)))  # equal steps
    with pytest.raises(ValueError, match="number of steps must be a whole number of at least 2"):
        interpolate([0, 0], [1, 1], 1)
    with pytest.raises(ValueError, match="same length"):
        interpolate([0, 0], [1, 1, 1], 3)


@pytest.mark.parametrize("shape", [(4, 64), (4, 8, 8), (4, 8, 8, 1)])
def test_decode_images_accepts_keras_like_outputs(shape):
    def decoder(z):
        return blob_decoder(z).reshape(shape)

    z = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]])
    images = decode_images(decoder, z)
    assert images.shape == (4, 8, 8)
    np.testing.assert_allclose(images, blob_decoder(z).reshape(4, 8, 8))
    columns = (images * np.arange(8)).sum(axis=(1, 2)) / images.sum(axis=(1, 2))
    assert columns[1] > columns[0] + 0.5  # z1 = 1 moves the blob to the right


@pytest.mark.parametrize(
    ("decoder", "message"),
    [
        (lambda z: np.zeros((len(z) + 1, 64)), r"one image per latent point \(3\)"),
        (lambda z: np.zeros((len(z), 10)), "not a square number of pixels"),
        (lambda z: np.zeros((len(z), 8, 6)), "should return square images"),
        (lambda z: np.full((len(z), 64), np.nan), "NaN or infinite"),
        (lambda z: None, "The decoder returned None"),
        (lambda z: 1 / 0, "The decoder raised ZeroDivisionError"),
        (lambda z: "images", "should return an array of images"),
        ("not a function", "decoder must be a function"),
    ],
)
def test_decode_images_says_what_is_wrong(decoder, message):
    with pytest.raises(ValueError, match=message):
        decode_images(decoder, np.zeros((3, 2)))


def test_decode_images_refuses_points_of_the_wrong_shape():
    with pytest.raises(ValueError, match=r"shape \(n, 2\)"):
        decode_images(blob_decoder, np.zeros((3, 3)))
    with pytest.raises(ValueError, match=r"shape \(n, 2\)"):
        decode_images(blob_decoder, np.zeros(2))


def test_tile_images_places_images_row_by_row_with_gaps():
    images = np.arange(6, dtype=float)[:, None, None] * np.ones((6, 2, 2))
    mosaic = tile_images(images, 2)
    assert mosaic.shape == (4, 6)
    np.testing.assert_array_equal(mosaic[:2, 2:4], 1.0)  # image 1: first row, second column
    np.testing.assert_array_equal(mosaic[2:, :2], 3.0)  # image 3: second row, first column
    spaced = tile_images(images, 3, gap=1, fill=-1.0)
    assert spaced.shape == (3 * 3 - 1, 2 * 3 - 1)
    np.testing.assert_array_equal(spaced[3:5, 3:5], 3.0)  # image 3: second row, second column
    assert (spaced[2] == -1).all() and (spaced[:, 2] == -1).all()
    with pytest.raises(ValueError, match="multiple of 4 rows"):
        tile_images(images, 4)


def test_latent_limits_widen_the_box():
    lo, hi = latent_limits([[0.0, 1.0], [2.0, 1.0]], margin=0.1)
    np.testing.assert_allclose(lo, [-0.2, 0.0])  # no spread in z2: a half-width of 1
    np.testing.assert_allclose(hi, [2.2, 2.0])
    with pytest.raises(ValueError, match="margin must be"):
        latent_limits([[0.0, 1.0]], margin=-0.5)
    with pytest.raises(ValueError, match=r"shape \(n, 2\)"):
        latent_limits(np.zeros((4, 3)))


# -- the widget -----------------------------------------------------------------------------------------------------
def test_explorer_starts_at_the_mean_code_and_follows_the_sliders():
    codes, labels = _data()
    explorer = LatentExplorer(blob_decoder, codes, labels, grid=4)
    assert explorer.error is None and bytes(explorer.image.value).startswith(b"\x89PNG")
    np.testing.assert_allclose(explorer.point(), codes.mean(axis=0), atol=explorer.z1.step)
    assert "grid 4×4" in explorer.status.value and "nearest code" in explorer.status.value
    before = bytes(explorer.image.value)
    with explorer.hold():
        explorer.z1.value, explorer.z2.value = float(codes[7, 0]), float(codes[7, 1])
    assert explorer.error is None and bytes(explorer.image.value) != before
    assert f"a {labels[7]} (code 7)" in explorer.status.value or "distance 0.0" in explorer.status.value
    assert explorer.nearest(codes[7]) == 7


def test_explorer_grid_slider_decodes_each_size_once():
    codes, labels = _data()
    calls = []

    def counting_decoder(z):
        calls.append(len(z))
        return blob_decoder(z)

    explorer = LatentExplorer(counting_decoder, codes, labels, grid=3)
    assert 9 in calls
    explorer.grid.value = 5
    assert explorer.error is None and "grid 5×5" in explorer.status.value and 25 in calls
    assert explorer.grid_images(5).shape == (5 * 9 - 1, 5 * 9 - 1)  # 8x8 images with 1-pixel gaps
    n_calls = len(calls)
    explorer.z2.value = explorer.z2.min  # moving the point decodes one point, not the grid again
    assert calls[n_calls:] == [1]


def test_explorer_without_labels_and_with_many_classes():
    codes, _ = _data(n=40)
    assert LatentExplorer(blob_decoder, codes).error is None
    many = LatentExplorer(blob_decoder, codes, labels=np.arange(40) % 13, z=(0.0, 0.0))
    assert many.error is None and np.array_equal(many.point(), [0.0, 0.0])


def test_explorer_reports_a_decoder_that_breaks_later():
    codes, labels = _data()
    broken = {"now": False}

    def fragile(z):
        if broken["now"]:
            return np.zeros((len(z), 5))
        return blob_decoder(z)

    explorer = LatentExplorer(fragile, codes, labels, grid=3)
    broken["now"] = True
    explorer.z1.value = explorer.z1.max
    assert "Cannot draw this" in explorer.status.value and "not a square number of pixels" in explorer.error
    broken["now"] = False
    explorer.z1.value = explorer.z1.min
    assert explorer.error is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (dict(codes=np.zeros((5, 3))), r"codes must have shape \(n, 2\)"),
        (dict(codes=np.full((5, 2), np.nan)), "NaN or infinite"),
        (dict(labels=np.arange(7)), r"one label per code \(60\)"),
        (dict(z=(50.0, 0.0)), "outside the sliders' range"),
        (dict(z=(0.0,)), "pair of finite numbers"),
        (dict(grid=1), "grid must be a whole number from 2 to 15"),
        (dict(grid=MAX_GRID + 1), "grid must be a whole number"),
        (dict(decoder=lambda z: np.zeros((len(z), 7))), "not a square number"),
        (dict(decoder=None), "decoder must be a function"),
        (dict(margin=2.0), "margin must be"),
    ],
)
def test_explorer_refuses_bad_arguments(kwargs, message):
    codes, labels = _data()
    arguments = dict(decoder=blob_decoder, codes=codes, labels=labels) | kwargs
    with pytest.raises(ValueError, match=message):
        LatentExplorer(**arguments)


def test_site_build_visits_class_means_and_restores_the_controls(monkeypatch):
    monkeypatch.setenv("DLBOOK_SITE_BUILD", "1")
    codes, labels = _data(classes=3)
    explorer = LatentExplorer(blob_decoder, codes, labels, grid=4)
    start = explorer.point()
    name, states = explorer.static_states()
    assert name == "latent point" and 3 <= len(states) <= 8 and states[0][1] is None
    assert [label for label, _ in states[1:4]] == [f"z at the mean code of class {c}" for c in range(3)]
    html = explorer._repr_mimebundle_()["text/html"]
    assert html.count("<img") == len(states) and 'type="range"' in html
    np.testing.assert_allclose(explorer.point(), start)
    assert explorer.grid.value == 4 and explorer.error is None


def test_moving_the_point_and_the_grid_refreshes_what_a_fresh_draw_shows(monkeypatch):
    widget = GALLERY["LatentExplorer"].build()
    quick, full = refreshed_and_full_render(monkeypatch, widget, [("z1", widget.z1.max), ("grid", 4)])
    np.testing.assert_array_equal(quick, full)
