"""EmbeddingExplorer: a learned embedding in 2-D, one pair of examples, and the threshold that says "same" or "not".

The widget computes nothing heavy: the notebook passes the embeddings (computed once), and every distance, the 2-D
projection and the confusion counts come from the pure functions of :mod:`dlbook.metric_learning`, so moving a
slider only redraws.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from dlbook.checks import check_number
from dlbook.metric_learning import all_pairs, confusion_counts, pairwise_distances, project_2d
from dlbook.widgets.base import FigureWidget

_COLOURS = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
)
MAX_SHOWN_CLASSES = 10  # the new classes shown in colour (the pairs and the counts use all of them)


def choose_pairs(labels, n_pairs: int = 20, seed: int = 0) -> np.ndarray:
    """``n_pairs`` index pairs ``(i, j)`` of examples, alternately of the same class and of two different classes,
    drawn at random with ``seed``: shape ``(n_pairs, 2)``."""
    labels = np.asarray(labels).ravel()
    n_pairs = check_number("n_pairs", n_pairs, 1, integer=True)
    rng = np.random.default_rng(seed)
    i, j, same = all_pairs(labels)
    if same.all() or not same.any():
        raise ValueError(
            "The examples need at least two classes, and two examples of one class, to make pairs."
        )
    same_pairs, other_pairs = np.flatnonzero(same == 1), np.flatnonzero(same == 0)
    picked = [rng.choice(same_pairs if k % 2 == 0 else other_pairs) for k in range(n_pairs)]
    return np.column_stack([i[picked], j[picked]])


class EmbeddingExplorer(FigureWidget):
    """The embeddings of new classes (in colour) and of training classes (grey), drawn in 2-D; a pair of new examples
    and its distance; and how the pairs of the new classes split at the distance threshold.

    ``embeddings`` ``(n, d)`` and ``labels`` ``(n,)`` are the examples of the classes never seen in training;
    ``seen_embeddings`` (optional, ``(m, d)``) some of the training classes, drawn in grey for comparison;
    ``images`` (optional, ``(n, h, w)`` or ``(n, h, w, 1)``) show the chosen pair; ``points`` ``(n, 2)`` are the 2-D
    positions to draw (by default the projection on the first two principal axes of all the embeddings);
    ``threshold`` is the starting threshold (by default the median distance). Distances are always measured in the
    full ``d``-dimensional embedding.
    """

    figsize = (10.0, 4.0)

    def __init__(
        self,
        embeddings,
        labels,
        seen_embeddings=None,
        images=None,
        points=None,
        threshold=None,
        n_pairs: int = 20,
        seed: int = 0,
    ):
        embeddings = np.asarray(embeddings, dtype=float)
        if embeddings.ndim != 2 or len(embeddings) < 3 or not np.isfinite(embeddings).all():
            raise ValueError(
                f"embeddings must be a finite (n, d) array with n >= 3, got shape {embeddings.shape}."
            )
        labels = np.asarray(labels).ravel()
        if labels.shape != (len(embeddings),):
            raise ValueError(
                f"Give one label per embedding: {labels.size} labels for {len(embeddings)} embeddings."
            )
        seen = None if seen_embeddings is None else np.asarray(seen_embeddings, dtype=float)
        if seen is not None and (seen.ndim != 2 or seen.shape[1] != embeddings.shape[1]):
            raise ValueError(
                f"seen_embeddings must have shape (m, {embeddings.shape[1]}), like the embeddings, got "
                f"{seen.shape}."
            )
        if points is None:
            reference = embeddings if seen is None else np.concatenate([embeddings, seen])
            points = project_2d(embeddings, reference)
            self.seen_points = None if seen is None else project_2d(seen, reference)
        else:
            points = np.asarray(points, dtype=float)
            if points.shape != (len(embeddings), 2):
                raise ValueError(f"points must have shape ({len(embeddings)}, 2), got {points.shape}.")
            self.seen_points = None if seen is None else project_2d(seen)
        if images is not None:
            images = np.asarray(images, dtype=float)
            images = images[..., 0] if images.ndim == 4 else images
            if images.ndim != 3 or len(images) != len(embeddings):
                raise ValueError(
                    f"images must hold one image per embedding, shape ({len(embeddings)}, h, w)."
                )
        self.embeddings, self.labels, self.images, self.points = embeddings, labels, images, points
        i, j, self.same = all_pairs(labels)
        self.distances = pairwise_distances(embeddings)[i, j]
        self.pairs = choose_pairs(labels, n_pairs, seed)
        top = float(np.quantile(self.distances, 0.995)) * 1.05
        threshold = (
            float(np.median(self.distances)) if threshold is None else check_number("threshold", threshold, 0)
        )
        self.classes = np.unique(labels)[:MAX_SHOWN_CLASSES]
        self.bins = np.linspace(0, top, 41)  # the histograms are counted once: a redraw only draws them
        self.histograms = [
            np.histogram(self.distances[self.same == s], bins=self.bins, density=True)[0] for s in (0, 1)
        ]
        self.pair = widgets.IntSlider(
            value=0,
            min=0,
            max=len(self.pairs) - 1,
            description="pair",
            continuous_update=False,
            layout=widgets.Layout(width="260px"),
        )
        self.threshold = widgets.FloatSlider(
            value=min(threshold, top),
            min=0.0,
            max=top,
            step=top / 200,
            description="threshold",
            continuous_update=False,
            readout_format=".3f",
            layout=widgets.Layout(width="340px"),
        )
        super().__init__([self.pair, self.threshold])
        self.update()

    def counts(self, threshold: float | None = None) -> dict[str, int]:
        """The confusion counts of all pairs of new examples at ``threshold`` (the slider's by default)."""
        return confusion_counts(
            self.distances, self.same, self.threshold.value if threshold is None else threshold
        )

    def pair_distance(self, k: int | None = None) -> float:
        """The embedding distance of the ``k``-th chosen pair (the slider's by default)."""
        i, j = self.pairs[self.pair.value if k is None else k]
        return float(np.linalg.norm(self.embeddings[i] - self.embeddings[j]))

    def static_states(self):
        """The threshold at a few quantiles of the distances, for the pair shown."""
        quantiles = np.quantile(self.distances, [0.02, 0.05, 0.2, 0.5])
        states = [(f"{self.threshold.value:.3f}", None)]
        for value in quantiles:
            value = float(np.clip(value, 0, self.threshold.max))
            states.append((f"{value:.3f}", lambda v=value: setattr(self.threshold, "value", v)))
        return "threshold", states

    def _state(self):
        threshold = self.threshold.value
        if not np.isfinite(threshold) or threshold < 0:
            raise ValueError(f"The threshold is a distance: a number of at least 0, got {threshold!r}.")
        k = self.pair.value
        if not 0 <= k < len(self.pairs):
            raise ValueError(f"There is no pair {k}: choose one from 0 to {len(self.pairs) - 1}.")
        return k, threshold

    def refresh(self, figure: Figure) -> str | None:
        """Another pair or threshold: move the marks, swap the pair's images and the counts; nothing else changes."""
        k, threshold = self._state()
        return self._show(k, threshold)

    def _show(self, k: int, threshold: float) -> str:
        """Set the artists that change with the pair and the threshold (kept by ``draw``), return the status."""
        view = self._view
        i, j = self.pairs[k]
        distance = self.pair_distance(k)
        same = bool(self.labels[i] == self.labels[j])
        said = distance <= threshold
        view["link"].set_data(*self.points[[i, j]].T)
        view["ends"].set_data(*self.points[[i, j]].T)
        view["threshold"].set_xdata([threshold, threshold])
        view["distance"].set_xdata([distance, distance])
        if self.images is not None:
            gap = np.full((len(self.images[i]), 2), np.nan)
            view["pair"].set_data(np.concatenate([self.images[i], gap, self.images[j]], axis=1))
        else:
            view["pair"].set_text(f"examples {i} and {j}")
        view["pair_title"].set_text(
            f"classes {self.labels[i]} and {self.labels[j]}: said {'same' if said else 'different'}"
        )
        counts = self.counts(threshold)
        table = np.array([[counts["TP"], counts["FN"]], [counts["FP"], counts["TN"]]])
        view["table"].set_data(table / np.maximum(table.sum(axis=1, keepdims=True), 1))
        for text, value in zip(view["cells"], table.ravel(), strict=True):
            text.set_text(f"{value:,}")
        tpr = counts["TP"] / max(counts["TP"] + counts["FN"], 1)
        tnr = counts["TN"] / max(counts["TN"] + counts["FP"], 1)
        verdict = "right" if said == same else "wrong"
        return (
            f"pair {k}: classes {self.labels[i]} and {self.labels[j]} ({'same' if same else 'different'}), "
            f"distance {distance:.3f} {'≤' if said else '>'} threshold {threshold:.3f} → said "
            f"{'same' if said else 'different'}, <b>{verdict}</b> &nbsp;·&nbsp; all pairs: TP {counts['TP']:,}, "
            f"FN {counts['FN']:,}, FP {counts['FP']:,}, TN {counts['TN']:,} &nbsp;·&nbsp; same-class pairs "
            f"found {tpr:.1%}, different-class pairs rejected {tnr:.1%}"
        )

    def draw(self, figure: Figure) -> str:
        k, threshold = self._state()
        grid = figure.add_gridspec(2, 3, width_ratios=[1.25, 1.25, 0.8], height_ratios=[1, 1])
        ax_map, ax_hist = figure.add_subplot(grid[:, 0]), figure.add_subplot(grid[:, 1])
        ax_pair, ax_table = figure.add_subplot(grid[0, 2]), figure.add_subplot(grid[1, 2])
        if self.seen_points is not None:
            ax_map.scatter(*self.seen_points.T, s=5, c="#cccccc", label="training classes")
        others = ~np.isin(self.labels, self.classes)
        if others.any():
            ax_map.scatter(*self.points[others].T, s=5, c="#e6c9a8", label="other new classes")
        for c, colour in zip(self.classes, _COLOURS, strict=False):
            ax_map.scatter(*self.points[self.labels == c].T, s=9, color=colour, label=f"new class {c}")
        ax_map.autoscale(False)  # the pair's marks move over a fixed map
        view = {
            "link": ax_map.plot([], [], "-", color="black", lw=1.2)[0],
            "ends": ax_map.plot([], [], "o", ms=9, mfc="none", mec="black", mew=1.5, label="chosen pair")[0],
        }
        ax_map.set(title="Embeddings, first two principal axes", xlabel="axis 1", ylabel="axis 2")
        ax_map.legend(fontsize=6, loc="best", ncol=2, markerscale=1.5)
        for counts_, colour, name in zip(
            self.histograms, ("#d62728", "#2ca02c"), ("different classes", "same class"), strict=True
        ):
            ax_hist.stairs(counts_, self.bins, fill=True, alpha=0.6, color=colour, label=name)
        ax_hist.set_xlim(0, self.bins[-1])
        view["threshold"] = ax_hist.axvline(threshold, color="black", ls="--", label="threshold")
        view["distance"] = ax_hist.axvline(0, color="#1f77b4", lw=2, label="chosen pair")
        ax_hist.set(
            title="Distances of all pairs of new examples",
            xlabel="distance in the embedding",
            ylabel="density",
        )
        ax_hist.legend(fontsize=7)
        if self.images is not None:
            side = self.images.shape[1:]
            view["pair"] = ax_pair.imshow(np.zeros((side[0], 2 * side[1] + 2)), cmap="gray_r", vmin=0, vmax=1)
        else:
            view["pair"] = ax_pair.text(0.5, 0.5, "", ha="center", va="center")
        view["pair_title"] = ax_pair.set_title(" ", fontsize=8)
        ax_pair.set_xticks([])
        ax_pair.set_yticks([])
        view["table"] = ax_table.imshow(np.zeros((2, 2)), cmap="Blues", vmin=0, vmax=1)
        view["cells"] = [
            ax_table.text(c, r, "", ha="center", va="center", fontsize=8) for r in (0, 1) for c in (0, 1)
        ]
        ax_table.set_xticks([0, 1], ["said same", "said diff."], fontsize=7)
        ax_table.set_yticks([0, 1], ["same", "different"], fontsize=7)
        ax_table.set_title("pairs: truth (rows) × decision", fontsize=8)
        figure.suptitle(
            "EmbeddingExplorer: a pair is called 'same' when its distance is at most the threshold",
            fontsize=10,
        )
        self._view = view
        self.animate(
            view["link"],
            view["ends"],
            view["threshold"],
            view["distance"],
            view["pair"],
            view["pair_title"],
            view["table"],
            *view["cells"],
        )
        return self._show(k, threshold)
