"""Training helpers: a live plot of the loss and metrics while ``model.fit`` runs."""

from __future__ import annotations

from collections import defaultdict

from matplotlib.figure import Figure

from dlbook.env import _quiet_tensorflow
from dlbook.plotting import figure_to_png

_quiet_tensorflow()
import keras  # noqa: E402  (after quieting TensorFlow)


def _in_notebook() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and hasattr(shell, "kernel")


class LivePlot(keras.callbacks.Callback):
    """Redraw the loss and metric curves during ``fit``, one panel per metric, training and validation together.

    In a notebook the figure updates in place about ``redraws`` times and stays as a static figure when training
    ends; outside a notebook a one-line summary is printed instead. Use it with ``verbose=0``::

        model.fit(X, y, epochs=50, validation_split=0.2, verbose=0, callbacks=[dlbook.training.LivePlot()])
    """

    def __init__(
        self, title: str | None = None, redraws: int = 15, figsize: tuple[float, float] | None = None
    ):
        super().__init__()
        if redraws < 1:
            raise ValueError(f"redraws must be at least 1, got {redraws!r}.")
        self.title, self.redraws, self.figsize = title, redraws, figsize
        self.history: dict[str, list[float]] = defaultdict(list)
        self.figure: Figure | None = None
        self._handle = None

    def on_train_begin(self, logs=None):
        self.history = defaultdict(list)
        self._every = max(1, self.params.get("epochs", 1) // self.redraws)
        self._handle = None

    def on_epoch_end(self, epoch, logs=None):
        for key, value in (logs or {}).items():
            if key != "learning_rate":
                self.history[key].append(float(value))
        if _in_notebook() and (epoch + 1) % self._every == 0:
            self._show()

    def on_train_end(self, logs=None):
        if _in_notebook():
            self._show()
        else:
            self.draw()
            print(self.summary())

    def summary(self) -> str:
        """The last value of every curve, on one line."""
        epochs = len(self.history.get("loss", []))
        last = ", ".join(f"{key} {values[-1]:.4g}" for key, values in self.history.items())
        return f"{epochs} epochs: {last}"

    def draw(self) -> Figure:
        """Draw the curves recorded so far on a new figure and return it."""
        names = sorted(
            (key for key in self.history if not key.startswith("val_")), key=lambda key: key != "loss"
        )
        figsize = self.figsize or (min(4.5 * len(names), 13.5), 3.4)
        figure = Figure(figsize=figsize, layout="constrained")
        axes = figure.subplots(1, len(names), squeeze=False)[0]
        for ax, name in zip(axes, names, strict=True):
            for key, style, label in ((name, "-", "training"), (f"val_{name}", "--", "validation")):
                if key in self.history:
                    values = self.history[key]
                    ax.plot(range(1, len(values) + 1), values, style, lw=2, label=label)
            ax.set_xlabel("epoch")
            ax.set_ylabel(name)
            ax.set_title(name)
            ax.grid(alpha=0.3)
            ax.legend(fontsize="small")
        if self.title:
            figure.suptitle(self.title)
        self.figure = figure
        return figure

    def _show(self):
        from IPython.display import Image, display

        image = Image(data=figure_to_png(self.draw()), format="png")
        if self._handle is None:
            self._handle = display(image, display_id=True)
        else:
            self._handle.update(image)
