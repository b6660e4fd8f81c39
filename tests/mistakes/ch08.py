"""Typical wrong answers to chapter 08's exercises, and the words their feedback must contain."""

MISTAKES = [
    ("ex08_separable_answer", "ex08_separable_answer = (10304, 88320)", "full Conv1D"),
    ("ex08_separable_answer", "ex08_separable_answer = (2208, 88320)", "forgets the biases"),
    ("ex08_separable_answer", "ex08_separable_answer = (2272, 2208)", "all 40 positions"),
    (
        "ex08_conv_batch_norm",
        """def conv_batch_norm(h, gamma, beta, epsilon=1e-3):
    mean = h.mean(axis=0)
    variance = h.var(axis=0)
    return gamma * (h - mean) / np.sqrt(variance + epsilon) + beta""",
        "over the positions too",
    ),
    (
        "ex08_conv_batch_norm",
        """def conv_batch_norm(h, gamma, beta, epsilon=1e-3):
    mean = h.mean(axis=(0, 1))
    variance = h.var(axis=(0, 1))
    return gamma * (h - mean) / np.sqrt(variance) + beta""",
        "epsilon is missing",
    ),
    (
        "ex08_conv_batch_norm",
        """def conv_batch_norm(h, gamma, beta, epsilon=1e-3):
    mean = h.mean(axis=(0, 1))
    variance = h.var(axis=(0, 1), ddof=1)
    return gamma * (h - mean) / np.sqrt(variance + epsilon) + beta""",
        "biased variance",
    ),
    (
        "ex08_fold_batch_norm",
        """def fold_batch_norm(kernel, bias, gamma, beta, moving_mean, moving_variance, epsilon=1e-3):
    scale = gamma / np.sqrt(moving_variance)
    return kernel * scale, (bias - moving_mean) * scale + beta""",
        "epsilon is missing",
    ),
    (
        "ex08_fold_batch_norm",
        """def fold_batch_norm(kernel, bias, gamma, beta, moving_mean, moving_variance, epsilon=1e-3):
    scale = gamma / np.sqrt(moving_variance + epsilon)
    return kernel * scale, bias - moving_mean + beta""",
        "shifted but not scaled",
    ),
    (
        "ex08_fold_batch_norm",
        """def fold_batch_norm(kernel, bias, gamma, beta, moving_mean, moving_variance, epsilon=1e-3):
    scale = gamma / (moving_variance + epsilon)
    return kernel * scale, (bias - moving_mean) * scale + beta""",
        "square root",
    ),
    (
        "ex08_count_macs",
        """def count_macs(model):
    total = 0
    for layer in model.layers:
        if isinstance(layer, (keras.layers.Conv1D, keras.layers.SeparableConv1D)):
            total += layer.input.shape[1] * layer.kernel_size[0] * layer.input.shape[-1] * layer.filters
        elif isinstance(layer, keras.layers.Dense):
            total += layer.input.shape[-1] * layer.units
    return int(total)""",
        "output positions",
    ),
    (
        "ex08_count_macs",
        """def count_macs(model):
    total = 0
    for layer in model.layers:
        if isinstance(layer, (keras.layers.Conv1D, keras.layers.SeparableConv1D)):
            total += layer.output.shape[1] * (layer.kernel_size[0] * layer.input.shape[-1] + 1) * layer.filters
        elif isinstance(layer, keras.layers.Dense):
            total += layer.input.shape[-1] * layer.units
    return int(total)""",
        "bias additions",
    ),
    (
        "ex08_count_macs",
        """def count_macs(model):
    total = 0
    for layer in model.layers:
        if isinstance(layer, (keras.layers.Conv1D, keras.layers.SeparableConv1D)):
            total += layer.output.shape[1] * layer.kernel_size[0] * layer.input.shape[-1] * layer.filters
        elif isinstance(layer, keras.layers.Dense):
            total += layer.input.shape[-1] * layer.units
    return int(total)""",
        "counted as a full convolution",
    ),
    (
        "ex08_small_resnet",
        """def build_small_resnet():
    return keras.Sequential([keras.Input((40, 1)), keras.layers.Conv1D(16, 5, activation="relu"),
                             keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(10, activation="softmax")])""",
        "not compiled",
    ),
    (
        "ex08_small_resnet",
        """def build_small_resnet():
    model = keras.Sequential([keras.Input((40, 1)), keras.layers.Flatten(),
                              keras.layers.Dense(128, activation="relu"), keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    return model""",
        "more than 5 000",
    ),
]
