"""The playground's pure functions, and its callbacks driven by setting control values as a learner would."""

import keras
import numpy as np
import pytest

from dlbook.plotting import input_grid
from dlbook.widgets.gallery import stub_png
from dlbook.widgets.playground import (
    Playground,
    binary_cross_entropy,
    build_model,
    check_architecture,
    check_training,
    decision_grid,
    forward,
    hidden_unit_grids,
    keras_code,
    layer_sizes,
    playground_data,
)


@pytest.fixture(autouse=True)
def _no_png(monkeypatch):
    stub_png(monkeypatch)  # these tests look at no pixels (test_widget_contract.py checks the PNG)


def _dense_summary(model):
    """(units, activation name, has an L2 regularizer) of every Dense layer."""
    return [
        (layer.units, layer.activation.__name__, layer.kernel_regularizer is not None)
        for layer in model.layers
    ]


# -- pure functions -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "args, message",
    [
        ((1, 0), "at least one unit"),
        ((5, 4), "hidden layers must be a whole number from 0 to 4"),
        ((-1, 4), "hidden layers must be a whole number"),
        ((1, 9), "units per layer must be a whole number from 0 to 8"),
        ((1.5, 4), "hidden layers must be a whole number"),
        ((1, 4, "swish"), "Unknown activation 'swish'"),
    ],
)
def test_check_architecture_refuses_impossible_models(args, message):
    with pytest.raises(ValueError, match=message):
        check_architecture(*args)


def test_check_architecture_accepts_logistic_regression():
    check_architecture(0, 0)
    assert layer_sizes(0, 0) == [1] and layer_sizes(3, 2) == [2, 2, 2, 1]


@pytest.mark.parametrize(
    "learning_rate, l2, message",
    [
        (0.0, 0.0, "positive number"),
        (-0.1, 0.0, "positive number"),
        (float("nan"), 0.0, "positive number"),
        (2.0, 0.0, "from 0.0001 to 1"),
        (0.01, -1e-3, "L2 regularization factor"),
    ],
)
def test_check_training_refuses_bad_values(learning_rate, l2, message):
    with pytest.raises(ValueError, match=message):
        check_training(learning_rate, l2)


@pytest.mark.parametrize(
    "config",
    [
        dict(hidden_layers=0, units=0, activation="relu", learning_rate=0.1, l2=0.0),
        dict(hidden_layers=1, units=4, activation="tanh", learning_rate=0.03, l2=0.0),
        dict(hidden_layers=3, units=2, activation="sigmoid", learning_rate=0.001, l2=0.01),
    ],
)
def test_keras_code_rebuilds_the_same_model(config):
    namespace = {}
    exec(keras_code(**config), namespace)  # the exported source runs on its own
    exported, built = namespace["model"], build_model(**config)
    sizes = layer_sizes(config["hidden_layers"], config["units"])
    assert [units for units, *_ in _dense_summary(exported)] == sizes
    assert _dense_summary(exported) == _dense_summary(built)
    assert exported.count_params() == built.count_params()
    for model in (exported, built):
        assert float(model.optimizer.learning_rate) == pytest.approx(config["learning_rate"])
        assert model.loss == "binary_crossentropy"


def test_build_model_is_seeded_and_regularized():
    a, b = build_model(2, 3, seed=4), build_model(2, 3, seed=4)
    for wa, wb in zip(a.get_weights(), b.get_weights(), strict=True):
        np.testing.assert_array_equal(wa, wb)
    assert not np.allclose(a.get_weights()[0], build_model(2, 3, seed=5).get_weights()[0])
    assert a.count_params() == (2 * 3 + 3) + (3 * 3 + 3) + (3 + 1)
    regularized = build_model(1, 2, l2=0.1)
    assert regularized.layers[0].kernel_regularizer.l2 == pytest.approx(0.1)


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid"])
def test_numpy_forward_equals_keras(activation):
    model = build_model(2, 5, activation=activation, seed=1)
    X = np.random.default_rng(0).normal(size=(30, 2)).astype("float32")
    outputs = forward(model.get_weights(), activation, X)
    assert [o.shape for o in outputs] == [(30, 5), (30, 5), (30,)]
    np.testing.assert_allclose(outputs[-1], model.predict(X, verbose=0)[:, 0], rtol=1e-5, atol=1e-6)
    first = keras.ops.convert_to_numpy(model.layers[0](X))
    np.testing.assert_allclose(outputs[0], first, rtol=1e-5, atol=1e-6)


def test_grids():
    X = np.array([[0.0, 0.0], [1.0, 2.0]])
    xx, yy, points = input_grid(X, resolution=7, margin=0.5)
    assert xx.shape == (7, 7) and points.shape == (49, 2)
    assert xx.min() == -0.5 and xx.max() == 1.5 and yy.min() == -0.5 and yy.max() == 2.5
    model = build_model(1, 3, activation="tanh")
    weights = model.get_weights()
    proba = decision_grid(weights, "tanh", xx, yy)
    assert proba.shape == (7, 7) and ((proba > 0) & (proba < 1)).all()
    np.testing.assert_allclose(
        proba.ravel(), model.predict(points.astype("float32"), verbose=0)[:, 0], rtol=1e-5
    )
    units = hidden_unit_grids(weights, "tanh", xx, yy)
    assert units.shape == (3, 7, 7)
    np.testing.assert_allclose(
        units[:, 2, 3], np.tanh(points[2 * 7 + 3] @ weights[0] + weights[1]), rtol=1e-6
    )
    assert hidden_unit_grids(build_model(0, 0).get_weights(), "tanh", xx, yy).shape == (0, 7, 7)
    with pytest.raises(ValueError, match="resolution"):
        input_grid(X, resolution=1)


def test_binary_cross_entropy_equals_keras():
    y = np.array([0, 1, 1, 0, 1])
    p = np.array([0.1, 0.8, 0.999, 0.4, 0.0])  # 0 is clipped, as Keras clips it
    expected = float(keras.losses.BinaryCrossentropy()(y.astype("float32"), p.astype("float32")))
    assert binary_cross_entropy(y, p) == pytest.approx(expected, rel=1e-4)


def test_playground_data():
    (X, y), (X_test, y_test) = playground_data("moons", 0.2)
    assert X.shape == (225, 2) and X_test.shape == (75, 2) and set(np.unique(y)) == {0, 1}
    with pytest.raises(ValueError, match="Unknown data set 'swirls'"):
        playground_data("swirls", 0.1)
    with pytest.raises(ValueError, match="noise must be a number from 0 to 0.5"):
        playground_data("moons", 0.9)


# -- the widget -----------------------------------------------------------------------------------------------------
def test_playground_trains_with_the_button_and_keeps_weights_on_a_new_learning_rate():
    pg = Playground("circles", hidden_layers=1, units=3, activation="tanh", learning_rate=0.05, epochs=10)
    assert pg.epoch == 0 and "not trained yet" in pg.status.value and pg.error is None
    assert "keras.Sequential" in pg.code_view.value
    before = bytes(pg.image.value)
    pg.epochs.value = 12
    pg.train_button.click()
    assert pg.epoch == 12 and len(pg.history["test"]) == 12 and "epoch 12" in pg.status.value
    assert pg.history["train"][-1] < pg.history["train"][0]
    assert bytes(pg.image.value) != before and bytes(pg.image.value).startswith(b"\x89PNG")
    weights = pg.model.get_weights()
    pg.learning_rate.value = 0.1  # a new step size, same model
    assert pg.epoch == 12 and float(pg.model.optimizer.learning_rate) == pytest.approx(0.1)
    np.testing.assert_array_equal(pg.model.get_weights()[0], weights[0])
    assert 0 <= pg.accuracy("train") <= 1


def test_playground_architecture_and_data_changes_start_afresh():
    pg = Playground("moons", hidden_layers=1, units=2)
    pg.train(2, redraws=1)
    old = pg.data[0][0].copy()
    pg.dataset.value = "spirals"  # new data: the same architecture starts again from initial weights
    assert pg.epoch == 0 and not np.array_equal(pg.data[0][0], old)
    pg.train(1, redraws=1)
    pg.units.value = 6  # a new architecture
    assert pg.epoch == 0 and pg.model.count_params() == (2 * 6 + 6) + (6 + 1)
    spirals = pg.data[0][0].copy()
    pg.noise.value = 0.3
    assert pg.epoch == 0 and pg.error is None and not np.array_equal(pg.data[0][0], spirals)
    with pg.hold():
        pg.hidden_layers.value, pg.units.value, pg.activation.value, pg.l2.value = 2, 8, "relu", 1e-3
    namespace = {}
    exec(pg.keras_code(), namespace)
    assert [layer.units for layer in namespace["model"].layers] == [8, 8, 1]
    assert "L2(0.001)" in pg.keras_code() and 'activation="relu"' in pg.keras_code()
    assert "L2(0.001)" in pg.code_view.value


def test_playground_reports_zero_units_and_recovers():
    pg = Playground("xor", hidden_layers=0, units=0, epochs=10)
    assert pg.error is None and pg.units.disabled and pg.model.count_params() == 3
    pg.hidden_layers.value = 2
    assert "at least one unit" in pg.error and "Cannot draw this" in pg.status.value
    pg.train_button.click()  # nothing to train: the error stays on show
    assert pg.epoch == 0 and "at least one unit" in pg.error
    pg.hidden_layers.value = 0  # logistic regression needs no units
    assert pg.error is None and pg.model.count_params() == 3
    pg.train(2, redraws=1)
    assert pg.epoch == 2 and "epoch 2" in pg.status.value


def test_playground_reset_draws_new_weights():
    pg = Playground("blobs", hidden_layers=1, units=2, seed=3)
    pg.train(2, redraws=1)
    first = pg.model.get_weights()[0]
    pg.reset_button.click()
    assert pg.seed == 4 and pg.epoch == 0 and not np.allclose(pg.model.get_weights()[0], first)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(learning_rate=0.0), "positive number"),
        (dict(learning_rate=-0.01), "positive number"),
        (dict(hidden_layers=2, units=0), "at least one unit"),
        (dict(dataset="swirls"), "Unknown data set"),
        (dict(activation="softmax"), "Unknown activation"),
        (dict(l2=0.5), "l2 must be one of"),
        (dict(epochs=0), "epochs"),
        (dict(noise=-0.1), "noise"),
    ],
)
def test_playground_refuses_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Playground(**kwargs)
