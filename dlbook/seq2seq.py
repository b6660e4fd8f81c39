"""Sequence to sequence with attention, from scratch in NumPy (chapter 14).

Characters to integer ids and back, the GRU cell as Keras computes it (``reset_after=True``), additive (Bahdanau)
attention, one step of an attention decoder, and the two ways to decode: greedy and beam search. Every function takes
and returns NumPy arrays; the weights come from a trained Keras model (see ``decoder_weights``), so the notebook can
check each piece against Keras and decode without calling Keras step by step.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import expit, log_softmax

from dlbook.checks import check_number

# id 0 pads every sequence; id 1 is the decoder's start token (target alphabets start at id 2)
PAD, START = 0, 1


def alphabet_of(texts) -> str:
    """The sorted characters that occur in ``texts``: id ``i + offset`` encodes character ``i`` of it."""
    return "".join(sorted(set("".join(texts))))


def encode(texts, alphabet: str, length: int, offset: int = 1, pad: str = "end") -> np.ndarray:
    """Integer ids of shape ``(n, length)``: character ``alphabet[i]`` becomes ``i + offset``, and ``PAD`` (0)
    fills the rest of each row, at its ``"end"`` or at its ``"start"`` (so that the text ends the row, as an encoder
    whose last state is read needs). A character outside ``alphabet`` or a text longer than ``length`` is refused."""
    if pad not in ("start", "end"):
        raise ValueError(f"pad is 'start' or 'end', not {pad!r}.")
    index = {char: i + offset for i, char in enumerate(alphabet)}
    ids = np.zeros((len(texts), length), dtype=np.int32)
    for row, text in enumerate(texts):
        if len(text) > length:
            raise ValueError(f"{text!r} has {len(text)} characters, more than the {length} the model reads.")
        unknown = sorted(set(text) - set(index))
        if unknown:
            raise ValueError(f"{text!r} contains characters the model does not know: {''.join(unknown)!r}.")
        codes = [index[char] for char in text]
        if codes:
            ids[row, slice(length - len(codes), None) if pad == "start" else slice(None, len(codes))] = codes
    return ids


def decode(ids, alphabet: str, offset: int = 1) -> list[str]:
    """The texts of rows of ids (the inverse of ``encode``); ids below ``offset`` (padding, start) are skipped."""
    ids = np.atleast_2d(np.asarray(ids))
    return ["".join(alphabet[i - offset] for i in row if offset <= i < offset + len(alphabet)) for row in ids]


def shift_right(targets: np.ndarray) -> np.ndarray:
    """The decoder's teacher-forcing inputs: ``START`` then every target id but the last."""
    targets = np.asarray(targets)
    return np.concatenate([np.full((len(targets), 1), START, targets.dtype), targets[:, :-1]], axis=1)


def exact_match(predictions, targets) -> np.ndarray:
    """1.0 where a predicted sequence (text or row of ids) equals its target exactly, else 0.0."""
    return np.array(
        [
            float(np.array_equal(np.asarray(p), np.asarray(t))) if not isinstance(p, str) else float(p == t)
            for p, t in zip(predictions, targets, strict=True)
        ]
    )


def gru_step(x, h, kernel, recurrent_kernel, bias) -> np.ndarray:
    """One step of Keras's GRU (``reset_after=True``, gates in the order update z, reset r, candidate):
    ``z = σ(x W_z + h U_z + b)``, ``r = σ(x W_r + h U_r + b)``, ``h~ = tanh(x W_h + r ⊙ (h U_h + b'))``,
    ``h' = z ⊙ h + (1 - z) ⊙ h~``. ``bias`` has shape ``(2, 3 units)``: input bias, recurrent bias."""
    bias = np.asarray(bias).reshape(2, -1)
    xz, xr, xh = np.split(x @ kernel + bias[0], 3, axis=-1)
    hz, hr, hh = np.split(h @ recurrent_kernel + bias[1], 3, axis=-1)
    z, r = expit(xz + hz), expit(xr + hr)
    return z * h + (1 - z) * np.tanh(xh + r * hh)


def gru(xs, h0, kernel, recurrent_kernel, bias) -> np.ndarray:
    """Run ``gru_step`` over ``xs`` of shape ``(n, T, d)`` from ``h0`` ``(n, units)``: all states, ``(n, T, units)``."""
    states, h = [], np.asarray(h0)
    for t in range(np.shape(xs)[1]):
        h = gru_step(xs[:, t], h, kernel, recurrent_kernel, bias)
        states.append(h)
    return np.stack(states, axis=1)


def additive_attention(queries, keys, values, v, mask=None) -> tuple[np.ndarray, np.ndarray]:
    """Bahdanau's additive attention on projected queries ``(n, Tq, k)`` and keys ``(n, Tv, k)``: scores
    ``e_ij = v · tanh(q_i + k_j)``, weights ``α = softmax_j(e)`` (positions where ``mask`` ``(n, Tv)`` is False get
    none), and contexts ``Σ_j α_ij values_j``. Returns ``(contexts (n, Tq, dv), weights (n, Tq, Tv))``."""
    scores = np.tanh(queries[:, :, None, :] + keys[:, None, :, :]) @ np.asarray(v)
    if mask is not None:
        scores = np.where(np.asarray(mask, bool)[:, None, :], scores, -1e9)
    weights = np.exp(log_softmax(scores, axis=-1))
    return weights @ values, weights


@dataclass
class Seq2SeqWeights:
    """The weights of a trained encoder-decoder, as NumPy arrays (``W_query`` etc. are None without attention)."""

    enc_embedding: np.ndarray
    enc_gru: tuple[np.ndarray, np.ndarray, np.ndarray]
    dec_embedding: np.ndarray
    dec_gru: tuple[np.ndarray, np.ndarray, np.ndarray]
    out_kernel: np.ndarray
    out_bias: np.ndarray
    W_query: np.ndarray | None = None
    W_key: np.ndarray | None = None
    v: np.ndarray | None = None

    @property
    def attention(self) -> bool:
        return self.v is not None


def decoder_weights(model) -> Seq2SeqWeights:
    """Read a model built like chapter 14's (layers named ``enc_embedding``, ``enc_gru``, ``dec_embedding``,
    ``dec_gru``, ``output``, and with attention ``query``, ``key``, ``attention``) into ``Seq2SeqWeights``, as
    ``float32`` arrays (as Keras computes; half the memory traffic of ``float64`` when decoding)."""
    names = {layer.name for layer in model.layers}

    def get(name):
        return [np.asarray(w, dtype=np.float32) for w in model.get_layer(name).get_weights()]

    attention = {}
    if "attention" in names:
        attention = dict(W_query=get("query")[0], W_key=get("key")[0], v=get("attention")[0])
    out_kernel, out_bias = get("output")
    return Seq2SeqWeights(
        get("enc_embedding")[0],
        tuple(get("enc_gru")),
        get("dec_embedding")[0],
        tuple(get("dec_gru")),
        out_kernel,
        out_bias,
        **attention,
    )


@dataclass
class Memory:
    """What the decoder reads from the encoder: every encoder state ``(n, Tx, units)``, their projected keys
    ``(n, Tx, k)`` (None without attention), which input positions are not padding ``(n, Tx)``, and the final state
    ``(n, units)``, the fixed-size summary fed to every decoder step (Cho et al. 2014)."""

    states: np.ndarray
    keys: np.ndarray | None
    mask: np.ndarray
    summary: np.ndarray

    def repeat(self, width: int) -> Memory:
        """Each input's memory ``width`` times in a row (one per beam hypothesis)."""
        return Memory(
            *(
                None if a is None else np.repeat(a, width, axis=0)
                for a in (self.states, self.keys, self.mask, self.summary)
            )
        )


def encode_inputs(weights: Seq2SeqWeights, source_ids) -> Memory:
    """Run the encoder GRU over the embedded inputs (from a zero state) and return its ``Memory``."""
    source_ids = np.asarray(source_ids)
    xs = weights.enc_embedding[source_ids]
    units = weights.enc_gru[1].shape[0]
    states = gru(xs, np.zeros((len(xs), units), dtype=xs.dtype), *weights.enc_gru)
    keys = states @ weights.W_key if weights.attention else None
    return Memory(states, keys, source_ids != PAD, states[:, -1])


def decoder_step(weights: Seq2SeqWeights, tokens, state, memory: Memory):
    """One decoder step. The GRU reads the previous token's embedding and the encoder's summary, from ``state``
    ``(n, units)``; with attention, its new state is the query and ``[state, context]`` feeds the output layer (the
    state alone without). Returns the log-probabilities of the next token ``(n, vocabulary)``, the new state, and the
    attention weights over the input ``(n, Tx)`` (None without attention)."""
    x = np.concatenate([weights.dec_embedding[np.asarray(tokens)], memory.summary], axis=-1)
    state = gru_step(x, state, *weights.dec_gru)
    alignment = None
    features = state
    if weights.attention:
        context, alignment = additive_attention(
            (state @ weights.W_query)[:, None], memory.keys, memory.states, weights.v, memory.mask
        )
        context, alignment = context[:, 0], alignment[:, 0]
        features = np.concatenate([state, context], axis=-1)
    return log_softmax(features @ weights.out_kernel + weights.out_bias, axis=-1), state, alignment


def teacher_forced(weights: Seq2SeqWeights, source_ids, target_ids) -> tuple[np.ndarray, np.ndarray | None]:
    """Log-probabilities ``(n, Ty, vocabulary)`` of every target token given the *true* previous ones (teacher
    forcing, what training sees), and the attention weights ``(n, Ty, Tx)`` (None without attention)."""
    source_ids, target_ids = np.asarray(source_ids), np.asarray(target_ids)
    memory = encode_inputs(weights, source_ids)
    state, inputs, outputs, alignments = memory.summary, shift_right(target_ids), [], []
    for t in range(target_ids.shape[1]):
        log_p, state, alignment = decoder_step(weights, inputs[:, t], state, memory)
        outputs.append(log_p)
        alignments.append(alignment)
    return np.stack(outputs, axis=1), (np.stack(alignments, axis=1) if weights.attention else None)


def greedy_decode(
    weights: Seq2SeqWeights, source_ids, length: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Feed the model its own most probable token at each of ``length`` steps. Returns ``(ids (n, length),
    log-probability of each sequence (n,), attention weights (n, length, Tx) or None)``."""
    source_ids = np.asarray(source_ids)
    memory = encode_inputs(weights, source_ids)
    state, tokens = memory.summary, np.full(len(source_ids), START)
    ids, total, alignments = [], np.zeros(len(source_ids)), []
    for _ in range(check_number("length", length, 1, integer=True)):
        log_p, state, alignment = decoder_step(weights, tokens, state, memory)
        tokens = log_p.argmax(axis=-1)
        total += log_p[np.arange(len(tokens)), tokens]
        ids.append(tokens)
        alignments.append(alignment)
    return np.stack(ids, axis=1), total, (np.stack(alignments, axis=1) if weights.attention else None)


def beam_search(weights: Seq2SeqWeights, source_ids, length: int, beam_width: int = 4, history: bool = False):
    """Beam search: keep the ``beam_width`` most probable prefixes, extend each by every token, keep the best
    ``beam_width`` of the extensions, for ``length`` steps (every output has the same length, so no length penalty
    is needed). Returns ``(ids (n, length), log-probability (n,))`` of the best final hypothesis of each input; with
    ``history=True`` also a list, per step, of ``(prefix ids (n, k, t+1), scores (n, k), parents (n, k), attention
    weights of each kept hypothesis (n, k, Tx) or None)``. With ``beam_width=1`` it is greedy decoding."""
    source_ids = np.asarray(source_ids)
    k = check_number("beam_width", beam_width, 1, integer=True)
    n = len(source_ids)
    memory = encode_inputs(weights, source_ids)
    width = 1  # one hypothesis (the empty prefix) before the first step
    prefixes, scores = np.zeros((n, 1, 0), dtype=int), np.zeros((n, 1))
    tokens, states = np.full(n, START), memory.summary
    steps, repeated = [], {}
    for _ in range(check_number("length", length, 1, integer=True)):
        if width not in repeated:  # the memory, once per hypothesis (the width changes at most twice)
            repeated = {width: memory.repeat(width)}
        log_p, new_states, alignment = decoder_step(weights, tokens, states, repeated[width])
        vocabulary = log_p.shape[-1]
        total = (scores[..., None] + log_p.reshape(n, width, vocabulary)).reshape(n, width * vocabulary)
        keep = min(k, width * vocabulary)
        best = np.argsort(-total, axis=1, kind="stable")[:, :keep]
        parents, chosen = best // vocabulary, best % vocabulary
        rows = np.arange(n)[:, None]
        prefixes = np.concatenate([prefixes[rows, parents], chosen[..., None]], axis=2)
        scores = total[rows, best]
        flat = (rows * width + parents).ravel()
        states, tokens = new_states[flat], chosen.ravel()
        if history:
            steps.append(
                (
                    prefixes.copy(),
                    scores.copy(),
                    parents,
                    None if alignment is None else alignment[flat].reshape(n, keep, -1),
                )
            )
        width = keep
    result = (prefixes[:, 0], scores[:, 0])
    return (*result, steps) if history else result


@dataclass
class Translation:
    """One input decoded by beam search, for ``AlignmentViewer``: the input and the best output as text, the
    attention weights of that output ``(len(output), len(text))`` (None without attention), and the beam at each
    step, a list (one per step) of ``(prefix, log-probability)`` pairs, best first."""

    text: str
    output: str
    alignment: np.ndarray | None
    beam: list[list[tuple[str, float]]]


def translate(
    weights: Seq2SeqWeights,
    text: str,
    source_alphabet: str,
    target_alphabet: str,
    source_length: int,
    target_length: int,
    beam_width: int = 4,
) -> Translation:
    """Beam-search one ``text`` (encoded as the chapter does: padding at the start, target ids from 2) and collect
    what ``AlignmentViewer`` shows; the alignment is the attention along the best hypothesis's own path."""
    source = encode([text], source_alphabet, source_length, pad="start")
    best, _, steps = beam_search(weights, source, target_length, beam_width, history=True)
    beam = [
        [
            (decode(prefix, target_alphabet, offset=2)[0], float(score))
            for prefix, score in zip(prefixes[0], scores[0], strict=True)
        ]
        for prefixes, scores, _, _ in steps
    ]
    _, alignment = teacher_forced(weights, source, best)
    if alignment is not None:
        alignment = alignment[0, :, source_length - len(text) :]  # drop the padding columns
    return Translation(text, decode(best, target_alphabet, offset=2)[0], alignment, beam)


def length_penalty(length, alpha: float = 0.6) -> np.ndarray:
    """GNMT's length penalty (Wu et al. 2016), ``((5 + length) / 6) ** alpha``: a hypothesis's log-probability is
    divided by it, so that longer outputs are not ruled out merely for having more factors below 1."""
    return ((5.0 + np.asarray(length, dtype=float)) / 6.0) ** check_number("alpha", alpha, 0)
