"""Typical wrong answers to chapter 21's exercises, and the words their feedback must contain."""

MISTAKES = [
    (
        "ex21_halving_cost",
        """def halving_cost(n, min_epochs, max_epochs, eta):
    epochs, cost = min_epochs, n * min_epochs
    while epochs < max_epochs:
        n = max(n // eta, 1)
        epochs = min(epochs * eta, max_epochs)
        cost += n * epochs
    return cost""",
        "costs only its extra epochs",
    ),
    (
        "ex21_halving_cost",
        """def halving_cost(n, min_epochs, max_epochs, eta):
    epochs, cost = min_epochs, n * min_epochs
    while epochs < max_epochs:
        n = n // eta
        longer = min(epochs * eta, max_epochs)
        cost += n * (longer - epochs)
        epochs = longer
    return cost""",
        "keep at least one",
    ),
    (
        "ex21_promote",
        """def promote(configs, scores, eta):
    order = np.argsort(scores)
    return [configs[i] for i in order[:max(len(configs) // eta, 1)]]""",
        "lowest scores",
    ),
    (
        "ex21_promote",
        """def promote(configs, scores, eta):
    order = np.argsort(scores)[::-1]
    return [configs[i] for i in order[:len(configs) // eta]]""",
        "at least one",
    ),
    (
        "ex21_hyperband_plan",
        """def hyperband_plan(max_epochs, eta):
    import math
    s_max = int(math.log(max_epochs) / math.log(eta))
    plan = []
    for s in range(s_max, -1, -1):
        n, epochs = -(-(s_max + 1) * eta ** s // (s + 1)), max_epochs // eta ** s
        rungs = [(n, epochs)]
        while epochs < max_epochs:
            n, epochs = max(n // eta, 1), min(epochs * eta, max_epochs)
            rungs.append((n, epochs))
        plan.append(rungs)
    return plan""",
        "floating-point log",
    ),
    (
        "ex21_hyperband_plan",
        """def hyperband_plan(max_epochs, eta):
    s_max = 0
    while eta ** (s_max + 1) <= max_epochs:
        s_max += 1
    plan = []
    for s in range(s_max, -1, -1):
        n, epochs = (s_max + 1) * eta ** s // (s + 1), max_epochs // eta ** s
        rungs = [(n, epochs)]
        while epochs < max_epochs:
            n, epochs = max(n // eta, 1), min(epochs * eta, max_epochs)
            rungs.append((n, epochs))
        plan.append(rungs)
    return plan""",
        "ceiling",
    ),
    (
        "ex21_hyperband_plan",
        """def hyperband_plan(max_epochs, eta):
    s_max = 0
    while eta ** (s_max + 1) <= max_epochs:
        s_max += 1
    plan = []
    for s in range(s_max, -1, -1):
        n, epochs = -(-(s_max + 1) * eta ** s // (s + 1)), max_epochs // eta ** s
        rungs = [(n, epochs)]
        while epochs < max_epochs:
            n, epochs = max(n // eta, 1), epochs * eta
            rungs.append((n, epochs))
        plan.append(rungs)
    return plan""",
        "beyond max_epochs",
    ),
]
