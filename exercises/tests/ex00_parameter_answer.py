from otter.test_files import test_case

OK_FORMAT = False

name = "ex00_parameter_answer"
points = 2

@test_case(points=None, hidden=False)
def test_two_whole_numbers(ex00_parameter_answer):
    from dlbook.grading import check_answer
    value = check_answer(ex00_parameter_answer, 'ex00_parameter_answer')
    assert isinstance(value, (tuple, list)) and len(value) == 2, f'ex00_parameter_answer should be a tuple of two numbers (MLP, logistic regression), not {value!r:.60}'
    assert all((float(v) == int(v) and v > 0 for v in value)), 'parameter counts are positive whole numbers'

