"""Metric learning in NumPy: distances, the contrastive and triplet losses, batch-hard mining, and the evaluations of an
embedding on classes it never saw (verification ROC AUC, one-shot N-way accuracy).

Chapter 10 builds the same losses in ``keras.ops`` and checks them against these functions; its widget
(:class:`dlbook.widgets.EmbeddingExplorer`) and the hidden exercise tests import them. Conventions: ``embeddings`` is
an ``(n, d)`` array, one row per example; a pair label ``y_true`` is 1 for "same class" and 0 for "different"; every
loss is a mean over the pairs, triplets or anchors it is given.
"""

from __future__ import annotations

import numpy as np

from dlbook.checks import check_number


def _as_matrix(x, name: str) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    if x.ndim != 2 or len(x) < 1:
        raise ValueError(
            f"{name} must be a 2-D array (n examples, d features) with at least one row, got shape {x.shape}."
        )
    if not np.isfinite(x).all():
        raise ValueError(f"{name} contains NaN or infinite values.")
    return x


def pairwise_distances(A, B=None, squared: bool = False) -> np.ndarray:
    """Euclidean distances between the rows of ``A`` (n, d) and of ``B`` (m, d; ``A`` itself by default): (n, m).

    Computed as ``|a|^2 - 2 a.b + |b|^2`` (one matrix product), clipped at 0 against rounding; with ``squared=True``
    the squared distances.
    """
    A = _as_matrix(A, "A")
    B = A if B is None else _as_matrix(B, "B")
    if A.shape[1] != B.shape[1]:
        raise ValueError(f"A and B need the same number of features, got {A.shape[1]} and {B.shape[1]}.")
    squares = (A**2).sum(axis=1)[:, None] - 2 * A @ B.T + (B**2).sum(axis=1)[None, :]
    squares = np.maximum(squares, 0.0)
    if B is A:
        np.fill_diagonal(squares, 0.0)
    return squares if squared else np.sqrt(squares)


def contrastive_loss(y_true, distance, margin: float = 1.0) -> float:
    """The contrastive loss of pairs (Chopra, Hadsell and LeCun 2005; Hadsell, Chopra and LeCun 2006).

    ``mean( y d^2 + (1 - y) max(0, margin - d)^2 )``: a pair of the same class (``y = 1``) is pulled together, a
    pair of different classes (``y = 0``) is pushed apart until its distance ``d`` reaches ``margin``, and no further.
    """
    y, d = np.asarray(y_true, dtype=float).ravel(), np.asarray(distance, dtype=float).ravel()
    if y.shape != d.shape or y.size == 0:
        raise ValueError(f"Give one label per distance: {y.size} labels for {d.size} distances.")
    if not np.isin(y, (0.0, 1.0)).all():
        raise ValueError("The pair labels y_true must be 1 (same class) or 0 (different classes).")
    check_number("margin", margin, 0)
    return float(np.mean(y * d**2 + (1 - y) * np.maximum(margin - d, 0.0) ** 2))


def triplet_loss(anchor, positive, negative, margin: float = 0.2) -> float:
    """The triplet loss (Schroff, Kalenichenko and Philbin 2015), on squared Euclidean distances.

    ``mean( max(0, |a - p|^2 - |a - n|^2 + margin) )`` over the rows: each anchor must be closer to its positive (same
    class) than to its negative (another class) by at least ``margin``.
    """
    a, p, n = (
        _as_matrix(x, name)
        for x, name in ((anchor, "anchor"), (positive, "positive"), (negative, "negative"))
    )
    if not a.shape == p.shape == n.shape:
        raise ValueError(
            f"anchor, positive and negative need the same shape, got {a.shape}, {p.shape}, {n.shape}."
        )
    check_number("margin", margin, 0)
    d_ap, d_an = ((a - p) ** 2).sum(axis=1), ((a - n) ** 2).sum(axis=1)
    return float(np.mean(np.maximum(d_ap - d_an + margin, 0.0)))


def _labels(labels, n: int) -> np.ndarray:
    labels = np.asarray(labels).ravel()
    if labels.shape != (n,):
        raise ValueError(f"Give one label per embedding: {labels.size} labels for {n} embeddings.")
    return labels


def batch_hard_triplets(labels, embeddings) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Batch-hard mining (Hermans, Beyer and Leibe 2017): for every anchor that has both a positive and a negative in
    the batch, its hardest positive (the farthest example of its class, itself excluded) and its hardest negative
    (the closest example of another class). Returns the index arrays ``(anchors, positives, negatives)``; ties go to
    the lowest index."""
    embeddings = _as_matrix(embeddings, "embeddings")
    labels = _labels(labels, len(embeddings))
    d = pairwise_distances(embeddings)
    same = labels[:, None] == labels[None, :]
    positive = same & ~np.eye(len(labels), dtype=bool)
    valid = positive.any(axis=1) & (~same).any(axis=1)
    hardest_positive = np.where(positive, d, -np.inf).argmax(axis=1)
    hardest_negative = np.where(same, np.inf, d).argmin(axis=1)
    anchors = np.flatnonzero(valid)
    return anchors, hardest_positive[anchors], hardest_negative[anchors]


def batch_hard_triplet_loss(y_true, embeddings, margin: float = 0.2, squared: bool = False) -> float:
    """The batch-hard triplet loss: ``mean over anchors of max(0, d(a, hardest p) - d(a, hardest n) + margin)``.

    ``y_true`` holds the class of every embedding. Anchors without a positive or a negative in the batch are left out
    (0 when none is left). Distances are Euclidean, or squared with ``squared=True``.
    """
    embeddings = _as_matrix(embeddings, "embeddings")
    check_number("margin", margin, 0)
    anchors, positives, negatives = batch_hard_triplets(y_true, embeddings)
    if len(anchors) == 0:
        return 0.0
    d = pairwise_distances(embeddings, squared=squared)
    return float(np.mean(np.maximum(d[anchors, positives] - d[anchors, negatives] + margin, 0.0)))


def all_pairs(labels) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every unordered pair ``i < j`` of ``n`` examples: ``(i, j, same)``, with ``same`` 1 for pairs of one class."""
    labels = np.asarray(labels).ravel()
    i, j = np.triu_indices(len(labels), k=1)
    return i, j, (labels[i] == labels[j]).astype(int)


def roc_auc(y_true, scores) -> float:
    """Area under the ROC curve: the probability that a random positive scores higher than a random negative (ties
    count half), from the ranks of the scores (the Mann-Whitney statistic)."""
    y, s = np.asarray(y_true).ravel().astype(bool), np.asarray(scores, dtype=float).ravel()
    if y.shape != s.shape:
        raise ValueError(f"Give one score per label: {s.size} scores for {y.size} labels.")
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if n_pos == 0 or n_neg == 0:
        raise ValueError("The ROC AUC needs at least one positive and one negative pair.")
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s))
    sorted_s = s[order]
    # average ranks of ties: the start and end of each run of equal scores
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_s)) + 1]
    ends = np.r_[starts[1:], len(s)]
    ranks[order] = np.repeat((starts + ends + 1) / 2.0, ends - starts)
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def verification_auc(embeddings, labels) -> float:
    """The ROC AUC of "same class?" over every pair of examples, the score being minus their distance."""
    embeddings = _as_matrix(embeddings, "embeddings")
    i, j, same = all_pairs(_labels(labels, len(embeddings)))
    return roc_auc(same, -pairwise_distances(embeddings)[i, j])


def one_shot_accuracy(embeddings, labels, n_way: int, trials: int = 1000, seed: int = 0) -> float:
    """The accuracy of one-shot ``n_way`` classification with an embedding (Koch, Zemel and Salakhutdinov 2015).

    In each trial, ``n_way`` classes are drawn, one support example of each, and one query (another example of one of
    them); the query takes the class of the nearest support example. Returns the fraction of trials answered right.
    """
    embeddings = _as_matrix(embeddings, "embeddings")
    labels = _labels(labels, len(embeddings))
    classes = np.unique(labels)
    n_way = check_number("n_way", n_way, 2, len(classes), integer=True)
    trials = check_number("trials", trials, 1, integer=True)
    members = {c: np.flatnonzero(labels == c) for c in classes}
    if min(len(m) for m in members.values()) < 2:
        raise ValueError("Every class needs at least two examples: one to show, one to ask about.")
    rng = np.random.default_rng(seed)
    right = 0
    for _ in range(trials):
        chosen = rng.choice(classes, size=n_way, replace=False)
        support = np.array([rng.choice(members[c]) for c in chosen])
        target = int(rng.integers(n_way))
        query = rng.choice(np.setdiff1d(members[chosen[target]], support[target]))
        distances = ((embeddings[support] - embeddings[query]) ** 2).sum(axis=1)
        right += int(np.argmin(distances) == target)
    return right / trials


def confusion_counts(distance, same, threshold: float) -> dict[str, int]:
    """Pairs called "same" when their distance is at most ``threshold``: the counts of true and false positives and
    negatives, ``{"TP", "FP", "FN", "TN"}``."""
    d, y = np.asarray(distance, dtype=float).ravel(), np.asarray(same).ravel().astype(bool)
    if d.shape != y.shape:
        raise ValueError(f"Give one label per distance: {y.size} labels for {d.size} distances.")
    said = d <= threshold
    return {
        "TP": int((said & y).sum()),
        "FP": int((said & ~y).sum()),
        "FN": int((~said & y).sum()),
        "TN": int((~said & ~y).sum()),
    }


def project_2d(embeddings, reference=None) -> np.ndarray:
    """The embeddings projected on the first two principal axes of ``reference`` (the embeddings themselves by
    default): ``(n, 2)``, for a picture. The axes' signs are fixed so that the largest loadings are positive."""
    embeddings = _as_matrix(embeddings, "embeddings")
    reference = embeddings if reference is None else _as_matrix(reference, "reference")
    if embeddings.shape[1] < 2 or reference.shape[1] != embeddings.shape[1]:
        raise ValueError(
            f"Need embeddings of at least 2 dimensions, as many in the reference, got "
            f"{embeddings.shape[1]} and {reference.shape[1]}."
        )
    mean = reference.mean(axis=0)
    _, _, vt = np.linalg.svd(reference - mean, full_matrices=False)
    axes = vt[:2]
    axes *= np.sign(axes[np.arange(2), np.abs(axes).argmax(axis=1)])[:, None]
    return (embeddings - mean) @ axes.T
