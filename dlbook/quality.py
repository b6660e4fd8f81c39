"""Quality bars: the asserted results that make a chapter fail when its model stops learning."""

from __future__ import annotations

import math


def quality_bar(
    name: str, value: float, *, at_least: float | None = None, at_most: float | None = None
) -> float:
    """Assert that ``value`` meets its bar, print the result and return the value.

    The printed line, ``Quality bar met: <name> = <value> (required >= <bar>)``, is what ``make bench`` collects.
    """
    if (at_least is None) == (at_most is None):
        raise ValueError("Give exactly one of at_least= or at_most=.")
    value = float(value)
    bar, sign = (at_least, ">=") if at_least is not None else (at_most, "<=")
    met = math.isfinite(value) and (value >= bar if at_least is not None else value <= bar)
    line = f"{name} = {value:.4g} (required {sign} {bar:g})"
    if not met:
        raise AssertionError(
            f"Quality bar missed: {line}. The model did not learn as well as this chapter expects."
        )
    print(f"Quality bar met: {line}")
    return value
