import keras
import numpy as np
import pytest

from dlbook.training import LivePlot


def _model():
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [
            keras.Input((2,)),
            keras.layers.Dense(4, activation="relu"),
            keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return model


def test_liveplot_records_and_draws_a_two_epoch_fit(capsys):
    X = np.random.default_rng(0).normal(size=(64, 2)).astype("float32")
    y = (X[:, 0] > 0).astype("float32")
    plot = LivePlot(title="toy")
    _model().fit(X, y, epochs=2, validation_split=0.25, verbose=0, callbacks=[plot])
    assert len(plot.history["loss"]) == 2 and len(plot.history["val_accuracy"]) == 2
    axes = plot.figure.axes
    assert [ax.get_title() for ax in axes] == ["loss", "accuracy"]
    assert [line.get_label() for line in axes[0].get_lines()] == ["training", "validation"]
    out = capsys.readouterr().out  # outside a notebook: a one-line summary
    assert out.startswith("2 epochs: ") and "val_loss" in out


def test_liveplot_refuses_zero_redraws():
    with pytest.raises(ValueError, match="redraws must be at least 1"):
        LivePlot(redraws=0)
