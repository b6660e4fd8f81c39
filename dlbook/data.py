"""Offline data sets, all returned the way ``keras.datasets`` returns them: ``(X_train, y_train), (X_test, y_test)``.

Everything here is generated or ships with scikit-learn, so it works with no network. Features are ``float32``,
labels ``int64``; the same ``seed`` always gives the same arrays, and splits are stratified by class.
"""

from __future__ import annotations

from functools import lru_cache
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
        raise ValueError(
            f"test_size is the fraction of samples held out for testing: a number strictly between "
            f"0 and 1, such as 0.25. Got {test_size!r}."
        )
    check_number("seed", seed, 0, integer=True)


def _split(X: np.ndarray, y: np.ndarray, test_size: float, seed: int) -> Split:
    X_train, X_test, y_train, y_test = train_test_split(
        X.astype(np.float32), y.astype(np.int64), test_size=test_size, random_state=seed, stratify=y
    )
    return (X_train, y_train), (X_test, y_test)


def load_toy(
    name: str, n_samples: int = 500, noise: float = 0.1, test_size: float = 0.25, seed: int = 0
) -> Split:
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


def load_tabular(
    name: str = "breast_cancer", test_size: float = 0.25, seed: int = 0, standardize: bool = False
) -> Split:
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
            raise ValueError(
                f"The image {name!r} comes with scikit-image: pip install scikit-image, or choose "
                f"{' or '.join(repr(n) for n in _SKLEARN_IMAGES)}."
            ) from None
        image = getattr(skimage.data, name)()
    image = np.asarray(image, dtype=np.float32)
    image = image / 255.0 if image.max() > 1 else image
    if image.ndim == 3 and gray:
        return image[..., :3] @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    if image.ndim == 2 and not gray:
        return np.repeat(image[..., np.newaxis], 3, axis=-1)
    return image


def load_adding_problem(
    n_samples: int = 10_000, length: int = 50, test_size: float = 0.2, seed: int = 0
) -> Split:
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


# Human-written date formats, from short to long (chapter 14): {d} day, {dd} zero-padded day, {dth} ordinal day,
# {m}/{mm} month number, {Mon}/{Month} month name, {Wkd}/{Weekday} day of the week, {y} four-digit year.
DATE_FORMATS = (
    "{y}-{mm}-{dd}",
    "{m}/{d}/{y}",
    "{dd}.{mm}.{y}",
    "{d} {Mon} {y}",
    "{Mon} {d}, {y}",
    "{d} {Month} {y}",
    "{Month} {dth}, {y}",
    "{Wkd}, {d} {Mon} {y}",
    "{Weekday}, {Month} {d}, {y}",
    "the {dth} of {Month}, {y}",
    "{Weekday} the {dth} of {Month} {y}",
    "{Weekday}, the {dth} of {Month} in the year {y}",
)


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def load_dates(n_samples: int = 10_000, test_size: float = 0.2, seed: int = 0) -> Split:
    """Dates written by people, in 12 formats (``DATE_FORMATS``), to translate into ISO dates ``YYYY-MM-DD``.

    Each input is a distinct string such as ``"Tuesday, the 3rd of March in the year 1987"``, ``"3 mar 1987"`` or
    ``"3/3/1987"`` (numbers are month/day with slashes, day.month with dots), for a uniformly drawn day from 1900 to
    2099, in a random format and a random case (as is, lower or upper); the weekday always matches the date. Inputs
    are 8 to 49 characters long, targets always 10. Returns arrays of strings,
    ``(inputs_train, isodates_train), (inputs_test, isodates_test)``; no input string is in both splits.
    """
    import datetime

    check_number("n_samples", n_samples, 2, integer=True)
    _check_split(test_size, seed)
    rng = np.random.default_rng(seed)
    start, days = datetime.date(1900, 1, 1).toordinal(), 200 * 365 + 48  # to 2099-12-31
    inputs: dict[str, str] = {}
    while len(inputs) < n_samples:
        date = datetime.date.fromordinal(start + int(rng.integers(days)))
        month, weekday = date.strftime("%B"), date.strftime("%A")
        text = DATE_FORMATS[int(rng.integers(len(DATE_FORMATS)))].format(
            d=date.day,
            dd=f"{date.day:02d}",
            dth=_ordinal(date.day),
            m=date.month,
            mm=f"{date.month:02d}",
            Mon=month[:3],
            Month=month,
            Wkd=weekday[:3],
            Weekday=weekday,
            y=date.year,
        )
        text = (text, text.lower(), text.upper())[int(rng.integers(3))]
        inputs.setdefault(text, date.isoformat())
    X, y = np.array(list(inputs)), np.array(list(inputs.values()))
    n_test = max(1, int(round(n_samples * test_size)))
    return (X[n_test:], y[n_test:]), (X[:n_test], y[:n_test])


def gaussian_mixture_centers(n_modes: int = 8, radius: float = 2.0) -> np.ndarray:
    """The ``(n_modes, 2)`` centres of ``load_gaussian_mixture``: evenly spaced on a circle, the first at angle 0."""
    check_number("n_modes", n_modes, 1, integer=True)
    check_number("radius", radius, 0, positive=True)
    angles = 2 * np.pi * np.arange(n_modes) / n_modes
    return (radius * np.column_stack([np.cos(angles), np.sin(angles)])).astype(np.float32)


def load_gaussian_mixture(
    n_samples: int = 2000,
    n_modes: int = 8,
    radius: float = 2.0,
    std: float = 0.05,
    test_size: float = 0.25,
    seed: int = 0,
) -> Split:
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


def load_swiss_roll(
    n_samples: int = 2000, noise: float = 0.05, test_size: float = 0.25, seed: int = 0
) -> Split:
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
    series = (
        np.sin(2 * np.pi * t / 50) + 0.5 * np.sin(2 * np.pi * t / 23 + 1.0) + rng.normal(0, 0.1, n_points)
    )
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
        raise ValueError(
            f"A series of {len(series)} values is too short for windows of {window} and a horizon "
            f"of {horizon}."
        )
    _check_split(test_size, 0)
    X = np.lib.stride_tricks.sliding_window_view(series, window)[:n, :, np.newaxis]
    y = series[window + horizon - 1 : window + horizon - 1 + n]
    n_train = n - max(1, int(round(n * test_size)))
    return (X[:n_train].copy(), y[:n_train].copy()), (X[n_train:].copy(), y[n_train:].copy())


def load_dataset_descriptions() -> str:
    """A second, smaller English text (about 16 000 characters): the prose paragraphs of the data set descriptions
    that ship with scikit-learn (``sklearn/datasets/descr/*.rst``, files in name order), without their tables,
    directives and links; paragraphs joined by a blank line (chapter 16 fine-tunes a language model on it)."""
    import re
    from importlib.resources import files

    folder = files("sklearn.datasets").joinpath("descr")
    paragraphs = []
    for name in sorted(p.name for p in folder.iterdir() if p.name.endswith(".rst")):
        for block in re.split(r"\n\s*\n", folder.joinpath(name).read_text(encoding="utf-8")):
            line = " ".join(part.strip() for part in block.splitlines())
            if (
                len(line) < 80
                or line.startswith(("..", ":", "|"))
                or "====" in line
                or "http" in line
                or sum(c.isalpha() or c == " " for c in line) < 0.85 * len(line)
            ):
                continue
            paragraphs.append(line.encode("ascii", "ignore").decode("ascii"))
    return "\n\n".join(paragraphs)


def load_text_corpus() -> str:
    """A small English corpus for character-level models: about 58 000 characters of this course's own prose
    (chapters 01-06 and the introduction, with code and display maths left out), plain ASCII."""
    from importlib.resources import files

    return files("dlbook").joinpath("files", "course_text.txt").read_text(encoding="ascii")


Split3 = tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]
MNIST1D_LENGTH = 40  # the length of every MNIST-1D sequence


@lru_cache(maxsize=4)
def _mnist1d_arrays(n_samples: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``n_samples`` MNIST-1D sequences (float32), their labels, and the permutation of the 40 positions that
    ``make_dataset(shuffle_seq=True)`` applies with this seed; the global random states are left as they were."""
    import random

    from mnist1d.data import get_dataset_args, make_dataset

    args = get_dataset_args()
    args.num_samples, args.train_split, args.seed, args.shuffle_seq = (
        -(-n_samples // 10) * 10,
        1.0,
        seed,
        False,
    )
    numpy_state, python_state = np.random.get_state(), random.getstate()  # noqa: NPY002 (the state mnist1d uses)
    try:  # make_dataset seeds NumPy's and Python's global generators: give them back untouched
        dataset = make_dataset(args)
        permutation = np.random.permutation(args.final_seq_length)  # noqa: NPY002 (shuffle_seq=True draws this next)
    finally:
        np.random.set_state(numpy_state)  # noqa: NPY002
        random.setstate(python_state)
    return dataset["x"][:n_samples].astype(np.float32), dataset["y"][:n_samples].astype(np.int64), permutation


def load_mnist1d(
    n_train: int = 4000,
    n_validation: int = 1000,
    n_test: int = 1000,
    shuffled: bool = False,
    seed: int = 0,
    flatten: bool = False,
) -> Split3:
    """MNIST-1D (Greydanus, 2020): ten 1-D "digits", each a sequence of 40 numbers, built offline.

    Returns ``(X_train, y_train), (X_validation, y_validation), (X_test, y_test)``. The sequences come from the
    ``mnist1d`` package's ``make_dataset`` with its default settings and this ``seed`` (its own download path is
    never used): each of ten hand-made templates is padded, stretched, shifted to a random place, sheared and
    buried in correlated noise, then the whole set is centred and scaled to unit standard deviation. The paper's
    split is 4000 training and 1000 test sequences; the validation sequences are drawn on top of those. With
    ``shuffled=True`` the 40 positions of every sequence are permuted by one fixed permutation (the paper's
    "shuffled" variant, the one ``make_dataset(shuffle_seq=True)`` draws): the same examples, with the order of
    their positions destroyed. ``X`` has shape ``(n, 40, 1)``, as ``Conv1D`` and recurrent layers expect, or
    ``(n, 40)`` with ``flatten=True``.
    """
    check_number("n_train", n_train, 10, integer=True)
    check_number("n_validation", n_validation, 0, integer=True)
    check_number("n_test", n_test, 1, integer=True)
    check_number("seed", seed, 0, 2**32 - 1, integer=True)
    X, y, permutation = _mnist1d_arrays(n_train + n_validation + n_test, seed)
    X = X[:, permutation] if shuffled else X.copy()
    X = X if flatten else X[..., np.newaxis]
    ends = np.cumsum([n_train, n_validation])
    return tuple((X[a:b], y[a:b].copy()) for a, b in zip([0, *ends], [*ends, len(y)], strict=True))


def _glyph_strokes(rng: np.random.Generator) -> np.ndarray:
    """A glyph class: 2 or 3 pen strokes, each a quadratic Bezier curve through 3 control points in the unit square
    (a glyph of 2 strokes repeats its first one, which draws nothing new), shape ``(3, 3, 2)``."""
    strokes = rng.uniform(0.15, 0.85, size=(3, 3, 2))
    if rng.integers(2, 4) == 2:
        strokes[2] = strokes[0]
    return strokes


def _render_glyphs(strokes: np.ndarray, size: int, rng: np.random.Generator, noise: float) -> np.ndarray:
    """Handwritten instances of glyphs ``strokes`` (n, 3, 3, 2): jittered control points, a random rotation, shear,
    scale and shift, a random pen width, then pixel noise. Returns ``(n, size, size)`` images in [0, 1]."""
    n = len(strokes)
    strokes = strokes + rng.normal(0, 0.03, size=strokes.shape)
    angle, shear = rng.normal(0, 0.18, size=n), rng.normal(0, 0.12, size=n)
    scale = 1 + rng.normal(0, 0.08, size=(n, 2))
    c, s = np.cos(angle), np.sin(angle)
    A = np.stack([np.stack([c, c * shear - s], -1), np.stack([s, s * shear + c], -1)], 1) * scale[:, None, :]
    t = np.linspace(0, 1, 7)[None, :, None, None]
    p0, p1, p2 = (strokes[:, None, :, k] for k in range(3))
    curves = (1 - t) ** 2 * p0 + 2 * t * (1 - t) * p1 + t**2 * p2  # (n, 7 points, 3 strokes, 2)
    curves = np.einsum("nij,npsj->npsi", A, curves - 0.5) + 0.5 + rng.normal(0, 0.05, size=(n, 1, 1, 2))
    curves = curves.astype(np.float32)
    start = curves[:, :-1].reshape(n, 1, -1, 2)  # the pen's 18 straight segments
    step = (curves[:, 1:] - curves[:, :-1]).reshape(n, 1, -1, 2)
    rows, cols = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    centres = ((np.column_stack([cols.ravel(), rows.ravel()]) + 0.5) / size).astype(np.float32)  # (x, y)
    dx, dy = centres[None, :, None, 0] - start[..., 0], centres[None, :, None, 1] - start[..., 1]
    along = np.clip((dx * step[..., 0] + dy * step[..., 1]) / np.maximum((step**2).sum(-1), 1e-12), 0, 1)
    dx, dy = dx - along * step[..., 0], dy - along * step[..., 1]
    # from each pixel to the pen's path, in pixels
    distance = np.sqrt((dx * dx + dy * dy).min(axis=-1)) * size
    width = rng.uniform(0.5, 0.9, size=(n, 1))
    images = np.clip(width + 0.5 - distance, 0, 1).reshape(n, size, size)
    return np.clip(images + rng.normal(0, noise, size=images.shape), 0, 1)


def load_glyphs(
    n_classes: int = 150,
    per_class: int = 12,
    new_classes: float = 0.4,
    size: int = 16,
    noise: float = 0.05,
    seed: int = 0,
) -> Split:
    """Handwritten glyphs of many made-up alphabets, a small offline stand-in for Omniglot (Lake et al., 2015).

    Each class is a glyph of 2 or 3 random pen strokes; each of its ``per_class`` images is drawn anew with jittered
    strokes, a random rotation, shear, scale, position and pen width, and pixel noise of standard deviation
    ``noise``. Unlike the other loaders, the split is by **class**: ``(X_seen, y_seen)`` holds the first classes and
    ``(X_new, y_new)`` the last ``new_classes`` fraction of them, so that a model trained on the first is tested on
    classes it never saw. Images have shape ``(n, size, size, 1)``, ink 1 on paper 0; labels are the class numbers.
    """
    check_number("n_classes", n_classes, 4, integer=True)
    check_number("per_class", per_class, 2, integer=True)  # a pair of the same class needs two images
    check_number("size", size, 8, 64, integer=True)
    check_number("noise", noise, 0, 1)
    _check_split(new_classes, seed)
    # two classes or more on each side
    n_new = min(max(int(round(n_classes * new_classes)), 2), n_classes - 2)
    rng = np.random.default_rng(seed)
    glyphs = [_glyph_strokes(rng) for _ in range(n_classes)]
    y = np.repeat(np.arange(n_classes), per_class).astype(np.int64)
    glyphs = np.stack(glyphs)
    X = np.concatenate(
        [_render_glyphs(glyphs[y[k : k + 256]], size, rng, noise) for k in range(0, len(y), 256)]
    )
    X = X[..., np.newaxis].astype(np.float32)
    seen = y < n_classes - n_new
    return (X[seen], y[seen]), (X[~seen], y[~seen])


def _cell_image(
    size: int, rng: np.random.Generator, grid: tuple[np.ndarray, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """One microscopy-like image of ``load_cells`` and its mask."""
    from scipy import ndimage

    yy, xx = grid
    n_cells = int(rng.integers(4, 12))
    centres: list[tuple[float, float]] = []
    radii: list[float] = []
    for _ in range(40):  # cells may touch but not sit on top of one another
        if len(radii) == n_cells:
            break
        r = rng.uniform(1.3, 4.5) * size / 32
        cy, cx = rng.uniform(1, size - 1, 2)
        if all(np.hypot(cy - a, cx - b) > 0.85 * (r + q) for (a, b), q in zip(centres, radii, strict=True)):
            centres.append((cy, cx))
            radii.append(r)
    label = np.zeros((size, size), dtype=int)
    # each pixel belongs to the cell whose centre is relatively closest
    nearest = np.full((size, size), np.inf)
    contrast = rng.uniform(0.2, 0.7, len(radii) + 1)
    for c, ((cy, cx), r) in enumerate(zip(centres, radii, strict=True), start=1):
        ratio, angle = rng.uniform(0.65, 1.0), rng.uniform(0, np.pi)
        u = (xx - cx) * np.cos(angle) + (yy - cy) * np.sin(angle)
        v = -(xx - cx) * np.sin(angle) + (yy - cy) * np.cos(angle)
        d = np.hypot(u / r, v / (r * ratio))
        inside = (d < 1) & (d < nearest)
        label[inside], nearest[inside] = c, d[inside]
    padded = np.pad(label, 1)
    gap = np.zeros((size, size), dtype=bool)  # a one-pixel line of background wherever two cells touch
    for dy, dx in ((0, 1), (1, 0)):
        other = padded[1 + dy : 1 + dy + size, 1 + dx : 1 + dx + size]
        gap |= (label > 0) & (other > 0) & (other != label)
    mask = (label > 0) & ~gap
    signal = ndimage.gaussian_filter(
        contrast[label] * np.where(mask, 1 - 0.4 * nearest**2, 0.0), 0.6 * size / 32
    )
    # uneven illumination: a ramp in a random direction and a smooth random field
    theta = rng.uniform(0, 2 * np.pi)
    ramp = ((xx - size / 2) * np.cos(theta) + (yy - size / 2) * np.sin(theta)) / size
    field = ndimage.gaussian_filter(rng.normal(size=(size, size)), size / 6)
    light = 0.35 + rng.uniform(0.3, 0.6) * ramp + 0.08 * field / (field.std() + 1e-8)
    texture = 0.08 * ndimage.gaussian_filter(rng.normal(size=(size, size)), size / 32)
    image = light + texture + signal * (0.6 + light) + rng.normal(0, 0.03, (size, size))
    return np.clip(image, 0, 1), mask


def load_cells(n_images: int = 800, size: int = 32, test_size: float = 0.25, seed: int = 0) -> Split:
    """Microscopy-like images of cells with their pixel masks, for segmentation: ``(images, masks)`` per split.

    Each grey image (``float32`` in [0, 1], shape ``(n, size, size, 1)``) shows 4 to 11 bright elliptical cells of
    varied size (radius 1.3 to 4.5 pixels at ``size=32``) and contrast, some touching, on an unevenly lit, textured,
    noisy background: a ramp of brightness in a random direction plus a smooth random field, so no single grey level
    separates cells from background. The masks (``float32``, 1 on a cell, same shape) keep a one-pixel line of
    background wherever two cells touch, so that they stay separate objects.
    """
    check_number("n_images", n_images, 2, integer=True)
    check_number("size", size, 16, 256, integer=True)
    _check_split(test_size, seed)
    rng = np.random.default_rng(seed)
    grid = np.mgrid[0:size, 0:size].astype(float)
    pairs = [_cell_image(int(size), rng, (grid[0], grid[1])) for _ in range(int(n_images))]
    X = np.stack([image for image, _ in pairs])[..., np.newaxis].astype(np.float32)
    y = np.stack([mask for _, mask in pairs])[..., np.newaxis].astype(np.float32)
    n_test = max(1, int(round(n_images * test_size)))
    return (X[n_test:], y[n_test:]), (X[:n_test], y[:n_test])
