"""dlbook.scaling (chapter 23): FLOPs and bytes, the roofline, bfloat16 rounding, dynamic loss scaling, the memory
model, and one distributed step on two virtual devices equal to one step on one device."""

import numpy as np
import pytest

from dlbook import scaling as S


def test_matmul_flops_bytes_and_intensity_by_hand():
    assert S.matmul_flops(2, 3, 4) == 48  # 8 dot products of length 3: 3 multiplies and 3 adds each
    assert S.matmul_bytes(2, 3, 4) == (6 + 12 + 8) * 4
    assert S.matmul_bytes(2, 3, 4, bytes_per_element=2) == 52
    n = 300  # square products: 2 n^3 / (3 n^2 b) = 2 n / (3 b)
    np.testing.assert_allclose(
        S.arithmetic_intensity(S.matmul_flops(n, n, n), S.matmul_bytes(n, n, n)), 2 * n / 12
    )


def test_roofline_is_the_slope_then_the_roof():
    peak, bandwidth = 100.0, 10.0
    assert S.ridge_point(peak, bandwidth) == 10.0
    np.testing.assert_allclose(S.roofline([0.5, 10.0, 1000.0], peak, bandwidth), [5.0, 100.0, 100.0])


def test_best_time_returns_the_fastest_call():
    calls = []
    assert S.best_time(lambda: calls.append(1), repeats=4) >= 0
    assert len(calls) == 5  # one warm-up call, then the repeats
    calls.clear()
    S.best_time(lambda: calls.append(1), repeats=2, min_seconds=0.005)
    assert len(calls) > 3  # fast calls are looped until min_seconds have passed


def test_bfloat16_rounds_to_nearest_even():
    eps = 2.0**-7
    got = S.to_bfloat16([1.0, 1 + eps / 2, 1 + 3 * eps / 2, 1 + eps / 2 + 2**-20, -2.0, np.inf, 0.0])
    np.testing.assert_array_equal(got, [1.0, 1.0, 1 + 2 * eps, 1 + eps, -2.0, np.inf, 0.0])
    assert np.isnan(S.to_bfloat16([np.nan]))[0]
    x = np.random.default_rng(0).normal(size=1000).astype("float32")
    rounded = S.to_bfloat16(x)
    assert (rounded.view(np.uint32) & 0xFFFF).max() == 0  # the low 16 bits are cleared
    assert (np.abs(rounded - x) <= np.abs(x) * eps / 2 + 1e-30).all()


def test_bfloat16_matches_the_backend_cast():
    import keras
    from keras import ops

    x = np.random.default_rng(1).normal(size=2000) * 10.0 ** np.random.default_rng(2).integers(-20, 20, 2000)
    x = x.astype("float32")
    np.testing.assert_array_equal(
        S.to_bfloat16(x), ops.convert_to_numpy(ops.cast(ops.cast(x, "bfloat16"), "float32"))
    )
    assert keras.backend.backend() in ("tensorflow", "jax", "torch")


def test_machine_epsilon():
    assert S.machine_epsilon("float16") == 2.0**-10 and S.machine_epsilon("bfloat16") == 2.0**-7
    assert 1.0 + np.float32(S.machine_epsilon("float32")) != 1.0
    with pytest.raises(ValueError, match="dtype"):
        S.machine_epsilon("int8")


def test_dynamic_loss_scale_by_hand():
    scales, applied, final = S.dynamic_loss_scale(
        [True, True, True, False, True], initial_scale=8.0, growth_steps=2
    )
    np.testing.assert_array_equal(scales, [8, 8, 16, 16, 8])
    np.testing.assert_array_equal(applied, [True, True, True, False, True])
    assert final == 8.0


def test_training_memory_and_mlp_sizes():
    params, activations = S.mlp_sizes(3, (4, 2))
    assert params == (3 + 1) * 4 + (4 + 1) * 2 and activations == 3 + 4 + 2
    full = S.training_memory(params, activations, np.array([1, 10]), "float32")
    half = S.training_memory(params, activations, np.array([1, 10]), "mixed_bfloat16")
    np.testing.assert_allclose(full["weights, gradients, optimizer"], [16 * params] * 2)
    np.testing.assert_allclose(full["activations"], [4 * 9, 40 * 9])
    np.testing.assert_allclose(half["activations"], full["activations"] / 2)
    np.testing.assert_allclose(half["total"], half["weights, gradients, optimizer"] + half["activations"])
    with pytest.raises(ValueError, match="policy"):
        S.training_memory(10, 10, 1, "float8")


def test_run_on_devices_refuses_unknown_tasks():
    with pytest.raises(ValueError, match="tasks"):
        S.run_on_devices("torch")
    with pytest.raises(ValueError, match="n_devices"):
        S.run_on_devices("jax", n_devices=0)


def test_jax_data_and_model_parallel_steps_equal_one_device():
    result = S.run_on_devices("jax", n_devices=2)["jax"]
    assert result["devices"] == ["cpu:0", "cpu:1"] and result["data_shards"] == [[8, 8], [8, 8]]
    assert result["hidden_kernel_shards"] == [[8, 4], [8, 4]]
    assert result["moved"] > 1e-3
    assert result["data_parallel_difference"] < 1e-5 and result["model_parallel_difference"] < 1e-5
