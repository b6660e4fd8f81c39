"""GibbsSampler: step a Gibbs chain of a trained binary RBM and watch what it draws.

The widget takes the RBM's weights (precomputed: nothing trains here) and some test images. A chain starts from
uniform noise or from a test image and alternates ``h ~ p(h | v)`` and ``v ~ p(v | h)``; the figure shows the
visible probabilities ``p(v = 1 | h)`` at evenly spaced steps of the chain, the hidden units' probabilities at the
last step shown, and each hidden unit's filter (its column of ``W``) ordered by how active it is. The computation is
:func:`dlbook.rbm.gibbs_chain`; :func:`snapshot_steps` chooses the steps shown.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from dlbook.checks import check_number
from dlbook.plotting import tile_images
from dlbook.rbm import gibbs_chain, sample
from dlbook.widgets.base import FigureWidget, int_slider

MAX_STEPS = 1000  # the longest chain the slider offers
N_SHOWN = 8  # snapshots of the chain in the top row
MAX_CHAINS = (
    32  # chains the widget keeps (one per start and seed), to go back to one without computing it again
)
STARTS = ("noise", "test image")


def snapshot_steps(steps: int, shown: int = N_SHOWN) -> np.ndarray:
    """``shown`` distinct steps from 0 to ``steps`` (both included), roughly evenly spaced on a square-root scale
    (early steps change the picture most); fewer when the chain is shorter than ``shown - 1`` steps."""
    steps = check_number("The number of steps", steps, 0, integer=True)
    shown = check_number("The number of snapshots", shown, 1, integer=True)
    points = np.unique(np.round(np.linspace(0.0, np.sqrt(steps), shown) ** 2).astype(int))
    return points


def _unit_labels(ax, m: int) -> list:
    """Texts where the tick labels of bars 0 .. m - 1 are (numbers that :meth:`GibbsSampler.refresh` changes without
    drawing the axis again); the tick labels themselves are kept, transparent, so that the layout leaves them room."""
    ax.set_xticks(np.arange(m), [str(j) for j in range(m)], fontsize="x-small")
    ax.tick_params(axis="x", labelcolor="none")
    place = ax.xaxis.get_major_ticks()[0].label1.get_transform()  # below the axis, past the tick marks
    return [ax.text(j, 0, "", transform=place, ha="center", va="top", fontsize="x-small") for j in range(m)]


def start_state(start: str, images: np.ndarray, index: int, rng: np.random.Generator) -> np.ndarray:
    """The chain's first visible state: uniform binary noise, or test image ``index`` binarised at 0.5."""
    if start == "noise":
        return sample(np.full((1, images.shape[1]), 0.5), rng)
    if start == "test image":
        return (images[index : index + 1] > 0.5).astype(float)
    raise ValueError(f"The chain starts from {' or '.join(repr(s) for s in STARTS)}, not {start!r}.")


class GibbsSampler(FigureWidget):
    """Run a block Gibbs chain of a binary RBM from noise or from a test image.

    ``W`` (d, m), ``b`` (d,) and ``c`` (m,) are the RBM's weights and biases, with ``d`` a square number of pixels;
    ``images`` (n, d) are the test images a chain may start from. ``steps`` is the chain's length and ``seed`` the
    random seed of its samples.
    """

    figsize = (9.6, 5.0)

    def __init__(self, W, b, c, images, steps: int = 50, start: str = "noise", index: int = 0, seed: int = 0):
        self.W, self.b, self.c = (np.asarray(a, dtype=float) for a in (W, b, c))
        d, m = self.W.shape if self.W.ndim == 2 else (0, 0)
        if self.W.ndim != 2 or self.b.shape != (d,) or self.c.shape != (m,):
            raise ValueError(
                f"W must have shape (d, m), b shape (d,) and c shape (m,); got {self.W.shape}, "
                f"{self.b.shape} and {self.c.shape}."
            )
        self.side = int(round(np.sqrt(d)))
        if self.side * self.side != d:
            raise ValueError(
                f"The RBM has {d} visible units, not a square number of pixels: it cannot show images."
            )
        self.images = np.asarray(images, dtype=float).reshape(len(images), -1)
        if self.images.shape[1] != d or len(self.images) < 1:
            raise ValueError(
                f"images must be test images of {d} pixels, shape (n, {d}); got {np.shape(images)}."
            )
        self.start = widgets.Dropdown(options=STARTS, value=start, description="start from")
        self.index = int_slider("index", index, 0, len(self.images) - 1, "test image")
        self.steps = int_slider("steps", steps, 1, MAX_STEPS, "Gibbs steps")
        self.seed = int_slider("seed", seed, 0, 99, "seed")
        self._chains: dict = {}
        super().__init__([self.start, self.index, self.steps, self.seed])
        self.update()

    def chain(self):
        """``(v_samples, v_means, h_means)`` of the chain the controls select (see ``gibbs_chain``).

        Each chain (a start and a seed) is computed once and extended when more steps are asked for: its random
        generator is kept, so its first steps are those a shorter chain took.
        """
        start, seed = self.start.value, self.seed.value
        key = (start, self.index.value if start == "test image" else None, seed)
        if key not in self._chains:
            rng = np.random.default_rng(seed)
            v0 = start_state(start, self.images, self.index.value, rng)
            self._chains[key] = (rng, gibbs_chain(v0, self.W, self.b, self.c, 0, rng))
            if len(self._chains) > MAX_CHAINS:
                del self._chains[next(iter(self._chains))]
        rng, arrays = self._chains[key]
        more = self.steps.value + 1 - len(arrays[0])
        if more > 0:
            extension = gibbs_chain(arrays[0][-1], self.W, self.b, self.c, more, rng)
            arrays = tuple(np.concatenate([a, e[1:]]) for a, e in zip(arrays, extension, strict=True))
            self._chains[key] = (rng, arrays)
        return tuple(a[: self.steps.value + 1] for a in arrays)

    def _filters(self, order: np.ndarray) -> np.ndarray:
        """The hidden units' filters (columns of ``W``) in ``order``, tiled in a square."""
        m = len(order)
        rows = int(np.ceil(np.sqrt(m)))
        cols = int(np.ceil(m / rows))
        filters = np.full((rows * cols, self.side, self.side), np.nan)
        filters[:m] = self.W[:, order].T.reshape(m, self.side, self.side)
        return tile_images(filters, rows, gap=1)

    def _state(self):
        if self.steps.value < 1:
            raise ValueError("A chain needs at least 1 Gibbs step.")
        _, v_means, h_means = self.chain()
        return snapshot_steps(self.steps.value), v_means, h_means[-1, 0]

    def refresh(self, figure: Figure) -> str | None:
        """A chain with as many snapshots: set the pictures, the bars, their labels and the titles."""
        shown, v_means, last = self._state()
        if len(shown) != len(self._view["snapshots"]):
            return None
        return self._show(shown, v_means, last)

    def _show(self, shown, v_means, last) -> str:
        """Set the artists that change with the controls (kept by ``draw``); returns the status line."""
        view = self._view
        for picture, step in zip(view["snapshots"], shown, strict=True):
            picture.set_data(v_means[step, 0].reshape(self.side, self.side))
            picture.axes.title.set_text(f"step {step}")
        order = np.argsort(-last)
        for bar, value in zip(view["bars"], last[order], strict=True):
            bar.set_height(value)
        for label, j in zip(view["units"], order, strict=True):
            label.set_text(str(j))
        view["bars"][0].axes.title.set_text(f"Hidden units after step {self.steps.value}")
        view["filters"].set_data(self._filters(order))
        start = "uniform noise" if self.start.value == "noise" else f"test image {self.index.value}"
        view["title"].set_text(f"A Gibbs chain of the RBM from {start}")
        return (
            f"{self.steps.value} Gibbs steps from {start} (seed {self.seed.value}); "
            f"{int((last > 0.5).sum())} of {len(last)} hidden units are more likely on than off at the end."
        )

    def draw(self, figure: Figure) -> str:
        shown, v_means, last = self._state()
        grid = figure.add_gridspec(2, len(shown), height_ratios=[1, 1.5])
        snapshots = []
        for k in range(len(shown)):
            ax = figure.add_subplot(grid[0, k])
            snapshots.append(ax.imshow(np.zeros((self.side, self.side)), cmap="gray_r", vmin=0, vmax=1))
            ax.set(xticks=[], yticks=[])
        figure.axes[0].set_ylabel("p(v = 1 | h)")
        ax_bar = figure.add_subplot(grid[1, : len(shown) // 2])
        bars = ax_bar.bar(np.arange(len(last)), np.zeros(len(last)), color="#1f77b4")
        ax_bar.set(ylim=(0, 1), xlabel="hidden unit (most active first)", ylabel="p(h = 1 | v)")
        units = _unit_labels(ax_bar, len(last))
        ax_filters = figure.add_subplot(grid[1, len(shown) // 2 :])
        limit = float(np.abs(self.W).max()) or 1.0
        filters = ax_filters.imshow(
            self._filters(np.arange(len(last))), cmap="RdBu_r", vmin=-limit, vmax=limit
        )
        ax_filters.set(xticks=[], yticks=[], title="Filters (columns of W), same order")
        figure.colorbar(filters, ax=ax_filters, shrink=0.8, label="weight")
        self._view = {
            "snapshots": snapshots,
            "bars": list(bars),
            "units": units,
            "filters": filters,
            "title": figure.suptitle(" "),
        }
        # a refresh draws these again (each picture before its frame) over a picture of the rest
        for picture in (*snapshots, filters):
            self.animate(picture, *picture.axes.spines.values())
        self.animate(
            *(picture.axes.title for picture in snapshots),
            *bars,
            *units,
            *ax_bar.spines.values(),
            ax_bar.title,
            self._view["title"],
        )
        return self._show(shown, v_means, last)

    def static_states(self):
        """Longer chains from noise, then a chain from a test image."""
        states = [(f"{self.steps.value} steps from {self.start.value}", None)]
        for steps in (1, 10, 200, MAX_STEPS):
            if steps != self.steps.value:
                states.append(
                    (f"{steps} steps from noise", lambda s=steps: self._set(steps=s, start="noise"))
                )
        states.append(
            ("200 steps from test image 0", lambda: self._set(steps=200, start="test image", index=0))
        )
        return "chain", states

    def _set(self, **values) -> None:
        for name, value in values.items():
            getattr(self, name).value = value
