from otter.test_files import test_case

OK_FORMAT = False

name = "ex09_upsample_answer"
points = 2

@test_case(points=None, hidden=False)
def test_two_whole_numbers(ex09_upsample_answer):
    from dlbook.grading import check_answer
    value = check_answer(ex09_upsample_answer, 'ex09_upsample_answer')
    assert isinstance(value, (tuple, list)) and len(value) == 2, f'the answer should be a tuple of two integers, (parameters, side), but it is {value!r:.60}.'
    assert all((isinstance(v, (int, float)) and float(v) == int(v) for v in value)), 'both entries should be integers.'

