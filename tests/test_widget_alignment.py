"""AlignmentViewer: a beam-search translation's alignment and beam, step by step (nothing trains)."""

import numpy as np
import pytest

from dlbook.seq2seq import Translation
from dlbook.widgets.alignment import TYPED, AlignmentViewer, check_translation
from dlbook.widgets.gallery import _fake_translation, refreshed_and_fresh, stub_png


@pytest.fixture(autouse=True)
def _no_png(monkeypatch):
    stub_png(monkeypatch)


def _viewer(**kwargs):
    return AlignmentViewer(_fake_translation, ["the 4th of july, 1976", "7/4/1976"], **kwargs)


def test_steps_show_the_beam_of_that_step():
    widget = _viewer(step=3)
    assert (
        widget.error is None and "Step 3" in widget.status.value and "<code>197</code>" in widget.status.value
    )
    widget.step.value = 10
    assert "<code>1976-07-04</code>" in widget.status.value
    heat = widget.figure.axes[0].images[0].get_array()
    assert np.ma.getdata(heat).shape == (10, len("the 4th of july, 1976"))


def test_rows_after_the_step_are_hidden():
    widget = _viewer(step=2)
    shown = np.ma.masked_invalid(widget.figure.axes[0].images[0].get_array())
    assert not shown[:2].mask.any() and shown[2:].mask.all()


def test_menu_and_text_box_agree():
    widget = _viewer()
    widget.example.value = "7/4/1976"
    assert widget.text.value == "7/4/1976" and "'7/4/1976'" in widget.figure.texts[0].get_text()
    widget.text.value = "July 4, 1976"
    assert widget.example.value == TYPED and widget.error is None
    widget.text.value = ""
    assert widget.error is not None and "Type a date" in widget.status.value


def test_refuses_what_it_cannot_show():
    good = _fake_translation("7/4/1976")
    with pytest.raises(ValueError, match="one column per input character"):
        check_translation(Translation("7/4/1976", good.output, good.alignment[:, :3], good.beam), "7/4/1976")
    with pytest.raises(ValueError, match="Translation"):
        check_translation(("1976-07-04",), "x")
    with pytest.raises(ValueError, match="at least one example"):
        AlignmentViewer(_fake_translation, [])


def test_a_model_without_attention_shows_the_beam_only():
    def no_attention(text):
        result = _fake_translation(text)
        return Translation(text, result.output, None, result.beam)

    widget = AlignmentViewer(no_attention, ["7/4/1976"], step=4)
    assert widget.error is None and "No alignment" in widget.figure.axes[0].get_title()


def test_a_new_step_refreshes_the_figure_and_shows_what_a_fresh_draw_shows(monkeypatch):
    widget = _viewer(step=3)
    quick, fresh = refreshed_and_fresh(monkeypatch, widget, [("step", 4), ("step", 6)])
    assert (np.abs(quick - fresh).max(axis=2) > 30).mean() < 0.002
