"""FeatureExplorer: its pure functions (features, both models, mistakes) and what it shows."""

import numpy as np
import pytest

from dlbook.widgets import base
from dlbook.widgets.features import (
    FEATURE_SETS,
    FeatureExplorer,
    classical_predictions,
    digits_split,
    feature_matrix,
    hog_features,
    mistakes,
    neural_predictions,
    pixel_statistics,
)


@pytest.fixture(autouse=True)
def _no_png(monkeypatch):
    # these tests look at no pixels (the widget contract test checks the PNG): skip rendering it
    monkeypatch.setattr(base, "figure_to_png", lambda figure, **options: b"\x89PNG stub")


def test_the_split_is_the_whole_digits_set():
    x_train, y_train, x_test, y_test = digits_split()
    assert x_train.shape == (1347, 8, 8) and x_test.shape == (450, 8, 8)
    assert len(y_train) == 1347 and len(y_test) == 450 and set(y_test) == set(range(10))
    assert 0 <= x_train.min() and x_train.max() <= 1


def test_feature_shapes():
    images = digits_split()[0][:5]
    assert hog_features(images).shape == (5, 144)
    assert pixel_statistics(images).shape == (5, 10)
    assert feature_matrix(images, "HOG + pixel statistics").shape == (5, 154)
    np.testing.assert_array_equal(feature_matrix(images[..., None], "raw pixels"), images.reshape(5, 64))


def test_pixel_statistics_by_hand():
    image = np.zeros((1, 8, 8))
    image[0, 0:4, 4:8] = 1.0  # a filled top-right quadrant
    stats = pixel_statistics(image)[0]
    np.testing.assert_allclose(stats[:5], [0.25, 0.0, 1.0, 0.0, 0.0])  # mean, then the four quadrants
    np.testing.assert_allclose(stats[5], np.sqrt(0.25 * 0.75), rtol=1e-6)  # the standard deviation
    np.testing.assert_allclose(stats[6:8], [1.5 / 8, 5.5 / 8])  # the ink's centre (row, column) over the size
    np.testing.assert_allclose(stats[8:], [np.sqrt(1.25) / 8] * 2, rtol=1e-6)  # its spread


def test_hog_sees_the_direction_of_edges():
    vertical = np.zeros((1, 8, 8))
    vertical[0, :, 4:] = 1.0
    horizontal = np.transpose(vertical, (0, 2, 1))
    a, b = hog_features(vertical)[0].reshape(16, 9), hog_features(horizontal)[0].reshape(16, 9)
    assert a.sum(axis=0).argmax() != b.sum(axis=0).argmax()


def test_bad_values_are_refused():
    with pytest.raises(ValueError, match="Unknown feature set"):
        feature_matrix(np.zeros((1, 8, 8)), "SIFT")
    with pytest.raises(ValueError, match="images must have shape"):
        feature_matrix(np.zeros((8, 8)), "HOG")
    with pytest.raises(ValueError, match="number of training examples"):
        classical_predictions("HOG", 5)
    with pytest.raises(ValueError, match="same shape"):
        mistakes(np.zeros(3), np.zeros(4))
    with pytest.raises(ValueError, match="Unknown feature set"):
        FeatureExplorer(features="edges")


def test_mistakes_lists_the_first_wrong_indices():
    np.testing.assert_array_equal(mistakes([1, 2, 3, 4, 5], [1, 0, 3, 0, 0], limit=2), [1, 3])


def test_both_models_learn_and_more_data_helps():
    y_test = digits_split()[3]
    for kind in FEATURE_SETS:
        assert np.mean(classical_predictions(kind, 1347) == y_test) > 0.5, kind
    small, large = (np.mean(neural_predictions(n) == y_test) for n in (50, 1347))
    assert large > 0.9 and large > small


def test_the_widget_shows_both_accuracies_and_mistakes():
    widget = FeatureExplorer("pixel statistics", 400)
    assert widget.error is None and "pixel statistics" in widget.status.value
    assert "400 training examples" in widget.status.value
    assert len(widget.figure.axes) == 3 and widget.figure.axes[1].texts  # some mistakes are labelled
    widget.features.value = "raw pixels"
    assert widget.error is None and "raw pixels" in widget.status.value
    name, states = widget.static_states()
    assert name == "features" and [label for label, _ in states][0] == "raw pixels" and len(states) == 4
