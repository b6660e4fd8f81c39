"""dlbook.segmentation (transposed convolution, overlap scores, Dice loss, Otsu) and dlbook.data.load_cells."""

import keras
import numpy as np
import pytest

from dlbook.data import load_cells
from dlbook.segmentation import (
    confusion_counts,
    conv_transpose2d,
    conv_transpose_output_size,
    dice_score,
    difference_overlay,
    iou_score,
    otsu_masks,
    per_image_iou,
    soft_dice_loss,
)


# -- the transposed convolution ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("k", "stride", "padding"),
    [
        (2, 2, "valid"),
        (3, 2, "valid"),
        (3, 2, "same"),
        (4, 2, "same"),
        (3, 1, "same"),
        (5, 3, "same"),
        (4, 3, "same"),
        (3, 1, "valid"),
        (1, 2, "valid"),
        (1, 3, "same"),
        (2, 3, "valid"),
    ],
)
def test_conv_transpose2d_equals_keras(k, stride, padding):
    rng = np.random.default_rng(k + 10 * stride)
    x = rng.normal(size=(4, 5, 3)).astype("float32")
    kernel, bias = rng.normal(size=(k, k, 2, 3)).astype("float32"), rng.normal(size=2).astype("float32")
    layer = keras.layers.Conv2DTranspose(2, k, strides=stride, padding=padding)
    layer.build((None, 4, 5, 3))
    layer.set_weights([kernel, bias])
    expected = keras.ops.convert_to_numpy(layer(x[np.newaxis]))[0]
    got = conv_transpose2d(x, kernel, bias, stride, padding)
    np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-4)
    assert got.shape[:2] == (
        conv_transpose_output_size(4, k, stride, padding),
        conv_transpose_output_size(5, k, stride, padding),
    )


def test_conv_transpose2d_paints_the_kernel_by_hand():
    x = np.zeros((2, 2, 1))
    x[0, 0, 0], x[1, 1, 0] = 1.0, 2.0
    kernel = np.arange(1.0, 5.0).reshape(2, 2, 1, 1)  # [[1, 2], [3, 4]], not flipped
    expected = np.array([[1, 2, 0, 0], [3, 4, 0, 0], [0, 0, 2, 4], [0, 0, 6, 8]], dtype=float)
    np.testing.assert_allclose(conv_transpose2d(x, kernel, stride=2)[:, :, 0], expected)
    overlapping = conv_transpose2d(np.ones((2, 1, 1)), np.ones((3, 1, 1, 1)), stride=2)[:, 0, 0]
    np.testing.assert_allclose(overlapping, [1, 1, 2, 1, 1])  # the patches overlap on the middle row


def test_conv_transpose2d_is_the_transpose_of_conv2d():
    rng = np.random.default_rng(0)
    x, kernel = rng.normal(size=(7, 9, 2)).astype("float32"), rng.normal(size=(3, 3, 2, 4)).astype("float32")
    conv = keras.layers.Conv2D(4, 3, strides=2, use_bias=False)
    conv.build((None, 7, 9, 2))
    conv.set_weights([kernel])
    cx = keras.ops.convert_to_numpy(conv(x[np.newaxis]))[0]
    y = rng.normal(size=cx.shape)
    np.testing.assert_allclose(np.sum(cx * y), np.sum(x * conv_transpose2d(y, kernel, stride=2)), rtol=1e-4)


def test_conv_transpose_refuses_bad_shapes():
    with pytest.raises(ValueError, match="same C_in"):
        conv_transpose2d(np.zeros((3, 3, 2)), np.zeros((2, 2, 1, 3)))
    with pytest.raises(ValueError, match="Unknown padding"):
        conv_transpose_output_size(4, 3, 2, "full")


# -- scores and losses ------------------------------------------------------------------------------------------------
def _squares():
    square, moved = np.zeros((8, 8)), np.zeros((8, 8))
    square[2:6, 2:6] = 1
    moved[2:6, 4:8] = 1
    return square, moved


def test_iou_and_dice_known_answers():
    square, moved = _squares()
    assert iou_score(square, moved) == pytest.approx(1 / 3)  # 8 shared pixels, 24 in the union
    assert dice_score(square, moved) == pytest.approx(1 / 2)  # 2 * 8 / (16 + 16)
    assert iou_score(square, square) == dice_score(square, square) == 1.0
    assert iou_score(square, np.zeros((8, 8))) == dice_score(square, np.zeros((8, 8))) == 0.0
    assert iou_score(np.zeros(5), np.zeros(5)) == dice_score(np.zeros(5), np.zeros(5)) == 1.0
    assert iou_score(moved, square) == iou_score(square, moved)
    np.testing.assert_allclose(
        per_image_iou(np.stack([square, square]), np.stack([moved, square])), [1 / 3, 1]
    )


def test_dice_is_two_iou_over_one_plus_iou():
    rng = np.random.default_rng(1)
    for _ in range(5):
        t, p = rng.uniform(size=(10, 10)) > 0.5, rng.uniform(size=(10, 10)) > 0.6
        j = iou_score(t, p)
        assert dice_score(t, p) == pytest.approx(2 * j / (1 + j))
        assert dice_score(t, p) >= j


def test_soft_dice_loss():
    square, moved = _squares()
    t = np.stack([square, square, np.zeros((8, 8))])[..., np.newaxis]
    p = np.stack([moved, square, np.zeros((8, 8))])[..., np.newaxis]
    np.testing.assert_allclose(soft_dice_loss(t[:2], p[:2], smooth=0.0), [0.5, 0.0])
    np.testing.assert_allclose(soft_dice_loss(t, p)[2], 0.0)  # empty predicted empty: 0, not 0 / 0
    half = np.full_like(t[:1], 0.5)
    assert soft_dice_loss(t[:1], half, smooth=0.0)[0] == pytest.approx(1 - 2 * 8 / (16 + 32))


def test_scores_refuse_masks_of_different_shapes():
    with pytest.raises(ValueError, match="same shape"):
        iou_score(np.zeros((3, 3)), np.zeros((3, 4)))


def test_overlay_and_counts():
    square, moved = _squares()
    counts = confusion_counts(square, moved)
    assert counts == {"hit": 8, "false alarm": 8, "missed": 8}
    rgb = difference_overlay(np.linspace(0, 1, 64).reshape(8, 8), square, moved)
    assert rgb.shape == (8, 8, 3) and rgb.min() >= 0 and rgb.max() <= 1
    assert not np.allclose(rgb[3, 3], rgb[3, 5])  # missed and hit are painted differently
    np.testing.assert_allclose(rgb[0, 0], [0, 0, 0])  # untouched background stays grey (here black)


# -- the data -------------------------------------------------------------------------------------------------------
def test_load_cells_shapes_types_and_seed():
    (X, y), (X_test, y_test) = load_cells(40, size=32, test_size=0.25, seed=0)
    assert X.shape == y.shape == (30, 32, 32, 1) and X_test.shape == y_test.shape == (10, 32, 32, 1)
    assert X.dtype == y.dtype == np.float32
    assert X.min() >= 0 and X.max() <= 1 and set(np.unique(y)) == {0.0, 1.0}
    assert 0.05 < y.mean() < 0.35
    (X_again, y_again), _ = load_cells(40, size=32, test_size=0.25, seed=0)
    np.testing.assert_array_equal(X, X_again)
    np.testing.assert_array_equal(y, y_again)
    (X_other, _), _ = load_cells(40, size=32, test_size=0.25, seed=1)
    assert not np.allclose(X, X_other)


def test_load_cells_is_hard_for_a_global_threshold():
    _, (X, y) = load_cells(80, seed=0)
    assert iou_score(y > 0.5, otsu_masks(X) > 0.5) < 0.5  # uneven light defeats one threshold per image
    # cells are brighter than their own surroundings: a local comparison does much better than Otsu
    from scipy import ndimage

    local = X[..., 0] > ndimage.uniform_filter(X[..., 0], size=(1, 9, 9)) + 0.05
    assert iou_score(y[..., 0] > 0.5, local) > iou_score(y > 0.5, otsu_masks(X) > 0.5)


def test_load_cells_keeps_a_gap_between_touching_cells():
    from scipy import ndimage

    (_, y), _ = load_cells(60, seed=2)
    for mask in y[..., 0] > 0.5:
        labels, _ = ndimage.label(mask)
        padded = np.pad(labels, 1)
        for dy, dx in ((0, 1), (1, 0)):
            other = padded[1 + dy : 1 + dy + mask.shape[0], 1 + dx : 1 + dx + mask.shape[1]]
            # 4-neighbours of two cells never meet
            assert not np.any((labels > 0) & (other > 0) & (other != labels))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_images": 1}, "n_images"),
        ({"size": 8}, "size"),
        ({"test_size": 1.5}, "test_size"),
        ({"seed": -1}, "seed"),
    ],
)
def test_load_cells_refuses_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        load_cells(**kwargs)
