from otter.test_files import test_case

OK_FORMAT = False

name = "ex04_softmax_cross_entropy_backward"
points = 3

@test_case(points=None, hidden=False)
def test_one_sample(softmax_cross_entropy_backward):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(softmax_cross_entropy_backward, 'softmax_cross_entropy_backward', np.array([[0.0, 0.0]]), np.array([0]))
    check_array(got, [[-0.5, 0.5]], 'the gradient for logits (0, 0) and label 0 (both probabilities are 1/2)')

@test_case(points=None, hidden=False)
def test_shape(softmax_cross_entropy_backward):
    import numpy as np
    from dlbook.grading import call, check_array
    logits = np.arange(12.0).reshape(4, 3) / 4
    got = call(softmax_cross_entropy_backward, 'softmax_cross_entropy_backward', logits, np.array([0, 1, 2, 1]))
    check_array(np.asarray(got).sum(axis=1), np.zeros(4), 'each row of the gradient summed (it should be 0)', atol=1e-09)

