"""Capsule networks (chapter 11): the squash, routing by agreement, the margin loss, and a Keras capsule layer.

A capsule's output is a vector whose length is the probability that the entity it stands for is present and whose
orientation encodes that entity's pose (Sabour, Frosst & Hinton 2017). The NumPy functions here are the chapter's
from-scratch versions; :class:`CapsuleLayer` is the same computation in ``keras.ops``, so it runs on every backend
(it and the other ``keras.ops`` parts live in :mod:`dlbook.capsule_layers`, loaded when first used).
Shapes: ``u`` (n, n_in, d_in) child capsules; ``W`` (n_in, n_out, d_out, d_in) transformation matrices;
``u_hat`` (n, n_in, n_out, d_out) the children's predictions of each parent; ``v`` (n, n_out, d_out) parents.
"""

from __future__ import annotations

import numpy as np

from dlbook.activations import softmax
from dlbook.checks import check_number

EPSILON = 1e-7  # keeps the squash's gradient finite at s = 0
_KERAS_PARTS = ("keras_squash", "keras_margin_loss", "capsule_lengths", "mask_capsules", "CapsuleLayer")


def __getattr__(name: str):
    """The ``keras.ops`` parts, imported from :mod:`dlbook.capsule_layers` on first use (Keras takes seconds to load)."""
    if name in _KERAS_PARTS:
        from dlbook import capsule_layers

        return getattr(capsule_layers, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def squash(s, axis: int = -1) -> np.ndarray:
    """``|s|^2 / (1 + |s|^2) * s / |s|``: the direction of ``s`` with a length in [0, 1) that grows with ``|s|``."""
    s = np.asarray(s, dtype=float)
    norm2 = np.sum(s * s, axis=axis, keepdims=True)
    return s * norm2 / (1.0 + norm2) / np.sqrt(norm2 + EPSILON)


def lengths(v, axis: int = -1) -> np.ndarray:
    """The length of each capsule vector: the probability that its entity is present."""
    return np.linalg.norm(np.asarray(v, dtype=float), axis=axis)


def predictions(u, W) -> np.ndarray:
    """Every child's prediction of every parent, ``u_hat[n, i, j] = W[i, j] @ u[n, i]``; shape (n, n_in, n_out,
    d_out)."""
    u, W = np.asarray(u, dtype=float), np.asarray(W, dtype=float)
    if u.ndim != 3 or W.ndim != 4 or W.shape[0] != u.shape[1] or W.shape[3] != u.shape[2]:
        raise ValueError(
            f"u must have shape (n, n_in, d_in) and W shape (n_in, n_out, d_out, d_in); got {u.shape} "
            f"and {W.shape}."
        )
    return np.einsum("ijed,nid->nije", W, u)


def dynamic_routing(u_hat, iterations: int = 3, trace: bool = False):
    """Routing by agreement (Sabour et al. 2017, Procedure 1) on predictions ``u_hat`` (n, n_in, n_out, d_out).

    Logits ``b`` start at 0; each iteration sets the coupling coefficients ``c = softmax(b)`` over the parents,
    the parents ``v_j = squash(sum_i c_ij u_hat_ij)``, and then adds the agreement ``u_hat_ij . v_j`` to ``b_ij``.
    Returns ``v`` (n, n_out, d_out), or with ``trace=True`` also the coupling coefficients of every iteration,
    shape (iterations, n, n_in, n_out), and the parents after every iteration, shape (iterations, n, n_out, d_out).
    """
    u_hat = np.asarray(u_hat, dtype=float)
    if u_hat.ndim != 4:
        raise ValueError(f"u_hat must have shape (n, n_in, n_out, d_out), not {u_hat.shape}.")
    iterations = check_number("The number of routing iterations", iterations, 1, integer=True)
    logits = np.zeros(u_hat.shape[:3])
    couplings, parents = [], []
    for step in range(iterations):
        c = softmax(logits, axis=2)  # each child shares itself out among the parents
        v = squash(np.einsum("nij,nije->nje", c, u_hat))
        couplings.append(c)
        parents.append(v)
        if step < iterations - 1:
            logits = logits + np.einsum("nije,nje->nij", u_hat, v)
    if trace:
        return v, np.stack(couplings), np.stack(parents)
    return v


def margin_loss(y_true, capsule_lengths, m_plus: float = 0.9, m_minus: float = 0.1, down_weight: float = 0.5):
    """The margin loss of each example, summed over the classes k (shape (n,)):
    ``T_k max(0, m+ - |v_k|)^2 + lambda (1 - T_k) max(0, |v_k| - m-)^2``, with one-hot targets ``T`` (n, classes)."""
    T, L = np.asarray(y_true, dtype=float), np.asarray(capsule_lengths, dtype=float)
    present = T * np.maximum(0.0, m_plus - L) ** 2
    absent = down_weight * (1 - T) * np.maximum(0.0, L - m_minus) ** 2
    return (present + absent).sum(axis=-1)


def decode(x, weights) -> np.ndarray:
    """A dense decoder in NumPy: ``weights`` = [W1, b1, ..., Wk, bk] (Keras ``get_weights()`` order), ReLU between
    layers and a sigmoid at the end."""
    h = np.asarray(x, dtype=float)
    pairs = list(zip(weights[::2], weights[1::2], strict=True))
    for k, (W, b) in enumerate(pairs):
        h = h @ np.asarray(W, dtype=float) + np.asarray(b, dtype=float)
        h = np.maximum(h, 0.0) if k < len(pairs) - 1 else 0.5 * (1 + np.tanh(0.5 * h))
    return h


def masked(v, label) -> np.ndarray:
    """Capsules ``v`` (n, n_out, d_out) with all but capsule ``label`` (an int or one per row) zeroed, flattened."""
    v = np.asarray(v, dtype=float)
    keep = np.zeros(v.shape[:2])
    keep[np.arange(len(v)), np.broadcast_to(label, (len(v),))] = 1.0
    return (v * keep[..., None]).reshape(len(v), -1)


def transform_images(images, shift=(0.0, 0.0), angle: float = 0.0) -> np.ndarray:
    """Images (n, h, w) or (n, h, w, 1) rotated by ``angle`` degrees about their centre, then shifted by ``shift``
    (rows, columns) pixels; bilinear, zeros outside, clipped to [0, 1]."""
    from scipy import ndimage

    images = np.asarray(images, dtype=float)
    squeeze = images.ndim == 4
    flat = images[..., 0] if squeeze else images
    out = np.empty_like(flat)
    for k, image in enumerate(flat):
        turned = ndimage.rotate(image, angle, reshape=False, order=1, mode="constant") if angle else image
        out[k] = ndimage.shift(turned, shift, order=1, mode="constant")
    out = np.clip(out, 0.0, 1.0)
    return out[..., None] if squeeze else out
