"""Chapter 11's capsule functions (dlbook.capsules): squash, routing by agreement, margin loss, the Keras layer."""

import keras
import numpy as np
import pytest

from dlbook import capsules as C


def test_squash_keeps_direction_and_maps_length_below_one():
    s = np.array([[3.0, 4.0], [0.0, 0.0], [1e-4, 0.0]])
    v = C.squash(s)
    np.testing.assert_allclose(
        C.lengths(v), [25 / 26, 0.0, 1e-8 / (1 + 1e-8) * 1e-4 / np.sqrt(1e-8 + C.EPSILON)]
    )
    np.testing.assert_allclose(v[0], np.array([3.0, 4.0]) / 5 * 25 / 26)
    np.testing.assert_allclose(
        keras.ops.convert_to_numpy(C.keras_squash(s.astype("float32"))), v, rtol=1e-5, atol=1e-7
    )


def test_predictions_apply_one_matrix_per_child_parent_pair():
    rng = np.random.default_rng(0)
    u, W = rng.normal(size=(2, 3, 4)), rng.normal(size=(3, 5, 6, 4))
    u_hat = C.predictions(u, W)
    assert u_hat.shape == (2, 3, 5, 6)
    np.testing.assert_allclose(u_hat[1, 2, 4], W[2, 4] @ u[1, 2])
    with pytest.raises(ValueError, match="shape"):
        C.predictions(u, W[:2])


def test_routing_couplings_sum_to_one_and_follow_agreement():
    rng = np.random.default_rng(1)
    u_hat = rng.normal(0, 0.3, (1, 5, 2, 3))
    u_hat[0, :, 0] = [1.0, 0.5, 0.0]  # every child predicts the same pose for parent 0
    v, c, parents = C.dynamic_routing(u_hat, 4, trace=True)
    assert c.shape == (4, 1, 5, 2) and parents.shape == (4, 1, 2, 3) and v.shape == (1, 2, 3)
    np.testing.assert_allclose(c.sum(axis=-1), 1.0)
    np.testing.assert_allclose(c[0], 0.5)  # the first iteration is uniform
    assert (np.diff(c[:, 0, :, 0], axis=0) > 0).all()
    np.testing.assert_allclose(parents[-1], v)
    # one iteration: every coupling is 1 / (number of parents)
    np.testing.assert_allclose(C.dynamic_routing(u_hat, 1), C.squash(u_hat.sum(axis=1) / 2))  # c = 1 / n_out
    with pytest.raises(ValueError, match="routing iterations"):
        C.dynamic_routing(u_hat, 0)


def test_keras_capsule_layer_equals_numpy_routing():
    layer = C.CapsuleLayer(4, 3, iterations=3)
    u = np.random.default_rng(2).normal(0, 0.5, (6, 7, 2)).astype("float32")
    v = keras.ops.convert_to_numpy(layer(u))
    W = keras.ops.convert_to_numpy(layer.W)
    assert W.shape == (7, 4, 3, 2) and v.shape == (6, 4, 3)
    np.testing.assert_allclose(v, C.dynamic_routing(C.predictions(u, W), 3), rtol=1e-5, atol=1e-5)
    assert C.CapsuleLayer.from_config(layer.get_config()).iterations == 3


def test_margin_loss_by_hand_and_in_keras():
    T = np.array([[1.0, 0.0, 0.0]])
    L = np.array([[0.5, 0.3, 0.05]])
    expected = 0.4**2 + 0.5 * 0.2**2  # the true class is 0.4 short of 0.9; class 1 is 0.2 above 0.1
    np.testing.assert_allclose(C.margin_loss(T, L), [expected])
    got = keras.ops.convert_to_numpy(C.keras_margin_loss(T.astype("float32"), L.astype("float32")))
    np.testing.assert_allclose(got, [expected], rtol=1e-6)


def test_mask_decode_and_transform():
    v = np.arange(12, dtype=float).reshape(1, 3, 4)
    np.testing.assert_array_equal(C.masked(v, 1), [[0, 0, 0, 0, 4, 5, 6, 7, 0, 0, 0, 0]])
    got = keras.ops.convert_to_numpy(
        C.mask_capsules([v.astype("float32"), np.array([[0.0, 1.0, 0.0]], "float32")])
    )
    np.testing.assert_array_equal(got, C.masked(v, 1))
    weights = [np.eye(12, 2), np.zeros(2), np.ones((2, 3)), np.zeros(3)]
    np.testing.assert_allclose(C.decode(C.masked(v, 0), weights), 1 / (1 + np.exp(-1.0)) * np.ones((1, 3)))
    images = np.zeros((2, 8, 8, 1))
    images[:, 3, 4] = 1.0
    moved = C.transform_images(images, shift=(1, -2))
    assert moved.shape == images.shape and moved[0, 4, 2, 0] == 1.0 and moved.sum() == 2.0
    turned = C.transform_images(images[..., 0], angle=90)
    assert turned.shape == (2, 8, 8) and 0 < turned.max() <= 1 and turned[0, 3, 4] < 1
