"""Typical wrong answers to chapter 03's exercises, and words the feedback must contain for each."""

MISTAKES = [
    ("ex03_output_answer", "ex03_output_answer = -2.25", "no ReLU"),
    ("ex03_output_answer", "ex03_output_answer = -2.75", "transposed"),
    (
        "ex03_collapse_linear",
        """def collapse_linear(params):
    W, b = params[0]
    for W_next, b_next in params[1:]:
        W, b = W @ W_next, b + b_next
    return W, b""",
        "each bias passes through",
    ),
    (
        "ex03_collapse_linear",
        """def collapse_linear(params):
    W, b = params[0]
    for W_next, b_next in params[1:]:
        W, b = W_next @ W, b @ W_next + b_next
    return W, b""",
        "wrong order",
    ),
    (
        "ex03_build_spiral_model",
        """def build_spiral_model():
    import keras
    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy")
    return model""",
        "no hidden layer",
    ),
    (
        "ex03_build_spiral_model",
        """def build_spiral_model():
    import keras
    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(64), keras.layers.Dense(64),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy")
    return model""",
        "without a nonlinear activation",
    ),
    (
        "ex03_build_spiral_model",
        """def build_spiral_model():
    import keras
    model = keras.Sequential([keras.Input(shape=(2,)), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="binary_crossentropy")
    return model""",
        "sigmoid",
    ),
]
