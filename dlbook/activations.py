"""Activation functions and their derivatives in NumPy, as Keras defines them (chapter 02, the ActivationExplorer,
the Playground), the stable softmax, and where a function saturates."""

from __future__ import annotations

import numpy as np
from scipy.special import erf, expit

from dlbook.checks import check_choice

_SQRT2 = np.sqrt(2.0)


def _gaussian_pdf(x):
    return np.exp(-0.5 * x**2) / np.sqrt(2 * np.pi)


# name -> (f(x, alpha), f'(x, alpha)); alpha is used by leaky ReLU and ELU only. NumPy in, NumPy out.
ACTIVATIONS = {
    "sigmoid": (lambda x, a: expit(x), lambda x, a: expit(x) * (1 - expit(x))),
    "tanh": (lambda x, a: np.tanh(x), lambda x, a: 1 - np.tanh(x) ** 2),
    "relu": (lambda x, a: np.maximum(x, 0.0), lambda x, a: (x > 0).astype(float)),
    "leaky_relu": (lambda x, a: np.where(x > 0, x, a * x), lambda x, a: np.where(x > 0, 1.0, a)),
    "elu": (
        lambda x, a: np.where(x > 0, x, a * np.expm1(np.minimum(x, 0))),
        lambda x, a: np.where(x > 0, 1.0, a * np.exp(np.minimum(x, 0))),
    ),
    "gelu": (
        lambda x, a: 0.5 * x * (1 + erf(x / _SQRT2)),
        lambda x, a: 0.5 * (1 + erf(x / _SQRT2)) + x * _gaussian_pdf(x),
    ),
    "softplus": (lambda x, a: np.logaddexp(0.0, x), lambda x, a: expit(x)),
}
DEFAULT_ALPHA = {"leaky_relu": 0.2, "elu": 1.0}  # Keras's defaults: leaky_relu's negative_slope, elu's alpha


def activation(name: str, x, alpha: float | None = None) -> np.ndarray:
    """The activation ``name`` applied elementwise to ``x`` (``alpha``: Keras's default when None)."""
    return _lookup(name)[0](
        np.asarray(x, dtype=float), DEFAULT_ALPHA.get(name, 0.0) if alpha is None else alpha
    )


def activation_derivative(name: str, x, alpha: float | None = None) -> np.ndarray:
    """The derivative of activation ``name`` at each element of ``x`` (at 0, ReLU's is taken as 0)."""
    return _lookup(name)[1](
        np.asarray(x, dtype=float), DEFAULT_ALPHA.get(name, 0.0) if alpha is None else alpha
    )


def _lookup(name: str):
    check_choice("activation", name, ACTIVATIONS)
    return ACTIVATIONS[name]


def saturation_regions(
    x: np.ndarray, derivative: np.ndarray, threshold: float = 0.05
) -> list[tuple[float, float]]:
    """The intervals of sorted ``x`` where ``|derivative| < threshold``: there the gradient all but vanishes."""
    flat = np.abs(np.asarray(derivative)) < threshold
    regions, start = [], None
    for xi, is_flat in zip(x, flat, strict=True):
        if is_flat and start is None:
            start = xi
        elif not is_flat and start is not None:
            regions.append((float(start), float(xi)))
            start = None
    if start is not None:
        regions.append((float(start), float(x[-1])))
    return regions


def softmax(scores, axis: int = -1) -> np.ndarray:
    """The softmax along ``axis``, computed stably: the maximum is subtracted before the exponential."""
    scores = np.asarray(scores, dtype=float)
    shifted = scores - np.max(scores, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=axis, keepdims=True)
