"""The shared mechanism of every course widget: controls above a matplotlib figure shown as a PNG.

A widget subclasses :class:`FigureWidget`, builds its controls, and implements ``draw(figure)``; the computation
lives in pure functions of its module, which tests call directly. Displaying the widget gives the live controls in
JupyterLab, Notebook and Colab, and a static PNG of its current state everywhere else (the built book, GitHub),
so a page never shows a dead, blank box. Only core ipywidgets controls are used (they work with ipywidgets 7.7 and 8).
"""

from __future__ import annotations

import base64
import html
from contextlib import contextmanager

import ipywidgets as widgets
from matplotlib.figure import Figure

from dlbook.plotting import figure_to_png


class FigureWidget:
    """Controls, a status line and a figure that is redrawn whenever a control's value changes."""

    figsize: tuple[float, float] = (9.0, 4.0)

    def __init__(self, controls: list[widgets.Widget]):
        self.figure = Figure(figsize=self.figsize, layout="constrained")
        self.status = widgets.HTML()
        self.image = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width=f"{self.figsize[0]}in"))
        self.controls = widgets.HBox(controls, layout=widgets.Layout(flex_flow="row wrap", align_items="center"))
        self.ui = widgets.VBox([self.controls, self.status, self.image])
        self._held = False
        self.error: str | None = None
        for control in controls:
            if hasattr(control, "value"):
                control.observe(lambda _change: self.update(), names="value")

    # -- to implement ---------------------------------------------------------------------------------------------
    def draw(self, figure: Figure) -> str:
        """Draw the current state on ``figure`` and return a one-line status (HTML allowed).

        Raise ``ValueError`` with a learner-readable message when the controls hold an impossible combination.
        """
        raise NotImplementedError

    # -- shared behaviour -----------------------------------------------------------------------------------------
    @contextmanager
    def hold(self):
        """Change several controls at once and redraw only once, at the end."""
        self._held = True
        try:
            yield
        finally:
            self._held = False
        self.update()

    def update(self) -> None:
        """Redraw the figure from the controls; an impossible value is reported in the status line, not raised."""
        if self._held:
            return
        self.figure.clear()
        try:
            self.status.value = self.draw(self.figure)
        except ValueError as error:
            self.figure.clear()
            self.figure.text(0.5, 0.5, str(error), ha="center", va="center", wrap=True, color="#b00020")
            self.status.value = f'<span style="color:#b00020"><b>Cannot draw this:</b> {html.escape(str(error))}</span>'
            self.error = str(error)
        else:
            self.error = None
        self.image.value = figure_to_png(self.figure)

    def _repr_mimebundle_(self, include=None, exclude=None):
        view = {"version_major": 2, "version_minor": 0, "model_id": self.ui.model_id}
        return {
            "application/vnd.jupyter.widget-view+json": view,
            "image/png": base64.b64encode(self.image.value).decode("ascii"),
            "text/plain": f"{type(self).__name__} (run the notebook to use its controls)",
        }
