from otter.test_files import test_case

OK_FORMAT = False

name = "ex18_gradient_penalty"
points = 4

@test_case(points=None, hidden=False)
def test_gradient_penalty_of_a_linear_critic(gradient_penalty):
    import numpy as np
    from dlbook.grading import call, check_array

    def critic_grad(x):
        return np.tile([3.0, 4.0], (len(x), 1))
    real, fake, eps = (np.ones((4, 2)), np.zeros((4, 2)), np.full(4, 0.5))
    got = call(gradient_penalty, 'gradient_penalty', critic_grad, real, fake, eps)
    check_array(got, 16.0, 'gradient_penalty for a critic whose gradient has norm 5 everywhere: (5 - 1)^2')

