"""Argument checks shared by the data loaders and the widgets: a bad value gets one plain sentence, not a traceback."""

from __future__ import annotations

import math
from collections.abc import Iterable
from numbers import Integral, Real

import numpy as np


def check_choice(what: str, value, choices: Iterable) -> None:
    """Refuse ``value`` unless it is one of ``choices``, listing them."""
    choices = list(choices)
    if value not in choices:
        raise ValueError(f"Unknown {what} {value!r}. Choose one of: {', '.join(map(str, choices))}.")


def check_number(
    what: str,
    value,
    low: float | None = None,
    high: float | None = None,
    *,
    integer: bool = False,
    positive: bool = False,
) -> float | int:
    """Return ``value`` as an int (``integer=True``) or float if it is a finite number within ``[low, high]``.

    ``positive=True`` also refuses 0. The message names ``what``, e.g. ``"The learning rate"``, and the range.
    """
    kind = "whole number" if integer else "positive number" if positive else "finite number"
    if low is not None and high is not None:
        bounds = f" from {low:g} to {high:g}"
    elif low is not None:
        bounds = f" of at least {low:g}"
    elif high is not None:
        bounds = f" of at most {high:g}"
    else:
        bounds = ""
    number_type = Integral if integer else Real
    valid = (
        not isinstance(value, bool)
        and isinstance(value, number_type)
        and math.isfinite(value)
        and (low is None or value >= low)
        and (high is None or value <= high)
        and (not positive or value > 0)
    )
    if not valid:
        raise ValueError(f"{what} must be a {kind}{bounds}, got {value!r}.")
    return int(value) if integer else float(value)


def check_image_stack(array, what: str, n: int | None = None):
    """``(n, H, W)`` floats from ``(n, H, W)`` or ``(n, H, W, 1)`` (one channel), all finite; ``n`` of them when given."""
    array = np.asarray(array, dtype=float)
    if array.ndim == 4 and array.shape[-1] == 1:
        array = array[..., 0]
    if array.ndim != 3 or len(array) == 0:
        raise ValueError(
            f"{what} must have shape (n, height, width) or (n, height, width, 1) with n >= 1, got "
            f"{np.shape(array)}."
        )
    if n is not None and len(array) != n:
        raise ValueError(f"{what} holds {len(array)} maps, but there are {n} images: give one per image.")
    if not np.isfinite(array).all():
        raise ValueError(f"{what} contains NaN or infinite values.")
    return array


def check_points(values, what: str) -> np.ndarray:
    """``values`` as 2-D points, a float array of shape ``(n, 2)`` with ``n >= 1`` and finite entries."""
    points = np.asarray(values, dtype=float)
    if points.ndim != 2 or points.shape[1] != 2 or points.shape[0] < 1:
        raise ValueError(
            f"{what} must be 2-D points, an array of shape (n, 2) with n >= 1; got shape {points.shape}."
        )
    if not np.isfinite(points).all():
        raise ValueError(f"{what} contain NaN or infinite values (did the training diverge?).")
    return points
