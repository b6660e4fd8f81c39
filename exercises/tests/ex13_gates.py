from otter.test_files import test_case

OK_FORMAT = False

name = "ex13_gates"
points = 2

@test_case(points=None, hidden=False)
def test_letters(ex13_gates_answer):
    from dlbook.grading import check_choice
    check_choice(ex13_gates_answer, 'abcdef', 'ex13_gates_answer')

