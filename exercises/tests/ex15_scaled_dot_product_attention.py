from otter.test_files import test_case

OK_FORMAT = False

name = "ex15_scaled_dot_product_attention"
points = 4

@test_case(points=None, hidden=False)
def test_by_hand(scaled_dot_product_attention):
    import numpy as np
    from dlbook.grading import call, check_array, check_tuple
    q = np.array([[1.0, 0.0]])
    k = np.array([[1.0, 0.0], [0.0, 1.0]])
    v = np.array([[10.0], [20.0]])
    result = call(scaled_dot_product_attention, 'scaled_dot_product_attention', q, k, v)
    output, weights = check_tuple(result, ('output', 'weights'), 'scaled_dot_product_attention')
    a = np.exp(1 / np.sqrt(2)) / (np.exp(1 / np.sqrt(2)) + 1)
    check_array(weights, [[a, 1 - a]], 'the weights for q = [1, 0], keys [1, 0] and [0, 1] (d_k = 2)')
    check_array(output, [[10 * a + 20 * (1 - a)]], 'the output for q = [1, 0], keys [1, 0] and [0, 1], values 10 and 20')

@test_case(points=None, hidden=False)
def test_random_queries_keys_values(scaled_dot_product_attention):
    import numpy as np
    from dlbook.grading import call, check_array, check_tuple

    def reference(q, k, v, mask=None):
        s = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
        if mask is not None:
            s = np.where(mask, s, -np.inf)
        a = np.exp(s - s.max(axis=-1, keepdims=True))
        a = a / a.sum(axis=-1, keepdims=True)
        return (a @ v, a)
    rng = np.random.default_rng(0)
    q, k, v = (rng.normal(size=(3, 8)), rng.normal(size=(5, 8)), rng.normal(size=(5, 2)))
    result = call(scaled_dot_product_attention, 'scaled_dot_product_attention', q, k, v)
    output, weights = check_tuple(result, ('output', 'weights'), 'scaled_dot_product_attention')
    expected_output, expected_weights = reference(q, k, v)
    check_array(weights, expected_weights, 'the weights for 3 queries and 5 keys of width 8 (shape (3, 5))')
    check_array(np.sum(weights, axis=-1), np.ones(3), 'the sum of each row of the weights')
    check_array(output, expected_output, 'the output for 3 queries, 5 keys and values of width 2 (shape (3, 2))')

@test_case(points=None, hidden=False)
def test_causal_mask(scaled_dot_product_attention):
    import numpy as np
    from dlbook.grading import call, check_array, check_tuple

    def reference(q, k, v, mask=None):
        s = q @ np.swapaxes(k, -1, -2) / np.sqrt(q.shape[-1])
        if mask is not None:
            s = np.where(mask, s, -np.inf)
        a = np.exp(s - s.max(axis=-1, keepdims=True))
        a = a / a.sum(axis=-1, keepdims=True)
        return (a @ v, a)
    rng = np.random.default_rng(1)
    x = rng.normal(size=(4, 6))
    mask = np.tril(np.ones((4, 4), dtype=bool))
    result = call(scaled_dot_product_attention, 'scaled_dot_product_attention', x, x, x, mask)
    output, weights = check_tuple(result, ('output', 'weights'), 'scaled_dot_product_attention')
    weights = check_array(weights, reference(x, x, x, mask)[1], 'the weights with a causal mask (4 positions)')
    assert np.all(weights[~mask] == 0), 'Where the mask is False the weights must be exactly 0: set those scores to -np.inf before the softmax.'
    check_array(output, reference(x, x, x, mask)[0], 'the output with a causal mask (4 positions)')

