"""BackpropGraph: its forward and backward pass against finite differences, and its controls driven as a learner would."""

import math

import numpy as np
import pytest

from dlbook.widgets.backprop import (
    DEFAULT_PARAMS,
    EDGES,
    NODES,
    PARAMS,
    SLIDER_PARAMS,
    BackpropGraph,
    backward,
    check_params,
    describe_step,
    forward,
    gradient_step,
    graph_layout,
    loss,
    revealed,
    schedule,
)
from dlbook.widgets.gallery import stub_png


@pytest.fixture(autouse=True)
def _no_png(monkeypatch):
    stub_png(monkeypatch)  # these tests look at no pixels (test_widget_contract.py checks the PNG)


RNG = np.random.default_rng(4)
CASES = [(DEFAULT_PARAMS, (0.8, -0.5), 0.5)] + [
    (
        dict(zip(PARAMS, RNG.normal(0, 1.5, len(PARAMS)), strict=True)),
        tuple(RNG.uniform(-2, 2, 2)),
        RNG.uniform(-2, 2),
    )
    for _ in range(5)
]


# -- pure functions -------------------------------------------------------------------------------------------------
def test_forward_by_hand():
    p = dict.fromkeys(PARAMS, 0.0) | {"w11": 1.0, "w22": 1.0, "v1": 2.0, "v2": -1.0, "c": 0.5}
    v = forward(p, (0.0, 0.0), target=1.0)
    assert v["h1"] == v["h2"] == 0.5  # sigmoid(0)
    assert v["y"] == pytest.approx(2 * 0.5 - 0.5 + 0.5) and v["L"] == pytest.approx(0.5 * (1.0 - 1.0) ** 2)
    v = forward(p, (1.0, -2.0), target=0.0)
    assert v["z1"] == 1.0 and v["z2"] == -2.0 and v["L"] == pytest.approx(0.5 * v["y"] ** 2)


@pytest.mark.parametrize("params, x, target", CASES)
def test_parameter_gradients_equal_finite_differences(params, x, target):
    grads = backward(params, forward(params, x, target), target)
    for name in PARAMS:
        up, down = dict(params), dict(params)
        up[name] += 1e-6
        down[name] -= 1e-6
        slope = (loss(up, x, target) - loss(down, x, target)) / 2e-6
        assert grads[name] == pytest.approx(slope, rel=1e-6, abs=1e-9), name


@pytest.mark.parametrize("params, x, target", CASES)
def test_node_gradients_equal_finite_differences(params, x, target):
    grads = backward(params, forward(params, x, target), target)
    for i in (0, 1):
        up, down = list(x), list(x)
        up[i] += 1e-6
        down[i] -= 1e-6
        slope = (loss(params, up, target) - loss(params, down, target)) / 2e-6
        assert grads[f"x{i + 1}"] == pytest.approx(slope, rel=1e-6, abs=1e-9)
    values = forward(params, x, target)
    assert grads["L"] == 1.0 and grads["y"] == pytest.approx(values["y"] - target)
    # moving the output by eps changes the loss by dL/dy * eps
    assert grads["y"] == pytest.approx(
        ((values["y"] + 1e-6 - target) ** 2 - (values["y"] - 1e-6 - target) ** 2) / 4e-6, rel=1e-6, abs=1e-9
    )


def test_sigmoid_is_stable_for_large_inputs():
    p = dict(DEFAULT_PARAMS, w11=3.0, w12=-3.0, b1=800.0, b2=-800.0)
    v = forward(check_params(p), (1.0, 1.0), 0.0)
    assert v["h1"] == 1.0 and v["h2"] == 0.0 and all(math.isfinite(value) for value in v.values())


def test_gradient_step_lowers_the_loss():
    params, x, target = CASES[1]
    before = loss(params, x, target)
    grads = backward(params, forward(params, x, target), target)
    assert loss(gradient_step(params, grads, 0.01), x, target) < before


@pytest.mark.parametrize("learning_rate", [0.0, -0.1, float("nan"), True])
def test_gradient_step_refuses_a_bad_learning_rate(learning_rate):
    grads = backward(DEFAULT_PARAMS, forward(DEFAULT_PARAMS, (0, 0), 0), 0)
    with pytest.raises(ValueError, match="learning rate must be a positive number"):
        gradient_step(DEFAULT_PARAMS, grads, learning_rate)


def test_check_params_errors():
    with pytest.raises(ValueError, match="Unknown parameter.*'w13'"):
        check_params(DEFAULT_PARAMS | {"w13": 1.0})
    with pytest.raises(ValueError, match="Missing parameter.*c"):
        check_params({k: v for k, v in DEFAULT_PARAMS.items() if k != "c"})
    with pytest.raises(ValueError, match="v1 must be a finite number"):
        check_params(DEFAULT_PARAMS | {"v1": float("inf")})
    with pytest.raises(ValueError, match="b1 must be a finite number"):
        check_params(DEFAULT_PARAMS | {"b1": "0.5"})


def test_schedule_and_revealed():
    steps = schedule()
    assert steps[:4] == [("forward", "h1"), ("forward", "h2"), ("forward", "y"), ("forward", "L")]
    assert [n for phase, n in steps if phase == "backward"] == list(reversed(NODES))
    assert revealed(0) == ({"x1", "x2"}, set())
    assert revealed(4) == (set(NODES), set())
    assert revealed(6) == (set(NODES), {"L", "y"})
    assert revealed(len(steps)) == (set(NODES), set(NODES))
    for bad in (-1, len(steps) + 1, 2.5, True):
        with pytest.raises(ValueError, match="whole number from 0 to 10"):
            revealed(bad)


def test_layout_and_descriptions():
    pos = graph_layout()
    assert set(pos) == set(NODES) and len(set(pos.values())) == len(NODES)
    assert all(pos[a][0] < pos[b][0] for a, b, _ in EDGES)  # every edge points to the right
    values = forward(DEFAULT_PARAMS, (0.8, -0.5), 0.5)
    grads = backward(DEFAULT_PARAMS, values, 0.5)
    texts = [describe_step(k, values, grads, 0.5) for k in range(len(schedule()) + 1)]
    assert texts[0].startswith("Step 0") and f"{values['h1']:.3f}" in texts[1] and "∂L/∂L = 1" in texts[5]
    assert f"{grads['x1']:.3f}" in texts[-1] and "paths add" in texts[-1]


# -- the widget -----------------------------------------------------------------------------------------------------
def test_widget_starts_fully_computed():
    graph = BackpropGraph()
    assert graph.error is None and graph.step.value == graph.step.max == 10
    values = forward(DEFAULT_PARAMS, (0.8, -0.5), 0.5)
    assert f"L = {values['L']:.4f}" in graph.status.value


def test_sliders_recompute_every_value_and_gradient():
    graph = BackpropGraph()
    before = bytes(graph.image.value)
    with graph.hold():
        graph.x1.value, graph.target.value, graph.weights["v2"].value = -1.0, 1.5, 2.0
    params = DEFAULT_PARAMS | {"v2": 2.0}
    values, grads = graph.compute()
    expected = forward(params, (-1.0, -0.5), 1.5)
    assert values == expected and grads == backward(params, expected, 1.5)
    assert f"L = {expected['L']:.4f}" in graph.status.value and bytes(graph.image.value) != before


def test_buttons_move_through_the_steps():
    graph = BackpropGraph(step=0)
    graph.next_button.click()
    assert graph.step.value == 1
    graph.forward_button.click()
    assert graph.step.value == 4
    graph.backward_button.click()
    assert graph.step.value == 10
    graph.next_button.click()  # after the last step, start again
    assert graph.step.value == 0
    images = {bytes(graph.image.value)}
    for step in (3, 7):
        graph.step.value = step
        images.add(bytes(graph.image.value))
    assert len(images) == 3 and graph.error is None  # each step draws something new


def test_gradient_step_button_lowers_the_loss_and_updates_the_sliders():
    graph = BackpropGraph(step=3, learning_rate=0.5)
    before = graph.compute()[0]["L"]
    graph.descend_button.click()
    after = graph.compute()[0]["L"]
    assert after < before and graph.step.value == 10 and graph.last_loss == before
    assert f"{before:.4f}" in graph.status.value and graph._after_descent == graph._state()
    graph.step.value = 3  # moving any control leaves the state right after the step
    assert graph._after_descent != graph._state()
    assert graph.weights["v1"].value != DEFAULT_PARAMS["v1"] and graph.biases["c"] != DEFAULT_PARAMS["c"]


def test_a_big_gradient_step_widens_a_slider_instead_of_clipping():
    graph = BackpropGraph(
        x=(2.0, 2.0), target=-2.0, params={"v1": 3.0, "v2": 3.0, "c": 3.0}, learning_rate=10.0
    )
    graph.descend()
    widest = max(abs(s.value) for s in graph.weights.values())
    assert widest > 3.0 and all(s.max >= abs(s.value) for s in graph.weights.values())


def test_a_non_finite_control_is_reported_and_recovers():
    graph = BackpropGraph()
    graph.x2.value = float("nan")
    assert "Cannot draw this" in graph.status.value and "x₂ must be a finite number" in graph.error
    graph.x2.value = 0.3
    assert graph.error is None


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"x": (1.0,)}, "x must be a pair"),
        ({"x": "ab"}, "x must be a pair"),
        ({"x": (5.0, 0.0)}, "Input x1 must be a finite number from -2 to 2"),
        ({"x": (0.0, float("nan"))}, "Input x2 must be a finite number"),
        ({"target": 3.0}, "target t must be a finite number from"),
        ({"params": {"w13": 1.0}}, "Unknown parameter"),
        ({"params": {"w11": 7.0}}, "Weight w11 must be a finite number from -3 to 3"),
        ({"step": 11}, "whole number from 0 to 10"),
        ({"learning_rate": 0.0}, "learning rate must be a finite number from"),
    ],
)
def test_constructor_refuses_bad_values(kwargs, message):
    with pytest.raises(ValueError, match=message):
        BackpropGraph(**kwargs)


def test_biases_come_from_the_constructor_and_weights_from_sliders():
    graph = BackpropGraph(params={"b1": 2.5, "w22": -1.0})
    assert graph.biases["b1"] == 2.5 and graph.weights["w22"].value == -1.0
    assert set(graph.weights) == set(SLIDER_PARAMS) and set(graph.params) == set(PARAMS)


def test_site_build_steps_through_the_passes_and_restores_the_widget(monkeypatch):
    graph = BackpropGraph()
    before = (graph.step.value, graph.params, graph.last_loss)
    monkeypatch.setenv("DLBOOK_SITE_BUILD", "1")
    html = graph._repr_mimebundle_()["text/html"]
    assert html.count("<img") == 12 and 'type="range"' in html
    assert "step 0: before the forward pass" in html and "after a gradient step" in html
    assert (graph.step.value, graph.params, graph.last_loss) == before


@pytest.mark.parametrize(
    "change",
    [
        lambda g: setattr(g.weights["w11"], "value", 2.0),
        lambda g: setattr(g.step, "value", 3),
        lambda g: g.descend(),
    ],
)
def test_a_change_refreshes_and_shows_what_a_fresh_draw_shows(change, monkeypatch):
    monkeypatch.undo()  # real pictures
    graph = BackpropGraph()
    monkeypatch.setattr(
        graph, "draw", lambda figure: pytest.fail("a change should refresh the figure, not draw it")
    )
    change(graph)
    refreshed, status = bytes(graph.image.value), graph.status.value
    monkeypatch.undo()
    graph._stale = True
    graph.update()
    assert bytes(graph.image.value) == refreshed and graph.status.value == status
