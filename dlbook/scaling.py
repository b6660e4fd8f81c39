"""Scaling up (chapter 23): the roofline, number formats, loss scaling, memory, and training on several devices.

The pure functions (NumPy in, NumPy out) serve the chapter, its widget ``ThroughputExplorer`` and the exercises'
hidden tests. The distributed experiments need a fresh process, because the number of devices is fixed when JAX or
TensorFlow starts: :func:`run_on_devices` starts ``python -m dlbook.scaling TASK`` with the right environment and
returns the JSON dictionary that the task prints.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable

import numpy as np

# Bytes per element of the formats the chapter compares.
BYTES = {"float64": 8, "float32": 4, "float16": 2, "bfloat16": 2, "int8": 1}
# Compute dtype of each Keras dtype policy (variables stay float32 in all three).
POLICY_COMPUTE_DTYPE = {"float32": "float32", "mixed_float16": "float16", "mixed_bfloat16": "bfloat16"}


# -- where time goes ------------------------------------------------------------------------------------------------
def matmul_flops(m: int, k: int, n: int) -> float:
    """Floating-point operations of an (m, k) @ (k, n) product: m n dot products of length k, a multiply and an add
    each, so 2 m k n."""
    return 2.0 * m * k * n


def matmul_bytes(m: int, k: int, n: int, bytes_per_element: int = 4) -> float:
    """The least memory traffic of an (m, k) @ (k, n) product: read both operands once, write the result once."""
    return float(m * k + k * n + m * n) * bytes_per_element


def arithmetic_intensity(flops, bytes_moved):
    """FLOPs per byte moved between memory and the processor."""
    return np.asarray(flops, dtype=float) / np.asarray(bytes_moved, dtype=float)


def roofline(intensity, peak_flops: float, bandwidth: float):
    """Attainable FLOP/s at an arithmetic ``intensity`` (FLOP/byte): min(peak, bandwidth x intensity)."""
    return np.minimum(float(peak_flops), float(bandwidth) * np.asarray(intensity, dtype=float))


def ridge_point(peak_flops: float, bandwidth: float) -> float:
    """The intensity (FLOP/byte) where the roofline's slope meets its flat roof: below it, memory bounds the speed."""
    return float(peak_flops) / float(bandwidth)


def best_time(fn: Callable[[], object], repeats: int = 3, min_seconds: float = 0.0) -> float:
    """The shortest wall-clock time of ``repeats`` calls of ``fn`` (after one warm-up call), in seconds; a call that
    is faster than ``min_seconds`` is repeated in a loop and timed per call. The minimum is the least disturbed by
    other programs on the machine."""
    fn()
    best = np.inf
    for _ in range(repeats):
        calls, start = 0, time.perf_counter()
        while True:
            fn()
            calls += 1
            elapsed = time.perf_counter() - start
            if elapsed >= min_seconds:
                break
        best = min(best, elapsed / calls)
    return float(best)


# -- number formats and loss scaling --------------------------------------------------------------------------------
def to_bfloat16(x) -> np.ndarray:
    """Round float32 values to the nearest bfloat16 (ties to even), returned as float32.

    bfloat16 is the top 16 bits of a float32 (sign, 8 exponent bits, 7 mantissa bits): rounding adds half of the
    dropped part, plus one when the kept part is odd (so that ties go to the even neighbour), then clears the low
    16 bits. NaNs stay NaN.
    """
    x = np.asarray(x, dtype=np.float32)
    bits = x.view(np.uint32).astype(np.uint64)
    rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) & 0xFFFF0000
    out = rounded.astype(np.uint32).view(np.float32)
    return np.where(np.isnan(x), x, out)


def machine_epsilon(dtype: str) -> float:
    """The gap between 1 and the next representable number: 2^-(mantissa bits)."""
    bits = {"float64": 52, "float32": 23, "float16": 10, "bfloat16": 7}
    if dtype not in bits:
        raise ValueError(f"dtype must be one of {sorted(bits)}, not {dtype!r}.")
    return 2.0 ** -bits[dtype]


def dynamic_loss_scale(finite, initial_scale: float = 2.0**15, growth_steps: int = 2000):
    """Follow dynamic loss scaling through steps whose scaled gradients were finite (True) or overflowed (False).

    Returns ``(scales, applied, final_scale)``: the scale used at each step, whether that step updated the weights,
    and the scale after the last step. An overflow skips the update, halves the scale and restarts the count; after
    ``growth_steps`` finite steps in a row the scale doubles (as ``keras.optimizers.LossScaleOptimizer`` does).
    """
    scale, count = float(initial_scale), 0
    scales, applied = [], []
    for ok in np.asarray(finite, dtype=bool):
        scales.append(scale)
        applied.append(bool(ok))
        if ok:
            count += 1
            if count == growth_steps:
                scale, count = scale * 2.0, 0
        else:
            scale, count = scale / 2.0, 0
    return np.array(scales), np.array(applied), scale


# -- memory ---------------------------------------------------------------------------------------------------------
def training_memory(
    n_params: int, activations_per_example: int, batch_size, policy: str = "float32", optimizer_slots: int = 2
) -> dict:
    """Bytes a training step holds, by part, for a Keras dtype ``policy``.

    Variables, their gradients and the optimizer's ``optimizer_slots`` state variables per weight (Adam: 2) are
    float32 under every policy; the activations kept for the backward pass are in the compute dtype, and grow with
    the batch. A model, not a measurement: frameworks add workspace and fragmentation on top.
    """
    if policy not in POLICY_COMPUTE_DTYPE:
        raise ValueError(f"policy must be one of {sorted(POLICY_COMPUTE_DTYPE)}, not {policy!r}.")
    batch = np.asarray(batch_size, dtype=float)
    weights = 4.0 * n_params * (2 + optimizer_slots)  # variables + gradients + optimizer state
    activations = BYTES[POLICY_COMPUTE_DTYPE[policy]] * float(activations_per_example) * batch
    return {
        "weights, gradients, optimizer": weights + 0 * batch,
        "activations": activations,
        "total": weights + activations,
    }


def mlp_sizes(n_inputs: int, widths) -> tuple[int, int]:
    """``(parameters, activations per example)`` of a dense network with these layer widths (inputs counted as
    activations, since the backward pass needs them)."""
    sizes = [int(n_inputs)] + [int(w) for w in widths]
    params = sum((a + 1) * b for a, b in zip(sizes[:-1], sizes[1:], strict=True))
    return params, sum(sizes)


# -- several devices, in a fresh process ----------------------------------------------------------------------------
TASKS = ("jax", "tensorflow")


def _toy_problem(seed: int = 0, n: int = 16, d: int = 8):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d)).astype("float32")
    y = (x @ rng.normal(size=(d, 1)) + 0.1 * rng.normal(size=(n, 1))).astype("float32")
    return x, y


def _toy_model(keras, seed: int = 0, units: int = 8, d: int = 8):
    from keras import layers

    keras.utils.set_random_seed(seed)
    return keras.Sequential(
        [
            keras.Input((d,)),
            layers.Dense(units, activation="tanh", name="hidden"),
            layers.Dense(1, name="output"),
        ],
        name="toy",
    )


def _one_step(keras, model, x, y, learning_rate: float = 0.1) -> list[np.ndarray]:
    """One SGD step on the whole batch (x, y): the global batch."""
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=learning_rate), loss="mse")
    model.fit(x, y, batch_size=len(x), epochs=1, shuffle=False, verbose=0)
    return [np.asarray(w) for w in model.get_weights()]


def _max_difference(a: list[np.ndarray], b: list[np.ndarray]) -> float:
    return float(max(np.abs(u - v).max() for u, v in zip(a, b, strict=True)))


def _jax_task(seed: int) -> dict:
    import jax
    import keras

    x, y = _toy_problem(seed)
    start = _toy_model(keras, seed).get_weights()
    one = _toy_model(keras, seed)
    one.set_weights(start)
    reference = _one_step(keras, one, x, y)

    devices = keras.distribution.list_devices("cpu")
    # Data parallelism: every device holds all the weights and a slice of the batch.
    data_parallel = keras.distribution.DataParallel(devices=devices)
    with data_parallel.scope():
        model = _toy_model(keras, seed)
        model.set_weights(start)
        dp_weights = _one_step(keras, model, x, y)
    sharded_x = keras.distribution.distribute_tensor(x, data_parallel.get_data_layout(x.shape))
    data_shards = [list(s.data.shape) for s in sharded_x.addressable_shards]

    # Model parallelism: a 1 x 2 mesh; the hidden layer's kernel and bias are split along its units ("model" axis).
    mesh = keras.distribution.DeviceMesh(
        shape=(1, len(devices)), axis_names=("batch", "model"), devices=devices
    )
    layout_map = keras.distribution.LayoutMap(mesh)
    layout_map[".*hidden/kernel"] = (None, "model")
    layout_map[".*hidden/bias"] = ("model",)
    layout_map[".*output/kernel"] = ("model", None)
    model_parallel = keras.distribution.ModelParallel(layout_map=layout_map, batch_dim_name="batch")
    with model_parallel.scope():
        model = _toy_model(keras, seed)
        model.set_weights(start)
        kernel_shards = [
            list(s.data.shape) for s in model.get_layer("hidden").kernel.value.addressable_shards
        ]
        mp_weights = _one_step(keras, model, x, y)
    return {
        "backend": keras.backend.backend(),
        "devices": [str(d) for d in jax.devices()],
        "global_batch": list(x.shape),
        "data_shards": data_shards,
        "hidden_kernel": list(start[0].shape),
        "hidden_kernel_shards": kernel_shards,
        "data_parallel_difference": _max_difference(dp_weights, reference),
        "model_parallel_difference": _max_difference(mp_weights, reference),
        "moved": _max_difference(reference, start),
    }


def _tensorflow_task(seed: int) -> dict:
    import tensorflow as tf

    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
    import keras

    x, y = _toy_problem(seed)
    start = _toy_model(keras, seed).get_weights()
    one = _toy_model(keras, seed)
    one.set_weights(start)
    reference = _one_step(keras, one, x, y)
    strategy = tf.distribute.MirroredStrategy([d.name for d in tf.config.list_logical_devices("CPU")])
    with strategy.scope():
        model = _toy_model(keras, seed)
        model.set_weights(start)
        mirrored = _one_step(keras, model, x, y)
    return {
        "backend": keras.backend.backend(),
        "devices": [d.name for d in tf.config.list_logical_devices("CPU")],
        "replicas": int(strategy.num_replicas_in_sync),
        "global_batch": list(x.shape),
        "mirrored_difference": _max_difference(mirrored, reference),
        "moved": _max_difference(reference, start),
    }


def _child_environment(task: str, n_devices: int) -> dict:
    env = dict(os.environ, KERAS_BACKEND=task, TF_CPP_MIN_LOG_LEVEL="3")
    if task == "jax":
        env["XLA_FLAGS"] = (
            f"{env.get('XLA_FLAGS', '')} --xla_force_host_platform_device_count={n_devices}".strip()
        )
        env["JAX_PLATFORMS"] = "cpu"
    else:
        env["CUDA_VISIBLE_DEVICES"] = "-1"
    return env


def run_on_devices(tasks=TASKS, n_devices: int = 2, seed: int = 0, timeout: float = 300) -> dict:
    """Run distributed experiments, each in a fresh Python process on ``n_devices`` virtual CPU devices.

    ``tasks`` lists ``"jax"`` (``keras.distribution`` data and model parallelism, with
    ``XLA_FLAGS=--xla_force_host_platform_device_count``) and ``"tensorflow"`` (``tf.distribute.MirroredStrategy`` over
    logical CPU devices); the processes run at the same time. A child runs on the CPU whatever accelerators the
    machine has, so that its virtual devices are the ones used. Returns ``{task: result}``, each result holding
    ``"seconds"``, the child's wall-clock time including its start-up.
    """
    tasks = [tasks] if isinstance(tasks, str) else list(tasks)
    for task in tasks:
        if task not in TASKS:
            raise ValueError(f"tasks must be among {TASKS}, not {task!r}.")
    if int(n_devices) < 1:
        raise ValueError(f"n_devices must be at least 1, not {n_devices}.")
    missing = [task for task in tasks if importlib.util.find_spec(task) is None]
    if missing:
        raise RuntimeError(
            f"{' and '.join(missing)} is not installed: `pip install {' '.join(missing)}` (Colab has "
            "both JAX and TensorFlow)."
        )
    started = {}
    for task in tasks:
        command = [sys.executable, "-m", "dlbook.scaling", task, str(int(seed))]
        started[task] = (
            time.perf_counter(),
            subprocess.Popen(
                command,
                env=_child_environment(task, int(n_devices)),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            ),
        )
    results = {}
    for task, (start, child) in started.items():
        stdout, stderr = child.communicate(timeout=timeout)
        lines = [line for line in stdout.splitlines() if line.startswith("{")]
        if child.returncode != 0 or not lines:
            raise RuntimeError(
                f"python -m dlbook.scaling {task} failed (exit {child.returncode}):\n{stderr[-3000:]}"
            )
        results[task] = dict(json.loads(lines[-1]), seconds=time.perf_counter() - start)
    return results


def main(argv: list[str] | None = None) -> None:
    """``python -m dlbook.scaling TASK [SEED]``: run a task in this process and print its result as JSON."""
    args = sys.argv[1:] if argv is None else argv
    task, seed = args[0], int(args[1]) if len(args) > 1 else 0
    if task == "jax":
        result = _jax_task(seed)
    elif task == "tensorflow":
        result = _tensorflow_task(seed)
    else:
        raise SystemExit(f"unknown task {task!r}: use one of {TASKS}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
