from otter.test_files import test_case

OK_FORMAT = False

name = "ex17_negative_elbo"
points = 3

@test_case(points=None, hidden=False)
def test_one_pixel_by_hand(negative_elbo):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(negative_elbo, 'negative_elbo', np.array([[1.0, 0.0]]), np.array([[0.5, 0.5]]), np.array([[0.0]]), np.array([[0.0]]))
    check_array(got, [2 * np.log(2)], 'negative_elbo for two pixels predicted 0.5 and a code equal to the prior')

