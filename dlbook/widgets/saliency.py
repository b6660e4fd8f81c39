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
        raise ValueError(
            "Give at least one attribution method: maps = {'method name': array (n, height, width)}."
        )
    checked = {}
    for name, m in maps.items():
        m = np.asarray(m, dtype=float)
        if m.shape != images.shape:
            raise ValueError(
                f"The maps of {name!r} have shape {m.shape}; they must match the images, {images.shape}."
            )
        if not np.isfinite(m).all():
            raise ValueError(f"The maps of {name!r} contain NaN or infinite values.")
        checked[name] = m
    curve_arrays = {name: np.asarray(c, dtype=float) for name, c in curves.items()}
    missing = [name for name in checked if name not in curve_arrays]
    if missing:
        raise ValueError(f"Give a deletion curve for every method: {', '.join(map(repr, missing))} has none.")
    lengths = {c.shape for c in curve_arrays.values()}
    if len(lengths) != 1 or any(len(s) != 2 or s[0] != len(images) or s[1] < 2 for s in lengths):
        raise ValueError(
            f"Every curve array must have shape (n_images, steps + 1) with n_images = {len(images)} "
            f"and at least 2 points, got {sorted(lengths)}."
        )
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

    def __init__(
        self,
        images,
        maps: dict,
        curves: dict,
        labels=None,
        predicted=None,
        index: int = 0,
        method: str | None = None,
        opacity: float = 0.6,
    ):
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
        self.index = widgets.IntSlider(
            value=int(index), min=0, max=len(self.images) - 1, description="image", continuous_update=False
        )
        self.method = widgets.Dropdown(options=methods, value=method, description="method")
        self.opacity = widgets.FloatSlider(
            value=float(opacity),
            min=0.0,
            max=1.0,
            step=0.05,
            description="map opacity",
            continuous_update=False,
        )
        super().__init__([self.index, self.method, self.opacity])
        self.update()

    def static_states(self):
        """Every method, for the image shown."""
        return "method", [
            (self.method.value, None),
            *(
                (name, lambda name=name: setattr(self.method, "value", name))
                for name in self.maps
                if name != self.method.value
            ),
        ]

    def _state(self) -> tuple[int, str, float]:
        i, method, opacity = self.index.value, self.method.value, self.opacity.value
        if not 0 <= i < len(self.images):
            raise ValueError(f"There is no image {i}: choose one from 0 to {len(self.images) - 1}.")
        check_number("map opacity", opacity, 0, 1)
        return i, method, opacity

    def draw(self, figure: Figure) -> str:
        i, _, _ = self._state()
        image = self.images[i]
        ax_image, ax_map, ax_curve = figure.subplots(1, 3, width_ratios=[1, 1, 1.6])
        view = {
            "image": ax_image.imshow(image, cmap="gray_r", interpolation="nearest"),
            "under": ax_map.imshow(image, cmap="gray_r", interpolation="nearest"),
            "heat": ax_map.imshow(
                np.zeros_like(image), cmap="inferno", vmin=0, vmax=1, interpolation="nearest"
            ),
        }
        view["heat"].set_alpha(self.opacity.value)  # the colour bar shows the map's opacity
        colorbar = figure.colorbar(view["heat"], ax=ax_map, fraction=0.046, pad=0.04)
        view["bar"] = colorbar.solids
        for ax in (ax_image, ax_map):
            ax.set(xticks=[], yticks=[], xlabel="column", ylabel="row")
        steps = self.curves[next(iter(self.maps))].shape[1] - 1
        fraction = np.linspace(0, 1, steps + 1)
        # one line per other method, then the baselines, then the chosen method: a refresh only gives them data
        view["others"] = [
            ax_curve.plot(fraction, fraction, color="0.75", lw=1)[0] for _ in range(len(self.maps) - 1)
        ]
        view["baselines"] = [ax_curve.plot(fraction, fraction, "--", lw=1.5)[0] for _ in self.baselines]
        view["chosen"] = ax_curve.plot(fraction, fraction, color="C3", lw=2.5)[0]
        ax_curve.set(
            xlim=(0, 1),
            ylim=(-0.02, 1.02),
            xlabel="fraction of pixels removed (most attributed first)",
            ylabel="probability of the target class",
            title="Deletion curves of this image",
        )
        ax_curve.grid(alpha=0.3)
        self._view = view
        self.animate(
            view["image"],
            view["under"],
            view["heat"],
            view["bar"],
            colorbar.outline,
            *view["others"],
            *view["baselines"],
            view["chosen"],
            ax_image.title,
            ax_map.title,
        )
        return self._show()

    def refresh(self, figure: Figure) -> str:
        """Every control changes the images, the map, the curves and the texts kept by ``draw``; nothing moves."""
        return self._show()

    def _show(self) -> str:
        """Set the artists kept by ``draw`` to the controls' state; return the status line."""
        i, method, opacity = self._state()
        view = self._view
        title = f"image {i}"
        if self.labels is not None:
            title += f": label {self.labels[i]}"
        if self.predicted is not None:
            title += f"\npredicted {self.predicted[i]}"
        view["image"].set_data(self.images[i])
        view["under"].set_data(self.images[i])
        view["image"].axes.set_title(title, fontsize="medium")
        view["heat"].set_data(self.normalized[method][i])
        view["heat"].set_alpha(opacity)
        view["bar"].set_alpha(opacity)
        view["heat"].axes.set_title(f"{method}\n|attribution|, scaled", fontsize="medium")
        others = [name for name in self.maps if name != method]
        names = [*others, *self.baselines, method]
        labels = [
            *others,
            *(f"{name} (baseline)" for name in self.baselines),
            f"{method}: area {self.areas[method][i]:.2f}",
        ]
        for line, name, label in zip(
            [*view["others"], *view["baselines"], view["chosen"]], names, labels, strict=True
        ):
            line.set_ydata(self.curves[name][i])
            line.set_label(label)
        if "legend" in view:
            for text, label in zip(view["legend"].get_texts(), labels, strict=True):
                text.set_text(label)
        else:
            view["legend"] = self.animate(view["chosen"].axes.legend(fontsize="x-small", loc="upper right"))
        compare = "".join(f" &nbsp;·&nbsp; {name}: {self.areas[name][i]:.2f}" for name in self.baselines)
        return (
            f"image {i}, <b>{method}</b>: area under the deletion curve {self.areas[method][i]:.2f} "
            f"(lower is better){compare}"
        )
