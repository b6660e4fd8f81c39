from otter.test_files import test_case

OK_FORMAT = False

name = "ex22_importance_answer"
points = 2

@test_case(points=None, hidden=False)
def test_three_numbers(ex22_importance_answer):
    from dlbook.grading import check_answer
    value = check_answer(ex22_importance_answer, 'ex22_importance_answer')
    assert isinstance(value, (tuple, list)) and len(value) == 3, f'the answer should be a tuple of three numbers, one per feature, but it is {value!r:.60}.'
    assert all((isinstance(v, (int, float)) for v in value)), 'each entry should be a number.'
    assert float(value[2]) == 0.0, 'the model does not use x2: shuffling it changes no prediction.'

