"""Typical wrong answers to chapter 10's exercises, and the words their feedback must contain."""

MISTAKES = [
    (
        "ex10_batch_all",
        """def batch_all_triplet_loss(labels, embeddings, margin):
    labels, E = np.asarray(labels), np.asarray(embeddings, dtype=float)
    d = np.sqrt(((E[:, None] - E[None]) ** 2).sum(-1))
    same = labels[:, None] == labels[None, :]
    valid = same[:, :, None] & ~same[:, None, :]
    if not valid.any():
        return 0.0
    return float(np.maximum(d[:, :, None] - d[:, None, :] + margin, 0)[valid].mean())""",
        "anchor itself",
    ),
    (
        "ex10_batch_all",
        """def batch_all_triplet_loss(labels, embeddings, margin):
    labels, E = np.asarray(labels), np.asarray(embeddings, dtype=float)
    d = ((E[:, None] - E[None]) ** 2).sum(-1)
    same = labels[:, None] == labels[None, :]
    valid = (same & ~np.eye(len(labels), dtype=bool))[:, :, None] & ~same[:, None, :]
    if not valid.any():
        return 0.0
    return float(np.maximum(d[:, :, None] - d[:, None, :] + margin, 0)[valid].mean())""",
        "squared distances",
    ),
    (
        "ex10_batch_all",
        """def batch_all_triplet_loss(labels, embeddings, margin):
    labels, E = np.asarray(labels), np.asarray(embeddings, dtype=float)
    d = np.sqrt(((E[:, None] - E[None]) ** 2).sum(-1))
    same = labels[:, None] == labels[None, :]
    valid = (same & ~np.eye(len(labels), dtype=bool))[:, :, None] & ~same[:, None, :]
    losses = np.maximum(d[:, :, None] - d[:, None, :] + margin, 0)[valid]
    return float(losses[losses > 0].mean()) if (losses > 0).any() else 0.0""",
        "all valid triplets",
    ),
    (
        "ex10_contrastive_debug",
        """def contrastive_pair_loss(y_true, distance, margin=1.0):
    y, d = np.asarray(y_true, dtype=float), np.asarray(distance, dtype=float)
    return float(np.mean(y * d**2 + (1 - y) * np.maximum(0, margin - d**2)))""",
        "not squared",
    ),
    (
        "ex10_contrastive_debug",
        """def contrastive_pair_loss(y_true, distance, margin=1.0):
    y, d = np.asarray(y_true, dtype=float), np.asarray(distance, dtype=float)
    return float(np.mean((1 - y) * d**2 + y * np.maximum(0, margin - d) ** 2))""",
        "labels are swapped",
    ),
    (
        "ex10_recall_at_k",
        """def recall_at_k(embeddings, labels, k):
    E, labels = np.asarray(embeddings, dtype=float), np.asarray(labels)
    d = ((E[:, None] - E[None]) ** 2).sum(-1)
    nearest = np.argsort(d, axis=1)[:, :k]
    return float(np.mean((labels[nearest] == labels[:, None]).any(axis=1)))""",
        "its own neighbour",
    ),
    (
        "ex10_recall_at_k",
        """def recall_at_k(embeddings, labels, k):
    E, labels = np.asarray(embeddings, dtype=float), np.asarray(labels)
    d = ((E[:, None] - E[None]) ** 2).sum(-1)
    np.fill_diagonal(d, -np.inf)
    nearest = np.argsort(-d, axis=1)[:, :k]
    return float(np.mean((labels[nearest] == labels[:, None]).any(axis=1)))""",
        "farthest",
    ),
    (
        "ex10_recall_at_k",
        """def recall_at_k(embeddings, labels, k):
    E, labels = np.asarray(embeddings, dtype=float), np.asarray(labels)
    d = ((E[:, None] - E[None]) ** 2).sum(-1)
    np.fill_diagonal(d, np.inf)
    nearest = np.argsort(d, axis=1)[:, :k]
    return float(np.mean(labels[nearest] == labels[:, None]))""",
        "at least one",
    ),
    (
        "ex10_glyph_encoder",
        """def make_glyph_encoder():
    return keras.Sequential([keras.Input(shape=(8, 8, 1)), keras.layers.Flatten(), keras.layers.Dense(32)])""",
        "(16, 16, 1)",
    ),
    (
        "ex10_glyph_encoder",
        """def make_glyph_encoder():
    return keras.Sequential([keras.Input(shape=(16, 16, 1)), keras.layers.Conv2D(64, 3, padding="same"),
                             keras.layers.Flatten(), keras.layers.Dense(256), keras.layers.Dense(32)])""",
        "parameters",
    ),
]
