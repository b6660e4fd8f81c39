"""Typical wrong answers to chapter 13's exercises, and the words the feedback must say about each."""

MISTAKES = [
    (
        "ex13_sample_next",
        """def sample_next(logits, temperature, rng):
    logits = np.asarray(logits, dtype=float)
    if temperature == 0:
        return int(np.argmax(logits))
    p = np.exp(logits - logits.max())
    return int(rng.choice(len(logits), p=p / p.sum()))""",
        "divide the logits by the temperature",
    ),
    (
        "ex13_sample_next",
        """def sample_next(logits, temperature, rng):
    logits = np.asarray(logits, dtype=float)
    if temperature == 0:
        return int(np.argmax(logits))
    p = np.exp((logits - logits.max()) * temperature)
    return int(rng.choice(len(logits), p=p / p.sum()))""",
        "do not multiply",
    ),
    (
        "ex13_sample_next",
        """def sample_next(logits, temperature, rng):
    logits = np.asarray(logits, dtype=float)
    if temperature == 0:
        return int(np.argmax(logits))
    p = np.exp((logits - logits.max()) / temperature)
    return int(np.random.choice(len(logits), p=p / p.sum()))""",
        "the rng you are given",
    ),
    (
        "ex13_sample_next",
        """def sample_next(logits, temperature, rng):
    logits = np.asarray(logits, dtype=float)
    if temperature == 0:
        return int(np.argmax(logits))
    p = np.exp(logits / temperature)
    return int(rng.choice(len(logits), p=p / p.sum()))""",
        "subtract the largest logit",
    ),
    (
        "ex13_shifted_windows",
        """def shifted_windows(ids, window, stride):
    ids = np.asarray(ids)
    starts = np.arange(0, len(ids) - window + 1, stride)
    inputs = np.stack([ids[s:s + window] for s in starts])
    targets = np.stack([ids[s:s + window] for s in starts])
    return inputs, targets""",
        "shift the targets",
    ),
    (
        "ex13_shifted_windows",
        """def shifted_windows(ids, window, stride):
    ids = np.asarray(ids)
    starts = np.arange(0, len(ids) - window + 1, stride)
    inputs = np.stack([ids[s:s + window] for s in starts])
    targets = np.stack([ids[s + 1:s + window + 1] for s in starts])
    return inputs, targets""",
        "run past the end",
    ),
    (
        "ex13_shifted_windows",
        """def shifted_windows(ids, window, stride):
    ids = np.asarray(ids)
    starts = np.arange(0, len(ids) - window, stride)
    inputs = np.stack([ids[s + 1:s + window + 1] for s in starts])
    targets = np.stack([ids[s:s + window] for s in starts])
    return inputs, targets""",
        "one id behind",
    ),
    (
        "ex13_shifted_windows",
        """def shifted_windows(ids, window, stride):
    ids = np.asarray(ids)
    starts = np.arange(0, len(ids) - window - 1, stride)
    inputs = np.stack([ids[s:s + window] for s in starts])
    targets = np.stack([ids[s + 1:s + window + 1] for s in starts])
    return inputs, targets""",
        "one window too few",
    ),
    (
        "ex13_memory_model",
        """def build_memory_model():
    model = keras.Sequential([keras.Input(shape=(40, 2)), keras.layers.LSTM(24, return_sequences=True),
                              keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    return model""",
        "return_sequences",
    ),
    (
        "ex13_memory_model",
        """def build_memory_model():
    model = keras.Sequential([keras.Input(shape=(40, 2)), keras.layers.SimpleRNN(24), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mse")
    return model""",
        "gated layer",
    ),
    (
        "ex13_memory_model",
        """def build_memory_model():
    return keras.Sequential([keras.Input(shape=(40, 2)), keras.layers.LSTM(24), keras.layers.Dense(1)])""",
        "not compiled",
    ),
]
