from otter.test_files import test_case

OK_FORMAT = False

name = "ex11_squash_lengths_answer"
points = 2

@test_case(points=None, hidden=False)
def test_three_lengths(ex11_squash_lengths_answer):
    from dlbook.grading import check_answer
    value = check_answer(ex11_squash_lengths_answer, 'ex11_squash_lengths_answer')
    assert isinstance(value, tuple) and len(value) == 3, f'write a tuple of three numbers, not {value!r:.60}.'
    assert all((isinstance(x, (int, float)) for x in value)), 'each of the three lengths is a number.'

