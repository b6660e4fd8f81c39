from otter.test_files import test_case

OK_FORMAT = False

name = "ex17_kl_divergence"
points = 3

@test_case(points=None, hidden=False)
def test_hand_computed_values(kl_divergence):
    import numpy as np
    from dlbook.grading import call, check_array
    mu = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 0.0]])
    log_var = np.array([[0.0, 0.0], [0.0, 0.0], [np.log(2.0), 0.0]])
    got = call(kl_divergence, 'kl_divergence', mu, log_var)
    check_array(got, [0.0, 0.5, 0.5 * (1 - np.log(2.0))], 'kl_divergence for three examples with 2 latent dimensions')

@test_case(points=None, hidden=False)
def test_shape_is_batch(kl_divergence):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(kl_divergence, 'kl_divergence', np.ones((5, 3)), np.zeros((5, 3)))
    check_array(got, np.full(5, 1.5), 'kl_divergence(mu = 1, log_var = 0) for a batch of 5 with 3 latent dimensions (one value per example, summed over the 3 dimensions)')

