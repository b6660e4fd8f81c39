"""ConvolutionExplorer and FeatureMapViewer: the NumPy convolution and pooling against Keras, and the callbacks."""

import keras
import numpy as np
import pytest

from dlbook.plotting import figure_to_png
from dlbook.widgets import base
from dlbook.widgets.convolution import (
    IMAGES,
    PRESET_KERNELS,
    TYPED,
    ConvolutionExplorer,
    FeatureMapViewer,
    conv2d,
    conv_output_size,
    explorer_image,
    feature_layers,
    grid_shape,
    kernel_text,
    layer_activations,
    parse_kernel,
    pool2d,
    preset_text,
    same_padding,
)
from dlbook.widgets.gallery import stub_png


@pytest.fixture(autouse=True)
def _no_png(monkeypatch):
    stub_png(monkeypatch)  # these tests look at no pixels (test_widget_contract.py checks the PNG)


# -- pure functions ---------------------------------------------------------------------------------------------------
def _keras_conv(image, kernel, stride, padding):
    layer = keras.layers.Conv2D(1, kernel.shape, strides=stride, padding=padding, use_bias=False)
    layer.build((None, *image.shape, 1))
    layer.set_weights([kernel[:, :, None, None].astype("float32")])
    return keras.ops.convert_to_numpy(layer(image[None, :, :, None].astype("float32")))[0, :, :, 0]


@pytest.mark.parametrize("shape", [(7, 9), (8, 8), (5, 6)])
@pytest.mark.parametrize("kernel_shape", [(3, 3), (2, 4), (1, 1)])
@pytest.mark.parametrize("stride", [1, 2, 3])
@pytest.mark.parametrize("padding", ["valid", "same"])
def test_conv2d_equals_keras(shape, kernel_shape, stride, padding):
    rng = np.random.default_rng(sum(shape) + 10 * stride)
    image, kernel = rng.normal(size=shape), rng.normal(size=kernel_shape)
    got = conv2d(image, kernel, stride, padding)
    np.testing.assert_allclose(got, _keras_conv(image, kernel, stride, padding), rtol=1e-4, atol=1e-5)
    expected_shape = tuple(
        conv_output_size(n, k, stride, padding) for n, k in zip(shape, kernel_shape, strict=True)
    )
    assert got.shape == expected_shape


def test_conv2d_is_cross_correlation_by_hand():
    image = np.arange(16.0).reshape(4, 4)
    # not symmetric: a flipped kernel would give the opposite sign
    kernel = np.array([[1.0, 0.0], [0.0, -1.0]])
    np.testing.assert_allclose(conv2d(image, kernel), np.full((3, 3), -5.0))
    np.testing.assert_allclose(conv2d(image, kernel, stride=2), np.full((2, 2), -5.0))


def test_same_padding_puts_the_extra_zero_after():
    assert same_padding(5, 3, 1) == (1, 1)
    assert same_padding(6, 3, 2) == (0, 1)  # out 3, total (3-1)*2+3-6 = 1: on the bottom/right
    assert same_padding(7, 4, 1) == (1, 2)
    assert same_padding(8, 1, 3) == (0, 0)


@pytest.mark.parametrize(
    ("n", "k", "s", "padding", "size"),
    [
        (8, 3, 1, "valid", 6),
        (8, 3, 2, "valid", 3),
        (7, 3, 2, "valid", 3),
        (3, 3, 5, "valid", 1),
        (8, 3, 1, "same", 8),
        (8, 3, 3, "same", 3),
        (1, 5, 2, "same", 1),
        (28, 5, 1, "valid", 24),
    ],
)
def test_conv_output_size(n, k, s, padding, size):
    assert conv_output_size(n, k, s, padding) == size


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((2, 3, 1, "valid"), "does not fit"),
        ((8, 3, 0, "valid"), "stride must be a whole number"),
        ((8, 3, 1.5, "same"), "stride must be a whole number"),
        ((0, 3, 1, "same"), "input size must be"),
        ((8, 3, 1, "full"), "Unknown padding"),
    ],
)
def test_conv_output_size_refuses_bad_values(args, message):
    with pytest.raises(ValueError, match=message):
        conv_output_size(*args)


def test_conv2d_refuses_bad_inputs():
    with pytest.raises(ValueError, match="does not fit"):
        conv2d(np.ones((2, 2)), np.ones((3, 3)))
    with pytest.raises(ValueError, match="2-D array"):
        conv2d(np.ones((4, 4, 3)), np.ones((3, 3)))
    with pytest.raises(ValueError, match="NaN"):
        conv2d(np.ones((4, 4)), np.full((3, 3), np.nan))
    with pytest.raises(ValueError, match="stride must be"):
        conv2d(np.ones((4, 4)), np.ones((3, 3)), stride=-1)
    np.testing.assert_allclose(conv2d(np.ones((2, 2)), np.ones((3, 3)), padding="same"), np.full((2, 2), 4.0))
    # a stride larger than the image is legal, as in Keras: the kernel fits once
    np.testing.assert_allclose(conv2d(np.arange(9.0).reshape(3, 3), np.ones((2, 2)), stride=5), [[8.0]])
    np.testing.assert_allclose(conv2d(np.ones((3, 3)), np.ones((2, 2)), stride=5, padding="same"), [[4.0]])


@pytest.mark.parametrize("mode", ["max", "average"])
@pytest.mark.parametrize(("pool", "stride"), [(2, None), (3, None), (2, 1), (3, 2)])
def test_pool2d_equals_keras(mode, pool, stride):
    x = np.random.default_rng(pool).normal(size=(7, 8, 3))
    layer = (keras.layers.MaxPooling2D if mode == "max" else keras.layers.AveragePooling2D)(
        pool, strides=stride
    )
    expected = keras.ops.convert_to_numpy(layer(x[None].astype("float32")))[0]
    np.testing.assert_allclose(pool2d(x, pool, stride, mode), expected, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(pool2d(x[..., 0], pool, stride, mode), expected[..., 0], rtol=1e-5, atol=1e-6)


def test_pool2d_refuses_bad_inputs():
    with pytest.raises(ValueError, match="does not fit"):
        pool2d(np.ones((1, 4)), 2)
    with pytest.raises(ValueError, match="pool size"):
        pool2d(np.ones((4, 4)), 0)
    with pytest.raises(ValueError, match="Unknown pooling mode"):
        pool2d(np.ones((4, 4)), 2, mode="median")
    with pytest.raises(ValueError, match="shape"):
        pool2d(np.ones(4), 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 2 3\n4 5 6\n7 8 9", np.arange(1.0, 10.0).reshape(3, 3)),
        ("-1, 0, 1; -2, 0, 2; -1, 0, 1", np.array(PRESET_KERNELS["Sobel x (vertical edges)"], dtype=float)),
        ("  1/9 1/9\n\n 0.5 -2e-1  ", np.array([[1 / 9, 1 / 9], [0.5, -0.2]])),
        ("3", np.array([[3.0]])),
    ],
)
def test_parse_kernel(text, expected):
    np.testing.assert_allclose(parse_kernel(text), expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("  \n ;", "empty"),
        ("1 2 3\n4 5", "same number of entries"),
        ("1 2 x\n4 5 6\n7 8 9", "Row 1, entry 3 .* is not a number"),
        ("1/0", "not a number"),
        ("1 nan", "finite"),
        ("inf", "finite"),
        ("\n".join(["1 " * 8] * 8), "at most 7"),
    ],
)
def test_parse_kernel_refuses_bad_text(text, message):
    with pytest.raises(ValueError, match=message):
        parse_kernel(text)


@pytest.mark.parametrize("name", list(PRESET_KERNELS))
def test_every_preset_text_parses_back(name):
    np.testing.assert_allclose(parse_kernel(preset_text(name)), PRESET_KERNELS[name])
    np.testing.assert_allclose(
        parse_kernel(kernel_text(PRESET_KERNELS[name])), PRESET_KERNELS[name], rtol=1e-5
    )


def test_explorer_images_and_grid_shape():
    for name in ("digit", "square", "coins"):
        image = explorer_image(name)
        assert image.ndim == 2 and max(image.shape) <= 256 and 0 <= image.min() and image.max() <= 1
    with pytest.raises(ValueError, match="Unknown image"):
        explorer_image("lena")
    assert [grid_shape(n) for n in (1, 3, 6, 8, 16, 32, 64)] == [
        (1, 1),
        (1, 3),
        (2, 3),
        (2, 4),
        (3, 6),
        (4, 8),
        (6, 11),
    ]


# -- the ConvolutionExplorer -------------------------------------------------------------------------------------------
def test_explorer_draws_the_preset_and_its_shape():
    explorer = ConvolutionExplorer(image="digit")
    assert explorer.error is None and "8×8" in explorer.status.value and "6×6" in explorer.status.value
    explorer.padding.value = "same"
    assert "feature map 8×8" in explorer.status.value
    explorer.stride.value = 3
    assert "feature map 3×3" in explorer.status.value
    assert bytes(explorer.image.value).startswith(b"\x89PNG")


def test_choosing_a_preset_fills_the_text_and_typing_switches_to_custom():
    explorer = ConvolutionExplorer(image="square", kernel="identity")
    np.testing.assert_allclose(explorer.feature_map(), explorer_image("square")[1:-1, 1:-1])
    explorer.preset.value = "sharpen"
    assert explorer.kernel_text.value == preset_text("sharpen") and explorer.error is None
    explorer.kernel_text.value = "0 -1 0\n-1 5 -1\n0 -1 0.0"  # the same numbers: still the preset
    assert explorer.preset.value == "sharpen"
    explorer.kernel_text.value = "1 1\n1 1"
    assert explorer.preset.value == TYPED and explorer.error is None and "kernel 2×2" in explorer.status.value
    np.testing.assert_allclose(explorer.feature_map(), conv2d(explorer_image("square"), np.ones((2, 2))))
    explorer.preset.value = "box blur"
    assert explorer.kernel_text.value == preset_text("box blur")


def test_bad_kernel_text_is_reported_and_recovers():
    explorer = ConvolutionExplorer(image="digit")
    explorer.kernel_text.value = "1 2\n3"
    assert "Cannot draw this" in explorer.status.value and "same number of entries" in explorer.error
    explorer.kernel_text.value = "1 2 three"
    assert "not a number" in explorer.error
    explorer.kernel_text.value = "\n".join(["1 1 1 1 1 1 1"] * 7)  # 7x7 fits the 8x8 digit
    assert explorer.error is None and explorer.preset.value == TYPED
    explorer.preset.value = "emboss"  # a preset replaces the bad text
    assert explorer.error is None and explorer.kernel_text.value == preset_text("emboss")


def test_a_kernel_larger_than_the_image_needs_same_padding():
    explorer = ConvolutionExplorer(image="digit", kernel="identity")
    with explorer.hold():
        explorer.kernel_text.value = "\n".join(["1 1 1 1 1 1 1"] * 7)
        explorer.stride.value = 3
    assert explorer.error is None and "feature map 1×1" in explorer.status.value
    explorer.kernel_text.value = "\n".join(["0 0 0 0 0 0 0"] * 7)  # all zeros: a flat map, still drawn
    assert explorer.error is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"image": "lena"}, "Unknown image"),
        ({"kernel": "gabor"}, "Unknown kernel"),
        ({"stride": 0}, "stride must be"),
        ({"stride": 4}, "stride must be"),
        ({"padding": "full"}, "Unknown padding"),
    ],
)
def test_explorer_refuses_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        ConvolutionExplorer(**kwargs)


def test_explorer_static_states_visit_the_presets(monkeypatch):
    monkeypatch.setenv("DLBOOK_SITE_BUILD", "1")
    explorer = ConvolutionExplorer(image="square", kernel="sharpen")
    label, states = explorer.static_states()
    assert label == "kernel" and states[0] == ("sharpen", None) and len(states) == len(PRESET_KERNELS) - 1
    html = explorer._repr_mimebundle_()["text/html"]
    assert html.count("<img") == len(states) and "<output>sharpen</output>" in html
    assert explorer.preset.value == "sharpen" and explorer.kernel_text.value == preset_text("sharpen")
    assert set(IMAGES) >= {"camera", "digit"}


# -- FeatureMapViewer ---------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def small_cnn():
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [
            keras.Input((8, 8, 1)),
            keras.layers.Conv2D(4, 3, padding="same", activation="relu", name="conv"),
            keras.layers.MaxPooling2D(2, name="pool"),
            keras.layers.Conv2D(6, 3, activation="relu", name="conv2"),
            keras.layers.Flatten(),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    images = np.random.default_rng(0).uniform(size=(5, 8, 8, 1)).astype("float32")
    return model, images


def test_feature_layers_and_activations(small_cnn):
    model, images = small_cnn
    assert feature_layers(model) == ["conv", "pool", "conv2"]
    conv = layer_activations(model, "conv", images)
    assert conv.shape == (5, 8, 8, 4) and conv.min() >= 0
    kernel, bias = model.get_layer("conv").get_weights()
    by_hand = np.maximum(conv2d(images[2, :, :, 0], kernel[:, :, 0, 1], padding="same") + bias[1], 0)
    np.testing.assert_allclose(conv[2, :, :, 1], by_hand, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(layer_activations(model, "pool", images)[3], pool2d(conv[3], 2), rtol=1e-6)
    assert layer_activations(model, "conv2", images).shape == (5, 2, 2, 6)
    with pytest.raises(ValueError, match="no layer 'no_such_layer'"):
        layer_activations(model, "no_such_layer", images)


def test_viewer_layers_and_images(small_cnn, monkeypatch):
    model, images = small_cnn
    viewer = FeatureMapViewer(model, images, labels=[0, 1, 2, 3, 4])
    assert viewer.error is None and "8×8×4" in viewer.status.value
    viewer.layer.value = "conv2"
    assert "2×2×6" in viewer.status.value
    viewer.index.value = 4
    assert "for image 4" in viewer.status.value and viewer.error is None
    monkeypatch.setenv("DLBOOK_SITE_BUILD", "1")
    html = viewer._repr_mimebundle_()["text/html"]
    assert html.count("<img") == 3 and "<output>conv2</output>" in html
    assert viewer.layer.value == "conv2" and viewer.index.value == 4


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"layer": "dense"}, "Unknown layer"),
        ({"index": 5}, "index must be"),
        ({"index": -1}, "index must be"),
        ({"labels": [1, 2]}, "one label per image"),
    ],
)
def test_viewer_refuses_bad_arguments(small_cnn, kwargs, message):
    model, images = small_cnn
    with pytest.raises(ValueError, match=message):
        FeatureMapViewer(model, images, **kwargs)


def test_viewer_refuses_bad_models_and_images(small_cnn):
    model, images = small_cnn
    with pytest.raises(ValueError, match="expects images of shape"):
        FeatureMapViewer(model, np.zeros((2, 6, 6, 1)))
    with pytest.raises(ValueError, match="shape \\(n, height, width, channels\\)"):
        FeatureMapViewer(model, np.zeros((8, 8)))
    dense = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
    with pytest.raises(ValueError, match="at least one Conv2D"):
        FeatureMapViewer(dense, np.zeros((1, 4)))
    with pytest.raises(ValueError, match="at least one Conv2D"):
        FeatureMapViewer("not a model", images)


def _refreshes_to_a_fresh_draw(widget, changes, monkeypatch) -> None:
    """Each ``(control, value)`` change redraws through ``refresh`` to the very picture a fresh draw makes of it."""
    monkeypatch.setattr(base, "figure_to_png", figure_to_png)  # this test compares pixels
    drawn = []
    monkeypatch.setattr(
        widget, "draw", lambda figure: drawn.append(figure) or type(widget).draw(widget, figure)
    )
    for control, value in changes:
        control.value = value
        refreshed = bytes(widget.image.value)
        assert not drawn and widget.error is None
        widget._stale = True  # the same state drawn afresh: the very same picture
        widget.update()
        assert len(drawn) == 1 and bytes(widget.image.value) == refreshed, control.description
        drawn.clear()


def test_explorer_changes_refresh_the_figure_to_what_a_fresh_draw_shows(monkeypatch):
    explorer = ConvolutionExplorer(image="square")
    _refreshes_to_a_fresh_draw(
        explorer,
        [
            (explorer.stride, 2),
            (explorer.padding, "same"),
            (explorer.image_name, "digit"),
            (explorer.preset, "box blur"),
            (explorer.kernel_text, "1 2\n3 4"),
        ],
        monkeypatch,
    )


def test_viewer_changes_refresh_the_figure_to_what_a_fresh_draw_shows(small_cnn, monkeypatch):
    model, images = small_cnn
    viewer = FeatureMapViewer(model, images, labels=[0, 1, 2, 3, 4])
    _refreshes_to_a_fresh_draw(
        viewer, [(viewer.index, 3), (viewer.layer, "conv2"), (viewer.index, 1)], monkeypatch
    )
