from otter.test_files import test_case

OK_FORMAT = False

name = "ex18_wasserstein_losses"
points = 3

@test_case(points=None, hidden=False)
def test_wasserstein_losses_shape(wasserstein_losses):
    import numpy as np
    from dlbook.grading import call, check_tuple
    got = call(wasserstein_losses, 'wasserstein_losses', np.zeros(3), np.zeros(5))
    critic, generator = check_tuple(got, ('critic_loss', 'generator_loss'), 'wasserstein_losses')
    assert np.ndim(critic) == 0 and np.ndim(generator) == 0, 'each loss is a single number, not an array'
    assert float(critic) == 0 and float(generator) == 0, 'with every score 0, both losses are 0'

