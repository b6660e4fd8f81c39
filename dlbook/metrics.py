"""Measures of generated samples that see both quality and diversity (chapters 18 and 19).

- :func:`frechet_distance`: the Fréchet distance between two Gaussians fitted to two sets of feature vectors, the
  formula of the FID (Heusel et al., 2017) on whatever features are given (the FID proper uses Inception features;
  the chapters use those of a small classifier trained on real digits).
- :func:`precision_recall` and :func:`coverage`: k-nearest-neighbour estimates of how much of the generated set lies
  on the data (precision) and how much of the data the generated set reaches (recall, coverage), after Kynkäänniemi
  et al. (2019) and Naeem et al. (2020). They work in any dimension.
- :func:`class_coverage`: the share of classes that a classifier finds among generated samples in fair numbers.
- :func:`mode_counts`, :func:`modes_covered` and :func:`high_quality_fraction`: for samples of a mixture whose modes
  are known (chapter 18's ring of Gaussians), how many samples land near each mode, how many modes get a fair share,
  and how many samples lie near some mode.
- :func:`memorization_ratio`: how close generated samples lie to the training set compared with fresh data, which is
  about 1 for new samples and 0 for copies of training examples.

All take NumPy arrays of shape (n, d) and return Python floats; bad shapes are refused with a clear message.
"""

from __future__ import annotations

import warnings

import numpy as np
import scipy.linalg
import scipy.spatial

from dlbook.checks import check_number, check_points

__all__ = [
    "class_coverage",
    "coverage",
    "frechet_distance",
    "high_quality_fraction",
    "memorization_ratio",
    "mode_counts",
    "modes_covered",
    "precision_recall",
]

_BLOCK = 512  # rows of a distance matrix computed at once


def _features(values, what: str, min_rows: int = 1) -> np.ndarray:
    array = np.asarray(values, dtype=float)
    if array.ndim != 2:
        raise ValueError(
            f"{what} must be a 2-D array of shape (n_samples, n_features); got shape {array.shape}."
        )
    if array.shape[0] < min_rows or array.shape[1] < 1:
        raise ValueError(f"{what} needs at least {min_rows} rows and 1 column; got shape {array.shape}.")
    if not np.isfinite(array).all():
        raise ValueError(f"{what} contains NaN or infinite values.")
    return array


def _pair(a, b, what_a: str, what_b: str, min_rows: int = 1) -> tuple[np.ndarray, np.ndarray]:
    a, b = _features(a, what_a, min_rows), _features(b, what_b, min_rows)
    if a.shape[1] != b.shape[1]:
        raise ValueError(
            f"{what_a} and {what_b} must have the same number of features (columns); got shapes "
            f"{a.shape} and {b.shape}."
        )
    return a, b


def frechet_distance(features_a, features_b) -> float:
    """The Fréchet distance between Gaussians fitted to two sets of feature vectors, each of shape (n, d).

    ``|mu_a - mu_b|^2 + trace(S_a + S_b - 2 (S_a S_b)^(1/2))`` with the sample means and covariances (ddof = 1).
    The matrix square root comes from ``scipy.linalg.sqrtm``; its tiny imaginary part (rounding) is dropped, and a
    small multiple of the identity is added to the covariances when the product is singular. Identical sets score 0.
    The estimate is biased upwards for small n, so compare sets of equal size.
    """
    a, b = _pair(features_a, features_b, "features_a", "features_b", min_rows=2)
    mu_a, mu_b = a.mean(axis=0), b.mean(axis=0)
    cov_a, cov_b = np.atleast_2d(np.cov(a, rowvar=False)), np.atleast_2d(np.cov(b, rowvar=False))
    with warnings.catch_warnings():
        warnings.simplefilter("error", scipy.linalg.LinAlgWarning)
        try:
            root = scipy.linalg.sqrtm(cov_a @ cov_b)
        except scipy.linalg.LinAlgWarning:  # a singular product (fewer samples than features, say)
            root = np.full_like(cov_a, np.nan)
    if not np.isfinite(root).all():  # regularise, as the reference FID code does
        offset = 1e-6 * np.eye(len(cov_a))
        root = scipy.linalg.sqrtm((cov_a + offset) @ (cov_b + offset))
    distance = np.sum((mu_a - mu_b) ** 2) + np.trace(cov_a) + np.trace(cov_b) - 2 * np.trace(np.real(root))
    return max(float(distance), 0.0)  # rounding can leave -1e-12 for identical sets


def _squared_distances(queries: np.ndarray, reference: np.ndarray):
    """Yield (start, block of squared distances from queries[start:start + _BLOCK] to every reference row)."""
    reference_norms = np.sum(reference**2, axis=1)
    for start in range(0, len(queries), _BLOCK):
        block = queries[start : start + _BLOCK]
        scale = np.sum(block**2, axis=1)[:, None] + reference_norms[None, :]
        squared = scale - 2 * block @ reference.T  # |a|^2 + |b|^2 - 2ab: one matrix product
        squared[squared <= 1e-12 * scale] = 0.0  # rounding: exact copies would get about 1e-16 instead of 0
        yield start, squared


def _kth_neighbour_radii(points: np.ndarray, k: int) -> np.ndarray:
    """Distance from each point to its k-th nearest neighbour among the others (the point itself excluded)."""
    if len(points) <= k:
        raise ValueError(f"k = {k} needs more than k points in each set; got {len(points)}.")
    distances, _ = scipy.spatial.cKDTree(points).query(points, k=k + 1)  # column 0: the point itself
    return distances[:, k]


def _inside_any_ball(queries: np.ndarray, centres: np.ndarray, radii: np.ndarray) -> np.ndarray:
    """For each query, whether it lies within radii[j] of some centre j."""
    inside = np.zeros(len(queries), dtype=bool)
    for start, squared in _squared_distances(queries, centres):
        inside[start : start + _BLOCK] = (squared <= radii[None, :] ** 2).any(axis=1)
    return inside


def _check_k(k) -> int:
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise ValueError(f"k must be a whole number >= 1; got {k!r}.")
    return int(k)


def precision_recall(real, generated, k: int = 3) -> tuple[float, float]:
    """Improved precision and recall (Kynkäänniemi et al., 2019) of ``generated`` against ``real``, both (n, d).

    Each real point gets a ball reaching its k-th nearest real neighbour; **precision** is the fraction of generated
    points inside at least one real ball (are the samples on the data?). Symmetrically, with balls around the
    generated points, **recall** is the fraction of real points inside at least one generated ball (does the
    generated set reach all of the data?). Copies of a few training points score a high precision and a recall near
    0, since each copy's k-th neighbour is another copy at distance 0; noise scores a low precision.
    """
    k = _check_k(k)
    real, generated = _pair(real, generated, "real", "generated")
    precision = _inside_any_ball(generated, real, _kth_neighbour_radii(real, k)).mean()
    recall = _inside_any_ball(real, generated, _kth_neighbour_radii(generated, k)).mean()
    return float(precision), float(recall)


def coverage(real, generated, k: int = 5) -> float:
    """Coverage (Naeem et al., 2020): the fraction of real points whose k-nearest-neighbour ball (among the real
    points) holds at least one generated point. Unlike recall it uses only balls around real points, so a few stray
    generated outliers cannot inflate it."""
    k = _check_k(k)
    real, generated = _pair(real, generated, "real", "generated")
    radii = _kth_neighbour_radii(real, k)
    covered = np.zeros(len(real), dtype=bool)
    for start, squared in _squared_distances(real, generated):
        covered[start : start + _BLOCK] = squared.min(axis=1) <= radii[start : start + _BLOCK] ** 2
    return float(covered.mean())


def class_coverage(labels, n_classes: int, min_share: float = 0.25) -> float:
    """The fraction of the ``n_classes`` classes found among generated samples in fair numbers.

    ``labels`` are a classifier's predicted classes for the samples (integers from 0 to n_classes - 1). A class
    counts when it holds at least ``min_share`` of its fair share, ``min_share * len(labels) / n_classes`` samples:
    one stray sample of a class does not make a generator diverse.
    """
    labels = np.asarray(labels)
    if isinstance(n_classes, bool) or not isinstance(n_classes, (int, np.integer)) or n_classes < 1:
        raise ValueError(f"n_classes must be a whole number >= 1; got {n_classes!r}.")
    if labels.ndim != 1 or not len(labels):
        raise ValueError(f"labels must be a non-empty 1-D array of class numbers; got shape {labels.shape}.")
    if not np.issubdtype(labels.dtype, np.integer) or labels.min() < 0 or labels.max() >= n_classes:
        raise ValueError(f"labels must be whole numbers from 0 to {n_classes - 1}.")
    if not 0 <= min_share <= 1:
        raise ValueError(f"min_share must lie in [0, 1]; got {min_share}.")
    counts = np.bincount(labels, minlength=n_classes)
    return float(np.mean(counts >= max(min_share * len(labels) / n_classes, 1)))


def _mean_nearest(queries: np.ndarray, reference: np.ndarray) -> float:
    best = np.empty(len(queries))
    for start, squared in _squared_distances(queries, reference):
        best[start : start + _BLOCK] = squared.min(axis=1)
    return float(np.sqrt(best).mean())


def memorization_ratio(generated, train, held_out) -> float:
    """Mean distance from each generated sample to its nearest training example, divided by the same mean for
    held-out real samples (data the model never saw).

    Fresh samples from the data distribution score about 1; copies of training examples score 0; samples far from
    the data (noise) score above 1. A low precision/recall or distance against held-out data cannot tell a model
    that copies its whole training set from a good one; this ratio can.
    """
    train, generated = _pair(train, generated, "train", "generated")
    train, held_out = _pair(train, held_out, "train", "held_out")
    reference = _mean_nearest(held_out, train)
    if reference == 0:
        raise ValueError("held_out repeats training examples exactly: it cannot serve as fresh data.")
    return _mean_nearest(generated, train) / reference


def mode_counts(samples, centers, std: float, n_sigma: float = 3.0) -> np.ndarray:
    """How many of ``samples`` (shape ``(n, 2)``) lie within ``n_sigma * std`` of each of the ``centers``.

    A sample is counted for its nearest centre only, so no sample counts twice; returns an int array, one count per
    centre. For a 2-D Gaussian of standard deviation ``std``, 98.9 % of its own samples lie within 3 ``std``.
    """
    samples, centers = check_points(samples, "The samples"), check_points(centers, "The centres")
    std = check_number("std", std, positive=True)
    n_sigma = check_number("n_sigma", n_sigma, positive=True)
    distances = np.linalg.norm(samples[:, np.newaxis] - centers[np.newaxis], axis=-1)
    nearest = distances.argmin(axis=1)
    near = distances[np.arange(len(samples)), nearest] <= n_sigma * std
    return np.bincount(nearest[near], minlength=len(centers))


def modes_covered(samples, centers, std: float, n_sigma: float = 3.0, min_share: float = 0.25) -> int:
    """The number of modes the samples cover.

    A mode is covered when at least ``min_share`` of its fair share of the samples, ``min_share * n / n_modes``
    (and at least one sample), lies within ``n_sigma * std`` of its centre. With the defaults and 2 000 samples of
    8 modes, that is 62.5, so 63 samples near a centre.
    """
    counts = mode_counts(samples, centers, std, n_sigma)
    min_share = check_number("min_share", min_share, 0, 1)
    needed = max(1.0, min_share * len(np.asarray(samples)) / len(counts))
    return int((counts >= needed).sum())


def high_quality_fraction(samples, centers, std: float, n_sigma: float = 3.0) -> float:
    """The fraction of the samples that lie within ``n_sigma * std`` of some centre."""
    return float(mode_counts(samples, centers, std, n_sigma).sum() / len(np.asarray(samples)))
