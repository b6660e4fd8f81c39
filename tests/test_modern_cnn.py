"""Chapter 08's course code: the MNIST-1D loader and ``dlbook.modern_cnn`` (costs and Keras builders)."""
# ruff: noqa: NPY002  (the loader must leave NumPy's legacy global generator, which mnist1d reseeds, as it was)

import random

import numpy as np
import pytest

from dlbook import modern_cnn
from dlbook.data import load_mnist1d


def test_mnist1d_splits_shapes_and_types():
    (X_train, y_train), (X_val, y_val), (X_test, y_test) = load_mnist1d(
        n_train=300, n_validation=50, n_test=100
    )
    assert X_train.shape == (300, 40, 1) and X_val.shape == (50, 40, 1) and X_test.shape == (100, 40, 1)
    assert X_train.dtype == np.float32 and y_train.dtype == np.int64 and set(y_test) <= set(range(10))
    (flat, _), _, _ = load_mnist1d(n_train=300, n_validation=50, n_test=100, flatten=True)
    np.testing.assert_array_equal(flat, X_train[..., 0])


def test_mnist1d_is_seeded_and_leaves_the_global_generators_alone():
    np.random.seed(123)
    random.seed(5)
    numpy_next, python_next = np.random.random(), random.random()
    np.random.seed(123)
    random.seed(5)
    first = load_mnist1d(n_train=80, n_validation=10, n_test=10, seed=3)
    assert np.random.random() == numpy_next and random.random() == python_next  # make_dataset reseeds them
    again, other = (
        load_mnist1d(n_train=80, n_validation=10, n_test=10, seed=3),
        load_mnist1d(80, 10, 10, seed=4),
    )
    np.testing.assert_array_equal(first[0][0], again[0][0])
    assert not np.array_equal(first[0][0], other[0][0])
    first[0][0][:] = 0  # the arrays returned are copies: changing them leaves the cached data set alone
    assert np.abs(load_mnist1d(n_train=80, n_validation=10, n_test=10, seed=3)[0][0]).sum() > 0


def test_shuffled_is_the_papers_variant_of_the_same_examples():
    from mnist1d.data import get_dataset_args, make_dataset

    (X, y), _, (X_test, _) = load_mnist1d(n_train=80, n_validation=10, n_test=10, seed=3, flatten=True)
    (S, y_s), _, (S_test, _) = load_mnist1d(
        n_train=80, n_validation=10, n_test=10, seed=3, shuffled=True, flatten=True
    )
    args = get_dataset_args()
    args.num_samples, args.train_split, args.seed, args.shuffle_seq = 100, 1.0, 3, True
    state = np.random.get_state()
    reference = make_dataset(args)
    np.random.set_state(state)
    np.testing.assert_allclose(S, reference["x"][:80], rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(S_test, reference["x"][90:], rtol=1e-6, atol=1e-6)
    np.testing.assert_array_equal(y, y_s)
    np.testing.assert_allclose(np.sort(S, axis=1), np.sort(X, axis=1))  # the same values, in another order


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_train": 5}, "n_train must be a whole number of at least 10"),
        ({"n_test": 0}, "n_test must be a whole number of at least 1"),
        ({"n_validation": -1}, "n_validation"),
        ({"seed": -1}, "seed"),
    ],
)
def test_mnist1d_refuses_bad_sizes(kwargs, message):
    with pytest.raises(ValueError, match=message):
        load_mnist1d(**kwargs)


def test_costs_by_hand():
    assert modern_cnn.conv_cost(40, 5, 32, 64) == (5 * 32 * 64 + 64, 40 * 5 * 32 * 64)
    assert modern_cnn.conv_cost(10, 3, 4, 6, bias=False) == (72, 720)
    assert modern_cnn.separable_cost(40, 5, 32, 64) == (5 * 32 + 32 * 64 + 64, 40 * (5 * 32 + 32 * 64))
    assert modern_cnn.dense_cost(32, 10) == (330, 320)
    assert modern_cnn.conv_output_length(40, 2) == 20 and modern_cnn.conv_output_length(5, 2) == 3
    p_full, m_full = modern_cnn.conv_cost(40, 9, 256, 256)
    p_sep, m_sep = modern_cnn.separable_cost(40, 9, 256, 256, bias=False)
    assert m_sep / m_full == pytest.approx(1 / 256 + 1 / 9)
    rows = modern_cnn.architecture_layers("residual", 8, 2)
    assert [name for name, _, _ in rows] == [
        "stem conv",
        "block 1",
        "block 2",
        "final batch norm",
        "avg pool + dense",
    ]
    assert modern_cnn.architecture_cost("residual", 8, 2) == (
        sum(r[1] for r in rows),
        sum(r[2] for r in rows),
    )


@pytest.mark.parametrize(
    "key",
    [
        ("plain", 8, 1),
        ("batch norm", 16, 2),
        ("residual", 24, 3),
        ("separable residual", 16, 3),
        ("residual", 32, 2),
    ],
)
def test_parameter_count_matches_keras(key):
    model = modern_cnn.build_network(*key)
    assert model.count_params() == modern_cnn.architecture_cost(*key)[0]
    assert model.output.shape[1:] == (10,)


def test_macs_match_the_layers_of_keras_models():
    import keras

    def macs(model):
        total = 0
        for layer in model.layers:
            if isinstance(layer, keras.layers.SeparableConv1D):
                c_in, (n, c_out) = layer.input.shape[-1], layer.output.shape[1:]
                total += n * (layer.kernel_size[0] * c_in + c_in * c_out)
            elif isinstance(layer, keras.layers.Conv1D):
                total += layer.output.shape[1] * layer.kernel_size[0] * layer.input.shape[-1] * layer.filters
            elif isinstance(layer, keras.layers.Dense):
                total += layer.input.shape[-1] * layer.units
        return total

    for key in [("plain", 16, 3), ("residual", 8, 3), ("separable residual", 24, 2)]:
        assert macs(modern_cnn.build_network(*key)) == modern_cnn.architecture_cost(*key)[1]
    plain = modern_cnn.build_plain_cnn()
    assert (plain.count_params(), macs(plain)) == modern_cnn.plain_cnn_cost()


def test_residual_block_shapes_and_shortcut():
    import keras

    inputs = keras.Input((12, 4))
    block = keras.Model(inputs, modern_cnn.preactivation_block(inputs, 6, stride=2, name="b"))
    names = {layer.name for layer in block.layers}
    assert block.output.shape[1:] == (6, 6) and "b_projection" in names and "b_add" in names
    same = keras.Model(inputs, modern_cnn.preactivation_block(inputs, 4, name="s"))
    assert "s_projection" not in {layer.name for layer in same.layers}  # the identity when the shape is kept
    x = np.random.default_rng(0).normal(size=(2, 12, 4)).astype("float32")
    for layer in same.layers:  # with F = 0 (zero second convolution) the block is the identity
        if layer.name == "s_conv2":
            layer.set_weights([np.zeros_like(w) for w in layer.get_weights()])
    np.testing.assert_allclose(keras.ops.convert_to_numpy(same(x, training=False)), x, atol=1e-6)
    plain = keras.Model(inputs, modern_cnn.preactivation_block(inputs, 4, shortcut=False, name="p"))
    assert "p_add" not in {layer.name for layer in plain.layers}


def test_bad_architectures_are_refused():
    with pytest.raises(ValueError, match="Unknown block"):
        modern_cnn.architecture_cost("dense", 8, 1)
    with pytest.raises(ValueError, match="width"):
        modern_cnn.architecture_cost("residual", 0, 1)
    with pytest.raises(ValueError, match="number of blocks"):
        modern_cnn.build_network("residual", 8, 0)


def test_compile_and_fit_learns_a_little():
    import keras

    (X, y), (X_val, y_val), _ = load_mnist1d(n_train=1000, n_validation=200, n_test=10)
    keras.utils.set_random_seed(0)
    # no batch normalization here: its moving averages (momentum 0.99) need more than these 50 steps to settle
    model = modern_cnn.compile_and_fit(modern_cnn.build_network("plain", 16, 1), X, y, epochs=5)
    assert np.mean(model.predict(X_val, verbose=0).argmax(axis=1) == y_val) > 0.2  # chance is 0.1


def test_the_papers_gru():
    import keras

    model = modern_cnn.build_paper_gru()
    # as documented
    assert model.count_params() == 5134 and model.compute_output_shape((None, 40, 1)) == (
        None,
        10,
    )
    assert (
        isinstance(model.layers[0], keras.layers.Bidirectional) and model.layers[0].forward_layer.units == 6
    )


def test_the_recorded_gru_runs_are_complete_and_consistent():
    from dlbook import mnist1d_gru_runs as runs

    keys = {(seed, epochs) for seed in modern_cnn.GRU_SEEDS for epochs in modern_cnn.GRU_EPOCHS}
    assert (runs.SEED, runs.EPOCHS) == (modern_cnn.GRU_SEEDS, modern_cnn.GRU_EPOCHS)
    for table in (runs.VALIDATION_ACCURACY, runs.TEST_ACCURACY, runs.CPU_SECONDS):
        assert set(table) == keys
    assert all(
        0.1 < value < 1
        for table in (runs.VALIDATION_ACCURACY, runs.TEST_ACCURACY)
        for value in table.values()
    )
    short, long = modern_cnn.GRU_EPOCHS
    for seed in modern_cnn.GRU_SEEDS:  # more steps took more time
        assert runs.CPU_SECONDS[seed, long] > runs.CPU_SECONDS[seed, short] > 0
