"""SamplingExplorer: how temperature, top-k and top-p reshape a language model's next-token distribution, a
continuation sampled with those settings, and the byte-pair merges that cut the prompt into tokens.

The widget trains nothing: it takes a function that returns the model's next-token logits for a sequence of token
ids, the tokenizer's ``encode`` and ``decode``, its vocabulary and its merges. The computation is
:func:`dlbook.tokens.decoding_distribution` and :func:`dlbook.tokens.bpe_segment`.
"""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from dlbook.activations import softmax
from dlbook.checks import check_number
from dlbook.tokens import bpe_segment, bpe_steps, decoding_distribution, pretokenize
from dlbook.widgets.base import FigureWidget, int_slider

N_BARS = 15  # the most probable tokens shown
MAX_TOP_K = 50
# the panels (bars, sample, tokens) as (left, bottom, width, height) of the figure
BOXES = ((0.058, 0.513, 0.938, 0.442), (0.058, 0.256, 0.938, 0.141), (0.058, 0.007, 0.938, 0.201))
COLORS = ("#c6dbef", "#fdd0a2", "#c7e9c0", "#dadaeb", "#fcbba1", "#d9d9d9")


def prompt_merge_ranks(prompt: str, merges) -> list[int]:
    """The ranks of the merges that byte-pair encoding applies to the words of ``prompt``, in increasing order."""
    ranks = set()
    for word in pretokenize(prompt):
        ranks |= {rank for rank, _ in bpe_steps(word, merges)[1:]}
    return sorted(ranks)


def segment_after(prompt: str, merges, ranks: list[int], step: int) -> list[str]:
    """The prompt's tokens when only the first ``step`` merges of ``ranks`` (of those that apply) are allowed."""
    step = check_number("The merge step", step, 0, len(ranks), integer=True)
    allowed = list(merges[: ranks[step - 1] + 1]) if step else []
    return [token for word in pretokenize(prompt) for token in bpe_segment(word, allowed)]


def sample_continuation(
    next_logits, ids, n_tokens: int, temperature: float, top_k, top_p, seed: int
) -> list[int]:
    """``n_tokens`` ids drawn one at a time from ``decoding_distribution`` of ``next_logits(ids so far)``."""
    rng = np.random.default_rng(seed)
    ids, new = list(ids), []
    for _ in range(n_tokens):
        p = decoding_distribution(next_logits(np.array(ids)), temperature, top_k, top_p)
        token = int(min(np.searchsorted(np.cumsum(p), rng.random(), side="right"), len(p) - 1))
        ids.append(token)
        new.append(token)
    return new


class SamplingExplorer(FigureWidget):
    """Next-token probabilities before and after temperature, top-k and top-p, a sampled continuation, and the BPE
    merges of the prompt.

    ``next_logits(ids)`` returns the logits (V,) of the token after the 1-D array ``ids``; ``encode(text)`` and
    ``decode(ids)`` are the tokenizer's; ``vocabulary`` lists the V token strings; ``prompts`` the prompts to choose
    from; ``merges`` the tokenizer's merges in the order they were learned. ``top_k`` 0 and ``top_p`` 1 turn the
    filters off.
    """

    figsize = (9.6, 5.6)

    def __init__(
        self,
        next_logits,
        encode,
        decode,
        vocabulary,
        prompts,
        merges,
        temperature: float = 1.0,
        top_k: int = 0,
        top_p: float = 1.0,
        n_tokens: int = 24,
        seed: int = 0,
    ):
        self.next_logits, self.encode, self.decode = next_logits, encode, decode
        self.vocabulary = [str(token) for token in vocabulary]
        self.merges = [tuple(pair) for pair in merges]
        prompts = [str(p) for p in prompts]
        if not prompts or any(not p for p in prompts):
            raise ValueError("Give at least one prompt, and no empty one.")
        self.n_tokens = check_number("The number of tokens to sample", n_tokens, 1, 200, integer=True)
        self.prompt = widgets.Dropdown(options=prompts, value=prompts[0], description="prompt")
        self.temperature = widgets.FloatSlider(
            value=temperature, min=0.1, max=2.0, step=0.05, description="temperature", continuous_update=False
        )
        self.top_k = widgets.IntSlider(
            value=top_k,
            min=0,
            max=min(MAX_TOP_K, len(self.vocabulary)),
            description="top-k (0: off)",
            continuous_update=False,
        )
        self.top_p = widgets.FloatSlider(
            value=top_p, min=0.05, max=1.0, step=0.05, description="top-p", continuous_update=False
        )
        self.seed = int_slider("seed", seed, 0, 99, "seed")
        ranks = prompt_merge_ranks(prompts[0], self.merges)
        self.merge = widgets.IntSlider(
            value=len(ranks), min=0, max=len(ranks), description="BPE merge", continuous_update=False
        )
        self._prompts: dict[str, tuple] = {}
        self._continuations: dict[tuple, str] = {}
        super().__init__([self.prompt, self.temperature, self.top_k, self.top_p, self.seed, self.merge])
        self.on_change(self.prompt, self._new_prompt)
        self.update()

    def _new_prompt(self, prompt) -> None:
        ranks = prompt_merge_ranks(prompt, self.merges)
        self.merge.max = max(len(ranks), 1)
        self.merge.value = len(ranks)
        self.merge.max = len(ranks)

    def _settings(self):
        temperature = self.temperature.value
        if not np.isfinite(temperature) or temperature <= 0:
            raise ValueError("The temperature must be a positive number: the logits are divided by it.")
        top_p = self.top_p.value
        if not np.isfinite(top_p) or not 0 < top_p <= 1:
            raise ValueError("top-p is a probability mass, more than 0 and at most 1.")
        top_k = int(self.top_k.value)
        if top_k < 0:
            raise ValueError("top-k counts tokens: 0 (off) or more.")
        return temperature, (top_k or None), (top_p if top_p < 1 else None)

    def _prompt_view(self, prompt: str):
        """What depends on the prompt alone, computed once per prompt: ``(ids, logits, before, shown, ranks)``."""
        if prompt not in self._prompts:
            ids = np.asarray(self.encode(prompt))
            logits = np.asarray(self.next_logits(ids), dtype=float)
            before = softmax(logits)
            shown = np.argsort(-before, kind="stable")[:N_BARS]
            self._prompts[prompt] = ids, logits, before, shown, prompt_merge_ranks(prompt, self.merges)
        return self._prompts[prompt]

    def _continuation(self, prompt: str, ids, temperature: float, top_k, top_p, seed: int) -> str:
        """The sampled continuation, drawn once per prompt and settings."""
        key = (prompt, temperature, top_k, top_p, seed)
        if key not in self._continuations:
            if len(self._continuations) >= 256:
                self._continuations.clear()
            continuation = sample_continuation(
                self.next_logits, ids, self.n_tokens, temperature, top_k, top_p, seed
            )
            self._continuations[key] = self.decode(continuation)
        return self._continuations[key]

    def draw(self, figure: Figure) -> str:
        """Lay out the three panels once; :meth:`refresh` sets the bars, the sample and the tokens."""
        # fixed boxes (where the layout engine puts them): the token names' widths then never move a panel, so a
        # refresh after a new prompt shows exactly what a fresh draw does
        figure.set_layout_engine("none")
        ax, ax_text, ax_bpe = (figure.add_axes(box) for box in BOXES)
        x = np.arange(min(N_BARS, len(self.vocabulary)))
        view = {
            "before": ax.bar(
                x - 0.2,
                np.zeros(len(x)),
                width=0.4,
                color="#bbbbbb",
                label="model (temperature 1, no filter)",
            ),
            "after": ax.bar(
                x + 0.2, np.zeros(len(x)), width=0.4, color="#1f77b4", label="after temperature, top-k, top-p"
            ),
            "tokens": [],
            "segment": None,
        }
        # the tokens' names are written where tick labels would be, as texts that refresh() changes with the prompt
        ax.set_xticks(x, [""] * len(x))
        transform, va, _ = ax.get_xaxis_text1_transform(
            ax.xaxis.get_major_ticks()[0].get_pad() + ax.xaxis.get_major_ticks()[0].get_tick_padding()
        )
        view["names"] = [
            ax.text(k, 0, " ", transform=transform, rotation=45, ha="right", va=va, fontsize="small")
            for k in x
        ]
        view["title"] = ax.set_title(" ")
        ax.set(ylabel="probability", ylim=(0, 1.05))  # every distribution fits, so that the bars compare
        ax.legend(fontsize="small")
        ax_text.axis("off")
        view["sample"] = ax_text.text(0, 0.5, " ", wrap=True, fontsize=10, va="center", family="monospace")
        view["sample_title"] = ax_text.set_title(" ", fontsize="small", loc="left")
        ax_bpe.axis("off")
        ax_bpe.set_ylim(0, 1)
        view["bpe_title"] = ax_bpe.set_title(" ", fontsize="small", loc="left")
        self.animate(
            *view["before"],
            *view["after"],
            *view["names"],
            view["title"],
            view["sample"],
            view["sample_title"],
            view["bpe_title"],
        )
        self._view = view
        return self.refresh(figure)

    def refresh(self, figure: Figure) -> str:
        """Any change of the controls: set the bars, the tokens' names, the sample and the prompt's tokens."""
        temperature, top_k, top_p = self._settings()
        prompt, view = self.prompt.value, self._view
        ids, logits, before, shown, ranks = self._prompt_view(prompt)
        after = decoding_distribution(logits, temperature, top_k, top_p)
        for grey, blue, name, token in zip(view["before"], view["after"], view["names"], shown, strict=True):
            grey.set_height(before[token])
            blue.set_height(after[token])
            name.set_text(repr(self.vocabulary[token])[1:-1].replace(" ", "␣"))
        view["title"].set_text(f"Next token after {prompt!r}")
        sample = prompt + "▸" + self._continuation(prompt, ids, temperature, top_k, top_p, self.seed.value)
        view["sample"].set_text(sample.replace("\n", " "))
        view["sample_title"].set_text(
            f"A continuation of {self.n_tokens} tokens (seed {self.seed.value}); ▸ marks the prompt's end"
        )
        step = min(self.merge.value, len(ranks))
        tokens = self._show_tokens(prompt, ranks, step)
        merged = "" if step == 0 else " (the last: {!r} + {!r})".format(*self.merges[ranks[step - 1]])
        view["bpe_title"].set_text(
            f"Byte-pair encoding of the prompt after {step} of the {len(ranks)} merges that "
            f"apply{merged}: {len(tokens)} tokens"
        )
        kept = int((after > 0).sum())
        return (
            f"{kept} of {len(after)} tokens can be drawn; the {len(shown)} most probable hold "
            f"{before[shown].sum():.0%} of the model's probability. The prompt is {len(ids)} tokens long."
        )

    def _show_tokens(self, prompt: str, ranks: list[int], step: int) -> list[str]:
        """The prompt's tokens after ``step`` merges, as boxes (made again only when the segmentation changes)."""
        view = self._view
        tokens = segment_after(prompt, self.merges, ranks, step)
        if view["segment"] != (prompt, step):
            ax_bpe = view["bpe_title"].axes
            for text in view["tokens"]:
                text.remove()
            # about one unit per character
            ax_bpe.set_xlim(0, max(sum(len(t) for t in tokens) + len(tokens), 110))
            position, view["tokens"] = 0.0, []
            for i, token in enumerate(tokens):
                view["tokens"].append(
                    self.animate(
                        ax_bpe.text(
                            position + 0.1,
                            0.45,
                            token.replace(" ", "␣"),
                            family="monospace",
                            fontsize=10,
                            va="center",
                            bbox=dict(boxstyle="round,pad=0.25", fc=COLORS[i % len(COLORS)], ec="#666666"),
                        )
                    )
                )
                position += len(token) + 1
            view["segment"] = (prompt, step)
        return tokens

    def static_states(self):
        """Sharper and flatter temperatures, the filters, and the BPE merges from characters."""
        states = [
            ("as shown", None),
            ("temperature 0.5", lambda: self._set(temperature=0.5)),
            ("temperature 1.5", lambda: self._set(temperature=1.5)),
            ("temperature 1, top-k 5", lambda: self._set(temperature=1.0, top_k=5, top_p=1.0)),
            ("top-k off, top-p 0.5", lambda: self._set(top_k=0, top_p=0.5)),
            ("BPE: characters only", lambda: self._set(top_p=1.0, merge=0)),
        ]
        if len(self.prompt.options) > 1:
            states.append(
                (f"prompt {self.prompt.options[1]!r}", lambda: self._set(prompt=self.prompt.options[1]))
            )
        return "settings", states

    def _set(self, **values) -> None:
        with self.hold():
            for name, value in values.items():
                getattr(self, name).value = value
