"""Typical wrong answers to chapter 04's exercises, and words the feedback must contain for each."""

MISTAKES = [
    (
        "ex04_softmax_cross_entropy_backward",
        """def softmax_cross_entropy_backward(logits, y):
    z = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    return p - np.eye(logits.shape[1])[y]""",
        "divide by the batch size",
    ),
    (
        "ex04_softmax_cross_entropy_backward",
        """def softmax_cross_entropy_backward(logits, y):
    z = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    return (np.eye(logits.shape[1])[y] - p) / len(y)""",
        "wrong sign",
    ),
    (
        "ex04_softmax_cross_entropy_backward",
        """def softmax_cross_entropy_backward(logits, y):
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    return (p - np.eye(logits.shape[1])[y]) / len(y)""",
        "overflow",
    ),
    (
        "ex04_two_layer_backward",
        """def two_layer_backward(X, Y, W1, b1, W2, b2):
    Z1 = X @ W1 + b1
    H = np.maximum(Z1, 0.0)
    dY = 2 * (H @ W2 + b2 - Y) / Y.size
    dZ1 = (dY @ W2) * (Z1 > 0)
    return X.T @ dZ1, dZ1.sum(axis=0), H.T @ dY, dY.sum(axis=0)""",
        "transposed weights",
    ),
    (
        "ex04_two_layer_backward",
        """def two_layer_backward(X, Y, W1, b1, W2, b2):
    Z1 = X @ W1 + b1
    H = np.maximum(Z1, 0.0)
    dY = 2 * (H @ W2 + b2 - Y) / Y.size
    dZ1 = dY @ W2.T
    return X.T @ dZ1, dZ1.sum(axis=0), H.T @ dY, dY.sum(axis=0)""",
        "ReLU's derivative",
    ),
    (
        "ex04_batchnorm_backward",
        """def batchnorm_backward(dout, x, gamma, eps=1e-3):
    inv_std = 1 / np.sqrt(x.var(axis=0) + eps)
    x_hat = (x - x.mean(axis=0)) * inv_std
    return dout * gamma * inv_std, (dout * x_hat).sum(axis=0), dout.sum(axis=0)""",
        "depend on x",
    ),
    (
        "ex04_batchnorm_backward",
        """def batchnorm_backward(dout, x, gamma, eps=1e-3):
    n = len(x)
    inv_std = 1 / np.sqrt(x.var(axis=0, ddof=1) + eps)
    x_hat = (x - x.mean(axis=0)) * inv_std
    dx_hat = dout * gamma
    dx = inv_std / n * (n * dx_hat - dx_hat.sum(axis=0) - x_hat * (dx_hat * x_hat).sum(axis=0))
    return dx, (dout * x_hat).sum(axis=0), dout.sum(axis=0)""",
        "biased",
    ),
    (
        "ex04_batchnorm_backward",
        """def batchnorm_backward(dout, x, gamma, eps=1e-3):
    n = len(x)
    inv_std = 1 / np.sqrt(x.var(axis=0) + eps)
    x_hat = (x - x.mean(axis=0)) * inv_std
    dx_hat = dout * gamma
    dx = inv_std / n * (n * dx_hat - dx_hat.sum(axis=0) - x_hat * (dx_hat * x_hat).sum(axis=0))
    return dx, dout.sum(axis=0), dout.sum(axis=0)""",
        "x_hat",
    ),
]
