from otter.test_files import test_case

OK_FORMAT = False

name = "ex01_signed_perceptron"
points = 3

@test_case(points=None, hidden=False)
def test_and_gate(signed_perceptron):
    import numpy as np
    from dlbook.grading import call, check_array, check_tuple
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    result = call(signed_perceptron, 'signed_perceptron', X, np.array([-1, -1, -1, 1]))
    w, b = check_tuple(result, ('w', 'b'), 'signed_perceptron')
    w = np.asarray(w, dtype=float)
    assert w.shape == (2,), f'w should have shape (2,), one weight per feature, but it has shape {w.shape}.'
    assert np.any(w != 0), 'signed_perceptron returned zero weights: at the start w . x + b = 0 for every point, and a point exactly on the line is a mistake too (<= 0, not < 0).'
    assert float(b) != 0, 'the bias never changed: update b on every mistake, not only w.'
    check_array((X @ w + float(b) > 0).astype(int), [0, 0, 0, 1], 'the predictions of the learned (w, b) on AND')

