"""BackpropGraph: the forward and backward pass of a 2-2-1 network, node by node, drawn as a graph.

The network has two inputs, two sigmoid hidden units, a linear output and a squared-error loss:

    z_j = w_1j x_1 + w_2j x_2 + b_j,   h_j = sigmoid(z_j),   y = v_1 h_1 + v_2 h_2 + c,   L = (y - t)^2 / 2.

Parameters are a dict of floats keyed by :data:`PARAMS` (``w12`` joins input 1 to hidden unit 2). The pure functions
:func:`forward`, :func:`backward` and :func:`gradient_step` do the arithmetic; :func:`schedule` and :func:`revealed`
say what the widget shows after each step; :func:`graph_layout` places the nodes.
"""

from __future__ import annotations

import math
from numbers import Real

import ipywidgets as widgets
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle
from scipy.special import expit

from dlbook.checks import check_number
from dlbook.widgets.base import FigureWidget

PARAMS = ("w11", "w12", "w21", "w22", "b1", "b2", "v1", "v2", "c")
SLIDER_PARAMS = (
    "w11",
    "w12",
    "w21",
    "w22",
    "v1",
    "v2",
)  # the weights on sliders; the biases are set in the code
DEFAULT_PARAMS = {
    "w11": 1.0,
    "w12": -1.0,
    "w21": -0.5,
    "w22": 2.0,
    "b1": 0.0,
    "b2": 0.5,
    "v1": 1.5,
    "v2": -1.0,
    "c": 0.2,
}
NODES = ("x1", "x2", "h1", "h2", "y", "L")
EDGES = (
    ("x1", "h1", "w11"),
    ("x2", "h1", "w21"),
    ("x1", "h2", "w12"),
    ("x2", "h2", "w22"),
    ("h1", "y", "v1"),
    ("h2", "y", "v2"),
    ("y", "L", None),
)
WEIGHT_RANGE, INPUT_RANGE = 3.0, 2.0

_LABEL = {
    "x1": "x₁",
    "x2": "x₂",
    "h1": "h₁",
    "h2": "h₂",
    "y": "ŷ",
    "L": "L",
    "w11": "w₁₁",
    "w12": "w₁₂",
    "w21": "w₂₁",
    "w22": "w₂₂",
    "v1": "v₁",
    "v2": "v₂",
    "b1": "b₁",
    "b2": "b₂",
    "c": "c",
}
_BIAS_OF = {"h1": "b1", "h2": "b2", "y": "c"}
VALUE_COLOR, GRAD_COLOR, CURRENT_COLOR = "#1f5fa8", "#c0392b", "#f39c12"
_RADIUS = 0.42  # of a node's circle, in the drawing's units


def check_params(params: dict) -> dict[str, float]:
    """``params`` as a dict of floats with exactly the keys of :data:`PARAMS`; a clear ValueError otherwise."""
    unknown = sorted(set(params) - set(PARAMS))
    if unknown:
        raise ValueError(
            f"Unknown parameter(s) {', '.join(map(repr, unknown))}. The network's parameters are: "
            f"{', '.join(PARAMS)}."
        )
    missing = [name for name in PARAMS if name not in params]
    if missing:
        raise ValueError(f"Missing parameter(s): {', '.join(missing)}.")
    checked = {}
    for name in PARAMS:
        value = params[name]
        if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value):
            raise ValueError(f"Parameter {name} must be a finite number, got {value!r}.")
        checked[name] = float(value)
    return checked


def forward(params: dict, x, target: float) -> dict[str, float]:
    """Every node's value: the inputs ``x1, x2``, pre-activations ``z1, z2``, hidden ``h1, h2``, output ``y``, loss ``L``."""
    p = params
    x1, x2 = (float(v) for v in x)
    z1 = p["w11"] * x1 + p["w21"] * x2 + p["b1"]
    z2 = p["w12"] * x1 + p["w22"] * x2 + p["b2"]
    h1, h2 = float(expit(z1)), float(expit(z2))
    y = p["v1"] * h1 + p["v2"] * h2 + p["c"]
    return {"x1": x1, "x2": x2, "z1": z1, "z2": z2, "h1": h1, "h2": h2, "y": y, "L": 0.5 * (y - target) ** 2}


def backward(params: dict, values: dict, target: float) -> dict[str, float]:
    """dL/d(every node and every parameter), by the chain rule from the loss back to the inputs.

    ``values`` is what :func:`forward` returned for the same parameters and target.
    """
    p, v = params, values
    g = {"L": 1.0}
    g["y"] = g["L"] * (v["y"] - target)  # L = (y - t)^2 / 2
    g["c"] = g["y"]
    g["v1"], g["v2"] = g["y"] * v["h1"], g["y"] * v["h2"]
    g["h1"], g["h2"] = g["y"] * p["v1"], g["y"] * p["v2"]
    g["z1"] = g["h1"] * v["h1"] * (1 - v["h1"])  # sigmoid' = sigmoid (1 - sigmoid)
    g["z2"] = g["h2"] * v["h2"] * (1 - v["h2"])
    g["b1"], g["b2"] = g["z1"], g["z2"]
    g["w11"], g["w21"] = g["z1"] * v["x1"], g["z1"] * v["x2"]
    g["w12"], g["w22"] = g["z2"] * v["x1"], g["z2"] * v["x2"]
    g["x1"] = g["z1"] * p["w11"] + g["z2"] * p["w12"]  # x1 feeds both hidden units: the two paths add up
    g["x2"] = g["z1"] * p["w21"] + g["z2"] * p["w22"]
    return g


def loss(params: dict, x, target: float) -> float:
    return forward(params, x, target)["L"]


def gradient_step(params: dict, grads: dict, learning_rate: float) -> dict[str, float]:
    """One step of gradient descent on every parameter: ``p - learning_rate * dL/dp``."""
    check_number("The learning rate", learning_rate, positive=True)
    return {name: params[name] - learning_rate * grads[name] for name in PARAMS}


def schedule() -> list[tuple[str, str]]:
    """The steps of one training example: the forward pass node by node, then the backward pass in reverse."""
    return [("forward", n) for n in NODES[2:]] + [("backward", n) for n in reversed(NODES)]


def revealed(step: int) -> tuple[set[str], set[str]]:
    """The nodes whose value, and those whose gradient, are known after ``step`` steps (0 = before any step).

    The inputs are given, so their values are always known.
    """
    steps = schedule()
    check_number("The step", step, 0, len(steps), integer=True)
    done = steps[:step]
    values = {"x1", "x2"} | {n for phase, n in done if phase == "forward"}
    grads = {n for phase, n in done if phase == "backward"}
    return values, grads


def graph_layout() -> dict[str, tuple[float, float]]:
    """The (x, y) position of every node in the drawing: layers from left to right."""
    return {
        "x1": (0.0, 1.3),
        "x2": (0.0, -1.3),
        "h1": (4.0, 1.3),
        "h2": (4.0, -1.3),
        "y": (7.0, 0.0),
        "L": (9.4, 0.0),
    }


def describe_step(step: int, values: dict, grads: dict, target: float) -> str:
    """A one-line account of what ``step`` computes, with the numbers (plain text with Unicode symbols)."""
    steps = schedule()
    revealed(step)  # validates
    if step == 0:
        return "Step 0: only the inputs x₁, x₂ and the weights are known. Run the forward pass node by node."
    phase, node = steps[step - 1]
    v, g = values, grads
    if phase == "forward":
        if node in ("h1", "h2"):
            j = node[1]
            return (
                f"Forward: z{_sub(j)} = w₁{_sub(j)}x₁ + w₂{_sub(j)}x₂ + b{_sub(j)} = {v['z' + j]:.3f}, "
                f"h{_sub(j)} = σ(z{_sub(j)}) = {v[node]:.3f}"
            )
        if node == "y":
            return f"Forward: ŷ = v₁h₁ + v₂h₂ + c = {v['y']:.3f}"
        return f"Forward: L = ½(ŷ − t)² = ½({v['y']:.3f} − {target:.2f})² = {v['L']:.4f}"
    if node == "L":
        return "Backward: start from ∂L/∂L = 1"
    if node == "y":
        return (
            f"Backward: ∂L/∂ŷ = ŷ − t = {g['y']:.3f};  ∂L/∂v₁ = ∂L/∂ŷ·h₁ = {g['v1']:.3f}, "
            f"∂L/∂v₂ = {g['v2']:.3f}, ∂L/∂c = {g['c']:.3f}"
        )
    if node in ("h1", "h2"):
        j = node[1]
        return (
            f"Backward: ∂L/∂h{_sub(j)} = ∂L/∂ŷ·v{_sub(j)} = {g[node]:.3f};  ∂L/∂z{_sub(j)} = "
            f"∂L/∂h{_sub(j)}·h{_sub(j)}(1 − h{_sub(j)}) = {g['z' + j]:.3f};  "
            f"∂L/∂w₁{_sub(j)} = ∂L/∂z{_sub(j)}·x₁ = {g['w1' + j]:.3f}"
        )
    i = node[1]
    return (
        f"Backward: x{_sub(i)} feeds both hidden units, so the paths add: ∂L/∂x{_sub(i)} = "
        f"∂L/∂z₁·w{_sub(i)}₁ + ∂L/∂z₂·w{_sub(i)}₂ = {g[node]:.3f}"
    )


def _sub(digit: str) -> str:
    return {"1": "₁", "2": "₂"}[digit]


class BackpropGraph(FigureWidget):
    """A 2-2-1 network drawn as a graph; step through its forward and backward pass, then take a gradient step."""

    figsize = (9.5, 5.2)

    def __init__(
        self,
        x=(0.8, -0.5),
        target: float = 0.5,
        params: dict | None = None,
        step: int | None = None,
        learning_rate: float = 0.5,
    ):
        if isinstance(x, str) or not hasattr(x, "__len__") or len(x) != 2:
            raise ValueError(f"x must be a pair of two input values, such as (1.0, -0.5); got {x!r}.")
        x = [check_number(f"Input x{i + 1}", value, -INPUT_RANGE, INPUT_RANGE) for i, value in enumerate(x)]
        target = check_number("The target t", target, -INPUT_RANGE, INPUT_RANGE)
        params = check_params({**DEFAULT_PARAMS, **(params or {})})
        for name in SLIDER_PARAMS:
            check_number(f"Weight {name}", params[name], -WEIGHT_RANGE, WEIGHT_RANGE)
        n_steps = len(schedule())
        step = n_steps if step is None else step
        revealed(step)  # a clear error for a step out of range
        learning_rate = check_number("The learning rate", learning_rate, 0.01, 10.0)

        slider = dict(
            step=0.05,
            continuous_update=False,
            readout_format=".2f",
            layout=widgets.Layout(width="230px"),
            style={"description_width": "30px"},
        )
        self.x1 = widgets.FloatSlider(
            value=x[0], min=-INPUT_RANGE, max=INPUT_RANGE, description="x₁", **slider
        )
        self.x2 = widgets.FloatSlider(
            value=x[1], min=-INPUT_RANGE, max=INPUT_RANGE, description="x₂", **slider
        )
        self.target = widgets.FloatSlider(
            value=target, min=-INPUT_RANGE, max=INPUT_RANGE, description="t", **slider
        )
        self.weights = {
            name: widgets.FloatSlider(
                value=params[name], min=-WEIGHT_RANGE, max=WEIGHT_RANGE, description=_LABEL[name], **slider
            )
            for name in SLIDER_PARAMS
        }
        self.biases = {name: params[name] for name in PARAMS if name not in SLIDER_PARAMS}
        self.step = widgets.IntSlider(
            value=step,
            min=0,
            max=n_steps,
            description="step",
            continuous_update=False,
            layout=widgets.Layout(width="300px"),
        )
        self.learning_rate = widgets.FloatLogSlider(
            value=learning_rate,
            base=10,
            min=-2,
            max=1,
            description="learning rate",
            continuous_update=False,
            style={"description_width": "90px"},
        )
        self.next_button = widgets.Button(
            description="Next step", icon="step-forward", button_style="primary"
        )
        self.forward_button = widgets.Button(description="Forward pass", icon="arrow-right")
        self.backward_button = widgets.Button(description="Backward pass", icon="arrow-left")
        self.reset_button = widgets.Button(description="Reset steps", icon="undo")
        self.descend_button = widgets.Button(
            description="Gradient step", icon="arrow-down", button_style="success"
        )
        self.next_button.on_click(lambda _b: self.next_step())
        self.forward_button.on_click(lambda _b: self._goto(len(NODES) - 2))
        self.backward_button.on_click(lambda _b: self._goto(n_steps))
        self.reset_button.on_click(lambda _b: self._goto(0))
        self.descend_button.on_click(lambda _b: self.descend())
        self.last_loss: float | None = None  # the loss before the last gradient step, for the status line
        self._after_descent: tuple | None = None  # the controls' state right after the last gradient step
        super().__init__(
            [
                self.x1,
                self.x2,
                self.target,
                *self.weights.values(),
                self.step,
                self.next_button,
                self.forward_button,
                self.backward_button,
                self.reset_button,
                self.learning_rate,
                self.descend_button,
            ]
        )
        self.update()

    # -- state ----------------------------------------------------------------------------------------------------
    @property
    def params(self) -> dict[str, float]:
        return {**self.biases, **{name: float(s.value) for name, s in self.weights.items()}}

    @property
    def x(self) -> tuple[float, float]:
        return float(self.x1.value), float(self.x2.value)

    def compute(self) -> tuple[dict, dict]:
        """The values and gradients of every node for the current controls (ValueError on a non-finite control)."""
        controls = {
            "x₁": self.x1.value,
            "x₂": self.x2.value,
            "t": self.target.value,
            **{_LABEL[n]: s.value for n, s in self.weights.items()},
        }
        for name, value in controls.items():
            if not math.isfinite(value):
                raise ValueError(f"{name} must be a finite number, got {value}.")
        params, target = self.params, float(self.target.value)
        values = forward(params, self.x, target)
        return values, backward(params, values, target)

    def _state(self) -> tuple:
        return self.x, float(self.target.value), tuple(self.params.items()), int(self.step.value)

    def _goto(self, step: int) -> None:
        self.step.value = step

    def next_step(self) -> None:
        """One more step; after the last one, start again from step 0."""
        self.step.value = (self.step.value + 1) % (self.step.max + 1)

    def descend(self) -> float:
        """Move every parameter by ``-learning_rate * dL/dp`` and show the new values and gradients; returns the new loss."""
        values, grads = self.compute()
        new = gradient_step(self.params, grads, float(self.learning_rate.value))
        self.last_loss = values["L"]
        with self.hold():
            for name, s in self.weights.items():
                bound = float(math.ceil(abs(new[name])))
                if bound > s.max:  # a big step may leave the slider's range: widen it rather than clip
                    s.max, s.min = bound, -bound
                s.value = new[name]
            self.biases = {name: new[name] for name in self.biases}
            self.step.value = self.step.max
            self._after_descent = self._state()
        return forward(self.params, self.x, float(self.target.value))["L"]

    def static_states(self):
        """For the website: the steps of one pass from the start, then a gradient step."""
        n_steps = len(schedule())
        labels = ["before the forward pass"] + [f"{phase} {_LABEL[node]}" for phase, node in schedule()]
        states = [
            (f"all {n_steps} steps done" if self.step.value == n_steps else f"step {self.step.value}", None)
        ]
        states += [
            (f"step {k}: {labels[k]}", lambda k=k: setattr(self.step, "value", k)) for k in range(n_steps)
        ]
        states.append(("after a gradient step", self.descend))
        return "step", states

    # -- drawing --------------------------------------------------------------------------------------------------
    def draw(self, figure: Figure) -> str:
        self.compute()  # a clear error before anything is drawn
        pos = graph_layout()
        ax = figure.add_subplot()
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_xlim(-1.0, 10.4)
        ax.set_ylim(-2.9, 2.3)
        view = {"weights": {}, "circles": {}, "values": {}, "below": {}}
        for source, dest, weight in EDGES:
            (x0, y0), (x1, y1) = pos[source], pos[dest]
            length = math.hypot(x1 - x0, y1 - y0)
            ux, uy = (x1 - x0) / length, (y1 - y0) / length
            ax.annotate(
                "",
                xy=(x1 - ux * _RADIUS, y1 - uy * _RADIUS),
                xytext=(x0 + ux * _RADIUS, y0 + uy * _RADIUS),
                arrowprops=dict(arrowstyle="-|>", color="#777", lw=1.3, shrinkA=0, shrinkB=0),
            )
            if weight is not None:
                f = 0.27 if source.startswith("x") else 0.45
                view["weights"][weight] = ax.text(
                    x0 + f * (x1 - x0),
                    y0 + f * (y1 - y0),
                    "",
                    ha="center",
                    va="center",
                    fontsize=8.5,
                    bbox=dict(boxstyle="round,pad=0.2", fc="white", ec="#bbb", lw=0.6),
                )
        for node, (nx, ny) in pos.items():  # the circles, then their labels over them
            view["circles"][node] = ax.add_patch(Circle((nx, ny), _RADIUS, fc="#f4f4f4", zorder=3))
        labels = [
            ax.text(nx, ny, _LABEL[node], ha="center", va="center", fontsize=13, zorder=4)
            for node, (nx, ny) in pos.items()
        ]
        for node, (nx, ny) in pos.items():
            view["values"][node] = ax.text(
                nx,
                ny + _RADIUS + 0.08,
                "",
                ha="center",
                va="bottom",
                fontsize=10,
                color=VALUE_COLOR,
                fontweight="bold",
            )
            view["below"][node] = [
                ax.text(nx, ny - _RADIUS - 0.08 - 0.3 * k, "", ha="center", va="top", fontsize=8.5)
                for k in range(2)
            ]
        view["target"] = ax.text(
            pos["L"][0], pos["L"][1] - _RADIUS - 0.5, "", ha="center", va="top", fontsize=10
        )
        view["caption"] = ax.text(4.7, -2.85, "", ha="center", va="bottom", fontsize=9, wrap=True)
        proxies = [
            Line2D([], [], ls="", marker="s", color=VALUE_COLOR, label="value (forward pass)"),
            Line2D([], [], ls="", marker="s", color=GRAD_COLOR, label="gradient ∂L/∂· (backward pass)"),
            Line2D(
                [],
                [],
                ls="",
                marker="o",
                mfc="none",
                mec=CURRENT_COLOR,
                mew=2.5,
                ms=10,
                label="node of this step",
            ),
        ]
        ax.legend(handles=proxies, loc="upper right", fontsize=8.5, framealpha=0.9)
        self._view = view
        self.animate(
            *view["weights"].values(),
            *view["circles"].values(),
            *labels,
            *view["values"].values(),
            *(text for texts in view["below"].values() for text in texts),
            view["target"],
            view["caption"],
            ax.title,
        )
        return self._show()

    def refresh(self, figure: Figure) -> str:
        """Every control changes the numbers, the texts shown and the node of this step kept by ``draw``."""
        return self._show()

    def _show(self) -> str:
        """Set the texts and circles kept by ``draw`` to the controls' state; return the status line."""
        values, grads = self.compute()
        params, target, step = self.params, float(self.target.value), int(self.step.value)
        shown_values, shown_grads = revealed(step)
        current = schedule()[step - 1][1] if step else None
        view = self._view
        for _source, dest, weight in EDGES:
            if weight is not None:
                text = f"{_LABEL[weight]} = {params[weight]:.2f}"
                if dest in shown_grads:
                    text += f"\n∂L/∂{_LABEL[weight]} = {grads[weight]:.3f}"
                view["weights"][weight].set_text(text)
        for node in NODES:
            view["circles"][node].set(
                edgecolor=CURRENT_COLOR if node == current else "#333",
                linewidth=3.5 if node == current else 1.5,
            )
            view["values"][node].set_text(f"{values[node]:.4f}" if node == "L" else f"{values[node]:.3f}")
            view["values"][node].set_visible(node in shown_values)
            below = []
            if node in shown_grads:
                below.append((f"∂L/∂{_LABEL[node]} = {grads[node]:.3f}", GRAD_COLOR))
            if node in _BIAS_OF:
                bias = _BIAS_OF[node]
                text = f"{_LABEL[bias]} = {params[bias]:.2f}"
                if node in shown_grads:
                    text += f", ∂L/∂{_LABEL[bias]} = {grads[bias]:.3f}"
                below.append((text, "#444"))
            for k, artist in enumerate(view["below"][node]):
                artist.set_visible(k < len(below))
                if k < len(below):
                    artist.set(text=below[k][0], color=below[k][1])
        view["target"].set_text(f"target t = {target:.2f}")
        caption = describe_step(step, values, grads, target)
        # nothing moved since the step
        if self.last_loss is not None and self._after_descent == self._state():
            caption = (
                f"After a gradient step: every parameter p moved by −{self.learning_rate.value:.2g}·∂L/∂p,\n"
                f"and the loss went from {self.last_loss:.4f} to {values['L']:.4f}. Here are the new gradients."
            )
        view["caption"].set_text(caption)
        n_steps = len(schedule())
        phase = "before the forward pass" if step == 0 else f"{schedule()[step - 1][0]} pass"
        view["caption"].axes.set_title(
            f"Backpropagation on a 2-2-1 network: step {step} of {n_steps} ({phase})"
        )

        status = f"step {step} of {n_steps} &nbsp;·&nbsp; loss L = {values['L']:.4f}"
        if self.last_loss is not None:
            status += f" (before the last gradient step: {self.last_loss:.4f})"
        return status
