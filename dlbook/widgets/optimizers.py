"""OptimizerRace: gradient-descent optimizers racing down a 2-D loss surface, their paths and loss curves side by side.

The surfaces, their gradients, the optimizers' update rules and the trajectory runner are pure NumPy functions. The
update rules follow ``keras.optimizers`` exactly (same defaults, same place for epsilon), so a path drawn here is the
path Keras would take from the same start with the same gradients.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import ipywidgets as widgets
import numpy as np
from matplotlib.colors import LogNorm
from matplotlib.figure import Figure
from matplotlib.ticker import NullLocator

from dlbook.checks import check_choice, check_number
from dlbook.plotting import plain_log_ticks
from dlbook.widgets.base import FigureWidget


# -- the surfaces ---------------------------------------------------------------------------------------------------
def _valley(x, y):
    return 0.5 * (x**2 + 25 * y**2)


def _valley_grad(x, y):
    return np.stack([x, 25 * y], axis=-1)


def _rosenbrock(x, y):
    return (1 - x) ** 2 + 100 * (y - x**2) ** 2


def _rosenbrock_grad(x, y):
    return np.stack([-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)], axis=-1)


def _saddle(x, y):
    return 0.5 * x**2 - 0.5 * y**2 + 0.25 * y**4


def _saddle_grad(x, y):
    return np.stack([x, -y + y**3], axis=-1)


_BEALE_C = (1.5, 2.25, 2.625)


def _beale(x, y):
    return sum((c - x + x * y**k) ** 2 for k, c in enumerate(_BEALE_C, start=1))


def _beale_grad(x, y):
    gx = sum(2 * (c - x + x * y**k) * (y**k - 1) for k, c in enumerate(_BEALE_C, start=1))
    gy = sum(2 * (c - x + x * y**k) * k * x * y ** (k - 1) for k, c in enumerate(_BEALE_C, start=1))
    return np.stack([gx, gy], axis=-1)


@dataclass(frozen=True)
class Surface:
    """A 2-D loss surface: its formula (plain text, which draws quicker than mathtext), value and gradient, a
    plotting box, a start, its minima."""

    formula: str
    value: object
    gradient: object
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    start: tuple[float, float]
    minima: tuple[tuple[float, float], ...]
    min_value: float
    legend_loc: str = "lower right"
    saddle: tuple[float, float] | None = None


SURFACES = {
    "narrow valley": Surface(
        "½(x² + 25y²)",
        _valley,
        _valley_grad,
        (-5.0, 5.0),
        (-2.0, 2.0),
        (-4.5, 1.5),
        ((0.0, 0.0),),
        0.0,
    ),
    "Rosenbrock": Surface(
        "(1 − x)² + 100(y − x²)²",
        _rosenbrock,
        _rosenbrock_grad,
        (-2.0, 2.0),
        (-1.0, 3.0),
        (-1.2, 1.0),
        ((1.0, 1.0),),
        0.0,
    ),
    "saddle": Surface(
        "½x² − ½y² + ¼y⁴",
        _saddle,
        _saddle_grad,
        (-2.5, 2.5),
        (-2.0, 2.0),
        (-2.0, 0.001),
        ((0.0, 1.0), (0.0, -1.0)),
        -0.25,
        saddle=(0.0, 0.0),
    ),
    "Beale": Surface(
        "Σₖ (cₖ − x + xyᵏ)², k = 1, 2, 3, c = (1.5, 2.25, 2.625)",
        _beale,
        _beale_grad,
        (-1.5, 4.5),
        (-2.5, 2.5),
        (1.0, 1.5),
        ((3.0, 0.5),),
        0.0,
        legend_loc="upper left",
    ),
}


def _surface(name: str) -> Surface:
    check_choice("loss surface", name, SURFACES)
    return SURFACES[name]


def surface_value(name: str, points) -> np.ndarray:
    """The loss at ``points``, an array whose last axis holds (x, y); returns an array of the leading shape."""
    points = np.asarray(points, dtype=float)
    return _surface(name).value(points[..., 0], points[..., 1])


def surface_gradient(name: str, points) -> np.ndarray:
    """The gradient (∂f/∂x, ∂f/∂y) at ``points`` (last axis (x, y)); same shape as ``points``."""
    points = np.asarray(points, dtype=float)
    return _surface(name).gradient(points[..., 0], points[..., 1])


# -- the optimizers, as in keras.optimizers ---------------------------------------------------------------------------
OPTIMIZERS = ("SGD", "momentum", "Nesterov", "AdaGrad", "RMSprop", "Adam")
COLORS = {
    "SGD": "#1f77b4",
    "momentum": "#ff7f0e",
    "Nesterov": "#8c564b",
    "AdaGrad": "#9467bd",
    "RMSprop": "#2ca02c",
    "Adam": "#d62728",
}
DEFAULTS = dict(momentum=0.9, rho=0.9, beta1=0.9, beta2=0.999, eps=1e-7, initial_accumulator=0.1)


def init_state(name: str, w) -> dict:
    """The optimizer's state before the first step, with the initial values Keras uses."""
    check_choice("optimizer", name, OPTIMIZERS)
    zeros = np.zeros_like(np.asarray(w, dtype=float))
    if name in ("momentum", "Nesterov"):
        return {"velocity": zeros}
    if name == "AdaGrad":
        return {"accumulator": zeros + DEFAULTS["initial_accumulator"]}
    if name == "RMSprop":
        return {"mean_square": zeros}
    if name == "Adam":
        return {"m": zeros, "v": zeros.copy(), "t": 0}
    return {}


def optimizer_step(name: str, w, grad, state: dict, learning_rate: float, **hyper) -> tuple[np.ndarray, dict]:
    """One update of optimizer ``name``; returns the new ``(w, state)`` and leaves the inputs untouched.

    The rules are those of ``keras.optimizers`` (``hyper`` overrides the defaults in ``DEFAULTS``):

    - SGD: ``w - learning_rate g``;
    - momentum: ``v = μ v - learning_rate g``, ``w + v``;  Nesterov: the same ``v``, then ``w + μ v - learning_rate g``;
    - AdaGrad: ``a = a + g²`` (``a`` starts at 0.1), ``w - learning_rate g / sqrt(a + ε)``;
    - RMSprop: ``s = ρ s + (1 - ρ) g²``, ``w - learning_rate g / sqrt(s + ε)``;
    - Adam: ``m = β₁ m + (1 - β₁) g``, ``v = β₂ v + (1 - β₂) g²``,
      ``w - learning_rate sqrt(1 - β₂ᵗ) / (1 - β₁ᵗ) · m / (sqrt(v) + ε)`` with ``t`` the 1-based step.
    """
    unknown = set(hyper) - set(DEFAULTS)
    if unknown:
        raise ValueError(
            f"Unknown hyperparameter(s) {', '.join(sorted(unknown))}; use {', '.join(DEFAULTS)}."
        )
    check_number("The learning rate", learning_rate, positive=True)
    h = {**DEFAULTS, **hyper}
    w, g = np.asarray(w, dtype=float), np.asarray(grad, dtype=float)
    if name == "SGD":
        return w - learning_rate * g, {}
    if name in ("momentum", "Nesterov"):
        v = h["momentum"] * state["velocity"] - learning_rate * g
        step = v if name == "momentum" else h["momentum"] * v - learning_rate * g
        return w + step, {"velocity": v}
    if name == "AdaGrad":
        a = state["accumulator"] + g**2
        return w - learning_rate * g / np.sqrt(a + h["eps"]), {"accumulator": a}
    if name == "RMSprop":
        s = h["rho"] * state["mean_square"] + (1 - h["rho"]) * g**2
        return w - learning_rate * g / np.sqrt(s + h["eps"]), {"mean_square": s}
    if name == "Adam":
        t = state["t"] + 1
        m = h["beta1"] * state["m"] + (1 - h["beta1"]) * g
        v = h["beta2"] * state["v"] + (1 - h["beta2"]) * g**2
        alpha = learning_rate * np.sqrt(1 - h["beta2"] ** t) / (1 - h["beta1"] ** t)
        return w - alpha * m / (np.sqrt(v) + h["eps"]), {"m": m, "v": v, "t": t}
    raise ValueError(f"Unknown optimizer {name!r}. Choose one of: {', '.join(OPTIMIZERS)}.")


# -- the race ---------------------------------------------------------------------------------------------------------
DIVERGENCE_LIMIT = 1e6  # a path whose coordinates or loss go beyond this (or to inf / NaN) has diverged


@dataclass(frozen=True)
class Trajectory:
    """The points visited (``(k + 1, 2)``, the start first), their losses, and the step at which it diverged."""

    points: np.ndarray
    losses: np.ndarray
    diverged_at: int | None


def run_optimizer(name: str, surface: str, start, learning_rate: float, steps: int, **hyper) -> Trajectory:
    """Run ``steps`` updates of optimizer ``name`` on ``surface`` from ``start``.

    A path that leaves the finite world (a coordinate or the loss beyond ``DIVERGENCE_LIMIT``, inf or NaN) stops at
    its last sane point; ``diverged_at`` is then the step that went wrong, otherwise None.
    """
    steps = check_number("The number of steps", steps, 1, 10_000, integer=True)
    w = np.asarray(start, dtype=float)
    if w.shape != (2,) or not np.isfinite(w).all():
        raise ValueError(f"The start must be two finite numbers (x, y), got {start!r}.")
    state = init_state(name, w)
    chosen = _surface(surface)
    points, losses = [w], [float(chosen.value(*w))]
    with np.errstate(all="ignore"):
        for step in range(1, steps + 1):
            w, state = optimizer_step(name, w, chosen.gradient(*w), state, learning_rate, **hyper)
            loss = float(chosen.value(*w))
            if (
                not (np.isfinite(w).all() and np.isfinite(loss))
                or np.abs(w).max() > DIVERGENCE_LIMIT
                or abs(loss) > DIVERGENCE_LIMIT
            ):
                return Trajectory(np.array(points), np.array(losses), step)
            points.append(w)
            losses.append(loss)
    return Trajectory(np.array(points), np.array(losses), None)


# a racer ticked again, or the other racers' path kept, is not rerun
_run = lru_cache(maxsize=256)(run_optimizer)


# -- the widget -------------------------------------------------------------------------------------------------------
# the panels' boxes (left, bottom, width, height in the figure), with room for every surface's ticks and titles
_PANELS = ((0.07, 0.11, 0.45, 0.78), (0.6, 0.11, 0.385, 0.78))


class OptimizerRace(FigureWidget):
    """Choose a surface, a learning rate, a number of steps, a start and the racers; see their paths and losses."""

    figsize = (10.0, 4.2)

    def __init__(
        self,
        surface: str = "narrow valley",
        learning_rate: float = 0.07,
        steps: int = 100,
        start=None,
        optimizers=("SGD", "momentum", "RMSprop", "Adam"),
    ):
        chosen = _surface(surface)
        check_number("The learning rate", learning_rate, 1e-4, 1)
        steps = check_number("The number of steps", steps, 1, 500, integer=True)
        unknown = [name for name in optimizers if name not in OPTIMIZERS]
        if unknown or not optimizers:
            raise ValueError(
                f"Choose at least one optimizer among {', '.join(OPTIMIZERS)}; got {list(optimizers)}."
            )
        start = chosen.start if start is None else start
        if np.shape(start) != (2,) or not np.isfinite(np.asarray(start, dtype=float)).all():
            raise ValueError(f"The start must be two finite numbers (x, y), got {start!r}.")
        self.surface = widgets.Dropdown(options=list(SURFACES), value=surface, description="surface")
        self.learning_rate = widgets.FloatLogSlider(
            value=learning_rate,
            base=10,
            min=-4,
            max=0,
            step=0.1,
            description="learning rate",
            continuous_update=False,
            readout_format=".4f",
        )
        self.steps = widgets.IntSlider(
            value=steps, min=1, max=500, description="steps", continuous_update=False
        )
        slider = dict(step=0.05, continuous_update=False, layout=widgets.Layout(width="240px"))
        self.x0 = widgets.FloatSlider(
            value=float(start[0]), min=chosen.xlim[0], max=chosen.xlim[1], description="start x", **slider
        )
        self.y0 = widgets.FloatSlider(
            value=float(start[1]),
            min=chosen.ylim[0],
            max=chosen.ylim[1],
            description="start y",
            readout_format=".3f",
            **slider,
        )
        self.racers = {
            name: widgets.Checkbox(
                value=name in optimizers, description=name, indent=False, layout=widgets.Layout(width="100px")
            )
            for name in OPTIMIZERS
        }
        self.trajectories: dict[str, Trajectory] = {}
        super().__init__(
            [self.surface, self.learning_rate, self.steps, self.x0, self.y0, *self.racers.values()]
        )
        self.on_change(self.surface, self._new_surface)
        self.update()

    def _new_surface(self, name: str) -> None:
        """A new surface gets its own box and its usual start."""
        surface = SURFACES[name]
        for slider, lim, value in (
            (self.x0, surface.xlim, surface.start[0]),
            (self.y0, surface.ylim, surface.start[1]),
        ):
            slider.min, slider.max = -1e9, 1e9  # widen first, so that min never exceeds max on the way
            slider.min, slider.max = lim
            slider.value = value

    # scenarios the website steps through without a kernel: (label, surface, learning rate, steps)
    SCENARIOS = (
        ("narrow valley, learning rate 0.1: SGD diverges", "narrow valley", 0.1, 100),
        ("narrow valley, learning rate 0.01: SGD crawls, momentum wins", "narrow valley", 0.01, 100),
        ("saddle, learning rate 0.03: SGD stalls at the saddle point", "saddle", 0.03, 100),
        ("Rosenbrock, learning rate 0.003, 300 steps", "Rosenbrock", 0.003, 300),
        ("Beale, learning rate 0.01, 300 steps: momentum diverges", "Beale", 0.01, 300),
    )

    def static_states(self):
        """The state shown, then a few instructive scenarios (all optimizers as ticked, usual starts)."""

        def scenario(surface: str, learning_rate: float, steps: int):
            def apply():
                if self.surface.value != surface:
                    self.surface.value = surface  # moves the start to the surface's usual one
                else:
                    self.x0.value, self.y0.value = SURFACES[surface].start
                self.learning_rate.value, self.steps.value = learning_rate, steps

            return apply

        shown = f"{self.surface.value}, learning rate {self.learning_rate.value:.3g}, {self.steps.value} steps (as shown)"
        return "scenario", [(shown, None), *((label, scenario(*rest)) for label, *rest in self.SCENARIOS)]

    @property
    def selected(self) -> list[str]:
        return [name for name, box in self.racers.items() if box.value]

    def _race(self) -> tuple[str, Surface, tuple[float, float]]:
        """Run the race the controls describe into ``self.trajectories``: ``(surface name, surface, start)``."""
        name = self.surface.value
        surface = _surface(name)
        selected = self.selected
        if not selected:
            raise ValueError("Tick at least one optimizer to start the race.")
        start = (self.x0.value, self.y0.value)
        self.trajectories = {
            opt: _run(opt, name, start, self.learning_rate.value, self.steps.value) for opt in selected
        }
        return name, surface, start

    def _status(self, surface: Surface) -> str:
        summaries = []
        for opt, path in self.trajectories.items():
            name = f'<span style="color:{COLORS[opt]}"><b>{opt}</b></span>'
            summaries.append(
                f"{name}: <b>diverged</b> at step {path.diverged_at}"
                if path.diverged_at is not None
                else f"{name}: f − f* = {path.losses[-1] - surface.min_value:.2g}"
            )
        return " &nbsp;·&nbsp; ".join(summaries) + " &nbsp;(✕ marks where a path diverged)"

    def _show_race(self, start, surface: Surface) -> None:
        """Set the paths, the loss curves and the legends kept by ``draw`` to the race just run."""
        view = self._view
        view["start"].set_data([start[0]], [start[1]])
        for opt in OPTIMIZERS:
            path = self.trajectories.get(opt)
            points = np.empty((0, 2)) if path is None else path.points
            gaps = np.empty(0) if path is None else np.maximum(path.losses - surface.min_value, 1e-16)
            end = points[-1:] if path is not None and path.diverged_at is not None else np.empty((0, 2))
            view["paths"][opt].set_data(points[:, 0], points[:, 1])
            view["ends"][opt].set_data(end[:, 0], end[:, 1])
            view["losses"][opt].set_data(np.arange(len(gaps)), gaps)  # a log axis cannot show an exact 0
            view["diverged"][opt].set_data(
                np.arange(len(gaps))[-1:] if len(end) else [], gaps[-1:] if len(end) else []
            )
            for artist in (view["paths"][opt], view["ends"][opt], view["losses"][opt], view["diverged"][opt]):
                artist.set_visible(path is not None)
        ax_map, ax_loss = view["start"].axes, view["loss"]
        ax_loss.relim()
        ax_loss.autoscale_view()
        # y=1.0: the title's place is fixed, not worked out from the tick labels at every refresh
        ax_loss.set_title(f"Loss gap to the minimum, learning rate {self.learning_rate.value:.3g}", y=1.0)
        # one legend, on the map: the loss curves have the paths' colours
        if view["racers"] != tuple(self.trajectories):  # other racers: other legend entries
            view["racers"] = tuple(self.trajectories)
            racers = [view["paths"][opt] for opt in self.trajectories]
            self.animate(
                ax_map.legend(
                    handles=[*view["marks"], view["start"], *racers],
                    loc=surface.legend_loc,
                    fontsize="small",
                    framealpha=0.85,
                )
            )

    def _draw_surface(self, ax_map, name: str, surface: Surface) -> list:
        """The contour map of ``surface`` and its minima and saddle point: the artists made."""
        xx, yy = np.meshgrid(np.linspace(*surface.xlim, 120), np.linspace(*surface.ylim, 120))
        gap = surface_value(name, np.stack([xx, yy], axis=-1)) - surface.min_value + 1e-3
        levels = np.geomspace(gap.min(), gap.max(), 25)
        artists = [
            ax_map.contourf(xx, yy, gap, levels=levels, norm=LogNorm(), cmap="Greys_r", alpha=0.7),
            ax_map.contour(xx, yy, gap, levels=levels, norm=LogNorm(), colors="white", linewidths=0.4),
        ]
        minima = np.array(surface.minima)
        artists += ax_map.plot(
            minima[:, 0],
            minima[:, 1],
            "*",
            color="gold",
            markersize=15,
            markeredgecolor="black",
            linestyle="none",
            label="minimum" if len(minima) == 1 else "minima",
            zorder=5,
        )
        if surface.saddle is not None:
            artists += ax_map.plot(
                *surface.saddle,
                "P",
                color="white",
                markersize=9,
                markeredgecolor="black",
                label="saddle point",
                zorder=5,
            )
        return artists

    def _show_surface(self, name: str) -> None:
        """Show the contour map of surface ``name`` (``draw`` makes every surface's once), its box and title."""
        view = self._view
        for other, artists in view["surfaces"].items():
            for artist in artists:
                artist.set_visible(other == name)
        surface = SURFACES[name]
        view["start"].axes.set(xlim=surface.xlim, ylim=surface.ylim, title=f"{name}: {surface.formula}")
        view["marks"], view["surface"], view["racers"] = view["surfaces"][name][2:], name, None

    def refresh(self, figure: Figure) -> str:
        """Every control moves the paths and the loss curves kept by ``draw``; another surface also changes the
        contour map behind them (a new background, no new layout)."""
        name, surface, start = self._race()
        if name != self._view["surface"]:
            self._show_surface(name)
            self.redraw_background(key=name)
        self._show_race(start, surface)
        return self._status(surface)

    def draw(self, figure: Figure) -> str:
        name, surface, start = self._race()
        ax_map, ax_loss = figure.subplots(1, 2, width_ratios=[1.15, 1])
        for ax, box in zip((ax_map, ax_loss), _PANELS, strict=True):
            ax.set_position(box)  # a fixed box, out of the layout: another surface's ticks need no new layout
        line = dict(lw=1.8)
        self._view = {
            # every surface's map, made once (a switch shows another: no contours computed while a learner waits)
            "surfaces": {other: self._draw_surface(ax_map, other, SURFACES[other]) for other in SURFACES},
            "loss": ax_loss,
            "start": self.animate(
                *ax_map.plot([], [], "o", color="black", markersize=6, label="start", zorder=5)
            ),
            "paths": {
                opt: self.animate(
                    *ax_map.plot([], [], "-", color=COLORS[opt], marker=".", markersize=3, label=opt, **line)
                )
                for opt in OPTIMIZERS
            },
            "ends": {
                opt: self.animate(
                    *ax_map.plot([], [], "x", color=COLORS[opt], markersize=11, markeredgewidth=2.5)
                )
                for opt in OPTIMIZERS
            },
            "losses": {
                opt: ax_loss.plot([], [], color=COLORS[opt], label=opt, **line)[0] for opt in OPTIMIZERS
            },
            "diverged": {
                opt: ax_loss.plot([], [], "x", color=COLORS[opt], markersize=11, markeredgewidth=2.5)[0]
                for opt in OPTIMIZERS
            },
        }
        ax_map.set(xlabel="$x$", ylabel="$y$")
        self._show_surface(name)
        self.animate(ax_loss)  # its limits follow the race: a refresh draws the whole panel again
        ax_loss.set_yscale("log")
        plain_log_ticks(ax_loss.yaxis)  # its decades change with the race: plain text draws them quicker
        # no minor ticks: tens of them between decades, drawn at every refresh
        ax_loss.yaxis.set_minor_locator(NullLocator())
        ax_loss.set(xlabel="step", ylabel="$f(x, y) - f^*$ (log scale)")
        # fixed places (clear of the widest tick labels), not worked out from the tick labels at every refresh
        ax_loss.xaxis.set_label_coords(0.5, -0.09)
        ax_loss.yaxis.set_label_coords(-0.15, 0.5)
        ax_loss.grid(alpha=0.3)
        self._show_race(start, surface)
        return self._status(surface)
