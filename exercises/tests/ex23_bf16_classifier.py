from otter.test_files import test_case

OK_FORMAT = False

name = "ex23_bf16_classifier"
points = 3

@test_case(points=None, hidden=False)
def test_returns_a_model_on_a_tiny_set(train_bf16_classifier):
    import keras
    import numpy as np
    from dlbook.grading import call, check_answer
    rng = np.random.default_rng(0)
    X, y = (rng.normal(size=(64, 40)).astype('float32'), rng.integers(0, 10, 64))
    before = keras.mixed_precision.dtype_policy()
    try:
        model = check_answer(call(train_bf16_classifier, 'train_bf16_classifier', X, y, seed=0), 'the model train_bf16_classifier returns')
    finally:
        keras.mixed_precision.set_dtype_policy(before)
    assert isinstance(model, keras.Model), f'train_bf16_classifier should return a Keras model, not {type(model)}.'
    probabilities = keras.ops.convert_to_numpy(model(X[:4]))
    assert probabilities.shape == (4, 10), f'the model should output (n, 10) probabilities, not {probabilities.shape}.'

