"""One example of every widget, as a chapter shows it, for the widgets' contract test and the latency benchmark.

``GALLERY`` maps each widget's class name to an :class:`Example`: how to build it on data of the size its chapter
uses (made-up models where a chapter trains one), and, where the controls can reach one, a state it cannot draw with
a fragment of the message it must show. :func:`control_values` lists values a learner can give a control, so that a
test or a benchmark can turn every knob without knowing the widget.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np

from dlbook.widgets.base import FigureWidget


@dataclass(frozen=True)
class Example:
    """How to build a widget, and how to make it show an error (``bad``: apply to the widget, message fragment)."""

    build: Callable[[], FigureWidget]
    bad: tuple[Callable[[FigureWidget], None], str] | None = None
    trains: bool = False  # a control change builds or trains a Keras model: no latency goal


def _perceptron():
    from dlbook.widgets import PerceptronExplorer

    return PerceptronExplorer(dataset="blobs")


def _activations():
    from dlbook.widgets import ActivationExplorer

    return ActivationExplorer("sigmoid")


def _playground():
    from dlbook.widgets import Playground

    return Playground("circles", noise=0.1, hidden_layers=1, units=4, activation="tanh", learning_rate=0.03)


def _backprop():
    from dlbook.widgets import BackpropGraph

    return BackpropGraph()


def _optimizers():
    from dlbook.widgets import OptimizerRace

    return OptimizerRace(surface="narrow valley", learning_rate=0.07, steps=100)


def _capacity():
    from dlbook.widgets import CapacityExplorer

    return CapacityExplorer()


def _convolution():
    from dlbook.widgets import ConvolutionExplorer

    return ConvolutionExplorer(image="camera", kernel="Sobel x (vertical edges)")


def _feature_maps():
    from dlbook.widgets import FeatureMapViewer
    from dlbook.widgets.convolution import _keras

    keras = _keras()
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [
            keras.Input((8, 8, 1)),
            keras.layers.Conv2D(16, 3, padding="same", activation="relu", name="conv1"),
            keras.layers.MaxPooling2D(2, name="pool1"),
            keras.layers.Conv2D(32, 3, padding="same", activation="relu", name="conv2"),
            keras.layers.Flatten(),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    images = np.random.default_rng(0).uniform(size=(60, 8, 8, 1)).astype("float32")
    return FeatureMapViewer(model, images, np.arange(60) % 10, layer="conv1", index=0)


def _architectures():
    from dlbook.modern_cnn import BLOCKS, DEPTHS, WIDTHS, architecture_cost
    from dlbook.widgets import ArchitectureComparer

    # made-up accuracies, rising with the parameters (the chapter passes the precomputed table)
    accuracies = {
        (b, w, d): round(0.6 + 0.05 * np.log10(architecture_cost(b, w, d)[0]) + 0.02 * k, 3)
        for k, b in enumerate(BLOCKS)
        for w in WIDTHS
        for d in DEPTHS
    }
    return ArchitectureComparer(accuracies, trained={"plain CNN": (12_746, 133_120, 0.96)})


def _offer_width_12(widget) -> None:
    # the slider offers only the table's widths; a script might
    widget.width.options = [*widget.width.options, 12]
    widget.width.value = 12


def _features():
    from dlbook.widgets import FeatureExplorer

    return FeatureExplorer(features="HOG", n_train=400)


def _offer_tiny_size(widget) -> None:
    widget.n_train.options = [5]  # the slider offers no fewer than 20 examples; a script might


def _gradient_flow():
    from dlbook.widgets import GradientFlow

    return GradientFlow()


def _gates():
    from dlbook.widgets import GateViewer

    return GateViewer()


def _fake_attention(text: str, layers: int = 2, heads: int = 4) -> list[np.ndarray]:
    """Made-up attention weights: a seeded softmax of random scores, the same for the same text."""
    n = len(text)
    rng = np.random.default_rng(sum(map(ord, text)))
    scores = 2.0 * rng.normal(size=(layers, heads, n, n))
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return list(weights / weights.sum(axis=-1, keepdims=True))


def _attention():
    from dlbook.widgets import AttentionViewer

    examples = ["52819034", "31415926", "98765432", "11112222", "90000009", "70707070"]
    return AttentionViewer(
        _fake_attention,
        examples,
        alphabet="0123456789",
        length=8,
        output_fn=lambda text: "".join(sorted(text)),
    )


def _decoder(z: np.ndarray) -> np.ndarray:
    """A made-up decoder of 8x8 images: a fixed random map of the 2-D code through a sigmoid."""
    weights = np.random.default_rng(0).normal(size=(2, 64))
    return 1 / (1 + np.exp(-(np.asarray(z) @ weights)))


def _latent():
    from dlbook.widgets.latent import LatentExplorer

    rng = np.random.default_rng(0)
    labels = np.arange(450) % 10
    codes = rng.normal(size=(450, 2)) * 0.5 + np.stack([np.cos(labels), np.sin(labels)], axis=1) * 1.5
    return LatentExplorer(_decoder, codes, labels, grid=10)


def _gan_history(total: int, every: int, collapse: bool = False, n: int = 1000) -> dict:
    from dlbook.data import gaussian_mixture_centers

    centers = gaussian_mixture_centers()
    rng = np.random.default_rng(1 if collapse else 0)
    steps = np.arange(0, total + 1, every)
    samples = []
    for step in steps:
        progress = step / total
        modes = np.zeros(n, dtype=int) if collapse else np.arange(n) % 8
        samples.append(progress * centers[modes] + rng.normal(0, 0.02 + 1.0 * (1 - progress), (n, 2)))
    return {
        "steps": steps,
        "samples": np.array(samples),
        "d_loss": 0.69 + 0.05 * rng.normal(size=total),
        "g_loss": 0.8 + 0.1 * rng.normal(size=total),
    }


def _gan():
    from dlbook.data import load_gaussian_mixture
    from dlbook.widgets import GANProgress

    (real, _), _ = load_gaussian_mixture(2000, std=0.05)
    runs = {
        "1 G step per D step (balanced)": _gan_history(3000, 50),
        "5 G steps per D step (collapses)": _gan_history(600, 50, collapse=True),
    }
    return GANProgress(runs, real, std=0.05)


def _gan_too_smooth(widget) -> None:
    with widget.hold():
        widget.smoothing.max = 10_000  # the slider stops at the run's length; a script might not
        widget.smoothing.value = 5_000


def _noise_schedule():
    from dlbook.data import load_swiss_roll
    from dlbook.widgets.diffusion import NoiseScheduleExplorer

    (roll, _), _ = load_swiss_roll(2000)
    return NoiseScheduleExplorer(roll, T=200, t=20, schedule="linear")


def _step_beyond_t(widget) -> None:
    with widget.hold():
        widget.t.max = widget.T + 5  # the slider cannot go past T; a script might
        widget.t.value = widget.T + 4


def _reverse_process():
    from dlbook.data import load_swiss_roll
    from dlbook.diffusion import recorded_steps
    from dlbook.widgets.diffusion import ReverseProcessViewer

    (roll, _), (roll_test, _) = load_swiss_roll(2000)
    steps = recorded_steps(200)
    rng = np.random.default_rng(0)
    noise = rng.standard_normal((1000, 2))
    chain = np.stack([(1 - s / 200) * roll[:1000] + (s / 200) * noise for s in steps])
    return ReverseProcessViewer(chain, steps, data=roll_test)


def _saliency():
    from dlbook.widgets import SaliencyExplorer

    rng = np.random.default_rng(0)
    images = rng.uniform(size=(12, 16, 16, 1)) * (rng.uniform(size=(12, 16, 16, 1)) > 0.6)
    maps = {
        "integrated gradients": images[..., 0] * rng.normal(1, 0.5, (12, 16, 16)),
        "gradient saliency": np.abs(rng.normal(size=(12, 16, 16))),
    }
    fraction = np.linspace(0, 1, 17)
    curves = {
        "integrated gradients": np.exp(-8 * fraction) * np.ones((12, 1)),
        "gradient saliency": np.exp(-3 * fraction) * np.ones((12, 1)),
        "random pixels": 1 - fraction**2 * np.ones((12, 1)),
    }
    return SaliencyExplorer(images, maps, curves, labels=np.arange(12) % 10, predicted=np.arange(12) % 10)


def _embedding():
    from dlbook.data import load_glyphs
    from dlbook.widgets import EmbeddingExplorer

    (seen, _), (images, labels) = load_glyphs(n_classes=40, per_class=12, new_classes=0.25)
    project = np.random.default_rng(0).normal(size=(256, 16)) / 16  # a made-up encoder: a random projection
    return EmbeddingExplorer(
        images.reshape(len(images), -1) @ project,
        labels,
        seen_embeddings=seen[:120].reshape(120, -1) @ project,
        images=images,
    )


def _segmentation():
    from dlbook.data import load_cells
    from dlbook.widgets import SegmentationViewer

    _, (images, masks) = load_cells(60, seed=0)
    rng = np.random.default_rng(0)
    sharp = np.clip(0.8 * masks + 0.1 + 0.1 * rng.normal(size=masks.shape), 0, 1)  # made-up predictions
    blurred = np.clip(0.5 * masks + 0.25 + 0.2 * rng.normal(size=masks.shape), 0, 1)
    return SegmentationViewer(images, masks, {"U-Net": sharp, "no skip connections": blurred})


def _fake_translation(text: str):
    """A made-up beam-search translation of ``text`` (any date becomes 1976-07-04): seeded random alignments and a
    beam of three hypotheses whose probabilities shrink step by step."""
    from dlbook.seq2seq import Translation

    if not text or not text.isascii():
        raise ValueError("Type a date in plain ASCII characters, such as 'the 4th of july, 1976'.")
    output = "1976-07-04"
    rng = np.random.default_rng(len(text))
    scores = 3 * rng.normal(size=(len(output), len(text)))
    alignment = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    beam = [
        [(output[:t] + c, float(-0.05 * t - 2.0 * r)) for r, c in enumerate((output[t], "0", "9"))]
        for t in range(len(output))
    ]
    return Translation(text, output, alignment, beam)


def _alignment():
    from dlbook.widgets import AlignmentViewer

    return AlignmentViewer(
        _fake_translation, ["the 4th of july, 1976", "7/4/1976", "Sunday, July 4, 1976"], step=3
    )


def _set(name: str, value) -> Callable[[FigureWidget], None]:
    return lambda widget: setattr(getattr(widget, name), "value", value)


def _set_racers_off(widget) -> None:
    with widget.hold():
        for box in widget.racers.values():
            box.value = False


def _offer_unit(widget) -> None:
    widget.unit.options = [("unit 5", 5)]  # a dropdown cannot offer this; a script might


def _search_race():
    from dlbook.search import hyperband, random_search, search_space, synthetic_runs, table_evaluator
    from dlbook.widgets import SearchRace

    space, evaluate = search_space(), table_evaluator(synthetic_runs(seed=0))  # made-up learning curves
    races = {
        "random search": [random_search(space, evaluate, 81, seed=k) for k in range(3)],
        "Hyperband": [hyperband(space, evaluate, 81, seed=k) for k in range(3)],
    }
    return SearchRace(races, max_epochs=9)


def _offer_grid_search(widget) -> None:
    # a dropdown cannot offer this; a script might
    widget.method.options = [*widget.method.options, "grid search"]
    widget.method.value = "grid search"


def _gibbs():
    from dlbook.data import load_digits
    from dlbook.rbm import train_rbm
    from dlbook.widgets import GibbsSampler

    (X, _), (X_test, _) = load_digits(flatten=True)
    rbm = train_rbm(X > 0.5, 16, epochs=3)
    return GibbsSampler(rbm.W, rbm.b, rbm.c, X_test[:20], steps=50)


def _sampling():
    from dlbook.tokens import BPETokenizer
    from dlbook.widgets import SamplingExplorer

    text = "the cat sat on the mat. the dog sat on the log. a cat and a dog met on the mat.\n" * 3
    # made-up data: a random bigram table stands in for a trained model
    tokenizer = BPETokenizer.train(text, 20)
    table = np.random.default_rng(0).normal(0, 2, (len(tokenizer), len(tokenizer)))
    return SamplingExplorer(
        lambda ids: table[ids[-1]],
        tokenizer.encode,
        tokenizer.decode,
        tokenizer.vocabulary,
        ["the cat sat", "a dog met"],
        tokenizer.merges,
        top_p=0.9,
    )


def _capsules():
    from dlbook.data import load_digits
    from dlbook.widgets import CapsuleExplorer

    _, (images, labels) = load_digits()
    rng = np.random.default_rng(0)  # a made-up, untrained CapsNet: random predictions and a random decoder
    u_hat = rng.normal(0, 0.3, (12, 32, 10, 8)) + 0.4 * (np.arange(10) == labels[:12, None])[:, None, :, None]
    decoder = [rng.normal(0, 0.3, (80, 32)), np.zeros(32), rng.normal(0, 0.3, (32, 64)), np.zeros(64)]
    return CapsuleExplorer(u_hat, decoder, images[:12], labels[:12])


def _throughput():
    from dlbook.scaling import mlp_sizes, training_memory
    from dlbook.widgets import ThroughputExplorer

    # made-up measurements, shaped like a GPU's: 16-bit pays off at scale
    batches = np.array([16, 64, 256, 1024])
    rates = {
        "float32": 4e4 * batches / (batches + 200),
        "mixed_float16": 1e5 * batches / (batches + 300),
        "mixed_bfloat16": 9.5e4 * batches / (batches + 300),
    }
    params, activations = mlp_sizes(40, (128, 128, 10))
    memory = {p: training_memory(params, activations, batches, p)["total"] for p in rates}
    return ThroughputExplorer(
        batches, rates, memory, batch_size=256, policy="mixed_float16", device="made up"
    )


GALLERY: dict[str, Example] = {
    "PerceptronExplorer": Example(_perceptron),
    "ActivationExplorer": Example(_activations, (_set("x_min", 8.0), "from a smaller to a larger number")),
    "Playground": Example(_playground, (_set("units", 0), "at least one unit"), trains=True),
    "BackpropGraph": Example(_backprop, (_set("x2", float("nan")), "x₂ must be a finite number")),
    "OptimizerRace": Example(_optimizers, (_set_racers_off, "at least one optimizer")),
    "CapacityExplorer": Example(_capacity, (_set("epochs", float("nan")), "number of epochs")),
    "ConvolutionExplorer": Example(_convolution, (_set("kernel_text", "1 2\n3"), "same number of entries")),
    "FeatureMapViewer": Example(_feature_maps),
    "FeatureExplorer": Example(_features, (_offer_tiny_size, "from 20 to"), trains=True),
    "ArchitectureComparer": Example(_architectures, (_offer_width_12, "No accuracy was precomputed")),
    "GradientFlow": Example(_gradient_flow),
    "GateViewer": Example(_gates, (_offer_unit, "no unit 5")),
    "AttentionViewer": Example(_attention, (_set("text", "1234abcd"), "does not know the characters")),
    "LatentExplorer": Example(_latent),
    "GANProgress": Example(_gan, (_gan_too_smooth, "longer than run")),
    "NoiseScheduleExplorer": Example(_noise_schedule, (_step_beyond_t, "no step 204")),
    "ReverseProcessViewer": Example(_reverse_process),
    "EmbeddingExplorer": Example(_embedding, (_set("threshold", float("nan")), "threshold is a distance")),
    "SaliencyExplorer": Example(_saliency, (_set("opacity", float("nan")), "map opacity")),
    "GibbsSampler": Example(_gibbs),
    "AlignmentViewer": Example(_alignment, (_set("text", ""), "Type a date")),
    "CapsuleExplorer": Example(_capsules, (_set("delta", float("nan")), "pose change")),
    "SamplingExplorer": Example(
        _sampling, (_set("temperature", float("nan")), "temperature must be a positive")
    ),
    "SearchRace": Example(_search_race, (_offer_grid_search, "No trials were recorded")),
    "SegmentationViewer": Example(
        _segmentation, (_set("threshold", float("nan")), "strictly between 0 and 1")
    ),
    "ThroughputExplorer": Example(
        _throughput, (_set("budget", float("nan")), "memory budget must be a positive")
    ),
}


def value_controls(widget: FigureWidget) -> list[widgets.Widget]:
    """The widget's controls that hold a value (buttons aside), in the order they are shown."""
    return [c for c in widget.controls.children if hasattr(c, "value") and not c.disabled]


def control_values(control: widgets.Widget, n: int = 3) -> list:
    """Up to ``n`` valid values for ``control`` other than its current one, as a learner could choose them."""
    value = control.value
    if isinstance(control, widgets.Checkbox):
        return [not value]
    if hasattr(control, "options") and not isinstance(control, widgets.Text):
        options = [o[1] if isinstance(o, tuple) else o for o in control.options]
        if isinstance(control, widgets.SelectionSlider):  # the value is the option's value
            options = list(control._options_values)
        others = [o for o in options if o != value]
        picks = np.linspace(0, len(others) - 1, min(n, len(others))).round().astype(int) if others else []
        return [others[i] for i in dict.fromkeys(picks)]
    if isinstance(control, widgets.FloatLogSlider):
        exponents = np.linspace(control.min, control.max, n + 2)[1:-1]
        return [float(control.base**e) for e in exponents if not np.isclose(control.base**e, value)]
    if isinstance(control, (widgets.IntSlider, widgets.FloatSlider)):
        candidates = np.linspace(control.min, control.max, n + 2)[1:-1]
        if isinstance(control, widgets.IntSlider):
            candidates = [int(round(c / control.step) * control.step) for c in candidates]
        else:
            candidates = [float(round(c / control.step) * control.step) for c in candidates]
        return [c for c in dict.fromkeys(candidates) if control.min <= c <= control.max and c != value]
    if isinstance(control, (widgets.FloatText, widgets.IntText)):
        return [value - 1]
    return []  # free text: the example's own changes cover it


def stub_png(monkeypatch) -> None:
    """For tests that look at no pixels: skip rendering the PNG (most of a redraw's cost) with pytest's
    ``monkeypatch``; each redraw still gives a distinct picture, so that a test can tell that one happened."""
    from dlbook.widgets import base

    counter = iter(range(10**9))
    monkeypatch.setattr(base, "figure_to_png", lambda figure, **options: b"\x89PNG stub %d" % next(counter))


def pixels(png) -> np.ndarray:
    """A widget's PNG as an (height, width, 3) float array, to compare two pictures."""
    import io

    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(bytes(png))).convert("RGB"), dtype=float)


def refreshed_and_fresh(monkeypatch, widget: FigureWidget, changes) -> tuple[np.ndarray, np.ndarray]:
    """For a widget's tests: apply ``changes`` ((control attribute, value), ...), each of which must refresh the
    figure rather than draw it afresh, and return the pixels shown then and those of a fresh draw of the same state
    (whose status line must be the same). Renders real PNGs even where :func:`stub_png` is in force."""
    from dlbook.plotting import figure_to_png
    from dlbook.widgets import base

    monkeypatch.setattr(base, "figure_to_png", figure_to_png)
    widget._stale = True
    widget.update()  # drawn afresh with the real picture

    def no_draw(figure):
        raise AssertionError("a change of a control drew the figure afresh")

    monkeypatch.setattr(widget, "draw", no_draw)
    for name, value in changes:
        getattr(widget, name).value = value
        assert widget.error is None, widget.error
    quick, status = pixels(widget.image.value), widget.status.value
    monkeypatch.delattr(widget, "draw")
    widget._stale = True
    widget.update()
    assert widget.status.value == status
    return quick, pixels(widget.image.value)


def refreshed_and_full_render(monkeypatch, widget: FigureWidget, changes) -> tuple[np.ndarray, np.ndarray]:
    """Like :func:`refreshed_and_fresh`, but the reference is a fresh draw rendered whole, every artist in its layer
    (animated ones included), as when the figure is saved: for a widget whose refresh must draw in that order."""
    from unittest.mock import Mock

    from dlbook.plotting import figure_to_png
    from dlbook.widgets import base

    monkeypatch.setattr(base, "figure_to_png", figure_to_png)  # this test looks at the pixels
    widget._stale = True
    widget.update()  # drawn afresh with the real picture
    monkeypatch.setattr(widget, "draw", Mock(wraps=widget.draw))
    for name, value in changes:
        getattr(widget, name).value = value
    widget.draw.assert_not_called()  # refresh() brought the figure up to date
    quick = pixels(widget.image.value)
    widget._stale = True
    widget.update()
    for artist in widget.figure.findobj(lambda a: a.get_animated()):
        artist.set_animated(False)
    return quick, pixels(figure_to_png(widget.figure, dpi=widget.figure.dpi, layout=False))
