from otter.test_files import test_case

OK_FORMAT = False

name = "ex18_generator_update"
points = 3

@test_case(points=None, hidden=False)
def test_generator_update_returns_a_number(generator_update):
    import numpy as np
    from dlbook.grading import call, check_answer
    got = check_answer(call(generator_update, 'generator_update', 0.0, 1.0, 0.0, np.zeros(4), 0.1), 'generator_update(0.0, 1.0, 0.0, np.zeros(4), 0.1)')
    assert np.ndim(got) == 0, f'generator_update should return the new theta, a number; got {got!r:.60}'
    assert abs(float(got) - 0.05) < 1e-09, f'with theta = 0, w = 1, b = 0 and z = 0, D(G(z)) = 1/2 and the step is learning_rate * 1/2 = 0.05 towards the data side; got {float(got)}'

