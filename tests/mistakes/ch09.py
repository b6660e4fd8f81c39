"""Typical wrong answers to chapter 09's exercises, and the words their feedback must contain."""

MISTAKES = [
    (
        "ex09_soft_jaccard",
        """def soft_jaccard_loss(y_true, y_pred, smooth=1.0):
    t, p = np.asarray(y_true, dtype=float), np.asarray(y_pred, dtype=float)
    intersection = np.sum(t * p)
    return 1 - (intersection + smooth) / (np.sum(t) + np.sum(p) - intersection + smooth)""",
        "each image",
    ),
    (
        "ex09_soft_jaccard",
        """def soft_jaccard_loss(y_true, y_pred, smooth=1.0):
    t, p = np.asarray(y_true, dtype=float), np.asarray(y_pred, dtype=float)
    intersection = np.sum(t * p, axis=(1, 2, 3))
    return 1 - (intersection + smooth) / (np.sum(t, axis=(1, 2, 3)) + np.sum(p, axis=(1, 2, 3)) + smooth)""",
        "subtract the intersection",
    ),
    (
        "ex09_soft_jaccard",
        """def soft_jaccard_loss(y_true, y_pred, smooth=1.0):
    t, p = np.asarray(y_true, dtype=float), np.asarray(y_pred, dtype=float)
    intersection = np.sum(t * p, axis=(1, 2, 3))
    return 1 - intersection / (np.sum(t, axis=(1, 2, 3)) + np.sum(p, axis=(1, 2, 3)) - intersection)""",
        "add smooth",
    ),
    (
        "ex09_conv_transpose1d",
        """def conv_transpose1d(x, kernel, stride=2):
    k = len(kernel)
    out = np.zeros(len(x) * stride + k)
    for i in range(len(x)):
        out[i * stride:i * stride + k] += x[i] * kernel
    return out""",
        "(n - 1) * stride + k",
    ),
    (
        "ex09_conv_transpose1d",
        """def conv_transpose1d(x, kernel, stride=2):
    k = len(kernel)
    out = np.zeros((len(x) - 1) * stride + k)
    for i in range(len(x)):
        out[i * stride:i * stride + k] += x[i] * kernel[::-1]
    return out""",
        "flips the kernel",
    ),
    (
        "ex09_found_cells",
        """def count_found_cells(y_true, y_pred):
    from scipy import ndimage
    t_lab, n_t = ndimage.label(np.asarray(y_true) > 0.5)
    p_lab, n_p = ndimage.label(np.asarray(y_pred) > 0.5)
    found = sum(int(np.any(p_lab[t_lab == c] > 0)) for c in range(1, n_t + 1))
    return found, n_t, n_p""",
        "overlap is not enough",
    ),
    (
        "ex09_found_cells",
        """def count_found_cells(y_true, y_pred):
    from scipy import ndimage
    eight = np.ones((3, 3))
    t_lab, n_t = ndimage.label(np.asarray(y_true) > 0.5, structure=eight)
    p_lab, n_p = ndimage.label(np.asarray(y_pred) > 0.5, structure=eight)
    found = 0
    for c in range(1, n_t + 1):
        cell = t_lab == c
        for d in range(1, n_p + 1):
            other = p_lab == d
            if (cell & other).sum() / (cell | other).sum() > 0.5:
                found += 1
    return found, n_t, n_p""",
        "not diagonally",
    ),
    (
        "ex09_segmenter",
        """def build_segmenter():
    inputs = keras.Input((32, 32, 1))
    x = keras.layers.Conv2D(8, 3, padding="same", activation="relu")(inputs)
    x = keras.layers.Conv2D(1, 1, activation="softmax")(x)
    model = keras.Model(inputs, x)
    model.compile(optimizer="adam", loss="binary_crossentropy")
    return model""",
        "softmax over a single channel",
    ),
    (
        "ex09_segmenter",
        """def build_segmenter():
    inputs = keras.Input((32, 32, 1))
    x = keras.layers.Conv2D(8, 3, padding="same", activation="relu")(inputs)
    x = keras.layers.Conv2D(1, 1)(x)
    model = keras.Model(inputs, x)
    model.compile(optimizer="adam", loss=keras.losses.BinaryCrossentropy(from_logits=True))
    return model""",
        "should be probabilities",
    ),
]
