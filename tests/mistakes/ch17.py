"""Typical wrong answers to chapter 17's exercises, and the words their feedback must contain."""

MISTAKES = [
    (
        "ex17_kl_gaussians",
        """def kl_gaussians(mu1, log_var1, mu2, log_var2):
    return 0.5 * np.sum(log_var1 - log_var2 + (np.exp(log_var2) + (mu1 - mu2) ** 2) / np.exp(log_var1) - 1, axis=-1)""",
        "has a direction",
    ),
    (
        "ex17_kl_gaussians",
        """def kl_gaussians(mu1, log_var1, mu2, log_var2):
    return 0.5 * np.mean(log_var2 - log_var1 + (np.exp(log_var1) + (mu1 - mu2) ** 2) / np.exp(log_var2) - 1, axis=-1)""",
        "not averaged",
    ),
    (
        "ex17_negative_elbo",
        """def negative_elbo(x, x_hat, mu, log_var, beta=1.0):
    p = np.clip(x_hat, 1e-7, 1 - 1e-7)
    bce = -np.mean(x * np.log(p) + (1 - x) * np.log(1 - p), axis=-1)
    kl = -0.5 * np.sum(1 + log_var - mu**2 - np.exp(log_var), axis=-1)
    return bce + beta * kl""",
        "sum over its pixels",
    ),
    (
        "ex17_negative_elbo",
        """def negative_elbo(x, x_hat, mu, log_var, beta=1.0):
    bce = -np.sum(x * np.log(x_hat) + (1 - x) * np.log(1 - x_hat), axis=-1)
    kl = -0.5 * np.sum(1 + log_var - mu**2 - np.exp(log_var), axis=-1)
    return bce + beta * kl""",
        "clip x_hat",
    ),
    (
        "ex17_importance_weighted_bound",
        """def importance_weighted_bound(log_px_given_z, log_pz, log_qz):
    return np.mean(log_px_given_z + log_pz - log_qz, axis=0)""",
        "this is the ELBO",
    ),
    (
        "ex17_importance_weighted_bound",
        """def importance_weighted_bound(log_px_given_z, log_pz, log_qz):
    return np.log(np.mean(np.exp(log_px_given_z + log_pz - log_qz), axis=0))""",
        "underflows",
    ),
]
