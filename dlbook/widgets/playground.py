"""Playground: a small neural-network playground that trains a real Keras model on a 2-D toy data set.

Choose the data, the architecture and the training settings, press **Train** and watch the decision boundary, the
training and test loss, and what each unit of the first hidden layer computes over the input plane. The model is an
ordinary ``keras.Sequential`` model; :func:`keras_code` writes the Python source that builds the same model.

Keras is imported only when a model is built, so importing this module leaves the choice of backend open.
"""

from __future__ import annotations

import math
from numbers import Integral, Real

import ipywidgets as widgets
import matplotlib
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from dlbook.activations import activation as apply_activation
from dlbook.checks import check_choice, check_number
from dlbook.data import load_toy
from dlbook.plotting import CLASS_CMAP, CLASS_COLORS, input_grid, plot_points
from dlbook.widgets.base import FigureWidget

DATASETS = ("moons", "circles", "xor", "spirals", "blobs")
ACTIVATIONS = ("relu", "tanh", "sigmoid")
L2_CHOICES = (0.0, 1e-4, 1e-3, 1e-2, 1e-1)
MAX_HIDDEN_LAYERS = 4
MAX_UNITS = 8
N_SAMPLES = 300
NOISE_RANGE = (0.0, 0.5)
LEARNING_RATE_RANGE = (1e-4, 1.0)


def _keras():
    from dlbook.env import _quiet_tensorflow

    _quiet_tensorflow()
    import keras

    return keras


# -- pure functions ---------------------------------------------------------------------------------------------------
def check_architecture(hidden_layers: int, units: int, activation: str = "relu") -> None:
    """Raise a learner-readable ``ValueError`` unless the architecture can be built."""
    check_number("The number of hidden layers", hidden_layers, 0, MAX_HIDDEN_LAYERS, integer=True)
    check_number("The units per layer", units, 0, MAX_UNITS, integer=True)
    if hidden_layers > 0 and units == 0:
        raise ValueError(
            f"A hidden layer needs at least one unit: with {hidden_layers} hidden layer(s), set the "
            "units per layer to 1 or more (or the hidden layers to 0)."
        )
    check_choice("activation", activation, ACTIVATIONS)


def check_training(learning_rate: float, l2: float) -> None:
    """Raise a learner-readable ``ValueError`` unless the learning rate and the L2 factor are usable."""
    low, high = LEARNING_RATE_RANGE
    check_number("The learning rate", learning_rate, positive=True)
    check_number("The learning rate", learning_rate, low, high)
    check_number("The L2 regularization factor", l2, 0)


def layer_sizes(hidden_layers: int, units: int) -> list[int]:
    """The number of units of every Dense layer, the output unit included: e.g. ``[4, 4, 1]``."""
    check_architecture(hidden_layers, units)
    return [int(units)] * int(hidden_layers) + [1]


def build_model(
    hidden_layers: int = 1,
    units: int = 4,
    activation: str = "tanh",
    learning_rate: float = 0.03,
    l2: float = 0.0,
    seed: int = 0,
):
    """A compiled ``keras.Sequential`` binary classifier of 2-D points: the model :func:`keras_code` describes.

    Its initial weights are fixed by ``seed`` (Glorot-uniform kernels, zero biases), so the same seed gives the same
    model; it is trained with Adam on the binary cross-entropy, with an L2 penalty ``l2 * sum(w**2)`` on every kernel.
    """
    check_architecture(hidden_layers, units, activation)
    check_training(learning_rate, l2)
    keras = _keras()
    regularizer = keras.regularizers.L2(l2) if l2 > 0 else None
    sizes = layer_sizes(hidden_layers, units)
    layers = [keras.Input(shape=(2,))]
    for i, size in enumerate(sizes):
        layers.append(
            keras.layers.Dense(
                size,
                activation=activation if i < len(sizes) - 1 else "sigmoid",
                kernel_regularizer=regularizer,
                kernel_initializer=keras.initializers.GlorotUniform(seed=int(seed) * 100 + i),
            )
        )
    model = keras.Sequential(layers)
    # No Keras metrics: the playground computes its accuracy in NumPy, and a model without them compiles faster.
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=learning_rate), loss="binary_crossentropy")
    return model


def keras_code(
    hidden_layers: int = 1,
    units: int = 4,
    activation: str = "tanh",
    learning_rate: float = 0.03,
    l2: float = 0.0,
) -> str:
    """Python source that builds and compiles the same model as :func:`build_model` (its weights aside).

    The source also asks ``compile`` for the accuracy metric, so that ``model.fit`` reports it.
    """
    check_architecture(hidden_layers, units, activation)
    check_training(learning_rate, l2)
    regularizer = f", kernel_regularizer=keras.regularizers.L2({l2:g})" if l2 > 0 else ""
    lines = ["import keras", "", "model = keras.Sequential([", "    keras.Input(shape=(2,)),"]
    for size in layer_sizes(hidden_layers, units)[:-1]:
        lines.append(f'    keras.layers.Dense({size}, activation="{activation}"{regularizer}),')
    lines += [
        f'    keras.layers.Dense(1, activation="sigmoid"{regularizer}),',
        "])",
        f"model.compile(optimizer=keras.optimizers.Adam(learning_rate={learning_rate:.4g}),",
        '              loss="binary_crossentropy", metrics=["accuracy"])',
    ]
    return "\n".join(lines) + "\n"


def playground_data(dataset: str, noise: float, seed: int = 0):
    """The playground's data: ``N_SAMPLES`` points of a toy set, a quarter held out, as ``(X, y), (X_test, y_test)``."""
    if dataset not in DATASETS:
        raise ValueError(f"Unknown data set {dataset!r}. Choose one of: {', '.join(DATASETS)}.")
    low, high = NOISE_RANGE
    if not isinstance(noise, Real) or not low <= noise <= high:
        raise ValueError(f"The noise must be a number from {low:g} to {high:g}, got {noise!r}.")
    return load_toy(dataset, n_samples=N_SAMPLES, noise=float(noise), test_size=0.25, seed=seed)


def forward(weights: list[np.ndarray], activation: str, X: np.ndarray) -> list[np.ndarray]:
    """Every layer's output for inputs ``X`` of shape ``(n, 2)``, computed in NumPy from ``model.get_weights()``.

    ``weights`` alternates kernels and biases, ``[W1, b1, W2, b2, ...]``; hidden layers use ``activation`` and the
    last layer the sigmoid. Returns ``[h1, h2, ..., p]``: each ``h`` has shape ``(n, units)``, ``p`` has shape ``(n,)``.
    """
    if len(weights) < 2 or len(weights) % 2:
        raise ValueError("weights must alternate kernels and biases: [W1, b1, W2, b2, ...].")
    outputs, a = [], np.asarray(X, dtype=float)
    n_layers = len(weights) // 2
    for i in range(n_layers):
        z = a @ np.asarray(weights[2 * i], dtype=float) + np.asarray(weights[2 * i + 1], dtype=float)
        name = activation if i < n_layers - 1 else "sigmoid"
        check_choice("activation", name, ACTIVATIONS)
        a = apply_activation(name, z)
        outputs.append(a)
    outputs[-1] = outputs[-1][:, 0]
    return outputs


def binary_cross_entropy(y: np.ndarray, p: np.ndarray, eps: float = 1e-7) -> float:
    """The mean binary cross-entropy of probabilities ``p`` for labels ``y`` (clipped as Keras does)."""
    p = np.clip(np.asarray(p, dtype=float), eps, 1 - eps)
    y = np.asarray(y, dtype=float)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def decision_grid(weights: list[np.ndarray], activation: str, xx: np.ndarray, yy: np.ndarray) -> np.ndarray:
    """The model's probability of class 1 at every grid point, shaped like ``xx``."""
    points = np.column_stack([np.ravel(xx), np.ravel(yy)])
    return forward(weights, activation, points)[-1].reshape(np.shape(xx))


def hidden_unit_grids(
    weights: list[np.ndarray], activation: str, xx: np.ndarray, yy: np.ndarray
) -> np.ndarray:
    """The output of each unit of the first hidden layer over the grid: shape ``(units, *xx.shape)``.

    A model without hidden layers has no hidden units: the result then has shape ``(0, *xx.shape)``.
    """
    if len(weights) <= 2:
        return np.zeros((0, *np.shape(xx)))
    points = np.column_stack([np.ravel(xx), np.ravel(yy)])
    hidden = forward(weights, activation, points)[0]
    return np.moveaxis(hidden, 1, 0).reshape(hidden.shape[1], *np.shape(xx))


def unit_mosaic(grids: np.ndarray, gap: int = 9) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Tile the unit grids into one image (NaN in the gaps), flipped so that up is up; with the tiles' corners.

    Up to two units sit in one row, more in two rows. Returns ``(mosaic, [(row, col) of each tile's top left])``.
    """
    grids = np.asarray(grids, dtype=float)
    n, height, width = grids.shape
    if n == 0:
        raise ValueError("There are no hidden units to show.")
    rows = 1 if n <= 2 else 2
    cols = math.ceil(n / rows)
    mosaic = np.full((rows * height + (rows - 1) * gap + gap, cols * width + (cols - 1) * gap), np.nan)
    corners = []
    for j, grid in enumerate(grids):
        row, col = (j // cols) * (height + gap) + gap, (j % cols) * (width + gap)
        # image rows run downwards, x2 runs upwards
        mosaic[row : row + height, col : col + width] = grid[::-1]
        corners.append((row, col))
    return mosaic, corners


# -- the widget -------------------------------------------------------------------------------------------------------
class Playground(FigureWidget):
    """Train a real Keras MLP on a toy set; see its decision boundary, its loss curves and its first hidden layer."""

    figsize = (12.0, 4.4)

    def __init__(
        self,
        dataset: str = "circles",
        noise: float = 0.1,
        hidden_layers: int = 1,
        units: int = 4,
        activation: str = "tanh",
        learning_rate: float = 0.03,
        l2: float = 0.0,
        epochs: int = 100,
        seed: int = 0,
    ):
        playground_data(dataset, noise)  # refuse bad values before building anything
        check_architecture(hidden_layers, units, activation)
        check_training(learning_rate, l2)
        if l2 not in L2_CHOICES:
            raise ValueError(f"l2 must be one of {', '.join(f'{v:g}' for v in L2_CHOICES)}, got {l2!r}.")
        if not isinstance(epochs, Integral) or not 1 <= epochs <= 1000:
            raise ValueError(
                f"epochs (per click of Train) must be a whole number from 1 to 1000, got {epochs!r}."
            )
        if not isinstance(seed, Integral) or seed < 0:
            raise ValueError(f"seed must be a non-negative integer, got {seed!r}.")
        wide = widgets.Layout(width="300px")
        self.dataset = widgets.Dropdown(options=DATASETS, value=dataset, description="data", layout=wide)
        self.noise = widgets.FloatSlider(
            value=noise,
            min=NOISE_RANGE[0],
            max=NOISE_RANGE[1],
            step=0.05,
            description="noise",
            continuous_update=False,
            layout=wide,
        )
        self.hidden_layers = widgets.IntSlider(
            value=hidden_layers,
            min=0,
            max=MAX_HIDDEN_LAYERS,
            description="hidden layers",
            continuous_update=False,
            layout=wide,
        )
        self.units = widgets.IntSlider(
            value=units,
            min=0,
            max=MAX_UNITS,
            description="units per layer",
            continuous_update=False,
            layout=wide,
        )
        self.activation = widgets.Dropdown(
            options=ACTIVATIONS, value=activation, description="activation", layout=wide
        )
        self.learning_rate = widgets.FloatLogSlider(
            value=learning_rate,
            base=10,
            min=-4,
            max=0,
            step=0.25,
            description="learning rate",
            readout_format=".3g",
            continuous_update=False,
            layout=wide,
        )
        self.l2 = widgets.Dropdown(
            options=[(f"{v:g}", v) for v in L2_CHOICES], value=l2, description="L2 penalty", layout=wide
        )
        self.epochs = widgets.IntSlider(
            value=epochs,
            min=10,
            max=1000,
            step=10,
            description="epochs / click",
            continuous_update=False,
            layout=wide,
        )
        if epochs < 10:
            self.epochs.min = 1
            self.epochs.value = epochs
        for control in (
            self.dataset,
            self.noise,
            self.hidden_layers,
            self.units,
            self.activation,
            self.learning_rate,
            self.l2,
            self.epochs,
        ):
            control.style = {"description_width": "110px"}
        self.train_button = widgets.Button(description="Train", button_style="primary", icon="play")
        self.reset_button = widgets.Button(description="Reset", icon="undo")
        self.train_button.on_click(lambda _button: self.train())
        self.reset_button.on_click(lambda _button: self.reset())
        self.seed = int(seed)
        self.model = None
        self.data = None
        self._data_key = self._model_key = self._built_key = None
        self.history: dict[str, list[float]] = {"train": [], "test": []}
        super().__init__(
            [
                self.dataset,
                self.noise,
                self.hidden_layers,
                self.units,
                self.activation,
                self.learning_rate,
                self.l2,
                self.epochs,
                self.train_button,
                self.reset_button,
            ]
        )
        self.code_view = widgets.HTML()
        self.ui.children = (*self.ui.children, self.code_view)
        self.update()

    # -- state ------------------------------------------------------------------------------------------------------
    @property
    def epoch(self) -> int:
        """How many epochs the current model has been trained for."""
        return len(self.history["train"])

    def config(self) -> dict:
        """The architecture and training settings the controls hold, as keyword arguments of :func:`build_model`."""
        return dict(
            hidden_layers=self.hidden_layers.value,
            units=self.units.value,
            activation=self.activation.value,
            learning_rate=self.learning_rate.value,
            l2=self.l2.value,
        )

    def keras_code(self) -> str:
        """Python source that rebuilds the current model (see :func:`keras_code`)."""
        return keras_code(**self.config())

    def _sync(self) -> None:
        """Bring the data and the model in line with the controls: new data or a new architecture start afresh."""
        data_key = (self.dataset.value, self.noise.value)
        if data_key != self._data_key:
            self.data = playground_data(*data_key)
            self._data_key, self._model_key = data_key, None
        self.units.disabled = self.hidden_layers.value == 0
        config = self.config()
        check_architecture(config["hidden_layers"], config["units"], config["activation"])
        check_training(config["learning_rate"], config["l2"])
        model_key = (config["hidden_layers"], config["units"], config["activation"], config["l2"])
        if model_key != self._model_key:
            fresh = build_model(**config, seed=self.seed)
            if self.model is not None and model_key == self._built_key:
                self._restart(fresh)
            else:
                self.model, self._built_key = fresh, model_key
            self._model_key = model_key
            self.history = {"train": [], "test": []}
        elif not math.isclose(float(self.model.optimizer.learning_rate), config["learning_rate"]):
            self.model.optimizer.learning_rate = config["learning_rate"]  # keeps the weights learned so far

    def _restart(self, fresh) -> None:
        """Give the current model the initial weights of ``fresh`` and a new optimizer state.

        Keeping the model (rather than replacing it by ``fresh``) keeps its compiled training step, which saves a
        second or so on the next click of Train.
        """
        self.model.set_weights(fresh.get_weights())
        for variable in self.model.optimizer.variables:
            if not variable.path.endswith("learning_rate"):  # the step count and Adam's moment estimates
                variable.assign(np.zeros(variable.shape, dtype=variable.dtype))
        self.model.optimizer.learning_rate = self.learning_rate.value

    def reset(self) -> None:
        """Start again from new random weights (the next seed)."""
        self.seed += 1
        self._model_key = None
        self.update()

    def train(self, epochs: int | None = None, redraws: int = 5) -> None:
        """Train for ``epochs`` (default: the slider) full-batch Adam steps, redrawing up to ``redraws`` times.

        The figure is redrawn at the end, and on the way at most every 20 epochs.
        """
        try:
            self._sync()
        except ValueError:
            self.update()  # shows the reason in the status line
            return
        epochs = self.epochs.value if epochs is None else epochs
        if not isinstance(epochs, Integral) or epochs < 1:
            raise ValueError(f"epochs must be a positive whole number, got {epochs!r}.")
        (X, y), (X_test, y_test) = self.data
        every = max(20, math.ceil(epochs / max(1, redraws)))  # a redraw costs as much as ~100 epochs
        for step in range(1, epochs + 1):
            self.model.train_on_batch(X, y)
            weights = self.model.get_weights()
            self.history["train"].append(
                binary_cross_entropy(y, forward(weights, self.activation.value, X)[-1])
            )
            self.history["test"].append(
                binary_cross_entropy(y_test, forward(weights, self.activation.value, X_test)[-1])
            )
            if step % every == 0 or step == epochs:
                self.update()

    def accuracy(self, split: str = "test") -> float:
        """The current model's accuracy on the ``"train"`` or ``"test"`` split."""
        self._sync()
        (X, y), (X_test, y_test) = self.data
        X, y = (X, y) if split == "train" else (X_test, y_test)
        p = forward(self.model.get_weights(), self.activation.value, X)[-1]
        return float(np.mean((p > 0.5) == y))

    # -- drawing ----------------------------------------------------------------------------------------------------
    def draw(self, figure: Figure) -> str:
        self.code_view.value = ""
        self._sync()
        (X, y), (X_test, y_test) = self.data
        activation = self.activation.value
        weights = self.model.get_weights()
        ax_data, ax_loss, ax_units = figure.subplots(1, 3, width_ratios=[1.1, 1.0, 1.1])

        ax = ax_data
        xx, yy, _ = input_grid(np.vstack([X, X_test]), resolution=120)
        proba = decision_grid(weights, activation, xx, yy)
        ax.contourf(xx, yy, proba, levels=[-0.01, 0.5, 1.01], cmap=CLASS_CMAP)
        if proba.min() < 0.5 < proba.max():
            ax.contour(xx, yy, proba, levels=[0.5], colors="black", linewidths=1.2)
        plot_points(ax, X, y, s=12, labels=("class 0 (train)", "class 1 (train)"))
        ax.scatter(
            X_test[:, 0],
            X_test[:, 1],
            s=18,
            c=[CLASS_COLORS[k] for k in y_test],
            edgecolors="black",
            linewidths=0.8,
        )
        ax.scatter(
            [], [], s=18, c="white", edgecolors="black", linewidths=0.8, label="test points (black rim)"
        )
        ax.legend(loc="upper right", fontsize="x-small", framealpha=0.8)
        ax.set_xlim(xx.min(), xx.max())
        ax.set_ylim(yy.min(), yy.max())
        test_acc = self.accuracy("test")
        ax.set_title(f"{self.dataset.value}: test accuracy {test_acc:.0%}", fontsize="medium")

        ax = ax_loss
        if self.epoch:
            epochs = np.arange(1, self.epoch + 1)
            ax.plot(epochs, self.history["train"], "-", lw=2, label="training")
            ax.plot(epochs, self.history["test"], "--", lw=2, label="test")
            ax.legend(fontsize="small")
            ax.set_ylim(0, max(0.8, 1.05 * max(self.history["train"][0], self.history["test"][0])))
        else:
            ax.text(
                0.5, 0.5, "not trained yet:\npress Train", ha="center", va="center", transform=ax.transAxes
            )
        ax.set(xlabel="epoch (one full-batch Adam step)", ylabel="binary cross-entropy")
        ax.set_title("Loss (without the L2 penalty)", fontsize="medium")
        ax.grid(alpha=0.3)

        ax = ax_units
        ax.set_xticks([])
        ax.set_yticks([])
        for side in ax.spines.values():
            side.set_visible(False)
        grids = hidden_unit_grids(weights, activation, *input_grid(np.vstack([X, X_test]), resolution=40)[:2])
        if len(grids):
            centre = 0.5 if activation == "sigmoid" else 0.0
            reach = max(float(np.abs(grids - centre).max()), 1e-6)
            mosaic, corners = unit_mosaic(grids)
            cmap = matplotlib.colormaps["RdBu_r"].with_extremes(bad="white")
            ax.imshow(mosaic, origin="upper", cmap=cmap, vmin=centre - reach, vmax=centre + reach)
            for j, (row, col) in enumerate(corners):
                ax.add_patch(
                    Rectangle((col - 0.5, row - 0.5), grids.shape[2], grids.shape[1], fill=False, lw=0.8)
                )
                ax.text(
                    col + grids.shape[2] / 2,
                    row - 1,
                    f"unit {j + 1}",
                    ha="center",
                    va="bottom",
                    fontsize="small",
                )
            ax.set_xlim(-1.5, mosaic.shape[1] + 0.5)
            ax.set_ylim(mosaic.shape[0] + 0.5, -11)
            ax.set_title(
                f"First hidden layer ({activation}):\neach unit's output over the plane", fontsize="medium"
            )
            ax.set_xlabel(f"white: {centre:g} · red: above {centre:g} · blue: below {centre:g}")
        else:
            ax.text(
                0.5,
                0.5,
                "No hidden layer: the model is\nlogistic regression, and its\ndecision boundary "
                "is a straight line.",
                ha="center",
                va="center",
                transform=ax.transAxes,
            )

        code = self.keras_code()
        self.code_view.value = (
            "<details><summary>Keras code for this model</summary><pre>"
            f"{code.replace('&', '&amp;').replace('<', '&lt;')}</pre></details>"
        )
        params = self.model.count_params()
        if not self.epoch:
            return f"{params} parameters · not trained yet: press <b>Train</b>"
        return (
            f"epoch {self.epoch} · {params} parameters · training loss {self.history['train'][-1]:.3f}, "
            f"test loss {self.history['test'][-1]:.3f} · test accuracy {test_acc:.1%}"
        )
