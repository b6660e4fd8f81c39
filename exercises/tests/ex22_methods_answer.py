from otter.test_files import test_case

OK_FORMAT = False

name = "ex22_methods_answer"
points = 2

@test_case(points=None, hidden=False)
def test_format(ex22_methods_answer):
    from dlbook.grading import check_choice
    check_choice(ex22_methods_answer, 'abcdefg', 'ex22_methods_answer')

