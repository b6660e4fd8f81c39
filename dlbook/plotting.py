"""Plots that several chapters and widgets share."""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable
from types import MethodType

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font
from matplotlib.ticker import LogFormatterSciNotation

from dlbook.checks import check_number

CLASS_COLORS = ("#1f77b4", "#d62728")  # class 0 blue, class 1 red, everywhere in the course
CLASS_CMAP = ListedColormap(["#c6dbef", "#fcbba1"])


def figure_to_png(fig: Figure, dpi: float = 100, layout: bool = True, blit: dict | None = None) -> bytes:
    """Render a matplotlib figure to PNG bytes (white background, legible on light and dark pages).

    Quicker than ``savefig`` for a figure drawn again and again, as a widget's is: the figure keeps its dpi (so no
    text is measured twice), the PNG is compressed lightly (a widget's picture travels to a browser on the same
    machine), and ``layout=False`` keeps the axes where the figure's layout engine put them last time.

    ``blit`` (a dict the caller keeps) draws only the figure's *animated* artists over a picture of the rest, taken
    the last time ``layout`` was True: the way to redraw a few changed artists without the axes, ticks and labels.
    """
    if blit is not None and not layout and blit.get("background") is not None:
        canvas = fig.canvas
        _cache_text(canvas)
        canvas.restore_region(blit["background"])
        for artist in fig.findobj(lambda a: a.get_animated() and a.get_visible()):
            fig.draw_artist(artist)
        return _encode(canvas)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    if fig.dpi != dpi:
        fig.set_dpi(dpi)
    facecolor, engine = fig.get_facecolor(), fig.get_layout_engine()
    fig.set_facecolor("white")
    if not layout and engine is not None:
        fig.set_layout_engine("none")
    _cache_text(canvas)
    try:
        canvas.draw()  # animated artists are left out
        if blit is not None:
            blit["background"] = canvas.copy_from_bbox(fig.bbox)
            for artist in fig.findobj(lambda a: a.get_animated() and a.get_visible()):
                fig.draw_artist(artist)
    finally:
        fig.set_facecolor(facecolor)
        if not layout and engine is not None:
            fig.set_layout_engine(engine)
    return _encode(canvas)


# Text is most of what a widget's redraw costs: matplotlib lays out and rasterises every glyph of every label each
# time. A figure drawn by figure_to_png keeps the picture of each string it drew, maths included (the string, font,
# angle and position within a pixel make the key), so a label drawn again costs one copy. Pictures are those matplotlib draws,
# up to 1/64 px in a glyph's position. Needs matplotlib's glyph interface (3.11+); without it, text is drawn as usual.
_TEXT_PICTURES: dict = {}
_MOST_TEXT_PICTURES = 2048
_GLYPH_INTERFACE = all(hasattr(FT2Font, name) for name in ("_layout", "_render_glyph", "_set_transform"))


def _cache_text(canvas) -> None:
    """Have the canvas's renderer draw plain text through the picture cache (once per renderer)."""
    renderer = canvas.get_renderer()
    if _GLYPH_INTERFACE and not hasattr(renderer, "_draw_text_uncached"):
        renderer._draw_text_uncached = renderer.draw_text  # matplotlib's own, for maths and for aliased text
        renderer.draw_text = MethodType(_draw_cached_text, renderer)


def _draw_cached_text(renderer, gc, x, y, s, prop, angle, ismath=False, mtext=None):
    from matplotlib.backends.backend_agg import get_hinting_flag

    features = tuple(mtext.get_fontfeatures() or ()) if mtext is not None else ()
    language = mtext.get_language() if mtext is not None else None
    left, up = round(64 * x), round(64 * (renderer.height - y))  # FreeType's units: 1/64 px, y upwards
    key = (
        s,
        ismath,
        hash(prop),
        angle,
        renderer.dpi,
        left % 64,
        up % 64,
        get_hinting_flag(),
        features,
        language,
    )
    if key not in _TEXT_PICTURES:
        if len(_TEXT_PICTURES) >= _MOST_TEXT_PICTURES:
            _TEXT_PICTURES.clear()
        glyphs = _glyphs(renderer, s, prop, ismath, features, language)
        _TEXT_PICTURES[key] = glyphs and _text_picture(renderer, glyphs, angle, left % 64, up % 64)
    picture = _TEXT_PICTURES[key]
    if picture is None or not gc.get_antialiased():  # TeX, maths with rules (fractions, roots), aliased text
        return renderer._draw_text_uncached(gc, x, y, s, prop, angle, ismath, mtext)
    coverage, dx, dy = picture  # its top left corner, from the string's origin, in pixels (y downwards)
    bottom = int(renderer.height) - up // 64 + dy + coverage.shape[0]
    renderer._renderer.draw_text_image(coverage, left // 64 + dx, bottom, 0, gc)


def _glyphs(renderer, s, prop, ismath, features, language) -> list | None:
    """The glyphs of ``s`` where matplotlib places them, (font, size, index, dx, dy) in pixels from the string's
    origin; None where matplotlib must draw it (TeX, maths with rules)."""
    from matplotlib.backends.backend_agg import get_hinting_flag

    if ismath == "TeX":
        return None
    if ismath:
        parsed = renderer.mathtext_parser.parse(s, renderer.dpi, prop, antialiased=True)
        return None if parsed.rects else [(f, size, i, dx, dy) for f, size, _, i, dx, dy in parsed.glyphs]
    font = renderer._prepare_font(prop)
    size = prop.get_size_in_points()
    items = font._layout(s, flags=get_hinting_flag(), features=features or None, language=language)
    return [(item.ft_object, size, item.glyph_index, item.x, item.y) for item in items]


def _text_picture(renderer, glyphs, angle, left, up):
    """The coverage of ``glyphs`` drawn from (left, up)/64 px past a pixel corner, and where its top left lies."""
    from matplotlib.backends.backend_agg import get_hinting_flag
    from matplotlib.ft2font import RenderMode

    cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    rotation = (0x10000 * np.array([[cos, -sin], [sin, cos]])).round().astype(int)
    drawn = []
    for font, size, index, dx, dy in glyphs:
        font.set_size(size, renderer.dpi)
        font._set_transform(
            rotation, [left + round(64 * (dx * cos - dy * sin)), up + round(64 * (dx * sin + dy * cos))]
        )
        bitmap = font._render_glyph(index, get_hinting_flag(), RenderMode.NORMAL)
        coverage = np.asarray(bitmap.buffer)
        if coverage.size:
            drawn.append((bitmap.left, -bitmap.top, coverage))
    if not drawn:
        return None
    x0, y0 = min(g[0] for g in drawn), min(g[1] for g in drawn)
    width = max(g[0] + g[2].shape[1] for g in drawn) - x0
    height = max(g[1] + g[2].shape[0] for g in drawn) - y0
    picture = np.zeros((height, width), np.uint8)
    for gx, gy, coverage in drawn:
        region = picture[gy - y0 : gy - y0 + coverage.shape[0], gx - x0 : gx - x0 + coverage.shape[1]]
        np.maximum(region, coverage, out=region)
    return picture, x0, y0


def _encode(canvas) -> bytes:
    from PIL import Image

    width, height = canvas.get_width_height()
    buffer = io.BytesIO()
    picture = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    # opaque (the figure is drawn on white): RGB is a sixth quicker to compress than RGBA, and smaller
    picture.convert("RGB").save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


_SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_POWER_LABEL = re.compile(r"^\$\\mathdefault\{(?:([\d.]+)\\times(?:\\,)?)?(10)\^\{(-?\d+)\}\}\$$")


class PlainLogFormatter(LogFormatterSciNotation):
    """Log-scale tick labels as plain text (10⁻³, 2×10⁴) instead of mathtext: a widget whose log axis moves draws
    them from the text cache, where mathtext would be parsed anew for every label not seen before."""

    def __call__(self, x, pos=None):
        label = super().__call__(x, pos)
        match = _POWER_LABEL.match(label)
        if not match:
            return label  # "", or a label that is not a power of ten (drawn as matplotlib would)
        factor, base, exponent = match.groups()
        return (f"{factor}×" if factor else "") + base + exponent.translate(_SUPERSCRIPTS)


def plain_log_ticks(*axes) -> None:
    """Label the log-scale ``axes`` (Axis objects, e.g. ``ax.yaxis``) with :class:`PlainLogFormatter`."""
    for axis in axes:
        axis.set_major_formatter(PlainLogFormatter())
        axis.set_minor_formatter(PlainLogFormatter(labelOnlyBase=False))


def plot_points(ax: Axes, X: np.ndarray, y: np.ndarray, labels=("class 0", "class 1"), s: float = 14) -> None:
    """Scatter a 2-D, two-class data set in the course's class colours, with a legend."""
    for cls, (color, label) in enumerate(zip(CLASS_COLORS, labels, strict=True)):
        pts = X[y == cls]
        ax.scatter(pts[:, 0], pts[:, 1], s=s, c=color, edgecolors="white", linewidths=0.4, label=label)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.legend(loc="upper right", fontsize="small", framealpha=0.8)


def grid_limits(X: np.ndarray, margin: float = 0.5) -> tuple[float, float, float, float]:
    """The (x_min, x_max, y_min, y_max) box around 2-D points, with a margin."""
    lo, hi = X.min(axis=0) - margin, X.max(axis=0) + margin
    return float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1])


def input_grid(
    X: np.ndarray, resolution: int = 200, margin: float = 0.5
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A ``resolution x resolution`` grid over the box around 2-D points ``X``: ``(xx, yy, points)``.

    ``points`` holds the grid's coordinates as rows, shape ``(resolution**2, 2)``, ready for a model's ``predict``.
    """
    if not isinstance(resolution, int) or resolution < 2:
        raise ValueError(f"resolution must be an integer of at least 2, got {resolution!r}.")
    x_min, x_max, y_min, y_max = grid_limits(np.asarray(X), margin=margin)
    xx, yy = np.meshgrid(np.linspace(x_min, x_max, resolution), np.linspace(y_min, y_max, resolution))
    return xx, yy, np.column_stack([xx.ravel(), yy.ravel()])


def plot_decision_boundary(
    ax: Axes,
    predict_proba: Callable[[np.ndarray], np.ndarray],
    X: np.ndarray,
    y: np.ndarray,
    resolution: int = 200,
    title: str | None = None,
    s: float = 14,
) -> None:
    """Shade the regions a classifier assigns to each class and draw its 0.5 contour over the data.

    ``predict_proba`` maps an ``(n, 2)`` array to the probability of class 1, shape ``(n,)`` or ``(n, 1)``;
    ``s`` is the size of the points.
    """
    xx, yy, grid = input_grid(X, resolution)
    proba = np.asarray(predict_proba(grid.astype(np.float32))).reshape(xx.shape)
    ax.contourf(xx, yy, proba, levels=[-0.01, 0.5, 1.01], cmap=CLASS_CMAP)
    if proba.min() < 0.5 < proba.max():
        ax.contour(xx, yy, proba, levels=[0.5], colors="black", linewidths=1.2)
    plot_points(ax, X, y, s=s)
    ax.set_xlim(xx.min(), xx.max())
    ax.set_ylim(yy.min(), yy.max())
    if title:
        ax.set_title(title)


def tile_images(images, n_rows: int, gap: int = 0, fill: float = np.nan) -> np.ndarray:
    """Lay ``n_rows * n_cols`` images of shape ``(h, w)`` out as one picture, row by row (image ``k`` goes to row
    ``k // n_cols``, column ``k % n_cols``), the order of ``dlbook.widgets.latent.latent_grid``.

    ``gap`` pixels of value ``fill`` separate neighbouring images (NaN, the default, is drawn as a blank by
    matplotlib), so the picture has shape ``(n_rows * (h + gap) - gap, n_cols * (w + gap) - gap)``.
    """
    images = np.asarray(images, dtype=float)
    n_rows = check_number("The number of rows", n_rows, 1, integer=True)
    gap = check_number("The gap", gap, 0, integer=True)
    if images.ndim != 3 or len(images) % n_rows:
        raise ValueError(
            f"tile_images needs images of shape (n, h, w) with n a multiple of {n_rows} rows, got "
            f"shape {images.shape}."
        )
    n_cols = len(images) // n_rows
    height, width = images.shape[1:]
    padded = np.full((n_rows, n_cols, height + gap, width + gap), fill, dtype=float)
    padded[:, :, :height, :width] = images.reshape(n_rows, n_cols, height, width)
    mosaic = padded.transpose(0, 2, 1, 3).reshape(n_rows * (height + gap), n_cols * (width + gap))
    return mosaic[: mosaic.shape[0] - gap, : mosaic.shape[1] - gap]
