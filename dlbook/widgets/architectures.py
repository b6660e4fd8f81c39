"""ArchitectureComparer: pick a kind of block, a width and a depth; see the network's parameters, its multiply-adds
and its accuracy on MNIST-1D among all the others.

Training a network takes seconds to minutes, too slow for a slider, so the accuracies are precomputed: by default the
table ``dlbook.mnist1d_architectures`` (every network of ``dlbook.modern_cnn.build_network``, trained alone and read
on the validation split; ``python -m dlbook.modern_cnn`` writes it). Parameters and multiply-adds are computed on the
spot (``dlbook.modern_cnn.architecture_cost``). Networks trained in the notebook itself can be passed as ``trained``
and are drawn beside the table.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from dlbook.checks import check_choice
from dlbook.modern_cnn import BLOCKS, architecture_cost, architecture_layers
from dlbook.widgets.base import FigureWidget

COLOURS = dict(zip(BLOCKS, ["#7f7f7f", "#ff7f0e", "#1f77b4", "#2ca02c"], strict=True))
MARKERS = {1: "o", 2: "s", 3: "^"}


def precomputed_accuracies() -> dict[tuple[str, int, int], float]:
    """The shipped table: ``{(block, width, depth): validation accuracy}``."""
    from dlbook.mnist1d_architectures import VALIDATION_ACCURACY

    return dict(VALIDATION_ACCURACY)


def cost_table(accuracies: dict) -> list[tuple[str, int, int, int, int, float]]:
    """``(block, width, depth, parameters, multiply-adds, accuracy)`` for every network of ``accuracies``, sorted by
    parameters."""
    rows = [
        (block, width, depth, *architecture_cost(block, width, depth), float(accuracy))
        for (block, width, depth), accuracy in accuracies.items()
    ]
    return sorted(rows, key=lambda row: (row[3], row[0]))


def best_within(accuracies: dict, max_params: int, blocks=BLOCKS) -> tuple[str, int, int]:
    """The most accurate network of ``accuracies`` among the ``blocks`` with at most ``max_params`` parameters (the
    smaller one on a tie)."""
    rows = [row for row in cost_table(accuracies) if row[3] <= max_params and row[0] in blocks]
    if not rows:
        raise ValueError(f"No network of these blocks has at most {max_params:,} parameters.")
    block, width, depth, *_ = max(rows, key=lambda row: (row[5], -row[3]))
    return block, width, depth


class ArchitectureComparer(FigureWidget):
    """Menus for the block, width and depth; the network's accuracy against its parameters and its multiply-adds."""

    figsize = (11.0, 4.2)

    def __init__(
        self,
        accuracies: dict | None = None,
        trained: dict | None = None,
        block: str = "residual",
        width: int = 24,
        depth: int = 2,
    ):
        self.accuracies = precomputed_accuracies() if accuracies is None else dict(accuracies)
        if not self.accuracies:
            raise ValueError("The table of accuracies is empty.")
        self.trained = dict(trained or {})  # label -> (parameters, multiply-adds, accuracy)
        check_choice("block", block, BLOCKS)
        widths = sorted({w for _, w, _ in self.accuracies})
        depths = sorted({d for _, _, d in self.accuracies})
        check_choice("width", width, widths)
        check_choice("depth", depth, depths)
        self.block = widgets.Dropdown(options=list(BLOCKS), value=block, description="block")
        self.width = widgets.SelectionSlider(
            options=widths, value=width, description="width (channels)", continuous_update=False
        )
        self.depth = widgets.SelectionSlider(
            options=depths, value=depth, description="blocks", continuous_update=False
        )
        super().__init__([self.block, self.width, self.depth])
        self.update()

    def static_states(self):
        states = [(self._label(), None)]
        for block in BLOCKS:
            if block != self.block.value:
                states.append(
                    (
                        f"{block}, width {self.width.value}, {self.depth.value} blocks",
                        lambda block=block: setattr(self.block, "value", block),
                    )
                )
        return "network", states

    def _label(self) -> str:
        return f"{self.block.value}, width {self.width.value}, {self.depth.value} blocks"

    def _key(self) -> tuple[str, int, int]:
        key = (self.block.value, self.width.value, self.depth.value)
        check_choice("block", key[0], BLOCKS)
        if key not in self.accuracies:
            widths = ", ".join(str(w) for w in sorted({w for b, w, _ in self.accuracies if b == key[0]}))
            raise ValueError(
                f"No accuracy was precomputed for {self._label()}: the table holds widths {widths} for "
                f"this block."
            )
        return key

    def refresh(self, figure: Figure) -> str | None:
        """Any change: the rings move to the chosen network and its table of layers is rewritten."""
        return self._show(self._key())

    def _show(self, key: tuple[str, int, int]) -> str:
        """Set the artists that change with the choice (kept by ``draw``), return the status."""
        view = self._view
        params, macs = architecture_cost(*key)
        accuracy = self.accuracies[key]
        view["params"].set_offsets([[params, accuracy]])
        view["macs"].set_offsets([[macs, accuracy]])
        lines = [f"{'layer':<17}{'params':>7}{'mult-adds':>10}"]
        lines += [f"{name:<17}{p:>7,}{m:>10,}" for name, p, m in architecture_layers(*key)]
        lines += ["-" * 34, f"{'total':<17}{params:>7,}{macs:>10,}"]
        view["layers"].set_text("\n".join(lines))
        view["title"].set_text(self._label())
        rank = 1 + sum(row[5] > accuracy for row in view["rows"])
        return (
            f"<b>{self._label()}</b>: {params:,} parameters, {macs:,} multiply-adds per sequence, validation "
            f"accuracy {accuracy:.3f} (precomputed; #{rank} of {len(view['rows'])} networks)"
        )

    def draw(self, figure: Figure) -> str:
        key = self._key()
        rows = cost_table(self.accuracies)
        view = {"rows": rows}
        ax_params, ax_macs, ax_layers = figure.subplots(1, 3, width_ratios=[1.0, 1.0, 0.75])
        for ax, column, label, ring in [
            (ax_params, 3, "parameters", "params"),
            (ax_macs, 4, "multiply-adds per sequence", "macs"),
        ]:
            for block in BLOCKS:
                for depth, marker in MARKERS.items():
                    points = np.array(
                        [(row[column], row[5]) for row in rows if row[0] == block and row[2] == depth]
                    )
                    if len(points):
                        ax.scatter(
                            points[:, 0],
                            points[:, 1],
                            s=28,
                            marker=marker,
                            color=COLOURS[block],
                            alpha=0.7,
                            label=block if depth == 1 else None,
                        )
            # the ring sits on a point of the table, so moving it keeps the axes' limits
            view[ring] = self.animate(
                ax.scatter(
                    rows[0][column],
                    rows[0][5],
                    s=260,
                    facecolors="none",
                    edgecolors="black",
                    lw=2,
                    label="your choice",
                    zorder=5,
                )
            )
            for name, point in self.trained.items():  # animated too: drawn over the ring
                self.animate(
                    ax.scatter(
                        point[column - 3],
                        point[2],
                        marker="*",
                        s=160,
                        color="#d62728",
                        zorder=6,
                        edgecolors="black",
                        lw=0.5,
                    ),
                    ax.annotate(
                        name,
                        (point[column - 3], point[2]),
                        textcoords="offset points",
                        xytext=(4, -11),
                        fontsize=7,
                        color="#d62728",
                    ),
                )
            ax.set(
                xscale="log",
                xlabel=f"{label} (log scale)",
                ylabel="validation accuracy",
                title=f"Accuracy against {label.split(' per')[0]}",
            )
            ax.grid(alpha=0.3)
        self.animate(
            ax_params.legend(
                fontsize=7, loc="lower right", title="block (o 1, ■ 2, ▲ 3 blocks)", title_fontsize=7
            )
        )
        ax_layers.axis("off")
        view["layers"] = ax_layers.text(
            0, 1, "", family="monospace", fontsize=7.5, va="top", transform=ax_layers.transAxes
        )
        view["title"] = ax_layers.set_title(" ", fontsize=9)
        self._view = view
        self.animate(view["layers"], view["title"])
        return self._show(key)
