from otter.test_files import test_case

OK_FORMAT = False

name = "ex15_cached_attention_step"
points = 4

@test_case(points=None, hidden=False)
def test_first_step(cached_attention_step):
    import numpy as np
    from dlbook.grading import call, check_array, check_tuple
    q, k, v = (np.array([1.0, 0.0]), np.array([0.5, 2.0]), np.array([3.0, -1.0, 4.0]))
    out, cache = check_tuple(call(cached_attention_step, 'cached_attention_step', q, k, v, None), ('out', 'cache'), 'cached_attention_step')
    check_array(out, v, "out at the first step (the only key is the token's own, so out = v_new)")
    keys, values = check_tuple(tuple(cache) if isinstance(cache, (tuple, list)) else cache, ('K', 'V'), 'the cache')
    assert np.shape(keys) == (1, 2) and np.shape(values) == (1, 3), f'after one step the cache should hold K of shape (1, 2) and V of shape (1, 3), got {np.shape(keys)}, {np.shape(values)}'

