"""ActivationExplorer: an activation function and its derivative over a chosen range, saturation shaded."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from dlbook.activations import (
    ACTIVATIONS,
    DEFAULT_ALPHA,
    activation,
    activation_derivative,
    saturation_regions,
)
from dlbook.checks import check_choice
from dlbook.widgets.base import FigureWidget


class ActivationExplorer(FigureWidget):
    """Choose an activation and an input range; see f(x) and f'(x), with the saturated regions shaded."""

    figsize = (9.0, 3.8)

    def __init__(self, activation: str = "sigmoid", x_range: tuple[float, float] = (-6.0, 6.0),
                 alpha: float | None = None, threshold: float = 0.05):
        check_choice("activation", activation, ACTIVATIONS)
        self.name = widgets.Dropdown(options=list(ACTIVATIONS), value=activation, description="activation")
        self.x_min = widgets.FloatText(value=x_range[0], description="x from", layout=widgets.Layout(width="160px"))
        self.x_max = widgets.FloatText(value=x_range[1], description="to", layout=widgets.Layout(width="160px"))
        self.alpha = widgets.FloatSlider(value=DEFAULT_ALPHA.get(activation, 0.2) if alpha is None else alpha,
                                         min=0.0, max=2.0, step=0.01, description="α",
                                         continuous_update=False)
        self.threshold = widgets.FloatLogSlider(value=threshold, base=10, min=-4, max=-0.5, description="|f′| below",
                                                continuous_update=False)
        super().__init__([self.name, self.x_min, self.x_max, self.alpha, self.threshold])
        self.on_change(self.name, self._use_default_alpha)
        self.update()

    def _use_default_alpha(self, name: str) -> None:
        if name in DEFAULT_ALPHA:
            self.alpha.value = DEFAULT_ALPHA[name]

    def static_states(self):
        others = [name for name in ACTIVATIONS if name != self.name.value]
        return "activation", [(self.name.value, None),
                              *((name, lambda name=name: setattr(self.name, "value", name)) for name in others)]

    def draw(self, figure: Figure) -> str:
        lo, hi = self.x_min.value, self.x_max.value
        if not (np.isfinite(lo) and np.isfinite(hi)) or lo >= hi:
            raise ValueError(f"The input range must go from a smaller to a larger number; got from {lo} to {hi}.")
        if hi - lo > 1e4:
            raise ValueError(f"The input range {lo} to {hi} is too wide to plot; keep it under 10 000.")
        name, alpha = self.name.value, self.alpha.value
        self.alpha.disabled = name not in DEFAULT_ALPHA
        x = np.linspace(lo, hi, 801)
        y, dy = activation(name, x, alpha), activation_derivative(name, x, alpha)
        regions = saturation_regions(x, dy, self.threshold.value)
        ax_f, ax_df = figure.subplots(1, 2, sharex=True)
        for ax, values, label, color in ((ax_f, y, f"{name}(x)", "#1f77b4"), (ax_df, dy, f"{name}′(x)", "#d62728")):
            for i, (start, end) in enumerate(regions):
                ax.axvspan(start, end, color="#999999", alpha=0.25, lw=0,
                           label=f"saturated: |f′| < {self.threshold.value:.2g}" if i == 0 else None)
            ax.plot(x, values, color=color, lw=2, label=label)
            ax.axhline(0, color="black", lw=0.6)
            ax.axvline(0, color="black", lw=0.6)
            ax.set_xlabel("x")
            ax.set_ylabel(label)
            ax.grid(alpha=0.3)
            ax.legend(loc="best", fontsize="small")
        ax_f.set_title(f"{name}: the function" + (f" (α = {alpha:g})" if name in DEFAULT_ALPHA else ""))
        ax_df.set_title(f"its derivative {name}′(x)")
        saturated = sum(end - start for start, end in regions) / (hi - lo)
        return (f"max |f′| on this range: {np.abs(dy).max():.3g} &nbsp;·&nbsp; "
                f"{saturated:.0%} of the range is saturated")
