from otter.test_files import test_case

OK_FORMAT = False

name = "ex13_memory_model"
points = 4

@test_case(points=None, hidden=False)
def test_shapes(build_memory_model):
    import numpy as np
    from dlbook.grading import call, check_answer
    model = check_answer(call(build_memory_model, 'build_memory_model'), 'build_memory_model()')
    assert hasattr(model, 'fit') and hasattr(model, 'predict'), f'build_memory_model() should return a Keras model, got {type(model).__name__}'
    out = np.asarray(model.predict(np.zeros((3, 40, 2), dtype='float32'), verbose=0))
    assert out.shape == (3, 1), f'on a batch of 3 sequences the model returns shape {out.shape}, not (3, 1)' + (': did you leave return_sequences=True on the last recurrent layer?' if out.ndim == 3 else '')

