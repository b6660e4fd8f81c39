"""CapsuleExplorer: change one pose dimension of the winning capsule and watch the reconstruction, and step routing.

The widget takes a trained capsule network's pieces as arrays (nothing trains here): the primary capsules'
predictions ``u_hat`` of every digit capsule for some test images, and the decoder's weights. For the chosen image it
routes the predictions by agreement for the chosen number of iterations (:func:`dlbook.capsules.dynamic_routing`),
takes the longest digit capsule (the prediction), adds ``delta`` to one of its dimensions and decodes it, as in
Figure 4 of Sabour, Frosst & Hinton (2017). The figure shows the image, the reconstruction, the capsules' lengths,
the coupling coefficients after the last iteration, and a row of reconstructions as the dimension sweeps its range.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from dlbook.capsules import decode, dynamic_routing, lengths, masked
from dlbook.checks import check_number
from dlbook.widgets.base import FigureWidget, int_slider

MAX_DELTA = 0.25  # the paper's range of a pose perturbation
# the row of reconstructions (the paper's Figure 4)
SWEEP = np.round(np.linspace(-MAX_DELTA, MAX_DELTA, 11), 2)


def perturb(v, capsule: int, dimension: int, delta: float) -> np.ndarray:
    """A copy of the capsules ``v`` (n_out, d) with ``delta`` added to dimension ``dimension`` of capsule ``capsule``."""
    v = np.array(v, dtype=float)
    if not (0 <= capsule < v.shape[0] and 0 <= dimension < v.shape[1]):
        raise ValueError(
            f"There is no dimension {dimension} of capsule {capsule}: the capsules have shape {v.shape}."
        )
    v[capsule, dimension] += check_number("The pose change delta", delta)
    return v


def pose_sweep(v, capsule: int, dimension: int, deltas, decoder_weights) -> np.ndarray:
    """The decoder's images of capsule ``capsule`` of ``v`` (n_out, d) with ``dimension`` moved by each of ``deltas``;
    shape (len(deltas), pixels). The other capsules are masked out, as when the network reconstructs its prediction."""
    rows = np.stack([masked(perturb(v, capsule, dimension, d)[None], capsule)[0] for d in deltas])
    return decode(rows, decoder_weights)


class CapsuleExplorer(FigureWidget):
    """Explore a trained CapsNet's digit capsules on some test images.

    ``u_hat`` (n, n_in, n_classes, d) are the primary capsules' predictions of the digit capsules for ``images``
    (n, h, w) or (n, h, w, 1); ``decoder_weights`` the decoder's ``get_weights()`` (dense layers, ReLU then a
    sigmoid), which maps the masked, flattened digit capsules to h * w pixels. ``labels`` are the true classes.
    """

    figsize = (9.8, 5.4)

    def __init__(
        self,
        u_hat,
        decoder_weights,
        images,
        labels=None,
        iterations: int = 3,
        max_iterations: int = 6,
        index: int = 0,
        dimension: int = 0,
        delta: float = 0.0,
    ):
        self.u_hat = np.asarray(u_hat, dtype=float)
        if self.u_hat.ndim != 4:
            raise ValueError(f"u_hat must have shape (n, n_in, n_classes, d), not {self.u_hat.shape}.")
        n, _, self.n_classes, self.dim = self.u_hat.shape
        images = np.asarray(images, dtype=float)
        self.images = images[..., 0] if images.ndim == 4 else images
        if self.images.ndim != 3 or len(self.images) != n:
            raise ValueError(
                f"images must be the {n} images u_hat was computed from, shape ({n}, h, w); "
                f"got {images.shape}."
            )
        self.weights = [np.asarray(w, dtype=float) for w in decoder_weights]
        pixels = self.images.shape[1] * self.images.shape[2]
        if (
            len(self.weights) < 2
            or len(self.weights) % 2
            or self.weights[0].shape[0] != self.n_classes * self.dim
            or self.weights[-1].shape != (pixels,)
        ):
            raise ValueError(
                f"decoder_weights must be [W1, b1, ..., Wk, bk] mapping {self.n_classes * self.dim} "
                f"masked capsule values to {pixels} pixels."
            )
        self.labels = None if labels is None else np.asarray(labels).astype(int)
        max_iterations = check_number("max_iterations", max_iterations, 1, 20, integer=True)
        self.index = int_slider("index", index, 0, n - 1, "test image")
        self.iterations = int_slider("iterations", iterations, 1, max_iterations, "routing iterations")
        self.dimension = int_slider("dimension", dimension, 0, self.dim - 1, "pose dimension")
        self.delta = widgets.FloatSlider(
            value=check_number("delta", delta, -MAX_DELTA, MAX_DELTA),
            min=-MAX_DELTA,
            max=MAX_DELTA,
            step=0.05,
            description="change δ",
            continuous_update=False,
            readout_format="+.2f",
        )
        # every image routed once, for every number of iterations: the sliders then only pick
        _, self._couplings, self._parents = dynamic_routing(self.u_hat, max_iterations, trace=True)
        # one colour scale that shows small changes
        self._top_coupling = max(0.2, float(self._couplings.max()))
        self._sweeps: dict[tuple[int, int, int], np.ndarray] = {}
        super().__init__([self.index, self.iterations, self.dimension, self.delta])
        self.update()

    def route(self):
        """``(v, couplings)`` for the chosen image: its digit capsules (n_classes, d) after the chosen number of
        iterations, and the coupling coefficients (n_in, n_classes) that produced them."""
        iterations = self.iterations.value
        if not 1 <= iterations <= len(self._couplings):
            raise ValueError(f"Choose from 1 to {len(self._couplings)} routing iterations, not {iterations}.")
        return self._parents[iterations - 1, self.index.value], self._couplings[
            iterations - 1, self.index.value
        ]

    def _sweep(self, v, winner: int, dimension: int) -> np.ndarray:
        """The row of reconstructions of ``SWEEP`` (computed once per image, routing and dimension)."""
        key = (self.index.value, self.iterations.value, dimension)
        if key not in self._sweeps:
            if len(self._sweeps) >= 64:
                self._sweeps.clear()
            self._sweeps[key] = pose_sweep(v, winner, dimension, SWEEP, self.weights)
        return self._sweeps[key]

    def draw(self, figure: Figure) -> str:
        """Lay the panels out once; :meth:`refresh` then sets every picture, bar and title for the controls."""
        side = self.images.shape[1:]
        blank = np.zeros(side)
        outer = figure.add_gridspec(2, 1, height_ratios=[2.3, 1])
        top = outer[0].subgridspec(1, 4, width_ratios=[1, 1, 1.6, 2.2], wspace=0.15)
        bottom = outer[1].subgridspec(1, len(SWEEP), wspace=0.05)
        ax_in = figure.add_subplot(top[0])
        view = {
            "image": ax_in.imshow(blank, cmap="gray_r", vmin=0, vmax=1),
            "image_title": ax_in.set_title(" ", fontsize="small"),
        }
        ax_out = figure.add_subplot(top[1])
        view["decoded"] = ax_out.imshow(blank, cmap="gray_r", vmin=0, vmax=1)
        view["decoded_title"] = ax_out.set_title(" ", fontsize="small")
        for ax in (ax_in, ax_out):
            ax.set(xticks=[], yticks=[])
        ax_len = figure.add_subplot(top[2])
        view["bars"] = ax_len.bar(
            np.arange(self.n_classes), np.zeros(self.n_classes), color="#1f77b4", label="capsule length"
        )
        ax_len.axhline(0.5, color="k", ls=":", lw=1, label="0.5")
        ax_len.set(
            ylim=(0, 1),
            xticks=np.arange(self.n_classes),
            title="Digit capsules' lengths",
            xlabel="class",
            ylabel="|v|",
        )
        ax_len.legend(fontsize="x-small", loc="upper left")  # made now: its swatch is the bars' blue
        ax_c = figure.add_subplot(top[3])
        view["couplings"] = ax_c.imshow(
            np.zeros((self.n_classes, self.u_hat.shape[1])),
            aspect="auto",
            cmap="viridis",
            vmin=0,
            vmax=self._top_coupling,
            interpolation="nearest",
        )
        view["couplings_title"] = ax_c.set_title(" ")
        ax_c.set(xlabel="primary capsule i", ylabel="digit capsule j", yticks=np.arange(self.n_classes))
        figure.colorbar(view["couplings"], ax=ax_c, shrink=0.9, label="c_ij")
        view["sweep"], view["frames"] = [], []
        for k, d in enumerate(SWEEP):
            ax = figure.add_subplot(bottom[k])
            view["sweep"].append(ax.imshow(blank, cmap="gray_r", vmin=0, vmax=1))
            ax.set(xticks=[], yticks=[])
            ax.set_xlabel(f"{d:+.2f}", fontsize="x-small")
            view["frames"].append(
                ax.add_patch(
                    Rectangle(
                        (0, 0),
                        1,
                        1,
                        transform=ax.transAxes,
                        fill=False,
                        clip_on=False,
                        edgecolor="#d62728",
                        linewidth=3,
                    )
                )
            )
        # the dimension, where a y label would be (a label that refresh can change)
        first = view["sweep"][0].axes
        view["dimension"] = first.text(
            -0.08, 0.5, " ", transform=first.transAxes, rotation=90, ha="right", va="center", fontsize="small"
        )
        view["title"] = figure.suptitle(" ", fontsize="medium")
        self.animate(
            *[artist for artist in view.values() if not isinstance(artist, list | BarContainer)],
            *view["bars"],
            *view["sweep"],
            *view["frames"],
        )
        self._view = view
        return self.refresh(figure)

    def refresh(self, figure: Figure) -> str:
        """Any change of the controls: set the pictures, bars, titles and frame of the panels ``draw`` laid out."""
        delta = check_number("The pose change δ", self.delta.value, -MAX_DELTA, MAX_DELTA)
        v, couplings = self.route()
        dimension, index, view = self.dimension.value, self.index.value, self._view
        size = lengths(v)
        winner = int(np.argmax(size))
        side = self.images.shape[1:]
        sweep = self._sweep(v, winner, dimension)
        decoded = pose_sweep(v, winner, dimension, [delta], self.weights)[0]
        view["image"].set_data(self.images[index])
        truth = "" if self.labels is None else f": a {self.labels[index]}"
        view["image_title"].set_text(f"Image {index}{truth}")
        view["decoded"].set_data(decoded.reshape(side))
        view["decoded_title"].set_text(f"Decoded, δ = {delta:+.2f}")
        for k, bar in enumerate(view["bars"]):
            bar.set_height(size[k])
            bar.set_color("#d62728" if k == winner else "#1f77b4")
        view["couplings"].set_data(couplings.T)
        view["couplings_title"].set_text(f"Couplings after {self.iterations.value} iteration(s)")
        for k, d in enumerate(SWEEP):
            view["sweep"][k].set_data(sweep[k].reshape(side))
            view["frames"][k].set_visible(bool(np.isclose(d, delta)))
        view["dimension"].set_text(f"dim {dimension}")
        view["title"].set_text(
            f"Capsule {winner} wins; bottom row: its pose dimension {dimension} swept from "
            f"{-MAX_DELTA:+.2f} to {MAX_DELTA:+.2f}"
        )
        share = float(couplings[:, winner].mean())
        return (
            f"After {self.iterations.value} routing iteration(s) capsule {winner} is longest ({size[winner]:.2f}); "
            f"on average the primary capsules send it {share:.0%} of their output (uniform: "
            f"{1 / self.n_classes:.0%}). Dimension {dimension} moved by {delta:+.2f}."
        )

    def static_states(self):
        """Routing iterations 1 to 3, then pose changes of two dimensions, then the next images."""
        states = [
            (
                f"image {self.index.value}, {self.iterations.value} iterations, dim {self.dimension.value} "
                f"δ {self.delta.value:+.2f}",
                None,
            )
        ]
        for r in (1, 2):
            states.append(
                (f"image {self.index.value}, {r} iteration(s)", lambda r=r: self._set(iterations=r))
            )
        states.append(
            (
                f"image {self.index.value}, 3 iterations",
                lambda: self._set(iterations=min(3, self.iterations.max)),
            )
        )
        for dim in range(min(2, self.dim)):
            for d in (-MAX_DELTA, MAX_DELTA):
                states.append(
                    (f"dim {dim}, δ {d:+.2f}", lambda dim=dim, d=d: self._set(dimension=dim, delta=d))
                )
        for index in range(1, min(4, len(self.images))):
            states.append((f"image {index}", lambda i=index: self._set(index=i, delta=0.0)))
        return "state", states

    def _set(self, **values) -> None:
        for name, value in values.items():
            getattr(self, name).value = value
