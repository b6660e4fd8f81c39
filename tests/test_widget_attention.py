"""AttentionViewer: its helpers, and its callbacks driven by setting its controls (the attention maths it shows is
tested in test_attention.py)."""

import numpy as np
import pytest

from dlbook import plotting
from dlbook.activations import softmax
from dlbook.widgets import base
from dlbook.widgets.attention import (
    TYPED,
    AttentionViewer,
    check_attention_maps,
    check_sequence,
    describe_alphabet,
    head_focus,
    tick_step,
    token_label,
)
from dlbook.widgets.gallery import refreshed_and_fresh, stub_png


@pytest.fixture(autouse=True)
def _no_png(monkeypatch):
    stub_png(monkeypatch)  # these tests look at no pixels (test_widget_contract.py checks the PNG)


DIGITS = "0123456789"


def test_describe_alphabet_and_token_labels():
    assert describe_alphabet(DIGITS) == "0-9"
    assert describe_alphabet("ba") == "a b"
    assert describe_alphabet("abcdXYZ \n.,9") == "↵ ␣ , . 9 X-Z a-d"
    assert [token_label(c) for c in " \n\tx"] == ["␣", "↵", "⇥", "x"]


@pytest.mark.parametrize(
    "text, kwargs, message",
    [
        ("12a4", {}, "does not know the character 'a': use only 0-9"),
        ("1xy", {}, "characters 'x', 'y'"),
        ("", {"length": 8}, "Type a sequence of the characters 0-9, exactly 8"),
        ("123", {"length": 8}, "exactly 8 characters; this one has 3"),
        ("123456789", {"max_length": 4}, "at most 4 characters"),
        (12345678, {}, "must be a string"),
    ],
)
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
    for given, message in (
        (weights, "must return a list"),
        ([], "must return a list"),
        ([np.ones((2, 3, 4))], r"must have shape \(heads, 3, 3\)"),
        ([np.ones((3, 3))], r"must have shape \(heads, 3, 3\)"),
        ([np.full((1, 3, 3), np.nan)], "NaN or infinite"),
    ):
        with pytest.raises(ValueError, match=message):
            check_attention_maps(given, 3)


def test_head_focus_and_tick_step():
    uniform, one_hot = np.full((1, 4, 4), 0.25), np.eye(4)[None]
    np.testing.assert_allclose(
        head_focus([np.concatenate([uniform, one_hot]), one_hot]), [[0.25, 1.0], [1.0, np.nan]]
    )
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
    options = dict(
        attention_fn=fake_attention,
        examples=["52819034", "00000000", "98765432"],
        alphabet=DIGITS,
        length=8,
        output_fn=lambda text: "".join(sorted(text)),
    )
    options.update(kwargs)
    return AttentionViewer(**options)


def test_viewer_shows_the_first_example():
    viewer = _viewer(attention_fn=lambda text: fake_attention(text, layers=2, heads=4))
    assert viewer.error is None and viewer.text.value == "52819034" and viewer.example.value == "52819034"
    assert (
        "8 tokens, 2 layers × 4 heads" in viewer.status.value
        and "<code>01234589</code>" in viewer.status.value
    )
    assert bytes(viewer.image.value).startswith(b"\x89PNG")
    assert len(viewer.figure.axes) == 2 * 4 + 1  # the heads and one colour bar


def test_picking_an_example_and_typing_a_sequence():
    viewer = _viewer()
    before = bytes(viewer.image.value)
    viewer.example.value = "98765432"
    assert viewer.text.value == "98765432" and viewer.error is None and bytes(viewer.image.value) != before
    viewer.text.value = " 11223344 "  # surrounding spaces are dropped for an alphabet without a space
    assert (
        viewer.example.value == TYPED
        and viewer.error is None
        and "<code>11223344</code>" in viewer.status.value
    )
    viewer.text.value = "00000000"
    assert viewer.example.value == "00000000"


def test_viewer_reports_a_sequence_it_cannot_read():
    viewer = _viewer()
    for typed, message in (
        ("1234567a", "does not know the character 'a': use only 0-9"),
        ("1234567", "exactly 8 characters; this one has 7"),
        ("", "Type a sequence"),
    ):
        viewer.text.value = typed
        assert message in viewer.error and "Cannot draw this" in viewer.status.value
    viewer.example.value = "00000000"  # and recovers
    assert viewer.error is None


def test_viewer_for_text_with_a_maximum_length_and_unequal_heads():
    def uneven(text):
        return [fake_attention(text, layers=1, heads=2)[0], fake_attention(text, layers=1, heads=1)[0]]

    viewer = AttentionViewer(
        uneven,
        ["the cat sat on the mat, and the dog sat on the log"],
        alphabet="acdeghlmnost ,",
        max_length=60,
    )
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


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(examples=[]), "non-empty list of strings"),
        (dict(examples="52819034"), "non-empty list of strings"),
        (dict(examples=["5281903"]), r"Example 0 \('5281903'\) cannot be shown: .*exactly 8"),
        (dict(alphabet=""), "alphabet must be a non-empty string"),
        (dict(max_length=9), "not both"),
        (dict(length=0), "length must be a whole number"),
        (dict(example=3), "example must be a whole number from 0 to 2"),
        (dict(output_fn="sorted"), "output_fn must be a function"),
    ],
)
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
    # rendering would fail on "$b$" as maths
    monkeypatch.setattr(base, "figure_to_png", plotting.figure_to_png)
    viewer = AttentionViewer(
        lambda text: fake_attention(text, heads=1), ["a$b$c"], alphabet="abc$", max_length=8
    )
    assert viewer.error is None  # "$b$" would otherwise be typeset as mathematics
    assert [t.get_text() for t in viewer.figure.axes[0].get_xticklabels()] == ["a", r"\$", "b", r"\$", "c"]


def test_a_new_example_refreshes_the_figure_and_shows_what_a_fresh_draw_shows(monkeypatch):
    viewer = _viewer()
    quick, fresh = refreshed_and_fresh(monkeypatch, viewer, [("example", "98765432"), ("text", "12345678")])
    assert (np.abs(quick - fresh).max(axis=2) > 30).mean() < 0.002
