from otter.test_files import test_case

OK_FORMAT = False

name = "ex01_pocket_perceptron"
points = 4

@test_case(points=None, hidden=False)
def test_separable_data(pocket_perceptron):
    import numpy as np
    from dlbook.grading import call, check_tuple
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([-1, 1, 1, 1])
    result = call(pocket_perceptron, 'pocket_perceptron', X, y, 20, np.random.default_rng(0))
    w, b = check_tuple(result, ('w', 'b'), 'pocket_perceptron')
    w = np.asarray(w, dtype=float)
    assert w.shape == (2,), f'w should have shape (2,), but it has shape {w.shape}.'
    mistakes = int(np.sum(y * (X @ w + float(b)) <= 0))
    assert mistakes == 0, f'on the OR gate, which is separable, the pocketed weights still make {mistakes} mistakes.'

