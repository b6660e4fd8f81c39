"""GradientFlow: how the gradient of a recurrent network's last state shrinks or grows on its way back in time.

A single-layer recurrent network ``h_t = phi(x_t W_x + h_{t-1} W_h + b)`` runs over a random input sequence. The
widget plots the spectral norm of the Jacobian ``dh_T/dh_t`` for every earlier step ``t``: the factor by which a
gradient arriving at the last state is scaled when it has been sent back to step ``t`` (Pascanu, Mikolov & Bengio,
2013). That Jacobian is a product of one matrix ``diag(phi'(a_k)) W_h^T`` per step, so it vanishes or explodes
geometrically, at a rate set by the spectral radius of ``W_h`` (and, for a saturating activation, by ``phi'``).
"""

from __future__ import annotations

from functools import lru_cache

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from dlbook.checks import check_choice, check_number
from dlbook.plotting import plain_log_ticks
from dlbook.widgets.base import FigureWidget

ACTIVATIONS = ("tanh", "linear", "relu")
MATRICES = ("random", "orthogonal")
MAX_LENGTH = 1000
MAX_UNITS = 256
STATIC_RADII = (0.5, 0.7, 0.9, 1.0, 1.1, 1.3, 1.5)  # the website's slider steps up through these
VANISHED, EXPLODED = 1e-2, 1e2  # a gradient scaled below 1/100 (above 100) by the trip back to t = 0


def recurrent_matrix(units: int, radius: float, kind: str = "random", seed: int = 0) -> np.ndarray:
    """A ``(units, units)`` recurrent weight matrix whose spectral radius (largest ``|eigenvalue|``) is ``radius``.

    ``"random"``: Gaussian entries, rescaled; its singular values spread around the eigenvalues, so powers of it can
    grow for a while before they shrink (a non-normal matrix). ``"orthogonal"``: ``radius`` times an orthogonal
    matrix, so every eigenvalue and every singular value equals ``radius`` and ``||W^k|| = radius**k`` exactly.
    """
    units = check_number("The number of hidden units", units, 1, MAX_UNITS, integer=True)
    radius = check_number("The spectral radius", radius, 0, 100, positive=True)
    check_choice("kind of recurrent matrix", kind, MATRICES)
    rng = np.random.default_rng(check_number("The seed", seed, 0, integer=True))
    gaussian = rng.normal(size=(units, units))
    if kind == "orthogonal":
        q, r = np.linalg.qr(gaussian)
        return radius * q * np.sign(np.diag(r))  # the sign fix makes q uniformly distributed
    return gaussian * (radius / np.max(np.abs(np.linalg.eigvals(gaussian))))


def activation_and_slope(name: str, a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(phi(a), phi'(a))`` for ``"tanh"``, ``"linear"`` or ``"relu"`` (ReLU's slope at 0 is taken as 0)."""
    check_choice("activation", name, ACTIVATIONS)
    a = np.asarray(a, dtype=float)
    if name == "tanh":
        h = np.tanh(a)
        return h, 1.0 - h**2
    if name == "relu":
        return np.maximum(a, 0.0), (a > 0).astype(float)
    return a, np.ones_like(a)


def run_rnn(
    X: np.ndarray,
    Wx: np.ndarray,
    Wh: np.ndarray,
    b: np.ndarray,
    activation: str = "tanh",
    h0: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Run ``h_t = phi(x_t Wx + h_{t-1} Wh + b)`` over one sequence ``X`` of shape ``(T, features)``.

    Returns ``(H, A)``, both ``(T, units)``: the states ``h_1 .. h_T`` and the pre-activations ``a_1 .. a_T``.
    ``h0`` defaults to zeros.
    """
    X, Wx, Wh = np.asarray(X, dtype=float), np.asarray(Wx, dtype=float), np.asarray(Wh, dtype=float)
    if X.ndim != 2 or Wx.shape[0] != X.shape[1] or Wh.shape != (Wx.shape[1], Wx.shape[1]):
        raise ValueError(
            f"Shapes do not fit: X {X.shape} should be (T, features), Wx (features, units) "
            f"{Wx.shape}, Wh (units, units) {Wh.shape}."
        )
    h = np.zeros(Wh.shape[0]) if h0 is None else np.asarray(h0, dtype=float)
    H, A = np.empty((len(X), Wh.shape[0])), np.empty((len(X), Wh.shape[0]))
    for t, x in enumerate(X):
        A[t] = x @ Wx + h @ Wh + b
        H[t] = h = activation_and_slope(activation, A[t])[0]
    return H, A


def jacobian_norms(Wh: np.ndarray, A: np.ndarray, activation: str = "tanh") -> np.ndarray:
    """``norms[t] = ||dh_T/dh_t||_2`` for ``t = 0 .. T`` (``norms[T] = 1``), given the pre-activations ``A``.

    The Jacobian of one step is ``dh_k/dh_{k-1} = diag(phi'(a_k)) Wh^T``, so ``dh_T/dh_t`` is the product of those
    of the steps ``T, T-1, .., t+1``, accumulated from the end. The product is renormalised at each step (its scale
    is kept as a logarithm), so very long sequences neither overflow nor underflow; a norm is 0 only when a slope
    ``phi'`` cut the gradient off exactly (a switched-off ReLU, a tanh saturated beyond float precision).
    """
    Wh, A = np.asarray(Wh, dtype=float), np.asarray(A, dtype=float)
    T = len(A)
    slopes = activation_and_slope(activation, A)[1]
    products, log_scales = np.empty((T, *Wh.shape)), np.zeros(T)
    product, log_scale, first = np.eye(Wh.shape[0]), 0.0, T
    for k in range(T, 0, -1):  # k = T .. 1: multiply by dh_k/dh_{k-1} on the right
        product = product @ (slopes[k - 1][:, None] * Wh.T)
        scale = np.abs(product).max()
        if scale == 0:
            break  # every earlier Jacobian is zero too
        product /= scale
        log_scale += np.log(scale)
        products[k - 1], log_scales[k - 1], first = product, log_scale, k - 1
    # the largest singular value of every product at once: the root of the largest eigenvalue of P P^T
    P = products[first:]
    top = np.sqrt(np.maximum(np.linalg.eigvalsh(P @ P.transpose(0, 2, 1))[:, -1], 0.0))
    log_norms = np.full(T + 1, -np.inf)
    log_norms[T] = 0.0
    with np.errstate(divide="ignore", over="ignore"):
        log_norms[first:T] = log_scales[first:] + np.log(top)
        return np.exp(log_norms)


def gradient_norms(
    T: int = 100,
    radius: float = 0.5,
    activation: str = "tanh",
    units: int = 32,
    input_scale: float = 1.0,
    matrix: str = "random",
    seed: int = 0,
) -> np.ndarray:
    """``||dh_T/dh_t||_2`` for ``t = 0 .. T`` in a seeded random recurrent network (see :func:`jacobian_norms`).

    The network has ``units`` hidden units, one input feature, input weights ``Wx`` drawn from N(0, 1), no bias and
    ``h_0 = 0``; ``Wh`` comes from :func:`recurrent_matrix`. The input sequence is drawn from
    N(0, ``input_scale``^2); a longer ``T`` extends the same sequence.
    """
    T = check_number("The sequence length T", T, 1, MAX_LENGTH, integer=True)
    input_scale = check_number("The input scale", input_scale, 0, 100)
    check_choice("activation", activation, ACTIVATIONS)
    Wh = recurrent_matrix(units, radius, matrix, seed)
    rng = np.random.default_rng(seed + 1)
    Wx = rng.normal(size=(1, Wh.shape[0]))
    X = input_scale * np.random.default_rng(seed + 2).normal(size=(T, 1))
    _, A = run_rnn(X, Wx, Wh, np.zeros(Wh.shape[0]), activation)
    return jacobian_norms(Wh, A, activation)


def verdict(norms: np.ndarray) -> str:
    """``"vanishes"``, ``"explodes"`` or ``"survives"``: what the trip back to ``t = 0`` does to a gradient."""
    first = float(np.asarray(norms)[0])
    return "vanishes" if first < VANISHED else "explodes" if first > EXPLODED else "survives"


# the panels' boxes (left, bottom, width, height in the figure), with room for tick labels down to 10^-300
_PANELS = ((0.09, 0.12, 0.57, 0.8), (0.73, 0.12, 0.25, 0.74))


class GradientFlow(FigureWidget):
    """Sliders for the sequence length, the spectral radius and more; the norm of ``dh_T/dh_t`` against ``t``."""

    figsize = (10.0, 4.0)

    def __init__(
        self,
        T: int = 100,
        radius: float = 0.5,
        activation: str = "linear",
        units: int = 32,
        input_scale: float = 1.0,
        matrix: str = "random",
        seed: int = 0,
    ):
        T = check_number("The sequence length T", T, 5, 200, integer=True)
        radius = check_number("The spectral radius", radius, 0.5, 1.5)
        units = check_number("The number of hidden units", units, 2, 64, integer=True)
        input_scale = check_number("The input scale", input_scale, 0, 3)
        check_choice("activation", activation, ACTIVATIONS)
        check_choice("kind of recurrent matrix", matrix, MATRICES)
        self.seed = check_number("The seed", seed, 0, integer=True)
        style = {"description_width": "initial"}
        slider = dict(continuous_update=False, style=style, layout=widgets.Layout(width="270px"))
        self.T = widgets.IntSlider(value=T, min=5, max=200, step=5, description="sequence length T", **slider)
        self.radius = widgets.FloatSlider(
            value=radius,
            min=0.5,
            max=1.5,
            step=0.05,
            description="spectral radius ρ",
            readout_format=".2f",
            **slider,
        )
        self.activation = widgets.Dropdown(
            options=ACTIVATIONS,
            value=activation,
            description="activation",
            style=style,
            layout=widgets.Layout(width="190px"),
        )
        self.units = widgets.IntSlider(value=units, min=2, max=64, description="hidden units", **slider)
        self.input_scale = widgets.FloatSlider(
            value=input_scale, min=0.0, max=3.0, step=0.1, description="input size", **slider
        )
        self.matrix = widgets.Dropdown(
            options=MATRICES,
            value=matrix,
            description="W_h",
            style=style,
            layout=widgets.Layout(width="190px"),
        )
        super().__init__([self.T, self.radius, self.activation, self.units, self.input_scale, self.matrix])
        self.update()

    def norms(self) -> np.ndarray:
        """The curve drawn: ``||dh_T/dh_t||`` for ``t = 0 .. T`` with the current settings."""
        return gradient_norms(
            self.T.value,
            self.radius.value,
            self.activation.value,
            self.units.value,
            self.input_scale.value,
            self.matrix.value,
            self.seed,
        )

    def static_states(self):
        """The spectral radii of ``STATIC_RADII`` above the current one, in increasing order."""
        higher = [r for r in STATIC_RADII if r > self.radius.value + 1e-9]
        return "spectral radius ρ", [
            (f"ρ = {self.radius.value:.2f}", None),
            *((f"ρ = {r:.2f}", lambda r=r: setattr(self.radius, "value", r)) for r in higher),
        ]

    def draw(self, figure: Figure) -> str:
        ax, ax_eig = figure.subplots(1, 2, width_ratios=[2.3, 1])
        for panel, box in zip((ax, ax_eig), _PANELS, strict=True):
            panel.set_position(box)  # a fixed box, out of the layout: wider tick labels need no new layout
        view = {
            "reference": ax.semilogy(
                [], [], "--", color="#888", lw=1.5, label=r"$\rho^{T-t}$: linear RNN, orthogonal $W_h$"
            )[0],
            "norms": ax.semilogy([], [], color="#d62728", lw=2.2)[0],
            "one": ax.axhline(1.0, color="black", lw=0.9, label="1: the gradient keeps its size"),
        }
        ax.set(xlabel="time step t", ylabel=r"$\|\partial h_T / \partial h_t\|$ (log scale)")
        # its decades change with every control: plain-text tick labels, and labels and titles at fixed places
        # (clear of the widest tick labels), not worked out from the tick labels at every refresh
        plain_log_ticks(ax.yaxis)
        ax.xaxis.set_label_coords(0.5, -0.09)
        ax.yaxis.set_label_coords(-0.11, 0.5)
        ax.grid(alpha=0.3, which="major")
        circle = np.linspace(0, 2 * np.pi, 200)
        view["circle"] = np.cos(circle), np.sin(circle)
        ax_eig.plot(*view["circle"], color="black", lw=1)
        view["radius"] = ax_eig.plot([], [], "--", color="#888", lw=1)[0]
        view["eigenvalues"] = ax_eig.scatter([], [], s=14, color="#1f77b4", zorder=3)
        ax_eig.set(
            xlim=(-1.65, 1.65),
            ylim=(-1.65, 1.65),
            aspect="equal",
            xlabel="real part",
            ylabel="imaginary part",
        )
        ax_eig.grid(alpha=0.3)
        self._view = view
        self.animate(
            view["reference"],
            view["norms"],
            view["one"],
            ax.xaxis,
            ax.yaxis,
            ax.title,
            view["radius"],
            view["eigenvalues"],
            ax_eig.title,
        )
        return self._show()

    def refresh(self, figure: Figure) -> str:
        """Every control changes the curves, the limits and the titles of the panels kept by ``draw``."""
        return self._show()

    def _show(self) -> str:
        """Set the artists kept by ``draw`` to the controls' state; return the status line."""
        view = self._view
        T, rho, name = self.T.value, self.radius.value, self.activation.value
        norms = self.norms()
        eigenvalues = _eigenvalues(self.units.value, rho, self.matrix.value, self.seed)
        ax = view["norms"].axes
        t = np.arange(T + 1)
        floor = 1e-300
        with np.errstate(over="ignore"):
            reference = np.exp((T - t) * np.log(rho))
        view["reference"].set_data(t, np.maximum(reference, floor))
        shown = np.where(np.isfinite(norms), np.maximum(norms, floor), np.nan)
        view["norms"].set_data(t, shown)
        view["norms"].set_label(f"{name}, {self.matrix.value} $W_h$")
        finite = np.concatenate([shown[np.isfinite(shown)], reference, [1.0]])
        ax.set_ylim(max(finite.min(), 1e-300) / 10, min(finite.max(), 1e300) * 10)
        ax.set_xlim(0, T)
        ax.set_title(f"Gradient sent back from the last step T = {T} to step t", y=1.0)
        self._legend(ax)
        view["radius"].set_data(rho * view["circle"][0], rho * view["circle"][1])
        view["eigenvalues"].set_offsets(np.column_stack([eigenvalues.real, eigenvalues.imag]))
        view["radius"].axes.set_title(
            f"Eigenvalues λ of $W_h$ (dots)\nsolid: |λ| = 1, dashed: |λ| = ρ = {rho:.2f}",
            fontsize="medium",
            y=1.0,
        )

        first = norms[0]
        size = "exactly 0 (the slopes φ′ cut it off)" if first == 0 else f"{first:.1e}"
        per_step = f"{first ** (1 / T):.3f}" if 0 < first < np.inf else "—"
        words = {
            "vanishes": "the gradient <b>vanishes</b>",
            "explodes": "the gradient <b>explodes</b>",
            "survives": "the gradient <b>survives</b> (within a factor 100 of its size)",
        }[verdict(norms)]
        return (
            f"‖∂h_T/∂h_0‖ = {size}: {words} &nbsp;·&nbsp; average factor per step {per_step} "
            f"&nbsp;·&nbsp; largest |eigenvalue| of W_h: {np.max(np.abs(eigenvalues)):.2f}"
        )

    def _legend(self, ax) -> None:
        """The legend of the curves: made once, its label of the network's curve renamed after."""
        view = self._view
        if "legend" in view:
            view["legend"].get_texts()[1].set_text(view["norms"].get_label())
        else:
            view["legend"] = self.animate(
                ax.legend(
                    handles=[view["reference"], view["norms"], view["one"]],
                    loc="best",
                    fontsize="small",
                    framealpha=0.9,
                )
            )


@lru_cache(maxsize=32)
def _eigenvalues(units: int, radius: float, kind: str, seed: int) -> np.ndarray:
    """The eigenvalues of :func:`recurrent_matrix` for these arguments (computed once)."""
    return np.linalg.eigvals(recurrent_matrix(units, radius, kind, seed))
