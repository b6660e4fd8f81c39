from otter.test_files import test_case

OK_FORMAT = False

name = "ex04_gradient_answer"
points = 2

@test_case(points=None, hidden=False)
def test_three_numbers(ex04_gradient_answer):
    from dlbook.grading import check_answer
    value = check_answer(ex04_gradient_answer, 'ex04_gradient_answer')
    assert isinstance(value, (tuple, list)) and len(value) == 3, f'ex04_gradient_answer should be a tuple of three numbers (df/dx, df/dy, df/dz), not {value!r:.60}'
    assert all((isinstance(v, (int, float)) and (not isinstance(v, bool)) for v in value)), f'each entry of ex04_gradient_answer should be a number, not {value!r:.60}'

