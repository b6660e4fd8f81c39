"""Modern convolutional networks for sequences (chapter 08): their cost, their Keras builders and their training
recipe.

The cost functions are plain Python: the parameters of a layer as Keras counts them (``count_params``, which
includes a batch normalization's moving mean and variance), and its **multiply-adds**, the products of a weight and
an input that one example's forward pass computes in the convolutions and dense layers (the element-wise work of
batch normalization, ReLU and additions is left out: it is small here, and at inference a batch normalization folds
into the neighbouring convolution). The builders make the networks of the chapter's comparison on MNIST-1D, all
with the same stem and head, so that only the blocks in between differ (in the networks with batch normalization no
convolution has a bias: the normalization that follows it would subtract it again):

- ``"plain"``: two convolutions with ReLU, ``conv -> relu -> conv -> relu``;
- ``"batch norm"``: the pre-activation order of He et al. (2016), ``bn -> relu -> conv -> bn -> relu -> conv``,
  without a shortcut;
- ``"residual"``: the same with the shortcut, ``x + F(x)``; a 1x1 convolution (a *projection*) carries the shortcut
  where the block halves the length;
- ``"separable residual"``: the residual block with depthwise-separable convolutions.

The paper's recurrent network, ``build_paper_gru``, is too slow to train in the chapter; ``record_gru_runs``
trains it offline (``python -m dlbook.modern_cnn gru`` writes ``dlbook/mnist1d_gru_runs.py``).
"""

from __future__ import annotations

from dlbook.checks import check_choice, check_number

BLOCKS = ("plain", "batch norm", "residual", "separable residual")
WIDTHS = (8, 16, 24, 32)
DEPTHS = (1, 2, 3)
LENGTH, CLASSES = 40, 10  # MNIST-1D: sequences of 40 numbers, 10 classes
STEM_KERNEL, KERNEL = 5, 3


def conv_output_length(length: int, stride: int = 1) -> int:
    """Output length of a ``padding="same"`` convolution or pooling of stride ``stride``: ceil(length / stride)."""
    return -(
        -check_number("length", length, 1, integer=True) // check_number("stride", stride, 1, integer=True)
    )


def conv_cost(length_out: int, kernel: int, c_in: int, c_out: int, bias: bool = True) -> tuple[int, int]:
    """``(parameters, multiply-adds)`` of a 1-D convolution with ``length_out`` output positions: each of the
    ``c_out`` filters has ``kernel * c_in`` weights (and a bias), applied at every output position."""
    weights = kernel * c_in * c_out
    return weights + (c_out if bias else 0), length_out * weights


def separable_cost(length_out: int, kernel: int, c_in: int, c_out: int, bias: bool = True) -> tuple[int, int]:
    """``(parameters, multiply-adds)`` of a depthwise-separable 1-D convolution (Keras's ``SeparableConv1D``): a
    depthwise convolution, one ``kernel``-wide filter per input channel, then a 1x1 convolution that mixes the
    channels; one bias per output channel."""
    depthwise, pointwise = kernel * c_in, c_in * c_out
    return depthwise + pointwise + (c_out if bias else 0), length_out * (depthwise + pointwise)


def dense_cost(n_in: int, n_out: int) -> tuple[int, int]:
    """``(parameters, multiply-adds)`` of a dense layer."""
    return n_in * n_out + n_out, n_in * n_out


def batch_norm_params(channels: int) -> int:
    """Keras's parameter count of a batch normalization: a scale and a shift per channel (trained), and a moving
    mean and variance per channel (not trained, but counted by ``count_params``)."""
    return 4 * channels


def _check(block: str, width: int, depth: int) -> None:
    check_choice("block", block, BLOCKS)
    check_number("The width", width, 1, integer=True)
    check_number("The number of blocks", depth, 1, integer=True)


def architecture_layers(
    block: str, width: int, depth: int, length: int = LENGTH, classes: int = CLASSES
) -> list[tuple[str, int, int]]:
    """The layers of ``build_network(block, width, depth)`` as ``(name, parameters, multiply-adds)``, in order.

    A stem convolution (``width`` filters of 5); then ``depth`` blocks of two convolutions of 3, the first block at
    stride 1 and every later one at stride 2 (halving the length); then global average pooling and a dense softmax
    layer.
    """
    _check(block, width, depth)
    rows = []
    norm = block != "plain"
    n = length
    rows.append(("stem conv", *conv_cost(n, STEM_KERNEL, 1, width, bias=not norm)))
    cost = separable_cost if block == "separable residual" else conv_cost
    for i in range(depth):
        stride = 1 if i == 0 else 2
        n_out = conv_output_length(n, stride)
        parts = []
        if norm:
            parts.append((batch_norm_params(width), 0))
        parts.append(cost(n_out, KERNEL, width, width, bias=not norm))
        if norm:
            parts.append((batch_norm_params(width), 0))
        parts.append(cost(n_out, KERNEL, width, width, bias=not norm))
        if block in ("residual", "separable residual") and stride != 1:
            parts.append(conv_cost(n_out, 1, width, width, bias=False))  # the projection shortcut
        rows.append((f"block {i + 1}", sum(p for p, _ in parts), sum(m for _, m in parts)))
        n = n_out
    if norm:
        rows.append(("final batch norm", batch_norm_params(width), 0))
    rows.append(("avg pool + dense", *dense_cost(width, classes)))
    return rows


def architecture_cost(
    block: str, width: int, depth: int, length: int = LENGTH, classes: int = CLASSES
) -> tuple[int, int]:
    """``(parameters, multiply-adds per example)`` of ``build_network(block, width, depth)``."""
    rows = architecture_layers(block, width, depth, length, classes)
    return sum(p for _, p, _ in rows), sum(m for _, _, m in rows)


def plain_cnn_cost(length: int = LENGTH, classes: int = CLASSES) -> tuple[int, int]:
    """``(parameters, multiply-adds per example)`` of ``build_plain_cnn``, chapter 07's network in one dimension."""
    conv1 = conv_cost(length, 3, 1, 32)
    n = length // 2
    conv2 = conv_cost(n, 3, 32, 64)
    dense = dense_cost((n // 2) * 64, classes)
    return conv1[0] + conv2[0] + dense[0], conv1[1] + conv2[1] + dense[1]


# -- Keras ------------------------------------------------------------------------------------------------------------
def _keras():
    from dlbook.env import _quiet_tensorflow

    _quiet_tensorflow()
    import keras

    return keras


def preactivation_block(
    x,
    filters: int,
    stride: int = 1,
    kernel: int = KERNEL,
    shortcut: bool = True,
    separable: bool = False,
    name: str | None = None,
):
    """A pre-activation block (He, Zhang, Ren and Sun, 2016, "Identity mappings in deep residual networks"):
    ``bn -> relu -> conv -> bn -> relu -> conv``, plus the shortcut when ``shortcut``. The shortcut is the
    identity when the shape is kept, and a 1x1 convolution of stride ``stride`` (a projection) of the first
    activation otherwise. Nothing follows the sum. The convolutions have no bias: a batch normalization follows
    each of them (in the next block), and it would subtract the bias again."""
    layers = _keras().layers
    name = name or "block"
    Conv = layers.SeparableConv1D if separable else layers.Conv1D
    h = layers.Activation("relu", name=f"{name}_relu1")(layers.BatchNormalization(name=f"{name}_bn1")(x))
    skip = x
    if shortcut and (stride != 1 or x.shape[-1] != filters):
        skip = layers.Conv1D(filters, 1, strides=stride, use_bias=False, name=f"{name}_projection")(h)
    h = Conv(filters, kernel, strides=stride, padding="same", use_bias=False, name=f"{name}_conv1")(h)
    h = layers.Activation("relu", name=f"{name}_relu2")(layers.BatchNormalization(name=f"{name}_bn2")(h))
    h = Conv(filters, kernel, padding="same", use_bias=False, name=f"{name}_conv2")(h)
    return layers.Add(name=f"{name}_add")([skip, h]) if shortcut else h


def build_network(
    block: str = "residual",
    width: int = 24,
    depth: int = 2,
    length: int = LENGTH,
    classes: int = CLASSES,
    name: str | None = None,
):
    """A network for sequences ``(length, 1)``: stem, ``depth`` blocks of the kind ``block`` (one of ``BLOCKS``),
    global average pooling and a softmax layer (see ``architecture_layers``). Uncompiled."""
    _check(block, width, depth)
    keras = _keras()
    layers = keras.layers
    inputs = keras.Input((length, 1))
    plain = block == "plain"
    x = layers.Conv1D(
        width, STEM_KERNEL, padding="same", use_bias=plain, activation="relu" if plain else None, name="stem"
    )(inputs)
    for i in range(depth):
        stride = 1 if i == 0 else 2
        if block == "plain":
            x = layers.Conv1D(
                width, KERNEL, strides=stride, padding="same", activation="relu", name=f"b{i + 1}_conv1"
            )(x)
            x = layers.Conv1D(width, KERNEL, padding="same", activation="relu", name=f"b{i + 1}_conv2")(x)
        else:
            x = preactivation_block(
                x,
                width,
                stride,
                shortcut=block != "batch norm",
                separable=block == "separable residual",
                name=f"b{i + 1}",
            )
    if block != "plain":
        x = layers.Activation("relu", name="final_relu")(layers.BatchNormalization(name="final_bn")(x))
    x = layers.GlobalAveragePooling1D(name="gap")(x)
    outputs = layers.Dense(classes, activation="softmax", name="classifier")(x)
    default = f"{block.replace(' ', '_')}_w{width}_d{depth}"
    return keras.Model(inputs, outputs, name=name or default)


def build_plain_cnn(length: int = LENGTH, classes: int = CLASSES, name: str = "plain_cnn"):
    """Chapter 07's convolutional network in one dimension: conv(32, 3) -> max pool -> conv(64, 3) -> max pool ->
    flatten -> dropout(0.3) -> softmax. Uncompiled."""
    keras = _keras()
    layers = keras.layers
    return keras.Sequential(
        [
            keras.Input((length, 1)),
            layers.Conv1D(32, 3, padding="same", activation="relu"),
            layers.MaxPooling1D(2),
            layers.Conv1D(64, 3, padding="same", activation="relu"),
            layers.MaxPooling1D(2),
            layers.Flatten(),
            layers.Dropout(0.3),
            layers.Dense(classes, activation="softmax"),
        ],
        name=name,
    )


def build_paper_gru(hidden: int = 6, length: int = LENGTH, classes: int = CLASSES, name: str = "paper_gru"):
    """The MNIST-1D paper's recurrent network: a bidirectional GRU of ``hidden`` units each way reads the sequence,
    and its outputs at every position, flattened, feed a softmax layer (5,134 parameters with 6 units, about as
    many as the paper's CNN). Uncompiled."""
    keras = _keras()
    layers = keras.layers
    return keras.Sequential(
        [
            keras.Input((length, 1)),
            layers.Bidirectional(layers.GRU(hidden, return_sequences=True)),
            layers.Flatten(),
            layers.Dense(classes, activation="softmax"),
        ],
        name=name,
    )


def compile_and_fit(model, X, y, epochs: int, batch_size: int = 100, learning_rate: float = 1e-2):
    """The chapter's recipe: Adam on the cross-entropy of integer labels, the learning rate decaying to 0 along a
    cosine, ``steps_per_execution=40`` (40 steps per call into the backend, which saves Python's overhead on these
    small networks). Returns the model, trained."""
    keras = _keras()
    steps = check_number("epochs", epochs, 1, integer=True) * -(-len(X) // batch_size)
    model.compile(
        optimizer=keras.optimizers.Adam(keras.optimizers.schedules.CosineDecay(learning_rate, steps)),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
        steps_per_execution=40,
    )
    model.fit(X, y, epochs=epochs, batch_size=batch_size, verbose=0)
    return model


def accuracy(model, X, y) -> float:
    """The fraction of the sequences ``X`` whose most probable class under ``model`` is ``y``."""
    import numpy as np

    return float(np.mean(model.predict(X, verbose=0, batch_size=1000).argmax(axis=1) == y))


TABLE_EPOCHS = 20
PAPER_EPOCHS = 25  # chapter 08's budget for the paper's networks: 1000 steps of 100 sequences
GRU_EPOCHS = (PAPER_EPOCHS, 150)  # the chapter's budget, and the paper's 6000 steps
GRU_SEEDS = (0, 1, 2)


def make_table(seed: int = 0, epochs: int = TABLE_EPOCHS) -> dict[tuple[str, int, int], float]:
    """Validation accuracy on MNIST-1D of every ``build_network(block, width, depth)`` of ``BLOCKS`` x ``WIDTHS`` x
    ``DEPTHS``, each trained alone with ``compile_and_fit`` on the 4000 training sequences of
    ``load_mnist1d(seed=seed)``. Slow (minutes): ``python -m dlbook.modern_cnn`` runs it and writes
    ``dlbook/mnist1d_architectures.py``, which the widget ``ArchitectureComparer`` reads."""
    from dlbook.data import load_mnist1d

    keras = _keras()
    (X_train, y_train), (X_val, y_val), _ = load_mnist1d(seed=seed)
    table = {}
    for block in BLOCKS:
        for width in WIDTHS:
            for depth in DEPTHS:
                keras.utils.set_random_seed(seed)
                model = compile_and_fit(build_network(block, width, depth), X_train, y_train, epochs)
                table[block, width, depth] = round(accuracy(model, X_val, y_val), 3)
                print(block, width, depth, table[block, width, depth], flush=True)
    return table


def record_gru_runs(seeds=GRU_SEEDS, epochs=GRU_EPOCHS) -> dict[str, dict[tuple[int, int], float]]:
    """Train ``build_paper_gru()`` with ``compile_and_fit`` for each of ``epochs`` on the 4000 training sequences of
    ``load_mnist1d(seed=seed)``, for each of ``seeds``. Returns ``{"validation": ..., "test": ..., "seconds": ...}``,
    each keyed by ``(seed, epochs)``: the accuracies on the validation and test splits, and the CPU time of the
    training (``time.process_time``, both cores). Slow (minutes): ``python -m dlbook.modern_cnn gru`` runs it and
    writes ``dlbook/mnist1d_gru_runs.py``, which chapter 08 reads."""
    import time

    from dlbook.data import load_mnist1d

    keras = _keras()
    runs = {"validation": {}, "test": {}, "seconds": {}}
    for seed in seeds:
        (X_train, y_train), (X_val, y_val), (X_test, y_test) = load_mnist1d(seed=seed)
        for n in epochs:
            keras.utils.set_random_seed(seed)
            start = time.process_time()
            model = compile_and_fit(build_paper_gru(), X_train, y_train, n)
            runs["seconds"][seed, n] = round(time.process_time() - start, 1)
            runs["validation"][seed, n] = round(accuracy(model, X_val, y_val), 3)
            runs["test"][seed, n] = round(accuracy(model, X_test, y_test), 3)
            print(seed, n, {key: value[seed, n] for key, value in runs.items()}, flush=True)
    return runs


def _write_gru_runs() -> None:
    from pathlib import Path

    import keras

    from dlbook.recorded import write_recorded_module

    runs = record_gru_runs()
    write_recorded_module(
        Path(__file__).with_name("mnist1d_gru_runs.py"),
        "Recorded runs of the MNIST-1D paper's GRU for chapter 08, written by `python -m dlbook.modern_cnn gru`.",
        "``dlbook.modern_cnn.build_paper_gru()`` trained with ``compile_and_fit`` for each number of ``EPOCHS`` on "
        "the 4000 training sequences of ``load_mnist1d(seed=seed)``, for each ``SEED``; every table is keyed by "
        "``(seed, epochs)``: the accuracy on the 1000 validation and the 1000 test sequences, and the CPU seconds "
        "of the training",
        runs["validation"],
        GRU_SEEDS,
        GRU_EPOCHS,
        {"TEST_ACCURACY": runs["test"], "CPU_SECONDS": runs["seconds"], "KERAS_VERSION": keras.__version__},
    )


def _write_architectures() -> None:
    from pathlib import Path

    from dlbook.recorded import write_recorded_module

    write_recorded_module(
        Path(__file__).with_name("mnist1d_architectures.py"),
        "Validation accuracy of chapter 08's networks on MNIST-1D, written by `python -m dlbook.modern_cnn`.",
        f"Each network of ``dlbook.modern_cnn.build_network`` was trained alone, {TABLE_EPOCHS} epochs of "
        "``compile_and_fit``, on the 4000 training sequences of ``load_mnist1d(seed=0)``, and read on its 1000 "
        "validation sequences",
        make_table(),
        0,
        TABLE_EPOCHS,
    )


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["gru"]:
        _write_gru_runs()
    else:
        _write_architectures()
