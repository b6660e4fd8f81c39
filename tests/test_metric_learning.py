"""Chapter 10's metric learning (dlbook.metric_learning) and glyphs (dlbook.data.load_glyphs): every function
against a brute-force loop or a value worked out by hand."""

import itertools

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

from dlbook import data
from dlbook import metric_learning as ml


def _brute_distances(A, B):
    return np.array([[np.sqrt(np.sum((a - b) ** 2)) for b in B] for a in A])


def test_pairwise_distances_equal_a_double_loop():
    rng = np.random.default_rng(0)
    A, B = rng.normal(size=(7, 4)), rng.normal(size=(5, 4))
    np.testing.assert_allclose(ml.pairwise_distances(A, B), _brute_distances(A, B), atol=1e-12)
    np.testing.assert_allclose(ml.pairwise_distances(A), _brute_distances(A, A), atol=1e-7)
    np.testing.assert_allclose(
        ml.pairwise_distances(A, squared=True), _brute_distances(A, A) ** 2, atol=1e-12
    )
    assert np.all(np.diag(ml.pairwise_distances(A)) == 0)
    np.testing.assert_allclose(ml.pairwise_distances([[0.0, 0.0]], [[3.0, 4.0]]), [[5.0]])
    with pytest.raises(ValueError, match="same number of features"):
        ml.pairwise_distances(A, rng.normal(size=(3, 2)))
    with pytest.raises(ValueError, match="NaN"):
        ml.pairwise_distances([[np.nan, 1.0]])


def test_contrastive_loss_by_hand_and_by_loop():
    # same pair at distance 0.5 costs 0.25; different pair at 0.25 with margin 1 costs 0.75^2; at 1.5 costs 0
    assert ml.contrastive_loss([1, 0, 0], [0.5, 0.25, 1.5], margin=1.0) == pytest.approx(
        (0.25 + 0.5625 + 0) / 3
    )
    rng = np.random.default_rng(1)
    y, d = rng.integers(0, 2, 40), rng.uniform(0, 2, 40)
    loop = np.mean([di**2 if yi else max(0.0, 0.8 - di) ** 2 for yi, di in zip(y, d, strict=True)])
    assert ml.contrastive_loss(y, d, 0.8) == pytest.approx(loop)
    with pytest.raises(ValueError, match="1 \\(same class\\) or 0"):
        ml.contrastive_loss([2], [0.1])
    with pytest.raises(ValueError, match="one label per distance"):
        ml.contrastive_loss([1, 0], [0.1])


def test_triplet_loss_by_hand_and_by_loop():
    a, p, n = np.array([[0.0, 0.0]]), np.array([[1.0, 0.0]]), np.array([[0.0, 2.0]])
    assert ml.triplet_loss(a, p, n, margin=0.5) == 0.0  # 1 - 4 + 0.5 < 0
    assert ml.triplet_loss(a, n, p, margin=0.5) == pytest.approx(4 - 1 + 0.5)  # roles swapped
    rng = np.random.default_rng(2)
    A, P, N = (rng.normal(size=(10, 3)) for _ in range(3))
    loop = np.mean(
        [max(0.0, np.sum((x - q) ** 2) - np.sum((x - m) ** 2) + 0.2) for x, q, m in zip(A, P, N, strict=True)]
    )
    assert ml.triplet_loss(A, P, N, 0.2) == pytest.approx(loop)
    with pytest.raises(ValueError, match="same shape"):
        ml.triplet_loss(A, P[:3], N)


def _brute_batch_hard(labels, E, margin, squared=False):
    d = _brute_distances(E, E) ** (2 if squared else 1)
    losses = []
    for a in range(len(E)):
        positives = [d[a, p] for p in range(len(E)) if labels[p] == labels[a] and p != a]
        negatives = [d[a, n] for n in range(len(E)) if labels[n] != labels[a]]
        if positives and negatives:
            losses.append(max(0.0, max(positives) - min(negatives) + margin))
    return np.mean(losses) if losses else 0.0


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("squared", [False, True])
def test_batch_hard_equals_brute_force(seed, squared):
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 4, size=15)
    E = rng.normal(size=(15, 3))
    assert ml.batch_hard_triplet_loss(labels, E, 0.3, squared) == pytest.approx(
        _brute_batch_hard(labels, E, 0.3, squared)
    )
    anchors, positives, negatives = ml.batch_hard_triplets(labels, E)
    d = _brute_distances(E, E)
    for a, p, n in zip(anchors, positives, negatives, strict=True):
        assert labels[p] == labels[a] and p != a and labels[n] != labels[a]
        assert d[a, p] == pytest.approx(max(d[a, q] for q in range(15) if labels[q] == labels[a] and q != a))
        assert d[a, n] == pytest.approx(min(d[a, m] for m in range(15) if labels[m] != labels[a]))


def test_batch_hard_leaves_out_lonely_anchors():
    labels = np.array([0, 0, 1])  # the 1 has no positive
    E = np.array([[0.0], [1.0], [3.0]])
    anchors, positives, negatives = ml.batch_hard_triplets(labels, E)
    assert anchors.tolist() == [0, 1] and positives.tolist() == [1, 0] and negatives.tolist() == [2, 2]
    assert ml.batch_hard_triplet_loss(labels, E, margin=1.0) == pytest.approx(
        (max(0, 1 - 3 + 1) + max(0, 1 - 2 + 1)) / 2
    )
    assert ml.batch_hard_triplet_loss([0, 1, 2], E) == 0.0  # no anchor has a positive


def test_roc_auc_equals_scikit_learn_with_ties():
    rng = np.random.default_rng(3)
    y = rng.integers(0, 2, 200)
    scores = np.round(rng.normal(size=200) + y, 1)  # rounded: many ties
    assert ml.roc_auc(y, scores) == pytest.approx(roc_auc_score(y, scores))
    assert ml.roc_auc([0, 1], [0.0, 1.0]) == 1.0 and ml.roc_auc([0, 1], [1.0, 0.0]) == 0.0
    assert ml.roc_auc([0, 1], [0.5, 0.5]) == 0.5
    with pytest.raises(ValueError, match="at least one positive and one negative"):
        ml.roc_auc([1, 1], [0.1, 0.2])


def test_verification_auc_and_pairs():
    labels = np.array([0, 0, 1, 1])
    i, j, same = ml.all_pairs(labels)
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == list(itertools.combinations(range(4), 2))
    assert same.tolist() == [1, 0, 0, 0, 0, 1]
    separated = np.array([[0.0], [0.1], [5.0], [5.2]])
    assert ml.verification_auc(separated, labels) == 1.0
    # same-class pairs at 5 and 5.1; different-class pairs at 0.1, 0.2, 4.9 and 5.2: 2 of the 8 comparisons right
    assert ml.verification_auc(np.array([[0.0], [5.0], [0.1], [5.2]]), labels) == pytest.approx(0.25)


def test_one_shot_accuracy():
    labels = np.repeat(np.arange(6), 4)
    perfect = labels[:, None] * 10.0 + np.random.default_rng(0).normal(0, 0.1, size=(24, 1))
    assert ml.one_shot_accuracy(perfect, labels, n_way=5, trials=200) == 1.0
    noise = np.random.default_rng(1).normal(size=(24, 3))
    accuracy = ml.one_shot_accuracy(noise, labels, n_way=2, trials=2000)
    assert 0.4 < accuracy < 0.6  # chance is 1/2
    assert ml.one_shot_accuracy(noise, labels, 2, 300, seed=4) == ml.one_shot_accuracy(
        noise, labels, 2, 300, seed=4
    )
    with pytest.raises(ValueError, match="n_way"):
        ml.one_shot_accuracy(noise, labels, n_way=7)
    with pytest.raises(ValueError, match="two examples"):
        ml.one_shot_accuracy(noise[:5], labels[:5], n_way=2)  # class 1 has one example


def test_confusion_counts_and_projection():
    counts = ml.confusion_counts([0.1, 0.5, 0.9, 0.3], [1, 1, 0, 0], threshold=0.4)
    assert counts == {"TP": 1, "FP": 1, "FN": 1, "TN": 1}
    assert sum(ml.confusion_counts([0.1, 0.2], [1, 0], 10.0).values()) == 2
    rng = np.random.default_rng(5)
    E = rng.normal(size=(50, 6)) * [5, 3, 0.1, 0.1, 0.1, 0.1]
    points = ml.project_2d(E)
    assert points.shape == (50, 2)
    np.testing.assert_allclose(points.mean(axis=0), 0, atol=1e-9)
    assert points[:, 0].var() > points[:, 1].var() > 1  # the two directions of largest variance
    with pytest.raises(ValueError, match="at least 2 dimensions"):
        ml.project_2d(E[:, :1])


def test_glyphs_are_split_by_class_and_seeded():
    (X, y), (X_new, y_new) = data.load_glyphs(n_classes=20, per_class=5, new_classes=0.25, size=12, seed=3)
    assert X.shape == (75, 12, 12, 1) and X_new.shape == (25, 12, 12, 1)
    assert X.dtype == np.float32 and y.dtype == np.int64
    assert not set(y) & set(y_new) and len(set(y)) == 15 and len(set(y_new)) == 5
    assert X.min() >= 0 and X.max() <= 1 and X.mean() > 0.05  # ink on every image
    assert all(image.sum() > 3 for image in X[..., 0])
    again = data.load_glyphs(n_classes=20, per_class=5, new_classes=0.25, size=12, seed=3)
    np.testing.assert_array_equal(again[0][0], X)
    assert not np.array_equal(
        data.load_glyphs(n_classes=20, per_class=5, new_classes=0.25, size=12, seed=4)[0][0], X
    )


def test_glyph_classes_are_closer_within_than_between():
    (X, y), _ = data.load_glyphs(n_classes=30, per_class=6, seed=0)
    assert ml.verification_auc(X.reshape(len(X), -1), y) > 0.6  # pixels already tell classes apart somewhat


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_classes": 3}, "n_classes must be a whole number of at least 4"),
        ({"per_class": 1}, "per_class"),
        ({"new_classes": 1.0}, "strictly between 0 and 1"),
        ({"size": 4}, "size"),
        ({"noise": -1}, "noise"),
    ],
)
def test_glyphs_refuse_bad_values(kwargs, message):
    with pytest.raises(ValueError, match=message):
        data.load_glyphs(**kwargs)
