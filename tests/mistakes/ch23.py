"""Typical wrong answers to chapter 23's exercises, and the words their feedback must contain.

The bfloat16 classifiers train 5 epochs, not a learner's 20: their feedback comes from the model's structure, which
the test checks before the accuracy.
"""

MISTAKES = [
    (
        "ex23_combine_gradients",
        """def combine_gradients(shard_gradients, shard_sizes):
    return np.mean(np.asarray(shard_gradients, dtype=float), axis=0)""",
        "weight each gradient",
    ),
    (
        "ex23_combine_gradients",
        """def combine_gradients(shard_gradients, shard_sizes):
    sizes = np.asarray(shard_sizes, dtype=float)
    return (sizes[:, None] * np.asarray(shard_gradients, dtype=float)).sum(axis=0)""",
        "divide by the total",
    ),
    (
        "ex23_next_loss_scale",
        """def next_loss_scale(scale, count, finite, growth_steps=2000):
    if finite:
        count += 1
        if count == growth_steps:
            scale = scale * 2
        return scale, count, True
    return scale / 2, count, True""",
        "must be skipped",
    ),
    (
        "ex23_next_loss_scale",
        """def next_loss_scale(scale, count, finite, growth_steps=2000):
    if not finite:
        return scale / 2, count, False
    count += 1
    if count == growth_steps:
        return scale * 2, 0, True
    return scale, count, True""",
        "restart from 0",
    ),
    (
        "ex23_next_loss_scale",
        """def next_loss_scale(scale, count, finite, growth_steps=2000):
    if not finite:
        return scale / 2, 0, False
    count += 1
    if count == growth_steps:
        return scale * 2, count, True
    return scale, count, True""",
        "the scale doubles and the count restarts",
    ),
    (
        "ex23_bf16_classifier",
        """def train_bf16_classifier(X, y, seed=0):
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input((X.shape[1],)), layers.Dense(128, activation="relu"),
                              layers.Dense(128, activation="relu"), layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(X, y, epochs=5, batch_size=128, verbose=0)
    return model""",
        "mixed_bfloat16",
    ),
    (
        "ex23_bf16_classifier",
        """def train_bf16_classifier(X, y, seed=0):
    keras.utils.set_random_seed(seed)
    keras.mixed_precision.set_dtype_policy("mixed_bfloat16")
    model = keras.Sequential([keras.Input((X.shape[1],)), layers.Dense(128, activation="relu"),
                              layers.Dense(128, activation="relu"), layers.Dense(10, activation="softmax")])
    keras.mixed_precision.set_dtype_policy("float32")
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(X, y, epochs=5, batch_size=128, verbose=0)
    return model""",
        'dtype="float32"',
    ),
    (
        "ex23_bf16_classifier",
        """def train_bf16_classifier(X, y, seed=0):
    keras.utils.set_random_seed(seed)
    keras.mixed_precision.set_dtype_policy("mixed_bfloat16")
    model = keras.Sequential([keras.Input((X.shape[1],)), layers.Dense(128, activation="relu"),
                              layers.Dense(128, activation="relu"), layers.Dense(10),
                              layers.Activation("softmax", dtype="float32")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(X, y, epochs=5, batch_size=128, verbose=0)
    return model""",
        "global dtype policy was left",
    ),
]
