"""GateViewer: an LSTM reads an adding-problem sequence; its input, forget and output gates and its cell state over time.

The LSTM's forward pass is the pure NumPy function :func:`lstm_gates`, with Keras's weight layout and gate order
(input, forget, candidate, output), so weights copied from a trained ``keras.layers.LSTM`` give exactly its numbers.
Without a trained model the viewer uses :func:`hand_set_lstm`, a one-unit LSTM whose weights were set by hand to solve
the adding problem: the input gate opens at the two marked steps, the forget gate keeps the cell state, and the cell
state ends as (a tenth of) the sum.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from scipy.special import expit as sigmoid  # the logistic function, without overflow

from dlbook.checks import check_number
from dlbook.widgets.base import FigureWidget

GATE_NAMES = ("input gate i", "forget gate f", "candidate g", "output gate o")
_GATE_COLORS = {"i": "#2ca02c", "f": "#1f77b4", "o": "#ff7f0e", "c": "#d62728", "h": "#9467bd"}
ALL_UNITS = -1


def _check_weights(kernel, recurrent_kernel, bias) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    kernel, recurrent_kernel, bias = (np.asarray(a, dtype=float) for a in (kernel, recurrent_kernel, bias))
    if recurrent_kernel.ndim != 2 or recurrent_kernel.shape[1] != 4 * recurrent_kernel.shape[0]:
        raise ValueError(
            "recurrent_kernel must have shape (units, 4 * units), as keras.layers.LSTM stores it; got "
            f"shape {recurrent_kernel.shape}."
        )
    units = recurrent_kernel.shape[0]
    if units < 1:
        raise ValueError("The LSTM needs at least one unit.")
    if kernel.ndim != 2 or kernel.shape[1] != 4 * units:
        raise ValueError(
            f"kernel must have shape (features, 4 * units) = (features, {4 * units}) for {units} units; "
            f"got shape {kernel.shape}."
        )
    if bias.shape != (4 * units,):
        raise ValueError(f"bias must have shape (4 * units,) = ({4 * units},); got shape {bias.shape}.")
    for name, array in (("kernel", kernel), ("recurrent_kernel", recurrent_kernel), ("bias", bias)):
        if not np.isfinite(array).all():
            raise ValueError(f"The LSTM's {name} contains NaN or infinite values.")
    return kernel, recurrent_kernel, bias, units


def lstm_gates(x, kernel, recurrent_kernel, bias, h0=None, c0=None):
    """Run an LSTM over ``x`` and return its gates and states at every step: ``(i, f, g, o, c, h)``.

    ``x`` has shape ``(T, features)`` or ``(batch, T, features)``; the weights are laid out as
    ``keras.layers.LSTM`` stores them: ``kernel`` ``(features, 4 * units)``, ``recurrent_kernel``
    ``(units, 4 * units)``, ``bias`` ``(4 * units,)``, each split into the gates in the order i, f, g (the candidate),
    o. At step ``t``, with ``z = x_t @ kernel + h_{t-1} @ recurrent_kernel + bias`` split in four::

        i, f, o = sigmoid(z_i), sigmoid(z_f), sigmoid(z_o);  g = tanh(z_g)
        c_t = f * c_{t-1} + i * g;  h_t = o * tanh(c_t)

    Each returned array has the shape of ``x`` with ``features`` replaced by ``units``; the states start from ``h0``
    and ``c0`` (zeros by default), which are not included.
    """
    kernel, recurrent_kernel, bias, units = _check_weights(kernel, recurrent_kernel, bias)
    x = np.asarray(x, dtype=float)
    single = x.ndim == 2
    if single:
        x = x[np.newaxis]
    if x.ndim != 3 or x.shape[1] < 1:
        raise ValueError(
            f"x must have shape (T, features) or (batch, T, features) with T >= 1; got shape {x.shape}."
        )
    if x.shape[2] != kernel.shape[0]:
        raise ValueError(f"x has {x.shape[2]} features per step, but the kernel expects {kernel.shape[0]}.")
    if not np.isfinite(x).all():
        raise ValueError("The input sequence contains NaN or infinite values.")
    batch, steps = x.shape[:2]
    h = (
        np.zeros((batch, units))
        if h0 is None
        else np.broadcast_to(np.asarray(h0, dtype=float), (batch, units))
    )
    c = (
        np.zeros((batch, units))
        if c0 is None
        else np.broadcast_to(np.asarray(c0, dtype=float), (batch, units))
    )
    out = {name: np.empty((batch, steps, units)) for name in "ifgoch"}
    inputs = x @ kernel + bias  # the input's share of every step at once
    for t in range(steps):
        z = inputs[:, t] + h @ recurrent_kernel
        i, f, o = sigmoid(z[:, :units]), sigmoid(z[:, units : 2 * units]), sigmoid(z[:, 3 * units :])
        g = np.tanh(z[:, 2 * units : 3 * units])
        c = f * c + i * g
        h = o * np.tanh(c)
        for name, value in zip("ifgoch", (i, f, g, o, c, h), strict=True):
            out[name][:, t] = value
    result = tuple(out[name] for name in "ifgoch")
    return tuple(a[0] for a in result) if single else result


def hand_set_lstm(scale: float = 0.1):
    """A one-unit LSTM with hand-set weights that solves the adding problem, and its linear read-out.

    Features are (number, marker). The input gate opens only on a marker (pre-activation ``20 * marker - 10``),
    the forget and output gates stay open (bias 10), and the candidate is ``tanh(scale * number)``, so the cell
    state ends close to ``scale * (sum of the marked numbers)``. The read-out ``h_T / scale`` undoes the scale.
    Returns ``(kernel, recurrent_kernel, bias, readout_kernel, readout_bias)``, shaped like Keras's
    ``LSTM(1)`` and ``Dense(1)`` weights.
    """
    scale = check_number("The candidate's scale", scale, 1e-3, 1.0, positive=True)
    kernel = np.zeros((2, 4))
    kernel[1, 0] = 20.0  # marker -> input gate
    kernel[0, 2] = scale  # number -> candidate
    bias = np.array([-10.0, 10.0, 0.0, 10.0])  # input gate shut, forget and output gates open
    return kernel, np.zeros((1, 4)), bias, np.array([[1 / scale]]), np.zeros(1)


def memory_unit(c_final, y) -> int:
    """The unit whose final cell state follows the targets ``y`` best (largest |correlation| across examples).

    ``c_final`` has shape ``(examples, units)``; a unit whose final state never varies counts as correlation 0.
    """
    c_final, y = np.asarray(c_final, dtype=float), np.asarray(y, dtype=float).ravel()
    if c_final.ndim != 2 or c_final.shape[0] != y.size or y.size < 2:
        raise ValueError(
            "memory_unit needs final cell states of shape (examples, units) and one target per example "
            f"(at least two); got shapes {c_final.shape} and {y.shape}."
        )
    c_centred, y_centred = c_final - c_final.mean(axis=0), y - y.mean()
    scale = np.sqrt((c_centred**2).sum(axis=0) * (y_centred**2).sum())
    corr = np.divide(np.abs(c_centred.T @ y_centred), scale, out=np.zeros(c_final.shape[1]), where=scale > 0)
    return int(np.argmax(corr))


def marked_steps(x) -> np.ndarray:
    """The time steps of an adding-problem sequence ``x`` (shape ``(T, 2)``) whose marker (channel 1) is set."""
    return np.flatnonzero(np.asarray(x)[:, 1] > 0.5)


def _default_sequences(n: int = 20, length: int = 50):
    from dlbook.data import load_adding_problem

    _, (X, y) = load_adding_problem(n_samples=5 * n, length=length, test_size=0.2, seed=1)
    return X, y


class GateViewer(FigureWidget):
    """An LSTM reading adding-problem sequences: its gates and cell state over time, one example at a time.

    ``weights`` are an LSTM layer's ``get_weights()`` (kernel, recurrent_kernel, bias) and ``readout`` the
    following ``Dense(1)`` layer's (kernel, bias), used to show the model's prediction; with neither, the viewer uses
    the hand-set one-unit LSTM of :func:`hand_set_lstm`. ``X`` (shape ``(n, T, 2)``) and ``y`` are the sequences and
    their targets (20 fresh adding-problem sequences of length 50 by default).
    """

    figsize = (9.0, 6.4)

    def __init__(self, weights=None, X=None, y=None, readout=None, index: int = 0, unit: int | None = None):
        if weights is None:
            if readout is not None:
                raise ValueError("Give readout only together with the LSTM weights it belongs to.")
            kernel, recurrent_kernel, bias, *readout = hand_set_lstm()
            self.source = "hand-set LSTM"
        else:
            if len(weights) != 3:
                raise ValueError(
                    "weights must be the three arrays of an LSTM layer's get_weights(): kernel, "
                    f"recurrent_kernel and bias; got {len(weights)} arrays."
                )
            kernel, recurrent_kernel, bias = weights
            self.source = "trained LSTM"
        self.kernel, self.recurrent_kernel, self.bias, self.units = _check_weights(
            kernel, recurrent_kernel, bias
        )
        if X is None:
            if y is not None:
                raise ValueError("Give y only together with the sequences X it belongs to.")
            X, y = _default_sequences()
        X = np.asarray(X, dtype=float)
        if X.ndim != 3 or X.shape[2] != 2 or X.shape[0] < 1:
            raise ValueError(
                f"X must hold adding-problem sequences, shape (examples, T, 2); got shape {X.shape}."
            )
        if X.shape[2] != self.kernel.shape[0]:
            raise ValueError(
                f"The sequences have {X.shape[2]} features but the LSTM's kernel expects "
                f"{self.kernel.shape[0]}."
            )
        if y is None:
            y = (X[:, :, 0] * X[:, :, 1]).sum(axis=1)
        y = np.asarray(y, dtype=float).ravel()
        if y.shape != (X.shape[0],):
            raise ValueError(f"y must hold one target per sequence ({X.shape[0]}); got {y.size} values.")
        if readout is not None:
            readout_kernel, readout_bias = (np.asarray(a, dtype=float) for a in readout)
            if readout_kernel.shape != (self.units, 1) or readout_bias.shape != (1,):
                raise ValueError(
                    f"readout must be a Dense(1) layer's weights: a kernel of shape ({self.units}, 1) "
                    f"and a bias of shape (1,); got {readout_kernel.shape} and {readout_bias.shape}."
                )
            readout = (readout_kernel, readout_bias)
        self.X, self.y, self.readout = X, y, readout
        # every example at once: the sliders then only pick rows
        self.i, self.f, self.g, self.o, self.c, self.h = lstm_gates(
            X, self.kernel, self.recurrent_kernel, self.bias
        )
        self.predictions = None if readout is None else (self.h[:, -1] @ readout[0] + readout[1]).ravel()
        self.memory = memory_unit(self.c[:, -1], y) if X.shape[0] > 1 else 0
        check_number("index", index, 0, X.shape[0] - 1, integer=True)
        if unit is not None:
            check_number("unit", unit, -1, self.units - 1, integer=True)
        default_unit = self.memory if unit is None else unit
        options = [("all units (heatmaps)", ALL_UNITS)] + [
            (f"unit {k}" + (" (memory)" if k == self.memory else ""), k) for k in range(self.units)
        ]
        self.index = widgets.IntSlider(
            value=index, min=0, max=X.shape[0] - 1, description="example", continuous_update=False
        )
        self.unit = widgets.Dropdown(options=options, value=default_unit, description="show")
        super().__init__([self.index, self.unit])
        self.update()

    def static_states(self, n_examples: int = 3):
        """The view shown, then the next few examples, then every unit as heatmaps (or the memory unit)."""
        shown = self.index.value
        others = [k % self.X.shape[0] for k in range(shown + 1, shown + n_examples)]
        others = [k for k in dict.fromkeys(others) if k != shown]
        label = "all units" if self.unit.value == ALL_UNITS else f"unit {self.unit.value}"
        states = [(f"example {shown}, {label}", None)]
        states += [(f"example {k}, {label}", lambda k=k: setattr(self.index, "value", k)) for k in others]
        if self.units > 1:
            other_view = self.memory if self.unit.value == ALL_UNITS else ALL_UNITS
            other_label = "all units" if other_view == ALL_UNITS else f"unit {other_view}"
            last = others[-1] if others else shown
            states.append((f"example {last}, {other_label}", lambda: setattr(self.unit, "value", other_view)))
        return "view", states

    def _draw_input(self, ax, n_marks: int) -> dict:
        """The input panel's artists, for :meth:`_show` to fill: grey bars, ``n_marks`` red ones and their values."""
        steps = np.arange(self.X.shape[1])
        view = {
            "numbers": ax.bar(steps, np.zeros(len(steps)), color="#bbbbbb", width=0.8, label="number"),
            "marked": ax.bar(
                np.arange(n_marks), np.zeros(n_marks), color="#d62728", width=0.8, label="marked number"
            ),
            "values": [
                ax.annotate(
                    " ",
                    (0, 0),
                    xytext=(0, 2),
                    textcoords="offset points",
                    ha="center",
                    fontsize="small",
                    color="#d62728",
                )
                for _ in range(n_marks)
            ],
            "input_title": ax.set_title(" ", fontsize="medium", y=1.0),
            "lines": [],
        }  # y given: no top ticks to look for
        ax.set_ylim(0, 1.6)  # room for the labels of the marked numbers below the legend
        ax.set_yticks([0, 0.5, 1])
        ax.set_xlim(-0.5, len(steps) - 0.5)
        ax.set_ylabel("input")
        ax.legend(loc="upper right", fontsize="small", ncol=2, framealpha=0.9)
        return view

    def _mark_lines(self, ax, n_marks: int, **style) -> None:
        """Dotted lines at the marked steps on ``ax`` (moved by :meth:`_show`)."""
        self._view["lines"] += [ax.axvline(0, lw=0.8, ls=":", **style) for _ in range(n_marks)]

    def _show(self, k: int, marks: np.ndarray) -> None:
        """Set the input panel and the dotted lines of the marked steps for example ``k``."""
        view, x = self._view, self.X[k]
        for bar, value in zip(view["numbers"], x[:, 0], strict=True):
            bar.set_height(value)
        for bar, text, t in zip(view["marked"], view["values"], marks, strict=True):
            bar.set_x(t - bar.get_width() / 2)
            bar.set_height(x[t, 0])
            text.xy = (t, x[t, 0])
            text.set_text(f"{x[t, 0]:.2f}")
        for line, t in zip(
            view["lines"], np.tile(marks, len(view["lines"]) // max(len(marks), 1)), strict=True
        ):
            line.set_xdata([t, t])
        target = f"target {self.y[k]:.3f}"
        if self.predictions is not None:
            target += f", {self.source} predicts {self.predictions[k]:.3f}"
        view["input_title"].set_text(f"Example {k}: the LSTM must add the two marked numbers ({target})")

    def _example(self) -> tuple[int, np.ndarray]:
        k = int(self.index.value)
        if not 0 <= k < self.X.shape[0]:
            raise ValueError(f"There is no example {k}: choose one from 0 to {self.X.shape[0] - 1}.")
        return k, marked_steps(self.X[k])

    def _unit(self) -> int:
        unit = self.unit.value
        if unit != ALL_UNITS and not 0 <= unit < self.units:
            raise ValueError(f"There is no unit {unit}: this LSTM has units 0 to {self.units - 1}.")
        return unit

    def draw(self, figure: Figure) -> str:
        """Lay out both views (heatmaps of every unit, one unit's curves) over the input panel, each where the layout
        engine puts it when it is shown alone, and show the one the menu chose; :meth:`refresh` fills it."""
        k, marks = self._example()
        unit = self._unit()
        steps = np.arange(self.X.shape[1])
        grid = figure.add_gridspec(3, 2, height_ratios=[0.8, 1, 1])
        ax_x = figure.add_subplot(grid[0, :])
        view = self._view = self._draw_input(ax_x, len(marks))
        limit = max(float(np.abs(self.c).max()), 1e-6)  # one scale for every example
        view["maps"], heat = [], []
        for (row, column), title, cmap, lo, hi in (
            ((1, 0), "input gate i", "Greens", 0, 1),
            ((1, 1), "forget gate f", "Blues", 0, 1),
            ((2, 0), "output gate o", "Oranges", 0, 1),
            ((2, 1), "cell state c", "RdBu_r", -limit, limit),
        ):
            ax = figure.add_subplot(grid[row, column])
            image = ax.imshow(
                np.zeros((self.units, len(steps))),
                aspect="auto",
                cmap=cmap,
                vmin=lo,
                vmax=hi,
                interpolation="nearest",
                extent=(-0.5, len(steps) - 0.5, self.units - 0.5, -0.5),
            )
            view["maps"].append(image)
            self._mark_lines(ax, len(marks), color="black")
            ax.yaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))
            ax.set_title(title, fontsize="medium", y=1.0)
            if row == 2:  # the time axis is labelled once per column, the units once per row
                ax.set_xlabel("time step t")
            else:
                ax.tick_params(labelbottom=False)
            if column == 0:
                ax.set_ylabel("unit")
            bar = figure.colorbar(image, ax=ax, pad=0.01)
            bar.locator = MaxNLocator(nbins=2)
            heat += [ax, bar.ax]
        ax_gates = figure.add_subplot(grid[1, :], sharex=ax_x)
        ax_state = figure.add_subplot(grid[2, :], sharex=ax_x)
        view["curves"] = [
            ax_gates.plot(
                steps, steps * 0.0, color=_GATE_COLORS[name], label=GATE_NAMES["ifgo".index(name)], **style
            )[0]
            for name, style in (("f", dict(lw=3.5)), ("o", dict(lw=2, ls="--")), ("i", dict(lw=2)))
        ]  # f wide and o dashed: both visible when both are 1
        ax_gates.set_ylim(-0.05, 1.05)
        ax_gates.set_ylabel("gate value")
        ax_gates.tick_params(labelbottom=False)
        ax_gates.legend(loc="center left", fontsize="small", ncol=3, framealpha=0.9)
        view["curves"] += ax_state.plot(
            steps, steps * 0.0, lw=2, color=_GATE_COLORS["c"], label="cell state c"
        )
        view["curves"] += ax_state.plot(
            steps, steps * 0.0, lw=1.5, ls="--", color=_GATE_COLORS["h"], label="hidden state h"
        )
        ax_state.axhline(0, color="black", lw=0.6)
        ax_state.set_ylabel("state")
        ax_state.set_xlabel("time step t")
        # where it stays as the curves change
        ax_state.legend(loc="upper left", fontsize="small", framealpha=0.9)
        for ax in (ax_x, ax_gates, ax_state):
            self._mark_lines(ax, len(marks), color="#d62728")
        for ax in (ax_gates, ax_state):
            ax.grid(alpha=0.3)
        view["panels"] = {True: heat, False: [ax_gates, ax_state]}
        self._set_unit(self.memory if unit == ALL_UNITS else unit)
        view["unit"] = unit
        self.animate(
            *view["numbers"],
            *view["marked"],
            *view["values"],
            view["input_title"],
            *view["lines"],
            *view["maps"],
            *view["curves"],
        )
        status = self.refresh(figure)
        view["places"] = {}
        for heatmaps in (unit != ALL_UNITS, unit == ALL_UNITS):  # the view shown last
            self._arrange(heatmaps)
            figure.get_layout_engine().execute(figure)
            view["places"][heatmaps] = {ax: ax.get_position(original=True).frozen() for ax in figure.axes}
        return status

    def _arrange(self, heatmaps: bool) -> None:
        """Show the panels of one view (and the input panel as it looks in it), hide the other's."""
        view = self._view
        for shown, axes in view["panels"].items():
            for ax in axes:
                ax.set_visible(shown == heatmaps)
                ax.set_in_layout(shown == heatmaps)
        ax_x = view["input_title"].axes
        ax_x.set_in_layout(True)
        ax_x.tick_params(labelbottom=heatmaps)
        ax_x.grid(not heatmaps)
        if not heatmaps:
            ax_x.grid(True, alpha=0.3)
        # the dotted lines of the heatmaps, then of the input and the curves
        heat_lines = 4 * len(view["marked"])
        for artist in (*view["maps"], *view["lines"][:heat_lines]):
            artist.set_visible(heatmaps)
        for artist in (*view["curves"], *view["lines"][heat_lines:]):
            artist.set_visible(not heatmaps)

    def _set_unit(self, unit: int) -> None:
        """Title the curves' panels for ``unit`` and scale the states' panel for all its examples."""
        ax_gates, ax_state = self._view["panels"][False]
        ax_gates.set_title(
            f"Unit {unit}{' (the memory unit)' if unit == self.memory else ''}: its gates",
            fontsize="medium",
            y=1.0,
        )
        ax_state.set_title(f"Unit {unit}: its cell state and output", fontsize="medium", y=1.0)
        states = np.concatenate([self.c[:, :, unit].ravel(), self.h[:, :, unit].ravel(), [0.0]])
        low, high = float(states.min()), float(states.max())
        margin = 0.05 * max(high - low, 1e-6)
        ax_state.set_ylim(low - margin, high + margin)  # one scale for every example

    def refresh(self, figure: Figure) -> str | None:
        """Another example: new bars, curves or heatmaps. Another view or unit: the panels laid out by ``draw`` are
        shown (or retitled), and the picture rendered whole."""
        k, marks = self._example()
        unit, view = self._unit(), self._view
        if len(marks) != len(view["marked"]):
            return None
        if unit != view["unit"]:
            heatmaps = unit == ALL_UNITS
            if not heatmaps:
                self._set_unit(unit)
            if heatmaps != (view["unit"] == ALL_UNITS):
                for ax, place in view["places"][heatmaps].items():
                    ax.set_position(place, which="both")
                self._arrange(heatmaps)
            view["unit"] = unit
            self.redraw_background(key=unit)  # each unit's panels: rendered once, then reused
        self._show(k, marks)
        if unit == ALL_UNITS:
            for image, values in zip(view["maps"], (self.i[k], self.f[k], self.o[k], self.c[k]), strict=True):
                image.set_data(values.T)
            mean_f = self.f[k].mean(axis=0)
            return (
                f"{self.source}, {self.units} units, example {k} &nbsp;·&nbsp; marked steps {marks.tolist()} "
                f"(dotted lines) &nbsp;·&nbsp; mean forget gate per unit from {mean_f.min():.2f} to "
                f"{mean_f.max():.2f} &nbsp;·&nbsp; the memory unit is {self.memory}"
            )
        for curve, values in zip(view["curves"], (self.f, self.o, self.i, self.c, self.h), strict=True):
            curve.set_ydata(values[k, :, unit])
        c = self.c[k, :, unit]
        jumps = [c[t] - (c[t - 1] if t > 0 else 0.0) for t in marks]
        others = np.setdiff1d(np.arange(len(c)), marks)
        drift = float(np.abs(np.diff(np.concatenate([[0.0], c]))[others]).max()) if others.size else 0.0
        return (
            f"{html.escape(self.source)}, unit {unit}, example {k} &nbsp;·&nbsp; cell state jumps by "
            f"{', '.join(f'{j:+.3f}' for j in jumps)} at the marked steps {marks.tolist()}, and changes by at most "
            f"{drift:.3f} at any other step"
        )
