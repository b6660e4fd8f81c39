"""GateViewer: the NumPy LSTM against keras.layers.LSTM, the hand-set adding LSTM, and the viewer's callbacks."""

import keras
import numpy as np
import pytest

from dlbook.data import load_adding_problem
from dlbook.widgets.gallery import refreshed_and_fresh, stub_png
from dlbook.widgets.gates import (
    ALL_UNITS,
    GateViewer,
    hand_set_lstm,
    lstm_gates,
    marked_steps,
    memory_unit,
    sigmoid,
)


@pytest.fixture(autouse=True)
def _no_png(monkeypatch):
    stub_png(monkeypatch)  # these tests look at no pixels (test_widget_contract.py checks the PNG)


def _random_weights(features, units, seed=0):
    rng = np.random.default_rng(seed)
    return (
        rng.normal(0, 0.5, (features, 4 * units)),
        rng.normal(0, 0.5, (units, 4 * units)),
        rng.normal(0, 0.5, 4 * units),
    )


def _keras_lstm(weights, x, initial_state=None):
    features, units = weights[0].shape[0], weights[1].shape[0]
    layer = keras.layers.LSTM(units, return_sequences=True, return_state=True)
    layer.build((None, None, features))
    layer.set_weights([w.astype("float32") for w in weights])
    out = layer(x.astype("float32"), initial_state=initial_state)
    return [keras.ops.convert_to_numpy(a) for a in out]


# -- pure functions -------------------------------------------------------------------------------------------------
def test_sigmoid_is_stable_and_exact():
    z = np.linspace(-30, 30, 61)
    np.testing.assert_allclose(sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-12)
    with np.errstate(over="raise"):
        np.testing.assert_array_equal(sigmoid([-1000.0, 1000.0]), [0.0, 1.0])


def test_lstm_gates_equal_keras():
    weights = _random_weights(3, 5)
    x = np.random.default_rng(1).normal(size=(4, 7, 3))
    i, f, g, o, c, h = lstm_gates(x, *weights)
    sequence, h_last, c_last = _keras_lstm(weights, x)
    np.testing.assert_allclose(h, sequence, atol=1e-5)
    np.testing.assert_allclose(h[:, -1], h_last, atol=1e-5)
    np.testing.assert_allclose(c[:, -1], c_last, atol=1e-5)
    for gate in (i, f, o):
        assert gate.shape == (4, 7, 5) and (gate > 0).all() and (gate < 1).all()
    c_prev = np.concatenate([np.zeros((4, 1, 5)), c[:, :-1]], axis=1)  # the update rules hold at every step
    np.testing.assert_allclose(c, f * c_prev + i * g)
    np.testing.assert_allclose(h, o * np.tanh(c))


def test_lstm_gates_from_an_initial_state_and_for_one_sequence():
    weights = _random_weights(2, 3, seed=2)
    rng = np.random.default_rng(3)
    x, h0, c0 = rng.normal(size=(2, 6, 2)), rng.normal(size=(2, 3)), rng.normal(size=(2, 3))
    *_, c, h = lstm_gates(x, *weights, h0=h0, c0=c0)
    sequence, _, c_last = _keras_lstm(weights, x, initial_state=[h0.astype("float32"), c0.astype("float32")])
    np.testing.assert_allclose(h, sequence, atol=1e-5)
    np.testing.assert_allclose(c[:, -1], c_last, atol=1e-5)
    single = lstm_gates(x[1], *weights, h0=h0[1], c0=c0[1])
    assert all(a.shape == (6, 3) for a in single)
    np.testing.assert_allclose(single[5], h[1])


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda w: (w[0][:, :-1], w[1], w[2]), "kernel must have shape"),
        (lambda w: (w[0], w[1][:, :5], w[2]), "recurrent_kernel must have shape"),
        (lambda w: (w[0], w[1], w[2][:4]), "bias must have shape"),
        (lambda w: (w[0], w[1], np.full_like(w[2], np.nan)), "bias contains NaN"),
    ],
)
def test_lstm_gates_refuse_bad_weights(change, message):
    with pytest.raises(ValueError, match=message):
        lstm_gates(np.zeros((5, 2)), *change(_random_weights(2, 3)))


@pytest.mark.parametrize(
    "x, message",
    [
        (np.zeros((5, 4)), "x has 4 features per step, but the kernel expects 2"),
        (np.zeros(5), "x must have shape"),
        (np.zeros((1, 0, 2)), "x must have shape"),
        (np.full((3, 2), np.inf), "NaN or infinite"),
    ],
)
def test_lstm_gates_refuse_bad_inputs(x, message):
    with pytest.raises(ValueError, match=message):
        lstm_gates(x, *_random_weights(2, 3))


def test_hand_set_lstm_solves_the_adding_problem():
    (X, y), _ = load_adding_problem(n_samples=400, length=80, seed=4)
    kernel, recurrent_kernel, bias, readout_kernel, readout_bias = hand_set_lstm()
    i, f, _, _, c, h = lstm_gates(X, kernel, recurrent_kernel, bias)
    prediction = (h[:, -1] @ readout_kernel + readout_bias).ravel()
    assert np.mean((prediction - y) ** 2) < 1e-3  # the trivial guess scores about 0.17
    marks = X[:, :, 1] > 0.5
    assert (i[marks] > 0.99).all() and (i[~marks] < 1e-4).all() and (f > 0.9999).all()
    sequence, *_ = _keras_lstm((kernel, recurrent_kernel, bias), X[:5])
    np.testing.assert_allclose(h[:5], sequence, atol=1e-6)


@pytest.mark.parametrize("scale", [0.0, -1.0, 2.0, float("nan")])
def test_hand_set_lstm_refuses_a_bad_scale(scale):
    with pytest.raises(ValueError, match="scale must be a positive number"):
        hand_set_lstm(scale)


def test_memory_unit_and_marked_steps():
    rng = np.random.default_rng(5)
    y = rng.uniform(0, 2, 30)
    c_final = np.column_stack([rng.normal(size=30), np.ones(30), -3 * y + 0.01 * rng.normal(size=30)])
    assert memory_unit(c_final, y) == 2  # a negative correlation counts as much as a positive one
    assert memory_unit(np.ones((30, 2)), y) == 0  # constant states: no correlation, no crash
    with pytest.raises(ValueError, match="one target per example"):
        memory_unit(c_final, y[:-1])
    x = np.zeros((10, 2))
    x[[2, 7], 1] = 1.0
    np.testing.assert_array_equal(marked_steps(x), [2, 7])


# -- the widget -----------------------------------------------------------------------------------------------------
def test_viewer_with_the_hand_set_lstm():
    viewer = GateViewer()
    assert viewer.error is None and viewer.units == 1 and viewer.unit.value == 0
    assert "jumps by" in viewer.status.value and "hand-set" in viewer.status.value
    assert np.mean((viewer.predictions - viewer.y) ** 2) < 1e-3
    before = bytes(viewer.image.value)
    viewer.index.value = 3
    assert viewer.error is None and bytes(viewer.image.value) != before
    marks = marked_steps(viewer.X[3]).tolist()
    assert str(marks) in viewer.status.value


def test_viewer_with_given_weights_switches_views():
    weights = _random_weights(2, 4, seed=6)
    _, (X, y) = load_adding_problem(n_samples=40, length=20, seed=6)
    readout = (np.ones((4, 1)), np.zeros(1))
    viewer = GateViewer(weights, X, y, readout=readout, index=2)
    assert viewer.source == "trained LSTM" and viewer.unit.value == viewer.memory
    np.testing.assert_allclose(viewer.predictions, lstm_gates(X, *weights)[5][:, -1].sum(axis=1))
    viewer.unit.value = ALL_UNITS
    assert viewer.error is None and "4 units" in viewer.status.value and "memory unit" in viewer.status.value
    viewer.unit.value = 1
    assert viewer.error is None and "unit 1" in viewer.status.value
    assert [label for label, _ in viewer.unit.options][0].startswith("all units")


def test_viewer_computes_targets_when_none_are_given():
    _, (X, y) = load_adding_problem(n_samples=20, length=10, seed=7)
    viewer = GateViewer(hand_set_lstm()[:3], X)
    np.testing.assert_allclose(viewer.y, y, rtol=1e-6)
    assert viewer.predictions is None and "predicts" not in viewer.status.value


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(weights=[np.zeros((2, 4))]), "three arrays"),
        (dict(readout=(np.ones((1, 1)), np.zeros(1))), "readout only together"),
        (dict(y=np.ones(3)), "y only together"),
        (dict(weights=hand_set_lstm()[:3], X=np.zeros((3, 5, 3))), r"shape \(examples, T, 2\)"),
        (dict(weights=hand_set_lstm()[:3], X=np.zeros((3, 5, 2)), y=np.ones(2)), "one target per sequence"),
        (
            dict(weights=hand_set_lstm()[:3], X=np.zeros((3, 5, 2)), readout=(np.ones((2, 1)), np.zeros(1))),
            "Dense\\(1\\) layer's weights",
        ),
        (dict(index=20), "index must be a whole number from 0 to 19"),
        (dict(index=-1), "index must be a whole number"),
        (dict(unit=1), "unit must be a whole number from -1 to 0"),
    ],
)
def test_viewer_refuses_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        GateViewer(**kwargs)


def test_viewer_reports_an_impossible_unit():
    viewer = GateViewer()
    viewer.unit.options = [("unit 5", 5)]  # a dropdown cannot offer this; a script might
    assert "Cannot draw this" in viewer.status.value and "no unit 5" in viewer.error


def test_site_build_steps_through_examples_and_views(monkeypatch):
    monkeypatch.setenv("DLBOOK_SITE_BUILD", "1")
    weights = _random_weights(2, 3, seed=8)
    _, (X, y) = load_adding_problem(n_samples=40, length=12, seed=8)
    viewer = GateViewer(weights, X, y, index=1)
    name, states = viewer.static_states()
    assert name == "view" and [label for label, _ in states] == [
        f"example {k}, unit {viewer.memory}" for k in (1, 2, 3)
    ] + ["example 3, all units"]
    html = viewer._repr_mimebundle_()["text/html"]
    assert html.count("<img") == 4 and 'type="range"' in html
    assert viewer.index.value == 1 and viewer.unit.value == viewer.memory  # restored


def test_examples_and_views_refresh_the_figure_and_show_what_a_fresh_draw_shows(monkeypatch):
    for viewer, changes in (
        (GateViewer(unit=0), [("index", 3), ("index", 7)]),
        (GateViewer(unit=ALL_UNITS), [("index", 3), ("unit", 0), ("index", 7), ("unit", ALL_UNITS)]),
        (
            GateViewer(_random_weights(2, 3), unit=0),
            [("index", 3), ("unit", 1), ("unit", ALL_UNITS), ("index", 7), ("unit", 2)],
        ),
    ):
        quick, fresh = refreshed_and_fresh(monkeypatch, viewer, changes)
        assert (np.abs(quick - fresh).max(axis=2) > 30).mean() < 0.002
