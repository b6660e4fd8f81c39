from otter.test_files import test_case

OK_FORMAT = False

name = "ex13_shifted_windows"
points = 3

@test_case(points=None, hidden=False)
def test_shapes_on_a_short_text(shifted_windows):
    import numpy as np
    from dlbook.grading import call, check_tuple
    result = call(shifted_windows, 'shifted_windows', np.arange(10), 4, 2)
    inputs, targets = check_tuple(result, ('inputs', 'targets'), 'shifted_windows')
    assert np.shape(inputs)[1:] == (4,) and np.shape(targets) == np.shape(inputs), f'inputs and targets should both have shape (n, 4), got {np.shape(inputs)} and {np.shape(targets)}'
    assert np.array_equal(np.asarray(inputs)[0], [0, 1, 2, 3]), 'the first input window should be [0 1 2 3]'

