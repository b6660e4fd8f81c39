from otter.test_files import test_case

OK_FORMAT = False

name = "ex21_promote"
points = 3

@test_case(points=None, hidden=False)
def test_a_small_rung(promote):
    from dlbook.grading import call, check_answer
    got = check_answer(call(promote, 'promote', ['a', 'b', 'c', 'd', 'e', 'f'], [0.5, 0.9, 0.1, 0.7, 0.3, 0.2], 3), 'promote')
    assert list(got) == ['b', 'd'], f"of six configurations with eta = 3 the best two, best first: ['b', 'd'], not {got}."

