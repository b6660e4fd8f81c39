"""Image segmentation in NumPy: the transposed convolution, overlap scores, Dice loss and Otsu's threshold.

Chapter 09, its widget :class:`dlbook.widgets.SegmentationViewer`, the unit tests and the hidden exercise tests all
import these functions, so there is one implementation. Masks are arrays of 0 and 1 (or booleans) of any shape;
probabilities are floats in [0, 1].
"""

from __future__ import annotations

import numpy as np

from dlbook.checks import check_number

PADDINGS = ("valid", "same")


def conv_transpose_output_size(n: int, k: int, stride: int = 1, padding: str = "valid") -> int:
    """The length of a transposed convolution's output along an axis of length ``n`` (Keras's rules).

    ``"valid"``: ``(n - 1) * stride + k``, every input pixel paints a whole kernel-sized patch (and at least
    ``n * stride``: a kernel smaller than the stride leaves zeros between the patches and after the last one).
    ``"same"``: ``n * stride``, the inverse of a ``"same"`` convolution's ``ceil(n / stride)``.
    """
    n, k = (
        check_number("The input size", n, 1, integer=True),
        check_number("The kernel size", k, 1, integer=True),
    )
    stride = check_number("The stride", stride, 1, integer=True)
    if padding not in PADDINGS:
        raise ValueError(f'Unknown padding {padding!r}: use "valid" or "same".')
    return (n - 1) * stride + max(k, stride) if padding == "valid" else n * stride


def conv_transpose2d(x, kernel, bias=None, stride: int = 1, padding: str = "valid") -> np.ndarray:
    """A transposed convolution as ``keras.layers.Conv2DTranspose`` computes it, for one image.

    ``x`` has shape ``(H, W, C_in)`` and ``kernel`` Keras's shape ``(kh, kw, C_out, C_in)`` (output channels
    first, the reverse of ``Conv2D``). Each input pixel adds ``x[i, j] @ kernel`` as a ``kh x kw`` patch at
    ``(i * stride, j * stride)`` of the output; ``"same"`` padding then crops ``(k - stride) // 2`` rows and columns
    at the top and left, and keeps ``n * stride``.
    """
    x, kernel = np.asarray(x, dtype=float), np.asarray(kernel, dtype=float)
    if x.ndim != 3 or kernel.ndim != 4 or kernel.shape[3] != x.shape[2]:
        raise ValueError(
            f"conv_transpose2d needs x of shape (H, W, C_in) and a kernel of shape (kh, kw, C_out, "
            f"C_in) with the same C_in, got {x.shape} and {kernel.shape}."
        )
    (h, w, _), (kh, kw, c_out, _) = x.shape, kernel.shape
    stride = check_number("The stride", stride, 1, integer=True)
    full = np.zeros(((h - 1) * stride + kh, (w - 1) * stride + kw, c_out))
    patches = np.einsum("ijc,uvoc->ijuvo", x, kernel)  # the patch every input pixel paints
    for i in range(h):
        for j in range(w):
            full[i * stride : i * stride + kh, j * stride : j * stride + kw] += patches[i, j]
    out_h = conv_transpose_output_size(h, kh, stride, padding)
    out_w = conv_transpose_output_size(w, kw, stride, padding)
    top, left = (max(kh - stride, 0) // 2, max(kw - stride, 0) // 2) if padding == "same" else (0, 0)
    out = full[top : top + out_h, left : left + out_w]
    if out.shape[:2] != (out_h, out_w):  # a kernel smaller than the stride leaves zero rows at the end
        out = np.pad(out, ((0, out_h - out.shape[0]), (0, out_w - out.shape[1]), (0, 0)))
    return out if bias is None else out + np.asarray(bias, dtype=float)


def _masks(y_true, y_pred) -> tuple[np.ndarray, np.ndarray]:
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"The two masks must have the same shape, got {y_true.shape} and {y_pred.shape}.")
    return y_true.astype(bool), y_pred.astype(bool)


def iou_score(y_true, y_pred) -> float:
    """Intersection over union (Jaccard index) of two binary masks: ``|T and P| / |T or P|``, pooled over all pixels.

    Two empty masks agree perfectly: 1.0.
    """
    t, p = _masks(y_true, y_pred)
    union = np.logical_or(t, p).sum()
    return 1.0 if union == 0 else float(np.logical_and(t, p).sum() / union)


def dice_score(y_true, y_pred) -> float:
    """The Dice coefficient (F1 score) of two binary masks: ``2 |T and P| / (|T| + |P|)``; two empty masks give 1.0."""
    t, p = _masks(y_true, y_pred)
    total = t.sum() + p.sum()
    return 1.0 if total == 0 else float(2 * np.logical_and(t, p).sum() / total)


def per_image_iou(y_true, y_pred) -> np.ndarray:
    """The IoU of each image of a batch of masks ``(n, ...)``: an array of ``n`` scores."""
    t, p = _masks(y_true, y_pred)
    return np.array([iou_score(a, b) for a, b in zip(t, p, strict=True)])


def soft_dice_loss(y_true, y_pred, smooth: float = 1.0) -> np.ndarray:
    """The soft Dice loss of each image: ``1 - (2 sum(t p) + s) / (sum(t) + sum(p) + s)``, summed over every axis but
    the first (the batch). ``y_pred`` holds probabilities, so the loss is differentiable; ``smooth`` keeps an empty
    mask predicted empty at loss 0 instead of 0 / 0."""
    t, p = np.asarray(y_true, dtype=float), np.asarray(y_pred, dtype=float)
    axes = tuple(range(1, t.ndim))
    intersection = (t * p).sum(axis=axes)
    return 1 - (2 * intersection + smooth) / (t.sum(axis=axes) + p.sum(axis=axes) + smooth)


def otsu_masks(images) -> np.ndarray:
    """Segment each image of ``(n, H, W[, 1])`` with its own Otsu threshold (scikit-image): pixels above it are 1.

    Otsu's method picks the grey level that best separates the image's histogram into two classes (it maximises the
    variance between them); one global threshold per image, blind to where a pixel is.
    """
    from skimage.filters import threshold_otsu

    images = np.asarray(images, dtype=float)
    return np.stack([image > threshold_otsu(image) for image in images]).astype(np.float32)


# colours of the difference overlay: true positive, false positive (predicted, not there), false negative (missed)
OVERLAY_COLOURS = {"hit": (0.2, 0.75, 0.3), "false alarm": (0.95, 0.6, 0.1), "missed": (0.85, 0.1, 0.6)}


def difference_overlay(image, y_true, y_pred, alpha: float = 0.6) -> np.ndarray:
    """An RGB picture of a grey ``image`` (H, W) with hits, false alarms and misses of ``y_pred`` against
    ``y_true`` painted in :data:`OVERLAY_COLOURS`, blended with weight ``alpha``. Returns ``(H, W, 3)`` in [0, 1]."""
    image = np.asarray(image, dtype=float).squeeze()
    t, p = _masks(np.asarray(y_true).squeeze(), np.asarray(y_pred).squeeze())
    if image.shape != t.shape:
        raise ValueError(f"The image {image.shape} and the masks {t.shape} must have the same shape.")
    low, high = image.min(), image.max()
    grey = (image - low) / (high - low) if high > low else np.zeros_like(image)
    rgb = np.repeat(grey[..., np.newaxis], 3, axis=-1)
    for name, where in (("hit", t & p), ("false alarm", ~t & p), ("missed", t & ~p)):
        rgb[where] = (1 - alpha) * rgb[where] + alpha * np.array(OVERLAY_COLOURS[name])
    return rgb


def confusion_counts(y_true, y_pred) -> dict[str, int]:
    """Pixels that are hits (true positives), false alarms (false positives) and misses (false negatives)."""
    t, p = _masks(y_true, y_pred)
    return {"hit": int((t & p).sum()), "false alarm": int((~t & p).sum()), "missed": int((t & ~p).sum())}
