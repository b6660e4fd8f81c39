"""Argument checks shared by the data loaders and the widgets: a bad value gets one plain sentence, not a traceback."""

from __future__ import annotations

import math
from collections.abc import Iterable
from numbers import Integral, Real


def check_choice(what: str, value, choices: Iterable) -> None:
    """Refuse ``value`` unless it is one of ``choices``, listing them."""
    choices = list(choices)
    if value not in choices:
        raise ValueError(f"Unknown {what} {value!r}. Choose one of: {', '.join(map(str, choices))}.")


def check_number(what: str, value, low: float | None = None, high: float | None = None, *, integer: bool = False,
                 positive: bool = False) -> float | int:
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
    valid = (not isinstance(value, bool) and isinstance(value, number_type) and math.isfinite(value)
             and (low is None or value >= low) and (high is None or value <= high) and (not positive or value > 0))
    if not valid:
        raise ValueError(f"{what} must be a {kind}{bounds}, got {value!r}.")
    return int(value) if integer else float(value)
