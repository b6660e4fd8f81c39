from otter.test_files import test_case

OK_FORMAT = False

name = "ex11_capsule_classifier"
points = 4

@test_case(points=None, hidden=False)
def test_lengths_on_a_tiny_set(fit_capsule_classifier):
    import numpy as np
    from dlbook.grading import call, check_answer
    rng = np.random.default_rng(0)
    X, y = (rng.random((20, 8, 8, 1)).astype('float32'), np.arange(20) % 10)
    model = check_answer(call(fit_capsule_classifier, 'fit_capsule_classifier', X, y, seed=0), 'the model fit_capsule_classifier returns')
    assert hasattr(model, 'predict'), f'fit_capsule_classifier should return a Keras model, not {model!r:.60}.'
    out = np.asarray(model.predict(X[:3], verbose=0))
    assert out.shape == (3, 10), f"the model should output the 10 capsules' lengths, shape (3, 10) for 3 images, not {out.shape}."
    assert np.isfinite(out).all() and out.min() >= 0 and (out.max() <= 1), 'capsule lengths lie between 0 and 1.'

