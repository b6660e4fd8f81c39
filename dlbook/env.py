"""Seeding and the environment report printed at the top of every chapter."""

from __future__ import annotations

import os
import platform
import sys

import numpy as np

# Hide TensorFlow's C++ start-up chatter (CUDA probing on machines without a GPU); must be set before its import.
_QUIET_TENSORFLOW = {"TF_CPP_MIN_LOG_LEVEL": "3"}


def _quiet_tensorflow() -> None:
    """Import Keras (and TensorFlow, when it is the backend) without the C++ start-up chatter.

    TensorFlow writes its CUDA probing ("Could not find cuda drivers ...") straight to file descriptor 2 before its
    log level applies, so standard error is pointed at /dev/null for the duration of the first import.
    """
    for name, value in _QUIET_TENSORFLOW.items():
        os.environ.setdefault(name, value)
    if "keras" in sys.modules:
        return
    import logging

    logging.getLogger("absl").setLevel(logging.ERROR)
    logging.getLogger("tensorflow").setLevel(logging.ERROR)
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 2)
            import keras  # noqa: F401
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _tensorflow_devices() -> tuple[str, list[str]]:
    import tensorflow as tf

    gpus = []
    for gpu in tf.config.list_physical_devices("GPU"):
        details = tf.config.experimental.get_device_details(gpu)
        gpus.append(details.get("device_name", gpu.name))
    return tf.__version__, gpus


def _jax_devices() -> tuple[str, list[str]]:
    import jax

    return jax.__version__, [d.device_kind for d in jax.devices() if d.platform != "cpu"]


def _torch_devices() -> tuple[str, list[str]]:
    import torch

    count = torch.cuda.device_count() if torch.cuda.is_available() else 0
    gpus = [torch.cuda.get_device_name(i) for i in range(count)]
    if not gpus and getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        gpus = ["Apple MPS"]
    return torch.__version__, gpus


_DEVICE_PROBES = {"tensorflow": _tensorflow_devices, "jax": _jax_devices, "torch": _torch_devices}


def environment_report() -> dict:
    """Return the backend, library versions and accelerators Keras will use, as a dict."""
    _quiet_tensorflow()
    import keras

    backend = keras.backend.backend()
    probe = _DEVICE_PROBES.get(backend)
    backend_version, gpus = probe() if probe else ("?", [])
    return {
        "python": platform.python_version(),
        "keras": keras.__version__,
        "backend": backend,
        "backend_version": backend_version,
        "numpy": np.__version__,
        "gpus": gpus,
        "cpu_cores": os.cpu_count() or 1,
    }


def _format_report(report: dict) -> str:
    if report["gpus"]:
        devices = "GPU: " + ", ".join(report["gpus"])
    else:
        devices = f"CPU only ({report['cpu_cores']} cores); that is enough for every chapter"
    return (
        f"Keras {report['keras']} on {report['backend']} {report['backend_version']} "
        f"(Python {report['python']}, NumPy {report['numpy']})\n"
        f"Devices: {devices}"
    )


SEED_VARIABLE = "DLBOOK_SEED"


def effective_seed(seed: int = 0) -> int:
    """``seed``, unless the environment variable ``DLBOOK_SEED`` names another one (as ``make flake`` does)."""
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}.")
    override = os.environ.get(SEED_VARIABLE, "").strip()
    if not override:
        return seed
    if not override.isdigit():
        raise ValueError(
            f"{SEED_VARIABLE} must be a non-negative integer, got {override!r}: unset it or correct it."
        )
    return int(override)


def _one_blas_thread() -> None:
    """Run NumPy's, SciPy's and scikit-learn's BLAS on one thread.

    The course's matrices are small, and BLAS threads wait for work by spinning: beside Keras's own threads, or a
    second notebook, on a 2-core CPU they made a logistic regression on the digits 200 times slower (12 s instead of
    0.05 s). Keras's backends do not use this BLAS, so training keeps every core.
    """
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


def setup(seed: int = 0, verbose: bool = True) -> int:
    """Seed Python, NumPy and Keras, quiet TensorFlow's start-up, print the backend and devices; return the seed.

    The environment variable ``DLBOOK_SEED`` overrides ``seed``, so one chapter can be run with several seeds
    unchanged (``make flake``). A chapter keeps the returned seed, ``SEED = dlbook.setup(seed=0)``, and derives every
    random source from it (data splits, ``np.random.default_rng(SEED)``, ``keras.utils.set_random_seed(SEED)``).
    ``environment_report()`` returns the printed facts as a dict. To use another Keras backend, set
    ``KERAS_BACKEND`` (``"jax"``, ``"torch"`` or ``"tensorflow"``) before calling it, and before anything imports Keras.
    """
    seed = effective_seed(seed)
    _quiet_tensorflow()
    _one_blas_thread()
    import keras

    keras.utils.set_random_seed(seed)  # seeds Python's random, NumPy's global generator and the backend
    if verbose:
        print(_format_report(environment_report()) + f"\nSeed: {seed}")
        sys.stdout.flush()
    return seed
