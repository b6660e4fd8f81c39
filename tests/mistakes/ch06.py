"""Typical wrong answers to chapter 06's exercises, and words the feedback must contain for each."""

MISTAKES = [
    (
        "ex06_layernorm_forward",
        """def layernorm_forward(x, gamma, beta, eps=1e-3):
    x = np.asarray(x, dtype=float)
    return gamma * (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + eps) + beta""",
        "over the batch",
    ),
    (
        "ex06_layernorm_forward",
        """def layernorm_forward(x, gamma, beta, eps=1e-3):
    x = np.asarray(x, dtype=float)
    mean, std = x.mean(axis=-1, keepdims=True), x.std(axis=-1, keepdims=True)
    return gamma * (x - mean) / (std + eps) + beta""",
        "inside the square root",
    ),
    (
        "ex06_layernorm_forward",
        """def layernorm_forward(x, gamma, beta, eps=1e-3):
    x = np.asarray(x, dtype=float)
    mean, var = x.mean(axis=-1, keepdims=True), x.var(axis=-1, keepdims=True, ddof=1)
    return gamma * (x - mean) / np.sqrt(var + eps) + beta""",
        "biased variance",
    ),
    (
        "ex06_standardize",
        """def standardize_with_train_stats(X_train, X_test):
    X_all = np.concatenate([X_train, X_test])
    mean, std = X_all.mean(axis=0), X_all.std(axis=0)
    return (X_train - mean) / std, (X_test - mean) / std""",
        "leaks the test set",
    ),
    (
        "ex06_standardize",
        """def standardize_with_train_stats(X_train, X_test):
    mean, std = X_train.mean(axis=0), X_train.std(axis=0)
    return (X_train - mean) / std, (X_test - mean) / std""",
        "standard deviation 0",
    ),
    (
        "ex06_standardize",
        """def standardize_with_train_stats(X_train, X_test):
    X_all = np.concatenate([X_train, X_test])
    mean, std = X_all.mean(axis=0), X_all.std(axis=0)
    std = np.where(std > 0, std, 1.0)
    return (X_train - mean) / std, (X_test - mean) / std""",
        "compute them on X_train alone",
    ),
    (
        "ex06_kfold_indices",
        """def kfold_indices(n, k, rng):
    order, size = rng.permutation(n), n // k
    folds = [order[i * size:(i + 1) * size] for i in range(k)]
    return [(np.setdiff1d(np.arange(n), f), f) for f in folds]""",
        "in no validation fold",
    ),
    (
        "ex06_kfold_indices",
        """def kfold_indices(n, k, rng):
    order = rng.permutation(n)
    return [(order, f) for f in np.array_split(order, k)]""",
        "also in its training set",
    ),
    (
        "ex06_kfold_indices",
        """def kfold_indices(n, k, rng):
    folds = np.array_split(np.arange(n), k)
    return [(np.setdiff1d(np.arange(n), f), f) for f in folds]""",
        "contiguous blocks",
    ),
    (
        "ex06_early_stopping_epoch",
        """def early_stopping_epoch(val_losses, patience):
    return int(np.argmin(val_losses))""",
        "never run",
    ),
    (
        "ex06_early_stopping_epoch",
        """def early_stopping_epoch(val_losses, patience):
    best, wait = 0, 0
    for epoch in range(1, len(val_losses)):
        if val_losses[epoch] <= val_losses[best]:
            best, wait = epoch, 0
        else:
            wait += 1
            if wait >= patience:
                break
    return best""",
        "not an improvement",
    ),
    (
        "ex06_early_stopping_epoch",
        """def early_stopping_epoch(val_losses, patience):
    best, wait = 0, 0
    for epoch in range(1, len(val_losses)):
        if val_losses[epoch] < val_losses[best]:
            best, wait = epoch, 0
        else:
            wait += 1
            if wait >= patience:
                return epoch
    return len(val_losses) - 1""",
        "restore_best_weights",
    ),
    (
        "ex06_early_stopping_epoch",
        """def early_stopping_epoch(val_losses, patience):
    best, wait = 0, 0
    for epoch in range(1, len(val_losses)):
        if val_losses[epoch] < val_losses[best]:
            best, wait = epoch, 0
        else:
            wait += 1
            if wait > patience:
                break
    return best""",
        "one epoch late",
    ),
    ("ex06_dropout_output", "ex06_dropout_output_answer = 2.4", "non-inverted"),
]
