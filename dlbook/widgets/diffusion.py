"""NoiseScheduleExplorer and ReverseProcessViewer: how a diffusion model destroys data, and how it makes new data.

The maths (schedules, the forward process, ancestral sampling) lives in :mod:`dlbook.diffusion`; the widgets count
steps as it does, from :math:`t = 0` (the data) to :math:`t = T` (noise).
"""

from __future__ import annotations

import math

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from dlbook.checks import check_choice, check_number
from dlbook.diffusion import MAX_T, SCHEDULES, alphas_cumprod, beta_schedule, nearest_distance, snr
from dlbook.plotting import tile_images
from dlbook.widgets.base import FigureWidget

SCHEDULE_COLORS = {"linear": "#1f77b4", "cosine": "#d62728"}


def image_grid(images, columns: int = 8, gap: int = 1, fill: float = -1.0) -> np.ndarray:
    """Tile images ``(n, H, W)`` or ``(n, H, W, 1)`` into one 2-D array, ``columns`` per row, ``gap`` pixels apart.

    Gaps and empty cells hold ``fill``: -1 is white in the chapter's pictures (colour map ``gray_r`` from -1 to 1).
    The last row is completed with blank images and laid out by :func:`dlbook.plotting.tile_images`.
    """
    images = np.asarray(images, dtype=float)
    if images.ndim == 4 and images.shape[-1] == 1:
        images = images[..., 0]
    if images.ndim != 3 or len(images) == 0:
        raise ValueError(
            f"images must have shape (n, height, width) or (n, height, width, 1), got {images.shape}."
        )
    columns = min(check_number("columns", columns, 1, integer=True), len(images))
    rows = -(-len(images) // columns)
    # the empty cells of the last row
    blanks = np.full((rows * columns - len(images), *images.shape[1:]), fill)
    return tile_images(np.concatenate([images, blanks]), rows, gap=gap, fill=fill)


# -- the widgets ------------------------------------------------------------------------------------------------------
def _as_data(data, what: str = "data") -> tuple[np.ndarray, bool]:
    """Points ``(n, 2)`` or images ``(n, H, W)`` (a trailing channel of 1 is dropped); returns (array, is_points)."""
    data = np.asarray(data, dtype=float)
    if data.ndim == 4 and data.shape[-1] == 1:
        data = data[..., 0]
    if not ((data.ndim == 2 and data.shape[1] == 2) or data.ndim == 3) or len(data) == 0:
        raise ValueError(
            f"The {what} must be 2-D points, shape (n, 2), or images, shape (n, height, width) or "
            f"(n, height, width, 1), with n >= 1; got shape {data.shape}."
        )
    if not np.isfinite(data).all():
        raise ValueError(f"The {what} contain NaN or infinite values.")
    return data, data.ndim == 2


def _draw_points(ax, limit: float, color: str, reference=None):
    """Axes for 2-D points over the ``reference`` points (grey); returns the collection of the points shown, empty
    (:func:`_show_points` fills it)."""
    if reference is not None:
        ax.scatter(reference[:, 0], reference[:, 1], s=4, c="#bbbbbb", label="data ($x_0$)", zorder=1)
    shown = ax.scatter([], [], s=6, c=color, alpha=0.7, zorder=2)
    ax.set(xlim=(-limit, limit), ylim=(-limit, limit), aspect="equal", xlabel="$x_1$", ylabel="$x_2$")
    return shown


def _show_points(shown, points, label: str):
    """Show ``points`` in the collection ``shown``, labelled ``label``; returns the axes' legend, made anew."""
    shown.set_offsets(points)
    shown.set_label(label)
    return shown.axes.legend(loc="upper right", fontsize="small", markerscale=2.5, framealpha=0.9)


def _draw_images(ax, columns: int, count: int, shape):
    """Axes for ``count`` images of ``shape`` tiled ``columns`` per row, with a colour bar; returns the picture,
    blank until its data are set."""
    shown = ax.imshow(
        image_grid(np.zeros((count, *shape)), columns),
        cmap="gray_r",
        vmin=-1,
        vmax=1,
        interpolation="nearest",
    )
    ax.set_xticks([])
    ax.set_yticks([])
    ax.figure.colorbar(shown, ax=ax, shrink=0.8, label="pixel value (clipped to [-1, 1])")
    return shown


class NoiseScheduleExplorer(FigureWidget):
    """A step slider and a schedule menu: the data noised to step t, and the SNR of both schedules with t marked.

    ``data`` are 2-D points ``(n, 2)`` or images ``(n, H, W[, 1])`` scaled to about [-1, 1]; the noise is drawn once
    (``seed``), so moving the slider shows the same points or images sinking into the same noise.
    """

    figsize = (10.0, 4.2)

    def __init__(
        self,
        data,
        T: int = 200,
        t: int = 20,
        schedule: str = "linear",
        seed: int = 0,
        max_points: int = 1000,
        max_images: int = 16,
    ):
        data, self.is_points = _as_data(data)
        T = check_number("T, the number of diffusion steps", T, 2, MAX_T, integer=True)
        check_number("t", t, 0, T, integer=True)
        check_choice("schedule", schedule, SCHEDULES)
        check_number("seed", seed, 0, integer=True)
        limit = check_number(
            "max_points" if self.is_points else "max_images",
            max_points if self.is_points else max_images,
            1,
            integer=True,
        )
        self.data = data[:limit]
        self.noise = np.random.default_rng(seed).standard_normal(self.data.shape)
        self.T = T
        # abar for steps 0..T: abar_0 = 1 (the data themselves)
        self.alphas_cumprod = {
            name: np.concatenate([[1.0], alphas_cumprod(beta_schedule(name, T))]) for name in SCHEDULES
        }
        self.t = widgets.IntSlider(
            value=t,
            min=0,
            max=T,
            description="step t",
            continuous_update=False,
            layout=widgets.Layout(width="420px"),
        )
        self.schedule = widgets.Dropdown(options=SCHEDULES, value=schedule, description="schedule")
        super().__init__([self.t, self.schedule])
        self.update()

    def noised(self, t: int | None = None, schedule: str | None = None) -> np.ndarray:
        """The data at step t of the chosen schedule: ``sqrt(abar_t) x_0 + sqrt(1 - abar_t) eps``."""
        t = self.t.value if t is None else t
        name = self.schedule.value if schedule is None else schedule
        check_choice("schedule", name, SCHEDULES)
        if not 0 <= t <= self.T:
            raise ValueError(f"There is no step {t}: choose t from 0 (the data) to T = {self.T} (noise).")
        a = self.alphas_cumprod[name][t]
        return np.sqrt(a) * self.data + np.sqrt(1 - a) * self.noise

    def static_states(self):
        """The step shown, then steps spread over the whole chain, in order."""
        shown = self.t.value
        others = [
            s for s in dict.fromkeys(int(round(f * self.T)) for f in (0.1, 0.25, 0.5, 0.75, 1.0)) if s > shown
        ]
        return "step", [
            (f"t = {shown}", None),
            *((f"t = {s}", lambda s=s: setattr(self.t, "value", s)) for s in others),
        ]

    def _title(self, t: int, name: str) -> str:
        a = self.alphas_cumprod[name][t]
        ratio = "∞" if a == 1 else f"{a / (1 - a):.3g}"
        return f"{name} schedule, t = {t}: " + r"$\bar\alpha_t$" + f" = {a:.3f}, SNR = {ratio}"

    def _status(self, t: int, name: str) -> str:
        a = self.alphas_cumprod[name][t]
        ratio = "∞" if a == 1 else f"{a / (1 - a):.3g}"
        return (
            f"{name} schedule, step t = {t} of {self.T} &nbsp;·&nbsp; x<sub>t</sub> = {math.sqrt(a):.3f} x<sub>0</sub> "
            f"+ {math.sqrt(1 - a):.3f} ε &nbsp;·&nbsp; SNR = {ratio}"
        )

    def refresh(self, figure: Figure) -> str | None:
        """Any step or schedule: the points (or images), the SNR curves' emphasis and the marker change."""
        return self._show(self.t.value, self.schedule.value)

    def _show(self, t: int, name: str) -> str:
        """Set the artists that change with the controls (kept by ``draw``); returns the status line."""
        view = self._view
        x_t = self.noised(t, name)
        colour = SCHEDULE_COLORS[name]
        if self.is_points:
            view["data"].set_color(colour)
            self.animate(_show_points(view["data"], x_t, f"$x_t$, t = {t}"))
        else:
            view["data"].set_data(image_grid(x_t, math.ceil(math.sqrt(len(x_t)))))
        view["data"].axes.set_title(self._title(t, name), fontsize="medium")
        for other, line in view["snr"].items():
            line.set(linewidth=2.5 if other == name else 1.5, alpha=1 if other == name else 0.6)
        a = self.alphas_cumprod[name][t]
        # at t = 0 the SNR is infinite: no marker, and no legend entry
        view["marker"].set_data(*(([t], [a / (1 - a)]) if t > 0 else ([], [])))
        view["marker"].set(color=colour, label=f"t = {t} ({name})" if t > 0 else "_t = 0")
        self.animate(view["marker"].axes.legend(loc="upper right", fontsize="small", framealpha=0.9))
        return self._status(t, name)

    def draw(self, figure: Figure) -> str:
        t, name = self.t.value, self.schedule.value
        self.noised(t, name)  # an impossible step raises before anything is drawn
        ax_data, ax_snr = figure.subplots(1, 2, width_ratios=[1, 1.25])
        if self.is_points:
            data = _draw_points(ax_data, 3.5, SCHEDULE_COLORS[name], reference=self.data)
        else:
            data = _draw_images(
                ax_data, math.ceil(math.sqrt(len(self.data))), len(self.data), self.data.shape[1:]
            )
        steps = np.arange(1, self.T + 1)
        snr_lines = {
            other: ax_snr.semilogy(
                steps, snr(self.alphas_cumprod[other][1:]), color=SCHEDULE_COLORS[other], label=f"{other}"
            )[0]
            for other in SCHEDULES
        }
        (marker,) = ax_snr.plot([], [], "o", ms=9, markeredgecolor="black")
        one = ax_snr.axhline(1, color="gray", lw=0.8, ls=":", label="SNR = 1")
        ax_snr.set_xlabel("step t")
        ax_snr.set_ylabel(r"SNR$_t = \bar\alpha_t / (1 - \bar\alpha_t)$ (log scale)")
        ax_snr.set_title(f"Signal-to-noise ratio of the two schedules, T = {self.T}", fontsize="medium")
        ax_snr.grid(alpha=0.3, which="both")
        self._view = {"data": data, "snr": snr_lines, "marker": marker}
        # a refresh draws these again, over a picture of the rest (the legends too: _show makes them anew)
        self.animate(
            data,
            *ax_data.spines.values(),
            ax_data.title,
            *snr_lines.values(),
            marker,
            one,
            *ax_snr.spines.values(),
        )
        return self._show(t, name)


class ReverseProcessViewer(FigureWidget):
    """Scrub through a recorded sampling chain, from pure noise (t = T) to the samples (t = 0).

    ``chain`` has shape ``(k, n, 2)`` (points) or ``(k, n, H, W[, 1])`` (images) and holds the states at the ``k``
    ``steps``, which must decrease strictly (as :func:`ddpm_sample` returns them). With 2-D points, ``data`` (an
    ``(m, 2)`` array of real points) is drawn in grey behind them, and the mean distance of the points to the nearest
    data point is plotted along the chain.
    """

    figsize = (10.0, 4.2)

    def __init__(self, chain, steps, data=None, max_points: int = 1000, max_images: int = 32, index: int = 0):
        chain = np.asarray(chain, dtype=float)
        if chain.ndim == 5 and chain.shape[-1] == 1:
            chain = chain[..., 0]
        if chain.ndim not in (3, 4) or len(chain) == 0:
            raise ValueError(
                f"chain must hold the recorded states, shape (steps, n, 2) or (steps, n, height, width); "
                f"got shape {chain.shape}."
            )
        _, self.is_points = _as_data(chain[0], "chain's states")
        if not np.isfinite(chain).all():
            raise ValueError("The chain contains NaN or infinite values: the sampler diverged.")
        steps = [check_number("Every step", s, 0, integer=True) for s in np.asarray(steps).ravel().tolist()]
        if len(steps) != len(chain):
            raise ValueError(f"Give one step per recorded state: {len(steps)} steps for {len(chain)} states.")
        if any(a <= b for a, b in zip(steps, steps[1:], strict=False)):
            raise ValueError(
                f"steps must decrease strictly, from T to 0, as the sampler records them; got {steps}."
            )
        limit = check_number(
            "max_points" if self.is_points else "max_images",
            max_points if self.is_points else max_images,
            1,
            integer=True,
        )
        check_number("index", index, 0, len(steps) - 1, integer=True)
        self.chain, self.steps = chain[:, :limit], steps
        self.data = None
        self.distances = None
        if data is not None:
            data, points = _as_data(data)
            if not (points and self.is_points):
                raise ValueError(
                    "data (real points to compare with) can only be shown with a chain of 2-D points."
                )
            self.data = data
            self.distances = np.array([nearest_distance(state, data) for state in self.chain])
        self.limit = max(1.5, float(np.quantile(np.abs(self.chain), 0.995)) * 1.05) if self.is_points else 1.0
        self.step = widgets.SelectionSlider(
            options=[(f"t = {s}", k) for k, s in enumerate(steps)],
            value=index,
            description="step",
            continuous_update=False,
            layout=widgets.Layout(width="420px"),
        )
        super().__init__([self.step])
        self.update()

    def static_states(self):
        """Every recorded step from the one shown on, in order."""
        shown = self.step.value
        return "step", [
            (f"t = {self.steps[shown]}", None),
            *(
                (f"t = {self.steps[k]}", lambda k=k: setattr(self.step, "value", k))
                for k in range(shown + 1, len(self.steps))
            ),
        ]

    def _state(self) -> tuple[int, int, np.ndarray, str]:
        k = self.step.value
        if not 0 <= k < len(self.steps):
            raise ValueError(f"There is no recorded state {k}: the chain has {len(self.steps)}.")
        t = self.steps[k]
        return (
            k,
            t,
            self.chain[k],
            "pure noise" if k == 0 and t > 0 else "the samples" if t == 0 else "on the way",
        )

    def _status(self, k: int, t: int, state: np.ndarray, where: str) -> str:
        if not self.is_points:
            return (
                f"step t = {t} ({where}) &nbsp;·&nbsp; pixel values from {state.min():.2f} to {state.max():.2f}, "
                f"standard deviation {state.std():.2f}"
            )
        status = f"step t = {t} ({where}), {len(state)} points"
        if self.distances is not None:
            status += f" &nbsp;·&nbsp; mean distance to the nearest data point {self.distances[k]:.3f}"
        return status

    def _title(self, t: int, state: np.ndarray, where: str) -> str:
        if self.is_points:
            return f"Reverse process at t = {t} ({where})"
        return f"Reverse process at t = {t} ({where}): {len(state)} images"

    def refresh(self, figure: Figure) -> str | None:
        """Another step moves the points (or changes the images) and the marker on the distance curve."""
        return self._show(*self._state())

    def _show(self, k: int, t: int, state: np.ndarray, where: str) -> str:
        """Set the artists that change with the step (kept by ``draw``); returns the status line."""
        view = self._view
        if self.is_points:
            self.animate(_show_points(view["data"], state, f"$x_t$, t = {t}"))
        else:
            view["data"].set_data(image_grid(state, min(8, len(state))))
        view["data"].axes.set_title(self._title(t, state, where), fontsize="medium")
        if view["marker"] is not None:
            view["marker"].set_data([t], [self.distances[k]])
            view["marker"].set_label(f"t = {t}")
            self.animate(view["marker"].axes.legend(loc="upper right", fontsize="small"))
        return self._status(k, t, state, where)

    def draw(self, figure: Figure) -> str:
        state = self._state()
        marker = None
        if not self.is_points:
            ax = figure.subplots()
            data = _draw_images(ax, min(8, len(self.chain[0])), len(self.chain[0]), self.chain.shape[2:])
        else:
            if self.distances is None:
                ax = figure.subplots()
            else:
                ax, ax_d = figure.subplots(1, 2, width_ratios=[1, 1.25])
                ax_d.plot(self.steps, self.distances, "o-", color="#444444", label="samples")
                (marker,) = ax_d.plot([], [], "o", ms=11, color="#d62728", markeredgecolor="black")
                ax_d.invert_xaxis()
                ax_d.set_ylim(0, max(1.08 * float(self.distances.max()), 1e-3))
                ax_d.set_xlabel("step t (sampling runs from left to right)")
                ax_d.set_ylabel("mean distance to nearest data point")
                ax_d.set_title("How far the samples are from the data", fontsize="medium")
                ax_d.grid(alpha=0.3)
            data = _draw_points(ax, self.limit, "#d62728", self.data)
        self._view = {"data": data, "marker": marker}
        # a refresh draws these again, over a picture of the rest (the legends too: _show makes them anew)
        self.animate(data, *ax.spines.values(), ax.title, *([marker] if marker else []))
        return self._show(*state)
