from otter.test_files import test_case

OK_FORMAT = False

name = "ex05_rmsprop_step"
points = 3

@test_case(points=None, hidden=False)
def test_shapes_and_first_step(rmsprop_step):
    import numpy as np
    from dlbook.grading import call, check_array, check_tuple
    result = call(rmsprop_step, 'rmsprop_step', np.ones((2, 3)), np.full((2, 3), 2.0), np.zeros((2, 3)), 0.1)
    w_new, s_new = check_tuple(result, ('w_new', 's_new'), 'rmsprop_step')
    check_array(s_new, np.full((2, 3), 0.4), 's_new after a first step with grad 2 (0.9 * 0 + 0.1 * 2**2)')
    assert np.shape(w_new) == (2, 3), f'w_new should have the shape (2, 3) of w, not {np.shape(w_new)}'
    assert np.all(np.asarray(w_new) < 1), 'a positive gradient must lower the weights'

