"""Typical wrong answers to chapter 12's exercises, and the words their feedback must contain."""

MISTAKES = [
    ("ex12_gradients_answer", 'ex12_gradients_answer = "abde"', "non-normal"),
    ("ex12_gradients_answer", 'ex12_gradients_answer = "acde"', "vanishing gradient stays tiny"),
    ("ex12_gradients_answer", 'ex12_gradients_answer = "ad"', "one gradient term per step"),
    (
        "ex12_input_gradients",
        """def input_gradients(hs, Wx, Wh, dh_last):
    T = len(hs)
    dxs = []
    dh = dh_last
    for t in range(T - 1, -1, -1):
        g = dh * (1 - hs[t - 1] ** 2)
        dxs.append(g @ Wx.T)
        dh = g @ Wh.T
    return np.stack(dxs[::-1])""",
        "not hs[t - 1]",
    ),
    (
        "ex12_input_gradients",
        """def input_gradients(hs, Wx, Wh, dh_last):
    T = len(hs)
    dxs = []
    dh = dh_last
    for t in range(T - 1, 0, -1):
        g = dh * (1 - hs[t] ** 2)
        dxs.append(g @ Wx.T)
        dh = g @ Wh.T
    return np.stack(dxs[::-1])""",
        "check where your loop stops",
    ),
    (
        "ex12_rnn_backward",
        """def rnn_backward(xs, hs, h0, Wx, Wh, dhs):
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(len(Wh))
    dh = dhs[-1]
    for t in reversed(range(len(xs))):
        g = dh * (1 - hs[t] ** 2)
        prev = hs[t - 1] if t > 0 else h0
        dWx, dWh, db = dWx + xs[t].T @ g, dWh + prev.T @ g, db + g.sum(axis=0)
        dh = g @ Wh.T
    return dWx, dWh, db, dh""",
        "add dhs[t]",
    ),
    (
        "ex12_rnn_backward",
        """def rnn_backward(xs, hs, h0, Wx, Wh, dhs):
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(len(Wh))
    dh = np.zeros_like(h0)
    for t in reversed(range(len(xs))):
        g = (dh + dhs[t]) * (1 - hs[t] ** 2)
        dWx, dWh, db = dWx + xs[t].T @ g, dWh + hs[t].T @ g, db + g.sum(axis=0)
        dh = g @ Wh.T
    return dWx, dWh, db, dh""",
        "off by one step",
    ),
    (
        "ex12_rnn_backward",
        """def rnn_backward(xs, hs, h0, Wx, Wh, dhs):
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(len(Wh))
    dh = np.zeros_like(h0)
    for t in reversed(range(len(xs))):
        g = dh + dhs[t]
        prev = hs[t - 1] if t > 0 else h0
        dWx, dWh, db = dWx + xs[t].T @ g, dWh + prev.T @ g, db + g.sum(axis=0)
        dh = g @ Wh.T
    return dWx, dWh, db, dh""",
        "tanh derivative",
    ),
    (
        "ex12_rnn_backward",
        """def rnn_backward(xs, hs, h0, Wx, Wh, dhs):
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(len(Wh))
    dh = np.zeros_like(h0)
    for t in reversed(range(len(xs))):
        g = (dh + dhs[t]) * (1 - hs[t] ** 2)
        prev = hs[t - 1] if t > 0 else h0
        dWx, dWh, db = dWx + xs[t].T @ g, dWh + prev.T @ g, db + g
        dh = g @ Wh.T
    return dWx, dWh, db, dh""",
        "sum the bias gradient over the batch",
    ),
    (
        "ex12_xor_model",
        """def build_xor_model():
    model = keras.Sequential([keras.Input(shape=(None, 1)), keras.layers.SimpleRNN(16),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy")
    return model""",
        "return_sequences=True",
    ),
    (
        "ex12_xor_model",
        """def build_xor_model():
    return keras.Sequential([keras.Input(shape=(None, 1)), keras.layers.SimpleRNN(16, return_sequences=True),
                             keras.layers.Dense(1, activation="sigmoid")])""",
        "not compiled",
    ),
]
