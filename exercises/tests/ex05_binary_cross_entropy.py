from otter.test_files import test_case

OK_FORMAT = False

name = "ex05_binary_cross_entropy"
points = 2

@test_case(points=None, hidden=False)
def test_small_example(binary_cross_entropy):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(binary_cross_entropy, 'binary_cross_entropy', np.array([1.0, 0.0, 1.0, 0.0]), np.array([0.9, 0.2, 0.6, 0.5]))
    expected = -np.mean(np.log([0.9, 0.8, 0.6, 0.5]))
    check_array(got, expected, 'binary_cross_entropy(y_true=[1, 0, 1, 0], y_pred=[0.9, 0.2, 0.6, 0.5])')

@test_case(points=None, hidden=False)
def test_finite_at_zero_and_one(binary_cross_entropy):
    import numpy as np
    from dlbook.grading import call, check_array
    with np.errstate(all='ignore'):
        got = call(binary_cross_entropy, 'binary_cross_entropy', np.array([1.0, 0.0, 1.0, 0.0]), np.array([1.0, 0.0, 0.0, 1.0]))
    eps = 1e-07
    expected = -np.mean(np.log([1 - eps, 1 - eps, eps, eps]))
    check_array(got, expected, 'binary_cross_entropy with probabilities of exactly 0 and 1 (clip them first)')

