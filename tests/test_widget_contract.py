"""The contract every widget keeps, checked on each one of ``dlbook.widgets.gallery.GALLERY`` (in the style of
scikit-learn's ``parametrize_with_checks``): a picture where no kernel runs, bounded website states that leave the
widget as it was, one redraw per change of a control (from the new state), and a clear message for a state it cannot
draw. The widgets' own test files test what each one shows.

Rendering the PNG is most of a redraw's cost, so every check but the picture's stubs it (``no_png``); a stubbed
picture is distinct for every redraw, so that a test can still tell that one happened.
"""

import base64
import gc
import itertools
import struct

import numpy as np
import pytest

import dlbook.widgets
from dlbook.widgets import base
from dlbook.widgets.gallery import GALLERY, control_values, pixels, value_controls

WIDGETS = sorted(GALLERY)
pytestmark = pytest.mark.independent  # a minute of tests: spread over both workers (tests/conftest.py)


@pytest.fixture
def no_png(monkeypatch):
    counter = itertools.count()
    monkeypatch.setattr(base, "figure_to_png", lambda figure, **options: b"\x89PNG stub %d" % next(counter))


def _state(widget) -> list:
    return [(type(c).__name__, getattr(c, "description", ""), c.value) for c in value_controls(widget)]


def test_every_widget_is_in_the_gallery():
    assert set(GALLERY) == set(dlbook.widgets.__all__)


@pytest.mark.parametrize("name", WIDGETS)
def test_shows_a_right_sized_png_where_no_kernel_runs(name):
    widget = GALLERY[name].build()
    assert widget.error is None, widget.error
    bundle = widget._repr_mimebundle_()
    png = base64.b64decode(bundle["image/png"])
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    assert width <= base.MAX_PNG_WIDTH and height > 100
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == widget.ui.model_id
    assert f'data-widget="{name}"' in bundle["text/html"] and name in bundle["text/plain"]


@pytest.mark.parametrize("name", WIDGETS)
def test_site_states_are_bounded_and_leave_the_widget_as_it_was(name, no_png, monkeypatch):
    widget = GALLERY[name].build()
    before, status = _state(widget), widget.status.value
    live = widget._repr_mimebundle_()["text/html"]
    assert live.count("<img") == 1 and "<input" not in live  # a live notebook pays for no extra pictures
    _, states = widget.static_states()
    monkeypatch.setenv(base.SITE_BUILD_VARIABLE, "1")
    html = widget._repr_mimebundle_()["text/html"]
    assert html.count("<img") == max(1, min(len(states), base.MAX_STATIC_STATES))
    assert _state(widget) == before and widget.status.value == status and widget.error is None


@pytest.mark.parametrize("name", WIDGETS)
def test_one_change_of_a_control_draws_once_from_the_new_state(name, no_png):
    widget = GALLERY[name].build()
    changes = 0
    for control in value_controls(widget):
        for value in control_values(control, n=1 if GALLERY[name].trains else 2):
            redraws, picture = widget.redraws, widget.image.value
            control.value = value
            assert widget.redraws == redraws + 1, (
                f"{control.description} = {value!r} drew {widget.redraws - redraws}x"
            )
            assert widget.image.value != picture and widget.error is None, widget.error
            shown = widget.status.value
            widget._stale = True
            widget.update()  # drawn again from scratch: the single redraw showed the state the change left
            assert widget.status.value == shown, f"{control.description} = {value!r} drew a stale state"
            changes += 1
    assert changes >= 2


@pytest.mark.parametrize("name", [name for name in WIDGETS if GALLERY[name].bad])
def test_a_state_it_cannot_draw_is_explained_in_the_status_line(name, no_png):
    widget = GALLERY[name].build()
    apply, message = GALLERY[name].bad
    apply(widget)
    assert widget.error is not None and message in widget.error
    assert "Cannot draw this" in widget.status.value and message in widget.status.value
    assert widget.figure.texts and message in widget.figure.texts[0].get_text()  # the picture says it too


def test_a_callback_runs_before_the_single_redraw(no_png):
    widget = GALLERY["OptimizerRace"].build()
    seen = []
    widget.on_change(widget.steps, lambda value: seen.append((value, widget.redraws)))
    redraws = widget.redraws
    widget.steps.value = 50
    assert seen == [(50, redraws)] and widget.redraws == redraws + 1


def _shown_then_drawn_afresh(widget):
    """The picture and status line the widget shows, then the picture of a fresh draw of the same state."""
    quick, status = pixels(widget.image.value), widget.status.value
    widget._stale = True
    widget.update()
    return quick, status, pixels(widget.image.value)


def test_a_redraw_leaves_nothing_frozen_from_the_garbage_collector(no_png, monkeypatch):
    widget = GALLERY["OptimizerRace"].build()
    frozen = []
    monkeypatch.setattr(widget, "refresh", lambda figure: frozen.append(gc.get_freeze_count()) or "refreshed")
    widget.steps.value = 50
    assert frozen and frozen[0] > 0, "a redraw runs with the kernel's objects out of the collector's sight"
    assert gc.get_freeze_count() == 0, "and gives them back to it"


@pytest.mark.parametrize(
    ("name", "control", "back", "there"),
    [("OptimizerRace", "surface", "saddle", "Beale"), ("GateViewer", "unit", -1, 0)],
)
def test_a_background_kept_by_key_is_reused_and_right(name, control, back, there, monkeypatch):
    """Going back to a state whose background was kept (redraw_background(key=...)) renders nothing whole, and shows
    what a fresh draw of that state shows."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    widget = GALLERY[name].build()
    for value in (back, there):
        getattr(widget, control).value = value
    renders = []
    render = FigureCanvasAgg.draw
    monkeypatch.setattr(FigureCanvasAgg, "draw", lambda canvas: renders.append(1) or render(canvas))
    getattr(widget, control).value = back
    assert not renders and widget.error is None, "the background kept for this state is reused"
    quick, status, full = _shown_then_drawn_afresh(widget)
    assert widget.status.value == status
    assert (np.abs(quick - full).max(axis=2) > 30).mean() < 0.01


@pytest.mark.parametrize("name", [name for name in WIDGETS if not GALLERY[name].trains])
def test_a_quick_redraw_shows_what_a_full_one_does(name):
    """Every control, each to a value a learner could pick: the picture (however it was redrawn) and the status line
    are those a fresh draw of the same state gives."""
    widget = GALLERY[name].build()
    for control in [c for c in value_controls(widget) if control_values(c)]:
        values = control_values(control)
        if not values:  # another control's change took this one's other values away
            continue
        control.value = values[0]
        quick, status, full = _shown_then_drawn_afresh(widget)
        what = f"{name}, {getattr(control, 'description', '') or type(control).__name__} = {values[0]!r}"
        assert quick.shape == full.shape and widget.status.value == status, what
        # a refresh keeps the layout, so a panel whose tick labels change width may sit a pixel or so off
        assert (np.abs(quick - full).max(axis=2) > 30).mean() < 0.01, what
