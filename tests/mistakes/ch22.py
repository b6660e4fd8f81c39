"""Typical wrong answers to chapter 22's exercises, and the words their feedback must contain."""

MISTAKES = [
    ("ex22_methods_answer", '''ex22_methods_answer = "abceg"''', "random weights"),
    ("ex22_importance_answer", """ex22_importance_answer = (16.0, 4.0, 0.0)""", "factor 2"),
    ("ex22_importance_answer", """ex22_importance_answer = (32.0, 2.0, 0.0)""", "variance"),
    (
        "ex22_smoothgrad",
        """def smoothgrad(grad_fn, x, n_samples=50, sigma=0.1, seed=0):
    x = np.asarray(x, dtype=float)
    return np.mean([grad_fn(x) for _ in range(n_samples)], axis=0)""",
        "add noise",
    ),
    (
        "ex22_smoothgrad",
        """def smoothgrad(grad_fn, x, n_samples=50, sigma=0.1, seed=0):
    rng = np.random.default_rng(seed)
    x = np.asarray(x, dtype=float)
    noisy = x[None] + np.sqrt(sigma) * rng.standard_normal((n_samples, *x.shape))
    return np.asarray(grad_fn(noisy.reshape(-1, *x.shape[1:]))).reshape(n_samples, *x.shape).mean(axis=0)""",
        "not standard deviation",
    ),
    (
        "ex22_smoothgrad",
        """def smoothgrad(grad_fn, x, n_samples=50, sigma=0.1, seed=0):
    rng = np.random.default_rng(seed)
    x = np.asarray(x, dtype=float)
    noisy = x[None] + sigma * rng.standard_normal((n_samples, *x.shape))
    grads = np.asarray(grad_fn(noisy.reshape(-1, *x.shape[1:])))
    return np.abs(grads).reshape(n_samples, *x.shape).mean(axis=0)""",
        "absolute values",
    ),
    (
        "ex22_smoothgrad",
        """def smoothgrad(grad_fn, x, n_samples=50, sigma=0.1, seed=0):
    rng = np.random.default_rng(seed)
    x = np.asarray(x, dtype=float)
    noise = sigma * rng.standard_normal((n_samples, 1, *x.shape[1:]))
    noisy = x[None] + noise
    return np.asarray(grad_fn(noisy.reshape(-1, *x.shape[1:]))).reshape(n_samples, *x.shape).mean(axis=0)""",
        "noise of its own",
    ),
    (
        "ex22_occlusion_map",
        """def occlusion_map(predict_proba, image, target, size=2, fill=0.0):
    h, w = image.shape
    heat, count = np.zeros((h, w)), np.zeros((h, w))
    for i in range(h - size + 1):
        for j in range(w - size + 1):
            hidden = image.copy()
            hidden[i:i + size, j:j + size] = fill
            p = predict_proba(hidden[None])[0, target]
            heat[i:i + size, j:j + size] += p
            count[i:i + size, j:j + size] += 1
    return heat / np.maximum(count, 1)""",
        "not its drop",
    ),
    (
        "ex22_occlusion_map",
        """def occlusion_map(predict_proba, image, target, size=2, fill=0.0):
    h, w = image.shape
    before = predict_proba(image[None])[0, target]
    heat, count = np.zeros((h, w)), np.zeros((h, w))
    for i in range(h - size):
        for j in range(w - size):
            hidden = image.copy()
            hidden[i:i + size, j:j + size] = fill
            heat[i:i + size, j:j + size] += before - predict_proba(hidden[None])[0, target]
            count[i:i + size, j:j + size] += 1
    return heat / np.maximum(count, 1)""",
        "last row or column is never occluded",
    ),
    (
        "ex22_occlusion_map",
        """def occlusion_map(predict_proba, image, target, size=2, fill=0.0):
    h, w = image.shape
    before = predict_proba(image[None])[0, target]
    heat, count = np.zeros((h, w)), np.zeros((h, w))
    for i in range(h - size + 1):
        for j in range(w - size + 1):
            hidden = image.copy()
            hidden[i:i + size, j:j + size] = fill
            heat[i:i + size, j:j + size] += predict_proba(hidden[None])[0, target] - before
            count[i:i + size, j:j + size] += 1
    return heat / count""",
        "sign is reversed",
    ),
    (
        "ex22_shapley_values",
        """def shapley_values(f, x, baseline):
    x, baseline = np.asarray(x, dtype=float), np.asarray(baseline, dtype=float)
    full = f(x[None])[0]
    phi = np.zeros(len(x))
    for i in range(len(x)):
        z = x.copy()
        z[i] = baseline[i]
        phi[i] = full - f(z[None])[0]
    return phi""",
        "leave-one-out",
    ),
    (
        "ex22_shapley_values",
        """def shapley_values(f, x, baseline):
    x, baseline = np.asarray(x, dtype=float), np.asarray(baseline, dtype=float)
    d = len(x)
    masks = ((np.arange(2**d)[:, None] >> np.arange(d)) & 1).astype(bool)
    values = np.asarray(f(np.where(masks, x, baseline)), dtype=float)
    phi = np.zeros(d)
    for i in range(d):
        without = np.flatnonzero(~masks[:, i])
        phi[i] = np.mean(values[without + 2**i] - values[without])
    return phi""",
        "equal weights",
    ),
    (
        "ex22_shapley_values",
        """def shapley_values(f, x, baseline):
    x, baseline = np.asarray(x, dtype=float), np.asarray(baseline, dtype=float)
    empty = f(baseline[None])[0]
    phi = np.zeros(len(x))
    for i in range(len(x)):
        z = baseline.copy()
        z[i] = x[i]
        phi[i] = f(z[None])[0] - empty
    return phi""",
        "one feature at a time",
    ),
]
