"""GANProgress: scrub through a recorded GAN run on a ring of Gaussians, its samples and its two losses.

The widget and the chapter count modes the same way, with :func:`dlbook.metrics.mode_counts` and its neighbours. A
recorded run ("history") is a plain dict, checked by :func:`check_history`::

    {"steps":   (k,) whole numbers, increasing, from 0 to s: snapshot i was taken after steps[i] training steps,
     "samples": (k, n, 2) the generator's points at each snapshot (the same n noise vectors every time, ideally),
     "d_loss":  (s,) the discriminator's loss at training steps 1, ..., s,
     "g_loss":  (s,) the generator's loss at training steps 1, ..., s}

Keras is not needed: the widget only draws what was recorded.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Circle

from dlbook.checks import check_number, check_points
from dlbook.metrics import mode_counts
from dlbook.widgets.base import FigureWidget

HISTORY_KEYS = ("steps", "samples", "d_loss", "g_loss")
_REAL_COLOR, _FAKE_COLOR = "#9ecae1", "#d62728"
_D_COLOR, _G_COLOR = "#1f77b4", "#ff7f0e"
_HIT_COLOR, _MISS_COLOR = "#2ca02c", "#7f7f7f"


# -- pure functions ---------------------------------------------------------------------------------------------------
def check_history(history) -> dict[str, np.ndarray]:
    """Check a recorded GAN run (see the module's docstring) and return it as a dict of arrays."""
    if not isinstance(history, Mapping):
        raise ValueError(
            f"A GAN history must be a dict with the keys {', '.join(HISTORY_KEYS)}; got a "
            f"{type(history).__name__}."
        )
    missing = [key for key in HISTORY_KEYS if key not in history]
    if missing:
        raise ValueError(
            f"The GAN history lacks the key(s) {', '.join(missing)}: it needs {', '.join(HISTORY_KEYS)}."
        )
    d_loss, g_loss = (np.asarray(history[key], dtype=float) for key in ("d_loss", "g_loss"))
    if d_loss.ndim != 1 or d_loss.size < 1 or d_loss.shape != g_loss.shape:
        raise ValueError(
            f"d_loss and g_loss must be 1-D, one value per training step, and equally long; got shapes "
            f"{d_loss.shape} and {g_loss.shape}."
        )
    if not (np.isfinite(d_loss).all() and np.isfinite(g_loss).all()):
        raise ValueError("The recorded losses contain NaN or infinite values (did the training diverge?).")
    raw_steps = np.asarray(history["steps"])
    if raw_steps.ndim != 1 or raw_steps.size < 1 or not np.all(np.equal(np.mod(raw_steps, 1), 0)):
        raise ValueError(
            f"steps must be a 1-D array of whole numbers, one per snapshot; got {raw_steps!r:.80}."
        )
    steps = raw_steps.astype(int)
    if steps[0] < 0 or steps[-1] > d_loss.size or np.any(np.diff(steps) <= 0):
        raise ValueError(
            f"steps must increase, from 0 (before training) up to the number of recorded training "
            f"steps, {d_loss.size}; got {steps[0]} to {steps[-1]}."
        )
    samples = np.asarray(history["samples"], dtype=float)
    if samples.ndim != 3 or samples.shape[0] != steps.size or samples.shape[1] < 1 or samples.shape[2] != 2:
        raise ValueError(
            f"samples must have shape (snapshots, n, 2) = ({steps.size}, n, 2), one set of 2-D points "
            f"per step in steps; got shape {samples.shape}."
        )
    if not np.isfinite(samples).all():
        raise ValueError("The recorded samples contain NaN or infinite values (did the training diverge?).")
    return {"steps": steps, "samples": samples, "d_loss": d_loss, "g_loss": g_loss}


def moving_average(values, window: int) -> np.ndarray:
    """The mean of each value and the ``window - 1`` before it (fewer at the start); same length as ``values``."""
    values = np.asarray(values, dtype=float)
    window = check_number("The smoothing window", window, 1, integer=True)
    sums = np.cumsum(np.concatenate([[0.0], values]))
    ends = np.arange(1, values.size + 1)
    starts = np.maximum(ends - window, 0)
    return (sums[ends] - sums[starts]) / (ends - starts)


# -- the widget -------------------------------------------------------------------------------------------------------
class GANProgress(FigureWidget):
    """A slider over the snapshots of one or several recorded GAN runs: the samples, and both losses over time.

    ``history`` is one run (a dict as described in this module's docstring) or a dict of named runs, chosen from a
    menu. ``real_samples`` (shape ``(m, 2)``) are drawn behind the generated points; ``centers`` are the modes'
    centres (by default the 8 of ``dlbook.data.gaussian_mixture_centers()``) and ``std`` their standard deviation, used
    with ``n_sigma`` and ``min_share`` as in :func:`dlbook.metrics.modes_covered`. ``step`` picks the snapshot shown first (the last
    by default) and ``smoothing`` the width of the moving average drawn over the losses.
    """

    figsize = (10.0, 4.3)

    def __init__(
        self,
        history,
        real_samples,
        centers=None,
        std: float = 0.05,
        step: int | None = None,
        run: str | None = None,
        smoothing: int = 25,
        n_sigma: float = 3.0,
        min_share: float = 0.25,
    ):
        if isinstance(history, Mapping) and history and not any(key in history for key in HISTORY_KEYS):
            if not all(isinstance(name, str) for name in history):
                raise ValueError('Name each run with a string, e.g. {"balanced": history}.')
            self.runs = {name: check_history(h) for name, h in history.items()}
        else:
            self.runs = {"GAN": check_history(history)}
        self.real = check_points(real_samples, "The real samples")
        if centers is None:
            from dlbook.data import gaussian_mixture_centers

            centers = gaussian_mixture_centers()
        self.centers = check_points(centers, "The centres")
        self.std = check_number("std", std, positive=True)
        self.n_sigma = check_number("n_sigma", n_sigma, positive=True)
        self.min_share = check_number("min_share", min_share, 0, 1)
        losses = np.concatenate(
            [[math.log(2)], *(h[key] for h in self.runs.values() for key in ("d_loss", "g_loss"))]
        )
        pad = 0.05 * (losses.max() - losses.min())  # matplotlib's margins: one loss scale for every run
        self.loss_limits = (losses.min() - pad, losses.max() + pad)
        names = list(self.runs)
        run = names[0] if run is None else run
        if run not in self.runs:
            raise ValueError(f"Unknown run {run!r}. Choose one of: {', '.join(names)}.")
        steps = self.runs[run]["steps"].tolist()
        step = steps[-1] if step is None else step
        if step not in steps:
            raise ValueError(
                f"There is no snapshot at step {step!r} in run {run!r}; the snapshots are at steps "
                f"{_list(steps)}."
            )
        check_number("smoothing", smoothing, 1, self.runs[run]["d_loss"].size, integer=True)
        wide = max(300, 60 + 9 * max(map(len, names)))  # room for the longest name: none is cut short
        self.run = widgets.Dropdown(
            options=names,
            value=run,
            description="run",
            layout=widgets.Layout(width=f"{min(wide, 960)}px", display="flex" if len(names) > 1 else "none"),
        )
        self.step = widgets.SelectionSlider(
            options=steps,
            value=step,
            description="step",
            continuous_update=False,
            layout=widgets.Layout(width="380px"),
        )
        self.smoothing = widgets.IntSlider(
            value=smoothing,
            min=1,
            max=self.runs[run]["d_loss"].size,
            description="smoothing",
            continuous_update=False,
            layout=widgets.Layout(width="300px"),
        )
        super().__init__([self.run, self.step, self.smoothing])
        self.on_change(self.run, self._run_chosen)
        self.update()

    def _run_chosen(self, run: str) -> None:
        """Give the step slider the new run's snapshots, keeping the step shown if that run has it, and the smoothing
        slider the run's length (a longer window would clip)."""
        steps = self.runs[run]["steps"].tolist()
        current = self.step.value
        self.step.options = steps
        self.step.value = current if current in steps else steps[-1]
        self.smoothing.max = self.runs[run]["d_loss"].size

    def static_states(self, n_steps: int = 5):
        """The snapshot shown, then a few others of its run spread evenly, then the last snapshot of each other run."""
        run, shown = self.run.value, self.step.value
        steps = self.runs[run]["steps"].tolist()
        picks = [steps[round(i)] for i in np.linspace(0, len(steps) - 1, n_steps)]
        picks = [s for s in dict.fromkeys(picks) if s != shown]
        states = [(f"{run}, step {shown}", None)]
        states += [(f"{run}, step {s}", lambda s=s: setattr(self.step, "value", s)) for s in picks]
        for other in self.runs:
            if other != run:
                states.append(
                    (
                        f"{other}, step {self.runs[other]['steps'][-1]}",
                        lambda other=other: setattr(self.run, "value", other),
                    )
                )
        return "snapshot", states

    def _snapshot(self):
        run = self.run.value
        history = self.runs[run]
        step, window = self.step.value, int(self.smoothing.value)
        total = history["d_loss"].size
        if step not in history["steps"]:
            raise ValueError(f"Run {run!r} has no snapshot at step {step}.")
        if window > total:
            raise ValueError(
                f"The smoothing window ({window} steps) is longer than run {run!r}, which recorded "
                f"{total} training steps: choose at most {total}."
            )
        samples = history["samples"][int(np.flatnonzero(history["steps"] == step)[0])]
        counts = mode_counts(samples, self.centers, self.std, self.n_sigma)
        needed = max(1.0, self.min_share * len(samples) / len(self.centers))
        return run, history, step, window, total, samples, counts, needed

    def _status(self, run, history, step, window, total, samples, counts, needed) -> str:
        covered, quality = counts >= needed, counts.sum() / len(samples)
        recent = slice(max(step - window, 0), step)
        losses = (
            f"losses over the {window} steps before it: D {history['d_loss'][recent].mean():.3f}, "
            f"G {history['g_loss'][recent].mean():.3f}"
            if step > 0
            else "before training"
        )
        return (
            f"<b>{html.escape(run)}</b>, step {step} of {total} &nbsp;·&nbsp; <b>{covered.sum()} of "
            f"{len(self.centers)} modes covered</b> (at least {math.ceil(needed)} of the {len(samples)} samples "
            f"within {self.n_sigma:g}σ of the centre) &nbsp;·&nbsp; {quality:.0%} of the samples lie within "
            f"{self.n_sigma:g}σ of a centre &nbsp;·&nbsp; {losses}"
        )

    def _style_circles(self, circles, covered) -> None:
        for circle, hit in zip(circles, covered, strict=True):
            circle.set(linestyle="-" if hit else "--", color=_HIT_COLOR if hit else _MISS_COLOR)

    def refresh(self, figure: Figure) -> str | None:
        """Any change sets the generated points, the circles' verdicts, the loss curves, the step and the x axis."""
        snapshot = self._snapshot()
        self._show(*snapshot)
        return self._status(*snapshot)

    def _show(self, run, history, step, window, total, samples, counts, needed) -> None:
        """Set the artists that change with the controls (kept by ``draw``)."""
        view = self._view
        covered = counts >= needed
        view["generated"].set_offsets(samples)
        self._style_circles(view["circles"], covered)
        view["generated"].axes.title.set_text(
            f"Step {step}: {covered.sum()} of {len(self.centers)} modes covered"
        )
        x = np.arange(1, total + 1)
        for (raw, smooth), values in zip(view["losses"], (history["d_loss"], history["g_loss"]), strict=True):
            raw.set_data(x, values)
            raw.set_visible(window > 1)
            smooth.set_data(x, moving_average(values, window))
        view["line"].set_xdata([step, step])
        view["line"].set_label(f"step {step}")
        view["legend"].get_texts()[-1].set_text(f"step {step}")  # the step line's entry, the last
        ax_loss = view["line"].axes
        ax_loss.set_xlim(0, 1.01 * total)
        ax_loss.title.set_text(
            "Losses" + (f", moving average over {window} steps" if window > 1 else ", every step")
        )

    def draw(self, figure: Figure) -> str:
        snapshot = self._snapshot()
        # fixed boxes (where the layout engine puts them for the longest run): a refresh after a change of run then
        # shows exactly what a fresh draw does, whatever the width of the step axis's labels
        figure.set_layout_engine("none")
        ax_points, ax_loss = (
            figure.add_axes((0.057, 0.111, 0.357, 0.83)),
            figure.add_axes((0.482, 0.111, 0.501, 0.83)),
        )
        ax_points.scatter(*self.real.T, s=6, c=_REAL_COLOR, label="real data", rasterized=True)
        generated = ax_points.scatter(
            [], [], s=4, c=_FAKE_COLOR, alpha=0.5, label="generated", rasterized=True
        )
        circles = [
            ax_points.add_patch(Circle(center, self.n_sigma * self.std, fill=False, lw=1.5))
            for center in self.centers
        ]
        ax_points.plot([], [], "o", mfc="none", color=_HIT_COLOR, label="mode covered")
        ax_points.plot([], [], "o", mfc="none", color=_MISS_COLOR, label="mode missed")
        reach = float(np.abs(self.centers).max()) + 1.0
        ax_points.set(
            xlim=(-reach, reach), ylim=(-reach, reach), aspect="equal", xlabel="$x_1$", ylabel="$x_2$"
        )
        ax_points.legend(loc="upper right", fontsize="x-small", framealpha=0.9, markerscale=1.5)

        losses = [
            (
                ax_loss.plot([], [], color=color, lw=0.6, alpha=0.25)[0],
                ax_loss.plot([], [], color=color, lw=2, label=f"{name} loss")[0],
            )
            for color, name in ((_D_COLOR, "discriminator"), (_G_COLOR, "generator"))
        ]
        ax_loss.axhline(math.log(2), color="black", lw=1, ls=":", label="log 2 (D = ½ everywhere)")
        line = ax_loss.axvline(0, color="#333333", lw=1.5, label="step")
        ax_loss.set(ylim=self.loss_limits, xlabel="training step", ylabel="loss (binary cross-entropy)")
        ax_loss.grid(alpha=0.3)
        legend = ax_loss.legend(loc="upper right", fontsize="x-small", framealpha=0.9)
        self._view = {
            "generated": generated,
            "circles": circles,
            "losses": losses,
            "line": line,
            "legend": legend,
        }
        self._show(*snapshot)
        # a refresh draws these again over a picture of the rest: the x axis too, as the runs' lengths differ
        self.animate(
            generated,
            *circles,
            *ax_points.spines.values(),
            ax_points.title,
            ax_points.get_legend(),
            *ax_loss.lines,
            *ax_loss.spines.values(),
            ax_loss.xaxis,
            ax_loss.title,
            legend,
        )
        return self._status(*snapshot)


def _list(values: list, most: int = 8) -> str:
    shown = ", ".join(map(str, values[:most]))
    return shown + (f", ... {values[-1]}" if len(values) > most else "")
