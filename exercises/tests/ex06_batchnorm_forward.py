from otter.test_files import test_case

OK_FORMAT = False

name = "ex06_batchnorm_forward"
points = 3

@test_case(points=None, hidden=False)
def test_normalises_each_column(batchnorm_forward):
    import numpy as np
    from dlbook.grading import call, check_array
    x = np.array([[1.0, 2.0], [3.0, 6.0], [5.0, 10.0]])
    got = call(batchnorm_forward, 'batchnorm_forward', x, np.ones(2), np.zeros(2))
    expected = (x - [3.0, 6.0]) / np.sqrt(np.array([8 / 3, 32 / 3]) + 0.001)
    check_array(got, expected, 'batchnorm_forward(x, gamma=1, beta=0) on a 3 x 2 batch')

@test_case(points=None, hidden=False)
def test_gamma_and_beta(batchnorm_forward):
    import numpy as np
    from dlbook.grading import call, check_array
    x = np.array([[0.0, 1.0, -2.0], [2.0, 1.5, 2.0], [4.0, 2.0, 0.0], [6.0, 3.5, 4.0]])
    gamma, beta = (np.array([2.0, 0.5, 1.0]), np.array([1.0, -1.0, 3.0]))
    got = call(batchnorm_forward, 'batchnorm_forward', x, gamma, beta)
    expected = gamma * (x - x.mean(axis=0)) / np.sqrt(x.var(axis=0) + 0.001) + beta
    check_array(got, expected, 'batchnorm_forward with gamma=[2, 0.5, 1] and beta=[1, -1, 3]')

