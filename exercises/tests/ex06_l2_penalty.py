from otter.test_files import test_case

OK_FORMAT = False

name = "ex06_l2_penalty"
points = 2

@test_case(points=None, hidden=False)
def test_small_example(l2_penalty):
    import numpy as np
    from dlbook.grading import call, check_array
    weights = [np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([-1.0, 0.5])]
    got = call(l2_penalty, 'l2_penalty', weights, 0.1)
    check_array(got, 3.125, 'l2_penalty([[[1, 2], [3, 4]], [-1, 0.5]], lam=0.1), that is 0.1 * (30 + 1.25)')

@test_case(points=None, hidden=False)
def test_zero_strength(l2_penalty):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(l2_penalty, 'l2_penalty', [np.array([3.0, -4.0])], 0.0)
    check_array(got, 0.0, 'l2_penalty(weights, lam=0)')

