"""EmbeddingExplorer: the pairs it offers, the distances and counts it shows, and what it refuses."""

import numpy as np
import pytest

from dlbook import metric_learning as ml
from dlbook.widgets import EmbeddingExplorer
from dlbook.widgets.embedding import choose_pairs
from dlbook.widgets.gallery import stub_png


@pytest.fixture(autouse=True)
def _no_png(monkeypatch):
    stub_png(monkeypatch)  # these tests look at no pixels (test_widget_contract.py checks the PNG)


def _clusters(n_classes=4, per_class=6, seed=0):
    rng = np.random.default_rng(seed)
    labels = np.repeat(np.arange(n_classes), per_class)
    centres = rng.normal(size=(n_classes, 5)) * 3
    return centres[labels] + rng.normal(size=(len(labels), 5)) * 0.3, labels


def test_choose_pairs_alternates_same_and_different():
    _, labels = _clusters()
    pairs = choose_pairs(labels, n_pairs=10, seed=1)
    assert pairs.shape == (10, 2)
    same = labels[pairs[:, 0]] == labels[pairs[:, 1]]
    assert same[::2].all() and not same[1::2].any()
    assert (pairs[:, 0] != pairs[:, 1]).all()
    np.testing.assert_array_equal(pairs, choose_pairs(labels, n_pairs=10, seed=1))
    with pytest.raises(ValueError, match="at least two classes"):
        choose_pairs(np.zeros(5), 3)


def test_counts_and_pair_distance_follow_the_sliders():
    E, labels = _clusters()
    widget = EmbeddingExplorer(E, labels, seen_embeddings=E[:5] + 1, images=np.zeros((len(E), 4, 4, 1)))
    assert widget.error is None, widget.error
    i, j, same = ml.all_pairs(labels)
    d = ml.pairwise_distances(E)[i, j]
    for threshold in (0.5, 2.0, widget.threshold.max):
        widget.threshold.value = threshold
        assert widget.counts() == ml.confusion_counts(d, same, widget.threshold.value)
        assert f"TP {widget.counts()['TP']:,}" in widget.status.value
    widget.pair.value = 3
    a, b = widget.pairs[3]
    assert widget.pair_distance() == pytest.approx(np.linalg.norm(E[a] - E[b]))
    assert f"pair 3: classes {labels[a]} and {labels[b]}" in widget.status.value
    # separated clusters: a threshold between the within- and between-class distances makes no mistake
    widget.threshold.value = float(d[same == 1].max()) + 1e-3
    counts = widget.counts()
    assert counts["FN"] == 0 and counts["FP"] == 0


def test_default_threshold_is_the_median_distance_and_points_can_be_given():
    E, labels = _clusters()
    widget = EmbeddingExplorer(E, labels)
    i, j, _ = ml.all_pairs(labels)
    assert widget.threshold.value == pytest.approx(
        np.median(ml.pairwise_distances(E)[i, j]), abs=widget.threshold.step
    )
    points = np.arange(2 * len(E), dtype=float).reshape(-1, 2)
    assert EmbeddingExplorer(E, labels, points=points).points is not None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"labels": np.zeros(3)}, "one label per embedding"),
        ({"seen_embeddings": np.zeros((4, 2))}, "seen_embeddings must have shape"),
        ({"images": np.zeros((2, 4, 4))}, "one image per embedding"),
        ({"points": np.zeros((3, 2))}, "points must have shape"),
        ({"threshold": -1.0}, "threshold must be"),
    ],
)
def test_refuses_bad_inputs(kwargs, message):
    E, labels = _clusters()
    arguments = {"embeddings": E, "labels": labels, **kwargs}
    with pytest.raises(ValueError, match=message):
        EmbeddingExplorer(**arguments)


def test_an_impossible_threshold_shows_a_message():
    E, labels = _clusters()
    widget = EmbeddingExplorer(E, labels)
    widget.threshold.value = float("nan")
    assert widget.error and "threshold is a distance" in widget.error
