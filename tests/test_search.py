"""dlbook.search (chapter 21): the search space, the search methods against hand-checkable cases, the recorded runs."""

import numpy as np
import pytest

from dlbook import search as S
from dlbook.modern_cnn import architecture_cost


def _evaluate_by_rank(space):
    """A made-up evaluation: configuration i reaches (i + 1) / len(space) after MAX_EPOCHS, linearly in epochs."""
    rank = {config: (i + 1) / len(space) for i, config in enumerate(space)}
    return lambda config, epochs: rank[config] * epochs / S.MAX_EPOCHS


def test_search_space_respects_the_parameter_budget():
    space = S.search_space()
    assert S.HAND_DESIGNED in space and len(space) == len(set(space)) == 72
    assert S.PARAM_BUDGET == architecture_cost("residual", 16, 2)[0]
    assert all(S.parameters(c) <= S.PARAM_BUDGET for c in space)
    assert len(S.search_space(10**6)) == 4 * 4 * 3 * len(S.LEARNING_RATES)


def test_low_effective_dimension_depends_mostly_on_x():
    points = np.array([[0.62, 0.3], [0.62, 0.9], [0.2, 0.3]])
    scores = S.low_effective_dimension(points)
    assert scores[0] == pytest.approx(1.0) and scores[1] > 0.9 and scores[2] < 1e-6
    assert S.low_effective_dimension(points, center=0.2)[2] == pytest.approx(1.0)
    with pytest.raises(ValueError, match="shape"):
        S.low_effective_dimension(np.zeros(3))
    grid = S.grid_points(17)
    assert grid.shape == (16, 2) and len(np.unique(grid[:, 0])) == 4
    np.testing.assert_allclose(np.unique(grid[:, 0]), [0.125, 0.375, 0.625, 0.875])


def test_random_search_spends_at_most_the_budget_without_repeats():
    space = S.search_space()
    trials = S.random_search(space, _evaluate_by_rank(space), budget=40, epochs=9, seed=3)
    assert len(trials) == 4 and len({t["config"] for t in trials}) == 4
    assert all(t["epochs"] == t["cost"] == 9 for t in trials)
    assert trials == S.random_search(space, _evaluate_by_rank(space), budget=40, epochs=9, seed=3)


def test_successive_halving_keeps_the_best_third_and_charges_extra_epochs():
    space = S.search_space()
    configs = [space[i] for i in (5, 40, 7, 60, 2, 33, 12, 70, 1)]
    trials = S.successive_halving(configs, _evaluate_by_rank(space), 1, 9, eta=3)
    assert [t["epochs"] for t in trials] == [1] * 9 + [3] * 3 + [9]
    assert [t["config"] for t in trials[9:12]] == [space[70], space[60], space[40]]
    assert trials[-1]["config"] == space[70]
    assert [t["cost"] for t in trials[9:]] == [2, 2, 2, 6]
    assert sum(t["cost"] for t in trials) == 21


def test_hyperband_brackets_match_the_paper():
    assert S.hyperband_brackets(81, 3) == [
        (81, 1),
        (34, 3),
        (15, 9),
        (8, 27),
        (5, 81),
    ]  # Li et al. (2017), table 1
    assert S.hyperband_brackets(9, 3) == [(9, 1), (5, 3), (3, 9)]
    space = S.search_space()
    trials = S.hyperband(space, _evaluate_by_rank(space), budget=80, seed=0)
    # one round of the three brackets; a fourth would exceed
    assert sum(t["cost"] for t in trials) == 21 + 21 + 27
    assert max(t["epochs"] for t in trials) == 9


def test_mutate_changes_one_coordinate():
    space = S.search_space()
    rng = np.random.default_rng(0)
    for config in space[::7]:
        child = S.mutate(config, space, rng)
        assert child in space and sum(a != b for a, b in zip(child, config, strict=True)) == 1


def test_regularized_evolution_ages_out_the_oldest():
    space = S.search_space()
    trials = S.regularized_evolution(
        space, _evaluate_by_rank(space), budget=9 * 30, population=6, sample=3, seed=1
    )
    assert len(trials) == 30 and all(t["cost"] == 9 for t in trials)
    first = np.mean([t["accuracy"] for t in trials[:6]])
    last = np.mean([t["accuracy"] for t in trials[-6:]])
    assert last > first  # selection moves the population uphill on a smooth landscape


def test_best_so_far_counts_only_full_trials():
    trials = [
        {"config": "a", "epochs": 1, "cost": 1, "accuracy": 0.9},
        {"config": "b", "epochs": 9, "cost": 9, "accuracy": 0.5},
        {"config": "c", "epochs": 9, "cost": 8, "accuracy": 0.7},
        {"config": "d", "epochs": 9, "cost": 9, "accuracy": 0.6},
    ]
    spent, best = S.best_so_far(trials, 9)
    np.testing.assert_array_equal(spent, [1, 10, 18, 27])
    np.testing.assert_array_equal(best, [-np.inf, 0.5, 0.7, 0.7])
    assert S.best_trial(trials, 9)["config"] == "c" and S.best_trial(trials)["config"] == "a"
    with pytest.raises(ValueError, match="full number of epochs"):
        S.best_trial(trials[:1], 9)


def test_pareto_front():
    params = [100, 200, 150, 300, 200]
    accuracy = [0.5, 0.7, 0.4, 0.7, 0.8]
    np.testing.assert_array_equal(S.pareto_front(params, accuracy), [0, 4])
    with pytest.raises(ValueError, match="same length"):
        S.pareto_front([1, 2], [0.5])


def test_recorded_and_synthetic_runs_cover_the_space():
    for runs in (S.recorded_runs(), S.synthetic_runs(seed=0)):
        assert set(runs) == set(S.search_space())
        curves = np.array(list(runs.values()))
        assert curves.shape == (72, S.MAX_EPOCHS) and (curves > 0).all() and (curves < 1).all()
    evaluate = S.table_evaluator(S.recorded_runs())
    assert evaluate(S.HAND_DESIGNED, 9) == S.recorded_runs()[S.HAND_DESIGNED][-1]
