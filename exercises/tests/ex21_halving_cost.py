from otter.test_files import test_case

OK_FORMAT = False

name = "ex21_halving_cost"
points = 3

@test_case(points=None, hidden=False)
def test_the_example(halving_cost):
    from dlbook.grading import call, check_answer
    value = check_answer(call(halving_cost, 'halving_cost', 9, 1, 9, 3), 'halving_cost(9, 1, 9, 3)')
    assert value == 21, f'halving_cost(9, 1, 9, 3) should be 9 + 6 + 6 = 21, not {value}.'

