from otter.test_files import test_case

OK_FORMAT = False

name = "ex18_mode_collapse"
points = 2

@test_case(points=None, hidden=False)
def test_mode_collapse_answer_format(ex18_mode_collapse_answer):
    from dlbook.grading import check_choice
    check_choice(ex18_mode_collapse_answer, 'abcde', 'ex18_mode_collapse_answer')

