from otter.test_files import test_case

OK_FORMAT = False

name = "ex14_teacher_forcing"
points = 3

@test_case(points=None, hidden=False)
def test_shape(teacher_forcing_inputs):
    import numpy as np
    from dlbook.grading import call, check_answer
    got = call(teacher_forcing_inputs, 'teacher_forcing_inputs', np.array([[5, 6, 7], [8, 9, 10]]))
    got = np.asarray(check_answer(got, 'teacher_forcing_inputs(targets)'))
    assert got.shape == (2, 3), f"the inputs should have the targets' shape (2, 3), not {got.shape}."

