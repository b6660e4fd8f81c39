"""CapacityExplorer: model size, amount of data, L2 strength and training time, and what they do to generalization.

The model is a one-hidden-layer network whose hidden layer is frozen: ``n_hidden`` units, unit ``j`` computing the
Legendre polynomial ``P_j(x)`` of degree ``j``, followed by a trained linear output. It is fitted to noisy 1-D
data by full-batch gradient descent on the mean squared error plus an L2 penalty. Because the output is linear in its
weights, the whole training run has a closed form (see :func:`gradient_descent_curves`), so each slider change redraws
at once, with the training and validation curves of every epoch.
"""

from __future__ import annotations

from functools import lru_cache
from numbers import Real

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from dlbook.checks import check_number
from dlbook.widgets.base import FigureWidget

MAX_HIDDEN = 60
MAX_TRAIN = 500
N_VALIDATION = 200
DATA_SEED = 0
NOISE = 0.3  # standard deviation of the label noise, so the best possible validation MSE is NOISE**2
MAX_EPOCHS = 100_000
EPOCHS = np.unique(np.geomspace(1, MAX_EPOCHS, 90).astype(int))
CAPACITIES = (1, 2, 3, 4, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60)
LOW, HIGH = 1e-3, 30.0  # the plotted range of the errors; values outside it are drawn on its edge


def target_function(x: np.ndarray) -> np.ndarray:
    """The noiseless curve the data come from: ``sin(3x) + 0.5 sin(7x)`` on [-1, 1]."""
    x = np.asarray(x, dtype=float)
    return np.sin(3 * x) + 0.5 * np.sin(7 * x)


def make_data(n_train: int, seed: int = DATA_SEED) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(x_train, y_train, x_val, y_val)`` with ``y = target_function(x) + noise`` on [-1, 1].

    The training inputs follow the golden-ratio sequence ``x_i = 2 frac(0.5 + 0.618... i) - 1``, which spreads any
    number of points evenly and only adds points as ``n_train`` grows (so no training set has a large gap by bad
    luck); their noise is random. The ``N_VALIDATION`` validation inputs are uniform at random, the same for every
    ``n_train``.
    """
    n_train = check_number("The number of training points", n_train, 2, MAX_TRAIN, integer=True)
    rng = np.random.default_rng(seed)
    x = 2 * np.mod(0.5 + np.arange(MAX_TRAIN) * (np.sqrt(5) - 1) / 2, 1.0) - 1
    noise = rng.normal(0, NOISE, MAX_TRAIN)
    x_val = rng.uniform(-1, 1, N_VALIDATION)
    y_val = target_function(x_val) + rng.normal(0, NOISE, N_VALIDATION)
    return x[:n_train], target_function(x[:n_train]) + noise[:n_train], x_val, y_val


def polynomial_features(x: np.ndarray, n_hidden: int) -> np.ndarray:
    """The frozen hidden layer: shape ``(len(x), n_hidden + 1)``, a column of ones (the bias) then the hidden units.

    Unit ``j`` (for ``j = 1 .. n_hidden``) computes the Legendre polynomial ``P_j(x)`` of degree ``j``, so a layer
    of ``h`` units can represent any polynomial of degree ``h``, and a wider layer keeps the units of a narrower one.
    Legendre polynomials are used rather than the powers ``x**j`` because they are nearly uncorrelated on [-1, 1],
    which keeps gradient descent well behaved.
    """
    n_hidden = check_number("The number of hidden units", n_hidden, 1, MAX_HIDDEN, integer=True)
    return np.polynomial.legendre.legvander(np.asarray(x, dtype=float).ravel(), n_hidden)


def gradient_descent_curves(features: np.ndarray, y: np.ndarray, lam: float, epochs) -> np.ndarray:
    """The output weights after each number of gradient-descent steps in ``epochs``, shape ``(len(epochs), p)``.

    The loss is ``J(w) = mean((features @ w - y)**2) + lam * sum(w[1:]**2)`` (the bias ``w[0]`` is not penalised,
    as with a Keras ``kernel_regularizer``). Training starts from ``w = 0`` and takes full-batch steps
    ``w <- w - learning_rate * grad J(w)`` with ``learning_rate = 1 / (2 a_max)``, where ``a_max`` is the largest eigenvalue of
    ``A = features.T @ features / n + lam * D`` (``D`` the identity without its first 1). Since
    ``grad J = 2 (A w - b)`` with ``b = features.T @ y / n``, each eigen-direction of ``A`` with eigenvalue ``a``
    evolves on its own: after ``t`` steps its coefficient is ``(1 - (1 - a / a_max)**t) * z / a``, where ``z`` is
    the component of ``b`` (and ``t z / a_max`` when ``a = 0``). So any number of steps costs the same.
    """
    features, y = np.asarray(features, dtype=float), np.asarray(y, dtype=float)
    lam = check_number("The L2 strength λ", lam, 0)
    t = np.asarray(epochs, dtype=float).reshape(-1, 1)
    if t.size == 0 or (t < 0).any() or not np.isfinite(t).all():
        raise ValueError("epochs must be a non-empty list of step counts of at least 0.")
    if features.ndim != 2 or features.shape[0] != y.shape[0]:
        raise ValueError(f"features must have one row per target, got shapes {features.shape} and {y.shape}.")
    n, p = features.shape
    penalty = np.ones(p)
    penalty[0] = 0.0
    a, U = np.linalg.eigh(features.T @ features / n + lam * np.diag(penalty))
    a = np.clip(a, 0.0, None)
    a_max = a.max()
    if a_max == 0:
        return np.zeros((t.shape[0], p))
    z = U.T @ (features.T @ y / n)
    ratio = a / a_max
    moving = ratio > 1e-12
    safe_ratio, safe_a = np.where(moving, np.minimum(ratio, 1.0), 0.5), np.where(moving, a, 1.0)
    with np.errstate(
        divide="ignore", invalid="ignore"
    ):  # log1p(-1) = -inf when a = a_max: fitted in one step
        exponent = np.where(t > 0, t * np.log1p(-safe_ratio), 0.0)  # log of (1 - a / a_max)**t
        gain = np.where(moving, -np.expm1(exponent) / safe_a, t / a_max)
    return (gain * z) @ U.T


def mse_curves(weights: np.ndarray, features: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Mean squared error of each row of ``weights`` (one per epoch) on ``(features, y)``."""
    return ((np.asarray(weights) @ np.asarray(features).T - np.asarray(y)) ** 2).mean(axis=1)


@lru_cache(maxsize=256)
def training_run(n_hidden: int, n_train: int, lam: float, seed: int = DATA_SEED):
    """Training and validation MSE at every epoch of ``EPOCHS``, and the weights, for one setting (cached)."""
    x_train, y_train, x_val, y_val = make_data(n_train, seed)
    train_features, val_features = (
        polynomial_features(x_train, n_hidden),
        polynomial_features(x_val, n_hidden),
    )
    weights = gradient_descent_curves(train_features, y_train, lam, EPOCHS)
    return mse_curves(weights, train_features, y_train), mse_curves(weights, val_features, y_val), weights


def epoch_index(epochs: int) -> int:
    """The index in ``EPOCHS`` closest (on a log scale) to a number of epochs."""
    epochs = check_number("The number of epochs", epochs, 1, MAX_EPOCHS, integer=True)
    return int(np.argmin(np.abs(np.log(EPOCHS) - np.log(epochs))))


def capacity_curve(n_train: int, lam: float, epochs: int, capacities=CAPACITIES, seed: int = DATA_SEED):
    """Training and validation MSE after ``epochs`` steps for each number of hidden units in ``capacities``."""
    i = epoch_index(epochs)
    runs = [training_run(int(h), n_train, lam, seed) for h in capacities]
    return np.array([run[0][i] for run in runs]), np.array([run[1][i] for run in runs])


class CapacityExplorer(FigureWidget):
    """Sliders for the hidden units, the training points, the L2 strength and the epochs; the fit, the learning
    curves and the capacity curve, all redrawn from closed-form gradient descent."""

    figsize = (13.0, 4.0)

    def __init__(self, n_hidden: int = 15, n_train: int = 20, lam: float = 1e-6, epochs: int = MAX_EPOCHS):
        n_hidden = check_number("n_hidden (hidden units)", n_hidden, 1, MAX_HIDDEN, integer=True)
        n_train = check_number("n_train (training points)", n_train, 5, MAX_TRAIN, integer=True)
        lam = check_number("The L2 strength λ", lam, 0)
        if not 1e-7 <= lam <= 10:
            raise ValueError(
                f"lam (the L2 strength) must be between 1e-7 and 10 for the slider, got {lam!r}."
            )
        epochs = check_number("epochs", epochs, 1, MAX_EPOCHS, integer=True)
        style = {"description_width": "initial"}
        self.n_hidden = widgets.IntSlider(
            value=n_hidden,
            min=1,
            max=MAX_HIDDEN,
            description="hidden units",
            continuous_update=False,
            style=style,
        )
        self.n_train = widgets.IntSlider(
            value=n_train,
            min=5,
            max=MAX_TRAIN,
            description="training points",
            continuous_update=False,
            style=style,
        )
        self.lam = widgets.FloatLogSlider(
            value=lam,
            base=10,
            min=-7,
            max=1,
            step=0.25,
            description="L2 strength λ",
            readout_format=".1e",
            continuous_update=False,
            style=style,
        )
        self.epochs = widgets.FloatLogSlider(
            value=epochs,
            base=10,
            min=0,
            max=np.log10(MAX_EPOCHS),
            step=0.05,
            description="epochs",
            readout_format=",.0f",
            continuous_update=False,
            style=style,
        )
        super().__init__([self.n_hidden, self.n_train, self.lam, self.epochs])
        self.update()

    def settings(self) -> tuple[int, int, float, int]:
        """The controls' values, checked: ``(n_hidden, n_train, lam, epochs)``."""
        n_hidden = check_number(
            "The number of hidden units", self.n_hidden.value, 1, MAX_HIDDEN, integer=True
        )
        n_train = check_number(
            "The number of training points", self.n_train.value, 5, MAX_TRAIN, integer=True
        )
        lam = check_number("The L2 strength λ", self.lam.value, 0)
        epochs = self.epochs.value
        if not isinstance(epochs, Real) or not np.isfinite(epochs) or not 1 <= round(epochs) <= MAX_EPOCHS:
            raise ValueError(f"The number of epochs must be from 1 to {MAX_EPOCHS:,}, got {epochs!r}.")
        return n_hidden, n_train, lam, int(round(epochs))

    def refresh(self, figure: Figure) -> str | None:
        """Any change: new curves, fit, markers, titles and legend labels on the same three panels."""
        return self._show(*self.settings())

    def _show(self, n_hidden: int, n_train: int, lam: float, epochs: int) -> str:
        """Set the artists that change with the controls (kept by ``draw``), return the status."""
        view = self._view
        i = epoch_index(epochs)
        train_mse, val_mse, weights = training_run(n_hidden, n_train, lam)
        x_train, y_train, _, _ = make_data(n_train)
        floor, best = NOISE**2, int(np.argmin(val_mse))
        view["train_points"].set_offsets(np.column_stack([x_train, y_train]))
        view["model"].set_ydata(polynomial_features(view["grid"], n_hidden) @ weights[i])
        view["fit_title"].set_text(f"The fit after {EPOCHS[i]:,} epochs")
        view["train_curve"].set_ydata(np.clip(train_mse, LOW, HIGH))
        view["val_curve"].set_ydata(np.clip(val_mse, LOW, HIGH))
        view["epoch"].set_xdata([EPOCHS[i], EPOCHS[i]])
        view["best"].set_data([EPOCHS[best]], [val_mse[best]])
        view["best_label"].set_text(f"best epoch ({EPOCHS[best]:,})")
        capacity_train, capacity_val = capacity_curve(n_train, lam, int(EPOCHS[i]))
        view["capacity_train"].set_ydata(np.clip(capacity_train, LOW, HIGH))
        view["capacity_val"].set_ydata(np.clip(capacity_val, LOW, HIGH))
        view["this_model"].set_xdata([n_hidden, n_hidden])
        view["capacity_title"].set_text(f"Capacity curve after {EPOCHS[i]:,} epochs")
        gap = val_mse[i] - train_mse[i]
        return (
            f"{n_hidden} hidden units, {n_train} training points, λ = {lam:.1e}, {EPOCHS[i]:,} epochs: "
            f"training MSE {train_mse[i]:.3f}, validation MSE {val_mse[i]:.3f} (gap {gap:.3f}); "
            f"best validation MSE {val_mse[best]:.3f} at epoch {EPOCHS[best]:,}; noise floor {floor:.2f}"
        )

    def draw(self, figure: Figure) -> str:
        settings = self.settings()
        _, _, x_val, y_val = make_data(settings[1])
        ax_fit, ax_curves, ax_capacity = figure.subplots(1, 3)
        grid = np.linspace(-1, 1, 400)
        validation = ax_fit.scatter(x_val, y_val, s=8, c="#bbbbbb", label="validation points")
        (truth,) = ax_fit.plot(grid, target_function(grid), "k--", lw=1.5, label="true function")
        # a refresh draws the animated artists in the order they were made: the model, then the points over it
        view = {
            "grid": grid,
            "model": ax_fit.plot(grid, np.zeros_like(grid), c="#d62728", lw=2, label="model")[0],
            "train_points": ax_fit.scatter(
                [],
                [],
                s=22,
                c="#1f77b4",
                edgecolors="white",
                linewidths=0.5,
                label="training points",
                zorder=3,
            ),
        }
        view["fit_title"] = ax_fit.set_title(" ")
        ax_fit.set(xlim=(-1, 1), ylim=(-3, 3), xlabel="$x$", ylabel="$y$")
        fit_legend = ax_fit.legend(
            handles=[validation, truth, view["train_points"], view["model"]],
            loc="lower left",
            fontsize="x-small",
            framealpha=0.8,
        )

        floor, no_curve = NOISE**2, np.full(len(EPOCHS), HIGH)
        view["train_curve"] = ax_curves.plot(EPOCHS, no_curve, lw=2, label="training")[0]
        view["val_curve"] = ax_curves.plot(EPOCHS, no_curve, "--", lw=2, label="validation")[0]
        floor_line = ax_curves.axhline(
            floor, color="gray", lw=1, ls=":", label=f"noise floor σ² = {floor:.2f}"
        )
        view["epoch"] = ax_curves.axvline(EPOCHS[-1], color="black", lw=1, alpha=0.6)
        view["best"] = ax_curves.plot(EPOCHS[-1], HIGH, "o", color="#ff7f0e", label="best epoch")[0]
        ax_curves.set(
            xscale="log",
            yscale="log",
            ylim=(LOW, HIGH),
            xlabel="epoch (gradient-descent steps)",
            ylabel="mean squared error",
            title="Learning curves",
        )
        curves_legend = ax_curves.legend(loc="lower left", fontsize="x-small", framealpha=0.8)
        view["best_label"] = curves_legend.get_texts()[-1]

        no_curve = np.full(len(CAPACITIES), HIGH)
        view["capacity_train"] = ax_capacity.plot(CAPACITIES, no_curve, "o-", lw=2, ms=4, label="training")[0]
        view["capacity_val"] = ax_capacity.plot(CAPACITIES, no_curve, "s--", lw=2, ms=4, label="validation")[
            0
        ]
        capacity_floor = ax_capacity.axhline(floor, color="gray", lw=1, ls=":", label="noise floor")
        view["this_model"] = ax_capacity.axvline(
            MAX_HIDDEN, color="black", lw=1, alpha=0.6, label="this model"
        )
        view["capacity_title"] = ax_capacity.set_title(" ")
        ax_capacity.set(
            xscale="log",
            yscale="log",
            ylim=(LOW, HIGH),
            xlabel="hidden units (capacity)",
            ylabel="mean squared error",
        )
        capacity_legend = ax_capacity.legend(loc="lower left", fontsize="x-small", framealpha=0.8)
        self._view = view
        # every artist over the plotting areas is animated (legends and frames included): a refresh draws them in order
        self.animate(
            view["model"],
            view["train_points"],
            view["fit_title"],
            fit_legend,
            view["train_curve"],
            view["val_curve"],
            floor_line,
            view["epoch"],
            view["best"],
            curves_legend,
            view["capacity_train"],
            view["capacity_val"],
            capacity_floor,
            view["this_model"],
            view["capacity_title"],
            capacity_legend,
            *(spine for ax in (ax_fit, ax_curves, ax_capacity) for spine in ax.spines.values()),
        )
        return self._show(*settings)
