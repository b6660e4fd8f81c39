"""SearchRace (chapter 21): the race curves, the trials shown, the status line and the errors."""

import numpy as np
import pytest

from dlbook.search import hyperband, random_search, search_space, synthetic_runs, table_evaluator
from dlbook.widgets.gallery import GALLERY, refreshed_and_full_render, stub_png
from dlbook.widgets.search import SearchRace, finished, race_curves


@pytest.fixture(autouse=True)
def _no_png(monkeypatch):
    stub_png(monkeypatch)  # these tests look at no pixels (test_widget_contract.py checks the PNG)


def _trials(costs, epochs, accuracies):
    return [
        {"config": ("plain", 8, 1, 0.01), "epochs": e, "cost": c, "accuracy": a}
        for c, e, a in zip(costs, epochs, accuracies, strict=True)
    ]


def test_race_curves_step_at_each_finished_full_trial():
    run = _trials([3, 3, 3], [3, 3, 3], [0.5, 0.7, 0.6])
    curves, median = race_curves([run], budget=10, max_epochs=3)
    np.testing.assert_array_equal(curves[0, :2], [np.nan, np.nan])
    np.testing.assert_array_equal(curves[0, 2:], [0.5, 0.5, 0.5, 0.7, 0.7, 0.7, 0.7, 0.7])
    other = _trials([3, 3], [3, 3], [0.9, 0.1])
    curves, median = race_curves([run, other], budget=6, max_epochs=3)
    assert median[-1] == pytest.approx(0.8)
    short = _trials([1, 2], [1, 3], [0.99, 0.4])
    assert [t["accuracy"] for t in finished(short, 3, 3)] == [0.4]  # a short trial only ranks
    assert finished(short, 2, 3) == []


def _widget(**options):
    space, evaluate = search_space(), table_evaluator(synthetic_runs(seed=1))
    races = {
        "random": [random_search(space, evaluate, 54, seed=k) for k in range(2)],
        "Hyperband": [hyperband(space, evaluate, 54, seed=k) for k in range(2)],
    }
    return SearchRace(races, max_epochs=9, **options)


def test_widget_shows_the_trials_within_the_budget():
    widget = _widget()
    assert "fully trained trials shown" in widget.status.value and "ahead after" in widget.status.value
    widget.budget.value = 9
    assert widget.status.value.startswith("1 fully trained trials shown")  # random's first full trial only
    widget.method.value = "Hyperband"
    assert "0 fully trained" in widget.status.value or "1 fully trained" in widget.status.value
    widget.budget.value = 1
    assert "no trial is fully trained after 1 epochs" in widget.status.value
    label, states = widget.static_states()
    assert label == "budget" and len(states) >= 3


def test_widget_accepts_one_run_per_method_and_refuses_nonsense():
    run = _trials([9, 9], [9, 9], [0.5, 0.7])
    widget = SearchRace({"random": run}, max_epochs=9, reference={"hand-designed": (1000, 0.6)})
    assert "ahead after 18 epochs: random (0.700)" in widget.status.value
    widget.method.options = [*widget.method.options, "grid"]
    widget.method.value = "grid"
    assert "No trials were recorded for" in widget.status.value and "grid" in widget.status.value
    with pytest.raises(ValueError, match="at least one"):
        SearchRace({}, max_epochs=9)


def test_budget_method_and_run_refresh_what_a_fresh_draw_shows(monkeypatch):
    widget = GALLERY["SearchRace"].build()
    quick, full = refreshed_and_full_render(
        monkeypatch, widget, [("budget", 40), ("method", "Hyperband"), ("run", 2)]
    )
    np.testing.assert_array_equal(quick, full)
