"""Tokens for transformers (chapter 16): byte-pair encoding from scratch, the filters of the decoding strategies,
a measure of repetition, and the patches that make an image a sequence of tokens.

Byte-pair encoding (Sennrich, Haddow and Birch 2016) starts from single characters and repeatedly merges the most
frequent pair of adjacent symbols into a new symbol; the list of merges, in the order they were learned, is the
tokenizer. Text is first cut into "words" (:func:`pretokenize`), and merges never cross a word's boundary. Here a
word keeps the space before it, as in GPT-2, so that joining the tokens gives back the text exactly.

Decoding filters take logits (any leading axes, the vocabulary last) and return logits in which the tokens that may
not be drawn are set to ``-inf``: top-k keeps the ``k`` largest, nucleus (top-p, Holtzman et al. 2020) keeps the
smallest set of most probable tokens whose probabilities add up to at least ``p``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import numpy as np

from dlbook.activations import softmax
from dlbook.checks import check_number

# A word: letters, digits or other marks, each with the one space before it; runs of other white space alone.
WORD_PATTERN = r" ?[A-Za-z]+| ?[0-9]+| ?[^\sA-Za-z0-9]+|\s+(?!\S)|\s+"


def pretokenize(text: str) -> list[str]:
    """Cut ``text`` into words (see ``WORD_PATTERN``); ``"".join(pretokenize(text)) == text``."""
    return re.findall(WORD_PATTERN, text)


def _merged(symbols: tuple, pair: tuple[str, str]) -> tuple:
    """``symbols`` with every occurrence of ``pair`` (left to right, not overlapping) replaced by one symbol."""
    out, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and symbols[i] == pair[0] and symbols[i + 1] == pair[1]:
            out.append(pair[0] + pair[1])
            i += 2
        else:
            out.append(symbols[i])
            i += 1
    return tuple(out)


def train_bpe(text: str, n_merges: int) -> list[tuple[str, str]]:
    """Learn up to ``n_merges`` byte-pair merges from ``text``: each time, the most frequent adjacent pair of
    symbols within a word becomes one symbol. Stops early when no pair is left. Ties go to the pair whose symbols
    were created first (characters in code-point order, then merged symbols in the order they were learned), as in
    Hugging Face's ``tokenizers``."""
    n_merges = check_number("The number of merges", n_merges, 0, integer=True)
    counts = Counter(pretokenize(text))
    words = [tuple(word) for word in counts]
    freqs = [counts[word] for word in counts]
    pairs: Counter = Counter()
    where: dict[tuple[str, str], set[int]] = defaultdict(set)
    for index, (word, freq) in enumerate(zip(words, freqs, strict=True)):
        for pair in zip(word, word[1:], strict=False):
            pairs[pair] += freq
            where[pair].add(index)
    order = {symbol: i for i, symbol in enumerate(sorted(set(text)))}
    merges = []
    for _ in range(n_merges):
        if not pairs:
            break
        best = min(pairs.items(), key=lambda item: (-item[1], order[item[0][0]], order[item[0][1]]))[0]
        merges.append(best)
        order.setdefault(best[0] + best[1], len(order))
        for index in sorted(where.pop(best, ())):
            word, freq = words[index], freqs[index]
            for pair in zip(word, word[1:], strict=False):
                pairs[pair] -= freq
                if pairs[pair] <= 0:
                    del pairs[pair]
            word = _merged(word, best)
            words[index] = word
            for pair in zip(word, word[1:], strict=False):
                pairs[pair] += freq
                where[pair].add(index)
        pairs.pop(best, None)
    return merges


def bpe_steps(word: str, merges) -> list[tuple[int, tuple[str, ...]]]:
    """How BPE segments one word: ``[(merge rank, symbols after it), ...]``, starting with ``(-1, characters)``.
    At each step the pair present in the word with the lowest rank (learned earliest) is merged everywhere."""
    ranks = {tuple(pair): rank for rank, pair in enumerate(merges)}
    symbols = tuple(word)
    steps = [(-1, symbols)]
    while len(symbols) > 1:
        present = [ranks[pair] for pair in zip(symbols, symbols[1:], strict=False) if pair in ranks]
        if not present:
            break
        rank = min(present)
        symbols = _merged(symbols, tuple(merges[rank]))
        steps.append((rank, symbols))
    return steps


def bpe_segment(word: str, merges) -> tuple[str, ...]:
    """The BPE tokens of one word (see :func:`bpe_steps`)."""
    return bpe_steps(word, merges)[-1][1]


class BPETokenizer:
    """Byte-pair encoding with learned ``merges`` over an ``alphabet`` of single characters.

    The vocabulary is the alphabet (sorted) followed by the merged symbols in the order they were learned; ``encode``
    maps text to ids, ``decode`` maps ids back to text, exactly.
    """

    def __init__(self, merges, alphabet: str):
        self.merges = [tuple(pair) for pair in merges]
        self.vocabulary = sorted(set(alphabet))
        self.vocabulary += [a + b for a, b in self.merges if a + b not in self.vocabulary]
        self.index = {token: i for i, token in enumerate(self.vocabulary)}
        self._cache: dict[str, list[int]] = {}

    @classmethod
    def train(cls, text: str, n_merges: int, alphabet: str | None = None) -> BPETokenizer:
        """Learn ``n_merges`` merges from ``text``; the alphabet is its characters plus any in ``alphabet``."""
        return cls(train_bpe(text, n_merges), "".join(set(text) | set(alphabet or "")))

    def __len__(self) -> int:
        return len(self.vocabulary)

    def tokens(self, text: str) -> list[str]:
        """The tokens of ``text`` as strings."""
        return [self.vocabulary[i] for i in self.encode(text)]

    def encode(self, text: str) -> np.ndarray:
        """The token ids of ``text`` (each word segmented by :func:`bpe_segment`, cached)."""
        ids = []
        for word in pretokenize(text):
            if word not in self._cache:
                unknown = set(word) - set(self.index)
                if unknown:
                    raise ValueError(f"The tokenizer's alphabet has no {''.join(sorted(unknown))!r}.")
                self._cache[word] = [self.index[s] for s in bpe_segment(word, self.merges)]
            ids.extend(self._cache[word])
        return np.array(ids, dtype=np.int64)

    def decode(self, ids) -> str:
        """The text of token ids."""
        return "".join(self.vocabulary[int(i)] for i in np.asarray(ids).ravel())


# -- decoding ----------------------------------------------------------------------------------------------------
def keep_top_k(logits, k: int) -> np.ndarray:
    """The logits with all but the ``k`` largest set to ``-inf`` (ties at the k-th value are all kept)."""
    logits = np.asarray(logits, dtype=float)
    k = check_number("k", k, 1, integer=True)
    if k >= logits.shape[-1]:
        return logits.copy()
    kth = np.sort(logits, axis=-1)[..., -k][..., None]
    return np.where(logits >= kth, logits, -np.inf)


def keep_top_p(logits, p: float) -> np.ndarray:
    """Nucleus filtering: keep the most probable tokens, in order, until their probabilities add up to at least
    ``p`` (the token that crosses ``p`` is kept; so is always the most probable one); the others get ``-inf``."""
    logits = np.asarray(logits, dtype=float)
    p = check_number("p", p, 0, 1, positive=True)
    probs = softmax(logits)
    order = np.argsort(-probs, axis=-1, kind="stable")
    sorted_probs = np.take_along_axis(probs, order, axis=-1)
    before = np.cumsum(sorted_probs, axis=-1) - sorted_probs  # the mass of the tokens ranked above
    keep_sorted = before < p
    keep = np.zeros_like(keep_sorted)
    np.put_along_axis(keep, order, keep_sorted, axis=-1)
    return np.where(keep, logits, -np.inf)


def decoding_distribution(
    logits, temperature: float = 1.0, top_k: int | None = None, top_p: float | None = None
) -> np.ndarray:
    """The probabilities a sampler draws from: temperature first, then top-k, then nucleus filtering."""
    z = np.asarray(logits, dtype=float) / check_number("The temperature", temperature, 0, positive=True)
    if top_k is not None:
        z = keep_top_k(z, top_k)
    if top_p is not None:
        z = keep_top_p(z, top_p)
    return softmax(z)


def distinct_share(tokens, n: int = 2) -> float:
    """The share of distinct n-grams among all the n-grams of a token sequence (1: no n-gram repeats)."""
    tokens = list(np.asarray(tokens).ravel())
    n = check_number("n", n, 1, integer=True)
    grams = [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    if not grams:
        raise ValueError(f"A sequence of {len(tokens)} tokens has no {n}-grams.")
    return len(set(grams)) / len(grams)


# -- images as tokens ------------------------------------------------------------------------------------------------
def patchify(images, patch: int) -> np.ndarray:
    """Cut images (n, H, W, C) into non-overlapping ``patch`` x ``patch`` squares: (n, H/patch * W/patch,
    patch * patch * C), patches in reading order (row by row), the pixels of a patch flattened row by row with the
    channels last, the layout of ``keras.ops.image.extract_patches``."""
    images = np.asarray(images)
    if images.ndim != 4:
        raise ValueError(f"images must have shape (n, height, width, channels), got {images.shape}.")
    n, height, width, channels = images.shape
    patch = check_number("The patch size", patch, 1, integer=True)
    if height % patch or width % patch:
        raise ValueError(f"A {height}x{width} image cannot be cut into {patch}x{patch} patches.")
    rows, cols = height // patch, width // patch
    x = images.reshape(n, rows, patch, cols, patch, channels).transpose(0, 1, 3, 2, 4, 5)
    return x.reshape(n, rows * cols, patch * patch * channels)
