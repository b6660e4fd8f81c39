from otter.test_files import test_case

OK_FORMAT = False

name = "ex10_glyph_encoder"
points = 4

@test_case(points=None, hidden=False)
def test_a_small_model_of_glyphs(make_glyph_encoder):
    import keras
    import numpy as np
    from dlbook.grading import call
    model = call(make_glyph_encoder, 'make_glyph_encoder')
    if model is None or model is Ellipsis:
        raise AssertionError('make_glyph_encoder() returned nothing: write its body in place of the `...`, and do not forget the `return` statement.')
    assert isinstance(model, keras.Model), f'make_glyph_encoder() should return a Keras model, not {type(model).__name__}.'
    shape = tuple(model.inputs[0].shape[1:]) if model.inputs else None
    assert shape == (16, 16, 1), f'the model reads glyphs of shape (16, 16, 1), but its input has shape {shape}.'
    out = keras.ops.convert_to_numpy(model(np.zeros((2, 16, 16, 1), dtype='float32')))
    assert out.ndim == 2 and out.shape[0] == 2, f'on a batch of 2 glyphs the model should output 2 embedding vectors, shape (2, d), not {out.shape}.'
    assert model.count_params() <= 60000, f'the model has {model.count_params():,} parameters, more than 60 000: convolutions and pooling keep it small; a wide dense layer does not.'

