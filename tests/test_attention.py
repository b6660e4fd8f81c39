"""dlbook.attention: the NumPy attention, masks and positional encoding against Keras and the formulas."""

import keras
import numpy as np
import pytest

from dlbook.activations import softmax
from dlbook.attention import (
    causal_mask,
    padding_mask,
    positional_encoding,
    scaled_dot_product_attention,
)


def _keras_attention(q, k, v, mask=None):
    """keras.ops.dot_product_attention on our (batch, heads, n, depth) layout."""
    to_keras = [np.swapaxes(a, 1, 2).astype("float32") for a in (q, k, v)]
    out = keras.ops.dot_product_attention(
        *to_keras, mask=None if mask is None else np.asarray(mask, dtype=bool)
    )
    return np.swapaxes(keras.ops.convert_to_numpy(out), 1, 2)


# -- pure functions -------------------------------------------------------------------------------------------------
def test_softmax_is_stable_and_normalised():
    p = softmax(np.array([[1e4, 1e4 - 1.0, -1e4], [0.0, 0.0, 0.0]]))
    assert np.isfinite(p).all()
    np.testing.assert_allclose(p.sum(axis=-1), [1.0, 1.0])
    np.testing.assert_allclose(p[1], [1 / 3] * 3)
    np.testing.assert_allclose(p[0, :2], [1 / (1 + np.exp(-1)), np.exp(-1) / (1 + np.exp(-1))])


def test_attention_equals_keras_with_and_without_a_mask():
    rng = np.random.default_rng(0)
    q, k, v = rng.normal(size=(2, 3, 5, 8)), rng.normal(size=(2, 3, 7, 8)), rng.normal(size=(2, 3, 7, 8))
    out, weights = scaled_dot_product_attention(q, k, v)
    assert out.shape == (2, 3, 5, 8) and weights.shape == (2, 3, 5, 7)
    np.testing.assert_allclose(out, _keras_attention(q, k, v), atol=1e-5)
    mask = rng.random((2, 3, 5, 7)) < 0.6
    mask[..., 0] = True  # every query may attend to at least one key
    out, weights = scaled_dot_product_attention(q, k, v, mask)
    np.testing.assert_allclose(out, _keras_attention(q, k, v, mask), atol=1e-5)
    assert (weights[~mask] == 0).all()
    np.testing.assert_allclose(weights.sum(axis=-1), 1.0)


def test_attention_by_hand():
    q = np.array([[1.0, 0.0]])
    k = np.array([[1.0, 0.0], [0.0, 1.0]])
    v = np.array([[10.0], [20.0]])
    out, weights = scaled_dot_product_attention(q, k, v)
    a = np.exp(1 / np.sqrt(2)) / (np.exp(1 / np.sqrt(2)) + 1)  # scores 1/sqrt(2) and 0
    np.testing.assert_allclose(weights, [[a, 1 - a]])
    np.testing.assert_allclose(out, [[10 * a + 20 * (1 - a)]])


def test_attention_with_huge_scores_masks_and_broadcasting():
    q = np.full((1, 3, 4), 100.0)
    k = np.concatenate(
        [np.full((1, 1, 4), 100.0), np.full((1, 1, 4), -100.0), np.full((1, 1, 4), 99.0)], axis=1
    )
    v = np.eye(3)[None]
    with np.errstate(over="raise", invalid="raise"):
        out, weights = scaled_dot_product_attention(q, k, v)  # scores of about 2e4
    assert np.isfinite(out).all()
    np.testing.assert_allclose(weights[0, :, 0], 1.0)
    out, weights = scaled_dot_product_attention(q, k, v, causal_mask(3))  # a (3, 3) mask on a batch of one
    np.testing.assert_allclose(weights[0, 0], [1.0, 0.0, 0.0])
    assert weights[0, 1, 2] == 0.0 and weights[0, 2, 1] < 1e-300
    heads_q = np.random.default_rng(1).normal(size=(4, 2, 3, 5))  # (batch, heads, n_q, d) with shared k, v
    out, weights = scaled_dot_product_attention(heads_q, np.ones((3, 5)), np.arange(6.0).reshape(3, 2))
    np.testing.assert_allclose(weights, 1 / 3)
    np.testing.assert_allclose(out, np.broadcast_to([2.0, 3.0], (4, 2, 3, 2)))


def test_a_fully_masked_query_gets_zero_weights_as_in_keras():
    mask = np.array([[True, False], [False, False]])
    out, weights = scaled_dot_product_attention(np.ones((2, 3)), np.ones((2, 3)), np.ones((2, 1)), mask)
    np.testing.assert_array_equal(weights, [[1.0, 0.0], [0.0, 0.0]])
    np.testing.assert_array_equal(out, [[1.0], [0.0]])
    # 0/1 works too
    np.testing.assert_array_equal(
        scaled_dot_product_attention(np.ones((2, 3)), np.ones((2, 3)), np.ones((2, 1)), mask.astype(int))[1],
        weights,
    )


@pytest.mark.parametrize(
    "shapes, mask, message",
    [
        (((3,), (2, 3), (2, 1)), None, "at least 2 dimensions"),
        (((2, 3), (2, 4), (2, 1)), None, "same depth"),
        (((2, 3), (2, 3), (5, 1)), None, "one value per key"),
        (((2, 3), (4, 3), (4, 1)), np.ones((3, 4), bool), "does not broadcast"),
        (((2, 3), (4, 3), (4, 1)), np.ones((2, 5), bool), "does not broadcast"),
        (((2, 3), (4, 3), (4, 1)), np.full((2, 4), 0.5), "must be boolean"),
    ],
)
def test_attention_refuses_bad_shapes_and_masks(shapes, mask, message):
    q, k, v = (np.ones(shape) for shape in shapes)
    with pytest.raises(ValueError, match=message):
        scaled_dot_product_attention(q, k, v, mask)


def test_causal_mask_is_lower_triangular_and_matches_keras():
    np.testing.assert_array_equal(causal_mask(1), [[True]])
    np.testing.assert_array_equal(causal_mask(3), [[1, 0, 0], [1, 1, 0], [1, 1, 1]])
    assert causal_mask(5).dtype == bool
    layer = keras.layers.MultiHeadAttention(num_heads=2, key_dim=3)
    x = np.random.default_rng(2).normal(size=(1, 5, 6)).astype("float32")
    _, keras_scores = layer(x, x, use_causal_mask=True, return_attention_scores=True)
    _, masked_scores = layer(x, x, attention_mask=causal_mask(5)[None], return_attention_scores=True)
    np.testing.assert_allclose(
        keras.ops.convert_to_numpy(keras_scores), keras.ops.convert_to_numpy(masked_scores)
    )


@pytest.mark.parametrize("n", [0, -2, 2.5, True, None])
def test_causal_mask_refuses_a_bad_length(n):
    with pytest.raises(ValueError, match="sequence length n must be a whole number"):
        causal_mask(n)


def test_padding_mask():
    np.testing.assert_array_equal(padding_mask([3, 1], 4), [[1, 1, 1, 0], [1, 0, 0, 0]])
    for lengths, message in (
        ([0, 2], "from 1 to the padded length 4"),
        ([5], "from 1 to the padded length 4"),
        ([[2]], "1-D array of whole numbers"),
        ([1.5], "1-D array of whole numbers"),
    ):
        with pytest.raises(ValueError, match=message):
            padding_mask(lengths, 4)


@pytest.mark.parametrize("length, depth", [(10, 8), (7, 6), (1, 2), (5, 7), (3, 1)])
def test_positional_encoding_follows_the_formula(length, depth):
    pe = positional_encoding(length, depth)
    assert pe.shape == (length, depth)
    for pos in range(length):
        for column in range(depth):
            angle = pos / 10000 ** (2 * (column // 2) / depth)
            expected = np.sin(angle) if column % 2 == 0 else np.cos(angle)
            assert pe[pos, column] == pytest.approx(expected, abs=1e-12)


def test_positional_encoding_dot_products_depend_on_the_offset_only():
    pe = positional_encoding(60, 16)
    similarity = pe @ pe.T
    np.testing.assert_allclose(np.diag(similarity), 8.0)  # sin^2 + cos^2 per pair
    np.testing.assert_allclose(np.diag(similarity, 5)[:10], np.diag(similarity, 5)[30:40], atol=1e-9)


@pytest.mark.parametrize("length, depth", [(0, 4), (4, 0), (2.0, 4), (3, -1)])
def test_positional_encoding_refuses_bad_sizes(length, depth):
    with pytest.raises(ValueError, match="must be a whole number of at least 1"):
        positional_encoding(length, depth)
