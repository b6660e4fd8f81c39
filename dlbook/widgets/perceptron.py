"""PerceptronExplorer: move a perceptron's weights by hand, or let the perceptron rule move them one step at a time."""

from __future__ import annotations

from functools import cache

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from dlbook.checks import check_choice, check_number
from dlbook.data import load_toy
from dlbook.plotting import CLASS_CMAP, grid_limits, plot_points
from dlbook.widgets.base import MAX_STATIC_STATES, FigureWidget

_GATES = {"AND": [0, 0, 0, 1], "OR": [0, 1, 1, 1], "XOR": [0, 1, 1, 0]}
DATASETS = ("blobs", "AND", "OR", "XOR")
_AXES_BOX = (
    0.13,
    0.1,
    0.83,
    0.83,
)  # left, bottom, width, height in the figure: room for every data set's ticks


def perceptron_dataset(name: str) -> tuple[np.ndarray, np.ndarray]:
    """The explorer's data: two Gaussian blobs, or the four corners of a logic gate, as ``(X, y)`` (read-only)."""
    check_choice("data set", name, DATASETS)
    return _dataset(name)


@cache
def _dataset(name: str) -> tuple[np.ndarray, np.ndarray]:
    if name == "blobs":
        (X, y), _ = load_toy("blobs", n_samples=80, noise=0.0, test_size=0.25, seed=3)
    else:
        X, y = np.array([[0, 0], [0, 1], [1, 0], [1, 1]]), np.array(_GATES[name])
    X = X.astype(float)
    X.flags.writeable = y.flags.writeable = False  # shared by every call
    return X, y


def half_plane(w: np.ndarray, b: float, limits: tuple[float, float, float, float]) -> np.ndarray:
    """A polygon covering the part of the box ``limits`` (x_min, x_max, y_min, y_max) where ``x @ w + b > 0``: the
    box itself, clipped by the decision line (no vertices when the perceptron says 0 everywhere)."""
    x_min, x_max, y_min, y_max = limits
    corners = np.array([[x_min, y_min], [x_max, y_min], [x_max, y_max], [x_min, y_max]])
    side = corners @ np.asarray(w, dtype=float) + b
    polygon = []
    for k in range(4):  # one pass of Sutherland-Hodgman clipping: keep the corners inside, add the crossings
        (p, sp), (q, sq) = (corners[k], side[k]), (corners[(k + 1) % 4], side[(k + 1) % 4])
        if sp > 0:
            polygon.append(p)
        if (sp > 0) != (sq > 0):
            polygon.append(p + (q - p) * sp / (sp - sq))
    return np.array(polygon).reshape(-1, 2)


def perceptron_output(X: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    """The perceptron's 0/1 prediction: 1 where ``X @ w + b > 0``."""
    return (np.asarray(X) @ np.asarray(w) + b > 0).astype(int)


def perceptron_rule_step(
    X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float, learning_rate: float = 1.0, start: int = 0
) -> tuple[np.ndarray, float, int | None]:
    """One step of the perceptron rule on the first misclassified point at or after index ``start`` (cyclically).

    Returns ``(w, b, i)`` after the update ``w += learning_rate * (y_i - yhat_i) * x_i``, ``b += learning_rate * (y_i - yhat_i)``,
    or the unchanged ``(w, b, None)`` when every point is already classified correctly.
    """
    check_number("The learning rate", learning_rate, positive=True)
    wrong = np.flatnonzero(perceptron_output(X, w, b) != y)
    if wrong.size == 0:
        return np.asarray(w, dtype=float), float(b), None
    i = int(wrong[np.argmax(wrong >= start)] if (wrong >= start).any() else wrong[0])
    error = y[i] - perceptron_output(X[i : i + 1], w, b)[0]
    return np.asarray(w, dtype=float) + learning_rate * error * X[i], float(b + learning_rate * error), i


class PerceptronExplorer(FigureWidget):
    """Sliders for the weights and the bias, the decision line over the data, and a "learn one step" button."""

    figsize = (6.0, 5.0)

    def __init__(self, dataset: str = "blobs", w=(0.5, -1.0), b: float = 0.0, learning_rate: float = 0.5):
        perceptron_dataset(dataset)  # refuse an unknown name before building anything
        slider = dict(
            min=-4.0, max=4.0, step=0.05, continuous_update=False, layout=widgets.Layout(width="260px")
        )
        self.dataset = widgets.Dropdown(options=DATASETS, value=dataset, description="data")
        self.w1 = widgets.FloatSlider(value=w[0], description="w₁", **slider)
        self.w2 = widgets.FloatSlider(value=w[1], description="w₂", **slider)
        self.b = widgets.FloatSlider(value=b, description="b", **slider)
        self.learning_rate = widgets.FloatLogSlider(
            value=learning_rate,
            base=10,
            min=-2,
            max=1,
            description="learning rate",
            continuous_update=False,
            style={"description_width": "initial"},
        )
        self.step_button = widgets.Button(
            description="Learn one step", button_style="primary", icon="step-forward"
        )
        self.reset_button = widgets.Button(description="Reset", icon="undo")
        self.step_button.on_click(lambda _button: self.learn_step())
        self.reset_button.on_click(lambda _button: self.reset())
        self._initial = (tuple(w), b)
        self._next = 0
        self.last_updated: int | None = None
        super().__init__(
            [self.dataset, self.w1, self.w2, self.b, self.learning_rate, self.step_button, self.reset_button]
        )
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
        return "learning steps", [
            ("start", None),
            *((f"after {k + 1} step{'s' if k else ''}", self.learn_step) for k in range(steps)),
        ]

    def draw(self, figure: Figure) -> str:
        X, _ = perceptron_dataset(self.dataset.value)
        ax = figure.add_subplot()
        # a fixed box, out of the layout: another data set's ticks need no new layout
        ax.set_position(_AXES_BOX)
        ax.set_facecolor(CLASS_CMAP.colors[0])  # class 0's side; the half-plane of class 1 is drawn over it
        view = {
            "side": ax.add_patch(Polygon(np.zeros((0, 2)), fc=CLASS_CMAP.colors[1], lw=0)),
            "line": ax.plot([], [], "k-", lw=2, label="decision line")[0],
        }
        plot_points(ax, X[:0], np.zeros(0))  # empty, with their labels and the axis labels: _show fills them
        view["points"] = ax.collections[-2:]
        view["learned"] = ax.scatter(
            [],
            [],
            s=260,
            facecolors="none",
            edgecolors="black",
            linewidths=2,
            label="point just learned from",
        )
        view["arrow"] = ax.annotate(
            "", xy=(0, 0), xytext=(0, 0), arrowprops=dict(arrowstyle="->", lw=2, color="#444")
        )
        view["w"] = ax.text(0, 0, "$\\mathbf{w}$", color="#444")
        view["legend"], view["limits"] = None, None
        self._view = view
        # what a refresh changes; the spines too, since the class-1 half-plane is drawn over their inner half
        self.animate(
            view["side"],
            view["line"],
            *view["points"],
            view["learned"],
            view["arrow"],
            view["w"],
            *ax.spines.values(),
            ax.title,
        )
        return self._show(ax)

    def refresh(self, figure: Figure) -> str:
        """Every control moves the artists kept by ``draw``; a data set in another box also redraws the background
        (its limits and ticks), keeping the layout."""
        return self._show(self._view["line"].axes)

    def _show(self, ax) -> str:
        """Set the artists kept by ``draw`` to the current state; return the status line."""
        view = self._view
        X, y = perceptron_dataset(self.dataset.value)
        w, b = self.weights, self.b.value
        limits = grid_limits(X, margin=0.6)
        if limits != view["limits"]:  # another box: new limits and ticks, drawn into the background
            ax.set_xlim(*limits[:2])
            ax.set_ylim(*limits[2:])
            if view["limits"] is not None:
                self.redraw_background()
            view["limits"] = limits
        x_min, x_max, y_min, y_max = limits
        view["side"].set_xy(half_plane(w, b, limits))
        if w[1] != 0:  # w1 x1 + w2 x2 + b = 0, as a line x2(x1)
            xs = np.array([x_min, x_max])
            view["line"].set_data(xs, -(w[0] * xs + b) / w[1])
        elif w[0] != 0:
            view["line"].set_data([-b / w[0]] * 2, [y_min, y_max])
        view["line"].set_visible(bool(w.any()))
        for cls, points in enumerate(view["points"]):
            points.set_offsets(X[y == cls])
            points.set_sizes([60 if len(y) <= 4 else 18])
        learned = self.last_updated is not None
        view["learned"].set_offsets(X[[self.last_updated]] if learned else np.zeros((0, 2)))
        view["learned"].set_visible(learned)
        norm = np.linalg.norm(w)
        if norm > 0:
            centre, arrow = X.mean(axis=0), w / norm * 0.25 * (x_max - x_min)
            view["arrow"].xy, view["arrow"].xyann = centre + arrow, centre
            view["w"].set_position(centre + arrow * 1.1)
        view["arrow"].set_visible(norm > 0)
        view["w"].set_visible(norm > 0)
        entries = [
            artist for artist in (view["line"], *view["points"], view["learned"]) if artist.get_visible()
        ]
        if (entries, len(y)) != view["legend"]:  # an entry more or less, or points of another size
            self.animate(ax.legend(handles=entries, loc="upper left", fontsize="small", framealpha=0.8))
            view["legend"] = entries, len(y)
        errors = self.misclassified()
        ax.set_title(f"{self.dataset.value}: {errors} of {len(y)} points misclassified")
        verdict = "all points correct: the rule has converged" if errors == 0 else f"{errors} misclassified"
        return f"w = ({w[0]:.2f}, {w[1]:.2f}), b = {b:.2f} &nbsp;·&nbsp; {verdict}"
