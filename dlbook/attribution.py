"""Attribution (chapter 22): which inputs a model's output depends on, and checks that an explanation is not noise.

Keras 3 has no backend-independent gradient, so :func:`class_score_gradients` differentiates with the backend's own
machinery (TensorFlow's ``GradientTape``, ``jax.grad``, PyTorch's autograd); everything else here is NumPy on top of
it: gradient saliency (Simonyan et al. 2014), integrated gradients (Sundararajan et al. 2017), occlusion (Zeiler and
Fergus 2014), Grad-CAM (Selvaraju et al. 2017), the deletion curve, a randomisation check's rank correlation
(Adebayo et al. 2018) and permutation importance (Breiman 2001). Images are ``(n, height, width, channels)``; maps
come back as ``(n, height, width)``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy import ndimage, stats

from dlbook.activations import softmax


def _keras():
    import keras

    return keras


def _targets(targets, n: int) -> np.ndarray:
    return np.broadcast_to(np.asarray(targets), (n,)).astype(int)


def class_score_gradients(fn: Callable, x, targets) -> np.ndarray:
    """The gradient of ``fn(x)[i, targets[i]]`` with respect to ``x[i]``, for every row ``i`` of the batch ``x``.

    ``fn`` maps a batch of backend tensors to scores ``(n, classes)`` (a Keras model, or a function of Keras ops).
    Each row's score depends on its own input only, so the gradient of their sum gives every row's gradient at once.
    """
    keras = _keras()
    x = np.asarray(x, dtype="float32")
    targets = _targets(targets, len(x))
    backend = keras.backend.backend()

    def score(out):
        n_classes = out.shape[-1]
        return keras.ops.sum(out * keras.ops.convert_to_tensor(np.eye(n_classes, dtype="float32")[targets]))

    if backend == "tensorflow":
        import tensorflow as tf

        tensor = tf.convert_to_tensor(x)
        with tf.GradientTape() as tape:
            tape.watch(tensor)
            total = score(fn(tensor))
        return np.asarray(tape.gradient(total, tensor))
    if backend == "jax":
        import jax

        return np.asarray(jax.grad(lambda t: score(fn(t)))(jax.numpy.asarray(x)))
    if backend == "torch":
        import torch

        tensor = torch.tensor(x, requires_grad=True)
        score(fn(tensor)).backward()
        return tensor.grad.detach().cpu().numpy()
    raise ValueError(f"class_score_gradients knows the backends tensorflow, jax and torch, not {backend!r}.")


def _call(model) -> Callable:
    return lambda t: model(t, training=False)


def scores(model, x, batch_size: int = 1024) -> np.ndarray:
    """``model(x)`` as a NumPy array, in batches (no Keras progress bar, no retracing per call size)."""
    keras = _keras()
    x = np.asarray(x, dtype="float32")
    return (
        np.concatenate(
            [
                keras.ops.convert_to_numpy(model(x[i : i + batch_size], training=False))
                for i in range(0, len(x), batch_size)
            ]
        )
        if len(x)
        else np.zeros((0,))
    )


def gradient_saliency(model, x, targets) -> np.ndarray:
    """Simonyan et al. (2014): the largest absolute gradient of the target's score over the channels of each pixel."""
    return np.abs(class_score_gradients(_call(model), x, targets)).max(axis=-1)


def integrated_gradients(model, x, targets, baseline=None, steps: int = 32) -> np.ndarray:
    """Sundararajan et al. (2017): ``(x - x') * mean of the gradients along the straight path from x' to x``.

    The path integral is approximated by the midpoint rule with ``steps`` points. Returns the attribution per input
    value, the shape of ``x``; summed, it approximates ``F(x) - F(x')`` (completeness).
    """
    x = np.asarray(x, dtype="float32")
    baseline = (
        np.zeros_like(x) if baseline is None else np.broadcast_to(np.asarray(baseline, "float32"), x.shape)
    )
    targets = _targets(targets, len(x))
    alphas = (np.arange(steps, dtype="float32") + 0.5) / steps
    path = baseline[None] + alphas[:, None, None, None, None] * (x - baseline)[None]  # (steps, n, h, w, c)
    grads = class_score_gradients(_call(model), path.reshape(-1, *x.shape[1:]), np.tile(targets, steps))
    return (x - baseline) * grads.reshape(steps, *x.shape).mean(axis=0)


def occlusion(
    model, x, targets, size: int = 3, fill: float = 0.0, probabilities: Callable | None = None
) -> np.ndarray:
    """Zeiler and Fergus (2014): slide a ``size`` x ``size`` patch of ``fill`` over the image (stride 1); each pixel
    gets the mean drop in the target's probability over the patches that cover it."""
    x = np.asarray(x, dtype="float32")
    n, h, w = x.shape[:3]
    targets = _targets(targets, n)
    prob = probabilities or (lambda batch: softmax(scores(model, batch)))
    base = prob(x)[np.arange(n), targets]
    corners = [(i, j) for i in range(h - size + 1) for j in range(w - size + 1)]
    occluded = np.repeat(x[None], len(corners), axis=0)  # (patches, n, h, w, c)
    for k, (i, j) in enumerate(corners):
        occluded[k, :, i : i + size, j : j + size] = fill
    p = prob(occluded.reshape(-1, *x.shape[1:])).reshape(len(corners), n, -1)[:, np.arange(n), targets]
    drop, count = np.zeros((n, h, w)), np.zeros((h, w))
    for k, (i, j) in enumerate(corners):
        drop[:, i : i + size, j : j + size] += (base - p[k])[:, None, None]
        count[i : i + size, j : j + size] += 1
    return drop / count


def split_at(model, layer: str) -> tuple[Callable, Callable]:
    """A Sequential model cut after ``layer``: ``(features, head)`` with ``head(features(x)) == model(x)``."""
    keras = _keras()
    names = [lay.name for lay in model.layers]
    if layer not in names:
        raise ValueError(f"The model has no layer {layer!r}; its layers are {', '.join(names)}.")
    cut = names.index(layer) + 1
    features = keras.Model(model.inputs[0], model.get_layer(layer).output)
    rest = model.layers[cut:]

    def head(t):
        for lay in rest:
            t = lay(t, training=False)
        return t

    return features, head


def grad_cam(model, x, targets, layer: str) -> np.ndarray:
    """Selvaraju et al. (2017): ReLU of the feature maps of ``layer`` weighted by their mean gradients, upsampled
    (bilinearly) to the input's size."""
    features, head = split_at(model, layer)
    x = np.asarray(x, dtype="float32")
    maps = scores(features, x)
    grads = class_score_gradients(head, maps, targets)
    # one weight per channel: its global-average-pooled gradient
    weights = grads.mean(axis=(1, 2), keepdims=True)
    cam = np.maximum((weights * maps).sum(axis=-1), 0)
    zoom = (1, x.shape[1] / cam.shape[1], x.shape[2] / cam.shape[2])
    return ndimage.zoom(cam, zoom, order=1, mode="nearest", grid_mode=True)


def deletion_order(attribution, rng: np.random.Generator | None = None) -> np.ndarray:
    """Pixel indices (flattened) from the most to the least attributed; ties, and ``attribution=None`` (random
    order, which needs ``rng``), broken at random."""
    attribution = np.asarray(attribution, dtype=float)
    flat = attribution.reshape(len(attribution), -1)
    if rng is None:
        return np.argsort(-flat, axis=1, kind="stable")
    jitter = rng.random(flat.shape)
    return np.lexsort((jitter, -flat), axis=1) if flat.size else jitter.argsort(axis=1)


def deletion_curve(
    probabilities: Callable, x, targets, order, steps: int = 16, fill: float = 0.0
) -> np.ndarray:
    """The target's probability as pixels are removed (set to ``fill``) in ``order``: ``(n, steps + 1)``, from
    nothing removed to every pixel removed, in equal fractions."""
    x = np.asarray(x, dtype="float32")
    n, h, w = x.shape[:3]
    targets = _targets(targets, n)
    order = np.asarray(order)
    counts = np.round(np.linspace(0, h * w, steps + 1)).astype(int)
    batch = np.repeat(x[None], steps + 1, axis=0).reshape(steps + 1, n, h * w, -1)
    for s, k in enumerate(counts):
        np.put_along_axis(batch[s], order[:, :k, None], fill, axis=1)
    p = probabilities(batch.reshape(-1, *x.shape[1:])).reshape(steps + 1, n, -1)
    return p[:, np.arange(n), targets].T


def curve_area(curves) -> np.ndarray:
    """The area under deletion curves on [0, 1] (trapezoid rule): low when the first pixels removed mattered most."""
    curves = np.asarray(curves, dtype=float)
    return (curves[..., 1:] + curves[..., :-1]).sum(axis=-1) / (2 * (curves.shape[-1] - 1))


def rank_correlation(a, b, mask=None) -> np.ndarray:
    """Spearman's rank correlation between the maps ``a[i]`` and ``b[i]``, one value per image, over the pixels where
    ``mask[i]`` is true (all of them by default). A constant map ranks nothing: its correlation counts as 0."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    mask = (
        np.ones(a.shape, dtype=bool)
        if mask is None
        else np.broadcast_to(np.asarray(mask, dtype=bool), a.shape)
    )
    out = np.zeros(len(a))
    for i, (u, v, m) in enumerate(zip(a, b, mask, strict=True)):
        u, v = u[m], v[m]
        if u.size > 1 and np.ptp(u) > 0 and np.ptp(v) > 0:
            out[i] = stats.spearmanr(u, v).statistic
    return out


def permutation_importance(
    predict: Callable, X, y, metric: Callable, n_repeats: int = 10, rng: np.random.Generator | None = None
) -> np.ndarray:
    """Breiman (2001): how much ``metric(y, predict(X))`` (a loss: larger is worse) grows when one column of ``X``
    is shuffled, breaking its link to ``y``. Returns ``(n_features, n_repeats)``."""
    rng = np.random.default_rng(0) if rng is None else rng
    X = np.asarray(X)
    reference = metric(y, predict(X))
    out = np.empty((X.shape[1], n_repeats))
    for j in range(X.shape[1]):
        for r in range(n_repeats):
            shuffled = X.copy()
            shuffled[:, j] = rng.permutation(shuffled[:, j])
            out[j, r] = metric(y, predict(shuffled)) - reference
    return out


def normalize_map(attribution) -> np.ndarray:
    """Each map scaled to [0, 1] by its largest absolute value (0 stays 0; an all-zero map stays zero)."""
    a = np.abs(np.asarray(attribution, dtype=float))
    top = a.reshape(len(a), -1).max(axis=1).reshape(-1, *([1] * (a.ndim - 1)))
    return np.divide(a, top, out=np.zeros_like(a), where=top > 0)
