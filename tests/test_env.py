import random

import numpy as np
import pytest

import dlbook


def test_setup_reports_backend_and_devices(capsys):
    assert dlbook.setup(seed=3) == 3  # the setup cell assigns it: SEED = dlbook.setup(seed=...)
    out = capsys.readouterr().out
    assert "Seed: 3" in out
    report = dlbook.environment_report()
    assert f"Keras {report['keras']} on {report['backend']}" in out
    assert "Devices: " in out and ("GPU" in out or "CPU only" in out)
    assert report["cpu_cores"] >= 1


def test_setup_seeds_python_numpy_and_keras():
    import keras

    def draws():
        dlbook.setup(seed=7, verbose=False)
        return (
            random.random(),
            np.random.rand(),  # noqa: NPY002 (the global generator learners use)
            float(keras.ops.convert_to_numpy(keras.random.uniform(()))),
        )

    assert draws() == draws()


def test_setup_runs_numpy_blas_on_one_thread():
    from threadpoolctl import threadpool_info

    dlbook.setup(seed=0, verbose=False)
    assert {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"} <= {1}


@pytest.mark.parametrize("seed", [-1, 1.5, "0", True])
def test_setup_refuses_a_bad_seed(seed):
    with pytest.raises(ValueError, match="seed must be a non-negative integer"):
        dlbook.setup(seed=seed)


def test_the_seed_variable_overrides_the_chapter_seed(monkeypatch):
    monkeypatch.setenv("DLBOOK_SEED", "2")
    assert dlbook.setup(seed=0, verbose=False) == 2
    monkeypatch.setenv("DLBOOK_SEED", "")
    assert dlbook.setup(seed=5, verbose=False) == 5


@pytest.mark.parametrize("value", ["-1", "one", "1.5"])
def test_a_bad_seed_variable_is_refused_clearly(monkeypatch, value):
    monkeypatch.setenv("DLBOOK_SEED", value)
    with pytest.raises(ValueError, match="DLBOOK_SEED must be a non-negative integer"):
        dlbook.setup(seed=0, verbose=False)


def test_quality_bar_passes_and_prints(capsys):
    assert dlbook.quality_bar("test accuracy", 0.97, at_least=0.95) == 0.97
    assert "Quality bar met: test accuracy = 0.97 (required >= 0.95)" in capsys.readouterr().out
    dlbook.quality_bar("test MSE", 0.01, at_most=0.02)


@pytest.mark.parametrize(
    ("value", "kwargs"),
    [(0.9, {"at_least": 0.95}), (0.5, {"at_most": 0.02}), (float("nan"), {"at_least": 0.0})],
)
def test_quality_bar_fails_with_a_clear_message(value, kwargs):
    with pytest.raises(AssertionError, match="Quality bar missed"):
        dlbook.quality_bar("metric", value, **kwargs)


def test_quality_bar_needs_exactly_one_bound():
    with pytest.raises(ValueError, match="exactly one"):
        dlbook.quality_bar("metric", 1.0)
