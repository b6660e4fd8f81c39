"""ConvolutionExplorer and FeatureMapViewer: a kernel sliding over an image, and what a trained CNN's layers see.

The computation lives in pure NumPy functions that follow Keras's conventions exactly: :func:`conv2d` is the
cross-correlation ``keras.layers.Conv2D`` computes (``"valid"`` or ``"same"`` padding, any stride), :func:`pool2d`
is ``MaxPooling2D`` / ``AveragePooling2D`` with valid padding, and :func:`conv_output_size` the size of their output.
Keras itself is only imported to look inside a trained model (:func:`layer_activations`).
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import ipywidgets as widgets
import numpy as np
from matplotlib import colormaps
from matplotlib.cm import ScalarMappable
from matplotlib.collections import PatchCollection
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import FixedLocator, MaxNLocator
from matplotlib.transforms import ScaledTranslation

from dlbook.checks import check_choice, check_number
from dlbook.widgets.base import TYPED, FigureWidget

PADDINGS = ("valid", "same")
MAX_KERNEL = 7  # the largest kernel side the explorer accepts from its text box
MAX_STRIDE = 3

# name -> 3x3 kernel, written as the rows one types in the text box
PRESET_KERNELS = {
    "identity": [[0, 0, 0], [0, 1, 0], [0, 0, 0]],
    "Sobel x (vertical edges)": [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]],
    "Sobel y (horizontal edges)": [[-1, -2, -1], [0, 0, 0], [1, 2, 1]],
    "box blur": [[1 / 9] * 3] * 3,
    "Gaussian blur": [[1 / 16, 2 / 16, 1 / 16], [2 / 16, 4 / 16, 2 / 16], [1 / 16, 2 / 16, 1 / 16]],
    "sharpen": [[0, -1, 0], [-1, 5, -1], [0, -1, 0]],
    "emboss": [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]],
    "outline (Laplacian)": [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]],
}
_PRESET_TEXT = {
    "box blur": "1/9 1/9 1/9\n1/9 1/9 1/9\n1/9 1/9 1/9",
    "Gaussian blur": "1/16 2/16 1/16\n2/16 4/16 2/16\n1/16 2/16 1/16",
}
IMAGES = ("camera", "coins", "china", "astronaut", "digit", "square")


# -- pure functions ---------------------------------------------------------------------------------------------------
def _check_padding(padding) -> str:
    if padding not in PADDINGS:
        raise ValueError(f'Unknown padding {padding!r}: use "valid" (no padding) or "same" (pad with zeros).')
    return padding


def conv_output_size(n: int, k: int, stride: int = 1, padding: str = "valid") -> int:
    """The length of a convolution's or pooling's output along an axis of length ``n`` (Keras's rules).

    ``"valid"``: ``floor((n - k) / stride) + 1``, the kernel stays inside the input (``n >= k`` is required).
    ``"same"``: ``ceil(n / stride)``, zeros are added around the input as needed.
    """
    n, k = (
        check_number("The input size", n, 1, integer=True),
        check_number("The kernel size", k, 1, integer=True),
    )
    stride = check_number("The stride", stride, 1, integer=True)
    if _check_padding(padding) == "same":
        return -(-n // stride)
    if k > n:
        raise ValueError(
            f'A {k}-wide kernel does not fit in an input of size {n} with "valid" padding: '
            f'use a smaller kernel, a larger image or "same" padding.'
        )
    return (n - k) // stride + 1


def same_padding(n: int, k: int, stride: int = 1) -> tuple[int, int]:
    """The zeros ``(before, after)`` that ``"same"`` padding adds along an axis, as Keras (and TensorFlow) add them.

    The total is ``max((out - 1) * stride + k - n, 0)`` with ``out = ceil(n / stride)``; an odd total puts the
    extra zero after (at the bottom or on the right).
    """
    out = conv_output_size(n, k, stride, "same")
    total = max((out - 1) * stride + k - n, 0)
    return total // 2, total - total // 2


def _as_image(image, name: str = "image") -> np.ndarray:
    image = np.asarray(image, dtype=float)
    if image.ndim != 2 or min(image.shape) < 1:
        raise ValueError(
            f"The {name} must be a 2-D array (height, width) with at least one pixel, got shape "
            f"{image.shape}."
        )
    if not np.isfinite(image).all():
        raise ValueError(f"The {name} contains NaN or infinite values.")
    return image


def conv2d(image, kernel, stride: int = 1, padding: str = "valid") -> np.ndarray:
    """Single-channel 2-D cross-correlation, as ``keras.layers.Conv2D`` computes it (no kernel flip, no bias).

    ``out[i, j] = sum_{u, v} padded[i * stride + u, j * stride + v] * kernel[u, v]``, with ``padded`` the image
    padded as :func:`same_padding` says (``"same"``) or not at all (``"valid"``).
    """
    image, kernel = _as_image(image), _as_image(kernel, "kernel")
    stride, padding = check_number("The stride", stride, 1, integer=True), _check_padding(padding)
    (kh, kw), (h, w) = kernel.shape, image.shape
    out_h, out_w = conv_output_size(h, kh, stride, padding), conv_output_size(w, kw, stride, padding)
    if padding == "same":
        image = np.pad(image, (same_padding(h, kh, stride), same_padding(w, kw, stride)))
    windows = np.lib.stride_tricks.sliding_window_view(image, (kh, kw))[::stride, ::stride][:out_h, :out_w]
    return np.einsum("ijuv,uv->ij", windows, kernel)


def pool2d(x, pool_size: int = 2, stride: int | None = None, mode: str = "max") -> np.ndarray:
    """Max or average pooling with valid padding, as ``MaxPooling2D`` / ``AveragePooling2D`` compute it.

    ``x`` has shape ``(height, width)`` or ``(height, width, channels)``, each channel pooled on its own; ``stride``
    defaults to ``pool_size`` (non-overlapping windows), and rows or columns left over at the end are dropped.
    """
    x = np.asarray(x, dtype=float)
    if x.ndim not in (2, 3) or min(x.shape) < 1:
        raise ValueError(
            f"pool2d needs an array of shape (height, width) or (height, width, channels), got {x.shape}."
        )
    pool_size = check_number("The pool size", pool_size, 1, integer=True)
    stride = pool_size if stride is None else check_number("The stride", stride, 1, integer=True)
    if mode not in ("max", "average"):
        raise ValueError(f'Unknown pooling mode {mode!r}: use "max" or "average".')
    out_h = conv_output_size(x.shape[0], pool_size, stride)
    out_w = conv_output_size(x.shape[1], pool_size, stride)
    windows = np.lib.stride_tricks.sliding_window_view(x, (pool_size, pool_size), axis=(0, 1))
    windows = windows[::stride, ::stride][:out_h, :out_w]  # (out_h, out_w, [channels,] pool, pool)
    return windows.max(axis=(-2, -1)) if mode == "max" else windows.mean(axis=(-2, -1))


def _parse_number(text: str, row: int, column: int) -> float:
    try:
        value = float(Fraction(text)) if "/" in text else float(text)
    except (ValueError, ZeroDivisionError):
        raise ValueError(
            f"Row {row}, entry {column} of the kernel, {text!r}, is not a number (write numbers such "
            f"as 2, -0.5 or 1/9)."
        ) from None
    if not math.isfinite(value):
        raise ValueError(
            f"Row {row}, entry {column} of the kernel is {text!r}: every entry must be a finite number."
        )
    return value


def parse_kernel(text: str, max_size: int = MAX_KERNEL) -> np.ndarray:
    """A kernel typed as text: one row per line (or rows separated by ``;``), numbers separated by spaces or commas.

    Entries may be fractions such as ``1/9``. Every row must have the same length, and both sides at most
    ``max_size``. Returns a float array of shape ``(rows, columns)``.
    """
    if not isinstance(text, str):
        raise ValueError(f"The kernel must be given as text, got {type(text).__name__}.")
    lines = [line.replace(",", " ").split() for line in text.replace(";", "\n").splitlines()]
    rows = [line for line in lines if line]
    if not rows:
        raise ValueError("The kernel is empty: type its rows, one per line, e.g. 0 -1 0 / -1 5 -1 / 0 -1 0.")
    lengths = {len(row) for row in rows}
    if len(lengths) > 1:
        raise ValueError(
            f"Every row of the kernel needs the same number of entries, but the rows have "
            f"{', '.join(str(len(row)) for row in rows)}."
        )
    if len(rows) > max_size or len(rows[0]) > max_size:
        raise ValueError(f"The kernel is {len(rows)}x{len(rows[0])}; keep each side at most {max_size}.")
    return np.array(
        [[_parse_number(entry, i + 1, j + 1) for j, entry in enumerate(row)] for i, row in enumerate(rows)]
    )


def kernel_text(kernel) -> str:
    """The text :func:`parse_kernel` reads back as ``kernel`` (whole numbers without a decimal point)."""
    return "\n".join(" ".join(f"{v:g}" for v in row) for row in np.asarray(kernel, dtype=float))


def preset_text(name: str) -> str:
    """The text of a preset kernel, as the explorer shows it in its text box."""
    check_choice("kernel", name, PRESET_KERNELS)
    return _PRESET_TEXT.get(name) or kernel_text(PRESET_KERNELS[name])


def explorer_image(name: str) -> np.ndarray:
    """A grey-level image in [0, 1] for the explorer: a photograph (at most 256 pixels a side) or a tiny one.

    ``"digit"`` is an 8x8 handwritten 3 and ``"square"`` a bright 4x4 square on a 10x10 black background; at that
    size every pixel, and so what padding and stride do, can be seen.
    """
    if name == "digit":
        from sklearn.datasets import load_digits

        return load_digits().images[3] / 16.0
    if name == "square":
        image = np.zeros((10, 10))
        image[3:7, 3:7] = 1.0
        return image
    check_choice("image", name, IMAGES)
    from dlbook.data import load_sample_image

    image = load_sample_image(name, gray=True).astype(float)
    step = max(1, math.ceil(max(image.shape) / 256))
    return image[::step, ::step]


def _keras():
    from dlbook.env import _quiet_tensorflow

    _quiet_tensorflow()
    import keras

    return keras


def feature_layers(model) -> list[str]:
    """The names of a model's convolution and pooling layers, in order: the layers whose outputs are images."""
    keras = _keras()
    kinds = (keras.layers.Conv2D, keras.layers.MaxPooling2D, keras.layers.AveragePooling2D)
    return [layer.name for layer in model.layers if isinstance(layer, kinds)]


def layer_activations(model, layer_name: str, images) -> np.ndarray:
    """The output of layer ``layer_name`` for every image, from ``keras.Model(model.inputs, layer.output)``.

    Returns an array of shape ``(n_images, height, width, channels)``.
    """
    names = [layer.name for layer in model.layers]
    if layer_name not in names:
        raise ValueError(f"The model has no layer {layer_name!r}; its layers are: {', '.join(names)}.")
    keras = _keras()
    # a tensor, not a list of one, when alone
    inputs = model.inputs[0] if len(model.inputs) == 1 else model.inputs
    probe = keras.Model(inputs, model.get_layer(layer_name).output)
    return _run(keras, probe, images)


def _run(keras, model, images, batch: int = 256) -> np.ndarray:
    """``model(images)`` in batches, called directly rather than through ``predict``: no graph is traced, which is
    quicker for the few images a widget shows (and spares TensorFlow's warnings about retracing)."""
    images = np.asarray(images, dtype="float32")
    return np.concatenate(
        [
            keras.ops.convert_to_numpy(model(images[i : i + batch], training=False))
            for i in range(0, len(images), batch)
        ]
    )


def grid_shape(n: int) -> tuple[int, int]:
    """Rows and columns of a grid for ``n`` panels: about twice as wide as tall, with few empty cells."""
    n = check_number("The number of panels", n, 1, integer=True)

    def cost(rows: int) -> float:
        columns = math.ceil(n / rows)
        return (rows * columns - n) / n + 0.5 * abs(math.log2(columns / (2 * rows)))

    rows = min(range(1, n + 1), key=cost)
    return rows, math.ceil(n / rows)


# -- the widgets ------------------------------------------------------------------------------------------------------
def _signed_limits(values: np.ndarray) -> float:
    top = float(np.max(np.abs(values))) if values.size else 0.0
    return top if top > 0 else 1.0


def _show_pixels(picture, values: np.ndarray, tiny: bool | None = None) -> None:
    """Show ``values`` in ``picture`` (an ``AxesImage``) one pixel per entry, its axes fitted to them; with ``tiny``
    True a tick every second pixel, False a few round ticks, None the ticks as they are."""
    (height, width), ax = values.shape[:2], picture.axes
    picture.set_data(values)
    picture.set_extent((-0.5, width - 0.5, height - 0.5, -0.5))
    ax.set(xlim=(-0.5, width - 0.5), ylim=(height - 0.5, -0.5))
    if tiny is not None:
        for axis, size in ((ax.xaxis, width), (ax.yaxis, height)):
            axis.set_major_locator(FixedLocator(range(0, size, 2)) if tiny else MaxNLocator(4, integer=True))


# where the ConvolutionExplorer's panels go (figure fractions): input, kernel, feature map and its colour bar
_EXPLORER_PANELS = (
    [0.06, 0.12, 0.3, 0.75],
    [0.37, 0.12, 0.16, 0.75],
    [0.6, 0.12, 0.29, 0.75],
    [0.905, 0.164, 0.013, 0.664],
)


class ConvolutionExplorer(FigureWidget):
    """Pick or type a kernel, a stride and a padding; see the input, the kernel and the feature map it makes."""

    figsize = (10.0, 4.0)

    def __init__(
        self,
        image: str = "camera",
        kernel: str = "Sobel x (vertical edges)",
        stride: int = 1,
        padding: str = "valid",
    ):
        check_choice("image", image, IMAGES)
        text = preset_text(kernel)
        check_number("stride", stride, 1, MAX_STRIDE, integer=True)
        _check_padding(padding)
        self.image_name = widgets.Dropdown(
            options=IMAGES, value=image, description="image", layout=widgets.Layout(width="190px")
        )
        self.preset = widgets.Dropdown(
            options=[*PRESET_KERNELS, TYPED],
            value=kernel,
            description="kernel",
            layout=widgets.Layout(width="290px"),
        )
        self.kernel_text = widgets.Textarea(
            value=text,
            description="values",
            rows=3,
            continuous_update=False,
            layout=widgets.Layout(width="230px"),
        )
        self.stride = widgets.IntSlider(
            value=stride,
            min=1,
            max=MAX_STRIDE,
            description="stride",
            continuous_update=False,
            layout=widgets.Layout(width="220px"),
        )
        self.padding = widgets.ToggleButtons(
            options=PADDINGS, value=padding, description="padding", style={"button_width": "60px"}
        )
        self._images: dict[str, np.ndarray] = {}
        super().__init__([self.image_name, self.preset, self.kernel_text, self.stride, self.padding])
        self.on_change(self.preset, self._preset_chosen)
        self.on_change(self.kernel_text, self._text_typed)
        self.update()

    def _preset_chosen(self, name: str) -> None:
        if name != TYPED:
            self.kernel_text.value = preset_text(name)

    def _text_typed(self, text: str) -> None:
        preset = self.preset.value
        if preset != TYPED and text != preset_text(preset):
            try:
                same = np.allclose(parse_kernel(text), PRESET_KERNELS[preset])
            except ValueError:
                same = False
            if not same:
                self.preset.value = TYPED

    @property
    def kernel(self) -> np.ndarray:
        return parse_kernel(self.kernel_text.value)

    def input_image(self) -> np.ndarray:
        name = self.image_name.value
        if name not in self._images:
            self._images[name] = explorer_image(name)
        return self._images[name]

    def feature_map(self) -> np.ndarray:
        return conv2d(self.input_image(), self.kernel, self.stride.value, self.padding.value)

    def static_states(self):
        """The shown kernel, then the other presets on the same image."""
        others = [name for name in PRESET_KERNELS if name not in (self.preset.value, "identity")]
        return "kernel", [
            (self.preset.value, None),
            *((name, lambda name=name: setattr(self.preset, "value", name)) for name in others),
        ]

    def refresh(self, figure: Figure) -> str | None:
        """Any change: new pictures, kernel values, ticks, colour scale and titles in the same panels."""
        return self._show()

    def _show(self) -> str:
        """Set every artist that depends on the controls (the panels are kept by ``draw``), return the status."""
        image, kernel = self.input_image(), self.kernel
        stride, padding = self.stride.value, self.padding.value
        out = conv2d(image, kernel, stride, padding)
        view = self._view
        tiny = max(image.shape) <= 16
        # coloured once: quicker to draw
        _show_pixels(view["input"], colormaps["gray"](image, bytes=True), tiny)
        view["input"].axes.set_title(f"input {image.shape[0]}×{image.shape[1]}", y=1.0)
        top = _signed_limits(kernel)
        _show_pixels(view["kernel"], kernel)
        view["kernel"].set_clim(-top, top)
        ax_k = view["kernel"].axes
        for text in ax_k.texts[:]:
            text.remove()
        if kernel.size <= 49:
            for (i, j), value in np.ndenumerate(kernel):
                label = str(Fraction(value).limit_denominator(64)) if value != round(value) else f"{value:g}"
                ax_k.text(
                    j,
                    i,
                    label,
                    ha="center",
                    va="center",
                    fontsize=9 if kernel.shape[1] <= 5 else 7,
                    color="white" if abs(value) > 0.6 * top else "black",
                )
        ax_k.set_title(f"kernel {kernel.shape[0]}×{kernel.shape[1]}", y=1.0)
        scale = view["scale"]  # the colour bar's colours, which colour the feature map
        # a detector (weights sum to 0): zero white, + red, - blue
        if abs(kernel.sum()) < 1e-9 * max(top, 1.0):
            limit = _signed_limits(out)
            scale.set_cmap("RdBu_r")
            scale.set_clim(-limit, limit)
        else:  # a filter that keeps the brightness (blur, sharpen, emboss): grey levels from darkest to brightest
            low, high = float(out.min()), float(out.max())
            scale.set_cmap("gray")
            scale.set_clim(low, high if high > low else low + 1)
        _show_pixels(view["output"], scale.to_rgba(out, bytes=True), tiny)
        view["output"].axes.set_title(f"feature map {out.shape[0]}×{out.shape[1]}", y=1.0)
        view["title"].set_text(f"{self.preset.value} kernel, stride {stride}, {padding} padding")
        rule = "⌈n / s⌉" if padding == "same" else "⌊(n − k) / s⌋ + 1"
        return (
            f"input {image.shape[0]}×{image.shape[1]}, kernel {kernel.shape[0]}×{kernel.shape[1]} → feature map "
            f"{out.shape[0]}×{out.shape[1]} (output size {rule}) &nbsp;·&nbsp; responses from {out.min():.3g} "
            f"to {out.max():.3g}"
        )

    def draw(self, figure: Figure) -> str:
        # fixed panels (not the layout engine's), so that a refresh to another image or kernel shape keeps them right
        figure.set_layout_engine("none")
        ax_in, ax_k, ax_out, ax_bar = (figure.add_axes(box) for box in _EXPLORER_PANELS)
        view = {
            "input": ax_in.imshow(np.zeros((1, 1, 4)), interpolation="nearest"),
            "kernel": ax_k.imshow(np.zeros((1, 1)), cmap="RdBu_r"),
            "output": ax_out.imshow(np.zeros((1, 1, 4)), interpolation="nearest"),
            "scale": ScalarMappable(),
        }
        figure.colorbar(view["scale"], cax=ax_bar, label="response", ticks=MaxNLocator(5))
        ax_k.set_xticks([])
        ax_k.set_yticks([])
        for ax in (ax_in, ax_out):
            ax.set_xlabel("column")
            ax.set_ylabel("row")
            # fixed places (clear of the widest tick labels, whatever the image's shape), as are the titles' (y=1.0):
            # not worked out from the tick labels at every refresh
            ax.xaxis.set_label_coords(
                0.5, 0, ax.transAxes + ScaledTranslation(0, -0.32, figure.dpi_scale_trans)
            )
            ax.yaxis.set_label_coords(
                0, 0.5, ax.transAxes + ScaledTranslation(-0.42, 0, figure.dpi_scale_trans)
            )
        view["title"] = figure.suptitle(" ")
        self._view = view
        self.animate(ax_in, ax_k, ax_out, ax_bar, view["title"])  # every panel changes with some control
        return self._show()


class FeatureMapViewer(FigureWidget):
    """Pick a convolution or pooling layer of a trained CNN and an image; see every channel of that layer's output."""

    figsize = (10.0, 4.6)

    def __init__(self, model, images, labels=None, layer: str | None = None, index: int = 0):
        self.layers = feature_layers(model) if hasattr(model, "layers") else []
        if not self.layers:
            raise ValueError("The model must be a Keras model with at least one Conv2D or pooling layer.")
        images = np.asarray(images, dtype="float32")
        if images.ndim != 4 or len(images) == 0:
            raise ValueError(
                f"images must have shape (n, height, width, channels) with n >= 1, got {images.shape}."
            )
        expected = tuple(model.inputs[0].shape[1:])
        if any(e is not None and e != s for e, s in zip(expected, images.shape[1:], strict=True)):
            raise ValueError(
                f"The model expects images of shape {expected}, but these have shape {images.shape[1:]}."
            )
        if labels is not None and len(labels) != len(images):
            raise ValueError(f"Give one label per image: {len(labels)} labels for {len(images)} images.")
        layer = self.layers[0] if layer is None else layer
        check_choice("layer", layer, self.layers)
        check_number("index", index, 0, len(images) - 1, integer=True)
        self.model, self.images = model, images
        self.labels = None if labels is None else np.asarray(labels)
        self.probabilities = _run(_keras(), model, images)
        self._activations: dict[str, np.ndarray] = {}
        self.layer = widgets.Dropdown(options=self.layers, value=layer, description="layer")
        self.index = widgets.IntSlider(
            value=int(index), min=0, max=len(images) - 1, description="image", continuous_update=False
        )
        super().__init__([self.layer, self.index])
        self.update()

    def activations(self, layer: str | None = None) -> np.ndarray:
        """The chosen layer's output for every image, ``(n, height, width, channels)``, computed once per layer."""
        layer = self.layer.value if layer is None else layer
        if layer not in self._activations:
            self._activations[layer] = layer_activations(self.model, layer, self.images)
        return self._activations[layer]

    def static_states(self):
        """Every convolution and pooling layer, in order, for the image shown."""
        return "layer", [
            (self.layer.value, None),
            *(
                (name, lambda name=name: setattr(self.layer, "value", name))
                for name in self.layers
                if name != self.layer.value
            ),
        ]

    def refresh(self, figure: Figure) -> str | None:
        """Any change: new pictures and titles; another layer also lays the channels out again in the same panel."""
        return self._show()

    def _show(self) -> str:
        """Set the artists that change with the controls (kept by ``draw``), return the status."""
        i, layer, view = self.index.value, self.layer.value, self._view
        maps = self.activations(layer)[i]
        channels = maps.shape[-1]
        if view.get("layer") != layer:
            self._lay_out(view["maps"], maps.shape)
            view["layer"] = layer
            view["maps_title"].set_text(
                f"{layer}: {channels} channels of {maps.shape[0]}×{maps.shape[1]} "
                f"(one colour scale, black = 0)"
            )
        view["image"].set_data(self.images[i].squeeze())
        view["image"].autoscale()  # the grey scale spans this image's values, as imshow sets it
        predicted = int(np.argmax(self.probabilities[i]))
        truth = "" if self.labels is None else f"label {self.labels[i]}, "
        view["title"].set_text(
            f"image {i}: {truth}\npredicted {predicted} (p = {self.probabilities[i][predicted]:.2f})"
        )
        # one colour scale, black = 0
        norm = Normalize(min(0.0, float(maps.min())), max(float(maps.max()), 1e-12))
        # gaps: clear
        view["maps"].set_data(colormaps["magma"](norm(_mosaic(maps, *view["grid"])), bytes=True))
        silent = int((maps.reshape(-1, channels).max(axis=0) <= 0).sum())
        return (
            f"layer <b>{layer}</b>: output {maps.shape[0]}×{maps.shape[1]}×{channels} for image {i} "
            f"&nbsp;·&nbsp; {silent} of {channels} channels are zero everywhere for this image"
        )

    def _lay_out(self, picture, shape: tuple[int, int, int]) -> None:
        """Arrange the panel of ``picture`` (the mosaic of the channels) for maps of ``shape``: grid, frames, numbers."""
        height, width, channels = shape
        ax = picture.axes
        for artist in [*ax.texts, *ax.collections]:
            artist.remove()
        rows, columns = grid_shape(channels)
        scale = max(1, math.ceil(40 / max(height, width)))  # each map drawn about 40 mosaic pixels wide
        tile = (height * scale, width * scale)
        # room for the numbers
        gap = (round((0.3 if channels <= 32 else 0.12) * tile[0]), round(0.12 * tile[1]))
        self._view["grid"] = (rows, columns, scale, gap)
        size = (rows * (tile[0] + gap[0]), columns * (tile[1] + gap[1]) - gap[1])
        picture.set_extent((-0.5, size[1] - 0.5, size[0] - 0.5, -0.5))
        ax.set(xlim=(-0.5, size[1] - 0.5), ylim=(size[0] - 0.5, -0.5))
        corners = [
            (c * (tile[1] + gap[1]) - 0.5, gap[0] + r * (tile[0] + gap[0]) - 0.5)
            for r, c in itertools.islice(itertools.product(range(rows), range(columns)), channels)
        ]
        ax.add_collection(
            PatchCollection(
                [Rectangle(corner, tile[1], tile[0]) for corner in corners],
                facecolor="none",
                edgecolor="black",
                linewidth=0.8,
            )
        )
        if channels <= 32:
            for c, (x, y) in enumerate(corners):
                ax.text(x + tile[1] / 2, y - 0.1 * gap[0], str(c), ha="center", va="bottom", fontsize=7)

    def draw(self, figure: Figure) -> str:
        # fixed panels (not the layout engine's): the image, and every channel in one picture (one axes, not one each)
        figure.set_layout_engine("none")
        ax_image, ax_maps = (
            figure.add_axes((0.005, 0.02, 0.265, 0.77)),
            figure.add_axes((0.285, 0.0, 0.71, 0.925)),
        )
        view = {
            "image": ax_image.imshow(self.images[0].squeeze(), cmap="gray_r", interpolation="nearest"),
            "title": ax_image.set_title(" \n ", fontsize="medium"),
            "maps": ax_maps.imshow(np.zeros((1, 1, 4)), interpolation="nearest"),
            "maps_title": figure.text(0.64, 0.985, " ", ha="center", va="top", fontsize="medium"),
        }
        ax_image.set_xticks([])
        ax_image.set_yticks([])
        ax_maps.set_axis_off()
        self._view = view
        self.animate(view["image"], view["title"], ax_maps, view["maps_title"])
        return self._show()


def _mosaic(maps: np.ndarray, rows: int, columns: int, scale: int, gap: tuple[int, int]) -> np.ndarray:
    """The channels of ``maps`` ``(height, width, channels)`` as one picture: a ``rows x columns`` grid of maps, each
    enlarged ``scale`` times, with a gap of ``gap = (above, beside)`` pixels of NaN above and beside each map."""
    height, width, channels = maps.shape
    tiles = np.full((rows * columns, gap[0] + height * scale, width * scale + gap[1]), np.nan)
    tiles[:channels, gap[0] :, : width * scale] = (
        maps.transpose(2, 0, 1).repeat(scale, axis=1).repeat(scale, axis=2)
    )
    picture = tiles.reshape(rows, columns, *tiles.shape[1:]).transpose(0, 2, 1, 3)
    return picture.reshape(rows * tiles.shape[1], columns * tiles.shape[2])[:, : -gap[1] or None]
