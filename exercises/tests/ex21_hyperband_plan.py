from otter.test_files import test_case

OK_FORMAT = False

name = "ex21_hyperband_plan"
points = 4

@test_case(points=None, hidden=False)
def test_the_example(hyperband_plan):
    from dlbook.grading import call, check_answer
    got = check_answer(call(hyperband_plan, 'hyperband_plan', 9, 3), 'hyperband_plan(9, 3)')
    expected = [[(9, 1), (3, 3), (1, 9)], [(5, 3), (1, 9)], [(3, 9)]]
    assert [[tuple(r) for r in b] for b in got] == expected, f'hyperband_plan(9, 3) should be {expected}, not {got}.'

