from otter.test_files import test_case

OK_FORMAT = False

name = "ex12_xor_model"
points = 3

@test_case(points=None, hidden=False)
def test_a_compiled_model_with_one_output_per_step(build_xor_model):
    import keras
    import numpy as np
    from dlbook.grading import call
    model = call(build_xor_model, 'build_xor_model')
    if model is None or model is Ellipsis:
        raise AssertionError('build_xor_model() returned nothing: write its body in place of the `...`, and do not forget the `return` statement.')
    assert isinstance(model, keras.Model), f'build_xor_model() should return a Keras model, not {type(model).__name__}.'
    assert getattr(model, 'compiled', False), 'the model is not compiled: call model.compile(...) before returning it.'
    out = keras.ops.convert_to_numpy(model(np.zeros((2, 7, 1), dtype='float32')))
    assert out.shape == (2, 7, 1), f'on a batch of shape (2, 7, 1) the model should output shape (2, 7, 1), one probability per step, but it outputs {out.shape}: did you forget return_sequences=True?'

