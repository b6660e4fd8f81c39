"""Chapter 14's sequence-to-sequence functions (dlbook.seq2seq) and its task, dlbook.data.load_dates."""

import datetime
import itertools

import numpy as np
import pytest

from dlbook import seq2seq as S
from dlbook.data import load_dates


def _weights(attention=True, vocabulary=4, units=3, embed=2, inputs=5, seed=0):
    rng = np.random.default_rng(seed)

    def gru(d):
        return (
            rng.normal(0, 1, (d, 3 * units)),
            rng.normal(0, 1, (units, 3 * units)),
            rng.normal(0, 0.5, (2, 3 * units)),
        )

    extra = (
        dict(
            W_query=rng.normal(0, 1, (units, units)),
            W_key=rng.normal(0, 1, (units, units)),
            v=rng.normal(0, 1, units),
        )
        if attention
        else {}
    )
    width = 2 * units if attention else units
    return S.Seq2SeqWeights(
        rng.normal(0, 1, (inputs, embed)),
        gru(embed),
        rng.normal(0, 1, (vocabulary, embed)),
        gru(embed + units),
        2 * rng.normal(0, 1, (width, vocabulary)),
        rng.normal(0, 1, vocabulary),
        **extra,
    )


def test_load_dates_is_seeded_distinct_and_correct():
    (X, y), (X_test, y_test) = load_dates(n_samples=400, test_size=0.25, seed=3)
    assert len(X) == 300 and len(X_test) == 100 and not set(X) & set(X_test)
    (X2, _), _ = load_dates(n_samples=400, test_size=0.25, seed=3)
    np.testing.assert_array_equal(X, X2)
    assert all(len(t) == 10 and datetime.date.fromisoformat(t) for t in np.concatenate([y, y_test]))
    lengths = np.char.str_len(np.concatenate([X, X_test]))
    assert lengths.min() >= 8 and lengths.max() <= 49
    for text, iso in zip(X, y, strict=True):
        date = datetime.date.fromisoformat(iso)
        assert str(date.year) in text
        for weekday in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"):
            if weekday[:3] in text.lower():
                assert date.strftime("%A").lower().startswith(weekday[:3]), (text, iso)


def test_encode_decode_and_shift():
    ids = S.encode(["ab", "b"], "ab", 4, pad="start")
    np.testing.assert_array_equal(ids, [[0, 0, 1, 2], [0, 0, 0, 2]])
    np.testing.assert_array_equal(S.encode(["ab"], "ab", 3, offset=2), [[2, 3, 0]])
    assert S.decode(ids, "ab") == ["ab", "b"]
    np.testing.assert_array_equal(S.shift_right(np.array([[5, 6, 7]])), [[S.START, 5, 6]])
    with pytest.raises(ValueError, match="does not know"):
        S.encode(["abc"], "ab", 4)
    with pytest.raises(ValueError, match="more than the 2"):
        S.encode(["aba"], "ab", 2)
    assert S.exact_match(["ab", "ba"], ["ab", "bb"]).tolist() == [1.0, 0.0]


def test_additive_attention_by_hand_and_mask():
    q, k, values = np.zeros((1, 1, 2)), np.array([[[0.0, 0.0], [1.0, 1.0], [5.0, 5.0]]]), np.eye(3)[None]
    context, alpha = S.additive_attention(
        q, k, values, np.array([1.0, 1.0]), mask=np.array([[True, True, False]])
    )
    scores = np.array([0.0, 2 * np.tanh(1.0)])
    expected = np.exp(scores) / np.exp(scores).sum()
    np.testing.assert_allclose(alpha[0, 0], [*expected, 0.0])
    np.testing.assert_allclose(context[0, 0], [*expected, 0.0])


def test_gru_and_attention_equal_keras():
    keras = pytest.importorskip("keras")
    rng = np.random.default_rng(1)
    layer = keras.layers.GRU(4, return_sequences=True)
    xs = rng.normal(size=(2, 5, 3)).astype("float32")
    expected = keras.ops.convert_to_numpy(layer(xs))  # builds the layer: its weights exist from here
    np.testing.assert_allclose(
        S.gru(xs, np.zeros((2, 4)), *layer.get_weights()), expected, rtol=1e-4, atol=1e-5
    )
    q, h, v = rng.normal(size=(2, 3, 4)), rng.normal(size=(2, 6, 4)), rng.normal(size=4)
    mask = np.array([[True] * 6, [True] * 2 + [False] * 4])
    attention = keras.layers.AdditiveAttention()
    attention.build([(2, 3, 4), (2, 6, 4)])
    attention.set_weights([v])
    context, alpha = attention([q, h, h], mask=[None, mask], return_attention_scores=True)
    mine = S.additive_attention(q, h, h, v, mask)
    np.testing.assert_allclose(mine[0], keras.ops.convert_to_numpy(context), rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(mine[1], keras.ops.convert_to_numpy(alpha), rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("attention", [True, False])
def test_greedy_is_beam_one_and_a_wide_beam_is_exhaustive(attention):
    w = _weights(attention)
    source = np.array([[0, 1, 2, 3, 4], [0, 0, 4, 4, 1], [2, 2, 2, 2, 2]])
    greedy, greedy_logp, alignment = S.greedy_decode(w, source, 3)
    beam1, beam1_logp = S.beam_search(w, source, 3, beam_width=1)
    np.testing.assert_array_equal(greedy, beam1)
    np.testing.assert_allclose(greedy_logp, beam1_logp)
    assert (alignment is None) != attention
    # a beam as wide as the number of prefixes keeps every prefix: it finds the most probable sequence
    every = np.array(list(itertools.product(range(4), repeat=3)))
    for row in range(len(source)):
        log_p, _ = S.teacher_forced(w, np.repeat(source[row : row + 1], len(every), axis=0), every)
        totals = np.take_along_axis(log_p, every[..., None], axis=2)[..., 0].sum(axis=1)
        best, best_logp = S.beam_search(w, source[row : row + 1], 3, beam_width=16)
        np.testing.assert_array_equal(best[0], every[np.argmax(totals)])
        np.testing.assert_allclose(best_logp[0], totals.max())
        assert best_logp[0] >= greedy_logp[row] - 1e-12
    ids, scores, steps = S.beam_search(w, source, 3, beam_width=2, history=True)
    assert len(steps) == 3 and steps[-1][0].shape == (3, 2, 3) and (np.diff(steps[-1][1], axis=1) <= 0).all()
    np.testing.assert_array_equal(ids, steps[-1][0][:, 0])


def test_translate_collects_the_alignment_and_the_beam():
    w = _weights(True, vocabulary=5, inputs=4)
    result = S.translate(w, "ab", "abc", "xyz", 4, 3, beam_width=2)
    assert len(result.output) == 3 and set(result.output) <= set("xyz")
    assert result.alignment.shape == (3, 2) and np.allclose(result.alignment.sum(axis=1), 1)
    assert len(result.beam) == 3 and all(len(step) <= 2 for step in result.beam)
    assert result.beam[-1][0][0] == result.output
    assert S.translate(_weights(False, vocabulary=5, inputs=4), "ab", "abc", "xyz", 4, 3).alignment is None
