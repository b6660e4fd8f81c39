"""SearchRace: search methods racing for the best validation accuracy, and the Pareto front of what they found.

The widget trains nothing: it draws recorded trial histories, as the search methods of :mod:`dlbook.search` return
them (dictionaries with ``config``, ``epochs``, ``cost`` and ``accuracy``, and optionally ``params``), several runs
per method. The left panel is the race, the best validation accuracy among the fully trained trials against the
epochs spent, for each method: the median over the runs, and the chosen run; the right panel shows every fully
trained trial of the chosen run that the budget allows, accuracy against parameters, and each method's Pareto front.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from dlbook.checks import check_number
from dlbook.search import best_so_far, parameters, pareto_front
from dlbook.widgets.base import FigureWidget, int_slider

COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"]
ALL = "all methods"


def race_curves(runs: list[list[dict]], budget: int, max_epochs: int) -> tuple[np.ndarray, np.ndarray]:
    """Best validation accuracy so far at every epoch 1 .. ``budget`` for each run, shape ``(runs, budget)``, and
    its median over the runs (NaN before a run's first fully trained trial)."""
    budget = check_number("The budget", budget, 1, integer=True)
    grid = np.arange(1, budget + 1)
    curves = np.full((len(runs), budget), np.nan)
    for k, trials in enumerate(runs):
        if not trials:
            continue
        spent, best = best_so_far(trials, max_epochs)
        index = np.searchsorted(spent, grid, side="right") - 1  # the last trial finished by each epoch
        known = index >= 0
        curves[k, known] = np.where(np.isfinite(best[index[known]]), best[index[known]], np.nan)
    with np.errstate(all="ignore"):
        median = np.array(
            [np.median(c[np.isfinite(c)]) if np.isfinite(c).any() else np.nan for c in curves.T]
        )
    return curves, median


def finished(trials: list[dict], budget: int, max_epochs: int) -> list[dict]:
    """The fully trained trials of a run that finished within ``budget`` epochs."""
    spent = np.cumsum([t["cost"] for t in trials])
    return [t for t, s in zip(trials, spent, strict=True) if s <= budget and t["epochs"] >= max_epochs]


def _fix_limits(ax, points) -> None:
    """Give ``ax`` the limits matplotlib would choose for its artists and the finite ``points`` ``(x, y)``, and keep
    them (an axis whose limits are set stays as it is)."""
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    points = points[np.isfinite(points).all(axis=1)]
    if len(points):
        ax.update_datalim(points)
    ax.autoscale_view()
    ax.set(xlim=ax.get_xlim(), ylim=ax.get_ylim())


class SearchRace(FigureWidget):
    """Race recorded searches. ``races`` maps a method's name to its runs (a list of trial lists, or one trial
    list); ``max_epochs`` is the full training of a trial; ``budget`` the epochs shown at first (all by default)."""

    figsize = (11.0, 4.4)

    def __init__(
        self,
        races: dict,
        max_epochs: int,
        budget: int | None = None,
        method: str = ALL,
        run: int = 0,
        reference: dict | None = None,
    ):
        if not races:
            raise ValueError("Give at least one search method's trials.")
        self.races = {
            name: [runs] if runs and isinstance(runs[0], dict) else [list(r) for r in runs]
            for name, runs in races.items()
        }
        self.max_epochs = check_number("max_epochs", max_epochs, 1, integer=True)
        self.reference = dict(reference or {})  # label -> (parameters, accuracy), drawn as stars
        self.n_runs = min(len(runs) for runs in self.races.values())
        if self.n_runs < 1:
            raise ValueError("Every method needs at least one run.")
        total = max(sum(t["cost"] for t in trials) for runs in self.races.values() for trials in runs)
        self.colours = {name: COLOURS[i % len(COLOURS)] for i, name in enumerate(self.races)}
        budget = total if budget is None else check_number("budget", budget, 1, total, integer=True)
        self.budget = widgets.IntSlider(
            value=budget, min=1, max=total, description="epochs spent", continuous_update=False
        )
        self.method = widgets.Dropdown(options=[ALL, *self.races], value=method, description="front of")
        self.run = int_slider("run", run, 0, self.n_runs - 1, "run")
        # every budget's race curves begin as the whole race's do: computed once, for the largest budget
        self._curves = {name: race_curves(runs, total, self.max_epochs) for name, runs in self.races.items()}
        self._sizes = {
            id(t): int(t["params"]) if "params" in t else parameters(t["config"])
            for runs in self.races.values()
            for trials in runs
            for t in trials
        }
        super().__init__([self.budget, self.method, self.run])
        self.update()

    def _front(self, trials: list[dict]) -> tuple[np.ndarray, np.ndarray]:
        """The trials' points, ``(parameters, accuracy)``, shape ``(n, 2)``, and the indices of their Pareto front."""
        points = np.array([(self._sizes[id(t)], t["accuracy"]) for t in trials], dtype=float).reshape(-1, 2)
        return points, pareto_front(points[:, 0], points[:, 1]) if len(points) else np.array([], dtype=int)

    def _state(self) -> tuple[str, int, int]:
        method, budget, run = self.method.value, self.budget.value, self.run.value
        if method != ALL and method not in self.races:
            raise ValueError(
                f"No trials were recorded for {method!r}; the methods are {', '.join(self.races)}."
            )
        check_number("The budget", budget, 1, self.budget.max, integer=True)
        return method, budget, run

    def refresh(self, figure: Figure) -> str | None:
        """Any change: the curves stop at the budget, the chosen run's trials and fronts replace the others."""
        return self._show(*self._state())

    def _show(self, method: str, budget: int, run: int) -> str:
        """Set the artists that change with the controls (kept by ``draw``); returns the status line."""
        view = self._view
        epochs = np.arange(1, budget + 1)
        for name, (median_line, run_line) in view["race"].items():
            curves, median = self._curves[name]
            median_line.set_data(epochs, median[:budget])
            if run_line:
                run_line.set_data(epochs, curves[run, :budget])
        if view["run"]:
            view["race_legend"].get_texts()[-1].set_text(f"run {run}")  # the dashed line's entry, the last
        count, entries = 0, []
        for name, (points, front) in view["front"].items():
            trials = finished(self.races[name][run], budget, self.max_epochs) if method in (ALL, name) else []
            count += len(trials)
            xy, on_front = self._front(trials)
            points.set_offsets(xy)
            front.set_data(*xy[on_front].T)
            for artist, label in ((points, f"{name}: trials"), (front, f"{name}: Pareto front")):
                artist.set_visible(bool(trials))
                artist.set_label(label if trials else f"_{label}")
                entries += [label] if trials else []
        ax_front = view["front_axes"]
        ax_front.title.set_text(f"Accuracy against size, run {run}, first {budget} epochs")
        if entries != view.get("entries"):  # the legend is made anew only when its entries change
            if ax_front.get_legend():
                ax_front.get_legend().remove()
            if entries:
                self.animate(ax_front.legend(fontsize="x-small", loc="lower right"))
            view["entries"] = entries
        bests = {name: self._curves[name][1][budget - 1] for name in self.races}
        ranking = sorted(((v, k) for k, v in bests.items() if np.isfinite(v)), reverse=True)
        lead = (
            f"ahead after {budget} epochs: {ranking[0][1]} ({ranking[0][0]:.3f})"
            if ranking
            else f"no trial is fully trained after {budget} epochs"
        )
        return f"{count} fully trained trials shown; {lead}."

    def draw(self, figure: Figure) -> str:
        state = self._state()
        total = self.budget.max
        ax_race, ax_front = figure.subplots(1, 2)
        race, fronts = {}, {}
        for name, runs in self.races.items():
            colour = self.colours[name]
            label = f"{name} (median of {len(runs)} runs)" if len(runs) > 1 else name
            race[name] = (
                ax_race.plot([], [], color=colour, lw=2.2, label=label)[0],
                ax_race.plot([], [], color=colour, lw=1, ls="--", alpha=0.8)[0] if len(runs) > 1 else None,
            )
        proxy = None
        if len(self.races[next(iter(self.races))]) > 1:
            (proxy,) = ax_race.plot([], [], color="gray", lw=1, ls="--", label=f"run {state[2]}")
        race_legend = ax_race.legend(fontsize="small", loc="lower right")
        # limits that hold for every budget, method and run: the whole race, and every trial that finishes
        ax_race.set(
            title="The race: best validation accuracy so far",
            xlabel="epochs spent (budget)",
            ylabel="best validation accuracy",
            xlim=(0, total + 1),
        )
        ax_race.grid(alpha=0.3)
        _fix_limits(
            ax_race,
            [(1, value) for curves, median in self._curves.values() for value in (*curves.ravel(), *median)],
        )
        for name, colour in self.colours.items():
            fronts[name] = (
                ax_front.scatter([], [], s=18, color=colour, alpha=0.45),
                ax_front.step([], [], where="post", color=colour, lw=2, marker="o", ms=5)[0],
            )
        references = []
        for label, (params, accuracy) in self.reference.items():
            references.append(
                ax_front.scatter([params], [accuracy], marker="*", s=160, color="black", zorder=5)
            )
            references.append(
                ax_front.annotate(
                    label, (params, accuracy), textcoords="offset points", xytext=(5, -12), fontsize="small"
                )
            )
        ax_front.set(title=" ", xlabel="parameters", ylabel="validation accuracy")
        ax_front.grid(alpha=0.3)
        _fix_limits(
            ax_front,
            np.concatenate(
                [
                    self._front(finished(trials, total, self.max_epochs))[0]
                    for runs in self.races.values()
                    for trials in runs
                ]
            ),
        )
        figure.suptitle("Search methods under one budget of training epochs")
        self._view = {
            "race": race,
            "run": proxy,
            "race_legend": race_legend,
            "front": fronts,
            "front_axes": ax_front,
        }
        # a refresh draws these again over a picture of the rest (and the legend of the fronts, which _show makes)
        self.animate(
            *ax_race.lines,
            race_legend,
            *(a for pair in fronts.values() for a in pair),
            *references,
            ax_front.title,
        )
        return self._show(*state)

    def static_states(self):
        """The race at a quarter, half and all of the budget."""
        total = self.budget.max
        states = [(f"{self.budget.value} epochs", None)]
        for budget in sorted({max(total // 4, 1), max(total // 2, 1), total} - {self.budget.value}):
            states.append((f"{budget} epochs", lambda b=budget: setattr(self.budget, "value", b)))
        return "budget", states
