from otter.test_files import test_case

OK_FORMAT = False

name = "ex00_build_digit_model"
points = 3

@test_case(points=None, hidden=False)
def test_a_compiled_model(build_digit_model):
    import keras
    import numpy as np
    from dlbook.grading import call, check_answer
    model = check_answer(call(build_digit_model, 'build_digit_model'), 'build_digit_model()')
    assert isinstance(model, keras.Model), f'build_digit_model() should return a Keras model, not {type(model).__name__}'
    out = keras.ops.convert_to_numpy(model(np.zeros((3, 8, 8, 1), dtype='float32')))
    assert out.shape == (3, 10), f'for 3 images the model should output shape (3, 10), one probability per class, not {out.shape}'
    assert model.compiled, 'compile the model (model.compile(optimizer=..., loss=...)) before returning it'

