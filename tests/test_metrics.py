"""dlbook.metrics on cases whose answers are known."""

import numpy as np
import pytest

from dlbook.metrics import class_coverage, coverage, frechet_distance, memorization_ratio, precision_recall


@pytest.fixture
def cloud():
    return np.random.default_rng(0).normal(size=(500, 4)) @ np.diag([1.0, 2.0, 0.5, 1.5])


def test_frechet_distance_of_a_set_with_itself_is_zero(cloud):
    assert frechet_distance(cloud, cloud) == pytest.approx(0.0, abs=1e-8)


def test_a_shift_adds_its_squared_length(cloud):
    shift = np.array([1.0, -2.0, 0.0, 3.0])
    assert frechet_distance(cloud, cloud + shift) == pytest.approx(14.0, rel=1e-8)


def test_a_scaled_copy_has_the_closed_form_distance(cloud):
    # b = 2a: cov_b = 4 S, (S 4S)^(1/2) = 2S, so trace(S + 4S - 4S) = trace(S), plus |mean(a)|^2
    expected = np.sum(cloud.mean(axis=0) ** 2) + np.trace(np.cov(cloud, rowvar=False))
    assert frechet_distance(cloud, 2 * cloud) == pytest.approx(expected, rel=1e-6)


def test_gaussians_of_known_parameters():
    # N(m1, s1^2 I) and N(m2, s2^2 I) in d dimensions: |m1 - m2|^2 + d (s1 - s2)^2 = 4 + 3 * 1 = 7
    rng = np.random.default_rng(1)
    a = rng.normal(0.0, 1.0, size=(40_000, 3))
    b = rng.normal([2.0, 0.0, 0.0], 2.0, size=(40_000, 3))
    assert frechet_distance(a, b) == pytest.approx(7.0, abs=0.1)


def test_frechet_distance_is_symmetric_and_works_in_one_dimension(cloud):
    other = cloud[:, :1] * 3 + 1
    assert frechet_distance(cloud[:, :1], other) == pytest.approx(frechet_distance(other, cloud[:, :1]))
    assert frechet_distance(cloud[:, :1], other) == pytest.approx(
        (2 * cloud[:, 0].mean() + 1) ** 2 + 4 * np.var(cloud[:, 0], ddof=1), rel=1e-6
    )


def test_singular_covariances_give_a_finite_distance():
    rng = np.random.default_rng(2)
    flat = np.column_stack([rng.normal(size=50), np.zeros(50)])  # rank 1
    assert np.isfinite(frechet_distance(flat, flat + 1)) and frechet_distance(
        flat, flat + 1
    ) == pytest.approx(2.0, abs=1e-4)


@pytest.mark.parametrize(
    ("a", "b", "says"),
    [
        (np.zeros(10), np.zeros(10), "2-D"),
        (np.zeros((10, 3)), np.zeros((10, 4)), "same number of features"),
        (np.zeros((1, 3)), np.zeros((10, 3)), "at least 2 rows"),
        (np.full((5, 2), np.nan), np.zeros((5, 2)), "NaN"),
    ],
)
def test_frechet_distance_refuses_bad_shapes(a, b, says):
    with pytest.raises(ValueError, match=says):
        frechet_distance(a, b)


def ring(n, rng, std=0.05):
    angles = rng.integers(0, 8, n) * np.pi / 4
    return 2 * np.column_stack([np.cos(angles), np.sin(angles)]) + rng.normal(0, std, (n, 2))


def test_fresh_samples_of_the_data_score_high_precision_and_recall():
    rng = np.random.default_rng(3)
    precision, recall = precision_recall(ring(1000, rng), ring(1000, rng))
    assert precision > 0.9 and recall > 0.9
    assert coverage(ring(1000, rng), ring(1000, rng)) > 0.9


def test_memorised_samples_score_precision_1_but_a_low_recall():
    rng = np.random.default_rng(4)
    train = ring(1000, rng)
    memorised = np.repeat(train[:10], 100, axis=0)  # ten training points, each returned 100 times
    precision, recall = precision_recall(train, memorised)
    assert precision == 1.0 and recall <= 0.02
    assert coverage(train, memorised) < 0.1


def test_collapsed_samples_score_a_low_recall():
    rng = np.random.default_rng(5)
    real = ring(1000, rng)
    one_mode = 2 * np.array([1.0, 0.0]) + rng.normal(0, 0.05, (1000, 2))  # every sample in the first mode
    precision, recall = precision_recall(real, one_mode)
    assert precision > 0.9 and 0.05 < recall < 0.2  # about 1/8 of the data is reached
    assert coverage(real, one_mode) == pytest.approx(1 / 8, abs=0.05)


def test_noise_scores_a_low_precision():
    rng = np.random.default_rng(6)
    precision, _ = precision_recall(ring(1000, rng), rng.uniform(-3, 3, (1000, 2)))
    assert precision < 0.1


def test_precision_recall_refuses_bad_input():
    with pytest.raises(ValueError, match="k must be"):
        precision_recall(np.zeros((10, 2)), np.zeros((10, 2)), k=0)
    with pytest.raises(ValueError, match="more than k points"):
        precision_recall(np.zeros((3, 2)), np.zeros((10, 2)), k=3)
    with pytest.raises(ValueError, match="same number of features"):
        coverage(np.zeros((10, 2)), np.zeros((10, 3)))


def test_class_coverage():
    assert class_coverage(np.arange(100) % 10, 10) == 1.0
    assert class_coverage(np.zeros(100, dtype=int), 10) == 0.1  # collapsed onto one class
    # 91 samples of class 0 and one of each other class: a single stray sample does not count (fair share 10)
    assert class_coverage(np.concatenate([np.zeros(91, int), np.arange(1, 10)]), 10) == 0.1
    assert class_coverage(np.concatenate([np.zeros(91, int), np.arange(1, 10)]), 10, min_share=0) == 1.0
    with pytest.raises(ValueError, match="from 0 to 9"):
        class_coverage(np.array([0, 10]), 10)
    with pytest.raises(ValueError, match="1-D"):
        class_coverage(np.zeros((2, 2), int), 10)


def test_memorization_ratio():
    rng = np.random.default_rng(7)
    train, held_out, fresh = rng.normal(size=(500, 5)), rng.normal(size=(200, 5)), rng.normal(size=(200, 5))
    assert memorization_ratio(train[:200], train, held_out) == 0.0  # copies
    assert memorization_ratio(fresh, train, held_out) == pytest.approx(1.0, abs=0.1)
    assert memorization_ratio(3 * rng.normal(size=(200, 5)), train, held_out) > 1.5  # far from the data
    with pytest.raises(ValueError, match="fresh data"):
        memorization_ratio(fresh, train, train[:10])
