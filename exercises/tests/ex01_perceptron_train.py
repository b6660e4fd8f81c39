from otter.test_files import test_case

OK_FORMAT = False

name = "ex01_perceptron_train"
points = 4

@test_case(points=None, hidden=False)
def test_learns_and(perceptron_train):
    import numpy as np
    from dlbook.grading import call, check_array, check_tuple
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    result = call(perceptron_train, 'perceptron_train', X, np.array([0, 0, 0, 1]))
    w, b = check_tuple(result, ('w', 'b'), 'perceptron_train')
    w = np.asarray(w, dtype=float)
    assert w.shape == (2,), f'w should have shape (2,), one weight per feature, but it has shape {w.shape}.'
    predictions = (X @ w + float(b) > 0).astype(int)
    check_array(predictions, [0, 0, 0, 1], 'the predictions of the learned (w, b) on the AND gate')

@test_case(points=None, hidden=False)
def test_exact_rule_on_and(perceptron_train):
    import numpy as np
    from dlbook.grading import call, check_array, check_tuple
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    result = call(perceptron_train, 'perceptron_train', X, np.array([0, 0, 0, 1]))
    check_tuple(result, ('w', 'b'), 'perceptron_train')
    check_array(result[0], [2.0, 1.0], 'w after training on the AND gate (start at zero, samples in order)')
    check_array(result[1], -2.0, 'b after training on the AND gate (start at zero, samples in order)')

