"""dlbook.attribution (chapter 22): gradients on the backend in use, the four attribution methods, the deletion
test, rank correlation and permutation importance, each against an answer known by hand."""

import keras
import numpy as np
import pytest

from dlbook import attribution as A


def _linear_image_model(seed=0, shape=(4, 5, 2), classes=3):
    keras.utils.set_random_seed(seed)
    return keras.Sequential([keras.Input(shape=shape), keras.layers.Flatten(), keras.layers.Dense(classes)])


def test_input_gradients_of_a_linear_model_are_its_weights():
    model = _linear_image_model()
    W = model.get_weights()[0]  # (40, 3)
    x = np.random.default_rng(0).normal(size=(4, 4, 5, 2)).astype("float32")
    targets = np.array([2, 0, 1, 2])
    got = A.class_score_gradients(model, x, targets)
    assert got.shape == x.shape
    np.testing.assert_allclose(got.reshape(4, -1), W[:, targets].T, rtol=1e-5, atol=1e-6)
    # one target for the whole batch is broadcast
    np.testing.assert_allclose(
        A.class_score_gradients(model, x, 1).reshape(4, -1), np.tile(W[:, 1], (4, 1)), rtol=1e-5
    )


def test_input_gradients_of_a_nonlinear_function_match_finite_differences():
    x = np.random.default_rng(1).normal(size=(3, 2, 2, 1)).astype("float32")

    def fn(t):  # two "classes": sum of squares and sum of sines, per image
        flat = keras.ops.reshape(t, (-1, 4))
        return keras.ops.stack(
            [keras.ops.sum(flat**2, axis=1), keras.ops.sum(keras.ops.sin(flat), axis=1)], axis=1
        )

    np.testing.assert_allclose(A.class_score_gradients(fn, x, 0), 2 * x, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(A.class_score_gradients(fn, x, 1), np.cos(x), rtol=1e-5, atol=1e-6)


def test_saliency_is_the_largest_absolute_gradient_over_channels():
    model = _linear_image_model()
    W = model.get_weights()[0].reshape(4, 5, 2, 3)
    x = np.zeros((2, 4, 5, 2), dtype="float32")
    np.testing.assert_allclose(
        A.gradient_saliency(model, x, [0, 2]),
        np.stack([np.abs(W[..., 0]).max(-1), np.abs(W[..., 2]).max(-1)]),
        rtol=1e-5,
    )


def test_integrated_gradients_of_a_linear_model_are_exact_and_complete():
    model = _linear_image_model()
    W = model.get_weights()[0].reshape(4, 5, 2, 3)
    rng = np.random.default_rng(2)
    x, baseline = (
        rng.normal(size=(2, 4, 5, 2)).astype("float32"),
        rng.normal(size=(4, 5, 2)).astype("float32"),
    )
    ig = A.integrated_gradients(model, x, [1, 1], baseline=baseline, steps=4)
    np.testing.assert_allclose(ig, (x - baseline) * W[..., 1], rtol=1e-4, atol=1e-6)


def test_integrated_gradients_are_complete_on_a_relu_network():
    keras.utils.set_random_seed(3)
    model = keras.Sequential(
        [
            keras.Input((6, 6, 1)),
            keras.layers.Conv2D(4, 3, activation="relu"),
            keras.layers.Flatten(),
            keras.layers.Dense(8, activation="relu"),
            keras.layers.Dense(3),
        ]
    )
    x = np.random.default_rng(3).uniform(size=(5, 6, 6, 1)).astype("float32")
    ig = A.integrated_gradients(model, x, 2, steps=128)
    gap = A.scores(model, x)[:, 2] - A.scores(model, np.zeros_like(x))[:, 2]
    np.testing.assert_allclose(ig.reshape(5, -1).sum(axis=1), gap, rtol=0.02, atol=1e-3)


def test_occlusion_by_hand():
    def probabilities(batch):  # "class 0" is the ink in the top-left pixel; class 1 the rest
        p = batch[:, 0, 0, 0]
        return np.stack([p, 1 - p], axis=1)

    x = np.zeros((1, 3, 3, 1), dtype="float32")
    x[0, 0, 0, 0] = 1.0
    got = A.occlusion(None, x, 0, size=2, probabilities=probabilities)
    # only the patch at the corner (0, 0) hides the pixel; each pixel averages the patches that cover it
    expected = np.array([[1.0, 0.5, 0.0], [0.5, 0.25, 0.0], [0.0, 0.0, 0.0]])
    np.testing.assert_allclose(got[0], expected)


def test_grad_cam_of_a_global_average_pooling_network_is_its_class_activation_map():
    keras.utils.set_random_seed(4)
    model = keras.Sequential(
        [
            keras.Input((5, 5, 1)),
            keras.layers.Conv2D(6, 3, padding="same", activation="relu", name="conv"),
            keras.layers.GlobalAveragePooling2D(name="gap"),
            keras.layers.Dense(3, name="out"),
        ]
    )
    x = np.random.default_rng(4).uniform(size=(2, 5, 5, 1)).astype("float32")
    features, head = A.split_at(model, "conv")
    maps = A.scores(features, x)
    np.testing.assert_allclose(
        keras.ops.convert_to_numpy(head(maps)), A.scores(model, x), rtol=1e-5, atol=1e-6
    )
    w = model.get_layer("out").get_weights()[0]  # (6, 3)
    expected = np.maximum(maps @ w[:, 1], 0) / 25  # Zhou et al.'s CAM, scaled by the pooling's 1/25
    np.testing.assert_allclose(A.grad_cam(model, x, 1, "conv"), expected, rtol=1e-4, atol=1e-6)
    with pytest.raises(ValueError, match="no layer 'conv9'"):
        A.split_at(model, "conv9")


def test_deletion_order_and_curve():
    attribution = np.array([[[0.1, 0.9], [0.5, 0.0]]])
    np.testing.assert_array_equal(A.deletion_order(attribution), [[1, 2, 0, 3]])
    rng = np.random.default_rng(0)
    ties = A.deletion_order(np.zeros((200, 2, 2)), rng)
    assert sorted(ties[0]) == [0, 1, 2, 3] and len({tuple(t) for t in ties}) > 10  # random order for ties

    def probabilities(batch):  # the "probability" is the mean pixel: removing pixels lowers it
        p = batch.reshape(len(batch), -1).mean(axis=1)
        return np.stack([p, 1 - p], axis=1)

    x = np.array([[[1.0, 1.0], [0.5, 0.0]]])[..., None]
    curve = A.deletion_curve(probabilities, x, 0, A.deletion_order(attribution), steps=4)
    # order: pixel 1 (1.0), pixel 2 (0.5), pixel 0 (1.0), pixel 3 (0.0)
    np.testing.assert_allclose(curve, [[2.5 / 4, 1.5 / 4, 1.0 / 4, 0.0, 0.0]])
    np.testing.assert_allclose(A.curve_area(curve), np.mean([(2.5 + 1.5), (1.5 + 1.0), 1.0, 0.0]) / 8)
    np.testing.assert_allclose(A.curve_area(np.ones((3, 9))), 1.0)
    np.testing.assert_allclose(A.curve_area(np.linspace(1, 0, 11)), 0.5)


def test_rank_correlation():
    rng = np.random.default_rng(5)
    a = rng.normal(size=(3, 4, 4))
    np.testing.assert_allclose(A.rank_correlation(a, a**3), 1.0)
    np.testing.assert_allclose(A.rank_correlation(a, -a), -1.0)
    np.testing.assert_allclose(A.rank_correlation(a, np.zeros_like(a)), 0.0)  # a constant map ranks nothing
    mask = np.zeros((4, 4), dtype=bool)
    mask[:2] = True
    b = np.where(mask, a, -a)  # equal on the mask, reversed elsewhere
    np.testing.assert_allclose(A.rank_correlation(a, b, mask=mask), 1.0)


def test_permutation_importance_recovers_two_a_squared():
    rng = np.random.default_rng(6)
    X = rng.normal(size=(20_000, 3))
    w = np.array([2.0, -1.0, 0.0])
    y = X @ w

    def mse(y_true, y_pred):
        return float(np.mean((y_true - y_pred) ** 2))

    imp = A.permutation_importance(lambda Z: Z @ w, X, y, mse, n_repeats=3, rng=rng)
    assert imp.shape == (3, 3)
    np.testing.assert_allclose(imp.mean(axis=1), 2 * w**2, rtol=0.05, atol=0.01)


def test_softmax_and_normalize_map():
    np.testing.assert_allclose(A.softmax([[0.0, np.log(3.0)], [1000.0, 1000.0]]), [[0.25, 0.75], [0.5, 0.5]])
    maps = np.array([[[-2.0, 1.0]], [[0.0, 0.0]]])
    np.testing.assert_allclose(A.normalize_map(maps), [[[1.0, 0.5]], [[0.0, 0.0]]])
