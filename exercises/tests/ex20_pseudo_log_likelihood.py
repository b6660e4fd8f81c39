from otter.test_files import test_case

OK_FORMAT = False

name = "ex20_pseudo_log_likelihood"
points = 3

@test_case(points=None, hidden=False)
def test_no_weights_is_coin_flips(pseudo_log_likelihood):
    import numpy as np
    from dlbook.grading import call, check_array
    X = np.array([[1.0, 0.0, 1.0, 1.0], [0.0, 0.0, 0.0, 0.0]])
    got = call(pseudo_log_likelihood, 'pseudo_log_likelihood', X, np.zeros((4, 2)), np.zeros(4), np.zeros(2))
    check_array(got, [4 * np.log(0.5)] * 2, 'pseudo_log_likelihood with every weight and bias 0 (4 fair coins)')

