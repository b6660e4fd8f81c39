from otter.test_files import test_case

OK_FORMAT = False

name = "ex05_adam_step"
points = 3

@test_case(points=None, hidden=False)
def test_first_step(adam_step):
    import numpy as np
    from dlbook.grading import call, check_array, check_tuple
    w0, g = (np.array([1.0, 1.0, 1.0]), np.array([0.5, -2.0, 0.001]))
    result = call(adam_step, 'adam_step', w0, g, np.zeros(3), np.zeros(3), 1, lr=0.1)
    w, m, v = check_tuple(result, ('w_new', 'm_new', 'v_new'), 'adam_step')
    check_array(m, 0.1 * g, 'm_new after the first step (0.9 * 0 + 0.1 * grad)')
    check_array(v, 0.001 * g ** 2, 'v_new after the first step (0.999 * 0 + 0.001 * grad**2)')
    expected = w0 - 0.1 * np.sqrt(0.001) / 0.1 * (0.1 * g) / (np.sqrt(0.001 * g ** 2) + 1e-07)
    check_array(w, expected, 'w_new after the first step (about w - lr * sign(grad))')

@test_case(points=None, hidden=False)
def test_second_step(adam_step):
    import numpy as np
    from dlbook.grading import call, check_array, check_tuple

    def reference(w, g, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-07):
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g ** 2
        return (w - lr * np.sqrt(1 - beta2 ** t) / (1 - beta1 ** t) * m / (np.sqrt(v) + eps), m, v)
    w, g, m, v = (np.array([0.2, -0.4]), np.array([1.0, 3.0]), np.array([0.1, 0.3]), np.array([0.001, 0.009]))
    result = call(adam_step, 'adam_step', w, g, m, v, 2)
    check_tuple(result, ('w_new', 'm_new', 'v_new'), 'adam_step')
    for got, want, name in zip(result, reference(w, g, m, v, 2), ('w_new', 'm_new', 'v_new')):
        check_array(got, want, f'{name} at step t=2 with the default hyperparameters')

