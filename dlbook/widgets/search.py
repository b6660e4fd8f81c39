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
from dlbook.widgets.base import FigureWidget

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
        median = np.array([np.median(c[np.isfinite(c)]) if np.isfinite(c).any() else np.nan for c in curves.T])
    return curves, median


def finished(trials: list[dict], budget: int, max_epochs: int) -> list[dict]:
    """The fully trained trials of a run that finished within ``budget`` epochs."""
    spent = np.cumsum([t["cost"] for t in trials])
    return [t for t, s in zip(trials, spent, strict=True) if s <= budget and t["epochs"] >= max_epochs]


class SearchRace(FigureWidget):
    """Race recorded searches. ``races`` maps a method's name to its runs (a list of trial lists, or one trial
    list); ``max_epochs`` is the full training of a trial; ``budget`` the epochs shown at first (all by default)."""

    figsize = (11.0, 4.4)

    def __init__(self, races: dict, max_epochs: int, budget: int | None = None, method: str = ALL, run: int = 0,
                 reference: dict | None = None):
        if not races:
            raise ValueError("Give at least one search method's trials.")
        self.races = {name: [runs] if runs and isinstance(runs[0], dict) else [list(r) for r in runs]
                      for name, runs in races.items()}
        self.max_epochs = check_number("max_epochs", max_epochs, 1, integer=True)
        self.reference = dict(reference or {})  # label -> (parameters, accuracy), drawn as stars
        self.n_runs = min(len(runs) for runs in self.races.values())
        if self.n_runs < 1:
            raise ValueError("Every method needs at least one run.")
        total = max(sum(t["cost"] for t in trials) for runs in self.races.values() for trials in runs)
        self.colours = {name: COLOURS[i % len(COLOURS)] for i, name in enumerate(self.races)}
        budget = total if budget is None else check_number("budget", budget, 1, total, integer=True)
        self.budget = widgets.IntSlider(value=budget, min=1, max=total, description="epochs spent",
                                        continuous_update=False)
        self.method = widgets.Dropdown(options=[ALL, *self.races], value=method, description="front of")
        self.run = widgets.IntSlider(value=check_number("run", run, 0, self.n_runs - 1, integer=True), min=0,
                                     max=self.n_runs - 1, description="run", continuous_update=False)
        super().__init__([self.budget, self.method, self.run])
        self.update()

    def _params(self, trial: dict) -> int:
        return int(trial["params"]) if "params" in trial else parameters(trial["config"])

    def draw(self, figure: Figure) -> str:
        method, budget, run = self.method.value, self.budget.value, self.run.value
        if method != ALL and method not in self.races:
            raise ValueError(f"No trials were recorded for {method!r}; the methods are {', '.join(self.races)}.")
        check_number("The budget", budget, 1, integer=True)
        ax_race, ax_front = figure.subplots(1, 2)
        bests = {}
        for name, runs in self.races.items():
            curves, median = race_curves(runs, budget, self.max_epochs)
            epochs = np.arange(1, budget + 1)
            colour = self.colours[name]
            if len(runs) > 1:
                ax_race.plot(epochs, median, color=colour, lw=2.2, label=f"{name} (median of {len(runs)} runs)")
                ax_race.plot(epochs, curves[run], color=colour, lw=1, ls="--", alpha=0.8)
            else:
                ax_race.plot(epochs, curves[0], color=colour, lw=2.2, label=name)
            bests[name] = median[-1]
        ax_race.set(title="The race: best validation accuracy so far", xlabel="epochs spent (budget)",
                    ylabel="best validation accuracy", xlim=(0, budget + 1))
        if len(self.races[next(iter(self.races))]) > 1:
            ax_race.plot([], [], color="gray", lw=1, ls="--", label=f"run {run}")
        ax_race.legend(fontsize="small", loc="lower right")
        ax_race.grid(alpha=0.3)
        shown = [method] if method != ALL else list(self.races)
        count = 0
        for name in shown:
            trials = finished(self.races[name][run], budget, self.max_epochs)
            count += len(trials)
            if not trials:
                continue
            params = np.array([self._params(t) for t in trials])
            accuracy = np.array([t["accuracy"] for t in trials])
            colour = self.colours[name]
            ax_front.scatter(params, accuracy, s=18, color=colour, alpha=0.45, label=f"{name}: trials")
            front = pareto_front(params, accuracy)
            ax_front.step(params[front], accuracy[front], where="post", color=colour, lw=2, marker="o", ms=5,
                          label=f"{name}: Pareto front")
        for label, (params, accuracy) in self.reference.items():
            ax_front.scatter([params], [accuracy], marker="*", s=160, color="black", zorder=5)
            ax_front.annotate(label, (params, accuracy), textcoords="offset points", xytext=(5, -12),
                              fontsize="small")
        ax_front.set(title=f"Accuracy against size, run {run}, first {budget} epochs", xlabel="parameters",
                     ylabel="validation accuracy")
        ax_front.grid(alpha=0.3)
        if count:
            ax_front.legend(fontsize="x-small", loc="lower right")
        figure.suptitle("Search methods under one budget of training epochs")
        ranking = sorted(((v, k) for k, v in bests.items() if np.isfinite(v)), reverse=True)
        lead = f"ahead after {budget} epochs: {ranking[0][1]} ({ranking[0][0]:.3f})" if ranking else \
            f"no trial is fully trained after {budget} epochs"
        return f"{count} fully trained trials shown; {lead}."

    def static_states(self):
        """The race at a quarter, half and all of the budget."""
        total = self.budget.max
        states = [(f"{self.budget.value} epochs", None)]
        for budget in sorted({max(total // 4, 1), max(total // 2, 1), total} - {self.budget.value}):
            states.append((f"{budget} epochs", lambda b=budget: setattr(self.budget, "value", b)))
        return "budget", states
