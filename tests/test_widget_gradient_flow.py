"""GradientFlow: the recurrent matrices, the RNN and its step Jacobians, the gradient norms, and the widget."""

import numpy as np
import pytest

from dlbook.widgets.gallery import stub_png
from dlbook.widgets.gradient_flow import (
    STATIC_RADII,
    GradientFlow,
    activation_and_slope,
    gradient_norms,
    jacobian_norms,
    recurrent_matrix,
    run_rnn,
    verdict,
)


@pytest.fixture(autouse=True)
def _no_png(monkeypatch):
    stub_png(monkeypatch)  # these tests look at no pixels (test_widget_contract.py checks the PNG)


# -- recurrent matrices ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("radius", [0.5, 1.0, 1.37])
def test_random_matrix_has_the_spectral_radius_asked_for(radius):
    W = recurrent_matrix(20, radius, "random", seed=3)
    assert W.shape == (20, 20)
    np.testing.assert_allclose(np.max(np.abs(np.linalg.eigvals(W))), radius, rtol=1e-10)
    np.testing.assert_array_equal(W, recurrent_matrix(20, radius, "random", seed=3))  # seeded
    assert not np.allclose(W, recurrent_matrix(20, radius, "random", seed=4))


def test_orthogonal_matrix_is_radius_times_a_rotation():
    W = recurrent_matrix(16, 1.2, "orthogonal", seed=1)
    np.testing.assert_allclose(W.T @ W, 1.44 * np.eye(16), atol=1e-12)
    np.testing.assert_allclose(np.abs(np.linalg.eigvals(W)), 1.2, rtol=1e-10)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((0, 1.0), "number of hidden units must be a whole number"),
        ((2.5, 1.0), "number of hidden units must be a whole number"),
        ((4, 0.0), "spectral radius must be a positive number"),
        ((4, -1.0), "spectral radius must be a positive number"),
        ((4, float("nan")), "spectral radius must be a positive number"),
        ((4, 1.0, "diagonal"), "Unknown kind of recurrent matrix 'diagonal'"),
        ((4, 1.0, "random", -1), "seed must be a whole number"),
    ],
)
def test_recurrent_matrix_refuses_bad_arguments(args, message):
    with pytest.raises(ValueError, match=message):
        recurrent_matrix(*args)


# -- activations and the forward pass -------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["tanh", "linear", "relu"])
def test_slopes_equal_finite_differences(name):
    a = np.linspace(-3, 3, 50)  # even count: never exactly 0, where ReLU has its kink
    f, slope = activation_and_slope(name, a)
    numeric = (activation_and_slope(name, a + 1e-6)[0] - activation_and_slope(name, a - 1e-6)[0]) / 2e-6
    np.testing.assert_allclose(slope, numeric, atol=1e-8)
    assert f.shape == a.shape


def test_unknown_activation():
    with pytest.raises(ValueError, match="Unknown activation 'sigmoid'"):
        activation_and_slope("sigmoid", 0.0)


def test_run_rnn_follows_the_recurrence():
    rng = np.random.default_rng(0)
    X, Wx, Wh, b, h0 = (
        rng.normal(size=(7, 3)),
        rng.normal(size=(3, 4)),
        rng.normal(size=(4, 4)),
        rng.normal(size=4),
        rng.normal(size=4),
    )
    H, A = run_rnn(X, Wx, Wh, b, "tanh", h0)
    assert H.shape == A.shape == (7, 4)
    h = h0
    for t in range(7):
        h = np.tanh(X[t] @ Wx + h @ Wh + b)
        np.testing.assert_allclose(H[t], h, rtol=1e-12)
    np.testing.assert_allclose(H, np.tanh(A))


def test_run_rnn_refuses_shapes_that_do_not_fit():
    with pytest.raises(ValueError, match="Shapes do not fit"):
        run_rnn(np.zeros((5, 2)), np.zeros((3, 4)), np.zeros((4, 4)), np.zeros(4))


# -- Jacobian norms -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("radius", [0.8, 1.0, 1.25])
def test_linear_orthogonal_rnn_scales_the_gradient_by_radius_per_step(radius):
    T = 60
    norms = gradient_norms(T, radius, "linear", units=12, matrix="orthogonal")
    assert norms.shape == (T + 1,)
    np.testing.assert_allclose(norms, radius ** (T - np.arange(T + 1)), rtol=1e-9)


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_jacobian_norms_equal_finite_differences(activation):
    rng = np.random.default_rng(2)
    T, units = 12, 5
    X, Wx = rng.normal(size=(T, 2)), rng.normal(size=(2, units))
    Wh, b = recurrent_matrix(units, 1.1, seed=2), rng.normal(0, 0.5, size=units)
    H, A = run_rnn(X, Wx, Wh, b, activation)
    norms = jacobian_norms(Wh, A, activation)
    states = np.vstack([np.zeros(units), H])  # h_0 .. h_T
    for t in (0, 4, 11):
        eps = 1e-6  # dh_T/dh_t, column by column: restart the recurrence from a nudged h_t
        columns = [
            (
                run_rnn(X[t:], Wx, Wh, b, activation, states[t] + eps * e)[0][-1]
                - run_rnn(X[t:], Wx, Wh, b, activation, states[t] - eps * e)[0][-1]
            )
            / (2 * eps)
            for e in np.eye(units)
        ]
        np.testing.assert_allclose(norms[t], np.linalg.norm(np.column_stack(columns), 2), rtol=1e-5)
    assert norms[T] == 1.0


def test_norms_neither_overflow_nor_underflow_on_long_sequences():
    small = gradient_norms(1000, 0.5, "linear", units=4, matrix="orthogonal")
    np.testing.assert_allclose(small[0], 0.5**1000, rtol=1e-6)  # about 1e-301, still a positive float
    large = gradient_norms(1000, 1.5, "linear", units=4, matrix="orthogonal")
    np.testing.assert_allclose(large[0], 1.5**1000, rtol=1e-6)


def test_a_switched_off_relu_cuts_the_gradient_to_exactly_zero():
    norms = gradient_norms(20, 1.2, "relu", units=8, input_scale=0.0)  # h stays 0, so every ReLU slope is 0
    assert norms[-1] == 1.0 and np.all(norms[:-1] == 0.0)


def test_verdict():
    assert verdict(np.array([1e-5, 1.0])) == "vanishes"
    assert verdict(np.array([1e5, 1.0])) == "explodes"
    assert verdict(np.array([0.5, 1.0])) == "survives"
    assert verdict(gradient_norms(100, 0.5)) == "vanishes"
    assert verdict(gradient_norms(100, 1.5, "linear")) == "explodes"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"T": 0}, "sequence length T must be a whole number from 1 to 1000"),
        ({"T": 1001}, "sequence length T must be a whole number"),
        ({"T": 2.5}, "sequence length T must be a whole number"),
        ({"input_scale": -1.0}, "input scale must be a finite number"),
        ({"activation": "sigmoid"}, "Unknown activation 'sigmoid'"),
        ({"matrix": "diagonal"}, "Unknown kind of recurrent matrix"),
        ({"units": 0}, "number of hidden units"),
    ],
)
def test_gradient_norms_refuse_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        gradient_norms(**kwargs)


# -- the widget -----------------------------------------------------------------------------------------------------
def test_widget_starts_with_a_vanishing_gradient():
    flow = GradientFlow()
    assert flow.error is None and "vanishes" in flow.status.value
    assert bytes(flow.image.value).startswith(b"\x89PNG")
    np.testing.assert_array_equal(flow.norms(), gradient_norms(100, 0.5, "linear", 32, 1.0, "random", 0))


def test_widget_controls_change_the_verdict():
    flow = GradientFlow()
    before = bytes(flow.image.value)
    with flow.hold():
        flow.activation.value, flow.radius.value = "linear", 1.5
    assert "explodes" in flow.status.value and bytes(flow.image.value) != before
    with flow.hold():
        flow.matrix.value, flow.radius.value = "orthogonal", 1.0
    assert "survives" in flow.status.value and "factor per step 1.000" in flow.status.value
    flow.T.value = 200
    assert (
        flow.norms().shape == (201,) and flow.error is None and "T = 200" in flow.figure.axes[0].get_title()
    )
    with flow.hold():
        flow.activation.value, flow.input_scale.value = "relu", 0.0
    assert "exactly 0" in flow.status.value and flow.error is None
    flow.units.value = 2
    assert flow.error is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"T": 3}, "sequence length T must be a whole number from 5 to 200"),
        ({"radius": 2.0}, "spectral radius must be a finite number from 0.5 to 1.5"),
        ({"radius": "big"}, "spectral radius must be a finite number"),
        ({"units": 1}, "number of hidden units must be a whole number from 2 to 64"),
        ({"input_scale": 5.0}, "input scale"),
        ({"activation": "sigmoid"}, "Unknown activation"),
        ({"matrix": "diagonal"}, "Unknown kind of recurrent matrix"),
        ({"seed": -1}, "seed must be a whole number"),
    ],
)
def test_widget_refuses_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        GradientFlow(**kwargs)


def test_site_build_steps_up_through_the_radii_and_restores_the_widget(monkeypatch):
    flow = GradientFlow(radius=0.9)
    monkeypatch.setenv("DLBOOK_SITE_BUILD", "1")
    html = flow._repr_mimebundle_()["text/html"]
    higher = [r for r in STATIC_RADII if r > 0.9]
    assert html.count("<img") == 1 + len(higher) and 'type="range"' in html and "ρ = 1.50" in html
    assert "<output>ρ = 0.90</output>" in html
    assert flow.radius.value == 0.9 and "vanishes" in flow.status.value


def test_the_website_states_go_from_vanishing_to_exploding():
    flow = GradientFlow()
    name, states = flow.static_states()
    verdicts = [verdict(flow.norms())]
    for _label, apply in states[1:]:
        apply()
        verdicts.append(verdict(flow.norms()))
    assert name == "spectral radius ρ" and len(states) == len(STATIC_RADII)
    assert verdicts[0] == "vanishes" and verdicts[-1] == "explodes" and "survives" in verdicts


@pytest.mark.parametrize("control, value", [("radius", 1.2), ("T", 150), ("activation", "tanh")])
def test_a_change_refreshes_and_shows_what_a_fresh_draw_shows(control, value, monkeypatch):
    monkeypatch.undo()  # real pictures
    flow = GradientFlow()
    monkeypatch.setattr(
        flow, "draw", lambda figure: pytest.fail("a change should refresh the figure, not draw it")
    )
    getattr(flow, control).value = value
    refreshed, status = bytes(flow.image.value), flow.status.value
    monkeypatch.undo()
    flow._stale = True
    flow.update()
    assert bytes(flow.image.value) == refreshed and flow.status.value == status
