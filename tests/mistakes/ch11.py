"""Typical wrong answers to chapter 11's exercises, and the words their feedback must contain."""

MISTAKES = [
    (
        "ex11_capsule_loss",
        """def capsule_loss(labels, v, reconstructions, images, alpha=0.0005):
    v = np.asarray(v, dtype=float)
    T = np.eye(v.shape[1])[np.asarray(labels)]
    L = np.linalg.norm(v, axis=-1)
    margin = 0.5 * T * np.maximum(0, 0.9 - L) ** 2 + (1 - T) * np.maximum(0, L - 0.1) ** 2
    error = (np.asarray(reconstructions) - np.asarray(images)).reshape(len(v), -1)
    return margin.sum(axis=1) + alpha * (error**2).sum(axis=1)""",
        "down-weights the absent classes",
    ),
    (
        "ex11_capsule_loss",
        """def capsule_loss(labels, v, reconstructions, images, alpha=0.0005):
    v = np.asarray(v, dtype=float)
    T = np.eye(v.shape[1])[np.asarray(labels)]
    L = np.linalg.norm(v, axis=-1)
    margin = T * np.maximum(0, 0.9 - L) ** 2 + 0.5 * (1 - T) * np.maximum(0, L - 0.1) ** 2
    error = (np.asarray(reconstructions) - np.asarray(images)).reshape(len(v), -1)
    return margin.sum(axis=1) + alpha * (error**2).mean(axis=1)""",
        "sum of squared errors",
    ),
    (
        "ex11_capsule_loss",
        """def capsule_loss(labels, v, reconstructions, images, alpha=0.0005):
    v = np.asarray(v, dtype=float)
    T = np.eye(v.shape[1])[np.asarray(labels)]
    L = np.linalg.norm(v, axis=-1)
    margin = T * np.maximum(0, 0.9 - L) + 0.5 * (1 - T) * np.maximum(0, L - 0.1)
    error = (np.asarray(reconstructions) - np.asarray(images)).reshape(len(v), -1)
    return margin.sum(axis=1) + alpha * (error**2).sum(axis=1)""",
        "squared",
    ),
    (
        "ex11_route_by_agreement",
        """def route_by_agreement(u_hat, iterations=3):
    b = np.zeros(u_hat.shape[:3])
    for _ in range(iterations):
        c = np.exp(b) / np.exp(b).sum(axis=1, keepdims=True)
        s = np.einsum("nij,nije->nje", c, u_hat)
        norm2 = (s**2).sum(axis=-1, keepdims=True)
        v = norm2 / (1 + norm2) * s / np.sqrt(norm2 + 1e-7)
        b = b + np.einsum("nije,nje->nij", u_hat, v)
    return v, c""",
        "over the parents' axis",
    ),
    (
        "ex11_route_by_agreement",
        """def route_by_agreement(u_hat, iterations=3):
    b = np.zeros(u_hat.shape[:3])
    for _ in range(iterations):
        e = np.exp(b - b.max(axis=2, keepdims=True))
        c = e / e.sum(axis=2, keepdims=True)
        s = np.einsum("nij,nije->nje", c, u_hat)
        norm2 = (s**2).sum(axis=-1, keepdims=True)
        v = norm2 / (1 + norm2) * s / np.sqrt(norm2 + 1e-7)
        b = np.einsum("nije,nje->nij", u_hat, v)
    return v, c""",
        "accumulates",
    ),
    (
        "ex11_route_by_agreement",
        """def route_by_agreement(u_hat, iterations=3):
    b = np.zeros(u_hat.shape[:3])
    for _ in range(iterations):
        c = np.exp(b) / np.exp(b).sum(axis=2, keepdims=True)
        s = np.einsum("nij,nije->nje", c, u_hat)
        norm2 = (s**2).sum(axis=-1, keepdims=True)
        v = norm2 / (1 + norm2) * s / np.sqrt(norm2 + 1e-7)
        b = b + np.einsum("nije,nje->nij", u_hat, v)
    return v, c""",
        "stable softmax",
    ),
    (
        "ex11_capsule_classifier",
        """def fit_capsule_classifier(X, y, seed=0):
    import keras
    from keras import layers
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input((8, 8, 1)), layers.Conv2D(32, 3, activation="relu"), layers.Flatten(),
                              layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    model.fit(X, y, epochs=10, verbose=0)
    return model""",
        "no dlbook.capsules.CapsuleLayer",
    ),
    (
        "ex11_capsule_classifier",
        """def fit_capsule_classifier(X, y, seed=0):
    import keras
    from keras import layers
    from dlbook.capsules import CapsuleLayer, keras_squash
    keras.utils.set_random_seed(seed)
    model = keras.Sequential([keras.Input((8, 8, 1)), layers.Conv2D(32, 3, activation="relu"),
                              layers.Conv2D(32, 3, strides=2), layers.Reshape((-1, 4)), layers.Lambda(keras_squash),
                              CapsuleLayer(10, 8)])
    return model""",
        "lengths",
    ),
]
