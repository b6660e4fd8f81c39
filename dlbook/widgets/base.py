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
import gc
import html
import os
from collections.abc import Callable
from contextlib import contextmanager

import ipywidgets as widgets
from matplotlib.figure import Figure

from dlbook.checks import check_number
from dlbook.plotting import figure_to_png

# Set by `make book`: only then are the static states drawn (a second or so), which a live notebook never shows.
SITE_BUILD_VARIABLE = "DLBOOK_SITE_BUILD"
# The most pictures the website shows of one widget (the state shown included): the one cap on static states.
MAX_STATIC_STATES = 12
# A menu's entry for "what I type in the text box" (an input, a sequence, a kernel's values): its label and value.
TYPED = "your own (type it)"
# The most backgrounds a widget keeps by key (see FigureWidget.redraw_background): 1.7 MB each at 1000 x 420 px.
MAX_BACKGROUNDS = 8
# The widest PNG a widget sends, in pixels: a notebook column is about 1000 px wide, so more would only be scaled down.
MAX_PNG_WIDTH = 1000


class FigureWidget:
    """Controls, a status line and a figure that is redrawn, once, whenever a control's value changes.

    A widget reacts to a control *before* the redraw with :meth:`on_change` (e.g. a data set menu that resets the
    weights); whatever its callback sets is drawn by that same single redraw.
    """

    figsize: tuple[float, float] = (9.0, 4.0)

    def __init__(self, controls: list[widgets.Widget]):
        self.figure = Figure(figsize=self.figsize, layout="constrained", facecolor="white")
        self.status = widgets.HTML()
        # No margin: ipywidgets' 2 px on each side would make a 100 % wide picture overflow its box by 4 px.
        self.image = widgets.Image(
            format="png", layout=widgets.Layout(width="100%", max_width=f"{self.figsize[0]}in", margin="0")
        )
        for control in controls:
            _show_whole_description(control)
        self.controls = widgets.HBox(
            controls, layout=widgets.Layout(flex_flow="row wrap", align_items="center")
        )
        self.ui = widgets.VBox([self.controls, self.status, self.image])
        self._held = False
        self._reactions: dict[int, list[Callable]] = {}
        self._observed: set[int] = set()
        self.error: str | None = None
        self._stale = True  # the figure is not a drawing refresh() can update: the next redraw draws afresh
        self._blit: dict = {}  # the picture of the figure without its animated artists, for refresh()
        self._backgrounds: dict = {}  # such pictures by the key refresh() named them with (redraw_background)
        self.redraws = 0  # how many times the figure was drawn: once per change of a control
        for control in controls:
            self._observe(control)

    # -- to implement ---------------------------------------------------------------------------------------------
    def draw(self, figure: Figure) -> str:
        """Draw the current state on ``figure`` (cleared) and return a one-line status (HTML allowed).

        Raise ``ValueError`` with a learner-readable message when the controls hold an impossible combination.
        """
        raise NotImplementedError

    def refresh(self, figure: Figure) -> str | None:
        """Optionally, bring the figure drawn last up to date by changing its artists (cheaper than ``draw``).

        Return the status line, or None when the change needs a full ``draw`` (the default). Called only when the
        previous drawing succeeded and showed the state it left (``draw`` may keep the artists it will change as
        attributes); raise ``ValueError`` as in ``draw``. ``draw`` marks the artists that ``refresh`` may change
        with ``set_animated(True)`` (see :meth:`animate`): a refresh draws only those, over a picture of the rest,
        so they must not change the axes' limits, and an artist that is not animated must not change, unless
        ``refresh`` calls :meth:`redraw_background` (a whole render without the layout engine: dearer than a blit,
        still far cheaper than ``draw``).
        """
        return None

    def redraw_background(self, key=None) -> None:
        """Call from ``refresh`` after changing something that is not animated (axis limits, ticks, a fixed title):
        the figure is then rendered whole, keeping its layout (no layout engine), and its new background saved.

        ``key`` (hashable) names everything the background shows, e.g. the surface or the panel chosen: its picture
        is kept (the last ``MAX_BACKGROUNDS``), and going back to that key later reuses it instead of rendering."""
        self._blit.clear()
        if key is not None:
            self._blit["key"] = key
            if key in self._backgrounds:
                self._blit["background"] = self._backgrounds[key]

    @staticmethod
    def animate(*artists):
        """Mark the artists ``refresh`` changes (returns the first, for ``line = self.animate(*ax.plot(...))``)."""
        for artist in artists:
            artist.set_animated(True)
        return artists[0] if artists else None

    def static_states(self) -> tuple[str, list[tuple[str, Callable[[], None]]]]:
        """States the website can step through without a kernel: ``(slider name, [(label, apply), ...])``.

        The first state is the widget as displayed (its ``apply`` is None); each later ``apply`` sets controls (or
        takes a learning step) to go from the previous state to its own. By default there are none, and the website
        shows the current state alone. Only the first ``MAX_STATIC_STATES`` are drawn.
        """
        return "", []

    # -- shared behaviour -----------------------------------------------------------------------------------------
    def on_change(self, control: widgets.Widget, callback: Callable[[object], None]) -> None:
        """Call ``callback(new_value)`` whenever ``control`` changes, before the figure is redrawn (once).

        The callback may set other controls (e.g. move a slider to match a menu): that does not redraw either; the
        single redraw that follows shows the state the callbacks left.
        """
        self._reactions.setdefault(id(control), []).append(callback)
        self._observe(control)

    def _observe(self, control: widgets.Widget) -> None:
        if hasattr(control, "value") and id(control) not in self._observed:
            self._observed.add(id(control))
            control.observe(
                lambda change, control=control: self._changed(control, change["new"]), names="value"
            )

    def _changed(self, control: widgets.Widget, value) -> None:
        with self.quiet():
            for callback in self._reactions.get(id(control), ()):
                callback(value)
        self.update()

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
        self.redraws += 1
        with _young_garbage_only():
            self._redraw()

    def _redraw(self) -> None:
        refreshed = False
        try:
            status = None if self._stale else self.refresh(self.figure)
            refreshed = status is not None
            if status is None:
                self._stale = True
                self._blit.clear()
                self._backgrounds.clear()
                self.figure.clear()
                status = self.draw(self.figure)
            self.status.value = status
        except ValueError as error:
            self._blit.clear()
            self.figure.clear()
            self.figure.text(0.5, 0.5, str(error), ha="center", va="center", wrap=True, color="#b00020")
            self.status.value = (
                f'<span style="color:#b00020"><b>Cannot draw this:</b> {html.escape(str(error))}</span>'
            )
            self.error, self._stale = str(error), True
        else:
            self.error, self._stale = None, False
        # a refreshed figure keeps its layout (its axes stay put, the layout engine's time is saved), and only the
        # artists refresh() changes (marked animated by draw) are drawn again, over a picture of the rest
        self.image.value = figure_to_png(
            self.figure, dpi=min(100, MAX_PNG_WIDTH / self.figsize[0]), layout=not refreshed, blit=self._blit
        )
        if refreshed and "key" in self._blit and self._blit.get("background") is not None:
            self._backgrounds.pop(self._blit["key"], None)  # the most recent last
            self._backgrounds[self._blit["key"]] = self._blit["background"]
            while len(self._backgrounds) > MAX_BACKGROUNDS:
                del self._backgrounds[next(iter(self._backgrounds))]

    def _static_pictures(self) -> tuple[str, list[tuple[str, bytes]]]:
        """PNGs of the current state and of every static state (at most ``MAX_STATIC_STATES``), leaving the widget as
        it was."""
        name, states = self.static_states()
        states = states[:MAX_STATIC_STATES]
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
            with self.quiet():  # restore the controls, then the widget's own state, then redraw once
                for control, value in controls:
                    control.value = value
                vars(self).update({key: value for key, value in attributes.items() if key != "_held"})
            self._stale = True  # the figure shows the last state, not the one refresh() last saw
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


@contextmanager
def _young_garbage_only():
    """Let the garbage collector look only at objects made meanwhile: a full collection walks every object of the
    kernel (half a million once Keras is imported: a quarter of a second on a laptop core), and one falling inside a
    redraw would stall the picture. Nothing is left frozen: the objects go back to the oldest generation afterwards,
    collected as usual."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def int_slider(name: str, value, low: int, high: int, description: str) -> widgets.IntSlider:
    """A slider of whole numbers from ``low`` to ``high`` at ``value``, which must lie there (a clear ValueError
    names ``name`` otherwise); it reports a value when released, not while dragged."""
    return widgets.IntSlider(
        value=check_number(name, value, low, high, integer=True),
        min=low,
        max=high,
        description=description,
        continuous_update=False,
    )


def _show_whole_description(control: widgets.Widget) -> None:
    """Let a control's label take the width it needs instead of ipywidgets' 80 px ("learning r..." otherwise)."""
    style = getattr(control, "style", None)
    if (
        getattr(control, "description", "")
        and style is not None
        and hasattr(style, "description_width")
        and not style.description_width
    ):
        style.description_width = "initial"


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
        switch = (
            "var w=this.closest('.dlbook-widget'),i=+this.value,im=w.querySelectorAll('img');"
            "im.forEach(function(e,k){e.style.display=k===i?'block':'none'});"
            "w.querySelector('output').textContent=im[i].alt.split(': ').slice(1).join(': ');"
        )
        slider = (
            f'<label style="display:block;margin-bottom:.4em">{html.escape(name)} '
            f'<input type="range" min="0" max="{len(pictures) - 1}" value="0" step="1" '
            f'oninput="{switch}" style="vertical-align:middle;width:14em"> '
            f"<output>{html.escape(pictures[0][0])}</output></label>"
        )
        note = "This slider steps through precomputed states. " + note
    return (
        f'<div class="dlbook-widget" data-widget="{html.escape(widget)}">{slider}{images}'
        f'<p style="font-size:85%;opacity:.75;margin:.3em 0 0">{note}</p></div>'
    )
