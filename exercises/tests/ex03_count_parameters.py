from otter.test_files import test_case

OK_FORMAT = False

name = "ex03_count_parameters"
points = 2

@test_case(points=None, hidden=False)
def test_one_layer(count_parameters):
    from dlbook.grading import call, check_answer
    got = check_answer(call(count_parameters, 'count_parameters', [2, 1]), 'count_parameters([2, 1])')
    assert isinstance(got, int), f'count_parameters should return an int, not a {type(got).__name__}'
    assert got == 3, f'count_parameters([2, 1]) should be 3 (two weights and a bias), not {got}'

@test_case(points=None, hidden=False)
def test_no_layer(count_parameters):
    from dlbook.grading import call, check_answer
    got = check_answer(call(count_parameters, 'count_parameters', [5]), 'count_parameters([5])')
    assert got == 0, f'count_parameters([5]) is a network with inputs only: 0 parameters, not {got}'

