"""ActivationExplorer: an activation function and its derivative over a chosen range, saturation shaded."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from dlbook.activations import (
    ACTIVATIONS,
    DEFAULT_ALPHA,
    activation,
    activation_derivative,
    saturation_regions,
)
from dlbook.checks import check_choice
from dlbook.widgets.base import FigureWidget

# the panels' boxes (left, bottom, width, height in the figure), with room for tick labels of up to five characters
_PANELS = ((0.095, 0.13, 0.38, 0.79), (0.59, 0.13, 0.38, 0.79))


class ActivationExplorer(FigureWidget):
    """Choose an activation and an input range; see f(x) and f'(x), with the saturated regions shaded."""

    figsize = (9.0, 3.8)

    def __init__(
        self,
        activation: str = "sigmoid",
        x_range: tuple[float, float] = (-6.0, 6.0),
        alpha: float | None = None,
        threshold: float = 0.05,
    ):
        check_choice("activation", activation, ACTIVATIONS)
        self.name = widgets.Dropdown(options=list(ACTIVATIONS), value=activation, description="activation")
        self.x_min = widgets.FloatText(
            value=x_range[0], description="x from", layout=widgets.Layout(width="160px")
        )
        self.x_max = widgets.FloatText(
            value=x_range[1], description="to", layout=widgets.Layout(width="160px")
        )
        self.alpha = widgets.FloatSlider(
            value=DEFAULT_ALPHA.get(activation, 0.2) if alpha is None else alpha,
            min=0.0,
            max=2.0,
            step=0.01,
            description="α",
            continuous_update=False,
        )
        self.threshold = widgets.FloatLogSlider(
            value=threshold, base=10, min=-4, max=-0.5, description="|f′| below", continuous_update=False
        )
        super().__init__([self.name, self.x_min, self.x_max, self.alpha, self.threshold])
        self.on_change(self.name, self._use_default_alpha)
        self.update()

    def _use_default_alpha(self, name: str) -> None:
        if name in DEFAULT_ALPHA:
            self.alpha.value = DEFAULT_ALPHA[name]

    def static_states(self):
        others = [name for name in ACTIVATIONS if name != self.name.value]
        return "activation", [
            (self.name.value, None),
            *((name, lambda name=name: setattr(self.name, "value", name)) for name in others),
        ]

    def _range(self) -> tuple[float, float]:
        lo, hi = self.x_min.value, self.x_max.value
        if not (np.isfinite(lo) and np.isfinite(hi)) or lo >= hi:
            raise ValueError(
                f"The input range must go from a smaller to a larger number; got from {lo} to {hi}."
            )
        if hi - lo > 1e4:
            raise ValueError(f"The input range {lo} to {hi} is too wide to plot; keep it under 10 000.")
        return lo, hi

    def draw(self, figure: Figure) -> str:
        self._range()
        panels = []
        for ax, color, box in zip(
            figure.subplots(1, 2, sharex=True), ("#1f77b4", "#d62728"), _PANELS, strict=True
        ):
            ax.set_position(box)  # a fixed box, out of the layout: wider tick labels need no new layout
            spans = ax.add_collection(
                PolyCollection([], transform=ax.get_xaxis_transform(), color="#999999", alpha=0.25, lw=0),
                autolim=False,
            )
            line = ax.plot([], [], color=color, lw=2)[0]
            zero_lines = ax.axhline(0, color="black", lw=0.6), ax.axvline(0, color="black", lw=0.6)
            ax.set_xlabel("x")
            ax.grid(alpha=0.3)
            for axis in (
                ax.xaxis,
                ax.yaxis,
            ):  # at most six ticks: each label costs a redraw about a millisecond
                axis.set_major_locator(MaxNLocator(5))
            self.animate(spans, line, *zero_lines, ax.xaxis, ax.yaxis, ax.title)  # all move with the range
            panels.append((ax, spans, line))
        self._panels, self._legends = panels, [None, None]
        return self._show()

    def refresh(self, figure: Figure) -> str:
        """Every control changes the curves, the shading, the limits and the labels of the two panels kept by
        ``draw``; the figure's layout stays."""
        return self._show()

    def _show(self) -> str:
        """Set the panels kept by ``draw`` to the controls' state; return the status line."""
        lo, hi = self._range()
        name, alpha = self.name.value, self.alpha.value
        self.alpha.disabled = name not in DEFAULT_ALPHA
        x = np.linspace(lo, hi, 801)
        y, dy = activation(name, x, alpha), activation_derivative(name, x, alpha)
        regions = saturation_regions(x, dy, self.threshold.value)
        shading = f"saturated: |f′| < {self.threshold.value:.2g}"
        for k, ((ax, spans, line), values, label) in enumerate(
            zip(self._panels, (y, dy), (f"{name}(x)", f"{name}′(x)"), strict=True)
        ):
            spans.set_verts([[(start, 0), (start, 1), (end, 1), (end, 0)] for start, end in regions])
            line.set_data(x, values)
            ax.relim()
            ax.autoscale_view()
            ax.set_ylabel(label)
            self._legend(k, ax, [(spans, shading)] * bool(regions) + [(line, label)])
        (ax_f, _, _), (ax_df, _, _) = self._panels
        ax_f.set_title(f"{name}: the function" + (f" (α = {alpha:g})" if name in DEFAULT_ALPHA else ""))
        ax_df.set_title(f"its derivative {name}′(x)")
        saturated = sum(end - start for start, end in regions) / (hi - lo)
        return (
            f"max |f′| on this range: {np.abs(dy).max():.3g} &nbsp;·&nbsp; "
            f"{saturated:.0%} of the range is saturated"
        )

    def _legend(self, k: int, ax, entries: list) -> None:
        """Label the panel's artists: new texts in the same legend, or a new legend when an entry comes or goes."""
        handles = [artist for artist, _ in entries]
        legend, shown = self._legends[k] or (None, None)
        if handles == shown:
            for text, (_, label) in zip(legend.get_texts(), entries, strict=True):
                text.set_text(label)
        else:
            legend = self.animate(
                ax.legend(handles, [label for _, label in entries], loc="best", fontsize="small")
            )
            self._legends[k] = legend, handles
