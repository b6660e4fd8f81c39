from otter.test_files import test_case

OK_FORMAT = False

name = "ex09_segmenter"
points = 4

@test_case(points=None, hidden=False)
def test_a_compiled_model_of_probability_masks(build_segmenter):
    import keras
    import numpy as np
    from dlbook.grading import call
    model = call(build_segmenter, 'build_segmenter')
    if model is None or model is Ellipsis:
        raise AssertionError('build_segmenter() returned nothing: write its body in place of the `...`, and do not forget the `return` statement.')
    assert isinstance(model, keras.Model), f'build_segmenter() should return a Keras model, not {type(model).__name__}.'
    assert getattr(model, 'compiled', False), 'the model is not compiled: call model.compile(...) before returning it.'
    x = np.random.default_rng(0).uniform(size=(2, 32, 32, 1)).astype('float32')
    out = keras.ops.convert_to_numpy(model(x))
    assert out.shape == (2, 32, 32, 1), f'on a batch of 2 images the model should output one probability per pixel, shape (2, 32, 32, 1), not {out.shape}: end with a 1x1 convolution of one filter.'
    assert model.count_params() <= 40000, f'the model has {model.count_params():,} parameters, more than 40 000.'

