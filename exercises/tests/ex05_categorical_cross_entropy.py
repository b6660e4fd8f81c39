from otter.test_files import test_case

OK_FORMAT = False

name = "ex05_categorical_cross_entropy"
points = 2

@test_case(points=None, hidden=False)
def test_small_example(categorical_cross_entropy):
    import numpy as np
    from dlbook.grading import call, check_array
    y = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    p = np.array([[0.7, 0.2, 0.1], [0.3, 0.3, 0.4]])
    got = call(categorical_cross_entropy, 'categorical_cross_entropy', y, p)
    check_array(got, -np.mean(np.log([0.7, 0.4])), 'categorical_cross_entropy on two samples of three classes')

@test_case(points=None, hidden=False)
def test_finite_for_a_zero_probability(categorical_cross_entropy):
    import numpy as np
    from dlbook.grading import call, check_array
    y = np.array([[0.0, 1.0], [1.0, 0.0]])
    p = np.array([[1.0, 0.0], [1.0, 0.0]])
    with np.errstate(all='ignore'):
        got = call(categorical_cross_entropy, 'categorical_cross_entropy', y, p)
    expected = -np.mean([np.log(1e-07), np.log(1 - 1e-07)])
    check_array(got, expected, 'categorical_cross_entropy when the true class has probability exactly 0')

