from otter.test_files import test_case

OK_FORMAT = False

name = "ex18_generator_loss"
points = 2

@test_case(points=None, hidden=False)
def test_undecided_discriminator(generator_loss):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(generator_loss, 'generator_loss', np.zeros(5))
    check_array(got, np.log(2), 'generator_loss when every logit is 0 (D = 1/2): log 2')

@test_case(points=None, hidden=False)
def test_small_example(generator_loss):
    import numpy as np
    from dlbook.grading import call, check_array
    fake = np.array([-2.0, 0.0, 3.0])
    got = call(generator_loss, 'generator_loss', fake)
    check_array(got, np.mean(np.log1p(np.exp(-fake))), 'generator_loss([-2, 0, 3]), the mean of -log sigmoid(a) (the non-saturating loss, not the minimax mean of log(1 - sigmoid(a)))')

