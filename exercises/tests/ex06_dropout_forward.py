from otter.test_files import test_case

OK_FORMAT = False

name = "ex06_dropout_forward"
points = 3

@test_case(points=None, hidden=False)
def test_exact_mask(dropout_forward):
    import numpy as np
    from dlbook.grading import call, check_array
    x = np.arange(1.0, 11.0).reshape(2, 5)
    keep = np.random.default_rng(0).random(x.shape) >= 0.4
    got = call(dropout_forward, 'dropout_forward', x, 0.4, np.random.default_rng(0))
    check_array(got, x * keep / 0.6, 'dropout_forward(x, rate=0.4, rng=np.random.default_rng(0))')

@test_case(points=None, hidden=False)
def test_identity_at_inference(dropout_forward):
    import numpy as np
    from dlbook.grading import call, check_array
    x = np.arange(1.0, 7.0).reshape(3, 2)
    got = call(dropout_forward, 'dropout_forward', x, 0.5, np.random.default_rng(0), training=False)
    check_array(got, x, 'dropout_forward(x, rate=0.5, rng, training=False)')
    got = call(dropout_forward, 'dropout_forward', x, 0.0, np.random.default_rng(0))
    check_array(got, x, 'dropout_forward(x, rate=0, rng) (nothing is dropped)')

@test_case(points=None, hidden=False)
def test_rate_one_is_refused(dropout_forward):
    import numpy as np
    from dlbook.grading import call, check_array
    got = call(dropout_forward, 'dropout_forward', np.ones(4), 0.25, np.random.default_rng(1), training=False)
    check_array(got, np.ones(4), 'dropout_forward(ones, rate=0.25, rng, training=False)')
    try:
        dropout_forward(np.ones(3), 1.0, np.random.default_rng(0))
    except ValueError:
        pass
    except Exception as error:
        raise AssertionError(f'`dropout_forward` with rate=1.0 should raise ValueError, but it raised {type(error).__name__}: {error}') from None
    else:
        raise AssertionError('`dropout_forward` with rate=1.0 should raise ValueError: the rate must be in [0, 1).')

