"""Typical wrong answers to chapter 15's exercises, and the words the feedback must say about each."""

MISTAKES = [
    (
        "ex15_top_k_top_p_filter",
        """def top_k_top_p_filter(logits, k=None, p=None):
    filtered = np.array(logits, dtype=float)
    ranked = np.argsort(-filtered)
    if k is not None:
        filtered[ranked[k:]] = -np.inf
    if p is not None:
        probs = np.exp(filtered - filtered.max())
        probs /= probs.sum()
        n_keep = int(np.sum(np.cumsum(probs[ranked]) < p))
        filtered[ranked[n_keep:]] = -np.inf
    return filtered""",
        "keep the token that crosses p",
    ),
    (
        "ex15_top_k_top_p_filter",
        """def top_k_top_p_filter(logits, k=None, p=None):
    filtered = np.asarray(logits, dtype=float)
    ranked = np.argsort(-filtered)
    if k is not None:
        filtered[ranked[k:]] = -np.inf
    if p is not None:
        probs = np.exp(filtered - filtered.max())
        probs /= probs.sum()
        n_keep = int(np.sum(np.cumsum(probs[ranked]) < p)) + 1
        filtered[ranked[n_keep:]] = -np.inf
    return filtered""",
        "work on a copy",
    ),
    (
        "ex15_top_k_top_p_filter",
        """def top_k_top_p_filter(logits, k=None, p=None):
    original = np.array(logits, dtype=float)
    filtered = original.copy()
    ranked = np.argsort(-filtered)
    if k is not None:
        filtered[ranked[k:]] = -np.inf
    if p is not None:
        probs = np.exp(original - original.max())
        probs /= probs.sum()
        n_keep = int(np.sum(np.cumsum(probs[ranked]) < p)) + 1
        filtered[ranked[n_keep:]] = -np.inf
    return filtered""",
        "top-k first, then top-p",
    ),
    (
        "ex15_causal_self_attention",
        """def causal_self_attention(q, k, v):
    n, d = q.shape
    scores = np.where(np.tril(np.ones((n, n), dtype=bool)), q @ k.T / np.sqrt(d), -np.inf)
    weights = np.exp(scores - scores.max(axis=0, keepdims=True))
    weights = weights / weights.sum(axis=0, keepdims=True)
    return weights @ v""",
        "wrong axis",
    ),
    (
        "ex15_causal_self_attention",
        """def causal_self_attention(q, k, v):
    n, d = q.shape
    scores = q @ k.T / np.sqrt(d)
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights = weights / weights.sum(axis=-1, keepdims=True)
    return (weights * np.tril(np.ones((n, n)))) @ v""",
        "before the softmax",
    ),
    (
        "ex15_causal_self_attention",
        """def causal_self_attention(q, k, v):
    n, d = q.shape
    scores = np.where(np.triu(np.ones((n, n), dtype=bool)), q @ k.T / np.sqrt(d), -np.inf)
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return weights / weights.sum(axis=-1, keepdims=True) @ v""",
        "sees the future",
    ),
    (
        "ex15_causal_self_attention",
        """def causal_self_attention(q, k, v):
    n, d = q.shape
    scores = np.where(np.tril(np.ones((n, n), dtype=bool)), q @ k.T, -np.inf)
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return (weights / weights.sum(axis=-1, keepdims=True)) @ v""",
        "sqrt(d)",
    ),
    (
        "ex15_cached_attention_step",
        """def cached_attention_step(q, k_new, v_new, cache):
    q, k_new, v_new = (np.asarray(a, dtype=float) for a in (q, k_new, v_new))
    if cache is None:
        return v_new, (k_new[None, :], v_new[None, :])
    keys, values = cache
    s = keys @ q / np.sqrt(len(q))
    w = np.exp(s - s.max())
    return (w / w.sum()) @ values, (np.vstack([keys, k_new]), np.vstack([values, v_new]))""",
        "attend to itself",
    ),
    (
        "ex15_cached_attention_step",
        """def cached_attention_step(q, k_new, v_new, cache):
    q, k_new, v_new = (np.asarray(a, dtype=float) for a in (q, k_new, v_new))
    keys = k_new[None, :] if cache is None else np.vstack([cache[0], k_new])
    values = v_new[None, :] if cache is None else np.vstack([cache[1], v_new])
    s = keys @ q
    w = np.exp(s - s.max())
    return (w / w.sum()) @ values, (keys, values)""",
        "sqrt(d)",
    ),
    (
        "ex15_cached_attention_step",
        """def cached_attention_step(q, k_new, v_new, cache):
    q, k_new, v_new = (np.asarray(a, dtype=float) for a in (q, k_new, v_new))
    keys = k_new[None, :] if cache is None else np.vstack([cache[0], k_new])
    values = v_new[None, :] if cache is None else np.vstack([cache[1], v_new])
    s = keys @ q / np.sqrt(len(q))
    w = np.exp(s - s.max())
    return (w / w.sum()) @ values, cache if cache is not None else (keys, values)""",
        "append",
    ),
]
