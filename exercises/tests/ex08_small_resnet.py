from otter.test_files import test_case

OK_FORMAT = False

name = "ex08_small_resnet"
points = 3

@test_case(points=None, hidden=False)
def test_a_small_compiled_model(build_small_resnet):
    import keras
    import numpy as np
    from dlbook.grading import call
    model = call(build_small_resnet, 'build_small_resnet')
    if model is None or model is Ellipsis:
        raise AssertionError('build_small_resnet() returned nothing: write its body in place of the `...`, and do not forget the `return` statement.')
    assert isinstance(model, keras.Model), f'build_small_resnet() should return a Keras model, not {type(model).__name__}.'
    assert getattr(model, 'compiled', False), 'the model is not compiled: call model.compile(...) before returning it.'
    out = keras.ops.convert_to_numpy(model(np.zeros((2, 40, 1), dtype='float32')))
    assert out.shape == (2, 10), f'on a batch of 2 sequences the model should output shape (2, 10), not {out.shape}.'
    assert model.count_params() <= 5000, f'the model has {model.count_params():,} parameters, more than 5 000: global average pooling instead of Flatten, and fewer channels, help.'

