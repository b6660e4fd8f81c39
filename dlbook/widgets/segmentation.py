"""SegmentationViewer: a segmentation model's prediction against the truth, image by image, at a threshold you move.

The viewer takes predictions computed beforehand (probabilities, one map per image and model), so that moving a
control only thresholds and draws; the scores come from :mod:`dlbook.segmentation`.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from dlbook.checks import check_choice, check_image_stack, check_number
from dlbook.segmentation import OVERLAY_COLOURS, confusion_counts, dice_score, difference_overlay, iou_score
from dlbook.widgets.base import FigureWidget


def thresholded_iou(y_true, probabilities, threshold: float) -> float:
    """The IoU, pooled over every pixel of every image, of ``probabilities > threshold`` against the masks."""
    return iou_score(np.asarray(y_true) > 0.5, np.asarray(probabilities) > threshold)


class SegmentationViewer(FigureWidget):
    """Pick an image, a model and a threshold; see the image, the predicted probabilities, the truth, and where the
    thresholded prediction hits, misses and raises false alarms."""

    figsize = (10.0, 3.4)

    def __init__(
        self,
        images,
        masks,
        predictions: dict,
        threshold: float = 0.5,
        index: int = 0,
        model: str | None = None,
    ):
        self.images = check_image_stack(images, "images")
        n = len(self.images)
        self.masks = check_image_stack(masks, "masks", n) > 0.5
        if not isinstance(predictions, dict) or not predictions:
            raise ValueError(
                "predictions must be a dict {model name: probabilities of shape (n, height, width)}."
            )
        self.predictions = {
            str(name): check_image_stack(p, f"The predictions of {name!r}", n)
            for name, p in predictions.items()
        }
        for name, p in self.predictions.items():
            if p.shape != self.images.shape:
                raise ValueError(
                    f"The predictions of {name!r} have shape {p.shape}, the images {self.images.shape}."
                )
            if p.min() < 0 or p.max() > 1:
                raise ValueError(
                    f"The predictions of {name!r} must be probabilities in [0, 1] (apply the sigmoid)."
                )
        model = next(iter(self.predictions)) if model is None else model
        check_choice("model", model, self.predictions)
        check_number("threshold", threshold, 0, 1)
        check_number("index", index, 0, n - 1, integer=True)
        self.model = widgets.Dropdown(
            options=list(self.predictions),
            value=model,
            description="model",
            layout=widgets.Layout(width="260px"),
        )
        self.index = widgets.IntSlider(
            value=int(index), min=0, max=n - 1, description="image", continuous_update=False
        )
        self.threshold = widgets.FloatSlider(
            value=float(threshold),
            min=0.05,
            max=0.95,
            step=0.05,
            description="threshold",
            continuous_update=False,
            readout_format=".2f",
        )
        self._overall: dict[tuple[str, float], float] = {}
        super().__init__([self.model, self.index, self.threshold])
        self.update()

    def static_states(self):
        """The first images with each model at the threshold shown, then the first image at lower and higher ones."""
        first = self.model.value
        others = [name for name in self.predictions if name != first]
        states = [(f"image {self.index.value}, {first}", None)]
        for i in range(min(3, len(self.images))):
            for name in [first, *others]:
                if (i, name) == (self.index.value, first):
                    continue
                states.append(
                    (
                        f"image {i}, {name}",
                        lambda i=i, name=name: (
                            setattr(self.index, "value", i),
                            setattr(self.model, "value", name),
                        ),
                    )
                )
        for t in (0.2, 0.8):
            states.append(
                (
                    f"image {min(2, len(self.images) - 1)}, {others[-1] if others else first}, threshold {t}",
                    lambda t=t: setattr(self.threshold, "value", t),
                )
            )
        return "state", states

    def _state(self) -> tuple[int, str, float]:
        i, name, threshold = self.index.value, self.model.value, float(self.threshold.value)
        if not 0 <= i < len(self.images):
            raise ValueError(f"There is no image {i}: choose one from 0 to {len(self.images) - 1}.")
        if not 0 < threshold < 1:
            raise ValueError(f"The threshold must lie strictly between 0 and 1, got {threshold}.")
        return i, name, threshold

    def overall_iou(self, name: str, threshold: float) -> float:
        """The IoU over every image of a model's predictions at a threshold (computed once per pair)."""
        key = (name, threshold)
        if key not in self._overall:
            self._overall[key] = thresholded_iou(self.masks, self.predictions[name], threshold)
        return self._overall[key]

    def refresh(self, figure: Figure) -> str | None:
        """Any change: new pictures, contour and titles on the same four panels."""
        return self._show(*self._state())

    def _show(self, i: int, name: str, threshold: float) -> str:
        """Set the artists that change with the controls (kept by ``draw``), return the status."""
        view = self._view
        probabilities, truth = self.predictions[name][i], self.masks[i]
        predicted = probabilities > threshold
        view["image"].set_data(self.images[i])
        view["image"].autoscale()  # its grey scale spans this image's values, as imshow sets it
        view["image_title"].set_text(f"image {i}")
        view["probabilities"].set_data(probabilities)
        ax_probabilities = view["probabilities"].axes
        if view["contour"] is not None:
            view["contour"].remove()
            view["contour"] = None
        if predicted.any() and not predicted.all():
            view["contour"] = self.animate(
                ax_probabilities.contour(probabilities, levels=[threshold], colors="white", linewidths=0.8)
            )
        view["probabilities_title"].set_text(f"{name}: probabilities\n(white: threshold {threshold:.2f})")
        view["truth"].set_data(truth)
        view["overlay"].set_data(difference_overlay(self.images[i], truth, predicted))
        counts = confusion_counts(truth, predicted)
        return (
            f"{name}, threshold {threshold:.2f}: this image IoU {iou_score(truth, predicted):.3f}, Dice "
            f"{dice_score(truth, predicted):.3f} ({counts['hit']} hits, {counts['false alarm']} false alarms, "
            f"{counts['missed']} missed pixels) &nbsp;·&nbsp; IoU over all {len(self.images)} images "
            f"{self.overall_iou(name, threshold):.3f}"
        )

    def draw(self, figure: Figure) -> str:
        state = self._state()
        blank = np.zeros(self.images.shape[1:])
        axes = figure.subplots(1, 4)
        view = {
            "image": axes[0].imshow(blank, cmap="gray", interpolation="nearest"),
            "image_title": axes[0].set_title(" "),
            "contour": None,
            "probabilities": axes[1].imshow(blank, cmap="viridis", vmin=0, vmax=1, interpolation="nearest"),
        }
        figure.colorbar(view["probabilities"], ax=axes[1], shrink=0.8, label="probability of cell")
        view["probabilities_title"] = axes[1].set_title(" \n ", fontsize="medium")
        view["truth"] = axes[2].imshow(blank, cmap="gray", vmin=0, vmax=1, interpolation="nearest")
        axes[2].set_title("true mask")
        view["overlay"] = axes[3].imshow(np.zeros((*blank.shape, 3)), interpolation="nearest")
        axes[3].set_title("prediction against truth")
        axes[3].legend(
            handles=[Patch(color=c, label=k) for k, c in OVERLAY_COLOURS.items()],
            loc="upper center",
            bbox_to_anchor=(0.5, -0.08),
            ncol=3,
            fontsize="small",
            frameon=False,
            handlelength=1,
        )
        for ax in axes:
            ax.set_xticks([])
            ax.set_yticks([])
        self._view = view
        self.animate(
            view["image"],
            view["image_title"],
            view["probabilities"],
            view["probabilities_title"],
            view["truth"],
            view["overlay"],
            *(spine for ax in axes for spine in ax.spines.values()),
        )  # frames over pictures
        return self._show(*state)
