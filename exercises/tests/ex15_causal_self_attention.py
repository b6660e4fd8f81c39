from otter.test_files import test_case

OK_FORMAT = False

name = "ex15_causal_self_attention"
points = 3

@test_case(points=None, hidden=False)
def test_first_row_and_shape(causal_self_attention):
    import numpy as np
    from dlbook.grading import call, check_answer, check_array
    rng = np.random.default_rng(0)
    q, k, v = (rng.normal(size=(4, 3)), rng.normal(size=(4, 3)), rng.normal(size=(4, 2)))
    out = check_answer(call(causal_self_attention, 'causal_self_attention', q, k, v), 'causal_self_attention(q, k, v)')
    assert np.shape(out) == (4, 2), f'for q, k of shape (4, 3) and v (4, 2) the output should be (4, 2), not {np.shape(out)}'
    check_array(np.asarray(out)[0], v[0], 'row 0 of causal_self_attention (query 0 sees only key 0, so its output is v[0])')

