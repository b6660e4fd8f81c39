from otter.test_files import test_case

OK_FORMAT = False

name = "ex20_pcd_rbm"
points = 4

@test_case(points=None, hidden=False)
def test_shapes_on_a_tiny_set(fit_pcd_rbm):
    import numpy as np
    from dlbook.grading import call, check_tuple
    X = (np.random.default_rng(0).random((40, 9)) < 0.3).astype(float)
    W, b, c = check_tuple(call(fit_pcd_rbm, 'fit_pcd_rbm', X, 3, seed=0), ('W', 'b', 'c'), 'fit_pcd_rbm')
    for value, shape, name in zip((W, b, c), [(9, 3), (9,), (3,)], 'W b c'.split()):
        assert np.shape(value) == shape, f'{name} should have shape {shape}, but it has shape {np.shape(value)}.'
        assert np.isfinite(np.asarray(value, dtype=float)).all(), f'{name} contains inf or nan.'

