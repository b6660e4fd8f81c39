"""Checks that exercise tests use, so a wrong answer gets a message a learner understands, not a deep traceback."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def check_callable(func, name: str) -> None:
    """Fail unless the learner has defined the function ``name``."""
    if func is None:
        raise AssertionError(
            f"`{name}` is not defined yet: run the cell where you write it, then check again."
        )
    if not callable(func):
        raise AssertionError(f"`{name}` should be a function, but it is a {type(func).__name__}.")


def call(func: Callable, name: str, *args, **kwargs):
    """Call the learner's function; an exception inside it becomes a one-line failure naming the function."""
    check_callable(func, name)
    try:
        return func(*args, **kwargs)
    except Exception as error:  # the learner's code may raise anything; report it plainly
        raise AssertionError(f"`{name}` raised {type(error).__name__}: {error}") from None


def _check_answered(value, what: str) -> None:
    if value is None:
        raise AssertionError(
            f"{what} returned None: write its body in place of the `...`, "
            "and do not forget the `return` statement."
        )
    if value is Ellipsis:
        raise AssertionError(f"{what} still returns `...`: replace the `...` with your code.")


def check_tuple(value, names: tuple[str, ...], what: str) -> tuple:
    """Fail with a plain-words message unless ``value`` is a tuple with one item per name in ``names``."""
    _check_answered(value, what)
    if not isinstance(value, tuple) or len(value) != len(names):
        raise AssertionError(
            f"{what} should return the tuple ({', '.join(names)}), but it returned {value!r:.80}."
        )
    return value


def check_array(value, expected, what: str, rtol: float = 1e-6, atol: float = 1e-8) -> np.ndarray:
    """Fail with a plain-words message unless ``value`` is an array of ``expected``'s shape and values.

    ``what`` names the value in the message, e.g. ``"sigmoid(x)"``. Returns ``value`` as an array.
    """
    expected = np.asarray(expected)
    _check_answered(value, what)
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise AssertionError(f"{what} should be a NumPy array of numbers, but it is {value!r:.80}.") from None
    if array.shape != expected.shape:
        raise AssertionError(f"{what} should have shape {expected.shape}, but it has shape {array.shape}.")
    finite = np.isfinite(expected)
    if not np.isfinite(array[finite]).all():
        bad = tuple(int(i) for i in np.argwhere(finite & ~np.isfinite(array))[0])
        raise AssertionError(
            f"{what} contains {array[bad]} at index {bad}, where {expected[bad]:.6g} was expected: "
            "look for an overflow (exp of a large number) or a division by zero."
        )
    close = np.isclose(array, expected, rtol=rtol, atol=atol, equal_nan=True)
    if not close.all():
        bad = tuple(int(i) for i in np.argwhere(~close)[0])
        raise AssertionError(
            f"{what} is wrong at index {bad}: expected {expected[bad]:.6g}, got {array[bad]:.6g} "
            f"({int((~close).sum())} of {close.size} values differ)."
        )
    return array


def check_answer(value, what: str):
    """Fail with a plain-words message while an answer variable still holds the ``...`` of the blank notebook."""
    if value is None or value is Ellipsis:
        raise AssertionError(
            f"{what} is not answered yet: write your answer in place of the `...`, then run the cell."
        )
    return value


def check_choice(value, options: str, what: str) -> set[str]:
    """A multiple-choice answer as a set of letters from ``options`` (given as ``"b"``, ``"bd"`` or ``{"b", "d"}``)."""
    check_answer(value, what)
    letters = set(value.replace(",", "").replace(" ", "").lower()) if isinstance(value, str) else value
    if (
        not isinstance(letters, (set, frozenset, list, tuple))
        or not letters
        or not set(letters) <= set(options)
    ):
        raise AssertionError(
            f"{what} should be one or more of the letters {', '.join(options)} (for example "
            f'"{options[0]}" or "{options[:2]}"), but it is {value!r:.60}.'
        )
    return set(letters)
