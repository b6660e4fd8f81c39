"""ThroughputExplorer: batch size and precision against training throughput and memory, from measurements.

The widget draws arrays it is given (nothing is timed here): the throughput of a training step, in examples per
second, measured for each dtype policy at a few batch sizes, and the memory each configuration needs (chapter 23
estimates it with :func:`dlbook.scaling.training_memory`). The left panel shows throughput against batch size for
every policy, the right panel memory, with a device's memory budget; the chosen configuration is marked on both.
:func:`largest_fitting_batch` and :func:`speedup` are the computations.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import NullLocator

from dlbook.widgets.base import FigureWidget

MB = 2.0**20
COLORS = {"float32": "#1f77b4", "mixed_float16": "#d62728", "mixed_bfloat16": "#2ca02c"}


def largest_fitting_batch(batch_sizes, memory, budget) -> int | None:
    """The largest batch size whose memory is at most ``budget`` (same units), or None when none fits."""
    batch_sizes, memory = np.asarray(batch_sizes), np.asarray(memory, dtype=float)
    fits = memory <= budget
    return int(batch_sizes[fits].max()) if fits.any() else None


def speedup(throughput: dict, policy: str, reference: str = "float32") -> np.ndarray:
    """Throughput of ``policy`` divided by that of ``reference``, batch size by batch size."""
    return np.asarray(throughput[policy], dtype=float) / np.asarray(throughput[reference], dtype=float)


class ThroughputExplorer(FigureWidget):
    """Measured throughput and memory of a training step against batch size, for several dtype policies.

    ``batch_sizes`` (k,) increasing; ``throughput`` maps each policy name to k examples/s; ``memory`` maps the same
    names to k byte counts. ``batch_size`` and ``policy`` choose the configuration shown; ``budget_mb`` is the device
    memory (MB) the right panel compares with; ``device`` names where the measurements were made.
    """

    figsize = (10.0, 4.2)

    def __init__(
        self,
        batch_sizes,
        throughput: dict,
        memory: dict,
        batch_size: int | None = None,
        policy: str | None = None,
        budget_mb: float | None = None,
        device: str = "this machine",
    ):
        self.batch_sizes = np.asarray(batch_sizes)
        k = len(self.batch_sizes)
        if (
            self.batch_sizes.ndim != 1
            or k < 2
            or not (np.diff(self.batch_sizes) > 0).all()
            or (self.batch_sizes < 1).any()
        ):
            raise ValueError(
                f"batch_sizes must be at least 2 increasing positive integers, got {batch_sizes!r}."
            )
        if not throughput or set(throughput) != set(memory):
            raise ValueError("throughput and memory must map the same policy names to measurements.")
        self.throughput = {p: np.asarray(v, dtype=float) for p, v in throughput.items()}
        self.memory = {p: np.asarray(v, dtype=float) for p, v in memory.items()}
        for name, table in (("throughput", self.throughput), ("memory", self.memory)):
            for p, values in table.items():
                if values.shape != (k,) or not (np.isfinite(values).all() and (values > 0).all()):
                    raise ValueError(f"{name}[{p!r}] must hold {k} positive numbers, one per batch size.")
        self.device = device
        policies = list(self.throughput)
        policy = policies[-1] if policy is None else policy
        if policy not in policies:
            raise ValueError(f"policy must be one of {policies}, not {policy!r}.")
        batch_size = int(self.batch_sizes[k // 2]) if batch_size is None else batch_size
        if batch_size not in self.batch_sizes:
            raise ValueError(
                f"batch_size must be one of the measured sizes {self.batch_sizes.tolist()}, "
                f"not {batch_size!r}."
            )
        all_memory = np.concatenate(list(self.memory.values())) / MB
        low, high = all_memory.min(), all_memory.max()
        budget_mb = float(np.sqrt(low * high)) if budget_mb is None else budget_mb
        self.policy = widgets.Dropdown(options=policies, value=policy, description="precision")
        self.batch = widgets.SelectionSlider(
            options=[int(b) for b in self.batch_sizes],
            value=int(batch_size),
            description="batch size",
            continuous_update=False,
        )
        self.budget = widgets.FloatLogSlider(
            value=budget_mb,
            base=10,
            min=np.log10(low) - 0.3,
            max=np.log10(high) + 0.3,
            step=0.05,
            description="memory budget (MB)",
            continuous_update=False,
            readout_format=".3g",
        )
        super().__init__([self.policy, self.batch, self.budget])
        self.update()

    def _state(self) -> tuple[str, int, int, float]:
        budget = self.budget.value
        if not (np.isfinite(budget) and budget > 0):
            raise ValueError(f"The memory budget must be a positive number of MB, not {budget!r}.")
        policy, batch = self.policy.value, self.batch.value
        return policy, batch, int(np.flatnonzero(self.batch_sizes == batch)[0]), budget

    def refresh(self, figure: Figure) -> str | None:
        """Any change: the policies' emphasis, the chosen points, the budget line and the legends."""
        return self._show(*self._state())

    def _show(self, policy: str, batch: int, index: int, budget: float) -> str:
        """Set the artists that change with the controls (kept by ``draw``); returns the status line."""
        view = self._view
        for name, lines in view["lines"].items():
            for line in lines:
                line.set(linewidth=2.5 if name == policy else 1.2, alpha=1.0 if name == policy else 0.6)
        rate, used = self.throughput[policy][index], self.memory[policy][index] / MB
        for star, value in zip(view["stars"], (rate, used), strict=True):
            star.set_data([batch], [value])
        view["budget"].set_ydata([budget, budget])
        view["budget"].set_label(f"budget {budget:.3g} MB")
        for handles in view["legends"]:
            self.animate(handles[0].axes.legend(handles=handles, fontsize="small"))
        fitting = largest_fitting_batch(self.batch_sizes, self.memory[policy] * 1.0 / MB, budget)
        fits = (
            "no measured batch size fits the budget"
            if fitting is None
            else f"the largest measured batch that fits {budget:.3g} MB is {fitting}"
        )
        ratio = ""
        if "float32" in self.throughput and policy != "float32":
            ratio = f", {speedup(self.throughput, policy)[index]:.2f}x float32's"
        return f"<b>{policy}</b>, batch {batch}: {rate:,.0f} examples/s{ratio}; about {used:.3g} MB; {fits}."

    def draw(self, figure: Figure) -> str:
        state = self._state()
        ax_speed, ax_memory = figure.subplots(1, 2)
        lines = {}
        for name in self.throughput:
            style = dict(color=COLORS.get(name), linestyle="--" if name == "mixed_float16" else "-")
            lines[name] = (
                ax_speed.plot(self.batch_sizes, self.throughput[name], marker="o", label=name, **style)[0],
                ax_memory.plot(self.batch_sizes, self.memory[name] / MB, marker="o", label=name, **style)[0],
            )
        budget = ax_memory.axhline(state[3], color="0.4", linestyle="--")  # under the star, listed after it
        stars = [
            ax.plot([], [], "*", color="black", markersize=15, label="chosen", zorder=5)[0]
            for ax in (ax_speed, ax_memory)
        ]
        ax_speed.set(
            xscale="log",
            yscale="log",
            xlabel="batch size",
            ylabel="examples per second",
            title=f"Measured throughput ({self.device})",
        )
        # log10 of the budget slider's ends: room for every budget
        low, high = (
            self.budget.min,
            self.budget.max,
        )
        pad = 0.05 * (high - low)
        ax_memory.set(
            xscale="log",
            yscale="log",
            ylim=(10 ** (low - pad), 10 ** (high + pad)),
            xlabel="batch size",
            ylabel="memory (MB)",
            title="Estimated training memory",
        )
        for ax in (ax_speed, ax_memory):
            ax.set_xticks(self.batch_sizes, [str(b) for b in self.batch_sizes])
            ax.xaxis.set_minor_locator(NullLocator())
        legends = (
            [speed for speed, _ in lines.values()] + stars[:1],
            [memory for _, memory in lines.values()] + [stars[1], budget],
        )
        self._view = {"lines": lines, "stars": stars, "budget": budget, "legends": legends}
        # a refresh draws these again over a picture of the rest (the legends too: _show makes them anew), and the
        # frame the budget line ends on
        self.animate(*ax_speed.lines, *ax_memory.lines, *ax_memory.spines.values())
        return self._show(*state)

    def static_states(self):
        """Each policy at the chosen batch size, then the batch sizes of the chosen policy."""
        states = [(f"{self.policy.value}, batch {self.batch.value}", None)]
        for name in self.throughput:
            if name != self.policy.value:
                states.append(
                    (f"{name}, batch {self.batch.value}", lambda n=name: setattr(self.policy, "value", n))
                )
        others = [name for name in self.throughput if name != self.policy.value]
        last = others[-1] if others else self.policy.value
        for b in self.batch_sizes:
            if int(b) != self.batch.value:
                states.append((f"{last}, batch {int(b)}", lambda b=int(b): setattr(self.batch, "value", b)))
        return "configuration", states
