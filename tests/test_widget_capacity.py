"""CapacityExplorer: its pure functions (data, features, closed-form gradient descent) and its callbacks."""

import numpy as np
import pytest

from dlbook.plotting import figure_to_png
from dlbook.widgets import base
from dlbook.widgets.capacity import (
    CAPACITIES,
    EPOCHS,
    MAX_EPOCHS,
    MAX_HIDDEN,
    MAX_TRAIN,
    N_VALIDATION,
    CapacityExplorer,
    capacity_curve,
    epoch_index,
    gradient_descent_curves,
    make_data,
    mse_curves,
    polynomial_features,
    target_function,
    training_run,
)
from dlbook.widgets.gallery import stub_png


@pytest.fixture(autouse=True)
def _no_png(monkeypatch):
    stub_png(monkeypatch)  # these tests look at no pixels (test_widget_contract.py checks the PNG)


# -- pure functions -------------------------------------------------------------------------------------------------
def test_target_function():
    np.testing.assert_allclose(target_function([0.0, 0.5]), [0.0, np.sin(1.5) + 0.5 * np.sin(3.5)])


def test_data_are_nested_and_the_validation_set_is_fixed():
    x_small, y_small, x_val, y_val = make_data(10)
    x_large, y_large, x_val2, y_val2 = make_data(MAX_TRAIN)
    assert x_small.shape == y_small.shape == (10,) and x_val.shape == y_val.shape == (N_VALIDATION,)
    np.testing.assert_array_equal(x_large[:10], x_small)
    np.testing.assert_array_equal(y_large[:10], y_small)
    np.testing.assert_array_equal(x_val, x_val2)
    np.testing.assert_array_equal(y_val, y_val2)
    assert -1 <= x_large.min() and x_large.max() <= 1
    assert np.max(np.diff(np.sort(make_data(20)[0]))) < 0.2  # the golden-ratio sequence leaves no wide gap
    residual = y_large - target_function(x_large)
    assert 0.25 < residual.std() < 0.35  # the label noise has standard deviation 0.3


@pytest.mark.parametrize("n", [1, MAX_TRAIN + 1, 2.5, True, "10"])
def test_data_refuses_a_bad_size(n):
    with pytest.raises(ValueError, match="number of training points must be a whole number"):
        make_data(n)


def test_polynomial_features_are_legendre_units_and_nested():
    x = np.array([-1.0, 0.0, 0.5, 1.0])
    features = polynomial_features(x, 3)
    assert features.shape == (4, 4)
    np.testing.assert_allclose(features[:, 0], 1.0)
    np.testing.assert_allclose(features[:, 1], x)
    np.testing.assert_allclose(features[:, 2], (3 * x**2 - 1) / 2)
    np.testing.assert_allclose(features[:, 3], (5 * x**3 - 3 * x) / 2)
    np.testing.assert_allclose(polynomial_features(x, 10)[:, :4], features)


@pytest.mark.parametrize("h", [0, MAX_HIDDEN + 1, 3.0])
def test_features_refuse_a_bad_width(h):
    with pytest.raises(ValueError, match="number of hidden units"):
        polynomial_features(np.zeros(3), h)


def _gradient_descent_by_hand(features, y, lam, steps):
    """Full-batch gradient descent written as a loop, with the step size the closed form uses."""
    n, p = features.shape
    penalty = np.ones(p)
    penalty[0] = 0.0
    a_max = np.linalg.eigvalsh(features.T @ features / n + lam * np.diag(penalty)).max()
    learning_rate, w, out = 1 / (2 * a_max), np.zeros(p), {}
    for t in range(1, max(steps) + 1):
        gradient = 2 * features.T @ (features @ w - y) / n + 2 * lam * penalty * w
        w = w - learning_rate * gradient
        if t in steps:
            out[t] = w.copy()
    return np.array([out[t] for t in steps])


@pytest.mark.parametrize("lam", [0.0, 1e-3, 0.5])
def test_closed_form_equals_the_gradient_descent_loop(lam):
    x, y, _, _ = make_data(12)
    features = polynomial_features(x, 15)  # more units than points: some directions have eigenvalue 0
    steps = [1, 2, 7, 60, 400]
    np.testing.assert_allclose(
        gradient_descent_curves(features, y, lam, steps),
        _gradient_descent_by_hand(features, y, lam, steps),
        rtol=1e-7,
        atol=1e-9,
    )


def test_long_training_reaches_the_ridge_solution():
    x, y, _, _ = make_data(200)
    features, lam = polynomial_features(x, 5), 1e-2
    penalty = np.diag([0.0, 1, 1, 1, 1, 1])
    ridge = np.linalg.solve(features.T @ features / 200 + lam * penalty, features.T @ y / 200)
    np.testing.assert_allclose(gradient_descent_curves(features, y, lam, [10**9])[0], ridge, rtol=1e-8)


def test_zero_steps_and_zero_features():
    features = polynomial_features(np.linspace(-1, 1, 5), 2)
    np.testing.assert_allclose(gradient_descent_curves(features, np.ones(5), 0.1, [0]), 0.0)
    np.testing.assert_allclose(gradient_descent_curves(np.zeros((5, 3)), np.ones(5), 0.0, [3, 4]), 0.0)


@pytest.mark.parametrize("lam", [-1.0, float("nan"), float("inf"), "big"])
def test_gradient_descent_refuses_a_bad_lambda(lam):
    with pytest.raises(ValueError, match="L2 strength"):
        gradient_descent_curves(np.ones((3, 2)), np.ones(3), lam, [1])


@pytest.mark.parametrize("epochs", [[], [-1], [float("nan")]])
def test_gradient_descent_refuses_bad_epochs(epochs):
    with pytest.raises(ValueError, match="epochs must be"):
        gradient_descent_curves(np.ones((3, 2)), np.ones(3), 0.1, epochs)


def test_gradient_descent_refuses_mismatched_shapes():
    with pytest.raises(ValueError, match="one row per target"):
        gradient_descent_curves(np.ones((3, 2)), np.ones(4), 0.1, [1])


def test_mse_curves():
    features = np.array([[1.0, 0.0], [1.0, 1.0]])
    weights = np.array([[0.0, 0.0], [1.0, 1.0]])
    np.testing.assert_allclose(mse_curves(weights, features, np.array([1.0, 2.0])), [2.5, 0.0])


def test_epoch_index():
    assert EPOCHS[epoch_index(1)] == 1 and EPOCHS[epoch_index(MAX_EPOCHS)] == MAX_EPOCHS
    assert abs(np.log(EPOCHS[epoch_index(300)] / 300)) < 0.1
    for bad in (0, MAX_EPOCHS + 1, 2.5):
        with pytest.raises(ValueError, match="number of epochs"):
            epoch_index(bad)


def test_overfitting_and_its_cures():
    train, val, weights = training_run(15, 20, 1e-6)
    assert train.shape == val.shape == EPOCHS.shape and weights.shape == (len(EPOCHS), 16)
    assert train[-1] < 0.02 and val[-1] > 1.0  # trained long, 15 units on 20 points: memorises the noise
    assert val.min() < 0.15  # ... while the best epoch is close to the noise floor 0.09
    assert training_run(15, 20, 1e-1)[1][-1] < 0.5  # a penalty tames it
    assert training_run(15, 500, 1e-6)[1][-1] < 0.12  # so does more data
    capacity_train, capacity_val = capacity_curve(20, 1e-6, MAX_EPOCHS)
    assert capacity_train.shape == capacity_val.shape == (len(CAPACITIES),)
    assert capacity_train[-1] < 1e-6 < capacity_train[0]  # 60 units pass through all 20 points
    assert capacity_val[CAPACITIES.index(15)] > 10 * capacity_val[-1]  # the double-descent peak


# -- the widget -----------------------------------------------------------------------------------------------------
def test_explorer_starts_overfitted_and_the_sliders_cure_it():
    explorer = CapacityExplorer()
    assert explorer.error is None and bytes(explorer.image.value).startswith(b"\x89PNG")
    assert "15 hidden units, 20 training points" in explorer.status.value
    before = explorer.image.value
    explorer.epochs.value = 15  # early stopping by hand: near the best epoch
    assert explorer.error is None and "validation MSE 0.09" in explorer.status.value  # near the noise floor
    assert bytes(explorer.image.value) != bytes(before)
    with explorer.hold():  # several controls at once: one redraw
        explorer.epochs.value, explorer.lam.value, explorer.n_train.value, explorer.n_hidden.value = (
            1e5,
            1e-1,
            50,
            60,
        )
    assert explorer.settings() == (60, 50, pytest.approx(0.1), 100_000) and explorer.error is None
    assert "60 hidden units, 50 training points" in explorer.status.value


def test_explorer_reports_an_impossible_value_and_recovers():
    explorer = CapacityExplorer(n_hidden=3, n_train=30, lam=1e-3, epochs=1000)
    explorer.epochs.value = float("nan")
    assert "Cannot draw this" in explorer.status.value and "number of epochs" in explorer.error
    explorer.epochs.value = 100
    assert explorer.error is None
    explorer.lam.value = float("nan")
    assert "L2 strength" in explorer.error


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(n_hidden=0), "n_hidden"),
        (dict(n_hidden=MAX_HIDDEN + 1), "n_hidden"),
        (dict(n_train=4), "n_train"),
        (dict(lam=-1.0), "L2 strength"),
        (dict(lam=100.0), "between 1e-7 and 10"),
        (dict(epochs=0), "epochs"),
        (dict(epochs=2.5), "epochs"),
    ],
)
def test_explorer_refuses_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        CapacityExplorer(**kwargs)


def test_a_slider_change_refreshes_the_figure_to_what_a_fresh_draw_shows(monkeypatch):
    monkeypatch.setattr(base, "figure_to_png", figure_to_png)  # this test compares pixels
    explorer = CapacityExplorer()
    drawn = []
    monkeypatch.setattr(
        explorer, "draw", lambda figure: drawn.append(figure) or CapacityExplorer.draw(explorer, figure)
    )
    for control, value in [(explorer.epochs, 100), (explorer.n_train, 200), (explorer.lam, 1e-2)]:
        control.value = value
        refreshed = bytes(explorer.image.value)
        assert not drawn and explorer.error is None
        explorer._stale = True  # the same state drawn afresh: the very same picture
        explorer.update()
        assert len(drawn) == 1 and bytes(explorer.image.value) == refreshed, control.description
        drawn.clear()
