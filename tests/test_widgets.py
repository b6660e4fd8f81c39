"""The widgets' pure functions, and their callbacks driven by setting control values as a learner would."""

import keras
import numpy as np
import pytest

from dlbook.activations import ACTIVATIONS, activation, activation_derivative, saturation_regions
from dlbook.widgets import ActivationExplorer, PerceptronExplorer
from dlbook.widgets.gallery import stub_png
from dlbook.widgets.perceptron import perceptron_dataset, perceptron_output, perceptron_rule_step


@pytest.fixture(autouse=True)
def _no_png(monkeypatch):
    stub_png(monkeypatch)  # these tests look at no pixels (test_widget_contract.py checks the PNG)


# -- perceptron: pure functions -------------------------------------------------------------------------------------
def test_perceptron_output_is_strict():
    X = np.array([[1.0, 1.0], [2.0, 0.0], [0.0, 0.0]])
    np.testing.assert_array_equal(perceptron_output(X, np.array([1.0, -1.0]), 0.0), [0, 1, 0])


def test_rule_step_updates_the_first_wrong_point_from_start():
    X, y = perceptron_dataset("AND")
    w, b, i = perceptron_rule_step(X, y, np.zeros(2), 0.0, learning_rate=1.0)
    assert i == 3 and np.array_equal(w, [1.0, 1.0]) and b == 1.0
    w, b, i = perceptron_rule_step(X, y, w, b, learning_rate=1.0, start=1)
    assert i == 1 and np.array_equal(w, [1.0, 0.0]) and b == 0.0


@pytest.mark.parametrize("name", ["blobs", "AND", "OR"])
def test_rule_converges_on_separable_data(name):
    X, y = perceptron_dataset(name)
    w, b, i, start = np.zeros(2), 0.0, 0, 0
    for _ in range(1000):
        w, b, i = perceptron_rule_step(X, y, w, b, 1.0, start)
        if i is None:
            break
        start = i + 1
    assert i is None and np.array_equal(perceptron_output(X, w, b), y)


def test_rule_never_converges_on_xor():
    X, y = perceptron_dataset("XOR")
    w, b, start = np.zeros(2), 0.0, 0
    for _ in range(500):
        w, b, i = perceptron_rule_step(X, y, w, b, 1.0, start)
        assert i is not None
        start = i + 1


@pytest.mark.parametrize("learning_rate", [0.0, -1.0, float("nan")])
def test_rule_refuses_a_bad_learning_rate(learning_rate):
    X, y = perceptron_dataset("AND")
    with pytest.raises(ValueError, match="learning rate must be a positive number"):
        perceptron_rule_step(X, y, np.zeros(2), 0.0, learning_rate)


# -- perceptron: the widget -----------------------------------------------------------------------------------------
def test_explorer_sliders_move_the_line():
    explorer = PerceptronExplorer("AND", w=(0.0, 0.0), b=0.0)
    assert explorer.misclassified() == 1 and "1 misclassified" in explorer.status.value
    before = explorer.image.value
    with explorer.hold():
        explorer.w1.value, explorer.w2.value, explorer.b.value = 1.0, 1.0, -1.5
    assert explorer.misclassified() == 0 and "converged" in explorer.status.value
    assert bytes(explorer.image.value) != bytes(before) and bytes(explorer.image.value).startswith(b"\x89PNG")


def test_explorer_learns_step_by_step_and_resets():
    explorer = PerceptronExplorer("OR", w=(0.0, 0.0), b=0.0, learning_rate=1.0)
    for _ in range(50):
        if explorer.learn_step() is None:
            break
    assert explorer.misclassified() == 0 and explorer.last_updated is None
    explorer.reset()
    assert (explorer.w1.value, explorer.w2.value, explorer.b.value) == (0.0, 0.0, 0.0)


def test_explorer_button_and_dataset_dropdown():
    explorer = PerceptronExplorer("blobs", w=(0.5, -1.0))
    assert explorer.misclassified() > 0
    explorer.step_button.click()
    assert explorer.last_updated is not None and explorer.w1.value != 0.5
    explorer.dataset.value = "XOR"  # a new data set starts afresh from the initial weights
    assert explorer.last_updated is None and (explorer.w1.value, explorer.w2.value) == (0.5, -1.0)
    assert explorer.error is None and "misclassified" in explorer.status.value
    assert explorer.figure.axes[0].get_title().startswith("XOR:")


def test_explorer_widens_a_slider_instead_of_clipping():
    explorer = PerceptronExplorer("blobs", w=(0.0, 0.0), b=0.0, learning_rate=10.0)
    explorer.learn_step()
    assert max(abs(explorer.w1.value), abs(explorer.w2.value), abs(explorer.b.value)) > 4
    assert explorer.w1.max >= abs(explorer.w1.value)


def test_explorer_refuses_an_unknown_dataset():
    with pytest.raises(ValueError, match="Unknown data set 'NAND'"):
        PerceptronExplorer("NAND")


# -- activations: pure functions ------------------------------------------------------------------------------------
_KERAS = {
    "sigmoid": keras.activations.sigmoid,
    "tanh": keras.activations.tanh,
    "relu": keras.activations.relu,
    "leaky_relu": lambda x: keras.activations.leaky_relu(x, negative_slope=0.1),
    "elu": lambda x: keras.activations.elu(x, alpha=0.1),
    "gelu": lambda x: keras.activations.gelu(x, approximate=False),
    "softplus": keras.activations.softplus,
}


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_activations_equal_keras(name):
    x = np.linspace(-6, 6, 241).astype("float32")
    expected = keras.ops.convert_to_numpy(_KERAS[name](keras.ops.convert_to_tensor(x)))
    np.testing.assert_allclose(activation(name, x, alpha=0.1), expected, atol=1e-6)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_derivatives_equal_finite_differences(name):
    x = np.linspace(-5, 5, 200)  # even count: never exactly 0, where ReLU's kink is
    slope = (activation(name, x + 1e-6) - activation(name, x - 1e-6)) / 2e-6
    np.testing.assert_allclose(activation_derivative(name, x), slope, atol=1e-6)


def test_saturation_regions():
    x = np.linspace(-10, 10, 2001)
    regions = saturation_regions(x, activation_derivative("sigmoid", x), threshold=0.05)
    assert len(regions) == 2
    (a, b), (c, d) = regions
    assert a == -10 and d == 10 and -2.9 < b < -2.85 and 2.85 < c < 2.9  # sigmoid′(±2.89) = 0.05
    ((start, end),) = saturation_regions(x, activation_derivative("relu", x))
    assert start == -10 and 0 < end <= 0.011  # flat up to and including x = 0, where ReLU′ is taken as 0
    assert saturation_regions(x, np.ones_like(x)) == []


def test_unknown_activation():
    with pytest.raises(ValueError, match="Unknown activation 'swish'"):
        activation("swish", 0.0)


# -- activations: the widget ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_activation_explorer_draws_every_activation(name):
    explorer = ActivationExplorer()
    explorer.name.value = name
    assert explorer.error is None and "saturated" in explorer.status.value
    assert explorer.alpha.disabled == (name not in {"leaky_relu", "elu"})


def test_activation_explorer_reports_an_impossible_range_and_recovers():
    explorer = ActivationExplorer("tanh")
    explorer.x_min.value = 8.0
    assert "Cannot draw this" in explorer.status.value and "smaller to a larger" in explorer.error
    explorer.x_min.value = -8.0
    assert explorer.error is None
    explorer.x_max.value = 1e9
    assert "too wide" in explorer.error
    explorer.x_max.value = float("nan")
    assert explorer.error is not None


def test_activation_explorer_threshold_changes_the_shading():
    explorer = ActivationExplorer("sigmoid", x_range=(-6, 6))
    explorer.threshold.value = 1e-4
    low = explorer.status.value
    explorer.threshold.value = 0.2
    assert low != explorer.status.value


def test_activation_explorer_refuses_an_unknown_name():
    with pytest.raises(ValueError, match="Choose one of"):
        ActivationExplorer("swish")


# -- the website's view ---------------------------------------------------------------------------------------------
def test_site_build_precomputes_states_and_restores_the_widget(monkeypatch):
    explorer = PerceptronExplorer("AND", w=(0.0, 0.0), b=0.0, learning_rate=1.0)
    explorer.learn_step()
    before = (explorer.weights.tolist(), explorer.b.value, explorer.last_updated, explorer._next)
    monkeypatch.setenv("DLBOOK_SITE_BUILD", "1")
    html = explorer._repr_mimebundle_()["text/html"]
    assert html.count("<img") >= 3 and 'type="range"' in html and "after 1 step" in html
    assert (explorer.weights.tolist(), explorer.b.value, explorer.last_updated, explorer._next) == before


def test_site_build_shows_every_activation(monkeypatch):
    monkeypatch.setenv("DLBOOK_SITE_BUILD", "1")
    explorer = ActivationExplorer("relu")
    html = explorer._repr_mimebundle_()["text/html"]
    assert html.count("<img") == len(ACTIVATIONS) and "<output>relu</output>" in html
    assert explorer.name.value == "relu"
