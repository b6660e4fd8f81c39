"""PerceptronExplorer: move a perceptron's weights by hand, or let the perceptron rule move them one step at a time."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from dlbook.checks import check_choice, check_number
from dlbook.data import load_toy
from dlbook.plotting import CLASS_CMAP, input_grid, plot_points
from dlbook.widgets.base import MAX_STATIC_STATES, FigureWidget

_GATES = {"AND": [0, 0, 0, 1], "OR": [0, 1, 1, 1], "XOR": [0, 1, 1, 0]}
DATASETS = ("blobs", "AND", "OR", "XOR")


def perceptron_dataset(name: str) -> tuple[np.ndarray, np.ndarray]:
    """The explorer's data: two Gaussian blobs, or the four corners of a logic gate, as ``(X, y)``."""
    if name == "blobs":
        (X, y), _ = load_toy("blobs", n_samples=80, noise=0.0, test_size=0.25, seed=3)
        return X.astype(float), y
    check_choice("data set", name, DATASETS)
    return np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float), np.array(_GATES[name])


def perceptron_output(X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    """The perceptron's 0/1 prediction: 1 where ``X @ w + b > 0``."""
    return (np.asarray(X) @ np.asarray(w) + b > 0).astype(int)


def perceptron_rule_step(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float, learning_rate: float = 1.0,
                         start: int = 0) -> tuple[np.ndarray, float, int | None]:
    """One step of the perceptron rule on the first misclassified point at or after index ``start`` (cyclically).

    Returns ``(w, b, i)`` after the update ``w += learning_rate * (y_i - yhat_i) * x_i``, ``b += learning_rate * (y_i - yhat_i)``,
    or the unchanged ``(w, b, None)`` when every point is already classified correctly.
    """
    check_number("The learning rate", learning_rate, positive=True)
    wrong = np.flatnonzero(perceptron_output(X, w, b) != y)
    if wrong.size == 0:
        return np.asarray(w, dtype=float), float(b), None
    i = int(wrong[np.argmax(wrong >= start)] if (wrong >= start).any() else wrong[0])
    error = y[i] - perceptron_output(X[i:i + 1], w, b)[0]
    return np.asarray(w, dtype=float) + learning_rate * error * X[i], float(b + learning_rate * error), i


class PerceptronExplorer(FigureWidget):
    """Sliders for the weights and the bias, the decision line over the data, and a "learn one step" button."""

    figsize = (6.0, 5.0)

    def __init__(self, dataset: str = "blobs", w=(0.5, -1.0), b: float = 0.0, learning_rate: float = 0.5):
        perceptron_dataset(dataset)  # refuse an unknown name before building anything
        slider = dict(min=-4.0, max=4.0, step=0.05, continuous_update=False,
                      layout=widgets.Layout(width="260px"))
        self.dataset = widgets.Dropdown(options=DATASETS, value=dataset, description="data")
        self.w1 = widgets.FloatSlider(value=w[0], description="w₁", **slider)
        self.w2 = widgets.FloatSlider(value=w[1], description="w₂", **slider)
        self.b = widgets.FloatSlider(value=b, description="b", **slider)
        self.learning_rate = widgets.FloatLogSlider(value=learning_rate, base=10, min=-2, max=1, description="learning rate",
                                         continuous_update=False, style={"description_width": "initial"})
        self.step_button = widgets.Button(description="Learn one step", button_style="primary", icon="step-forward")
        self.reset_button = widgets.Button(description="Reset", icon="undo")
        self.step_button.on_click(lambda _button: self.learn_step())
        self.reset_button.on_click(lambda _button: self.reset())
        self._initial = (tuple(w), b)
        self._next = 0
        self.last_updated: int | None = None
        super().__init__([self.dataset, self.w1, self.w2, self.b, self.learning_rate, self.step_button, self.reset_button])
        self.on_change(self.dataset, lambda _name: self.reset())  # a new data set starts afresh
        self.update()

    @property
    def weights(self) -> np.ndarray:
        return np.array([self.w1.value, self.w2.value])

    def _set(self, w: np.ndarray, b: float) -> None:
        with self.hold():
            for slider, value in zip((self.w1, self.w2, self.b), (*w, b), strict=True):
                bound = float(np.ceil(abs(value)))
                if bound > slider.max:  # the rule may leave the slider's range: widen it rather than clip
                    slider.max, slider.min = bound, -bound
                slider.value = float(value)

    def learn_step(self) -> int | None:
        """Apply the perceptron rule to the next misclassified point; return its index (None when all are right)."""
        X, y = perceptron_dataset(self.dataset.value)
        w, b, i = perceptron_rule_step(X, y, self.weights, self.b.value, self.learning_rate.value, self._next)
        self.last_updated = i
        if i is not None:
            self._next = (i + 1) % len(y)
        self._set(w, b)
        return i

    def reset(self) -> None:
        self._next, self.last_updated = 0, None
        self._set(np.array(self._initial[0]), self._initial[1])

    def misclassified(self) -> int:
        X, y = perceptron_dataset(self.dataset.value)
        return int((perceptron_output(X, self.weights, self.b.value) != y).sum())

    def static_states(self, max_steps: int = MAX_STATIC_STATES - 1):
        """Learning steps from the state shown, until the rule converges (at most ``max_steps``)."""
        X, y = perceptron_dataset(self.dataset.value)
        w, b, start, steps = self.weights, self.b.value, self._next, 0
        while steps < max_steps:  # count the steps first, on the pure function
            w, b, i = perceptron_rule_step(X, y, w, b, self.learning_rate.value, start)
            if i is None:
                break
            start, steps = (i + 1) % len(y), steps + 1
        return "learning steps", [("start", None),
                                  *((f"after {k + 1} step{'s' if k else ''}", self.learn_step) for k in range(steps))]

    def draw(self, figure: Figure) -> str:
        X, y = perceptron_dataset(self.dataset.value)
        w, b = self.weights, self.b.value
        ax = figure.add_subplot()
        xx, yy, grid = input_grid(X, margin=0.6)
        (x_min, x_max), (y_min, y_max) = (xx.min(), xx.max()), (yy.min(), yy.max())
        side = perceptron_output(grid, w, b).reshape(xx.shape)
        ax.contourf(xx, yy, side, levels=[-0.5, 0.5, 1.5], cmap=CLASS_CMAP)
        if w[1] != 0:  # w1 x1 + w2 x2 + b = 0, as a line x2(x1)
            xs = np.array([x_min, x_max])
            ax.plot(xs, -(w[0] * xs + b) / w[1], "k-", lw=2, label="decision line")
        elif w[0] != 0:
            ax.axvline(-b / w[0], color="k", lw=2, label="decision line")
        plot_points(ax, X, y, s=60 if len(y) <= 4 else 18)
        if self.last_updated is not None:
            ax.scatter(*X[self.last_updated], s=260, facecolors="none", edgecolors="black", linewidths=2,
                       label="point just learned from")
        centre = X.mean(axis=0)
        if np.linalg.norm(w) > 0:
            arrow = w / np.linalg.norm(w) * 0.25 * (x_max - x_min)
            ax.annotate("", xy=centre + arrow, xytext=centre, arrowprops=dict(arrowstyle="->", lw=2, color="#444"))
            ax.text(*(centre + arrow * 1.1), "$\\mathbf{w}$", color="#444")
        ax.set_xlim(x_min, x_max)
        ax.set_ylim(y_min, y_max)
        ax.legend(loc="upper left", fontsize="small", framealpha=0.8)
        errors = self.misclassified()
        ax.set_title(f"{self.dataset.value}: {errors} of {len(y)} points misclassified")
        verdict = "all points correct: the rule has converged" if errors == 0 else f"{errors} misclassified"
        return f"w = ({w[0]:.2f}, {w[1]:.2f}), b = {b:.2f} &nbsp;·&nbsp; {verdict}"
