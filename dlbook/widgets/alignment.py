"""AlignmentViewer: where a sequence-to-sequence model looks while it writes, and what its beam keeps.

The widget takes a ``predict`` function (nothing trains here): given an input text it returns a
:class:`dlbook.seq2seq.Translation`, the best output of a beam search, its attention weights over the input, and the
beam's hypotheses at every step (chapter 14 passes :func:`dlbook.seq2seq.translate` on a trained model's weights).
Pick an example or type an input, then step through the output: the heat map shows the attention of the output
characters written so far (the current one outlined), the bars the hypotheses the beam keeps at that step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from dlbook.seq2seq import Translation
from dlbook.widgets.base import TYPED, FigureWidget


def check_translation(result, text: str) -> Translation:
    """Refuse what ``predict`` returned when the figure cannot show it, with a message that says why."""
    if not isinstance(result, Translation):
        raise ValueError(f"predict must return a dlbook.seq2seq.Translation, not {type(result).__name__}.")
    if not result.beam or any(not step for step in result.beam):
        raise ValueError("The translation has no beam steps to show.")
    if result.alignment is not None and np.shape(result.alignment) != (len(result.output), len(text)):
        raise ValueError(
            f"The alignment must have one row per output character and one column per input "
            f"character, shape ({len(result.output)}, {len(text)}); got {np.shape(result.alignment)}."
        )
    return result


def visible(char: str) -> str:
    """A character as a tick label (a space shown as ␣)."""
    return "␣" if char == " " else char


class AlignmentViewer(FigureWidget):
    """Step through a beam-search translation of an input: attention alignment on the left, the beam on the right.

    ``predict(text) -> Translation`` decodes one input (a ``ValueError`` it raises, e.g. for a character the model
    does not know, is shown in the status line); ``examples`` are the inputs the menu offers; ``step`` (from 1) is the
    output position shown first.
    """

    figsize = (10.0, 4.6)

    def __init__(self, predict: Callable[[str], Translation], examples: Sequence[str], step: int = 1):
        if not callable(predict):
            raise ValueError("predict must be a function from an input text to a Translation.")
        self.examples = [str(e) for e in examples]
        if not self.examples:
            raise ValueError("Give at least one example input.")
        self.predict = predict
        self._cache: dict[str, Translation] = {}
        self.example = widgets.Dropdown(
            options=[*self.examples, TYPED], value=self.examples[0], description="input"
        )
        self.text = widgets.Text(value=self.examples[0], description="or type one", continuous_update=False)
        length = len(self.translation().output)
        self.step = widgets.IntSlider(
            value=min(max(int(step), 1), length),
            min=1,
            max=length,
            description="output step",
            continuous_update=False,
        )
        super().__init__([self.example, self.text, self.step])
        self.on_change(self.example, self._pick)
        self.on_change(self.text, self._typed)
        self.update()

    def _pick(self, value) -> None:
        if value != TYPED:
            self.text.value = value

    def _typed(self, value) -> None:
        self.example.value = value if value in self.examples else TYPED

    def translation(self) -> Translation:
        """The ``Translation`` of the text box's input (computed once per input, for the last 64 inputs or so)."""
        text = self.text.value if hasattr(self, "text") else self.examples[0]
        if text not in self._cache:
            if len(self._cache) >= 64:
                self._cache.clear()
            self._cache[text] = check_translation(self.predict(text), text)
        return self._cache[text]

    def _step(self, result: Translation) -> int:
        step = int(self.step.value)
        if not 1 <= step <= len(result.beam):
            raise ValueError(
                f"The output has {len(result.beam)} steps: choose a step from 1 to {len(result.beam)}."
            )
        return step

    @staticmethod
    def _label_axes(ax, result: Translation) -> None:
        """The input's characters along the heatmap's x axis, the output's along its y axis."""
        ax.set_xticks(np.arange(len(result.text)), [visible(c) for c in result.text], fontsize="small")
        ax.set_yticks(np.arange(len(result.output)), list(result.output))
        ax.set_xlim(-0.5, len(result.text) - 0.5)
        ax.set_ylim(len(result.output) - 0.5, -0.5)

    def draw(self, figure: Figure) -> str:
        """Lay out the input's alignment and the beam; :meth:`refresh` shows the chosen step in them."""
        result = self.translation()
        step = self._step(result)
        grid = figure.add_gridspec(1, 2, width_ratios=[1.6, 1])
        ax = figure.add_subplot(grid[0, 0])
        view = {
            "text": result.text,
            "attention": result.alignment is not None,
            "beam_size": len(result.beam[step - 1]),
            "animated": [],
        }
        if result.alignment is None:
            ax.text(
                0.5,
                0.5,
                "This model has no attention:\nits decoder sees one fixed-size summary.",
                ha="center",
                va="center",
                transform=ax.transAxes,
            )
            ax.set(xticks=[], yticks=[], title="No alignment to show")
        else:
            view["picture"] = ax.imshow(
                np.full(result.alignment.shape, np.nan), cmap="viridis", vmin=0, vmax=1, aspect="auto"
            )
            view["outline"] = ax.add_patch(
                Rectangle((-0.5, step - 1.5), len(result.text), 1, fill=False, edgecolor="#d62728", lw=2)
            )
            self._label_axes(ax, result)
            ax.set(xlabel="input character", ylabel="output character (best hypothesis)")
            view["title"] = ax.set_title(" ", y=1.0)
            figure.colorbar(view["picture"], ax=ax, shrink=0.8, label="attention weight α")
            view["animated"] += [view["picture"], view["outline"], view["title"]]
        beam = result.beam[step - 1]
        ax_beam = figure.add_subplot(grid[0, 1])
        positions = np.arange(len(beam))
        view["bars"] = list(ax_beam.barh(positions[:1], [0.0], color="#d62728", label="best prefix"))
        if len(beam) > 1:
            view["bars"] += ax_beam.barh(
                positions[1:], np.zeros(len(beam) - 1), color="#1f77b4", label="other prefixes kept"
            )
        view["prefixes"] = [
            ax_beam.text(0.02, y, " ", va="center", family="monospace", fontsize="small") for y in positions
        ]
        ax_beam.set(
            xlim=(0, 1),
            yticks=positions,
            yticklabels=[f"#{i + 1}" for i in positions],
            xlabel="probability of the prefix",
        )
        view["beam_title"] = ax_beam.set_title(" ", y=1.0)
        ax_beam.invert_yaxis()
        ax_beam.legend(loc="lower right", fontsize="small")
        view["suptitle"] = figure.suptitle(f"{result.text!r} → {result.output!r}")
        self.animate(*view["animated"], *view["bars"], *view["prefixes"], view["beam_title"])
        self._view = view
        return self.refresh(figure)

    def refresh(self, figure: Figure) -> str | None:
        """Another step, with as many prefixes in the beam: the rows, outline and bars move. Another input (of a
        model with attention) relabels the heatmap's axes too, and the picture is rendered whole."""
        result = self.translation()
        step = self._step(result)
        view, beam = self._view, result.beam[step - 1]
        if (
            (result.alignment is not None) != view["attention"]
            or len(beam) != view["beam_size"]
            or (result.text != view["text"] and result.alignment is None)
        ):
            return None
        if result.text != view["text"]:
            self._label_axes(view["picture"].axes, result)
            view["picture"].set_extent((-0.5, len(result.text) - 0.5, len(result.output) - 0.5, -0.5))
            view["outline"].set_width(len(result.text))
            view["suptitle"].set_text(f"{result.text!r} → {result.output!r}")
            view["text"] = result.text
            self.redraw_background()
        if result.alignment is not None:
            shown = np.full(result.alignment.shape, np.nan)
            shown[:step] = result.alignment[:step]
            view["picture"].set_data(shown)
            view["outline"].set_y(step - 1.5)
            view["title"].set_text(f"Attention while writing output {step} of {len(result.output)}")
        for bar, text, (prefix, score) in zip(view["bars"], view["prefixes"], beam, strict=True):
            bar.set_width(np.exp(score))
            text.set_text(f"{prefix}   (log p = {score:.2f})")
            text.set_color("white" if np.exp(score) > 0.45 else "black")
        view["beam_title"].set_text(f"The beam after step {step}")
        best, score = beam[0]
        return (
            f"Step {step}: the beam keeps {len(beam)} prefixes; the best is <code>{best}</code> "
            f"(probability {np.exp(score):.3f})."
        )

    def static_states(self):
        """Steps through the first example's output, then the other examples at their last step."""
        length = len(self.translation().output)
        states = [(f"{self.text.value!r}, step {self.step.value}", None)]
        for step in (1, 2, 5, 8, length):
            if step != self.step.value and step <= length:
                states.append(
                    (f"{self.text.value!r}, step {step}", lambda s=step: setattr(self.step, "value", s))
                )
        for example in self.examples[1:6]:
            states.append((f"{example!r}, last step", lambda e=example: self._show(e)))
        return "state", states

    def _show(self, example: str) -> None:
        self.text.value = example
        self.step.max = len(self.translation().output)
        self.step.value = self.step.max
