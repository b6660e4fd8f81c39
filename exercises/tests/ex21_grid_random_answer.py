from otter.test_files import test_case

OK_FORMAT = False

name = "ex21_grid_random_answer"
points = 2

@test_case(points=None, hidden=False)
def test_format(ex21_grid_random_answer):
    from dlbook.grading import check_answer
    value = check_answer(ex21_grid_random_answer, 'ex21_grid_random_answer')
    assert isinstance(value, tuple) and len(value) == 3, 'write a tuple of three numbers, (grid, random, probability).'
    assert 0 <= float(value[2]) <= 1, f'the third number is a probability, between 0 and 1, not {value[2]}.'

