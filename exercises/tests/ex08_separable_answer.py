from otter.test_files import test_case

OK_FORMAT = False

name = "ex08_separable_answer"
points = 2

@test_case(points=None, hidden=False)
def test_two_whole_numbers(ex08_separable_answer):
    from dlbook.grading import check_answer
    value = check_answer(ex08_separable_answer, 'ex08_separable_answer')
    assert isinstance(value, (tuple, list)) and len(value) == 2, f'the answer should be a tuple of two integers, (parameters, multiply_adds), but it is {value!r:.60}.'
    assert all((isinstance(v, (int, float)) and float(v) == int(v) for v in value)), 'both entries should be integers.'

