import numpy as np
import pytest

from dlbook import data


@pytest.mark.parametrize("name", sorted(data.TOY_SETS))
def test_toy_sets_have_the_keras_shape_and_types(name):
    (X_train, y_train), (X_test, y_test) = data.load_toy(name, n_samples=200, test_size=0.25)
    assert X_train.shape == (150, 2) and X_test.shape == (50, 2)
    assert X_train.dtype == np.float32 and y_train.dtype == np.int64
    assert set(np.unique(y_train)) == {0, 1} and set(np.unique(y_test)) == {0, 1}
    assert abs(y_test.mean() - 0.5) <= 0.02  # stratified


@pytest.mark.parametrize("name", sorted(data.TOY_SETS))
def test_toy_sets_are_seeded(name):
    first, again, other = (data.load_toy(name, seed=s) for s in (1, 1, 2))
    np.testing.assert_array_equal(first[0][0], again[0][0])
    assert not np.array_equal(first[0][0], other[0][0])


def test_noise_spreads_the_points():
    (clean, _), _ = data.load_toy("circles", noise=0.0)
    (noisy, _), _ = data.load_toy("circles", noise=0.3)
    assert np.abs(np.linalg.norm(noisy, axis=1) - np.linalg.norm(clean, axis=1)).mean() > 0.05
    np.testing.assert_allclose(
        sorted(np.round(np.linalg.norm(clean, axis=1), 4)[[0, -1]]), [0.5, 1.0], atol=1e-4
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "banana"}, "Unknown toy data set 'banana'. Choose one of"),
        ({"name": "moons", "n_samples": 0}, "n_samples must be a whole number of at least 4"),
        ({"name": "moons", "n_samples": -5}, "n_samples"),
        ({"name": "moons", "n_samples": 10.5}, "n_samples"),
        ({"name": "moons", "test_size": 0}, "strictly between 0 and 1"),
        ({"name": "moons", "test_size": 1.0}, "strictly between 0 and 1"),
        ({"name": "moons", "test_size": "half"}, "strictly between 0 and 1"),
        ({"name": "moons", "noise": -0.1}, "noise must be a finite number from 0 to 2"),
        ({"name": "moons", "seed": -1}, "seed must be a whole number of at least 0"),
    ],
)
def test_load_toy_refuses_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        data.load_toy(**kwargs)


def test_tabular_standardizes_with_training_statistics_only():
    (X_train, y_train), (X_test, _) = data.load_tabular("breast_cancer", standardize=True)
    assert X_train.shape[1] == 30 == len(data.tabular_feature_names("breast_cancer"))
    np.testing.assert_allclose(X_train.mean(axis=0), 0, atol=1e-4)
    np.testing.assert_allclose(X_train.std(axis=0), 1, atol=1e-3)
    assert not np.allclose(X_test.mean(axis=0), 0, atol=1e-3)
    with pytest.raises(ValueError, match="Unknown tabular data set 'mnist'"):
        data.load_tabular("mnist")
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        data.load_tabular("iris", test_size=2)


def test_digits_images_and_flat():
    (X_train, y_train), (X_test, y_test) = data.load_digits()
    assert X_train.shape[1:] == (8, 8, 1) and len(X_train) + len(X_test) == 1797
    assert 0.0 <= X_train.min() and X_train.max() <= 1.0
    assert set(np.unique(y_test)) == set(range(10))
    (flat, _), _ = data.load_digits(flatten=True)
    np.testing.assert_array_equal(flat, X_train.reshape(len(X_train), 64))


@pytest.mark.parametrize(
    ("name", "gray", "shape"),
    [
        ("china", False, (427, 640, 3)),
        ("flower", True, (427, 640)),
        ("camera", False, (512, 512, 3)),
        ("camera", True, (512, 512)),
    ],
)
def test_sample_images(name, gray, shape):
    image = data.load_sample_image(name, gray=gray)
    assert image.shape == shape and image.dtype == np.float32 and 0 <= image.min() < image.max() <= 1
    with pytest.raises(ValueError, match="Unknown sample image 'lena'"):
        data.load_sample_image("lena")


def test_adding_problem():
    (X, y), (X_test, y_test) = data.load_adding_problem(n_samples=1000, length=60, test_size=0.2, seed=1)
    assert X.shape == (800, 60, 2) and X_test.shape == (200, 60, 2) and y.shape == (800,)
    markers = X[..., 1]
    assert (markers.sum(axis=1) == 2).all()
    assert (markers[:, :30].sum(axis=1) == 1).all()  # one marked number in each half
    np.testing.assert_allclose(y, (X[..., 0] * markers).sum(axis=1), rtol=1e-6)
    assert abs(np.mean((y - 1) ** 2) - 1 / 6) < 0.02  # the trivial predictor's error
    with pytest.raises(ValueError, match="length must be a whole number of at least 2"):
        data.load_adding_problem(length=1)


def test_series_and_windows_split_in_time_order():
    series = data.load_series("sines", n_points=200)
    (X, y), (X_test, y_test) = data.make_windows(series, window=10, horizon=2, test_size=0.25)
    assert X.shape[1:] == (10, 1) and len(X) + len(X_test) == 200 - 10 - 2 + 1
    np.testing.assert_array_equal(X[5, :, 0], series[5:15])
    assert y[5] == series[5 + 10 + 1]
    np.testing.assert_array_equal(X_test[0, :, 0], series[len(X) : len(X) + 10])  # the future comes last
    assert len(data.load_series("goog")) > 1000
    with pytest.raises(ValueError, match="too short"):
        data.make_windows(series[:5], window=10)
    with pytest.raises(ValueError, match="Unknown series"):
        data.load_series("bitcoin")


def test_text_corpus():
    text = data.load_text_corpus()
    assert len(text) > 50_000 and text.isascii() and "perceptron" in text


def test_gaussian_mixture_points_sit_near_their_centres():
    from dlbook.data import gaussian_mixture_centers, load_gaussian_mixture

    (X, y), (X_test, y_test) = load_gaussian_mixture(800, n_modes=8, radius=2.0, std=0.05)
    centers = gaussian_mixture_centers(8, 2.0)
    assert X.shape == (600, 2) and X.dtype == np.float32 and y.dtype == np.int64
    assert set(y) == set(y_test) == set(range(8))
    np.testing.assert_allclose(np.linalg.norm(centers, axis=1), 2.0, rtol=1e-6)
    assert np.linalg.norm(X - centers[y], axis=1).max() < 0.05 * 6
    with pytest.raises(ValueError, match="std"):
        load_gaussian_mixture(std=0)


def test_swiss_roll_is_seeded_and_scaled():
    from dlbook.data import load_swiss_roll

    (X, y), _ = load_swiss_roll(400, seed=3)
    (X_again, _), _ = load_swiss_roll(400, seed=3)
    np.testing.assert_array_equal(X, X_again)
    assert X.shape == (300, 2) and set(y) == {0, 1, 2, 3}
    assert 0.5 < np.abs(X).max() < 1.8
    with pytest.raises(ValueError, match="noise"):
        load_swiss_roll(noise=-1)
