"""Character-level text helpers shared by the language-model chapters: a contiguous train / validation / test split
and the baseline every neural language model of the course must face, an interpolated Kneser-Ney n-gram model whose
order and discount are tuned on validation text.

Kneser-Ney smoothing (Kneser and Ney 1995; Chen and Goodman 1999, "An empirical study of smoothing techniques for
language modeling") is the strongest of the classic n-gram smoothings. Each order subtracts a discount ``D`` from every
seen count and gives the mass freed to the next lower order; the lower orders count in how many different contexts a
string appears (continuation counts) rather than how often, and the lowest order is mixed with a uniform distribution,
so no character ever gets probability 0.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

import numpy as np

from dlbook.checks import check_number


def split_text(ids, validation: float = 0.1, test: float = 0.1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Split a sequence of token ids into three contiguous pieces, train, validation and test, in that order.

    Each piece is held out in one block, so that no validation or test sentence was seen in training.
    """
    ids = np.asarray(ids)
    validation = check_number("The validation fraction", validation, 0, 1, positive=True)
    test = check_number("The test fraction", test, 0, 1, positive=True)
    if validation + test >= 1:
        raise ValueError(
            f"The validation and test fractions must leave text for training, got {validation} + {test}."
        )
    n = len(ids)
    end_train, end_validation = int(round((1 - validation - test) * n)), int(round((1 - test) * n))
    return ids[:end_train], ids[end_train:end_validation], ids[end_validation:]


def _gram_keys(ids: np.ndarray, k: int, base: int) -> np.ndarray:
    """One integer per k-gram of ``ids`` (the k-gram ending at position t is number t - k + 1)."""
    keys = np.zeros(max(len(ids) - k + 1, 0), dtype=np.int64)
    for j in range(k):
        keys = keys * base + ids[j : len(ids) - k + 1 + j]
    return keys


def _lookup(sorted_keys: np.ndarray, values: np.ndarray, queries: np.ndarray) -> np.ndarray:
    """``values`` of ``queries`` found in ``sorted_keys``; 0 for the others."""
    if len(sorted_keys) == 0:
        return np.zeros(len(queries))
    index = np.minimum(np.searchsorted(sorted_keys, queries), len(sorted_keys) - 1)
    return np.where(sorted_keys[index] == queries, values[index], 0.0)


class _Counts:
    """Counts of k-grams with, for each context (the first k - 1 ids), the total count and the number of types."""

    def __init__(self, grams: np.ndarray, counts: np.ndarray, base: int):
        self.grams, self.counts = grams, counts.astype(float)
        self.contexts, inverse = np.unique(grams // base, return_inverse=True)
        self.totals = np.bincount(inverse, weights=self.counts)
        self.types = np.bincount(inverse).astype(float)


class KneserNey:
    """An interpolated Kneser-Ney model of character (or any token) ids ``0 .. vocabulary_size - 1``.

    ``KneserNey(order=5, discount=0.8, vocabulary_size=V).fit(train_ids)``, then ``cross_entropy(ids)`` gives the
    mean of -log p(ids[t] | the order - 1 ids before it) in nats, for t from 1 on (the first id has no context).
    """

    def __init__(self, order: int, discount: float, vocabulary_size: int):
        self.order = check_number("The order of the n-gram model", order, 1, 12, integer=True)
        self.discount = check_number("The discount", discount, 0, 1, positive=True)
        self.vocabulary_size = check_number("The vocabulary size", vocabulary_size, 1, integer=True)
        if self.vocabulary_size**self.order >= 2**62:
            raise ValueError(f"An order of {order} over {vocabulary_size} symbols is too large to count.")
        self._tables: list[_Counts] | None = None

    def fit(self, ids) -> KneserNey:
        """Count the training ids; returns the model."""
        ids = self._check_ids(ids, "training ids")
        if len(ids) < self.order:
            raise ValueError(
                f"An order-{self.order} model needs at least {self.order} training ids, got {len(ids)}."
            )
        base = self.vocabulary_size
        raw = {}
        for k in range(1, self.order + 1):
            grams, counts = np.unique(_gram_keys(ids, k, base), return_counts=True)
            raw[k] = (grams, counts)
        tables = []
        for k in range(1, self.order + 1):
            if k == self.order:  # the highest order counts occurrences
                grams, counts = raw[k]
            else:  # lower orders count the distinct ids seen just before the k-gram
                grams, counts = np.unique(raw[k + 1][0] % base**k, return_counts=True)
            tables.append(_Counts(grams, counts, base))
        self._tables = tables
        return self

    def _check_ids(self, ids, what: str) -> np.ndarray:
        ids = np.asarray(ids)
        if ids.ndim != 1 or not np.issubdtype(ids.dtype, np.integer):
            raise ValueError(
                f"The {what} must be a 1-D array of integers, got shape {ids.shape} of {ids.dtype}."
            )
        if len(ids) and (ids.min() < 0 or ids.max() >= self.vocabulary_size):
            raise ValueError(f"The {what} must lie in 0 .. {self.vocabulary_size - 1}.")
        return ids.astype(np.int64)

    def probabilities(self, ids) -> np.ndarray:
        """p(ids[t] | ids[t - order + 1 : t]) for every t (the context is shorter at the start)."""
        if self._tables is None:
            raise RuntimeError("Call fit(train_ids) before asking for probabilities.")
        ids = self._check_ids(ids, "ids")
        base, discount = self.vocabulary_size, self.discount
        first = self._tables[0]
        counts = _lookup(first.grams, first.counts, ids)
        total = first.counts.sum()
        p = np.maximum(counts - discount, 0) / total + discount * len(first.grams) / total / base
        for k, table in enumerate(self._tables[1:], start=2):
            if len(ids) < k:
                break
            grams = _gram_keys(ids, k, base)
            counts = _lookup(table.grams, table.counts, grams)
            totals = _lookup(table.contexts, table.totals, grams // base)
            types = _lookup(table.contexts, table.types, grams // base)
            lower = p[k - 1 :]
            seen = np.maximum(totals, 1)
            higher = np.where(
                totals > 0, (np.maximum(counts - discount, 0) + discount * types * lower) / seen, lower
            )
            p = np.concatenate([p[: k - 1], higher])
        return p

    def cross_entropy(self, ids, start: int = 1) -> float:
        """Mean -log p(ids[t] | context) in nats over t >= ``start``."""
        return float(-np.mean(np.log(self.probabilities(ids)[start:])))


def tune_kneser_ney(
    train,
    validation,
    vocabulary_size: int,
    orders: Iterable[int] = range(1, 9),
    discounts: Iterable[float] = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95),
) -> tuple[KneserNey, np.ndarray]:
    """Fit one model per (order, discount) on ``train``; return the one with the lowest cross-entropy on
    ``validation``, and the table of validation cross-entropies (one row per order, one column per discount)."""
    orders, discounts = list(orders), list(discounts)
    table = np.zeros((len(orders), len(discounts)))
    best = None
    for i, order in enumerate(orders):
        fitted = KneserNey(order, discounts[0], vocabulary_size).fit(train)  # the counts do not depend on D
        for j, discount in enumerate(discounts):
            model = copy.copy(fitted)
            model.discount = check_number("The discount", discount, 0, 1, positive=True)
            table[i, j] = model.cross_entropy(validation)
            if best is None or table[i, j] < best[0]:
                best = (table[i, j], model)
    return best[1], table
