"""Typical wrong answers to chapter 14's exercises, and the words their feedback must contain."""

MISTAKES = [
    (
        "ex14_dot_attention",
        """def dot_attention(queries, keys, values, mask=None):
    scores = np.asarray(queries) @ np.swapaxes(np.asarray(keys), -1, -2)
    if mask is not None:
        scores = np.where(np.asarray(mask, bool)[:, None, :], scores, -np.inf)
    weights = np.exp(scores - scores.max(axis=1, keepdims=True))
    weights = weights / weights.sum(axis=1, keepdims=True)
    return weights @ values, weights""",
        "over the last axis",
    ),
    (
        "ex14_dot_attention",
        """def dot_attention(queries, keys, values, mask=None):
    scores = np.asarray(queries) @ np.swapaxes(np.asarray(keys), -1, -2)
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    weights = weights / weights.sum(axis=-1, keepdims=True)
    return weights @ values, weights""",
        "padding positions",
    ),
    (
        "ex14_teacher_forcing",
        """def teacher_forcing_inputs(targets):
    return np.concatenate([targets[:, 1:], np.zeros((len(targets), 1), dtype=targets.dtype)], axis=1)""",
        "Shift right, not left",
    ),
    (
        "ex14_teacher_forcing",
        """def teacher_forcing_inputs(targets):
    return np.concatenate([np.zeros((len(targets), 1), dtype=targets.dtype), targets[:, :-1]], axis=1)""",
        "start token",
    ),
    (
        "ex14_length_penalty",
        """def best_hypothesis(hypotheses, alpha):
    return int(np.argmax([log_p * ((5 + len(tokens)) / 6) ** alpha for tokens, log_p in hypotheses]))""",
        "multiplied by the penalty",
    ),
    (
        "ex14_length_penalty",
        """def best_hypothesis(hypotheses, alpha):
    return int(np.argmax([log_p / len(tokens) for tokens, log_p in hypotheses]))""",
        "ignores alpha",
    ),
    (
        "ex14_beam_search",
        """def beam_decode(step, length, beam_width):
    beam = [((), 0.0)]
    for _ in range(length):
        log_p = np.asarray(step([prefix for prefix, _ in beam]))
        extended = []
        for (prefix, score), row in zip(beam, log_p):
            for token in np.argsort(-row, kind="stable")[:beam_width]:
                extended.append((prefix + (int(token),), score + row[token]))
        beam = extended[:beam_width]
    return max(beam, key=lambda item: item[1])""",
        "whole beam",
    ),
    (
        "ex14_beam_search",
        """def beam_decode(step, length, beam_width):
    beam = [((), 0.0)]
    for _ in range(length):
        log_p = np.asarray(step([prefix for prefix, _ in beam]))
        order = np.argsort(-log_p.ravel(), kind="stable")[:beam_width]
        beam = [(beam[i // log_p.shape[1]][0] + (int(i % log_p.shape[1]),),
                 beam[i // log_p.shape[1]][1] + log_p.ravel()[i]) for i in order]
    return beam[0]""",
        "total log-probability",
    ),
]
