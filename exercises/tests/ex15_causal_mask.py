from otter.test_files import test_case

OK_FORMAT = False

name = "ex15_causal_mask"
points = 1

@test_case(points=None, hidden=False)
def test_three_positions(causal_mask):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(causal_mask, 'causal_mask', 3)
    got_array = check_array(got, [[1, 0, 0], [1, 1, 0], [1, 1, 1]], 'causal_mask(3) (True counts as 1)')
    assert np.asarray(got).dtype == bool, f'causal_mask should return a boolean array (dtype bool), but its dtype is {np.asarray(got).dtype}.'
    assert got_array.shape == (3, 3)

