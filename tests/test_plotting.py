"""figure_to_png: the pictures it makes, with the text cache it draws labels through."""

import io

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from dlbook import plotting


def _figure() -> Figure:
    figure = Figure(figsize=(6, 3), facecolor="white")
    ax = figure.add_subplot()
    ax.plot([0, 1, 2], [300, 1, 2], label="loss ŷ − y")
    ax.set_title("w₁₁ = 1.50, step 2 of 10", fontsize=13)
    ax.set_yscale("log")  # tick labels in maths: 10 to a power
    ax.set_xlabel(r"$\eta_t = \frac{1}{t}$: a fraction bar, which matplotlib draws itself")
    ax.set_ylabel("rotated label")
    ax.text(1.0, 20, "kerning: AVAWAY Te", rotation=30)
    ax.text(0.2, 3, r"$\sigma(z_2) = 0.971$")
    ax.legend()
    return figure


def _matplotlib_pixels(figure: Figure) -> np.ndarray:
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba())[..., :3].astype(int)


def _cached_pixels(figure: Figure) -> np.ndarray:
    png = plotting.figure_to_png(figure, dpi=figure.dpi)
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


@pytest.mark.skipif(not plotting._GLYPH_INTERFACE, reason="this matplotlib draws text itself, uncached")
def test_cached_text_looks_as_matplotlib_draws_it():
    ours, theirs = _cached_pixels(_figure()), _matplotlib_pixels(_figure())
    assert ours.shape == theirs.shape
    off = np.abs(ours - theirs).max(axis=2) > 30  # a glyph may sit 1/64 px off: a faint edge at most
    assert off.mean() < 0.001, f"{off.sum()} pixels differ"


@pytest.mark.skipif(not plotting._GLYPH_INTERFACE, reason="this matplotlib draws text itself, uncached")
def test_a_label_drawn_again_is_taken_from_the_cache():
    plotting._TEXT_PICTURES.clear()
    figure = _figure()
    first = _cached_pixels(figure)
    kept = len(plotting._TEXT_PICTURES)
    assert kept > 5, "the figure's labels are kept"
    again = _cached_pixels(figure)
    assert len(plotting._TEXT_PICTURES) == kept and np.array_equal(first, again)


@pytest.mark.parametrize(
    ("limits", "expected"),
    [((0.15, 0.9), {"10⁻¹", "2×10⁻¹", "6×10⁻¹"}), ((1e-13, 1e25), {"10⁻¹⁰", "10²", "10²²"})],
)
def test_log_tick_labels_are_plain_text(limits, expected):
    figure = Figure()
    ax = figure.add_subplot(yscale="log", ylim=limits)
    plotting.plain_log_ticks(ax.yaxis)
    FigureCanvasAgg(figure).draw()
    labels = {t.get_text() for t in ax.get_yticklabels() + ax.get_yticklabels(minor=True)} - {""}
    assert expected <= labels and not any("$" in label for label in labels), labels
