"""SaliencyExplorer (chapter 22): an attribution map over its image, beside the deletion curves it earns.

The maps and curves are computed in the chapter (``dlbook.attribution``) and passed in, so moving a control only
redraws: no model runs here.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from dlbook.attribution import curve_area, normalize_map
from dlbook.checks import check_choice, check_image_stack, check_number
from dlbook.widgets.base import FigureWidget


def _check_inputs(images, maps, curves, labels):
    images = check_image_stack(images, "images")
    if not maps:
        raise ValueError("Give at least one attribution method: maps = {'method name': array (n, height, width)}.")
    checked = {}
    for name, m in maps.items():
        m = np.asarray(m, dtype=float)
        if m.shape != images.shape:
            raise ValueError(f"The maps of {name!r} have shape {m.shape}; they must match the images, {images.shape}.")
        if not np.isfinite(m).all():
            raise ValueError(f"The maps of {name!r} contain NaN or infinite values.")
        checked[name] = m
    curve_arrays = {name: np.asarray(c, dtype=float) for name, c in curves.items()}
    missing = [name for name in checked if name not in curve_arrays]
    if missing:
        raise ValueError(f"Give a deletion curve for every method: {', '.join(map(repr, missing))} has none.")
    lengths = {c.shape for c in curve_arrays.values()}
    if len(lengths) != 1 or any(len(s) != 2 or s[0] != len(images) or s[1] < 2 for s in lengths):
        raise ValueError(f"Every curve array must have shape (n_images, steps + 1) with n_images = {len(images)} "
                         f"and at least 2 points, got {sorted(lengths)}.")
    if labels is not None and len(labels) != len(images):
        raise ValueError(f"Give one label per image: {len(labels)} labels for {len(images)} images.")
    return images, checked, curve_arrays


class SaliencyExplorer(FigureWidget):
    """Pick an image and an attribution method; see the map over the image and the deletion curves.

    ``maps``: ``{method: (n, height, width)}``; ``curves``: the target class's probability as pixels are removed,
    ``{name: (n, steps + 1)}``, one per method plus any baselines (names that are not methods, e.g. random order),
    drawn dashed. ``labels``: the true class of each image, shown in the title.
    """

    figsize = (10.0, 3.6)

    def __init__(self, images, maps: dict, curves: dict, labels=None, predicted=None, index: int = 0,
                 method: str | None = None, opacity: float = 0.6):
        self.images, self.maps, self.curves = _check_inputs(images, maps, curves, labels)
        self.labels = None if labels is None else np.asarray(labels)
        self.predicted = None if predicted is None else np.asarray(predicted)
        methods = list(self.maps)
        method = methods[0] if method is None else method
        check_choice("method", method, methods)
        check_number("index", index, 0, len(self.images) - 1, integer=True)
        check_number("opacity", opacity, 0, 1)
        self.baselines = [name for name in self.curves if name not in self.maps]
        self.areas = {name: curve_area(c) for name, c in self.curves.items()}
        self.normalized = {name: normalize_map(m) for name, m in self.maps.items()}
        self.index = widgets.IntSlider(value=int(index), min=0, max=len(self.images) - 1, description="image",
                                       continuous_update=False)
        self.method = widgets.Dropdown(options=methods, value=method, description="method")
        self.opacity = widgets.FloatSlider(value=float(opacity), min=0.0, max=1.0, step=0.05, description="map opacity",
                                           continuous_update=False)
        super().__init__([self.index, self.method, self.opacity])
        self.update()

    def static_states(self):
        """Every method, for the image shown."""
        return "method", [(self.method.value, None),
                          *((name, lambda name=name: setattr(self.method, "value", name))
                            for name in self.maps if name != self.method.value)]

    def draw(self, figure: Figure) -> str:
        i, method, opacity = self.index.value, self.method.value, self.opacity.value
        if not 0 <= i < len(self.images):
            raise ValueError(f"There is no image {i}: choose one from 0 to {len(self.images) - 1}.")
        check_number("map opacity", opacity, 0, 1)
        image, heat = self.images[i], self.normalized[method][i]
        ax_image, ax_map, ax_curve = figure.subplots(1, 3, width_ratios=[1, 1, 1.6])
        title = f"image {i}"
        if self.labels is not None:
            title += f": label {self.labels[i]}"
        if self.predicted is not None:
            title += f"\npredicted {self.predicted[i]}"
        ax_image.imshow(image, cmap="gray_r", interpolation="nearest")
        ax_image.set_title(title, fontsize="medium")
        ax_map.imshow(image, cmap="gray_r", interpolation="nearest")
        shown = ax_map.imshow(heat, cmap="inferno", vmin=0, vmax=1, alpha=opacity, interpolation="nearest")
        ax_map.set_title(f"{method}\n|attribution|, scaled", fontsize="medium")
        figure.colorbar(shown, ax=ax_map, fraction=0.046, pad=0.04)
        for ax in (ax_image, ax_map):
            ax.set(xticks=[], yticks=[], xlabel="column", ylabel="row")
        steps = self.curves[method].shape[1] - 1
        fraction = np.linspace(0, 1, steps + 1)
        for name in self.maps:
            if name != method:
                ax_curve.plot(fraction, self.curves[name][i], color="0.75", lw=1, label=f"{name}")
        for name in self.baselines:
            ax_curve.plot(fraction, self.curves[name][i], "--", lw=1.5, label=f"{name} (baseline)")
        ax_curve.plot(fraction, self.curves[method][i], color="C3", lw=2.5,
                      label=f"{method}: area {self.areas[method][i]:.2f}")
        ax_curve.set(xlim=(0, 1), ylim=(-0.02, 1.02), xlabel="fraction of pixels removed (most attributed first)",
                     ylabel="probability of the target class", title="Deletion curves of this image")
        ax_curve.legend(fontsize="x-small", loc="upper right")
        ax_curve.grid(alpha=0.3)
        compare = "".join(f" &nbsp;·&nbsp; {name}: {self.areas[name][i]:.2f}" for name in self.baselines)
        return (f"image {i}, <b>{method}</b>: area under the deletion curve {self.areas[method][i]:.2f} "
                f"(lower is better){compare}")
