from otter.test_files import test_case

OK_FORMAT = False

name = "ex17_reparameterize"
points = 2

@test_case(points=None, hidden=False)
def test_small_example(reparameterize):
    import numpy as np
    from dlbook.grading import call, check_array
    mu = np.array([[0.0, 1.0], [-2.0, 0.5]])
    log_var = np.array([[0.0, 2.0 * np.log(3.0)], [2.0 * np.log(0.5), 0.0]])
    eps = np.array([[1.0, -1.0], [2.0, 0.0]])
    got = call(reparameterize, 'reparameterize', mu, log_var, eps)
    check_array(got, [[1.0, -2.0], [-1.0, 0.5]], 'reparameterize(mu, log_var, eps) with sigma = 1, 3, 0.5, 1')

@test_case(points=None, hidden=False)
def test_zero_noise_gives_the_mean(reparameterize):
    import numpy as np
    from dlbook.grading import call, check_array
    mu = np.array([[0.3, -1.2, 4.0]])
    got = call(reparameterize, 'reparameterize', mu, np.array([[1.0, -3.0, 0.5]]), np.zeros((1, 3)))
    check_array(got, mu, 'reparameterize with eps = 0 (it should return mu)')

