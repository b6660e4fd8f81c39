"""The shared mechanism of every course widget: controls above a matplotlib figure shown as a PNG.

A widget subclasses :class:`FigureWidget`, builds its controls, and implements ``draw(figure)``; the computation
lives in pure functions of its module, which tests call directly. Displaying the widget gives the live controls in
JupyterLab, Notebook and Colab. Everywhere else (the built book, GitHub) it shows a picture of its state, so a page
never shows a dead, blank box; a widget that lists ``static_states()`` shows a slider over those precomputed
pictures, which works on the website with no kernel. Only core ipywidgets controls are used (they work with
ipywidgets 7.7 and 8).
"""

from __future__ import annotations

import base64
import html
import os
from collections.abc import Callable
from contextlib import contextmanager

import ipywidgets as widgets
from matplotlib.figure import Figure

from dlbook.plotting import figure_to_png

# Set by `make book`: only then are the static states drawn (a second or so), which a live notebook never shows.
SITE_BUILD_VARIABLE = "DLBOOK_SITE_BUILD"


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

    def static_states(self) -> tuple[str, list[tuple[str, Callable[[], None]]]]:
        """States the website can step through without a kernel: ``(slider name, [(label, apply), ...])``.

        The first state is the widget as displayed (its ``apply`` is None); each later ``apply`` sets controls (or
        takes a learning step) to go from the previous state to its own. By default there are none, and the website
        shows the current state alone.
        """
        return "", []

    # -- shared behaviour -----------------------------------------------------------------------------------------
    @contextmanager
    def quiet(self):
        """Change controls without redrawing, e.g. in an observer that adjusts one control to match another."""
        held, self._held = self._held, True
        try:
            yield
        finally:
            self._held = held

    @contextmanager
    def hold(self):
        """Change several controls at once and redraw only once, at the end."""
        with self.quiet():
            yield
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

    def _static_pictures(self) -> tuple[str, list[tuple[str, bytes]]]:
        """PNGs of the current state and of every static state, leaving the widget as it was."""
        name, states = self.static_states()
        if not (states and os.environ.get(SITE_BUILD_VARIABLE)):
            return name, [("", bytes(self.image.value))]
        pictures = [(states[0][0], bytes(self.image.value))]
        if len(states) > 1:
            controls = [(c, c.value) for c in self.controls.children if hasattr(c, "value")]
            attributes = dict(vars(self))
            for label, apply in states[1:]:
                with self.hold():
                    apply()
                pictures.append((label, bytes(self.image.value)))
            self._held = True  # restore the controls and the widget's own state, then redraw once
            for control, value in controls:
                control.value = value
            vars(self).update(attributes)
            self.update()
        return name, pictures

    def _repr_mimebundle_(self, include=None, exclude=None):
        name, pictures = self._static_pictures()
        view = {"version_major": 2, "version_minor": 0, "model_id": self.ui.model_id}
        return {
            "application/vnd.jupyter.widget-view+json": view,
            "text/html": static_html(type(self).__name__, name, pictures),
            "image/png": base64.b64encode(pictures[0][1]).decode("ascii"),
            "text/plain": f"{type(self).__name__} (run the notebook to use its controls)",
        }


def static_html(widget: str, name: str, pictures: list[tuple[str, bytes]]) -> str:
    """The widget as the website shows it: its pictures, with a slider over them when there are several."""
    images = "".join(
        f'<img src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}" alt="{html.escape(widget)}: '
        f'{html.escape(label)}" style="max-width:100%;display:{"block" if i == 0 else "none"}">'
        for i, (label, png) in enumerate(pictures)
    )
    note = "Run the notebook (Colab, JupyterLab) to use all of its controls."
    slider = ""
    if len(pictures) > 1:
        switch = ("var w=this.closest('.dlbook-widget'),i=+this.value,im=w.querySelectorAll('img');"
                  "im.forEach(function(e,k){e.style.display=k===i?'block':'none'});"
                  "w.querySelector('output').textContent=im[i].alt.split(': ').slice(1).join(': ');")
        slider = (f'<label style="display:block;margin-bottom:.4em">{html.escape(name)} '
                  f'<input type="range" min="0" max="{len(pictures) - 1}" value="0" step="1" '
                  f'oninput="{switch}" style="vertical-align:middle;width:14em"> '
                  f'<output>{html.escape(pictures[0][0])}</output></label>')
        note = "This slider steps through precomputed states. " + note
    return (f'<div class="dlbook-widget" data-widget="{html.escape(widget)}">{slider}{images}'
            f'<p style="font-size:85%;opacity:.75;margin:.3em 0 0">{note}</p></div>')
