"""OptimizerRace: the surfaces and their gradients, the update rules against keras.optimizers, the race, the widget."""

import numpy as np
import pytest

from dlbook.widgets.gallery import stub_png
from dlbook.widgets.optimizers import (
    OPTIMIZERS,
    SURFACES,
    OptimizerRace,
    init_state,
    optimizer_step,
    run_optimizer,
    surface_gradient,
    surface_value,
)


@pytest.fixture(autouse=True)
def _no_png(monkeypatch):
    stub_png(monkeypatch)  # these tests look at no pixels (test_widget_contract.py checks the PNG)


# keras.ops.convert_to_numpy on TensorFlow with NumPy 2 warns about a `copy` keyword; harmless here
pytestmark = pytest.mark.filterwarnings("ignore:__array__ implementation:DeprecationWarning")


# -- surfaces -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(SURFACES))
def test_gradient_equals_finite_differences(name):
    surface = SURFACES[name]
    rng = np.random.default_rng(0)
    points = np.column_stack([rng.uniform(*surface.xlim, 20), rng.uniform(*surface.ylim, 20)])
    h = 1e-6
    numeric = np.stack(
        [
            (surface_value(name, points + h * e) - surface_value(name, points - h * e)) / (2 * h)
            for e in np.eye(2)
        ],
        axis=-1,
    )
    np.testing.assert_allclose(surface_gradient(name, points), numeric, rtol=1e-6, atol=1e-4)


@pytest.mark.parametrize("name", list(SURFACES))
def test_minima_are_flat_and_lowest(name):
    surface = SURFACES[name]
    for minimum in surface.minima:
        np.testing.assert_allclose(surface_gradient(name, minimum), [0.0, 0.0], atol=1e-12)
        np.testing.assert_allclose(surface_value(name, minimum), surface.min_value, atol=1e-12)
    xx, yy = np.meshgrid(np.linspace(*surface.xlim, 101), np.linspace(*surface.ylim, 101))
    assert surface_value(name, np.stack([xx, yy], axis=-1)).min() >= surface.min_value - 1e-12


def test_surface_values_and_shapes():
    assert (
        surface_value("Rosenbrock", [1.0, 1.0]) == 0.0 and surface_value("narrow valley", [2.0, 1.0]) == 14.5
    )
    assert surface_value("saddle", np.zeros((3, 4, 2))).shape == (3, 4)
    assert surface_gradient("Beale", np.zeros((5, 2))).shape == (5, 2)
    with pytest.raises(ValueError, match="Unknown loss surface 'bowl'"):
        surface_value("bowl", [0.0, 0.0])


# -- update rules: the same as keras.optimizers -----------------------------------------------------------------------
def _keras_optimizer(name, learning_rate):
    import keras

    return {
        "SGD": lambda: keras.optimizers.SGD(learning_rate),
        "momentum": lambda: keras.optimizers.SGD(learning_rate, momentum=0.9),
        "Nesterov": lambda: keras.optimizers.SGD(learning_rate, momentum=0.9, nesterov=True),
        "AdaGrad": lambda: keras.optimizers.Adagrad(learning_rate),
        "RMSprop": lambda: keras.optimizers.RMSprop(learning_rate),
        "Adam": lambda: keras.optimizers.Adam(learning_rate),
    }[name]()


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_update_rules_equal_keras(name):
    import keras

    rng = np.random.default_rng(1)
    w = rng.normal(size=5)
    # scales where epsilon matters, or not
    grads = rng.normal(size=(6, 5)) * np.array([1e-3, 0.1, 1.0, 10.0, 100.0])
    variable = keras.Variable(w, dtype="float64")
    optimizer = _keras_optimizer(name, 0.01)
    state = init_state(name, w)
    for g in grads:
        optimizer.apply_gradients([(keras.ops.convert_to_tensor(g, dtype="float64"), variable)])
        w, state = optimizer_step(name, w, g, state, 0.01)
        np.testing.assert_allclose(w, keras.ops.convert_to_numpy(variable), rtol=1e-6, atol=1e-9)


def test_update_rules_by_hand():
    w, g = np.array([1.0, -2.0]), np.array([0.5, -1.0])
    np.testing.assert_allclose(optimizer_step("SGD", w, g, {}, 0.1)[0], [0.95, -1.9])
    w1, state = optimizer_step("momentum", w, g, {"velocity": np.array([1.0, 0.0])}, 0.1)
    np.testing.assert_allclose(state["velocity"], [0.85, 0.1])
    np.testing.assert_allclose(w1, [1.85, -1.9])
    # first Adam step: learning_rate * sign(g)
    w1, state = optimizer_step("Adam", w, g, init_state("Adam", w), 0.1)
    np.testing.assert_allclose(w1, w - 0.1 * np.sign(g), rtol=1e-6)
    assert state["t"] == 1


def test_update_rules_leave_their_inputs_alone():
    w, g = np.array([1.0, 2.0]), np.array([3.0, 4.0])
    state = init_state("Adam", w)
    optimizer_step("Adam", w, g, state, 0.1)
    assert np.array_equal(w, [1.0, 2.0]) and not state["m"].any() and state["t"] == 0


@pytest.mark.parametrize("learning_rate", [0.0, -0.1, float("nan"), float("inf"), "0.1"])
def test_update_rules_refuse_a_bad_learning_rate(learning_rate):
    with pytest.raises(ValueError, match="learning rate must be a positive number"):
        optimizer_step("SGD", np.zeros(2), np.ones(2), {}, learning_rate)


def test_unknown_optimizer_and_hyperparameter():
    with pytest.raises(ValueError, match="Unknown optimizer 'Lion'"):
        init_state("Lion", np.zeros(2))
    with pytest.raises(ValueError, match="Unknown optimizer 'Lion'"):
        optimizer_step("Lion", np.zeros(2), np.ones(2), {}, 0.1)
    with pytest.raises(ValueError, match="Unknown hyperparameter"):
        optimizer_step("SGD", np.zeros(2), np.ones(2), {}, 0.1, beta=0.5)


# -- the race -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", OPTIMIZERS)
def test_every_optimizer_reaches_the_valley_floor(name):
    learning_rate = 0.3 if name == "AdaGrad" else 0.05  # AdaGrad's steps only ever shrink
    path = run_optimizer(name, "narrow valley", (-4.5, 1.5), learning_rate, 400)
    assert path.diverged_at is None and path.points.shape == (401, 2) and path.losses.shape == (401,)
    assert path.losses[-1] < 0.05 * path.losses[0]


def test_a_diverging_path_stops_at_its_last_sane_point():
    path = run_optimizer("SGD", "narrow valley", (-4.5, 1.5), 0.1, 200)  # 0.1 > 2 / 25: unstable in y
    assert path.diverged_at is not None and len(path.points) == path.diverged_at
    assert np.isfinite(path.points).all() and np.abs(path.points).max() <= 1e6
    path = run_optimizer("momentum", "Rosenbrock", (-1.2, 1.0), 0.1, 50)  # overflows to inf, then NaN
    assert path.diverged_at is not None and np.isfinite(path.losses).all()


def test_the_saddle_point_holds_plain_sgd_longer_than_adam():
    sgd = run_optimizer("SGD", "saddle", (-2.0, 0.001), 0.03, 100)
    adam = run_optimizer("Adam", "saddle", (-2.0, 0.001), 0.03, 100)
    assert sgd.losses[-1] > -0.05 and adam.losses[-1] < -0.2  # minima at -0.25, saddle at 0


@pytest.mark.parametrize("steps", [0, -3, 2.5, True, 20_000])
def test_race_refuses_bad_steps(steps):
    with pytest.raises(ValueError, match="number of steps"):
        run_optimizer("SGD", "saddle", (1.0, 1.0), 0.1, steps)


def test_race_refuses_a_bad_start():
    for start in [(np.nan, 0.0), (1.0, 2.0, 3.0)]:
        with pytest.raises(ValueError, match="start must be two finite numbers"):
            run_optimizer("SGD", "saddle", start, 0.1, 10)


# -- the widget -------------------------------------------------------------------------------------------------------
def test_race_draws_its_initial_state():
    race = OptimizerRace()
    assert race.error is None and set(race.trajectories) == {"SGD", "momentum", "RMSprop", "Adam"}
    assert all(name in race.status.value for name in race.trajectories) and "f − f*" in race.status.value


def test_race_reports_divergence_instead_of_crashing():
    race = OptimizerRace(steps=50)
    race.learning_rate.value = 1.0
    assert race.error is None and "diverged" in race.status.value
    assert race.trajectories["SGD"].diverged_at is not None


def test_race_new_surface_moves_the_start_and_the_sliders():
    race = OptimizerRace(steps=30)
    race.surface.value = "Beale"
    assert (race.x0.value, race.y0.value) == SURFACES["Beale"].start and race.error is None
    assert (race.x0.min, race.x0.max, race.y0.min, race.y0.max) == (
        *SURFACES["Beale"].xlim,
        *SURFACES["Beale"].ylim,
    )
    assert race.trajectories["SGD"].points[0].tolist() == list(SURFACES["Beale"].start)


def test_race_checkboxes_and_start_sliders():
    race = OptimizerRace(steps=20, optimizers=("SGD",))
    with race.hold():
        race.racers["Adam"].value = True
        race.x0.value = 1.0
    assert set(race.trajectories) == {"SGD", "Adam"} and race.trajectories["Adam"].points[0, 0] == 1.0
    with race.hold():
        for box in race.racers.values():
            box.value = False
    assert "Cannot draw this" in race.status.value and "at least one optimizer" in race.error
    race.racers["Nesterov"].value = True
    assert race.error is None and list(race.trajectories) == ["Nesterov"]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"surface": "bowl"}, "Unknown loss surface"),
        ({"learning_rate": 0.0}, "learning rate"),
        ({"learning_rate": 5.0}, "learning rate"),
        ({"steps": 0}, "number of steps"),
        ({"steps": 1000}, "number of steps must be a whole number from 1 to 500"),
        ({"optimizers": ("SGD", "Lion")}, "Choose at least one optimizer"),
        ({"optimizers": ()}, "Choose at least one optimizer"),
        ({"start": (1.0, np.inf)}, "start must be two finite numbers"),
    ],
)
def test_race_refuses_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        OptimizerRace(**kwargs)


def test_site_build_steps_through_scenarios_and_restores_the_race(monkeypatch):
    race = OptimizerRace(steps=30, optimizers=("SGD", "Adam"))
    race.x0.value = -3.0
    before = [(c.description, c.value) for c in race.controls.children]
    monkeypatch.setenv("DLBOOK_SITE_BUILD", "1")
    monkeypatch.setattr(
        OptimizerRace, "SCENARIOS", OptimizerRace.SCENARIOS[:1] + OptimizerRace.SCENARIOS[-1:]
    )
    # the state shown, a scenario on the same surface, one on Beale
    html = race._repr_mimebundle_()["text/html"]
    assert html.count("<img") == 3 and 'type="range"' in html
    assert "SGD diverges" in html and "(as shown)" in html
    assert [(c.description, c.value) for c in race.controls.children] == before and race.error is None
    assert set(race.trajectories) == {"SGD", "Adam"} and race.trajectories["SGD"].points[0, 0] == -3.0


@pytest.mark.parametrize(
    "change",
    [
        lambda r: setattr(r.learning_rate, "value", 0.01),
        lambda r: setattr(r.racers["Nesterov"], "value", True),
        lambda r: setattr(r.surface, "value", "Beale"),
    ],
)
def test_a_change_refreshes_and_shows_what_a_fresh_draw_shows(change, monkeypatch):
    monkeypatch.undo()  # real pictures
    race = OptimizerRace(surface="narrow valley", learning_rate=0.07, steps=100)
    monkeypatch.setattr(
        race, "draw", lambda figure: pytest.fail("a change should refresh the figure, not draw it")
    )
    change(race)
    refreshed, status = bytes(race.image.value), race.status.value
    monkeypatch.undo()
    race._stale = True
    race.update()
    assert bytes(race.image.value) == refreshed and race.status.value == status
