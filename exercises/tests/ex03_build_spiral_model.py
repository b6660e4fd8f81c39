from otter.test_files import test_case

OK_FORMAT = False

name = "ex03_build_spiral_model"
points = 4

@test_case(points=None, hidden=False)
def test_a_compiled_model(build_spiral_model):
    import keras
    import numpy as np
    from dlbook.grading import call, check_answer
    model = check_answer(call(build_spiral_model, 'build_spiral_model'), 'build_spiral_model()')
    assert isinstance(model, keras.Model), f'build_spiral_model() should return a Keras model, not {type(model).__name__}'
    out = keras.ops.convert_to_numpy(model(np.zeros((3, 2), dtype='float32')))
    assert out.shape == (3, 1), f'for 3 points of 2 coordinates the model should output shape (3, 1), not {out.shape}'
    assert model.compiled, 'compile the model (model.compile(optimizer=..., loss=...)) before returning it'

