from otter.test_files import test_case

OK_FORMAT = False

name = "ex17_kl_gaussians"
points = 3

@test_case(points=None, hidden=False)
def test_hand_values(kl_gaussians):
    import numpy as np
    from dlbook.grading import call, check_array
    zeros = np.zeros((2, 3))
    check_array(call(kl_gaussians, 'kl_gaussians', zeros + 1.0, zeros, zeros + 1.0, zeros), [0.0, 0.0], 'kl_gaussians of two equal Gaussians (two samples of 3 dimensions)')
    got = call(kl_gaussians, 'kl_gaussians', np.array([[1.0]]), np.array([[0.0]]), np.array([[0.0]]), np.array([[0.0]]))
    check_array(got, [0.5], 'KL( N(1, 1) || N(0, 1) ), one sample of one dimension')

