"""Typical wrong answers to chapter 19's exercises, and words their feedback must contain."""

MISTAKES = [
    (
        "ex19_v_target",
        """def v_target(x0, eps, alpha_bar_t):
    a = np.asarray(alpha_bar_t, dtype=float)
    a = a.reshape((-1,) + (1,) * (np.ndim(x0) - 1)) if a.ndim else a
    return np.sqrt(a) * x0 - np.sqrt(1 - a) * eps""",
        "swapped roles",
    ),
    (
        "ex19_v_target",
        """def v_target(x0, eps, alpha_bar_t):
    a = np.asarray(alpha_bar_t, dtype=float)
    a = a.reshape((-1,) + (1,) * (np.ndim(x0) - 1)) if a.ndim else a
    return a * eps - (1 - a) * x0""",
        "square roots",
    ),
    (
        "ex19_v_target",
        """def v_target(x0, eps, alpha_bar_t):
    return np.sqrt(alpha_bar_t) * eps - np.sqrt(1 - alpha_bar_t) * x0""",
        "shape",
    ),
    (
        "ex19_eps_from_v",
        """def eps_from_v(x_t, v, alpha_bar_t):
    a = np.asarray(alpha_bar_t, dtype=float)
    a = a.reshape((-1,) + (1,) * (np.ndim(x_t) - 1)) if a.ndim else a
    return np.sqrt(a) * x_t - np.sqrt(1 - a) * v""",
        "predicted x0",
    ),
    (
        "ex19_eps_from_v",
        """def eps_from_v(x_t, v, alpha_bar_t):
    a = np.asarray(alpha_bar_t, dtype=float)
    a = a.reshape((-1,) + (1,) * (np.ndim(x_t) - 1)) if a.ndim else a
    return np.sqrt(a) * x_t + np.sqrt(1 - a) * v""",
        "weights are swapped",
    ),
    ("ex19_posterior_variance", "ex19_posterior_variance_answer = 0.3", "beta_3"),
    (
        "ex19_posterior_variance",
        "ex19_posterior_variance_answer = (1 - 0.504) / (1 - 0.72) * 0.3",
        "upside down",
    ),
    (
        "ex19_posterior_variance",
        "ex19_posterior_variance_answer = (1 - 0.72) / (1 - 0.504) * 0.4",
        "off by one",
    ),
    (
        "ex19_reverse_step",
        """def reverse_step(x_t, eps_hat, k, betas, z):
    abar = np.cumprod(1 - betas)
    mean = (x_t - betas[k] / np.sqrt(1 - abar[k]) * eps_hat) / np.sqrt(abar[k])
    return mean + np.sqrt(betas[k]) * z""",
        "sqrt(alpha_t)",
    ),
    (
        "ex19_reverse_step",
        """def reverse_step(x_t, eps_hat, k, betas, z):
    abar = np.cumprod(1 - betas)
    mean = (x_t - betas[k] / np.sqrt(1 - abar[k]) * eps_hat) / np.sqrt(1 - betas[k])
    return mean + np.sqrt(betas[k]) * z""",
        "adds no noise",
    ),
    (
        "ex19_ddim_step_v",
        """def ddim_step_v(x_t, v_hat, alpha_bar_t, alpha_bar_s):
    return np.sqrt(alpha_bar_t) * x_t - np.sqrt(1 - alpha_bar_t) * v_hat""",
        "put the noise back",
    ),
    (
        "ex19_ddim_step_v",
        """def ddim_step_v(x_t, v_hat, alpha_bar_t, alpha_bar_s):
    x0 = np.sqrt(alpha_bar_t) * x_t - np.sqrt(1 - alpha_bar_t) * v_hat
    return np.sqrt(alpha_bar_s) * x0 + np.sqrt(1 - alpha_bar_s) * np.random.standard_normal(np.shape(x_t))""",
        "deterministic",
    ),
    (
        "ex19_ddim_step_v",
        """def ddim_step_v(x_t, v_hat, alpha_bar_t, alpha_bar_s):
    x0 = np.sqrt(alpha_bar_t) * x_t - np.sqrt(1 - alpha_bar_t) * v_hat
    eps = np.sqrt(1 - alpha_bar_t) * x_t + np.sqrt(alpha_bar_t) * v_hat
    return np.sqrt(alpha_bar_t) * x0 + np.sqrt(1 - alpha_bar_s) * eps""",
        "mixed noise levels",
    ),
]
