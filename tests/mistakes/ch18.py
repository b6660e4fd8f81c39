"""Typical wrong answers to chapter 18's exercises, and words their feedback must contain."""

MISTAKES = [
    (
        "ex18_optimal_discriminator",
        "ex18_optimal_discriminator_answer = 1 / (1 + np.exp(0.5))",
        "probability that the sample is fake",
    ),
    ("ex18_optimal_discriminator", "ex18_optimal_discriminator_answer = 0.5", "only where p_data = p_g"),
    ("ex18_optimal_discriminator", "ex18_optimal_discriminator_answer = 1 / np.sqrt(2 * np.pi)", "density"),
    (
        "ex18_wasserstein_losses",
        """def wasserstein_losses(real_scores, fake_scores):
    return float(np.mean(real_scores) - np.mean(fake_scores)), -float(np.mean(fake_scores))""",
        "wrong sign",
    ),
    (
        "ex18_wasserstein_losses",
        """def wasserstein_losses(real_scores, fake_scores):
    critic = np.mean(np.logaddexp(0, -real_scores)) + np.mean(np.logaddexp(0, fake_scores))
    return float(critic), float(np.mean(np.logaddexp(0, -fake_scores)))""",
        "not logits",
    ),
    (
        "ex18_wasserstein_losses",
        """def wasserstein_losses(real_scores, fake_scores):
    return float(np.mean(fake_scores) - np.mean(real_scores)), float(np.mean(fake_scores))""",
        "wants high scores",
    ),
    (
        "ex18_generator_update",
        """def generator_update(theta, w, b, z, learning_rate):
    a = w * (theta + z) + b
    grad = -np.mean(1 / (1 + np.exp(-a)) * w)
    return theta + learning_rate * grad""",
        "saturates",
    ),
    (
        "ex18_generator_update",
        """def generator_update(theta, w, b, z, learning_rate):
    a = w * (theta + z) + b
    grad = -np.mean((1 - 1 / (1 + np.exp(-a))) * w)
    return theta + learning_rate * grad""",
        "wrong way",
    ),
    (
        "ex18_gradient_penalty",
        """def gradient_penalty(critic_grad, real, fake, eps):
    norms = np.linalg.norm(critic_grad(real), axis=1)
    return float(np.mean((norms - 1) ** 2))""",
        "interpolated points",
    ),
    (
        "ex18_gradient_penalty",
        """def gradient_penalty(critic_grad, real, fake, eps):
    x_hat = eps[:, None] * real + (1 - eps[:, None]) * fake
    return float(np.mean(np.sum(critic_grad(x_hat) ** 2, axis=1)))""",
        "towards 1",
    ),
    (
        "ex18_gradient_penalty",
        """def gradient_penalty(critic_grad, real, fake, eps):
    x_hat = eps[:, None] * fake + (1 - eps[:, None]) * real
    return float(np.mean((np.linalg.norm(critic_grad(x_hat), axis=1) - 1) ** 2))""",
        "eps weighs the real sample",
    ),
]
