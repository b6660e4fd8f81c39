"""Typical wrong answers to chapter 02's exercises, and the words their feedback must contain."""

MISTAKES = [
    (
        "ex02_softplus",
        """def softplus(z):
    return np.log(1 + np.exp(z))""",
        "overflow",
    ),
    (
        "ex02_softplus",
        """def softplus(z):
    z = np.asarray(z, dtype=float)
    return np.maximum(z, 0) + np.log(1 + np.exp(-np.abs(z)))""",
        "log1p",
    ),
    (
        "ex02_swish",
        """def swish_grad(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    s = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return z * s * (1 - s)""",
        "product rule",
    ),
    (
        "ex02_swish",
        """def swish(z):
    return z / (1 + np.exp(-z))""",
        "overflow",
    ),
    (
        "ex02_log_softmax",
        """def log_softmax(z, axis=-1):
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return np.log(e / e.sum(axis=axis, keepdims=True))""",
        "underflowed to 0",
    ),
    (
        "ex02_log_softmax",
        """def log_softmax(z, axis=-1):
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))""",
        "use the axis argument",
    ),
]
