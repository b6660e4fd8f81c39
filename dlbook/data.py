"""Offline data sets, all returned the way ``keras.datasets`` returns them: ``(X_train, y_train), (X_test, y_test)``.

Everything here is generated or ships with scikit-learn, so it works with no network. Features are ``float32``,
labels ``int64``; the same ``seed`` always gives the same arrays, and splits are stratified by class.
"""

from __future__ import annotations

from numbers import Real

import numpy as np
from sklearn import datasets as skdatasets
from sklearn.model_selection import train_test_split

from dlbook.checks import check_choice, check_number

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


def _check_split(test_size: float, seed: int) -> None:
    if not isinstance(test_size, Real) or not 0 < test_size < 1:
        raise ValueError(f"test_size is the fraction of samples held out for testing: a number strictly between "
                         f"0 and 1, such as 0.25. Got {test_size!r}.")
    check_number("seed", seed, 0, integer=True)


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
    check_choice("toy data set", name, TOY_SETS)
    check_number("n_samples", n_samples, 4, integer=True)  # two per class in each split
    check_number("noise", noise, 0, 2)
    _check_split(test_size, seed)
    X, y = TOY_SETS[name](int(n_samples), float(noise), np.random.default_rng(seed))
    return _split(X, y, test_size, seed)


def load_tabular(name: str = "breast_cancer", test_size: float = 0.25, seed: int = 0, standardize: bool = False) -> Split:
    """A tabular classification set from scikit-learn: ``"breast_cancer"``, ``"iris"`` or ``"wine"``.

    With ``standardize=True`` each feature is scaled to zero mean and unit variance using statistics of the training
    split only, so nothing about the test set leaks into training.
    """
    check_choice("tabular data set", name, _TABULAR)
    _check_split(test_size, seed)
    bunch = _TABULAR[name]()
    (X_train, y_train), (X_test, y_test) = _split(bunch.data, bunch.target, test_size, seed)
    if standardize:
        mean, std = X_train.mean(axis=0), X_train.std(axis=0) + 1e-8
        X_train, X_test = (X_train - mean) / std, (X_test - mean) / std
    return (X_train, y_train), (X_test, y_test)


def tabular_feature_names(name: str = "breast_cancer") -> list[str]:
    """The column names of a tabular set, in the order ``load_tabular`` returns them."""
    check_choice("tabular data set", name, _TABULAR)
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


_SKLEARN_IMAGES = ("china", "flower")
_SKIMAGE_IMAGES = ("camera", "astronaut", "coins", "coffee", "horse")


def load_sample_image(name: str = "china", gray: bool = False) -> np.ndarray:
    """A real photograph as a ``float32`` array in [0, 1], shape ``(H, W, 3)``, or ``(H, W)`` with ``gray=True``.

    ``"china"`` and ``"flower"`` ship with scikit-learn; ``"camera"``, ``"astronaut"``, ``"coins"``, ``"coffee"`` and
    ``"horse"`` with scikit-image. Grey levels are the luminance ``0.299 R + 0.587 G + 0.114 B``.
    """
    check_choice("sample image", name, _SKLEARN_IMAGES + _SKIMAGE_IMAGES)
    if name in _SKLEARN_IMAGES:
        bunch = skdatasets.load_sample_images()
        image = bunch.images[[n.endswith(f"{name}.jpg") for n in bunch.filenames].index(True)]
    else:
        try:
            import skimage.data
        except ImportError:
            raise ValueError(f"The image {name!r} comes with scikit-image: pip install scikit-image, or choose "
                             f"{' or '.join(repr(n) for n in _SKLEARN_IMAGES)}.") from None
        image = getattr(skimage.data, name)()
    image = np.asarray(image, dtype=np.float32)
    image = image / 255.0 if image.max() > 1 else image
    if image.ndim == 3 and gray:
        return image[..., :3] @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    if image.ndim == 2 and not gray:
        return np.repeat(image[..., np.newaxis], 3, axis=-1)
    return image


def load_adding_problem(n_samples: int = 10_000, length: int = 50, test_size: float = 0.2, seed: int = 0) -> Split:
    """The adding problem (Hochreiter & Schmidhuber, 1997): remember two marked numbers over a long sequence.

    Each input has shape ``(length, 2)``: channel 0 holds numbers drawn uniformly from [0, 1], channel 1 marks two
    of them with 1 (one in each half of the sequence). The target is the sum of the two marked numbers; always
    predicting its mean, 1, gives a mean squared error of about 1/6 = 0.167.
    """
    check_number("n_samples", n_samples, 4, integer=True)
    check_number("length", length, 2, integer=True)  # one marked number in each half
    _check_split(test_size, seed)
    rng = np.random.default_rng(seed)
    values = rng.uniform(0, 1, size=(n_samples, length))
    first = rng.integers(0, length // 2, size=n_samples)
    second = rng.integers(length // 2, length, size=n_samples)
    markers = np.zeros_like(values)
    markers[np.arange(n_samples), first] = markers[np.arange(n_samples), second] = 1.0
    X = np.stack([values, markers], axis=-1).astype(np.float32)
    y = (values * markers).sum(axis=1).astype(np.float32)
    n_test = int(round(n_samples * test_size))
    return (X[n_test:], y[n_test:]), (X[:n_test], y[:n_test])


def gaussian_mixture_centers(n_modes: int = 8, radius: float = 2.0) -> np.ndarray:
    """The ``(n_modes, 2)`` centres of ``load_gaussian_mixture``: evenly spaced on a circle, the first at angle 0."""
    check_number("n_modes", n_modes, 1, integer=True)
    check_number("radius", radius, 0, positive=True)
    angles = 2 * np.pi * np.arange(n_modes) / n_modes
    return (radius * np.column_stack([np.cos(angles), np.sin(angles)])).astype(np.float32)


def load_gaussian_mixture(n_samples: int = 2000, n_modes: int = 8, radius: float = 2.0, std: float = 0.05,
                          test_size: float = 0.25, seed: int = 0) -> Split:
    """A 2-D mixture of ``n_modes`` equally likely Gaussians on a circle, the classic test of a GAN's mode coverage.

    ``y`` is the index of the Gaussian each point came from (centres: ``gaussian_mixture_centers``); ``std`` is the
    standard deviation of each Gaussian.
    """
    check_number("n_samples", n_samples, 2 * n_modes, integer=True)  # a point of each mode in each split
    check_number("std", std, 0, positive=True)
    _check_split(test_size, seed)
    centers = gaussian_mixture_centers(n_modes, radius)
    rng = np.random.default_rng(seed)
    y = np.arange(n_samples) % n_modes
    X = centers[y] + rng.normal(0, std, size=(n_samples, 2))
    return _split(X, y, test_size, seed)


def load_swiss_roll(n_samples: int = 2000, noise: float = 0.05, test_size: float = 0.25, seed: int = 0) -> Split:
    """A 2-D swiss roll, a spiral sheet of points scaled to about [-1, 1], for generative models.

    The points are scikit-learn's ``make_swiss_roll`` seen from the side (its x and z) divided by 10; ``noise`` is
    the standard deviation of the Gaussian jitter in those units. ``y`` numbers four stretches along the roll, from
    its centre outwards, for colouring.
    """
    check_number("n_samples", n_samples, 8, integer=True)  # a point of each stretch in each split
    check_number("noise", noise, 0, 1)
    _check_split(test_size, seed)
    rng = np.random.default_rng(seed)
    points, position = skdatasets.make_swiss_roll(n_samples, random_state=int(rng.integers(2**31)))
    X = points[:, [0, 2]] / 10 + rng.normal(0, noise, size=(n_samples, 2))
    bounds = np.quantile(position, [0.25, 0.5, 0.75])
    return _split(X, np.searchsorted(bounds, position), test_size, seed)


_SERIES = ("sines", "goog")


def load_series(name: str = "sines", n_points: int = 2000, seed: int = 0) -> np.ndarray:
    """A 1-D time series, ``float32``: ``"sines"`` (two sines with noise, generated) or ``"goog"`` (Google's daily
    adjusted closing price over 1 047 trading days from 2004, shipped with matplotlib; ``n_points`` is ignored)."""
    check_choice("series", name, _SERIES)
    if name == "goog":
        from matplotlib import cbook

        with cbook.get_sample_data("goog.npz") as data:
            return np.asarray(data["price_data"]["adj_close"], dtype=np.float32)
    check_number("n_points", n_points, 10, integer=True)
    t = np.arange(n_points)
    rng = np.random.default_rng(seed)
    series = np.sin(2 * np.pi * t / 50) + 0.5 * np.sin(2 * np.pi * t / 23 + 1.0) + rng.normal(0, 0.1, n_points)
    return series.astype(np.float32)


def make_windows(series: np.ndarray, window: int, horizon: int = 1, test_size: float = 0.2) -> Split:
    """Cut a series into ``(window of past values, value horizon steps ahead)`` pairs, split in time order.

    ``X`` has shape ``(n, window, 1)`` (as Keras's recurrent layers expect) and ``y`` shape ``(n,)``. The test pairs
    are the last ``test_size`` of them, after every training pair: a forecast is tested on the future only.
    """
    series = np.asarray(series, dtype=np.float32)
    if series.ndim != 1:
        raise ValueError(f"series must be 1-D, got shape {series.shape}.")
    check_number("window", window, 1, integer=True)
    check_number("horizon", horizon, 1, integer=True)
    n = len(series) - window - horizon + 1
    if n < 2:
        raise ValueError(f"A series of {len(series)} values is too short for windows of {window} and a horizon "
                         f"of {horizon}.")
    _check_split(test_size, 0)
    X = np.lib.stride_tricks.sliding_window_view(series, window)[:n, :, np.newaxis]
    y = series[window + horizon - 1:window + horizon - 1 + n]
    n_train = n - max(1, int(round(n * test_size)))
    return (X[:n_train].copy(), y[:n_train].copy()), (X[n_train:].copy(), y[n_train:].copy())


def load_text_corpus() -> str:
    """A small English corpus for character-level models: about 58 000 characters of this course's own prose
    (chapters 01-06 and the introduction, with code and display maths left out), plain ASCII."""
    from importlib.resources import files

    return files("dlbook").joinpath("files", "course_text.txt").read_text(encoding="ascii")
