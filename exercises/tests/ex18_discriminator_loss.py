from otter.test_files import test_case

OK_FORMAT = False

name = "ex18_discriminator_loss"
points = 3

@test_case(points=None, hidden=False)
def test_undecided_discriminator(discriminator_loss):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(discriminator_loss, 'discriminator_loss', np.zeros(4), np.zeros(6))
    check_array(got, 2 * np.log(2), 'discriminator_loss when every logit is 0 (D = 1/2 everywhere): log 2 + log 2')

@test_case(points=None, hidden=False)
def test_small_example(discriminator_loss):
    import numpy as np
    from dlbook.grading import call, check_array
    real, fake = (np.array([2.0, -1.0]), np.array([-3.0, 0.5, 1.0]))
    got = call(discriminator_loss, 'discriminator_loss', real, fake)
    expected = np.mean(np.log1p(np.exp(-real))) + np.mean(np.log1p(np.exp(fake)))
    check_array(got, expected, 'discriminator_loss(real_logits=[2, -1], fake_logits=[-3, 0.5, 1]), the sum of the mean over the real logits and the mean over the fake ones')

