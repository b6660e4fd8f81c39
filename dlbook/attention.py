"""Attention as Keras computes it, in NumPy: the stable softmax, scaled dot-product attention with boolean masks,
the causal and padding masks, and the sinusoidal positional encoding (Vaswani et al., 2017).

:func:`scaled_dot_product_attention` is what ``keras.layers.MultiHeadAttention`` computes inside each head (boolean
masks, True = "may attend"; a row whose keys are all masked gets weights 0, as in Keras), :func:`causal_mask` is the
mask of ``use_causal_mask=True`` and :func:`padding_mask` marks the real tokens of padded sequences. Chapters, the
AttentionViewer and the exercises' hidden tests import them from here.
"""

from __future__ import annotations

import numpy as np

from dlbook.checks import check_number


def _as_mask(mask, shape: tuple[int, ...]) -> np.ndarray:
    mask = np.asarray(mask)
    if mask.dtype != bool:
        if mask.size and not np.isin(mask, (0, 1)).all():
            raise ValueError(
                "The mask must be boolean (True where a query may attend to a key), or zeros and ones."
            )
        mask = mask.astype(bool)
    try:
        full = np.broadcast_shapes(mask.shape, shape)
    except ValueError:
        full = None
    if full is None or full[-2:] != shape[-2:]:
        raise ValueError(
            f"The mask of shape {mask.shape} does not broadcast to the attention scores' shape {shape} "
            "(..., queries, keys)."
        )
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
        raise ValueError(
            f"q, k and v need at least 2 dimensions (..., length, depth); got shapes {q.shape}, "
            f"{k.shape} and {v.shape}."
        )
    if q.shape[-1] != k.shape[-1] or q.shape[-1] < 1:
        raise ValueError(
            f"Queries and keys must have the same depth d_k >= 1: q has {q.shape[-1]}, k has {k.shape[-1]}."
        )
    if k.shape[-2] != v.shape[-2] or k.shape[-2] < 1:
        raise ValueError(
            f"There must be one value per key (at least one): k has {k.shape[-2]} keys, v has "
            f"{v.shape[-2]} values."
        )
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
