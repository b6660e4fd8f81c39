"""AttentionViewer: the attention weights of a trained transformer, every layer and head, for a sequence you type.

The computation lives in pure NumPy functions that follow Keras's conventions: :func:`scaled_dot_product_attention`
is what ``keras.layers.MultiHeadAttention`` computes inside each head (boolean masks, True = "may attend"; a
row whose keys are all masked gets weights 0, as in Keras), :func:`causal_mask` is the mask of
``use_causal_mask=True``, :func:`padding_mask` marks the real tokens of padded sequences, and
:func:`positional_encoding` is the sinusoidal encoding of Vaswani et al. (2017). The viewer needs no Keras: it is
given a plain function from a string to the attention weights of every layer.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from dlbook.checks import check_number
from dlbook.widgets.base import FigureWidget

CUSTOM = "__typed__"  # the dropdown's value while the text box holds a sequence that is not one of the examples
MAX_TICK_LABELS = 24  # beyond this many tokens, only every k-th is labelled on the heatmaps' axes
_VISIBLE = {" ": "␣", "\n": "↵", "\t": "⇥"}


# -- pure functions ---------------------------------------------------------------------------------------------------
def softmax(scores, axis: int = -1) -> np.ndarray:
    """The softmax along ``axis``, computed stably: the maximum is subtracted before the exponential."""
    scores = np.asarray(scores, dtype=float)
    shifted = scores - np.max(scores, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=axis, keepdims=True)


def _as_mask(mask, shape: tuple[int, ...]) -> np.ndarray:
    mask = np.asarray(mask)
    if mask.dtype != bool:
        if mask.size and not np.isin(mask, (0, 1)).all():
            raise ValueError("The mask must be boolean (True where a query may attend to a key), or zeros and ones.")
        mask = mask.astype(bool)
    try:
        full = np.broadcast_shapes(mask.shape, shape)
    except ValueError:
        full = None
    if full is None or full[-2:] != shape[-2:]:
        raise ValueError(f"The mask of shape {mask.shape} does not broadcast to the attention scores' shape {shape} "
                         "(..., queries, keys).")
    return mask


def scaled_dot_product_attention(q, k, v, mask=None) -> tuple[np.ndarray, np.ndarray]:
    """Attention of queries ``q`` on keys ``k`` and values ``v``: returns ``(output, weights)``.

    Shapes: ``q`` ``(..., n_q, d_k)``, ``k`` ``(..., n_k, d_k)``, ``v`` ``(..., n_k, d_v)``; the leading
    (batch, head) dimensions broadcast. The weights are ``softmax(q k^T / sqrt(d_k))`` over the keys, shape
    ``(..., n_q, n_k)``, and the output is ``weights @ v``, shape ``(..., n_q, d_v)``. ``mask`` is boolean and
    broadcastable to ``(..., n_q, n_k)``: True means "this query may attend to this key". A masked score becomes
    -inf before the softmax, so its weight is exactly 0; a query whose keys are all masked gets weights 0 (and an
    output of zeros), as in ``keras.layers.MultiHeadAttention``. The softmax subtracts each row's maximum, so large
    scores do not overflow.
    """
    q, k, v = (np.asarray(a, dtype=float) for a in (q, k, v))
    if min(q.ndim, k.ndim, v.ndim) < 2:
        raise ValueError(f"q, k and v need at least 2 dimensions (..., length, depth); got shapes {q.shape}, "
                         f"{k.shape} and {v.shape}.")
    if q.shape[-1] != k.shape[-1] or q.shape[-1] < 1:
        raise ValueError(f"Queries and keys must have the same depth d_k >= 1: q has {q.shape[-1]}, k has "
                         f"{k.shape[-1]}.")
    if k.shape[-2] != v.shape[-2] or k.shape[-2] < 1:
        raise ValueError(f"There must be one value per key (at least one): k has {k.shape[-2]} keys, v has "
                         f"{v.shape[-2]} values.")
    scores = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
    if mask is not None:
        mask = _as_mask(mask, scores.shape)
        scores = np.where(mask, scores, -np.inf)
    row_max = np.max(scores, axis=-1, keepdims=True)
    row_max = np.where(np.isfinite(row_max), row_max, 0.0)  # a fully masked row: every score is -inf
    weights = np.exp(scores - row_max)
    total = weights.sum(axis=-1, keepdims=True)
    weights = np.divide(weights, total, out=np.zeros_like(weights), where=total > 0)
    return weights @ v, weights


def causal_mask(n: int) -> np.ndarray:
    """The ``(n, n)`` boolean mask of a decoder: position ``i`` may attend to positions ``j <= i`` only."""
    n = check_number("The sequence length n", n, 1, integer=True)
    return np.tril(np.ones((n, n), dtype=bool))


def padding_mask(lengths, n: int) -> np.ndarray:
    """``(batch, n)`` boolean: True at the first ``lengths[b]`` positions of sequence ``b``, False on its padding.

    As keys, add an axis for the queries: ``padding_mask(lengths, n)[:, None, :]`` has shape ``(batch, 1, n)``.
    """
    n = check_number("The padded length n", n, 1, integer=True)
    lengths = np.asarray(lengths)
    if lengths.ndim != 1 or lengths.size == 0 or not np.issubdtype(lengths.dtype, np.integer):
        raise ValueError(f"lengths must be a 1-D array of whole numbers, one per sequence; got {lengths!r}.")
    if lengths.min() < 1 or lengths.max() > n:
        raise ValueError(f"Every length must be from 1 to the padded length {n}; got {lengths.tolist()}.")
    return np.arange(n) < lengths[:, None]


def positional_encoding(length: int, depth: int) -> np.ndarray:
    """The sinusoidal positional encoding, shape ``(length, depth)``.

    Column ``2i`` holds ``sin(pos / 10000**(2i / depth))`` and column ``2i + 1`` holds ``cos`` of the same angle,
    for positions ``pos = 0 .. length - 1``. For an odd depth the last column is a sine (its cosine would be
    column ``depth``, which does not exist).
    """
    length = check_number("The length", length, 1, integer=True)
    depth = check_number("The depth", depth, 1, integer=True)
    position = np.arange(length)[:, None]
    column = np.arange(depth)
    angle = position / 10000.0 ** (2 * (column // 2) / depth)
    return np.where(column % 2 == 0, np.sin(angle), np.cos(angle))


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
        raise ValueError(f"Type a sequence of the characters {allowed}"
                         + (f", exactly {length} of them." if length else "."))
    bad = sorted(set(text) - set(alphabet))
    if bad:
        listed = ", ".join(repr(c) for c in bad[:5]) + (", ..." if len(bad) > 5 else "")
        raise ValueError(f"The model does not know the character{'s' if len(bad) > 1 else ''} {listed}: use only "
                         f"{allowed}.")
    if length is not None and len(text) != length:
        raise ValueError(f"The model reads sequences of exactly {length} characters; this one has {len(text)}.")
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
        raise ValueError("attention_fn must return a list with one array of attention weights (heads, n, n) per "
                         f"layer; it returned {type(maps).__name__}.")
    checked = []
    for layer, weights in enumerate(maps, start=1):
        weights = np.asarray(weights, dtype=float)
        if weights.ndim == 4 and weights.shape[0] == 1:
            weights = weights[0]
        if weights.ndim != 3 or weights.shape[0] < 1 or weights.shape[1:] != (n, n):
            raise ValueError(f"attention_fn returned weights of shape {weights.shape} for layer {layer}; for a "
                             f"sequence of {n} tokens they must have shape (heads, {n}, {n}).")
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
        focus[layer, :weights.shape[0]] = weights.max(axis=-1).mean(axis=-1)
    return focus


def tick_step(n: int, max_labels: int = MAX_TICK_LABELS) -> int:
    """Label every ``tick_step``-th token so that at most ``max_labels`` labels fit along an axis."""
    return max(1, -(-n // max_labels))


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

    def __init__(self, attention_fn: Callable, examples: Sequence[str], alphabet: str, length: int | None = None,
                 max_length: int | None = None, output_fn: Callable | None = None, example: int = 0):
        if not callable(attention_fn):
            raise ValueError("attention_fn must be a function from a string to a list of attention weights, one "
                             "array (heads, n, n) per layer.")
        if output_fn is not None and not callable(output_fn):
            raise ValueError("output_fn must be a function from a string to the model's output string, or None.")
        if not isinstance(alphabet, str) or not alphabet:
            raise ValueError("alphabet must be a non-empty string of the characters the model knows.")
        if length is not None and max_length is not None:
            raise ValueError("Give length (every sequence has that length) or max_length (an upper bound), not both.")
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
        self.attention(first)  # a wrong attention_fn fails here, with its message, rather than in the status line

        self.example = widgets.Dropdown(options=[(text, text) for text in self.examples]
                                        + [("your own (type it)", CUSTOM)], value=first, description="example",
                                        layout=widgets.Layout(width="300px"))
        what = f"{length} characters" if length else f"up to {max_length} characters" if max_length else "characters"
        self.text = widgets.Text(value=first, description="sequence", continuous_update=False,
                                 placeholder=f"{what}: {describe_alphabet(alphabet)}",
                                 layout=widgets.Layout(width="420px"))
        super().__init__([self.example, self.text])
        self.on_change(self.example, self._example_chosen)
        self.on_change(self.text, self._text_typed)
        self.update()

    def _example_chosen(self, example: str) -> None:
        if example != CUSTOM:
            self.text.value = example

    def _text_typed(self, text: str) -> None:
        self.example.value = text if text in self.examples else CUSTOM

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
        return "example", [(shown, None), *((text, lambda text=text: setattr(self.example, "value", text))
                                            for text in others)]

    def draw(self, figure: Figure) -> str:
        text = self.sequence()
        maps = self.attention(text)
        n, layers = len(text), len(maps)
        heads = max(m.shape[0] for m in maps)
        step = tick_step(n)
        ticks = np.arange(0, n, step)
        # each token under its own tick; beyond MAX_TICK_LABELS tokens, every step-th position's number instead
        labels = [token_label(c).replace("$", r"\$") for c in text] if step == 1 else [str(i) for i in range(n)]
        axis_kind = "" if step == 1 else " position"
        top = max(float(m.max()) for m in maps)
        axes = figure.subplots(layers, heads, squeeze=False, sharex=True, sharey=True)
        image = None
        for layer, weights in enumerate(maps):
            for head in range(heads):
                ax = axes[layer, head]
                if head >= weights.shape[0]:
                    ax.set_axis_off()
                    continue
                image = ax.imshow(weights[head], cmap="viridis", vmin=0, vmax=top if top > 0 else 1,
                                  interpolation="nearest")
                ax.set_title(f"layer {layer + 1}, head {head + 1}", fontsize="small")
                ax.set_xticks(ticks, [labels[i] for i in ticks], fontsize=7 if n > 12 else 8)
                ax.set_yticks(ticks, [labels[i] for i in ticks], fontsize=7 if n > 12 else 8)
                ax.tick_params(length=0, pad=1)
                if head == 0:
                    ax.set_ylabel(f"query{axis_kind} (attends)")
                if layer == layers - 1:
                    ax.set_xlabel(f"key{axis_kind} (attended to)")
        figure.colorbar(image, ax=axes, shrink=0.85, label="attention weight", pad=0.01)
        output = None if self.output_fn is None else str(self.output_fn(text))
        title = f"Attention weights for the input {text!r}"
        if output is not None:
            title += f"  →  model output {output!r}"
        title = title if len(title) <= 110 else title[:107] + "..."
        figure.suptitle(title.replace("$", r"\$"), fontsize="medium")  # a typed $ is text, not mathematics
        focus = head_focus(maps)
        best = np.unravel_index(np.nanargmax(focus), focus.shape)
        status = (f"{n} tokens, {layers} layer{'s' if layers > 1 else ''} × {heads} head{'s' if heads > 1 else ''}"
                  f" &nbsp;·&nbsp; each row is a query and sums to 1 &nbsp;·&nbsp; the most focused head is layer "
                  f"{best[0] + 1}, head {best[1] + 1}: a query gives its top key {focus[best]:.0%} of its weight on "
                  f"average (uniform would be {1 / n:.0%})")
        if output is not None:
            status += f" &nbsp;·&nbsp; model output <code>{html.escape(output)}</code>"
        return status
