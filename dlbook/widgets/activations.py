"""ActivationExplorer: an activation function and its derivative over a chosen range, saturation shaded."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure
from scipy.special import erf, expit

from dlbook.checks import check_choice
from dlbook.widgets.base import FigureWidget

_SQRT2 = np.sqrt(2.0)


def _gaussian_pdf(x):
    return np.exp(-0.5 * x**2) / np.sqrt(2 * np.pi)


# name -> (f(x, alpha), f'(x, alpha)); alpha is used by leaky ReLU and ELU only. NumPy in, NumPy out.
ACTIVATIONS = {
    "sigmoid": (lambda x, a: expit(x), lambda x, a: expit(x) * (1 - expit(x))),
    "tanh": (lambda x, a: np.tanh(x), lambda x, a: 1 - np.tanh(x) ** 2),
    "relu": (lambda x, a: np.maximum(x, 0.0), lambda x, a: (x > 0).astype(float)),
    "leaky_relu": (lambda x, a: np.where(x > 0, x, a * x), lambda x, a: np.where(x > 0, 1.0, a)),
    "elu": (lambda x, a: np.where(x > 0, x, a * np.expm1(np.minimum(x, 0))),
            lambda x, a: np.where(x > 0, 1.0, a * np.exp(np.minimum(x, 0)))),
    "gelu": (lambda x, a: 0.5 * x * (1 + erf(x / _SQRT2)),
             lambda x, a: 0.5 * (1 + erf(x / _SQRT2)) + x * _gaussian_pdf(x)),
    "softplus": (lambda x, a: np.logaddexp(0.0, x), lambda x, a: expit(x)),
}
DEFAULT_ALPHA = {"leaky_relu": 0.2, "elu": 1.0}  # Keras's defaults: leaky_relu's negative_slope, elu's alpha


def activation(name: str, x, alpha: float | None = None) -> np.ndarray:
    """The activation ``name`` applied elementwise to ``x`` (``alpha``: Keras's default when None)."""
    return _lookup(name)[0](np.asarray(x, dtype=float), DEFAULT_ALPHA.get(name, 0.0) if alpha is None else alpha)


def activation_derivative(name: str, x, alpha: float | None = None) -> np.ndarray:
    """The derivative of activation ``name`` at each element of ``x`` (at 0, ReLU's is taken as 0)."""
    return _lookup(name)[1](np.asarray(x, dtype=float), DEFAULT_ALPHA.get(name, 0.0) if alpha is None else alpha)


def _lookup(name: str):
    check_choice("activation", name, ACTIVATIONS)
    return ACTIVATIONS[name]


def saturation_regions(x: np.ndarray, derivative: np.ndarray, threshold: float = 0.05) -> list[tuple[float, float]]:
    """The intervals of sorted ``x`` where ``|derivative| < threshold``: there the gradient all but vanishes."""
    flat = np.abs(np.asarray(derivative)) < threshold
    regions, start = [], None
    for xi, is_flat in zip(x, flat, strict=True):
        if is_flat and start is None:
            start = xi
        elif not is_flat and start is not None:
            regions.append((float(start), float(xi)))
            start = None
    if start is not None:
        regions.append((float(start), float(x[-1])))
    return regions


class ActivationExplorer(FigureWidget):
    """Choose an activation and an input range; see f(x) and f'(x), with the saturated regions shaded."""

    figsize = (9.0, 3.8)

    def __init__(self, activation: str = "sigmoid", x_range: tuple[float, float] = (-6.0, 6.0),
                 alpha: float | None = None, threshold: float = 0.05):
        _lookup(activation)
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
