"""AttentionViewer: the NumPy attention, masks and positional encoding against Keras and the formulas, and the viewer's
callbacks driven by setting its controls."""

import keras
import numpy as np
import pytest

from dlbook import plotting
from dlbook.widgets import base
from dlbook.widgets.attention import (
    CUSTOM,
    AttentionViewer,
    causal_mask,
    check_attention_maps,
    check_sequence,
    describe_alphabet,
    head_focus,
    padding_mask,
    positional_encoding,
    scaled_dot_product_attention,
    softmax,
    tick_step,
    token_label,
)
from dlbook.widgets.gallery import stub_png


@pytest.fixture(autouse=True)
def _no_png(monkeypatch):
    stub_png(monkeypatch)  # these tests look at no pixels (test_widget_contract.py checks the PNG)


DIGITS = "0123456789"


def _keras_attention(q, k, v, mask=None):
    """keras.ops.dot_product_attention on our (batch, heads, n, depth) layout."""
    to_keras = [np.swapaxes(a, 1, 2).astype("float32") for a in (q, k, v)]
    out = keras.ops.dot_product_attention(*to_keras, mask=None if mask is None else np.asarray(mask, dtype=bool))
    return np.swapaxes(keras.ops.convert_to_numpy(out), 1, 2)


# -- pure functions -------------------------------------------------------------------------------------------------
def test_softmax_is_stable_and_normalised():
    p = softmax(np.array([[1e4, 1e4 - 1.0, -1e4], [0.0, 0.0, 0.0]]))
    assert np.isfinite(p).all()
    np.testing.assert_allclose(p.sum(axis=-1), [1.0, 1.0])
    np.testing.assert_allclose(p[1], [1 / 3] * 3)
    np.testing.assert_allclose(p[0, :2], [1 / (1 + np.exp(-1)), np.exp(-1) / (1 + np.exp(-1))])


def test_attention_equals_keras_with_and_without_a_mask():
    rng = np.random.default_rng(0)
    q, k, v = rng.normal(size=(2, 3, 5, 8)), rng.normal(size=(2, 3, 7, 8)), rng.normal(size=(2, 3, 7, 8))
    out, weights = scaled_dot_product_attention(q, k, v)
    assert out.shape == (2, 3, 5, 8) and weights.shape == (2, 3, 5, 7)
    np.testing.assert_allclose(out, _keras_attention(q, k, v), atol=1e-5)
    mask = rng.random((2, 3, 5, 7)) < 0.6
    mask[..., 0] = True  # every query may attend to at least one key
    out, weights = scaled_dot_product_attention(q, k, v, mask)
    np.testing.assert_allclose(out, _keras_attention(q, k, v, mask), atol=1e-5)
    assert (weights[~mask] == 0).all()
    np.testing.assert_allclose(weights.sum(axis=-1), 1.0)


def test_attention_by_hand():
    q = np.array([[1.0, 0.0]])
    k = np.array([[1.0, 0.0], [0.0, 1.0]])
    v = np.array([[10.0], [20.0]])
    out, weights = scaled_dot_product_attention(q, k, v)
    a = np.exp(1 / np.sqrt(2)) / (np.exp(1 / np.sqrt(2)) + 1)  # scores 1/sqrt(2) and 0
    np.testing.assert_allclose(weights, [[a, 1 - a]])
    np.testing.assert_allclose(out, [[10 * a + 20 * (1 - a)]])


def test_attention_with_huge_scores_masks_and_broadcasting():
    q = np.full((1, 3, 4), 100.0)
    k = np.concatenate([np.full((1, 1, 4), 100.0), np.full((1, 1, 4), -100.0), np.full((1, 1, 4), 99.0)], axis=1)
    v = np.eye(3)[None]
    with np.errstate(over="raise", invalid="raise"):
        out, weights = scaled_dot_product_attention(q, k, v)  # scores of about 2e4
    assert np.isfinite(out).all()
    np.testing.assert_allclose(weights[0, :, 0], 1.0)
    out, weights = scaled_dot_product_attention(q, k, v, causal_mask(3))  # a (3, 3) mask on a batch of one
    np.testing.assert_allclose(weights[0, 0], [1.0, 0.0, 0.0])
    assert weights[0, 1, 2] == 0.0 and weights[0, 2, 1] < 1e-300
    heads_q = np.random.default_rng(1).normal(size=(4, 2, 3, 5))  # (batch, heads, n_q, d) with shared k, v
    out, weights = scaled_dot_product_attention(heads_q, np.ones((3, 5)), np.arange(6.0).reshape(3, 2))
    np.testing.assert_allclose(weights, 1 / 3)
    np.testing.assert_allclose(out, np.broadcast_to([2.0, 3.0], (4, 2, 3, 2)))


def test_a_fully_masked_query_gets_zero_weights_as_in_keras():
    mask = np.array([[True, False], [False, False]])
    out, weights = scaled_dot_product_attention(np.ones((2, 3)), np.ones((2, 3)), np.ones((2, 1)), mask)
    np.testing.assert_array_equal(weights, [[1.0, 0.0], [0.0, 0.0]])
    np.testing.assert_array_equal(out, [[1.0], [0.0]])
    np.testing.assert_array_equal(scaled_dot_product_attention(np.ones((2, 3)), np.ones((2, 3)), np.ones((2, 1)),
                                                               mask.astype(int))[1], weights)  # 0/1 works too


@pytest.mark.parametrize("shapes, mask, message", [
    (((3,), (2, 3), (2, 1)), None, "at least 2 dimensions"),
    (((2, 3), (2, 4), (2, 1)), None, "same depth"),
    (((2, 3), (2, 3), (5, 1)), None, "one value per key"),
    (((2, 3), (4, 3), (4, 1)), np.ones((3, 4), bool), "does not broadcast"),
    (((2, 3), (4, 3), (4, 1)), np.ones((2, 5), bool), "does not broadcast"),
    (((2, 3), (4, 3), (4, 1)), np.full((2, 4), 0.5), "must be boolean"),
])
def test_attention_refuses_bad_shapes_and_masks(shapes, mask, message):
    q, k, v = (np.ones(shape) for shape in shapes)
    with pytest.raises(ValueError, match=message):
        scaled_dot_product_attention(q, k, v, mask)


def test_causal_mask_is_lower_triangular_and_matches_keras():
    np.testing.assert_array_equal(causal_mask(1), [[True]])
    np.testing.assert_array_equal(causal_mask(3), [[1, 0, 0], [1, 1, 0], [1, 1, 1]])
    assert causal_mask(5).dtype == bool
    layer = keras.layers.MultiHeadAttention(num_heads=2, key_dim=3)
    x = np.random.default_rng(2).normal(size=(1, 5, 6)).astype("float32")
    _, keras_scores = layer(x, x, use_causal_mask=True, return_attention_scores=True)
    _, masked_scores = layer(x, x, attention_mask=causal_mask(5)[None], return_attention_scores=True)
    np.testing.assert_allclose(keras.ops.convert_to_numpy(keras_scores), keras.ops.convert_to_numpy(masked_scores))


@pytest.mark.parametrize("n", [0, -2, 2.5, True, None])
def test_causal_mask_refuses_a_bad_length(n):
    with pytest.raises(ValueError, match="sequence length n must be a whole number"):
        causal_mask(n)


def test_padding_mask():
    np.testing.assert_array_equal(padding_mask([3, 1], 4), [[1, 1, 1, 0], [1, 0, 0, 0]])
    for lengths, message in (([0, 2], "from 1 to the padded length 4"), ([5], "from 1 to the padded length 4"),
                             ([[2]], "1-D array of whole numbers"), ([1.5], "1-D array of whole numbers")):
        with pytest.raises(ValueError, match=message):
            padding_mask(lengths, 4)


@pytest.mark.parametrize("length, depth", [(10, 8), (7, 6), (1, 2), (5, 7), (3, 1)])
def test_positional_encoding_follows_the_formula(length, depth):
    pe = positional_encoding(length, depth)
    assert pe.shape == (length, depth)
    for pos in range(length):
        for column in range(depth):
            angle = pos / 10000 ** (2 * (column // 2) / depth)
            expected = np.sin(angle) if column % 2 == 0 else np.cos(angle)
            assert pe[pos, column] == pytest.approx(expected, abs=1e-12)


def test_positional_encoding_dot_products_depend_on_the_offset_only():
    pe = positional_encoding(60, 16)
    similarity = pe @ pe.T
    np.testing.assert_allclose(np.diag(similarity), 8.0)  # sin^2 + cos^2 per pair
    np.testing.assert_allclose(np.diag(similarity, 5)[:10], np.diag(similarity, 5)[30:40], atol=1e-9)


@pytest.mark.parametrize("length, depth", [(0, 4), (4, 0), (2.0, 4), (3, -1)])
def test_positional_encoding_refuses_bad_sizes(length, depth):
    with pytest.raises(ValueError, match="must be a whole number of at least 1"):
        positional_encoding(length, depth)


def test_describe_alphabet_and_token_labels():
    assert describe_alphabet(DIGITS) == "0-9"
    assert describe_alphabet("ba") == "a b"
    assert describe_alphabet("abcdXYZ \n.,9") == "↵ ␣ , . 9 X-Z a-d"
    assert [token_label(c) for c in " \n\tx"] == ["␣", "↵", "⇥", "x"]


@pytest.mark.parametrize("text, kwargs, message", [
    ("12a4", {}, "does not know the character 'a': use only 0-9"),
    ("1xy", {}, "characters 'x', 'y'"),
    ("", {"length": 8}, "Type a sequence of the characters 0-9, exactly 8"),
    ("123", {"length": 8}, "exactly 8 characters; this one has 3"),
    ("123456789", {"max_length": 4}, "at most 4 characters"),
    (12345678, {}, "must be a string"),
])
def test_check_sequence_explains_what_to_type(text, kwargs, message):
    with pytest.raises(ValueError, match=message):
        check_sequence(text, DIGITS, **kwargs)


def test_check_sequence_accepts_good_input():
    assert check_sequence("01234567", DIGITS, length=8) == "01234567"
    assert check_sequence("abc", "abc", max_length=3) == "abc"


def test_check_attention_maps_accepts_the_usual_layouts():
    weights = np.full((2, 3, 3), 1 / 3)
    for given in ([weights, weights], (weights[None], weights[None]), np.stack([weights, weights])):
        maps = check_attention_maps(given, 3)
        assert len(maps) == 2 and all(m.shape == (2, 3, 3) for m in maps)
    for given, message in ((weights, "must return a list"), ([], "must return a list"),
                           ([np.ones((2, 3, 4))], r"must have shape \(heads, 3, 3\)"),
                           ([np.ones((3, 3))], r"must have shape \(heads, 3, 3\)"),
                           ([np.full((1, 3, 3), np.nan)], "NaN or infinite")):
        with pytest.raises(ValueError, match=message):
            check_attention_maps(given, 3)


def test_head_focus_and_tick_step():
    uniform, one_hot = np.full((1, 4, 4), 0.25), np.eye(4)[None]
    np.testing.assert_allclose(head_focus([np.concatenate([uniform, one_hot]), one_hot]), [[0.25, 1.0], [1.0, np.nan]])
    assert tick_step(8) == 1 and tick_step(24) == 1 and tick_step(25) == 2 and tick_step(64) == 3


# -- the widget -----------------------------------------------------------------------------------------------------
def fake_attention(text, layers=1, heads=2):
    """Each head of each layer attends to the position (query + head + layer) mod n, a little blurred."""
    n = len(text)
    maps = []
    for layer in range(layers):
        scores = np.stack([3.0 * np.roll(np.eye(n), head + layer, axis=1) for head in range(heads)])
        scores += 0.1 * np.array([int(c) if c.isdigit() else 0 for c in text])  # depends on the content too
        maps.append(softmax(scores))
    return maps


def _viewer(**kwargs):
    options = dict(attention_fn=fake_attention, examples=["52819034", "00000000", "98765432"], alphabet=DIGITS,
                   length=8, output_fn=lambda text: "".join(sorted(text)))
    options.update(kwargs)
    return AttentionViewer(**options)


def test_viewer_shows_the_first_example():
    viewer = _viewer(attention_fn=lambda text: fake_attention(text, layers=2, heads=4))
    assert viewer.error is None and viewer.text.value == "52819034" and viewer.example.value == "52819034"
    assert "8 tokens, 2 layers × 4 heads" in viewer.status.value and "<code>01234589</code>" in viewer.status.value
    assert bytes(viewer.image.value).startswith(b"\x89PNG")
    assert len(viewer.figure.axes) == 2 * 4 + 1  # the heads and one colour bar


def test_picking_an_example_and_typing_a_sequence():
    viewer = _viewer()
    before = bytes(viewer.image.value)
    viewer.example.value = "98765432"
    assert viewer.text.value == "98765432" and viewer.error is None and bytes(viewer.image.value) != before
    viewer.text.value = " 11223344 "  # surrounding spaces are dropped for an alphabet without a space
    assert viewer.example.value == CUSTOM and viewer.error is None and "<code>11223344</code>" in viewer.status.value
    viewer.text.value = "00000000"
    assert viewer.example.value == "00000000"


def test_viewer_reports_a_sequence_it_cannot_read():
    viewer = _viewer()
    for typed, message in (("1234567a", "does not know the character 'a': use only 0-9"),
                           ("1234567", "exactly 8 characters; this one has 7"), ("", "Type a sequence")):
        viewer.text.value = typed
        assert message in viewer.error and "Cannot draw this" in viewer.status.value
    viewer.example.value = "00000000"  # and recovers
    assert viewer.error is None


def test_viewer_for_text_with_a_maximum_length_and_unequal_heads():
    def uneven(text):
        return [fake_attention(text, layers=1, heads=2)[0], fake_attention(text, layers=1, heads=1)[0]]

    viewer = AttentionViewer(uneven, ["the cat sat on the mat, and the dog sat on the log"], alphabet="acdeghlmnost ,",
                             max_length=60)
    assert viewer.error is None and "2 layers × 2 heads" in viewer.status.value
    assert sum(ax.axison for ax in viewer.figure.axes) == 3 + 1  # the missing head's axes are hidden
    heatmap = viewer.figure.axes[2]  # layer 2, head 1: the bottom left
    assert heatmap.get_xlabel() == "key position (attended to)"  # 50 tokens: every 3rd position is numbered
    assert [t.get_text() for t in heatmap.get_xticklabels()][:3] == ["0", "3", "6"]
    viewer.text.value = " the cat "  # spaces are tokens here
    assert viewer.error is None and viewer.status.value.startswith("9 tokens")
    heatmap = viewer.figure.axes[2]
    assert heatmap.get_xlabel() == "key (attended to)"
    assert [t.get_text() for t in heatmap.get_xticklabels()] == ["␣", "t", "h", "e", "␣", "c", "a", "t", "␣"]
    viewer.text.value = "a" * 61
    assert "at most 60 characters" in viewer.error


@pytest.mark.parametrize("kwargs, message", [
    (dict(examples=[]), "non-empty list of strings"),
    (dict(examples="52819034"), "non-empty list of strings"),
    (dict(examples=["5281903"]), r"Example 0 \('5281903'\) cannot be shown: .*exactly 8"),
    (dict(alphabet=""), "alphabet must be a non-empty string"),
    (dict(max_length=9), "not both"),
    (dict(length=0), "length must be a whole number"),
    (dict(example=3), "example must be a whole number from 0 to 2"),
    (dict(output_fn="sorted"), "output_fn must be a function"),
])
def test_viewer_refuses_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        _viewer(**kwargs)


def test_viewer_refuses_an_attention_fn_that_does_not_fit():
    with pytest.raises(ValueError, match="attention_fn must be a function"):
        AttentionViewer(None, ["123"], DIGITS)
    with pytest.raises(ValueError, match=r"must have shape \(heads, 3, 3\)"):
        AttentionViewer(lambda text: [np.ones((2, 4, 4))], ["123"], DIGITS)


def test_site_build_steps_through_the_examples(monkeypatch):
    monkeypatch.setenv("DLBOOK_SITE_BUILD", "1")
    viewer = _viewer(example=1)
    name, states = viewer.static_states()
    assert name == "example" and [label for label, _ in states] == ["00000000", "52819034", "98765432"]
    html = viewer._repr_mimebundle_()["text/html"]
    assert html.count("<img") == 3 and 'type="range"' in html
    assert viewer.text.value == "00000000" and viewer.example.value == "00000000" and viewer.error is None


def test_a_typed_dollar_is_text_not_mathematics(monkeypatch):
    monkeypatch.setattr(base, "figure_to_png", plotting.figure_to_png)  # rendering would fail on "$b$" as maths
    viewer = AttentionViewer(lambda text: fake_attention(text, heads=1), ["a$b$c"], alphabet="abc$", max_length=8)
    assert viewer.error is None  # "$b$" would otherwise be typeset as mathematics
    assert [t.get_text() for t in viewer.figure.axes[0].get_xticklabels()] == ["a", r"\$", "b", r"\$", "c"]
