"""Offline data sets, all returned the way ``keras.datasets`` returns them: ``(X_train, y_train), (X_test, y_test)``.

Everything here is generated or ships with scikit-learn, so it works with no network. Features are ``float32``,
labels ``int64``; the same ``seed`` always gives the same arrays, and splits are stratified by class.
"""

from __future__ import annotations

from numbers import Integral, Real

import numpy as np
from sklearn import datasets as skdatasets
from sklearn.model_selection import train_test_split

Split = tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


def _moons(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    return skdatasets.make_moons(n, noise=noise, random_state=int(rng.integers(2**31)))


def _circles(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    return skdatasets.make_circles(n, noise=noise, factor=0.5, random_state=int(rng.integers(2**31)))


def _xor(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    y = np.arange(n) % 2
    sign = rng.choice([-1.0, 1.0], size=n)
    X = rng.uniform(0.05, 1, size=(n, 2)) * np.column_stack([sign, np.where(y == 1, -sign, sign)])
    return X + rng.normal(0, noise, size=X.shape), y  # class 1 in the 2nd and 4th quadrants


def _spirals(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    y = np.arange(n) % 2
    t = np.sqrt(rng.uniform(0, 1, n)) * 3 * np.pi  # denser towards the outside, where the arms are longer
    angle = t + np.pi * y
    radius = t / (3 * np.pi)
    X = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    return X + rng.normal(0, noise, size=X.shape) * 0.5, y


def _blobs(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    y = np.arange(n) % 2
    centers = np.array([[-1.0, -1.0], [1.0, 1.0]])
    return centers[y] + rng.normal(0, 0.35 + noise, size=(n, 2)), y


TOY_SETS = {"moons": _moons, "circles": _circles, "xor": _xor, "spirals": _spirals, "blobs": _blobs}
_TABULAR = {
    "breast_cancer": skdatasets.load_breast_cancer,
    "iris": skdatasets.load_iris,
    "wine": skdatasets.load_wine,
}


def _check_choice(kind: str, name: str, choices) -> None:
    if name not in choices:
        raise ValueError(f"Unknown {kind} {name!r}. Choose one of: {', '.join(sorted(choices))}.")


def _check_split(test_size: float, seed: int) -> None:
    if not isinstance(test_size, Real) or not 0 < test_size < 1:
        raise ValueError(f"test_size is the fraction of samples held out for testing: a number strictly between "
                         f"0 and 1, such as 0.25. Got {test_size!r}.")
    if not isinstance(seed, Integral) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}.")


def _split(X: np.ndarray, y: np.ndarray, test_size: float, seed: int) -> Split:
    X_train, X_test, y_train, y_test = train_test_split(
        X.astype(np.float32), y.astype(np.int64), test_size=test_size, random_state=seed, stratify=y
    )
    return (X_train, y_train), (X_test, y_test)


def load_toy(name: str, n_samples: int = 500, noise: float = 0.1, test_size: float = 0.25, seed: int = 0) -> Split:
    """A 2-D two-class toy set: ``"moons"``, ``"circles"``, ``"xor"``, ``"spirals"`` or ``"blobs"``.

    ``noise`` is the standard deviation of the Gaussian jitter added to each point (for ``"blobs"`` it widens the
    two clusters, which overlap from about 0.5 on).
    """
    _check_choice("toy data set", name, TOY_SETS)
    if not isinstance(n_samples, Integral) or n_samples < 4:
        raise ValueError(f"n_samples must be an integer of at least 4 (two per class in each split), got {n_samples!r}.")
    if not isinstance(noise, Real) or not 0 <= noise <= 2:
        raise ValueError(f"noise must be a number between 0 and 2, got {noise!r}.")
    _check_split(test_size, seed)
    X, y = TOY_SETS[name](int(n_samples), float(noise), np.random.default_rng(seed))
    return _split(X, y, test_size, seed)


def load_tabular(name: str = "breast_cancer", test_size: float = 0.25, seed: int = 0, standardize: bool = False) -> Split:
    """A tabular classification set from scikit-learn: ``"breast_cancer"``, ``"iris"`` or ``"wine"``.

    With ``standardize=True`` each feature is scaled to zero mean and unit variance using statistics of the training
    split only, so nothing about the test set leaks into training.
    """
    _check_choice("tabular data set", name, _TABULAR)
    _check_split(test_size, seed)
    bunch = _TABULAR[name]()
    (X_train, y_train), (X_test, y_test) = _split(bunch.data, bunch.target, test_size, seed)
    if standardize:
        mean, std = X_train.mean(axis=0), X_train.std(axis=0) + 1e-8
        X_train, X_test = (X_train - mean) / std, (X_test - mean) / std
    return (X_train, y_train), (X_test, y_test)


def tabular_feature_names(name: str = "breast_cancer") -> list[str]:
    """The column names of a tabular set, in the order ``load_tabular`` returns them."""
    _check_choice("tabular data set", name, _TABULAR)
    return list(_TABULAR[name]().feature_names)


def load_digits(test_size: float = 0.25, seed: int = 0, flatten: bool = False) -> Split:
    """The 1 797 handwritten digits of scikit-learn, 8x8 pixels scaled to [0, 1].

    Images have shape ``(n, 8, 8, 1)`` (channels last, as Keras expects), or ``(n, 64)`` with ``flatten=True``.
    """
    _check_split(test_size, seed)
    bunch = skdatasets.load_digits()
    images = bunch.images / 16.0
    X = images.reshape(len(images), -1) if flatten else images[..., np.newaxis]
    return _split(X, bunch.target, test_size, seed)
