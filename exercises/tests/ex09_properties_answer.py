from otter.test_files import test_case

OK_FORMAT = False

name = "ex09_properties_answer"
points = 2

@test_case(points=None, hidden=False)
def test_format(ex09_properties_answer):
    from dlbook.grading import check_choice
    check_choice(ex09_properties_answer, 'abcdef', 'ex09_properties_answer')

