"""AttentionViewer: the attention weights of a trained transformer, every layer and head, for a sequence you type.

The attention maths lives in :mod:`dlbook.attention`. The viewer needs no Keras: it is given a plain function from a
string to the attention weights of every layer.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure
from matplotlib.text import Text

from dlbook.checks import check_number
from dlbook.widgets.base import TYPED, FigureWidget

MAX_TICK_LABELS = 24  # beyond this many tokens, only every k-th is labelled on the heatmaps' axes
_VISIBLE = {" ": "␣", "\n": "↵", "\t": "⇥"}


# -- helpers for the viewer ---------------------------------------------------------------------------------------
def describe_alphabet(alphabet: str) -> str:
    """The characters of ``alphabet`` for a message, with runs such as ``0123456789`` written ``0-9``."""

    def kind(c: str) -> str:
        return "digit" if c.isdigit() else "upper" if c.isupper() else "lower" if c.islower() else c

    codes = sorted(set(map(ord, alphabet)))
    parts, start = [], 0
    for i in range(1, len(codes) + 1):
        if i == len(codes) or codes[i] != codes[i - 1] + 1 or kind(chr(codes[i])) != kind(chr(codes[i - 1])):
            run = codes[start:i]
            if len(run) >= 3:
                parts.append(f"{chr(run[0])}-{chr(run[-1])}")
            else:
                parts.extend(token_label(chr(c)) for c in run)
            start = i
    return " ".join(parts)


def check_sequence(text, alphabet: str, length: int | None = None, max_length: int | None = None) -> str:
    """Return ``text`` if a model with this ``alphabet`` can read it, else raise a ValueError saying what to type.

    ``length`` asks for exactly that many characters, ``max_length`` for at most that many.
    """
    allowed = describe_alphabet(alphabet)
    if not isinstance(text, str):
        raise ValueError(f"The sequence must be a string of the characters {allowed}; got {text!r}.")
    if not text:
        raise ValueError(
            f"Type a sequence of the characters {allowed}"
            + (f", exactly {length} of them." if length else ".")
        )
    bad = sorted(set(text) - set(alphabet))
    if bad:
        listed = ", ".join(repr(c) for c in bad[:5]) + (", ..." if len(bad) > 5 else "")
        raise ValueError(
            f"The model does not know the character{'s' if len(bad) > 1 else ''} {listed}: use only "
            f"{allowed}."
        )
    if length is not None and len(text) != length:
        raise ValueError(
            f"The model reads sequences of exactly {length} characters; this one has {len(text)}."
        )
    if max_length is not None and len(text) > max_length:
        raise ValueError(f"The model reads at most {max_length} characters; this sequence has {len(text)}.")
    return text


def token_label(token: str) -> str:
    """A character as the heatmaps' axes show it: a space as ␣, a newline as ↵, a tab as ⇥."""
    return _VISIBLE.get(token, token)


def check_attention_maps(maps, n: int) -> list[np.ndarray]:
    """The attention weights returned for a sequence of ``n`` tokens, as a list over layers of ``(heads, n, n)``.

    Accepted: a list (or tuple) with one array per layer, each ``(heads, n, n)`` or ``(1, heads, n, n)`` (a batch of
    one, as a Keras model returns it), or one array ``(layers, heads, n, n)``.
    """
    if isinstance(maps, np.ndarray) and maps.ndim == 4:
        maps = list(maps)
    if not isinstance(maps, list | tuple) or len(maps) == 0:
        raise ValueError(
            "attention_fn must return a list with one array of attention weights (heads, n, n) per "
            f"layer; it returned {type(maps).__name__}."
        )
    checked = []
    for layer, weights in enumerate(maps, start=1):
        weights = np.asarray(weights, dtype=float)
        if weights.ndim == 4 and weights.shape[0] == 1:
            weights = weights[0]
        if weights.ndim != 3 or weights.shape[0] < 1 or weights.shape[1:] != (n, n):
            raise ValueError(
                f"attention_fn returned weights of shape {weights.shape} for layer {layer}; for a "
                f"sequence of {n} tokens they must have shape (heads, {n}, {n})."
            )
        if not np.isfinite(weights).all():
            raise ValueError(f"attention_fn returned NaN or infinite weights for layer {layer}.")
        checked.append(weights)
    return checked


def head_focus(maps: list[np.ndarray]) -> np.ndarray:
    """How focused each head is: the largest weight of each query row, averaged over the rows.

    Returns ``(layers, max_heads)``; 1 means every query looks at a single key, ``1 / n`` means uniform attention.
    Heads a layer does not have are NaN.
    """
    heads = max(m.shape[0] for m in maps)
    focus = np.full((len(maps), heads), np.nan)
    for layer, weights in enumerate(maps):
        focus[layer, : weights.shape[0]] = weights.max(axis=-1).mean(axis=-1)
    return focus


def tick_step(n: int, max_labels: int = MAX_TICK_LABELS) -> int:
    """Label every ``tick_step``-th token so that at most ``max_labels`` labels fit along an axis."""
    return max(1, -(-n // max_labels))


def _tick_texts(ax, axis: str, ticks, fontsize: float) -> list[Text]:
    """Texts where the tick labels of ``axis`` ("x" or "y") go, for ``refresh`` to change (see :func:`_name_ticks`);
    the axis keeps its own labels, transparent, so that the layout and the axis label leave room for them."""
    getattr(ax, f"set_{axis}ticks")(ticks, [str(i) for i in ticks], fontsize=fontsize)
    ax.tick_params(axis=axis, labelcolor="none")
    tick = getattr(ax, f"{axis}axis").get_major_ticks()[0]
    transform, va, ha = getattr(ax, f"get_{axis}axis_text1_transform")(
        tick.get_pad() + tick.get_tick_padding()
    )
    return [
        ax.text(
            *((i, 0) if axis == "x" else (0, i)), " ", transform=transform, va=va, ha=ha, fontsize=fontsize
        )
        for i in ticks
    ]


def _name_ticks(ax, axis: str, texts: list[Text], names: list[str]) -> None:
    """Write ``names`` (one per tick) in the ``texts`` of :func:`_tick_texts`, and in the axis' own labels."""
    getattr(ax, f"set_{axis}ticklabels")(names)
    for text, name in zip(texts, names, strict=True):
        text.set_text(name)


# -- the widget -------------------------------------------------------------------------------------------------------
class AttentionViewer(FigureWidget):
    """Pick an example or type a sequence; see the attention weights of every layer (rows) and head (columns).

    ``attention_fn(text)`` returns the attention weights of a model for the string ``text``: a list over layers of
    arrays ``(heads, n, n)`` with ``n = len(text)`` (query positions on the first axis, keys on the second).
    ``examples`` are strings to pick from (the first is shown unless ``example`` says otherwise), ``alphabet`` the
    characters the model knows; ``length`` fixes the length of a sequence, ``max_length`` bounds it.
    ``output_fn(text)``, if given, returns the model's answer as a string, shown in the title.
    """

    figsize = (10.0, 5.4)

    def __init__(
        self,
        attention_fn: Callable,
        examples: Sequence[str],
        alphabet: str,
        length: int | None = None,
        max_length: int | None = None,
        output_fn: Callable | None = None,
        example: int = 0,
    ):
        if not callable(attention_fn):
            raise ValueError(
                "attention_fn must be a function from a string to a list of attention weights, one "
                "array (heads, n, n) per layer."
            )
        if output_fn is not None and not callable(output_fn):
            raise ValueError(
                "output_fn must be a function from a string to the model's output string, or None."
            )
        if not isinstance(alphabet, str) or not alphabet:
            raise ValueError("alphabet must be a non-empty string of the characters the model knows.")
        if length is not None and max_length is not None:
            raise ValueError(
                "Give length (every sequence has that length) or max_length (an upper bound), not both."
            )
        if length is not None:
            length = check_number("length", length, 1, integer=True)
        if max_length is not None:
            max_length = check_number("max_length", max_length, 1, integer=True)
        if isinstance(examples, str) or not isinstance(examples, Sequence) or len(examples) == 0:
            raise ValueError("examples must be a non-empty list of strings.")
        for i, text in enumerate(examples):
            try:
                check_sequence(text, alphabet, length, max_length)
            except ValueError as error:
                raise ValueError(f"Example {i} ({text!r}) cannot be shown: {error}") from None
        self.examples = list(dict.fromkeys(examples))
        check_number("example", example, 0, len(self.examples) - 1, integer=True)
        self.attention_fn, self.output_fn = attention_fn, output_fn
        self.alphabet, self.length, self.max_length = alphabet, length, max_length
        self._cache: dict[str, list[np.ndarray]] = {}
        first = self.examples[example]
        # a wrong attention_fn fails here, with its message, rather than in the status line
        self.attention(first)

        self.example = widgets.Dropdown(
            options=[(text, text) for text in self.examples] + [(TYPED, TYPED)],
            value=first,
            description="example",
            layout=widgets.Layout(width="300px"),
        )
        what = (
            f"{length} characters"
            if length
            else f"up to {max_length} characters"
            if max_length
            else "characters"
        )
        self.text = widgets.Text(
            value=first,
            description="sequence",
            continuous_update=False,
            placeholder=f"{what}: {describe_alphabet(alphabet)}",
            layout=widgets.Layout(width="420px"),
        )
        super().__init__([self.example, self.text])
        self.on_change(self.example, self._example_chosen)
        self.on_change(self.text, self._text_typed)
        self.update()

    def _example_chosen(self, example: str) -> None:
        if example != TYPED:
            self.text.value = example

    def _text_typed(self, text: str) -> None:
        self.example.value = text if text in self.examples else TYPED

    def sequence(self) -> str:
        """The sequence in the text box, checked against the alphabet and the length (a ValueError if it fails)."""
        text = self.text.value
        if " " not in self.alphabet:
            text = text.strip()
        return check_sequence(text, self.alphabet, self.length, self.max_length)

    def attention(self, text: str) -> list[np.ndarray]:
        """The model's attention weights for ``text`` (checked), computed once per sequence."""
        if text not in self._cache:
            self._cache[text] = check_attention_maps(self.attention_fn(text), len(text))
        return self._cache[text]

    def static_states(self):
        """The sequence shown, then the other examples."""
        shown = self.text.value
        others = [text for text in self.examples if text != shown]
        return "example", [
            (shown, None),
            *((text, lambda text=text: setattr(self.example, "value", text)) for text in others),
        ]

    def draw(self, figure: Figure) -> str:
        """Lay out one heatmap per layer and head for sequences of this length; :meth:`refresh` fills them."""
        text = self.sequence()
        maps = self.attention(text)
        n, layers = len(text), len(maps)
        heads = max(m.shape[0] for m in maps)
        step = tick_step(n)
        ticks = np.arange(0, n, step)
        axis_kind = "" if step == 1 else " position"
        fontsize = 7 if n > 12 else 8
        # one colour scale for every example (and for a typed sequence that fits in it): the colour bar stays put
        top = max(self._top(), *(float(m.max()) for m in maps))
        axes = figure.subplots(layers, heads, squeeze=False, sharex=True, sharey=True)
        view = {
            "n": n,
            "shape": [m.shape for m in maps],
            "top": top,
            "ticks": ticks,
            "images": [],
            "labels": [],
        }
        for layer, weights in enumerate(maps):
            for head in range(heads):
                ax = axes[layer, head]
                if head >= weights.shape[0]:
                    ax.set_axis_off()
                    continue
                image = ax.imshow(
                    np.zeros((n, n)),
                    cmap="viridis",
                    vmin=0,
                    vmax=top if top > 0 else 1,
                    interpolation="nearest",
                )
                view["images"].append(image)
                ax.set_title(f"layer {layer + 1}, head {head + 1}", fontsize="small")
                ax.tick_params(length=0, pad=1)
                if head == 0:
                    ax.set_ylabel(f"query{axis_kind} (attends)")
                    view["labels"].append((ax, "y", _tick_texts(ax, "y", ticks, fontsize)))
                if layer == layers - 1:
                    ax.set_xlabel(f"key{axis_kind} (attended to)")
                    view["labels"].append((ax, "x", _tick_texts(ax, "x", ticks, fontsize)))
        figure.colorbar(image, ax=axes, shrink=0.85, label="attention weight", pad=0.01)
        view["title"] = figure.suptitle(" ", fontsize="medium")
        self.animate(
            *view["images"], *(text for *_, texts in view["labels"] for text in texts), view["title"]
        )
        self._view = view
        return self.refresh(figure)

    def _top(self) -> float:
        """The largest attention weight of the examples (their maps are computed once)."""
        return max(float(m.max()) for text in self.examples for m in self.attention(text))

    def refresh(self, figure: Figure) -> str | None:
        """Another sequence of the same length (within the colour scale): new heatmaps, tokens and title."""
        text = self.sequence()
        maps = self.attention(text)
        view = self._view
        if (len(text), [m.shape for m in maps]) != (view["n"], view["shape"]) or max(
            m.max() for m in maps
        ) > view["top"]:
            return None  # other heatmaps, or another colour scale
        images = iter(view["images"])
        for weights in maps:
            for head in weights:
                next(images).set_data(head)
        # each token under its own tick; beyond MAX_TICK_LABELS tokens, every step-th position's number instead
        names = [
            token_label(c).replace("$", r"\$") if tick_step(len(text)) == 1 else str(i)
            for i, c in enumerate(text)
        ]
        for ax, axis, texts in view["labels"]:
            _name_ticks(ax, axis, texts, [names[i] for i in view["ticks"]])
        output = None if self.output_fn is None else str(self.output_fn(text))
        title = f"Attention weights for the input {text!r}"
        if output is not None:
            title += f"  →  model output {output!r}"
        title = title if len(title) <= 110 else title[:107] + "..."
        view["title"].set_text(title.replace("$", r"\$"))  # a typed $ is text, not mathematics
        n, layers = len(text), len(maps)
        heads = max(m.shape[0] for m in maps)
        focus = head_focus(maps)
        best = np.unravel_index(np.nanargmax(focus), focus.shape)
        status = (
            f"{n} tokens, {layers} layer{'s' if layers > 1 else ''} × {heads} head{'s' if heads > 1 else ''}"
            f" &nbsp;·&nbsp; each row is a query and sums to 1 &nbsp;·&nbsp; the most focused head is layer "
            f"{best[0] + 1}, head {best[1] + 1}: a query gives its top key {focus[best]:.0%} of its weight on "
            f"average (uniform would be {1 / n:.0%})"
        )
        if output is not None:
            status += f" &nbsp;·&nbsp; model output <code>{html.escape(output)}</code>"
        return status
