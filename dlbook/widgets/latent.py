"""LatentExplorer: walk through the 2-D latent space of a decoder (a VAE's, say) and see the images it produces.

The widget needs no trained model of its own: it takes a plain ``decoder`` callable that maps an ``(n, 2)`` array of
latent points to ``n`` square images, the latent codes of some data (e.g. the encoder's means for the test digits)
and their labels. The computation lives in pure NumPy functions: :func:`latent_grid` (an evenly spaced grid of latent
points), :func:`decode_images` (call a decoder and check what it returns), ``tile_images`` (a grid of images as one
picture, from :mod:`dlbook.plotting`), :func:`interpolate` (points on the segment between two codes) and :func:`latent_limits`.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as widgets
import numpy as np
from matplotlib import colormaps
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure

from dlbook.checks import check_number
from dlbook.plotting import tile_images
from dlbook.widgets.base import FigureWidget

MAX_GRID = 15  # the largest grid side the explorer offers (15 x 15 = 225 decodings)
_TAB10 = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)


# -- pure functions ---------------------------------------------------------------------------------------------------
def _as_pair(value, name: str) -> np.ndarray:
    pair = np.asarray(value, dtype=float)
    if pair.ndim == 0:
        pair = np.repeat(pair, 2)
    if pair.shape != (2,) or not np.isfinite(pair).all():
        raise ValueError(
            f"{name} must be a finite number or a pair of finite numbers (z1, z2), got {value!r}."
        )
    return pair


def latent_grid(lo, hi, n: int) -> np.ndarray:
    """``n * n`` evenly spaced points over the box ``[lo[0], hi[0]] x [lo[1], hi[1]]``, shape ``(n * n, 2)``.

    ``lo`` and ``hi`` are pairs ``(z1, z2)`` (a single number stands for both). The points come in the order an image
    is drawn, row by row from the top: the first ``n`` points have ``z2 = hi[1]`` and ``z1`` rising from ``lo[0]`` to
    ``hi[0]``; the last ``n`` have ``z2 = lo[1]``. Corners are included. ``n`` must be at least 2.
    """
    n = check_number("The grid size n", n, 2, integer=True)
    lo, hi = _as_pair(lo, "lo"), _as_pair(hi, "hi")
    if not (lo < hi).all():
        raise ValueError(
            f"The grid needs lo < hi in both coordinates, got lo = {lo.tolist()} and hi = {hi.tolist()}."
        )
    z1, z2 = np.meshgrid(np.linspace(lo[0], hi[0], n), np.linspace(hi[1], lo[1], n))
    return np.column_stack([z1.ravel(), z2.ravel()])


def interpolate(z_start, z_end, steps: int) -> np.ndarray:
    """``steps`` points evenly spaced on the segment from ``z_start`` to ``z_end`` (both included), shape
    ``(steps, d)``: point ``k`` is ``(1 - t) z_start + t z_end`` with ``t = k / (steps - 1)``."""
    steps = check_number("The number of steps", steps, 2, integer=True)
    z_start, z_end = np.asarray(z_start, dtype=float), np.asarray(z_end, dtype=float)
    if z_start.ndim != 1 or z_start.shape != z_end.shape or z_start.size < 1:
        raise ValueError(
            f"z_start and z_end must be two vectors of the same length, got shapes {z_start.shape} "
            f"and {z_end.shape}."
        )
    t = np.linspace(0.0, 1.0, steps)[:, np.newaxis]
    return (1 - t) * z_start + t * z_end


def decode_images(decoder: Callable, points) -> np.ndarray:
    """Decode latent ``points`` (shape ``(n, 2)``) with ``decoder`` and return ``n`` square images, ``(n, s, s)``.

    The decoder may return ``(n, s, s)``, ``(n, s, s, 1)`` (channels last, as Keras does) or flat ``(n, s * s)``
    images. Anything else (another number of images, images that are not square, NaN) raises a ``ValueError`` that
    says what came back, and so does an exception inside the decoder.
    """
    if not callable(decoder):
        raise ValueError(
            f"decoder must be a function of an (n, 2) array of latent points, got a {type(decoder).__name__}."
        )
    points = np.asarray(points, dtype=np.float32)
    if points.ndim != 2 or points.shape[1] != 2 or points.shape[0] < 1:
        raise ValueError(f"The latent points must have shape (n, 2), got shape {points.shape}.")
    try:
        out = decoder(points)
    except Exception as error:  # a learner's decoder may raise anything: report it in one line
        raise ValueError(
            f"The decoder raised {type(error).__name__} on {len(points)} points of shape (n, 2): {error}"
        ) from error
    if out is None:
        raise ValueError(
            "The decoder returned None: it should return the decoded images (is a `return` missing?)."
        )
    try:
        images = np.asarray(out, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(
            f"The decoder should return an array of images, but it returned {out!r:.60}."
        ) from None
    n = len(points)
    if images.ndim == 0 or images.shape[0] != n:
        raise ValueError(
            f"The decoder should return one image per latent point ({n}), but it returned an array of "
            f"shape {images.shape}."
        )
    if images.ndim == 4 and images.shape[-1] == 1:
        images = images[..., 0]
    if images.ndim == 2:
        side = int(round(np.sqrt(images.shape[1])))
        if side * side != images.shape[1]:
            raise ValueError(
                f"The decoder returned flat images of {images.shape[1]} values, which is not a square "
                f"number of pixels: return shape (n, s, s) or (n, s * s)."
            )
        images = images.reshape(n, side, side)
    if images.ndim != 3 or images.shape[1] != images.shape[2] or images.shape[1] < 1:
        raise ValueError(
            f"The decoder should return square images, shape (n, s, s), (n, s, s, 1) or (n, s * s); "
            f"it returned shape {np.shape(out)}."
        )
    if not np.isfinite(images).all():
        raise ValueError("The decoder returned NaN or infinite pixel values.")
    return images


def latent_limits(codes, margin: float = 0.1) -> tuple[np.ndarray, np.ndarray]:
    """The box ``(lo, hi)`` around 2-D ``codes``, widened on every side by ``margin`` times its width (a box of
    width 0 in a coordinate gets a half-width of 1 there)."""
    codes = np.asarray(codes, dtype=float)
    margin = check_number("The margin", margin, 0, 1)
    if codes.ndim != 2 or codes.shape[1] != 2 or len(codes) < 1:
        raise ValueError(
            f"The codes must have shape (n, 2), one latent point per row, got shape {codes.shape}."
        )
    lo, hi = codes.min(axis=0), codes.max(axis=0)
    pad = np.where(hi > lo, margin * (hi - lo), 1.0)
    return lo - pad, hi + pad


# -- the widget -------------------------------------------------------------------------------------------------------
class LatentExplorer(FigureWidget):
    """A 2-D latent space: the data's codes coloured by class, a movable point and what it decodes to, and a grid.

    ``decoder`` maps an ``(n, 2)`` array of latent points to ``n`` images (``(n, s, s)``, ``(n, s, s, 1)`` or
    ``(n, s * s)``), e.g. ``lambda z: vae_decoder.predict(z, verbose=0)``. ``codes`` (shape ``(n, 2)``) are the latent
    points of some data, e.g. the encoder's means for the test digits, and ``labels`` their classes (optional). The
    sliders range over the codes' box widened by ``margin``; ``z`` is the starting point (the codes' mean by default)
    and ``grid`` the side of the grid of decodings.
    """

    figsize = (9.6, 3.7)

    def __init__(self, decoder: Callable, codes, labels=None, z=None, grid: int = 8, margin: float = 0.1):
        codes = np.asarray(codes, dtype=float)
        if codes.ndim != 2 or codes.shape[1] != 2 or len(codes) < 1:
            raise ValueError(
                f"codes must have shape (n, 2), one 2-D latent point per example, got shape "
                f"{codes.shape}. (The explorer shows 2-D latent spaces only.)"
            )
        if not np.isfinite(codes).all():
            raise ValueError("codes contains NaN or infinite values.")
        if labels is not None:
            labels = np.asarray(labels).ravel()
            if labels.shape != (len(codes),):
                raise ValueError(f"labels must hold one label per code ({len(codes)}), got {labels.size}.")
        self.decoder, self.codes, self.labels = decoder, codes, labels
        self.lo, self.hi = latent_limits(codes, margin)
        z = codes.mean(axis=0) if z is None else _as_pair(z, "z")
        if not ((self.lo <= z) & (z <= self.hi)).all():
            raise ValueError(
                f"z = {z.tolist()} lies outside the sliders' range, z1 from {self.lo[0]:.3g} to "
                f"{self.hi[0]:.3g} and z2 from {self.lo[1]:.3g} to {self.hi[1]:.3g}."
            )
        grid = check_number("grid", grid, 2, MAX_GRID, integer=True)
        # a broken decoder fails here, clearly
        self.image_shape = decode_images(decoder, z[np.newaxis]).shape[1:]
        self._grids: dict[int, np.ndarray] = {}

        def slider(k):
            step = float((self.hi[k] - self.lo[k]) / 200)
            return widgets.FloatSlider(
                value=float(z[k]),
                min=float(self.lo[k]),
                max=float(self.hi[k]),
                step=step,
                description=f"z{'₁₂'[k]}",
                continuous_update=False,
                readout_format=".2f",
                layout=widgets.Layout(width="260px"),
                style={"description_width": "25px"},
            )

        self.z1, self.z2 = slider(0), slider(1)
        self.grid = widgets.IntSlider(
            value=grid,
            min=2,
            max=MAX_GRID,
            description="grid",
            continuous_update=False,
            layout=widgets.Layout(width="240px"),
            style={"description_width": "35px"},
        )
        super().__init__([self.z1, self.z2, self.grid])
        self.update()

    def point(self) -> np.ndarray:
        """The latent point the sliders select, shape ``(2,)``."""
        return np.array([self.z1.value, self.z2.value], dtype=float)

    def grid_images(self, n: int) -> np.ndarray:
        """The decodings of the ``n x n`` grid over the sliders' range as one picture (computed once per ``n``)."""
        if n not in self._grids:
            images = decode_images(self.decoder, latent_grid(self.lo, self.hi, n))
            self._grids[n] = tile_images(images, n, gap=1)
        return self._grids[n]

    def nearest(self, point) -> int:
        """The index of the code closest to ``point``."""
        return int(np.argmin(((self.codes - np.asarray(point, dtype=float)) ** 2).sum(axis=1)))

    def static_states(self):
        """The point at the mean code of a few classes in turn (or at a few codes), then a finer grid."""
        if self.labels is not None:
            classes = np.unique(self.labels)
            chosen = classes[np.linspace(0, len(classes) - 1, min(len(classes), 5)).round().astype(int)]
            targets = [(f"mean code of class {c}", self.codes[self.labels == c].mean(axis=0)) for c in chosen]
        else:
            targets = [(f"code {k}", self.codes[k]) for k in range(min(len(self.codes), 5))]
        states = [(f"z = ({self.z1.value:.2f}, {self.z2.value:.2f})", None)]
        for label, target in targets:
            states.append((f"z at the {label}", lambda t=target: self._move(t)))
        finer = MAX_GRID if self.grid.value < MAX_GRID else 4
        states.append((f"{finer}×{finer} grid", lambda: setattr(self.grid, "value", finer)))
        return "latent point", states

    def _move(self, target) -> None:
        self.z1.value = float(np.clip(target[0], self.z1.min, self.z1.max))
        self.z2.value = float(np.clip(target[1], self.z2.min, self.z2.max))

    def _scatter(self, figure: Figure, ax) -> None:
        if self.labels is None:
            ax.scatter(*self.codes.T, s=7, c="#7f7f7f", alpha=0.6, linewidths=0, label="codes")
            return
        classes, index = np.unique(self.labels, return_inverse=True)
        k = len(classes)
        colours = _TAB10[:k] if k <= len(_TAB10) else colormaps["viridis"](np.linspace(0, 1, k))
        cmap = ListedColormap(colours)
        norm = BoundaryNorm(np.arange(k + 1) - 0.5, k)
        dots = ax.scatter(*self.codes.T, c=index, cmap=cmap, norm=norm, s=8, alpha=0.75, linewidths=0)
        bar = figure.colorbar(dots, ax=ax, pad=0.02, fraction=0.06, ticks=np.arange(k) if k <= 20 else None)
        if k <= 20:
            bar.set_ticklabels([str(c) for c in classes])
        bar.set_label("class")

    def _decoded(self):
        z, n = self.point(), int(self.grid.value)
        if not 2 <= n <= MAX_GRID:
            raise ValueError(f"The grid size must be a whole number from 2 to {MAX_GRID}, got {n}.")
        image = decode_images(self.decoder, z[np.newaxis])[0]
        mosaic = self.grid_images(n)
        low = min(0.0, float(np.nanmin(mosaic)), float(image.min()))
        high = max(1.0, float(np.nanmax(mosaic)), float(image.max()))
        return z, n, image, mosaic, low, high

    def _status(self, z: np.ndarray, n: int) -> str:
        k = self.nearest(z)
        distance = float(np.linalg.norm(self.codes[k] - z))
        nearest = f"code {k}" if self.labels is None else f"a {html.escape(str(self.labels[k]))} (code {k})"
        return (
            f"z = ({z[0]:.2f}, {z[1]:.2f}) &nbsp;·&nbsp; nearest code: {nearest}, at distance {distance:.2f} "
            f"&nbsp;·&nbsp; grid {n}×{n} over z₁ ∈ [{self.lo[0]:.2f}, {self.hi[0]:.2f}], "
            f"z₂ ∈ [{self.lo[1]:.2f}, {self.hi[1]:.2f}]"
        )

    def _grid_extent(self, n: int) -> tuple[float, float, float, float]:
        """The grid panel's box: each decoding is drawn centred on its grid point, with a 1-pixel gap."""
        side = self.image_shape[1]
        half = (self.hi - self.lo) / (n - 1) * side / (side + 1) / 2
        return self.lo[0] - half[0], self.hi[0] + half[0], self.lo[1] - half[1], self.hi[1] + half[1]

    def refresh(self, figure: Figure) -> str | None:
        """Any change moves the markers, decodes one image, and swaps the grid's picture, box and grey scale."""
        z, n, image, mosaic, low, high = self._decoded()
        view = self._view
        for marker in view["markers"]:
            marker.set_data([z[0]], [z[1]])
        view["image"].set_data(image)
        view["image"].axes.title.set_text(f"decoded at z =\n({z[0]:.2f}, {z[1]:.2f})")
        if n != view["n"]:
            extent = self._grid_extent(n)
            view["grid"].set_data(mosaic)
            view["grid"].set_extent(extent)
            ax_grid = view["grid"].axes
            ax_grid.set_xlim(extent[:2])
            ax_grid.set_ylim(extent[2:])
            ax_grid.title.set_text(f"Decodings on a {n}×{n} grid")
            view["n"] = n
        for picture in (view["image"], view["grid"]):
            picture.set_clim(low, high)
        return self._status(z, n)

    def draw(self, figure: Figure) -> str:
        z, n, image, mosaic, low, high = self._decoded()
        ax_codes, ax_image, ax_grid = figure.subplots(1, 3, width_ratios=[1.25, 0.7, 1.0])
        self._scatter(figure, ax_codes)
        extent = self._grid_extent(n)
        cmap = colormaps["gray_r"].with_extremes(bad="#c8c8c8")
        grid = ax_grid.imshow(
            mosaic, cmap=cmap, vmin=low, vmax=high, interpolation="nearest", aspect="auto", extent=extent
        )
        markers = [
            ax.plot(
                *z,
                marker="X",
                ms=13,
                color="black",
                markeredgecolor="white",
                markeredgewidth=1.5,
                linestyle="none",
                label="current z",
            )[0]
            for ax in (ax_codes, ax_grid)
        ]
        ax_codes.set(
            xlim=(self.lo[0], self.hi[0]), ylim=(self.lo[1], self.hi[1]), title="Codes of the data, by class"
        )
        ax_grid.set(xlim=extent[:2], ylim=extent[2:], title=f"Decodings on a {n}×{n} grid")
        for ax in (ax_codes, ax_grid):
            ax.set_xlabel("$z_1$")
            ax.set_ylabel("$z_2$")
            ax.title.set_fontsize("medium")
        ax_codes.legend(loc="upper right", fontsize="small", framealpha=0.85)
        decoded = ax_image.imshow(image, cmap="gray_r", vmin=low, vmax=high, interpolation="nearest")
        ax_image.set_title(f"decoded at z =\n({z[0]:.2f}, {z[1]:.2f})", fontsize="medium")
        ax_image.set_xticks([])
        ax_image.set_yticks([])
        self._view = {"n": n, "markers": markers, "image": decoded, "grid": grid}
        # a refresh draws these again over a picture of the rest (each panel's frame over its picture and marker);
        # the grid panel's box changes with n, so its axes (ticks, labels) are drawn again too
        self.animate(
            *markers,
            decoded,
            grid,
            ax_codes.get_legend(),
            ax_image.title,
            ax_grid.title,
            ax_grid.xaxis,
            ax_grid.yaxis,
            *(spine for ax in (ax_codes, ax_image, ax_grid) for spine in ax.spines.values()),
        )
        return self._status(z, n)
