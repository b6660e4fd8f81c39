"""Typical wrong answers to chapter 01's exercises, and the words their feedback must contain."""

MISTAKES = [
    (
        "ex01_least_squares",
        """def least_squares(X, y):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    if len(X) != len(y):
        raise ValueError(f"{len(X)} rows but {len(y)} values")
    return np.linalg.lstsq(X, y, rcond=None)[0], 0.0""",
        "forget the bias",
    ),
    (
        "ex01_least_squares",
        """def least_squares(X, y):
    X = np.column_stack([np.asarray(X, dtype=float), np.ones(len(X))])
    coef = np.linalg.lstsq(X, np.asarray(y, dtype=float), rcond=None)[0]
    return coef[:-1], coef[-1]""",
        "does not give the two lengths",
    ),
    (
        "ex01_signed_perceptron",
        """def signed_perceptron(X, y, epochs=100):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        mistakes = 0
        for x_i, y_i in zip(X, y):
            if y_i * (x_i @ w + b) < 0:
                w, b = w + y_i * x_i, b + y_i
                mistakes += 1
        if mistakes == 0:
            break
    return w, b""",
        "<= 0, not < 0",
    ),
    (
        "ex01_signed_perceptron",
        """def signed_perceptron(X, y, epochs=100):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        mistakes = 0
        for x_i, y_i in zip(X, y):
            if y_i * (x_i @ w + b) <= 0:
                w = w + y_i * x_i
                mistakes += 1
        if mistakes == 0:
            break
    return w, b""",
        "the bias never changed",
    ),
    (
        "ex01_pocket_perceptron",
        """def pocket_perceptron(X, y, epochs, rng):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        for i in rng.permutation(len(X)):
            if y[i] * (X[i] @ w + b) <= 0:
                w, b = w + y[i] * X[i], b + y[i]
    return w, b""",
        "instead of the best",
    ),
    (
        "ex01_pocket_perceptron",
        """def pocket_perceptron(X, y, epochs, rng):
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    count = lambda w: int(np.sum(y * (X @ w) <= 0))
    w = np.zeros(X.shape[1])
    best, best_errors = w.copy(), count(w)
    for _ in range(epochs):
        for i in rng.permutation(len(X)):
            if y[i] * (X[i] @ w) <= 0:
                w = w + y[i] * X[i]
                if count(w) < best_errors:
                    best, best_errors = w.copy(), count(w)
    return best, 0.0""",
        "forget to update the bias",
    ),
]
