from otter.test_files import test_case

OK_FORMAT = False

name = "ex11_capsule_loss"
points = 3

@test_case(points=None, hidden=False)
def test_a_perfect_capsule_and_image_cost_nothing(capsule_loss):
    import numpy as np
    from dlbook.grading import call, check_array
    v = np.array([[[0.0, 0.95], [0.05, 0.0], [0.0, 0.0]]])
    image = np.ones((1, 4))
    got = call(capsule_loss, 'capsule_loss', np.array([0]), v, image, image)
    check_array(got, [0.0], 'capsule_loss of a perfect prediction')

