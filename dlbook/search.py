"""Hyperparameter and architecture search (chapter 21): the search space, the search methods, written from scratch,
and the recorded training runs they search.

The space is chapter 08's family of networks (``dlbook.modern_cnn.build_network``: a kind of block, a width and a
number of blocks) with a learning rate, kept to the networks with at most ``PARAM_BUDGET`` parameters, the size of
chapter 08's hand-designed residual network. A configuration is a tuple ``(block, width, depth, learning_rate)``.

Every method takes an ``evaluate(config, epochs) -> validation accuracy`` and a budget in **epochs** (one epoch: the
4000 training sequences of MNIST-1D once), and returns its trials, in the order they ran, as dictionaries with the
configuration, the epochs it was trained for, the epochs it cost, and its validation accuracy. Counting epochs rather
than seconds makes a search deterministic and comparable across machines. A trial that continues a configuration
trained before (successive halving keeps its models) costs only the extra epochs.

Training a network for every trial of every method takes minutes, so the chapter searches **recorded runs**, as the
tabular benchmarks of the field do (NAS-Bench-101, NAS-Bench-201): every configuration of the space was trained once
for ``MAX_EPOCHS`` epochs with a constant learning rate, and its validation accuracy recorded after every epoch
(``python -m dlbook.search`` writes them into ``dlbook.search_runs``). Looking up epoch ``r`` of a run is then
exactly what training that configuration for ``r`` epochs would have given.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from dlbook.checks import check_number
from dlbook.modern_cnn import BLOCKS, DEPTHS, WIDTHS, architecture_cost

LEARNING_RATES = (0.003, 0.01, 0.03)
HAND_DESIGNED = (
    "residual",
    16,
    2,
    0.01,
)  # chapter 08's choice: its block, width and depth, with its learning rate
PARAM_BUDGET = architecture_cost(*HAND_DESIGNED[:3])[0]
MAX_EPOCHS = 9
BATCH_SIZE = 100


def search_space(max_params: int = PARAM_BUDGET) -> list[tuple[str, int, int, float]]:
    """Every configuration ``(block, width, depth, learning_rate)`` of chapter 08's networks with at most
    ``max_params`` parameters."""
    check_number("max_params", max_params, 1, integer=True)
    return [
        (block, width, depth, rate)
        for block, width, depth, rate in itertools.product(BLOCKS, WIDTHS, DEPTHS, LEARNING_RATES)
        if architecture_cost(block, width, depth)[0] <= max_params
    ]


def parameters(config) -> int:
    """Parameters of a configuration's network."""
    return architecture_cost(*config[:3])[0]


# -- a cheap function with few important dimensions ------------------------------------------------------------------
def low_effective_dimension(points: np.ndarray, center: float = 0.62) -> np.ndarray:
    """A "validation score" on the unit square that depends almost only on its first coordinate (Bergstra and
    Bengio, 2012): a sharp bump at x = ``center`` times a weak tilt along y. Points (n, 2) -> scores (n,), at most
    1, reached at (``center``, 0.3)."""
    points = np.asarray(points, dtype=float)
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(f"points must have shape (n, 2); got {points.shape}.")
    x, y = points[:, 0], points[:, 1]
    return np.exp(-(((x - center) / 0.06) ** 2)) * (0.95 + 0.05 * np.cos(np.pi * (y - 0.3)))


def grid_points(n: int) -> np.ndarray:
    """A square grid of about ``n`` points (the largest k x k with k * k <= n) in the unit square, cell centres."""
    k = math.isqrt(check_number("n", n, 1, integer=True))
    axis = (np.arange(k) + 0.5) / k
    return np.array([(a, b) for a in axis for b in axis])


# -- search methods ---------------------------------------------------------------------------------------------------
def _trial(config, epochs, cost, score) -> dict:
    return {"config": config, "epochs": int(epochs), "cost": int(cost), "accuracy": float(score)}


def random_search(space, evaluate, budget: int, epochs: int = MAX_EPOCHS, seed: int = 0) -> list[dict]:
    """Random search (Bergstra and Bengio, 2012): configurations drawn uniformly (without replacement) from
    ``space``, each trained for ``epochs``, until the next one would exceed ``budget`` epochs."""
    check_number("budget", budget, 1, integer=True)
    check_number("epochs", epochs, 1, integer=True)
    order = np.random.default_rng(seed).permutation(len(space))
    trials = []
    for i in order[: budget // epochs]:
        trials.append(_trial(space[i], epochs, epochs, evaluate(space[i], epochs)))
    return trials


def successive_halving(
    configs, evaluate, min_epochs: int, max_epochs: int = MAX_EPOCHS, eta: int = 3
) -> list[dict]:
    """Successive halving (Jamieson and Talwalkar, 2016; Li et al., 2017): train every configuration for
    ``min_epochs``, keep the best ``1/eta`` of them and continue their training to ``eta`` times as many epochs, and
    so on up to ``max_epochs``. A continued configuration costs only its extra epochs."""
    check_number("eta", eta, 2, integer=True)
    check_number("min_epochs", min_epochs, 1, max_epochs, integer=True)
    configs, trained, trials = list(configs), {}, []
    epochs = min_epochs
    while configs:
        scores = []
        for config in configs:
            score = evaluate(config, epochs)
            trials.append(_trial(config, epochs, epochs - trained.get(config, 0), score))
            trained[config] = epochs
            scores.append(score)
        if epochs >= max_epochs:
            break
        keep = max(len(configs) // eta, 1)
        configs = [configs[i] for i in np.argsort(scores, kind="stable")[::-1][:keep]]
        epochs = min(epochs * eta, max_epochs)
    return trials


def hyperband_brackets(max_epochs: int = MAX_EPOCHS, eta: int = 3) -> list[tuple[int, int]]:
    """Hyperband's brackets (Li et al., 2017) as ``(configurations, first epochs)``, most aggressive first: bracket
    ``s`` starts ``ceil((s_max + 1) * eta**s / (s + 1))`` configurations at ``max_epochs // eta**s`` epochs, with
    ``s_max`` the largest integer such that ``eta**s_max <= max_epochs``."""
    check_number("max_epochs", max_epochs, 1, integer=True)
    check_number("eta", eta, 2, integer=True)
    s_max = 0
    while eta ** (s_max + 1) <= max_epochs:
        s_max += 1
    return [(-(-(s_max + 1) * eta**s // (s + 1)), max_epochs // eta**s) for s in range(s_max, -1, -1)]


def hyperband(
    space, evaluate, budget: int, max_epochs: int = MAX_EPOCHS, eta: int = 3, seed: int = 0
) -> list[dict]:
    """Hyperband (Li et al., 2017): successive halving run in each bracket of ``hyperband_brackets``, on
    configurations drawn at random from ``space``, bracket after bracket (starting again from the first) until the
    next bracket would exceed ``budget`` epochs."""
    check_number("budget", budget, 1, integer=True)
    rng = np.random.default_rng(seed)
    trials, spent = [], 0
    for n, first in itertools.cycle(hyperband_brackets(max_epochs, eta)):
        configs = [space[i] for i in rng.choice(len(space), size=min(n, len(space)), replace=False)]
        bracket = successive_halving(configs, evaluate, first, max_epochs, eta)
        cost = sum(t["cost"] for t in bracket)
        if spent + cost > budget:
            break
        trials += bracket
        spent += cost
    return trials


def mutate(config, space, rng: np.random.Generator):
    """One of regularized evolution's mutations: a configuration of ``space`` that differs from ``config`` in one
    coordinate (block, width, depth or learning rate), drawn uniformly among all such neighbours."""
    neighbours = [other for other in space if sum(a != b for a, b in zip(other, config, strict=True)) == 1]
    if not neighbours:
        raise ValueError(f"{config} has no neighbour in the search space.")
    return neighbours[rng.integers(len(neighbours))]


def regularized_evolution(
    space,
    evaluate,
    budget: int,
    epochs: int = MAX_EPOCHS,
    population: int = 6,
    sample: int = 3,
    seed: int = 0,
) -> list[dict]:
    """Regularized (aging) evolution (Real, Aggarwal, Huang and Le, 2019): start with ``population`` random
    configurations; then repeatedly draw ``sample`` members of the population at random, mutate the best of them,
    train the child, add it, and remove the **oldest** member (not the worst). Every trial trains for ``epochs``."""
    check_number("population", population, 2, integer=True)
    check_number("sample", sample, 1, population, integer=True)
    rng = np.random.default_rng(seed)
    trials = []
    alive = []  # (config, accuracy), oldest first
    for i in rng.choice(len(space), size=min(population, len(space)), replace=False):
        if (len(trials) + 1) * epochs > budget:
            return trials
        trials.append(_trial(space[i], epochs, epochs, evaluate(space[i], epochs)))
        alive.append((space[i], trials[-1]["accuracy"]))
    while (len(trials) + 1) * epochs <= budget:
        contenders = [alive[i] for i in rng.choice(len(alive), size=sample, replace=False)]
        parent = max(contenders, key=lambda member: member[1])[0]
        child = mutate(parent, space, rng)
        trials.append(_trial(child, epochs, epochs, evaluate(child, epochs)))
        alive = alive[1:] + [(child, trials[-1]["accuracy"])]
    return trials


def best_so_far(trials: list[dict], max_epochs: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The race: ``(epochs spent, best validation accuracy so far)`` after every trial. Only trials trained for
    ``max_epochs`` count as candidates when it is given (successive halving's short trials only rank)."""
    spent = np.cumsum([t["cost"] for t in trials])
    best, current = [], -np.inf
    for t in trials:
        if max_epochs is None or t["epochs"] >= max_epochs:
            current = max(current, t["accuracy"])
        best.append(current)
    return spent, np.array(best)


def best_trial(trials: list[dict], max_epochs: int | None = None) -> dict:
    """The trial with the best validation accuracy (among those trained for ``max_epochs`` when given)."""
    candidates = [t for t in trials if max_epochs is None or t["epochs"] >= max_epochs]
    if not candidates:
        raise ValueError("No trial was trained for the full number of epochs.")
    return max(candidates, key=lambda t: t["accuracy"])


def pareto_front(params, accuracy) -> np.ndarray:
    """Indices of the points not dominated by another (no other has at most as many parameters and a higher
    accuracy, or fewer parameters and the same accuracy), sorted by parameters."""
    params, accuracy = np.asarray(params, dtype=float), np.asarray(accuracy, dtype=float)
    if params.shape != accuracy.shape or params.ndim != 1:
        raise ValueError("params and accuracy must be 1-D arrays of the same length.")
    order = np.lexsort((-accuracy, params))
    front, best = [], -np.inf
    for i in order:
        if accuracy[i] > best:
            front.append(i)
            best = accuracy[i]
    return np.array(front, dtype=int)


# -- recorded runs ----------------------------------------------------------------------------------------------------
def recorded_runs() -> dict:
    """The shipped runs: ``{config: validation accuracy after epochs 1 .. MAX_EPOCHS}``."""
    from dlbook.search_runs import VALIDATION_ACCURACY

    return dict(VALIDATION_ACCURACY)


def synthetic_runs(seed: int = 0, epochs: int = MAX_EPOCHS) -> dict:
    """Made-up learning curves for every configuration of ``search_space()``, cheap and shaped like real ones (a
    final accuracy that grows with width, depth and normalization, a speed that depends on the learning rate,
    noise): for widgets' galleries and tests, never for a claim about real networks."""
    rng = np.random.default_rng(seed)
    runs = {}
    for config in search_space():
        block, width, depth, rate = config
        final = 0.55 + 0.1 * BLOCKS.index(block) / 3 + 0.2 * width / 32 + 0.05 * depth + rng.normal(0, 0.03)
        speed = {0.003: 0.25, 0.01: 0.5, 0.03: 0.8}.get(rate, 0.5)
        curve = final * (1 - np.exp(-speed * np.arange(1, epochs + 1))) + rng.normal(0, 0.01, epochs)
        runs[config] = tuple(np.round(np.clip(curve, 0.1, 0.99), 4).tolist())
    return runs


def table_evaluator(runs: dict):
    """``evaluate(config, epochs)`` that looks the accuracy up in recorded ``runs``."""

    def evaluate(config, epochs):
        return runs[config][epochs - 1]

    return evaluate


def build_and_train(config, X, y, epochs: int, validation=None, seed: int = 0):
    """Chapter 08's network of ``config`` trained with the search's recipe: Adam at the constant learning rate of
    ``config``, batches of ``BATCH_SIZE``, ``epochs`` epochs, after ``keras.utils.set_random_seed(seed)``. Returns
    the model and the validation accuracy after every epoch (empty without ``validation``)."""
    from dlbook.modern_cnn import _keras, build_network

    keras = _keras()
    keras.utils.set_random_seed(seed)
    model = build_network(*config[:3])
    model.compile(
        optimizer=keras.optimizers.Adam(config[3]),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
        steps_per_execution=40,
    )
    history = model.fit(X, y, epochs=epochs, batch_size=BATCH_SIZE, verbose=0, validation_data=validation)
    return model, [round(float(a), 4) for a in history.history.get("val_accuracy", [])]


def make_runs(seed: int = 0, epochs: int = MAX_EPOCHS) -> dict:
    """Train every configuration of ``search_space()`` on ``load_mnist1d(seed=seed)`` and record its validation
    accuracy after every epoch. Slow (minutes): ``python -m dlbook.search`` runs it."""
    from dlbook.data import load_mnist1d

    (X_train, y_train), validation, _ = load_mnist1d(seed=seed)
    runs = {}
    for config in search_space():
        runs[config] = tuple(build_and_train(config, X_train, y_train, epochs, validation, seed)[1])
        print(config, runs[config], flush=True)
    return runs


if __name__ == "__main__":
    from pathlib import Path

    from dlbook.recorded import write_recorded_module

    write_recorded_module(
        Path(__file__).with_name("search_runs.py"),
        "Recorded training runs of chapter 21's search space, written by `python -m dlbook.search`.",
        f"Every configuration of ``dlbook.search.search_space()`` trained with ``build_and_train`` for {MAX_EPOCHS} "
        "epochs on the 4000 training sequences of ``load_mnist1d(seed=0)``; the validation accuracy after every epoch",
        make_runs(),
        0,
        MAX_EPOCHS,
    )
