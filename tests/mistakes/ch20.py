"""Typical wrong answers to chapter 20's exercises, and the words their feedback must contain."""

MISTAKES = [
    (
        "ex20_pseudo_log_likelihood",
        """def pseudo_log_likelihood(X, W, b, c):
    X = np.atleast_2d(np.asarray(X, dtype=float))
    def free(V):
        return -(V @ b) - np.logaddexp(0.0, V @ W + c).sum(axis=1)
    total = np.zeros(len(X))
    for i in range(X.shape[1]):
        flipped = X.copy()
        flipped[:, i] = 1 - flipped[:, i]
        total += -np.logaddexp(0.0, free(flipped) - free(X))
    return total""",
        "wrong sign",
    ),
    (
        "ex20_pseudo_log_likelihood",
        """def pseudo_log_likelihood(X, W, b, c):
    X = np.atleast_2d(np.asarray(X, dtype=float))
    def free(V):
        return -(V @ b) - np.logaddexp(0.0, V @ W + c).sum(axis=1)
    terms = []
    for i in range(X.shape[1]):
        flipped = X.copy()
        flipped[:, i] = 1 - flipped[:, i]
        terms.append(-np.logaddexp(0.0, free(X) - free(flipped)))
    return np.mean(terms, axis=0)""",
        "averaged over the 9 pixels",
    ),
    (
        "ex20_pseudo_log_likelihood",
        """def pseudo_log_likelihood(X, W, b, c):
    X = np.atleast_2d(np.asarray(X, dtype=float))
    def free(V):
        return -(V @ b) - np.log(1 + np.exp(V @ W + c)).sum(axis=1)
    total = np.zeros(len(X))
    for i in range(X.shape[1]):
        flipped = X.copy()
        flipped[:, i] = 1 - flipped[:, i]
        total += np.log(1 / (1 + np.exp(free(X) - free(flipped))))
    return total""",
        "np.logaddexp",
    ),
    (
        "ex20_contrastive_gradient",
        """def contrastive_gradient(v0, vk, W, b, c):
    ph0 = 1 / (1 + np.exp(-(v0 @ W + c)))
    phk = 1 / (1 + np.exp(-(vk @ W + c)))
    return (v0.T @ ph0 - vk.T @ ph0) / len(v0), (v0 - vk).mean(axis=0), (ph0 - phk).mean(axis=0)""",
        "negative phase pairs vk with the data's hidden probabilities",
    ),
    (
        "ex20_contrastive_gradient",
        """def contrastive_gradient(v0, vk, W, b, c):
    ph0 = 1 / (1 + np.exp(-(v0 @ W + c)))
    phk = 1 / (1 + np.exp(-(vk @ W + c)))
    return v0.T @ ph0 - vk.T @ phk, (v0 - vk).sum(axis=0), (ph0 - phk).sum(axis=0)""",
        "average over the batch",
    ),
    (
        "ex20_contrastive_gradient",
        """def contrastive_gradient(v0, vk, W, b, c):
    ph0 = 1 / (1 + np.exp(-(v0 @ W + c)))
    phk = 1 / (1 + np.exp(-(vk @ W + c)))
    return (vk.T @ phk - v0.T @ ph0) / len(v0), (vk - v0).mean(axis=0), (phk - ph0).mean(axis=0)""",
        "wrong sign",
    ),
    (
        "ex20_pcd_rbm",
        """_right_fit_pcd_rbm = fit_pcd_rbm
def fit_pcd_rbm(X, n_hidden, seed=0):
    W, b, c = _right_fit_pcd_rbm(X, n_hidden, seed)
    return W.T, b, c""",
        "(d, n_hidden)",
    ),
    (
        "ex20_pcd_rbm",
        """def fit_pcd_rbm(X, n_hidden, seed=0):
    X = np.asarray(X, dtype=float)
    rng = np.random.default_rng(seed)
    n, d = X.shape
    p = np.clip(X.mean(axis=0), 1e-3, 1 - 1e-3)
    W, b, c = rng.normal(0, 0.01, (d, n_hidden)), np.log(p / (1 - p)), np.zeros(n_hidden)
    particles = (rng.random((32, d)) < 0.5).astype(float)
    sigmoid = lambda a: 1 / (1 + np.exp(-a))
    for _ in range(10):
        order = rng.permutation(n)
        for start in range(0, n, 32):
            v0 = X[order[start:start + 32]]
            h = (rng.random((32, n_hidden)) < sigmoid(particles @ W + c)).astype(float)
            particles = (rng.random((32, d)) < sigmoid(h @ W.T + b)).astype(float)
            ph0, phk = sigmoid(v0 @ W + c), sigmoid(particles @ W + c)
            W -= 0.05 * (v0.T @ ph0 / len(v0) - particles.T @ phk / 32)
            b -= 0.05 * (v0.mean(axis=0) - particles.mean(axis=0))
            c -= 0.05 * (ph0.mean(axis=0) - phk.mean(axis=0))
    return W, b, c""",
        "sign of the update",
    ),
]
