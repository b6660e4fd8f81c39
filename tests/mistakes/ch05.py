"""Typical wrong answers to chapter 05's exercises, and words the feedback must contain for each."""

MISTAKES = [
    (
        "ex05_rmsprop_step",
        """def rmsprop_step(w, grad, s, learning_rate, rho=0.9, eps=1e-7):
    s_new = rho * s + (1 - rho) * grad**2
    return w - learning_rate * grad / (np.sqrt(s_new) + eps), s_new""",
        "inside the square root",
    ),
    (
        "ex05_rmsprop_step",
        """def rmsprop_step(w, grad, s, learning_rate, rho=0.9, eps=1e-7):
    return w - learning_rate * grad / np.sqrt(s + eps), rho * s + (1 - rho) * grad**2""",
        "new s",
    ),
    (
        "ex05_rmsprop_step",
        """def rmsprop_step(w, grad, s, learning_rate, rho=0.9, eps=1e-7):
    s_new = rho * s + grad**2
    return w - learning_rate * grad / np.sqrt(s_new + eps), s_new""",
        "(1 - rho)",
    ),
    (
        "ex05_warmup_cosine",
        """def warmup_cosine(step, peak_lr, warmup_steps, decay_steps, final_lr=0.0):
    if step < warmup_steps:
        return peak_lr * step / warmup_steps
    return peak_lr * 0.5 * (1 + np.cos(np.pi * min(step - warmup_steps, decay_steps) / decay_steps))""",
        "not to 0",
    ),
    (
        "ex05_warmup_cosine",
        """def warmup_cosine(step, peak_lr, warmup_steps, decay_steps, final_lr=0.0):
    if step < warmup_steps:
        return peak_lr * step / warmup_steps
    progress = (step - warmup_steps) / decay_steps
    return final_lr + (peak_lr - final_lr) * 0.5 * (1 + np.cos(np.pi * progress))""",
        "stay at final_lr",
    ),
    (
        "ex05_warmup_cosine",
        """def warmup_cosine(step, peak_lr, warmup_steps, decay_steps, final_lr=0.0):
    if step < warmup_steps:
        return peak_lr * (step + 1) / warmup_steps
    progress = min(step - warmup_steps, decay_steps) / decay_steps
    return final_lr + (peak_lr - final_lr) * 0.5 * (1 + np.cos(np.pi * progress))""",
        "one step early",
    ),
    (
        "ex05_clip_by_global_norm",
        """def clip_by_global_norm(grads, max_norm):
    return [g * min(1.0, max_norm / np.linalg.norm(g)) for g in grads]""",
        "its own norm",
    ),
    (
        "ex05_clip_by_global_norm",
        """def clip_by_global_norm(grads, max_norm):
    norm = np.sqrt(sum(np.sum(g**2) for g in grads))
    return [g * max_norm / norm for g in grads]""",
        "only scale down",
    ),
    (
        "ex05_sparse_cross_entropy",
        """def sparse_cross_entropy_from_logits(logits, y):
    shifted = logits - logits.max()
    log_norm = np.log(np.exp(shifted).sum(axis=1))
    return np.mean(log_norm - shifted[np.arange(len(y)), y])""",
        "each row's own maximum",
    ),
    (
        "ex05_sparse_cross_entropy",
        """def sparse_cross_entropy_from_logits(logits, y):
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_norm = np.log(np.exp(shifted).sum(axis=1))
    return np.mean(log_norm - shifted[:, y])""",
        "n x n block",
    ),
    (
        "ex05_sparse_cross_entropy",
        """def sparse_cross_entropy_from_logits(logits, y):
    shifted = logits - logits.max()  # for stability
    log_norm = np.log(np.exp(shifted).sum(axis=1))
    return np.mean(log_norm - shifted[:, y])""",
        "subtract each row's",
    ),
    (
        "ex05_adamw_step",
        """def adamw_step(w, grad, m, v, t, learning_rate, weight_decay, beta1=0.9, beta2=0.999, eps=1e-7):
    g = grad + weight_decay * w
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g**2
    return w - learning_rate * np.sqrt(1 - beta2**t) / (1 - beta1**t) * m / (np.sqrt(v) + eps), m, v""",
        "L2 penalty",
    ),
    (
        "ex05_adamw_step",
        """def adamw_step(w, grad, m, v, t, learning_rate, weight_decay, beta1=0.9, beta2=0.999, eps=1e-7):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    return w * (1 - weight_decay) - learning_rate * np.sqrt(1 - beta2**t) / (1 - beta1**t) * m / (np.sqrt(v) + eps), m, v""",
        "multiplied by the learning rate",
    ),
    (
        "ex05_adamw_step",
        """def adamw_step(w, grad, m, v, t, learning_rate, weight_decay, beta1=0.9, beta2=0.999, eps=1e-7):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    w = w - learning_rate * np.sqrt(1 - beta2**t) / (1 - beta1**t) * m / (np.sqrt(v) + eps)
    return w - learning_rate * weight_decay * w, m, v""",
        "before the Adam step",
    ),
    ("ex05_momentum_position", "ex05_momentum_position_answer = -0.6", "plain SGD"),
    ("ex05_momentum_position", "ex05_momentum_position_answer = -1.025", "Nesterov"),
]
