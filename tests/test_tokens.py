"""Chapter 16's token helpers (dlbook.tokens): byte-pair encoding, the decoding filters, repetition, patches."""

import numpy as np
import pytest

from dlbook import tokens as T


def test_pretokenize_loses_nothing_and_keeps_the_space_before_a_word():
    text = "Hello,  world!\n\nA 3-layer net:\tok. "
    words = T.pretokenize(text)
    assert "".join(words) == text
    assert " world" in words and "Hello" in words


def test_train_bpe_merges_the_most_frequent_pair_first():
    # "ab" occurs 5 times, "bc" 3 times, "cd" twice
    text = " ".join(["ab"] * 5 + ["bc"] * 3 + ["cd"] * 2)
    merges = T.train_bpe(text, 3)
    assert merges[0] == ("a", "b")
    assert merges[1] == (" ", "ab")  # " ab" (with its space) occurs 4 times
    assert T.train_bpe("aaaa", 5) == [("a", "a"), ("aa", "aa")]  # stops when no pair is left


def test_train_bpe_counts_pairs_weighted_by_word_frequency():
    merges = T.train_bpe("xyz " * 10 + "yz", 1)
    assert merges == [("y", "z")]  # 11 occurrences against 10 for x y


def test_bpe_applies_merges_in_the_order_they_were_learned():
    merges = [("b", "c"), ("a", "b"), ("bc", "d")]
    steps = T.bpe_steps("abcd", merges)
    assert steps[0] == (-1, ("a", "b", "c", "d"))
    assert [rank for rank, _ in steps[1:]] == [0, 2]  # b+c first (rank 0), so a+b never applies
    assert T.bpe_segment("abcd", merges) == ("a", "bcd")


def test_tokenizer_round_trips_and_matches_huggingface():
    from tokenizers import Regex, Tokenizer, models, pre_tokenizers, trainers

    from dlbook.data import load_text_corpus

    text = load_text_corpus()[:20000]
    tokenizer = T.BPETokenizer.train(text, 100)
    ids = tokenizer.encode(text)
    assert tokenizer.decode(ids) == text
    assert len(tokenizer) == len(set(text)) + 100 and ids.max() < len(tokenizer)
    hf = Tokenizer(models.BPE())
    hf.pre_tokenizer = pre_tokenizers.Split(Regex(T.WORD_PATTERN), behavior="isolated")
    hf.train_from_iterator(
        [text],
        trainer=trainers.BpeTrainer(
            vocab_size=len(set(text)) + 100, show_progress=False, initial_alphabet=sorted(set(text))
        ),
    )
    import json

    hf_merges = [
        tuple(m.split(" ")) if isinstance(m, str) else tuple(m)
        for m in json.loads(hf.to_str())["model"]["merges"]
    ]
    assert hf_merges == tokenizer.merges  # ties broken the same way
    assert hf.encode(text).tokens == tokenizer.tokens(text)
    with pytest.raises(ValueError, match="alphabet has no"):
        tokenizer.encode("\u00e9")


def test_temperature():
    logits = np.array([1.0, 2.0, 3.0])
    np.testing.assert_allclose(T.decoding_distribution(logits), np.exp(logits) / np.exp(logits).sum())
    assert (
        T.decoding_distribution(logits, 0.1)[2] > 0.99
        and np.ptp(T.decoding_distribution(logits, 100.0)) < 0.01
    )
    np.testing.assert_allclose(T.decoding_distribution(np.array([0.0, -np.inf])), [1.0, 0.0])
    with pytest.raises(ValueError, match="temperature"):
        T.decoding_distribution(logits, 0)


def test_top_k_keeps_the_k_largest():
    logits = np.array([[1.0, 3.0, 2.0, 0.0], [0.0, 0.0, 5.0, 1.0]])
    np.testing.assert_array_equal(
        T.keep_top_k(logits, 2), [[-np.inf, 3, 2, -np.inf], [-np.inf, -np.inf, 5, 1]]
    )
    np.testing.assert_array_equal(T.keep_top_k(logits, 10), logits)


def test_top_p_keeps_the_smallest_nucleus_with_at_least_p():
    logits = np.log([0.1, 0.6, 0.3])
    np.testing.assert_array_equal(np.isfinite(T.keep_top_p(logits, 0.5)), [False, True, False])
    np.testing.assert_array_equal(np.isfinite(T.keep_top_p(logits, 0.6)), [False, True, False])
    np.testing.assert_array_equal(np.isfinite(T.keep_top_p(logits, 0.7)), [False, True, True])
    np.testing.assert_array_equal(np.isfinite(T.keep_top_p(logits, 1.0)), [True, True, True])
    p = T.decoding_distribution(logits, top_p=0.7)
    np.testing.assert_allclose(p, [0, 2 / 3, 1 / 3])
    p = T.decoding_distribution(logits, temperature=0.5, top_k=1)
    np.testing.assert_allclose(p, [0, 1, 0])


def test_distinct_share_measures_repetition():
    assert T.distinct_share([1, 2, 3, 4], 2) == 1.0
    assert T.distinct_share([1, 2, 1, 2, 1, 2], 2) == 2 / 5
    with pytest.raises(ValueError, match="no 3-grams"):
        T.distinct_share([1, 2], 3)


def test_patchify_reading_order_and_extract_patches():
    images = np.arange(2 * 4 * 4 * 1, dtype=float).reshape(2, 4, 4, 1)
    patches = T.patchify(images, 2)
    assert patches.shape == (2, 4, 4)
    np.testing.assert_array_equal(patches[0, 0], [0, 1, 4, 5])
    np.testing.assert_array_equal(patches[0, 1], [2, 3, 6, 7])
    np.testing.assert_array_equal(patches[0, 2], [8, 9, 12, 13])
    import keras

    keras_patches = keras.ops.convert_to_numpy(keras.ops.image.extract_patches(images.astype("float32"), 2))
    np.testing.assert_array_equal(patches, keras_patches.reshape(2, 4, 4))
    with pytest.raises(ValueError, match="cannot be cut"):
        T.patchify(images, 3)


def test_dataset_descriptions_are_prose():
    from dlbook.data import load_dataset_descriptions

    text = load_dataset_descriptions()
    assert 10_000 < len(text) < 40_000 and text.isascii()
    assert "digits" in text and "====" not in text
