"""FeatureExplorer: hand-made features with logistic regression beside a neural network on raw pixels.

The data are scikit-learn's 8x8 handwritten digits, split once into training and test sets. The classical model is
logistic regression on a feature set chosen by hand (histograms of oriented gradients, a few pixel statistics, both,
or the raw pixels); the neural model is a small multi-layer perceptron on the raw pixels, which learns its own
features. A slider sets how many training examples both models see; the figure shows both test accuracies and the
test digits each model gets wrong.
"""

from __future__ import annotations

import warnings
from functools import lru_cache

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from dlbook.checks import check_choice, check_number
from dlbook.data import load_digits
from dlbook.plotting import tile_images
from dlbook.widgets.base import FigureWidget

FEATURE_SETS = ("HOG", "pixel statistics", "HOG + pixel statistics", "raw pixels")
TRAIN_SIZES = (20, 50, 100, 200, 400, 800, 1347)  # 1 347 is the whole training split
MIN_TRAIN = 20
DATA_SEED = 0
MAX_MISTAKES = 12  # digits shown per model, in 3 rows of 4


def hog_features(images: np.ndarray) -> np.ndarray:
    """Histograms of oriented gradients (Dalal and Triggs, 2005) of 8x8 images: shape ``(n, 144)``.

    Each image is cut into sixteen 2x2 cells; each cell votes its pixels' gradient directions into 9 orientation
    bins, weighted by the gradient's magnitude, and each cell's histogram is normalised (L2-Hys).
    """
    from skimage.feature import hog

    images = _as_images(images)
    return np.array(
        [hog(image, orientations=9, pixels_per_cell=(2, 2), cells_per_block=(1, 1)) for image in images],
        dtype=np.float32,
    ).reshape(len(images), -1)


def pixel_statistics(images: np.ndarray) -> np.ndarray:
    """Ten numbers a person might think of for a digit: shape ``(n, 10)``.

    The mean ink of the image and of each of its four quadrants, the ink's standard deviation, the centre of the
    ink (row, column) and its spread (row, column), each from the pixel intensities as weights.
    """
    images = _as_images(images)
    n, h, w = images.shape
    ink = images.sum(axis=(1, 2)) + 1e-8
    rows, cols = np.arange(h, dtype=float), np.arange(w, dtype=float)
    row_mass, col_mass = images.sum(axis=2) / ink[:, None], images.sum(axis=1) / ink[:, None]
    row_centre, col_centre = row_mass @ rows, col_mass @ cols
    row_spread = np.sqrt(np.maximum(row_mass @ rows**2 - row_centre**2, 0.0))
    col_spread = np.sqrt(np.maximum(col_mass @ cols**2 - col_centre**2, 0.0))
    quadrants = [
        images[:, i : i + h // 2, j : j + w // 2].mean(axis=(1, 2)) for i in (0, h // 2) for j in (0, w // 2)
    ]
    scale = np.array([h, w], dtype=float)
    return np.column_stack(
        [
            images.mean(axis=(1, 2)),
            *quadrants,
            images.std(axis=(1, 2)),
            row_centre / scale[0],
            col_centre / scale[1],
            row_spread / scale[0],
            col_spread / scale[1],
        ]
    ).astype(np.float32)


def feature_matrix(images: np.ndarray, kind: str) -> np.ndarray:
    """The feature set ``kind`` (one of ``FEATURE_SETS``) of each image, one row per image."""
    check_choice("feature set", kind, FEATURE_SETS)
    images = _as_images(images)
    if kind == "HOG":
        return hog_features(images)
    if kind == "pixel statistics":
        return pixel_statistics(images)
    if kind == "HOG + pixel statistics":
        return np.hstack([hog_features(images), pixel_statistics(images)])
    return images.reshape(len(images), -1).astype(np.float32)


def _as_images(images) -> np.ndarray:
    images = np.asarray(images, dtype=float)
    if images.ndim == 4 and images.shape[-1] == 1:
        images = images[..., 0]
    if images.ndim != 3:
        raise ValueError(
            f"images must have shape (n, height, width) or (n, height, width, 1), got {images.shape}."
        )
    return images


@lru_cache(maxsize=4)
def digits_split(seed: int = DATA_SEED):
    """The digits as ``(x_train, y_train, x_test, y_test)``, images of shape ``(8, 8)`` in [0, 1] (cached)."""
    (x_train, y_train), (x_test, y_test) = load_digits(seed=seed)
    return x_train[..., 0], y_train, x_test[..., 0], y_test


def _check_size(n_train: int) -> int:
    return check_number(
        "The number of training examples", n_train, MIN_TRAIN, len(digits_split()[0]), integer=True
    )


@lru_cache(maxsize=64)
def classical_predictions(kind: str, n_train: int, seed: int = DATA_SEED) -> np.ndarray:
    """Test-set predictions of logistic regression on the feature set ``kind``, trained on the first ``n_train``
    training examples (features standardised with statistics of those examples only)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    check_choice("feature set", kind, FEATURE_SETS)
    n_train = _check_size(n_train)
    x_train, y_train, x_test, _ = digits_split(seed)
    model = make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=2000))
    model.fit(feature_matrix(x_train[:n_train], kind), y_train[:n_train])
    return model.predict(feature_matrix(x_test, kind))


@lru_cache(maxsize=16)
def neural_predictions(n_train: int, seed: int = DATA_SEED) -> np.ndarray:
    """Test-set predictions of a multi-layer perceptron (64 raw pixels, 64 ReLU units, 10 outputs) trained with Adam
    on the first ``n_train`` training examples."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    n_train = _check_size(n_train)
    x_train, y_train, x_test, _ = digits_split(seed)
    model = MLPClassifier(hidden_layer_sizes=(64,), alpha=1e-3, max_iter=300, random_state=seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(x_train[:n_train].reshape(n_train, -1), y_train[:n_train])
    return model.predict(x_test.reshape(len(x_test), -1))


def mistakes(predictions: np.ndarray, labels: np.ndarray, limit: int = MAX_MISTAKES) -> np.ndarray:
    """Indices of the first ``limit`` test examples where ``predictions`` differ from ``labels``."""
    predictions, labels = np.asarray(predictions), np.asarray(labels)
    if predictions.shape != labels.shape:
        raise ValueError(
            f"predictions and labels must have the same shape, got {predictions.shape} and {labels.shape}."
        )
    return np.flatnonzero(predictions != labels)[:limit]


class FeatureExplorer(FigureWidget):
    """A menu of feature sets and a slider of training-set sizes; both models' test accuracy and their mistakes."""

    figsize = (11.0, 3.8)

    def __init__(self, features: str = "HOG", n_train: int = 1347, seed: int = DATA_SEED):
        check_choice("feature set", features, FEATURE_SETS)
        n_train = _check_size(n_train)
        self.seed = check_number("seed", seed, 0, integer=True)
        sizes = sorted({*TRAIN_SIZES, n_train})
        self.features = widgets.Dropdown(options=list(FEATURE_SETS), value=features, description="features")
        self.n_train = widgets.SelectionSlider(
            options=sizes, value=n_train, description="training examples", continuous_update=False
        )
        super().__init__([self.features, self.n_train])
        self.update()

    def static_states(self):
        others = [kind for kind in FEATURE_SETS if kind != self.features.value]
        states = [(self.features.value, None)]
        for kind in others:
            states.append((kind, lambda kind=kind: setattr(self.features, "value", kind)))
        return "features", states

    def draw(self, figure: Figure) -> str:
        kind = self.features.value
        check_choice("feature set", kind, FEATURE_SETS)
        n_train = _check_size(self.n_train.value)
        _, _, x_test, y_test = digits_split(self.seed)
        runs = [
            (f"logistic regression on {kind}", classical_predictions(kind, n_train, self.seed)),
            ("neural network on raw pixels", neural_predictions(n_train, self.seed)),
        ]
        accuracies = [float(np.mean(pred == y_test)) for _, pred in runs]

        ax_bars, *ax_mistakes = figure.subplots(1, 3, width_ratios=[1.0, 1.2, 1.2])
        colours = ["#1f77b4", "#d62728"]
        ax_bars.bar([0, 1], accuracies, color=colours, label=["classical", "neural"])
        for x, accuracy in enumerate(accuracies):
            ax_bars.text(x, accuracy + 0.01, f"{accuracy:.3f}", ha="center", va="bottom")
        ax_bars.set(
            xticks=[0, 1],
            xticklabels=["features +\nlogistic regression", "MLP on\nraw pixels"],
            ylim=(0, 1.1),
            ylabel="test accuracy",
            title=f"{n_train} training examples",
        )
        ax_bars.legend(loc="lower center", fontsize="x-small")

        for ax, (name, pred), colour in zip(ax_mistakes, runs, colours, strict=True):
            wrong = mistakes(pred, y_test)
            tiles = np.full((MAX_MISTAKES, 8, 8), np.nan)
            tiles[: len(wrong)] = x_test[wrong]
            ax.imshow(tile_images(tiles, 3, gap=2), cmap="gray_r", vmin=0, vmax=1)
            for k, i in enumerate(wrong):
                ax.text(
                    (k % 4) * 10,
                    (k // 4) * 10 - 0.6,
                    f"{y_test[i]}→{pred[i]}",
                    color=colour,
                    fontsize=8,
                    va="bottom",
                )
            ax.set(xticks=[], yticks=[])
            ax.set_title(
                f"{name}:\n{int(np.sum(pred != y_test))} mistakes (first {len(wrong)}, true→predicted)",
                fontsize=9,
                pad=14,
            )
        return (
            f"<b>{kind}</b> + logistic regression: test accuracy {accuracies[0]:.3f}; MLP on raw pixels: "
            f"{accuracies[1]:.3f} ({n_train} training examples, {len(y_test)} test digits)"
        )
