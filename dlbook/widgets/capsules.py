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
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from dlbook.capsules import decode, dynamic_routing, lengths, masked
from dlbook.checks import check_number
from dlbook.widgets.base import FigureWidget

MAX_DELTA = 0.25  # the paper's range of a pose perturbation
SWEEP = np.round(np.linspace(-MAX_DELTA, MAX_DELTA, 11), 2)  # the row of reconstructions (the paper's Figure 4)


def perturb(v, capsule: int, dimension: int, delta: float) -> np.ndarray:
    """A copy of the capsules ``v`` (n_out, d) with ``delta`` added to dimension ``dimension`` of capsule ``capsule``."""
    v = np.array(v, dtype=float)
    if not (0 <= capsule < v.shape[0] and 0 <= dimension < v.shape[1]):
        raise ValueError(f"There is no dimension {dimension} of capsule {capsule}: the capsules have shape {v.shape}.")
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

    def __init__(self, u_hat, decoder_weights, images, labels=None, iterations: int = 3, max_iterations: int = 6,
                 index: int = 0, dimension: int = 0, delta: float = 0.0):
        self.u_hat = np.asarray(u_hat, dtype=float)
        if self.u_hat.ndim != 4:
            raise ValueError(f"u_hat must have shape (n, n_in, n_classes, d), not {self.u_hat.shape}.")
        n, _, self.n_classes, self.dim = self.u_hat.shape
        images = np.asarray(images, dtype=float)
        self.images = images[..., 0] if images.ndim == 4 else images
        if self.images.ndim != 3 or len(self.images) != n:
            raise ValueError(f"images must be the {n} images u_hat was computed from, shape ({n}, h, w); "
                             f"got {images.shape}.")
        self.weights = [np.asarray(w, dtype=float) for w in decoder_weights]
        pixels = self.images.shape[1] * self.images.shape[2]
        if (len(self.weights) < 2 or len(self.weights) % 2 or self.weights[0].shape[0] != self.n_classes * self.dim
                or self.weights[-1].shape != (pixels,)):
            raise ValueError(f"decoder_weights must be [W1, b1, ..., Wk, bk] mapping {self.n_classes * self.dim} "
                             f"masked capsule values to {pixels} pixels.")
        self.labels = None if labels is None else np.asarray(labels).astype(int)
        max_iterations = check_number("max_iterations", max_iterations, 1, 20, integer=True)
        self.index = widgets.IntSlider(value=check_number("index", index, 0, n - 1, integer=True), min=0, max=n - 1,
                                       description="test image", continuous_update=False)
        self.iterations = widgets.IntSlider(value=check_number("iterations", iterations, 1, max_iterations,
                                                               integer=True),
                                            min=1, max=max_iterations, description="routing iterations",
                                            continuous_update=False)
        self.dimension = widgets.IntSlider(value=check_number("dimension", dimension, 0, self.dim - 1, integer=True),
                                           min=0, max=self.dim - 1, description="pose dimension",
                                           continuous_update=False)
        self.delta = widgets.FloatSlider(value=check_number("delta", delta, -MAX_DELTA, MAX_DELTA), min=-MAX_DELTA,
                                         max=MAX_DELTA, step=0.05, description="change δ", continuous_update=False,
                                         readout_format="+.2f")
        super().__init__([self.index, self.iterations, self.dimension, self.delta])
        self.update()

    def route(self):
        """``(v, couplings)`` for the chosen image: its digit capsules (n_classes, d) after the chosen number of
        iterations, and the coupling coefficients (n_in, n_classes) that produced them."""
        v, couplings, _ = dynamic_routing(self.u_hat[self.index.value][None], self.iterations.value, trace=True)
        return v[0], couplings[-1, 0]

    def draw(self, figure: Figure) -> str:
        delta = check_number("The pose change δ", self.delta.value, -MAX_DELTA, MAX_DELTA)
        v, couplings = self.route()
        size = lengths(v)
        winner = int(np.argmax(size))
        side = self.images.shape[1:]
        sweep = pose_sweep(v, winner, self.dimension.value, list(SWEEP) + [delta], self.weights)
        outer = figure.add_gridspec(2, 1, height_ratios=[2.3, 1])
        top = outer[0].subgridspec(1, 4, width_ratios=[1, 1, 1.6, 2.2], wspace=0.15)
        bottom = outer[1].subgridspec(1, len(SWEEP), wspace=0.05)
        ax_in = figure.add_subplot(top[0])
        ax_in.imshow(self.images[self.index.value], cmap="gray_r", vmin=0, vmax=1)
        truth = "" if self.labels is None else f": a {self.labels[self.index.value]}"
        ax_in.set_title(f"Image {self.index.value}{truth}", fontsize="small")
        ax_in.set(xticks=[], yticks=[])
        ax_out = figure.add_subplot(top[1])
        decoded = ax_out.imshow(sweep[-1].reshape(side), cmap="gray_r", vmin=0, vmax=1)
        ax_out.set_title(f"Decoded, δ = {delta:+.2f}", fontsize="small")
        ax_out.set(xticks=[], yticks=[])
        ax_len = figure.add_subplot(top[2])
        colours = ["#d62728" if k == winner else "#1f77b4" for k in range(self.n_classes)]
        ax_len.bar(np.arange(self.n_classes), size, color=colours, label="capsule length")
        ax_len.axhline(0.5, color="k", ls=":", lw=1, label="0.5")
        ax_len.set(ylim=(0, 1), xticks=np.arange(self.n_classes), title="Digit capsules' lengths",
                   xlabel="class", ylabel="|v|")
        ax_len.legend(fontsize="x-small", loc="upper left")
        ax_c = figure.add_subplot(top[3])
        top_coupling = max(0.2, float(couplings.max()))  # a colour scale that shows routing's small changes
        picture = ax_c.imshow(couplings.T, aspect="auto", cmap="viridis", vmin=0, vmax=top_coupling,
                              interpolation="nearest")
        ax_c.set(title=f"Couplings after {self.iterations.value} iteration(s)", xlabel="primary capsule i",
                 ylabel="digit capsule j", yticks=np.arange(self.n_classes))
        figure.colorbar(picture, ax=ax_c, shrink=0.9, label="c_ij")
        frames = []
        for k, d in enumerate(SWEEP):
            ax = figure.add_subplot(bottom[k])
            ax.imshow(sweep[k].reshape(side), cmap="gray_r", vmin=0, vmax=1)
            ax.set(xticks=[], yticks=[])
            ax.set_xlabel(f"{d:+.2f}", fontsize="x-small")
            if k == 0:
                ax.set_ylabel(f"dim {self.dimension.value}", fontsize="small")
            frames.append(ax.add_patch(Rectangle((0, 0), 1, 1, transform=ax.transAxes, fill=False, clip_on=False,
                                                 edgecolor="#d62728", linewidth=3, visible=bool(np.isclose(d, delta)))))
        figure.suptitle(f"Capsule {winner} wins; bottom row: its pose dimension {self.dimension.value} swept "
                        f"from {-MAX_DELTA:+.2f} to {MAX_DELTA:+.2f}", fontsize="medium")
        self.animate(decoded, ax_out.title, *frames)
        self._view = {"key": self._key(), "v": v, "winner": winner, "size": size, "couplings": couplings,
                      "decoded": decoded, "frames": frames}
        return self._status(delta)

    def _key(self):
        return self.index.value, self.iterations.value, self.dimension.value

    def _status(self, delta: float) -> str:
        view = self._view
        winner, size = view["winner"], view["size"]
        share = float(view["couplings"][:, winner].mean())
        return (f"After {self.iterations.value} routing iteration(s) capsule {winner} is longest ({size[winner]:.2f}); "
                f"on average the primary capsules send it {share:.0%} of their output (uniform: "
                f"{1 / self.n_classes:.0%}). Dimension {self.dimension.value} moved by {delta:+.2f}.")

    def refresh(self, figure: Figure) -> str | None:
        """A new δ for the same image, routing and dimension: decode one image and move the frame."""
        view = getattr(self, "_view", None)
        if view is None or view["key"] != self._key():
            return None
        delta = check_number("The pose change δ", self.delta.value, -MAX_DELTA, MAX_DELTA)
        image = pose_sweep(view["v"], view["winner"], self.dimension.value, [delta], self.weights)[0]
        view["decoded"].set_data(image.reshape(self.images.shape[1:]))
        view["decoded"].axes.set_title(f"Decoded, δ = {delta:+.2f}", fontsize="small")
        for frame, d in zip(view["frames"], SWEEP, strict=True):
            frame.set_visible(bool(np.isclose(d, delta)))
        return self._status(delta)

    def static_states(self):
        """Routing iterations 1 to 3, then pose changes of two dimensions, then the next images."""
        states = [(f"image {self.index.value}, {self.iterations.value} iterations, dim {self.dimension.value} "
                   f"δ {self.delta.value:+.2f}", None)]
        for r in (1, 2):
            states.append((f"image {self.index.value}, {r} iteration(s)", lambda r=r: self._set(iterations=r)))
        states.append((f"image {self.index.value}, 3 iterations", lambda: self._set(iterations=min(3, self.iterations.max))))
        for dim in range(min(2, self.dim)):
            for d in (-MAX_DELTA, MAX_DELTA):
                states.append((f"dim {dim}, δ {d:+.2f}", lambda dim=dim, d=d: self._set(dimension=dim, delta=d)))
        for index in range(1, min(4, len(self.images))):
            states.append((f"image {index}", lambda i=index: self._set(index=i, delta=0.0)))
        return "state", states

    def _set(self, **values) -> None:
        for name, value in values.items():
            getattr(self, name).value = value
