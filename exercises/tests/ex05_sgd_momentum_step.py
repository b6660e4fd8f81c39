from otter.test_files import test_case

OK_FORMAT = False

name = "ex05_sgd_momentum_step"
points = 3

@test_case(points=None, hidden=False)
def test_one_step_by_hand(sgd_momentum_step):
    import numpy as np
    from dlbook.grading import call, check_array, check_tuple
    result = call(sgd_momentum_step, 'sgd_momentum_step', np.array([1.0, -2.0]), np.array([0.5, -1.0]), np.array([1.0, 0.0]), 0.1, 0.9)
    w, v = check_tuple(result, ('w_new', 'velocity_new'), 'sgd_momentum_step')
    check_array(v, [0.85, 0.1], 'velocity_new = 0.9 * [1, 0] - 0.1 * [0.5, -1]')
    check_array(w, [1.85, -1.9], 'w_new = w + velocity_new')

@test_case(points=None, hidden=False)
def test_from_rest_it_is_plain_sgd(sgd_momentum_step):
    import numpy as np
    from dlbook.grading import call, check_array, check_tuple
    w0, g = (np.array([[0.5, 1.0], [2.0, -1.0]]), np.array([[1.0, -2.0], [0.0, 4.0]]))
    result = call(sgd_momentum_step, 'sgd_momentum_step', w0, g, np.zeros((2, 2)), 0.05, 0.9)
    w, v = check_tuple(result, ('w_new', 'velocity_new'), 'sgd_momentum_step')
    check_array(w, w0 - 0.05 * g, 'w_new after a first step from zero velocity (plain SGD: w - lr * grad)')
    check_array(v, -0.05 * g, 'velocity_new after a first step from zero velocity (-lr * grad)')

