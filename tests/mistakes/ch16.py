"""Typical wrong answers to chapter 16's exercises, and the words their feedback must contain."""

MISTAKES = [
    (
        "ex16_merge_step",
        """def merge_most_frequent(words):
    counts = {}
    for word in words:
        for pair in zip(word, word[1:]):
            counts[pair] = counts.get(pair, 0) + 1
    best = min(counts, key=lambda pair: (-counts[pair], pair))
    new_words = {}
    for word, count in words.items():
        out, i = [], 0
        while i < len(word):
            if i + 1 < len(word) and (word[i], word[i + 1]) == best:
                out.append(word[i] + word[i + 1])
                i += 2
            else:
                out.append(word[i])
                i += 1
        new_words[tuple(out)] = count
    return best, new_words""",
        "weight each pair by how often its word occurs",
    ),
    (
        "ex16_merge_step",
        """def merge_most_frequent(words):
    counts = {}
    for word, count in words.items():
        for pair in zip(word, word[1:]):
            counts[pair] = counts.get(pair, 0) + count
    best = min(counts, key=lambda pair: (-counts[pair], pair))
    new_words = {}
    for word, count in words.items():
        out = list(word)
        for i in range(len(out) - 1):
            if (out[i], out[i + 1]) == best:
                out[i:i + 2] = [out[i] + out[i + 1]]
                break
        new_words[tuple(out)] = count
    return best, new_words""",
        "replace every occurrence",
    ),
    (
        "ex16_patchify",
        """def patchify_images(images, patch):
    n, height, width, channels = images.shape
    return images.reshape(n, (height // patch) * (width // patch), patch * patch * channels)""",
        "a plain reshape cuts each row of pixels",
    ),
    (
        "ex16_patchify",
        """def patchify_images(images, patch):
    n, height, width, channels = images.shape
    rows, cols = height // patch, width // patch
    x = images.reshape(n, rows, patch, cols, patch, channels).transpose(0, 3, 1, 2, 4, 5)
    return x.reshape(n, rows * cols, patch * patch * channels)""",
        "column by column",
    ),
    (
        "ex16_bpe_encode",
        """def bpe_encode_word(word, merges):
    symbols = list(word)
    for first, second in reversed(merges):
        out, i = [], 0
        while i < len(symbols):
            if i + 1 < len(symbols) and symbols[i] == first and symbols[i + 1] == second:
                out.append(first + second)
                i += 2
            else:
                out.append(symbols[i])
                i += 1
        symbols = out
    return symbols""",
        "lowest rank",
    ),
    (
        "ex16_bpe_encode",
        """def bpe_encode_word(word, merges):
    symbols = list(word)
    for first, second in merges:
        for i in range(len(symbols) - 1):
            if symbols[i] == first and symbols[i + 1] == second:
                symbols[i:i + 2] = [first + second]
                break
    return symbols""",
        "only the first occurrence",
    ),
]
