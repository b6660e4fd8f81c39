"""Typical wrong answers to chapter 07's exercises, and the words their feedback must contain."""

MISTAKES = [
    (
        "ex07_receptive_field",
        """def receptive_field(layers):
    return 1 + sum(k - 1 for k, _ in layers)""",
        "ignores the strides",
    ),
    (
        "ex07_receptive_field",
        """def receptive_field(layers):
    field, jump = 1, 1
    for k, s in layers:
        jump *= s
        field += (k - 1) * jump
    return field""",
        "does not widen its own",
    ),
    (
        "ex07_conv1d",
        """def conv1d(x, kernel, stride=1):
    k = len(kernel)
    n_out = (len(x) - k) // stride
    return np.array([np.dot(x[i:i + k], kernel) for i in range(0, n_out * stride, stride)])""",
        "(n - k) // stride + 1",
    ),
    (
        "ex07_conv1d",
        """def conv1d(x, kernel, stride=1):
    k = len(kernel)
    n_out = (len(x) - k) // stride + 1
    return np.array([np.dot(x[i:i + k], kernel[::-1]) for i in range(0, n_out * stride, stride)])""",
        "flips the kernel",
    ),
    (
        "ex07_conv2d_multi",
        """def conv2d_multi(x, kernel, bias, stride=1, padding="valid"):
    (n, h, w, _), (kh, kw, _, c_out) = x.shape, kernel.shape
    if padding == "same":
        h_out, w_out = -(-h // stride), -(-w // stride)
        ph, pw = max((h_out - 1) * stride + kh - h, 0), max((w_out - 1) * stride + kw - w, 0)
        x = np.pad(x, ((0, 0), (ph - ph // 2, ph // 2), (pw - pw // 2, pw // 2), (0, 0)))
    else:
        h_out, w_out = (h - kh) // stride + 1, (w - kw) // stride + 1
    out = np.empty((n, h_out, w_out, c_out))
    for i in range(h_out):
        for j in range(w_out):
            window = x[:, i * stride:i * stride + kh, j * stride:j * stride + kw, :]
            out[:, i, j] = np.tensordot(window, kernel, axes=([1, 2, 3], [0, 1, 2])) + bias
    return out""",
        "bottom and on the right",
    ),
    (
        "ex07_conv2d_multi",
        """def conv2d_multi(x, kernel, bias, stride=1, padding="valid"):
    (n, h, w, _), (kh, kw, _, c_out) = x.shape, kernel.shape
    if padding == "same":
        h_out, w_out = -(-h // stride), -(-w // stride)
        ph, pw = max((h_out - 1) * stride + kh - h, 0), max((w_out - 1) * stride + kw - w, 0)
        x = np.pad(x, ((0, 0), (ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2), (0, 0)))
    else:
        h_out, w_out = (h - kh) // stride + 1, (w - kw) // stride + 1
    out = np.empty((n, h_out, w_out, c_out))
    for i in range(h_out):
        for j in range(w_out):
            window = x[:, i * stride:i * stride + kh, j * stride:j * stride + kw, :]
            out[:, i, j] = np.tensordot(window, kernel, axes=([1, 2, 3], [0, 1, 2]))
    return out""",
        "bias is missing",
    ),
    (
        "ex07_conv2d_multi",
        """def conv2d_multi(x, kernel, bias, stride=1, padding="valid"):
    (n, h, w, _), (kh, kw, _, c_out) = x.shape, kernel.shape
    if padding == "same":
        ph, pw = kh - 1, kw - 1
        x = np.pad(x, ((0, 0), (ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2), (0, 0)))
    h_out, w_out = x.shape[1] - kh + 1, x.shape[2] - kw + 1
    out = np.empty((n, h_out, w_out, c_out))
    for i in range(h_out):
        for j in range(w_out):
            window = x[:, i:i + kh, j:j + kw, :]
            out[:, i, j] = np.tensordot(window, kernel, axes=([1, 2, 3], [0, 1, 2])) + bias
    return out""",
        "should have shape",
    ),
    (
        "ex07_cnn_model",
        """def build_cnn():
    return keras.Sequential([keras.Input(shape=(12, 12, 1)), keras.layers.Conv2D(16, 3, activation="relu"),
                             keras.layers.GlobalMaxPooling2D(), keras.layers.Dense(10, activation="softmax")])""",
        "not compiled",
    ),
    (
        "ex07_cnn_model",
        """def build_cnn():
    model = keras.Sequential([keras.Input(shape=(12, 12, 1)), keras.layers.Flatten(),
                              keras.layers.Dense(256, activation="relu"), keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    return model""",
        "more than 30 000",
    ),
]
