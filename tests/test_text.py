import numpy as np
import pytest

from dlbook.data import load_text_corpus
from dlbook.text import KneserNey, split_text, tune_kneser_ney


def test_split_text_is_contiguous_and_in_order():
    ids = np.arange(100)
    train, validation, test = split_text(ids, validation=0.1, test=0.2)
    assert (len(train), len(validation), len(test)) == (70, 10, 20)
    np.testing.assert_array_equal(np.concatenate([train, validation, test]), ids)


@pytest.mark.parametrize(("validation", "test"), [(0.0, 0.1), (0.5, 0.5), (0.1, -0.1)])
def test_split_text_refuses_fractions_that_leave_nothing(validation, test):
    with pytest.raises(ValueError, match="fraction"):
        split_text(np.arange(10), validation, test)


def test_unigram_by_hand():
    # "aab" over {a, b, c}, D = 0.5: p(a) = (2 - 0.5)/3 + 0.5 * 2/3 * 1/3, p(c) = 0.5 * 2/3 * 1/3
    model = KneserNey(order=1, discount=0.5, vocabulary_size=3).fit(np.array([0, 0, 1]))
    np.testing.assert_allclose(model.probabilities(np.array([0, 1, 2])), [0.5 + 1 / 9, 1 / 6 + 1 / 9, 1 / 9])


def test_bigram_by_hand():
    # "ababac": each character follows exactly one other, so the continuation unigram is uniform (1/3 each);
    # after a: b twice, c once -> p(b|a) = (2 - 0.5)/3 + 0.5 * 2/3 * 1/3, p(a|a) = 0.5 * 2/3 * 1/3
    model = KneserNey(order=2, discount=0.5, vocabulary_size=3).fit(np.array([0, 1, 0, 1, 0, 2]))
    np.testing.assert_allclose(model.probabilities(np.array([0, 1]))[1], 0.5 + 1 / 9)
    np.testing.assert_allclose(model.probabilities(np.array([0, 0]))[1], 1 / 9)
    # context c never seen: back off
    np.testing.assert_allclose(model.probabilities(np.array([2, 1]))[1], 1 / 3)


@pytest.mark.parametrize("order", [1, 2, 3, 5])
def test_every_context_gives_a_distribution(order):
    rng = np.random.default_rng(0)
    train = rng.integers(0, 6, 300) * (rng.random(300) < 0.7)  # skewed, some pairs never seen
    model = KneserNey(order=order, discount=0.7, vocabulary_size=7).fit(train)
    for _ in range(5):
        context = rng.integers(0, 7, order - 1)
        total = sum(model.probabilities(np.append(context, w))[-1] for w in range(7))
        np.testing.assert_allclose(total, 1.0)


def test_tuning_picks_the_best_validation_score_and_beats_the_unigram():
    text = load_text_corpus()[:20_000]
    vocabulary = sorted(set(text))
    ids = np.array([vocabulary.index(c) for c in text])
    train, validation, test = split_text(ids)
    model, table = tune_kneser_ney(train, validation, len(vocabulary), orders=(1, 2, 4), discounts=(0.5, 0.9))
    assert table.shape == (3, 2)
    np.testing.assert_allclose(model.cross_entropy(validation), table.min())
    assert model.order > 1 and model.cross_entropy(test) < table[0].min() - 0.5


def test_refuses_ids_outside_the_vocabulary_and_unfitted_models():
    model = KneserNey(order=2, discount=0.5, vocabulary_size=3)
    with pytest.raises(RuntimeError, match="fit"):
        model.probabilities(np.array([0, 1]))
    with pytest.raises(ValueError, match="0 .. 2"):
        model.fit(np.array([0, 3, 1]))
    with pytest.raises(ValueError, match="discount"):
        KneserNey(order=2, discount=1.5, vocabulary_size=3)
