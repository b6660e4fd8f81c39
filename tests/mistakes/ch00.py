"""Typical wrong answers to chapter 00's exercises, and words the feedback must contain for each."""

MISTAKES = [
    ("ex00_parameter_answer", "ex00_parameter_answer = (4736, 1440)", "forgot the biases"),
    ("ex00_parameter_answer", "ex00_parameter_answer = (4160, 1450)", "count both layers"),
    ("ex00_parameter_answer", "ex00_parameter_answer = (4810, 145)", "one intercept per class"),
    (
        "ex00_ink_profile",
        """def ink_profile(images):
    images = np.asarray(images, dtype=float)
    if images.ndim == 4:
        images = images[..., 0]
    return np.concatenate([images.sum(axis=2), images.sum(axis=1)], axis=1)""",
        "not fractions",
    ),
    (
        "ex00_ink_profile",
        """def ink_profile(images):
    images = np.asarray(images, dtype=float)
    if images.ndim == 4:
        images = images[..., 0]
    total = images.sum(axis=(1, 2))
    return np.concatenate([images.sum(axis=1), images.sum(axis=2)], axis=1) / np.where(total > 0, total, 1)[:, None]""",
        "rows first",
    ),
    (
        "ex00_ink_profile",
        """def ink_profile(images):
    images = np.asarray(images, dtype=float)
    if images.ndim == 4:
        images = images[..., 0]
    total = images.sum(axis=(1, 2))
    return np.concatenate([images.sum(axis=2), images.sum(axis=1)], axis=1) / total[:, None]""",
        "no ink",
    ),
    (
        "ex00_shuffled_split",
        """def shuffled_split(x, y, test_fraction, seed):
    rng = np.random.default_rng(seed)
    x = rng.permutation(x)
    y = rng.permutation(y)
    n_test = int(len(x) * test_fraction)
    return x[n_test:], y[n_test:], x[:n_test], y[:n_test]""",
        "labels no longer match",
    ),
    (
        "ex00_shuffled_split",
        """def shuffled_split(x, y, test_fraction, seed):
    n_test = int(round(len(x) * test_fraction))
    return x[:-n_test], y[:-n_test], x[-n_test:], y[-n_test:]""",
        "not shuffled",
    ),
    (
        "ex00_build_digit_model",
        """def build_digit_model():
    model = keras.Sequential([keras.Input((8, 8, 1)), keras.layers.Flatten(), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(10)])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model""",
        "softmax",
    ),
    (
        "ex00_build_digit_model",
        """def build_digit_model():
    model = keras.Sequential([keras.Input((8, 8, 1)), keras.layers.Flatten(), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return model""",
        "10 outputs",
    ),
]
